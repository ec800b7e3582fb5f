"""Networks of actors read from the knowledge graph: who shares a group, who meets at events.

Analysts ask who works with whom, through what, since when, and on whose word. The answers are
read with SPARQL only (``kg.select`` and the queries in ``network_queries/``), so a network is
built the same from the embedded store or from a remote endpoint. Every network is an undirected
networkx ``Graph`` whose nodes are IRIs; see ``NETWORKS`` for the five kinds.

Time. A membership holds in the periods the graph's one rule of time gives it (``derive.tenure``:
its stated interval, or its attestations until a later complete member list of the group leaves it
out), read from the tenure graph, so "as of D" here is the catalogue's ``members-as-of``. An event
tie holds from the event's first day on (a collaboration, once it has happened, stays in an "as
of" network), while ``between`` takes the events that overlap the period; the days come from the
timeline graph (``derive.timeline``: a month or a year spans its days, a session without dates
lies within the event it is part of). Two actors are co-members of a group when their memberships
of it hold at the same time. Undated ties count only when no date is asked; an element all of
whose ties are undated carries no spell.

Groups as actors: a group that is itself a member of another group (the UN task force in the
leading group GPIESS) is one node, an actor where it is a member; in co-membership its own
members are linked to each other through it, not to it (the actor-group network has that edge).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from itertools import combinations

import networkx as nx
from rdflib import URIRef

from ssegraph import sparql
from ssegraph.dates import FOREVER, NEVER, Span, first_days, intersect, iso, merge, parse_day
from ssegraph.errors import BadParameter
from ssegraph.graph import KnowledgeGraph, Row
from ssegraph.names import Label, NameIndex, humanise, index, normalise, resolve
from ssegraph.vocab import SCHEMA, SSE, expand, short

GROUP, EVENT = "group", "event"
#: How persons enter a network: as themselves, or through the organisations of their posts.
PEOPLE = ("keep", "organisations")


@dataclass(frozen=True)
class NetworkKind:
    """One way of linking actors: through groups, events or both; actor-actor or bipartite."""

    name: str
    parts: frozenset[str]  # GROUP and/or EVENT ties
    bipartite: bool  # edges actor-context instead of actor-actor
    description: str


NETWORKS: dict[str, NetworkKind] = {
    kind.name: kind
    for kind in (
        NetworkKind(
            "co-membership", frozenset({GROUP}), False, "actors linked by the groups they share"
        ),
        NetworkKind(
            "co-event",
            frozenset({EVENT}),
            False,
            "actors linked by the events they organise, partner in or speak at",
        ),
        NetworkKind(
            "union", frozenset({GROUP, EVENT}), False, "co-membership and co-event together"
        ),
        NetworkKind("actor-group", frozenset({GROUP}), True, "actors linked to their groups"),
        NetworkKind("actor-event", frozenset({EVENT}), True, "actors linked to their events"),
    )
}

_EDGE_TYPES = {
    (GROUP, False): "co-membership",
    (EVENT, False): "co-event",
    (GROUP, True): "member of",
    (EVENT, True): "takes part in",
}


@dataclass(frozen=True)
class Filters:
    """Which ties make a network. Names (groups, ego) are any label or IRI."""

    as_of: dt.date | None = None
    between: tuple[dt.date, dt.date] | None = None
    kinds: tuple[str, ...] = ()  # sse class local names: State, SSENetwork, UNEntity, ...
    groups: tuple[str, ...] = ()  # only memberships of these groups (event ties unaffected)
    roles: tuple[str, ...] = ()  # role or event-part labels: member, observer, partner, ...
    ego: str | None = None
    radius: int = 1
    people: str = "keep"  # one of PEOPLE
    participants: bool = False  # also attendees of events (schema:attendee)

    def describe(self) -> str:
        """The filters in words, for titles and messages."""
        words = []
        if self.as_of:
            words.append(f"as of {self.as_of}")
        if self.between:
            words.append(f"between {self.between[0]} and {self.between[1]}")
        for label, values in (("kind", self.kinds), ("group", self.groups), ("role", self.roles)):
            if values:
                words.append(f"{label} {' or '.join(values)}")
        if self.ego:
            words.append(f"within {self.radius} of {self.ego}")
        if self.people != "keep":
            words.append(f"people as their {self.people}")
        if self.participants:
            words.append("with participants")
        return ", ".join(words) or "all dates"


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


@dataclass(frozen=True)
class Link:
    """What one shared group or event (or one tie, in a bipartite network) says of an edge."""

    context: str
    part: str
    roles: frozenset[str]
    spells: tuple[Span, ...]
    first: dt.date | None
    last: dt.date | None
    sources: frozenset[str]


@dataclass
class Facts:
    """What networks are made of, read from the graph once: ties, names, kinds, countries."""

    ties: list[Tie]
    names: NameIndex
    classes: dict[str, set[str]]  # node -> its sse classes
    ancestors: dict[str, set[str]]  # sse class -> itself and all its superclasses
    countries: dict[str, str]
    relation_labels: dict[str, str]
    attendance: frozenset[str]  # event properties under schema:attendee

    @classmethod
    def read(cls, kg: KnowledgeGraph) -> Facts:
        classes: dict[str, set[str]] = defaultdict(set)
        parents: dict[str, set[str]] = defaultdict(set)
        for row in kg.select(_query("kinds")):
            if row["node"] is not None:
                classes[str(row["node"])].add(str(row["class"]))
            else:
                parents[str(row["class"])].add(str(row["super"]))
        event_rows = kg.select(_query("event-ties"))
        return cls(
            ties=_membership_ties(kg) + _event_ties(kg, event_rows),
            names=index(kg),
            classes=dict(classes),
            ancestors={
                c: _ancestors(c, parents)
                for c in {*parents, *(c for s in classes.values() for c in s)}
            },
            countries={str(r["node"]): str(r["code"]) for r in kg.select(_query("countries"))},
            relation_labels={
                str(r["relation"]): str(r["relationLabel"])
                for r in event_rows
                if r["relationLabel"] is not None
            },
            attendance=frozenset(
                str(r["relation"]) for r in event_rows if r["top"] == SCHEMA.attendee
            ),
        )

    def labels(self, node: str) -> list[Label]:
        return self.names.by_node.get(URIRef(node), [])

    def label(self, node: str) -> str:
        """A node's English name, a property's label, or a readable form of the IRI."""
        if node in self.relation_labels:
            return self.relation_labels[node]
        return self.names.display(URIRef(node)) if self.labels(node) else humanise(node)

    def pref_label(self, node: str, lang: str) -> str | None:
        return next((x.text for x in self.labels(node) if x.preferred and x.lang == lang), None)

    def short_label(self, node: str) -> str:
        """A short name for pictures: the shortest English one if it is short, else the
        shortest in any language (an acronym a source gives in French: "MAEDI")."""
        labels = sorted(self.labels(node), key=lambda x: (len(x.text), x.lang != "en"))
        english = [x.text for x in labels if x.lang == "en"]
        if english and len(english[0]) <= 16:
            return english[0]
        return labels[0].text if labels else self.label(node)

    def kind(self, node: str) -> str | None:
        """The local name of the node's most specific sse class (``State``, ``UNEntity``)."""
        classes = self.classes.get(node)
        if not classes:
            return None
        sse = str(SSE)
        deepest = max(
            sorted(classes), key=lambda c: sum(a.startswith(sse) for a in self.ancestors.get(c, ()))
        )
        return deepest.removeprefix(str(SSE))

    def is_a(self, node: str, wanted: set[str]) -> bool:
        return any(self.ancestors.get(c, {c}) & wanted for c in self.classes.get(node, ()))

    def role_names(self, role: str) -> set[str]:
        """Every normalised name a role or event property answers to."""
        names = {normalise(x.text) for x in self.labels(role)}
        return names | {normalise(self.label(role)), normalise(short(role)), normalise(role)}


def build(
    kg: KnowledgeGraph, network: str = "co-membership", filters: Filters | None = None
) -> nx.Graph:
    """The network ``network`` (a key of ``NETWORKS``) of ``kg``, cut by ``filters``."""
    kind = network_kind(network)
    filters = filters or Filters()
    facts = Facts.read(kg)
    graph = assemble(facts, kind, select(kg, facts, kind, filters))
    graph.graph.update(
        name=f"ssegraph {kind.name} network", network=kind.name, filters=filters.describe()
    )
    if filters.ego is None:
        return graph
    ego = str(resolve(kg, filters.ego))
    if ego not in graph:
        return nx.Graph(**graph.graph)
    return nx.ego_graph(graph, ego, radius=filters.radius)


def network_kind(name: str) -> NetworkKind:
    """The kind of network called ``name``, or ``BadParameter`` listing them."""
    try:
        return NETWORKS[name]
    except KeyError:
        raise BadParameter("network", f"unknown network {name!r}", list(NETWORKS)) from None


def select(kg: KnowledgeGraph, facts: Facts, kind: NetworkKind, filters: Filters) -> list[Tie]:
    """The ties of ``facts`` that ``filters`` keep, persons mapped as asked."""
    if filters.people not in PEOPLE:
        raise BadParameter("--people", f"unknown choice {filters.people!r}", list(PEOPLE))
    groups = {str(resolve(kg, name)) for name in filters.groups}
    _check_groups(facts, groups)
    roles = _roles(facts, filters.roles)
    ties = [
        tie
        for tie in facts.ties
        if tie.part in kind.parts
        and (filters.participants or tie.part == GROUP or not tie.roles <= facts.attendance)
        and (filters.as_of is None or tie.holds_on(filters.as_of))
        and (filters.between is None or tie.meets(*filters.between))
        and (not groups or tie.part == EVENT or tie.context in groups)
        and (not roles or bool(tie.roles & roles))
    ]
    if filters.people == "organisations":
        ties = _as_organisations(facts, ties)
    if filters.kinds:
        wanted = _kinds(facts, filters.kinds)
        ties = [tie for tie in ties if facts.is_a(tie.actor, wanted)]
    return ties


def assemble(facts: Facts, kind: NetworkKind, ties: Iterable[Tie]) -> nx.Graph:
    """The graph of ``ties``: one edge per pair of actors (or actor and context) they link."""
    merged: dict[tuple[str, str], Tie] = {}
    for tie in ties:
        key = (tie.actor, tie.context)
        merged[key] = merged[key].joined(tie) if key in merged else tie
    links: dict[tuple[str, str], list[Link]] = defaultdict(list)
    if kind.bipartite:
        for (actor, context), tie in merged.items():
            if actor != context:
                links[(actor, context)].append(_own_link(tie))
    else:
        by_context: dict[str, list[Tie]] = defaultdict(list)
        for tie in merged.values():
            by_context[tie.context].append(tie)
        for members in by_context.values():
            for a, b in combinations(sorted(members, key=lambda tie: tie.actor), 2):
                link = _together(a, b)
                if link is not None:
                    links[(a.actor, b.actor)].append(link)
    by_node: dict[str, list[Link]] = defaultdict(list)
    for (u, v), found in links.items():
        by_node[u] += found
        by_node[v] += found
    contexts = {tie.context: tie.part for tie in merged.values()} if kind.bipartite else {}
    graph = nx.Graph()
    for node in sorted(by_node):
        graph.add_node(node, **_node_attributes(facts, node, contexts.get(node, "actor")))
        graph.nodes[node].update(_when(by_node[node]))
    for (u, v), found in sorted(links.items()):
        graph.add_edge(u, v, **_edge_attributes(facts, kind, found))
    return graph


# ---- reading ties


@cache
def _query(name: str) -> str:
    return sparql.text(f"network/{name}")


def _membership_ties(kg: KnowledgeGraph) -> list[Tie]:
    ties = []
    for row in kg.select(_query("memberships")):
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


def _event_ties(kg: KnowledgeGraph, rows: list[Row]) -> list[Tie]:
    events = {str(row["event"]): row for row in kg.select(_query("events"))}
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
    return ties


def _event_span(row: Row | None) -> Span | None:
    """The days an event may cover, from the timeline graph; None when undated."""
    if row is None or row["first"] is None or row["last"] is None:
        return None
    return row["first"].toPython(), row["last"].toPython()


def _tenures(value: object) -> tuple[Span, ...]:
    """The periods of a membership, from "FROM/THROUGH" days with either side empty."""
    spells = []
    for period in str(value or "").split():
        start, _, stop = period.partition("/")
        spells.append((parse_day(start) or NEVER, parse_day(stop) or FOREVER))
    return merge(spells)


def _iris(value: object) -> frozenset[str]:
    return frozenset(str(value or "").split())


def _ancestors(cls: str, parents: dict[str, set[str]]) -> set[str]:
    found, todo = {cls}, [cls]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


# ---- filters


def _check_groups(facts: Facts, groups: set[str]) -> None:
    unknown = sorted(groups - {tie.context for tie in facts.ties if tie.part == GROUP})
    if unknown:
        label = f"{facts.label(unknown[0])} ({short(unknown[0])})"
        raise BadParameter("--group", f"{label} is not a group: no membership names it")


def _roles(facts: Facts, names: tuple[str, ...]) -> set[str]:
    """The role or event-property IRIs that ``names`` name, by any label or IRI."""
    known = {role for tie in facts.ties for role in tie.roles}
    found = set()
    for name in names:
        matches = {role for role in known if normalise(name) in facts.role_names(role)}
        if not matches:
            choices = sorted({facts.label(role) for role in known})
            raise BadParameter("--role", f"no tie has the role {name!r}", choices)
        found |= matches
    return found


def _kinds(facts: Facts, names: tuple[str, ...]) -> set[str]:
    """The sse classes that ``names`` name (local name, prefixed name or IRI)."""
    actor = str(SSE.Actor)
    known = {c for c, ancestors in facts.ancestors.items() if actor in ancestors}
    by_name = {c.removeprefix(str(SSE)).casefold(): c for c in known}
    found = set()
    for name in names:
        iri = str(expand(name) or name)
        wanted = iri if iri in known else by_name.get(iri.removeprefix(str(SSE)).casefold())
        if wanted is None:
            choices = sorted(c.removeprefix(str(SSE)) for c in known)
            raise BadParameter("--kind", f"unknown kind of actor {name!r}", choices)
        found.add(wanted)
    return found


def _as_organisations(facts: Facts, ties: list[Tie]) -> list[Tie]:
    """Persons' event ties carried over to the organisations where they hold a post or seat;
    their memberships, which say where that is, are not ties themselves. Dates of posts are
    not compared with those of events."""
    person = {str(SSE.Person)}
    posts: dict[str, list[Tie]] = defaultdict(list)
    for tie in facts.ties:
        if tie.part == GROUP and facts.is_a(tie.actor, person):
            posts[tie.actor].append(tie)
    mapped = []
    for tie in ties:
        if not facts.is_a(tie.actor, person):
            mapped.append(tie)
        elif tie.part == EVENT:
            mapped.extend(
                replace(tie, actor=post.context, sources=tie.sources | post.sources)
                for post in posts.get(tie.actor, ())
            )
    return mapped


# ---- edges and nodes


def _own_link(tie: Tie) -> Link:
    return Link(
        tie.context,
        tie.part,
        tie.roles,
        tie.spells,
        tie.evidence[0] if tie.evidence else None,
        tie.evidence[-1] if tie.evidence else None,
        tie.sources,
    )


def _together(a: Tie, b: Tie) -> Link | None:
    """Two actors' ties to one context as a link between them; None if never at one time.

    ``first``: the first day both are attested in it; ``last``: the last day both are.
    """
    spells: tuple[Span, ...] = ()
    if a.spells and b.spells:
        spells = intersect(a.spells, b.spells)
        if not spells:
            return None
    first = last = None
    if a.evidence and b.evidence:
        first = max(a.evidence[0], b.evidence[0])
        last = max(first, min(a.evidence[-1], b.evidence[-1]))
    return Link(a.context, a.part, a.roles | b.roles, spells, first, last, a.sources | b.sources)


def _edge_attributes(facts: Facts, kind: NetworkKind, links: list[Link]) -> dict[str, object]:
    contexts = sorted({link.context: link.part for link in links}.items())
    return {
        "type": sorted({_EDGE_TYPES[(link.part, kind.bipartite)] for link in links}),
        "weight": len(contexts),
        "groups": [context for context, part in contexts if part == GROUP],
        "events": [context for context, part in contexts if part == EVENT],
        "via": [facts.label(context) for context, _ in contexts],
        "roles": sorted({facts.label(role) for link in links for role in link.roles}),
        "sources": sorted(set().union(*(link.sources for link in links))),
        **_when(links),
    }


def _node_attributes(facts: Facts, node: str, part: str) -> dict[str, object]:
    attributes = {
        "iri": node,
        "label": facts.label(node),
        "label_en": facts.pref_label(node, "en"),
        "label_fr": facts.pref_label(node, "fr"),
        "short_label": facts.short_label(node),
        "kind": facts.kind(node),
        "country": facts.countries.get(node),
        "part": part,
    }
    return {key: value for key, value in attributes.items() if value is not None}


def _when(links: list[Link]) -> dict[str, object]:
    """``first`` and ``last`` days and the ``spells`` of an edge or node, where known."""
    firsts = [link.first for link in links if link.first]
    lasts = [link.last for link in links if link.last]
    spells = [(iso(start), iso(end)) for start, end in merge(s for k in links for s in k.spells)]
    when: dict[str, object] = {"spells": spells} if spells else {}
    if firsts:
        when["first"] = min(firsts).isoformat()
    if lasts:
        when["last"] = max(lasts).isoformat()
    return when
