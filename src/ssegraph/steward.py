"""A steward's workflows as library calls: check a batch, and merge it into ``data/``.

What ``ssegraph validate`` and ``ssegraph add`` do is here, so Python code runs the same steps
and gets the same answer as data (like pySHACL's ``validate()``, of which its CLI is a skin):
read the batch, validate it with the graph it would join, stop if it does not conform, plan
what is new, and write it unless this is a dry run. The command line only renders an ``Added``.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from rdflib import Graph

from ssegraph import ingest
from ssegraph.backends.disk import refresh_project
from ssegraph.batch import read_batch
from ssegraph.graph import KnowledgeGraph
from ssegraph.project import Project
from ssegraph.safefile import LOCK_TIMEOUT, project_lock, require_writable_directory
from ssegraph.validate import Report, validate_batch


@dataclass(frozen=True)
class Gate:
    """What a batch may do beyond stating facts, and how large a file it may be."""

    allow_retype: bool = False
    allow_same_as: bool = False
    max_batch_mb: int = 256


@dataclass(frozen=True)
class Checked:
    """A batch read from its files, and its findings against the graph it would join."""

    batch: Graph
    report: Report


def check(kg: KnowledgeGraph, files: Sequence[Path], gate: Gate = Gate()) -> Checked:
    """Read a batch (RDF or CSV files) and validate it with the part of ``kg`` it touches."""
    batch = read_batch(kg, list(files), max_bytes=gate.max_batch_mb * 1024 * 1024)
    report = validate_batch(
        kg, batch, allow_retype=gate.allow_retype, allow_same_as=gate.allow_same_as
    )
    return Checked(batch, report)


class Outcome(Enum):
    """How an ``add`` ended."""

    REFUSED = "refused"  # the batch does not conform: nothing written
    NOTHING_NEW = "nothing new"  # the graph holds every triple already
    DRY_RUN = "dry run"  # what would be added, not written
    ADDED = "added"


@dataclass(frozen=True)
class Added:
    """What ``add`` found and did: the findings, the plan (unless refused) and the outcome."""

    outcome: Outcome
    report: Report
    batch_size: int
    target: Path
    where: str  # the target as the project names it: data/new-list.ttl
    plan: ingest.Plan | None = None

    @property
    def count(self) -> int:
        """How many triples were (or, in a dry run, would be) added."""
        return len(self.plan.new) if self.plan is not None else 0


def add(
    project: Project,
    files: Sequence[Path],
    *,
    to: str | None = None,
    dry_run: bool = False,
    strict: bool = False,
    gate: Gate = Gate(),
    lock_timeout: float = LOCK_TIMEOUT,
) -> Added:
    """Validate a batch and, only if it all conforms, merge what is new into ``data/``.

    One steward at a time: the project's lock is held (except in a dry run) and the batch is
    validated against the graph as it is once the lock is held, since another ``add`` may have
    just written. ``to``: the file of ``data/`` that receives it (default: the first file's name).
    """
    project.require_writable()
    target = ingest.target_file(project.data_dir, to, files)
    if not dry_run:
        require_writable_directory(project.data_dir)
    where = project.relative(target)
    with nullcontext() if dry_run else project_lock(project.root, lock_timeout):
        kg = KnowledgeGraph.load(project)  # the graph as it is now
        checked = check(kg, files, gate)
        size = len(checked.batch)
        if not checked.report.passes(strict):
            return Added(Outcome.REFUSED, checked.report, size, target, where)
        planned = ingest.plan(kg, checked.batch, target, files)
        if not planned.new:
            return Added(Outcome.NOTHING_NEW, checked.report, size, target, where, planned)
        if dry_run:
            return Added(Outcome.DRY_RUN, checked.report, size, target, where, planned)
        ingest.apply(planned)
        refresh_project(project)  # the store on disk follows the files before the lock goes
    return Added(Outcome.ADDED, checked.report, size, target, where, planned)
