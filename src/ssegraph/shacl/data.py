"""The data graph as the engine reads it: one scan of the store per predicate a shape follows.

Each predicate's statements are read once from the pyoxigraph store (``quads_for_pattern``),
kept as subject -> objects and object -> subjects maps, and shared by every shape, component
and nested shape that follows it; types and the class hierarchy the same way, so ``sh:class``
and ``sh:targetClass`` are set lookups, not a query per value node. The data is the store's
default graph.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pyoxigraph as ox

from ssegraph.shacl.shapes import Path, Term

_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
_NONE: frozenset[Term] = frozenset()

Index = dict[Term, set[Term]]


class Data:
    """The default graph of ``store``, indexed by predicate."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._forward: dict[ox.NamedNode, Index] = {}
        self._backward: dict[ox.NamedNode, Index] = {}
        self._below: dict[Term, frozenset[Term]] = {}

    def quads(self, s: Term | None, p: ox.NamedNode | None, o: Term | None) -> Iterable[ox.Quad]:
        """The statements of the data that match."""
        return self.store.quads_for_pattern(s, p, o, ox.DefaultGraph())  # type: ignore[arg-type]

    def forward(self, predicate: ox.NamedNode) -> Index:
        """Subject -> its objects for ``predicate``."""
        if predicate not in self._forward:
            self._read(predicate)
        return self._forward[predicate]

    def backward(self, predicate: ox.NamedNode) -> Index:
        """Object -> its subjects for ``predicate``."""
        if predicate not in self._backward:
            self._read(predicate)
        return self._backward[predicate]

    def _read(self, predicate: ox.NamedNode) -> None:
        forward: Index = {}
        backward: Index = {}
        for quad in self.quads(None, predicate, None):
            s, o = quad.subject, quad.object
            forward.setdefault(s, set()).add(o)  # type: ignore[arg-type]
            backward.setdefault(o, set()).add(s)  # type: ignore[arg-type]
        self._forward[predicate], self._backward[predicate] = forward, backward

    def subclasses(self, cls: Term) -> frozenset[Term]:
        """``cls`` and every class below it through rdfs:subClassOf (as SHACL reads classes)."""
        if cls not in self._below:
            below = self.backward(_SUBCLASS)
            found, todo = {cls}, [cls]
            while todo:
                for sub in below.get(todo.pop(), ()):
                    if sub not in found:
                        found.add(sub)
                        todo.append(sub)
            self._below[cls] = frozenset(found)
        return self._below[cls]

    def instances(self, cls: Term) -> set[Term]:
        """The nodes typed ``cls`` or one of its subclasses."""
        typed = self.backward(_TYPE)
        return {node for sub in self.subclasses(cls) for node in typed.get(sub, ())}

    def types(self) -> Index:
        """Node -> its rdf:type classes."""
        return self.forward(_TYPE)

    def values(self, path: Path, nodes: Iterable[Term]) -> dict[Term, Collection[Term]]:
        """Each node's value nodes through ``path``."""
        if path.kind == "predicate":
            index = self.forward(path.predicate)  # type: ignore[arg-type]
            return {node: index.get(node, _NONE) for node in nodes}
        if path.kind == "inverse" and path.parts[0].kind == "predicate":
            index = self.backward(path.parts[0].predicate)  # type: ignore[arg-type]
            return {node: index.get(node, _NONE) for node in nodes}
        return {node: self._step(path, node) for node in nodes}

    def _step(self, path: Path, node: Term) -> set[Term]:
        if path.kind == "predicate":
            return set(self.forward(path.predicate).get(node, ()))  # type: ignore[arg-type]
        if path.kind == "inverse":
            return self._inverse(path.parts[0], node)
        if path.kind == "alternative":
            return set().union(*(self._step(part, node) for part in path.parts))
        reached = {node}
        for part in path.parts:  # a sequence
            reached = set().union(*(self._step(part, n) for n in reached))
        return reached

    def _inverse(self, path: Path, node: Term) -> set[Term]:
        if path.kind == "predicate":
            return set(self.backward(path.predicate).get(node, ()))  # type: ignore[arg-type]
        if path.kind == "inverse":
            return self._step(path.parts[0], node)
        if path.kind == "alternative":
            return set().union(*(self._inverse(part, node) for part in path.parts))
        reached = {node}
        for part in reversed(path.parts):
            reached = set().union(*(self._inverse(part, n) for n in reached))
        return reached
