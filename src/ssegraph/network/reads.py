"""What networks are read from, with SPARQL only: ties, classes, countries and their regions.

Every read goes through ``kg.select`` and a query of ``sparql/network/``, so a network is built
the same from the embedded store or from a remote endpoint.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property

from rdflib import Literal

from ssegraph import sparql
from ssegraph.dates import FOREVER, NEVER, Span, first_days, merge, parse_day
from ssegraph.graph import KnowledgeGraph, Row
from ssegraph.network.kinds import EVENT, GROUP
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


@cache
def query(name: str) -> str:
    return sparql.text(f"network/{name}")


def membership_ties(kg: KnowledgeGraph) -> list[Tie]:
    """One tie per membership and role, held in the periods of the tenure graph."""
    ties = []
    for row in kg.select(query("memberships")):
        spells = _tenures(row["tenures"])
        ties.append(
            Tie(
                actor=str(row["member"]),
                context=str(row["group"]),
                part=GROUP,
                roles=frozenset({str(row["role"])} if row["role"] else ()),
                spells=spells,
                spans=spells,
                evidence=first_days(row["attestedOn"]),
                sources=_iris(row["sources"]),
            )
        )
    return ties


def event_ties(kg: KnowledgeGraph) -> EventTies:
    """One tie per actor, event and part, holding from the event's first day on."""
    rows = kg.select(query("event-ties"))
    events = {str(row["event"]): row for row in kg.select(query("events"))}
    ties = []
    for row in rows:
        event = str(row["event"])
        span = _event_span(events.get(event))
        ties.append(
            Tie(
                actor=str(row["actor"]),
                context=event,
                part=EVENT,
                roles=frozenset({str(row["relation"])}),
                spells=((span[0], FOREVER),) if span else (),
                spans=(span,) if span else (),
                evidence=tuple(sorted(set(span))) if span else (),
                sources=_iris(events[event]["sources"]) if event in events else frozenset(),
            )
        )
    return EventTies(
        ties,
        {str(r["relation"]): str(r["relationLabel"]) for r in rows if r["relationLabel"]},
        frozenset(str(r["relation"]) for r in rows if r["top"] == SCHEMA.attendee),
    )


def classes(kg: KnowledgeGraph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each typed node's sse classes, and each sse class's direct superclasses."""
    of_node: dict[str, set[str]] = defaultdict(set)
    parents: dict[str, set[str]] = defaultdict(set)
    for row in kg.select(query("kinds")):
        if row["node"] is not None:
            of_node[str(row["node"])].add(str(row["class"]))
        else:
            parents[str(row["class"])].add(str(row["super"]))
    return dict(of_node), dict(parents)


def kind_labels(kg: KnowledgeGraph) -> dict[tuple[str, str], str]:
    """(sse class, language) -> the class's label in that language (en and fr)."""
    found = {}
    for row in kg.select(query("kind-labels")):
        label = row["label"]
        if isinstance(label, Literal) and label.language:
            found[(str(row["class"]), label.language)] = str(label)
    return found


def places(kg: KnowledgeGraph) -> dict[str, Place]:
    """Each actor's country and, where the graph gives them, its region and grouping."""
    found = {}
    for row in sorted(kg.select(query("countries")), key=lambda row: tuple(map(str, row.values()))):
        found[str(row["node"])] = Place(
            str(row["code"]),
            str(row["country"]),
            *(str(row[key]) if row[key] is not None else None for key in _REGIONAL),
        )
    return found


_REGIONAL = ("region", "subregion", "grouping")


def _event_span(row: Row | None) -> Span | None:
    """The days an event may cover, from the timeline graph; None when undated."""
    if row is None:
        return None
    first, last = (parse_day(str(row[key] or "")) for key in ("first", "last"))
    return (first, last) if first and last else None


def _tenures(value: object) -> tuple[Span, ...]:
    """The periods of a membership, from "FROM/THROUGH" days with either side empty."""
    spells = []
    for period in str(value or "").split():
        start, _, stop = period.partition("/")
        spells.append((parse_day(start) or NEVER, parse_day(stop) or FOREVER))
    return merge(spells)


def _iris(value: object) -> frozenset[str]:
    return frozenset(str(value or "").split())
