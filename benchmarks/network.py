"""Networks at scale: building, measuring (igraph against networkx) and drawing them.

For each size (0 is the curated graph alone; N adds a synthetic ecosystem of about N triples,
``ssegraph.synth``) the script builds the co-membership network and times, in one run, side by
side, the way ssegraph does it now ("new"), the way it did before ("old", where the old way is
still a call away) and networkx:

* build: the whole ``build`` (its phases in the note), and its reads (``Facts.read``: rows as
  plain strings, the nodes' names read with them) against the old reads (every row of the same
  queries as rdflib terms through ``kg.select``, and the whole name index built);
* the network view's job (``DrawNetwork``: only the drawn nodes built) against building the
  whole network and cutting it (``drawn``), as the view did;
* the compiled kernel's start (``network.paths``: compiled into an empty numba cache, then
  loaded from it, each in a new process);
* each measure of ``ssegraph.metrics`` against networkx's own function: betweenness and
  closeness (one pass of the kernel gives both) also against igraph's own, the old way (its
  Brandes in one process: the old code shared the same work between processes), eigenvector
  (per component), k-core and Louvain communities, with the largest difference between their
  values (for communities, the modularity of each partition); then ``metrics.compute`` whole;
* the layout (igraph's Fruchterman-Reingold, per component, as ``plot.layout``) against
  networkx's ``spring_layout``, and the whole picture (PNG and SVG, ``plot.draw``).

Above ``--exact-up-to`` nodes networkx's betweenness and closeness would take hours: they are
run from ``--pivots`` seeded sources and their full time is extrapolated from that (marked
"~", the value difference then not comparable), as the old ``metrics`` did for betweenness;
its spring layout is run with ``--spring-iterations`` of its 50 iterations and extrapolated
likewise.

Times are CPU seconds of the benchmark's process and of the processes it waited for (the machine
may be shared), the new way's wall-clock time beside them. It prints each figure and writes
them as Markdown to ``benchmarks/results/network.md``, with ``uptime`` before and after.
Usage: python benchmarks/network.py [--sizes 0 100000 1000000] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import networkx as nx

from ssegraph import metrics, sparql
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import NameIndex
from ssegraph.network import Facts, Filters, assemble, build, network_kind, select
from ssegraph.plot import draw, layout
from ssegraph.serve.network import MAX_NODES, DrawNetwork, asked, drawn
from ssegraph.synth import synthesize

T = TypeVar("T")
HEADER = (
    "| triples | measure | new | new wall | old | old/new | networkx | networkx/new | notes |\n"
    "|---|---|---:|---:|---:|---:|---:|---:|---|"
)
#: The queries a network is read from (``sparql/network/``).
READS = ("memberships", "event-ties", "events", "kinds", "countries", "kind-labels", "labels")
RESULTS = Path(__file__).resolve().parent / "results" / "network.md"


@dataclass
class Row:
    """One line of the results: a measure at a size, the new way against the old and networkx."""

    size: str
    measure: str
    ours: float
    theirs: float | None = None  # networkx
    extrapolated: bool = False
    note: str = ""
    wall: float | None = None
    old: float | None = None  # ssegraph's old way

    def markdown(self) -> str:
        def seconds(value: float | None, mark: str = "") -> str:
            return "" if value is None else f"{mark}{value:.3f} s"

        def ratio(value: float | None) -> str:
            return f"{value / self.ours:.1f}x" if value and self.ours else ""

        cells = [
            self.size,
            self.measure,
            seconds(self.ours),
            seconds(self.wall),
            seconds(self.old),
            ratio(self.old),
            seconds(self.theirs, "~" if self.extrapolated else ""),
            ratio(self.theirs),
            self.note,
        ]
        return f"| {' | '.join(cells)} |"


def cpu() -> float:
    """CPU seconds of this process and of the child processes it has waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(work: Callable[[], T]) -> tuple[T, float]:
    """The result of ``work`` and the CPU seconds it took (``cpu``): on a machine shared with
    other jobs, wall-clock time measures their load too."""
    started = cpu()
    result = work()
    return result, cpu() - started


def clocked(work: Callable[[], T]) -> tuple[T, float, float]:
    """``timed``, with the wall-clock seconds too."""
    wall = time.perf_counter()
    result, seconds = timed(work)
    return result, seconds, time.perf_counter() - wall


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def report(rows: list[Row], row: Row) -> None:
    rows.append(row)
    print(row.markdown(), flush=True)


def graph_of(size: int, seed: int) -> KnowledgeGraph:
    kg = KnowledgeGraph.load()
    if size:
        kg.add(synthesize(size, seed), "data/synthetic")
    return kg


def old_reads(kg: KnowledgeGraph) -> None:
    """What building read before: every row as rdflib terms, and the whole name index."""
    for name in READS[:-1]:
        kg.select(sparql.text(f"network/{name}"))
    NameIndex.build(kg)


def build_phases(kg: KnowledgeGraph, rows: list[Row], size: str) -> nx.Graph:
    """``build`` timed whole, then its phases one by one (the cyclic collector paused as
    ``build`` pauses it), the old reads beside the new, and the view's job."""
    graph, total, wall = clocked(lambda: build(kg, "co-membership"))
    kind = network_kind("co-membership")
    gc.disable()
    try:
        facts, reads = timed(lambda: Facts.read(kg))
        _, before = timed(lambda: old_reads(kg))
        ties, selecting = timed(lambda: select(kg, facts, kind, Filters()))
        _, assembling = timed(lambda: assemble(facts, kind, ties))
    finally:
        gc.enable()
    note = (
        f"reads {reads:.2f} s (old reads {before:.2f} s), select {selecting:.2f} s,"
        f" assemble {assembling:.2f} s; {graph.number_of_nodes():,} nodes,"
        f" {graph.number_of_edges():,} edges, {len(kg):,} triples"
    )
    report(rows, Row(size, "build co-membership", total, note=note, wall=wall))
    report(rows, Row(size, "reads (Facts.read)", reads, old=before, note="old: kg.select + index"))
    job = DrawNetwork(asked({}), "en")
    found, seconds, wall = clocked(lambda: job.run(kg))
    _, cutting = timed(lambda: drawn(graph, MAX_NODES))
    note = f"{getattr(found, 'shown', 0)} of {getattr(found, 'total', 0):,} nodes drawn; old: build"
    report(rows, Row(size, "network view job", seconds, note=note, wall=wall, old=total + cutting))
    return graph


def old_closeness(engine) -> list[float]:
    """igraph's closeness, scaled as networkx's."""
    n = engine.vcount()
    reached = {v: len(c) - 1 for c in engine.connected_components() for v in c}
    values = engine.closeness(normalized=True)
    return [
        0.0 if value != value else value * reached[i] / max(n - 1, 1)
        for i, value in enumerate(values)
    ]


def kernel_start(rows: list[Row]) -> None:
    """The compiled kernel's first call in a new process, with an empty numba cache (its
    compile) and again with the cache that call wrote (what every later command pays)."""
    code = (
        "import time; started = time.perf_counter(); import igraph;"
        " from ssegraph.network import paths;"
        " paths.measures(igraph.Graph(2, [(0, 1)]), native_from=0);"
        " print(time.perf_counter() - started)"
    )
    with tempfile.TemporaryDirectory() as directory:
        environment = {**os.environ, "NUMBA_CACHE_DIR": directory}
        cold, cached = (
            float(
                subprocess.run(
                    [sys.executable, "-c", code],
                    env=environment,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(2)
        )
    note = f"a new process, import and first call; cached: {cached:.2f} s (the cache in place)"
    report(rows, Row("any", "kernel compile (cold)", cold, note=note, wall=cold))


def networkx_eigenvector(graph: nx.Graph) -> dict:
    scores = {}
    for nodes in nx.connected_components(graph):
        values = nx.eigenvector_centrality(graph.subgraph(nodes), max_iter=1000, weight="weight")
        scores.update({node: len(nodes) / len(graph) * value for node, value in values.items()})
    return scores


def sampled(
    exact: Callable[[], dict], partial: Callable[[list], object], graph: nx.Graph, args
) -> tuple[dict | None, float, bool]:
    """networkx's measure, in full or, on a large network, from ``args.pivots`` sources with
    its full time extrapolated."""
    if graph.number_of_nodes() <= args.exact_up_to:
        values, seconds = timed(exact)
        return values, seconds, False
    sources = random.Random(args.seed).sample(list(graph), args.pivots)
    _, seconds = timed(lambda: partial(sources))
    return None, seconds * graph.number_of_nodes() / args.pivots, True


def measures(graph: nx.Graph, rows: list[Row], size: str, args) -> None:
    engine, converting = timed(lambda: metrics.to_igraph(graph))
    nodes = list(graph)

    def difference(ours: list[float], theirs: dict | None) -> str:
        if theirs is None:
            return f"networkx from {args.pivots} sources, time extrapolated"
        worst = max(abs(a - theirs[node]) for a, node in zip(ours, nodes, strict=True))
        return f"largest difference {worst:.1e}"

    (between, near), seconds, wall = clocked(lambda: metrics.shortest_path_measures(engine))
    old_between, before = timed(lambda: engine.betweenness(directed=False))
    old_near, before_closeness = timed(lambda: old_closeness(engine))
    theirs_between, their_between, guessed = sampled(
        lambda: nx.betweenness_centrality(graph),
        lambda sources: nx.betweenness_centrality_subset(graph, sources, nodes),
        graph,
        args,
    )
    theirs_near, their_near, _ = sampled(
        lambda: nx.closeness_centrality(graph),
        lambda sources: [nx.closeness_centrality(graph, u=source) for source in sources],
        graph,
        args,
    )
    scale = 2 / ((len(nodes) - 1) * (len(nodes) - 2)) if len(nodes) > 2 else 1.0
    from_igraph = max(abs(a - b * scale) for a, b in zip(between, old_between, strict=True))
    near_igraph = max(abs(a - b) for a, b in zip(near, old_near, strict=True))
    note = (
        f"betweenness: {difference(between, theirs_between)}, {from_igraph:.1e} from igraph's;"
        f" closeness: {difference(near, theirs_near)}, {near_igraph:.1e} from igraph's;"
        f" old: igraph's betweenness {before:.2f} s + its closeness {before_closeness:.2f} s"
    )
    row = Row(
        size,
        "betweenness + closeness (exact)",
        seconds,
        their_between + their_near,
        guessed,
        note,
        wall,
        before + before_closeness,
    )
    report(rows, row)

    with metrics.seeded(args.seed):
        ours, seconds = timed(lambda: metrics.eigenvector_by_component(engine))
    theirs, their_seconds = timed(lambda: networkx_eigenvector(graph))
    report(rows, Row(size, "eigenvector", seconds, their_seconds, note=difference(ours, theirs)))

    ours_core, seconds = timed(engine.coreness)
    theirs_core, their_seconds = timed(lambda: nx.core_number(graph))
    same = ours_core == [theirs_core[node] for node in nodes]
    report(rows, Row(size, "k-core", seconds, their_seconds, note=f"same values: {same}"))

    with metrics.seeded(metrics.SEED):
        numbers, seconds = timed(lambda: metrics.communities_of(engine))
    found: dict[int, set] = {}
    for node, number in zip(nodes, numbers, strict=True):
        found.setdefault(number, set()).add(node)
    reference, their_seconds = timed(
        lambda: nx.community.louvain_communities(graph, weight="weight", seed=metrics.SEED)
    )
    note = (
        f"modularity {nx.community.modularity(graph, found.values(), weight='weight'):.4f}"
        f" ({len(found)} communities) against"
        f" {nx.community.modularity(graph, reference, weight='weight'):.4f} ({len(reference)})"
    )
    report(rows, Row(size, "Louvain communities", seconds, their_seconds, note=note))

    _, everything, wall = clocked(lambda: metrics.compute(graph))
    note = f"every measure and brokerage, igraph graph made in {converting:.2f} s"
    report(rows, Row(size, "metrics.compute", everything, note=note, wall=wall))


def pictures(graph: nx.Graph, rows: list[Row], size: str, args) -> None:
    _, seconds = timed(lambda: layout(graph, args.seed))
    if graph.number_of_nodes() <= args.exact_up_to:
        _, theirs = timed(lambda: nx.spring_layout(graph, seed=args.seed, weight="weight"))
        guessed = False
    else:
        iterations = args.spring_iterations
        _, theirs = timed(
            lambda: nx.spring_layout(graph, seed=args.seed, weight="weight", iterations=iterations)
        )
        theirs, guessed = theirs * 50 / iterations, True
    note = "networkx: spring_layout of the whole network"
    report(rows, Row(size, "layout", seconds, theirs, guessed, note))
    with tempfile.TemporaryDirectory() as directory:
        for kind in ("png", "svg"):
            path = Path(directory) / f"network.{kind}"
            placed, seconds, wall = clocked(lambda path=path: draw(graph, path))
            note = f"{len(placed)} names written, {path.stat().st_size / 1e6:.1f} MB"
            report(rows, Row(size, f"picture {kind.upper()}", seconds, note=note, wall=wall))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--exact-up-to", type=int, default=5_000)
    parser.add_argument("--pivots", type=int, default=64)
    parser.add_argument("--spring-iterations", type=int, default=5)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    rows: list[Row] = []
    before = uptime()
    print(f"uptime: {before}\n{HEADER}")
    kernel_start(rows)
    for size in args.sizes:
        kg, loading = timed(lambda size=size: graph_of(size, args.seed))
        label = f"{size:,} synthetic" if size else "curated"
        graph = build_phases(kg, rows, label)
        del kg
        measures(graph, rows, label, args)
        pictures(graph, rows, label, args)
        print(f"(loaded in {loading:.1f} s)", flush=True)
    machine = f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    header = (
        f"Measured {time.strftime('%Y-%m-%d')} by `python benchmarks/network.py --sizes"
        f" {' '.join(map(str, args.sizes))}` on {machine}. `uptime` before: {before};"
        f" after: {uptime()} (the machine is shared: figures are CPU seconds of the benchmark's"
        ' processes, the new way\'s wall-clock time beside them). "~": networkx run from'
        f" {args.pivots} sampled sources (or {args.spring_iterations} layout iterations), its"
        " full time extrapolated.\n\n"
        f"{HEADER}\n"
    )
    args.output.write_text(header + "\n".join(row.markdown() for row in rows) + "\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
