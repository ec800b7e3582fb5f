"""Networks of actors read from the knowledge graph: who shares a group, who meets at events.

Analysts ask who works with whom, through what, since when, and on whose word. The answers are
read with SPARQL only (``kg.select`` and the queries in ``sparql/network/``), so a network is
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

Scope. Each edge between two actors carries the ``scope`` of the tie (same-country,
same-subregion, same-region, inter-regional, by the UN M49 regions of their countries) and its
``divide`` (south-south, north-south, north-north, by their countries' development grouping),
``unknown`` where either end has no country or its country lacks the property; ``Filters``
keep the edges of the scopes and divides asked.

One module per job, in the order they depend on each other (no cycle): ``kinds`` (the kinds of
network and the filters), ``ties`` (ties, links, their periods), ``reads`` (the SPARQL reads),
``facts`` (what is read, with names and classes), ``select`` (filters resolved into ties),
``attributes`` (node and edge attributes, scope, languages), ``assemble`` (ties into a graph)
and ``builder`` (all of it from a KnowledgeGraph).
"""

from ssegraph.network.assemble import assemble
from ssegraph.network.attributes import divide, localised, scope, within
from ssegraph.network.builder import build
from ssegraph.network.facts import LANGUAGES, Facts
from ssegraph.network.kinds import (
    DIVIDES,
    EVENT,
    GROUP,
    NETWORKS,
    PEOPLE,
    SCOPES,
    UNKNOWN,
    Filters,
    NetworkKind,
    network_kind,
)
from ssegraph.network.reads import Place
from ssegraph.network.select import select
from ssegraph.network.ties import Link, Tie

__all__ = [
    "DIVIDES",
    "EVENT",
    "GROUP",
    "LANGUAGES",
    "NETWORKS",
    "PEOPLE",
    "SCOPES",
    "UNKNOWN",
    "Facts",
    "Filters",
    "Link",
    "NetworkKind",
    "Place",
    "Tie",
    "assemble",
    "build",
    "divide",
    "localised",
    "network_kind",
    "scope",
    "select",
    "within",
]
