"""Who matters in a network: centralities, cores, communities and the brokers between them.

One row per node, so an analyst can sort by any column, print the top of it or open it in a
spreadsheet. Choices that make the numbers trustworthy on this kind of graph:

- Betweenness and closeness count steps, not weights (a weight says how many groups or events two
  actors share, a strength, not a distance). Closeness uses networkx's Wasserman-Faust scaling,
  so actors in small components do not look central.
- Above ``EXACT_UP_TO`` nodes (a network of a whole large graph), exact betweenness would take
  hours (Brandes: one pass per node, in Python): it is estimated from ``PIVOTS`` seeded source
  nodes (networkx's ``k``), and closeness comes from scipy's breadth-first searches in C, with the
  same Wasserman-Faust scaling. The CSV and JSON say nothing different; the command says which.
- Eigenvector centrality is computed within each connected component (it is undefined across
  them) and scaled by the component's share of the nodes, so a pair off on its own does not
  outrank the hubs of the main component; power iteration, with scipy's solver as the fallback.
- Communities come from Louvain with a fixed seed: the same network gives the same communities,
  numbered from the largest (0) down.
- Brokers: ``communities_linked`` counts the other communities a node's neighbours belong to, and
  ``participation`` is the participation coefficient (1 - sum over communities of the squared
  share of the node's edge weight into it): 0 when all ties stay in one community.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import networkx as nx

from ssegraph.errors import BadParameter
from ssegraph.spreadsheet import disarm_row

SEED = 42
EXACT_UP_TO = 5_000  # nodes; above it, betweenness is sampled and closeness runs in scipy
PIVOTS = 256


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
    graph: nx.Graph, *, seed: int = SEED, exact_up_to: int = EXACT_UP_TO
) -> list[NodeMetrics]:
    """The measures of every node of ``graph``, in node order."""
    if graph.number_of_nodes() == 0:
        return []
    degree = dict(graph.degree())
    weighted = dict(graph.degree(weight="weight"))
    if is_exact(graph, exact_up_to):
        betweenness = nx.betweenness_centrality(graph)
        closeness = nx.closeness_centrality(graph)
    else:
        pivots = min(PIVOTS, graph.number_of_nodes())
        betweenness = nx.betweenness_centrality(graph, k=pivots, seed=seed)
        closeness = closeness_in_scipy(graph)
    eigenvector = eigenvector_by_component(graph)
    core = nx.core_number(graph)
    community = communities(graph, seed=seed)
    brokerage = _brokerage(graph, community)
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


def is_exact(graph: nx.Graph, exact_up_to: int = EXACT_UP_TO) -> bool:
    """Whether ``compute`` gives exact betweenness for this network (else an estimate)."""
    return graph.number_of_nodes() <= exact_up_to


def closeness_in_scipy(graph: nx.Graph, chunk: int = 512) -> dict[str, float]:
    """networkx's closeness (hop counts, Wasserman-Faust scaling) from scipy's BFS in C, a
    ``chunk`` of sources at a time so that memory stays ``chunk`` x nodes."""
    import numpy as np
    from scipy.sparse.csgraph import shortest_path

    nodes = list(graph)
    n = len(nodes)
    adjacency = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=None, format="csr")
    scores: dict[str, float] = {}
    for start in range(0, n, chunk):
        sources = np.arange(start, min(start + chunk, n))
        hops = shortest_path(adjacency, directed=False, unweighted=True, indices=sources)
        reached = np.isfinite(hops)
        total = np.where(reached, hops, 0).sum(axis=1)
        others = reached.sum(axis=1) - 1  # reachable nodes besides the source
        with np.errstate(divide="ignore", invalid="ignore"):
            value = np.where(total > 0, others / total * others / max(n - 1, 1), 0.0)
        scores.update(zip((nodes[i] for i in sources), value.tolist(), strict=True))
    return scores


def eigenvector_by_component(graph: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality per connected component, scaled by the component's share."""
    scores: dict[str, float] = {}
    for nodes in nx.connected_components(graph):
        component = graph.subgraph(nodes)
        share = len(nodes) / graph.number_of_nodes()
        try:
            values = nx.eigenvector_centrality(component, max_iter=1000, weight="weight")
        except nx.PowerIterationFailedConvergence:
            values = nx.eigenvector_centrality_numpy(component, weight="weight")
        scores.update({node: share * value for node, value in values.items()})
    return scores


def communities(graph: nx.Graph, *, seed: int = SEED) -> dict[str, int]:
    """Louvain communities (weighted, seeded), numbered from the largest down."""
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ranked = sorted(found, key=lambda members: (-len(members), min(members)))
    return {node: number for number, members in enumerate(ranked) for node in members}


def _brokerage(graph: nx.Graph, community: dict[str, int]) -> dict[str, tuple[int, float]]:
    """Per node: other communities among its neighbours, and its participation coefficient."""
    result = {}
    for node in graph:
        into: dict[int, float] = defaultdict(float)
        for neighbour, data in graph[node].items():
            into[community[neighbour]] += data.get("weight", 1)
        total = sum(into.values())
        participation = 1 - sum((w / total) ** 2 for w in into.values()) if total else 0.0
        result[node] = (len(set(into) - {community[node]}), participation)
    return result


# ---- files


def write_csv(rows: list[NodeMetrics], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(disarm_row(asdict(row)) for row in rows)


def write_json(rows: list[NodeMetrics], path: Path) -> None:
    text = json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


#: File extension -> writer: the formats measures can be saved in.
FORMATS: dict[str, Callable[[list[NodeMetrics], Path], None]] = {
    ".csv": write_csv,
    ".json": write_json,
}


def writer_for(path: Path) -> Callable[[list[NodeMetrics], Path], None]:
    """The writer for the extension of ``path``, or ``BadParameter``."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise BadParameter("--output", f"{path}: measures are saved as", list(FORMATS)) from None


def write(rows: list[NodeMetrics], path: Path | str) -> None:
    """Save ``rows`` in the format the extension of ``path`` names (.csv or .json)."""
    path = Path(path)
    writer_for(path)(rows, path)
