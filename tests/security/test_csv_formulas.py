"""CSV injection: no cell the package writes is run as a formula by a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Literal, URIRef

from ssegraph.network_io import write_csv
from ssegraph.results import Results, get_format
from ssegraph.spreadsheet import disarm, is_formula


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_a_cell_a_spreadsheet_would_run_is_disarmed(text: str) -> None:
    assert is_formula(text)
    assert disarm(text) == "'" + text


@pytest.mark.parametrize("text", ["-3", "+1.5", "2.5e-3", "GSEF", "", "a=b"])
def test_numbers_and_plain_text_are_left_as_they_are(text: str) -> None:
    assert disarm(text) == text


def test_query_results_in_csv_disarm_formulas_and_keep_numbers() -> None:
    results = Results(
        ("label", "count", "node"),
        ((Literal("=1+1", lang="en"), Literal(-3), URIRef("https://example.org/x")),),
    )
    written = get_format("csv").write(results)
    row = next(iter(csv.DictReader(written.splitlines())))
    assert row == {"label": "'=1+1", "count": "-3", "node": "https://example.org/x"}


def test_network_tables_disarm_formulas(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_node("https://example.org/a", label="=cmd()", degree=-1)
    graph.add_node("https://example.org/b", label="B")
    graph.add_edge("https://example.org/a", "https://example.org/b", via="@evil")
    write_csv(graph, tmp_path)
    nodes = {row["id"]: row for row in csv.DictReader((tmp_path / "nodes.csv").open())}
    assert nodes["https://example.org/a"]["label"] == "'=cmd()"
    assert nodes["https://example.org/a"]["degree"] == "-1"
    (edge,) = csv.DictReader((tmp_path / "edges.csv").open())
    assert edge["via"] == "'@evil"
