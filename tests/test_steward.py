"""``steward.add`` as a library call: the same steps as ``ssegraph add``, answered as data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ssegraph.graph import KnowledgeGraph
from ssegraph.project import locate
from ssegraph.steward import Outcome, add, check

ROOT = Path(__file__).resolve().parents[1]
BATCHES = Path(__file__).resolve().parent / "fixtures" / "batches"
GOOD = BATCHES / "good" / "membership-with-interval.ttl"
BROKEN = BATCHES / "broken" / "event-end-date-with-month-13.ttl"

pytestmark = pytest.mark.knowledge


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def test_a_dry_run_returns_the_plan_and_writes_nothing(project: Path) -> None:
    before = sorted(path.name for path in (project / "data").iterdir())
    done = add(locate(project), [GOOD], to="new-facts", dry_run=True)
    assert done.outcome is Outcome.DRY_RUN
    assert done.where == "data/new-facts.ttl" and done.count > 0
    assert done.plan is not None and "org:memberDuring" in done.plan.text
    assert sorted(path.name for path in (project / "data").iterdir()) == before


def test_an_add_writes_the_new_triples_and_a_second_finds_nothing_new(project: Path) -> None:
    first = add(locate(project), [GOOD], to="new-facts")
    assert first.outcome is Outcome.ADDED
    assert (project / "data" / "new-facts.ttl").read_text(encoding="utf-8") == first.plan.text
    again = add(locate(project), [GOOD], to="new-facts")
    assert again.outcome is Outcome.NOTHING_NEW and again.count == 0


def test_a_batch_that_does_not_conform_is_refused_with_its_findings(project: Path) -> None:
    done = add(locate(project), [BROKEN], to="new-facts")
    assert done.outcome is Outcome.REFUSED and done.plan is None
    assert not done.report.passes() and done.report.findings
    assert not (project / "data" / "new-facts.ttl").exists()


def test_check_gives_the_batch_and_the_report_without_a_project_lock(project: Path) -> None:
    checked = check(KnowledgeGraph.load(project), [BROKEN])
    assert len(checked.batch) > 0 and not checked.report.passes()
