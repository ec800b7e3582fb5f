"""Shared fixtures: the real graph loaded once per session, and a small hand-made project.

``kg`` is the project's own ontology and data (what users query); ``mini`` is the project in
``tests/fixtures/mini``, small enough that a test can state every fact it relies on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ssegraph.graph import KnowledgeGraph

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
