"""One way to show a cell and a node's label, shared by the CLI's tables and the pages."""

from __future__ import annotations

from rdflib import Literal

from ssegraph.cells import heading, label_or_node, shown, text
from ssegraph.vocab import ID

VARIABLES = ["member", "memberLabel", "role", "since"]


def test_an_iri_is_its_prefixed_name_and_nothing_is_empty() -> None:
    assert text(ID["org/ilo"]) == "o:ilo"  # valid SPARQL, unlike id:org/ilo
    assert text(Literal("OIT", lang="fr")) == "OIT"
    assert text(None) == ""


def test_a_node_with_a_label_twin_is_shown_once_under_its_own_name() -> None:
    assert shown(VARIABLES) == ["memberLabel", "role", "since"]
    assert [heading(name, VARIABLES) for name in shown(VARIABLES)] == ["member", "role", "since"]
    assert heading("kindLabel", ["kindLabel"]) == "kindLabel"  # no ?kind beside it: as it is


def test_a_missing_label_falls_back_to_its_node() -> None:
    row = {"member": ID["org/ilo"], "memberLabel": None, "role": None}
    assert label_or_node(row, "memberLabel") == ID["org/ilo"]
    assert label_or_node(row, "role") is None
