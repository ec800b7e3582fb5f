"""Virtuoso as the second real server: its private instance, what the remote backend writes
into a query for it, and the credentials its Graph Store asks for.

The answers themselves (catalogue, networks, metrics) are compared with the embedded store's
in tests/test_remote.py, which runs on Oxigraph and on Virtuoso.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from conftest import Server
from ssegraph.backends.remote import constants_in_where, engine_named
from ssegraph.cli import app
from ssegraph.servers import running_virtuoso

ROOT = Path(__file__).resolve().parents[1]
ILO = URIRef("https://w3id.org/ssegraph/id/org/ilo")


@pytest.mark.parametrize(
    ("server", "engine"),
    [
        ("Virtuoso/07.20.3240 (Linux) x86_64-pc-linux-gnu", "virtuoso"),
        ("Oxigraph/0.5.13", "oxigraph"),
        ("Apache-Jena-Fuseki (5.1.0) Jetty", "apache-jena-fuseki"),
        ("", ""),
        (None, ""),
    ],
)
def test_the_engine_is_the_first_product_the_server_header_names(
    server: str | None, engine: str
) -> None:
    assert engine_named(server) == engine


def test_bound_values_are_written_where_the_where_group_reads_them() -> None:
    query = (
        "SELECT ?label ?lang WHERE { ?x skos:altLabel ?any "
        "OPTIONAL { ?x skos:prefLabel ?label FILTER (LANG(?label) = ?lang) } }"
    )
    assert constants_in_where(query, {"x": ILO, "lang": Literal("fr")}) == (
        f"SELECT ?label ?lang WHERE {{ <{ILO}> skos:altLabel ?any "
        f'OPTIONAL {{ <{ILO}> skos:prefLabel ?label FILTER (LANG(?label) = "fr") }} }}'
    )


def test_a_variable_that_is_named_not_read_stays_a_variable() -> None:
    query = (
        "SELECT * WHERE { BIND (1 AS ?n) VALUES ?n { 1 } "
        "{ SELECT ?n WHERE { ?s ?p ?n } } FILTER (?n > 0) }"
    )
    assert constants_in_where(query, {"n": Literal(1)}) == query.replace(
        "FILTER (?n > 0)", 'FILTER ("1"^^<http://www.w3.org/2001/XMLSchema#integer> > 0)'
    )


def test_half_the_credentials_is_one_clear_error() -> None:
    result = CliRunner(env={"SSEGRAPH_STORE_USER": "dba", "SSEGRAPH_STORE_PASSWORD": None}).invoke(
        app, ["--project", str(ROOT), "push", "--endpoint", "http://127.0.0.1:9/sparql"]
    )
    assert result.exit_code == 1
    assert "SSEGRAPH_STORE_USER: set it and SSEGRAPH_STORE_PASSWORD together" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("server", ["virtuoso"], indirect=True)
def test_virtuosos_graph_store_without_credentials_says_which_to_set(server: Server) -> None:
    result = CliRunner(env={"SSEGRAPH_STORE_USER": None, "SSEGRAPH_STORE_PASSWORD": None}).invoke(
        app, ["--project", str(ROOT), "push", *server.push_options()]
    )
    assert result.exit_code != 0
    assert "set SSEGRAPH_STORE_USER and SSEGRAPH_STORE_PASSWORD" in result.output
    assert "Traceback" not in result.output


def test_the_private_instance_answers_on_127_0_0_1_and_leaves_nothing_behind() -> None:
    with running_virtuoso() as virtuoso:
        assert virtuoso.endpoint.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(virtuoso.endpoint + "?query=ASK%7B%7D", timeout=10) as answer:
            assert b"true" in answer.read()
        assert (virtuoso.root / "virtuoso.db").exists()
    assert not virtuoso.root.exists()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(virtuoso.endpoint + "?query=ASK%7B%7D", timeout=5)
