"""A picture of a network: nodes coloured by kind and sized by degree, the busiest ones named.

For a report or a first look before Gephi. Drawn with matplotlib's object API on the Agg canvas
(no pyplot, no display needed), with a seeded spring layout, so the same network gives the same
picture. Only the best-connected nodes are labelled, with their shortest name (an acronym where
there is one) on a pale box, so labels stay readable on a dense network.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
from matplotlib import colormaps, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def draw(
    graph: nx.Graph,
    path: Path | str,
    *,
    format: str | None = None,
    seed: int = 7,
    labels: int = 40,
) -> None:
    """Draw ``graph`` into ``path`` (PNG or SVG, by ``format`` or the extension).

    ``labels``: how many nodes, the highest degrees first, get their name written.
    """
    side = min(24.0, 7.0 + math.sqrt(graph.number_of_nodes()) / 2)
    figure = Figure(figsize=(side, side * 0.8), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.set_title(_title(graph), fontsize=11, loc="left")
    if graph.number_of_nodes() == 0:
        axes.text(0.5, 0.5, "empty network", ha="center", va="center", fontsize=14)
    else:
        _draw_network(axes, graph, seed, labels)
    kind = (format or Path(path).suffix.lstrip(".")).lower()
    # SVG: text stays text (searchable, editable), no date: the same network, the same file
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "ssegraph"}):
        figure.savefig(
            path, format=kind, dpi=150, metadata={"Date": None} if kind == "svg" else None
        )


def _title(graph: nx.Graph) -> str:
    name = graph.graph.get("name", "network")
    filters = graph.graph.get("filters")
    counts = f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    return f"{name}{f' ({filters})' if filters else ''}: {counts}"


def _draw_network(axes: Axes, graph: nx.Graph, seed: int, labels: int) -> None:
    positions = _layout(graph, seed)
    degrees = dict(graph.degree())
    top = max(degrees.values()) or 1
    sizes = {node: 30 + 470 * degree / top for node, degree in degrees.items()}
    weights = [data.get("weight", 1) for _, _, data in graph.edges(data=True)]
    heaviest = max(weights, default=1)
    axes.add_collection(
        LineCollection(
            [(positions[u], positions[v]) for u, v in graph.edges()],
            linewidths=[0.3 + 2.2 * weight / heaviest for weight in weights],
            colors="#8a8a8a",
            alpha=0.45,
            zorder=1,
        )
    )
    kinds = sorted({str(data.get("kind", "other")) for _, data in graph.nodes(data=True)})
    palette = colormaps["tab20"].resampled(max(len(kinds), 1))
    for n, kind in enumerate(kinds):
        members = [
            node for node, data in graph.nodes(data=True) if data.get("kind", "other") == kind
        ]
        for part, marker in (("actor", "o"), ("group", "s"), ("event", "D")):
            drawn = [node for node in members if graph.nodes[node].get("part", "actor") == part]
            if drawn:
                axes.scatter(
                    [positions[node][0] for node in drawn],
                    [positions[node][1] for node in drawn],
                    s=[sizes[node] for node in drawn],
                    color=palette(n),
                    marker=marker,
                    edgecolors="white",
                    linewidths=0.6,
                    label=f"{kind} ({len(drawn)})",
                    zorder=2,
                )
    halo = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
    for node in sorted(degrees, key=lambda node: (-degrees[node], node))[:labels]:
        data = graph.nodes[node]
        axes.annotate(
            _shortened(str(data.get("short_label") or data.get("label") or node)),
            positions[node],
            xytext=(0, 4 + math.sqrt(sizes[node]) / 2),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            bbox=halo,
            zorder=3,
        )
    legend = axes.legend(
        loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False, title="kind"
    )
    for handle in legend.legend_handles:
        handle.set_sizes([40])
    axes.autoscale_view()
    axes.margins(0.08)


def _layout(graph: nx.Graph, seed: int) -> dict:
    """A spring layout per connected component: the largest on the left, the others in a grid
    beside it, each scaled by its size (a layout of the whole would fling the small components
    to the corners and crush the main one into the middle)."""
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    largest = len(components[0])
    columns = math.ceil(math.sqrt(len(components) - 1))
    cell = 2.3 * math.sqrt(len(components[1]) / largest) if len(components) > 1 else 0.0
    positions: dict = {}
    for n, nodes in enumerate(components):
        scale = math.sqrt(len(nodes) / largest)
        layout = nx.spring_layout(graph.subgraph(nodes), seed=seed, weight="weight", scale=scale)
        row, column = divmod(n - 1, columns) if n else (0, -1)
        x, y = (1.3 + cell * (column + 0.5), 1 - cell * (row + 0.5)) if n else (0.0, 0.0)
        for node, (dx, dy) in layout.items():
            positions[node] = (x + dx, y + dy)
    return positions


def _shortened(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
