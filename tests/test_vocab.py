"""Namespaces and prefixed names: one table of prefixes, read both ways."""

from __future__ import annotations

from rdflib import URIRef

from ssegraph.vocab import GRAPH, ID, PREFIXES, SPARQL_PREFIXES, SSE, expand, graph_iri, short


def test_namespaces_are_the_published_ones() -> None:
    assert str(SSE) == "https://w3id.org/ssegraph/ontology#"
    assert str(ID) == "https://w3id.org/ssegraph/id/"
    assert str(GRAPH) == "https://w3id.org/ssegraph/graph/"
    assert PREFIXES["schema"] == "https://schema.org/"


def test_short_gives_the_longest_matching_prefix() -> None:
    assert short(ID["org/ilo"]) == "id:org/ilo"
    assert short(SSE.State) == "sse:State"
    assert short(GRAPH["data/actors"]) == "graph:data/actors"
    assert short("http://example.org/x") == "http://example.org/x"


def test_expand_reads_back_what_short_writes() -> None:
    for iri in (ID["org/ilo"], SSE.State, URIRef("http://www.w3.org/ns/org#member")):
        assert expand(short(iri)) == iri
    assert expand("unknown:thing") is None
    assert expand("https://example.org/x") is None


def test_sparql_header_declares_every_prefix() -> None:
    for prefix, namespace in PREFIXES.items():
        assert f"PREFIX {prefix}: <{namespace}>" in SPARQL_PREFIXES


def test_each_file_has_a_named_graph_under_graph_dir_stem() -> None:
    assert graph_iri("data", "actors") == URIRef("https://w3id.org/ssegraph/graph/data/actors")
