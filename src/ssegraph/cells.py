"""How an answer is shown to people, the same on the command line and on the pages.

A cell is a term's text: an IRI as a prefixed name that SPARQL reads back (``o:ilo``, with the
prefixes of the curated files, ``PRINTED_PREFIXES``), or as ``<iri>`` where no prefix gives a
valid name; nothing for an unbound value. ``query -e`` declares the same prefixes, so what a
table prints can be pasted into a query. A column ``x`` that has an ``xLabel`` twin is shown
once, as the label under the heading ``x``, standing for the node (``headings``,
``label_or_node``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

from rdflib import URIRef

from ssegraph.vocab import ID, PREFIXES, THING_PREFIXES

Value = TypeVar("Value")
LABEL = "Label"

#: Prefix -> namespace of every prefixed name printed: the vocabularies, then one per kind of
#: thing as the curated files write them (``st:`` for ``id/state/``).
PRINTED_PREFIXES: dict[str, str] = {
    **{prefix: iri for prefix, iri in PREFIXES.items() if prefix not in ("id", "graph")},
    **{prefix: f"{ID}{kind}/" for prefix, kind in THING_PREFIXES.items()},
}
_LONGEST_FIRST = sorted(PRINTED_PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)
# A local name SPARQL and Turtle read without escapes (PN_LOCAL, ASCII part).
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def printed(iri: str) -> str:
    """An IRI as a valid SPARQL prefixed name (``o:ilo``, ``sse:State``), else ``<iri>``."""
    text = str(iri)
    for prefix, namespace in _LONGEST_FIRST:
        if text.startswith(namespace) and _LOCAL.fullmatch(text[len(namespace) :]):
            return f"{prefix}:{text[len(namespace) :]}"
    return f"<{text}>"


def read_printed(name: str) -> URIRef | None:
    """The IRI a printed prefixed name stands for (``o:ilo``), else None."""
    prefix, colon, local = name.strip().partition(":")
    if colon and prefix in PRINTED_PREFIXES and _LOCAL.fullmatch(local):
        return URIRef(PRINTED_PREFIXES[prefix] + local)
    return None


def text(value: object) -> str:
    """A value as a cell's text: an IRI as its printed name, None as nothing."""
    if value is None:
        return ""
    return printed(value) if isinstance(value, URIRef) else str(value)


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
