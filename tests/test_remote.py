"""Real SPARQL servers behind the KnowledgeGraph: the same answers as the embedded store.

Each server of the session (``server`` in conftest: Oxigraph, then Virtuoso) receives the graph
through ``ssegraph push`` (Graph Store Protocol, one named graph per file); every catalogue
query (its variant for the server's engine where it has one, ``queries/virtuoso/``), with
its defaults and with the parameters of each of its documented examples, every network and
the metrics must then answer the same there as in process.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from answers import CATALOGUE, EVERY_VALUE, comparable, network_as_data, settings
from conftest import Server
from ssegraph.backends.remote import RemoteBackend
from ssegraph.catalogue import adhoc_query
from ssegraph.catalogue import query as named_query
from ssegraph.cli import app
from ssegraph.errors import QueryError
from ssegraph.graph import KnowledgeGraph
from ssegraph.metrics import compute
from ssegraph.network import NETWORKS, Filters, build
from ssegraph.vocab import ID

ROOT = Path(__file__).resolve().parents[1]
ENV = {"COLUMNS": "200", "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "SSEGRAPH_HOME": None}


def test_each_server_is_known_by_the_engine_its_answers_name(
    remote: KnowledgeGraph, server: Server
) -> None:
    assert remote.engine == server.name
    speakers = CATALOGUE.get("session-speakers")  # it has a variant for Virtuoso only
    assert (speakers.text_for(remote) == speakers.sparql) is (server.name != "virtuoso")


@pytest.mark.parametrize(("name", "values"), settings())
def test_every_catalogue_query_answers_the_same_embedded_and_remote(
    kg: KnowledgeGraph, remote: KnowledgeGraph, name: str, values: dict[str, str]
) -> None:
    query = CATALOGUE.get(name)
    embedded = query.results(kg, values)
    assert embedded.rows, f"{name} {values} answers nothing"
    assert comparable(query.results(remote, values)) == comparable(embedded)


@pytest.mark.parametrize("name", sorted(EVERY_VALUE))
def test_a_query_over_a_hierarchy_answers_the_same_remote_for_each_value(
    kg: KnowledgeGraph, remote: KnowledgeGraph, name: str
) -> None:
    parameter, values = EVERY_VALUE[name]
    query = CATALOGUE.get(name)
    found = [str(row["x"]) for row in kg.select(values)]
    assert len(found) > 5
    differ = [
        value
        for value in found
        if comparable(query.results(remote, {parameter: value}))
        != comparable(query.results(kg, {parameter: value}))
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


# The networks built from events: sparql/network/event-ties.rq, read on Virtuoso.


@pytest.mark.parametrize("network", sorted(NETWORKS))
def test_every_network_is_the_same_built_from_the_server(
    kg: KnowledgeGraph,
    remote: KnowledgeGraph,
    network: str,
) -> None:
    embedded, served = build(kg, network), build(remote, network)
    assert embedded.number_of_edges() > 0
    assert network_as_data(served) == network_as_data(embedded)


def test_metrics_are_the_same_computed_from_the_server(
    kg: KnowledgeGraph, remote: KnowledgeGraph
) -> None:
    as_of = Filters(as_of=dt.date(2017, 7, 8))
    assert compute(build(remote, "union", as_of)) == compute(build(kg, "union", as_of))
