"""The data graph as the engine reads it: one scan of the store per predicate a shape follows.

Each predicate's statements are read once from the pyoxigraph store (``quads_for_pattern``),
kept as subject -> objects and object -> subjects maps, and shared by every shape, component
and nested shape that follows it; types and the class hierarchy the same way, so ``sh:class``
and ``sh:targetClass`` are set lookups, not a query per value node.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ssegraph.shacl.shapes import Path, Term

_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SUBCLASS = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")

Index = dict[Term, list[Term]]


class Data:
    """The default graph of ``store``, indexed by predicate on first use."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._forward: dict[ox.NamedNode, Index] = {}
        self._backward: dict[ox.NamedNode, Index] = {}
        self._below: dict[Term, frozenset[Term]] = {}

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
        for quad in self.store.quads_for_pattern(None, predicate, None, ox.DefaultGraph()):
            forward.setdefault(quad.subject, []).append(quad.object)  # type: ignore[arg-type]
            backward.setdefault(quad.object, []).append(quad.subject)  # type: ignore[arg-type]
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

    def is_instance(self, node: Term, cls: Term) -> bool:
        classes = self.subclasses(cls)
        return any(t in classes for t in self.forward(_TYPE).get(node, ()))

    def values(self, path: Path, nodes: Iterable[Term]) -> dict[Term, set[Term]]:
        """Each node's value nodes through ``path``."""
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
