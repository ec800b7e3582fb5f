"""Compiled shapes evaluated set-wise: each component over all the focus nodes of its shape.

The semantics are pySHACL's as ``ssegraph.validate`` calls it (warnings and infos allowed): a
node conforms to a nested shape unless that shape is a violation shape with a violation among
its results; ``sh:node`` gives one result per failing value node with the nested results as
``sh:detail``; the nested shapes of ``sh:or``, ``sh:xone``, ``sh:not``, ``sh:and`` and
``sh:qualifiedValueShape`` only decide conformance. A nested shape is evaluated once per value
node whatever reaches it (memoised), while the results of a property shape shared by two
targeted shapes are given once per shape, as pySHACL gives them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import SH

from ssegraph.shacl.data import Data
from ssegraph.shacl.shapes import Constraint, Shape, Term

_ALLOWED = {SH.Warning, SH.Info}  # severities that do not make a nested shape fail
_RDFS_LITERAL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#Literal")
_KINDS: dict[URIRef, tuple[type, ...]] = {
    SH.IRI: (ox.NamedNode,),
    SH.BlankNode: (ox.BlankNode,),
    SH.Literal: (ox.Literal,),
    SH.BlankNodeOrIRI: (ox.BlankNode, ox.NamedNode),
    SH.BlankNodeOrLiteral: (ox.BlankNode, ox.Literal),
    SH.IRIOrLiteral: (ox.NamedNode, ox.Literal),
}


class Result(NamedTuple):
    """One validation result, as pySHACL would write it (``details`` under ``sh:detail``)."""

    focus: Term
    shape: Shape
    component: URIRef
    value: Term | None = None
    details: tuple[Result, ...] = ()
    messages: tuple[Literal, ...] = ()


Values = dict[Term, Collection[Term]]
_NO_RESULTS: list[Result] = []  # shared by every conforming node: never appended to
Check = Callable[["Engine", Shape, Constraint, Values], Iterator[Result]]


def validate(
    data: Data, shapes: Iterable[Shape], focus: Collection[Term] | None = None
) -> list[Result]:
    """The results of every targeted shape on ``data`` (only about ``focus`` if given)."""
    engine = Engine(data)
    results: list[Result] = []
    for shape in shapes:
        if shape.deactivated:
            continue
        targets = set(shape.target_nodes)
        for cls in shape.target_classes:
            targets |= data.instances(cls)
        if focus is not None:
            targets &= set(focus)
        for found in engine.evaluate(shape, targets).values():
            results.extend(found)
    return results


class Engine:
    """One validation run: the data and the memoised results of nested shapes."""

    def __init__(self, data: Data) -> None:
        self.data = data
        self._memo: dict[Shape, dict[Term, list[Result]]] = {}

    def evaluate(self, shape: Shape, nodes: Collection[Term]) -> dict[Term, list[Result]]:
        """The results of ``shape`` on each of ``nodes`` (their own and their properties')."""
        if shape.deactivated or not nodes:
            return {}
        if shape.path is None:
            values: Values = {node: (node,) for node in nodes}
        else:
            values = self.data.values(shape.path, nodes)
        found: dict[Term, list[Result]] = {}
        for constraint in shape.constraints:
            for result in CHECKS[constraint.kind](self, shape, constraint, values):
                found.setdefault(result.focus, []).append(result)
        for prop in shape.properties:
            if shape.path is None:
                for node, results in self.evaluate(prop, nodes).items():
                    found.setdefault(node, []).extend(results)
                continue
            for node, vs in values.items():  # a property shape's sh:property: on its values
                nested = self.nested(prop, vs)
                found.setdefault(node, []).extend(r for v in vs for r in nested.get(v, ()))
        return found

    def nested(self, shape: Shape, nodes: Iterable[Term]) -> dict[Term, list[Result]]:
        """``evaluate`` for a shape reached from another, each node evaluated once per run."""
        memo = self._memo.setdefault(shape, {})
        todo = {n for n in nodes if n not in memo}
        if todo:
            found = self.evaluate(shape, todo)
            for node in todo:
                memo[node] = found.get(node, _NO_RESULTS)
        return memo

    def failing(self, shape: Shape, nodes: Collection[Term]) -> set[Term]:
        """The nodes that do not conform to ``shape`` (a violation among their results)."""
        if shape.severity in _ALLOWED or not nodes:
            return set()
        memo = self.nested(shape, nodes)
        return {n for n in nodes if any(r.shape.severity not in _ALLOWED for r in memo.get(n, ()))}


def _result(
    shape: Shape,
    constraint: Constraint,
    focus: Term,
    value: Term | None = None,
    details: tuple[Result, ...] = (),
    component: URIRef | None = None,
) -> Result:
    messages = shape.messages or (() if constraint.generic is None else (constraint.generic,))
    return Result(focus, shape, component or constraint.component, value, details, messages)


def _every_value(values: Values) -> set[Term]:
    return set().union(*values.values()) if values else set()


def _each_failing_value(test: Callable[[Term], bool]) -> Check:
    """A check that gives one result per value node that fails ``test``."""

    def check(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
        for focus, vs in values.items():
            for v in vs:
                if not test(v):
                    yield _result(shape, c, focus, v)

    return check


def _min_count(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    return (_result(shape, c, f) for f, vs in values.items() if len(vs) < c.value)  # type: ignore[operator]


def _max_count(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    return (_result(shape, c, f) for f, vs in values.items() if len(vs) > c.value)  # type: ignore[operator]


def _class(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    classes = engine.data.subclasses(c.value)  # type: ignore[arg-type]
    types = engine.data.types()
    for focus, vs in values.items():
        for v in vs:
            if classes.isdisjoint(types.get(v, ())):  # a literal has no type
                yield _result(shape, c, focus, v)


def _datatype(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    def test(v: Term) -> bool:
        return isinstance(v, ox.Literal) and (c.value == _RDFS_LITERAL or v.datatype == c.value)

    return _each_failing_value(test)(engine, shape, c, values)


def _node_kind(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    kinds = _KINDS[c.value]  # type: ignore[index]
    return _each_failing_value(lambda v: isinstance(v, kinds))(engine, shape, c, values)


def _in(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    allowed: frozenset[Term] = c.value  # type: ignore[assignment]
    return _each_failing_value(lambda v: v in allowed)(engine, shape, c, values)


def _language_in(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    tags: frozenset[str] = c.value  # type: ignore[assignment]

    def test(v: Term) -> bool:
        language = v.language if isinstance(v, ox.Literal) else None
        if not language:
            return False
        language = language.lower()
        return "*" in tags or language in tags or language.split("-")[0] in tags

    return _each_failing_value(test)(engine, shape, c, values)


def _unique_lang(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    for focus, vs in values.items():
        seen: set[str] = set()
        twice: set[str] = set()
        for v in vs:
            language = v.language if isinstance(v, ox.Literal) else None
            if language:
                (twice if language.lower() in seen else seen).add(language.lower())
        yield from (_result(shape, c, focus) for _ in twice)  # one per language, no value


def _pattern(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    def test(v: Term) -> bool:
        return not isinstance(v, ox.BlankNode) and c.value.search(v.value) is not None  # type: ignore[attr-defined]

    return _each_failing_value(test)(engine, shape, c, values)


def _node(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    nested = engine.nested(c.shapes[0], _every_value(values))
    for focus, vs in values.items():
        for v in vs:
            if nested.get(v):
                yield _result(shape, c, focus, v, tuple(nested[v]))


def _logical(conforms: Callable[[int, int], bool]) -> Check:
    """sh:or, sh:xone, sh:and, sh:not: ``conforms(members conformed to, members)``."""

    def check(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
        every = _every_value(values)
        failed = [engine.failing(member, every) for member in c.shapes]
        size = len(c.shapes)
        for focus, vs in values.items():
            for v in vs:
                if not conforms(size - sum(v in f for f in failed), size):
                    yield _result(shape, c, focus, v)

    return check


def _qualified(engine: Engine, shape: Shape, c: Constraint, values: Values) -> Iterator[Result]:
    failed = engine.failing(c.shapes[0], _every_value(values))
    low, high = c.bounds
    for focus, vs in values.items():
        conforming = sum(1 for v in vs if v not in failed)
        if high is not None and conforming > high:
            yield _result(shape, c, focus, component=SH.QualifiedMaxCountConstraintComponent)
        if low is not None and conforming < low:
            yield _result(shape, c, focus, component=SH.QualifiedMinCountConstraintComponent)


CHECKS: dict[str, Check] = {
    "min_count": _min_count,
    "max_count": _max_count,
    "class": _class,
    "datatype": _datatype,
    "node_kind": _node_kind,
    "in": _in,
    "language_in": _language_in,
    "unique_lang": _unique_lang,
    "pattern": _pattern,
    "node": _node,
    "not": _logical(lambda ok, size: ok == 0),
    "or": _logical(lambda ok, size: ok >= 1),
    "xone": _logical(lambda ok, size: ok == 1),
    "and": _logical(lambda ok, size: ok == size),
    "qualified": _qualified,
}
