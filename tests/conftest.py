"""Shared fixtures: the real graph loaded once per session, and a small hand-made project.

``kg`` is the project's own ontology and data (what users query); ``mini`` is the project in
``tests/fixtures/mini``, small enough that a test can state every fact it relies on;
``sparql_server`` is a real Oxigraph server on this machine, and ``remote`` the real graph
pushed into it with ``ssegraph push``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ssegraph.graph import KnowledgeGraph
from ssegraph.servers import running_oxigraph

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    """The real graph: ontology/ and data/ of this repository."""
    return KnowledgeGraph.load(ROOT)


@pytest.fixture(scope="session")
def mini() -> KnowledgeGraph:
    """The hand-made fixture project (read-only: tests that add triples load their own)."""
    return KnowledgeGraph.load(MINI)


@pytest.fixture
def fresh_mini() -> KnowledgeGraph:
    """A private copy of the fixture graph, for tests that change it."""
    return KnowledgeGraph.load(MINI)


@pytest.fixture(scope="session")
def sparql_server() -> Iterator[str]:
    """The query endpoint of a real Oxigraph server (the ``oxigraph`` package of the test
    extra), in memory on a free port of 127.0.0.1, answering over the union of its named
    graphs like the embedded store; stopped when the session ends, even after a failure."""
    with running_oxigraph() as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def remote(sparql_server: str) -> KnowledgeGraph:
    """The real graph, pushed into the server with ``ssegraph push`` and queried there."""
    from typer.testing import CliRunner

    from ssegraph.cli import app
    from ssegraph.project import locate

    pushed = CliRunner().invoke(app, ["--project", str(ROOT), "push", "--endpoint", sparql_server])
    assert pushed.exit_code == 0, pushed.output
    return KnowledgeGraph.connect(sparql_server, project=locate(ROOT))


Installed = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def installed(tmp_path: Path) -> Installed:
    """Runs the ``ssegraph`` command installed beside this Python, as a user would, in
    ``tmp_path``: its own process, no project chosen by the environment, wide plain output."""
    command = str(Path(sys.executable).with_name("ssegraph"))
    env = {k: v for k, v in os.environ.items() if k not in {"SSEGRAPH_HOME", "FORCE_COLOR"}}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [command, *args],
            capture_output=True,
            text=True,
            env={**env, "COLUMNS": "200"},
            cwd=tmp_path,
            check=False,
            timeout=120,
        )

    return run
