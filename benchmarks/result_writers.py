"""What writing query results through pyoxigraph costs, against rdflib's own serialisers.

``ssegraph.results`` writes every W3C results format with pyoxigraph's writers, handing them
the rows as SPARQL JSON written by rdflib (the only way to give pyoxigraph rows it did not
compute). This prints, for a synthetic answer of N rows (an IRI, a French label, an integer,
an unbound cell), the median time of that path and of rdflib's serialiser alone for JSON, XML
and CSV (rdflib writes no TSV), in the same run.

    .venv/bin/python benchmarks/result_writers.py --rows 20000 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from rdflib import Literal, URIRef

from ssegraph.results import Results, _as_rdflib, get_format


def answer(rows: int) -> Results:
    return Results(
        ("node", "label", "count", "missing"),
        tuple(
            (URIRef(f"https://w3id.org/ssegraph/id/org/n{i}"), Literal(f"nœud {i}", lang="fr"),
             Literal(i), None)
            for i in range(rows)
        ),
    )  # fmt: skip


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = answer(args.rows)
    print(f"{args.rows:,} rows, median of {args.repeat}")
    print(f"{'format':<6} {'pyoxigraph path':>16} {'rdflib alone':>13}")
    for name in ("json", "xml", "csv", "tsv"):
        ours = median_seconds(lambda n=name: get_format(n).write(results), args.repeat)
        if name == "tsv":
            print(f"{name:<6} {ours:>15.3f}s {'(none)':>13}")
            continue
        theirs = median_seconds(
            lambda n=name: _as_rdflib(results).serialize(format=n, encoding="utf-8"), args.repeat
        )
        print(f"{name:<6} {ours:>15.3f}s {theirs:>12.3f}s")


if __name__ == "__main__":
    main()
