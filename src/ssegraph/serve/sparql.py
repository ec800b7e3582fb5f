"""The SPARQL 1.1 Protocol endpoint, as a router that any FastAPI application can mount.

``GET /sparql?query=``, ``POST`` form-encoded (``query=``) or ``application/sparql-query``.
SELECT and ASK answer in SPARQL results JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE in
Turtle, N-Triples, JSON-LD or RDF/XML, chosen by the ``format`` parameter or the Accept header.
Read-only: an update (``update=``, ``application/sparql-update``, or update text sent as a
query) is refused with 403. Queries run in the worker pool, with its time and memory limits,
and return at most ``max_results`` solutions or triples (``X-SPARQL-MaxRows`` says when more
were cut) in at most ``max_bytes`` bytes. A query that calls another endpoint (``SERVICE``)
is refused with 400 before anything connects, unless the operator allows that endpoint
(``ssegraph.guard``). ``GET`` without a query describes the service (Turtle), or, to a browser
that prefers HTML, shows the query page when the application gives one (``page``). Without
``default-graph-uri``, the default graph is the union of all named graphs; a graph named by
something that is not an IRI gets 400.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from ssegraph.backends.embedded import Dataset
from ssegraph.backends.projection import leading_keyword
from ssegraph.export import TURTLE
from ssegraph.registry import Format
from ssegraph.serve.errors import HttpError
from ssegraph.serve.negotiate import GRAPHS, HTML, SOLUTIONS, choose
from ssegraph.serve.pool import ProtocolQuery, QueryPool

_UPDATES = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
_FORMATS = {"select": SOLUTIONS, "ask": SOLUTIONS, "construct": GRAPHS, "describe": GRAPHS}
READ_ONLY = "this endpoint is read-only: SPARQL updates are refused"

SERVICE = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
[] a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML,
        formats:SPARQL_Results_CSV, formats:SPARQL_Results_TSV,
        formats:Turtle, formats:N-Triples, formats:JSON-LD, formats:RDF_XML .
"""


def answer_format(text: str, accept: str | None, format_name: str | None) -> Format:
    """The format a query's answer goes out in; 403 for an update, 406 if none is acceptable."""
    form = leading_keyword(text)
    if form in _UPDATES:
        raise HttpError(403, READ_ONLY)
    offered = _FORMATS.get(form or "", SOLUTIONS)  # not a query: the parser will say why
    chosen = choose(offered, accept, format_name)
    if chosen is None:
        names = ", ".join(f"{f.name} ({f.media_type})" for f in offered)
        raise HttpError(406, f"a {form or 'SELECT'} query can answer in: {names}")
    return chosen


def sparql_router(
    pool: QueryPool,
    max_results: int | None,
    max_bytes: int | None = None,
    path: str = "/sparql",
    page: Callable[[Request], Awaitable[Response]] | None = None,
) -> APIRouter:
    """The endpoint's routes, running queries in ``pool``; ``page`` answers a browser's GET
    without a query."""
    router = APIRouter()

    @router.get(path)
    async def sparql_get(request: Request) -> Response:
        fields = parameters(request)
        if "query" not in fields and "update" not in fields:
            # Turtle first: a client that accepts anything (*/*) gets the description.
            if page is not None and choose((TURTLE, HTML), request.headers.get("accept")) is HTML:
                return await page(request)
            endpoint = str(request.url.replace(query=""))
            description = SERVICE.format(endpoint=endpoint)
            return Response(description, media_type="text/turtle", headers={"Vary": "Accept"})
        return await _answer(request, fields)

    @router.post(path)
    async def sparql_post(request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8", errors="replace")
        fields = parameters(request)
        if content_type == "application/sparql-update":
            raise HttpError(403, READ_ONLY)
        if content_type == "application/sparql-query":
            fields["query"] = [*fields.get("query", []), body]
        elif content_type == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                fields.setdefault(key, []).extend(values)
        else:
            raise HttpError(
                415,
                "send the query as application/x-www-form-urlencoded (query=...) or as "
                f"application/sparql-query, not {content_type or 'no content type'}",
            )
        return await _answer(request, fields)

    async def _answer(request: Request, fields: dict[str, list[str]]) -> Response:
        if fields.get("update"):
            raise HttpError(403, READ_ONLY)
        queries = fields.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise HttpError(400, "give exactly one non-empty query parameter")
        format_name = next(iter(fields.get("format", [])), None)
        chosen = answer_format(queries[0], request.headers.get("accept"), format_name)
        dataset = None
        if fields.get("default-graph-uri") or fields.get("named-graph-uri"):
            dataset = Dataset(
                _graph_names(fields, "default-graph-uri"), _graph_names(fields, "named-graph-uri")
            )
        job = ProtocolQuery(queries[0], chosen.media_type, max_results, dataset, max_bytes)
        answer = await pool.run(job, client_address(request))
        headers = {"Vary": "Accept"}
        if answer.truncated:
            headers["X-SPARQL-MaxRows"] = str(max_results)
        return Response(answer.body, media_type=answer.media_type, headers=headers)

    return router


def client_address(request: Request) -> str:
    """Whom a request comes from, for the pool's per-client limit."""
    return request.client.host if request.client else ""


def _graph_names(fields: dict[str, list[str]], name: str) -> tuple[str, ...]:
    """The IRIs given for ``default-graph-uri`` or ``named-graph-uri``; 400 for anything else."""
    for value in fields.get(name, []):
        try:
            ox.NamedNode(value)
        except ValueError:
            raise HttpError(400, f"{name}: {value[:200]!r} is not an absolute IRI") from None
    return tuple(fields.get(name, []))


def parameters(request: Request) -> dict[str, list[str]]:
    """The URL's parameters, each with all its values."""
    fields: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        fields.setdefault(key, []).append(value)
    return fields
