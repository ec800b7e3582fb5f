"""Who matters in a network: centralities, cores, communities and the brokers between them.

One row per node, so an analyst can sort by any column, print the top of it or open it in a
spreadsheet. Every measure is exact and computed in C (igraph), numpy or compiled code: on the
1M-triple synthetic graph's co-membership network (19k nodes, 200k edges) all of them take
seconds (benchmarks/network.py measures each against networkx and the code before). igraph was
chosen over rustworkx and networkit by measuring: its betweenness is at least twice as fast on
one core as either on the same network, and rustworkx has no community detection. Betweenness
and closeness of a large network come from one search per source in a compiled kernel on every
core (``network.paths``). The values are networkx's (tests/test_metrics.py compares them); the
choices that make them trustworthy on this graph:

- Betweenness and closeness count steps, not weights (a weight says how many groups or events two
  actors share, a strength, not a distance). Betweenness is normalised as networkx's (by the
  pairs of other nodes); closeness uses networkx's Wasserman-Faust scaling, so actors in small
  components do not look central.
- Eigenvector centrality is computed within each connected component (it is undefined across
  them) with the weights, as a unit vector like networkx's, and scaled by the component's share
  of the nodes, so a pair off on its own does not outrank the hubs of the main component.
- Communities come from Louvain with a fixed seed: the same network gives the same communities,
  numbered from the largest (0) down. igraph's Louvain is not networkx's implementation: both
  find partitions of (nearly) the same modularity, not always the same partition.
- Brokers: ``communities_linked`` counts the other communities a node's neighbours belong to, and
  ``participation`` is the participation coefficient (1 - sum over communities of the squared
  share of the node's edge weight into it): 0 when all ties stay in one community.
"""

from __future__ import annotations

import csv
import json
import math
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import igraph as ig  # type: ignore[import-untyped]
import networkx as nx
import numpy as np

from ssegraph.errors import BadParameter
from ssegraph.network import paths, within
from ssegraph.registry import Format, Registry
from ssegraph.spreadsheet import disarm_row

SEED = 42


@dataclass(frozen=True)
class NodeMetrics:
    """The measures of one node of a network."""

    node: str
    label: str
    kind: str
    country: str
    degree: int
    weighted_degree: float
    betweenness: float
    closeness: float
    eigenvector: float
    core: int
    community: int
    communities_linked: int
    participation: float


#: The columns, in order, and those a table can be sorted by.
COLUMNS = [field.name for field in fields(NodeMetrics)]
MEASURES = COLUMNS[4:]


def compute(
    graph: nx.Graph,
    *,
    seed: int = SEED,
    scopes: tuple[str, ...] = (),
    divides: tuple[str, ...] = (),
) -> list[NodeMetrics]:
    """The measures of every node of ``graph``, in node order; with ``scopes`` or ``divides``,
    of the network made of the edges of those scopes only (``network.within``)."""
    graph = within(graph, scopes, divides)
    if graph.number_of_nodes() == 0:
        return []
    engine = to_igraph(graph)
    nodes = list(graph)
    degree = dict(graph.degree())
    weighted = dict(graph.degree(weight="weight"))
    between, near = shortest_path_measures(engine)
    betweenness = dict(zip(nodes, between, strict=True))
    closeness = dict(zip(nodes, near, strict=True))
    with seeded(seed):  # ARPACK's start vector and Louvain's order are drawn at random
        eigenvector = dict(zip(nodes, eigenvector_by_component(engine), strict=True))
        numbers = communities_of(engine)
    community = dict(zip(nodes, numbers, strict=True))
    core = dict(zip(nodes, engine.coreness(), strict=True))
    linked, participation = brokerage_of(engine, numbers)
    brokerage = dict(zip(nodes, zip(linked, participation, strict=True), strict=True))
    return [
        NodeMetrics(
            node=str(node),
            label=str(data.get("label", node)),
            kind=str(data.get("kind", "")),
            country=str(data.get("country", "")),
            degree=degree[node],
            weighted_degree=float(weighted[node]),
            betweenness=betweenness[node],
            closeness=closeness[node],
            eigenvector=eigenvector[node],
            core=core[node],
            community=community[node],
            communities_linked=brokerage[node][0],
            participation=brokerage[node][1],
        )
        for node, data in graph.nodes(data=True)
    ]


def top(
    rows: list[NodeMetrics], by: str = "betweenness", n: int | None = None
) -> list[NodeMetrics]:
    """``rows`` sorted by the measure ``by``, highest first (ties by label), at most ``n``."""
    if by not in MEASURES:
        raise BadParameter("--sort", f"unknown measure {by!r}", MEASURES)
    ranked = sorted(rows, key=lambda row: (-getattr(row, by), row.label, row.node))
    return ranked if n is None else ranked[:n]


def is_exact(graph: nx.Graph) -> bool:
    """Whether ``compute`` gives exact betweenness for ``graph``: always, on igraph."""
    return True


def to_igraph(graph: nx.Graph) -> ig.Graph:
    """``graph`` as an undirected igraph graph, vertex i being the i-th node of ``graph``, with
    each edge's ``weight`` (1 where it has none)."""
    position = {node: i for i, node in enumerate(graph)}
    edges, weights = [], []
    for u, v, weight in graph.edges(data="weight", default=1):
        edges.append((position[u], position[v]))
        weights.append(float(weight))
    return ig.Graph(n=len(position), edges=edges, edge_attrs={"weight": weights})


def shortest_path_measures(engine: ig.Graph) -> tuple[list[float], list[float]]:
    """Exact betweenness in steps, normalised like networkx's (by (n-1)(n-2)/2 pairs), and
    closeness in steps with networkx's Wasserman-Faust scaling, from one pass
    (``network.paths``)."""
    n = engine.vcount()
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    found = paths.measures(engine)
    return [value * scale for value in found.betweenness], found.closeness


def eigenvector_by_component(engine: ig.Graph) -> list[float]:
    """Eigenvector centrality per connected component (weighted, a unit vector there, as
    networkx gives it), scaled by the component's share of the nodes."""
    scores = [0.0] * engine.vcount()
    for component in engine.connected_components():
        part = engine.induced_subgraph(component)
        values = part.eigenvector_centrality(weights="weight") if part.ecount() else [1.0]
        norm = math.sqrt(sum(value * value for value in values)) or 1.0
        share = len(component) / engine.vcount()
        for vertex, value in zip(component, values, strict=True):
            scores[vertex] = share * abs(value) / norm
    return scores


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph's random draws (from Python's ``random`` module) seeded, the module's state
    given back afterwards."""
    previous = random.getstate()
    random.seed(seed)
    try:
        yield
    finally:
        random.setstate(previous)


def communities_of(engine: ig.Graph) -> list[int]:
    """Louvain communities (weighted; seed with ``seeded``), numbered from the largest down
    (ties by their first vertex), one number per vertex."""
    found = engine.community_multilevel(weights="weight")
    ranked = sorted(found, key=lambda members: (-len(members), min(members)))
    number = [0] * engine.vcount()
    for n, members in enumerate(ranked):
        for vertex in members:
            number[vertex] = n
    return number


def brokerage_of(engine: ig.Graph, community: list[int]) -> tuple[list[int], list[float]]:
    """Per vertex: the number of other communities among its neighbours, and its
    participation coefficient (1 - the sum over communities of the squared share of its edge
    weight into each; 0 without weight), from the edges' arrays at once."""
    n = engine.vcount()
    edges = np.array(engine.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    weights = np.array(engine.es["weight"], dtype=np.float64)
    twice = edges[:, 0] != edges[:, 1]  # an edge is seen from both ends, a loop once
    ends = np.concatenate((edges, edges[twice][:, ::-1]))
    weight = np.concatenate((weights, weights[twice]))
    number = np.array(community, dtype=np.int64)
    count = int(number.max()) + 1 if n else 1
    pairs, which = np.unique(ends[:, 0] * count + number[ends[:, 1]], return_inverse=True)
    into = np.bincount(which, weights=weight, minlength=len(pairs))
    vertex, other = pairs // count, pairs % count
    total = np.bincount(vertex, weights=into, minlength=n)
    share = np.divide(into, total[vertex], out=np.zeros(len(into)), where=total[vertex] > 0)
    spread = np.bincount(vertex, weights=share * share, minlength=n)
    participation = np.where(total > 0, 1 - spread, 0.0)
    linked = np.bincount(vertex, weights=other != number[vertex], minlength=n)
    return linked.astype(np.int64).tolist(), participation.tolist()


# ---- files


def write_csv(rows: list[NodeMetrics], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(disarm_row(asdict(row)) for row in rows)


def write_json(rows: list[NodeMetrics], path: Path) -> None:
    text = json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


@dataclass(frozen=True)
class MeasuresFormat(Format):
    """A file format measures are saved in: a ``registry.Format`` with its extension and its
    writer."""

    extension: str = ""
    write: Callable[[list[NodeMetrics], Path], None] = field(
        default=lambda rows, path: None, compare=False, repr=False
    )


#: The formats measures can be saved in, by name; a file's extension chooses one.
FORMATS: Registry[MeasuresFormat] = Registry("measures format", "--output")
FORMATS.register(
    MeasuresFormat("csv", "text/csv", "one row per actor", extension=".csv", write=write_csv)
)
FORMATS.register(
    MeasuresFormat(
        "json", "application/json", "a list of objects", extension=".json", write=write_json
    )
)


def writer_for(path: Path) -> Callable[[list[NodeMetrics], Path], None]:
    """The writer for the extension of ``path``, or ``BadParameter``."""
    for saved in FORMATS.values():
        if saved.extension == path.suffix.lower():
            return saved.write
    extensions = [saved.extension for saved in FORMATS.values()]
    raise BadParameter("--output", f"{path}: measures are saved as", extensions)


def write(rows: list[NodeMetrics], path: Path | str) -> None:
    """Save ``rows`` in the format the extension of ``path`` names (.csv or .json)."""
    path = Path(path)
    writer_for(path)(rows, path)
