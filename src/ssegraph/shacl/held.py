"""The data under validation, held in a pyoxigraph store.

The engine and the SPARQL constraints read the store; pySHACL, kept as the reference, gets an
rdflib graph. A whole embedded graph is copied store to store, the named graphs the files
assert dumped and bulk-loaded in Rust (no rdflib graph of a million triples; reads from an
in-memory store are many times faster than from an on-disk one). A batch comes as rdflib
triples whose literals are as the steward wrote them, put into a store with the quads of its
neighbourhood; the store rewrites some literals (``"01"^^xsd:integer`` is ``"1"`` there), and
``written`` maps each rewritten literal back, so a result names the value as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ssegraph import sparql
from ssegraph.backends.embedded import to_oxigraph, to_rdflib
from ssegraph.literals import as_written, ill_formed, stored_forms
from ssegraph.shacl.data import Data

Triple = tuple[Node, Node, Node]


@dataclass
class Held:
    """A store of the data (its default graph), the rdflib graph it came from (if any) and
    the rewritten literals."""

    store: ox.Store
    graph: Graph | None = None
    written: dict[Node, Literal] = field(default_factory=dict)

    @property
    def data(self) -> Data:
        return Data(self.store)

    @classmethod
    def of_graph(cls, graph: Graph) -> Held:
        """An rdflib graph as it is, kept beside its store for pySHACL."""
        held = cls.of_batch((), graph)
        held.graph = graph
        return held

    @classmethod
    def of_batch(cls, around: Iterable[ox.Quad], triples: Iterable[Triple]) -> Held:
        """A batch's triples (its literals as the steward wrote them) with what the store
        holds around them (``ssegraph.neighbourhood``), in one store, no rdflib graph between."""
        store = ox.Store()
        store.bulk_extend(around)
        convert = _converter()
        typed: set[Literal] = set()
        quads = []
        for s, p, o in triples:
            quads.append(ox.Quad(convert(s), convert(p), convert(o)))  # type: ignore[arg-type]
            if isinstance(o, Literal) and o.datatype is not None:
                typed.add(o)
        store.bulk_extend(quads)
        return cls(store, None, rewritten(typed))

    @classmethod
    def merged(cls, store: ox.Store, graphs: Iterable[ox.NamedNode]) -> Held:
        """The merge of ``graphs`` of ``store``, copied into a store of its own."""
        merged = ox.Store()
        for graph in graphs:
            dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            merged.bulk_load(dumped, format=ox.RdfFormat.N_TRIPLES)
        return cls(merged)

    def ill_formed(self) -> Iterator[tuple[Triple, str]]:
        """Each triple whose object is an ill-formed typed literal, and why."""
        if self.graph is not None:
            triples: Iterable[Triple] = self.graph.triples((None, None, None))
        else:
            triples = self._ill_typed()
        for s, p, o in triples:
            if isinstance(o, Literal):
                reason = ill_formed(o)
                if reason is not None:
                    yield (s, p, o), reason

    def _ill_typed(self) -> Iterator[Triple]:
        """The triples of the store whose literal ``ill_formed`` refuses: each distinct typed
        literal is checked once, then only the bad ones' statements are read."""
        data = self.data
        answer: Iterable[ox.QuerySolution] = self.store.query(
            sparql.text("validate/typed-literals")
        )  # type: ignore[assignment]
        with as_written():
            literals = ((row[0], self.as_written(to_rdflib(row[0]))) for row in answer)
            bad = [(o, w) for o, w in literals if isinstance(w, Literal) and ill_formed(w)]
            for o, written in bad:
                for q in data.quads(None, None, o):
                    yield to_rdflib(q.subject), to_rdflib(q.predicate), written

    def remove(self, triples: Iterable[Triple]) -> None:
        """Leave ``triples`` out of what is validated (an rdflib graph is copied, not changed)."""
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
                for q in self.data.quads(None, None, None):
                    o = self.as_written(to_rdflib(q.object))
                    graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), o))
            self.graph = graph
        return self.graph

    def as_written(self, term: Node) -> Node:
        return self.written.get(term, term)

    def subjects(self) -> int:
        """How many distinct subjects the data has (the nodes a whole-graph check covers)."""
        answer: Iterable[ox.QuerySolution] = self.store.query(sparql.text("validate/subjects"))  # type: ignore[assignment]
        [row] = answer
        return int(row["n"].value)

    def parents(self, node: Node) -> list[tuple[Node, Node]]:
        """The (subject, predicate) pairs that point to ``node``, sorted."""
        quads = self.data.quads(None, None, to_oxigraph(node))
        return sorted({(to_rdflib(q.subject), to_rdflib(q.predicate)) for q in quads})


def rewritten(literals: Iterable[Literal]) -> dict[Node, Literal]:
    """Each typed literal the store rewrites (``"01"^^xsd:integer`` is ``"1"`` there), by the
    form the store gives back."""
    written = list(literals)
    return {
        stored: literal
        for literal, stored in zip(written, stored_forms(written), strict=True)
        if stored != literal
    }


def _converter() -> Callable[[Node], ox.NamedNode | ox.BlankNode | ox.Literal]:
    """``to_oxigraph``, each IRI converted once (a batch names the same few many times)."""
    iris: dict[str, ox.NamedNode] = {}

    def convert(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if type(term) is URIRef:
            found = iris.get(term)
            if found is None:
                found = iris[term] = ox.NamedNode(term)
            return found
        return to_oxigraph(term)

    return convert


def _quad(s: Node, p: Node, o: Node) -> ox.Quad:
    return ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())  # type: ignore[arg-type]
