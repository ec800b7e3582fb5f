"""What writing a network to a file costs: each format's writer, as it is and as it was.

The script builds the co-membership network of a project once (the repository's curated data;
``--project DIR`` for another one, its store built: say the 1M-triple project that
``benchmarks/cold_commands.py --keep`` makes) and keeps it as a pickle. Then each writer runs in
a fresh child process that loads the pickle and writes one file, so that its peak memory is its
own: wall-clock and CPU seconds of the write alone, the child's resident memory with the graph
loaded, before writing, and its peak (VmHWM) once written. The writers are the
package's (``ssegraph.network_io``) and, beside them, ``network_io.py`` as it was at
``--baseline`` (default 0ed901c, before the files were written as they go: an ElementTree for
GEXF, networkx's writer for GraphML, ``json.dumps`` with an indent), imported from a temporary
file. The runs are taken in turns (new, old, new, old, ...), ``--repeat`` of each; figures are
medians. The shared machine's load is noted before and after (``uptime``): CPU seconds are the
steadier figure.

Each new file is checked against the old one: GEXF byte for byte (the new one ends with a
newline), JSON parsed, GraphML read back by ``networkx.read_graphml``, CSV byte for byte.
It prints a Markdown table and writes it to ``benchmarks/results/network_export.md``.
Usage: python benchmarks/network_export.py [--project DIR] [--formats gexf graphml json
    cytoscape csv] [--repeat 1] [--baseline COMMIT]
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import json
import os
import pickle
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from cold_commands import machine

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "network_export.md"
FORMATS = ["gexf", "graphml", "json", "cytoscape", "csv"]
NEW = "now"


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def built(project: Path, scratch: Path) -> tuple[Path, str]:
    """The pickle of the project's co-membership network, and what it holds."""
    from ssegraph.graph import KnowledgeGraph
    from ssegraph.network import build

    started = time.perf_counter()
    graph = build(KnowledgeGraph.load(project), "co-membership")
    seconds = time.perf_counter() - started
    path = scratch / "network.pickle"
    with path.open("wb") as handle:
        pickle.dump(graph, handle, protocol=pickle.HIGHEST_PROTOCOL)
    about = (
        f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges "
        f"(built in {seconds:.1f} s, not counted below)"
    )
    return path, about


def baseline_module(commit: str, scratch: Path) -> Path:
    """``network_io.py`` as it was at ``commit``, in a file of its own."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{commit}:src/ssegraph/network_io.py"],
        check=True,
        capture_output=True,
    ).stdout
    path = scratch / f"network_io_{commit[:7]}.py"
    path.write_bytes(source)
    return path


def imported(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def resident_kb() -> tuple[int, int]:
    """This process's resident memory now and at its peak (Linux's VmRSS and VmHWM), in kB.

    Not ``getrusage``'s maxrss: Linux carries it over from the parent into a child, across
    ``exec``, so a child would report the benchmark's own peak."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(status["VmRSS"].split()[0]), int(status["VmHWM"].split()[0])


def child(module: str, graph_path: Path, format: str, target: Path) -> None:
    """Write one file (the child's job) and print what it cost as JSON."""
    if module == NEW:
        from ssegraph import network_io
    else:
        network_io = imported(Path(module))
    with graph_path.open("rb") as handle:
        graph = pickle.load(handle)
    loaded, _ = resident_kb()
    started, cpu = time.perf_counter(), time.process_time()
    network_io.write(graph, target, format)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    _, peak = resident_kb()
    print(json.dumps({"wall": wall, "cpu": cpu, "loaded": loaded, "peak": peak}))


def run(module: str, graph_path: Path, format: str, target: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", module, str(graph_path), format, str(target)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"{format} with {module} failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.splitlines()[-1])


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def size(path: Path) -> int:
    if path.is_dir():
        return sum(part.stat().st_size for part in path.iterdir())
    return path.stat().st_size


def same(format: str, new: Path, old: Path) -> bool:
    """Whether the new file holds what the old one did (see the module's docstring)."""
    if format == "gexf":  # the old file ends without a newline
        return new.read_bytes().rstrip(b"\n") == old.read_bytes().rstrip(b"\n")
    if format in ("json", "cytoscape"):
        return bool(json.loads(new.read_bytes()) == json.loads(old.read_bytes()))
    if format == "graphml":
        import networkx as nx

        ours, theirs = nx.read_graphml(new), nx.read_graphml(old)
        return (
            ours.graph == theirs.graph
            and dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
            and {frozenset((u, v)): d for u, v, d in ours.edges(data=True)}
            == {frozenset((u, v)): d for u, v, d in theirs.edges(data=True)}
        )
    return all(filecmp.cmp(new / name, old / name, shallow=False) for name in os.listdir(old))


def figures(samples: list[dict[str, float]], file_size: int) -> list[str]:
    def median(key: str) -> float:
        return statistics.median(sample[key] for sample in samples)

    return [
        f"{median('wall'):.2f}",
        f"{median('cpu'):.2f}",
        f"{median('loaded') / 1024:,.0f}",
        f"{median('peak') / 1024:,.0f}",
        f"{file_size / 1e6:,.1f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=FORMATS)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--baseline", default="0ed901c")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        module, graph_path, format, target = args.child
        child(module, Path(graph_path), format, Path(target))
        return
    before = uptime()
    with tempfile.TemporaryDirectory() as directory:
        scratch = Path(directory)
        graph_path, about = built(args.project, scratch)
        ways = {NEW: NEW, f"at {args.baseline[:7]}": str(baseline_module(args.baseline, scratch))}
        lines = [
            "# Writing a network to a file: the writers now and before",
            "",
            f"Project: {args.project.name} (co-membership network: {about}). Machine: "
            f"{machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; median of {args.repeat} run(s) each, taken in turns; "
            "wall and CPU seconds of the write alone, in a fresh process that first loads the "
            "graph; memory: that process's resident MB with the graph loaded, and its peak.",
            "",
            f"uptime before: `{before}`",
            "",
            "| format | writer | wall s | CPU s | RSS loaded MB | peak RSS MB | file MB "
            "| same as before |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for format in args.formats:
            samples: dict[str, list[dict[str, float]]] = {way: [] for way in ways}
            targets = {way: scratch / f"{n}-{format}.out" for n, way in enumerate(ways)}
            for _ in range(args.repeat):
                for way, module in ways.items():
                    remove(targets[way])
                    samples[way].append(run(module, graph_path, format, targets[way]))
            new, *olds = targets.values()
            agrees = all(same(format, new, old) for old in olds)
            for way in ways:
                shown = " | ".join(figures(samples[way], size(targets[way])))
                check = ("yes" if agrees else "**no**") if way != NEW else ""
                lines.append(f"| {format} | {way} | {shown} | {check} |")
                print(lines[-1], flush=True)
            for target in targets.values():
                remove(target)
        lines += ["", f"uptime after: `{uptime()}`"]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
