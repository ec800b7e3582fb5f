"""Full validation of a synthetic project, our set-wise SHACL engine against pySHACL.

Each size is a temporary project: the curated ontology and data plus ``ssegraph synth`` output
in ``data/``, loaded as a user's command loads it (the store on disk). ``validate_graph`` then
runs with ``engine="ssegraph"`` and, at the reference sizes, with ``engine="pyshacl"`` (pySHACL
on the SHACL Core shapes; the SPARQL constraints run once each in the store either way); the
script checks both reports hold the same results (``shacl.report.result_rows``: focus, path,
value, component, source shape, severity, messages, details) and prints wall and CPU seconds
and the ratio. It also times, in the same run, the two stages of ours that most of the time
goes to: the copy of the asserted graphs from the store on disk into memory
(``validate._held_data``) and the SHACL Core engine alone on that copy (``shacl.validate``);
then the engine reading the asserted named graphs where they are (``Data(store, graphs)``).
pySHACL takes minutes from 100k triples up: give ``--reference`` the sizes you can wait for.
Usage:
    python benchmarks/validate_full.py [--triples 10000 100000 1000000] [--reference 10000 100000]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ssegraph.graph import KnowledgeGraph
from ssegraph.shacl import Data, Result, compile_shapes, validate
from ssegraph.shacl.report import result_rows
from ssegraph.shacl_sparql import without_sparql
from ssegraph.synth import write
from ssegraph.validate import _asserted, _held_data, shapes_graph, validate_graph

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")


def project(where: Path, triples: int, seed: int) -> Path:
    """The curated project with ``triples`` synthetic statements in data/synthetic.ttl."""
    shutil.copytree(ROOT / "ontology", where / "ontology")
    shutil.copytree(ROOT / "data", where / "data")
    write(where / "data" / "synthetic.ttl", triples, seed)
    return where


def timed(run: Callable[..., T], *args: object, **kwargs: object) -> tuple[float, float, T]:
    """Wall and CPU seconds of ``run(*args, **kwargs)``, and what it returned."""
    wall, cpu = time.perf_counter(), time.process_time()
    found = run(*args, **kwargs)
    return time.perf_counter() - wall, time.process_time() - cpu, found


def _rows(results: list[Result]) -> Counter[tuple[str, ...]]:
    return Counter(
        (str(r.focus), str(r.shape.node), str(r.component), str(r.value), str(len(r.details)))
        for r in results
    )


def measure(where: Path, triples: int, reference: bool) -> None:
    """Print the figures of one project."""
    wall, cpu, kg = timed(KnowledgeGraph.load, where)
    print(f"{triples:,} synthetic triples: {len(kg):,} statements loaded in "
          f"{wall:.1f} s ({cpu:.1f} s CPU)")  # fmt: skip
    ours, ours_cpu, report = timed(validate_graph, kg, engine="ssegraph")
    print(f"  ssegraph, validate_graph: {ours:7.1f} s wall {ours_cpu:7.1f} s CPU; "
          f"{len(report.findings):,} findings ({report.count('Violation'):,} violations), "
          f"{report.checked:,} nodes")  # fmt: skip
    copy, copy_cpu, held = timed(_held_data, kg)
    core = compile_shapes(without_sparql(shapes_graph(kg)))
    engine, engine_cpu, results = timed(validate, Data(held.store), core)
    print(f"    of which the copy into memory: {copy:7.1f} s wall {copy_cpu:7.1f} s CPU")
    print(f"    and the SHACL Core engine:     {engine:7.1f} s wall {engine_cpu:7.1f} s CPU "
          f"({len(results):,} results)")  # fmt: skip
    store = kg.backend.store  # type: ignore[attr-defined]
    graphs = [g for g in store.named_graphs() if _asserted(g)]
    place, place_cpu, found = timed(validate, Data(store, graphs), core)
    print(f"  the engine on the named graphs in place, no copy: {place:.1f} s wall "
          f"{place_cpu:.1f} s CPU (same results: {_rows(found) == _rows(results)})")  # fmt: skip
    if not reference:
        return
    theirs, theirs_cpu, pyshacl = timed(validate_graph, kg, engine="pyshacl")
    rows = result_rows(report.graph)
    same = rows == result_rows(pyshacl.graph)
    print(f"  pySHACL, validate_graph:  {theirs:7.1f} s wall {theirs_cpu:7.1f} s CPU; same "
          f"results: {same} ({sum(rows.values()):,} results with their details)")  # fmt: skip
    print(f"  pySHACL / ssegraph: {theirs / ours:.1f}x wall, {theirs_cpu / ours_cpu:.1f}x CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--reference", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    for triples in args.triples:
        with tempfile.TemporaryDirectory() as tmp:
            where = project(Path(tmp), triples, args.seed)
            measure(where, triples, triples in args.reference)


if __name__ == "__main__":
    main()
