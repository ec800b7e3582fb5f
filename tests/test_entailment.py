"""The standard vocabulary answers by itself: the ontology's RDFS entailments, materialised.

A researcher who knows ORG, schema.org and FOAF but not the sse: terms asks plain questions;
each finds what the subclass and sub-property paths find, on the curated graph.
"""

from __future__ import annotations

import pytest

from ssegraph.graph import KnowledgeGraph
from ssegraph.vocab import DERIVED_GRAPHS


def count(kg: KnowledgeGraph, pattern: str) -> int:
    """How many distinct answers, over the variables of the plain question (?x, ?e/?p, ...)."""
    found = [v for v in ("?x", "?e", "?p", "?o", "?a", "?w", "?m", "?d") if v in pattern]
    return len(kg.select(f"SELECT DISTINCT {' '.join(found)} WHERE {{ {pattern} }}"))


@pytest.mark.parametrize(
    ("plain", "with_paths", "at_least"),
    [
        ("?x a org:Organization", "?x a/rdfs:subClassOf* org:Organization", 60),
        ("?x a schema:Event", "?x a/rdfs:subClassOf* schema:Event", 35),
        ("?x a schema:CreativeWork", "?x a/rdfs:subClassOf* schema:CreativeWork", 9),
        ("?x a foaf:Person", "?x a/rdfs:subClassOf* foaf:Person", 19),
        ("?x a foaf:Agent", "?x a/rdfs:subClassOf* foaf:Agent", 80),
        ("?e schema:performer ?p", "?e ?q ?p . ?q rdfs:subPropertyOf* schema:performer", 10),
        ("?e schema:organizer ?o", "?e ?q ?o . ?q rdfs:subPropertyOf* schema:organizer", 20),
        ("?e schema:contributor ?o", "?e ?q ?o . ?q rdfs:subPropertyOf* schema:contributor", 5),
        ("?a prov:influenced ?w", "?a ?q ?w . ?q rdfs:subPropertyOf* prov:influenced", 3),
        ("?m dcterms:date ?d", "?m ?q ?d . ?q rdfs:subPropertyOf* dcterms:date", 100),
    ],
)
def test_a_plain_standard_question_finds_what_the_paths_find(
    kg: KnowledgeGraph, plain: str, with_paths: str, at_least: int
) -> None:
    assert count(kg, plain) == count(kg, with_paths) >= at_least


def test_the_gsef_session_speakers_answer_as_schema_performers(kg: KnowledgeGraph) -> None:
    rows = kg.select(
        "SELECT ?name WHERE { id:event\\/gsef-special-session-untfsse-2019 schema:performer ?p . "
        "?p skos:prefLabel ?name FILTER (LANG(?name) = 'en') }"
    )
    assert {str(row["name"]) for row in rows} >= {"Laurence Kwark", "Antonella Noya"}


def test_entailments_live_in_their_own_graph_and_repeat_no_stated_triple(
    mini: KnowledgeGraph,
) -> None:
    graph = DERIVED_GRAPHS["entailment"]
    entailed = mini.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert int(entailed[0]["n"]) > 0
    repeated = mini.select(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
        f"GRAPH ?file {{ ?s ?p ?o }} FILTER (?file != <{graph}>) }}"
    )
    assert int(repeated[0]["n"]) == 0


def test_without_its_derived_graphs_the_export_has_no_entailment(kg: KnowledgeGraph) -> None:
    spoke = (
        "<https://w3id.org/ssegraph/id/event/gsef-special-session-untfsse-2019> "
        "<https://schema.org/performer> <https://w3id.org/ssegraph/id/person/laurence-kwark> ."
    )
    assert spoke in kg.export("ntriples").splitlines()
    assert spoke not in kg.export("ntriples", derived=False).splitlines()
