"""How an answer is shown to people, the same on the command line and on the pages.

A cell is a term's text (an IRI as its prefixed name, ``id:org/ilo``; nothing for an unbound
value). A column ``x`` that has an ``xLabel`` twin is shown once, as the label under the heading
``x``, standing for the node (``headings``, ``label_or_node``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from rdflib import URIRef

from ssegraph.vocab import short

Value = TypeVar("Value")
LABEL = "Label"


def text(value: object) -> str:
    """A value as a cell's text: an IRI as its prefixed name, None as nothing."""
    if value is None:
        return ""
    return short(value) if isinstance(value, URIRef) else str(value)


def shown(variables: Sequence[str]) -> list[str]:
    """The columns shown: every variable but a node whose ``xLabel`` twin stands for it."""
    return [name for name in variables if f"{name}{LABEL}" not in variables]


def heading(name: str, variables: Sequence[str]) -> str:
    """A column's heading: ``xLabel`` standing for ``x`` is headed ``x``."""
    node = name.removesuffix(LABEL)
    return node if name != node and node in variables else name


def node_of(name: str, variables: Sequence[str]) -> str | None:
    """The node column a label column stands for, or None for any other column."""
    node = name.removesuffix(LABEL)
    return node if name != node and node in variables else None


def label_or_node(row: Mapping[str, Value | None], column: str) -> Value | None:
    """A row's value in a shown column: a missing label falls back to its node."""
    value = row.get(column)
    node = node_of(column, list(row))
    if value is None and node is not None:
        return row.get(node)
    return value
