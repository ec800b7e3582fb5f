"""A running server follows the project's files: what ``ssegraph add`` merges is served
without a restart.

Every few seconds (``Settings.follow``) the server compares the store it reads with the
project's store on disk and its files (a few ``stat`` calls and a small JSON file). When they
differ, the new generation is opened, or built if the files were changed by hand, in a thread;
the pages' figures are computed for it; then, between two requests, the pages and the query
pool move to it, idle workers at once and busy ones after their current job.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from ssegraph.backends.disk import is_current, open_project
from ssegraph.backends.embedded import EmbeddedBackend
from ssegraph.errors import SsegraphError
from ssegraph.graph import KnowledgeGraph
from ssegraph.serve.site import Site

_LOG = logging.getLogger("ssegraph.serve")


async def follow(site: Site, languages: Iterable[str]) -> None:
    """Look at the files every ``follow`` seconds and move the server when they changed."""
    languages = tuple(languages)
    while True:
        await asyncio.sleep(site.settings.follow)
        moved = await asyncio.to_thread(_moved, site, languages)
        if moved is not None:
            site.adopt(moved)
            site.pool.renew(site.kg)
            _LOG.info("now serving %d statements (the project's files changed)", len(site.kg))


def _moved(site: Site, languages: tuple[str, ...]) -> Site | None:
    """The site over the project's graph as its files are now, or None if it is the same."""
    kg, project = site.kg, site.kg.project
    if project is None or not isinstance(kg.backend, EmbeddedBackend):
        return None
    if is_current(project, kg.backend):
        return None
    try:
        opened = open_project(project)
    except SsegraphError as error:  # a file an editor left broken: keep serving what was
        _LOG.warning("still serving the previous graph: %s", error)
        return None
    if opened is None:
        return None
    backend = opened[0]
    backend.allowed_services = kg.backend.allowed_services  # the operator's SERVICE list
    return site.moved_to(KnowledgeGraph(backend, project), languages)
