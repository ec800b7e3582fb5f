"""Provenance: the five source documents and what cites them.

Every source is a dcterms:BibliographicResource with a title, a language and its file name as
dcterms:identifier; the dated ones carry their date.  Every actor, person, membership, event
and outcome cites its sources with prov:wasDerivedFrom; the attestation dates of memberships
are the dates of the sources they cite; each actor cites every source that names it.
"""

from __future__ import annotations

import pytest

from . import helpers as h

SOURCE_DATES = {"000": "2017-07-08", "001": "2014-09-17"}


@pytest.mark.parametrize("key", sorted(h.SOURCES))
def test_source_is_a_bibliographic_resource_with_title_and_language(kg, key):
    s = h.source(kg, key)
    rows = h.select(kg, f"SELECT ?c WHERE {{ <{s}> a/rdfs:subClassOf* ?c }}")
    classes = {str(r["c"]) for r in rows}
    assert "http://purl.org/dc/terms/BibliographicResource" in classes
    assert "https://w3id.org/ssegraph/ontology#SourceDocument" in classes, (
        "the five curated texts are sse:SourceDocument"
    )
    titles = [t for t in h.str_values(kg, s, "dcterms:title") if t.strip()]
    assert titles, f"{h.SOURCES[key]} has no dcterms:title"
    langs = {
        v.rstrip("/").rsplit("/", 1)[-1].casefold() for v in h.str_values(kg, s, "dcterms:language")
    }
    assert langs & {"fr", "fra", "fre", "french"}, f"{h.SOURCES[key]} is in French: {langs}"


@pytest.mark.parametrize(("key", "day"), sorted(SOURCE_DATES.items()))
def test_dated_source_carries_its_date(kg, key, day):
    s = h.source(kg, key)
    assert h.typed_values(kg, s, "dcterms:date") == {(day, h.XSD + "date")}


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
    total = h.select(kg, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
    assert int(total[0]["n"]) > 0, f"no {kind} in the graph"
    rows = h.select(
        kg,
        f"SELECT DISTINCT ?x WHERE {{ {pattern} "
        "FILTER(isIRI(?x) && STRSTARTS(STR(?x), 'https://w3id.org/ssegraph/id/')) "
        "FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?s . "
        "?s a/rdfs:subClassOf* dcterms:BibliographicResource } }",
    )
    missing = sorted(str(r["x"]) for r in rows)
    assert not missing, f"{len(missing)} {kind}(s) without a source: {missing[:20]}"


def test_every_cited_source_is_a_bibliographic_resource(kg):
    h.assert_no_rows(
        kg,
        "SELECT DISTINCT ?s WHERE { ?x prov:wasDerivedFrom ?s . "
        "FILTER NOT EXISTS { ?s a/rdfs:subClassOf* dcterms:BibliographicResource } }",
    )


def test_every_source_document_has_an_identifier_title_and_language(kg):
    h.assert_no_rows(
        kg,
        "SELECT DISTINCT ?s WHERE { ?s a/rdfs:subClassOf* dcterms:BibliographicResource . "
        "FILTER (NOT EXISTS { ?s dcterms:title ?t } || NOT EXISTS { ?s dcterms:language ?l }) }",
    )


def test_attestation_dates_are_on_or_before_the_date_of_a_cited_source(kg):
    # An attestation is the day a cited source vouches for the membership: the source's own
    # date, or an earlier day the text gives for the fact (a session, a speech, a webinar).
    h.assert_no_rows(
        kg,
        "SELECT ?m ?d WHERE { ?m org:member ?x ; sse:attestedOn ?d . "
        "FILTER NOT EXISTS { ?m prov:wasDerivedFrom ?s . ?s dcterms:date ?sd . "
        "FILTER(str(?d) <= str(?sd)) } }",
        "attestations after the date of every source the membership cites",
    )


def test_membership_citing_a_dated_source_is_attested_on_or_before_its_date(kg):
    h.assert_no_rows(
        kg,
        "SELECT ?m ?s WHERE { ?m org:member ?x ; prov:wasDerivedFrom ?s . ?s dcterms:date ?sd . "
        "?s a/rdfs:subClassOf* sse:SourceDocument . "
        "FILTER NOT EXISTS { ?m sse:attestedOn ?d . FILTER(str(?d) <= str(?sd)) } }",
        "memberships citing a dated source without an attestation on or before its date",
    )


def test_attested_memberships_cite_the_2014_and_2017_lists(kg):
    for key, day in SOURCE_DATES.items():
        rows = h.select(
            kg,
            "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m org:member ?x ; ?p ?d . "
            "FILTER(?p = dcterms:date || EXISTS { ?p rdfs:subPropertyOf+ dcterms:date }) "
            f'FILTER(str(?d) = "{day}") }}',
        )
        assert int(rows[0]["n"]) > 0, f"no membership attested on {day} ({h.SOURCES[key]})"


def test_inferences_cite_their_sources_and_explain_themselves(kg):
    h.assert_no_rows(
        kg,
        "SELECT DISTINCT ?i WHERE { ?i a/rdfs:subClassOf* sse:Inference . "
        "FILTER (NOT EXISTS { ?i prov:wasDerivedFrom ?s } || NOT EXISTS { ?i rdfs:comment ?c } "
        "|| NOT EXISTS { ?i sse:concerns ?n }) }",
    )


# The curated sources that name each actor, grouped by the sources.
ORGANISATIONS_BY_SOURCES = {
    ("000",): ["Costa Rica", "DIESS", "Grèce", "MAEDI", "Sénégal"],
    ("000", "001"): [
        "AIMF",
        "Colombie",
        "Equateur",
        "FMDV",
        "France",
        "GPIESS",
        "Luxembourg",
        "Maroc",
        "PAM",
        "Québec",
    ],
    ("000", "001", "002"): ["CNUCED", "ESSFI", "FAO", "ONU Femmes", "ONU-SLNG", "PNUD"],
    ("000", "001", "002", "003"): ["OIT", "UNRISD"],
    ("000", "001", "002", "003", "004"): ["UNTFSSE"],
    ("000", "001", "003"): ["OCDE", "UN-DESA"],
    ("000", "001", "004"): ["ACI", "AIM"],
    ("000", "002", "004"): ["RIPESS"],
    ("000", "003", "004"): ["GSEF"],
    ("003",): ["INAES"],
    ("004",): ["INAISE", "WFTO"],
}
PEOPLE_BY_SOURCES = {
    ("001",): ["François Hollande", "Thierry Jeantet"],
    ("002",): ["Ben Quinones", "Daniel Tygel", "Judith Hitchman"],
    ("003",): ["Antonella Noya", "Laurence Kwark"],
}
ACTOR_SOURCES = [
    (name, kind, keys)
    for kind, table in (("org", ORGANISATIONS_BY_SOURCES), ("person", PEOPLE_BY_SOURCES))
    for keys, names in table.items()
    for name in names
]


@pytest.mark.parametrize(("name", "kind", "keys"), ACTOR_SOURCES, ids=[a[0] for a in ACTOR_SOURCES])
def test_actor_cites_every_source_that_names_it(kg, name, kind, keys):
    h.assert_derived(kg, h.one(kg, name, kind=kind), *keys)
