"""A network cut to its best-tied nodes as it is built (``build(top=...)``), and the network
view's JSON route that asks for it: the same nodes, edges and attributes as cutting the whole
network afterwards, the whole network's size said beside them."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from ssegraph.graph import KnowledgeGraph
from ssegraph.network import build
from ssegraph.serve.app import create_app
from ssegraph.serve.network import Asked, Drawn, DrawNetwork, asked, drawn
from ssegraph.serve.site import Settings


def best_tied(graph: nx.Graph, top: int) -> list[str]:
    return sorted(graph, key=lambda node: (-graph.degree(node), str(node)))[:top]


@pytest.mark.parametrize("network", ["co-membership", "union", "actor-group"])
def test_the_top_nodes_built_alone_are_those_of_the_whole_network(kg, network) -> None:
    whole = build(kg, network)
    cut = build(kg, network, top=10)
    kept = best_tied(whole, 10)
    assert sorted(cut) == sorted(kept) and cut.graph["total"] == whole.number_of_nodes()
    assert dict(cut.nodes(data=True)) == {node: whole.nodes[node] for node in kept}
    expected = whole.subgraph(kept)
    assert {frozenset(edge) for edge in cut.edges} == {frozenset(e) for e in expected.edges}
    assert all(cut.edges[u, v] == whole.edges[u, v] for u, v in cut.edges)


def test_a_cut_with_room_for_every_node_is_the_whole_network(kg) -> None:
    whole = build(kg, "co-membership")
    cut = build(kg, "co-membership", top=whole.number_of_nodes())
    assert cut.graph.pop("total") == whole.number_of_nodes()
    assert nx.utils.graphs_equal(cut, whole)


def test_an_ego_network_is_not_cut_before_its_ego_is_found(kg) -> None:
    wanted: Asked = asked({"ego": ["UNRISD"]})
    found = DrawNetwork(wanted, "en", limit=3).run(kg)
    whole = build(kg, wanted.network, wanted.filters)
    assert isinstance(found, Drawn) and found.shown == 3
    assert found.total == whole.number_of_nodes()


def elements(found: Drawn) -> tuple[list, list]:
    """The nodes and edges drawn, in one order, without the edges' running numbers."""
    edges = [
        {k: v for k, v in edge["data"].items() if k != "id"} for edge in found.elements["edges"]
    ]
    return (
        sorted(found.elements["nodes"], key=lambda node: str(node["data"]["id"])),
        sorted(edges, key=lambda edge: (str(edge["source"]), str(edge["target"]))),
    )


def test_the_view_draws_what_cutting_the_whole_network_draws(kg) -> None:
    found = DrawNetwork(asked({"network": ["union"]}), "en", limit=12).run(kg)
    expected = drawn(build(kg, "union"), limit=12)
    assert isinstance(found, Drawn) and elements(found) == elements(expected)
    assert (found.total, found.shown, found.edges, found.kinds, found.last_year) == (
        expected.total,
        expected.shown,
        expected.edges,
        expected.kinds,
        expected.last_year,
    )
    assert found.total > found.shown == 12


@pytest.fixture(scope="module")
def client(kg: KnowledgeGraph) -> Iterator[TestClient]:
    with TestClient(create_app(kg, Settings(timeout=30))) as client:
        yield client


def test_the_json_route_says_how_many_of_how_many_nodes_it_sends(client) -> None:
    answer = client.get("/network.json", params={"network": "union"})
    assert answer.status_code == 200
    found = answer.json()["drawn"]
    assert found["total"] >= found["shown"] == len(found["elements"]["nodes"])
    ids = {node["data"]["id"] for node in found["elements"]["nodes"]}
    assert all(
        {e["data"]["source"], e["data"]["target"]} <= ids for e in found["elements"]["edges"]
    )
