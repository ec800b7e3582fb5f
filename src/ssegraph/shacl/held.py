"""The data under validation, held in a pyoxigraph store of its own.

The engine and the SPARQL constraints read the store; pySHACL, kept as the reference, gets the
rdflib graph. A whole graph is copied store to store (no rdflib graph of a million triples); a
batch and its neighbourhood come as an rdflib graph whose literals are as the steward wrote
them, and the store rewrites some (``"01"^^xsd:integer`` is ``"1"`` there): ``written`` maps
each rewritten literal back, so a result names the value as written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.term import Node

from ssegraph.backends.embedded import to_oxigraph, to_rdflib
from ssegraph.literals import as_written, ill_formed, stored_form

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"

Triple = tuple[Node, Node, Node]


@dataclass
class Held:
    """A store of the data, the rdflib graph it came from (if any) and the rewritten literals."""

    store: ox.Store
    graph: Graph | None = None
    written: dict[Node, Literal] = field(default_factory=dict)

    @classmethod
    def of_graph(cls, graph: Graph) -> Held:
        store = ox.Store()
        store.bulk_extend(_quad(s, p, o) for s, p, o in graph)
        written: dict[Node, Literal] = {}
        for o in set(graph.objects()):
            if isinstance(o, Literal) and o.datatype is not None:
                stored = stored_form(o)
                if stored != o:
                    written[stored] = o
        return cls(store, graph, written)

    @classmethod
    def of_triples(cls, triples: Iterable[ox.Triple]) -> Held:
        """A copy of another store's triples (the answer of a native CONSTRUCT)."""
        store = ox.Store()
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        return cls(store)

    def ill_formed(self) -> Iterator[tuple[Triple, str]]:
        """Each triple whose object is an ill-formed typed literal, and why."""
        if self.graph is not None:
            triples: Iterable[Triple] = self.graph.triples((None, None, None))
        else:
            triples = self._typed()
        for s, p, o in triples:
            if isinstance(o, Literal):
                reason = ill_formed(o)
                if reason is not None:
                    yield (s, p, o), reason

    def _typed(self) -> Iterator[Triple]:
        with as_written():
            for quad in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
                o = quad.object
                datatype = o.datatype.value if isinstance(o, ox.Literal) else ""
                if datatype.startswith(_XSD) and datatype != _XSD_STRING:
                    yield to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(o)

    def remove(self, triples: Iterable[Triple]) -> None:
        """Leave ``triples`` out of what is validated (the graph is copied, not changed)."""
        triples = list(triples)
        if not triples:
            return
        for s, p, o in triples:
            self.store.remove(_quad(s, p, o))
        if self.graph is not None:
            kept = Graph(namespace_manager=self.graph.namespace_manager)
            kept += self.graph
            for triple in triples:
                kept.remove(triple)
            self.graph = kept

    def rdflib(self) -> Graph:
        """The data as an rdflib graph, for pySHACL."""
        if self.graph is None:
            graph = Graph()
            with as_written():
                for q in self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
                    graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
            self.graph = graph
        return self.graph

    def as_written(self, term: Node) -> Node:
        return self.written.get(term, term)

    def subjects(self) -> int:
        """How many distinct subjects the data has (the nodes a whole-graph check covers)."""
        [row] = self.store.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")  # type: ignore[misc]
        return int(row["n"].value)

    def parents(self, node: Node) -> list[tuple[Node, Node]]:
        """The (subject, predicate) pairs that point to ``node``, sorted."""
        quads = self.store.quads_for_pattern(None, None, to_oxigraph(node), ox.DefaultGraph())
        return sorted((to_rdflib(q.subject), to_rdflib(q.predicate)) for q in quads)


def _quad(s: Node, p: Node, o: Node) -> ox.Quad:
    return ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())  # type: ignore[arg-type]
