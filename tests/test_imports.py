"""What a command imports: the libraries that only some commands need stay out of the others.

Most of a quick command's time is Python importing libraries; these tests pin that the heavy
ones (the web server's, the validator's, the networks', pydantic) are imported only by the
commands that use them. Each runs in a fresh process, as a user's command does, and reads
``sys.modules`` at its end: a pin on what is imported, not on a timing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

#: Libraries that no read command needs: the server's, the validator's, the networks', the
#: plots', the remote endpoint's, and pydantic (typer's adapters import it; cli converts the
#: plain values itself).
NOT_FOR_READING = {
    "fastapi",
    "starlette",
    "uvicorn",
    "pydantic",
    "pyshacl",
    "owlrl",
    "networkx",
    "igraph",
    "rustworkx",
    "matplotlib",
    "SPARQLWrapper",
    "pycountry",
}

_REPORT_MODULES = """
import json, sys
sys.argv = ["ssegraph", *sys.argv[1:]]
from ssegraph.cli import app
try:
    app()
except SystemExit as done:
    code = done.code
else:
    code = 0
sys.stdout.flush()
print("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _run(*args: str, cwd: Path) -> tuple[int | str | None, set[str], str]:
    """``ssegraph ARGS`` run in a fresh process: its exit code, the modules it imported and
    what it wrote on stderr."""
    env = {k: v for k, v in os.environ.items() if k not in {"SSEGRAPH_HOME", "SSEGRAPH_STORE"}}
    command = [sys.executable, "-c", _REPORT_MODULES, *args]
    env["COLUMNS"] = "200"  # typer's messages on one line
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)
    assert done.stdout.strip(), done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"]), done.stderr


def _packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture project whose store on disk is already built (a command that
    builds it imports the derivation code, which a reader does not)."""
    root = tmp_path_factory.mktemp("imports") / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns(".ssegraph"))
    code, _, errors = _run("--project", str(root), "search", "ILO", cwd=root.parent)
    assert code == 0, errors
    return root


def _imported_by(module: str, cwd: Path) -> set[str]:
    """The modules that ``import MODULE`` imports, in a fresh process."""
    script = f"import sys, {module}; print(' '.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_importing_the_command_line_imports_no_graph_nor_rendering_library(tmp_path: Path) -> None:
    imported = _packages(_imported_by("ssegraph.cli", tmp_path))
    assert imported.isdisjoint(NOT_FOR_READING | {"rdflib", "pyoxigraph", "rich", "sqlite3"})


def test_importing_the_package_imports_none_of_its_modules(tmp_path: Path) -> None:
    imported = _imported_by("ssegraph", tmp_path)
    assert {name for name in imported if name.startswith("ssegraph")} == {"ssegraph"}
    assert imported.isdisjoint({"rdflib", "typer", "pyoxigraph"})


@pytest.mark.parametrize(
    "command",
    [
        ["info"],
        ["search", "ILO"],
        ["query", "members", "--param", "date=2014-09-17"],
        ["query", "-e", "ASK { ?s ?p ?o }"],
        ["query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?m a org:Membership }", "-f", "json"],
    ],
    ids=" ".join,
)
def test_a_read_command_imports_none_of_the_server_validator_or_network_libraries(
    project: Path, command: list[str]
) -> None:
    code, imported, errors = _run("--project", str(project), *command, cwd=project.parent)
    assert code == 0, errors
    assert _packages(imported) & NOT_FOR_READING == set()


def test_an_answer_written_as_json_imports_no_table_library(project: Path) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?m a org:Membership }"
    code, imported, errors = _run(
        "--project", str(project), "query", "-e", query, "-f", "json", cwd=project
    )
    assert code == 0, errors
    assert "rich" not in _packages(imported)


def test_a_read_command_on_the_store_on_disk_imports_no_derivation_code(project: Path) -> None:
    code, imported, errors = _run("--project", str(project), "query", "-e", "ASK {}", cwd=project)
    assert code == 0, errors
    assert {name for name in imported if name.startswith("ssegraph.derive")} == set()


def test_a_bad_number_is_refused_with_typers_own_message(project: Path) -> None:
    """Values that do not convert plainly still go through typer's conversion (pydantic's)."""
    code, _, errors = _run(
        "--project", str(project), "search", "ILO", "--limit", "many", cwd=project
    )
    assert code == 2
    assert "Invalid value for '--limit'" in errors and "valid integer" in errors
