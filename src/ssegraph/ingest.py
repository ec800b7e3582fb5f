"""Merging a validated batch into ``data/``: only what is new, written atomically.

The graph keeps each triple in one file (the embedded store counts a triple once per named
graph), so a batch is first reduced to the triples the graph does not hold yet, blank-node
structures (an interval and its instants) compared as wholes. The result is appended to one
Turtle file through ``safefile.write_atomically`` (the real file behind a symlink, its mode kept,
fsynced, one rename): an error or an interruption leaves every existing file byte for byte as it
was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.term import Node

from ssegraph import sparql
from ssegraph.errors import BadParameter
from ssegraph.literals import as_written, stored_form
from ssegraph.neighbourhood import statements_about
from ssegraph.safefile import read_regular, write_atomically
from ssegraph.turtle import turtle
from ssegraph.vocab import DERIVED

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

_FILE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
Triple = tuple[Node, Node, Node]


@dataclass
class Plan:
    """What ``add`` would do: the new triples and the file that receives them."""

    target: Path
    new: Graph
    text: str  # the Turtle appended (or written, for a new file)

    @property
    def creates_file(self) -> bool:
        return not self.target.exists()


def target_file(data_dir: Path, name: str | None, batch_files: Sequence[Path]) -> Path:
    """``data/<name>.ttl``: the name given, else the first batch file's name."""
    stem = name.removesuffix(".ttl") if name else batch_files[0].stem.lower()
    if not _FILE_NAME.fullmatch(stem):
        raise BadParameter(
            "--to", f"{stem!r} is not a file name for data/ (lower case, digits, hyphens)"
        )
    return data_dir / f"{stem}.ttl"


def new_triples(kg: KnowledgeGraph, batch: Graph, existing: Graph | None = None) -> Graph:
    """The part of ``batch`` that the graph does not hold yet (``batch`` itself when the graph
    holds none of it: a sheet of new rows is not copied).

    ``existing``: the graph's statements about the batch's subjects, when already read."""
    if existing is None:
        existing = statements_about(kg, batch.subjects())
    triples: list[Triple] = list(batch)
    new = new_among(kg, triples, existing)
    return batch if new is triples else _graph(new)


def new_among(kg: KnowledgeGraph, triples: list[Triple], existing: Graph) -> list[Triple]:
    """The triples the graph does not hold yet, in their order (``triples`` itself when it
    holds none). Both sides are read into Python sets; rdflib graphs are made only of the few
    blank-node structures compared as wholes."""
    held: set[Triple] = set(existing)
    if not any(isinstance(s, BNode) or isinstance(o, BNode) for s, _, o in triples):
        # No structure to compare as a whole: a triple is new unless the graph holds it, which
        # only a triple about a subject the graph speaks of can be.
        spoken_of = {s for s, _, _ in held}
        kept = [
            (s, p, o)
            for s, p, o in triples
            if s not in spoken_of or (s, p, stored_form(o)) not in held
        ]
        return triples if len(kept) == len(triples) else kept
    ours, theirs = _Blanks(triples), _Blanks(held)
    new: dict[Triple, None] = {}  # a set that keeps the batch's order
    for triple in triples:
        s, p, o = triple
        if isinstance(s, BNode):
            continue  # carried with the statement that holds the blank node
        if isinstance(o, BNode):
            molecule = [triple, *ours.below(o)]
            if not any(
                isomorphic(_graph(_stored(molecule)), _graph([(s, p, old), *theirs.below(old)]))
                for old in theirs.held_by.get((s, p), ())
            ):
                new.update(dict.fromkeys(molecule))
        elif (s, p, stored_form(o)) not in held:
            new[triple] = None
    for root in ours.stated.keys() - ours.objects:
        # A blank node no IRI points to (an sse:Inference), new unless the graph holds its twin.
        below = ours.below(root)
        if not _holds_blank(kg, _stored(below), root):
            new.update(dict.fromkeys(below))
    return triples if len(new) == len(triples) else list(new)


class _Blanks:
    """What each blank node of some triples states, and which statements hold blank nodes."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.stated: dict[Node, list[Triple]] = defaultdict(list)
        self.held_by: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
        self.objects: set[Node] = set()
        for triple in triples:
            s, p, o = triple
            if isinstance(s, BNode):
                self.stated[s].append(triple)
            if isinstance(o, BNode):
                self.held_by[s, p].append(o)
                self.objects.add(o)

    def below(self, node: Node) -> list[Triple]:
        """What a blank node states, and what its blank objects state, down to the last."""
        below: list[Triple] = []
        todo, seen = [node], set()
        while todo:
            node = todo.pop()
            if node in seen or not isinstance(node, BNode):  # blank nodes may form a cycle
                continue
            seen.add(node)
            for triple in self.stated.get(node, ()):
                below.append(triple)
                todo.append(triple[2])
        return below


def _stored(triples: Iterable[Triple]) -> list[Triple]:
    """The triples as the store gives them back (see ``literals.stored_form``)."""
    return [(s, p, stored_form(o)) for s, p, o in triples]


def _graph(triples: Iterable[Triple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _holds_blank(kg: KnowledgeGraph, molecule: list[Triple], root: Node) -> bool:
    """Whether the graph holds a blank node that no IRI points to, stating what ``root`` does."""
    anchor = next(
        (
            (p, o)
            for s, p, o in molecule
            if s == root and isinstance(p, URIRef) and isinstance(o, URIRef | Literal)
        ),
        None,
    )
    if anchor is None:
        return False
    held = _Blanks(
        kg.construct(
            sparql.text("ingest/unanchored-blanks"),
            {"p": anchor[0], "o": anchor[1], "derived": DERIVED},
        )
    )
    wanted = _graph(molecule)
    return any(isomorphic(wanted, _graph(held.below(b))) for b in held.stated.keys() - held.objects)


def plan(kg: KnowledgeGraph, batch: Graph, target: Path, sources: Sequence[Path]) -> Plan:
    """The triples to add and the Turtle text that adds them, every literal as written."""
    with as_written():
        new = new_triples(kg, batch)
    body = turtle(new) if new else ""
    names = ", ".join(p.name for p in sources)
    header = f"\n# Added by `ssegraph add` on {dt.date.today().isoformat()} from {names}.\n"
    return Plan(target, new, header + body if new else "")


def apply(plan: Plan) -> None:
    """Append the plan's Turtle to its file, atomically; check the result parses first."""
    before = read_regular(plan.target, limit=2**62) if plan.target.exists() else b""
    after = before + plan.text.encode("utf-8")
    # Never write a file the loader would reject; ox.parse is lazy: read it to the end.
    for _ in ox.parse(after, format=ox.RdfFormat.TURTLE):
        pass
    write_atomically(plan.target, after)
