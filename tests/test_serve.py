"""The web server: the SPARQL 1.1 Protocol endpoint, the pages and their JSON twins.

Most tests go through FastAPI's TestClient (in process, fast, the query workers forked as in
production); the endpoint is also exercised against a real ``ssegraph serve`` on 127.0.0.1,
with SPARQLWrapper and plain HTTP, including a query that runs past the server's time limit.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import xml.dom.minidom
from collections.abc import Iterator
from urllib.error import HTTPError

import httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from ssegraph.backends.projection import leading_keyword
from ssegraph.graph import KnowledgeGraph
from ssegraph.serve.app import create_app
from ssegraph.serve.i18n import MESSAGES
from ssegraph.serve.negotiate import GRAPHS, HTML, PAGES, SOLUTIONS, choose
from ssegraph.serve.negotiate import JSON as PAGE_JSON
from ssegraph.serve.pool import _Worker
from ssegraph.serve.site import Settings
from ssegraph.servers import running_ssegraph
from ssegraph.vocab import ID, ID_KINDS, SKOS

ILO = ID["org/ilo"]
TASK_FORCE = "United Nations Inter-Agency Task Force on Social and Solidarity Economy"
LABELS = "SELECT ?s ?label WHERE { ?s skos:prefLabel ?label } ORDER BY ?s ?label"
# Three independent patterns over the whole store: billions of solutions to count.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
YASGUI = "https://yasgui.example"


@pytest.fixture(scope="module")
def client(kg: KnowledgeGraph) -> Iterator[TestClient]:
    settings = Settings(timeout=20, max_results=5, cors_origins=(YASGUI,))
    with TestClient(create_app(kg, settings)) as client:
        yield client


@pytest.fixture(scope="module")
def roomy(kg: KnowledgeGraph) -> Iterator[TestClient]:
    """A client of a server with the default caps."""
    with TestClient(create_app(kg, Settings(timeout=20))) as client:
        yield client


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A real server with a one-second time limit."""
    options = ("--timeout", "1", "--max-results", "100000", "--cors-origin", YASGUI)
    with running_ssegraph(*options) as base:
        yield base


def _endpoint(base: str, query: str, return_format: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(base + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(return_format)
    return sparql


# ---- content negotiation and query forms


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "json"),
        ("*/*", "json"),
        ("text/csv", "csv"),
        ("text/csv, */*", "csv"),  # the exact match outranks */* at the same weight
        ("application/sparql-results+json,*/*;q=0.9", "json"),  # YASGUI
        ("text/tab-separated-values;q=0.5, application/sparql-results+xml", "xml"),
        ("text/csv;q=0, */*", "json"),  # q=0 rules text/csv out
        ("application/json", "json"),
        ("application/*", "json"),
        ("text/csv;q=0.5, text/*;q=0.9", "xml"),  # text/xml is an alias of SPARQL XML
    ],
)
def test_the_accept_header_chooses_the_results_format(accept: str | None, expected: str) -> None:
    chosen = choose(SOLUTIONS, accept)
    assert chosen is not None and chosen.name == expected


def test_the_format_parameter_wins_over_accept_and_unknown_formats_are_none() -> None:
    assert choose(SOLUTIONS, "text/csv", "tsv").name == "tsv"  # type: ignore[union-attr]
    assert choose(GRAPHS, None, "xml").media_type == "application/rdf+xml"  # type: ignore[union-attr]
    assert choose(GRAPHS, None, "json-ld").media_type == "application/ld+json"  # type: ignore[union-attr]
    assert choose(SOLUTIONS, "image/png") is None
    assert choose(SOLUTIONS, None, "yaml") is None


def test_a_browser_gets_html_and_a_program_gets_json() -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert choose(PAGES, browser) is HTML
    assert choose(PAGES, "application/json") is PAGE_JSON
    assert choose(PAGES, None) is HTML


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "select"),
        ("# a comment\nPREFIX ex: <http://example.org/#>\nprefix : <x:>\nASK {}", "ask"),
        ("BASE <http://example.org/> CONSTRUCT WHERE { ?s ?p ?o }", "construct"),
        ("describe <http://example.org/>", "describe"),
        ("PREFIX ex: <http://example.org/> INSERT DATA { ex:a ex:b ex:c }", "insert"),
        ("  ", None),
    ],
)
def test_the_query_form_is_the_first_keyword_after_the_prologue(
    text: str, form: str | None
) -> None:
    assert leading_keyword(text) == form


# ---- the endpoint, in process


@pytest.mark.parametrize(
    ("accept", "media_type", "starts"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", b'{"head"'),
        ("application/sparql-results+xml", "application/sparql-results+xml", b"<?xml"),
        ("text/csv", "text/csv", b"s,label\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", b"?s\t?label\n"),
    ],
)
def test_select_answers_in_each_results_format(
    client: TestClient, accept: str, media_type: str, starts: bytes
) -> None:
    response = client.get("/sparql", params={"query": LABELS}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.content.startswith(starts)


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_describe_answers_in_each_rdf_format(
    client: TestClient, accept: str, media_type: str, rdflib_format: str
) -> None:
    query = f"DESCRIBE <{ILO}>"
    response = client.get("/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert len(graph) == 5  # the cap of this client's server


def test_an_answer_past_the_result_cap_is_cut_and_says_so(client: TestClient) -> None:
    cut = client.get("/sparql", params={"query": LABELS, "format": "json"})
    assert len(cut.json()["results"]["bindings"]) == 5
    assert cut.headers["x-sparql-maxrows"] == "5"
    whole = client.get("/sparql", params={"query": f"{LABELS} LIMIT 5", "format": "json"})
    assert len(whole.json()["results"]["bindings"]) == 5
    assert "x-sparql-maxrows" not in whole.headers


def test_post_takes_a_form_or_a_bare_query(client: TestClient) -> None:
    form = client.post("/sparql", data={"query": "ASK { ?s ?p ?o }"})
    bare = client.post(
        "/sparql",
        content="ASK { ?s ?p ?o }",
        headers={"content-type": "application/sparql-query", "accept": "text/csv"},
    )
    assert form.json() == {"head": {}, "boolean": True}
    assert bare.text == "true"


def test_the_default_graph_is_the_union_unless_the_request_names_graphs(
    client: TestClient, kg: KnowledgeGraph
) -> None:
    def count(**params: str) -> int:
        answer = client.get("/sparql", params={"query": COUNT, **params}).json()
        return int(answer["results"]["bindings"][0]["n"]["value"])

    actors = "https://w3id.org/ssegraph/graph/data/actors"
    assert count() == len(kg)  # one statement, one file: the union counts each once
    assert 0 < count(**{"default-graph-uri": actors}) < len(kg)


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "GET", "params": {"update": "CLEAR ALL"}},
        {"method": "POST", "data": {"update": "CLEAR ALL"}},
        {
            "method": "POST",
            "content": "CLEAR ALL",
            "headers": {"content-type": "application/sparql-update"},
        },
        {"method": "GET", "params": {"query": "DROP ALL"}},  # an update sent as a query
    ],
    ids=["get-update", "post-update-form", "post-sparql-update", "update-as-query"],
)
def test_updates_are_refused_with_403_and_change_nothing(
    client: TestClient, kg: KnowledgeGraph, request_kwargs: dict[str, object]
) -> None:
    """The store is counted where queries run, in the server's workers (the parent's own
    store is never what a query reads), before and after the update."""

    def counted() -> int:
        answer = client.get("/sparql", params={"query": COUNT}).json()
        return int(answer["results"]["bindings"][0]["n"]["value"])

    before = counted()
    response = client.request(url="/sparql", **request_kwargs)  # type: ignore[arg-type]
    assert response.status_code == 403
    assert "read-only" in response.json()["message"]
    assert counted() == before == len(kg)


def test_a_malformed_query_gets_400_with_the_parsers_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert response.json()["message"].startswith("SPARQL syntax: error at 1:")


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"params": {"query": ["ASK {}", "ASK {}"]}}, 400),
        ({"params": {"query": ""}}, 400),
        ({"params": {"query": "ASK {}"}, "headers": {"accept": "image/png"}}, 406),
        ({"params": {"query": "ASK {}", "format": "yaml"}}, 406),
    ],
    ids=["two-queries", "empty-query", "unacceptable", "unknown-format"],
)
def test_bad_requests_get_a_clear_json_error(
    client: TestClient, kwargs: dict[str, object], status: int
) -> None:
    response = client.get("/sparql", **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status
    assert response.json()["message"]


def test_a_post_in_another_content_type_gets_415(client: TestClient) -> None:
    response = client.post("/sparql", content="{}", headers={"content-type": "application/json"})
    assert response.status_code == 415


def test_get_without_a_query_describes_the_service(client: TestClient) -> None:
    response = client.get("/sparql")
    graph = Graph().parse(data=response.text, format="turtle")
    service = URIRef("http://www.w3.org/ns/sparql-service-description#UnionDefaultGraph")
    assert (None, None, service) in graph


def test_cors_lets_the_configured_origin_query_the_endpoint(client: TestClient) -> None:
    origin = {"origin": YASGUI}
    preflight = client.options(
        "/sparql", headers={**origin, "access-control-request-method": "POST"}
    )
    response = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    elsewhere = client.get(
        "/sparql", params={"query": "ASK {}"}, headers={"origin": "https://evil.example"}
    )
    assert preflight.headers["access-control-allow-origin"] == YASGUI
    assert response.headers["access-control-allow-origin"] == YASGUI
    assert "access-control-allow-origin" not in elsewhere.headers


# ---- pages


def test_the_home_page_counts_what_the_graph_holds_and_offers_a_search(
    client: TestClient, kg: KnowledgeGraph
) -> None:
    page = client.get("/")
    data = client.get("/.json").json()
    assert 'action="/search"' in page.text
    counted = client.get("/sparql", params={"query": COUNT}).json()  # by the workers' store
    assert data["statistics"]["statements"] == int(counted["results"]["bindings"][0]["n"]["value"])
    assert any(count["node"].endswith("#State") for count in data["statistics"]["classes"])


@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=ilo", "/id/org/ilo", "/query", "/query/members-as-of", "/ontology"],
)
def test_every_page_has_a_json_twin(client: TestClient, path: str) -> None:
    page, _, query = path.partition("?")
    twin = ("/.json" if page == "/" else page + ".json") + (f"?{query}" if query else "")
    asked = client.get(f"{path}{'&' if query else '?'}format=json")
    html = client.get(path)
    assert html.headers["content-type"].startswith("text/html")
    assert client.get(twin).json() == asked.json()


def test_pages_speak_french_when_asked_or_when_the_browser_prefers_it(
    client: TestClient,
) -> None:
    by_parameter = client.get("/id/org/ilo", params={"lang": "fr"})
    by_header = client.get("/id/org/ilo", headers={"accept-language": "fr-CA,fr;q=0.9,en;q=0.5"})
    english = client.get("/id/org/ilo")
    for page in (by_parameter, by_header):
        assert '<html lang="fr">' in page.text
        assert "Organisation internationale du Travail</h1>" in page.text
        assert ">English</a>" in page.text  # the switch back
    assert "International Labour Organization</h1>" in english.text
    assert 'href="/id/org/ilo?lang=fr"' in english.text


def test_links_keep_an_explicit_language_choice(client: TestClient) -> None:
    page = client.get("/search", params={"q": "OIT", "lang": "fr"})
    assert 'href="/id/org/ilo?lang=fr"' in page.text


@pytest.mark.parametrize("text", ["OIT", "oit", "ILO", "Organisation Internationale du Travail"])
def test_search_finds_a_node_by_any_name_ignoring_case_and_accents(
    client: TestClient, text: str
) -> None:
    matches = client.get("/search.json", params={"q": text}).json()["matches"]
    assert matches[0]["node"] == str(ILO)
    assert matches[0]["kind"] == "org"


def test_search_without_accents_finds_accented_names(client: TestClient) -> None:
    matches = client.get("/search.json", params={"q": "economie sociale"}).json()["matches"]
    assert any("économie sociale" in match["matched"].lower() for match in matches)


def test_a_search_that_finds_nothing_suggests_the_nearest_names(client: TestClient) -> None:
    data = client.get("/search.json", params={"q": "UNTFSE"}).json()
    assert data["matches"] == [] and data["nearest"]


def test_what_a_client_sends_is_escaped_in_pages(client: TestClient) -> None:
    page = client.get("/search", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in page.text
    assert "&lt;script&gt;alert(1)" in page.text


def test_the_actor_page_shows_memberships_with_role_and_sources(client: TestClient) -> None:
    page = client.get("/id/org/ilo").text
    data = client.get("/id/org/ilo.json").json()
    membership = next(m for m in data["node"]["memberships"] if m["other_label"] == TASK_FORCE)
    assert membership["role"] == "member"
    assert {"2014-09-17", "2017-07-08"} <= set(membership["attested_on"])
    titles = {data["cited"][source]["title"] for source in membership["sources"]}
    assert "Présentation" in titles
    assert 'href="/id/org/untfsse"' in page
    assert 'class="source" href="/id/source/gpiess-presentation-2017"' in page


def test_a_membership_shows_the_period_it_is_held_and_its_source(client: TestClient) -> None:
    page = client.get("/id/org/ripess").text
    data = client.get("/id/org/ripess.json").json()
    seat = next(m for m in data["node"]["memberships"] if m["other_label"] == TASK_FORCE)
    assert (seat["role"], seat["start"], seat["end"]) == ("observer", "2013-05-01", None)
    assert "id:source/untfsse-origins" in seat["sources"]
    assert data["cited"]["id:source/untfsse-origins"]["iri"] == str(ID["source/untfsse-origins"])
    row = _row_of(page, '<td><a href="/id/membership/ripess--untfsse--observer">')
    assert '<td class="period">from 2013-05-01 on</td>' in row
    assert 'class="source" href="/id/source/untfsse-origins"' in row
    # a representative's seat ends: held from one day through another
    assert "from 2013-05-01 through 2014-02-28" in page


def test_the_period_words_are_french_on_a_french_page(client: TestClient) -> None:
    page = client.get("/id/org/ripess", params={"lang": "fr"}).text
    assert '<td class="period">depuis le 2013-05-01</td>' in page
    assert "du 2013-05-01 au 2014-02-28" in page
    assert 'class="source" href="/id/source/untfsse-origins?lang=fr"' in page


def test_each_event_and_outcome_shows_its_sources(client: TestClient) -> None:
    page = client.get("/id/org/gsef").text
    data = client.get("/id/org/gsef.json").json()
    assert data["node"]["events"] and data["node"]["outcomes"]
    for link in data["node"]["events"] + data["node"]["outcomes"]:
        assert link["sources"], link["label"]
        row = _row_of(page, f'<td><a href="/id/{link["node"].removeprefix(str(ID))}">')
        for cited_as in link["sources"]:
            assert f'class="source" href="/id/{cited_as.removeprefix("id:")}"' in row
    agenda = next(o for o in data["node"]["outcomes"] if o["label"] == "New Urban Agenda")
    assert set(agenda["sources"]) == {
        "id:source/a-res-71-256",
        "id:source/gsef-international-collaboration",
    }


def _row_of(page: str, marker: str) -> str:
    """The table row of ``page`` that holds ``marker``."""
    at = page.index(marker)
    return page[page.rindex("<tr", 0, at) : page.index("</tr>", at)]


def test_the_node_page_draws_its_neighbourhood_as_inline_svg(client: TestClient) -> None:
    page = client.get("/id/org/ilo").text
    picture = client.get("/id/org/ilo.json").json()["picture"]
    svg = page[page.index('<svg class="neighbourhood"') : page.index("</svg>")]
    assert "<script" not in svg and "<a href=" in svg
    assert {spot["node"] for spot in picture["spots"]} >= {
        str(ID["org/untfsse"]),
        str(ID["event/ilc-108-2019"]),
        str(ID["outcome/ilo-centenary-declaration"]),
    }


@pytest.mark.parametrize("path", ["person/laurence-kwark", "event/habitat-iii-2016",
                                  "outcome/new-urban-agenda", "source/gpiess-presentation-2017",
                                  "membership/france--gpiess--member", "state/france"])  # fmt: skip
def test_every_kind_of_node_has_a_page(client: TestClient, path: str) -> None:
    response = client.get(f"/id/{path}")
    assert response.status_code == 200
    assert f"<code>{ID[path]}</code>" in response.text


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld")],
)
def test_an_iri_dereferences_to_rdf_for_clients_that_ask(
    roomy: TestClient, accept: str, rdflib_format: str
) -> None:
    response = roomy.get("/id/org/ilo", headers={"accept": accept})
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert response.headers["content-type"].startswith(accept)
    assert (ILO, SKOS.altLabel, Literal("OIT", lang="fr")) in graph
    assert (ID["org/untfsse"], SKOS.prefLabel, Literal(TASK_FORCE, lang="en")) in graph


def test_an_iris_rdf_is_cut_at_the_result_cap_and_says_so(client: TestClient) -> None:
    response = client.get("/id/org/ilo", headers={"accept": "text/turtle"})
    assert len(Graph().parse(data=response.content, format="turtle")) == 5
    assert response.headers["x-sparql-maxrows"] == "5"


def test_an_iri_in_a_format_the_server_lacks_gets_406(client: TestClient) -> None:
    assert client.get("/id/org/ilo", headers={"accept": "image/png"}).status_code == 406


@pytest.mark.parametrize("path", ["/id/org/no-such-body", "/id/org/ilo/more", "/id/org/a b"])
def test_an_unknown_iri_gets_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
    assert (
        client.get(path, headers={"accept": "text/html"})
        .headers["content-type"]
        .startswith("text/html")
    )


def test_the_query_page_lists_the_catalogue_and_runs_the_editors_query(
    client: TestClient, kg: KnowledgeGraph
) -> None:
    page = client.get("/query").text
    data = client.get("/query.json", params={"query": "SELECT ?s WHERE { ?s a sse:State }"}).json()
    assert 'href="/query/members-as-of"' in page and "<textarea" in page
    assert len(data["table"]["rows"]) == 5 and data["truncated"]  # this client's cap


def test_the_editor_shows_a_malformed_query_beside_it(client: TestClient) -> None:
    response = client.get("/query", params={"query": "SELECT nonsense"})
    assert response.status_code == 400
    assert "SPARQL syntax: error at 1:" in response.text and "<textarea" in response.text


def test_a_catalogue_query_runs_with_the_parameters_of_its_form(client: TestClient) -> None:
    params = {"group": "GPIESS", "date": "2014-09-17"}
    page = client.get("/query/members-as-of", params=params).text
    data = client.get("/query/members-as-of.json", params=params).json()
    members = {row[0]["text"] for row in data["table"]["rows"]}
    assert "France" in members
    assert data["values"] == {"group": "GPIESS", "date": "2014-09-17", "lang": "en"}
    assert 'name="group" value="GPIESS"' in page and 'href="/id/state/france"' in page


def test_a_catalogue_query_adds_each_rows_sources_when_asked(client: TestClient) -> None:
    params = {"group": "GPIESS", "date": "2017-07-08", "sources": "1"}
    page = client.get("/query/members-as-of", params=params).text
    data = client.get("/query/members-as-of.json", params=params).json()
    plain = client.get("/query/members-as-of.json", params={**params, "sources": ""}).json()
    assert data["results"]["head"]["vars"][-1] == "sources"
    assert "sources" not in plain["results"]["head"]["vars"]
    assert data["sources"] is True and plain["sources"] is False
    france = [
        row["sources"]["value"].split()
        for row in data["results"]["results"]["bindings"]
        if row["member"]["value"] == str(ID["state/france"])
    ]
    assert any("id:source/gpiess-presentation-2017" in row for row in france)  # its chair
    cells = [row[-1] for row in data["table"]["rows"] if row[0]["text"] == "France"]
    assert any(
        part["node"] == str(ID["source/gpiess-presentation-2017"])
        for cell in cells
        for part in cell["parts"]
    )
    assert 'name="sources" value="1" type="checkbox" checked' in page
    assert (
        'href="/id/source/gpiess-presentation-2017">id:source/gpiess-presentation-2017</a>' in page
    )


def test_a_catalogue_query_takes_its_label_language_from_the_page(client: TestClient) -> None:
    data = client.get("/query/members-as-of.json", params={"lang": "fr"}).json()
    assert data["values"]["lang"] == "fr"


def test_a_bad_catalogue_parameter_or_name_gets_a_clear_error(client: TestClient) -> None:
    bad_date = client.get("/query/members-as-of.json", params={"date": "yesterday"})
    unknown = client.get("/query/no-such-question")
    assert bad_date.status_code == 400 and "YYYY-MM-DD" in bad_date.json()["message"]
    assert unknown.status_code == 404 and "members-as-of" in unknown.json()["hints"]


def test_the_ontology_page_gives_both_labels_and_definitions(client: TestClient) -> None:
    data = client.get("/ontology.json").json()["ontology"]
    state = next(term for term in data["classes"] if term["name"] == "sse:State")
    country = next(term for term in data["properties"] if term["name"] == "sse:country")
    assert state["labels"] == {"en": "State", "fr": "État"}
    assert set(state["definitions"]) == {"en", "fr"}
    assert "http://www.w3.org/ns/org#FormalOrganization" in state["refines"]
    assert country["range"] == ["https://schema.org/Country"]
    assert "Organisation ou personne" in client.get("/ontology", params={"lang": "fr"}).text


def test_both_languages_have_every_message_and_every_kind_of_node() -> None:
    assert set(MESSAGES["en"]) == set(MESSAGES["fr"])
    assert {f"kind_{kind}" for kind in ID_KINDS} <= set(MESSAGES["en"])


# ---- a real server


@pytest.mark.parametrize(
    ("return_format", "check"),
    [
        (JSON, lambda answer: answer["results"]["bindings"][0]["label"]["value"]),
        (XML, lambda answer: answer.getElementsByTagName("result")),
        (CSV, lambda answer: list(csv.reader(io.StringIO(answer.decode())))[1]),
        (TSV, lambda answer: answer.decode().splitlines()[1]),
    ],
    ids=["json", "xml", "csv", "tsv"],
)
def test_sparqlwrapper_reads_every_results_format_from_a_real_server(
    server: str, return_format: str, check: object
) -> None:
    answer = _endpoint(server, LABELS, return_format).queryAndConvert()
    if return_format == XML:
        assert isinstance(answer, xml.dom.minidom.Document)
    assert check(answer)  # type: ignore[operator]


@pytest.mark.parametrize("method", ["get", "post-form", "post-direct"])
def test_sparqlwrapper_queries_by_get_and_both_kinds_of_post(server: str, method: str) -> None:
    sparql = _endpoint(server, f"ASK {{ <{ILO}> ?p ?o }}", JSON)
    if method != "get":
        sparql.setMethod(POST)
    if method == "post-direct":
        sparql.setRequestMethod(POSTDIRECTLY)
    assert sparql.queryAndConvert() == {"head": {}, "boolean": True}


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("return_format", [TURTLE, JSONLD, XML])
def test_sparqlwrapper_reads_a_construct_in_rdf(server: str, return_format: str) -> None:
    query = f"CONSTRUCT {{ <{ILO}> ?p ?o }} WHERE {{ <{ILO}> ?p ?o }}"
    answer = _endpoint(server, query, return_format).queryAndConvert()
    graph = answer if isinstance(answer, Graph) else Graph().parse(data=answer, format="turtle")
    assert (ILO, SKOS.altLabel, Literal("ILO", lang="en")) in graph


def test_a_real_server_refuses_an_update_from_sparqlwrapper(server: str) -> None:
    sparql = _endpoint(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", JSON)
    sparql.setMethod(POST)
    with pytest.raises(HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    assert "read-only" in json.loads(refused.value.read())["message"]
    ask = _endpoint(server, "ASK { <urn:a> ?p ?o }", JSON).queryAndConvert()
    assert ask["boolean"] is False  # type: ignore[index]


def test_a_real_server_answers_a_malformed_query_with_400(server: str) -> None:
    with pytest.raises(QueryBadFormed, match="expected"):
        _endpoint(server, "SELECT * WHERE { ?s ?p }", JSON).query()


def test_a_query_past_the_time_limit_is_stopped_and_the_server_keeps_serving(
    server: str,
) -> None:
    slow = httpx.get(f"{server}/sparql", params={"query": SLOW}, timeout=30)
    assert slow.status_code == 503
    assert "time limit of 1 s" in slow.json()["message"]
    again = httpx.get(f"{server}/sparql", params={"query": COUNT, "format": "json"}, timeout=10)
    assert again.status_code == 200
    assert httpx.get(f"{server}/id/org/ilo", timeout=10).status_code == 200


def test_a_real_server_sends_cors_headers(server: str) -> None:
    response = httpx.get(
        f"{server}/sparql",
        params={"query": "ASK {}"},
        headers={"origin": YASGUI},
        timeout=10,
    )
    assert response.headers["access-control-allow-origin"] == YASGUI


def test_an_iri_fetched_as_turtle_from_a_real_server_parses_with_rdflib(server: str) -> None:
    response = httpx.get(f"{server}/id/org/ilo", headers={"accept": "text/turtle"}, timeout=10)
    graph = Graph().parse(data=response.text, format="turtle")
    assert (
        ILO,
        SKOS.prefLabel,
        Literal("Organisation internationale du Travail", lang="fr"),
    ) in graph


def test_an_error_page_is_in_french_while_its_json_stays_english(client: TestClient) -> None:
    path = "/id/org/no-such-body"
    page = client.get(path, params={"lang": "fr"}, headers={"accept": "text/html"})
    answer = client.get(path, params={"lang": "fr"}, headers={"accept": "application/json"})
    assert page.status_code == answer.status_code == 404
    assert "<h1>Erreur 404 : Introuvable</h1>" in page.text
    assert "rien dans le graphe ne s&#39;appelle" in page.text
    assert answer.json()["error"] == "Not Found"
    assert answer.json()["message"].startswith("nothing in the graph is called")


def test_an_unknown_route_names_its_status_in_french(client: TestClient) -> None:
    page = client.get("/no/such/page", params={"lang": "fr"}, headers={"accept": "text/html"})
    assert page.status_code == 404
    assert '<p class="error" role="alert">Introuvable</p>' in page.text


def test_a_worker_forked_while_a_client_is_connected_lets_go_of_its_connection(
    mini: KnowledgeGraph,
) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(listener.getsockname())
    accepted, _ = listener.accept()
    worker = _Worker(mini, 0)  # a fork copies the open connection
    try:
        accepted.close()  # the server closes it (a keep-alive connection past its timeout)
        client.settimeout(30)
        assert client.recv(1) == b""  # the client sees it closed: no copy is left open
        assert worker.process.is_alive()
    finally:
        worker.stop(wait=True)
        client.close()
        listener.close()
