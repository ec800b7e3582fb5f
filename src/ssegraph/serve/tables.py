"""Query answers as tables: SPARQL results JSON in, rows of linked cells out.

The endpoint's answers are already SPARQL results JSON; a catalogue query's answer is written
in the same JSON by the one results writer (``results.JSON``), so one table builder serves both
pages and the JSON twin of a page gives the standard format. A column ``x`` that has an
``xLabel`` twin is shown once, as the label linked to the node (``ssegraph.cells``). A column
listed as a list of names (the ``sources`` column a page asks for,
``ssegraph.provenance.with_sources``: prefixed names separated by spaces) is shown as one link
per name, and so is a text that is only our IRIs separated by spaces (a ``GROUP_CONCAT`` of
sources, as ``members-as-of`` gives in ``attestedBy``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, cast

from ssegraph.cells import heading, node_of, shown
from ssegraph.vocab import ID, expand, short


@dataclass(frozen=True)
class Cell:
    """What a table shows: text, and the node it stands for (a link) if any; a list of names
    (a row's sources) has one part per name."""

    text: str
    node: str | None = None
    parts: tuple[Cell, ...] = ()


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[Cell]]


def table(results: Mapping[str, Any], lists: Collection[str] = ()) -> Table:
    """The table of a SELECT's SPARQL results JSON; the columns named in ``lists`` hold
    space-separated names, each its own link."""
    variables: list[str] = results["head"]["vars"]
    columns = shown(variables)
    rows = [
        [
            _listed(_cell(binding, name, variables))
            if name in lists
            else _cell(binding, name, variables)
            for name in columns
        ]
        for binding in _bindings(results)
    ]
    return Table([heading(name, variables) for name in columns], rows)


def _bindings(results: Mapping[str, Any]) -> list[dict[str, dict[str, str]]]:
    return cast(list[dict[str, dict[str, str]]], results.get("results", {}).get("bindings", []))


def _cell(binding: Mapping[str, Mapping[str, str]], name: str, variables: list[str]) -> Cell:
    node = node_of(name, variables)
    if node is not None:  # a label column standing for its node
        target = binding.get(node)
        iri = target["value"] if target and target["type"] == "uri" else None
        label = binding.get(name)
        return Cell(label["value"] if label else short(iri or ""), iri)
    term = binding.get(name)
    if term is None:
        return Cell("")
    if term["type"] == "uri":
        return Cell(short(term["value"]), term["value"])
    return _our_iris(term["value"]) or Cell(term["value"])


def _our_iris(text: str) -> Cell | None:
    """A text made only of IRIs under id/, as one link per IRI; None for any other text."""
    iris = text.split()
    if not iris or not all(iri.startswith(str(ID)) for iri in iris):
        return None
    return Cell(text, None, tuple(Cell(short(iri), iri) for iri in iris))


def _listed(cell: Cell) -> Cell:
    """A cell of space-separated names (``id:source/...``): one part per name, linked to the
    IRI it stands for when it is a prefixed name of ours (as ``Links.href`` decides)."""
    names = cell.text.split()
    return Cell(cell.text, None, tuple(Cell(name, _iri(name)) for name in names))


def _iri(name: str) -> str | None:
    iri = expand(name)
    return None if iri is None else str(iri)
