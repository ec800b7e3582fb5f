"""What the terminal shows: tables that fit 80 and 100 columns without cutting a word, a date or
an identifier in two, labels in place of their IRIs, printed names that ``query -e`` reads back,
and one line for what cannot be run or written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal
from typer.testing import CliRunner

from ssegraph.catalogue import query
from ssegraph.cells import printed, text
from ssegraph.cli import app
from ssegraph.graph import KnowledgeGraph
from ssegraph.results import Results, fitted, shared, table
from ssegraph.vocab import ID, SSE

ROOT = Path(__file__).resolve().parents[1]
_BOX = re.compile(r"[│┃┏┓┗┛┡┩└┘┳┻╇┴━─┬┼├┤╋]+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
WIDE_QUERIES = ["people-affiliations", "members-as-of", "events-in-year", "role-holders"]


def run(columns: int, *args: str) -> tuple[int, str, str]:
    env = {"COLUMNS": str(columns), "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
    result = CliRunner(env={**env, "SSEGRAPH_HOME": None}).invoke(
        app, ["--project", str(ROOT), *args]
    )
    return result.exit_code, result.stdout, result.stderr


def _words(kg: KnowledgeGraph, name: str) -> set[str]:
    """Every word of every cell and heading of a query's answer, as the table prints them."""
    answer = query(kg, name)
    cells = [text(term) for row in answer.terms() for term in row.values()]
    return {word for cell in [*cells, *answer.variables] for word in cell.split()}


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("name", WIDE_QUERIES)
def test_a_table_fits_the_width_and_cuts_no_word(
    kg: KnowledgeGraph, name: str, columns: int
) -> None:
    code, output, _ = run(columns, "query", name)
    assert code == 0, output
    assert max(len(line) for line in output.splitlines()) <= columns
    whole = _words(kg, name) | {"row(s)"}
    for line in output.splitlines():
        for word in _BOX.sub(" ", line).split():
            if word.isdigit():  # the row count of the caption
                continue
            # a whole word, or a word too wide for its column ended with an ellipsis
            assert word in whole or (
                word.endswith("…") and any(w.startswith(word[:-1]) for w in whole)
            ), f"{word!r} cut at {columns} columns"


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("name", WIDE_QUERIES)
def test_every_date_is_printed_whole(kg: KnowledgeGraph, name: str, columns: int) -> None:
    dates = {day for word in _words(kg, name) for day in _DATE.findall(word)}
    assert dates
    _, output, _ = run(columns, "query", name)
    assert dates <= set(_DATE.findall(output))


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize(
    "args", [("search", "economie sociale"), ("show", "GPIESS"), ("queries",), ("info",)]
)
def test_the_other_tables_fit_the_width_too(columns: int, args: tuple[str, ...]) -> None:
    code, output, error = run(columns, *args)
    assert code == 0, error
    assert max(len(line) for line in output.splitlines()) <= columns


def test_shared_widths_give_each_column_its_longest_line_or_a_share_of_the_room() -> None:
    assert shared([5, 5], [8, 20], 40) == [8, 20]  # all fit
    assert shared([5, 5], [15, 25], 20) == [8, 11]  # 10 spare shared 10:20
    assert shared([5, 5], [15, 25], 8) == [5, 5]  # no room left: the least widths
    assert shared([5, 5], [5, 3], 8) == [5, 5]  # nothing more wanted, even without room


def test_an_iri_column_with_a_label_twin_is_hidden_unless_asked() -> None:
    _, output, _ = run(200, "query", "people-affiliations")
    assert "Antonella Noya" in output and "p:antonella-noya" not in output
    assert "personLabel" not in output and "person" in output
    _, output, _ = run(200, "query", "people-affiliations", "--iris")
    assert "p:antonella-noya" in output and "personLabel" in output


def test_columns_too_many_for_the_width_become_records() -> None:
    _, output, _ = run(80, "query", "people-affiliations")
    assert re.search(r"^person +Antonella Noya", output, re.MULTILINE)
    assert re.search(r"^since +2019-06-25", output, re.MULTILINE)


def test_the_least_widths_lower_the_widest_columns_first() -> None:
    assert fitted([10, 40, 12], 60) == [10, 32, 12]  # room for all: long words up to 32
    assert fitted([10, 40, 12], 40) == [10, 18, 12]
    # never under LEAST (a date and its list separator): what does not fit is written as records
    assert fitted([10, 40, 12], 24) == [10, 11, 11]


def test_a_label_stands_for_its_node_under_the_node_heading() -> None:
    answer = Results(
        ("member", "memberLabel"), ((ID["org/ilo"], Literal("International Labour Organization")),)
    )
    from rich.console import Console

    console = Console(width=60, file=None, record=True, highlight=False)
    with console.capture() as captured:
        console.print(table(answer, 60))
    shown = captured.get()
    assert "member " in shown and "memberLabel" not in shown
    assert "International Labour Organization" in shown and "o:ilo" not in shown


# ---- printed names go back into a query


def test_printed_names_are_prefixed_names_or_whole_iris() -> None:
    assert printed(ID["org/ilo"]) == "o:ilo"
    assert printed(ID["state/france"]) == "st:france"
    assert printed(SSE.UNEntity) == "sse:UNEntity"
    assert printed("https://w3id.org/ssegraph/graph/derived/tenure") == (
        "<https://w3id.org/ssegraph/graph/derived/tenure>"  # a slash: no valid prefixed name
    )
    assert printed("http://example.org/x") == "<http://example.org/x>"


def test_a_name_printed_by_search_runs_in_query_e() -> None:
    _, output, _ = run(200, "search", "OIT")
    name = re.search(r"\b(o:ilo)\b", output)
    assert name is not None
    code, answer, _ = run(200, "query", "-e", f"ASK {{ {name.group(1)} a sse:UNEntity }}")
    assert (code, answer.strip()) == (0, "true")


def test_names_printed_by_a_query_run_in_query_e() -> None:
    code, output, error = run(
        100, "query", "-e", "SELECT ?seat ?member WHERE { ?seat org:organization o:gpiess ; "
        "org:member ?member }",
    )  # fmt: skip
    assert code == 0, error
    seats = sorted(set(re.findall(r"\bm:[a-z0-9-]+(?![\w…-])", output)))
    members = set(re.findall(r"\b(?:o|st|gov|p):[a-z0-9-]+(?![\w…-])", output))
    assert len(seats) > 10 and {"st:france", "o:essfi"} <= members
    code, answer, error = run(
        100, "query", "-f", "csv", "-e",
        f"SELECT ?seat ?group WHERE {{ VALUES ?seat {{ {' '.join(seats)} }} "
        "?seat org:organization ?group }",
    )  # fmt: skip
    assert code == 0, error
    rows = answer.splitlines()[1:]
    assert len(rows) == len(seats)
    assert all(row.endswith(",https://w3id.org/ssegraph/id/org/gpiess") for row in rows)


# ---- one line for what cannot be run or written


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ASK { zz:x a sse:State }", "unknown prefix zz:"),
        ("INSERT DATA { o:ilo a sse:State }", "INSERT is an update and the graph is read-only"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE is an update and the graph is read-only"),
        ("LOAD <http://example.org/data.ttl>", "LOAD is an update and the graph is read-only"),
        ("CLEAR ALL", "CLEAR is an update and the graph is read-only"),
    ],
)
def test_an_unknown_prefix_or_an_update_is_one_line(text: str, message: str) -> None:
    code, _, error = run(100, "query", "-e", text)
    assert code == 1
    assert message in error and len(error.strip().splitlines()) == 1


def test_a_prefix_inside_a_string_an_iri_or_a_comment_is_not_a_prefix() -> None:
    code, output, error = run(
        100, "query", "-f", "csv", "-e",
        'SELECT ("zz:x" AS ?t) ?p WHERE { BIND(<http://a.example/b#c:d> AS ?p) } # yy:z',
    )  # fmt: skip
    assert code == 0, error
    assert "zz:x,http://a.example/b#c:d" in output


DESCRIBE = "DESCRIBE o:ilo"
CONSTRUCT = "CONSTRUCT { o:ilo skos:prefLabel ?name } WHERE { o:ilo skos:prefLabel ?name }"


@pytest.mark.parametrize("text", [DESCRIBE, CONSTRUCT])
@pytest.mark.parametrize(
    ("format", "mark"),
    [
        ("table", "@prefix"),
        ("turtle", "@prefix"),
        ("ntriples", "<https://w3id.org/ssegraph/id/org/ilo> <"),
        ("jsonld", '"@id": "https://w3id.org/ssegraph/id/org/ilo"'),
        ("rdfxml", "<rdf:RDF"),
    ],
)
def test_a_graph_answer_is_written_in_the_rdf_format_asked(
    text: str, format: str, mark: str
) -> None:
    code, output, error = run(100, "query", "-f", format, "-e", text)
    assert code == 0, error
    assert mark in output


@pytest.mark.parametrize("text", [DESCRIBE, CONSTRUCT])
@pytest.mark.parametrize("format", ["json", "csv", "tsv"])  # xml: RDF/XML, as for export
def test_a_results_format_for_a_graph_answer_is_refused(text: str, format: str) -> None:
    code, output, error = run(100, "query", "-f", format, "-e", text)
    assert code == 1 and output == ""
    assert "answers triples: write them in turtle, ntriples, jsonld, rdfxml" in error


@pytest.mark.parametrize(
    ("text", "format", "mark"),
    [
        ("SELECT ?x WHERE { VALUES ?x { 1 } }", "csv", "x\n1"),
        ("ASK { o:ilo a sse:UNEntity }", "json", '"boolean":true'),
        ("ASK { o:ilo a sse:UNEntity }", "table", "true"),
    ],
)
def test_a_select_or_ask_is_written_in_the_format_asked(text: str, format: str, mark: str) -> None:
    code, output, error = run(100, "query", "-f", format, "-e", text)
    assert code == 0, error
    assert mark in output


def test_global_options_also_work_after_the_command() -> None:
    result = CliRunner(env={"SSEGRAPH_HOME": None}).invoke(
        app, ["query", "observers", "-f", "csv", "--project", str(ROOT)]
    )
    assert result.exit_code == 0, result.output
    assert "observerLabel" in result.stdout
    result = CliRunner().invoke(app, ["query", "observers", "--endpoint=http://127.0.0.1:9/query"])
    assert result.exit_code != 0
    assert (
        "127.0.0.1:9/query: cannot connect" in result.stderr
        and "No such option" not in result.stderr
    )
