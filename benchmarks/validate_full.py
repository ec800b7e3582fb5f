"""Full validation of a synthetic project, our set-wise SHACL engine against pySHACL.

Each size is a temporary project: the curated ontology and data plus ``ssegraph synth`` output
in ``data/``, loaded as a user's command loads it. ``validate_graph`` then runs with
``engine="ssegraph"`` and, at the reference sizes, with ``engine="pyshacl"`` (pySHACL on the
SHACL Core shapes; the SPARQL constraints run once each in the store either way); the script
checks both reports hold the same results (``shacl.report.result_rows``: focus, path, value,
component, source shape, severity, messages, details) and prints the times and the ratio.
pySHACL takes minutes from 100k triples up: give ``--reference`` the sizes you can wait for.
Usage:
    python benchmarks/validate_full.py [--triples 100000 1000000] [--reference 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from ssegraph.graph import KnowledgeGraph
from ssegraph.shacl.report import result_rows
from ssegraph.synth import write
from ssegraph.validate import Report, validate_graph

ROOT = Path(__file__).resolve().parents[1]


def project(where: Path, triples: int, seed: int) -> Path:
    """The curated project with ``triples`` synthetic statements in data/synthetic.ttl."""
    shutil.copytree(ROOT / "ontology", where / "ontology")
    shutil.copytree(ROOT / "data", where / "data")
    write(where / "data" / "synthetic.ttl", triples, seed)
    return where


def timed(kg: KnowledgeGraph, engine: str) -> tuple[float, Report]:
    started = time.perf_counter()
    report = validate_graph(kg, engine=engine)
    return time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--reference", type=int, nargs="*", default=[100_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    for triples in args.triples:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            kg = KnowledgeGraph.load(project(Path(tmp), triples, args.seed))
            print(f"{triples:,} synthetic triples: {len(kg):,} statements loaded in "
                  f"{time.perf_counter() - started:.1f} s")  # fmt: skip
            ours, report = timed(kg, "ssegraph")
            violations = report.count("Violation")
            print(f"  ssegraph engine: {ours:.1f} s; {len(report.findings):,} findings "
                  f"({violations:,} violations), {report.checked:,} nodes")  # fmt: skip
            if triples not in args.reference:
                continue
            theirs, reference = timed(kg, "pyshacl")
            rows = result_rows(report.graph)
            same = rows == result_rows(reference.graph)
            print(f"  pySHACL:         {theirs:.1f} s; same results: {same} "
                  f"({sum(rows.values()):,} results with their details)")  # fmt: skip
            print(f"  ratio pySHACL / ssegraph: {theirs / ours:.1f}x")


if __name__ == "__main__":
    main()
