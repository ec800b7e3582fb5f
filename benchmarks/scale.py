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
* the co-membership network and its metrics (``ssegraph.network`` + ``ssegraph.metrics``),
  against the same code reading the graph through rdflib's SPARQL engine;
* the CLI's start-up (``ssegraph --help``).

With ``--endpoint``, the same measures also run against an Oxigraph server (the ``oxigraph``
package, in memory on 127.0.0.1, stopped at the end) holding the same graph, pushed to it over
the Graph Store Protocol as ``ssegraph push`` does, for users who outgrow one process. A
plain-stack query past ``--plain-cap`` seconds is stopped and reported as such (rdflib's engine
is pure Python, so an alarm interrupts it). rdflib is given the fix it made for COUNT(DISTINCT)
over unbound values for its other aggregates too (``_skip_unbound_in_distinct_aggregates``),
without which it cannot answer four catalogue queries at all.

It prints a table and writes it as Markdown and JSON under ``benchmarks/results/``.
Usage: python benchmarks/scale.py [--sizes 10000 100000 1000000] [--repeat 5] [--endpoint]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
BATCH = 1_000
SEED = 7
SYNTHETIC_GRAPH = "https://w3id.org/ssegraph/graph/data/synthetic"
ENDPOINT = "SSEGRAPH_BENCH_ENDPOINT"  # how the orchestra tells a worker where the server is
PLAIN_CAP = "SSEGRAPH_BENCH_PLAIN_CAP"


# ---- measures, each run in its own process (``--worker PHASE SIDE DATA``)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ours(data: Path, side: str = "ssegraph"):
    """The graph on our side: embedded, or the server's when ``side`` is ``endpoint``.

    Embedded, the synthetic file joins the curated project and the derived graphs (periods
    held, days of events, entailments) are computed over both, as a load of such a project does.
    """
    from ssegraph.derive import derive
    from ssegraph.graph import KnowledgeGraph
    from ssegraph.project import locate
    from ssegraph.vocab import GRAPH

    if side == "endpoint":
        return KnowledgeGraph.connect(os.environ[ENDPOINT], project=locate())
    kg = KnowledgeGraph.load()
    kg.backend.load_file(data, GRAPH["data/synthetic"], name=data.name)
    derive(kg.backend)
    return kg


def _skip_unbound_in_distinct_aggregates() -> None:
    """Let rdflib's SPARQL engine answer GROUP_CONCAT(DISTINCT ?x) when ?x is unbound in a row.

    rdflib 7 raises NotBoundError there (RDFLib/rdflib#882, open), so it could not answer four
    catalogue queries whose labels come from an OPTIONAL. Its own fix for COUNT(DISTINCT)
    (#2229) skips such rows, as SPARQL does; the same is done here for the other aggregates. It
    lets the plain stack answer, and makes it no faster.
    """
    from rdflib.plugins.sparql import aggregates
    from rdflib.plugins.sparql.sparql import NotBoundError

    def use_row(self, row) -> bool:
        try:
            return aggregates._eval(self.expr, row) not in self.seen
        except NotBoundError:
            return False

    aggregates.Accumulator.use_row = use_row


def _plain(data: Path):
    """rdflib's parser on the same statements, the derived ones included: the plain stack has
    no reasoner, so it is handed what ssegraph derives (computed before the clock starts)."""
    from rdflib import Graph

    from ssegraph.project import locate

    _skip_unbound_in_distinct_aggregates()
    derived = _derived_ntriples(data)
    graph = Graph()
    for path in locate().rdf_files():
        if path.stem != "shapes":
            graph.parse(path)
    graph.parse(data, format="nt")
    graph.parse(derived, format="nt")
    return graph


def _derived_ntriples(data: Path) -> Path:
    """The derived graphs of curated + synthetic data, as an N-Triples file beside ``data``
    (statements about blank nodes land on new ones there, as they would on a server)."""
    target = data.with_suffix(".derived.nt")
    if not target.exists():
        from ssegraph.vocab import is_derived

        kg = _ours(data)
        lines = [
            f"{q.subject} {q.predicate} {q.object} ."
            for q in kg.backend.store  # type: ignore[attr-defined]
            if is_derived(q.graph_name.value)
        ]
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


class RdflibBackend:
    """rdflib's in-memory Graph and SPARQL engine behind a KnowledgeGraph: the plain stack
    running the very same network code."""

    def __init__(self, graph) -> None:
        self.graph = graph

    def select(self, query: str, bindings: dict):
        from ssegraph.backends import SelectResult
        from ssegraph.vocab import PREFIXES

        answer = self.graph.query(query, initNs=PREFIXES, initBindings=bindings)
        variables = [str(v) for v in answer.vars]
        return SelectResult(variables, [tuple(row) for row in answer])


@contextmanager
def capped(seconds: float) -> Iterator[None]:
    """Stop the pure-Python code in the block after ``seconds`` (TimeoutError)."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"stopped after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def measure_load(side: str, data: Path, repeat: int) -> dict:
    if side == "rdflib":
        _derived_ntriples(data)  # made once, outside the timing
    seconds, store = _timed(lambda: (_ours if side == "ssegraph" else _plain)(data))
    return {"seconds": seconds, "statements": len(store)}


def measure_queries(side: str, data: Path, repeat: int) -> dict:
    from ssegraph.catalogue import Catalogue
    from ssegraph.graph import KnowledgeGraph

    catalogue = Catalogue.load()
    # Parameters are resolved once, to the same terms on every side (the curated IRIs that the
    # defaults name); the plain worker resolves them on the curated graph, not holding a store.
    kg = KnowledgeGraph.load() if side == "rdflib" else _ours(data, side)
    run = _rdflib_select(_plain(data)) if side == "rdflib" else kg.select
    cap = float(os.environ.get(PLAIN_CAP, "60")) if side == "rdflib" else None
    times = {}
    for name in catalogue.names():
        query = catalogue.get(name)
        times[name] = _time_query(run, query.sparql, query.bindings(kg, {}), repeat, cap)
    return {"queries": times}


Select = Callable[[str, dict], list[dict]]


def _rdflib_select(graph) -> Select:
    """rdflib's SPARQL engine answering as ``kg.select`` does: rows as dicts of the projected
    variables, bound with ``initBindings``."""

    def select(sparql: str, bindings: dict) -> list[dict]:
        answer = graph.query(sparql, initBindings=bindings)
        rows = list(answer)
        names = [str(v) for v in answer.vars if str(v) not in bindings]
        return [{name: row[name] for name in names} for row in rows]

    return select


def _time_query(run: Select, sparql: str, bindings: dict, repeat: int, cap: float | None) -> dict:
    """p50 and p95 of ``repeat`` runs, the row count and a digest of the answer; a run past
    ``cap`` seconds stops the query, an engine's error is recorded."""
    runs = []
    try:
        for _ in range(repeat):
            with capped(cap) if cap else nullcontext():
                seconds, rows = _timed(lambda: run(sparql, bindings))
            runs.append(seconds)
    except TimeoutError:
        return {"stopped": cap}
    except Exception as error:  # the plain engine may reject a query: record, go on
        return {"error": f"{type(error).__name__}: {error}"}
    runs.sort()
    return {
        "p50": statistics.median(runs),
        "p95": runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))],
        "runs": len(runs),
        "rows": len(rows),
        "answer": answer_digest(rows, sparql),
    }


_CONCAT = re.compile(
    r'GROUP_CONCAT\s*\((?:DISTINCT\s+)?.*?;\s*separator\s*=\s*"([^"]*)"\s*\)\s+AS\s+\?(\w+)',
    re.IGNORECASE | re.DOTALL,
)


def answer_digest(rows: list[dict], sparql: str) -> str:
    """A digest of the rows as a multiset, equal on both engines when the answers are.

    SPARQL leaves two things to the engine, which are made equal first: the order of the values
    a GROUP_CONCAT joins (compared as a sorted list), and whether the joined string keeps the
    values' common language tag (its text is compared); an empty one is the empty string.
    """
    separators = {variable: separator for separator, variable in _CONCAT.findall(sparql)}
    canonical = sorted(
        repr(sorted((name, _canonical(value, separators.get(name))) for name, value in row.items()))
        for row in rows
    )
    return hashlib.sha1("\n".join(canonical).encode()).hexdigest()


def _canonical(value, separator: str | None) -> object:
    if separator is not None:
        return sorted(str(value).split(separator)) if value is not None and str(value) else []
    return None if value is None else value.n3()


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
    kg = _ours(data, side)
    touched = touched_nodes(batch)
    if side in ("ssegraph", "endpoint"):
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


def measure_network(side: str, data: Path, repeat: int) -> dict:
    from ssegraph.graph import KnowledgeGraph
    from ssegraph.metrics import compute, is_exact
    from ssegraph.network import build

    kg = KnowledgeGraph(RdflibBackend(_plain(data))) if side == "rdflib" else _ours(data, side)
    build_seconds, network = _timed(lambda: build(kg, "co-membership"))
    metrics_seconds, _ = _timed(lambda: compute(network))
    return {
        "seconds": build_seconds,
        "metrics_seconds": metrics_seconds,
        "nodes": network.number_of_nodes(),
        "edges": network.number_of_edges(),
        "exact": is_exact(network),
    }


# Each phase: its measure and its sides (ours first; "endpoint" joins with --endpoint).
PHASES: dict[str, tuple[Callable[[str, Path, int], dict], tuple[str, ...]]] = {
    "load": (measure_load, ("ssegraph", "rdflib")),
    "queries": (measure_queries, ("ssegraph", "rdflib")),
    "validate_batch": (measure_validate_batch, ("ssegraph", "pyshacl-full")),
    "full_validation": (measure_full_validation, ("ssegraph",)),
    "network": (measure_network, ("ssegraph", "rdflib")),
}
REMOTE_PHASES = ("queries", "validate_batch", "network")


def worker(phase: str, side: str, data: Path, repeat: int) -> None:
    result = PHASES[phase][0](side, data, repeat)
    result["peak_mb"] = _peak_mb()
    print(json.dumps(result))


# ---- the orchestra


def run_worker(
    phase: str, side: str, data: Path, repeat: int, env: dict[str, str], cap: float
) -> dict:
    """One measure in a fresh process (its peak memory is its own), stopped after ``cap`` s."""
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
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, env=env, timeout=cap
        )
    except subprocess.TimeoutExpired:
        return {"stopped": cap}
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


def push(data: Path, endpoint: str) -> dict:
    """The project and the synthetic file into the server, one named graph per file, through
    the Graph Store Protocol as ``ssegraph push`` sends them (an in-memory Oxigraph server then
    answers as fast as the embedded store; one reading an ``oxigraph load`` directory, from
    disk, took 3 to 6 times as long over the global queries at 1M triples)."""
    from rdflib import URIRef

    from ssegraph.backends.remote import RemoteBackend
    from ssegraph.graph import KnowledgeGraph

    backend = RemoteBackend(endpoint, timeout=1800)
    started = time.perf_counter()
    KnowledgeGraph.load(backend=backend)
    backend.load_file(data, URIRef(SYNTHETIC_GRAPH), name=data.name)
    return {"seconds": time.perf_counter() - started, "statements": len(backend)}


def server_peak_mb(endpoint: str) -> float | None:
    """The peak resident memory of the server process bound to the endpoint's address."""
    address = endpoint.split("//", 1)[1].split("/", 1)[0]
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if address.encode() in cmdline.read_bytes().split(b"\0"):
                status = (cmdline.parent / "status").read_text()
                return int(status.split("VmHWM:")[1].split()[0]) / 1024
        except OSError:  # a process that ended meanwhile
            continue
    return None


def measure_size(size: int, data: Path, args: argparse.Namespace) -> dict:
    """Every phase at one size: ours and the plain stack, then the server's side if asked."""
    from ssegraph.servers import running_oxigraph

    env = {**os.environ, PLAIN_CAP: str(args.plain_cap)}
    by_phase: dict[str, dict] = {}
    for phase in args.phases:
        by_phase[phase] = {}
        for side in PHASES[phase][1]:
            repeat = args.repeat if side == "ssegraph" or size <= 100_000 else 1
            by_phase[phase][side] = run_worker(phase, side, data, repeat, env, args.worker_cap)
            _report(size, phase, side, by_phase[phase][side])
    if not args.endpoint:
        return by_phase
    with running_oxigraph() as endpoint:  # in memory, on 127.0.0.1, stopped at the end
        served = by_phase.setdefault("load", {})["endpoint"] = push(data, endpoint)
        _report(size, "load", "endpoint", served)
        for phase in (p for p in REMOTE_PHASES if p in args.phases):
            result = run_worker(
                phase, "endpoint", data, args.repeat, {**env, ENDPOINT: endpoint}, args.worker_cap
            )
            by_phase[phase]["endpoint"] = result
            _report(size, phase, "endpoint", result)
        served["server_peak_mb"] = server_peak_mb(endpoint)
    return by_phase


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--phases", nargs="+", default=list(PHASES), choices=list(PHASES))
    parser.add_argument("--endpoint", action="store_true", help="also against an Oxigraph server")
    parser.add_argument("--plain-cap", type=float, default=60, help="s per plain-stack query")
    parser.add_argument("--worker-cap", type=float, default=1800, help="s per measure")
    parser.add_argument("--worker", nargs=3, metavar=("PHASE", "SIDE", "DATA"))
    args = parser.parse_args()
    if args.worker:
        phase, side, data = args.worker
        worker(phase, side, Path(data), args.repeat)
        return

    from ssegraph.synth import write

    results: dict = {"machine": _machine(), "startup": startup(args.repeat), "sizes": {}}
    print(f"ssegraph --help: p50 {results['startup']['p50']:.3f} s", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            data = Path(tmp) / f"synthetic-{size}.nt"
            seconds, _ = _timed(lambda d=data, n=size: write(d, n, SEED))
            print(f"{size:>9,} synthetic graph written in {seconds:.1f} s", flush=True)
            results["sizes"][size] = measure_size(size, data, args)
            write_results(results, show=False)  # what is measured so far survives a stop
    write_results(results)


def _report(size: int, phase: str, side: str, result: dict) -> None:
    print(f"{size:>9,} {phase:16} {side:13} {_summary(result)}", flush=True)


def _summary(result: dict) -> str:
    if "error" in result:
        return f"error: {result['error']}"
    if "stopped" in result:
        return f"stopped after {result['stopped']:g} s"
    peak = f", peak {result['peak_mb']:.0f} MB" if "peak_mb" in result else ""
    if "queries" in result:
        total = sum(q.get("p50", 0) for q in result["queries"].values())
        return f"sum of p50 {total:.3f} s{peak}"
    extra = f", metrics {result['metrics_seconds']:.3f} s" if "metrics_seconds" in result else ""
    return f"{result['seconds']:.3f} s{extra}{peak}"


def _machine() -> dict:
    import os

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
    }


def write_results(results: dict, show: bool = True) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "scale.md").write_text(markdown(results))
    if show:
        print(markdown(results))


def markdown(results: dict) -> str:
    machine = results["machine"]
    lines = [
        f"Measured {machine['date']} on {machine['platform']}, {machine['cpus']} cores, "
        f"Python {machine['python']}. `ssegraph --help`: {results['startup']['p50']:.2f} s (p50).",
        "",
        "| triples | measure | ssegraph | Oxigraph server | plain | plain / ssegraph "
        "| peak MB (ssegraph / plain) |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for size, phases in results["sizes"].items():
        for phase, sides in phases.items():
            ours = sides.get("ssegraph", {})
            served = sides.get("endpoint", {})
            plain = next((v for k, v in sides.items() if k not in ("ssegraph", "endpoint")), {})
            memory = "" if not ours else f"{ours.get('peak_mb', 0):.0f}"
            if plain and "peak_mb" in plain:
                memory += f" / {plain['peak_mb']:.0f}"
            for label, a, served_cell, b in _rows(phase, ours, served, plain):
                lines.append(
                    f"| {int(size):,} | {label} | {_cell(a)} | {_cell(served_cell)} "
                    f"| {_cell(b)} | {_ratio(a, b)} | {memory} |"
                )
    return "\n".join([*lines, *_errors(results)]) + "\n"


def _errors(results: dict) -> list[str]:
    """The queries a side could not answer, and why (the plain engine's own errors)."""
    failed = {
        (side, name, answer["error"])
        for phases in results["sizes"].values()
        for side, result in phases.get("queries", {}).items()
        for name, answer in result.get("queries", {}).items()
        if "error" in answer
    }
    return ["", *(f"- {side} cannot answer {name}: {why}" for side, name, why in sorted(failed))]


Cell = float | str | None


def _rows(phase: str, ours: dict, served: dict, plain: dict) -> list[tuple[str, Cell, Cell, Cell]]:
    if "queries" in ours:
        return [
            (
                f"query {name} (p50){_agreement(name, ours, served, plain)}",
                _value(ours["queries"][name], "p50"),
                _value(served.get("queries", {}).get(name, {}), "p50"),
                _value(plain.get("queries", {}).get(name, plain), "p50"),
            )
            for name in ours["queries"]
        ]
    if phase == "network" and "nodes" in ours:
        label = f"co-membership network ({ours['nodes']:,} nodes, {ours['edges']:,} edges)"
        exact = "" if ours.get("exact", True) else ", sampled betweenness"
        return [
            (f"{label}: build", _value(ours, "seconds"), _value(served, "seconds"),
             _value(plain, "seconds")),
            (f"{label}: metrics{exact}", _value(ours, "metrics_seconds"),
             _value(served, "metrics_seconds"), _value(plain, "metrics_seconds")),
        ]  # fmt: skip
    same = ""
    if "findings" in ours and "findings" in plain:
        same = " (same findings)" if ours["findings"] == plain["findings"] else " (FINDINGS DIFFER)"
    name = phase.replace("_", " ")
    if phase == "load" and served.get("server_peak_mb"):
        name += f" (server: pushed over HTTP; its peak {served['server_peak_mb']:.0f} MB)"
    return [
        (name + same, _value(ours, "seconds"), _value(served, "seconds"), _value(plain, "seconds"))
    ]


def _agreement(name: str, *sides: dict) -> str:
    """Nothing when every side that answered gave the same answer, else a warning."""
    digests = {side.get("queries", {}).get(name, {}).get("answer") for side in sides} - {None}
    return " **ANSWERS DIFFER**" if len(digests) > 1 else ""


def _value(result: dict, key: str) -> Cell:
    """A figure, or why there is none (stopped past its cap, or an error)."""
    if key in result:
        return result[key]
    if "stopped" in result:
        return f"> {result['stopped']:g} s (stopped)"
    return "error" if "error" in result else None


def _cell(value: Cell) -> str:
    return "" if value is None else value if isinstance(value, str) else f"{value:.3f} s"


def _ratio(ours: Cell, plain: Cell) -> str:
    if isinstance(ours, float) and ours > 0:
        if isinstance(plain, float):
            return f"{plain / ours:.1f}x"
        if isinstance(plain, str) and plain.startswith("> "):
            return f"> {float(plain[2:].split()[0]) / ours:.1f}x"
    return ""


if __name__ == "__main__":
    main()
