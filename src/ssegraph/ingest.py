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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ssegraph.errors import BadParameter
from ssegraph.literals import as_stored, as_written, stored_form
from ssegraph.neighbourhood import statements_about
from ssegraph.safefile import read_regular, write_atomically
from ssegraph.turtle import turtle
from ssegraph.vocab import asserted

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

_FILE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


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
    """The part of ``batch`` that the graph does not hold yet.

    ``existing``: the graph's statements about the batch's subjects, when already read."""
    if existing is None:
        existing = statements_about(kg, batch.subjects())
    # The store keeps a typed literal by its value ("01"^^xsd:integer comes back as "1"): the
    # batch is compared in the store's forms, and what is new is kept as it was written.
    stored = as_stored(batch)
    new = Graph()
    for triple in batch:
        s, p, o = triple
        if isinstance(s, BNode):
            continue  # carried with the statement that holds the blank node
        if isinstance(o, BNode):
            molecule = _molecule(batch, triple)
            if not any(
                isomorphic(_molecule(stored, triple), _molecule(existing, old))
                for old in existing.triples((s, p, None))
                if isinstance(old[2], BNode)
            ):
                new += molecule
        elif (s, p, stored_form(o)) not in existing:
            new.add(triple)
    for root in {s for s in batch.subjects() if isinstance(s, BNode)}:
        # A blank node no IRI points to (an sse:Inference), new unless the graph holds its twin.
        if not _reachable(batch, root) and not _holds_blank(kg, _below(stored, root), root):
            new += _below(batch, root)
    return new


def _molecule(graph: Graph, triple: tuple) -> Graph:
    """A statement and everything its blank object holds, as one small graph."""
    molecule = _below(graph, triple[2])
    molecule.add(triple)
    return molecule


def _below(graph: Graph, node: object) -> Graph:
    """What a blank node states, and what its blank objects state, down to the last."""
    below = Graph()
    todo, seen = [node], set()
    while todo:
        node = todo.pop()
        if node in seen or not isinstance(node, BNode):  # blank nodes may form a cycle
            continue
        seen.add(node)
        for s, p, o in graph.triples((node, None, None)):
            below.add((s, p, o))
            todo.append(o)
    return below


def _holds_blank(kg: KnowledgeGraph, molecule: Graph, root: BNode) -> bool:
    """Whether the graph holds a blank node that no IRI points to, stating what ``root`` does."""
    anchor = next(
        (
            (p, o)
            for p, o in molecule.predicate_objects(root)
            if isinstance(p, URIRef) and isinstance(o, URIRef | Literal)
        ),
        None,
    )
    if anchor is None:
        return False
    # One CONSTRUCT: blank nodes keep their identity only within one answer.
    held = kg.construct(
        "CONSTRUCT { ?b ?p2 ?o2 . ?o2 ?p3 ?o3 } WHERE { "
        + asserted("?b ?p ?o FILTER isBlank(?b) FILTER NOT EXISTS { ?x ?y ?b }", 0)
        + " "
        + asserted("?b ?p2 ?o2", 1)
        + " OPTIONAL { "
        + asserted("?o2 ?p3 ?o3 FILTER isBlank(?o2)", 2)
        + " } }",
        {"p": anchor[0], "o": anchor[1]},
    )
    return any(
        isomorphic(molecule, _below(held, b))
        for b in {s for s in held.subjects() if isinstance(s, BNode)}
        if not _reachable(held, b)
    )


def _reachable(graph: Graph, node: BNode) -> bool:
    return any(True for _ in graph.subjects(None, node))


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
