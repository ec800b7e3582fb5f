"""The vocabulary contract, as a SPARQL user writes it, answers on the graph.

A user who knows the standard vocabularies reaches the ``sse:`` refinements with
``?s ?p ?o . ?p rdfs:subPropertyOf* <standard property>`` and ``?x a/rdfs:subClassOf* <class>``.
The zero-length step of ``*`` must also match the standard term itself, including when no
``sse:`` term refines it; some engines (pyoxigraph) only consider terms that occur as a subject
or object in the graph, so the standard terms must be present as nodes (e.g. declared in the
ontology).  Each contract query must give the same answer as the explicit form
``FILTER(?p = P || EXISTS { ?p rdfs:subPropertyOf+ P })``.
"""

from __future__ import annotations

import pytest

from . import helpers as h

PROPERTIES = [
    "schema:organizer",
    "schema:contributor",
    "schema:performer",
    "schema:attendee",
    "schema:about",
    "schema:creator",
    "schema:publisher",
    "schema:founder",
    "schema:location",
    "schema:addressCountry",
    "schema:identifier",
    "schema:startDate",
    "schema:endDate",
    "schema:datePublished",
    "schema:superEvent",
    "schema:subEvent",
    "dcterms:date",
    "prov:influenced",
    "prov:wasDerivedFrom",
    "org:member",
    "org:organization",
    "org:role",
    "org:subOrganizationOf",
    "skos:prefLabel",
    "skos:altLabel",
]

CLASSES = [
    "org:Organization",
    "foaf:Person",
    "schema:Event",
    "schema:CreativeWork",
    "schema:Place",
    "schema:Country",
    "org:Membership",
    "org:Role",
    "dcterms:BibliographicResource",
]


def count(kg, query: str) -> int:
    return int(h.select(kg, f"SELECT (COUNT(*) AS ?n) WHERE {{ {query} }}")[0]["n"])


def assert_contract_form_answers_like_explicit_form(kg, contract: str, explicit: str) -> None:
    got, expected = count(kg, contract), count(kg, explicit)
    assert got == expected, f"{contract!r} finds {got} results, the explicit form {expected}"


@pytest.mark.parametrize("prop", PROPERTIES)
def test_sub_property_star_query_reaches_the_standard_property_itself(kg, prop):
    explicit = h.sub_property("?p", prop)
    pairs = "SELECT DISTINCT ?s ?o WHERE {{ ?s ?p ?o . {} }}"
    assert_contract_form_answers_like_explicit_form(
        kg, pairs.format(f"?p rdfs:subPropertyOf* {prop} ."), pairs.format(explicit)
    )


@pytest.mark.parametrize("cls", CLASSES)
def test_sub_class_star_query_reaches_every_instance(kg, cls):
    explicit = f"?x a ?c . FILTER(?c = {cls} || EXISTS {{ ?c rdfs:subClassOf+ {cls} }})"
    nodes = "SELECT DISTINCT ?x WHERE {{ {} }}"
    assert_contract_form_answers_like_explicit_form(
        kg, nodes.format(f"?x a/rdfs:subClassOf* {cls}"), nodes.format(explicit)
    )
