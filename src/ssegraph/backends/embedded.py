"""The default backend: a pyoxigraph store in memory, in this process.

pyoxigraph loads and queries several times faster than an rdflib Graph (see the design), so
the store is oxigraph and rdflib only appears at the edge: terms go in and come out as rdflib
terms. Queries see the union of all named graphs as their default graph, so a question never
needs to know which file holds a fact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from ssegraph.backends import Bindings, SelectResult, Triple
from ssegraph.backends.projection import project
from ssegraph.errors import ParseError, QueryError
from ssegraph.vocab import PREFIXES

_XSD_STRING = str(XSD.string)


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r}: not an IRI, blank node or literal")


def to_rdflib(term: object) -> Identifier:
    """A pyoxigraph term as an rdflib term (plain strings without an explicit xsd:string)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    raise TypeError(f"unsupported term from the store: {term!r}")


class EmbeddedBackend:
    """A pyoxigraph ``Store`` in memory, one named graph per loaded file."""

    def __init__(self, prefixes: Mapping[str, str] = PREFIXES) -> None:
        self.store = ox.Store()
        self.prefixes = dict(prefixes)

    # ---- writing

    def load_file(self, path: Path, graph: URIRef, *, name: str | None = None) -> None:
        try:
            self.store.load(
                path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(graph))
            )
        except SyntaxError as error:
            raise ParseError(name or str(path), error.lineno, error.offset, error.msg) from None
        except OSError as error:
            raise ParseError(name or str(path), None, None, error.strerror or str(error)) from None

    def add(self, triples: Iterable[Triple], graph: URIRef) -> None:
        context = ox.NamedNode(str(graph))
        self.store.extend(
            ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), context) for s, p, o in triples
        )

    # ---- reading

    def _query(self, query: str, bindings: Bindings) -> object:
        substitutions = {ox.Variable(name): to_oxigraph(term) for name, term in bindings.items()}
        try:
            return self.store.query(
                query,
                prefixes=self.prefixes,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
            )
        except SyntaxError as error:
            raise QueryError("SPARQL syntax", error.msg) from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryError("SPARQL evaluation", str(error)) from None

    def select(self, query: str, bindings: Bindings) -> SelectResult:
        text, added = project(query, bindings) if bindings else (query, [])
        solutions = self._query(text, bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("SPARQL", "select() needs a SELECT query")
        names = [v.value for v in solutions.variables]
        keep = [i for i, name in enumerate(names) if name not in added]
        rows = [
            tuple(None if (term := solution[i]) is None else to_rdflib(term) for i in keep)
            for solution in solutions
        ]
        return SelectResult([names[i] for i in keep], rows)

    def ask(self, query: str, bindings: Bindings) -> bool:
        answer = self._query(query, bindings)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("SPARQL", "ask() needs an ASK query")
        return bool(answer)

    def construct(self, query: str, bindings: Bindings) -> list[Triple]:
        answer = self._query(query, bindings)
        if not isinstance(answer, ox.QueryTriples):
            raise QueryError("SPARQL", "construct() needs a CONSTRUCT or DESCRIBE query")
        return [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)) for t in answer]

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self.store.named_graphs())

    def dump(self, media_type: str) -> bytes:
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise ValueError(f"no RDF format has the media type {media_type}")
        if rdf_format.supports_datasets:
            return self.store.dump(format=rdf_format, prefixes=self.prefixes)
        triples = sorted({quad.triple for quad in self.store}, key=str)
        return ox.serialize(triples, format=rdf_format, prefixes=self.prefixes)

    def __len__(self) -> int:
        return len(self.store)
