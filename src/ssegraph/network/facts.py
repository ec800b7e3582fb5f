"""The facts a network is made of, read once: ties, names, classes and places of the actors."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import NamedTuple

from ssegraph.graph import KnowledgeGraph
from ssegraph.names import humanise, normalise, shown_name
from ssegraph.network.kinds import EVENT, GROUP
from ssegraph.network.reads import (
    EventTies,
    Place,
    classes,
    event_ties,
    kind_labels,
    membership_ties,
    places,
)
from ssegraph.network.rows import Plain, plain
from ssegraph.network.ties import Tie
from ssegraph.vocab import SSE, short

#: The languages node labels and kind labels are given in (the contract's two).
LANGUAGES = ("en", "fr")
_SHORT = 16  # characters: a name up to this long is short enough to draw


class Name(NamedTuple):
    """One name of a node: a skos:prefLabel (``preferred``) or a skos:altLabel."""

    text: str
    lang: str
    preferred: bool


@dataclass
class Facts:
    """What networks are made of, read from the graph once: ties, names, kinds, places."""

    ties: list[Tie]
    names: dict[str, list[Plain]]  # node -> the rows of its names (``labels``: see ``names``)
    classes: dict[str, set[str]]  # node -> its sse classes
    ancestors: dict[str, set[str]]  # sse class -> itself and all its superclasses
    places: dict[str, Place]
    relation_labels: dict[str, str]
    attendance: frozenset[str]  # event properties under schema:attendee
    kind_labels: dict[tuple[str, str], str]  # (sse class, language) -> label
    _labels: dict[str, str] = field(default_factory=dict, repr=False)
    #: The sorted labels of each set of roles an edge has had (``attributes``).
    memo: dict[frozenset[str], list[str]] = field(default_factory=dict, repr=False)
    #: The scope and divide of each pair of places, by their objects' ids (``attributes``).
    apart: dict[tuple[int, int], dict[str, str]] = field(default_factory=dict, repr=False)
    _kinds: dict[str, str | None] = field(default_factory=dict, repr=False)
    _named: dict[str, list[Name]] = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, kg: KnowledgeGraph, parts: frozenset[str] = frozenset({GROUP, EVENT})) -> Facts:
        """The facts of ``kg`` a network of ``parts`` needs (memberships always: they say where
        a person holds a post), its reads two at a time: the store evaluates one query while
        Python turns the rows of another into ties (pyoxigraph lets go of the interpreter while
        it evaluates; a remote endpoint answers two requests at once)."""
        with ThreadPoolExecutor(2, thread_name_prefix="network-read") as pool:
            memberships = pool.submit(membership_ties, kg)
            named = pool.submit(names, kg)
            typed = pool.submit(classes, kg)
            held = pool.submit(event_ties, kg) if EVENT in parts else None
            placed = pool.submit(places, kg)
            kinds = pool.submit(kind_labels, kg)
            of_node, parents = typed.result()
            events = held.result() if held else EventTies([], {}, frozenset())
            ties = memberships.result() + events.ties
        return cls(
            ties=ties,
            names=named.result(),
            classes=of_node,
            ancestors={
                c: _ancestors(c, parents)
                for c in {*parents, *(c for s in of_node.values() for c in s)}
            },
            places=placed.result(),
            relation_labels=events.relation_labels,
            attendance=events.attendance,
            kind_labels=kinds.result(),
        )

    def labels(self, node: str) -> list[Name]:
        """A node's names, preferred first, by language and text (made when first asked: a
        network names a fraction of the nodes that have names)."""
        found = self._named.get(node)
        if found is None:
            found = self._named[node] = _names_of(self.names.get(node, ()))
        return found

    def label(self, node: str) -> str:
        """A node's English name, a property's label, or a readable form of the IRI."""
        found = self._labels.get(node)
        if found is None:
            if node in self.relation_labels:
                found = self.relation_labels[node]
            else:
                found = shown_name(self.labels(node)) or humanise(node)
            self._labels[node] = found
        return found

    def pref_label(self, node: str, lang: str) -> str | None:
        return next((x.text for x in self.labels(node) if x.preferred and x.lang == lang), None)

    def short_label(self, node: str, lang: str = "en") -> str | None:
        """A short name in ``lang`` for pictures: its shortest name in that language if it is
        short (an acronym), else its prefLabel there; None when it has no name in ``lang``."""
        names = sorted((x.text for x in self.labels(node) if x.lang == lang), key=len)
        if names and len(names[0]) <= _SHORT:
            return names[0]
        return self.pref_label(node, lang) or (names[0] if names else None)

    def kind_class(self, node: str) -> str | None:
        """The node's most specific sse class."""
        if node in self._kinds:
            return self._kinds[node]
        classes = self.classes.get(node)
        sse = str(SSE)
        found = self._kinds[node] = (
            max(
                sorted(classes),
                key=lambda c: sum(a.startswith(sse) for a in self.ancestors.get(c, ())),
            )
            if classes
            else None
        )
        return found

    def kind(self, node: str) -> str | None:
        """The local name of the node's most specific sse class (``State``, ``UNEntity``)."""
        found = self.kind_class(node)
        return None if found is None else found.removeprefix(str(SSE))

    def kind_label(self, node: str, lang: str) -> str | None:
        """The label of the node's kind in ``lang`` ("SSE network", "réseau de l'ESS")."""
        found = self.kind_class(node)
        return None if found is None else self.kind_labels.get((found, lang))

    def is_a(self, node: str, wanted: set[str]) -> bool:
        return any(self.ancestors.get(c, {c}) & wanted for c in self.classes.get(node, ()))

    def role_names(self, role: str) -> set[str]:
        """Every normalised name a role or event property answers to."""
        names = {normalise(x.text) for x in self.labels(role)}
        return names | {normalise(self.label(role)), normalise(short(role)), normalise(role)}


def names(kg: KnowledgeGraph) -> dict[str, list[Plain]]:
    """Every node's names as the rows of ``sparql/network/labels.rq`` (node, text, language,
    whether it is preferred), by node."""
    found: dict[str, list[Plain]] = defaultdict(list)
    for row in plain(kg, "labels"):
        found[str(row[0])].append(row)
    return dict(found)


def _names_of(rows: Iterable[Plain]) -> list[Name]:
    """A node's names in the order the name index keeps them (``names.NameIndex``)."""
    found = [Name(str(text), lang or "", preferred == "yes") for _, text, lang, preferred in rows]
    return sorted(found, key=lambda name: (not name.preferred, name.lang, name.text))


def _ancestors(cls: str, parents: dict[str, set[str]]) -> set[str]:
    found, todo = {cls}, [cls]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found
