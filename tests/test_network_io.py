"""Every network file is read back, by the reader its users have, as the network it came from.

GEXF is also validated against the GEXF 1.3 XML Schema kept in ``fixtures/gexf`` (offline).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from ssegraph.errors import BadParameter
from ssegraph.network import build
from ssegraph.network_io import FORMATS, NetworkFormat, flat, format_for, write

GEXF_SCHEMA = Path(__file__).resolve().parent / "fixtures" / "gexf" / "gexf.xsd"
NODE_KEYS = ("label", "kind", "country", "first", "last", "spells")
EDGE_KEYS = ("type", "via", "roles", "sources", "first", "last", "spells")


@pytest.fixture(scope="module")
def union(kg) -> nx.Graph:
    return build(kg, "union")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(GEXF_SCHEMA)))


def read_csv(directory: Path) -> nx.Graph:
    graph = nx.Graph()
    with (directory / "nodes.csv").open(encoding="utf-8") as handle:
        graph.add_nodes_from((row.pop("id"), row) for row in csv.DictReader(handle))
    with (directory / "edges.csv").open(encoding="utf-8") as handle:
        graph.add_edges_from(
            (row.pop("source"), row.pop("target"), row) for row in csv.DictReader(handle)
        )
    return graph


READERS = {
    "gexf": lambda path: nx.read_gexf(path, version="1.3"),
    "graphml": nx.read_graphml,
    "json": lambda path: nx.node_link_graph(json.loads(path.read_text()), edges="edges"),
    "cytoscape": lambda path: nx.cytoscape_graph(json.loads(path.read_text())),
    "csv": read_csv,
}


def text(value: object) -> str:
    """An attribute as the flat formats write it; GEXF readers give an open side as 'None'."""
    if value is None or value == "":
        return ""
    if isinstance(value, list) and value and isinstance(value[0], tuple | list):
        value = [tuple(None if side in (None, "None") else side for side in s) for s in value]
    return str(flat(value))


def summary(graph: nx.Graph) -> tuple[dict, dict]:
    nodes = {
        str(node): {key: text(data.get(key)) for key in NODE_KEYS}
        for node, data in graph.nodes(data=True)
    }
    edges = {
        frozenset((str(u), str(v))): {
            "weight": float(data["weight"]),
            **{key: text(data.get(key)) for key in EDGE_KEYS},
        }
        for u, v, data in graph.edges(data=True)
    }
    return nodes, edges


@pytest.mark.parametrize("name", sorted(READERS))
def test_every_file_reads_back_as_the_same_network(union, tmp_path, name) -> None:
    path = tmp_path / f"union{FORMATS[name].extension}"
    write(union, path, name)
    back = READERS[name](path)
    assert back.number_of_nodes() == union.number_of_nodes() > 50
    assert back.number_of_edges() == union.number_of_edges()
    assert summary(back) == summary(union)


def test_graphml_keeps_every_attribute_flattened(union, tmp_path) -> None:
    write(union, tmp_path / "union.graphml")
    back = nx.read_graphml(tmp_path / "union.graphml")
    unrisd_gsef = back.edges[
        "https://w3id.org/ssegraph/id/org/unrisd", "https://w3id.org/ssegraph/id/org/gsef"
    ]
    # UNRISD (member since the 2014 list) and GSEF (observer, 2020) share the task force;
    # both also co-organised the 2018 HLPF side event.
    assert unrisd_gsef["weight"] == 2
    assert unrisd_gsef["roles"] == "member; observer; organizer; partner"
    assert unrisd_gsef["spells"] == "2018-07-09/.."
    assert back.graph["network"] == "union"


def test_gexf_is_valid_gexf_1_3_with_spells_from_2012_on(kg, schema, tmp_path) -> None:
    write(build(kg, "actor-event"), tmp_path / "events.gexf")
    document = etree.parse(str(tmp_path / "events.gexf"))
    schema.assertValid(document)
    graph = document.getroot().find("{http://gexf.net/1.3}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    starts = sorted(spell.get("start") for spell in document.iter("{http://gexf.net/1.3}spell"))
    assert starts[0] == "2012-01-01"  # Rio+20, dated 2012: counted from the year's first day
    assert "2012-03-26" in starts  # the Mont-Blanc Meetings' side event at UN headquarters


def test_gexf_of_every_network_kind_is_valid(kg, schema, tmp_path) -> None:
    for network in ("co-membership", "co-event", "actor-group"):
        write(build(kg, network), tmp_path / f"{network}.gexf")
        schema.assertValid(etree.parse(str(tmp_path / f"{network}.gexf")))


def test_an_empty_network_writes_valid_empty_files(schema, tmp_path) -> None:
    empty = nx.Graph(name="empty")
    for name, network_format in FORMATS.items():
        if network_format.extension not in (".png", ".svg"):
            write(empty, tmp_path / f"empty{network_format.extension or '-csv'}", name)
    schema.assertValid(etree.parse(str(tmp_path / "empty.gexf")))
    assert READERS["csv"](tmp_path / "empty-csv").number_of_nodes() == 0


def test_lists_are_joined_and_spells_are_iso_intervals() -> None:
    assert flat(["co-event", "co-membership"]) == "co-event; co-membership"
    assert flat([("2014-02-04", "2014-02-04"), ("2014-09-17", None)]) == (
        "2014-02-04/2014-02-04; 2014-09-17/.."
    )
    assert flat(3) == 3 and flat("France") == "France"


def test_the_extension_names_the_format_and_unknown_ones_are_refused() -> None:
    assert format_for(Path("out/network.GEXF")).name == "gexf"
    assert format_for(Path("out/tables")).name == "csv"
    with pytest.raises(BadParameter, match="no network format has this extension"):
        format_for(Path("network.xlsx"))


def test_a_new_format_is_one_registration(union, tmp_path, monkeypatch) -> None:
    def write_count(graph: nx.Graph, path: Path) -> None:
        path.write_text(f"{graph.number_of_nodes()}\n")

    counted = NetworkFormat("count", "text/plain", "n", extension=".count", write=write_count)
    monkeypatch.setitem(FORMATS, "count", counted)
    write(union, tmp_path / "union.count")
    assert (tmp_path / "union.count").read_text() == f"{union.number_of_nodes()}\n"


def test_every_network_format_says_its_media_type() -> None:
    assert FORMATS.lookup("gexf").media_type == "application/gexf+xml"
    assert {f.media_type for f in FORMATS.values()} >= {"image/png", "image/svg+xml", "text/csv"}
