"""Projecting bound variables so that pyoxigraph can substitute them (text rewrite only)."""

from __future__ import annotations

import pytest

from ssegraph.backends.projection import project


def test_a_bound_variable_is_added_to_the_projection() -> None:
    text, added = project("SELECT ?s WHERE { ?s ?p ?date }", ["date"])
    assert text == "SELECT ?date ?s WHERE { ?s ?p ?date }"
    assert added == ["date"]


def test_a_projected_variable_is_left_alone() -> None:
    query = "SELECT DISTINCT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s"
    assert project(query, ["s", "n"]) == (query, [])


def test_distinct_and_reduced_stay_first() -> None:
    text, _ = project("select distinct ?s where { ?s ?p ?x }", ["x"])
    assert text == "select distinct ?x ?s where { ?s ?p ?x }"


def test_select_star_and_other_forms_are_unchanged() -> None:
    for query in (
        "SELECT * WHERE { ?s ?p ?x }",
        "ASK { ?s ?p ?x }",
        "CONSTRUCT WHERE { ?s ?p ?x }",
    ):
        assert project(query, ["x"]) == (query, [])


def test_a_grouped_query_also_groups_by_the_bound_variable() -> None:
    text, _ = project(
        "SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o FILTER(LANG(?o) = ?lang) } GROUP BY ?s",
        ["lang"],
    )
    assert text.startswith("SELECT ?lang ?s (COUNT(?o) AS ?n)")
    assert text.endswith("GROUP BY ?lang ?s")


def test_an_aggregate_without_group_by_gets_one_before_order_by() -> None:
    text, _ = project(
        "SELECT (COUNT(?o) AS ?n) WHERE { ?s ?p ?o FILTER(?o = ?x) } ORDER BY ?n", ["x"]
    )
    assert "} GROUP BY ?x ORDER BY ?n" in text


def test_sub_queries_strings_comments_and_iris_are_not_mistaken_for_keywords() -> None:
    query = (
        "# SELECT in a comment { GROUP BY\n"
        "PREFIX ex: <http://example.org/select{group}/>\n"
        'SELECT ?s WHERE { ?s ex:p "SELECT { GROUP BY" . '
        "{ SELECT ?s WHERE { ?s ?q ?o } GROUP BY ?s } FILTER(?s != ?x) }"
    )
    text, _ = project(query, ["x"])
    assert text == query.replace("SELECT ?s WHERE { ?s ex:p", "SELECT ?x ?s WHERE { ?s ex:p")


def test_only_sparql_variable_names_are_written_into_the_text() -> None:
    with pytest.raises(ValueError, match="not a SPARQL variable name"):
        project("SELECT ?s WHERE { ?s ?p ?o }", ["o } DROP ALL"])
