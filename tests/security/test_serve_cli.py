"""The command line refuses what the server and the query path refuse: one line on stderr, a
usage exit code, never a traceback nor a crash (run as a user would, in its own process)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
Installed = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--timeout", "-1"], "--timeout"),
        (["--timeout", "0"], "--timeout"),
        (["--timeout", "nan"], "--timeout"),
        (["--port", "99999"], "--port"),
        (["--workers", "0"], "--workers"),
        (["--cors-origin", "notanorigin"], "--cors-origin"),
    ],
)
def test_serve_refuses_invalid_options_in_one_line(
    installed: Installed, options: list[str], named: str
) -> None:
    done = installed("--project", str(ROOT), "serve", *options)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and named in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE " + "{" * 20_000 + "}" * 20_000,
    ],
    ids=["service", "nested-braces"],
)
def test_query_e_refuses_in_one_line(installed: Installed, query: str) -> None:
    done = installed("--project", str(ROOT), "query", "-e", query)
    assert done.returncode == 1
    assert done.stderr.startswith("error: SPARQL") and "Traceback" not in done.stderr


def test_an_endpoint_that_is_not_a_url_is_one_line(installed: Installed) -> None:
    done = installed("--endpoint", "notaurl", "query", "-e", "ASK {}")
    assert done.returncode == 1
    assert "--endpoint" in done.stderr and "Traceback" not in done.stderr
