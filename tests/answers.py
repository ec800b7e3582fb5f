"""The settings each catalogue query is tried with, and answers and networks made comparable.

Shared by the tests that hold one way of answering to another's answers: a server's against
the embedded store's (tests/test_remote.py, tests/test_remote_synthetic.py), an engine's
variant against the query it stands for (tests/test_catalogue.py).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from rdflib import BNode, Literal

from ssegraph.catalogue import Catalogue, parse_assignments
from ssegraph.results import Results

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = Catalogue.load(ROOT)

# The queries that read a path at any depth, or that have a variant for an engine, with every
# value their parameter takes here, not only the documented examples: Virtuoso 7.2 answered
# some formulations right for those and wrong for other values (a path's zero-length case: the
# posts in the State itself).
EVERY_VALUE = {
    "sub-organisations": ("parent", "SELECT DISTINCT ?x WHERE { ?unit org:subOrganizationOf ?x }"),
    "actors-in-country": (
        "country",
        "SELECT DISTINCT ?x WHERE { ?x a schema:Country "
        "{ ?in schema:location ?x } UNION { ?in org:subOrganizationOf ?x } }",
    ),
    "session-speakers": (
        "event",
        "SELECT DISTINCT ?x WHERE { ?session schema:performer ?who ; schema:superEvent* ?x }",
    ),
    "group-by-year": (
        "group",
        "SELECT DISTINCT ?x WHERE { ?m org:organization ?x ; sse:tenure ?t }",
    ),
    "un-outcomes-in-year": (
        "year",
        "SELECT DISTINCT ?x WHERE { ?o a sse:PolicyOutcome ; sse:earliestDay ?d "
        "BIND (STR(YEAR(?d)) AS ?x) }",
    ),
}


def _setting_id(name: str, values: dict[str, str]) -> str:
    """A query and its parameters as a test id."""
    shown = ",".join(f"{key}={value}" for key, value in values.items())
    return f"{name}-{shown or 'defaults'}"


def settings(names: list[str] | None = None) -> list[object]:
    """Each catalogue query (of ``names``, or all) with its defaults, then with the parameters
    of each of its examples."""
    found = []
    for query in CATALOGUE.queries.values():
        if names is not None and query.name not in names:
            continue
        found.append(pytest.param(query.name, {}, id=_setting_id(query.name, {})))
        for example in query.examples:
            words = shlex.split(example)
            given = [words[i + 1] for i, word in enumerate(words) if word == "--param"]
            values = parse_assignments(given)
            if "--lang" in words:
                values["lang"] = words[words.index("--lang") + 1]
            if values:
                found.append(pytest.param(query.name, values, id=_setting_id(query.name, values)))
    return found


def comparable(results: Results) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    """Variables and sorted rows, with what SPARQL leaves to each store made equal: the names
    of blank nodes; the order of the values that GROUP_CONCAT joins (with "; ", ", ", or " "
    between IRIs: SPARQL 1.1 has no ORDER BY inside an aggregate, so no query can fix it); the
    language tag of what it joins (Oxigraph keeps the one its values share, Virtuoso drops
    it); and a GROUP_CONCAT of nothing (every value unbound), which Oxigraph leaves unbound and
    Virtuoso makes an empty string."""

    def term_of(term: object) -> object:
        if isinstance(term, BNode):
            return "_:blank"
        if isinstance(term, Literal) and term.datatype is None:
            return sorted(re.split(r"[;,] | (?=https?://)", str(term))) if str(term) else None
        return term

    return results.variables, sorted((tuple(map(term_of, row)) for row in results.rows), key=repr)


def network_as_data(graph: Any) -> tuple[dict[Any, Any], dict[Any, Any]]:
    """Nodes and edges with their attributes, lists compared as sets (GROUP_CONCAT order)."""

    def plain(value: object) -> object:
        return sorted(map(repr, value)) if isinstance(value, list | tuple | set) else value

    nodes = {n: {k: plain(v) for k, v in data.items()} for n, data in graph.nodes(data=True)}
    edges = {
        frozenset((u, v)): {k: plain(w) for k, w in data.items()}
        for u, v, data in graph.edges(data=True)
    }
    return nodes, edges
