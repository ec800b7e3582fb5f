"""A larger graph pushed to each real server derives what the embedded store derives.

The curated graph is small enough that a server's planner takes the same road as the embedded
store; on a synthetic ecosystem of 10,000 more triples Virtuoso 7.2 chose another, and lost
rows of a property path between two bound nodes (``tenure-sources``: 1 dated source of 51, so
most memberships' periods went missing). Each server here is a private one, started for this
module alone: the project it holds is not the one the other server tests read. Every
catalogue query (its variant for the server's engine where it has one), the networks and the
measures built from each are the embedded store's too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from answers import comparable, network_as_data, settings
from conftest import SERVERS, push_into, running_server
from ssegraph.catalogue import Catalogue
from ssegraph.derive.queries import text
from ssegraph.graph import KnowledgeGraph
from ssegraph.metrics import compute
from ssegraph.network import build
from ssegraph.synth import write
from ssegraph.vocab import DERIVED_GRAPHS

ROOT = Path(__file__).resolve().parents[1]
TRIPLES = 10_000

# A derived graph's statements, but those about blank nodes, which a server is not sent.
DERIVED = """SELECT ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER (!isBlank(?s) && !isBlank(?o))
}"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The curated project with a synthetic ecosystem of ``TRIPLES`` triples beside it."""
    root = tmp_path_factory.mktemp("synthetic") / "project"
    for part in ("ontology", "queries", "data"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns(".ssegraph"))
    write(root / "data" / "synthetic.ttl", TRIPLES, seed=7)
    return root


@pytest.fixture(scope="module")
def embedded(project: Path) -> KnowledgeGraph:
    return KnowledgeGraph.load(project)


@pytest.fixture(scope="module")
def catalogue(project: Path) -> Catalogue:
    return Catalogue.load(project)


@pytest.fixture(scope="module", params=SERVERS)
def pushed(request: pytest.FixtureRequest, project: Path) -> Iterator[KnowledgeGraph]:
    """The project pushed into a fresh server of its own."""
    with running_server(request.param) as server:
        yield push_into(server, project)


@pytest.mark.parametrize("name", sorted(DERIVED_GRAPHS))
def test_each_derived_graph_is_the_embedded_one_on_each_server(
    embedded: KnowledgeGraph, pushed: KnowledgeGraph, name: str
) -> None:
    graph = {"g": DERIVED_GRAPHS[name]}
    here = {tuple(row.values()) for row in embedded.select(DERIVED, graph)}
    there = {tuple(row.values()) for row in pushed.select(DERIVED, graph)}
    assert len(here) > 500
    assert there == here


def test_every_dated_source_is_read_on_each_server(
    embedded: KnowledgeGraph, pushed: KnowledgeGraph
) -> None:
    def sources(kg: KnowledgeGraph) -> set[str]:
        return {str(row["source"]) for row in kg.select(text("tenure-sources"))}

    assert len(sources(embedded)) > 50
    assert sources(pushed) == sources(embedded)


def test_the_members_as_of_a_date_are_the_same_on_each_server(
    embedded: KnowledgeGraph, pushed: KnowledgeGraph, catalogue: Catalogue
) -> None:
    members = catalogue.get("members-as-of")
    rows = {tuple(row) for row in members.results(embedded, {})}
    assert rows
    assert {tuple(row) for row in members.results(pushed, {})} == rows


@pytest.mark.parametrize("network", ["co-membership", "co-event"])
def test_every_network_is_the_same_built_from_each_server(
    embedded: KnowledgeGraph, pushed: KnowledgeGraph, network: str
) -> None:
    here = build(embedded, network)
    assert here.number_of_edges() > 1000
    assert network_as_data(build(pushed, network)) == network_as_data(here)


def test_the_measures_are_the_same_computed_from_each_server(
    embedded: KnowledgeGraph, pushed: KnowledgeGraph
) -> None:
    assert compute(build(pushed, "union")) == compute(build(embedded, "union"))


@pytest.mark.parametrize(("name", "values"), settings())
def test_every_catalogue_query_answers_the_same_on_each_server(
    embedded: KnowledgeGraph,
    pushed: KnowledgeGraph,
    catalogue: Catalogue,
    name: str,
    values: dict[str, str],
) -> None:
    query = catalogue.get(name)
    assert comparable(query.results(pushed, values)) == comparable(query.results(embedded, values))
