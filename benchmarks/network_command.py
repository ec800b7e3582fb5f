"""What an analyst waits for: ``ssegraph network`` and ``ssegraph metrics``, cold from the shell.

For each size the script makes (or, with ``--keep``, reuses) a project as
``benchmarks/cold_commands.py`` does, its store on disk built first, and times each command as a
fresh process, several ways in the same run, taken in turns:

* "rows kept": as a user's second and later networks run, the network's reads answered from
  the rows kept beside the store (``network.rows``);
* "rows read": as the first network after the files changed: the kept rows are removed before
  each run, so the store answers every read;
* with ``--baseline COMMIT``, the package's sources as they were at COMMIT, on the same store.

Each figure is the median of ``--repeat`` runs (minimum and maximum beside it), wall-clock and
CPU of the child. It prints a Markdown table and writes it to
``benchmarks/results/network_command.md``.
Usage: python benchmarks/network_command.py [--sizes 0 1000000] [--repeat 3] [--keep DIR]
    [--baseline COMMIT] [--only COMMAND ...]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from cold_commands import (
    baseline_sources,
    header,
    load_average,
    make_project,
    summary,
    timed,
)

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "network_command.md"
COMMANDS: dict[str, list[str]] = {
    "network": ["network"],
    "network --as-of 2015-01-01": ["network", "--as-of", "2015-01-01"],
    "metrics --top 10": ["metrics", "--top", "10"],
}
KEPT, READ = "rows kept", "rows read"


def forget_rows(project: Path) -> None:
    """Remove the network rows kept beside the project's store."""
    for path in (project / ".ssegraph").glob("*.network-*.json"):
        path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", help="also time the sources of this commit")
    parser.add_argument("--keep", type=Path, help="make (or reuse) the projects here")
    parser.add_argument(
        "--only", nargs="+", choices=list(COMMANDS), default=list(COMMANDS), metavar="COMMAND"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        environment = {k: v for k, v in os.environ.items() if k != "SSEGRAPH_STORE"}
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        environment["PYTHONPYCACHEPREFIX"] = str(Path(scratch) / "bytecode")
        ways = {KEPT: environment, READ: environment}
        if args.baseline:
            old = baseline_sources(args.baseline, [], Path(scratch))
            path = os.pathsep.join(filter(None, [str(old), environment.get("PYTHONPATH")]))
            ways[f"code at {args.baseline[:7]}"] = {**environment, "PYTHONPATH": path}
        lines = header(
            "Cold network commands: rows kept beside the store, read from it, the code before",
            list(ways),
            f"median of {args.repeat} runs; wall-clock (min-max; CPU of the process and its "
            "children)",
        )
        for size in args.sizes:
            home = args.keep or Path(scratch)
            project = home / f"project-{size}"
            if not project.exists():
                project = make_project(home, size)
            timed(project, ["info"], environment)  # the store built, if it is not yet
            for name in args.only:
                arguments = COMMANDS[name]
                samples: dict[str, list[tuple[float, float]]] = {way: [] for way in ways}
                timed(project, arguments, environment)  # rows kept for the first "kept" run
                for _ in range(args.repeat):
                    for way, variables in ways.items():
                        if way == READ:
                            forget_rows(project)
                        samples[way].append(timed(project, arguments, variables))
                shown = " | ".join(summary(samples[way]) for way in ways)
                lines.append(f"| {size:,} | {name} | {shown} |")
                print(lines[-1], flush=True)
        lines.append(f"\nLoad average at the end: {load_average()}.")
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
