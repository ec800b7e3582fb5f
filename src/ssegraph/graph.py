"""KnowledgeGraph: the one door to the graph, whatever store is behind it.

Files flow into it (each Turtle file of a project into its own named graph) and every consumer
(names, statistics, descriptions, the catalogue, exports) asks it in SPARQL, so the same code
runs on the embedded store and, later, on a remote endpoint. Answers come back as rdflib
terms; values given for variables are bound as RDF terms, never pasted into the query text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from ssegraph.backends import Backend, Triple
from ssegraph.backends.projection import VARIABLE_NAME
from ssegraph.errors import QueryError
from ssegraph.export import get_format
from ssegraph.project import Project, locate
from ssegraph.vocab import GRAPH, PREFIXES, graph_iri

Row = dict[str, Identifier | None]
BindingValue = Identifier | str | int | float | bool | Decimal | dt.date | dt.datetime


def as_term(value: BindingValue) -> Identifier:
    """A Python value as an RDF term: str -> plain literal, date -> xsd:date, and so on."""
    if isinstance(value, Identifier):
        return value
    if isinstance(value, str | int | float | bool | Decimal | dt.date | dt.datetime):
        return Literal(value)
    raise TypeError(f"cannot bind {value!r}: give an rdflib term or a str/int/float/date")


class KnowledgeGraph:
    """An RDF dataset with one named graph per source file, queried in SPARQL."""

    def __init__(self, backend: Backend, project: Project | None = None) -> None:
        self.backend = backend
        self.project = project
        #: Bumped on every change, so caches built from the graph (the name index) stay true.
        self.generation = 0

    @classmethod
    def load(cls, project: Project | Path | str | None = None) -> KnowledgeGraph:
        """Load a project's ontology and data into the embedded store.

        ``project``: a Project, a directory, or None to locate it (see ``ssegraph.project``).
        """
        from ssegraph.backends.embedded import EmbeddedBackend

        if not isinstance(project, Project):
            project = locate(project)
        backend = EmbeddedBackend()
        for path in project.rdf_files():
            backend.load_file(
                path, graph_iri(path.parent.name, path.stem), name=project.relative(path)
            )
        return cls(backend, project)

    # ---- queries

    def select(self, sparql: str, bindings: Mapping[str, BindingValue] | None = None) -> list[Row]:
        """Rows of a SELECT, keyed by variable name (no '?'); unbound values are None."""
        result = self.backend.select(sparql, _terms(bindings))
        return [dict(zip(result.variables, row, strict=True)) for row in result.rows]

    def ask(self, sparql: str, bindings: Mapping[str, BindingValue] | None = None) -> bool:
        """The answer to an ASK query."""
        return self.backend.ask(sparql, _terms(bindings))

    def construct(self, sparql: str, bindings: Mapping[str, BindingValue] | None = None) -> Graph:
        """The triples of a CONSTRUCT (or DESCRIBE) as an rdflib Graph with our prefixes."""
        graph = _prefixed(Graph())
        for triple in self.backend.construct(sparql, _terms(bindings)):
            graph.add(triple)
        return graph

    # ---- changes

    def add(self, triples: Graph | Iterable[Triple], graph_name: str | URIRef) -> None:
        """Add triples to a named graph: an IRI, or a short name such as ``data/new-source``."""
        name = str(graph_name)
        iri = URIRef(name if "://" in name else str(GRAPH) + name)
        self.backend.add(iter(triples), iri)
        self.generation += 1

    # ---- the whole graph

    def export(self, format: str = "turtle") -> str:
        """The whole graph serialised in one of ``ssegraph.export.FORMATS``."""
        return self.backend.dump(get_format(format).media_type).decode("utf-8")

    def graphs(self) -> list[URIRef]:
        """The named graphs, one per loaded file (plus any that ``add`` created)."""
        return self.backend.graphs()

    def __len__(self) -> int:
        return len(self.backend)

    def __repr__(self) -> str:
        where = f" from {self.project.root}" if self.project else ""
        return f"<KnowledgeGraph {len(self)} statements in {len(self.graphs())} graphs{where}>"


def _terms(bindings: Mapping[str, BindingValue] | None) -> dict[str, Identifier]:
    terms = {}
    for name, value in (bindings or {}).items():
        variable = name.removeprefix("?").removeprefix("$")
        if not VARIABLE_NAME.fullmatch(variable):
            raise QueryError("bindings", f"{name!r} is not a SPARQL variable name")
        terms[variable] = as_term(value)
    return terms


def _prefixed(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph
