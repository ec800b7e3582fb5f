"""Everything the graph says about one node, gathered for ``ssegraph show``.

Types, names in every language, memberships both ways (the groups it belongs to, the members it
has), the posts a person holds, the events and outcomes it takes part in and how, other facts,
and the sources behind it, each read with one SPARQL query through the KnowledgeGraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ssegraph import sparql
from ssegraph.names import Label, humanise, index
from ssegraph.vocab import DERIVED, ORG, SCHEMA, short

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

# The types as stated in the files (not the superclasses the store entails).
TYPES = sparql.text("describe/types")

# ?side is the end of the membership that is not the entity: the group, or the member. The
# period is the graph's one rule of time (the tenure graph): from its first day to its last, the
# last left out while a period goes on.
MEMBERSHIPS = sparql.text("describe/memberships")

# Nodes of a kind (events, outcomes) linked to the entity by any property, in either direction.
LINKED = sparql.text("describe/linked")

SOURCES = sparql.text("describe/sources")

# The entity's own statements not shown elsewhere (dates, places, organisers, codes, links).
DETAILS = sparql.text("describe/details")

# A document has a title rather than a label.
TITLE = sparql.text("describe/title")
REGIONS = sparql.text("describe/regions")


@dataclass(frozen=True)
class Membership:
    """One membership or post, seen from the entity: ``other`` is the group or the member."""

    node: URIRef
    other: URIRef
    other_label: str
    role: str
    start: str | None
    end: str | None
    attested_on: list[str]
    sources: list[str]


@dataclass(frozen=True)
class Link:
    """An event or outcome linked to the entity, and how (organiser, adopted at, ...)."""

    node: URIRef
    label: str
    date: str | None
    relations: list[str]
    sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Fact:
    """Another statement about the entity: a property and its value, both readable."""

    property: str
    value: str


@dataclass(frozen=True)
class Source:
    node: URIRef
    title: str
    date: str | None


@dataclass
class Description:
    """What ``ssegraph show`` prints about one node."""

    node: URIRef
    label: str
    types: list[str] = field(default_factory=list)
    names: list[Label] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)  # as member, not posts
    posts: list[Membership] = field(default_factory=list)  # a person's posts
    members: list[Membership] = field(default_factory=list)  # as group
    events: list[Link] = field(default_factory=list)
    outcomes: list[Link] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


def describe(kg: KnowledgeGraph, node: URIRef, lang: str = "en") -> Description:
    """Gather what the graph says about ``node`` (an IRI; see ``names.resolve`` for names)."""
    names = index(kg)
    bound = {"entity": node, "lang": lang}
    as_member = _memberships(kg, node, "member", lang)
    events = _linked(kg, node, SCHEMA.Event, lang)
    outcomes = _linked(kg, node, SCHEMA.CreativeWork, lang)
    shown = {link.node for link in events + outcomes}
    return Description(
        node=node,
        label=_label(kg, node, lang),
        types=[
            f"{_term(row['type'], row['typeLabel'])} ({short(row['type'])})"
            for row in kg.select(TYPES, stated(node, lang))
        ],
        names=sorted(names.by_node.get(node, []), key=lambda n: (not n.preferred, n.lang, n.text)),
        memberships=[m for m, post in as_member if not post],
        posts=[m for m, post in as_member if post],
        members=[m for m, _ in _memberships(kg, node, "organization", lang)],
        events=events,
        outcomes=outcomes,
        facts=[
            Fact(_term(row["property"], row["label"]), _value(kg, row["value"], lang))
            for row in kg.select(DETAILS, stated(node, lang))
            if row["value"] not in shown
        ]
        + [
            Fact(_term(row["property"], row["propertyLabel"]), _term(row["area"], row["areaLabel"]))
            for row in kg.select(REGIONS, bound)
        ],
        sources=[
            Source(
                URIRef(row["source"]),
                str(row["sourceTitle"]) if row["sourceTitle"] else short(row["source"]),
                _text(row["date"]),
            )
            for row in kg.select(SOURCES, bound)
        ],
    )


def _label(kg: KnowledgeGraph, node: URIRef, lang: str) -> str:
    names = index(kg)
    if node in names.by_node:
        return names.display(node, lang)
    titles = kg.select(TITLE, {"entity": node, "lang": lang})
    return str(titles[0]["title"]) if titles else short(node)


def _memberships(
    kg: KnowledgeGraph, node: URIRef, end: str, lang: str
) -> list[tuple[Membership, bool]]:
    names = index(kg)
    ends = {"entityEnd": ORG[end], "otherEnd": ORG["organization" if end == "member" else "member"]}
    rows = kg.select(MEMBERSHIPS, {"entity": node, **ends})
    return [
        (
            Membership(
                node=URIRef(row["membership"]),
                other=URIRef(row["side"]),
                other_label=names.display(URIRef(row["side"]), lang),
                role=names.display(URIRef(row["role"]), lang) if row["role"] else "",
                start=_text(row["start"]),
                end=_text(row["end"]),
                attested_on=sorted(_split(row["attestedOn"], ", ")),  # GROUP_CONCAT: any order
                sources=[short(s) for s in _split(row["sources"], " ")],
            ),
            bool(row["post"] and row["post"].toPython()),
        )
        for row in rows
    ]


def _linked(kg: KnowledgeGraph, node: URIRef, kind: URIRef, lang: str) -> list[Link]:
    names = index(kg)
    links: dict[URIRef, Link] = {}
    for row in kg.select(LINKED, {"entity": node, "kind": kind, "lang": lang}):
        other = URIRef(row["node"])
        incoming = row["incoming"] is not None and bool(row["incoming"].toPython())
        relation = phrase(_term(row["property"], row["label"]), incoming, lang)
        sources = [short(s) for s in _split(row["sources"], " ")]
        link = links.setdefault(
            other, Link(other, names.display(other, lang), _text(row["date"]), [], sources)
        )
        if relation not in link.relations:
            link.relations.append(relation)
    return list(links.values())


@dataclass(frozen=True)
class Phrasing:
    """How a property's label reads from the entity's side, in one language. A label that ends
    in one of ``prepositions`` reads as a relation ("adopted by", "associé à"), any other as the
    name of a part ("organizer", "lieu")."""

    prepositions: frozenset[str]
    incoming_relation: str  # the other node states it of the entity
    incoming_part: str
    outgoing_part: str  # the entity states it (a relation reads as its label)

    def phrase(self, label: str, incoming: bool) -> str:
        relation = label.rsplit(" ", 1)[-1].lower() in self.prepositions
        if not incoming:
            return label if relation else self.outgoing_part.format(label=label)
        template = self.incoming_relation if relation else self.incoming_part
        return template.format(label=label)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: The phrasings of ``show`` and the pages, by language (English for any other).
PHRASINGS = {
    "en": Phrasing(
        _words("about at by for from in of on to with"),
        incoming_relation="{label} it",
        incoming_part="is {label} of",
        outgoing_part="has {label}",
    ),
    "fr": Phrasing(
        _words("à au aux avec chez contre dans de des du en entre le par pour sur vers"),
        incoming_relation="{label} cette entité",
        incoming_part="est {label} de",
        outgoing_part="a pour {label}",
    ),
}


def phrase(label: str, incoming: bool, lang: str = "en") -> str:
    """A property label read from the entity: "organizer" of an event that names it becomes
    "is organizer of" ("est organisateur de"); "adopted by" of an outcome that names it,
    "adopted by it" ("adopté par cette entité")."""
    return PHRASINGS.get(lang, PHRASINGS["en"]).phrase(label, incoming)


def stated(node: URIRef, lang: str) -> dict[str, Identifier]:
    """The bindings of ``TYPES`` and ``DETAILS``: the entity, the language, and the root of
    the derived graphs whose statements those queries leave out."""
    return {"entity": node, "lang": Literal(lang), "derived": DERIVED}


def _term(term: Identifier, label: Identifier | None) -> str:
    return str(label) if label else humanise(term)


def _value(kg: KnowledgeGraph, value: Identifier, lang: str) -> str:
    names = index(kg)
    if isinstance(value, URIRef) and value in names.by_node:
        return f"{names.display(value, lang)} ({short(value)})"
    return short(value) if isinstance(value, URIRef) else str(value)


def _text(value: Identifier | None) -> str | None:
    return None if value is None else str(value)


def _split(value: Identifier | None, separator: str) -> list[str]:
    return [part for part in str(value or "").split(separator) if part]
