"""The SPARQL texts of the derivations, read from ``queries/`` beside this module."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from rdflib.term import Identifier

if TYPE_CHECKING:
    from ssegraph.backends import Backend

Row = dict[str, Identifier | None]


@cache
def text(name: str) -> str:
    """The text of ``queries/<name>.rq``."""
    return (files("ssegraph.derive") / "queries" / f"{name}.rq").read_text(encoding="utf-8")


def rows(backend: Backend, name: str) -> list[Row]:
    """The answer of ``queries/<name>.rq`` on a store, as rows keyed by variable name."""
    result = backend.select(text(name), {})
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]
