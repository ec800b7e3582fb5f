"""The HTTP parser the server runs: uvicorn's h11 protocol, which bounds a request's line and
headers (``h11_max_incomplete_event_size``) and so never buffers a 50 MB header. Past the
bound, h11 hints 431 (Request Header Fields Too Large); uvicorn answers every parse failure with
a plain 400, so this subclass keeps the hint and answers 431 with a message that says why.
"""

from __future__ import annotations

from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_CONNECTIONS = 1_000  # open connections and requests at once; uvicorn answers 503 past it
KEEP_ALIVE = 5  # seconds an idle connection is kept open for the client's next request
TOO_LARGE = (
    "the request line and headers are larger than this server accepts: send a long query by "
    "POST, in the body"
)


class BoundedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, answering 431 when the request head is past the size limit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._hint = 400
        next_event = self.conn.next_event

        def remembered() -> Any:
            try:
                return next_event()
            except h11.RemoteProtocolError as error:
                self._hint = error.error_status_hint
                raise

        self.conn.next_event = remembered  # type: ignore[method-assign]

    def send_400_response(self, msg: str) -> None:
        if self._hint != 431:
            super().send_400_response(msg)
            return
        body = TOO_LARGE.encode("ascii")
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode("ascii")),
            (b"connection", b"close"),
        ]
        self.transport.write(
            self.conn.send(
                h11.Response(status_code=431, headers=headers, reason=b"Header Too Large")
            )
            or b""
        )
        self.transport.write(self.conn.send(h11.Data(data=body)) or b"")
        self.transport.write(self.conn.send(h11.EndOfMessage()) or b"")
        self.transport.close()
