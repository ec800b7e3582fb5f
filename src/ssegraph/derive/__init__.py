"""What the loaded store adds to the files: facts that follow from them, in graphs of their own.

Three derivations, each written once here and read by every consumer (the catalogue, networks,
``show``, the web pages, the Python API) through plain SPARQL:

- ``tenure``: when each membership, role or post is held (the rule of docs/model.md);
- ``timeline``: the first and last day each event and outcome may cover, at day precision;
- ``entailment``: the ``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` consequences of the
  ontology, so that ``?e a schema:Event`` or ``?e schema:performer ?p`` find everything.

Each lands in its own named graph under ``graph/derived/`` (``vocab.DERIVED``), never in a data
file: validation checks only what stewards wrote, and ``export --no-derived`` leaves them out.
They are computed over SPARQL, so ``push`` sends a server the same graphs the embedded store has,
except for statements about blank nodes (an instant of an interval): a server relabels every blank
node it is sent, so those could only be said of new, unrelated nodes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ssegraph.backends import without_blank_nodes
from ssegraph.derive import entailment, tenure, timeline
from ssegraph.vocab import DERIVED_GRAPHS

if TYPE_CHECKING:
    from ssegraph.backends import Backend, Triple

__all__ = ["derive"]


def derive(backend: Backend) -> None:
    """Compute every derived graph afresh (replacing what a server held from a previous push).

    Entailment comes last, so the periods and day bounds get their standard types too.
    """
    for graph in DERIVED_GRAPHS.values():
        backend.replace((), graph)
    backend.replace(_sendable(backend, tenure.triples(backend)), DERIVED_GRAPHS["tenure"])
    backend.replace(_sendable(backend, timeline.triples(backend)), DERIVED_GRAPHS["timeline"])
    entailment.materialise(backend, DERIVED_GRAPHS["entailment"])


def _sendable(backend: Backend, triples: Iterable[Triple]) -> Iterable[Triple]:
    """The triples a store can hold as meant: on a server, none that names a blank node."""
    return triples if backend.blank_nodes_persist else without_blank_nodes(triples)
