"""The engine's results written as pySHACL writes them into a SHACL validation report graph."""

from __future__ import annotations

from collections.abc import Callable

from rdflib import BNode, Graph
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ssegraph.backends.embedded import to_rdflib
from ssegraph.shacl.engine import Result


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
