"""Every failure a client can cause becomes a response here, and only here.

Views and the endpoint raise: ``HttpError`` for what the HTTP layer refuses (an update, an
unacceptable format, a body too large) and the library's ``SsegraphError`` types for the rest
(an unknown IRI, a malformed query, a bad parameter, a query past the pool's limits), each with
its own ``http_status``. ``install`` answers in JSON for programs (in English, as the command
line says it), or as an HTML page for a browser that asks for one, in the reader's language:
the status's name, and the message and hints in French where the error has them in French.
"""

from __future__ import annotations

from collections.abc import Sequence
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from ssegraph.errors import SsegraphError
from ssegraph.serve.i18n import language, status_name
from ssegraph.serve.negotiate import HTML, JSON, choose
from ssegraph.serve.render import render_page


class HttpError(Exception):
    """A refusal on purpose: a status and a message that tells the client what to change,
    with its French twin when the refusal is worded for a page (``french``)."""

    def __init__(
        self,
        status: int,
        message: str,
        hints: Sequence[str] = (),
        french: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.hints = status, message, list(hints)
        self.french = french

    def said(self, lang: str) -> tuple[str, list[str]]:
        """The message and hints in ``lang`` (the hints are names: the same in both)."""
        return (self.french or self.message) if lang == "fr" else self.message, self.hints

    @property
    def http_status(self) -> int:
        """The status, named as the library's errors name theirs."""
        return self.status


def install(app: FastAPI) -> None:
    """Register the handlers that turn exceptions into responses."""
    app.add_exception_handler(HttpError, _refused)
    app.add_exception_handler(SsegraphError, _library)
    app.add_exception_handler(HTTPException, _framework)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _bug)


async def _refused(request: Request, error: Exception) -> Response:
    assert isinstance(error, HttpError)
    return error_response(request, error.status, error.message, error.hints, error.said("fr"))


async def _library(request: Request, error: Exception) -> Response:
    assert isinstance(error, SsegraphError)
    return error_response(
        request, error.http_status, error.message, error.hints(), error.said("fr")
    )


async def _framework(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    detail = str(error.detail)
    plain = detail == HTTPStatus(error.status_code).phrase  # "Not Found": the status's name
    french = (status_name("fr", error.status_code), ()) if plain else None
    return error_response(request, error.status_code, detail, (), french)


async def _invalid(request: Request, error: Exception) -> Response:
    french = (f"requête invalide : {error}", ())
    return error_response(request, 400, f"invalid request: {error}", (), french)


async def _bug(request: Request, error: Exception) -> Response:
    message = "internal error: the server log has the details"
    french = ("erreur interne : le journal du serveur en donne le détail", ())
    return error_response(request, 500, message, (), french)


def error_response(
    request: Request,
    status: int,
    message: str,
    hints: Sequence[str] = (),
    french: tuple[str, Sequence[str]] | None = None,
) -> Response:
    """JSON unless the client prefers HTML: SPARQL clients and scripts get a message to print
    (in English); a page is in the reader's language, with ``french``'s message and hints."""
    body = {
        "status": status,
        "error": HTTPStatus(status).phrase,
        "message": message,
        "hints": list(hints),
    }
    wanted = choose((JSON, HTML), request.headers.get("accept"))
    if wanted is HTML and not request.url.path.endswith(".json"):
        lang = language(request)
        if lang == "fr" and french is not None:
            body = {**body, "message": french[0], "hints": list(french[1])}
        body["error"] = status_name(lang, status)
        return render_page(request, "error.html", body, status)
    return JSONResponse(body, status)
