"""A steward's batch: the files given to ``validate`` and ``add``, read into one rdflib graph.

RDF files are parsed with pyoxigraph, whose errors carry the line and column; CSV files made
from ``ssegraph template`` are mapped to triples by ``ssegraph.tabular``. Every way a file can be
unusable (missing, empty, binary, not the syntax its name says) becomes an ``UnreadableInput``
naming the file and, where known, the position.

Input is bounded: only regular files (no FIFO, device or ``/dev/zero`` behind a symlink) of at
most ``--max-batch-size`` bytes, no RDF/XML DOCTYPE (entity expansion), no literal over a million
characters, no blank nodes nested over 64 deep. Literals keep their lexical form as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from ssegraph.backends.embedded import to_rdflib
from ssegraph.batch_graph import Batch
from ssegraph.errors import UnreadableInput
from ssegraph.literals import as_written
from ssegraph.safefile import MAX_BATCH_BYTES, read_regular

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

#: File suffix -> RDF syntax (CSV is handled apart).
RDF_SUFFIXES: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}
CSV_SUFFIX = ".csv"
#: The longest literal a batch may hold, in characters (a label, a title, a note: not a book).
MAX_LITERAL_CHARS = 1_000_000
#: How deep blank nodes may nest (an interval's instant is 2 deep).
MAX_BLANK_DEPTH = 64
# A DOCTYPE can declare entities that expand a few bytes into gigabytes ("billion laughs").
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def read_batch(
    kg: KnowledgeGraph, paths: Sequence[Path], max_bytes: int = MAX_BATCH_BYTES
) -> Batch:
    """All triples of the given files (graph names in TriG/N-Quads are dropped), every literal
    as written. Only regular files of at most ``max_bytes`` are read."""
    from ssegraph.tabular import read_csv

    batch = Batch()
    with as_written():
        for path in paths:
            data = _read_bytes(path, max_bytes)
            if path.suffix.lower() == CSV_SUFFIX:
                part = read_csv(kg, path, _decode(path, data), batch)
            else:
                part = parse_rdf(path, data)
            if batch:
                batch.merge(part)
            else:
                batch = part  # the first file's graph is the batch: not copied into another
    return batch


def parse_rdf(path: Path, data: bytes) -> Batch:
    """The triples of one RDF file, in the syntax its suffix names."""
    rdf_format = RDF_SUFFIXES.get(path.suffix.lower())
    if rdf_format is None:
        known = ", ".join([*RDF_SUFFIXES, CSV_SUFFIX])
        raise UnreadableInput(f"{path}: unknown file type {path.suffix!r} (known: {known})")
    _decode(path, data)  # a binary file is reported as such, not as a syntax error at 1:1
    if rdf_format == ox.RdfFormat.RDF_XML and _DOCTYPE.search(data):
        raise UnreadableInput(
            f"{path}: RDF/XML with a DOCTYPE or ENTITY declaration is not read (entities can "
            "expand without bound); write the IRIs out"
        )
    graph = Batch()
    try:
        with as_written():
            for quad in ox.parse(data, format=rdf_format):
                graph.add(
                    (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object))
                )
    except SyntaxError as error:
        where = "".join(f":{n}" for n in (error.lineno, error.offset) if n)
        raise UnreadableInput(f"{path}{where}: invalid {rdf_format.name}: {error.msg}") from None
    except MemoryError:  # the parser's own bound on one token (16 MiB)
        raise UnreadableInput(
            f"{path}: a literal or IRI over 16 MiB, which the parser does not hold (a literal "
            f"may have {MAX_LITERAL_CHARS:,} characters)"
        ) from None
    if not graph:
        raise UnreadableInput(f"{path}: holds no triples")
    check_bounds(path, graph)
    return graph


def check_bounds(path: Path, graph: Graph) -> None:
    """No literal over ``MAX_LITERAL_CHARS``, no blank nodes nested over ``MAX_BLANK_DEPTH``."""
    for s, p, o in graph:
        if isinstance(o, Literal) and len(o) > MAX_LITERAL_CHARS:
            raise UnreadableInput(
                f"{path}: a literal of {len(o):,} characters on {s.n3()} {p.n3()} (the limit "
                f"is {MAX_LITERAL_CHARS:,})"
            )
    depth: dict[Node, int] = {}
    for node in {o for o in graph.objects() if isinstance(o, BNode)}:
        if _depth(graph, node, depth) > MAX_BLANK_DEPTH:
            raise UnreadableInput(
                f"{path}: blank nodes nested over {MAX_BLANK_DEPTH} deep ([ [ [ ... ] ] ]); "
                "give the inner nodes IRIs"
            )


def _depth(graph: Graph, node: Node, memo: dict[Node, int]) -> int:
    """How many blank nodes hold ``node``, up to the first IRI (iteratively: no recursion)."""
    chain: list[Node] = []
    current: Node | None = node
    while isinstance(current, BNode) and current not in memo and current not in chain:
        chain.append(current)
        if len(chain) > MAX_BLANK_DEPTH + 1:
            break
        current = next(iter(graph.subjects(None, current)), None)
    base = memo.get(current, 0) if current is not None else 0
    for offset, held in enumerate(reversed(chain), start=1):
        memo[held] = base + offset
    return memo[node]


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    data = read_regular(path, max_bytes)
    if not data.strip():
        raise UnreadableInput(f"{path}: the file is empty")
    return data


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise UnreadableInput(f"{path}: a binary file, not text (RDF or CSV)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableInput(
            f"{path}: not UTF-8 text (byte {error.start}: {data[error.start]:#04x})"
        ) from None
