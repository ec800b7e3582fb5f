"""KnowledgeGraph: the one door to the graph, whatever store is behind it.

Files flow into it (each Turtle file of a project into its own named graph) and every consumer
(names, statistics, descriptions, the catalogue, exports) asks it in SPARQL, so the same code
runs on the embedded store and on a remote SPARQL 1.1 endpoint (``KnowledgeGraph.connect``).
Answers come back as rdflib terms; values given for variables are bound as RDF terms, never
pasted into the query text.

It is the store's facade and reaches no higher: the catalogue, names and result formats ask
it, never the other way round (docs/architecture.md; tests/test_architecture.py keeps it so).
Named queries run through ``ssegraph.catalogue.query``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Identifier

from ssegraph.backends import Backend, SelectResult, Triple
from ssegraph.backends.projection import VARIABLE_NAME
from ssegraph.errors import QueryError
from ssegraph.export import get_format
from ssegraph.project import Project, locate
from ssegraph.vocab import GRAPH, PREFIXES, graph_iri

#: A solution of a SELECT: rdflib terms by variable name, None where unbound. Which kind of term
#: a variable holds depends on the query text, which a type checker cannot read: hence Any.
Row = dict[str, Any]
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
    def load(
        cls, project: Project | Path | str | None = None, backend: Backend | None = None
    ) -> KnowledgeGraph:
        """Load a project's ontology and data into a store, the embedded one by default.

        ``project``: a Project, a directory, or None to locate it (see ``ssegraph.project``).
        ``backend``: another store to load into (``ssegraph push`` loads a remote server).
        The derived graphs (tenure, timeline, entailment: ``ssegraph.derive``) are computed
        once the files are in. By default the store kept on disk is opened, and brought up to
        date with the files first if they changed (``ssegraph.backends.disk``).
        """
        from ssegraph.backends.disk import open_project
        from ssegraph.backends.embedded import EmbeddedBackend

        if not isinstance(project, Project):
            project = locate(project)
        if backend is None and (opened := open_project(project)) is not None:
            return cls(opened[0], project)
        from ssegraph.derive import derive  # only when the files are loaded here

        backend = EmbeddedBackend() if backend is None else backend
        for path in project.rdf_files():
            backend.load_file(
                path, graph_iri(path.parent.name, path.stem), name=project.relative(path)
            )
        derive(backend)
        return cls(backend, project)

    @classmethod
    def connect(
        cls, endpoint: str, *, store: str | None = None, project: Project | None = None
    ) -> KnowledgeGraph:
        """The graph a SPARQL 1.1 endpoint serves, queried where it is (nothing is loaded).

        ``store``: its Graph Store Protocol URL (default: ``store`` beside the endpoint, as on
        Oxigraph server). ``project``: where the catalogue's queries are read from.
        """
        from ssegraph.backends.remote import RemoteBackend

        return cls(RemoteBackend(endpoint, store=store), project)

    # ---- queries

    def solutions(
        self, sparql: str, bindings: Mapping[str, BindingValue] | None = None
    ) -> SelectResult:
        """A SELECT's variables in order (even when no row matches) and its rows of terms."""
        return self.backend.select(sparql, _terms(bindings))

    def select(self, sparql: str, bindings: Mapping[str, BindingValue] | None = None) -> list[Row]:
        """Rows of a SELECT, keyed by variable name (no '?'); unbound values are None."""
        result = self.solutions(sparql, bindings)
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
        """Add triples to a named graph: an IRI, or a short name such as ``data/new-source``.

        The derived graphs are computed again, so what was added is held, dated and entailed
        at once (on a large graph this costs what a load's derivation costs).
        """
        from ssegraph.derive import derive

        name = str(graph_name)
        iri = URIRef(name if "://" in name else str(GRAPH) + name)
        self.backend.add(iter(triples), iri)
        derive(self.backend)  # the periods, days and entailments follow what was added
        self.generation += 1

    # ---- the whole graph

    def export(self, format: str = "turtle", *, derived: bool = True) -> str:
        """The whole graph serialised in one of ``ssegraph.export.FORMATS``.

        ``derived=False`` leaves out what the store derived (entailments, periods, day bounds).
        """
        media_type = get_format(format).media_type
        return self.backend.dump(media_type, derived=derived).decode("utf-8")

    def sidecar(self, name: str) -> Path | None:
        """Where to keep a file computed from this graph (the name index, the statistics) for
        the next command: beside the store on disk, unless this process changed the graph (its
        backend then holds a copy in memory, and has no such place)."""
        kept: Path | None = getattr(self.backend, "sidecar", lambda _: None)(name)
        return kept

    @property
    def engine(self) -> str:
        """The engine answering this graph's queries ("oxigraph", "virtuoso"; ``Backend``)."""
        return self.backend.engine

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
