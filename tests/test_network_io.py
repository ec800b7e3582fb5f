"""Every network file is read back, by the reader its users have, as the network it came from.

GEXF is also validated against the GEXF 1.3 XML Schema kept in ``fixtures/gexf`` (offline).
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
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


# ---- the streamed writers give the documents the tree-based ones gave

GEXF = "{http://gexf.net/1.3}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


def parsed(element: ET.Element) -> tuple:
    """An element as (tag, attributes, text, children), white space between elements aside."""
    children = tuple(parsed(child) for child in element)
    text = None if children else element.text
    return element.tag.removeprefix(GEXF), element.attrib, text, children


def tree(tag: str, attributes: dict | None = None, *children: tuple, text: str | None = None):
    return tag, attributes or {}, text, children


def columns(items: list[dict], own: set[str]) -> dict[str, tuple[str, str]]:
    types: dict[str, str] = {}
    for data in items:
        for key, value in data.items():
            if key not in own and value is not None and key not in types:
                kind = {bool: "boolean", int: "integer", float: "double"}.get(type(value))
                types[key] = kind or "string"
    return {key: (str(n), kind) for n, (key, kind) in enumerate(types.items())}


def declared(kind: str, ids: dict[str, tuple[str, str]]) -> tuple:
    return tree(
        "attributes",
        {"class": kind, "mode": "static"},
        *(tree("attribute", {"id": n, "title": t, "type": k}) for t, (n, k) in ids.items()),
    )


def value_text(value: object) -> str:
    value = flat(value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def item(tag: str, attributes: dict, ids: dict[str, tuple[str, str]], data: dict) -> tuple:
    values = [
        tree("attvalue", {"for": n, "value": value_text(data[title])})
        for title, (n, _) in ids.items()
        if data.get(title) is not None
    ]
    spells = [
        tree("spell", {k: v for k, v in (("start", start), ("end", end)) if v})
        for start, end in data.get("spells") or []
    ]
    return tree(
        tag,
        attributes,
        tree("attvalues", {}, *values),
        *([tree("spells", {}, *spells)] if spells else []),
    )


def gexf_document(graph: nx.Graph) -> tuple:
    """The GEXF document of ``graph`` as ``write_gexf`` gave it when it built an ElementTree."""
    nodes, edges = list(graph.nodes(data=True)), list(graph.edges(data=True))
    node_ids = columns([data for _, data in nodes], {"label", "spells"})
    edge_ids = columns([data for *_, data in edges], {"weight", "spells"})
    description = "; ".join(str(graph.graph[k]) for k in ("name", "filters") if k in graph.graph)
    node_items = [
        item("node", {"id": n, "label": str(data.get("label", n))}, node_ids, data)
        for n, data in nodes
    ]
    edge_items = [
        item(
            "edge",
            {"id": str(number), "source": u, "target": v, "weight": str(data["weight"])},
            edge_ids,
            data,
        )
        for number, (u, v, data) in enumerate(edges)
    ]
    return tree(
        "gexf",
        {
            "version": "1.3",
            f"{XSI}schemaLocation": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        },
        tree("meta", {}, tree("creator", text="ssegraph"), tree("description", text=description)),
        tree(
            "graph",
            {"mode": "dynamic", "timeformat": "date", "defaultedgetype": "undirected"},
            declared("node", node_ids),
            declared("edge", edge_ids),
            tree("nodes", {"count": str(len(nodes))}, *node_items),
            tree("edges", {"count": str(len(edges))}, *edge_items),
        ),
    )


@pytest.mark.parametrize("network", ["union", "actor-event"])
def test_gexf_is_the_document_the_tree_gave_indented_as_it_was(kg, tmp_path, network) -> None:
    graph = build(kg, network)
    write(graph, tmp_path / "network.gexf")
    root = ET.parse(tmp_path / "network.gexf").getroot()
    assert parsed(root) == gexf_document(graph)
    assert sum(1 for _ in root.iter(f"{GEXF}spell")) > 100
    spacing = [(element.text, element.tail) for element in root.iter()]
    ET.indent(root)  # the white space ElementTree.indent gives is the one written
    assert [(element.text, element.tail) for element in root.iter()] == spacing


ODD = "a \x01 & <b> \"c\" 'd' \ud800 \ufffe\ttab\nline\r"
ODD_WRITTEN = "a \ufffd & <b> \"c\" 'd' \ufffd \ufffd\ttab\nline\r"


def odd_graph() -> nx.Graph:
    graph = nx.Graph(name=ODD)
    graph.add_node("x&y", label=ODD, flag=True, share=0.5, spells=[("2014-09-17", None)])
    graph.add_node("z", label="Z")
    graph.add_edge("x&y", "z", weight=2, roles=[ODD, "member"], spells=[(None, "2015-01-01")])
    return graph


def test_markup_and_characters_xml_forbids_leave_files_well_formed(schema, tmp_path) -> None:
    """A control character or a lone surrogate in a label (a Turtle ``\\u0001`` can make one)
    becomes U+FFFD; markup characters, quotes and white space come back as they were."""
    write(odd_graph(), tmp_path / "odd.gexf")
    schema.assertValid(etree.parse(str(tmp_path / "odd.gexf")))
    gexf = nx.read_gexf(tmp_path / "odd.gexf", version="1.3")
    assert gexf.nodes["x&y"]["label"] == ODD_WRITTEN
    assert (gexf.nodes["x&y"]["flag"], gexf.nodes["x&y"]["share"]) == (True, 0.5)
    assert gexf.edges["x&y", "z"]["roles"] == f"{ODD_WRITTEN}; member"
    write(odd_graph(), tmp_path / "odd.graphml")
    graphml = nx.read_graphml(tmp_path / "odd.graphml")
    assert graphml.graph["name"] == graphml.nodes["x&y"]["label"] == ODD_WRITTEN
    assert graphml.nodes["x&y"]["flag"] is True and graphml.edges["x&y", "z"]["weight"] == 2


def test_graphml_reads_back_as_networkx_own_writer_gives_it(union, tmp_path) -> None:
    flattened = nx.Graph(**{k: flat(v) for k, v in union.graph.items()})
    for node, data in union.nodes(data=True):
        flattened.add_node(node, **{k: flat(v) for k, v in data.items() if v is not None})
    for u, v, data in union.edges(data=True):
        flattened.add_edge(u, v, **{k: flat(x) for k, x in data.items() if x is not None})
    nx.write_graphml(flattened, tmp_path / "networkx.graphml")
    write(union, tmp_path / "union.graphml")
    ours, theirs = (nx.read_graphml(tmp_path / f) for f in ("union.graphml", "networkx.graphml"))
    assert ours.graph == theirs.graph
    assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert {frozenset((u, v)): d for u, v, d in ours.edges(data=True)} == {
        frozenset((u, v)): d for u, v, d in theirs.edges(data=True)
    }


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("json", lambda graph: nx.node_link_data(graph, edges="edges")),
        ("cytoscape", nx.cytoscape_data),
    ],
)
def test_json_is_networkx_data_a_record_a_line(union, tmp_path, name, data) -> None:
    path = tmp_path / f"union{FORMATS[name].extension}"
    write(union, path, name)
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(data(union)))
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [line for line in lines if line.startswith(("  {", "   {"))]
    assert len(records) == union.number_of_nodes() + union.number_of_edges()
    assert len(lines) < len(records) + 12
