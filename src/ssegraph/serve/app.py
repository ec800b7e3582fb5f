"""The application: the SPARQL router and the pages over one graph, and how to run it.

``create_app`` mounts the endpoint's router (which shows the query page to a browser) and the
pages, the error handlers, the security headers and the request body limit, and CORS for the
origins the operator names (so that YASGUI on another site can query the endpoint; none by
default); the query workers, and the task that follows the project's files (``serve.follow``),
start and stop with the application. ``serve`` runs it with uvicorn's h11 parser, which bounds
the size of a request line and headers (431 past it).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from ssegraph.backends.embedded import EmbeddedBackend
from ssegraph.catalogue import Catalogue
from ssegraph.errors import BadParameter
from ssegraph.graph import KnowledgeGraph
from ssegraph.serve import errors
from ssegraph.serve.follow import follow
from ssegraph.serve.http import KEEP_ALIVE, MAX_CONNECTIONS, BoundedH11Protocol
from ssegraph.serve.i18n import LANGUAGES
from ssegraph.serve.pool import QueryPool
from ssegraph.serve.render import HERE
from ssegraph.serve.safety import BodyLimit, SecurityHeaders
from ssegraph.serve.site import Settings, Site
from ssegraph.serve.sparql import sparql_router
from ssegraph.serve.views import pages_router, query_page


def create_app(
    kg: KnowledgeGraph, settings: Settings | None = None, catalogue: Catalogue | None = None
) -> FastAPI:
    """The web application serving ``kg`` (read-only) with its project's catalogue."""
    settings = settings or Settings()
    if not isinstance(kg.backend, EmbeddedBackend):
        raise BadParameter("graph", "the server runs on the embedded store only")
    if catalogue is None:
        catalogue = Catalogue.load(kg.project) if kg.project else Catalogue({})
    kg.backend.allowed_services = frozenset(settings.allow_service)
    pool = QueryPool(kg, settings.limits())
    site = Site(kg, catalogue, pool, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        site.warm(LANGUAGES)
        pool.start()
        follower = asyncio.create_task(follow(site, LANGUAGES)) if settings.follow > 0 else None
        try:
            yield
        finally:
            if follower is not None:
                follower.cancel()
            pool.close()

    app = FastAPI(
        title="ssegraph",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN: not here
        redoc_url=None,
        openapi_url=None,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Accept", "Content-Type"],
            expose_headers=["X-SPARQL-MaxRows"],
        )
    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(SecurityHeaders)  # outermost: on every response, refusals included
    errors.install(app)
    browser_page = partial(query_page, site)
    app.include_router(
        sparql_router(pool, settings.max_results, settings.max_bytes, page=browser_page)
    )
    app.include_router(pages_router(site))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.site = site
    return app


def serve(kg: KnowledgeGraph, host: str, port: int, settings: Settings) -> None:
    """Serve ``kg`` until interrupted."""
    import uvicorn

    uvicorn.run(
        create_app(kg, settings),
        host=host,
        port=port,
        log_level="info",
        http=BoundedH11Protocol,
        h11_max_incomplete_event_size=settings.max_header,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_keep_alive=KEEP_ALIVE,
    )
