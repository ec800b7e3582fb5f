"""Query-text edits for bindings: projected variables (embedded), VALUES blocks (remote)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from ssegraph.backends.projection import (
    declared_prefixes,
    insert_values,
    project,
    query_form,
    values_block,
    values_in_branches,
)


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


def test_the_query_form_is_read_past_comments_prefixes_and_sub_queries() -> None:
    assert query_form("# SELECT\nPREFIX a: <x:>\nask { { SELECT ?s {} } }") == "ASK"
    assert query_form("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form("DESCRIBE <x:y>") == "DESCRIBE"
    assert query_form("not a query") == "SELECT"  # the engine's parser will say what is wrong


def test_declared_prefixes_are_read_from_the_prologue() -> None:
    assert declared_prefixes("PREFIX org: <o:>\nprefix s:<s:> PREFIX : <e:> SELECT * {}") == {
        "org",
        "s",
        "",
    }


def test_values_open_the_outer_where_group_not_a_projected_exists() -> None:
    query = 'SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { ?s ?p "{" }'
    text = insert_values(query, ["x"], [(URIRef("http://example.org/x"),)])
    assert text == (
        "SELECT (EXISTS { ?a ?b ?c } AS ?e) WHERE { VALUES (?x) { (<http://example.org/x>) } "
        '?s ?p "{" }'
    )


def test_values_skip_the_template_of_a_construct() -> None:
    text = insert_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", ["o"], [(Literal(3),)])
    assert text.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o) { (")
    with pytest.raises(ValueError, match="long form"):
        insert_values("CONSTRUCT WHERE { ?s ?p ?o }", ["o"], [(Literal(3),)])


def test_values_are_escaped_terms_never_syntax() -> None:
    attack = Literal('x" } } DROP ALL ; SELECT * { { "')
    text = insert_values("SELECT ?v ?w WHERE { }", ["v", "w"], [(attack, Literal("a\nb"))])
    rows = list(Graph().query(text))  # rdflib parses it back: one row, two literals
    assert [(row.v, row.w) for row in rows] == [(attack, Literal("a\nb"))]
    with pytest.raises(ValueError, match="not a SPARQL variable name"):
        insert_values("SELECT * { }", ["v } DROP ALL"], [(attack,)])


X = URIRef("http://example.org/x")


def test_the_planner_hint_opens_the_where_group_and_each_union_branch_there() -> None:
    query = (
        "SELECT ?s WHERE { { ?s ?p ?x } UNION { ?s ?q ?x } "
        "OPTIONAL { { ?s ?r ?o } UNION { ?o ?r ?s } } FILTER EXISTS { { ?a ?b ?c } UNION { } } }"
    )
    block = "VALUES (?x) { (<http://example.org/x>) }"
    text = values_in_branches(query, ["x"], [(X,)])
    assert text.count(block) == 3  # the WHERE group and the two branches of its own UNION
    assert f"WHERE {{ {block} {{ {block} ?s ?p ?x }} UNION {{ {block} ?s ?q ?x }}" in text
    untouched = query[query.index("OPTIONAL") :]  # the UNIONs inside OPTIONAL and EXISTS
    assert text.endswith(untouched)


def test_the_planner_hint_leaves_a_query_with_a_sub_query_to_the_plain_values_block() -> None:
    with pytest.raises(ValueError, match="sub-query"):
        values_in_branches("SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } } }", ["x"], [(X,)])


def test_one_values_builder_writes_escaped_terms_and_refuses_an_iri_it_cannot_write() -> None:
    block = values_block(["v", "w"], [(URIRef("urn:a"), Literal('say "hi"'))])
    assert block == 'VALUES (?v ?w) { (<urn:a> "say \\"hi\\"") }'
    with pytest.raises(ValueError, match="cannot be written"):
        values_block(["v"], [(URIRef("urn:a> } ; DROP ALL ; <urn:b"),)])
