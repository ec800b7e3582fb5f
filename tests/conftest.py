"""Shared fixtures: the real graph loaded once per session, and a small hand-made project.

``kg`` is the project's own ontology and data (what users query); ``mini`` is the project in
``tests/fixtures/mini``, small enough that a test can state every fact it relies on;
``server`` is a real SPARQL server on this machine (Oxigraph, then Virtuoso: the tests that
use it run once on each), and ``remote`` the real graph pushed into it with ``ssegraph push``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from ssegraph.graph import KnowledgeGraph
from ssegraph.servers import running_oxigraph, running_virtuoso

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def pytest_configure(config: pytest.Config) -> None:
    """The stores of the project and of the fixture project built once, before the run (or
    before ``pytest -n``'s workers start): otherwise the first of two workers builds them and
    the other waits with a message, which the tests of a command's one-line stderr would read."""
    if not hasattr(config, "workerinput"):  # the controller, or a run without workers
        for project in (ROOT, MINI):
            KnowledgeGraph.load(project)


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


@dataclass(frozen=True)
class Server:
    """A running SPARQL server: its query endpoint, its Graph Store, and who may write there
    (Virtuoso asks; Oxigraph does not)."""

    name: str
    endpoint: str
    store: str
    credentials: tuple[str, str] | None = None

    @property
    def env(self) -> dict[str, str]:
        """What ``ssegraph push`` reads the credentials from."""
        if self.credentials is None:
            return {}
        user, password = self.credentials
        return {"SSEGRAPH_STORE_USER": user, "SSEGRAPH_STORE_PASSWORD": password}

    def push_options(self) -> list[str]:
        return ["--endpoint", self.endpoint, "--store", self.store]


SERVERS = ("oxigraph", "virtuoso")


@contextmanager
def running_server(name: str) -> Iterator[Server]:
    """A real server on a free port of 127.0.0.1, stopped afterwards, even after a failure:
    Oxigraph (the ``oxigraph`` package of the test extra, in memory, answering over the union
    of its named graphs) or Debian's Virtuoso (``make virtuoso``), with a fresh database in a
    temporary directory."""
    if name == "oxigraph":
        with running_oxigraph() as endpoint:
            yield Server("oxigraph", endpoint, endpoint.removesuffix("query") + "store")
        return
    with running_virtuoso() as virtuoso:
        credentials = (virtuoso.user, virtuoso.password)
        yield Server("virtuoso", virtuoso.endpoint, virtuoso.store, credentials)


def push_into(server: Server, project: Path) -> KnowledgeGraph:
    """``project`` pushed into ``server`` with ``ssegraph push``, and queried there."""
    from typer.testing import CliRunner

    from ssegraph.cli import app
    from ssegraph.project import locate

    done = CliRunner(env=server.env).invoke(
        app, ["--project", str(project), "push", *server.push_options()]
    )
    assert done.exit_code == 0, done.output
    return KnowledgeGraph.connect(server.endpoint, project=locate(project))


@pytest.fixture(scope="session", params=SERVERS)
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    """Each real server in turn, for the session (``running_server``)."""
    with running_server(request.param) as started:
        yield started


@pytest.fixture(scope="session")
def remote(server: Server) -> KnowledgeGraph:
    """The real graph, pushed into the server with ``ssegraph push`` and queried there."""
    return push_into(server, ROOT)


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
