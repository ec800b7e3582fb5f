"""What a node's page shows beyond ``describe``: its facts with their values as links, who
takes which part in an event, and what a source backs.

``describe`` gives ``ssegraph show`` its facts as text; a page needs the nodes behind them, so
the same facts query (``describe.DETAILS``) is read here with its values kept as terms. An
event's organisers, partners, speakers and moderators are grouped by the property stated
(``sparql/serve/event-parts.rq``) rather than left among the other facts; a source lists the
nodes derived from it (``sparql/serve/source-backs.rq``), a membership by its member, group
and role. All of it runs in a query worker, as one job (``DescribePage``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ssegraph import sparql
from ssegraph.describe import DETAILS, TITLE, TYPES, Description, describe, stated
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import humanise, index
from ssegraph.vocab import ID, short

PARTS = sparql.text("serve/event-parts")
BACKS = sparql.text("serve/source-backs")
#: The heading (a word of ``serve.words``) of the parts most events have, by property name.
PART_HEADINGS = {
    "organizer": "organizers",
    "partner": "partners",
    "speaker": "speakers",
    "moderator": "moderators",
    "participant": "participants",
    "attendee": "participants",
}

_ENDS = ("member", "group", "role")  # a membership's, as a source's page names them


@dataclass(frozen=True)
class Named:
    """A node and what to call it; ``node`` is None for a literal."""

    label: str
    node: str | None = None


@dataclass(frozen=True)
class LinkedFact:
    """Another statement about the node: a readable property and its value, linked if a node."""

    property: str
    value: Named


@dataclass(frozen=True)
class Part:
    """Those who take one part in an event: a heading (a word key, or the property's label)."""

    heading: str
    worded: bool  # whether ``heading`` is a word key (translated by the page)
    actors: list[Named]


@dataclass(frozen=True)
class Backed:
    """A node a source backs; a membership also by its member, group and role."""

    thing: Named
    kind: str
    member: Named | None = None
    group: Named | None = None
    role: Named | None = None


@dataclass(frozen=True)
class NodePage:
    description: Description
    types: list[Named]  # the classes stated, each linked to its term
    facts: list[LinkedFact]
    parts: list[Part]
    backs: list[Backed]


@dataclass(frozen=True)
class DescribePage:
    """The job: everything a node's page shows."""

    node: URIRef
    lang: str

    def run(self, kg: KnowledgeGraph) -> NodePage:
        description = describe(kg, self.node, self.lang)
        bound = {"entity": self.node, "lang": Literal(self.lang)}
        parts = _parts(kg, bound, self.lang)
        taken = {(part.heading, actor.node) for part in parts for actor in part.actors}
        shown = {str(link.node) for link in description.events + description.outcomes}
        facts = []
        for row in kg.select(DETAILS, stated(self.node, self.lang)):
            value = _named(kg, row["value"], self.lang)
            if (
                value.node in shown
                or (_heading(row["property"], row["label"]), value.node) in taken
            ):
                continue
            label = str(row["label"]) if row["label"] else humanise(row["property"])
            facts.append(LinkedFact(label, value))
        types = [
            Named(
                str(row["typeLabel"]) if row["typeLabel"] else humanise(row["type"]),
                str(row["type"]),
            )
            for row in kg.select(TYPES, stated(self.node, self.lang))
        ]
        return NodePage(description, types, facts, parts, _backs(kg, self.node, self.lang))


def _parts(kg: KnowledgeGraph, bound: dict[str, Identifier], lang: str) -> list[Part]:
    grouped: dict[str, Part] = {}
    for row in kg.select(PARTS, bound):
        heading = _heading(row["relation"], row["relationLabel"])
        part = grouped.setdefault(heading, Part(heading, heading in PART_HEADINGS.values(), []))
        part.actors.append(_named(kg, row["actor"], lang))
    return list(grouped.values())


def _heading(relation: Identifier, label: Identifier | None) -> str:
    """A part's heading: a word key for the usual parts, else the property's label."""
    name = str(relation).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return PART_HEADINGS.get(name) or (str(label) if label else humanise(relation))


def _backs(kg: KnowledgeGraph, node: URIRef, lang: str) -> list[Backed]:
    if not str(node).startswith(str(ID["source/"])):
        return []
    return [
        Backed(
            _named(kg, row["thing"], lang),
            kind_of(row["thing"]),
            *(
                _named(kg, row[end], lang) if row[end] else None
                for end in ("member", "group", "role")
            ),
        )
        for row in kg.select(BACKS, {"entity": node})
    ]


def _named(kg: KnowledgeGraph, value: Identifier, lang: str) -> Named:
    """A value as the page names it: a node by its label (or its short name), a literal as is."""
    if not isinstance(value, URIRef):
        return Named(str(value))
    names = index(kg)
    if value in names.by_node:
        return Named(names.display(value, lang), str(value))
    titles = kg.select(TITLE, {"entity": value, "lang": Literal(lang)})  # a source has a title
    return Named(str(titles[0]["title"]) if titles else short(value), str(value))


def kind_of(iri: Identifier | str) -> str:
    """The kind of thing an IRI under id/ names (org, person, event...): its first step."""
    text = str(iri)
    return text[len(ID) :].split("/")[0] if text.startswith(str(ID)) else ""
