"""A SPARQL 1.1 endpoint as the store behind a KnowledgeGraph, for graphs that outgrow a laptop.

Queries go to the endpoint through SPARQLWrapper (SPARQL 1.1 Protocol); files and added triples
go to its Graph Store (SPARQL 1.1 Graph Store HTTP Protocol), one named graph per file, as the
embedded store holds them, with the user and password it asks for (``graph_store``:
Virtuoso's ``/sparql-graph-crud-auth`` asks, with HTTP Digest).

Servers differ in what a query without FROM reads: Oxigraph server reads the union of its
named graphs with ``--union-default-graph`` and an empty graph without; Virtuoso reads every
graph it holds, its own system graphs among them. So each query names its dataset in the
protocol (``default-graph-uri`` and ``named-graph-uri``): the graphs under ``graph:`` that the
server holds, found once per backend, and those this backend wrote. Any SPARQL 1.1 server then
answers over the project's graphs only, as the embedded store does.

The protocol carries no bindings, so each bound variable is written into the query as a VALUES
block (``projection.bind_values``: in the WHERE group and in each of its UNION branches, where
the server's planner starts from it) of terms that rdflib serialises and escapes: a value is
always data, never syntax. Inside the WHERE group the bound variable is also replaced by its
term, as SEP-0007 substitution and the embedded store do: Virtuoso evaluates a FILTER inside
an OPTIONAL without the variables bound outside it, so ``OPTIONAL { ?x skos:prefLabel ?l
FILTER (LANG(?l) = ?lang) }`` would find no label there. Prefixes the query uses without
declaring (``org:``, ``sse:``...) are declared in front of it, as the embedded store does.
A SELECT's or an ASK's answer (SPARQL 1.1 Query Results JSON) is read by rdflib's parser, its
terms then made the embedded backend's (``_term``).
"""

from __future__ import annotations

import ast
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from urllib.parse import urljoin

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Identifier, Node
from SPARQLWrapper import ASK, CONSTRUCT, JSON, POST, SELECT, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

from ssegraph.backends import Bindings, SelectResult, Triple, without_blank_nodes
from ssegraph.backends.graph_store import GraphStore
from ssegraph.backends.projection import (
    after_group,
    bind_values,
    declared_prefixes,
    tokens_of,
    where_group,
)
from ssegraph.errors import BadParameter, ParseError, QueryError
from ssegraph.sparql import text as sparql_text
from ssegraph.vocab import PREFIXES

_VIRTUOSO_BLANK = "nodeID://"


def _term(term: Identifier) -> Identifier:
    """A term of the server's answer as the embedded backend gives it: a plain string without
    ``xsd:string``, and a blank node with a name any store takes (Virtuoso names them
    ``nodeID://b1``: hex keeps them distinct and valid)."""
    if isinstance(term, BNode) and not term.isalnum():
        return BNode("x" + term.encode("utf-8").hex())
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


class RemoteBackend:
    """A SPARQL 1.1 endpoint (queries) and its Graph Store (files, added triples)."""

    blank_nodes_persist = False

    def __init__(
        self,
        endpoint: str,
        *,
        store: str | None = None,
        timeout: int = 60,
        credentials: tuple[str, str] | None = None,
    ) -> None:
        """``credentials``: the user and password the Graph Store asks for (``graph_store``),
        by default $SSEGRAPH_STORE_USER and $SSEGRAPH_STORE_PASSWORD."""
        for name, url in (("--endpoint", endpoint), ("--store", store)):
            if url is not None and not _is_web_url(url):
                raise BadParameter(name, f"{url[:200]!r} is not an http(s) URL")
        self.endpoint = endpoint
        self.store = store or urljoin(endpoint, "store")
        self.timeout = timeout
        self._graph_store = GraphStore(self.store, timeout=timeout, credentials=credentials)
        self._found: set[URIRef] | None = None  # the project's graphs on the server, once asked
        self._engine: str | None = None  # what the first answer's Server header names
        self._written: set[URIRef] = set()

    # ---- writing: the Graph Store Protocol

    def load_file(self, path: Path, graph: URIRef, *, name: str | None = None) -> None:
        """Replace the named graph ``graph`` with the Turtle file (HTTP PUT: pushing twice is
        safe), sent as N-Triples: read here, its errors are reported with their line, and
        no server has to read Turtle's escapes (Virtuoso 7.2 keeps the backslash of a
        prefixed name's ``\\/`` in the IRI)."""
        import pyoxigraph as ox

        try:
            triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        except SyntaxError as error:
            raise ParseError(name or str(path), error.lineno, error.offset, error.msg) from None
        except OSError as error:
            raise ParseError(name or str(path), None, None, error.strerror or str(error)) from None
        self._send("PUT", graph, body, "application/n-triples")

    def add(self, triples: Iterable[Triple], graph: URIRef) -> None:
        """Merge triples into the named graph ``graph`` (HTTP POST)."""
        batch = Graph()
        for triple in triples:
            batch.add(triple)
        self._send(
            "POST", graph, batch.serialize(format="nt", encoding="utf-8"), "application/n-triples"
        )

    def replace(self, triples: Iterable[Triple], graph: URIRef) -> None:
        """Replace the named graph ``graph`` with these triples (HTTP PUT)."""
        batch = Graph()
        for triple in triples:
            batch.add(triple)
        body = batch.serialize(format="nt", encoding="utf-8")
        self._send("PUT", graph, body, "application/n-triples")

    def materialise(self, query: str, graph: URIRef) -> None:
        """Ask the server the CONSTRUCT and send its triples back into ``graph`` (HTTP POST)."""
        self.add(without_blank_nodes(self.construct(query, {})), graph)

    def _send(self, method: str, graph: URIRef, body: bytes, media_type: str) -> None:
        self._written.add(graph)
        self._graph_store.send(method, graph, body, media_type)

    # ---- reading: the SPARQL 1.1 Protocol

    def _request(
        self, query: str, bindings: Bindings, form: str, return_format: str, *, whole: bool = False
    ) -> bytes:
        """The server's answer, as sent; over the project's graphs, or all of them when
        ``whole``."""
        text = query
        if bindings:
            try:
                text = bind_values(
                    constants_in_where(text, bindings), list(bindings), [tuple(bindings.values())]
                )
            except ValueError as error:
                raise QueryError("SPARQL", str(error)) from None
        declared = declared_prefixes(text)
        prologue = "".join(
            f"PREFIX {p}: <{iri}> " for p, iri in PREFIXES.items() if p not in declared
        )
        text = f"{prologue}\n{text}" if prologue else text
        client = SPARQLWrapper(self.endpoint)
        client.setMethod(POST)
        client.setOnlyConneg(True)
        client.setTimeout(self.timeout)
        client.setReturnFormat(return_format)
        if form == CONSTRUCT:  # see construct()
            client.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.5")
        for graph in () if whole else sorted(self._project_graphs()):
            client.addDefaultGraph(str(graph))
            client.addNamedGraph(str(graph))
        with warnings.catch_warnings():  # it guesses the query form, and warns when it cannot
            warnings.simplefilter("ignore", RuntimeWarning)
            client.setQuery(text)
        # Its guess skips every other line of a run of comments, and so can take a word in a
        # catalogue query's description ("adds") for an update: the caller knows the form.
        client.queryType = form
        try:
            response = client.query().response
            if self._engine is None:
                self._engine = engine_named(response.headers.get("Server"))
            return bytes(response.read())
        except QueryBadFormed as error:
            raise _syntax_error(query, error) from None
        except SPARQLWrapperException as error:
            said = _server_says(error).splitlines()
            detail = f"{error.msg}: {said[0][:300]}" if said else error.msg
            raise QueryError(f"endpoint {self.endpoint}", detail) from None
        except urllib.error.HTTPError as error:
            raise QueryError(
                f"endpoint {self.endpoint}", f"HTTP {error.code} {error.reason}"
            ) from None
        except urllib.error.URLError as error:
            raise QueryError(
                f"endpoint {self.endpoint}", f"cannot connect: {error.reason}"
            ) from None
        except (OSError, ValueError) as error:  # a reset connection, an answer not SPARQL's
            raise QueryError(f"endpoint {self.endpoint}", _not_sparql(error)) from None

    @property
    def engine(self) -> str:
        """The server's product, as the ``Server`` header of its answers names it
        (``Virtuoso/07.20.3240 (Linux) x86_64-pc-linux-gnu``: "virtuoso"); "" if it does not.
        Known from the first query, the one that finds the project's graphs."""
        self._project_graphs()
        return self._engine or ""

    def _project_graphs(self) -> set[URIRef]:
        if self._found is None:
            found = self.select(sparql_text("remote/project-graphs"), {}, whole=True).rows
            self._found = {URIRef(row[0]) for row in found if row[0] is not None}
        return self._found | self._written

    def select(self, query: str, bindings: Bindings, *, whole: bool = False) -> SelectResult:
        answer = self._results(self._request(query, bindings, SELECT, JSON, whole=whole))
        if answer.type != "SELECT":
            raise QueryError("SPARQL", "select() needs a SELECT query")
        variables = list(answer.vars or ())
        rows = [
            tuple(None if (term := row.get(name)) is None else _term(term) for name in variables)
            for row in answer.bindings
        ]
        return SelectResult([str(variable) for variable in variables], rows)

    def ask(self, query: str, bindings: Bindings) -> bool:
        answer = self._results(self._request(query, bindings, ASK, JSON))
        if answer.type != "ASK":
            raise QueryError("SPARQL", "ask() needs an ASK query")
        return bool(answer.askAnswer)

    def _results(self, body: bytes) -> Result:
        """The SPARQL 1.1 Query Results JSON answer, read by rdflib's parser (it reads every
        server's: pyoxigraph's refuses Virtuoso's names of blank nodes, ``nodeID://b1``, and
        its older ``typed-literal`` terms are read too)."""
        try:
            return Result.parse(BytesIO(body), format="json")
        except Exception as error:  # rdflib's parsers raise many types for text that is not JSON
            raise QueryError(f"endpoint {self.endpoint}", _not_sparql(error)) from None

    def construct(self, query: str, bindings: Bindings) -> list[Triple]:
        """The triples, asked for as N-Triples (read as Turtle, which includes it, in case
        the server sends that): Virtuoso's Turtle escapes a ``/`` in a prefixed name, as
        ``id:membership\\/x``, which rdflib keeps in the IRI. Its N-Triples write a blank
        node as the IRI ``<nodeID://b1>``, made a blank node again here."""
        body = self._request(query, bindings, CONSTRUCT, TURTLE)
        try:
            parsed = Graph().parse(data=body, format="turtle")
        except Exception as error:  # rdflib's parsers raise many types for text that is not RDF
            raise QueryError(f"endpoint {self.endpoint}", _not_sparql(error)) from None
        return [(_blank(s), p, _blank(o)) for s, p, o in parsed]

    def graphs(self) -> list[URIRef]:
        return sorted(self._project_graphs())

    def dump(self, media_type: str, *, derived: bool = True) -> bytes:
        """Everything, copied into an embedded store that serialises it the same way."""
        from ssegraph.backends.embedded import EmbeddedBackend

        by_graph: dict[Identifier, list[Triple]] = {}
        for graph, s, p, o in self.select(sparql_text("remote/quads"), {}).rows:
            if graph is not None and s is not None and p is not None and o is not None:
                by_graph.setdefault(graph, []).append((s, p, o))
        copy = EmbeddedBackend()
        for graph, triples in by_graph.items():
            copy.add(triples, URIRef(graph))
        return copy.dump(media_type, derived=derived)

    def __len__(self) -> int:
        """The statements in the named graphs (the default graph is their union)."""
        count = self.select(sparql_text("remote/count"), {}).rows[0][0]
        return int(count) if count is not None else 0


def constants_in_where(query: str, bindings: Bindings) -> str:
    """The query with each bound variable of its WHERE group replaced by the term (``n3()``),
    but where a variable is named, not read: after AS, in a VALUES header, in a sub-query
    (which has variables of its own). ValueError if the query has no WHERE group."""
    tokens = tokens_of(query)
    where = where_group(tokens)
    opening = next(i for i, token in enumerate(tokens) if token.end == where)
    edits: list[tuple[int, int, str]] = []
    index, end = opening + 1, after_group(tokens, opening) - 1
    naming = False
    while index < end:
        token = tokens[index]
        word = token.text.lower()
        if token.text == "{" and tokens[index + 1].text.lower() == "select":
            index = after_group(tokens, index)
            continue
        if word == "values":
            naming = True
        elif token.text == "{":
            naming = False
        elif token.kind == "var" and not naming and tokens[index - 1].text.lower() != "as":
            term = bindings.get(token.text[1:])
            if term is not None:
                edits.append((token.start, token.end, term.n3()))
        index += 1
    for start, stop, text in reversed(edits):
        query = query[:start] + text + query[stop:]
    return query


def _blank(term: Node) -> Node:
    if isinstance(term, URIRef) and term.startswith(_VIRTUOSO_BLANK):
        return _term(BNode(str(term)))
    return term


def engine_named(server: str | None) -> str:
    """The product a ``Server`` header names first, in lower case ("" for none): its first
    product token (RFC 9110), the version after "/" left out."""
    tokens = (server or "").split()
    return tokens[0].split("/", 1)[0].lower() if tokens else ""


def _is_web_url(url: str) -> bool:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _not_sparql(found: object) -> str:
    detail = (
        str(found).strip().splitlines()[0][:200] if str(found).strip() else type(found).__name__
    )
    return f"did not answer as a SPARQL 1.1 endpoint ({detail}); is it the query URL?"


def _syntax_error(query: str, error: QueryBadFormed) -> QueryError:
    """The parser's message for a query the endpoint refused, with the position in the text
    the user wrote (the endpoint saw prefixes and values added in front of it)."""
    import pyoxigraph as ox

    try:
        ox.Store().query(query, prefixes=PREFIXES)  # parses; evaluation is lazy
    except SyntaxError as local:
        return QueryError("SPARQL syntax", local.msg)
    except (OSError, RuntimeError, ValueError):
        pass
    return QueryError("SPARQL (endpoint)", _server_says(error) or error.msg)


def _server_says(error: SPARQLWrapperException) -> str:
    """The body of the server's error answer, which SPARQLWrapper keeps in its message
    (Virtuoso explains a refusal there: a syntax error, a query over its cost limit)."""
    _, _, response = str(error).partition("Response:\n")
    try:
        return str(ast.literal_eval(response).decode("utf-8", "replace").strip())
    except (ValueError, SyntaxError, AttributeError):
        return ""
