"""A picture of a network: nodes coloured by kind and sized by degree, as many named as fit.

For a report or a first look before Gephi. Drawn with matplotlib's object API on the Agg canvas
(no pyplot, no display needed), laid out by igraph (Fruchterman-Reingold in C, seeded, one
layout per connected component), so the same network gives the same picture in about a second
at 2,000 nodes. Names are placed greedily, the best-connected nodes first: a name is written
only where its box overlaps no name already written, so none hides another. The legend has one
entry per kind, with the kind's label from the ontology in the picture's language, and every
name is in that language (``network.localised``): an English picture never draws a French
acronym.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import igraph as ig  # type: ignore[import-untyped]
import networkx as nx
from matplotlib import colormaps, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox

from ssegraph.metrics import seeded, to_igraph
from ssegraph.names import humanise
from ssegraph.network import localised

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.typing import ColorType

Point = tuple[float, float]


@dataclass(frozen=True)
class Placed:
    """A name written on a picture, and the box it takes there (in pixels)."""

    node: str
    text: str
    box: Bbox


#: The words of a picture, by language (English for any other).
WORDS = {
    "en": {"nodes": "nodes", "edges": "edges", "kind": "kind", "other": "other",
           "empty": "empty network", "actor": "actor", "group": "group", "event": "event"},
    "fr": {"nodes": "nœuds", "edges": "liens", "kind": "type", "other": "autre",
           "empty": "réseau vide", "actor": "acteur", "group": "groupe", "event": "événement"},
}  # fmt: skip
_MARKERS = {"actor": "o", "group": "s", "event": "D"}
_AXES = (0.01, 0.01, 0.80, 0.94)  # left, bottom, width, height: the legend to the right
_WIDTHS = 6  # steps of edge width
_FONT = 8  # points, the size of names
_PIXELS = 2400  # the longest side of a PNG at most, in pixels


def draw(
    graph: nx.Graph,
    path: Path | str,
    *,
    format: str | None = None,
    seed: int = 7,
    labels: int = 40,
    lang: str | None = None,
) -> list[Placed]:
    """Draw ``graph`` into ``path`` (PNG or SVG, by ``format`` or the extension), in ``lang``
    (by default the graph's own: English, unless ``network.localised`` made it another).

    ``labels``: at most how many nodes, the highest degrees first, get their name written;
    returns the names written, where.
    """
    graph = localised(graph, lang or graph.graph.get("lang", "en"))
    words = WORDS.get(graph.graph.get("lang", "en"), WORDS["en"])
    side = min(24.0, 7.0 + math.sqrt(graph.number_of_nodes()) / 2)
    figure = Figure(figsize=(side, side * 0.8))
    canvas = FigureCanvasAgg(figure)
    axes = figure.add_axes(_AXES)
    axes.set_axis_off()
    axes.set_title(_title(graph, words), fontsize=11, loc="left")
    placed: list[Placed] = []
    if graph.number_of_nodes() == 0:
        axes.text(0.5, 0.5, words["empty"], ha="center", va="center", fontsize=14)
    else:
        placed = _draw_network(axes, canvas.get_renderer(), graph, seed, labels, words)
    kind = (format or Path(path).suffix.lstrip(".")).lower()
    # SVG: text stays text (searchable, editable), no date: the same network, the same file
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "ssegraph"}):
        figure.savefig(
            path,
            format=kind,
            dpi=min(150, _PIXELS / side),
            metadata={"Date": None} if kind == "svg" else None,
        )
    return placed


def _title(graph: nx.Graph, words: dict[str, str]) -> str:
    name = graph.graph.get("name", "network")
    filters = graph.graph.get("filters")
    counts = (
        f"{graph.number_of_nodes()} {words['nodes']}, {graph.number_of_edges()} {words['edges']}"
    )
    return f"{name}{f' ({filters})' if filters else ''}: {counts}"


def _draw_network(
    axes: Axes,
    renderer: RendererBase,
    graph: nx.Graph,
    seed: int,
    labels: int,
    words: dict[str, str],
) -> list[Placed]:
    positions = layout(graph, seed)
    degrees = dict(graph.degree())
    most = max(degrees.values()) or 1
    sizes = {node: 30 + 470 * degree / most for node, degree in degrees.items()}
    _edges(axes, graph, positions)
    kinds = _kinds(graph, words)
    palette = colormaps["tab20"].resampled(max(len(kinds), 1))
    colour = {kind: palette(n) for n, kind in enumerate(kinds)}
    by_style: dict[tuple[str, str], list[str]] = {}
    for node, data in graph.nodes(data=True):
        style = (_kind_of(data, words), str(data.get("part", "actor")))
        by_style.setdefault(style, []).append(node)
    for (kind, part), drawn in sorted(by_style.items()):
        axes.scatter(
            [positions[node][0] for node in drawn],
            [positions[node][1] for node in drawn],
            s=[sizes[node] for node in drawn],
            color=colour[kind],
            marker=_MARKERS.get(part, "o"),
            edgecolors="white",
            linewidths=0.6,
            zorder=2,
        )
    _frame(axes, positions)
    _legend(axes, kinds, colour, {part for _, part in by_style}, words)
    return _name(axes, renderer, graph, positions, sizes, labels)


def _edges(axes: Axes, graph: nx.Graph, positions: dict[str, Point]) -> None:
    """The edges, as wide as they are heavy, in one path per width (``_WIDTHS`` steps): a
    path per edge would make an SVG of 20,000 edges take seconds to write and to open."""
    weights = {(u, v): data.get("weight", 1) for u, v, data in graph.edges(data=True)}
    heaviest = max(weights.values(), default=1)
    steps: dict[int, list[Point]] = {}
    for (u, v), weight in weights.items():
        steps.setdefault(round(_WIDTHS * weight / heaviest), []).extend(
            (positions[u], positions[v])
        )
    for step, ends in sorted(steps.items()):
        codes = [MplPath.MOVETO, MplPath.LINETO] * (len(ends) // 2)
        axes.add_artist(  # not add_patch: limits are set once, by _frame, not per segment
            PathPatch(
                MplPath(ends, codes),
                fill=False,
                linewidth=0.3 + 2.2 * step / _WIDTHS,
                edgecolor="#8a8a8a",
                alpha=0.45,
                zorder=1,
            )
        )


def _kinds(graph: nx.Graph, words: dict[str, str]) -> dict[str, int]:
    """Each kind's label and how many nodes have it, the most common first."""
    counts: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        kind = _kind_of(data, words)
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _kind_of(data: dict[str, object], words: dict[str, str]) -> str:
    if data.get("kind_label"):
        return str(data["kind_label"])
    return humanise(str(data["kind"])) if data.get("kind") else words["other"]


def _frame(axes: Axes, positions: dict[str, Point]) -> None:
    """Fix the axes' limits (with a margin), so names can be measured where they will be."""
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    axes.set_xlim(min(xs) - 0.06 * width, max(xs) + 0.06 * width)
    axes.set_ylim(min(ys) - 0.06 * height, max(ys) + 0.08 * height)


def _legend(
    axes: Axes,
    kinds: dict[str, int],
    colour: Mapping[str, ColorType],
    parts: set[str],
    words: dict[str, str],
) -> None:
    """One entry per kind (its label and count), then, where nodes differ in shape, a grey
    entry per shape (actor, group, event)."""
    handles = [
        Line2D([], [], ls="", marker="o", ms=7, color=colour[kind], label=f"{kind} ({count})")
        for kind, count in kinds.items()
    ]
    if len(parts) > 1:
        handles += [
            Line2D([], [], ls="", marker=_MARKERS[part], ms=7, color="#777777", label=words[part])
            for part in _MARKERS
            if part in parts
        ]
    axes.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=8,
        frameon=False,
        title=words["kind"],
    )


def _name(
    axes: Axes,
    renderer: RendererBase,
    graph: nx.Graph,
    positions: dict[str, Point],
    sizes: dict[str, float],
    most: int,
) -> list[Placed]:
    """Write the names of up to ``most`` nodes, the highest degrees first, each only where its
    box overlaps no name already written (greedy placement; a name that does not fit is left
    out, and the next node is tried). Boxes are measured with the font, before any text is
    made: only the names that fit become artists."""
    halo = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}
    font = FontProperties(size=_FONT)
    pad = renderer.points_to_pixels(0.15 * _FONT)
    placed: list[Placed] = []
    order = sorted(graph.degree, key=lambda item: (-item[1], str(item[0])))
    for node, _ in order:
        if len(placed) >= most:
            break
        data = graph.nodes[node]
        name = _shortened(str(data.get("short_label") or data.get("label") or node))
        rise = 4 + math.sqrt(sizes[node]) / 2  # points above the node's centre
        x, y = axes.transData.transform(positions[node])
        base = y + renderer.points_to_pixels(rise)
        width, height, descent = renderer.get_text_width_height_descent(name, font, ismath=False)
        box = Bbox.from_extents(
            x - width / 2 - pad,
            base - descent - pad,
            x + width / 2 + pad,
            base - descent + height + pad,
        )
        if any(box.overlaps(other.box) for other in placed):
            continue
        axes.annotate(
            name,
            positions[node],
            xytext=(0, rise),
            textcoords="offset points",
            ha="center",
            fontproperties=font,
            bbox=halo,
            zorder=3,
        )
        placed.append(Placed(str(node), name, box))
    return placed


def layout(graph: nx.Graph, seed: int) -> dict[str, Point]:
    """A Fruchterman-Reingold layout per connected component (igraph, seeded): the largest on
    the left, the others in a grid beside it, each scaled by its size (a layout of the whole
    would fling the small components to the corners and crush the main one into the middle)."""
    nodes = list(graph)
    engine = to_igraph(graph)
    components = sorted(
        (sorted(c) for c in engine.connected_components()), key=lambda c: (-len(c), c[0])
    )
    largest = len(components[0])
    columns = math.ceil(math.sqrt(len(components) - 1))
    cell = 2.3 * math.sqrt(len(components[1]) / largest) if len(components) > 1 else 0.0
    positions: dict[str, Point] = {}
    for n, vertices in enumerate(components):
        scale = math.sqrt(len(vertices) / largest)
        row, column = divmod(n - 1, columns) if n else (0, -1)
        x, y = (1.3 + cell * (column + 0.5), 1 - cell * (row + 0.5)) if n else (0.0, 0.0)
        for vertex, (dx, dy) in zip(
            vertices, _component_layout(engine, vertices, seed), strict=True
        ):
            positions[nodes[vertex]] = (x + scale * dx, y + scale * dy)
    return positions


def _component_layout(engine: ig.Graph, vertices: list[int], seed: int) -> list[Point]:
    """One connected component laid out in [-1, 1] x [-1, 1], centred, vertex by vertex."""
    if len(vertices) == 1:
        return [(0.0, 0.0)]
    with seeded(seed):
        part = engine.induced_subgraph(vertices)
        coords = part.layout_fruchterman_reingold(weights="weight").coords
    xs, ys = [x for x, _ in coords], [y for _, y in coords]
    middle = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    return [((x - middle[0]) / half, (y - middle[1]) / half) for x, y in coords]


def _shortened(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
