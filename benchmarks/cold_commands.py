"""What a user waits for: whole ``ssegraph`` commands, cold from the shell, at growing sizes.

For each size the script makes a project (this repository's ontology, queries and curated data,
plus a synthetic ecosystem from ``ssegraph synth``) and times, each as a fresh process, the read
commands a user types (``info``, ``search``, ``show``, ``query NAME``, ``query -e``) two ways in
the same run:

* on the store kept on disk (the default: ``ssegraph.backends.disk``), once it is built; the
  first build (the first command after the files changed) is timed apart;
* in memory (``SSEGRAPH_STORE=memory``): every command parses the files and derives again, as
  every command did before the store was kept.

Each figure is the median of ``--repeat`` runs (minimum and maximum beside it), wall-clock and
CPU of the child. It prints a Markdown table and writes it under ``benchmarks/results/``.
Usage: python benchmarks/cold_commands.py [--sizes 10000 100000 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "cold_commands.md"
SSEGRAPH = [sys.executable, "-c", "from ssegraph.cli import app; app()"]
COMMANDS: dict[str, list[str]] = {
    "info": ["info"],
    "search GSEF": ["search", "GSEF"],
    "show GSEF": ["show", "GSEF"],
    "query members-as-of": ["query", "members-as-of", "--param", "date=2014-09-17"],
    "query -e (count members)": [
        "query",
        "-e",
        "SELECT (COUNT(*) AS ?n) WHERE { ?m a org:Membership }",
    ],
}


def make_project(directory: Path, triples: int) -> Path:
    """A project: the repository's ontology, queries and data, and ``triples`` synthetic ones."""
    project = directory / f"project-{triples}"
    for part in ("ontology", "queries", "data"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns(".ssegraph"))
    synthetic = project / "data" / "synthetic.ttl"
    subprocess.run(
        [*SSEGRAPH, "synth", "--triples", str(triples), "-o", str(synthetic), "--seed", "7"],
        check=True,
        capture_output=True,
    )
    return project


def timed(project: Path, arguments: list[str], environment: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one command run as a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [*SSEGRAPH, "--project", str(project), *arguments],
        env=environment,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed: {done.stderr.strip()[:500]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(samples: list[tuple[float, float]]) -> str:
    walls = [wall for wall, _ in samples]
    cpu = statistics.median(c for _, c in samples)
    return f"{statistics.median(walls):.2f} s ({min(walls):.2f}-{max(walls):.2f}; cpu {cpu:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--memory-repeat",
        type=int,
        default=1,
        help="runs of each in-memory command (slow; 0: not run)",
    )
    args = parser.parse_args()
    on_disk = {k: v for k, v in os.environ.items() if k != "SSEGRAPH_STORE"}
    in_memory = {**on_disk, "SSEGRAPH_STORE": "memory"}
    lines = [
        "# Cold commands: the store on disk against loading in memory",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; median of {args.repeat} runs on disk, "
        f"{args.memory_repeat} in memory; wall-clock (min-max; CPU of the process).",
        "",
        "| size | command | on disk | in memory | ratio |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            project = make_project(Path(scratch), size)
            build = timed(project, ["info"], on_disk)
            lines.append(f"| {size:,} | first build + info | {build[0]:.1f} s | | |")
            print(lines[-1], flush=True)
            for name, arguments in COMMANDS.items():
                disk = [timed(project, arguments, on_disk) for _ in range(args.repeat)]
                memory = [timed(project, arguments, in_memory) for _ in range(args.memory_repeat)]
                if memory:
                    ratio = statistics.median(w for w, _ in memory) / statistics.median(
                        w for w, _ in disk
                    )
                    versus = f"{summary(memory)} | {ratio:.0f}x"
                else:
                    versus = "not run | "
                lines.append(f"| {size:,} | {name} | {summary(disk)} | {versus} |")
                print(lines[-1], flush=True)
            shutil.rmtree(project)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
