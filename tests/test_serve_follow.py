"""A running server serves what ``ssegraph add`` merges, without a restart."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from ssegraph.servers import running_ssegraph

ROOT = Path(__file__).resolve().parents[1]
SSEGRAPH = [sys.executable, "-c", "from ssegraph.cli import app; app()"]
ASK = (
    "ASK { <https://w3id.org/ssegraph/id/org/ilo> "
    "<http://www.w3.org/2004/02/skos/core#altLabel> 'Labour Office of the UN system'@en }"
)
BATCH = (
    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
    "<https://w3id.org/ssegraph/id/org/ilo> skos:altLabel 'Labour Office of the UN system'@en .\n"
)


def _asks(base: str) -> bool:
    url = f"{base}/sparql?{urllib.parse.urlencode({'query': ASK})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return bool(json.load(answer)["boolean"])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for part in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / part, root / part)
    return root


def test_what_add_merges_is_served_without_a_restart(project: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch.ttl"
    batch.write_text(BATCH, encoding="utf-8")
    with running_ssegraph("--follow", "0.2", project=project) as base:
        assert not _asks(base)
        added = subprocess.run(
            [*SSEGRAPH, "--project", str(project), "add", str(batch),
             "--to", "actors.ttl"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        deadline = time.monotonic() + 30
        while not _asks(base):
            assert time.monotonic() < deadline, "the server still serves the graph before add"
            time.sleep(0.2)


def test_a_server_told_not_to_follow_keeps_its_graph(project: Path, tmp_path: Path) -> None:
    with running_ssegraph("--follow", "0", project=project) as base:
        actors = project / "data" / "actors.ttl"
        actors.write_text(actors.read_text(encoding="utf-8") + BATCH.split("\n", 1)[1])
        time.sleep(1.0)
        assert not _asks(base)


def test_follow_must_be_a_number_of_seconds() -> None:
    refused = subprocess.run(
        [*SSEGRAPH, "serve", "--follow", "nan"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "--follow" in refused.stderr and "Traceback" not in refused.stderr
