"""The synthetic ecosystem: the size asked for, the same graph for the same seed, and valid."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from rdflib import Graph

from ssegraph.graph import KnowledgeGraph
from ssegraph.synth import ACTOR_KINDS, synthesize, write
from ssegraph.validate import validate_graph

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def synthetic() -> list:
    return list(synthesize(6_000, seed=11))


def test_synthetic_graph_has_about_the_requested_size_and_no_repeated_triple(synthetic) -> None:
    assert 6_000 <= len(synthetic) < 6_000 + 120  # stops within one slice of the ecosystem
    assert len(set(synthetic)) == len(synthetic)


def test_same_seed_gives_the_same_graph_and_another_seed_another(synthetic) -> None:
    assert list(synthesize(6_000, seed=11)) == synthetic
    assert list(synthesize(6_000, seed=12)) != synthetic


def test_synthetic_graph_conforms_to_the_shapes_beside_the_curated_data(synthetic) -> None:
    kg = KnowledgeGraph.load(ROOT)
    kg.add(synthetic, "data/synthetic")
    report = validate_graph(kg)
    assert report.count("Violation") == 0, [f.as_dict() for f in report.findings[:5]]


def test_synthetic_graph_has_every_kind_of_actor_with_french_and_english_names(synthetic) -> None:
    graph = Graph()
    for triple in synthetic:
        graph.add(triple)
    kg = KnowledgeGraph.load(ROOT)
    kg.add(graph, "data/synthetic")
    for kind, *_ in ACTOR_KINDS:
        rows = kg.select(
            "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?kind ; skos:prefLabel ?fr , ?en "
            "FILTER (LANG(?fr) = 'fr' && LANG(?en) = 'en') }",
            {"kind": kind},
        )
        assert int(rows[0]["n"]) > 0, kind
    for needed in ("org:Membership", "sse:Session", "sse:PolicyOutcome", "sse:SourceDocument"):
        assert kg.ask(f"ASK {{ ?x a/rdfs:subClassOf* {needed} }}"), needed


def test_write_makes_a_file_that_loads_with_the_same_triples(tmp_path: Path) -> None:
    target = tmp_path / "synthetic.nt"
    written = write(target, 2_000, seed=5)
    assert len(Graph().parse(target, format="nt")) == written


def test_a_regenerated_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "synthetic.nt"
    write(target, 200, seed=1)
    target.chmod(0o640)
    write(target, 200, seed=2)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
