"""Measures of actors: on small hand-made graphs whose answers are known, and on the real one."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from ssegraph.cli import app
from ssegraph.errors import BadParameter
from ssegraph.graph import KnowledgeGraph
from ssegraph.metrics import COLUMNS, SEED, compute, top, write
from ssegraph.network import Filters, build
from ssegraph.synth import synthesize

ROOT = Path(__file__).resolve().parents[1]
ENV = {"COLUMNS": "200", "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "SSEGRAPH_HOME": None}


def two_triangles_and_a_bridge() -> nx.Graph:
    """a-b-c and x-y-z, joined through the broker m (linked to c and x); z has a leaf."""
    graph = nx.Graph()
    graph.add_edges_from(
        [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")], weight=2
    )
    graph.add_edges_from([("c", "m"), ("m", "x"), ("z", "leaf")], weight=1)
    return graph


def by_node(graph: nx.Graph) -> dict:
    return {row.node: row for row in compute(graph)}


def test_the_bridge_between_two_groups_has_the_highest_betweenness() -> None:
    rows = by_node(two_triangles_and_a_bridge())
    assert top(list(rows.values()), "betweenness", 1)[0].node == "m"
    assert rows["a"].betweenness == rows["leaf"].betweenness == 0
    assert rows["c"].weighted_degree == 5  # two heavy ties in its triangle, one to m
    assert rows["a"].core == rows["m"].core == 2 and rows["leaf"].core == 1


def test_communities_are_the_triangles_and_their_ends_are_the_brokers() -> None:
    rows = by_node(two_triangles_and_a_bridge())
    assert rows["a"].community == rows["b"].community == rows["c"].community
    assert rows["x"].community == rows["y"].community == rows["z"].community
    assert rows["a"].community != rows["x"].community
    assert rows["a"].communities_linked == 0 and rows["a"].participation == 0
    assert rows["m"].communities_linked + rows["c"].communities_linked >= 1
    assert max(row.participation for row in rows.values()) > 0.3


def test_communities_are_the_same_on_every_run(kg) -> None:
    union = build(kg, "union")
    first, again = compute(union), compute(union)
    assert [row.community for row in first] == [row.community for row in again]
    assert compute(union, seed=7) == compute(union, seed=7)


def test_eigenvector_centrality_is_defined_on_a_disconnected_graph() -> None:
    graph = nx.star_graph(5)  # hub 0 with five leaves
    graph.add_edge("p", "q")  # a pair apart
    scores = by_node(graph)
    assert set(scores) == {str(node) for node in graph}
    assert scores["0"].eigenvector == max(row.eigenvector for row in scores.values())
    assert scores["p"].eigenvector == pytest.approx(scores["q"].eigenvector)
    assert scores["p"].eigenvector < scores["0"].eigenvector


def test_the_gpiess_members_of_2014_form_one_clique(kg) -> None:
    gpiess = build(kg, "co-membership", Filters(as_of=dt.date(2014, 9, 17), groups=("GPIESS",)))
    rows = compute(gpiess)
    assert len(rows) == 12
    assert {(row.degree, row.betweenness, row.closeness, row.core) for row in rows} == {
        (11, 0.0, 1.0, 11)
    }
    assert {row.community for row in rows} == {0}


def test_gsef_brokers_between_communities_of_the_union_network(kg) -> None:
    union = build(kg, "union", Filters(people="organisations"))
    rows = {row.label: row for row in compute(union)}
    gsef = rows["Global Social Economy Forum"]
    assert gsef.communities_linked >= 1
    assert gsef in top(list(rows.values()), "betweenness", 3)


def test_an_unknown_measure_is_refused_with_the_known_ones() -> None:
    with pytest.raises(BadParameter, match="unknown measure"):
        top([], "fame")


def test_measures_are_saved_as_csv_and_json(tmp_path) -> None:
    rows = compute(two_triangles_and_a_bridge())
    write(rows, tmp_path / "m.csv")
    write(rows, tmp_path / "m.json")
    with (tmp_path / "m.csv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    saved = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert list(table[0]) == list(saved[0]) == COLUMNS
    assert [row["node"] for row in table] == [row["node"] for row in saved] == [*"abcxyzm", "leaf"]
    assert float(table[6]["betweenness"]) == saved[6]["betweenness"] == rows[6].betweenness
    with pytest.raises(BadParameter):
        write(rows, tmp_path / "m.xlsx")


def test_the_command_prints_the_top_actors_and_saves_every_row(tmp_path) -> None:
    saved_to = tmp_path / "m.json"
    arguments = ["metrics", "co-event", "--top", "3", "--sort", "degree", "-o", str(saved_to)]
    result = CliRunner(env=ENV).invoke(app, ["--project", str(ROOT), *arguments])
    assert result.exit_code == 0, result.output
    assert "Top 3 by degree" in result.output
    saved = json.loads(saved_to.read_text(encoding="utf-8"))
    assert saved[0]["degree"] == max(row["degree"] for row in saved)
    assert len(saved) > 3


def test_the_command_refuses_an_unknown_measure_before_building() -> None:
    result = CliRunner(env=ENV).invoke(app, ["--project", str(ROOT), "metrics", "--sort", "fame"])
    assert result.exit_code == 1
    assert "unknown measure 'fame'" in result.output


@pytest.fixture(scope="module")
def union(kg) -> nx.Graph:
    """The union network of the real graph: a main component and small ones."""
    return build(kg, "union")


@pytest.fixture(scope="module")
def synthetic() -> nx.Graph:
    """The co-membership network of the real ontology with a 10k-triple synthetic ecosystem."""
    graph = KnowledgeGraph.load(ROOT)
    graph.add(synthesize(10_000, seed=3), "data/synthetic")
    return build(graph, "co-membership")


def networkx_eigenvector(graph: nx.Graph) -> dict:
    """networkx's eigenvector centrality per component, scaled by the component's share."""
    scores = {}
    for nodes in nx.connected_components(graph):
        values = nx.eigenvector_centrality(graph.subgraph(nodes), max_iter=1000, weight="weight")
        scores.update({node: len(nodes) / len(graph) * value for node, value in values.items()})
    return scores


@pytest.mark.parametrize("name", ["union", "synthetic"])
def test_every_measure_is_the_one_networkx_gives(name, request) -> None:
    """Betweenness, closeness and k-core exactly (to rounding); eigenvector to networkx's own
    tolerance (its power iteration stops within 1e-6 per node)."""
    graph = request.getfixturevalue(name)
    assert graph.number_of_nodes() > 50 and nx.number_connected_components(graph) > 1
    rows = {row.node: row for row in compute(graph)}
    expected = {
        "betweenness": nx.betweenness_centrality(graph),
        "closeness": nx.closeness_centrality(graph),
        "core": nx.core_number(graph),
        "degree": dict(graph.degree()),
    }
    for measure, values in expected.items():
        for node, value in values.items():
            assert getattr(rows[node], measure) == pytest.approx(value, abs=1e-12), measure
    for node, value in networkx_eigenvector(graph).items():
        assert rows[node].eigenvector == pytest.approx(value, abs=1e-4)


@pytest.mark.parametrize("name", ["union", "synthetic"])
def test_communities_are_as_modular_as_networkx_louvain(name, request) -> None:
    """igraph's Louvain and networkx's visit nodes in different orders, so their partitions
    may differ where the modularity is flat: they are compared by modularity, which must be
    the same to within 0.01, or higher."""
    graph = request.getfixturevalue(name)
    found: dict[int, set] = {}
    for row in compute(graph):
        found.setdefault(row.community, set()).add(row.node)
    assert sorted(found) == list(range(len(found)))  # numbered from 0, largest first
    assert [len(found[n]) for n in sorted(found)] == sorted(map(len, found.values()), reverse=True)
    ours = nx.community.modularity(graph, found.values(), weight="weight")
    reference = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    assert ours >= nx.community.modularity(graph, reference, weight="weight") - 0.01


def test_brokers_are_counted_as_defined_even_with_a_loop_and_a_node_alone(synthetic) -> None:
    """Communities among each node's neighbours and the participation coefficient, worked
    out from the networkx graph node by node, against ``compute``'s (from the edge arrays)."""
    graph = synthetic.copy()
    hub = max(graph, key=graph.degree)
    graph.add_edge(hub, hub, weight=3)
    graph.add_node("alone")
    rows = {row.node: row for row in compute(graph)}
    for node in graph:
        into: dict[int, float] = {}
        for neighbour, data in graph[node].items():
            number = rows[neighbour].community
            into[number] = into.get(number, 0) + data.get("weight", 1)
        total = sum(into.values())
        expected = 1 - sum((w / total) ** 2 for w in into.values()) if total else 0.0
        assert rows[node].participation == pytest.approx(expected, abs=1e-12)
        assert rows[node].communities_linked == len(set(into) - {rows[node].community})
    assert rows["alone"].participation == rows["alone"].communities_linked == 0
