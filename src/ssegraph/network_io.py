"""The files a network can be written as: one registry, one entry per format.

Analysts open networks in Gephi (GEXF, with time spells so that its timeline plays the network
from the first dated tie on), yEd or Cytoscape (GraphML, Cytoscape.js JSON), in code (node-link
JSON), in a spreadsheet (nodes.csv and edges.csv) or look at a picture (PNG, SVG). Like
``ssegraph.export``, a format is a name mapped to its writer and file extension, so adding one is
one ``register`` call and the CLI picks the format from the extension of the file asked for.

Formats that hold only scalars (GraphML, GEXF, CSV) get list attributes as "; "-joined strings
and spells as ISO 8601 intervals (``2014-09-17/..``: ``..`` is an open side).
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ssegraph.errors import BadParameter
from ssegraph.network import localised
from ssegraph.registry import Format, Registry
from ssegraph.spreadsheet import disarm_row

GEXF_NAMESPACE = "http://gexf.net/1.3"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SEPARATOR = "; "
ET.register_namespace("", GEXF_NAMESPACE)  # GEXF as the default namespace of the files written
ET.register_namespace("xsi", _XSI)

Writer = Callable[[nx.Graph, Path], None]


@dataclass(frozen=True)
class NetworkFormat(Format):
    """A file format a network can be written in: a ``registry.Format`` with its extension
    (with its dot; "" for a directory: CSV, nodes.csv and edges.csv in it) and its writer."""

    extension: str = ""
    write: Writer = field(default=lambda graph, path: None, compare=False, repr=False)


FORMATS: Registry[NetworkFormat] = Registry("network format", "format")
register = FORMATS.register
get_format = FORMATS.lookup


def format_for(path: Path) -> NetworkFormat:
    """The format a path asks for by its extension (no extension: a CSV directory)."""
    for network_format in FORMATS.values():
        if network_format.extension == path.suffix.lower():
            return network_format
    choices = [f"{f.extension or 'a directory'} ({f.name})" for f in FORMATS.values()]
    raise BadParameter("--output", f"{path}: no network format has this extension", choices)


#: The languages a network's names and words are written in.
LANGUAGES = ("en", "fr")


def write(
    graph: nx.Graph, path: Path | str, format: str | None = None, lang: str = "en"
) -> NetworkFormat:
    """Write ``graph`` to ``path`` in ``format`` (default: the one its extension names), its
    ``label``, ``short_label`` and ``kind_label`` in ``lang`` (en or fr; a picture's words too).
    """
    if lang not in LANGUAGES:
        raise BadParameter("lang", f"{lang!r}: a network is written in {' or '.join(LANGUAGES)}")
    path = Path(path)
    network_format = get_format(format) if format else format_for(path)
    network_format.write(localised(graph, lang), path)
    return network_format


# ---- flattening, for formats that hold scalars only


def flat(value: object) -> str | int | float | bool:
    """A scalar for an attribute value: lists joined with "; ", spells as ``start/end``."""
    if isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, tuple):
        return "/".join(".." if side is None else str(side) for side in value)
    if isinstance(value, Iterable):
        return SEPARATOR.join(str(flat(item)) for item in value)
    return str(value)


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose attributes are all scalars (None values left out)."""
    flattened = nx.Graph()
    flattened.graph.update(_flat_items(graph.graph))
    flattened.add_nodes_from((node, _flat_items(data)) for node, data in graph.nodes(data=True))
    flattened.add_edges_from((u, v, _flat_items(data)) for u, v, data in graph.edges(data=True))
    return flattened


def _flat_items(data: dict) -> dict:
    return {key: flat(value) for key, value in data.items() if value is not None}


# ---- writers


def write_graphml(graph: nx.Graph, path: Path) -> None:
    nx.write_graphml(flat_graph(graph), path, encoding="utf-8")


def write_node_link(graph: nx.Graph, path: Path) -> None:
    _write_json(nx.node_link_data(graph, edges="edges"), path)


def write_cytoscape(graph: nx.Graph, path: Path) -> None:
    _write_json(nx.cytoscape_data(graph), path)


def _write_json(data: object, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_csv(graph: nx.Graph, directory: Path) -> None:
    """``nodes.csv`` (id, then the node attributes) and ``edges.csv`` (source, target, ...)."""
    directory.mkdir(parents=True, exist_ok=True)
    flattened = flat_graph(graph)
    nodes = [{"id": node, **data} for node, data in flattened.nodes(data=True)]
    edges = [{"source": u, "target": v, **data} for u, v, data in flattened.edges(data=True)]
    _write_table(directory / "nodes.csv", ["id"], nodes)
    _write_table(directory / "edges.csv", ["source", "target"], edges)


def _write_table(path: Path, leading: list[str], rows: list[dict]) -> None:
    columns = list(dict.fromkeys([*leading, *(key for row in rows for key in row)]))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(disarm_row(row) for row in rows)


def write_gexf(graph: nx.Graph, path: Path) -> None:
    """GEXF 1.3, dynamic: each node and edge with the spells in which it holds.

    networkx's own writer puts an edge's ``type`` attribute into GEXF's edge direction and
    misspells the XML Schema instance namespace in 1.3, so this one writes the XML itself.
    """
    root = ET.Element(
        _gexf("gexf"),
        {
            "version": "1.3",
            f"{{{_XSI}}}schemaLocation": f"{GEXF_NAMESPACE} {GEXF_NAMESPACE}/gexf.xsd",
        },
    )
    meta = ET.SubElement(root, _gexf("meta"))
    ET.SubElement(meta, _gexf("creator")).text = "ssegraph"
    description = "; ".join(
        str(graph.graph[key]) for key in ("name", "filters") if key in graph.graph
    )
    ET.SubElement(meta, _gexf("description")).text = description
    graph_element = ET.SubElement(
        root,
        _gexf("graph"),
        {"mode": "dynamic", "timeformat": "date", "defaultedgetype": "undirected"},
    )
    nodes = [(node, data) for node, data in graph.nodes(data=True)]
    edges = [(str(n), (u, v), data) for n, (u, v, data) in enumerate(graph.edges(data=True))]
    node_ids = _declare(graph_element, "node", [data for _, data in nodes], {"label", "spells"})
    edge_ids = _declare(graph_element, "edge", [data for *_, data in edges], {"weight", "spells"})
    node_list = ET.SubElement(graph_element, _gexf("nodes"), {"count": str(len(nodes))})
    for node, data in nodes:
        item = ET.SubElement(
            node_list, _gexf("node"), {"id": str(node), "label": str(data.get("label", node))}
        )
        _values(item, node_ids, data)
    edge_list = ET.SubElement(graph_element, _gexf("edges"), {"count": str(len(edges))})
    for edge_id, (u, v), data in edges:
        attributes = {"id": edge_id, "source": str(u), "target": str(v)}
        if "weight" in data:
            attributes["weight"] = str(data["weight"])
        _values(ET.SubElement(edge_list, _gexf("edge"), attributes), edge_ids, data)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _gexf(tag: str) -> str:
    return f"{{{GEXF_NAMESPACE}}}{tag}"


def _declare(graph: ET.Element, kind: str, items: list[dict], own: set[str]) -> dict[str, str]:
    """Declare the attribute columns of nodes or edges; returns title -> attribute id."""
    titles: dict[str, str] = {}
    for data in items:
        for key, value in data.items():
            if key not in own and value is not None:
                titles.setdefault(key, _gexf_type(value))
    declared = ET.SubElement(graph, _gexf("attributes"), {"class": kind, "mode": "static"})
    ids = {}
    for n, (title, gexf_type) in enumerate(titles.items()):
        ids[title] = str(n)
        ET.SubElement(
            declared, _gexf("attribute"), {"id": str(n), "title": title, "type": gexf_type}
        )
    return ids


def _gexf_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "double"
    return "string"


def _values(item: ET.Element, ids: dict[str, str], data: dict) -> None:
    values = ET.SubElement(item, _gexf("attvalues"))
    for title, attribute_id in ids.items():
        if data.get(title) is not None:
            value = flat(data[title])
            text = str(value).lower() if isinstance(value, bool) else str(value)
            ET.SubElement(values, _gexf("attvalue"), {"for": attribute_id, "value": text})
    spells = data.get("spells")
    if spells:
        spell_list = ET.SubElement(item, _gexf("spells"))
        for start, end in spells:
            sides = {"start": start, "end": end}
            ET.SubElement(spell_list, _gexf("spell"), {k: v for k, v in sides.items() if v})


def _write_picture(format: str) -> Writer:
    def write_picture(graph: nx.Graph, path: Path) -> None:
        from ssegraph.plot import draw  # matplotlib loads only when a picture is asked for

        draw(graph, path, format=format)

    return write_picture


register(
    NetworkFormat(
        "gexf",
        "application/gexf+xml",
        "GEXF 1.3 with time spells (Gephi)",
        extension=".gexf",
        write=write_gexf,
    )
)
register(
    NetworkFormat(
        "graphml",
        "application/graphml+xml",
        "GraphML (yEd, Cytoscape, igraph)",
        extension=".graphml",
        write=write_graphml,
    )
)
register(
    NetworkFormat(
        "json",
        "application/json",
        "node-link JSON (networkx, D3)",
        extension=".json",
        write=write_node_link,
    )
)
register(
    NetworkFormat(
        "cytoscape",
        "application/vnd.cytoscape+json",
        "Cytoscape.js JSON",
        extension=".cyjs",
        write=write_cytoscape,
    )
)
register(
    NetworkFormat(
        "csv",
        "text/csv",
        "a directory with nodes.csv and edges.csv",
        extension="",
        write=write_csv,
    )
)
register(
    NetworkFormat(
        "png", "image/png", "a picture, PNG", extension=".png", write=_write_picture("png")
    )
)
register(
    NetworkFormat(
        "svg", "image/svg+xml", "a picture, SVG", extension=".svg", write=_write_picture("svg")
    )
)
