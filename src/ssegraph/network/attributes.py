"""The attributes of nodes and edges: names in each language, kind, country, region, the
regional scope of a tie, and what an edge is made of (contexts, roles, sources, dates).

Nodes carry their names in English and French (``label_en``, ``short_label_fr``, ...);
``label``, ``short_label`` and ``kind_label`` are the English ones, and ``localised`` gives a
copy of a network whose ``label``, ``short_label`` and ``kind_label`` are in another language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import networkx as nx

from ssegraph.errors import BadParameter
from ssegraph.network.facts import LANGUAGES, Facts
from ssegraph.network.kinds import DIVIDES, EDGE_TYPES, EVENT, GROUP, SCOPES, UNKNOWN, NetworkKind
from ssegraph.network.reads import Place
from ssegraph.network.ties import Link, when

#: The development groupings by the last segment of their IRI (``id:grouping/south``).
_SIDES = ("south", "north")


def edge_attributes(
    facts: Facts, kind: NetworkKind, ends: tuple[str, str], links: list[Link]
) -> dict[str, object]:
    """What an edge is made of, and the ``scope`` and ``divide`` of the tie it stands for."""
    if len(links) == 1:
        return _one_link_attributes(facts, kind, links[0], ends)
    contexts = sorted({link.context: link.part for link in links}.items())
    return {
        "type": sorted({EDGE_TYPES[(link.part, kind.bipartite)] for link in links}),
        "weight": len(contexts),
        "groups": [context for context, part in contexts if part == GROUP],
        "events": [context for context, part in contexts if part == EVENT],
        "via": [facts.label(context) for context, _ in contexts],
        "roles": sorted({facts.label(role) for link in links for role in link.roles}),
        "sources": sorted(set().union(*(link.sources for link in links))),
        **apart(facts, *ends),
        **when(links),
    }


def _one_link_attributes(
    facts: Facts, kind: NetworkKind, link: Link, ends: tuple[str, str]
) -> dict[str, object]:
    """``edge_attributes`` of the many edges that one shared context makes, made faster (one
    dictionary filled in place: a 1M-triple network has 200,000 of them)."""
    found: dict[str, object] = {
        "type": [EDGE_TYPES[(link.part, kind.bipartite)]],
        "weight": 1,
        "groups": [link.context] if link.part == GROUP else [],
        "events": [link.context] if link.part == EVENT else [],
        "via": [facts.label(link.context)],
        "roles": list(_role_labels(facts, link.roles)),
        "sources": list(_in_order(link.sources)),
    }
    found.update(when([link]))
    found.update(apart(facts, *ends))
    return found


# Most of a large network's edges repeat the roles, sources and pair of places of others: each
# distinct one is worked out once (the lists are copied into each edge, which may be changed).


def _role_labels(facts: Facts, roles: frozenset[str]) -> list[str]:
    found = facts.memo.get(roles)
    if found is None:
        found = facts.memo[roles] = sorted({facts.label(role) for role in roles})
    return found


@lru_cache(maxsize=1 << 16)
def _in_order(values: frozenset[str]) -> list[str]:
    return sorted(values)


def apart(facts: Facts, u: str, v: str) -> dict[str, str]:
    """The ``scope`` and ``divide`` of a tie between two nodes, by their places
    (``facts.places`` holds one object per distinct place)."""
    a, b = facts.places.get(u), facts.places.get(v)
    key = (id(a), id(b))
    found = facts.apart.get(key)
    if found is None:
        found = facts.apart[key] = {"scope": scope(a, b), "divide": divide(a, b)}
    return found


def node_attributes(facts: Facts, node: str, part: str) -> dict[str, object]:
    place = facts.places.get(node)
    label = facts.label(node)
    attributes: dict[str, object | None] = {
        "iri": node,
        "label": label,
        "short_label": facts.short_label(node, "en") or label,
        "kind": facts.kind(node),
        "kind_label": facts.kind_label(node, "en"),
        "country": place.code if place else None,
        "region": place.region if place else None,
        "subregion": place.subregion if place else None,
        "part": part,
    }
    for lang in LANGUAGES:
        attributes[f"label_{lang}"] = facts.pref_label(node, lang)
        attributes[f"short_label_{lang}"] = facts.short_label(node, lang)
        attributes[f"kind_label_{lang}"] = facts.kind_label(node, lang)
    return {key: value for key, value in attributes.items() if value is not None}


def scope(a: Place | None, b: Place | None) -> str:
    """How far apart the countries of a tie's two ends are: one of ``SCOPES``, or unknown."""
    if a is None or b is None:
        return UNKNOWN
    if a.country == b.country:
        return "same-country"
    if a.subregion and a.subregion == b.subregion:
        return "same-subregion"
    if a.region is None or b.region is None:
        return UNKNOWN
    return "same-region" if a.region == b.region else "inter-regional"


def divide(a: Place | None, b: Place | None) -> str:
    """Which sides of the development divide a tie joins: one of ``DIVIDES``, or unknown."""
    sides = sorted(_side(place) for place in (a, b))
    return UNKNOWN if UNKNOWN in sides else f"{sides[0]}-{sides[1]}"


def _side(place: Place | None) -> str:
    return place.side if place and place.side in _SIDES else UNKNOWN


def check_scopes(scopes: Iterable[str], divides: Iterable[str]) -> None:
    """Refuse a scope or divide that is none of the known ones."""
    for option, values, known in (
        ("--scope", scopes, SCOPES),
        ("--divide", divides, DIVIDES),
    ):
        for value in values:
            if value not in (*known, UNKNOWN):
                raise BadParameter(option, f"unknown {option[2:]} {value!r}", [*known, UNKNOWN])


def in_scope(data: Mapping[str, object], scopes: tuple[str, ...], divides: tuple[str, ...]) -> bool:
    """Whether an edge's ``scope`` and ``divide`` are among those asked (none asked: any)."""
    return (not scopes or data.get("scope", UNKNOWN) in scopes) and (
        not divides or data.get("divide", UNKNOWN) in divides
    )


def within(graph: nx.Graph, scopes: tuple[str, ...], divides: tuple[str, ...]) -> nx.Graph:
    """The part of ``graph`` made of the edges in scope (and their ends), as a new graph."""
    check_scopes(scopes, divides)
    if not scopes and not divides:
        return graph
    kept = [(u, v) for u, v, data in graph.edges(data=True) if in_scope(data, scopes, divides)]
    found = nx.Graph(graph.edge_subgraph(kept))
    found.graph.update(graph.graph)
    return found


def localised(graph: nx.Graph, lang: str) -> nx.Graph:
    """A copy of ``graph`` whose ``label``, ``short_label`` and ``kind_label`` are in ``lang``
    where the node has them there (English otherwise), its ``lang`` attribute saying which;
    the graph itself when that is already its language (English, unless localised)."""
    lang = lang if lang in LANGUAGES else "en"
    if graph.graph.get("lang", "en") == lang:
        return graph
    copy = graph.copy()
    copy.graph["lang"] = lang
    for _, data in copy.nodes(data=True):
        for key in ("label", "short_label", "kind_label"):
            data[key] = data.get(f"{key}_{lang}") or data.get(f"{key}_en") or data.get(key)
    return copy
