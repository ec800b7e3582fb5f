"""The engine's results written as pySHACL writes them into a SHACL validation report graph."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ssegraph.backends.embedded import to_rdflib
from ssegraph.shacl.engine import Result
from ssegraph.vocab import short


class ReportWriter:
    """Writes results into ``report``; the shapes graph's description of a blank-node source
    shape or path is copied in once, so ``sh:resultPath`` can be read back (``^p``, ``(a|b)``)."""

    def __init__(
        self, report: Graph, shapes: Graph, as_written: Callable[[Node], Node] = lambda t: t
    ) -> None:
        self.report = report
        self.shapes = shapes
        self.as_written = as_written  # a value as the data wrote it (see ``shacl.held``)
        self._copied: set[Node] = set()

    def write(self, result: Result) -> BNode:
        node = BNode()
        g = self.report
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.sourceConstraintComponent, result.component))
        g.add((node, SH.sourceShape, self._copy(result.shape.node)))
        g.add((node, SH.resultSeverity, result.shape.severity))
        g.add((node, SH.focusNode, to_rdflib(result.focus)))
        if result.value is not None:
            g.add((node, SH.value, self.as_written(to_rdflib(result.value))))
        if result.shape.path_node is not None:
            g.add((node, SH.resultPath, self._copy(result.shape.path_node)))
        for message in result.messages:
            g.add((node, SH.resultMessage, message))
        for detail in result.details:
            g.add((node, SH.detail, self.write(detail)))
        return node

    def _copy(self, node: Node) -> Node:
        if isinstance(node, BNode) and node not in self._copied:
            self._copied.add(node)
            self.report += self.shapes.cbd(node)
        return node


Row = tuple[str, ...]


def result_rows(report: Graph) -> Counter[Row]:
    """The results of a report as comparable rows (focus, path, value, component, source
    shape, severity, messages, number of details, and whether it is a top-level result or the
    detail of one): two engines agree when these do."""
    rows: Counter[Row] = Counter()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        messages = sorted(m.n3() for m in report.objects(result, SH.resultMessage))
        rows[
            (
                str(report.value(result, SH.focusNode)),
                "" if path is None else path_text(report, path),
                _text(report.value(result, SH.value)),
                str(report.value(result, SH.sourceConstraintComponent)),
                _text(report.value(result, SH.sourceShape)),
                str(report.value(result, SH.resultSeverity)),
                " | ".join(messages),
                str(len(list(report.objects(result, SH.detail)))),
                "detail" if (None, SH.detail, result) in report else "top",
            )
        ] += 1
    return rows


def _text(node: Node | None) -> str:
    return "" if node is None else node.n3()


def path_text(graph: Graph, path: Node) -> str:
    """A SHACL property path as SPARQL-like text: ``^sse:contributedTo``, ``(a|b)``, ``a/b``."""
    if isinstance(path, URIRef):
        return short(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + path_text(graph, inverse)
    alternatives = graph.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_text(graph, p) for p in Collection(graph, alternatives)) + ")"
    if (path, RDF.first, None) in graph:
        return "/".join(path_text(graph, p) for p in Collection(graph, path))
    for modifier, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+")):
        inner = graph.value(path, modifier)
        if inner is not None:
            return path_text(graph, inner) + mark
    return str(path)
