"""Provenance: the five source documents and what cites them.

Every source is a dcterms:BibliographicResource with a title, a language and its file name as
dcterms:identifier; the dated ones carry their date.  Every actor, person, membership, event
and outcome cites its sources with prov:wasDerivedFrom; the attestation dates of memberships
are the dates of the sources they cite; each actor cites every source that names it.
"""

from __future__ import annotations

import pytest

from .helpers import (
    SOURCES,
    XSD,
    assert_derived,
    resolve_one,
    select,
    source,
    str_values,
    typed_values,
)

SOURCE_DATES = {"000": "2017-07-08", "001": "2014-09-17"}


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_source_is_a_bibliographic_resource_with_title_and_language(kg, key):
    s = source(kg, key)
    rows = select(kg, f"SELECT ?c WHERE {{ <{s}> a/rdfs:subClassOf* ?c }}")
    classes = {str(r["c"]) for r in rows}
    assert "http://purl.org/dc/terms/BibliographicResource" in classes
    assert "https://w3id.org/ssegraph/ontology#SourceDocument" in classes, (
        "the five curated texts are sse:SourceDocument"
    )
    titles = [t for t in str_values(kg, s, "dcterms:title") if t.strip()]
    assert titles, f"{SOURCES[key]} has no dcterms:title"
    langs = {v.rstrip("/").rsplit("/", 1)[-1].casefold()
             for v in str_values(kg, s, "dcterms:language")}
    assert langs & {"fr", "fra", "fre", "french"}, f"{SOURCES[key]} is in French: {langs}"


@pytest.mark.parametrize(("key", "day"), sorted(SOURCE_DATES.items()))
def test_dated_source_carries_its_date(kg, key, day):
    s = source(kg, key)
    assert typed_values(kg, s, "dcterms:date") == {(day, XSD + "date")}


@pytest.mark.parametrize(
    ("kind", "pattern"),
    [
        ("organisation", "?x a/rdfs:subClassOf* org:Organization ."),
        ("person", "?x a/rdfs:subClassOf* foaf:Person ."),
        ("membership", "{ ?x a/rdfs:subClassOf* org:Membership } UNION { ?x org:member ?any }"),
        ("event", "?x a/rdfs:subClassOf* schema:Event ."),
        ("outcome", "?x a/rdfs:subClassOf* sse:PolicyOutcome ."),
    ],
)
def test_every_node_of_kind_is_derived_from_a_source_document(kg, kind, pattern):
    total = select(kg, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
    assert int(total[0]["n"]) > 0, f"no {kind} in the graph"
    rows = select(
        kg,
        f"SELECT DISTINCT ?x WHERE {{ {pattern} "
        "FILTER(isIRI(?x) && STRSTARTS(STR(?x), 'https://w3id.org/ssegraph/id/')) "
        "FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?s . "
        "?s a/rdfs:subClassOf* dcterms:BibliographicResource } }",
    )
    missing = sorted(str(r["x"]) for r in rows)
    assert not missing, f"{len(missing)} {kind}(s) without a source: {missing[:20]}"


def test_every_cited_source_is_a_bibliographic_resource(kg):
    rows = select(
        kg,
        "SELECT DISTINCT ?s WHERE { ?x prov:wasDerivedFrom ?s . "
        "FILTER NOT EXISTS { ?s a/rdfs:subClassOf* dcterms:BibliographicResource } }",
    )
    assert not rows, [str(r["s"]) for r in rows]


def test_every_source_document_has_an_identifier_title_and_language(kg):
    rows = select(
        kg,
        "SELECT DISTINCT ?s WHERE { ?s a/rdfs:subClassOf* dcterms:BibliographicResource . "
        "FILTER (NOT EXISTS { ?s dcterms:title ?t } || NOT EXISTS { ?s dcterms:language ?l }) }",
    )
    assert not rows, [str(r["s"]) for r in rows]


def test_attestation_dates_are_dates_of_cited_sources(kg):
    rows = select(
        kg,
        "SELECT ?m ?d WHERE { ?m org:member ?x ; sse:attestedOn ?d . "
        "FILTER NOT EXISTS { ?m prov:wasDerivedFrom ?s . ?s dcterms:date ?sd . "
        "FILTER(str(?sd) = str(?d)) } }",
    )
    bad = sorted((str(r["m"]), str(r["d"])) for r in rows)
    assert not bad, f"attestations without a source of that date: {bad[:20]}"


def test_attested_memberships_cite_the_2014_and_2017_lists(kg):
    for key, day in SOURCE_DATES.items():
        rows = select(
            kg,
            "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m org:member ?x ; ?p ?d . "
            "FILTER(?p = dcterms:date || EXISTS { ?p rdfs:subPropertyOf+ dcterms:date }) "
            f'FILTER(str(?d) = "{day}") }}',
        )
        assert int(rows[0]["n"]) > 0, f"no membership attested on {day} ({SOURCES[key]})"


def test_inferences_cite_their_sources_and_explain_themselves(kg):
    rows = select(
        kg,
        "SELECT DISTINCT ?i WHERE { ?i a/rdfs:subClassOf* sse:Inference . "
        "FILTER (NOT EXISTS { ?i prov:wasDerivedFrom ?s } || NOT EXISTS { ?i rdfs:comment ?c } "
        "|| NOT EXISTS { ?i sse:concerns ?n }) }",
    )
    assert not rows, [str(r["i"]) for r in rows]


# Actors and the curated sources that name them.
ACTOR_SOURCES = [
    (("GPIESS",), "org", ("000", "001")),
    (("ESSFI", "RMB"), "org", ("000", "001", "002")),
    (("UNTFSSE", "TFSSE"), "org", ("000", "001", "002", "003", "004")),
    (("RIPESS",), "org", ("000", "002", "004")),
    (("GSEF",), "org", ("000", "003", "004")),
    (("ACI",), "org", ("000", "001", "004")),
    (("AIM",), "org", ("000", "001", "004")),
    (("AIMF",), "org", ("000", "001")),
    (("FMDV",), "org", ("000", "001")),
    (("France",), "org", ("000", "001")),
    (("Maroc",), "org", ("000", "001")),
    (("Equateur",), "org", ("000", "001")),
    (("Luxembourg",), "org", ("000", "001")),
    (("Colombie",), "org", ("000", "001")),
    (("Québec",), "org", ("000", "001")),
    (("Costa Rica",), "org", ("000",)),
    (("Grèce",), "org", ("000",)),
    (("Sénégal",), "org", ("000",)),
    (("MAEDI",), "org", ("000",)),
    (("DIESS",), "org", ("000",)),
    (("OIT",), "org", ("000", "001", "002", "003")),
    (("UNRISD",), "org", ("000", "001", "002", "003")),
    (("ONU-SLNG",), "org", ("000", "001", "002")),
    (("UN-DESA",), "org", ("000", "001", "003")),
    (("OCDE",), "org", ("000", "001", "003")),
    (("FAO",), "org", ("000", "001", "002")),
    (("CNUCED",), "org", ("000", "001", "002")),
    (("PNUD",), "org", ("000", "001", "002")),
    (("ONU Femmes",), "org", ("000", "001", "002")),
    (("PAM",), "org", ("000", "001")),
    (("INAISE",), "org", ("004",)),
    (("WFTO",), "org", ("004",)),
    (("INAES",), "org", ("003",)),
    (("Thierry Jeantet",), "person", ("001",)),
    (("François Hollande",), "person", ("001",)),
    (("Ben Quinones",), "person", ("002",)),
    (("Daniel Tygel",), "person", ("002",)),
    (("Judith Hitchman",), "person", ("002",)),
    (("Laurence Kwark",), "person", ("003",)),
    (("Antonella Noya",), "person", ("003",)),
]


@pytest.mark.parametrize(("names", "kind", "keys"), ACTOR_SOURCES,
                         ids=[a[0][0] for a in ACTOR_SOURCES])
def test_actor_cites_every_source_that_names_it(kg, names, kind, keys):
    node = resolve_one(kg, kind, names)
    assert_derived(kg, node, *keys)
