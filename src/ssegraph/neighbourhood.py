"""What the store holds around some nodes: the part of the graph a batch is judged with.

A batch is validated with this neighbourhood instead of a copy of the whole store, and ``add``
compares a batch with the statements the store already makes about its nodes. Only what the
files assert is read: the graphs the store derives (entailments, periods, under
``graph/derived/``) are left out, so a batch is judged on facts, not on their consequences.

The embedded store is read by index lookups (``quads_for_pattern``), one per node and
property: a sheet of 100,000 rows touches tens of thousands of nodes, and a SPARQL text with a
VALUES block that long costs more to plan and join than the lookups themselves. Any other
backend gets the same three reads as SPARQL (``sparql/validate/around-*.rq``), a chunk of nodes
at a time; a test checks both readers agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ssegraph import sparql
from ssegraph.backends.embedded import EmbeddedBackend, to_oxigraph, to_rdflib
from ssegraph.backends.projection import insert_values
from ssegraph.vocab import DERIVED

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

_DERIVED = str(DERIVED)
_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))
# Only IRIs that cannot close the term early are written into a query's VALUES block.
_SAFE_IRI = re.compile(r'[^\s<>"{}|\\^`]+')
#: Nodes per SPARQL read: a request a server takes, a VALUES block its planner joins quickly.
CHUNK = 2_000


class Reader(Protocol):
    """The three reads the neighbourhood is made of, as quads of the default graph."""

    def about(self, nodes: Sequence[ox.NamedNode]) -> Iterator[ox.Quad]:
        """Statements about the nodes, with those of the blank nodes they hold (two levels)."""

    def pointing(
        self, nodes: Sequence[ox.NamedNode], predicates: Sequence[ox.NamedNode]
    ) -> Iterator[ox.Quad]:
        """The statements that reach the nodes by one of these predicates, with the types of
        the nodes they come from."""

    def hierarchy(self) -> Iterator[ox.Quad]:
        """Every ``rdfs:subClassOf`` statement."""


def reader(kg: KnowledgeGraph) -> Reader:
    """Index lookups on an embedded store, SPARQL on any other."""
    if isinstance(kg.backend, EmbeddedBackend):
        return StoreReader(kg.backend.store)
    return SparqlReader(kg)


@dataclass(frozen=True)
class Around:
    """A neighbourhood: what the store states about the nodes themselves (with their blank
    nodes), and the rest the shapes read around them."""

    about: list[ox.Quad]
    further: list[ox.Quad]

    @property
    def quads(self) -> list[ox.Quad]:
        return self.about + self.further

    def stated(self) -> Graph:
        """The statements about the nodes, as the rdflib graph the gate and ``ingest`` read."""
        return _graph(self.about)


def neighbourhood(
    kg: KnowledgeGraph, nodes: Iterable[Node], pointed: Iterable[Node], shapes: Graph
) -> Around:
    """What the shapes read around ``nodes``: their statements, those of the nodes they or the
    batch point to (``pointed``), the statements that reach them through the shapes' inverse
    paths, and the class hierarchy."""
    read = reader(kg)
    further = list(read.hierarchy())
    iris = _iris(str(n) for n in nodes if isinstance(n, URIRef))
    if not iris:
        return Around([], further)
    touched = {iri.value for iri in iris}
    about = list(read.about(iris))
    # The nodes they point to, with what those state: the types and properties nested shapes
    # check, and what the SPARQL constraints read one step on (the date of a cited source, the
    # founding date of a membership's organisation).
    values = _iris(
        {q.object.value for q in about if isinstance(q.object, ox.NamedNode)}
        | {q.object.value for q in further if isinstance(q.object, ox.NamedNode)}
        | {str(n) for n in pointed if isinstance(n, URIRef)}
    )
    further += read.about([v for v in values if v.value not in touched])
    inverse = sorted({p for p in shapes.objects(None, SH.inversePath) if isinstance(p, URIRef)})
    if inverse:
        further += read.pointing(iris, [ox.NamedNode(str(p)) for p in inverse])
    return Around(about, further)


def statements_about(kg: KnowledgeGraph, nodes: Iterable[Node]) -> Graph:
    """The store's statements about these IRIs, with the blank nodes they hold (two levels),
    as an rdflib graph (literals as the store holds them, compared with a batch's)."""
    iris = _iris(str(n) for n in nodes if isinstance(n, URIRef))
    return _graph(reader(kg).about(iris) if iris else ())


def _graph(quads: Iterable[ox.Quad]) -> Graph:
    graph = Graph()
    for q in quads:
        graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return graph


class StoreReader:
    """The reads as index lookups on a pyoxigraph store, asserted graphs only."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def _asserted(
        self, s: ox.NamedNode | ox.BlankNode | None, p: ox.NamedNode | None, o: object = None
    ) -> Iterator[ox.Quad]:
        for q in self.store.quads_for_pattern(s, p, o):  # type: ignore[arg-type]
            graph = q.graph_name
            if isinstance(graph, ox.NamedNode) and not graph.value.startswith(_DERIVED):
                yield ox.Quad(q.subject, q.predicate, q.object)

    def about(self, nodes: Sequence[ox.NamedNode]) -> Iterator[ox.Quad]:
        for node in nodes:
            for q in self._asserted(node, None):
                yield q
                if isinstance(q.object, ox.BlankNode):
                    for below in self._asserted(q.object, None):
                        yield below
                        if isinstance(below.object, ox.BlankNode):
                            yield from self._asserted(below.object, None)

    def pointing(
        self, nodes: Sequence[ox.NamedNode], predicates: Sequence[ox.NamedNode]
    ) -> Iterator[ox.Quad]:
        for node in nodes:
            for predicate in predicates:
                for q in self._asserted(None, predicate, node):
                    yield q
                    if isinstance(q.subject, ox.NamedNode | ox.BlankNode):
                        yield from self._asserted(q.subject, _TYPE)

    def hierarchy(self) -> Iterator[ox.Quad]:
        return self._asserted(None, _SUBCLASS)


class SparqlReader:
    """The reads as CONSTRUCT queries through the KnowledgeGraph, a chunk of nodes at a time
    (each answer names its blank nodes afresh, so a node and its blank nodes come in one)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg

    def _construct(
        self, name: str, variables: Sequence[str], rows: Sequence[tuple[ox.NamedNode, ...]]
    ) -> Iterator[ox.Quad]:
        rows = [row for row in rows if all(_SAFE_IRI.fullmatch(term.value) for term in row)]
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            text = insert_values(
                sparql.text(f"validate/{name}"),
                variables,
                [tuple(to_rdflib(term) for term in row) for row in chunk],
            )
            yield from _quads(self.kg.construct(text, {"derived": DERIVED}))

    def about(self, nodes: Sequence[ox.NamedNode]) -> Iterator[ox.Quad]:
        return self._construct("around-about", ["f"], [(n,) for n in nodes])

    def pointing(
        self, nodes: Sequence[ox.NamedNode], predicates: Sequence[ox.NamedNode]
    ) -> Iterator[ox.Quad]:
        rows = [(n, p) for n in nodes for p in predicates]
        return self._construct("around-pointing", ["f", "p"], rows)

    def hierarchy(self) -> Iterator[ox.Quad]:
        return _quads(
            self.kg.construct(sparql.text("validate/around-hierarchy"), {"derived": DERIVED})
        )


def _quads(graph: Graph) -> Iterator[ox.Quad]:
    for s, p, o in graph:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]


def _iris(iris: Iterable[str]) -> list[ox.NamedNode]:
    """The distinct IRIs, sorted, as store terms."""
    return [ox.NamedNode(iri) for iri in sorted(set(iris))]
