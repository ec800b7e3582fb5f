"""What networks are read from, with SPARQL only: ties, classes, countries and their regions.

Every read is a query of ``sparql/network/`` read as plain strings (``rows.plain``), so a network
is built the same from the embedded store or from a remote endpoint.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ssegraph.dates import FOREVER, NEVER, Span, first_days, merge, parse_day
from ssegraph.graph import KnowledgeGraph
from ssegraph.network.kinds import EVENT, GROUP
from ssegraph.network.rows import Plain, plain
from ssegraph.network.ties import Tie
from ssegraph.vocab import SCHEMA


@dataclass(frozen=True)
class Place:
    """Where an actor stands: its country's ISO code, M49 region and sub-region, grouping."""

    code: str
    country: str
    region: str | None
    subregion: str | None
    grouping: str | None  # the development grouping's IRI (id:grouping/south or /north)

    @cached_property
    def side(self) -> str | None:
        """The side of the development divide: the grouping IRI's last segment."""
        return self.grouping.rstrip("/").rpartition("/")[2] if self.grouping else None


@dataclass(frozen=True)
class EventTies:
    """The event ties, with the labels of the event properties and those under attendee."""

    ties: list[Tie]
    relation_labels: dict[str, str]
    attendance: frozenset[str]


def membership_ties(kg: KnowledgeGraph) -> list[Tie]:
    """One tie per membership and role, held in the periods of the tenure graph."""
    ties = []
    for member, group, role, tenures, attested, sources in plain(kg, "memberships"):
        spells = _tenures(tenures or "")
        ties.append(
            Tie(
                actor=str(member),
                context=str(group),
                part=GROUP,
                roles=_roles(role),
                spells=spells,
                spans=spells,
                evidence=_first_days(attested or ""),
                sources=_iris(sources or ""),
            )
        )
    return ties


def event_ties(kg: KnowledgeGraph) -> EventTies:
    """One tie per actor, event and part, holding from the event's first day on."""
    rows = plain(kg, "event-ties")
    events = {str(row[0]): row for row in plain(kg, "events")}
    ties = []
    for event, relation, _, actor, _ in rows:
        dated = events.get(str(event))
        span = _event_span(dated)
        ties.append(
            Tie(
                actor=str(actor),
                context=str(event),
                part=EVENT,
                roles=_roles(relation),
                spells=((span[0], FOREVER),) if span else (),
                spans=(span,) if span else (),
                evidence=tuple(sorted(set(span))) if span else (),
                sources=_iris(dated[3] or "") if dated else frozenset(),
            )
        )
    attendee = str(SCHEMA.attendee)
    return EventTies(
        ties,
        {str(relation): label for _, relation, label, _, _ in rows if label},
        frozenset(str(relation) for _, relation, _, _, top in rows if top == attendee),
    )


def classes(kg: KnowledgeGraph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each typed node's sse classes, and each sse class's direct superclasses."""
    of_node: dict[str, set[str]] = defaultdict(set)
    parents: dict[str, set[str]] = defaultdict(set)
    for node, cls, parent in plain(kg, "kinds"):
        if node is not None:
            of_node[node].add(str(cls))
        else:
            parents[str(cls)].add(str(parent))
    return dict(of_node), dict(parents)


def kind_labels(kg: KnowledgeGraph) -> dict[tuple[str, str], str]:
    """(sse class, language) -> the class's label in that language (en and fr)."""
    return {(str(cls), lang): str(label) for cls, label, lang in plain(kg, "kind-labels") if lang}


def places(kg: KnowledgeGraph) -> dict[str, Place]:
    """Each actor's country and, where the graph gives them, its region and grouping."""
    found = {}
    same: dict[tuple[str | None, ...], Place] = {}  # one object per distinct place
    for node, *where in sorted(plain(kg, "countries"), key=_in_order):
        code, country, *regional = where
        key = tuple(where)
        found[str(node)] = same.get(key) or same.setdefault(
            key, Place(str(code), str(country), *regional)
        )
    return found


def _in_order(row: Plain) -> tuple[str, ...]:
    return tuple(value or "" for value in row)


def _event_span(row: Plain | None) -> Span | None:
    """The days an event may cover, from the timeline graph; None when undated."""
    if row is None:
        return None
    first, last = (parse_day(row[key] or "") for key in (1, 2))
    return (first, last) if first and last else None


# Many memberships share their periods, dates, sources and role: each distinct text is read once.


@lru_cache(maxsize=1 << 16)
def _roles(role: str | None) -> frozenset[str]:
    return frozenset({role} if role else ())


@lru_cache(maxsize=1 << 16)
def _first_days(value: str) -> tuple[dt.date, ...]:
    return first_days(value)


@lru_cache(maxsize=1 << 16)
def _tenures(value: str) -> tuple[Span, ...]:
    """The periods of a membership, from "FROM/THROUGH" days with either side empty."""
    spells = []
    for period in value.split():
        start, _, stop = period.partition("/")
        spells.append((parse_day(start) or NEVER, parse_day(stop) or FOREVER))
    return merge(spells)


@lru_cache(maxsize=1 << 16)
def _iris(value: str) -> frozenset[str]:
    return frozenset(value.split())
