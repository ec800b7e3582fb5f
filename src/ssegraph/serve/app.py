"""The application: the SPARQL router and the pages over one graph, and how to run it.

``create_app`` mounts the endpoint's router and the pages, adds CORS (so YASGUI or any page
in a browser can query the endpoint) and the error handlers; the query workers start and stop
with the application. ``serve`` runs it with uvicorn.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from ssegraph.backends.embedded import EmbeddedBackend
from ssegraph.catalogue import Catalogue
from ssegraph.errors import BadParameter
from ssegraph.graph import KnowledgeGraph
from ssegraph.serve import errors
from ssegraph.serve.pool import QueryPool
from ssegraph.serve.render import HERE
from ssegraph.serve.site import Settings, Site
from ssegraph.serve.sparql import sparql_router
from ssegraph.serve.views import pages_router


def create_app(
    kg: KnowledgeGraph, settings: Settings | None = None, catalogue: Catalogue | None = None
) -> FastAPI:
    """The web application serving ``kg`` (read-only) with its project's catalogue."""
    settings = settings or Settings()
    if not isinstance(kg.backend, EmbeddedBackend):
        raise BadParameter("graph", "the server runs on the embedded store only")
    if catalogue is None:
        catalogue = Catalogue.load(kg.project) if kg.project else Catalogue({})
    pool = QueryPool(kg, settings.workers, settings.timeout)
    site = Site(kg, catalogue, pool, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(
        title="ssegraph",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN: not here
        redoc_url=None,
        openapi_url=None,
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["X-SPARQL-MaxRows"],
    )
    errors.install(app)
    app.include_router(sparql_router(pool, settings.max_results))
    app.include_router(pages_router(site))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.site = site
    return app


def serve(kg: KnowledgeGraph, host: str, port: int, settings: Settings) -> None:
    """Serve ``kg`` until interrupted."""
    import uvicorn

    uvicorn.run(create_app(kg, settings), host=host, port=port, log_level="info")
