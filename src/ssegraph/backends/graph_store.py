"""Writes to a SPARQL 1.1 Graph Store (HTTP PUT and POST of one named graph), signed in when
the store asks for it.

Virtuoso's ``/sparql-graph-crud-auth`` asks with HTTP Digest, and answers a request that does
not carry the answer with a 401 at once, closing the connection while a large body is still
being sent (urllib's own handler then fails with a broken pipe before it can retry). So the
challenge is fetched first with a bodiless GET, and each write carries its ``Authorization``
header from the start; a stale challenge is fetched again once. Basic, which Fuseki and GraphDB
ask for, is signed the same way. The user and password come from the caller or from
$SSEGRAPH_STORE_USER and $SSEGRAPH_STORE_PASSWORD, never from the code.
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from urllib.parse import quote

from rdflib import URIRef

from ssegraph.errors import BadParameter, QueryError

_TIMEOUT_FOR_CHALLENGE = 30


class GraphStore:
    """One Graph Store URL and, if it asks for them, the credentials to write there."""

    def __init__(
        self, url: str, *, timeout: int = 60, credentials: tuple[str, str] | None = None
    ) -> None:
        self.url = url
        self.timeout = timeout
        self.credentials = credentials or credentials_from_environment()
        self._challenge: str | None = None  # the store's WWW-Authenticate, once asked
        self._digest: urllib.request.HTTPDigestAuthHandler | None = None

    def send(self, method: str, graph: URIRef, body: bytes, media_type: str) -> None:
        """``method`` the body into the named graph; QueryError naming the store if refused."""
        url = f"{self.url}?graph={quote(str(graph), safe='')}"
        for fresh in (False, True):
            request = urllib.request.Request(
                url, data=body, method=method, headers={"Content-Type": media_type}
            )
            self._sign(request, fresh=fresh)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout):
                    return
            except urllib.error.HTTPError as error:
                if error.code == 401 and self.credentials is not None and not fresh:
                    continue  # the challenge went stale: ask for a new one, once
                detail = error.read().decode("utf-8", "replace").strip() or error.reason
                if error.code == 401:
                    detail += _credentials_hint(self.credentials)
                raise QueryError(f"graph store {self.url}", f"{method} {graph}: {detail}") from None
            except (urllib.error.URLError, OSError) as error:
                reason = error.reason if isinstance(error, urllib.error.URLError) else error
                raise QueryError(f"graph store {self.url}", f"cannot connect: {reason}") from None

    def _sign(self, request: urllib.request.Request, *, fresh: bool) -> None:
        if self.credentials is None:
            return
        if self._challenge is None or fresh:
            self._challenge = self._ask_challenge(request.full_url)
        scheme, _, parameters = self._challenge.partition(" ")
        if scheme.lower() == "basic":
            token = base64.b64encode(":".join(self.credentials).encode("utf-8")).decode("ascii")
            request.add_unredirected_header("Authorization", f"Basic {token}")
        elif scheme.lower() == "digest":
            if self._digest is None or fresh:
                known = urllib.request.HTTPPasswordMgrWithDefaultRealm()
                known.add_password(None, self.url, *self.credentials)
                self._digest = urllib.request.HTTPDigestAuthHandler(known)
            fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(parameters))
            answer = self._digest.get_authorization(request, fields)
            if answer is not None:
                request.add_unredirected_header("Authorization", f"Digest {answer}")

    def _ask_challenge(self, url: str) -> str:
        """The store's WWW-Authenticate for a bodiless GET ("" if it lets anyone in)."""
        try:
            with urllib.request.urlopen(url, timeout=_TIMEOUT_FOR_CHALLENGE):
                return ""
        except urllib.error.HTTPError as error:
            return error.headers.get("WWW-Authenticate", "") if error.code == 401 else ""
        except (urllib.error.URLError, OSError) as error:
            reason = error.reason if isinstance(error, urllib.error.URLError) else error
            raise QueryError(f"graph store {self.url}", f"cannot connect: {reason}") from None


def credentials_from_environment() -> tuple[str, str] | None:
    """$SSEGRAPH_STORE_USER and $SSEGRAPH_STORE_PASSWORD, both or neither."""
    user = os.environ.get("SSEGRAPH_STORE_USER")
    password = os.environ.get("SSEGRAPH_STORE_PASSWORD")
    if user is None and password is None:
        return None
    if not user or password is None:
        raise BadParameter(
            "SSEGRAPH_STORE_USER", "set it and SSEGRAPH_STORE_PASSWORD together, or neither"
        )
    return user, password


def _credentials_hint(credentials: tuple[str, str] | None) -> str:
    if credentials is None:
        return " (the store asks who writes: set SSEGRAPH_STORE_USER and SSEGRAPH_STORE_PASSWORD)"
    return f" (the store refused user {credentials[0]!r})"
