"""The web server and the query path as an attacker or a careless client would use them, on
127.0.0.1 only: no outbound request for a client (SERVICE), links only to the web, safety
headers on every response, bounded requests, answers and workers, invalid options refused.

A local listener on a free port counts the connections it receives: SERVICE queries aimed at it
must leave it untouched, and one aimed at an endpoint the operator allows must reach it (so the
listener is known to work).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ssegraph.graph import KnowledgeGraph
from ssegraph.guard import check_query
from ssegraph.serve.app import create_app
from ssegraph.serve.site import Settings
from ssegraph.servers import HOST, running_ssegraph

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
EVIL = "javascript:alert(document.domain)//"
EVIL_SOURCE = f"""@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/ssegraph/id/membership/ilo--gpiess--observer> prov:wasDerivedFrom <{EVIL}> .
<{EVIL}> dcterms:title "A source with a script for an IRI" .
"""


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.socket = socket.create_server((HOST, 0))
        self.socket.settimeout(0.1)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://{HOST}:{self.port}/sparql"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.socket.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


@pytest.fixture(scope="module")
def evil_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project with a source whose IRI is a script."""
    project = tmp_path_factory.mktemp("evil") / "project"
    shutil.copytree(MINI, project)
    (project / "data" / "evil.ttl").write_text(EVIL_SOURCE, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def client(evil_project: Path, listener: Listener) -> Iterator[TestClient]:
    kg = KnowledgeGraph.load(evil_project)
    settings = Settings(timeout=20, max_results=50, max_memory=256)
    with TestClient(create_app(kg, settings)) as client:
        yield client


def _service_queries(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"ASK {{ {{ OPTIONAL {{ FILTER EXISTS {{ SERVICE <{url}> {{ }} }} }} }} }}",
        f"SELECT * WHERE {{SERVICE<{url}>{{?s ?p ?o}}}}",  # no space: still the keyword
        f"PREFIX e: <{url}#> SELECT * WHERE {{ SERVICEe:x {{ ?s ?p ?o }} }}",
        f"CONSTRUCT WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


@pytest.mark.parametrize("form", ["get", "post-form", "post-query", "editor"])
def test_service_is_refused_before_any_connection(
    client: TestClient, listener: Listener, form: str
) -> None:
    before = listener.connections
    for query in _service_queries(listener.url):
        if form == "get":
            response = client.get("/sparql", params={"query": query})
        elif form == "post-form":
            response = client.post("/sparql", data={"query": query})
        elif form == "post-query":
            headers = {"content-type": "application/sparql-query"}
            response = client.post("/sparql", content=query, headers=headers)
        else:
            response = client.get("/query", params={"query": query})
        assert response.status_code == 400, query
        assert "SERVICE" in response.text
    time.sleep(0.3)  # a connection would have arrived by now
    assert listener.connections == before


def test_the_word_service_in_a_literal_or_an_iri_is_data() -> None:
    check_query('SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:1/> {}" }')
    check_query("SELECT ?service WHERE { ?service a <http://example.org/service> } # SERVICE")


def test_an_endpoint_the_operator_allows_is_called_and_no_other(
    evil_project: Path, listener: Listener
) -> None:
    kg = KnowledgeGraph.load(evil_project)
    settings = Settings(timeout=5, allow_service=(listener.url,))
    other = f"http://{HOST}:{listener.port}/elsewhere"
    before = listener.connections
    with TestClient(create_app(kg, settings)) as allowed:
        refused = allowed.get("/sparql", params={"query": _service_queries(other)[0]})
        assert refused.status_code == 400
        time.sleep(0.3)
        assert listener.connections == before
        called = allowed.get("/sparql", params={"query": _service_queries(listener.url)[0]})
        assert called.status_code != 400 or "SERVICE" not in called.json()["message"]
    assert listener.connections > before


def test_an_iri_with_a_script_scheme_is_shown_as_text_never_a_link(client: TestClient) -> None:
    pages = [
        client.get("/"),
        client.get("/id/org/ilo"),
        client.get("/query", params={"query": f"SELECT ?x WHERE {{ BIND(<{EVIL}> AS ?x) }}"}),
        client.get(
            "/query", params={"query": "SELECT ?x WHERE { BIND(<data:text/html,x> AS ?x) }"}
        ),
    ]
    for page in pages:
        assert page.status_code == 200
        assert 'href="javascript:' not in page.text and 'href="data:' not in page.text
    assert "A source with a script for an IRI</span>" in pages[0].text
    assert 'href="/id/org/ilo"' in client.get("/search", params={"q": "ilo"}).text


def test_no_link_of_a_page_leads_to_another_host(client: TestClient) -> None:
    page = client.get("//evil.example/x", headers={"accept": "text/html"})
    assert 'href="//' not in page.text


@pytest.mark.parametrize(
    "path", ["/", "/id/org/ilo", "/sparql?query=ASK{}", "/no-such-page", "/static/style.css"]
)
def test_every_response_carries_the_safety_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_no_cors_unless_the_operator_names_an_origin(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"origin": "https://any.example"}
    )
    assert "access-control-allow-origin" not in response.headers


def test_a_body_past_the_limit_gets_413(client: TestClient) -> None:
    response = client.post(
        "/sparql", content=b"x" * (2 << 20), headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert "limit" in response.json()["message"]
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    "params",
    [
        {"query": "ASK {}", "default-graph-uri": "not an iri"},
        {"query": "ASK {}", "named-graph-uri": "relative"},
        {"query": "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000},
        {"query": "SELECT (" + "+".join(["1"] * 5_000) + " AS ?x) {}"},
    ],
    ids=["default-graph", "named-graph", "nested-braces", "chained-operators"],
)
def test_bad_queries_get_400_and_the_worker_lives(
    client: TestClient, params: dict[str, str]
) -> None:
    response = client.post("/sparql", data=params)
    assert response.status_code == 400, response.text
    assert response.json()["message"]
    assert client.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True


def test_a_16_mib_literal_gets_400_not_500(evil_project: Path) -> None:
    kg = KnowledgeGraph.load(evil_project)
    # What is pinned is the status, not the speed: a generous timeout, so that a loaded machine
    # (the guard and the parser read 16 MiB) does not turn the 400 into a timeout's 503.
    settings = Settings(timeout=120, max_body=32 << 20)
    literal = "x" * (16 << 20)
    with TestClient(create_app(kg, settings)) as roomy:
        response = roomy.post(
            "/sparql",
            content=f'SELECT ?x WHERE {{ BIND("{literal}" AS ?x) }}',
            headers={"content-type": "application/sparql-query"},
        )
    assert response.status_code == 400
    assert "answer too large" in response.json()["message"]


def test_a_query_past_the_memory_limit_gets_503_and_the_server_goes_on(
    client: TestClient,
) -> None:
    # every pair of statements, sorted: far more than the worker's 256 MiB
    hungry = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"
    response = client.get("/sparql", params={"query": hungry})
    assert response.status_code == 503
    assert "memory" in response.json()["message"]
    assert client.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True


# ---- a real server: the HTTP parser's limits and fairness under a slow-client mix


@pytest.fixture(scope="module")
def server(evil_project: Path) -> Iterator[str]:
    options = ("--timeout", "2", "--workers", "2", "--max-body", "65536")
    with running_ssegraph(*options, project=evil_project) as base:
        yield base


def _raw(base: str, request: bytes) -> bytes:
    """Send raw bytes to the server and read its answer (it may close before all are sent)."""
    port = int(base.rsplit(":", 1)[1])
    received = b""
    with socket.create_connection((HOST, port), timeout=5) as connection:
        with contextlib.suppress(ConnectionError):
            connection.sendall(request)
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except ConnectionError:
            pass
    return received


def test_a_declared_huge_body_is_refused_before_it_is_sent(server: str) -> None:
    """Only the head is sent: a server that waited for the body would leave ``_raw``'s read
    to time out (an error), so the 413 shows it answered from the head alone."""
    head = (
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 300000000\r\n\r\n"
    )
    answer = _raw(server, head)
    assert answer.startswith(b"HTTP/1.1 413")


def test_oversized_headers_get_431(server: str) -> None:
    head = b"GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 200_000 + b"\r\n\r\n"
    assert _raw(server, head).startswith(b"HTTP/1.1 431")


def test_slow_clients_do_not_starve_fast_ones(server: str) -> None:
    import asyncio

    import httpx

    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    fast: list[tuple[int, float]] = []
    seconds = 4.0

    async def loop(http: httpx.AsyncClient, query: str, record: bool) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            sent = time.monotonic()
            response = await http.get("/sparql", params={"query": query})
            if record:
                fast.append((response.status_code, time.monotonic() - sent))

    async def mix() -> None:
        async with httpx.AsyncClient(base_url=server, timeout=30) as http:
            slow_loops = [loop(http, slow, False) for _ in range(5)]
            fast_loops = [loop(http, "ASK { ?s ?p ?o }", True) for _ in range(10)]
            await asyncio.gather(*slow_loops, *fast_loops)

    asyncio.run(mix())
    answered = [waited for status, waited in fast if status == 200]
    assert len(answered) >= 0.9 * len(fast) and len(answered) > 20
    assert max(waited for _, waited in fast) < 2 + 1  # the time limit, and a margin
