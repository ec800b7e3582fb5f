"""Turtle written from the terms as they are: every literal with its lexical form and datatype.

rdflib's serialiser writes what rdflib made of a literal: ``"1"^^xsd:boolean`` as ``true``,
``"01"^^xsd:integer`` as ``1``. ``add`` must write what the steward gave, so this small writer
emits each literal quoted with its datatype or language tag (``"01"^^xsd:integer``,
``"2021-01-01Z"^^xsd:date``), IRIs with the prefixes the curated files use (``o:ilo``), and
blank nodes nested as ``[ ... ]`` where each is held once (an interval and its instants), else
labelled with a name no other part of the file uses.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ssegraph.vocab import ID, PREFIXES, THING_PREFIXES

_LOCAL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_INDENT = "    "


def turtle(graph: Graph) -> str:
    """``graph`` as Turtle, prefixes first, one block per subject, sorted."""
    writer = _Writer(graph)
    return writer.text()


class _Writer:
    """Writes from one index of the graph (subject -> predicate -> objects), read in one pass:
    a sheet of 100,000 rows is not looked up in rdflib a subject at a time."""

    def __init__(self, graph: Graph) -> None:
        self.index: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        held: dict[BNode, int] = {}
        for s, p, o in graph:
            self.index[s][p].append(o)
            if isinstance(o, BNode):
                held[o] = held.get(o, 0) + 1
        self.prefixes = sorted(
            [(p, ns) for p, ns in PREFIXES.items() if p not in ("id", "graph")]
            + [(p, f"{ID}{kind}/") for p, kind in THING_PREFIXES.items()],
            key=lambda item: len(item[1]),
            reverse=True,
        )
        self.held = held.keys()
        self.nested = _tree_shaped(self.index, {b for b, n in held.items() if n == 1})
        self.labels: dict[BNode, str] = {}
        self.run = uuid.uuid4().hex[:12]
        self.used: set[str] = set()

    def text(self) -> str:
        blocks = []
        roots = [s for s in self.index if s not in self.nested]
        for subject in sorted(roots, key=lambda s: (isinstance(s, BNode), str(s))):
            blocks.append(self.block(subject))
        header = "".join(
            f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(self.prefixes) if p in self.used
        )
        return header + "\n" + "\n".join(blocks)

    def block(self, subject: Node) -> str:
        if isinstance(subject, BNode) and subject not in self.held:
            return f"[ {self.properties(subject, 1)} ] .\n"  # a blank node nothing holds
        return f"{self.term(subject, 0)} {self.properties(subject, 1)} .\n"

    def properties(self, subject: Node, depth: int) -> str:
        indent = "\n" + _INDENT * depth
        parts = []
        stated = self.index.get(subject, {})
        for predicate in sorted(stated, key=lambda p: (p != RDF.type, p)):
            objects = sorted(stated[predicate], key=_order)
            verb = "a" if predicate == RDF.type else self.term(predicate, depth)
            parts.append(verb + " " + " , ".join(self.term(o, depth + 1) for o in objects))
        return (" ;" + indent).join(parts)

    def term(self, node: Node, depth: int) -> str:
        if isinstance(node, URIRef):
            return self.iri(node)
        if isinstance(node, Literal):
            return self.literal(node)
        if isinstance(node, BNode) and node in self.nested:
            inner = self.properties(node, depth + 1)
            return f"[{chr(10)}{_INDENT * (depth + 1)}{inner}{chr(10)}{_INDENT * depth}]"
        return self.label(node)  # type: ignore[arg-type]

    def iri(self, iri: URIRef) -> str:
        text = str(iri)
        for prefix, namespace in self.prefixes:
            local = text[len(namespace) :]
            if text.startswith(namespace) and (local == "" or _LOCAL.fullmatch(local)):
                self.used.add(prefix)
                return f"{prefix}:{local}"
        return "<" + "".join(c if c.isprintable() and c not in '<>"{}|^`\\ ' else
                             f"\\u{ord(c):04X}" for c in text) + ">"  # fmt: skip

    def literal(self, literal: Literal) -> str:
        quoted = '"' + "".join(_ESCAPES.get(c, c) if c in _ESCAPES else _printable(c)
                               for c in str(literal)) + '"'  # fmt: skip
        if literal.language:
            return f"{quoted}@{literal.language}"
        if literal.datatype is None or literal.datatype == XSD.string:
            return quoted
        return f"{quoted}^^{self.iri(literal.datatype)}"

    def label(self, node: BNode) -> str:
        if node not in self.labels:
            self.labels[node] = f"_:add{self.run}n{len(self.labels)}"
        return self.labels[node]


def _printable(char: str) -> str:
    if char.isprintable() or char == " ":
        return char
    return f"\\u{ord(char):04X}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08X}"


def _tree_shaped(index: dict[Node, dict[Node, list[Node]]], once: set[BNode]) -> set[BNode]:
    """The blank nodes held once that hang below a subject written on its own (not a cycle)."""
    reached: set[BNode] = set()
    todo = [s for s in index if s not in once]
    while todo:
        node = todo.pop()
        for objects in index.get(node, {}).values():
            for o in objects:
                if o in once and o not in reached:
                    reached.add(o)  # type: ignore[arg-type]
                    todo.append(o)
    return reached


def _order(node: Node) -> tuple[bool, str, str]:
    """Blank nodes last, then by text; the same text in two languages by its tag (as written
    out), so that the file is the same from one run to the next."""
    return (isinstance(node, BNode), str(node), node.n3())
