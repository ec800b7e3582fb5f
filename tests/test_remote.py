"""Real SPARQL servers behind the KnowledgeGraph: the same answers as the embedded store.

Each server of the session (``server`` in conftest: Oxigraph, then Virtuoso) receives the graph
through ``ssegraph push`` (Graph Store Protocol, one named graph per file); every catalogue
query, with its defaults and with the parameters of each of its documented examples, every
network and the metrics must then answer the same there as in process.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from typer.testing import CliRunner

from conftest import Server
from ssegraph.backends.remote import RemoteBackend
from ssegraph.catalogue import Catalogue, adhoc_query, parse_assignments
from ssegraph.catalogue import query as named_query
from ssegraph.cli import app
from ssegraph.errors import QueryError
from ssegraph.graph import KnowledgeGraph
from ssegraph.metrics import compute
from ssegraph.network import NETWORKS, Filters, build
from ssegraph.results import Results
from ssegraph.vocab import ID

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = Catalogue.load(ROOT)
ENV = {"COLUMNS": "200", "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "SSEGRAPH_HOME": None}


# What Debian's Virtuoso (7.2.5) answers differently from the embedded store and Oxigraph, on
# standard SPARQL 1.1 (docs/servers.md, "What differs"). Strict: a setting that starts to
# agree fails the suite, to be taken off the list. Over the project's graphs (several default
# graphs), Virtuoso 7.2 loses rows of a property path between two bound nodes
# (``?part rdfs:subPropertyOf* schema:performer``, the part bound by ``?session ?part ?person``)
# when the query also has OPTIONALs. The one formulation that a fresh Virtuoso answers right
# reads every event's speakers in a sub-query before keeping the event asked for (a sub-query
# does not see the parameter): 2.6 s instead of 0.01 s on the embedded store at 1M
# statements. Faster ones agreed on a Virtuoso that had served other queries, on no fresh one.
_PART_PATH = (
    "a path between two bound nodes beside OPTIONALs (?part rdfs:subPropertyOf* schema:performer)"
)
VIRTUOSO_DIFFERS = {
    "session-speakers-defaults": _PART_PATH,
    "session-speakers-event=INAES webinar series on SSE for Mexican parliamentarians": _PART_PATH,
    "session-speakers-every value": _PART_PATH,
}


def _setting(name: str, values: dict[str, str]) -> str:
    """A query and its parameters as a test id, and as a key of VIRTUOSO_DIFFERS."""
    shown = ",".join(f"{key}={value}" for key, value in values.items())
    return f"{name}-{shown or 'defaults'}"


def _settings() -> list[object]:
    """Each catalogue query with its defaults, then with the parameters of each example."""
    settings = []
    for query in CATALOGUE.queries.values():
        settings.append(pytest.param(query.name, {}, id=_setting(query.name, {})))
        for example in query.examples:
            words = shlex.split(example)
            given = [words[i + 1] for i, word in enumerate(words) if word == "--param"]
            values = parse_assignments(given)
            if "--lang" in words:
                values["lang"] = words[words.index("--lang") + 1]
            if values:
                settings.append(pytest.param(query.name, values, id=_setting(query.name, values)))
    return settings


def _comparable(results: Results) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    """Variables and sorted rows, with what SPARQL leaves to each store made equal: the names
    of blank nodes; the order of the values that GROUP_CONCAT joins (with "; ", ", ", or " "
    between IRIs: SPARQL 1.1 has no ORDER BY inside an aggregate, so no query can fix it); the
    language tag of what it joins (Oxigraph keeps the one its values share, Virtuoso drops
    it); and a GROUP_CONCAT of nothing (every value unbound), which Oxigraph leaves unbound and
    Virtuoso makes an empty string."""

    def comparable(term: object) -> object:
        if isinstance(term, BNode):
            return "_:blank"
        if isinstance(term, Literal) and term.datatype is None:
            return sorted(re.split(r"[;,] | (?=https?://)", str(term))) if str(term) else None
        return term

    return results.variables, sorted(
        (tuple(map(comparable, row)) for row in results.rows), key=repr
    )


def _expect_virtuoso_to_differ(
    server: Server, request: pytest.FixtureRequest, setting: str
) -> None:
    """A setting of VIRTUOSO_DIFFERS, on Virtuoso, is a strict expected failure."""
    if server.name == "virtuoso" and setting in VIRTUOSO_DIFFERS:
        request.applymarker(pytest.mark.xfail(reason=VIRTUOSO_DIFFERS[setting], strict=True))


@pytest.mark.parametrize(("name", "values"), _settings())
def test_every_catalogue_query_answers_the_same_embedded_and_remote(
    kg: KnowledgeGraph,
    remote: KnowledgeGraph,
    server: Server,
    request: pytest.FixtureRequest,
    name: str,
    values: dict[str, str],
) -> None:
    _expect_virtuoso_to_differ(server, request, _setting(name, values))
    query = CATALOGUE.get(name)
    embedded = query.results(kg, values)
    assert embedded.rows, f"{name} {values} answers nothing"
    assert _comparable(query.results(remote, values)) == _comparable(embedded)


# The queries that read a path at any depth from their parameter, with every value it can take
# here, not only the documented examples: Virtuoso 7.2 answered some formulations right for
# those and wrong for other values (a path's zero-length case: the posts in the State itself).
EVERY_VALUE = {
    "sub-organisations": ("parent", "SELECT DISTINCT ?x WHERE { ?unit org:subOrganizationOf ?x }"),
    "actors-in-country": (
        "country",
        "SELECT DISTINCT ?x WHERE { ?x a schema:Country "
        "{ ?in schema:location ?x } UNION { ?in org:subOrganizationOf ?x } }",
    ),
    "session-speakers": (
        "event",
        "SELECT DISTINCT ?x WHERE { ?session schema:performer ?who ; schema:superEvent* ?x }",
    ),
}


@pytest.mark.parametrize("name", sorted(EVERY_VALUE))
def test_a_query_over_a_hierarchy_answers_the_same_remote_for_each_value(
    kg: KnowledgeGraph,
    remote: KnowledgeGraph,
    server: Server,
    request: pytest.FixtureRequest,
    name: str,
) -> None:
    _expect_virtuoso_to_differ(server, request, f"{name}-every value")
    parameter, values = EVERY_VALUE[name]
    query = CATALOGUE.get(name)
    found = [str(row["x"]) for row in kg.select(values)]
    assert len(found) > 5
    differ = [
        value
        for value in found
        if _comparable(query.results(remote, {parameter: value}))
        != _comparable(query.results(kg, {parameter: value}))
    ]
    assert differ == []


def sent(kg: KnowledgeGraph) -> int:
    """The statements a server gets: all, but the derived ones about blank nodes (a server
    relabels each blank node it is sent, so they would be about new, unrelated nodes)."""
    rows = kg.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        "FILTER (STRSTARTS(STR(?g), STR(graph:derived\\/)) && (isBlank(?s) || isBlank(?o))) }"
    )
    return len(kg) - int(rows[0]["n"])


def test_push_puts_each_file_in_its_own_named_graph(
    kg: KnowledgeGraph, remote: KnowledgeGraph
) -> None:
    assert remote.graphs() == kg.graphs()
    assert len(remote) == sent(kg) < len(kg)


def test_the_server_answers_the_standard_vocabulary_from_the_pushed_entailments(
    kg: KnowledgeGraph, remote: KnowledgeGraph
) -> None:
    plain = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a schema:Event }"
    assert remote.select(plain) == kg.select(plain)
    assert int(kg.select(plain)[0]["n"]) > 30


def test_pushing_again_replaces_the_graphs_instead_of_doubling_them(
    kg: KnowledgeGraph, remote: KnowledgeGraph, server: Server
) -> None:
    result = CliRunner(env={**ENV, **server.env}).invoke(
        app, ["--project", str(ROOT), "push", *server.push_options()]
    )
    assert result.exit_code == 0, result.output
    assert f"the server holds {sent(kg)} statements in {len(kg.graphs())} named graphs" in (
        result.output
    )
    assert len(remote) == sent(kg)


def test_the_global_endpoint_option_runs_catalogue_and_ad_hoc_queries_remotely(
    remote: KnowledgeGraph, server: Server
) -> None:
    def run(*args: str) -> str:
        result = CliRunner(env=ENV).invoke(app, ["--endpoint", server.endpoint, *args])
        assert result.exit_code == 0, result.output
        return result.output

    csv = run("query", "observers", "--format", "csv")
    assert "https://w3id.org/ssegraph/id/org/gsef,Global Social Economy Forum,observer" in csv
    count = run(
        "query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "-f", "tsv"
    )
    assert count.splitlines()[1] == str(len(remote))  # TSV writes an integer as Turtle does
    assert "International Labour Organization" in run("show", "OIT")


def test_a_value_that_looks_like_sparql_stays_a_literal_on_both_backends(
    kg: KnowledgeGraph, remote: KnowledgeGraph
) -> None:
    attack = 'x" } } ; DROP ALL ; SELECT * WHERE { { ?s ?p "'
    echo = adhoc_query(
        "# param: text (string) - Any text.\nSELECT ?echo WHERE { BIND (STR(?text) AS ?echo) }"
    )
    before = len(remote)
    for graph in (kg, remote):
        assert echo.results(graph, {"text": attack}).rows == ((Literal(attack),),)
        assert named_query(graph, "search-names", text=attack).rows == ()
    assert len(remote) == before == sent(kg)


def test_an_actor_named_by_any_name_resolves_through_the_endpoint(remote: KnowledgeGraph) -> None:
    rows = named_query(
        remote,
        "observers",
        group="Task-Force inter-agences de l'ONU sur l'économie sociale et solidaire",
    )
    assert {row["observer"] for row in rows} >= {str(ID["org/gsef"]), str(ID["org/ripess"])}


def test_a_malformed_query_is_reported_with_its_position_in_the_text_as_written(
    remote: KnowledgeGraph,
) -> None:
    with pytest.raises(QueryError, match=r"^SPARQL syntax: error at 2:"):
        remote.select("SELECT ?x\nWHERE { ?x ?p }")


def test_an_unreachable_endpoint_is_one_clear_error() -> None:
    dead = KnowledgeGraph.connect("http://127.0.0.1:9/query")
    with pytest.raises(QueryError, match=r"endpoint http://127\.0\.0\.1:9/query: cannot connect"):
        len(dead)


def test_the_graph_exports_the_same_from_the_server(
    kg: KnowledgeGraph, remote: KnowledgeGraph
) -> None:
    def lines(graph: KnowledgeGraph) -> int:
        return len(graph.export("ntriples", derived=False).splitlines())

    assert lines(remote) == lines(kg)


def test_triples_added_remotely_go_to_their_named_graph(server: Server) -> None:
    backend = RemoteBackend(server.endpoint, store=server.store, credentials=server.credentials)
    graph = ID["test/scratch"]
    try:
        backend.add([(ID["org/x"], ID["p"], Literal("y", lang="en"))], graph)
        assert graph in backend.graphs()
        assert backend.ask('ASK { GRAPH ?g { ?s ?p "y"@en } }', {"g": graph})
    finally:  # leave the server as pushed, for the other tests
        backend.replace([], graph)
    assert not RemoteBackend(server.endpoint).ask('ASK { ?s ?p "y"@en }', {})


def test_a_filter_inside_an_optional_sees_the_bound_values_on_every_server(
    kg: KnowledgeGraph, remote: KnowledgeGraph
) -> None:
    labels = (
        "SELECT DISTINCT ?label WHERE { ?x skos:altLabel ?any "
        "OPTIONAL { ?x skos:prefLabel ?label FILTER (LANG(?label) = ?lang) } }"
    )
    values = {"x": URIRef(ID["org/ilo"]), "lang": Literal("fr")}
    expected = [{"label": Literal("Organisation internationale du Travail", lang="fr")}]
    assert kg.select(labels, values) == remote.select(labels, values) == expected


def _network_as_data(graph) -> tuple[dict, dict]:
    """Nodes and edges with their attributes, lists compared as sets (GROUP_CONCAT order)."""

    def plain(value: object) -> object:
        return sorted(map(repr, value)) if isinstance(value, list | tuple | set) else value

    nodes = {n: {k: plain(v) for k, v in data.items()} for n, data in graph.nodes(data=True)}
    edges = {
        frozenset((u, v)): {k: plain(w) for k, w in data.items()}
        for u, v, data in graph.edges(data=True)
    }
    return nodes, edges


# The networks built from events: sparql/network/event-ties.rq, read on Virtuoso.


@pytest.mark.parametrize("network", sorted(NETWORKS))
def test_every_network_is_the_same_built_from_the_server(
    kg: KnowledgeGraph,
    remote: KnowledgeGraph,
    network: str,
) -> None:
    embedded, served = build(kg, network), build(remote, network)
    assert embedded.number_of_edges() > 0
    assert _network_as_data(served) == _network_as_data(embedded)


def test_metrics_are_the_same_computed_from_the_server(
    kg: KnowledgeGraph, remote: KnowledgeGraph
) -> None:
    as_of = Filters(as_of=dt.date(2017, 7, 8))
    assert compute(build(remote, "union", as_of)) == compute(build(kg, "union", as_of))
