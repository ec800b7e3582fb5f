"""The curated Turtle files hold together before any code reads them.

These checks read the files themselves: they guard the rules that the loader relies on (each
triple stated in one file, every reference resolvable, countries generated from ISO 3166).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pycountry
import pytest
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import ORG, SKOS

from ssegraph.countries import OUTPUT_NAME, country_turtle, curated_files, state_slugs

ROOT = Path(__file__).resolve().parents[1]
DATA_FILES = sorted((ROOT / "data").glob("*.ttl"))
ONTOLOGY_FILES = sorted((ROOT / "ontology").glob("*.ttl"))
ID = "https://w3id.org/ssegraph/id/"
SSE = "https://w3id.org/ssegraph/ontology#"
SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {path.name: Graph().parse(path) for path in ONTOLOGY_FILES + DATA_FILES}


@pytest.fixture(scope="module")
def merged(graphs: dict[str, Graph]) -> Graph:
    union = Graph()
    for graph in graphs.values():
        union += graph
    return union


def test_no_triple_is_stated_in_two_files(graphs: dict[str, Graph]) -> None:
    # The embedded store keeps one copy per named graph, so a restated triple is counted twice.
    files_of: dict[tuple, list[str]] = defaultdict(list)
    for name, graph in graphs.items():
        for triple in graph:
            if not any(isinstance(term, BNode) for term in triple):
                files_of[triple].append(name)
    restated = {triple: names for triple, names in files_of.items() if len(names) > 1}
    assert restated == {}


def test_every_thing_referred_to_is_described_somewhere(merged: Graph) -> None:
    referenced = {o for o in merged.objects() if isinstance(o, URIRef) and str(o).startswith(ID)}
    undescribed = {str(o) for o in referenced if (o, RDF.type, None) not in merged}
    assert undescribed == set()


def test_every_sse_term_used_by_the_data_is_declared_by_the_ontology(merged: Graph) -> None:
    ontology = Graph()
    for path in ONTOLOGY_FILES:
        ontology.parse(path)
    used = {p for p in merged.predicates() if str(p).startswith(SSE)}
    used |= {c for c in merged.objects(None, RDF.type) if str(c).startswith(SSE)}
    assert {str(t) for t in used if (t, RDF.type, None) not in ontology} == set()


def test_every_membership_role_comes_from_a_role_scheme(merged: Graph) -> None:
    for membership in merged.subjects(RDF.type, ORG.Membership):
        role = merged.value(membership, ORG.role)
        assert role is not None, membership
        assert (role, SKOS.inScheme, None) in merged, f"{membership}: {role} is in no scheme"


def test_countries_file_is_what_pycountry_generates_for_the_states_named() -> None:
    generated = country_turtle(state_slugs(curated_files(ROOT / "data")))
    assert (ROOT / "data" / OUTPUT_NAME).read_text(encoding="utf-8") == generated


def test_every_country_code_and_subdivision_code_is_a_real_iso_3166_code(merged: Graph) -> None:
    codes = list(merged.objects(None, URIRef(SSE + "isoCode")))
    assert codes, "no ISO 3166-1 codes in the data"
    for code in codes:
        assert pycountry.countries.get(alpha_2=str(code)) is not None, code
    for code in merged.objects(None, URIRef(SSE + "subdivisionCode")):
        assert pycountry.subdivisions.get(code=str(code)) is not None, code


def test_every_place_is_in_a_country_with_an_iso_code(merged: Graph) -> None:
    places = set(merged.subjects(RDF.type, URIRef(SCHEMA + "City")))
    places |= set(merged.subjects(RDF.type, URIRef(SCHEMA + "Place")))
    assert places
    for place in places:
        country = merged.value(place, URIRef(SCHEMA + "addressCountry"))
        assert country is not None, place
        assert merged.value(country, URIRef(SSE + "isoCode")) is not None, place


def test_every_inference_sits_in_the_file_of_a_node_it_concerns(graphs: dict[str, Graph]) -> None:
    # An inference is read next to the fact it supports: its file also describes that node.
    concerns, inferred = URIRef(SSE + "concerns"), URIRef(SSE + "Inference")
    misplaced = []
    for name, graph in graphs.items():
        for inference in graph.subjects(RDF.type, inferred):
            nodes = set(graph.objects(inference, concerns))
            if not any((node, None, None) in graph for node in nodes):
                misplaced.append((name, sorted(str(n) for n in nodes)))
    assert misplaced == []


def test_every_country_carries_its_m49_region_sub_region_and_grouping(merged: Graph) -> None:
    m49 = {
        "FR": ("150", "155", "north"),
        "SN": ("002", "202", "south"),
        "EC": ("019", "419", "south"),
        "KR": ("142", "030", "north"),
    }
    region_of = URIRef(SSE + "m49Region")
    code_of = URIRef(SSE + "m49Code")
    countries = set(merged.subjects(RDF.type, URIRef(SCHEMA + "Country")))
    seen = {}
    for country in countries:
        region = merged.value(country, region_of)
        subregion = merged.value(country, URIRef(SSE + "m49SubRegion"))
        grouping = merged.value(country, URIRef(SSE + "developmentGroup"))
        assert None not in (region, subregion, grouping), country
        assert merged.value(subregion, SKOS.broader) == region, country
        code = str(merged.value(country, URIRef(SSE + "isoCode")))
        seen[code] = (
            str(merged.value(region, code_of)),
            str(merged.value(subregion, code_of)),
            str(grouping).rsplit("/", 1)[-1],
        )
    assert {code: seen[code] for code in m49} == m49
