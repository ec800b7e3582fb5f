"""The files a network can be written as: one registry, one entry per format.

Analysts open networks in Gephi (GEXF, with time spells so that its timeline plays the network
from the first dated tie on), yEd or Cytoscape (GraphML, Cytoscape.js JSON), in code (node-link
JSON), in a spreadsheet (nodes.csv and edges.csv) or look at a picture (PNG, SVG). Like
``ssegraph.export``, a format is a name mapped to its writer and file extension, so adding one is
one ``register`` call and the CLI picks the format from the extension of the file asked for.

Formats that hold only scalars (GraphML, GEXF, CSV) get list attributes as "; "-joined strings
and spells as ISO 8601 intervals (``2014-09-17/..``: ``..`` is an open side).

GEXF, GraphML and JSON are written as they go, an element or a record at a time, never as a
tree or a string of the whole document: at 200,000 edges a file takes seconds, in little memory
beyond the graph's (``benchmarks/network_export.py``).
"""

from __future__ import annotations

import csv
import json
import numbers
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import networkx as nx

from ssegraph.errors import BadParameter
from ssegraph.network import localised
from ssegraph.registry import Format, Registry
from ssegraph.spreadsheet import disarm_row

GEXF_NAMESPACE = "http://gexf.net/1.3"
GRAPHML_NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SEPARATOR = "; "

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
    if isinstance(value, list):
        try:  # a list of strings, as most are: joined at once
            return SEPARATOR.join(value)
        except TypeError:
            pass
    if isinstance(value, Iterable):
        return SEPARATOR.join(str(flat(item)) for item in value)
    return str(value)


def _flat_items(data: dict) -> dict:
    return {key: flat(value) for key, value in data.items() if value is not None}


def _flat_text(value: object) -> str:
    """An attribute value as the text of an XML file: flat, booleans as ``true``/``false``."""
    value = flat(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if type(value) is str else str(value)


#: The XML Schema type names of scalar values: GEXF's, and GraphML's as networkx reads them.
GEXF_TYPES = {bool: "boolean", int: "integer", float: "double"}
GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double"}
#: The kind of value of each type attribute values have, looked up at once (``isinstance``
#: against the ABCs of ``numbers`` costs seconds at 2 million values); ``_kind`` matches the
#: others, numpy's numbers say. Lists and spells are written as strings.
_KINDS: dict[type, type] = {str: str, list: str, tuple: str, bool: bool, int: int, float: float}


def _xml_type(value: object, names: dict[type, str]) -> str:
    """The type an attribute value is declared with, by ``names``."""
    return names.get(_KINDS.get(type(value)) or _kind(value), "string")


def _kind(value: object) -> type:
    """The kind of a value of another type: a numpy number as a Python one, say."""
    if isinstance(value, numbers.Integral):
        return int
    if isinstance(value, numbers.Real):
        return float
    return str


# ---- XML, written an element at a time

#: What an attribute value or a text cannot hold as it is: the markup characters, the
#: white space an attribute would normalise, and what XML 1.0 forbids (C0 controls, lone
#: surrogates, U+FFFE and U+FFFF), which becomes U+FFFD so that the file stays well-formed.
_NOT_AS_IS = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\t": "&#09;",
    "\n": "&#10;",
    "\r": "&#13;",
}


def _escaped(text: str) -> str:
    """``text`` as an XML attribute value (between double quotes) or element text holds it."""
    if _NOT_AS_IS.search(text) is None:
        return text
    return _NOT_AS_IS.sub(lambda match: _ESCAPES.get(match.group(), "\ufffd"), text)


def _quoted(value: object) -> str:
    return f'"{_escaped(str(value))}"'


@contextmanager
def _xml_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 file opened for an XML document, its declaration written."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("<?xml version='1.0' encoding='utf-8'?>\n")
        yield handle


# ---- writers


def write_graphml(graph: nx.Graph, path: Path) -> None:
    """GraphML with a ``<key>`` per attribute name and type, as networkx's writer declares them
    (so that ``networkx.read_graphml`` gives each value back with its type); lists and spells
    flattened.

    Written an element at a time, as GEXF is: networkx's writer first needs a flat copy of the
    graph, and keeps what it writes as trees (a minute and a gigabyte at 200,000 edges).
    """
    declared: dict[tuple[str, str, str], str] = {}  # (scope, name, GraphML type) -> key id
    keys: dict[tuple[str, str, type], str] = {}  # (scope, name, Python type) -> key id
    scopes = {"graph": [graph.graph], "node": graph.nodes.values(), "edge": _edge_data(graph)}
    for scope, items in scopes.items():
        for data in items:
            for name, value in data.items():
                if value is not None and (scope, name, type(value)) not in keys:
                    xml_type = _xml_type(value, GRAPHML_TYPES)
                    key = declared.setdefault((scope, name, xml_type), f"d{len(declared)}")
                    keys[scope, name, type(value)] = key
    with _xml_file(path) as handle:
        handle.write(
            f'<graphml xmlns="{GRAPHML_NAMESPACE}" xmlns:xsi="{_XSI}" '
            f'xsi:schemaLocation="{GRAPHML_NAMESPACE} {GRAPHML_NAMESPACE}/1.0/graphml.xsd">\n'
        )
        for (scope, name, xml_type), key in declared.items():
            handle.write(
                f'  <key id="{key}" for="{scope}" attr.name={_quoted(name)} '
                f'attr.type="{xml_type}" />\n'
            )
        handle.write('  <graph edgedefault="undirected">\n')
        handle.write("".join(_graphml_data(keys, "graph", graph.graph, "    ")))
        for node, data in graph.nodes(data=True):
            handle.write(_graphml_element("node", f"id={_quoted(node)}", keys, data))
        for u, v, data in graph.edges(data=True):
            ends = f"source={_quoted(u)} target={_quoted(v)}"
            handle.write(_graphml_element("edge", ends, keys, data))
        handle.write("  </graph>\n</graphml>\n")


def _edge_data(graph: nx.Graph) -> Iterator[dict]:
    return (data for *_, data in graph.edges(data=True))


def _graphml_element(
    tag: str, attributes: str, keys: dict[tuple[str, str, type], str], data: dict
) -> str:
    """A node or an edge (``tag``, also the scope of its keys), a ``<data>`` line per value."""
    lines = _graphml_data(keys, tag, data, "      ")
    if not lines:
        return f"    <{tag} {attributes} />\n"
    return f"    <{tag} {attributes}>\n{''.join(lines)}    </{tag}>\n"


def _graphml_data(
    keys: dict[tuple[str, str, type], str], scope: str, data: dict, indent: str
) -> list[str]:
    return [
        f'{indent}<data key="{keys[scope, name, type(value)]}">'
        f"{_escaped(_flat_text(value))}</data>\n"
        for name, value in data.items()
        if value is not None
    ]


def write_node_link(graph: nx.Graph, path: Path) -> None:
    _write_json(nx.node_link_data(graph, edges="edges"), path)


def write_cytoscape(graph: nx.Graph, path: Path) -> None:
    _write_json(nx.cytoscape_data(graph), path)


def _write_json(data: dict, path: Path) -> None:
    """``data`` as JSON, a record a line: each node and each edge (a dictionary in a list) on
    a line of its own, the dictionaries that hold them a key a line, the rest on one line.

    A line per record keeps a file of 200,000 edges readable, greppable and diffable line by
    line, and each record is encoded by ``json.dumps`` without indent, which is the C encoder
    (with an indent, or through ``json.dump``, CPython encodes in Python, several times slower)
    and written as it comes rather than held as one string.
    """
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for chunk in _json_chunks(data, ""):
            handle.write(chunk)
        handle.write("\n")


def _json_chunks(value: object, indent: str) -> Iterator[str]:
    inner = indent + " "
    if isinstance(value, list) and value and isinstance(value[0], dict):
        yield "["
        for number, item in enumerate(value):
            yield f"{',' if number else ''}\n{inner}{_json(item)}"
        yield f"\n{indent}]"
    elif isinstance(value, dict) and any(map(_holds_records, value.values())):
        yield "{"
        for number, (key, item) in enumerate(value.items()):
            yield f"{',' if number else ''}\n{inner}{_json(key)}: "
            yield from _json_chunks(item, inner)
        yield f"\n{indent}}}"
    else:
        yield _json(value)


def _holds_records(value: object) -> bool:
    """Whether ``value`` is, or a dictionary holds, a list of dictionaries."""
    if isinstance(value, list):
        return bool(value) and isinstance(value[0], dict)
    return isinstance(value, dict) and any(map(_holds_records, value.values()))


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_csv(graph: nx.Graph, directory: Path) -> None:
    """``nodes.csv`` (id, then the node attributes) and ``edges.csv`` (source, target, ...)."""
    directory.mkdir(parents=True, exist_ok=True)
    nodes = [{"id": node, **_flat_items(data)} for node, data in graph.nodes(data=True)]
    edges = [
        {"source": u, "target": v, **_flat_items(data)} for u, v, data in graph.edges(data=True)
    ]
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
    misspells the XML Schema instance namespace in 1.3, so this one writes the XML itself, an
    element a line as it goes (a tree of the document would hold some 3 million elements at
    200,000 edges), indented as ``ElementTree.indent`` does.
    """
    description = "; ".join(
        str(graph.graph[key]) for key in ("name", "filters") if key in graph.graph
    )
    node_ids = _declared(graph.nodes.values(), {"label", "spells"})
    edge_ids = _declared(_edge_data(graph), {"weight", "spells"})
    with _xml_file(path) as handle:
        handle.write(
            f'<gexf xmlns="{GEXF_NAMESPACE}" xmlns:xsi="{_XSI}" version="1.3" '
            f'xsi:schemaLocation="{GEXF_NAMESPACE} {GEXF_NAMESPACE}/gexf.xsd">\n'
            "  <meta>\n    <creator>ssegraph</creator>\n"
            + (
                f"    <description>{_escaped(description)}</description>\n"
                if description
                else "    <description />\n"
            )
            + "  </meta>\n"
            '  <graph mode="dynamic" timeformat="date" defaultedgetype="undirected">\n'
        )
        handle.write(_gexf_attributes("node", node_ids) + _gexf_attributes("edge", edge_ids))
        handle.write(_gexf_list("nodes", graph.number_of_nodes()))
        values = _attvalue_openings(node_ids)
        for node, data in graph.nodes(data=True):
            attributes = f"id={_quoted(node)} label={_quoted(data.get('label', node))}"
            handle.write(_gexf_element("node", attributes, values, data))
        handle.write(_gexf_list_end("nodes", graph.number_of_nodes()))
        handle.write(_gexf_list("edges", graph.number_of_edges()))
        values = _attvalue_openings(edge_ids)
        for number, (u, v, data) in enumerate(graph.edges(data=True)):
            attributes = f'id="{number}" source={_quoted(u)} target={_quoted(v)}'
            if "weight" in data:
                attributes += f" weight={_quoted(data['weight'])}"
            handle.write(_gexf_element("edge", attributes, values, data))
        handle.write(_gexf_list_end("edges", graph.number_of_edges()))
        handle.write("  </graph>\n</gexf>\n")


def _declared(items: Iterable[dict], own: set[str]) -> dict[str, tuple[str, str]]:
    """The attribute columns of nodes or edges: title -> (attribute id, GEXF type), the type
    of the first value met."""
    titles: dict[str, str] = {}
    for data in items:
        for key, value in data.items():
            if key not in titles and key not in own and value is not None:
                titles[key] = _xml_type(value, GEXF_TYPES)
    return {title: (str(n), gexf_type) for n, (title, gexf_type) in enumerate(titles.items())}


def _gexf_attributes(kind: str, ids: dict[str, tuple[str, str]]) -> str:
    opening = f'    <attributes class="{kind}" mode="static"'
    if not ids:
        return opening + " />\n"
    declarations = "".join(
        f'      <attribute id="{n}" title={_quoted(title)} type="{gexf_type}" />\n'
        for title, (n, gexf_type) in ids.items()
    )
    return f"{opening}>\n{declarations}    </attributes>\n"


def _gexf_list(tag: str, count: int) -> str:
    return f'    <{tag} count="{count}"{">" if count else " />"}\n'


def _gexf_list_end(tag: str, count: int) -> str:
    return f"    </{tag}>\n" if count else ""


def _attvalue_openings(ids: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """Each attribute's title and the start of its ``<attvalue>`` line, made once."""
    return [(title, f'          <attvalue for="{n}" value="') for title, (n, _) in ids.items()]


def _gexf_element(tag: str, attributes: str, values: list[tuple[str, str]], data: dict) -> str:
    """A node or an edge with its ``<attvalues>`` and, if it has spells, its ``<spells>``."""
    lines = [f"      <{tag} {attributes}>\n"]
    attvalues = [
        f'{start}{_escaped(_flat_text(data[title]))}" />\n'
        for title, start in values
        if data.get(title) is not None
    ]
    lines.append(
        f"        <attvalues>\n{''.join(attvalues)}        </attvalues>\n"
        if attvalues
        else "        <attvalues />\n"
    )
    spells = data.get("spells")
    if spells:
        lines.append("        <spells>\n")
        for start, end in spells:
            sides = (
                f"start={_quoted(start)}" if start else "",
                f"end={_quoted(end)}" if end else "",
            )
            lines.append(f"          <spell {' '.join(filter(None, sides))} />\n")
        lines.append("        </spells>\n")
    lines.append(f"      </{tag}>\n")
    return "".join(lines)


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
