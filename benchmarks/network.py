"""Networks at scale: building, measuring (igraph against networkx) and drawing them.

For each size (0 is the curated graph alone; N adds a synthetic ecosystem of about N triples,
``ssegraph.synth``) the script builds the co-membership network and times, in one run, side by
side:

* build: the SPARQL reads and the name index (``Facts.read``), the filters (``select``) and the
  Python assembly of the networkx graph (``assemble``);
* each measure of ``ssegraph.metrics`` (igraph) against networkx's own function: betweenness,
  closeness, eigenvector (per component), k-core and Louvain communities, with the largest
  difference between their values (for communities, the modularity of each partition);
* the layout (igraph's Fruchterman-Reingold, per component, as ``plot.layout``) against
  networkx's ``spring_layout``, and the whole picture (PNG and SVG, ``plot.draw``).

Above ``--exact-up-to`` nodes networkx's betweenness and closeness would take hours: they are
run from ``--pivots`` seeded sources and their full time is extrapolated from that (marked
"~", the value difference then not comparable), as the old ``metrics`` did for betweenness;
its spring layout is run with ``--spring-iterations`` of its 50 iterations and extrapolated
likewise.

Times are CPU seconds of the benchmark's process (the machine may be shared). It prints
each figure and writes them as Markdown to ``benchmarks/results/network.md``.
Usage: python benchmarks/network.py [--sizes 0 100000 1000000] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import networkx as nx

from ssegraph import metrics
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import index
from ssegraph.network import Facts, Filters, assemble, build, network_kind, select
from ssegraph.plot import draw, layout
from ssegraph.synth import synthesize

T = TypeVar("T")
HEADER = "| triples | measure | ssegraph | networkx | ratio | notes |\n|---|---|---:|---:|---:|---|"
RESULTS = Path(__file__).resolve().parent / "results" / "network.md"


@dataclass
class Row:
    """One line of the results: a measure at a size, ours against the alternative."""

    size: str
    measure: str
    ours: float
    theirs: float | None = None
    extrapolated: bool = False
    note: str = ""

    def markdown(self) -> str:
        theirs = (
            "" if self.theirs is None else f"{'~' if self.extrapolated else ''}{self.theirs:.3f} s"
        )
        ratio = f"{self.theirs / self.ours:.0f}x" if self.theirs and self.ours else ""
        cells = [self.size, self.measure, f"{self.ours:.3f} s", theirs, ratio, self.note]
        return f"| {' | '.join(cells)} |"


def timed(work: Callable[[], T]) -> tuple[T, float]:
    """The result of ``work`` and the CPU seconds it took this process: on a machine shared with
    other jobs, wall-clock time would measure their load too (every engine here runs in one
    thread, so on an idle machine the two agree)."""
    started = time.process_time()
    result = work()
    return result, time.process_time() - started


def report(rows: list[Row], row: Row) -> None:
    rows.append(row)
    print(row.markdown(), flush=True)


def graph_of(size: int, seed: int) -> KnowledgeGraph:
    kg = KnowledgeGraph.load()
    if size:
        kg.add(synthesize(size, seed), "data/synthetic")
    return kg


def build_phases(kg: KnowledgeGraph, rows: list[Row], size: str) -> nx.Graph:
    """``build`` timed whole, then its phases one by one (the name index rebuilt, the cyclic
    collector paused as ``build`` pauses it)."""
    wall = time.perf_counter()
    graph, total = timed(lambda: build(kg, "co-membership"))
    wall = time.perf_counter() - wall
    kg.generation += 1  # the name index is built again for the phases
    kind = network_kind("co-membership")
    gc.disable()
    try:
        _, names = timed(lambda: index(kg))
        facts, reads = timed(lambda: Facts.read(kg))
        ties, selecting = timed(lambda: select(kg, facts, kind, Filters()))
        _, assembling = timed(lambda: assemble(facts, kind, ties))
    finally:
        gc.enable()
    note = (
        f"name index {names:.2f} s, other SPARQL reads {reads:.2f} s, select {selecting:.2f} s,"
        f" assemble {assembling:.2f} s; {graph.number_of_nodes():,} nodes,"
        f" {graph.number_of_edges():,} edges, {len(kg):,} triples; wall-clock {wall:.2f} s"
    )
    report(rows, Row(size, "build co-membership", total, note=note))
    return graph


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

    ours, seconds = timed(lambda: metrics.betweenness_of(engine))
    theirs, their_seconds, guessed = sampled(
        lambda: nx.betweenness_centrality(graph),
        lambda sources: nx.betweenness_centrality_subset(graph, sources, nodes),
        graph,
        args,
    )
    note = difference(ours, theirs)
    report(rows, Row(size, "betweenness (exact)", seconds, their_seconds, guessed, note))

    ours, seconds = timed(lambda: metrics.closeness_of(engine))
    theirs, their_seconds, guessed = sampled(
        lambda: nx.closeness_centrality(graph),
        lambda sources: [nx.closeness_centrality(graph, u=source) for source in sources],
        graph,
        args,
    )
    report(rows, Row(size, "closeness", seconds, their_seconds, guessed, difference(ours, theirs)))

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

    _, everything = timed(lambda: metrics.compute(graph))
    note = f"every measure and brokerage, igraph graph made in {converting:.2f} s"
    report(rows, Row(size, "metrics.compute", everything, note=note))


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
            placed, seconds = timed(lambda path=path: draw(graph, path))
            note = f"{len(placed)} names written, {path.stat().st_size / 1e6:.1f} MB"
            report(rows, Row(size, f"picture {kind.upper()}", seconds, note=note))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--exact-up-to", type=int, default=5_000)
    parser.add_argument("--pivots", type=int, default=256)
    parser.add_argument("--spring-iterations", type=int, default=5)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    rows: list[Row] = []
    print(
        "| triples | measure | ssegraph | networkx | ratio | notes |\n|---|---|---:|---:|---:|---|"
    )
    for size in args.sizes:
        kg, loading = timed(lambda size=size: graph_of(size, args.seed))
        label = f"{size:,} synthetic" if size else "curated"
        graph = build_phases(kg, rows, label)
        del kg
        measures(graph, rows, label, args)
        pictures(graph, rows, label, args)
        print(f"(loaded in {loading:.1f} s)", flush=True)
    machine = f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = os.getloadavg()[0]
    header = (
        f"Measured {time.strftime('%Y-%m-%d')} by `python benchmarks/network.py --sizes"
        f" {' '.join(map(str, args.sizes))}` on {machine}; load average at the end {load:.1f}"
        " (the machine is shared: figures are CPU seconds of the benchmark's process).\n\n"
        f"{HEADER}\n"
    )
    args.output.write_text(header + "\n".join(row.markdown() for row in rows) + "\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
