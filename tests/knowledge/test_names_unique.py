"""Names: one node per real-world thing, and no two things under one preferred name.

No two nodes share a skos:prefLabel in the same language; a node has at most one prefLabel per
language; every organisation is named in French and English; alternative names carry a
language tag; rdfs:label is not used on instances; roles are SKOS concepts of a scheme with
English and French names; each name or acronym used by the sources for one thing leads to one
node.
"""

from __future__ import annotations

import pytest

from . import helpers as h

ID = "https://w3id.org/ssegraph/id/"


def test_no_two_nodes_share_a_pref_label_in_the_same_language(kg):
    rows = h.select(
        kg,
        "SELECT ?l (COUNT(DISTINCT ?s) AS ?n) (GROUP_CONCAT(DISTINCT STR(?s); separator=' ') "
        "AS ?nodes) WHERE { ?s skos:prefLabel ?l } GROUP BY ?l HAVING (COUNT(DISTINCT ?s) > 1)",
    )
    clashes = sorted(f"{r['l']}@{r['l'].language}: {r['nodes']}" for r in rows)
    assert not clashes, "\n".join(clashes)


def test_no_two_nodes_share_a_pref_label_up_to_case_and_accents_in_one_language(kg):
    seen: dict = {}
    for r in h.select(kg, "SELECT ?s ?l WHERE { ?s skos:prefLabel ?l }"):
        key = (h.norm(r["l"]), getattr(r["l"], "language", None))
        seen.setdefault(key, set()).add(r["s"])
    clashes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not clashes, {f"{k[0]}@{k[1]}": sorted(map(str, v)) for k, v in clashes.items()}


def test_at_most_one_pref_label_per_language(kg):
    h.assert_no_rows(
        kg,
        "SELECT ?s ?lang (COUNT(DISTINCT ?l) AS ?n) WHERE { ?s skos:prefLabel ?l } "
        "GROUP BY ?s (LANG(?l) AS ?lang) HAVING (COUNT(DISTINCT ?l) > 1)",
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_organisation_has_a_pref_label_in(kg, lang):
    rows = h.select(
        kg,
        "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* org:Organization . "
        "FILTER NOT EXISTS { ?x skos:prefLabel ?l . "
        f'FILTER(LANGMATCHES(LANG(?l), "{lang}")) }} }}',
    )
    missing = sorted(str(r["x"]) for r in rows)
    assert not missing, f"{len(missing)} organisation(s) without a prefLabel@{lang}: {missing}"


# What has no skos:prefLabel at all, by the standard class (pattern on ?x) it falls under.
UNNAMED = "SELECT DISTINCT ?x WHERE {{ {} FILTER NOT EXISTS {{ ?x skos:prefLabel ?l }} }}"


def test_every_person_has_a_pref_label(kg):
    h.assert_no_rows(kg, UNNAMED.format("?x a/rdfs:subClassOf* foaf:Person ."))


def test_every_event_and_outcome_has_a_pref_label(kg):
    h.assert_no_rows(
        kg,
        UNNAMED.format(
            "{ ?x a/rdfs:subClassOf* schema:Event }"
            " UNION { ?x a/rdfs:subClassOf* sse:PolicyOutcome }"
        ),
    )


def test_organisation_labels_carry_a_language_tag(kg):
    h.assert_no_rows(
        kg,
        "SELECT DISTINCT ?x ?l WHERE { ?x a/rdfs:subClassOf* org:Organization ; "
        "skos:prefLabel|skos:altLabel ?l . FILTER(LANG(?l) = '') }",
    )


def test_alt_labels_carry_a_language_tag(kg):
    h.assert_no_rows(kg, "SELECT ?x ?l WHERE { ?x skos:altLabel ?l . FILTER(LANG(?l) = '') }")


def test_rdfs_label_is_not_used_on_instances(kg):
    h.assert_no_rows(
        kg, f"SELECT DISTINCT ?x WHERE {{ ?x rdfs:label ?l . FILTER(STRSTARTS(STR(?x), '{ID}')) }}"
    )


def test_schema_name_is_not_used_on_events(kg):
    h.assert_no_rows(
        kg, "SELECT DISTINCT ?x WHERE { ?x a/rdfs:subClassOf* schema:Event ; schema:name ?n }"
    )


def test_roles_are_skos_concepts_in_a_scheme_named_in_english_and_french(kg):
    h.assert_no_rows(
        kg,
        "SELECT DISTINCT ?r WHERE { ?m org:role ?r . FILTER ( "
        "NOT EXISTS { ?r a/rdfs:subClassOf* org:Role } || NOT EXISTS { ?r a skos:Concept } "
        "|| NOT EXISTS { ?r skos:inScheme ?scheme } "
        "|| NOT EXISTS { ?r skos:prefLabel ?en . FILTER(LANGMATCHES(LANG(?en), 'en')) } "
        "|| NOT EXISTS { ?r skos:prefLabel ?fr . FILTER(LANGMATCHES(LANG(?fr), 'fr')) } ) }",
    )


# Names and acronyms used by the sources for one organisation (each must be a label of it).
ONE_THING = [
    ("GPIESS", "Groupe Pilote International de l'Economie Sociale et Solidaire"),
    ("ESSFI", "ESS Forum International", "RMB"),
    ("RIPESS", "Réseau Intercontinental pour la Promotion de l'Economie Sociale et Solidaire"),
    ("GSEF", "Forum Mondial de l'économie sociale"),
    ("ACI", "Alliance Coopérative Internationale"),
    ("AIM", "Association Internationale de la Mutualité"),
    ("AIMF", "Association Internationale des Maires Francophones"),
    ("FMDV", "Fonds Mondial pour le Développement des Villes"),
    ("MAEDI", "Ministère des Affaires Etrangères et du Développement International"),
    ("DIESS", "Délégation Interministérielle à l'Economie Sociale et Solidaire"),
    ("OCDE", "OECD", "Organisation de Coopération et de Développement Economiques"),
    ("OIT", "ILO", "Organisation Internationale du Travail", "International Labour Organization"),
    ("UNRISD", "UN-RISD"),
    ("ONU-SLNG", "UN-NGLS", "ONU- SLNG"),
    ("UN-DESA", "UNDESA"),
    ("ONU Femmes", "ONU-femmes", "UNWomen"),
    ("PAM", "WFP"),
    ("INAES", "Institut National de l'Économie Sociale du Mexique"),
    ("CEPES", "Confédération espagnole des entreprises de l'économie sociale"),
    ("Equateur", "Équateur", "Ecuador"),
    ("Maroc", "Morocco"),
    ("Grèce", "Greece"),
    ("Sénégal", "Senegal"),
    ("Colombie", "Colombia"),
]


@pytest.mark.parametrize("names", ONE_THING, ids=[n[0] for n in ONE_THING])
def test_names_used_by_the_sources_lead_to_one_organisation(kg, names):
    per_name = {n: h.find(kg, n, kind="org") for n in names}
    missing = [n for n, nodes in per_name.items() if not nodes]
    assert not missing, f"names not carried by any organisation: {missing}"
    nodes = set().union(*per_name.values())
    assert len(nodes) == 1, f"{names} name {len(nodes)} nodes: {h.describe(kg, nodes)}"


@pytest.mark.parametrize(
    "name",
    [
        "Laurence Kwark",
        "Antonella Noya",
        "Thierry Jeantet",
        "François Hollande",
        "Ester Vidal",
        "Joon Hyung Lee",
        "Edison Masereka",
        "Byung-hoon Lee",
        "Juan Antonio Pedreño",
        "Juan Carlos Urgiles",
        "Hernán Rodas",
        "Maude Brossard-Sabourin",
        "María Luisa Albores González",
        "Joaquín Pérez Rey",
        "Maravillas Espín Sáez",
        "Luisa María Alcalde Luján",
        "Ben Quinones",
        "Daniel Tygel",
        "Judith Hitchman",
    ],
)
def test_each_person_named_by_the_sources_is_one_node(kg, name):
    nodes = h.find(kg, name, kind="person")
    assert len(nodes) == 1, f"{name}: {h.describe(kg, nodes)}"
