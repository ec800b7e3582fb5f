"""The shortest-path measures of ``network.paths`` (the compiled kernel and the igraph way of
small networks) against networkx's own, and the twins' quotient the kernel searches."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from ssegraph import metrics
from ssegraph.graph import KnowledgeGraph
from ssegraph.network import build, paths
from ssegraph.synth import synthesize

ROOT = Path(__file__).resolve().parents[1]
KERNEL, IGRAPH = 0, 10**9  # native_from: every network to the kernel, or none


def scattered() -> nx.Graph:
    """Several components of different shapes, isolated nodes, twins (the cliques of the
    caveman graph and the pair apart) and leaves, so every case of the searches is met."""
    graph = nx.disjoint_union_all(
        [
            nx.les_miserables_graph(),
            nx.karate_club_graph(),
            nx.connected_caveman_graph(6, 5),
            nx.path_graph(5),
            nx.path_graph(2),
            nx.empty_graph(3),
        ]
    )
    return nx.relabel_nodes(graph, {node: f"n{node}" for node in graph})


def assert_networkx_values(graph: nx.Graph, native_from: int) -> None:
    found = paths.measures(metrics.to_igraph(graph), native_from)
    between = nx.betweenness_centrality(graph, normalized=False)
    closeness = nx.closeness_centrality(graph)
    assert found.betweenness == pytest.approx([between[node] for node in graph], abs=1e-9)
    assert found.closeness == pytest.approx([closeness[node] for node in graph], abs=1e-15)


@pytest.mark.parametrize("native_from", [KERNEL, IGRAPH], ids=["kernel", "igraph"])
def test_both_measures_are_networkx_on_a_scattered_network(native_from) -> None:
    graph = scattered()
    assert_networkx_values(graph, native_from)
    found = paths.measures(metrics.to_igraph(graph), native_from)
    assert found.closeness[-1] == found.betweenness[-1] == 0.0  # an isolated node
    assert max(found.betweenness) > 0


@pytest.mark.parametrize("native_from", [KERNEL, IGRAPH], ids=["kernel", "igraph"])
@pytest.mark.parametrize(
    "graph",
    [nx.empty_graph(1), nx.empty_graph(2), nx.path_graph(2), nx.path_graph(3), nx.star_graph(4)],
    ids=["one node", "two apart", "one edge", "a path of three", "a star"],
)
def test_the_smallest_networks(graph, native_from) -> None:
    assert_networkx_values(graph, native_from)


def test_the_empty_network_has_no_measures() -> None:
    assert paths.measures(metrics.to_igraph(nx.empty_graph(0)), KERNEL) == paths.PathMeasures(
        [], []
    )


def test_a_path_counts_each_pair_once() -> None:
    found = paths.measures(metrics.to_igraph(nx.path_graph(4)), KERNEL)
    assert found.betweenness == [0.0, 2.0, 2.0, 0.0]
    assert found.closeness == pytest.approx([0.5, 0.75, 0.75, 0.5])


def test_closed_twins_are_one_class_numbered_by_degree() -> None:
    """A triangle a-b-c with a leaf on c: a and b are twins (c's neighbourhood has the leaf),
    so the quotient is the path {a, b} - c - leaf, c (degree 2) first."""
    edges = np.array([(0, 1), (1, 2), (0, 2), (2, 3)])
    merged = paths.quotient(4, edges)
    assert merged.of.tolist() == [1, 1, 0, 2]
    assert merged.sizes.tolist() == [1, 2, 1]
    assert merged.indptr.tolist() == [0, 2, 3, 4]
    assert merged.indices.tolist() == [1, 2, 0, 0]
    assert merged.indices.dtype == np.uint16


def test_a_network_of_more_classes_than_two_bytes_number() -> None:
    """70,000 actors alone beside a club: the kernel's rows are then of 4-byte numbers.
    (networkx's betweenness would visit every node from every source: the club's own is the
    same, whatever lies apart.)"""
    club = nx.karate_club_graph()
    graph = nx.disjoint_union(club, nx.empty_graph(70_000))
    engine = metrics.to_igraph(graph)
    assert paths.quotient(engine.vcount(), np.array(engine.get_edgelist())).indices.dtype == (
        np.int32
    )
    found = paths.measures(engine, KERNEL)
    between = nx.betweenness_centrality(club, normalized=False)
    assert found.betweenness[: len(club)] == pytest.approx([between[node] for node in club])
    assert set(found.betweenness[len(club) :]) == set(found.closeness[len(club) :]) == {0.0}
    closeness = [nx.closeness_centrality(graph, u=node) for node in club]
    assert found.closeness[: len(club)] == pytest.approx(closeness, abs=1e-15)


def test_loops_do_not_change_the_measures() -> None:
    graph = nx.karate_club_graph()
    looped = graph.copy()
    looped.add_edges_from([(0, 0), (5, 5)])
    plain = paths.measures(metrics.to_igraph(graph), KERNEL)
    assert paths.measures(metrics.to_igraph(looped), KERNEL) == plain


@pytest.mark.knowledge
def test_the_kernel_gives_networkx_values_on_the_curated_co_membership_network(kg) -> None:
    graph = build(kg, "co-membership")
    assert graph.number_of_nodes() > 50
    assert_networkx_values(graph, KERNEL)


@pytest.fixture(scope="module")
def thousands() -> nx.Graph:
    """The co-membership network of the real ontology with a 100k-triple synthetic
    ecosystem: about 2,000 actors in a main component and a hundred small ones."""
    graph = KnowledgeGraph.load(ROOT)
    graph.add(synthesize(100_000, seed=3), "data/synthetic")
    return build(graph, "co-membership")


def test_the_kernel_is_igraph_and_networkx_on_thousands_of_actors(thousands) -> None:
    """networkx would take most of a minute for all of them here: igraph's betweenness (the
    same values on every network above) stands for its betweenness, and its closeness is
    computed for every tenth actor."""
    assert thousands.number_of_nodes() > 2_000
    assert nx.number_connected_components(thousands) > 10
    engine = metrics.to_igraph(thousands)
    found = paths.measures(engine, KERNEL)
    merged = paths.quotient(engine.vcount(), np.array(engine.get_edgelist()))
    assert len(merged.sizes) < engine.vcount()  # twins were merged
    expected = engine.betweenness(directed=False)
    assert found.betweenness == pytest.approx(expected, rel=1e-12, abs=1e-9)
    for i, node in list(enumerate(thousands))[::10]:
        expected = nx.closeness_centrality(thousands, u=node)
        assert found.closeness[i] == pytest.approx(expected, abs=1e-15)
