"""Ties and links, and the arithmetic of their periods.

A ``Tie`` is one actor's part in one group or event; a ``Link`` is what one shared context says
of an edge. Whether two ties meet, and when an edge or a node holds, is computed here only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from ssegraph.dates import Span, intersect, iso, merge


@dataclass(frozen=True)
class Tie:
    """One actor's part in one group or event: in which roles, when, and on whose word."""

    actor: str
    context: str
    part: str  # GROUP or EVENT
    roles: frozenset[str]  # role IRIs (memberships) or property IRIs (events)
    spells: tuple[Span, ...]  # when it holds ("as of", the timeline); () when undated
    spans: tuple[Span, ...]  # when it took place ("between"); () when undated
    evidence: tuple[dt.date, ...]  # the days the sources give for it
    sources: frozenset[str]

    def holds_on(self, day: dt.date) -> bool:
        return any(start <= day <= end for start, end in self.spells)

    def meets(self, first: dt.date, last: dt.date) -> bool:
        return any(start <= last and first <= end for start, end in self.spans)

    def joined(self, other: Tie) -> Tie:
        """This tie and another of the same actor to the same context, as one."""
        return replace(
            self,
            roles=self.roles | other.roles,
            spells=merge(self.spells + other.spells),
            spans=merge(self.spans + other.spans),
            evidence=tuple(sorted(set(self.evidence + other.evidence))),
            sources=self.sources | other.sources,
        )


class Link(NamedTuple):
    """What one shared group or event (or one tie, in a bipartite network) says of an edge (a
    tuple: a large network makes one per pair of actors, and a tuple is the quickest made)."""

    context: str
    part: str
    roles: frozenset[str]
    spells: tuple[Span, ...]
    first: dt.date | None
    last: dt.date | None
    sources: frozenset[str]


def own_link(tie: Tie) -> Link:
    """A tie as the link between its actor and its context (bipartite networks)."""
    return Link(
        tie.context,
        tie.part,
        tie.roles,
        tie.spells,
        tie.evidence[0] if tie.evidence else None,
        tie.evidence[-1] if tie.evidence else None,
        tie.sources,
    )


def together(a: Tie, b: Tie) -> Link | None:
    """Two actors' ties to one context as a link between them; None if never at one time.

    ``first``: the first day both are attested in it; ``last``: the last day both are.
    """
    spells: tuple[Span, ...] = ()
    if a.spells and b.spells:
        spells = _overlap(a.spells, b.spells)
        if not spells:
            return None
    first = last = None
    if a.evidence and b.evidence:
        first = max(a.evidence[0], b.evidence[0])
        last = max(first, min(a.evidence[-1], b.evidence[-1]))
    return Link(a.context, a.part, a.roles | b.roles, spells, first, last, a.sources | b.sources)


def _overlap(a: tuple[Span, ...], b: tuple[Span, ...]) -> tuple[Span, ...]:
    """``intersect``, at once for the usual case of one spell on each side."""
    if len(a) == 1 and len(b) == 1:
        start, end = max(a[0][0], b[0][0]), min(a[0][1], b[0][1])
        return ((start, end),) if start <= end else ()
    return intersect(a, b)


#: ISO days, written once per day (an edge's dates repeat those of its ties).
_iso = lru_cache(maxsize=1 << 16)(iso)


def when(links: list[Link]) -> dict[str, object]:
    """``first`` and ``last`` days and the ``spells`` of an edge or node, where known."""
    if len(links) == 1:  # most edges: one shared context, its spells already merged
        return _when_one(links[0])
    firsts = [link.first for link in links if link.first]
    lasts = [link.last for link in links if link.last]
    spells = [(_iso(start), _iso(end)) for start, end in merge(s for k in links for s in k.spells)]
    found: dict[str, object] = {"spells": spells} if spells else {}
    if firsts:
        found["first"] = min(firsts).isoformat()
    if lasts:
        found["last"] = max(lasts).isoformat()
    return found


def _when_one(link: Link) -> dict[str, object]:
    found: dict[str, object] = {}
    if link.spells:
        found["spells"] = [(_iso(start), _iso(end)) for start, end in link.spells]
    if link.first:
        found["first"] = _iso(link.first)
    if link.last:
        found["last"] = _iso(link.last)
    return found
