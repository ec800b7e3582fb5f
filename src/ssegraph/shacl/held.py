"""The data under validation, held in a pyoxigraph store.

The engine and the SPARQL constraints read the store; pySHACL, kept as the reference, gets an
rdflib graph. A whole embedded graph is read where it is, the union of the named graphs the
files assert (no rdflib graph of a million triples, and no copy: copying was slower than
reading the store on disk), and copied into memory only if an ill-formed literal must be left
out. A batch comes as rdflib
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
from ssegraph.literals import as_written, ill_formed
from ssegraph.shacl.data import Data

Triple = tuple[Node, Node, Node]


@dataclass
class Held:
    """A store of the data (its default graph, or the union of ``graphs`` of it), the rdflib
    graph it came from (if any) and the rewritten literals."""

    store: ox.Store
    graph: Graph | None = None
    written: dict[Node, Literal] = field(default_factory=dict)
    graphs: list[ox.NamedNode] | None = None

    @property
    def data(self) -> Data:
        return Data(self.store, self.graphs)

    @classmethod
    def of_graph(cls, graph: Graph) -> Held:
        store = ox.Store()
        store.bulk_extend(_quad(s, p, o) for s, p, o in graph)
        typed = {o for o in graph.objects() if isinstance(o, Literal) and o.datatype is not None}
        return cls(store, graph, rewritten(typed))

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
    def in_place(cls, store: ox.Store, graphs: Iterable[ox.NamedNode]) -> Held:
        """The union of ``graphs`` of ``store``, read where they are: a copy into memory cost
        more than reading the store on disk (22 s of CPU at 1M triples)."""
        return cls(store, graphs=list(graphs))

    def _query(self, text: str) -> Iterable[ox.QuerySolution]:
        answer = self.store.query(text, default_graph=self.graphs)  # type: ignore[arg-type]
        return answer  # type: ignore[return-value]

    def copy_into_memory(self) -> None:
        """Hold the union of the graphs in a store of its own, which can be changed (a store
        on disk is read-only here)."""
        assert self.graphs is not None
        merged = ox.Store()
        for graph in self.graphs:
            dumped = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            merged.bulk_load(dumped, format=ox.RdfFormat.N_TRIPLES)
        self.store, self.graphs = merged, None

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
        answer = self._query(sparql.text("validate/typed-literals"))
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
        if self.graphs is not None:
            self.copy_into_memory()
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
        [row] = self._query(sparql.text("validate/subjects"))
        return int(row["n"].value)

    def parents(self, node: Node) -> list[tuple[Node, Node]]:
        """The (subject, predicate) pairs that point to ``node``, sorted."""
        quads = self.data.quads(None, None, to_oxigraph(node))
        return sorted({(to_rdflib(q.subject), to_rdflib(q.predicate)) for q in quads})


def rewritten(literals: Iterable[Literal]) -> dict[Node, Literal]:
    """Each typed literal the store rewrites (``"01"^^xsd:integer`` is ``"1"`` there), by the
    form the store gives back: all found in one store (one per literal costs more)."""
    literals = list(literals)
    store = ox.Store()
    predicate = ox.NamedNode("urn:ssegraph:written")
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"urn:ssegraph:{n}"), predicate, to_oxigraph(o))
        for n, o in enumerate(literals)
    )
    found: dict[Node, Literal] = {}
    with as_written():
        for q in store:
            written = literals[int(q.subject.value.rsplit(":", 1)[1])]
            stored = to_rdflib(q.object)
            if stored != written:
                found[stored] = written
    return found


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
