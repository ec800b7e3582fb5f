"""``build``: a network of the graph, from the kind and filters asked to the networkx graph."""

from __future__ import annotations

import networkx as nx

from ssegraph.graph import KnowledgeGraph
from ssegraph.names import resolve
from ssegraph.network.assemble import assemble
from ssegraph.network.attributes import check_scopes
from ssegraph.network.facts import Facts
from ssegraph.network.kinds import Filters, network_kind
from ssegraph.network.select import select


def build(
    kg: KnowledgeGraph, network: str = "co-membership", filters: Filters | None = None
) -> nx.Graph:
    """The network ``network`` (a key of ``NETWORKS``) of ``kg``, cut by ``filters``."""
    kind = network_kind(network)
    filters = filters or Filters()
    check_scopes(filters.scopes, filters.divides)
    facts = Facts.read(kg)
    ties = select(kg, facts, kind, filters)
    graph = assemble(facts, kind, ties, filters.scopes, filters.divides)
    graph.graph.update(
        name=f"ssegraph {kind.name} network", network=kind.name, filters=filters.describe()
    )
    if filters.ego is None:
        return graph
    ego = str(resolve(kg, filters.ego))
    if ego not in graph:
        return nx.Graph(**graph.graph)
    return nx.ego_graph(graph, ego, radius=filters.radius)
