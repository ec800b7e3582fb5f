"""Pages: the same data rendered by an autoescaped Jinja2 template, or given as JSON.

A view gathers its data once; ``render_page`` dresses it in HTML with the reader's language
and the helpers templates need (links that keep ``?lang``, local links for ``id/`` IRIs, only
http(s) IRIs as links to elsewhere), and
``jsonable`` turns the same data into its ``.json`` twin.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import Response

from ssegraph.serve.i18n import LANGUAGES, language, translate
from ssegraph.serve.words import say
from ssegraph.vocab import ID, short

HERE = Path(__file__).parent
# The IRIs that may become a link as they are: http and https ones with a host.
_WEB = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)
# A day, a month or a year (xsd:date, gYearMonth, gYear): kept on one line.
_DATE = re.compile(r"-?\d{4}(-\d{2}){0,2}")
TEMPLATES = Jinja2Templates(
    env=Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
)


class Links:
    """URLs for one request's page: local links keep an explicit ``?lang=`` choice."""

    def __init__(self, request: Request, lang: str) -> None:
        self.request, self.lang = request, lang
        self.explicit = "lang" in request.query_params

    def link(self, path: str, **params: object) -> str:
        """A local URL with query parameters (None values left out)."""
        given = {k: v for k, v in params.items() if v is not None}
        if self.explicit:
            given.setdefault("lang", self.lang)
        return f"{path}?{urlencode(given)}" if given else path

    def href(self, iri: object) -> str | None:
        """Where a node is shown: this server's ``/id/...`` page for our IRIs, the IRI itself
        for an http(s) one, and None (shown as text, never a link) for any other scheme:
        ``javascript:``, ``data:`` and their like never become a link."""
        text = str(iri)
        if text.startswith(str(ID)):
            return self.link("/id/" + text[len(ID) :])
        return text if _WEB.match(text) else None

    def path(self) -> str:
        """This page's path, with one leading slash: never ``//host``, another site."""
        return "/" + self.request.url.path.lstrip("/")

    def switch(self, lang: str) -> str:
        """This page in another language."""
        params = {**self.request.query_params, "lang": lang}
        return f"{self.path()}?{urlencode(params)}"

    def twin(self) -> str:
        """This page's ``.json`` twin."""
        path = twin_path(self.path())
        query = self.request.url.query
        return f"{path}?{query}" if query else path


def twin_path(path: str) -> str:
    """The path of a page's JSON twin: ``/search`` -> ``/search.json``, ``/`` -> ``/.json``."""
    if path.endswith(".json"):
        return path
    return "/.json" if path == "/" else path.rstrip("/") + ".json"


def render_page(
    request: Request, template: str, data: Mapping[str, object], status: int = 200
) -> Response:
    """``data`` as an HTML page in the reader's language."""
    lang = language(request)
    context = {
        **data,
        "lang": lang,
        "languages": LANGUAGES,
        "language_names": {other: translate(other, "language_name") for other in LANGUAGES},
        "t": partial(say, lang),
        "links": Links(request, lang),
        "short": short,
        "is_date": _DATE.fullmatch,
    }
    response = TEMPLATES.TemplateResponse(request, template, context, status_code=status)
    response.headers["Content-Language"] = lang
    response.headers["Vary"] = "Accept, Accept-Language"
    return response


def jsonable(value: object) -> object:
    """Plain JSON values for a page's data: dataclasses become objects, RDF terms strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)
