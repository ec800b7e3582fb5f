"""Ties into a graph: one edge per pair of actors (or actor and context) that ties link."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from ssegraph.network.attributes import apart, edge_attributes, in_scope, node_attributes
from ssegraph.network.facts import Facts
from ssegraph.network.kinds import NetworkKind
from ssegraph.network.ties import Link, Tie, own_link, together, when


def assemble(
    facts: Facts,
    kind: NetworkKind,
    ties: Iterable[Tie],
    scopes: tuple[str, ...] = (),
    divides: tuple[str, ...] = (),
    top: int | None = None,
) -> nx.Graph:
    """The graph of ``ties``, keeping the edges of the ``scopes`` and ``divides`` asked (any
    when none is): a node's dates are those of the edges kept. With ``top``, only the ``top``
    nodes with the most edges (ties by IRI) and the edges between them are made, each node
    with the dates of all its edges, and the graph's ``total`` says how many nodes the whole
    network has: a view of a large network costs the attributes of what it shows only."""
    merged: dict[tuple[str, str], Tie] = {}
    for tie in ties:
        key = (tie.actor, tie.context)
        merged[key] = merged[key].joined(tie) if key in merged else tie
    links = _bipartite_links(merged) if kind.bipartite else _shared_links(merged)
    if scopes or divides:
        links = {
            pair: found
            for pair, found in links.items()
            if in_scope(apart(facts, *pair), scopes, divides)
        }
    pairs = sorted(links)
    best = None if top is None else _best_tied(pairs, top)
    shown = pairs if best is None else [(u, v) for u, v in pairs if u in best and v in best]
    edges = {pair: edge_attributes(facts, kind, pair, links[pair]) for pair in shown}
    by_node: dict[str, list[Link]] = defaultdict(list)
    for u, v in pairs:
        for node in (u, v):
            if best is None or node in best:
                by_node[node] += links[(u, v)]
    contexts = {tie.context: tie.part for tie in merged.values()} if kind.bipartite else {}
    graph = nx.Graph()
    for node in sorted(by_node):
        graph.add_node(node, **node_attributes(facts, node, contexts.get(node, "actor")))
        graph.nodes[node].update(when(by_node[node]))
    graph.add_edges_from((u, v, attributes) for (u, v), attributes in edges.items())
    if top is not None:
        graph.graph["total"] = len({node for pair in pairs for node in pair})
    return graph


def _best_tied(pairs: list[tuple[str, str]], top: int) -> set[str]:
    """The ``top`` nodes with the most pairs (ties by IRI)."""
    degree: dict[str, int] = defaultdict(int)
    for u, v in pairs:
        degree[u] += 1
        degree[v] += 1
    return set(sorted(degree, key=lambda node: (-degree[node], node))[:top])


def _bipartite_links(merged: dict[tuple[str, str], Tie]) -> dict[tuple[str, str], list[Link]]:
    return {pair: [own_link(tie)] for pair, tie in merged.items() if pair[0] != pair[1]}


def _shared_links(merged: dict[tuple[str, str], Tie]) -> dict[tuple[str, str], list[Link]]:
    """Per pair of actors, one link for each context both are tied to at one time."""
    by_context: dict[str, list[Tie]] = defaultdict(list)
    for tie in merged.values():
        by_context[tie.context].append(tie)
    links: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for members in by_context.values():
        for a, b in combinations(sorted(members, key=lambda tie: tie.actor), 2):
            link = together(a, b)
            if link is not None:
                links[(a.actor, b.actor)].append(link)
    return links
