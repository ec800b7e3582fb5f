"""SHACL-SPARQL constraints (``sh:sparql``), each run once over the data instead of once per node.

pySHACL parses a constraint's query again for every focus node (0.2 s a time for the date rules:
minutes for a few hundred memberships, hours for a large batch). Here each query is asked once,
with ``$this`` free, of an Oxigraph copy of the data; its rows about the shape's focus nodes (its
``sh:targetClass`` instances, subclasses included) are the results, as the SHACL-SPARQL
semantics give them with ``$this`` pre-bound. The constraints used by ``ontology/shapes.ttl``
are plain basic patterns, filters and unions, for which both readings agree (pinned by a test
against pySHACL). The shapes handed to pySHACL are stripped of their ``sh:sparql``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from ssegraph.backends.embedded import to_oxigraph, to_rdflib

_THIS = re.compile(r"\$this\b")
_MESSAGE_VARIABLE = re.compile(r"\{[?$](\w+)\}")


@dataclass(frozen=True)
class SparqlResult:
    """One row of a SPARQL constraint: the focus node, and the path and value it names."""

    shape: Node
    constraint: Node
    focus: Node
    path: Node | None
    value: Node | None
    severity: URIRef
    messages: tuple[Literal, ...]


def without_sparql(shapes: Graph) -> Graph:
    """The shapes with their ``sh:sparql`` constraints left out (those run here instead)."""
    stripped = Graph(namespace_manager=shapes.namespace_manager)
    stripped += shapes
    for shape, constraint in list(shapes.subject_objects(SH.sparql)):
        stripped.remove((shape, SH.sparql, constraint))
    return stripped


def evaluate(data: Graph, shapes: Graph) -> Iterator[SparqlResult]:
    """The results of every active ``sh:sparql`` constraint of ``shapes`` on ``data``.

    The queries run on an in-memory Oxigraph copy of ``data`` (rdflib's evaluator takes
    minutes where Oxigraph takes a second on a large batch); the answers are the same."""
    store: ox.Store | None = None
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if Literal(True) in (
            shapes.value(shape, SH.deactivated),
            shapes.value(constraint, SH.deactivated),
        ):
            continue
        focus = focus_nodes(data, shapes, shape)
        if not focus:
            continue
        select = shapes.value(constraint, SH.select)
        if store is None:
            store = _store(data)
        severity = shapes.value(shape, SH.severity) or SH.Violation
        messages = tuple(
            m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal)
        ) or tuple(m for m in shapes.objects(shape, SH.message) if isinstance(m, Literal))
        seen: set[tuple[Node, Node | None, Node | None]] = set()
        for row in _rows(store, _THIS.sub("?this", str(select))):
            this, path, value = row.get("this"), row.get("path"), row.get("value")
            if this not in focus or (this, path, value) in seen:
                continue  # one result per focus, path and value (as pySHACL gives them)
            seen.add((this, path, value))
            yield SparqlResult(
                shape=shape,
                constraint=constraint,
                focus=this,
                path=path,
                value=value,
                severity=severity,  # type: ignore[arg-type]
                messages=tuple(_fill(m, this, value) for m in messages),
            )


def focus_nodes(data: Graph, shapes: Graph, shape: Node) -> set[Node]:
    """The instances of the shape's target classes, subclasses included (as SHACL reads them)."""
    nodes: set[Node] = set()
    for target in shapes.objects(shape, SH.targetClass):
        for cls in data.transitive_subjects(RDFS.subClassOf, target):
            nodes.update(data.subjects(RDF.type, cls))
    nodes.update(shapes.objects(shape, SH.targetNode))
    return nodes


def add_to_report(report: Graph, result: SparqlResult) -> BNode:
    """One ``sh:ValidationResult`` for ``result``, as pySHACL would have written it."""
    node = BNode()
    report.add((node, RDF.type, SH.ValidationResult))
    report.add((node, SH.focusNode, result.focus))
    report.add((node, SH.resultSeverity, result.severity))
    report.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
    report.add((node, SH.sourceShape, result.shape))
    report.add((node, SH.sourceConstraint, result.constraint))
    if result.path is not None:
        report.add((node, SH.resultPath, result.path))
    if result.value is not None:
        report.add((node, SH.value, result.value))
    for message in result.messages:
        report.add((node, SH.resultMessage, message))
    return node


def _store(data: Graph) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(
        ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), ox.DefaultGraph())
        for s, p, o in data
    )
    return store


def _rows(store: ox.Store, query: str) -> Iterator[dict[str, Node]]:
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    for solution in solutions:  # type: ignore[union-attr]
        yield {name: to_rdflib(solution[name]) for name in names if solution[name] is not None}


def _fill(message: Literal, this: Node, value: Node | None) -> Literal:
    """``{?value}`` and ``{$this}`` in a message replaced by the row's terms."""
    terms = {"this": this, "value": value}

    def term(match: re.Match[str]) -> str:
        found = terms.get(match[1])
        return match[0] if found is None else str(found)

    return Literal(_MESSAGE_VARIABLE.sub(term, str(message)), lang=message.language)
