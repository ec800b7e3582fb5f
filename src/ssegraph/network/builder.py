"""``build``: a network of the graph, from the kind and filters asked to the networkx graph."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import networkx as nx

from ssegraph.graph import KnowledgeGraph
from ssegraph.names import resolve
from ssegraph.network.assemble import assemble
from ssegraph.network.attributes import check_scopes
from ssegraph.network.facts import Facts
from ssegraph.network.kinds import Filters, network_kind
from ssegraph.network.select import select


def build(
    kg: KnowledgeGraph,
    network: str = "co-membership",
    filters: Filters | None = None,
    top: int | None = None,
) -> nx.Graph:
    """The network ``network`` (a key of ``NETWORKS``) of ``kg``, cut by ``filters``; with
    ``top`` and no ego, only its ``top`` best-tied nodes (``assemble``), as a view shows."""
    kind = network_kind(network)
    filters = filters or Filters()
    check_scopes(filters.scopes, filters.divides)
    with _no_cyclic_collection():
        facts = Facts.read(kg, kind.parts)
        ties = select(kg, facts, kind, filters)
        best = top if filters.ego is None else None
        graph = assemble(facts, kind, ties, filters.scopes, filters.divides, best)
    graph.graph.update(  # after ``total``, which only ``top`` sets
        name=f"ssegraph {kind.name} network", network=kind.name, filters=filters.describe()
    )
    if filters.ego is None:
        return graph
    ego = str(resolve(kg, filters.ego))
    if ego not in graph:
        return nx.Graph(**graph.graph)
    return nx.ego_graph(graph, ego, radius=filters.radius)


@contextmanager
def _no_cyclic_collection() -> Iterator[None]:
    """Building makes millions of small objects and no reference cycles: the cyclic collector
    would walk the growing heap again and again for nothing (a quarter of the build time at
    100k triples). It runs again afterwards if it ran before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
