"""Servers in child processes on a free port of 127.0.0.1, for tests and benchmarks that talk
to a real server over real sockets: ``ssegraph serve``, an Oxigraph SPARQL server and Virtuoso.

Each is started, waited for until it answers, and stopped (SIGTERM, then SIGKILL) when the
``with`` block ends, even after a failure; its output is kept in a temporary file and shown if
it does not start.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

HOST = "127.0.0.1"
_SSEGRAPH = "from ssegraph.cli import app; app()"


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def running(command: Sequence[str], probe: str, *, ready_within: float = 60.0) -> Iterator[None]:
    """Run ``command`` until the block ends; enter the block once a GET of ``probe`` answers."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(list(command), stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait(process, command[0], probe, ready_within, log)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def running_ssegraph(
    *options: str, project: Path | None = None, ready_within: float = 60.0
) -> Iterator[str]:
    """``ssegraph serve`` with ``options``; yields its base URL."""
    port = free_port()
    chosen = ["--project", str(project)] if project else []
    command = [sys.executable, "-c", _SSEGRAPH, *chosen, "serve", "--host", HOST]
    base = f"http://{HOST}:{port}"
    with running(
        [*command, "--port", str(port), *options], base + "/sparql", ready_within=ready_within
    ):
        yield base


@contextmanager
def running_oxigraph(location: Path | None = None, *, ready_within: float = 60.0) -> Iterator[str]:
    """An Oxigraph server (the ``oxigraph`` package's binary) answering over the union of its
    named graphs, like the embedded store; in memory unless ``location`` names a directory.
    Yields its query endpoint; its Graph Store Protocol URL is ``store`` beside it."""
    port = free_port()
    command = [oxigraph_command(), "serve", "--bind", f"{HOST}:{port}", "--union-default-graph"]
    if location is not None:
        command += ["--location", str(location)]
    endpoint = f"http://{HOST}:{port}/query"
    with running(command, endpoint + "?query=ASK%7B%7D", ready_within=ready_within):
        yield endpoint


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: its query endpoint, its Graph Store, who may write there, and the
    directory of its database and ini (removed when it stops)."""

    endpoint: str
    store: str
    user: str
    password: str
    root: Path


# A private instance: its database, logs and ports are its own, and it listens on 127.0.0.1
# only. The result and time caps are raised from Debian's defaults (10,000 rows, 60 s), which
# would cut a dump of the graph short.
_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
LockFile = {root}/virtuoso.lck
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
[Parameters]
ServerPort = {host}:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {root}
NumberOfBuffers = 40000
MaxDirtyBuffers = 30000
CaseMode = 2
[HTTPServer]
ServerPort = {host}:{http_port}
ServerRoot = {root}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 600
"""


@contextmanager
def running_virtuoso(*, ready_within: float = 120.0) -> Iterator[Virtuoso]:
    """Debian's Virtuoso (``virtuoso-t``) with a fresh database in a temporary directory, its
    HTTP and SQL ports free ports of 127.0.0.1; the directory goes when it stops. A fresh
    database has one account, ``dba`` with password ``dba``: this instance's own."""
    command = shutil.which("virtuoso-t")
    if command is None:
        raise RuntimeError("no `virtuoso-t` command: apt-get install virtuoso-opensource")
    with tempfile.TemporaryDirectory(prefix="ssegraph-virtuoso-") as root:
        http_port, sql_port = free_port(), free_port()
        ini = Path(root) / "virtuoso.ini"
        ini.write_text(
            _VIRTUOSO_INI.format(root=root, host=HOST, http_port=http_port, sql_port=sql_port),
            encoding="utf-8",
        )
        base = f"http://{HOST}:{http_port}"
        started = [command, "+foreground", "+configfile", str(ini)]
        with running(started, base + "/sparql?query=ASK%7B%7D", ready_within=ready_within):
            store = base + "/sparql-graph-crud-auth"
            yield Virtuoso(base + "/sparql", store, "dba", "dba", Path(root))


def oxigraph_command() -> str:
    """The ``oxigraph`` command beside this Python (a virtualenv), else on the PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("no `oxigraph` command: pip install oxigraph (in the test extra)")
    return found


def _wait(
    process: subprocess.Popen[bytes], name: str, probe: str, seconds: float, log: IO[bytes]
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(probe, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    log.seek(0)
    output = log.read().decode("utf-8", errors="replace")
    state = "exited" if process.poll() is not None else f"did not answer within {seconds:g} s"
    raise RuntimeError(f"{name} {state} ({probe}):\n{output}")
