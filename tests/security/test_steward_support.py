"""What the stewards' security tests share: a writable copy of the project, the command run
in-process, and a fingerprint of every file. (Holds no test itself.)"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ssegraph.backends.disk import DIRECTORY_NAME as STORE_CACHE
from ssegraph.cli import app
from ssegraph.safefile import LOCK_NAME

ROOT = Path(__file__).resolve().parents[2]
BATCHES = ROOT / "tests" / "fixtures" / "batches"
# No colours, a wide screen: the text is asserted, not its styling.
ENV = {"COLUMNS": "200", "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "SSEGRAPH_HOME": None}


def run(project: Path, *args: str) -> tuple[int, str, str]:
    """``ssegraph --project PROJECT ARGS...``: exit code, stdout, stderr; never an uncaught
    exception."""
    result = CliRunner(env=ENV).invoke(app, ["--project", str(project), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the project's ontology and data."""
    root = tmp_path / "project"
    for name in ("ontology", "data"):
        shutil.copytree(ROOT / name, root / name)
    return root


def fingerprint(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (the lock file and the store's cache aside)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != LOCK_NAME and STORE_CACHE not in p.relative_to(root).parts
    }
