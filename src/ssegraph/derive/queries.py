"""The SPARQL texts of the derivations, read from ``queries/`` beside this module."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def text(name: str) -> str:
    """The text of ``queries/<name>.rq``."""
    return (files("ssegraph.derive") / "queries" / f"{name}.rq").read_text(encoding="utf-8")
