"""The data graph as the engine reads it: each predicate a shape follows read once, as text.

A node is held as its N-Triples text (``<http://...>``, ``_:b1``, ``"x"@en``,
``"1"^^<...#integer>``: what ``str()`` of a pyoxigraph term gives), not as a pyoxigraph or
rdflib object. Each predicate's statements come from one SPARQL query whose answer the store
writes as TSV in Rust; Python only splits lines into strings, whose hashes are cached, so the
subject -> objects and object -> subjects maps that every shape, component and nested shape
share cost a few microseconds a statement (building pyoxigraph terms one quad at a time cost
about 25). Types and the class hierarchy the same way, so ``sh:class`` and ``sh:targetClass``
are set operations. Only the nodes that end in a result become terms again (``term``). The data
is the store's default graph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

import pyoxigraph as ox
from rdflib import URIRef

from ssegraph import sparql
from ssegraph.backends.projection import insert_values
from ssegraph.shacl.shapes import Path, Term

Key = str  #: a node as its N-Triples text
Values = Collection[Key]  #: a node's distinct values (a tuple as read, a set when computed)
Index = dict[Key, Values]

_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NONE: frozenset[Key] = frozenset()
#: Characters N-Triples writes as ``\\uXXXX`` (or ``\\b``, ``\\f``) but the TSV writer leaves
#: raw: a predicate whose answer has one is read as N-Triples instead, so a key is ``str(term)``.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NT = ox.RdfFormat.N_TRIPLES
_BARE = re.compile('\t[^<_"]')  # an object the TSV writer wrote bare (a number, a boolean)


def key(term: Term | ox.NamedNode) -> Key:
    """A pyoxigraph term as the engine holds it."""
    return str(term)


def _bare(text: Key) -> Key:
    """A number or boolean the TSV writer wrote bare (``76``, ``1.5``, ``true``) as N-Triples."""
    if text in ("true", "false"):
        datatype = "boolean"
    elif "e" in text or "E" in text:
        datatype = "double"
    elif "." in text:
        datatype = "decimal"
    else:
        datatype = "integer"
    return f'"{text}"^^<{_XSD}{datatype}>'


def _index(keys: list[Key], values: list[Key]) -> Index:
    """Each key -> the values beside it (the pairs are distinct: a graph is a set). Built in C
    (``dict(zip(...))``) for the keys with one value, most of them; only the others loop."""
    index: Index = dict(zip(keys, zip(values), strict=True))
    if len(index) == len(keys):
        return index
    several = {k for k, n in Counter(keys).items() if n > 1}
    gathered: dict[Key, list[Key]] = {k: [] for k in several}
    for k, v in zip(keys, values, strict=True):
        if k in several:
            gathered[k].append(v)
    index.update((k, tuple(vs)) for k, vs in gathered.items())
    return index


def _text(serialised: bytes | None) -> str:
    return "" if serialised is None else serialised.decode()


class Data:
    """The default graph of ``store``, indexed by predicate; or, given ``graphs``, the union
    of those named graphs, read where they are (no copy of them into a store of their own)."""

    def __init__(self, store: ox.Store, graphs: Sequence[ox.NamedNode] | None = None) -> None:
        self.store = store
        self.graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = (
            None if graphs is None else list(graphs)
        )
        self._statements: dict[Key, tuple[list[Key], list[Key]]] = {}  # subjects, objects
        self._forward: dict[Key, Index] = {}
        self._objects: dict[Key, frozenset[Key]] = {}
        self._subjects: dict[Key, frozenset[Key]] = {}
        self._backward: dict[Key, Index] = {}  # built when asked for
        self._below: dict[Key, frozenset[Key]] = {}
        self._instances: dict[Key, frozenset[Key]] = {}
        self._terms: dict[Key, Term] = {}

    def quads(self, s: Term | None, p: ox.NamedNode | None, o: Term | None) -> Iterable[ox.Quad]:
        """The statements of the data that match (of the default graph only)."""
        return self.store.quads_for_pattern(s, p, o, ox.DefaultGraph())  # type: ignore[arg-type]

    def forward(self, predicate: ox.NamedNode | Key) -> Index:
        """Subject -> its objects for ``predicate``."""
        p = predicate if isinstance(predicate, str) else key(predicate)
        if p not in self._forward:
            self._forward[p] = _index(*self._read(p))
        return self._forward[p]

    def backward(self, predicate: ox.NamedNode | Key) -> Index:
        """Object -> its subjects for ``predicate``. Each map is built when first asked for:
        most predicates never need this one, rdf:type and rdfs:subClassOf never the other."""
        p = predicate if isinstance(predicate, str) else key(predicate)
        if p not in self._backward:
            subjects, objects = self._read(p)
            self._backward[p] = _index(objects, subjects)
        return self._backward[p]

    def _read(self, predicate: Key) -> tuple[list[Key], list[Key]]:
        if predicate not in self._statements:
            self._statements[predicate] = self._pairs(predicate)
        return self._statements[predicate]

    def objects(self, predicate: Key) -> frozenset[Key]:
        """Every object of ``predicate``."""
        if predicate not in self._objects:
            self._objects[predicate] = frozenset(self._read(predicate)[1])
        return self._objects[predicate]

    def subjects(self, predicate: Key) -> frozenset[Key]:
        """Every subject of ``predicate``."""
        if predicate not in self._subjects:
            self._subjects[predicate] = frozenset(self._read(predicate)[0])
        return self._subjects[predicate]

    def _pairs(self, predicate: Key) -> tuple[list[Key], list[Key]]:
        """Subjects and objects of the statements of ``predicate``, as keys, side by side."""
        solutions = self.store.query(_bound("shacl/pairs", predicate), default_graph=self.graphs)
        assert isinstance(solutions, ox.QuerySolutions)
        text = _text(solutions.serialize(format=ox.QueryResultsFormat.TSV))
        if _CONTROL.search(text):
            return self._pairs_as_n_triples(predicate)
        body = text[text.index("\n") + 1 : -1]  # no header line, no last newline
        if not body:
            return [], []
        cells = body.replace("\n", "\t").split("\t")  # a tab or a newline is escaped in a term
        subjects, objects = cells[0::2], cells[1::2]
        if _BARE.search(body):
            objects = [o if o[0] in '<_"' else _bare(o) for o in objects]
        return subjects, objects

    def _pairs_as_n_triples(self, predicate: Key) -> tuple[list[Key], list[Key]]:
        query = _bound("shacl/pairs-as-triples", predicate)
        triples = self.store.query(query, default_graph=self.graphs)
        assert isinstance(triples, ox.QueryTriples)
        subjects, objects = [], []
        for line in dict.fromkeys(_text(triples.serialize(format=_NT)).splitlines()):
            s, _, o = line.partition(" <p:> ")
            subjects.append(s)
            objects.append(o[:-2])  # without " ."
        return subjects, objects

    def term(self, node: Key) -> Term:
        """The pyoxigraph term of a key (for the nodes a result names)."""
        found = self._terms.get(node)
        if found is None:
            if node[0] == "<":
                found = ox.NamedNode(node[1:-1])
            elif node[0] == "_":
                found = ox.BlankNode(node[2:])
            else:
                [triple] = ox.parse(f"<p:> <p:> {node} .".encode(), format=_NT)
                found = triple.object
            self._terms[node] = found
        return found

    def subclasses(self, cls: Key) -> frozenset[Key]:
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

    def instances(self, cls: Term | Key) -> frozenset[Key]:
        """The nodes typed ``cls`` or one of its subclasses."""
        c = cls if isinstance(cls, str) else key(cls)
        if c not in self._instances:
            typed = self.backward(_TYPE)
            found: set[Key] = set()
            for sub in self.subclasses(c):
                found.update(typed.get(sub, _NONE))
            self._instances[c] = frozenset(found)
        return self._instances[c]

    def types(self) -> Index:
        """Node -> its rdf:type classes."""
        return self.forward(_TYPE)

    def edges(self, path: Path | None, foci: set[Key]) -> Edges:
        """The value nodes of ``foci`` through ``path`` (each focus itself when None)."""
        if path is None:
            return Edges(foci)
        if path.kind == "predicate":
            p = key(path.predicate)  # type: ignore[arg-type]
            return Edges(
                foci, self.forward(p), lambda: self.backward(p), lambda: self.objects(p), path
            )
        if path.kind == "inverse" and path.parts[0].kind == "predicate":
            p = key(path.parts[0].predicate)  # type: ignore[arg-type]
            backward = self.backward(p)
            return Edges(foci, backward, lambda: self.forward(p), lambda: self.subjects(p), path)
        forward: Index = {}
        for node in foci:
            reached = self._step(path, node)
            if reached:
                forward[node] = reached
        return Edges(foci, forward, lambda: _index(*_unzipped_inverse(forward)))

    def _step(self, path: Path, node: Key) -> set[Key]:
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

    def _inverse(self, path: Path, node: Key) -> set[Key]:
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


def _unzipped_inverse(forward: Index) -> tuple[list[Key], list[Key]]:
    """The objects and subjects of ``forward``, side by side."""
    pairs = [(o, s) for s, objects in forward.items() for o in objects]
    return [o for o, _ in pairs], [s for _, s in pairs]


class Edges:
    """Focus nodes and their value nodes through a shape's path. ``forward`` may hold more
    nodes than ``foci`` (a predicate's whole index, shared), ``backward`` (value -> the nodes
    that reach it) is built when first needed; no forward is a node shape (each focus is its
    own value). No node maps to an empty set. ``everything`` gives every value of ``forward``
    from all its keys, and ``path`` names that whole index (None when it is the foci's own)."""

    def __init__(
        self,
        foci: set[Key],
        forward: Mapping[Key, Values] | None = None,
        backward: Callable[[], Mapping[Key, Values]] | None = None,
        everything: Callable[[], Collection[Key]] | None = None,
        path: Path | None = None,
    ) -> None:
        self.foci = foci
        self.forward = forward
        self.path = path
        self._backward = backward
        self._everything = everything
        self._values: set[Key] | None = None
        self._inverted: Mapping[Key, Values] | None = None

    def values(self) -> set[Key]:
        """Every value node of the foci."""
        if self._values is None:
            if self.forward is None:
                self._values = self.foci
            else:
                forward = self.forward
                reached = self.foci & forward.keys()
                if len(reached) == len(forward) and self._everything is not None:
                    self._values = set(self._everything())  # every subject is a focus
                else:
                    self._values = set().union(*map(forward.__getitem__, reached))
        return self._values

    def everything(self) -> Collection[Key] | None:
        """Every value of the whole index the foci's values are read from (None if there is
        none but theirs): a test of each value is done once there, for every shape."""
        return None if self._everything is None else self._everything()

    def of(self, focus: Key) -> Iterable[Key]:
        """The value nodes of one focus."""
        if self.forward is None:
            return (focus,)
        return self.forward.get(focus, _NONE)

    def with_values(self) -> set[Key]:
        """The foci that have at least one value node."""
        return self.foci if self.forward is None else self.foci & self.forward.keys()

    def pairs(self, values: Collection[Key]) -> Iterable[tuple[Key, Key]]:
        """(focus, value) for each of ``values`` and each focus that reaches it."""
        if self.forward is None:
            return ((v, v) for v in values)
        if not values:
            return ()
        backward, foci = self._inverse(), self.foci
        return ((f, v) for v in values for f in backward.get(v, _NONE) if f in foci)

    def reaching(self, values: Collection[Key]) -> set[Key]:
        """The foci that reach one of ``values``."""
        if self.forward is None:
            return set(values)
        if not values:
            return set()
        backward = self._inverse()
        reached: set[Key] = set()
        for v in values:
            reached.update(backward.get(v, _NONE))
        return reached & self.foci

    def _inverse(self) -> Mapping[Key, Values]:
        if self._inverted is None:
            assert self._backward is not None
            self._inverted = self._backward()
        return self._inverted


def _bound(name: str, predicate: Key) -> str:
    """The named query with ``?p`` bound to ``predicate`` in a VALUES block, which the store
    plans with (a substitution it would plan as unknown, and scan every statement)."""
    return insert_values(sparql.text(name), ["p"], [(URIRef(predicate[1:-1]),)])
