"""The query page (YASGUI), the network view and its downloads, and the links on node pages,
through FastAPI's TestClient on the real graph (the browser's side: test_serve_browser.py).
"""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from ssegraph.catalogue import Catalogue
from ssegraph.graph import KnowledgeGraph
from ssegraph.network import NETWORKS
from ssegraph.network_io import GEXF_NAMESPACE
from ssegraph.serve.app import create_app
from ssegraph.serve.i18n import LANGUAGES
from ssegraph.serve.network import DOWNLOADS, FIRST_YEAR, drawn
from ssegraph.serve.safety import POLICY
from ssegraph.serve.site import Settings
from ssegraph.serve.words import WORDS
from ssegraph.vocab import ID

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SIDE_EVENT = "/id/event/sse-resolution-side-event-2022"
SIDE_EVENT_SOURCE = "/id/source/ilo-sse-resolution-side-event-2022"


@pytest.fixture(scope="module")
def client(kg: KnowledgeGraph) -> Iterator[TestClient]:
    with TestClient(create_app(kg, Settings(timeout=30))) as client:
        yield client


def _scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page)


# ---- the query page


def test_a_browser_opening_sparql_gets_the_query_page_and_clients_the_description(
    client: TestClient,
) -> None:
    page = client.get("/sparql", headers={"accept": BROWSER})
    described = client.get("/sparql", headers={"accept": "*/*"})
    answered = client.get("/sparql", params={"query": "ASK {}"}, headers={"accept": BROWSER})
    assert page.headers["content-type"].startswith("text/html")
    assert 'id="yasgui" data-endpoint="/sparql"' in page.text
    assert described.headers["content-type"].startswith("text/turtle")
    assert answered.status_code == 200 and "true" in answered.text  # XML results, q=0.9


def test_the_query_page_loads_yasgui_from_this_server_only(client: TestClient) -> None:
    page = client.get("/query").text
    scripts = _scripts(page)
    assert scripts and all(re.search(r'src="/static/[^"]+"', tag) for tag in scripts)
    assert "<script>" not in page and "style=" not in page  # nothing inline for the CSP
    assert re.search(r'<link rel="stylesheet" href="/static/vendor/yasgui/yasgui.min.css">', page)
    assert not re.search(r'(src|href)="(https?:)?//', page.split("<main>")[0])


def test_the_query_script_leaves_out_what_calls_other_sites(client: TestClient) -> None:
    script = client.get("/static/query.js").text
    assert 'autocompleters = ["variables", "prefixes"]' in script  # not LOV's class/property
    assert "prefixCcApi = null" in script and 'pluginOrder = ["table", "response"]' in script


def test_every_ready_example_answers_at_sparql_what_its_catalogue_page_answers(
    client: TestClient, kg: KnowledgeGraph
) -> None:
    page = client.get("/query").text
    texts = dict(re.findall(r'data-name="([^"]+)" data-query="([^"]*)"', page))
    catalogue = Catalogue.load(kg.project)
    assert set(texts) == set(catalogue.names())
    for name in catalogue.names():
        text = html.unescape(texts[name])
        assert text.startswith(f"# {catalogue.get(name).title}\n")
        answered = client.post("/sparql", data={"query": text, "format": "json"}).json()
        expected = client.get(f"/query/{name}.json").json()["results"]
        rows = answered["results"]["bindings"]
        assert len(rows) == len(expected["results"]["bindings"]), name


def test_the_examples_are_titled_in_the_pages_language(
    client: TestClient, kg: KnowledgeGraph
) -> None:
    query = Catalogue.load(kg.project).get("members-as-of")
    page = client.get("/query", params={"lang": "fr"}).text
    assert query.title_in("fr") != query.title
    assert f'data-query="# {escape(query.title_in("fr"))}' in page


def test_parameterised_examples_have_a_small_form_with_their_defaults(client: TestClient) -> None:
    page = client.get("/query").text
    item = page[page.index('id="example-members-as-of"') :]
    item = item[: item.index("</li>")]
    assert 'action="/query/members-as-of"' in item
    assert 'name="group" value="GPIESS"' in item and 'name="date" value="2017-07-08"' in item
    assert 'name="lang"' not in item  # the page's language, not a field


def test_the_download_links_give_csv_and_json(client: TestClient) -> None:
    page = client.get("/query").text
    links = re.findall(r'class="download" data-format="(\w+)" href="([^"]+)"', page)
    assert [format for format, _ in links] == ["csv", "json"]
    for format, href in links:
        response = client.get(href.replace("&amp;", "&"))
        assert response.status_code == 200
        expected = "text/csv" if format == "csv" else "application/sparql-results+json"
        assert response.headers["content-type"].startswith(expected)


# ---- the network view


def test_the_network_json_gives_cytoscape_elements_with_kinds_pages_and_spells(
    client: TestClient,
) -> None:
    drawn = client.get("/network.json", params={"network": "union"}).json()["drawn"]
    nodes, edges = drawn["elements"]["nodes"], drawn["elements"]["edges"]
    ids = {node["data"]["id"] for node in nodes}
    ilo = next(node["data"] for node in nodes if node["data"]["id"] == str(ID["org/ilo"]))
    assert ilo["href"] == "/id/org/ilo" and ilo["kind"] == "UNEntity" and ilo["spells"]
    assert all({edge["data"]["source"], edge["data"]["target"]} <= ids for edge in edges)
    assert sum(entry["count"] for entry in drawn["kinds"]) == drawn["shown"] == len(nodes)
    assert drawn["first_year"] == FIRST_YEAR and drawn["last_year"] >= 2022
    assert drawn["total"] == drawn["shown"] and drawn["edges"] == len(edges)


def test_the_network_takes_the_filters_of_the_cli(client: TestClient) -> None:
    everything = client.get("/network.json").json()["drawn"]
    gpiess = client.get("/network.json", params={"group": "GPIESS"}).json()["drawn"]
    in_2014 = client.get("/network.json", params={"as-of": "2014-12-31"}).json()["drawn"]
    states = client.get("/network.json", params={"kind": "State"}).json()["drawn"]
    assert 0 < gpiess["total"] < everything["total"]
    assert 0 < in_2014["total"] < everything["total"]
    assert {entry["kind"] for entry in states["kinds"]} == {"State"}


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"group": "no such group"}, "nothing in the graph is called"),
        ({"as-of": "yesterday"}, "as-of: 'yesterday' is not a date"),
        ({"network": "friendship"}, "unknown network 'friendship'"),
        ({"from": "2014-01-01"}, "to: between needs both from and to"),
        ({"scope": "galactic"}, "unknown scope 'galactic'"),
    ],
)
def test_a_bad_filter_gets_one_clear_400(
    client: TestClient, params: dict[str, str], named: str
) -> None:
    response = client.get("/network.json", params=params)
    assert response.status_code == 400
    assert named in response.json()["message"]


def test_a_big_network_is_cut_to_its_best_tied_nodes() -> None:
    graph = nx.star_graph(10)
    nx.add_path(graph, [11, 12])
    found = drawn(graph, limit=3)
    kept = {node["data"]["id"] for node in found.elements["nodes"]}
    assert found.total == 13 and found.shown == 3 and "0" in kept
    assert all(edge["data"]["source"] == "0" for edge in found.elements["edges"])


@pytest.mark.parametrize("format", list(DOWNLOADS))
def test_the_network_downloads_in_the_clis_formats(client: TestClient, format: str) -> None:
    response = client.get("/network/download", params={"format": format, "group": "GPIESS"})
    media_type, extension = DOWNLOADS[format]
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.headers["content-disposition"].endswith(f'{extension}"')
    total = client.get("/network.json", params={"group": "GPIESS"}).json()["drawn"]["total"]
    if format == "gexf":
        root = ET.fromstring(response.content)
        assert len(root.findall(f".//{{{GEXF_NAMESPACE}}}node")) == total
    elif format == "csv":
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        assert archive.read("nodes.csv").decode().count("\n") == total + 1
    elif format == "cytoscape":
        assert len(response.json()["elements"]["nodes"]) == total


def test_an_unknown_download_format_is_refused_with_the_choices(client: TestClient) -> None:
    response = client.get("/network/download", params={"format": "pdf"})
    assert response.status_code == 400 and "gexf" in response.json()["hints"][0]


def test_the_network_page_links_its_downloads_and_reads_its_json(client: TestClient) -> None:
    page = client.get("/network", params={"group": "GPIESS", "lang": "fr"}).text
    assert 'data-source="/network.json?group=GPIESS&amp;lang=fr"' in page
    assert 'href="/network/download?group=GPIESS&amp;lang=fr&amp;format=gexf"' in page
    assert 'name="group" type="text" value="GPIESS"' in page


@pytest.mark.parametrize("path", ["/network", "/id/org/ilo"])
def test_the_network_views_kinds_and_downloads_are_named_in_french(
    client: TestClient, path: str
) -> None:
    page = client.get(path, params={"lang": "fr"}).text
    downloads = re.findall(r'class="download" href="[^"]*format=(\w+)">([^<]+)</a>', page)
    assert downloads == [(name, WORDS["fr"][f"download_{name}"]) for name in DOWNLOADS]
    assert ("json", "JSON nœuds-liens") in downloads
    assert 'data-other-kind="autre"' in page


def test_the_network_page_offers_each_kind_of_network_by_its_french_name(
    client: TestClient,
) -> None:
    page = client.get("/network", params={"lang": "fr", "network": "actor-event"}).text
    options = re.findall(r'<option value="([^"]+)"( selected)?>([^<]+)</option>', page)
    assert [value for value, _, _ in options] == list(NETWORKS)
    assert ("actor-event", " selected", "acteurs et événements") in options
    assert all(WORDS["fr"][f"network_{value}"] == text for value, _, text in options)


def test_an_actors_page_draws_its_own_network(client: TestClient) -> None:
    page = client.get("/id/org/ilo").text
    source = re.search(r'class="network-view" data-source="([^"]+)"', page)
    assert source is not None
    drawn = client.get(source.group(1).replace("&amp;", "&")).json()["drawn"]
    ids = {node["data"]["id"] for node in drawn["elements"]["nodes"]}
    assert {str(ID["org/ilo"]), str(ID["org/unctad"]), str(ID["org/ripess"])} <= ids
    assert 'class="network-view"' not in client.get(SIDE_EVENT).text  # events have none


# ---- links everywhere


def test_an_event_page_groups_who_took_part_by_role_and_draws_them(client: TestClient) -> None:
    page = client.get(SIDE_EVENT).text
    data = client.get(SIDE_EVENT + ".json").json()
    parts = {part["heading"]: [a["node"] for a in part["actors"]] for part in data["parts"]}
    assert parts["organizers"] == [str(ID["state/spain"])]
    assert parts["partners"] == [str(ID["org/ilo"]), str(ID["org/unctad"])]
    assert parts["moderators"] == [str(ID["person/yvon-poirier"])]
    assert len(parts["speakers"]) == 2
    assert "<h3>Organisers</h3>" in page and 'href="/id/person/yvon-poirier"' in page
    assert {fact["property"] for fact in data["facts"]}.isdisjoint({"organizer", "speaker"})
    assert 'href="/id/place/new-york"' in page
    spots = {spot["node"] for spot in data["picture"]["spots"]}
    assert str(ID["person/yolanda-diaz-perez"]) in spots
    assert '<span class="key actor">' in page


def test_an_event_page_speaks_french(client: TestClient) -> None:
    page = client.get(SIDE_EVENT, params={"lang": "fr"}).text
    assert "<h3>Organisateurs</h3>" in page and "<h3>Intervenants</h3>" in page


def test_a_source_page_gives_its_title_publisher_date_and_what_it_backs(
    client: TestClient,
) -> None:
    page = client.get(SIDE_EVENT_SOURCE).text
    data = client.get(SIDE_EVENT_SOURCE + ".json").json()
    assert data["node"]["label"].startswith("Member States strongly support")
    facts = {fact["property"]: fact["value"] for fact in data["facts"]}
    assert facts["publisher"]["node"] == str(ID["org/ilo"])
    assert facts["date"]["label"] == "2022-07-29"
    backed = {backed["thing"]["node"] for backed in data["backs"]}
    assert str(ID["event/sse-resolution-side-event-2022"]) in backed
    assert 'href="http://www.ilo.ch/global/topics/cooperatives/sse/WCMS_852750/' in page
    assert '<td class="date">2022-07-29</td>' in page


def test_a_source_page_names_the_memberships_it_backs(client: TestClient) -> None:
    data = client.get("/id/source/gpiess-presentation-2014.json").json()
    france = next(b for b in data["backs"] if b["thing"]["node"].endswith("france--gpiess--member"))
    assert (france["member"]["label"], france["group"]["node"]) == (
        "France",
        str(ID["org/gpiess"]),
    )


def test_an_organisations_web_address_is_a_link(client: TestClient) -> None:
    assert (
        '<a href="https://www.ilo.org/">https://www.ilo.org/</a>' in client.get("/id/org/ilo").text
    )


def test_a_list_of_sources_in_a_result_cell_is_one_link_each(client: TestClient) -> None:
    page = client.get("/query/members-as-of", params={"group": "GPIESS"}).text
    assert (
        'href="/id/source/gpiess-presentation-2014">id:source/gpiess-presentation-2014</a>' in page
    )


def test_the_csp_stays_strict_on_every_page(client: TestClient) -> None:
    for path in ("/", "/query", "/network", "/id/org/ilo", SIDE_EVENT, "/sparql"):
        response = client.get(path, headers={"accept": BROWSER})
        assert response.headers["content-security-policy"] == POLICY, path
        assert all('src="/static/' in tag for tag in _scripts(response.text)), path


def test_the_new_words_exist_in_every_language() -> None:
    assert all(WORDS[lang].keys() == WORDS["en"].keys() for lang in LANGUAGES)
