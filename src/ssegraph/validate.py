"""SHACL validation of the whole graph, or of a steward's batch together with the graph it joins.

A batch is checked against what it would join without copying the store into rdflib: the store
is asked (in SPARQL, through the KnowledgeGraph) for the neighbourhood the shapes read around the
nodes the batch touches: their own statements, the types and the few properties of the nodes they
point to that nested shapes inspect, the statements that reach them through inverse paths, and the
class hierarchy. pySHACL then validates batch + neighbourhood, and the results about the touched
nodes are the same as those of validating the whole merged graph (pinned by the tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Identifier, Node

from ssegraph.ingest import new_triples
from ssegraph.neighbourhood import neighbourhood
from ssegraph.vocab import graph_iri, short

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

SHAPES_GRAPH = graph_iri("ontology", "shapes")
SEVERITIES = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class Finding:
    """One SHACL result: which node, which property path, which rule, how bad, and why."""

    focus: Identifier
    path: str | None
    constraint: str
    severity: str
    message: str
    value: Identifier | None = None

    @property
    def focus_name(self) -> str:
        return f"_:{self.focus}" if isinstance(self.focus, BNode) else short(self.focus)

    def as_dict(self) -> dict[str, str | None]:
        return {
            "focus": str(self.focus),
            "focus_name": self.focus_name,
            "path": self.path,
            "constraint": self.constraint,
            "severity": self.severity,
            "message": self.message,
            "value": None if self.value is None else str(self.value),
        }


@dataclass
class Report:
    """The findings of one validation, and the SHACL validation report graph behind them."""

    findings: list[Finding]
    graph: Graph
    checked: int  # how many focus nodes were in scope (the whole graph, or the batch's)
    batch_size: int | None = None  # triples in the batch, None for the whole graph
    extra: dict[str, int] = field(default_factory=dict)

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    @property
    def conforms(self) -> bool:
        """No violation (warnings do not stop a batch unless the steward asks: ``strict``)."""
        return self.count("Violation") == 0

    def passes(self, strict: bool = False) -> bool:
        return self.conforms and not (strict and self.count("Warning"))

    def by_focus(self) -> dict[Identifier, list[Finding]]:
        grouped: dict[Identifier, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.focus, []).append(finding)
        return grouped


def shapes_graph(kg: KnowledgeGraph) -> Graph:
    """The SHACL shapes, as loaded from ``ontology/shapes.ttl`` into their own named graph."""
    return kg.construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{SHAPES_GRAPH}> {{ ?s ?p ?o }} }}"
    )


def data_graph(kg: KnowledgeGraph) -> Graph:
    """Everything the graph holds but the shapes, as one rdflib graph (whole-graph checks)."""
    return kg.construct(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
        f"FILTER (?g != <{SHAPES_GRAPH}>) }}"
    )


def validate_graph(kg: KnowledgeGraph) -> Report:
    """Validate everything the graph holds (ontology and data, shapes aside)."""
    data = data_graph(kg)
    findings, report_graph = _run(data, shapes_graph(kg), keep=None)
    return Report(findings, report_graph, len(set(data.subjects())))


def validate_batch(kg: KnowledgeGraph, batch: Graph) -> Report:
    """Validate ``batch`` as if merged into ``kg``; report only about the nodes it touches."""

    shapes = shapes_graph(kg)
    touched = touched_nodes(batch)
    data = Graph()
    # The batch as `add` would merge it: a blank-node structure the graph already holds (an
    # interval written inline, added before) is not added twice, so it must not count twice
    # here (org:memberDuring would have two values). Triples held already come back with the
    # neighbourhood, which holds every statement about the touched IRIs.
    data += new_triples(kg, batch)
    data += neighbourhood(kg, touched, batch, shapes)
    findings, report_graph = _run(data, shapes, keep=touched)
    return Report(findings, report_graph, len(touched), batch_size=len(batch))


def touched_nodes(batch: Graph) -> set[Node]:
    """Subjects of the batch and the IRIs it points to: the nodes whose verdict can change."""
    nodes: set[Node] = set(batch.subjects())
    nodes |= {o for o in batch.objects() if isinstance(o, URIRef)}
    nodes -= set(batch.objects(None, RDF.type)) - set(batch.subjects())  # classes are not facts
    return nodes


def _run(data: Graph, shapes: Graph, keep: set[Node] | None) -> tuple[list[Finding], Graph]:
    """pySHACL on ``data``; with ``keep``, only the results about those focus nodes are kept."""
    import pyshacl

    # pySHACL's own ``focus_nodes`` option is not used: it also filters the value nodes that
    # nested shapes (sh:qualifiedValueShape, sh:or, sh:node) are asked about, so a label in
    # the wrong language or a date of the wrong type passed unseen. The data is small (the
    # batch and its neighbourhood): validate all of it, keep the results about ``keep``.
    _, results_graph, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        allow_warnings=True,
        allow_infos=True,
    )
    report = Graph(namespace_manager=data.namespace_manager)
    report.bind("sh", SH)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    findings = []
    # Top-level results only: those under sh:detail explain a sh:node failure (about the value
    # node, not the focus) and are kept in the report graph beneath their result.
    for result in results_graph.objects(None, SH.result):
        if keep is not None and results_graph.value(result, SH.focusNode) not in keep:
            continue
        findings.append(_finding(results_graph, result))
        report.add((root, SH.result, result))
        report += results_graph.cbd(result)
    violations = any(f.severity == "Violation" for f in findings)
    report.add((root, SH.conforms, Literal(not violations)))
    findings.sort(key=lambda f: (str(f.focus), SEVERITIES.index(f.severity), f.path or ""))
    return findings, report


def _finding(graph: Graph, result: Node) -> Finding:
    severity = graph.value(result, SH.resultSeverity)
    component = graph.value(result, SH.sourceConstraintComponent)
    messages = sorted(graph.objects(result, SH.resultMessage), key=_english_first)
    path = graph.value(result, SH.resultPath)
    return Finding(
        focus=graph.value(result, SH.focusNode),
        path=None if path is None else path_text(graph, path),
        constraint=str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent"),
        severity=str(severity).rsplit("#", 1)[-1],
        message=str(messages[0]) if messages else "",
        value=graph.value(result, SH.value),
    )


def _english_first(message: Node) -> tuple[bool, str]:
    return (getattr(message, "language", None) not in ("en", None), str(message))


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


# ---- rendering: one function per output format, chosen by name


def render_text(report: Report) -> str:
    """One line per result, grouped by focus node, then a summary line."""
    lines = []
    for findings in report.by_focus().values():
        lines.append(findings[0].focus_name)
        for f in findings:
            value = f" (value: {short(f.value) if isinstance(f.value, URIRef) else f.value})"
            lines.append(
                f"  {f.severity.lower():9} {f.path or '-':28} {f.constraint:14} {f.message}"
                + (value if f.value is not None else "")
            )
    scope = (
        f"batch of {report.batch_size} triples, {report.checked} nodes checked"
        if report.batch_size is not None
        else f"whole graph, {report.checked} nodes checked"
    )
    verdict = "conforms" if report.conforms else "does not conform"
    lines.append(
        f"{verdict}: {report.count('Violation')} violation(s), "
        f"{report.count('Warning')} warning(s), {report.count('Info')} info ({scope})"
    )
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    import json

    return (
        json.dumps(
            {
                "conforms": report.conforms,
                "violations": report.count("Violation"),
                "warnings": report.count("Warning"),
                "checked": report.checked,
                "batch_triples": report.batch_size,
                "results": [f.as_dict() for f in report.findings],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def render_turtle(report: Report) -> str:
    return report.graph.serialize(format="turtle")


REPORT_FORMATS = {"text": render_text, "json": render_json, "turtle": render_turtle}
