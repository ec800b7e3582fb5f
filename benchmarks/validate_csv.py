"""A steward's CSV sheet of new memberships, validated cold by ``ssegraph validate sheet.csv``.

The project is the curated one plus ``--triples`` synthetic statements (``ssegraph synth``); the
sheet has ``--rows`` membership rows (``ssegraph template memberships``) between synthetic
actors and groups, each citing a synthetic source, a few attested after their source's date
(``--mistakes``) so that there is something to find. The command runs as a user runs it, in a
fresh process, ``--repeat`` times: each run's wall time and CPU time (user + system, which a
shared machine does not inflate as it does the wall time) and their medians are printed. Then,
in this process, a slice of the same sheet (``--reference-rows``; 0 skips it) is validated with
both engines (ours and pySHACL), with the times, the ratio and whether the results are the same.
Usage:
    python benchmarks/validate_csv.py [--triples 100000] [--rows 100000] [--reference-rows 2000]
        [--repeat 1]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib.namespace import RDF

from ssegraph.batch import read_batch
from ssegraph.graph import KnowledgeGraph
from ssegraph.shacl.report import result_rows
from ssegraph.synth import GROUP_ROLES, synthesize
from ssegraph.tabular import TEMPLATES
from ssegraph.validate import validate_batch
from ssegraph.vocab import DCTERMS, FOAF, ID, ORG, SSE

ROOT = Path(__file__).resolve().parents[1]
ACTOR_TYPES = {FOAF.Person, ORG.FormalOrganization, SSE.State}


def project(where: Path, triples: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    """The project, and the synthetic actors, groups and sources a sheet can name."""
    shutil.copytree(ROOT / "ontology", where / "ontology")
    shutil.copytree(ROOT / "data", where / "data")
    actors, groups, sources = set(), set(), set()
    with (where / "data" / "synthetic.ttl").open("w") as out:
        for s, p, o in synthesize(triples, seed):
            out.write(f"{s.n3()} {p.n3()} {o.n3()} .\n")
            if p == RDF.type and o in ACTOR_TYPES:
                actors.add(_cell(s))
            if p == ORG.organization:
                groups.add(_cell(o))
            if p == DCTERMS.date and "/source/" in s:
                sources.add(_cell(s))
    return sorted(actors), sorted(groups), sorted(sources)


def _cell(node: object) -> str:
    return str(node).removeprefix(str(ID))  # a cell may name a node by its IRI's path


def sheet(path: Path, rows: int, mistakes: int, seed: int, pools: tuple[list[str], ...]) -> None:
    actors, groups, sources = pools
    rng = random.Random(seed)
    seen: set[tuple[str, str, str]] = set()
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(TEMPLATES["memberships"].columns)
        while len(seen) < rows:
            key = (rng.choice(actors), rng.choice(groups), "role/" + rng.choice(GROUP_ROLES))
            if key in seen or key[0] == key[1]:
                continue
            seen.add(key)
            writer.writerow([*key, "", "", "", rng.choice(sources)])
        for n in range(mistakes):  # attested after its source's date: a SPARQL constraint's
            key = (actors[n], groups[-1 - n], "role/chair")
            writer.writerow([*key, "2099-01-01", "", "", sources[0]])


def _timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall and CPU seconds (user + system) of one fresh process, and what it said."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reference-rows", type=int, default=2_000)
    parser.add_argument("--mistakes", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        pools = project(root, args.triples, args.seed)
        big, small = Path(tmp) / "sheet.csv", Path(tmp) / "slice.csv"
        sheet(big, args.rows, args.mistakes, args.seed, pools)
        sheet(small, args.reference_rows, args.mistakes, args.seed, pools)
        ssegraph = str(Path(sys.executable).with_name("ssegraph"))  # the installed command
        command = [ssegraph, "--project", str(root), "validate"]
        subprocess.run([*command, str(small)], capture_output=True)  # builds any cached store
        walls, cpus = [], []
        for _ in range(args.repeat):
            wall, cpu, done = _timed([*command, str(big)])
            walls.append(wall)
            cpus.append(cpu)
        print(f"project: curated + {args.triples:,} synthetic triples")
        said = (done.stdout.strip() or done.stderr.strip()).splitlines()
        runs = ", ".join(f"{w:.1f}/{c:.1f}" for w, c in zip(walls, cpus, strict=True))
        print(f"ssegraph validate sheet.csv ({args.rows:,} rows), cold, {args.repeat} run(s): "
              f"median {statistics.median(walls):.1f} s wall, {statistics.median(cpus):.1f} s "
              f"CPU (runs, wall/CPU: {runs}); "
              f"exit {done.returncode}; {said[-1] if said else ''}")  # fmt: skip

        if args.reference_rows == 0:
            return  # the command's time only: the engines' comparison is skipped
        kg = KnowledgeGraph.load(root)
        batch = read_batch(kg, [small])
        times, reports = {}, {}
        for engine in ("ssegraph", "pyshacl"):
            started = time.perf_counter()
            reports[engine] = validate_batch(kg, batch, engine=engine)
            times[engine] = time.perf_counter() - started
        same = result_rows(reports["ssegraph"].graph) == result_rows(reports["pyshacl"].graph)
        print(f"validate_batch on {args.reference_rows:,} rows ({len(batch):,} triples): "
              f"ssegraph {times['ssegraph']:.2f} s, pySHACL {times['pyshacl']:.2f} s, "
              f"ratio {times['pyshacl'] / times['ssegraph']:.1f}x; same results: {same} "
              f"({len(reports['ssegraph'].findings)} findings)")  # fmt: skip


if __name__ == "__main__":
    main()
