"""The graph a steward's batch is read into, and where each of its nodes came from.

Apart from ``ssegraph.batch`` (which reads files into it) so that ``ssegraph.tabular``, which
maps CSV rows into it, and ``batch``, which calls ``tabular`` for a sheet, do not import each
other.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node


class Batch(Graph):
    """The triples of a steward's files, and the CSV row each node read from a sheet comes from
    (``origins``: node -> ``sheet.csv row 3``), so that findings can name the row.

    A batch is one graph with no named graphs: it is held in rdflib's ``SimpleMemory`` store,
    which adds and reads a triple without the per-context bookkeeping of the default store (a
    quarter to a half faster; a sheet of 100,000 rows is half a million triples)."""

    def __init__(self) -> None:
        super().__init__(store=SimpleMemory())
        self.origins: dict[Node, str] = {}

    def merge(self, other: Graph) -> None:
        self += other
        for node, origin in getattr(other, "origins", {}).items():
            self.origins.setdefault(node, origin)
