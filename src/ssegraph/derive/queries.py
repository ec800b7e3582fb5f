"""Run the derivations' SPARQL texts (``sparql/derive/*.rq``) on a store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib.term import Identifier

from ssegraph import sparql

if TYPE_CHECKING:
    from ssegraph.backends import Backend

Row = dict[str, Identifier | None]


def text(name: str) -> str:
    """The text of ``sparql/derive/<name>.rq``."""
    return sparql.text(f"derive/{name}")


def rows(backend: Backend, name: str) -> list[Row]:
    """The answer of ``sparql/derive/<name>.rq`` on a store, as rows keyed by variable name."""
    result = backend.select(text(name), {})
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]
