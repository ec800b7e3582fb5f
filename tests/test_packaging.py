"""A non-editable install carries its own graph: ontology, data and queries as package data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ssegraph.graph import KnowledgeGraph

ROOT = Path(__file__).resolve().parents[1]

CHECK = """
import ssegraph
from ssegraph import Catalogue, KnowledgeGraph, resolve
kg = KnowledgeGraph.load()
print(ssegraph.__file__)
print(kg.project.origin, kg.project.read_only, len(kg))
print(len(Catalogue.load()), resolve(kg, "OIT"))
"""


def test_an_installed_wheel_loads_its_bundled_graph_from_anywhere(
    tmp_path: Path, kg: KnowledgeGraph
) -> None:
    target, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
         "--no-build-isolation", "--disable-pip-version-check", "--target", str(target), str(ROOT)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    assert (target / "ssegraph" / "bundled" / "data" / "actors.ttl").is_file()
    assert (target / "ssegraph" / "py.typed").is_file()  # the type hints are for users too
    info = next(target.glob("ssegraph-*.dist-info"))
    metadata = (info / "METADATA").read_text(encoding="utf-8")
    assert "License-Expression: MIT AND CC-BY-4.0" in metadata.splitlines()
    assert (info / "licenses" / "LICENSE").is_file()

    env = {k: v for k, v in os.environ.items() if k != "SSEGRAPH_HOME"}
    done = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True, text=True, cwd=elsewhere, check=False, timeout=120,
        env={**env, "PYTHONPATH": str(target)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    module, project, queries = done.stdout.splitlines()
    assert module.startswith(str(target))
    assert project == f"bundled True {len(kg)}"
    queries_shipped = len(list((ROOT / "queries").glob("*.rq")))
    assert queries == f"{queries_shipped} https://w3id.org/ssegraph/id/org/ilo"
