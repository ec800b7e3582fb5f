"""The network's reads as rows of plain strings, the form every later step uses.

A million-triple graph answers a network's queries with millions of terms; turning each into an
rdflib term and then back into a string was half of a network's build. The embedded store is
read straight from pyoxigraph's terms (``.value``); any other backend goes through
``KnowledgeGraph.select`` (all a remote endpoint needs to offer) and its terms are made strings.
The texts are the package's own (``sparql/network/``): the guard's walk for what clients write
has nothing to find in them.

A store on disk answers each read once: its rows are kept beside it (``ssegraph.kept``, like
the statistics), named by the query's text, and read back by every later build until the store
changes. At 1M triples the reads take 15 s from the store and a second from the
kept rows; a kept file that cannot be read or written is passed over and the store asked.
"""

from __future__ import annotations

import hashlib

from ssegraph import sparql
from ssegraph.backends.embedded import EmbeddedBackend
from ssegraph.graph import KnowledgeGraph
from ssegraph.kept import kept

#: One solution: the value of each projected variable in order (an IRI, a literal's lexical
#: form), None where unbound.
Plain = tuple[str | None, ...]


def plain(kg: KnowledgeGraph, name: str) -> list[Plain]:
    """The rows of the network query ``name`` (``sparql/network/<name>.rq``), in the order of
    its projected variables; those kept beside the store if it has them."""
    text = sparql.text(f"network/{name}")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return kept(
        kg,
        f"network-{name}-{digest}.json",
        lambda: _asked(kg, text),
        lambda raw: [tuple(row) for row in raw],
        lambda rows: rows,
    )


def _asked(kg: KnowledgeGraph, text: str) -> list[Plain]:
    """The rows of ``text`` as the store or endpoint answers them."""
    backend = getattr(kg, "backend", None)
    if isinstance(backend, EmbeddedBackend):
        solutions = backend.store.query(
            text, prefixes=backend.prefixes, use_default_graph_as_union=True
        )
        width = len(solutions.variables)  # type: ignore[union-attr]
        return [
            tuple(None if (term := solution[i]) is None else term.value for i in range(width))
            for solution in solutions  # type: ignore[union-attr]
        ]
    return [  # a row's keys are the projected variables, in order
        tuple(None if term is None else str(term) for term in row.values())
        for row in kg.select(text)
    ]
