"""ssegraph against the plain stack (rdflib + pySHACL) on synthetic graphs of growing size.

For each size the script writes a synthetic ecosystem (``ssegraph.synth``) and measures, side by
side in one run, each in a fresh process so that peak memory belongs to that measure alone:

* load: the curated project plus the synthetic file into the embedded store, against rdflib's
  parser into a ``Graph``;
* every catalogue query, p50/p95 over repeated runs, embedded against rdflib's SPARQL engine on
  the same data with the same bindings;
* validating a 1,000-triple batch (``validate_batch``) against pySHACL on the whole merged
  graph, with a check that the findings about the batch agree;
* full validation (``ssegraph validate``);
* the CLI's start-up (``ssegraph --help``).

It prints a table and writes it as Markdown and JSON under ``benchmarks/results/``.
Usage: python benchmarks/scale.py [--sizes 10000 100000 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
BATCH = 1_000
SEED = 7


# ---- measures, each run in its own process (``--worker PHASE SIDE DATA``)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ours(data: Path):
    from ssegraph.graph import KnowledgeGraph
    from ssegraph.vocab import GRAPH

    kg = KnowledgeGraph.load()
    kg.backend.load_file(data, GRAPH["data/synthetic"], name=data.name)
    return kg


def _plain(data: Path):
    from rdflib import Graph

    from ssegraph.project import locate

    graph = Graph()
    for path in locate().rdf_files():
        if path.stem != "shapes":
            graph.parse(path)
    graph.parse(data, format="nt")
    return graph


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def measure_load(side: str, data: Path, repeat: int) -> dict:
    seconds, store = _timed(lambda: (_ours if side == "ssegraph" else _plain)(data))
    return {"seconds": seconds, "statements": len(store)}


def measure_queries(side: str, data: Path, repeat: int) -> dict:
    from ssegraph.catalogue import Catalogue

    catalogue = Catalogue.load()
    kg = _ours(data)  # parameters are resolved on the embedded graph for both sides
    graph = None if side == "ssegraph" else _plain(data)
    times: dict[str, dict] = {}
    for name in catalogue.names():
        query = catalogue.get(name)
        bindings = query.bindings(kg, {})
        runs = []
        try:
            for _ in range(repeat):
                if graph is None:
                    seconds, rows = _timed(lambda q=query: q.run(kg))
                else:
                    seconds, rows = _timed(
                        lambda q=query, b=bindings: list(graph.query(q.sparql, initBindings=b))
                    )
                runs.append(seconds)
        except Exception as error:  # the plain engine may reject a query: record, go on
            times[name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        runs.sort()
        times[name] = {
            "p50": statistics.median(runs),
            "p95": runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))],
            "rows": len(rows),
        }
    return {"queries": times}


def measure_validate_batch(side: str, data: Path, repeat: int) -> dict:
    from rdflib import Graph

    from ssegraph.synth import synthesize
    from ssegraph.validate import data_graph, shapes_graph, touched_nodes, validate_batch
    from ssegraph.vocab import ID, ORG

    size = sum(1 for _ in data.open())
    tail = list(synthesize(size + BATCH, SEED))[-BATCH:]
    batch = Graph()
    for triple in tail:
        batch.add(triple)
    for n, membership in enumerate(sorted(set(batch.subjects(ORG.member, None)))[:5]):
        batch.add((membership, ORG.member, ID[f"org/nobody-{n}"]))
    kg = _ours(data)
    touched = touched_nodes(batch)
    if side == "ssegraph":
        seconds, report = _timed(lambda: validate_batch(kg, batch))
        found = sorted({(str(f.focus), f.constraint) for f in report.findings})
        return {"seconds": seconds, "findings": found}
    import pyshacl
    from rdflib.namespace import RDF, SH

    merged = data_graph(kg)
    merged += batch
    shapes = shapes_graph(kg)
    seconds, (_, results, _) = _timed(
        lambda: pyshacl.validate(
            merged, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True
        )
    )
    found = sorted(
        {
            (
                str(results.value(r, SH.focusNode)),
                str(results.value(r, SH.sourceConstraintComponent))
                .rsplit("#", 1)[-1]
                .removesuffix("ConstraintComponent"),
            )
            for r in results.subjects(RDF.type, SH.ValidationResult)
            if results.value(r, SH.focusNode) in touched
        }
    )
    return {"seconds": seconds, "findings": found}


def measure_full_validation(side: str, data: Path, repeat: int) -> dict:
    from ssegraph.validate import validate_graph

    kg = _ours(data)
    seconds, report = _timed(lambda: validate_graph(kg))
    return {"seconds": seconds, "violations": report.count("Violation")}


PHASES: dict[str, tuple[Callable[[str, Path, int], dict], tuple[str, ...]]] = {
    "load": (measure_load, ("ssegraph", "rdflib")),
    "queries": (measure_queries, ("ssegraph", "rdflib")),
    "validate_batch": (measure_validate_batch, ("ssegraph", "pyshacl-full")),
    "full_validation": (measure_full_validation, ("ssegraph",)),
}


def worker(phase: str, side: str, data: Path, repeat: int) -> None:
    result = PHASES[phase][0](side, data, repeat)
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


# ---- the orchestra


def run_worker(phase: str, side: str, data: Path, repeat: int) -> dict:
    command = [
        sys.executable,
        __file__,
        "--worker",
        phase,
        side,
        str(data),
        "--repeat",
        str(repeat),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def startup(repeat: int) -> dict:
    ssegraph = str(Path(sys.executable).with_name("ssegraph"))
    runs = sorted(
        _timed(lambda: subprocess.run([ssegraph, "--help"], capture_output=True))[0]
        for _ in range(repeat)
    )
    return {"p50": statistics.median(runs), "max": runs[-1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--phases", nargs="+", default=list(PHASES), choices=list(PHASES))
    parser.add_argument("--worker", nargs=3, metavar=("PHASE", "SIDE", "DATA"))
    args = parser.parse_args()
    if args.worker:
        phase, side, data = args.worker
        worker(phase, side, Path(data), args.repeat)
        return

    from ssegraph.synth import write

    results: dict = {"machine": _machine(), "startup": startup(args.repeat), "sizes": {}}
    print(f"ssegraph --help: p50 {results['startup']['p50']:.3f} s")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            data = Path(tmp) / f"synthetic-{size}.nt"
            write(data, size, SEED)
            results["sizes"][size] = by_phase = {}
            for phase in args.phases:
                by_phase[phase] = {}
                for side in PHASES[phase][1]:
                    repeat = args.repeat if side == "ssegraph" or size <= 100_000 else 1
                    by_phase[phase][side] = run_worker(phase, side, data, repeat)
                    print(
                        f"{size:>9,} {phase:16} {side:13} {_summary(by_phase[phase][side])}",
                        flush=True,
                    )
    write_results(results)


def _summary(result: dict) -> str:
    if "error" in result:
        return f"error: {result['error']}"
    if "queries" in result:
        total = sum(q.get("p50", 0) for q in result["queries"].values())
        return f"sum of p50 {total:.3f} s, peak {result['peak_mb']:.0f} MB"
    return f"{result['seconds']:.3f} s, peak {result['peak_mb']:.0f} MB"


def _machine() -> dict:
    import os

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
    }


def write_results(results: dict) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "scale.md").write_text(markdown(results))
    print(markdown(results))


def markdown(results: dict) -> str:
    machine = results["machine"]
    lines = [
        f"Measured {machine['date']} on {machine['platform']}, {machine['cpus']} cores, "
        f"Python {machine['python']}. `ssegraph --help`: {results['startup']['p50']:.2f} s (p50).",
        "",
        "| triples | measure | ssegraph | plain | ratio | peak MB (ssegraph / plain) |",
        "|---:|---|---:|---:|---:|---|",
    ]
    for size, phases in results["sizes"].items():
        for phase, sides in phases.items():
            ours, plain = (
                sides.get("ssegraph", {}),
                next((v for k, v in sides.items() if k != "ssegraph"), {}),
            )
            for label, a, b in _rows(phase, ours, plain):
                ratio = f"{b / a:.1f}x" if a and b else ""
                memory = (
                    f"{ours.get('peak_mb', 0):.0f} / {plain.get('peak_mb', 0):.0f}"
                    if plain
                    else f"{ours.get('peak_mb', 0):.0f}"
                )
                lines.append(
                    f"| {int(size):,} | {label} | {_s(a)} | {_s(b)} | {ratio} | {memory} |"
                )
    return "\n".join(lines) + "\n"


def _rows(phase: str, ours: dict, plain: dict) -> list[tuple[str, float | None, float | None]]:
    if "queries" in ours:
        return [
            (f"query {name} (p50)", q["p50"], plain.get("queries", {}).get(name, {}).get("p50"))
            for name, q in ours["queries"].items()
        ]
    same = ""
    if "findings" in ours and "findings" in plain:
        same = " (same findings)" if ours["findings"] == plain["findings"] else " (FINDINGS DIFFER)"
    return [(phase.replace("_", " ") + same, ours.get("seconds"), plain.get("seconds"))]


def _s(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds:.3f} s"


if __name__ == "__main__":
    main()
