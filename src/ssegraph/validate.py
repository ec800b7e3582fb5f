"""SHACL validation of the whole graph, or of a steward's batch together with the graph it joins.

A batch is checked against what it would join without copying the store into rdflib: the store
is asked (in SPARQL, through the KnowledgeGraph) for the neighbourhood the shapes read around the
nodes the batch touches: their own statements, the types and the few properties of the nodes they
point to that nested shapes inspect, the statements that reach them through inverse paths, and the
class hierarchy. Batch + neighbourhood are then validated, and the results about the touched
nodes are the same as those of validating the whole merged graph (pinned by the tests).

The SHACL Core shapes run on ``ssegraph.shacl``, set-wise over a pyoxigraph store (``engine=
"ssegraph"``, the default), or on pySHACL (``engine="pyshacl"``, the reference the differential
tests compare with); a shapes graph the engine does not support goes to pySHACL. The SPARQL
constraints run once each in the store either way (``ssegraph.shacl_sparql``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Identifier, Node

from ssegraph import gate, shacl_sparql, sparql
from ssegraph.backends.embedded import EmbeddedBackend, to_oxigraph
from ssegraph.errors import BadParameter, BrokenProject
from ssegraph.ingest import new_among
from ssegraph.literals import as_written
from ssegraph.neighbourhood import neighbourhood
from ssegraph.registry import Format, Registry
from ssegraph.shacl import Data, Unsupported, compile_shapes, validate
from ssegraph.shacl.held import Held, Triple
from ssegraph.shacl.report import ReportWriter, path_text
from ssegraph.shacl.shapes import Term
from ssegraph.vocab import DERIVED, graph_iri, is_derived, short

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

SHAPES_GRAPH = graph_iri("ontology", "shapes")
SEVERITIES = ("Violation", "Warning", "Info")
#: Where the gate's and the literal check's results say they come from in the report graph.
OWN_COMPONENTS = "https://w3id.org/ssegraph/shapes#"
#: Who evaluates the SHACL Core shapes: our set-wise engine, or pySHACL (the reference).
ENGINES = ("ssegraph", "pyshacl")


@dataclass(frozen=True)
class Finding:
    """One result: which node, which property path, which rule, how bad, and why.

    ``holder`` names, for a blank node (an interval, an instant), the IRI node that holds it and
    the path from there (``id:membership/x via org:memberDuring/time:hasEnd``); ``origin`` the
    file and row the node was read from (``sheet.csv row 3``) when it came from a CSV sheet.
    """

    focus: Identifier
    path: str | None
    constraint: str
    severity: str
    message: str
    value: Identifier | None = None
    holder: str | None = None
    origin: str | None = None

    @property
    def focus_name(self) -> str:
        if isinstance(self.focus, BNode):
            return self.holder or f"_:{self.focus}"
        return short(self.focus)

    def as_dict(self) -> dict[str, str | None]:
        return {
            "focus": str(self.focus),
            "focus_name": self.focus_name,
            "origin": self.origin,
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
    """The SHACL shapes, as loaded from ``ontology/shapes.ttl`` into their own named graph.

    No shapes (the file missing, empty or unreadable) is an error, never "conforms"."""
    shapes = kg.construct(sparql.text("validate/graph-triples"), {"graph": SHAPES_GRAPH})
    if not any(True for _ in shapes.subjects(RDF.type, SH.NodeShape)):
        raise BrokenProject(
            "ontology/shapes.ttl: no SHACL shapes loaded (the file is missing, empty or "
            "unreadable); nothing can be validated"
        )
    return shapes


def data_graph(kg: KnowledgeGraph) -> Graph:
    """Everything the files assert but the shapes, as one rdflib graph (whole-graph checks).

    The graphs the store derives (``graph/derived/``) are left out: only asserted facts are
    judged. Literals keep their lexical form (an ill-formed one is reported, not rewritten)."""
    with as_written():
        return kg.construct(
            sparql.text("validate/asserted-data"), {"derived": DERIVED, "shapes": SHAPES_GRAPH}
        )


def _held_data(kg: KnowledgeGraph) -> Held:
    """What ``data_graph`` gives, copied store to store when the graph is embedded."""
    if isinstance(kg.backend, EmbeddedBackend):
        store = kg.backend.store
        graphs = [g for g in store.named_graphs() if _asserted(g)]
        return Held.merged(store, graphs)  # type: ignore[arg-type]
    return Held.of_graph(data_graph(kg))


def _asserted(graph: object) -> bool:
    """A named graph of a file, not the shapes' and not one the store derives."""
    iri = getattr(graph, "value", "")
    return bool(iri) and iri != str(SHAPES_GRAPH) and not is_derived(iri)


def validate_graph(kg: KnowledgeGraph, *, engine: str = "ssegraph") -> Report:
    """Validate everything the graph holds (ontology and data, shapes aside)."""
    _check_engine(engine)
    shapes = shapes_graph(kg)
    held = Held.of_graph(data_graph(kg)) if engine == "pyshacl" else _held_data(kg)
    findings, report_graph = _judge(held, shapes, keep=None, engine=engine)
    return Report(findings, report_graph, held.subjects())


def validate_data(data: Graph, shapes: Graph, *, engine: str = "ssegraph") -> Report:
    """Validate an rdflib graph as it is, every node of it (literals first, then SHACL)."""
    _check_engine(engine)
    findings, report_graph = _judge(Held.of_graph(data), shapes, keep=None, engine=engine)
    return Report(findings, report_graph, len(set(data.subjects())))


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise BadParameter("engine", f"unknown SHACL engine {engine!r}", list(ENGINES))


def validate_batch(
    kg: KnowledgeGraph,
    batch: Graph,
    *,
    allow_retype: bool = False,
    allow_same_as: bool = False,
    engine: str = "ssegraph",
) -> Report:
    """Validate ``batch`` as if merged into ``kg``; report only about the nodes it touches.

    Before SHACL: the gate (``ssegraph.gate``: no schema triples, no retyping or merging of
    existing nodes unless allowed) and the check of every literal against its datatype."""
    _check_engine(engine)
    shapes = shapes_graph(kg)
    triples: list[Triple] = list(batch)  # read once: each pass over a graph costs its size
    reach = Reach.of(triples)
    touched = reach.touched
    with as_written():
        around = neighbourhood(kg, touched, reach.pointed, shapes)
        existing = around.stated()  # every statement about the batch's subjects among them
        refusals = list(
            gate.check(triples, existing, allow_retype=allow_retype, allow_same_as=allow_same_as)
        )
        # The batch as `add` would merge it: a blank-node structure the graph already holds (an
        # interval written inline, added before) is not added twice, so it must not count twice
        # here (org:memberDuring would have two values). Triples held already come back with
        # the neighbourhood, which holds every statement about the touched IRIs.
        held = Held.of_batch(around.quads, new_among(kg, triples, existing))
    findings, report_graph = _judge(held, shapes, keep=touched, refusals=refusals, engine=engine)
    origins: dict[Node, str] = getattr(batch, "origins", {})
    if origins:
        findings = [_with_origin(f, origins, held) for f in findings]
    return Report(findings, report_graph, len(touched), batch_size=len(triples))


@dataclass(frozen=True)
class Reach:
    """What a batch can change, read in one pass over it: its subjects, the IRIs it points to
    and the classes it types nodes with."""

    subjects: set[Node]
    pointed: set[Node]
    classes: set[Node]

    @classmethod
    def of(cls, batch: Iterable[Triple]) -> Reach:
        subjects: set[Node] = set()
        pointed: set[Node] = set()
        classes: set[Node] = set()
        typed = RDF.type  # a namespace's attribute is made anew on each use
        for s, p, o in batch:
            subjects.add(s)
            if isinstance(o, URIRef):
                pointed.add(o)
            if p == typed:
                classes.add(o)
        return cls(subjects, pointed, classes)

    @property
    def touched(self) -> set[Node]:
        """The nodes whose verdict can change: the subjects and the IRIs pointed to, classes
        aside (they are not facts)."""
        return (self.subjects | self.pointed) - (self.classes - self.subjects)


def touched_nodes(batch: Graph) -> set[Node]:
    """Subjects of the batch and the IRIs it points to: the nodes whose verdict can change."""
    return Reach.of(batch).touched


def _judge(
    held: Held,
    shapes: Graph,
    keep: set[Node] | None,
    refusals: list[gate.Refusal] | None = None,
    engine: str = "ssegraph",
) -> tuple[list[Finding], Graph]:
    """The gate's refusals, the literal check, then SHACL on what is left of the data."""
    report = Graph(namespace_manager=shapes.namespace_manager)
    report.bind("sh", SH)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    own: list[tuple[Node, Node, str, str, str, Node | None]] = [
        (r.focus, r.path, r.rule, "Info" if r.allowed else "Violation", r.message, r.value)
        for r in refusals or ()
    ]
    bad = []
    for (s, p, o), reason in held.ill_formed():
        bad.append((s, p, o))
        if keep is None or s in keep or isinstance(s, BNode):
            own.append((s, p, "Datatype", "Violation", reason, o))
    findings = [_own_finding(report, root, *row) for row in own]
    # What SHACL says about a node whose ill-formed literal it was not shown (an instant with
    # no date left) follows from that literal: the literal's own violation says it once.
    held.remove(bad)
    findings += _run(held, shapes, keep, report, root, {s for s, _, _ in bad}, engine)
    findings = [_named(f, held) for f in findings]
    violations = any(f.severity == "Violation" for f in findings)
    report.add((root, SH.conforms, Literal(not violations)))
    findings.sort(key=lambda f: (str(f.focus), SEVERITIES.index(f.severity), f.path or ""))
    return findings, report


def _own_finding(
    report: Graph,
    root: Node,
    focus: Node,
    path: Node,
    rule: str,
    severity: str,
    message: str,
    value: Node | None,
) -> Finding:
    """A result of the gate or of the literal check, also written into the report graph."""
    result = BNode()
    report.add((root, SH.result, result))
    report.add((result, RDF.type, SH.ValidationResult))
    report.add((result, SH.focusNode, focus))
    report.add((result, SH.resultPath, path))
    report.add((result, SH.resultSeverity, SH[severity]))
    component = (
        SH.DatatypeConstraintComponent
        if rule == "Datatype"
        else URIRef(f"{OWN_COMPONENTS}{rule}ConstraintComponent")
    )
    report.add((result, SH.sourceConstraintComponent, component))
    report.add((result, SH.resultMessage, Literal(message, lang="en")))
    if value is not None:
        report.add((result, SH.value, value))
    return Finding(focus, short(path), rule, severity, message, value)  # type: ignore[arg-type]


def _run(
    held: Held,
    shapes: Graph,
    keep: set[Node] | None,
    report: Graph,
    root: Node,
    unseen: set[Node],
    engine: str,
) -> list[Finding]:
    """SHACL on the held data; with ``keep``, only the results about those focus nodes.

    Results about ``unseen`` nodes (as focus or value) are dropped: those nodes lost an
    ill-formed literal before SHACL ran, and its own violation says it once."""
    data = held.data
    focus = None if keep is None else {to_oxigraph(n) for n in keep}
    results_graph = _core_results(held, data, shapes, focus, engine)
    for row in shacl_sparql.evaluate(data, shapes, focus):
        if row.value is not None:
            row = replace(row, value=held.as_written(row.value))
        results_graph.add((root, SH.result, shacl_sparql.add_to_report(results_graph, row)))
    findings = []
    # Top-level results only: those under sh:detail explain a sh:node failure (about the value
    # node, not the focus) and are kept in the report graph beneath their result.
    for result in set(results_graph.objects(None, SH.result)):
        focus_node = results_graph.value(result, SH.focusNode)
        if (keep is not None and focus_node not in keep) or focus_node in unseen:
            continue
        finding = _finding(results_graph, result)
        if finding.value in unseen:
            continue
        findings.append(finding)
        report.add((root, SH.result, result))
        report += results_graph.cbd(result)
    return findings


def _core_results(
    held: Held, data: Data, shapes: Graph, focus: set[Term] | None, engine: str
) -> Graph:
    """The SHACL Core results, as a report graph: from our engine, or from pySHACL when asked
    or when the shapes use what the engine does not evaluate (never a silent pass)."""
    core = shacl_sparql.without_sparql(shapes)
    if engine == "ssegraph":
        try:
            compiled = compile_shapes(core)
        except Unsupported:
            engine = "pyshacl"
        else:
            results = Graph()
            root = BNode()
            writer = ReportWriter(results, core, held.as_written)
            for result in validate(data, compiled, focus):
                results.add((root, SH.result, writer.write(result)))
            return results
    import pyshacl

    # pySHACL's own ``focus_nodes`` option is not used: it also filters the value nodes that
    # nested shapes (sh:qualifiedValueShape, sh:or, sh:node) are asked about, so a label in
    # the wrong language or a date of the wrong type passed unseen. The data is small (the
    # batch and its neighbourhood): validate all of it, keep the results about ``keep``.
    _, results, _ = pyshacl.validate(
        held.rdflib(), shacl_graph=core, inference="none", allow_warnings=True, allow_infos=True
    )
    return results


def _named(finding: Finding, held: Held) -> Finding:
    """A finding on a blank node, named by the IRI node that holds it and the path to it."""
    if not isinstance(finding.focus, BNode):
        return finding
    found = holder(held, finding.focus)
    if found is None:
        return finding
    node, steps = found
    path = "/".join(short(str(step)) for step in steps)
    return replace(finding, holder=f"{short(node)} via {path}")


def holder(held: Held, node: BNode, limit: int = 32) -> tuple[URIRef, list[Node]] | None:
    """The IRI node that holds a blank node, and the properties from it down to the blank node."""
    steps: list[Node] = []
    seen: set[Node] = {node}
    current: Node = node
    while len(steps) < limit:
        parent = next(iter(held.parents(current)), None)
        if parent is None:
            return None
        subject, predicate = parent
        steps.insert(0, predicate)
        if isinstance(subject, URIRef):
            return subject, steps
        if subject in seen:
            return None
        seen.add(subject)
        current = subject
    return None


def _with_origin(finding: Finding, origins: dict[Node, str], held: Held) -> Finding:
    """A finding on a node read from a CSV row, with that row (``sheet.csv row 3``)."""
    node: Node = finding.focus
    if isinstance(node, BNode):
        found = holder(held, node)
        node = found[0] if found else node
    origin = origins.get(node)
    return finding if origin is None else replace(finding, origin=origin)


def _finding(graph: Graph, result: Node) -> Finding:
    severity = graph.value(result, SH.resultSeverity)
    component = graph.value(result, SH.sourceConstraintComponent)
    messages = sorted(graph.objects(result, SH.resultMessage), key=_english_first)
    path = graph.value(result, SH.resultPath)
    value = graph.value(result, SH.value)
    return Finding(
        focus=graph.value(result, SH.focusNode),  # type: ignore[arg-type]
        path=None if path is None else path_text(graph, path),
        constraint=str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent"),
        severity=str(severity).rsplit("#", 1)[-1],
        message=str(messages[0]) if messages else "",
        value=value if isinstance(value, Identifier) else None,
    )


def _english_first(message: Node) -> tuple[bool, str]:
    return (getattr(message, "language", None) not in ("en", None), str(message))


# ---- rendering: one function per output format, chosen by name


def render_text(report: Report) -> str:
    """One line per result, grouped by focus node, then a summary line."""
    lines = []
    for findings in report.by_focus().values():
        origin = findings[0].origin
        lines.append(findings[0].focus_name + (f"  ({origin})" if origin else ""))
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


@dataclass(frozen=True)
class ReportFormat(Format):
    """A way a validation report is written: a ``registry.Format`` with its renderer."""

    render: Callable[[Report], str] = field(default=render_text, compare=False, repr=False)


#: The formats of a validation report, by name (``validate --format``).
REPORT_FORMATS: Registry[ReportFormat] = Registry("report format", "--format")
REPORT_FORMATS.register(
    ReportFormat("text", "text/plain", "one line per finding", render=render_text)
)
REPORT_FORMATS.register(
    ReportFormat("json", "application/json", "the findings as objects", render=render_json)
)
REPORT_FORMATS.register(
    ReportFormat(
        "turtle",
        "text/turtle",
        "the SHACL validation report graph",
        names=("ttl",),
        render=render_turtle,
    )
)
