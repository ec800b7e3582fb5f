"""The pages: home, search, one page per node, the query page and the ontology.

Each view gathers its data once and ``_page`` gives it as HTML or as JSON: every page has a
``.json`` twin (or ``?format=json``). A node's page also answers in Turtle, N-Triples or
JSON-LD to clients that ask for RDF, so every IRI under ``id/`` dereferences here.

Whatever can read much of the graph (a node's description or its RDF, the editor's query, a
catalogue query) runs in the query pool, under the same time, row, byte and memory limits as
``/sparql``; the pages' own figures (statistics, names, the ontology) are computed once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from rdflib import URIRef

from ssegraph import sparql
from ssegraph.errors import QueryError, Unavailable, UnknownEntity
from ssegraph.names import index, resolve, search
from ssegraph.network import NETWORKS
from ssegraph.registry import Format
from ssegraph.results import JSON as JSON_RESULTS
from ssegraph.serve.errors import HttpError
from ssegraph.serve.i18n import language
from ssegraph.serve.negotiate import HTML, JSON, NODES, PAGES, choose
from ssegraph.serve.network import (
    DOWNLOADS,
    Asked,
    Drawn,
    DrawNetwork,
    Refusal,
    WriteNetwork,
    asked,
)
from ssegraph.serve.nodepage import DescribePage, kind_of
from ssegraph.serve.picture import neighbourhood
from ssegraph.serve.pool import BoundSelect, NodeGraph, ProtocolQuery
from ssegraph.serve.render import jsonable, render_page, twin_path
from ssegraph.serve.site import Site
from ssegraph.serve.sparql import answer_format, client_address, parameters
from ssegraph.serve.tables import table
from ssegraph.vocab import ID, PREFIXES, expand

# A path under id/ that can be part of an IRI: anything else names nothing here.
_ID_PATH = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%/-]+")

# The node's own statements and those that point to it, the whole of the memberships it is in,
# and the names of every node on the other side. (No VALUES for the two naming properties:
# pyoxigraph 0.5.13 drops OPTIONAL rows joined with VALUES over the union default graph.)
NODE_RDF = sparql.text("serve/node-rdf")

EXAMPLE = sparql.text("serve/example")
Result = TypeVar("Result")
# The kinds of node whose page draws their collaboration network.
ACTOR_KINDS = ("state", "gov", "org", "person")

# The editor shows a SELECT or ASK as a table, a CONSTRUCT or DESCRIBE as Turtle.
_EDITOR_ACCEPT = "application/sparql-results+json, text/turtle;q=0.9"


def _page(request: Request, template: str, data: Mapping[str, Any], status: int = 200) -> Response:
    """The page as HTML, or as JSON for its ``.json`` twin or a client that asks for JSON."""
    chosen = _face(request, PAGES)
    if chosen is JSON:
        return JSONResponse(jsonable(data), status)
    return render_page(request, template, data, status)


def _face(request: Request, offered: tuple[Format, ...]) -> Format:
    if request.url.path.endswith(".json"):
        return JSON
    chosen = choose(offered, request.headers.get("accept"), request.query_params.get("format"))
    if chosen is None:
        names = ", ".join(f"{f.name} ({f.media_type})" for f in offered)
        raise HttpError(
            406, f"this page is available as: {names}", french=f"cette page existe en : {names}"
        )
    return chosen


def _with_twin(
    router: APIRouter, path: str
) -> Callable[[Callable[..., Response | Awaitable[Response]]], Any]:
    """Register a view at ``path`` and at its ``.json`` twin."""

    def register(view: Callable[..., Response | Awaitable[Response]]) -> Any:
        router.get(twin_path(path), include_in_schema=False)(view)
        return router.get(path)(view)

    return register


def pages_router(site: Site) -> APIRouter:
    """The routes of the pages, reading ``site``."""
    router = APIRouter()
    kg = site.kg

    @_with_twin(router, "/")
    def home(request: Request) -> Response:
        lang = language(request)
        return _page(
            request,
            "home.html",
            {"statistics": site.statistics(lang), "catalogue": _catalogue(site, lang)},
        )

    @_with_twin(router, "/search")
    def find(request: Request, q: str = "") -> Response:
        lang = language(request)
        matches = search(kg, q, lang=lang, limit=100) if q.strip() else []
        nearest = index(kg).nearest(q) if q.strip() and not matches else []
        found = [
            {**jsonable(match), "kind": kind_of(match.node)}  # type: ignore[dict-item]
            for match in matches
        ]
        return _page(request, "search.html", {"q": q, "matches": found, "nearest": nearest})

    @router.get("/id/{path:path}")
    async def node(request: Request, path: str) -> Response:
        lang = language(request)
        path = path.removesuffix(".json")  # the twin: _face answers in JSON
        if not _ID_PATH.fullmatch(path):
            raise UnknownEntity(path)
        iri = resolve(kg, f"<{ID}{path}>")
        chosen = _face(request, NODES)
        client = client_address(request)
        if chosen not in (HTML, JSON):
            settings = site.settings
            job = NodeGraph(
                NODE_RDF, iri, chosen.media_type, settings.max_results, settings.max_bytes
            )
            answer = await site.pool.run(job, client)
            headers = {"Vary": "Accept"}
            if answer.truncated:
                headers["X-SPARQL-MaxRows"] = str(settings.max_results)
            return Response(answer.body, media_type=chosen.media_type, headers=headers)
        page = await site.pool.run(DescribePage(iri, lang), client)
        found = page.description
        facts = found.memberships + found.posts + found.members + found.events + found.outcomes
        cited = {cited_as for fact in facts for cited_as in fact.sources}
        sources = {cited_as: _source(site, cited_as, lang) for cited_as in sorted(cited)}
        kind = kind_of(iri)
        data = {
            "node": found,
            "kind": kind,
            "cited": sources,
            "types": page.types,
            "facts": page.facts,
            "parts": page.parts,
            "backs": page.backs,
            "picture": neighbourhood(
                found, [actor for part in page.parts for actor in part.actors]
            ),
        }
        if kind in ACTOR_KINDS:  # the actor's collaboration network, drawn by the browser
            data["network"] = _network_source(request, asked({"ego": [str(iri)]}))
        response = _page(request, "node.html", data)
        response.headers["Vary"] = "Accept, Accept-Language"
        return response

    @_with_twin(router, "/query")
    async def editor(request: Request, query: str = "") -> Response:
        return await query_page(site, request, query)

    @router.get("/query/{name}")
    async def catalogue_query(request: Request, name: str) -> Response:
        lang = language(request)
        name = name.removesuffix(".json")  # the twin: _page answers in JSON
        if name not in site.catalogue.names():
            names = site.catalogue.names()
            raise HttpError(
                404,
                f"no query of the catalogue is called {name!r}",
                names,
                french=f"aucune requête du catalogue ne s'appelle {name!r}",
            )
        query = site.catalogue.get(name)
        given: dict[str, object] = {
            param.name: request.query_params[param.name]
            for param in query.params
            if param.name in request.query_params and param.name != "lang"
        }
        given = query.with_lang(given, lang)  # the page's language, not a form field
        # Names are resolved here; the query, and its rows' sources when asked for, run in a
        # worker (time limit, the other core).
        sources = _asks_for_sources(request)
        job = BoundSelect(query.text_for(kg), query.bindings(kg, given), sources)
        results = json.loads(JSON_RESULTS.write(await site.pool.run(job, client_address(request))))
        data = {
            "name": query.name,
            "title": query.title_in(lang),
            "description": query.description_in(lang),
            "params": query.params,
            "values": {p.name: given.get(p.name, p.default) for p in query.params},
            "examples": query.examples,
            "sparql": job.query,
            "sources": sources,
            "results": results,
            "table": table(results, lists=("sources",) if sources else ()),
        }
        return _page(request, "catalogue.html", data)

    @_with_twin(router, "/network")
    async def network_view(request: Request) -> Response:
        wanted = asked(parameters(request))
        data: dict[str, Any] = {
            "asked": wanted,
            "networks": list(NETWORKS),
            "source": _network_source(request, wanted),
        }
        if _face(request, PAGES) is JSON:  # the page draws what its twin gives
            data["drawn"] = await _draw(site, request, wanted)
        return _page(request, "network.html", data)

    @router.get("/network/download")
    async def network_download(request: Request, format: str = "gexf") -> Response:
        if format not in DOWNLOADS:
            raise HttpError(
                400,
                f"format: no network download is called {format!r}",
                list(DOWNLOADS),
                french=f"format : aucun téléchargement du réseau ne s'appelle {format!r}",
            )
        wanted = asked(parameters(request))
        job = WriteNetwork(wanted, language(request), format)
        found = _accepted(await site.pool.run(job, client_address(request)))
        disposition = f'attachment; filename="{found.filename}"'
        return Response(
            found.body, media_type=found.media_type, headers={"Content-Disposition": disposition}
        )

    @_with_twin(router, "/ontology")
    def ontology(request: Request) -> Response:
        return _page(request, "ontology.html", {"ontology": site.ontology()})

    return router


async def query_page(site: Site, request: Request, query: str = "") -> Response:
    """The query page: YASGUI on ``/sparql`` with the catalogue's examples, and the editor's
    query run here too for readers without script (and for the page's JSON twin)."""
    lang = language(request)
    data: dict[str, Any] = {
        "query": query or EXAMPLE,
        "run": bool(query.strip()),
        "catalogue": _catalogue(site, lang),
        "examples": site.examples(lang),
        "prefixes": sorted(PREFIXES),
        "prefix_map": PREFIXES,
        "ids": str(ID),
        "settings": site.settings,
    }
    status = 200
    if query.strip():
        try:
            data.update(await _run(site, query, client_address(request)))
        except (QueryError, Unavailable, HttpError) as error:  # shown beside the editor
            data["error"] = error.message
            status = error.http_status
    return _page(request, "query.html", data, status)


async def _run(site: Site, query: str, client: str) -> dict[str, Any]:
    """Run the editor's query in the pool (time limit, result and byte caps) for the page."""
    chosen = answer_format(query, _EDITOR_ACCEPT, None)
    settings = site.settings
    job = ProtocolQuery(query, chosen.media_type, settings.max_results, None, settings.max_bytes)
    answer = await site.pool.run(job, client)
    found: dict[str, Any] = {"truncated": answer.truncated}
    if chosen.name == "json":
        results = json.loads(answer.body)
        found["results"] = results
        if "boolean" in results:
            found["boolean"] = results["boolean"]
        else:
            found["table"] = table(results)
    else:
        found["graph"] = answer.body.decode("utf-8")
    return found


def _network_source(request: Request, wanted: Asked) -> dict[str, Any]:
    """Where the page's script reads the network, where its files are downloaded, and in
    which formats (``DOWNLOADS``, each named on the page by its ``download_`` word)."""
    lang = {"lang": language(request)}
    query = urlencode({**wanted.given, **lang}, doseq=True)
    return {
        "data": f"/network.json?{query}",
        "download": f"/network/download?{query}",
        "formats": list(DOWNLOADS),
    }


async def _draw(site: Site, request: Request, wanted: Asked) -> Drawn:
    job = DrawNetwork(wanted, language(request))
    return _accepted(await site.pool.run(job, client_address(request)))


def _accepted(found: Result | Refusal) -> Result:
    """The job's answer, or the 400 its refusal says."""
    if isinstance(found, Refusal):
        raise HttpError(400, found.message, found.hints)
    return found


def _asks_for_sources(request: Request) -> bool:
    """Whether the page is asked for each row's sources (``sources=1``, the form's checkbox)."""
    return request.query_params.get("sources", "").strip().lower() in ("1", "on", "true", "yes")


def _catalogue(site: Site, lang: str) -> list[dict[str, str]]:
    return [
        {
            "name": query.name,
            "title": query.title_in(lang),
            "description": query.description_in(lang),
        }
        for query in site.catalogue.queries.values()
    ]


def _source(site: Site, cited_as: str, lang: str) -> dict[str, str]:
    """A source cited by a fact (``id:source/...``), with its IRI and title."""
    iri = expand(cited_as) or URIRef(cited_as)
    return {"iri": str(iri), "title": site.name(URIRef(iri), lang)}
