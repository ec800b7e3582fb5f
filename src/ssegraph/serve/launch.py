"""``ssegraph serve`` in a child process on a free port of 127.0.0.1: for tests and benchmarks
that talk to a real server over real sockets, and stop it when they are done."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"
COMMAND = "from ssegraph.cli import app; app()"


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(
    *options: str, project: Path | None = None, ready_within: float = 60.0
) -> Iterator[str]:
    """Start ``ssegraph serve`` with ``options``, yield its base URL once it answers, then stop
    it (SIGTERM, so its query workers stop too). Its log goes to a temporary file, shown if it
    fails to start."""
    port = free_port()
    chosen = ["--project", str(project)] if project else []
    command = [sys.executable, "-c", COMMAND, *chosen, "serve", "--host", HOST, "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([*command, *options], stdout=log, stderr=subprocess.STDOUT)
        base = f"http://{HOST}:{port}"
        try:
            _wait(server, base, ready_within, log)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait(server: subprocess.Popen[bytes], base: str, seconds: float, log: object) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(base + "/sparql", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    log.seek(0)  # type: ignore[attr-defined]
    output = log.read().decode("utf-8", errors="replace")  # type: ignore[attr-defined]
    raise RuntimeError(f"ssegraph serve did not start at {base}:\n{output}")
