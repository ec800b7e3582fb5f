"""Every SPARQL text the package runs, as named ``.rq`` files in folders by area.

``text("network/memberships")`` reads ``sparql/network/memberships.rq``. Keeping queries in
files (not strings in modules) lets one test parse-check them all and lets readers find them.
The catalogue's user-facing queries live in the project's own ``queries/`` folder instead.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable


@cache
def _root() -> Traversable:
    return files("ssegraph.sparql")


@cache
def text(name: str) -> str:
    """The text of ``sparql/<name>.rq``; ``name`` is ``area/query`` (``derive/timeline``)."""
    path = _root().joinpath(*f"{name}.rq".split("/"))
    return path.read_text(encoding="utf-8")


def names() -> list[str]:
    """Every query name under ``sparql/``, for the test that parse-checks them all."""
    found: list[str] = []

    def walk(folder: Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".rq"):
                found.append(f"{prefix}{entry.name[:-3]}")

    walk(_root(), "")
    return sorted(found)
