"""The days each event and policy outcome may cover, at day precision.

An event dated "2018-07" may cover any day of July 2018; one with no dates of its own (a side
event of a conference) lies within the event it is part of. ``sse:earliestDay`` and
``sse:latestDay`` (``xsd:date``) say so on every event and outcome that has a clue, so a query by
year or by day compares days and finds them all, whatever the precision the source gave.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import URIRef

from ssegraph.dates import Span, literal, span
from ssegraph.derive.queries import Row, rows
from ssegraph.vocab import SSE

if TYPE_CHECKING:
    from ssegraph.backends import Backend, Triple


def own_span(row: Row) -> Span | None:
    """The days a node's own dates cover: from its start's first day to its end's last day."""
    start, end = span(row["start"]), span(row["end"])
    published = span(row["published"])
    if start or end:
        first = (start or end)[0]  # type: ignore[index]
        last = (end or start)[1]  # type: ignore[index]
        return (first, last) if first <= last else None
    return published


def spans(backend: Backend) -> dict[URIRef, Span]:
    """Every event's and outcome's days: its own, else those of the event it is part of."""
    dated: dict[URIRef, Row] = {}
    for row in rows(backend, "timeline"):
        node = row["node"]
        if isinstance(node, URIRef) and (node not in dated or row["super"] is not None):
            dated[node] = row
    found: dict[URIRef, Span] = {}

    def covered(node: URIRef, seen: frozenset[URIRef]) -> Span | None:
        if node in found:
            return found[node]
        row = dated.get(node)
        if row is None or node in seen:
            return None
        own = own_span(row)
        parent = row["super"]
        if own is None and isinstance(parent, URIRef):
            own = covered(parent, seen | {node})
        if own is not None:
            found[node] = own
        return own

    for node in dated:
        covered(node, frozenset())
    return found


def triples(backend: Backend) -> Iterator[Triple]:
    """The timeline graph: the first and last day of every event and outcome with a clue."""
    for node, (first, last) in spans(backend).items():
        yield node, SSE.earliestDay, literal(first)
        yield node, SSE.latestDay, literal(last)
