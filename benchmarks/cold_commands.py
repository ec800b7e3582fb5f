"""What a user waits for: whole ``ssegraph`` commands, cold from the shell, at growing sizes.

For each size the script makes a project (this repository's ontology, queries and curated data,
plus a synthetic ecosystem from ``ssegraph synth``) and times, each as a fresh process, the read
commands a user types (``info``, ``search``, ``show``, ``query NAME``, ``query -e``) two ways in
the same run:

* on the store kept on disk (the default: ``ssegraph.backends.disk``), once it is built; the
  first build (the first command after the files changed) is timed apart;
* in memory (``SSEGRAPH_STORE=memory``): every command parses the files and derives again, as
  every command did before the store was kept;
* warm, in process: the same command run again and again inside this process (typer's
  ``CliRunner``, after a first run): what is left once Python, the libraries and the caches
  are warm, beside what a fresh process costs.

``--baseline COMMIT`` times the same commands a third way, in the same run: the package's
sources as they were at COMMIT (extracted with ``git archive``, put first on the path), or only
the files ``--baseline-paths`` names as they were then and the others as they are, on the same
store. Size 0 is the curated graph alone (no synthetic data). ``--keep DIR`` makes the
projects under DIR and keeps them; a project found there already built is reused, and its first
build is then not timed again (the synthetic 1M project takes minutes to build).

Python compiles a module that has no cached bytecode every time it imports it: commands run
here with their bytecode cached (``PYTHONPYCACHEPREFIX`` in the scratch directory), as an
installed package has it, even where the environment sets ``PYTHONDONTWRITEBYTECODE``
(``--no-bytecode`` keeps that setting).

Each figure is the median of ``--repeat`` runs (minimum and maximum beside it), wall-clock and
CPU of the child. It prints a Markdown table and writes it under ``benchmarks/results/``.
Usage: python benchmarks/cold_commands.py [--sizes 0 10000 1000000] [--repeat 5]
    [--memory-repeat 1] [--baseline COMMIT] [--keep DIR] [--no-bytecode]
"""

from __future__ import annotations

import argparse
import contextlib
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
    "--help": ["--help"],
    "query -e 'ASK {}'": ["query", "-e", "ASK {}"],
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
    """A project: the repository's ontology, queries and data, and ``triples`` synthetic ones
    (none for 0: the curated graph)."""
    project = directory / f"project-{triples}"
    for part in ("ontology", "queries", "data"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns(".ssegraph"))
    if triples:
        synthetic = project / "data" / "synthetic.ttl"
        subprocess.run(
            [*SSEGRAPH, "synth", "--triples", str(triples), "-o", str(synthetic), "--seed", "7"],
            check=True,
            capture_output=True,
        )
    return project


def baseline_sources(commit: str, paths: list[str], scratch: Path) -> Path:
    """The package's sources as they are, with ``paths`` as they were at ``commit`` (all of
    them when none is named), copied into ``scratch`` (read-only on the repository)."""
    target = scratch / f"baseline-{commit[:12]}"
    if paths:
        shutil.copytree(ROOT / "src" / "ssegraph", target / "src" / "ssegraph")
    else:
        target.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "src/ssegraph"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    for path in paths:
        shown = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{commit}:{path}"], check=True, capture_output=True
        )
        (target / path).write_bytes(shown.stdout)
    return target / "src"


def header(title: str, columns: list[str], how: str) -> list[str]:
    """The first lines of a results file: its title, the machine, how it was measured, and
    the head of a table of sizes and commands with ``columns``."""
    return [
        f"# {title}",
        "",
        f"Machine: {machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"{how}; load average at the start {load_average()}.",
        "",
        f"| size | command | {' | '.join(columns)} |",
        f"|---|---|{'---|' * len(columns)}",
    ]


def machine() -> str:
    """The architecture and the processor's model (figures differ threefold between models)."""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f"{platform.machine()} ({line.partition(':')[2].strip()})"
    return platform.machine()


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} {five:.1f} {fifteen:.1f}"


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


def sample(
    project: Path, arguments: list[str], ways: dict[str, dict[str, str]], repeat: int, memory: int
) -> list[list[tuple[float, float]]]:
    """Each way's runs of one command, taken in turns (one run of each way, then the next
    round), so that a change in the machine's load falls on every way alike."""
    runs = [memory if way == "in memory" else repeat for way in ways]
    samples: list[list[tuple[float, float]]] = [[] for _ in ways]
    for round_ in range(max(runs)):
        for number, environment in enumerate(ways.values()):
            if round_ < runs[number]:
                samples[number].append(timed(project, arguments, environment))
    return samples


def warm(project: Path, arguments: list[str], repeat: int) -> list[tuple[float, float]]:
    """Wall-clock and CPU seconds of ``repeat`` runs of one command inside this process, after
    a first run that imports and warms what it needs."""
    from typer.testing import CliRunner

    from ssegraph.cli import app

    runner = CliRunner()
    found = []
    for _ in range(repeat + 1):
        started, before = time.perf_counter(), time.process_time()
        done = runner.invoke(app, ["--project", str(project), *arguments])
        found.append((time.perf_counter() - started, time.process_time() - before))
        if done.exit_code != 0:
            raise SystemExit(f"{' '.join(arguments)} failed in process: {done.output[:500]}")
    return found[1:]


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
    parser.add_argument("--baseline", help="also time the sources of this commit")
    parser.add_argument(
        "--baseline-paths",
        nargs="+",
        default=[],
        metavar="PATH",
        help="only these files at --baseline, the others as they are now",
    )
    parser.add_argument("--keep", type=Path, help="make (or reuse) the projects here")
    parser.add_argument(
        "--no-bytecode", action="store_true", help="no cached bytecode, if the environment says so"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        on_disk = {k: v for k, v in os.environ.items() if k != "SSEGRAPH_STORE"}
        if not args.no_bytecode:
            on_disk.pop("PYTHONDONTWRITEBYTECODE", None)
            on_disk["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "bytecode")
        ways = {"on disk": on_disk}
        if args.baseline:
            old = baseline_sources(args.baseline, args.baseline_paths, Path(scratch))
            path = os.pathsep.join(filter(None, [str(old), on_disk.get("PYTHONPATH")]))
            ways[f"on disk, {args.baseline[:7]}"] = {**on_disk, "PYTHONPATH": path}
        if args.memory_repeat:
            ways["in memory"] = {**on_disk, "SSEGRAPH_STORE": "memory"}
        lines = header(
            "Cold commands: the store on disk, the code before, loading in memory",
            [*ways, "warm, in process"],
            f"median of {args.repeat} runs ({args.memory_repeat} in memory); wall-clock "
            f"(min-max; CPU of the process); bytecode "
            f"{'not cached' if args.no_bytecode else 'cached'}",
        )
        for size in args.sizes:
            home = args.keep or Path(scratch)
            project = home / f"project-{size}"
            built = (project / ".ssegraph" / "manifest.json").exists()
            if not project.exists():
                project = make_project(home, size)
            if built:
                first = "reused (built in an earlier run)"
            else:
                build = timed(project, ["info"], on_disk)
                first = f"{build[0]:.1f} s (cpu {build[1]:.1f})"
            lines.append(f"| {size:,} | first build + info | {first} |{' |' * len(ways)}")
            print(lines[-1], flush=True)
            for name, arguments in COMMANDS.items():
                samples = sample(project, arguments, ways, args.repeat, args.memory_repeat)
                samples.append(warm(project, arguments, args.repeat))
                lines.append(f"| {size:,} | {name} | {' | '.join(map(summary, samples))} |")
                print(lines[-1], flush=True)
            if args.keep is None:
                shutil.rmtree(project)
        lines.append(f"\nLoad average at the end: {load_average()}.")
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
