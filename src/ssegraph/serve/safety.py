"""What every response carries and what no request may exceed, as two small ASGI middlewares.

``SecurityHeaders`` adds a Content-Security-Policy that allows scripts, styles and pictures
from this origin only (no inline script, no other site; the neighbourhood pictures are inline
SVG, which needs no script), and forbids framing, MIME sniffing and sending the page's address
to other sites. ``BodyLimit`` refuses a request body past the operator's limit with 413: at
once when ``Content-Length`` says so, else as soon as the bytes read pass it, so a large upload
is never held in memory. Header size is bounded by the HTTP parser (``app.serve``).
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ssegraph.serve.errors import HttpError

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """Adds ``HEADERS`` to every HTTP response, errors and static files included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS if name not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies longer than ``limit`` bytes with 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    def _message(self) -> str:
        return (
            f"the request body is larger than this server's limit of {self.limit:,} bytes: "
            "send a shorter query"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        try:
            too_long = declared is not None and int(declared) > self.limit
        except ValueError:
            too_long = False  # the HTTP parser refuses a malformed length itself
        if too_long:
            await _refuse(send, 413, self._message())
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise HttpError(413, self._message())
            return message

        await self.app(scope, counted, send)


async def _refuse(send: Send, status: int, message: str) -> None:
    from http import HTTPStatus

    body = json.dumps(
        {"status": status, "error": HTTPStatus(status).phrase, "message": message, "hints": []}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
