"""The collaboration network in the browser: the filters a page asks, the graph it draws, the
files it downloads.

The network is built by ``ssegraph.network.build``, the same as ``ssegraph network``, from the
same filters (here URL parameters: ``network``, ``kind``, ``role``, ``group``, ``as-of``,
``from`` and ``to`` for between, ``scope``, ``divide``, ``ego``, ``radius``, ``people``,
``participants``). Building reads much of the graph, so it runs in the query pool (time and
memory limits) as a job; a bad filter comes back as a ``Refusal``, not as a worker's failure.

What the browser draws (``Drawn``) is the Cytoscape.js elements of at most ``MAX_NODES``
nodes, those with the most ties (only they are given their attributes when the network is
built: at a million triples, making all 200k edges would outlast the server's time limit; the
page says how many of how many are shown, and the downloads hold them all), each with its
kind, its page and its spells (the periods in which it is active, as the GEXF writer gives
them to Gephi's timeline), so that the page's time slider can show a year from ``FIRST_YEAR``
to the last year of the data. A download is one of the CLI's file formats, written by
``network_io`` in the worker.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ssegraph.dates import parse_day
from ssegraph.errors import BadParameter, SsegraphError
from ssegraph.graph import KnowledgeGraph
from ssegraph.network import Filters, build, localised, network_kind
from ssegraph.network_io import write
from ssegraph.vocab import ID

MAX_NODES = 400  # nodes drawn; the downloads hold them all
FIRST_YEAR = 2012  # the slider's first year: the SSE's international bodies begin then
#: The CLI's file formats a page offers, with the media type each is sent as.
DOWNLOADS = {
    "gexf": ("application/gexf+xml", ".gexf"),
    "graphml": ("application/graphml+xml", ".graphml"),
    "cytoscape": ("application/json", ".cyjs"),
    "json": ("application/json", ".json"),
    "csv": ("application/zip", ".zip"),
}
_LISTS = ("kind", "group", "role", "scope", "divide")


@dataclass(frozen=True)
class Asked:
    """A network and its filters, as a page's URL asks for them."""

    network: str
    filters: Filters
    given: dict[str, list[str]] = field(default_factory=dict)  # the parameters, for links


def asked(params: Mapping[str, Sequence[str]]) -> Asked:
    """The network a page's parameters ask for; ``BadParameter`` naming the one that is wrong.
    Around one actor (``ego``, as an actor's page asks), groups and events together."""

    def one(name: str) -> str | None:
        values = [value.strip() for value in params.get(name, []) if value.strip()]
        return values[-1] if values else None

    def many(name: str) -> tuple[str, ...]:
        return tuple(value.strip() for value in params.get(name, []) if value.strip())

    def day(name: str) -> dt.date | None:
        text = one(name)
        if text is None:
            return None
        found = parse_day(text)
        if found is None:
            raise BadParameter(name, f"{text!r} is not a date (YYYY-MM-DD)")
        return found

    network = one("network") or ("union" if one("ego") else "co-membership")
    network_kind(network)  # an unknown kind of network is refused here, with the choices
    start, end = day("from"), day("to")
    if (start is None) != (end is None):
        raise BadParameter("from" if start is None else "to", "between needs both from and to")
    radius = one("radius") or "1"
    if not radius.isdigit() or int(radius) < 1:
        raise BadParameter("radius", f"{radius!r} is not a whole number of steps (1 or more)")
    people = one("people") or "keep"
    if people not in ("keep", "organisations"):
        raise BadParameter("people", f"unknown value {people!r}", ["keep", "organisations"])
    filters = Filters(
        as_of=day("as-of"),
        between=(start, end) if start and end else None,
        kinds=many("kind"),
        groups=many("group"),
        roles=many("role"),
        ego=one("ego"),
        radius=int(radius),
        people=people,
        participants=(one("participants") or "").lower() in ("1", "on", "true", "yes"),
        scopes=many("scope"),
        divides=many("divide"),
    )
    names = ("network", "as-of", "from", "to", "ego", "radius", "people", "participants")
    given = {name: list(params[name]) for name in (*names, *_LISTS) if params.get(name)}
    return Asked(network, filters, given)


@dataclass(frozen=True)
class Refusal:
    """A filter the graph refuses (an unknown group, role or kind), said as the CLI says it."""

    message: str
    hints: list[str]


@dataclass(frozen=True)
class Drawn:
    """What the browser draws: Cytoscape.js elements and what the page says about them."""

    name: str
    filters: str
    elements: dict[str, list[dict[str, object]]]
    kinds: list[dict[str, object]]  # the legend: kind, its label, how many nodes
    total: int  # nodes in the network
    shown: int  # nodes drawn
    edges: int
    first_year: int
    last_year: int


@dataclass(frozen=True)
class DrawNetwork:
    """The job that builds a network and gives what the page draws."""

    asked: Asked
    lang: str
    limit: int = MAX_NODES

    def run(self, kg: KnowledgeGraph) -> Drawn | Refusal:
        try:
            built = build(kg, self.asked.network, self.asked.filters, top=self.limit)
        except SsegraphError as error:
            return Refusal(error.message, error.hints())
        return drawn(localised(built, self.lang), self.limit)


@dataclass(frozen=True)
class Download:
    """A network file: its bytes, its media type and the name it is saved under."""

    body: bytes
    media_type: str
    filename: str


@dataclass(frozen=True)
class WriteNetwork:
    """The job that builds a network and writes it in one of ``DOWNLOADS``."""

    asked: Asked
    lang: str
    format: str

    def run(self, kg: KnowledgeGraph) -> Download | Refusal:
        try:
            graph = build(kg, self.asked.network, self.asked.filters)
        except SsegraphError as error:
            return Refusal(error.message, error.hints())
        if graph.number_of_nodes() == 0:
            return Refusal(f"empty network: no {self.asked.network} tie matches", [])
        media_type, extension = DOWNLOADS[self.format]
        csv = self.format == "csv"  # a directory of two files, sent as one zip
        with tempfile.TemporaryDirectory(prefix="ssegraph-network-") as directory:
            target = Path(directory) / ("network" if csv else f"network{extension}")
            write(graph, target, self.format, self.lang)
            body = _zipped(target) if csv else target.read_bytes()
        return Download(body, media_type, f"{self.asked.network}-network{extension}")


def _zipped(directory: Path) -> bytes:
    """The CSV writer's directory (nodes.csv, edges.csv) as one zip file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


def drawn(graph: nx.Graph, limit: int = MAX_NODES) -> Drawn:
    """The elements of ``graph`` the browser draws: its ``limit`` best-tied nodes, out of
    ``total`` in the whole network (the graph's own when ``build`` cut it to them)."""
    ranked = sorted(graph.nodes, key=lambda node: (-graph.degree(node), str(node)))
    kept = set(ranked[:limit])
    nodes: list[dict[str, object]] = [
        {"data": {
            "id": str(node),
            "label": data.get("short_label") or data.get("label") or str(node),
            "title": data.get("label") or str(node),
            "kind": data.get("kind") or "",
            "href": _page(str(node)),
            "spells": _spells(data),
        }}
        for node, data in graph.nodes(data=True)
        if node in kept
    ]  # fmt: skip
    edges: list[dict[str, object]] = [
        {"data": {
            "id": f"e{number}",
            "source": str(u),
            "target": str(v),
            "weight": data.get("weight", 1),
            "via": data.get("via", []),
            "spells": _spells(data),
        }}
        for number, (u, v, data) in enumerate(graph.edges(data=True))
        if u in kept and v in kept
    ]  # fmt: skip
    kinds: dict[str, dict[str, object]] = {}
    for node in kept:
        data = graph.nodes[node]
        kind = str(data.get("kind") or "")
        entry = kinds.setdefault(kind, {"kind": kind, "label": data.get("kind_label") or kind})
        entry["count"] = int(str(entry.get("count", 0))) + 1
    return Drawn(
        name=str(graph.graph.get("name", "")),
        filters=str(graph.graph.get("filters", "")),
        elements={"nodes": nodes, "edges": edges},
        kinds=sorted(kinds.values(), key=lambda entry: str(entry["label"])),
        total=int(graph.graph.get("total", graph.number_of_nodes())),
        shown=len(nodes),
        edges=len(edges),
        first_year=FIRST_YEAR,
        last_year=max(FIRST_YEAR, _last_year(graph)),
    )


def _spells(data: Mapping[str, object]) -> list[list[str | None]]:
    spells = data.get("spells") or []
    assert isinstance(spells, list)
    return [[start, end] for start, end in spells]


def _last_year(graph: nx.Graph) -> int:
    """The last year any node or edge is dated in (its last day, or a spell's end)."""
    years = [
        int(str(day)[:4])
        for _, data in [*graph.nodes(data=True), *((u, d) for u, _, d in graph.edges(data=True))]
        for day in (data.get("last"), *(end for _, end in data.get("spells") or []))
        if day
    ]
    return max(years, default=FIRST_YEAR)


def _page(iri: str) -> str | None:
    """The page of a node of ours (``/id/...``); None for anything else."""
    return "/id/" + iri[len(ID) :] if iri.startswith(str(ID)) else None
