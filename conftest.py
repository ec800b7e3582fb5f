"""The ``knowledge`` marker, set on every test that reads the whole curated graph.

A test that asks for the ``kg`` or ``remote`` fixture (tests/conftest.py), directly or through
another fixture, runs the installed command on it (``installed``), or lives in
tests/knowledge/, depends on the curated data: a data edit may change its answer. Everything
else runs on small fixtures, so ``pytest -m "not knowledge"`` is the fast subset for code work.
"""

from __future__ import annotations

import pytest

CURATED_FIXTURES = frozenset({"kg", "remote", "installed"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & CURATED_FIXTURES or "knowledge" in item.path.parts:
            item.add_marker(pytest.mark.knowledge)
