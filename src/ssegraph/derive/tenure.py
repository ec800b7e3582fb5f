"""When a membership, a role or a post is held: the one rule of time of the graph.

A membership is held on day D when

1. it has a stated interval (``org:memberDuring``) that holds D: either end may be open, and an
   open end is closed by the first complete member list of the group, after the beginning, that
   leaves the membership out; a stated interval is the whole story (a spokesperson's seat at one
   meeting does not run on until the next list);
2. or, without an interval, a dated clue of it lies on or before D and no complete member list of
   the group dated after that clue and on or before D leaves it out. The clues are its
   ``sse:attestedOn`` dates, else the dates of the sources it cites (a date inferred for a source
   is used only when nothing better is given).

A complete member list is a source with ``sse:listsMembersOf`` the group; a membership is on it
when it cites it (``prov:wasDerivedFrom``). A list is complete for the roles it lists: the task
force's list of member agencies leaves out no observer, since it names none. So the 2014 and 2017
lists of the Leading Group each answer for their period, a single mention (an observer seat in
2020) adds to the last list, and a steward's new membership with only a start date, only an end
date or only an attestation is held from the moment it is merged. Dates at a coarser precision
are read generously: a beginning in "2019" counts from 1 January, an end in "2019" until 31
December.

The periods land in the tenure graph: ``?m sse:tenure ?p . ?p sse:heldFrom ?d1 ; sse:heldThrough
?d2`` (days, inclusive; an open side has no value), so a query asks ``FILTER(?d1 <= ?day)``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Identifier

from ssegraph.dates import FOREVER, NEVER, Span, first_days, literal, merge, span, spans_in
from ssegraph.derive.queries import rows
from ssegraph.vocab import SSE

if TYPE_CHECKING:
    from ssegraph.backends import Backend, Triple


@dataclass(frozen=True)
class Clues:
    """What the graph says of one membership's time."""

    group: str
    role: str | None
    begin: dt.date | None  # the earliest day its stated interval may begin
    end: dt.date | None  # the latest day its stated interval may end
    attested: tuple[dt.date, ...]  # its own attestations, else its sources' dates
    sources: frozenset[str]


@dataclass(frozen=True)
class Lists:
    """The complete member lists of each group: their days, the lists of each day, and the
    roles those lists name."""

    days: dict[str, list[dt.date]]
    sources: dict[tuple[str, dt.date], frozenset[str]]
    roles: dict[tuple[str, dt.date], frozenset[str | None]]

    def leaving_out(self, clues: Clues, after: dt.date) -> dt.date | None:
        """The first list of the membership's group after ``after``, naming its role, that does
        not cite it."""
        days = self.days.get(clues.group, [])
        for day in days[bisect.bisect_right(days, after) :]:
            key = clues.group, day
            if clues.role in self.roles.get(key, ()) and not self.sources[key] & clues.sources:
                return day
        return None


def periods(clues: Clues, lists: Lists) -> tuple[Span, ...]:
    """The spans of days the membership is held, by the rule of this module."""
    if clues.begin or clues.end:
        start = clues.begin or NEVER
        stop = clues.end
        if stop is None:
            replaced = lists.leaving_out(clues, start) if clues.begin else None
            stop = replaced - dt.timedelta(days=1) if replaced else FOREVER
        return ((start, stop),) if start <= stop else ()
    spans = []
    for day in clues.attested:
        replaced = lists.leaving_out(clues, day)
        spans.append((day, replaced - dt.timedelta(days=1) if replaced else FOREVER))
    return merge(spans)


def read(backend: Backend) -> tuple[dict[Identifier, Clues], Lists]:
    """The clues of every membership and the complete lists of every group, in two queries."""
    dated: dict[str, dt.date] = {}
    inferred: set[str] = set()
    by_day: dict[tuple[str, dt.date], set[str]] = defaultdict(set)
    for row in rows(backend, "tenure-sources"):
        covered = span(row["date"])
        if covered is None:
            continue
        source = str(row["source"])
        dated[source] = covered[0]
        if isinstance(row["inferred"], Literal) and row["inferred"].toPython():
            inferred.add(source)
        for group in str(row["lists"] or "").split():
            by_day[group, covered[0]].add(source)
    memberships: dict[Identifier, Clues] = {}
    for row in rows(backend, "tenure-memberships"):
        membership = row["membership"]
        assert membership is not None  # the query's subject, always bound
        sources = frozenset(str(row["sources"] or "").split())
        attested = first_days(row["attestedOn"])
        if not attested:
            printed = [dated[s] for s in sources if s in dated and s not in inferred]
            attested = tuple(sorted(set(printed or [dated[s] for s in sources if s in dated])))
        begins, ends = spans_in(row["begins"]), spans_in(row["ends"])
        memberships[membership] = Clues(
            group=str(row["group"]),
            role=None if row["role"] is None else str(row["role"]),
            begin=min(first for first, _ in begins) if begins else None,
            end=max(last for _, last in ends) if ends else None,
            attested=attested,
            sources=sources,
        )
    return memberships, _lists(by_day, memberships.values())


def _lists(by_day: dict[tuple[str, dt.date], set[str]], memberships: Iterable[Clues]) -> Lists:
    """The lists of each group and day, with the roles of the memberships that cite them."""
    listing: dict[str, set[tuple[str, dt.date]]] = defaultdict(set)
    for key, sources in by_day.items():
        for source in sources:
            listing[source].add(key)
    roles: dict[tuple[str, dt.date], set[str | None]] = defaultdict(set)
    for clues in memberships:
        for source in clues.sources:
            for key in listing.get(source, ()):
                if key[0] == clues.group:
                    roles[key].add(clues.role)
    days: dict[str, set[dt.date]] = defaultdict(set)
    for group, day in by_day:
        days[group].add(day)
    return Lists(
        {group: sorted(found) for group, found in days.items()},
        {key: frozenset(found) for key, found in by_day.items()},
        {key: frozenset(found) for key, found in roles.items()},
    )


def triples(backend: Backend) -> Iterator[Triple]:
    """The tenure graph: one ``sse:Tenure`` node per period of each membership."""
    memberships, lists = read(backend)
    for membership, clues in memberships.items():
        for start, stop in periods(clues, lists):
            period: URIRef | BNode = BNode()
            if isinstance(membership, URIRef):
                first = start.isoformat() if start != NEVER else "open"
                period = URIRef(f"{membership}#held-{first}")
            yield membership, SSE.tenure, period
            yield period, RDF.type, SSE.Tenure
            if start != NEVER:
                yield period, SSE.heldFrom, literal(start)
            if stop != FOREVER:
                yield period, SSE.heldThrough, literal(stop)
