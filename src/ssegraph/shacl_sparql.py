"""SHACL-SPARQL constraints (``sh:sparql``), each run once over the data instead of once per node.

pySHACL parses a constraint's query again for every focus node (0.2 s a time for the date rules:
minutes for a few hundred memberships, hours for a large batch). Here each query is asked once,
with ``$this`` free, of the Oxigraph store the data is validated in; its rows about the
shape's focus nodes (its ``sh:targetClass`` instances, subclasses included) are the results, as
the SHACL-SPARQL semantics give them with ``$this`` pre-bound. The constraints used by
``ontology/shapes.ttl`` are plain basic patterns, filters and unions, for which both readings
agree (pinned by a test against pySHACL). The shapes handed to pySHACL are stripped of their
``sh:sparql``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ssegraph.backends.embedded import to_oxigraph, to_rdflib
from ssegraph.shacl.data import Data, Key, key
from ssegraph.shacl.shapes import Term

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


def evaluate(
    data: Data, shapes: Graph, keep: Collection[Term] | None = None
) -> Iterator[SparqlResult]:
    """The results of every active ``sh:sparql`` constraint of ``shapes`` on ``data`` (about
    the focus nodes in ``keep`` only, if given), each query asked once of its store."""
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if Literal(True) in (
            shapes.value(shape, SH.deactivated),
            shapes.value(constraint, SH.deactivated),
        ):
            continue
        focus = focus_nodes(data, shapes, shape)
        if keep is not None:
            focus &= {key(n) for n in keep}
        if not focus:
            continue
        select = shapes.value(constraint, SH.select)
        severity = shapes.value(shape, SH.severity) or SH.Violation
        messages = tuple(
            m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal)
        ) or tuple(m for m in shapes.objects(shape, SH.message) if isinstance(m, Literal))
        seen: set[tuple[Term, Term | None, Term | None]] = set()
        for this, path, value in _rows(data, _THIS.sub("?this", str(select))):
            if key(this) not in focus or (this, path, value) in seen:
                continue  # one result per focus, path and value (as pySHACL gives them)
            seen.add((this, path, value))
            node, found = to_rdflib(this), None if value is None else to_rdflib(value)
            yield SparqlResult(
                shape=shape,
                constraint=constraint,
                focus=node,
                path=None if path is None else to_rdflib(path),
                value=found,
                severity=severity,  # type: ignore[arg-type]
                messages=tuple(_fill(m, node, found) for m in messages),
            )


def focus_nodes(data: Data, shapes: Graph, shape: Node) -> set[Key]:
    """The instances of the shape's target classes, subclasses included (as SHACL reads
    them), and its target nodes, as the engine's keys (``shacl.data.key``)."""
    nodes: set[Key] = set()
    for target in shapes.objects(shape, SH.targetClass):
        nodes |= data.instances(to_oxigraph(target))
    nodes.update(key(to_oxigraph(n)) for n in shapes.objects(shape, SH.targetNode))
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


def _rows(data: Data, query: str) -> Iterator[tuple[Term, Term | None, Term | None]]:
    """``?this``, ``?path`` and ``?value`` of each row, as the store's own terms."""
    solutions = data.store.query(query, default_graph=data.graphs)
    for solution in solutions:  # type: ignore[union-attr]
        yield solution["this"], solution["path"], solution["value"]


def _fill(message: Literal, this: Node, value: Node | None) -> Literal:
    """``{?value}`` and ``{$this}`` in a message replaced by the row's terms."""
    terms = {"this": this, "value": value}

    def term(match: re.Match[str]) -> str:
        found = terms.get(match[1])
        return match[0] if found is None else str(found)

    return Literal(_MESSAGE_VARIABLE.sub(term, str(message)), lang=message.language)
