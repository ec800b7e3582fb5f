"""What the store holds around some nodes, read in SPARQL through the KnowledgeGraph.

A batch is validated with this neighbourhood instead of a copy of the whole store, and ``add``
compares a batch with the statements the store already makes about its nodes. Only what the
files assert is read: the graphs the store derives (entailments, periods, under
``graph/derived/``) are left out, so a batch is judged on facts, not on their consequences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ssegraph.backends.embedded import EmbeddedBackend, to_rdflib
from ssegraph.backends.projection import values_block
from ssegraph.vocab import asserted

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

# IRIs are written into VALUES blocks only if they cannot close the term early.
_SAFE_IRI = re.compile(r'[^\s<>"{}|\\^`]+')


def neighbourhood(kg: KnowledgeGraph, nodes: Iterable[Node], batch: Graph, shapes: Graph) -> Graph:
    """What the shapes read around ``nodes``, pulled from the store."""
    iris = _safe_iris(nodes)
    found = Graph()
    hierarchy = asserted("?c rdfs:subClassOf ?d", 0)
    _construct(found, kg, "CONSTRUCT { ?c rdfs:subClassOf ?d } WHERE { " + hierarchy + " }")
    if not iris:
        return found
    statements_about(kg, iris, found)
    values = _safe_iris([*found.objects(), *batch.objects()])
    read = sorted({RDF.type, *nested_paths(shapes)})
    if values:
        # The nodes in a VALUES block, the properties in a FILTER: the engine looks up each
        # node's statements (a VALUES of the properties too would make it scan every
        # statement before joining), and the query text stays one IRI per node.
        wanted = ", ".join(p.n3() for p in read)
        _construct(
            found,
            kg,
            "CONSTRUCT { ?v ?p ?o } WHERE { "
            + values_block(["v"], [(v,) for v in values])
            + " "
            + asserted(f"?v ?p ?o FILTER (?p IN ({wanted}))", 0)
            + " }",
        )
    inverse = sorted({p for p in shapes.objects(None, SH.inversePath) if isinstance(p, URIRef)})
    if inverse:
        _construct(
            found,
            kg,
            "CONSTRUCT { ?x ?p ?f . ?x a ?t } WHERE { "
            + values_block(["f", "p"], [(f, p) for f in iris for p in inverse])
            + " "
            + asserted("?x ?p ?f", 0)
            + " OPTIONAL { "
            + asserted("?x a ?t", 1)
            + " } }",
        )
    return found


def statements_about(kg: KnowledgeGraph, nodes: Iterable[Node], into: Graph | None = None) -> Graph:
    """The store's statements about these IRIs, with the blank nodes they hold (two levels),
    added to ``into`` (a new graph by default)."""
    found = Graph() if into is None else into
    iris = _safe_iris(nodes)
    if not iris:
        return found
    return _construct(
        found,
        kg,
        "CONSTRUCT { ?f ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 } WHERE { "
        + values_block(["f"], [(f,) for f in iris])
        + " "
        + asserted("?f ?p ?o", 0)
        + " OPTIONAL { "
        + asserted("?o ?p2 ?o2 FILTER (isBlank(?o))", 1)
        + " OPTIONAL { "
        + asserted("?o2 ?p3 ?o3 FILTER (isBlank(?o2))", 2)
        + " } } }",
    )


def _construct(graph: Graph, kg: KnowledgeGraph, query: str) -> Graph:
    """A CONSTRUCT of ours, its triples added to ``graph`` (no copy of a graph into another).

    The embedded store is asked directly: the text is made here from escaped IRIs, so the
    guard's walk over tens of thousands of them (``guard.check_query``, for what clients
    write) has nothing to find; other backends go through the graph."""
    if not isinstance(kg.backend, EmbeddedBackend):
        graph += kg.construct(query)
        return graph
    backend = kg.backend
    answer = backend.store.query(query, prefixes=backend.prefixes, use_default_graph_as_union=True)
    for t in answer:  # type: ignore[union-attr]
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def _safe_iris(nodes: Iterable[Node]) -> list[URIRef]:
    """The IRIs among ``nodes`` that can be written into a VALUES block as they are."""
    return sorted({n for n in nodes if isinstance(n, URIRef) and _SAFE_IRI.fullmatch(str(n))})


def nested_paths(shapes: Graph) -> set[URIRef]:
    """Predicates that shapes reached through ``sh:node`` read on a value node."""
    paths: set[URIRef] = set()
    for nested in set(shapes.objects(None, SH.node)):
        for prop in shapes.objects(nested, SH.property):
            path = shapes.value(prop, SH.path)
            if isinstance(path, URIRef):
                paths.add(path)
    return paths
