"""The embedded store against two real SPARQL servers: Oxigraph server and Virtuoso.

For the curated project and for it with a synthetic ecosystem of 100k triples beside it
(``ssegraph.synth``, one more file in data/), the script loads the project into a fresh
in-memory embedded store, and pushes it into an Oxigraph server (in memory) and into Virtuoso
(a fresh database in a temporary directory) as ``ssegraph push`` does: one Graph Store PUT per
file, then the derived graphs computed on the server and sent back. Then it times a few
catalogue queries on each, median of a few runs, from the same process (the servers answer
over HTTP, so each figure includes the round trip and the parsing of the JSON answer).

    .venv/bin/python benchmarks/servers.py [--sizes 0,100000] [--repeat 3]

It prints a table and writes it to benchmarks/results/servers.md.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ssegraph.backends.embedded import EmbeddedBackend
from ssegraph.backends.remote import RemoteBackend
from ssegraph.catalogue import Catalogue
from ssegraph.graph import KnowledgeGraph
from ssegraph.project import locate
from ssegraph.servers import running_oxigraph, running_virtuoso
from ssegraph.synth import write

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "servers.md"
QUERIES = (
    "statistics",
    "members-as-of",
    "observers",
    "search-names",
    "actor-timeline",
    "session-speakers",
)
ENGINES = ("embedded", "oxigraph", "virtuoso")


@contextmanager
def project(size: int) -> Iterator[Path]:
    """The curated project, or a copy of it with a synthetic file of ``size`` triples."""
    if size == 0:
        yield ROOT
        return
    with tempfile.TemporaryDirectory(prefix="ssegraph-servers-") as tmp:
        copy = Path(tmp)
        shutil.copytree(ROOT / "ontology", copy / "ontology")
        shutil.copytree(ROOT / "data", copy / "data")
        write(copy / "data" / "synthetic.ttl", size, seed=1)
        yield copy


@contextmanager
def backend(engine: str) -> Iterator[EmbeddedBackend | RemoteBackend]:
    """A fresh, empty store of that engine, gone when the block ends."""
    if engine == "embedded":
        yield EmbeddedBackend()
    elif engine == "oxigraph":
        with running_oxigraph() as endpoint:
            yield RemoteBackend(endpoint, timeout=1800)
    else:
        with running_virtuoso() as virtuoso:
            credentials = (virtuoso.user, virtuoso.password)
            yield RemoteBackend(
                virtuoso.endpoint, store=virtuoso.store, timeout=1800, credentials=credentials
            )


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(size: int, engine: str, repeat: int) -> dict[str, float]:
    catalogue = Catalogue.load(ROOT)
    figures: dict[str, float] = {}
    with project(size) as folder, backend(engine) as store:
        started = time.perf_counter()
        kg = KnowledgeGraph.load(locate(folder), store)
        figures["load / push"] = time.perf_counter() - started
        figures["statements"] = len(kg)
        for name in QUERIES:
            query = catalogue.get(name)
            figures[name] = median_seconds(lambda q=query: q.results(kg, {}), repeat)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,100000", help="synthetic triples (0: curated)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    lines = [
        "# Embedded store, Oxigraph server and Virtuoso",
        "",
        f"Measured by benchmarks/servers.py on {platform.node()} ({platform.machine()}, "
        f"Python {platform.python_version()}), seconds (median of {args.repeat} runs for "
        "queries); push includes computing the derived graphs on the server.",
        "",
    ]
    for size in sizes:
        results = {engine: measure(size, engine, args.repeat) for engine in ENGINES}
        title = "curated project" if size == 0 else f"curated + {size:,} synthetic triples"
        lines += [f"## {title}", "", "| | " + " | ".join(ENGINES) + " |", "|---" * 4 + "|"]
        for row in results["embedded"]:
            cells = [
                f"{results[engine][row]:,.0f}"
                if row == "statements"
                else f"{results[engine][row]:.3f}"
                for engine in ENGINES
            ]
            lines.append(f"| {row} | " + " | ".join(cells) + " |")
        lines.append("")
        print("\n".join(lines[-len(results["embedded"]) - 4 :]), flush=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
