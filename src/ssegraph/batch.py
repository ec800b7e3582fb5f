"""A steward's batch: the files given to ``validate`` and ``add``, read into one rdflib graph.

RDF files are parsed with pyoxigraph, whose errors carry the line and column; CSV files made
from ``ssegraph template`` are mapped to triples by ``ssegraph.tabular``. Every way a file can be
unusable (missing, empty, binary, not the syntax its name says) becomes an ``UnreadableInput``
naming the file and, where known, the position.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph

from ssegraph.backends.embedded import to_rdflib
from ssegraph.errors import UnreadableInput

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


def read_batch(kg: KnowledgeGraph, paths: Sequence[Path]) -> Graph:
    """All triples of the given files (graph names in TriG/N-Quads are dropped)."""
    from ssegraph.tabular import read_csv

    batch = Graph()
    for path in paths:
        data = _read_bytes(path)
        if path.suffix.lower() == CSV_SUFFIX:
            batch += read_csv(kg, path, _decode(path, data))
        else:
            batch += parse_rdf(path, data)
    return batch


def parse_rdf(path: Path, data: bytes) -> Graph:
    """The triples of one RDF file, in the syntax its suffix names."""
    rdf_format = RDF_SUFFIXES.get(path.suffix.lower())
    if rdf_format is None:
        known = ", ".join([*RDF_SUFFIXES, CSV_SUFFIX])
        raise UnreadableInput(f"{path}: unknown file type {path.suffix!r} (known: {known})")
    _decode(path, data)  # a binary file is reported as such, not as a syntax error at 1:1
    graph = Graph()
    try:
        for quad in ox.parse(data, format=rdf_format):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    except SyntaxError as error:
        where = "".join(f":{n}" for n in (error.lineno, error.offset) if n)
        raise UnreadableInput(f"{path}{where}: invalid {rdf_format.name}: {error.msg}") from None
    if not graph:
        raise UnreadableInput(f"{path}: holds no triples")
    return graph


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnreadableInput(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot be read ({error.strerror})") from None
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
