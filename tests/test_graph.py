"""KnowledgeGraph: one named graph per file, SPARQL with bound terms, changes and exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from ssegraph.errors import BadParameter, ParseError, QueryError
from ssegraph.export import FORMATS
from ssegraph.graph import KnowledgeGraph
from ssegraph.vocab import DERIVED_GRAPHS, GRAPH, ID, SKOS, is_derived

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
ILO = ID["org/ilo"]


def test_each_file_is_loaded_into_its_own_named_graph_beside_the_derived_ones(
    mini: KnowledgeGraph,
) -> None:
    assert [g for g in mini.graphs() if not is_derived(g)] == [
        GRAPH["data/actors"],
        GRAPH["data/list-2014"],
        GRAPH["ontology/mini"],
        GRAPH["ontology/roles"],
    ]
    assert {g for g in mini.graphs() if is_derived(g)} == set(DERIVED_GRAPHS.values())
    rows = mini.select("SELECT ?g WHERE { GRAPH ?g { ?ilo skos:altLabel ?l } }", {"ilo": ILO})
    assert {row["g"] for row in rows} == {GRAPH["data/actors"]}


def test_the_real_graph_has_one_named_graph_per_turtle_file(kg: KnowledgeGraph) -> None:
    files = sorted((ROOT / "ontology").glob("*.ttl")) + sorted((ROOT / "data").glob("*.ttl"))
    assert {str(g) for g in kg.graphs() if not is_derived(g)} == {
        f"{GRAPH}{path.parent.name}/{path.stem}" for path in files
    }
    assert len(kg) > 1000


def test_queries_see_the_union_of_graphs_and_need_no_prefix_declarations(
    mini: KnowledgeGraph,
) -> None:
    rows = mini.select(
        "SELECT ?group WHERE { ?m org:member ?ilo ; org:organization ?group }", {"ilo": ILO}
    )
    assert rows == [{"group": ID["org/gpiess"]}]


def test_select_rows_are_rdflib_terms_keyed_by_variable_with_none_when_unbound(
    mini: KnowledgeGraph,
) -> None:
    rows = mini.select(
        "SELECT ?label ?missing WHERE { ?ilo skos:prefLabel ?label "
        "OPTIONAL { ?ilo skos:notation ?missing } } ORDER BY ?label",
        {"ilo": ILO},
    )
    assert rows == [
        {"label": Literal("International Labour Organization", lang="en"), "missing": None},
        {"label": Literal("Organisation internationale du Travail", lang="fr"), "missing": None},
    ]


def test_a_python_date_is_bound_as_an_xsd_date(mini: KnowledgeGraph) -> None:
    query = "SELECT ?m WHERE { ?m sse:attestedOn ?d FILTER(?d <= ?date) }"
    assert len(mini.select(query, {"date": dt.date(2014, 9, 17)})) == 2
    assert mini.select(query, {"date": dt.date(2014, 9, 16)}) == []
    assert mini.ask("ASK { ?m sse:attestedOn ?d }", {"d": Literal(dt.date(2014, 9, 17))})


def test_a_bound_string_is_data_never_query_text(mini: KnowledgeGraph) -> None:
    size = len(mini)
    hostile = '" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    assert mini.select("SELECT ?s WHERE { ?s skos:prefLabel ?name }", {"name": hostile}) == []
    echoed = mini.select("SELECT ?name WHERE { }", {"name": hostile})
    assert echoed == [{"name": Literal(hostile)}]
    assert len(mini) == size


def test_unprojected_bound_variables_work_in_grouped_queries(mini: KnowledgeGraph) -> None:
    query = (
        "SELECT ?property (COUNT(?label) AS ?n) WHERE { ?thing ?property ?label "
        "FILTER(LANG(?label) = ?lang && ?property IN (skos:prefLabel, skos:altLabel)) } "
        "GROUP BY ?property ORDER BY ?property"
    )
    rows = mini.select(query, {"lang": "fr"})
    assert [row["property"] for row in rows] == [SKOS.altLabel, SKOS.prefLabel]
    assert all(set(row) == {"property", "n"} for row in rows)
    written = mini.select(query.replace("?lang", '"fr"'))
    assert rows == written


def test_bound_terms_answer_the_same_in_union_branches_and_beside_a_bind_of_them(
    mini: KnowledgeGraph,
) -> None:
    # The embedded store also writes bound terms into the query for its planner; a query that
    # BINDs the bound variable itself, where that text would not parse, is bound by
    # substitution alone: the binding clashes with the BIND, and no row comes back.
    union = "SELECT ?p WHERE { { ?s ?p ?lang } UNION { BIND(skos:prefLabel AS ?p) } }"
    assert mini.select(union, {"lang": "fr"}) == mini.select(union.replace("?lang", '"fr"'))
    assert mini.select("SELECT ?x WHERE { ?s ?p ?o BIND(1 AS ?x) }", {"x": "a"}) == []


def test_a_variable_name_that_is_not_sparql_is_refused(mini: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="not a SPARQL variable name"):
        mini.select("SELECT ?s WHERE { ?s ?p ?o }", {"s } DROP": "x"})


def test_a_syntax_error_is_a_query_error_with_its_position(mini: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"SPARQL syntax: .*1:\d+"):
        mini.select("SELECT * WHERE { ?s ?p }")


def test_construct_returns_an_rdflib_graph_with_the_project_prefixes(mini: KnowledgeGraph) -> None:
    graph = mini.construct(
        "CONSTRUCT { ?ilo skos:altLabel ?l } WHERE { ?ilo skos:altLabel ?l }", {"ilo": ILO}
    )
    assert isinstance(graph, Graph)
    assert set(graph.objects(ILO, SKOS.altLabel)) == {
        Literal("OIT", lang="fr"),
        Literal("ILO", lang="en"),
    }
    assert "@prefix skos:" in graph.serialize(format="turtle")


def test_added_triples_land_in_the_named_graph_given(fresh_mini: KnowledgeGraph) -> None:
    before = fresh_mini.generation
    new = URIRef(ID["org/undp"])
    fresh_mini.add([(new, SKOS.prefLabel, Literal("UNDP", lang="en"))], "data/new-source")
    assert GRAPH["data/new-source"] in fresh_mini.graphs()
    assert fresh_mini.ask(
        "ASK { GRAPH graph:data\\/new-source { ?x skos:prefLabel ?l } }", {"x": new}
    )
    assert fresh_mini.generation == before + 1
    other = Graph()
    other.add((new, SKOS.altLabel, Literal("PNUD", lang="fr")))
    fresh_mini.add(other, GRAPH["data/new-source"])
    assert fresh_mini.ask("ASK { ?x skos:altLabel 'PNUD'@fr }", {"x": new})


def test_a_turtle_error_names_the_file_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "ontology").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "broken.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/ssegraph/id/org/x> skos:prefLabel "unterminated .\n',
        encoding="utf-8",
    )
    with pytest.raises(ParseError) as error:
        KnowledgeGraph.load(tmp_path)
    assert (error.value.file, error.value.line) == ("data/broken.ttl", 2)
    assert error.value.column is not None
    assert str(error.value).startswith("data/broken.ttl:2:")
    assert error.value.exit_code == 2


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_export_format_holds_every_triple(mini: KnowledgeGraph, name: str) -> None:
    text = mini.export(name)
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "trig": "trig", "jsonld": "json-ld",
                     "rdfxml": "xml"}  # fmt: skip
    dataset = Dataset()
    dataset.parse(data=text, format=rdflib_format[name])
    assert len(list(dataset.quads())) == len(mini)
    if FORMATS[name].named_graphs:
        names = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert names == {str(g) for g in mini.graphs()}


def test_an_unknown_export_format_lists_the_known_ones(mini: KnowledgeGraph) -> None:
    with pytest.raises(BadParameter) as error:
        mini.export("yaml")
    assert error.value.choices == sorted(FORMATS)
