"""The store behind a KnowledgeGraph: one small protocol, several engines.

The embedded backend (pyoxigraph, in process) is the default; a remote SPARQL 1.1 endpoint
(through SPARQLWrapper) will implement the same methods, so every consumer runs on both. The
protocol speaks rdflib terms and standard media types only: no engine type leaks out of it.
Bindings travel as a mapping from variable name to RDF term, never inside the query text; a
remote backend turns them into what its protocol allows, the embedded one into substitutions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from rdflib.term import BNode, Identifier, Node, URIRef

Triple = tuple[Node, Node, Node]
Bindings = Mapping[str, Identifier]


@dataclass
class SelectResult:
    """The answer to a SELECT: the projected variables in order, and one tuple per solution."""

    variables: list[str]
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)


class Backend(Protocol):
    """What a KnowledgeGraph needs from a store."""

    #: Whether a blank node read from the store names the same node when written back: true
    #: of the embedded store, not of a server behind HTTP (each request has its own labels).
    blank_nodes_persist: bool

    @property
    def engine(self) -> str:
        """The engine that evaluates queries, by its product's name in lower case ("oxigraph",
        "virtuoso"), "" when a server does not say: the catalogue picks a query's variant
        written for that engine, where it has one (``catalogue``)."""
        ...

    def load_file(self, path: Path, graph: URIRef, *, name: str | None = None) -> None:
        """Load a Turtle file into the named graph ``graph``; ``name`` is its path in errors."""
        ...

    def add(self, triples: Iterable[Triple], graph: URIRef) -> None:
        """Add triples to the named graph ``graph``."""
        ...

    def replace(self, triples: Iterable[Triple], graph: URIRef) -> None:
        """Make the named graph ``graph`` hold exactly these triples."""
        ...

    def materialise(self, query: str, graph: URIRef) -> None:
        """Add the triples a CONSTRUCT query answers to the named graph ``graph``, inside the
        store where it can (where blank nodes do not persist, those that name one are left out)."""
        ...

    def select(self, query: str, bindings: Bindings) -> SelectResult:
        """Run a SELECT query over the union of all graphs, variables bound to the given terms."""
        ...

    def ask(self, query: str, bindings: Bindings) -> bool:
        """Run an ASK query over the union of all graphs."""
        ...

    def construct(self, query: str, bindings: Bindings) -> list[Triple]:
        """Run a CONSTRUCT or DESCRIBE query over the union of all graphs."""
        ...

    def graphs(self) -> list[URIRef]:
        """The named graphs held."""
        ...

    def dump(self, media_type: str, *, derived: bool = True) -> bytes:
        """Serialise everything in an RDF media type; triple formats get the union of graphs.

        ``derived=False`` leaves out the graphs the store derived (``ssegraph.derive``).
        """
        ...

    def __len__(self) -> int:
        """The number of statements (quads) held."""
        ...


def without_blank_nodes(triples: Iterable[Triple]) -> Iterator[Triple]:
    """The triples that name no blank node: what a server, which relabels each blank node it is
    sent, can be told without the triple coming to mean another node."""
    for triple in triples:
        if not any(isinstance(term, BNode) for term in triple):
            yield triple
