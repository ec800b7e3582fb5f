"""Compiled shapes evaluated set-wise: each component over all the focus nodes of its shape.

The semantics are pySHACL's as ``ssegraph.validate`` calls it (warnings and infos allowed): a
node conforms to a nested shape unless that shape is a violation shape with a violation among
its results; ``sh:node`` gives one result per failing value node with the nested results as
``sh:detail``; the nested shapes of ``sh:or``, ``sh:xone``, ``sh:not``, ``sh:and`` and
``sh:qualifiedValueShape`` only decide conformance. A nested shape is evaluated once per value
node whatever reaches it (memoised), while the results of a property shape shared by two
targeted shapes are given once per shape, as pySHACL gives them.

Each component gives what fails as a set: the value nodes that fail it (``sh:class`` is the
values less the class's instances, ``sh:or`` an intersection of the members' failing sets) or
the focus nodes that do (``sh:minCount 1`` is the foci less the path's subjects). Results are
made only for what is reported; a nested shape asked only whether nodes conform
(``Engine.failing``) gives the set of nodes that do not, and no result at all.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable
from typing import NamedTuple

from rdflib import Literal, URIRef
from rdflib.namespace import SH

from ssegraph.shacl.data import Data, Edges, Key, key
from ssegraph.shacl.shapes import Constraint, Shape, Term

_ALLOWED = {SH.Warning, SH.Info}  # severities that do not make a nested shape fail
_RDFS_LITERAL = "<http://www.w3.org/2000/01/rdf-schema#Literal>"
_XSD_STRING = "<http://www.w3.org/2001/XMLSchema#string>"
_LANG_STRING = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>"
#: The first character of a key of each kind: an IRI, a blank node, a literal.
_KINDS: dict[URIRef, str] = {
    SH.IRI: "<",
    SH.BlankNode: "_",
    SH.Literal: '"',
    SH.BlankNodeOrIRI: "_<",
    SH.BlankNodeOrLiteral: '_"',
    SH.IRIOrLiteral: '<"',
}


class Result(NamedTuple):
    """One validation result, as pySHACL would write it (``details`` under ``sh:detail``)."""

    focus: Term
    shape: Shape
    component: URIRef
    value: Term | None = None
    details: tuple[Result, ...] = ()
    messages: tuple[Literal, ...] = ()


class Failed(NamedTuple):
    """What fails one constraint: value nodes (one result per focus reaching each), or focus
    nodes (one result each, no value; ``component`` when the constraint reports another)."""

    values: Collection[Key] = ()
    foci: Iterable[tuple[Key, URIRef | None]] = ()


Check = Callable[["Engine", Constraint, Edges], Failed]
Found = dict[Key, list[Result]]


def validate(
    data: Data, shapes: Iterable[Shape], focus: Collection[Term] | None = None
) -> list[Result]:
    """The results of every targeted shape on ``data`` (only about ``focus`` if given)."""
    engine = Engine(data)
    keep = None if focus is None else {key(n) for n in focus}
    results: list[Result] = []
    for shape in shapes:
        if shape.deactivated:
            continue
        targets = {key(n) for n in shape.target_nodes}
        for cls in shape.target_classes:
            targets |= data.instances(cls)
        if keep is not None:
            targets &= keep
        for found in engine.evaluate(shape, targets).values():
            results.extend(found)
    return results


class Engine:
    """One validation run: the data and the memoised verdicts of nested shapes."""

    def __init__(self, data: Data) -> None:
        self.data = data
        self._results: dict[Shape, tuple[set[Key], Found]] = {}  # evaluated, results
        self._violating: dict[Shape, tuple[set[Key], set[Key]]] = {}  # checked, violating
        self._once: dict[Hashable, set[Key]] = {}

    def once(self, name: Hashable, compute: Callable[[], set[Key]]) -> set[Key]:
        """``compute()``, computed once per run under ``name``."""
        if name not in self._once:
            self._once[name] = compute()
        return self._once[name]

    def evaluate(self, shape: Shape, nodes: set[Key]) -> Found:
        """The results of ``shape`` on each of ``nodes`` (their own and their properties')."""
        if shape.deactivated or not nodes:
            return {}
        edges = self.data.edges(shape.path, nodes)
        found: Found = {}
        for constraint in shape.constraints:
            failed = CHECKS[constraint.kind](self, constraint, edges)
            details = self.nested(constraint.shapes[0], ()) if constraint.kind == "node" else {}
            for focus, value in edges.pairs(failed.values):
                result = self._result(shape, constraint, focus, value, details.get(value, ()))
                found.setdefault(focus, []).append(result)
            for focus, component in failed.foci:
                found.setdefault(focus, []).append(
                    self._result(shape, constraint, focus, component=component)
                )
        for prop in shape.properties:
            if shape.path is None:
                for node, results in self.evaluate(prop, nodes).items():
                    found.setdefault(node, []).extend(results)
                continue
            nested = self.nested(prop, edges.values())  # a property shape's sh:property
            for value in nested.keys() & edges.values():
                for focus, _ in edges.pairs((value,)):
                    found.setdefault(focus, []).extend(nested[value])
        return found

    def nested(self, shape: Shape, nodes: Iterable[Key]) -> Found:
        """``evaluate`` for a shape reached from another, each node evaluated once per run:
        the nodes with results (those without have none)."""
        done, found = self._results.setdefault(shape, (set(), {}))
        todo = set(nodes) - done
        if todo:
            found.update(self.evaluate(shape, todo))
            done |= todo
        return found

    def failing(self, shape: Shape, nodes: set[Key]) -> set[Key]:
        """The nodes that do not conform to ``shape`` (a violation among their results)."""
        if shape.severity in _ALLOWED or not nodes:
            return set()
        return self.violating(shape, nodes)

    def violating(self, shape: Shape, nodes: set[Key]) -> set[Key]:
        """The nodes among whose results ``shape`` gives one that is not a warning or info."""
        checked, bad = self._violating.setdefault(shape, (set(), set()))
        todo = nodes - checked
        if todo and not shape.deactivated:
            bad |= self._violating_now(shape, todo)
        checked |= todo
        return bad & nodes

    def _violating_now(self, shape: Shape, nodes: set[Key]) -> set[Key]:
        edges = self.data.edges(shape.path, nodes)
        bad: set[Key] = set()
        if shape.severity not in _ALLOWED:
            for constraint in shape.constraints:
                failed = CHECKS[constraint.kind](self, constraint, edges)
                bad |= edges.reaching(failed.values)
                bad.update(focus for focus, _ in failed.foci)
        for prop in shape.properties:
            if shape.path is None:
                bad |= self.violating(prop, nodes - bad)
            else:
                bad |= edges.reaching(self.violating(prop, edges.values()))
        return bad

    def _result(
        self,
        shape: Shape,
        constraint: Constraint,
        focus: Key,
        value: Key | None = None,
        details: Iterable[Result] = (),
        component: URIRef | None = None,
    ) -> Result:
        messages = shape.messages or (() if constraint.generic is None else (constraint.generic,))
        term = self.data.term
        return Result(
            term(focus),
            shape,
            component or constraint.component,
            None if value is None else term(value),
            tuple(details),
            messages,
        )


# ---- the components: what fails each, as a set


def _failing_values(
    engine: Engine, c: Constraint, edges: Edges, failing: Callable[[Collection[Key]], set[Key]]
) -> Failed:
    """The value nodes ``failing`` gives: among every value of the path's whole index, once
    per run for every shape that follows the path with the same constraint, else among the
    foci's own values."""
    everything = edges.everything()
    if everything is None:
        return Failed(values=failing(edges.values()))
    return Failed(values=engine.once((c.kind, c.value, edges.path), lambda: failing(everything)))


def _each(test: Callable[[Key], bool]) -> Callable[[Collection[Key]], set[Key]]:
    """The values that fail ``test``, each tested once."""
    return lambda values: {v for v in values if not test(v)}


def _min_count(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    least: int = c.value  # type: ignore[assignment]
    if least <= 0:
        return Failed()
    if edges.forward is None:
        return Failed(foci=[(f, None) for f in edges.foci] if least > 1 else ())
    without = edges.foci - edges.forward.keys()
    if least > 1:
        with_few = [f for f in edges.with_values() if len(edges.forward[f]) < least]
        without.update(with_few)
    return Failed(foci=[(f, None) for f in without])


def _max_count(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    most: int = c.value  # type: ignore[assignment]
    if edges.forward is None:
        return Failed(foci=[(f, None) for f in edges.foci] if most < 1 else ())
    forward = edges.forward
    return Failed(foci=[(f, None) for f in edges.with_values() if len(forward[f]) > most])


def _class(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    instances = engine.data.instances(key(c.value))  # type: ignore[arg-type]
    return _failing_values(engine, c, edges, lambda values: set(values) - instances)


def datatype_of(node: Key) -> Key | None:
    """The datatype of a literal key (None for an IRI or a blank node)."""
    if node[0] != '"':
        return None
    rest = node[node.rindex('"') + 1 :]
    if not rest:
        return _XSD_STRING
    return _LANG_STRING if rest[0] == "@" else rest[2:]


def language_of(node: Key) -> str | None:
    """The language tag of a literal key, lower case (None without one)."""
    if node[0] != '"':
        return None
    rest = node[node.rindex('"') + 1 :]
    return rest[1:].lower() if rest[:1] == "@" else None


def _datatype(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    wanted = key(c.value)  # type: ignore[arg-type]
    if wanted == _RDFS_LITERAL:
        return _failing_values(engine, c, edges, _each(lambda v: v[0] == '"'))
    return _failing_values(engine, c, edges, _each(lambda v: datatype_of(v) == wanted))


def _node_kind(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    firsts = _KINDS[c.value]  # type: ignore[index]
    return _failing_values(engine, c, edges, _each(lambda v: v[0] in firsts))


def _in(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    allowed = {key(v) for v in c.value}  # type: ignore[attr-defined]
    return _failing_values(engine, c, edges, lambda values: set(values) - allowed)


def _language_in(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    tags: frozenset[str] = c.value  # type: ignore[assignment]
    endings = tuple(f'"@{tag}' for tag in tags)  # most values: a tag as listed, tested in C

    def test(v: Key) -> bool:
        if v.endswith(endings):
            return True
        language = language_of(v)
        if not language:
            return False
        return "*" in tags or language in tags or language.split("-")[0] in tags

    return _failing_values(engine, c, edges, _each(test))


def _unique_lang(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    failed: list[tuple[Key, URIRef | None]] = []
    for focus in edges.with_values():
        values = edges.of(focus)
        if len(values) < 2:  # type: ignore[arg-type]
            continue
        seen: set[str] = set()
        twice: set[str] = set()
        for v in values:
            language = language_of(v)
            if language:
                (twice if language in seen else seen).add(language)
        failed.extend((focus, None) for _ in twice)  # one per language, no value
    return Failed(foci=failed)


def _pattern(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    search = c.value.search  # type: ignore[attr-defined]
    term = engine.data.term

    def test(v: Key) -> bool:
        if v[0] == "_":
            return False
        if v[0] == "<":
            return search(v[1:-1]) is not None
        end = v.rindex('"')
        lexical = term(v).value if "\\" in v else v[1:end]
        return search(lexical) is not None

    return _failing_values(engine, c, edges, _each(test))


def _node(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    nested = engine.nested(c.shapes[0], edges.values())
    return Failed(values=nested.keys() & edges.values())


def _logical(combine: Callable[[set[Key], list[set[Key]]], set[Key]]) -> Check:
    """sh:or, sh:xone, sh:and, sh:not: ``combine(values, the members' failing sets)`` gives
    the value nodes that fail."""

    def check(engine: Engine, c: Constraint, edges: Edges) -> Failed:
        every = edges.values()
        failed = [engine.failing(member, every) for member in c.shapes]
        return Failed(values=combine(every, failed))

    return check


def _exactly_one(every: set[Key], failed: list[set[Key]]) -> set[Key]:
    """The values that conform to other than exactly one member."""
    passing = [every - f for f in failed]
    one: set[Key] = set()
    for i, conforms in enumerate(passing):
        others = set().union(*(p for j, p in enumerate(passing) if j != i))
        one |= conforms - others
    return every - one


def _qualified(engine: Engine, c: Constraint, edges: Edges) -> Failed:
    failed = engine.failing(c.shapes[0], edges.values())
    low, high = c.bounds
    found: list[tuple[Key, URIRef | None]] = []
    for focus in edges.foci:
        values = edges.of(focus)
        conforming = len(values) - len(failed.intersection(values)) if failed else len(values)  # type: ignore[arg-type]
        if high is not None and conforming > high:
            found.append((focus, SH.QualifiedMaxCountConstraintComponent))
        if low is not None and conforming < low:
            found.append((focus, SH.QualifiedMinCountConstraintComponent))
    return Failed(foci=found)


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
    "not": _logical(lambda every, failed: every - failed[0]),
    "or": _logical(lambda every, failed: every.intersection(*failed)),
    "xone": _logical(_exactly_one),
    "and": _logical(lambda every, failed: every & set().union(*failed)),
    "qualified": _qualified,
}
