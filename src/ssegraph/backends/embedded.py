"""The default backend: a pyoxigraph store in this process, in memory or opened from disk.

pyoxigraph loads and queries several times faster than an rdflib Graph (see the design), so
the store is oxigraph and rdflib only appears at the edge: terms go in and come out as rdflib
terms. Queries see the union of all named graphs as their default graph, so a question never
needs to know which file holds a fact. A store opened read-only from disk (``backends.disk``)
is a cache of the project's files: what a program adds to it goes to a copy in memory, never
back into the cache.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Node

from ssegraph.backends import Bindings, SelectResult, Triple
from ssegraph.backends.projection import bind_values, project, writable
from ssegraph.errors import ParseError, QueryError
from ssegraph.guard import check_query
from ssegraph.vocab import PREFIXES, is_derived

_XSD_STRING = str(XSD.string)
Substitutions = dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]
TSV = ox.QueryResultsFormat.TSV


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset a SPARQL protocol request names (``default-graph-uri``,
    ``named-graph-uri``); without one, the default graph is the union of all graphs."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """A query's result serialised for a client: the bytes, their media type, and whether
    the result was cut at the limit asked for."""

    body: bytes
    media_type: str
    truncated: bool = False


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


def _quad(s: Node, p: Node, o: Node, graph: ox.NamedNode) -> ox.Quad:
    """A quad of rdflib terms in ``graph`` (a literal subject or a non-IRI predicate is refused
    with the TypeError of an unstorable term)."""
    subject, predicate = to_oxigraph(s), to_oxigraph(p)
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise TypeError(f"cannot store ({s!r}, {p!r}, ...): not a subject and a predicate IRI")
    return ox.Quad(subject, predicate, to_oxigraph(o), graph)


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


def with_values_hint(query: str, bindings: Bindings) -> str:
    """The query with its bound IRIs and literals also written in, for the planner.

    pyoxigraph applies substitutions after planning, so its optimiser plans as if every
    parameter were unknown: a pattern on the bound ``?actor`` looks like a scan of the store and
    goes last (in-common took 35 ms on a 1M-triple graph, 2 ms with the hint). A one-row VALUES
    block of the same terms opens the WHERE group and each of its UNION branches
    (``projection.bind_values``, as the remote backend writes bindings), and the optimiser
    starts from it. Substitution still binds the variables everywhere, so the answer is the
    same. Blank nodes, which VALUES cannot hold, and terms rdflib cannot write are left to
    substitution alone.
    """
    terms = {name: term for name, term in bindings.items() if writable(term)}
    if not terms:
        return query
    try:
        return bind_values(query, list(terms), [tuple(terms.values())])
    except ValueError:  # no WHERE group (a short CONSTRUCT): substitution alone
        return query


class EmbeddedBackend:
    """A pyoxigraph ``Store``, one named graph per loaded file.

    ``store``: one already opened (read-only from disk, by ``backends.disk``); ``keep``: a file
    descriptor holding that store's readers' lock, closed when the backend goes;
    ``statements``: its size if known (counting a RocksDB store walks it); ``generation``: the
    store's directory on disk, beside which consumers may keep what they build from it.
    """

    blank_nodes_persist = True
    engine = "oxigraph"

    def __init__(
        self,
        prefixes: Mapping[str, str] = PREFIXES,
        *,
        store: ox.Store | None = None,
        keep: int | None = None,
        statements: int | None = None,
        generation: Path | None = None,
    ) -> None:
        self.store = ox.Store() if store is None else store
        self.read_only = keep is not None
        self.prefixes = dict(prefixes)
        self._statements = statements
        # The endpoints a query may call with SERVICE (``guard.check_query``): none unless an
        # operator names them (``ssegraph serve/query --allow-service URL``).
        self.allowed_services: frozenset[str] = frozenset()
        self._release = None if keep is None else weakref.finalize(self, os.close, keep)
        self._generation = generation

    @property
    def generation(self) -> Path | None:
        """The directory of the store on disk this backend reads (None in memory)."""
        return self._generation if self.read_only else None

    def sidecar(self, name: str) -> Path | None:
        """Where to keep a file built from this store (the name index), valid as long as the
        store on disk is the one read; None for a store in memory or changed in memory."""
        generation = self.generation
        return None if generation is None else generation.with_name(f"{generation.name}.{name}")

    # ---- writing

    def _writable(self) -> ox.Store:
        """The store to write into: for a read-only cache on disk, a copy of it in memory."""
        if self.read_only:
            copy = ox.Store()
            copy.bulk_extend(self.store)
            self.store, self.read_only = copy, False
            if self._release is not None:
                self._release()  # the cache on disk is no longer read: let it be replaced
        self._statements = None
        return self.store

    def load_file(self, path: Path, graph: URIRef, *, name: str | None = None) -> None:
        store = self._writable()
        try:
            store.load(
                path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(graph))
            )
        except SyntaxError as error:
            raise ParseError(name or str(path), error.lineno, error.offset, error.msg) from None
        except OSError as error:
            raise ParseError(name or str(path), None, None, error.strerror or str(error)) from None

    def add(self, triples: Iterable[Triple], graph: URIRef) -> None:
        context = ox.NamedNode(str(graph))
        self._writable().extend(_quad(s, p, o, context) for s, p, o in triples)

    def replace(self, triples: Iterable[Triple], graph: URIRef) -> None:
        self._writable().clear_graph(ox.NamedNode(str(graph)))
        self.add(triples, graph)

    def materialise(self, query: str, graph: URIRef) -> None:
        answer = self._query(query, {})
        if not isinstance(answer, ox.QueryTriples):
            raise QueryError("SPARQL", "materialise() needs a CONSTRUCT query")
        context = ox.NamedNode(str(graph))
        quads = [ox.Quad(t.subject, t.predicate, t.object, context) for t in answer]
        self._writable().extend(quads)  # native terms: no round trip through rdflib

    # ---- reading

    def _query(
        self, query: str, bindings: Bindings, dataset: Dataset | None = None
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        check_query(query, self.allowed_services)  # before the engine parses or calls anything
        substitutions: Substitutions = {
            ox.Variable(name): to_oxigraph(term) for name, term in bindings.items()
        }
        hinted = with_values_hint(query, bindings)
        try:
            try:
                return self._run(hinted, substitutions, dataset)
            except SyntaxError:
                if hinted is query:
                    raise
                # The hint clashed with the query (a BIND to a bound variable): substitutions
                # alone bind it, and a real syntax error is reported on the text as written.
                return self._run(query, substitutions, dataset)
        except SyntaxError as error:
            raise QueryError("SPARQL syntax", error.msg) from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryError("SPARQL evaluation", str(error)) from None

    def _run(
        self, text: str, substitutions: Substitutions, dataset: Dataset | None
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """The engine's answer over the union of all graphs, or over the dataset named."""
        if dataset is None:
            return self.store.query(
                text,
                prefixes=self.prefixes,
                substitutions=substitutions or None,
                use_default_graph_as_union=True,
            )
        return self.store.query(
            text,
            prefixes=self.prefixes,
            substitutions=substitutions or None,
            default_graph=[ox.NamedNode(iri) for iri in dataset.default_graphs],
            named_graphs=[ox.NamedNode(iri) for iri in dataset.named_graphs],
        )

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

    def answer(
        self, query: str, media_type: str, limit: int | None = None, dataset: Dataset | None = None
    ) -> Answer:
        """Run a query for the SPARQL protocol and serialise its result natively.

        SELECT and ASK answer in a SPARQL results media type, CONSTRUCT and DESCRIBE in an RDF
        one; at most ``limit`` solutions or triples. The store is only ever queried, so nothing
        a client sends can change it (an update does not even parse as a query).
        """
        result = self._query(query, {}, dataset)
        try:
            if isinstance(result, ox.QueryTriples):
                return _graph_answer(result, media_type, limit, self.prefixes)
            return _results_answer(result, media_type, limit)
        except (OSError, RuntimeError) as error:  # evaluation errors surface while iterating
            raise QueryError("SPARQL evaluation", str(error)) from None

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self.store.named_graphs())

    def dump(self, media_type: str, *, derived: bool = True) -> bytes:
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise ValueError(f"no RDF format has the media type {media_type}")
        if derived and rdf_format.supports_datasets:
            return self.store.dump(format=rdf_format, prefixes=self.prefixes) or b""
        quads = [q for q in self.store if derived or not is_derived(str(q.graph_name.value))]
        if rdf_format.supports_datasets:
            return ox.serialize(quads, format=rdf_format, prefixes=self.prefixes) or b""
        triples = sorted({quad.triple for quad in quads}, key=str)
        return ox.serialize(triples, format=rdf_format, prefixes=self.prefixes) or b""

    def __len__(self) -> int:
        if self._statements is None:
            self._statements = len(self.store)
        return self._statements


def _graph_answer(
    triples: ox.QueryTriples, media_type: str, limit: int | None, prefixes: Mapping[str, str]
) -> Answer:
    rdf_format = ox.RdfFormat.from_media_type(media_type)
    if rdf_format is None:
        raise QueryError(
            "SPARQL protocol", f"CONSTRUCT and DESCRIBE answer in RDF, not {media_type}"
        )
    kept = list(itertools.islice(triples, None if limit is None else limit + 1))
    cut = limit is not None and len(kept) > limit
    body = ox.serialize(kept[:limit] if cut else kept, format=rdf_format, prefixes=dict(prefixes))
    return Answer(body or b"", rdf_format.media_type, cut)


def _results_answer(
    result: ox.QuerySolutions | ox.QueryBoolean, media_type: str, limit: int | None
) -> Answer:
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    if results_format is None:
        raise QueryError(
            "SPARQL protocol", f"SELECT and ASK answer in SPARQL results, not {media_type}"
        )
    cut = False
    if isinstance(result, ox.QuerySolutions) and limit is not None:
        result, cut = _first_solutions(result, limit)
    return Answer(result.serialize(format=results_format) or b"", results_format.media_type, cut)


class _Enough(Exception):
    """Stops a serialiser that has written all the lines wanted."""


class _FirstLines(io.RawIOBase):
    """A sink that keeps what a serialiser writes until it has more than ``count`` lines."""

    def __init__(self, count: int) -> None:
        self.count, self.newlines, self.data = count, 0, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        self.data += chunk
        self.newlines += bytes(chunk).count(b"\n")
        if self.newlines > self.count:
            raise _Enough
        return len(chunk)


def _first_solutions(solutions: ox.QuerySolutions, limit: int) -> tuple[ox.QuerySolutions, bool]:
    """The first ``limit`` solutions, and whether there were more.

    pyoxigraph cannot build solutions from Python, so the cut is made in TSV, one solution per
    line after a header, whose writer stops as soon as it passes the limit; the kept lines
    parse back into solutions that serialise natively in any results format.
    """
    sink = _FirstLines(limit + 1)
    with contextlib.suppress(_Enough):
        solutions.serialize(cast(IO[bytes], sink), TSV)  # a raw binary stream, as it accepts
    parts = bytes(sink.data).split(b"\n")  # the last part is what follows the last newline
    kept = parts[: limit + 1] if len(parts) > limit + 1 else parts[:-1]
    cut = len(parts) > limit + 2 or (len(parts) == limit + 2 and parts[-1] != b"")
    parsed = ox.parse_query_results(b"".join(line + b"\n" for line in kept), TSV)
    assert isinstance(parsed, ox.QuerySolutions)  # TSV always has a header: never a boolean
    return parsed, cut
