"""The network view's JSON route: what the browser is sent, capped against the whole network.

For each size (0 is the curated graph alone; N adds a synthetic ecosystem of about N triples,
``ssegraph.synth``) it times, in one run, side by side: the job the route runs in a query
worker (``DrawNetwork``: only the ``MAX_NODES`` best-tied nodes built, then ``drawn``) against
the old job (the whole network built, then cut by ``drawn``), and the alternative of sending
the whole network as the CLI's Cytoscape.js JSON (``nx.cytoscape_data``), with the bytes each
gives. Times are CPU seconds of this process (the machine may be shared); the
server's time limit (``serve --timeout``, 10 s by default) applies to the job.
Usage: python benchmarks/serve_network.py [--sizes 0 100000]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import TypeVar

import networkx as nx

from ssegraph.graph import KnowledgeGraph
from ssegraph.network import build
from ssegraph.serve.network import MAX_NODES, Drawn, DrawNetwork, asked, drawn
from ssegraph.serve.render import jsonable
from ssegraph.synth import synthesize

T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[T, float]:
    start = time.process_time()
    found = work()
    return found, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(
        "| triples | nodes / drawn | job (top built + drawn) | old job (whole built + drawn)"
        " | drawn alone | capped JSON | whole |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        kg = KnowledgeGraph.load()
        if size:
            kg.add(synthesize(size, args.seed), "data/synthetic")
        job = DrawNetwork(asked({}), "en")
        found, job_time = timed(lambda job=job, kg=kg: job.run(kg))
        assert isinstance(found, Drawn)
        graph, build_time = timed(lambda kg=kg: build(kg, "co-membership"))
        _, drawn_time = timed(lambda graph=graph: drawn(graph, MAX_NODES))
        capped, capped_time = timed(lambda found=found: json.dumps(jsonable(found)).encode())
        whole, whole_time = timed(lambda graph=graph: json.dumps(nx.cytoscape_data(graph)).encode())
        print(
            f"| {size:,} | {found.total:,} / {found.shown:,} | {job_time:.2f} s | "
            f"{build_time + drawn_time:.2f} s | {drawn_time:.3f} s | "
            f"{len(capped) / 1e6:.2f} MB in {capped_time:.3f} s | "
            f"{len(whole) / 1e6:.2f} MB in {whole_time:.3f} s |",
            flush=True,
        )


if __name__ == "__main__":
    main()
