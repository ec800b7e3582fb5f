"""Building, writing and measuring the co-membership network of a large synthetic graph.

The curated graph is small; the graphs analysts build are not. This script loads the project's
graph plus a synthetic ecosystem (``ssegraph.synth``), then times, each on its own:
  * build: the SPARQL reads through ``kg.select`` and the networkx graph (``network.build``);
  * each export of the ``network_io`` registry (GEXF, GraphML, JSON, Cytoscape, CSV, PNG, SVG);
  * metrics: every measure of ``metrics.compute``.
Usage:
    python benchmarks/network.py [--triples 100000] [--seed 7] [--network co-membership]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ssegraph.graph import KnowledgeGraph
from ssegraph.metrics import compute
from ssegraph.network import build
from ssegraph.network_io import FORMATS, write
from ssegraph.synth import synthesize

T = TypeVar("T")


def timed(label: str, work: Callable[[], T]) -> T:
    """Run ``work`` once and print how long it took."""
    started = time.perf_counter()
    result = work()
    print(f"{label:<22} {time.perf_counter() - started:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--network", default="co-membership")
    args = parser.parse_args()

    started = time.perf_counter()
    kg = KnowledgeGraph.load()
    kg.add(synthesize(args.triples, args.seed), "data/synthetic")
    print(
        f"graph: {len(kg):,} statements (curated + synthetic), loaded in "
        f"{time.perf_counter() - started:.1f} s"
    )
    graph = timed(f"build {args.network}", lambda: build(kg, args.network))
    print(f"network: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")
    with tempfile.TemporaryDirectory() as directory:
        for name, network_format in FORMATS.items():
            path = Path(directory) / f"network{network_format.extension or '-csv'}"
            timed(f"write {name}", lambda path=path, name=name: write(graph, path, name))
    rows = timed("metrics", lambda: compute(graph))
    print(f"measured {len(rows):,} nodes in {max(r.community for r in rows) + 1} communities")


if __name__ == "__main__":
    main()
