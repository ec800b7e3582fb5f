"""The shortest-path measures of ``network.paths`` against igraph's and networkx's own."""

from __future__ import annotations

import networkx as nx
import pytest

from ssegraph import metrics
from ssegraph.network import paths


def scattered() -> nx.Graph:
    """Several components of different shapes, isolated nodes and more than 64 nodes (two
    words of sources), so every case of the searches is met."""
    graph = nx.disjoint_union_all(
        [nx.les_miserables_graph(), nx.karate_club_graph(), nx.path_graph(5), nx.empty_graph(3)]
    )
    return nx.relabel_nodes(graph, {node: f"n{node}" for node in graph})


def test_closeness_is_the_one_networkx_gives_on_a_scattered_network() -> None:
    graph = scattered()
    ours = paths.closeness(metrics.to_igraph(graph))
    theirs = nx.closeness_centrality(graph)
    assert ours == pytest.approx([theirs[node] for node in graph], abs=1e-15)
    assert ours[-1] == 0.0  # an isolated node reaches none


def test_betweenness_shared_between_processes_is_the_sum_of_one_process() -> None:
    engine = metrics.to_igraph(scattered())
    shared = paths.betweenness(engine, workers=2, alone_below=0)
    assert shared == pytest.approx(engine.betweenness(directed=False), abs=1e-9)
    assert max(shared) > 0


def test_betweenness_is_computed_in_this_process_for_one_worker() -> None:
    engine = metrics.to_igraph(nx.path_graph(4))
    assert paths.betweenness(engine, workers=1, alone_below=0) == [0.0, 2.0, 2.0, 0.0]
