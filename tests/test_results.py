"""Query results: plain Python rows, and the one registry of W3C result formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from ssegraph.catalogue import query
from ssegraph.errors import BadParameter
from ssegraph.graph import KnowledgeGraph
from ssegraph.results import FORMATS, Results, get_format
from ssegraph.vocab import ID

ILO = ID["org/ilo"]
XSD = "http://www.w3.org/2001/XMLSchema#"  # a string: pytest trips over rdflib's closed XSD
TRICKY = Literal('tab\there, "quoted"\nnew line', lang="fr")
RESULTS = Results(
    ("node", "label", "date", "count", "missing"),
    (
        (ILO, TRICKY, Literal(dt.date(2014, 9, 17)), Literal(3), None),
        (
            BNode("b0"),
            Literal("plain"),
            Literal("2013", datatype=URIRef(XSD + "gYear")),
            Literal(0),
            None,
        ),
    ),
)


def test_rows_are_plain_python_values_ready_for_a_dataframe() -> None:
    assert RESULTS[0] == {
        "node": str(ILO),
        "label": str(TRICKY),
        "date": dt.date(2014, 9, 17),
        "count": 3,
        "missing": None,
    }
    assert RESULTS[1]["date"] == "2013"  # a partial date stays its text
    assert list(RESULTS) == RESULTS.to_dicts()
    assert len(RESULTS) == 2
    # what pandas.DataFrame(results) reads: a sequence of mappings with the same keys
    assert [list(row) for row in RESULTS] == [list(RESULTS.variables)] * 2


def test_terms_keep_the_rdf_of_each_value() -> None:
    assert RESULTS.terms()[0]["label"] == TRICKY
    assert RESULTS.terms()[0]["missing"] is None


@pytest.mark.parametrize("name", ["json", "xml"])
def test_json_and_xml_read_back_as_the_same_terms(name: str) -> None:
    text = get_format(name).write(RESULTS)
    parsed = Result.parse(io.StringIO(text), format=name)
    assert [str(v) for v in parsed.vars] == list(RESULTS.variables)
    first = parsed.bindings[0]
    assert [first.get(v) for v in parsed.vars][:4] == list(RESULTS.rows[0][:4])
    assert "missing" not in {str(v) for v in first}  # unbound: no binding at all


def test_json_follows_the_sparql_results_layout() -> None:
    document = json.loads(get_format("json").write(RESULTS))
    assert document["head"]["vars"] == list(RESULTS.variables)
    assert document["results"]["bindings"][0]["label"] == {
        "type": "literal",
        "value": str(TRICKY),
        "xml:lang": "fr",
    }
    assert document["results"]["bindings"][1]["node"]["type"] == "bnode"


def test_csv_writes_the_values_only_quoted_where_needed() -> None:
    text = get_format("csv").write(RESULTS)
    assert text.startswith("node,label,date,count,missing\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == [str(ILO), str(TRICKY), "2014-09-17", "3", ""]


def test_tsv_writes_terms_in_sparql_syntax_with_tabs_and_newlines_escaped() -> None:
    lines = get_format("tsv").write(RESULTS).splitlines()
    assert lines[0] == "?node\t?label\t?date\t?count\t?missing"
    assert lines[1].split("\t") == [
        f"<{ILO}>",
        r'"tab\there, \"quoted\"\nnew line"@fr',
        f'"2014-09-17"^^<{XSD}date>',
        "3",  # an integer in its Turtle short form, as the TSV format allows
        "",
    ]
    assert lines[2].split("\t")[:2] == ["_:b0", '"plain"']
    assert len(lines) == 3


def test_the_table_shows_prefixed_names_and_the_row_count() -> None:
    text = get_format("table").write(RESULTS)
    assert "o:ilo" in text and "2 row(s)" in text


def test_an_ask_answer_is_a_boolean_in_json_and_xml_and_refused_in_csv() -> None:
    answer = Results(boolean=True)
    assert json.loads(get_format("json").write(answer)) == {"head": {}, "boolean": True}
    assert "<boolean>true</boolean>" in get_format("xml").write(answer)
    assert get_format("table").write(answer).strip() == "true"
    with pytest.raises(BadParameter, match="csv holds SELECT results only"):
        get_format("csv").write(answer)


def test_an_unknown_format_lists_the_registered_ones() -> None:
    with pytest.raises(BadParameter) as error:
        get_format("yaml")
    assert error.value.choices == sorted(FORMATS) == ["csv", "json", "table", "tsv", "xml"]
    assert get_format("JSON").media_type == "application/sparql-results+json"


def test_pandas_reads_a_catalogue_answer_as_a_dataframe(kg: KnowledgeGraph) -> None:
    import pandas

    answer = query(kg, "members-as-of", group="GPIESS", date="2014-09-17")
    frame = pandas.DataFrame(answer)
    assert list(frame.columns) == list(answer.variables)
    assert len(frame) == len(answer) > 0
    assert set(frame["member"]) >= {str(ID["org/untfsse"]), str(ID["state/france"])}
    assert set(frame["since"]) == {dt.date(2014, 9, 17)}
