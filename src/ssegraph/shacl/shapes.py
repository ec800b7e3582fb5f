"""A SHACL shapes graph compiled into plain objects, refusing what the engine cannot evaluate.

Compiling reads the rdflib shapes graph once: each shape's path, severity, messages, nested
shapes and constraints, with their parameters already turned into pyoxigraph terms, so the
engine never goes back to the shapes graph. Anything outside the subset it implements (another
target kind, a component it does not know, a recursive shape, SPARQL on a nested shape, a
result that would need pySHACL's generated wording) raises ``Unsupported``, naming the shape
and the term: the caller falls back to pySHACL rather than passing what it did not check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from ssegraph.backends.embedded import to_oxigraph

Term = ox.NamedNode | ox.BlankNode | ox.Literal

#: Shape predicates that configure a shape or are read by ``ssegraph.shacl_sparql``.
_OWN = {SH.path, SH.property, SH.severity, SH.message, SH.deactivated, SH.name, SH.description}
_TARGETS = {SH.targetClass, SH.targetNode}
_PARAMETERS = {
    SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH.nodeKind, SH["in"], SH.languageIn,
    SH.uniqueLang, SH.pattern, SH.flags, SH.node, SH["not"], SH["or"], SH.xone, SH["and"],
    SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount,
}  # fmt: skip
_UNSUPPORTED_TARGETS = {SH.targetSubjectsOf, SH.targetObjectsOf, SH.target}
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
_NODE_KINDS = {
    SH.IRI, SH.BlankNode, SH.Literal, SH.BlankNodeOrIRI, SH.BlankNodeOrLiteral, SH.IRIOrLiteral,
}  # fmt: skip


class Unsupported(Exception):
    """The shapes graph uses SHACL the engine does not evaluate (the message says what)."""


@dataclass(frozen=True)
class Path:
    """A property path: ``kind`` is ``predicate``, ``inverse``, ``alternative`` or ``sequence``."""

    kind: str
    predicate: ox.NamedNode | None = None
    parts: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Constraint:
    """One constraint component of a shape, its parameters as pyoxigraph terms or shapes."""

    component: URIRef  # sh:...ConstraintComponent, as reported
    kind: str
    value: object = None
    shapes: tuple[Shape, ...] = ()
    bounds: tuple[int | None, int | None] = (None, None)
    generic: Literal | None = None  # pySHACL's message for a shape without sh:message


@dataclass(eq=False)
class Shape:
    """A node shape (``path`` None) or a property shape, as the engine evaluates it."""

    node: Node  # the shape in the shapes graph (reported as sh:sourceShape)
    path_node: Node | None
    path: Path | None
    severity: URIRef
    messages: tuple[Literal, ...]
    deactivated: bool
    target_classes: tuple[ox.NamedNode, ...] = ()
    target_nodes: tuple[Term, ...] = ()
    constraints: list[Constraint] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)


def compile_shapes(shapes: Graph) -> list[Shape]:
    """The shapes with targets, compiled with everything they reach."""
    for predicate in _UNSUPPORTED_TARGETS:
        for node in shapes.subjects(predicate, None):
            raise Unsupported(f"{_name(shapes, node)}: {_name(shapes, predicate)} is not supported")
    for node in shapes.subjects(RDF.type, SH.NodeShape):
        if {RDFS.Class, OWL.Class} & set(shapes.objects(node, RDF.type)):
            raise Unsupported(f"{_name(shapes, node)}: implicit class targets are not supported")
    compiler = _Compiler(shapes)
    targeted = sorted({s for p in _TARGETS for s in shapes.subjects(p, None)}, key=str)
    compiled = [compiler.shape(node, top=True) for node in targeted]
    seen: set[Node] = set()
    for shape in compiled:
        _check_messages(shapes, shape, seen)
    return compiled


def _check_messages(graph: Graph, shape: Shape, seen: set[Node]) -> None:
    """Every shape whose results reach the report (the targeted shapes, their sh:property and
    sh:node shapes, recursively) has its own sh:message, or only results whose pySHACL wording
    does not depend on the node (``Value is not of Node Kind sh:IRI``), reproduced here."""
    if shape.node in seen:
        return
    seen.add(shape.node)
    for constraint in shape.constraints:
        if constraint.kind == "node":
            _check_messages(graph, constraint.shapes[0], seen)
        if not (shape.messages or constraint.generic):
            raise Unsupported(
                f"{_name(graph, shape.node)}: a result of {_name(graph, constraint.component)} "
                "without sh:message"
            )
    for prop in shape.properties:
        _check_messages(graph, prop, seen)


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self.done: dict[Node, Shape] = {}
        self.open: set[Node] = set()

    def shape(self, node: Node, *, top: bool = False) -> Shape:
        g = self.graph
        if node in self.open:
            raise Unsupported(f"{_name(g, node)}: recursive shapes are not supported")
        if node in self.done:
            return self.done[node]
        self.open.add(node)
        for predicate in set(g.predicates(node, None)):
            if predicate == SH.sparql and not (top and g.value(node, SH.path) is None):
                raise Unsupported(f"{_name(g, node)}: sh:sparql is only supported on node shapes "
                                  "with targets")  # fmt: skip
            known = _OWN | _TARGETS | _PARAMETERS | {SH.sparql}
            if str(predicate).startswith(str(SH)) and predicate not in known:
                raise Unsupported(f"{_name(g, node)}: {_name(g, predicate)} is not supported")
        path_node = g.value(node, SH.path)
        shape = Shape(
            node=node,
            path_node=path_node,
            path=None if path_node is None else self.path(path_node),
            severity=g.value(node, SH.severity) or SH.Violation,  # type: ignore[arg-type]
            messages=tuple(m for m in g.objects(node, SH.message) if isinstance(m, Literal)),
            deactivated=g.value(node, SH.deactivated) == Literal(True),
            target_classes=tuple(ox.NamedNode(str(c)) for c in g.objects(node, SH.targetClass)),
            target_nodes=tuple(to_oxigraph(n) for n in g.objects(node, SH.targetNode)),
        )
        shape.constraints = self.constraints(node)
        shape.properties = [self.shape(p) for p in sorted(g.objects(node, SH.property), key=str)]
        self.open.discard(node)
        self.done[node] = shape
        return shape

    def path(self, node: Node) -> Path:
        g = self.graph
        if isinstance(node, URIRef):
            return Path("predicate", ox.NamedNode(str(node)))
        inverse = g.value(node, SH.inversePath)
        if inverse is not None:
            return Path("inverse", parts=(self.path(inverse),))
        alternatives = g.value(node, SH.alternativePath)
        if alternatives is not None:
            listed = tuple(self.path(p) for p in Collection(g, alternatives))
            return Path("alternative", parts=listed)
        if (node, RDF.first, None) in g:
            return Path("sequence", parts=tuple(self.path(p) for p in Collection(g, node)))
        raise Unsupported(f"path {_name(g, node)}: only predicate, inverse, alternative and "
                          "sequence paths are supported")  # fmt: skip

    def constraints(self, node: Node) -> list[Constraint]:
        g = self.graph
        found: list[Constraint] = []

        def add(kind: str, name: str, generic: str | None = None, **parts: object) -> None:
            component = URIRef(f"{SH}{name}ConstraintComponent")
            wording = None if generic is None else Literal(generic)
            found.append(Constraint(component, kind, generic=wording, **parts))  # type: ignore[arg-type]

        def only(predicate: URIRef, text: str) -> str | None:
            return text if len(set(g.objects(node, predicate))) == 1 else None

        for count in g.objects(node, SH.minCount):
            add("min_count", "MinCount", value=int(count))  # type: ignore[call-overload]
        for count in g.objects(node, SH.maxCount):
            add("max_count", "MaxCount", value=int(count))  # type: ignore[call-overload]
        for cls in g.objects(node, SH["class"]):
            generic = only(SH["class"], f"Value does not have class {_name(g, cls)}")
            add("class", "Class", generic, value=to_oxigraph(cls))
        for datatype in g.objects(node, SH.datatype):
            generic = only(SH.datatype, f"Value is not Literal with datatype {_name(g, datatype)}")
            add("datatype", "Datatype", generic, value=to_oxigraph(datatype))
        for kind in g.objects(node, SH.nodeKind):
            if kind not in _NODE_KINDS:
                raise Unsupported(f"{_name(g, node)}: unknown sh:nodeKind {_name(g, kind)}")
            generic = only(SH.nodeKind, f"Value is not of Node Kind {_name(g, kind)}")
            add("node_kind", "NodeKind", generic, value=kind)
        for values in g.objects(node, SH["in"]):
            add("in", "In", value=frozenset(to_oxigraph(v) for v in Collection(g, values)))
        for languages in g.objects(node, SH.languageIn):
            tags = frozenset(str(t).lower() for t in Collection(g, languages))
            add("language_in", "LanguageIn", value=tags)
        if g.value(node, SH.uniqueLang) == Literal(True):
            add("unique_lang", "UniqueLang", "More than one String shares the same Language")
        for pattern in g.objects(node, SH.pattern):
            generic = only(SH.pattern, f"Value does not match pattern '{pattern}'")
            add("pattern", "Pattern", generic, value=re.compile(str(pattern), self.flags(node)))
        for nested in g.objects(node, SH.node):
            generic = only(
                SH.node,
                f"Value does not conform to Shape {_name(g, nested)}. "
                "See details for more information.",
            )
            add("node", "Node", generic, shapes=(self.shape(nested),))
        for nested in g.objects(node, SH["not"]):
            add("not", "Not", shapes=(self.shape(nested),))
        for name, predicate in (("Or", SH["or"]), ("Xone", SH.xone), ("And", SH["and"])):
            for members in g.objects(node, predicate):
                listed = tuple(self.shape(m) for m in Collection(g, members))
                add(name.lower(), name, shapes=listed)
        qualified = list(g.objects(node, SH.qualifiedValueShape))
        if qualified:
            low, high = g.value(node, SH.qualifiedMinCount), g.value(node, SH.qualifiedMaxCount)
            for nested in qualified:
                add(
                    "qualified",
                    "QualifiedMinCount",
                    shapes=(self.shape(nested),),
                    bounds=(None if low is None else int(low), None if high is None else int(high)),  # type: ignore[call-overload]
                )
        return found

    def flags(self, node: Node) -> int:
        flags = 0
        for letter in str(self.graph.value(node, SH.flags) or ""):
            if letter not in _FLAGS:
                raise Unsupported(f"{_name(self.graph, node)}: sh:flags {letter!r}")
            flags |= _FLAGS[letter]
        return flags


def _name(graph: Graph, node: Node) -> str:
    if isinstance(node, URIRef):
        try:
            return node.n3(namespace_manager=graph.namespace_manager)
        except Exception:  # an IRI rdflib cannot write as a prefixed name
            return f"<{node}>"
    return f"_:{node}"
