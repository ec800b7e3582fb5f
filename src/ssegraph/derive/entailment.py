"""RDFS entailment of the ontology, materialised: the standard vocabulary answers by itself.

Only the two rules a triple store's "RDFS" profile is mostly asked for: a thing of a class is a
thing of its superclasses (rdfs9), a statement with a property holds with its super-properties
(rdfs7). Domains and ranges are left out on purpose: they would type every value of
``schema:location`` as a place, and the shapes check such things instead of inventing them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import URIRef

from ssegraph.derive.queries import text

if TYPE_CHECKING:
    from ssegraph.backends import Backend


def materialise(backend: Backend, graph: URIRef) -> None:
    """Add to ``graph`` the entailed statements the store does not state yet: by super-property,
    then by superclass (each asked once the previous ones are in, so none is entailed twice)."""
    backend.materialise(text("entailed-properties"), graph)
    backend.materialise(text("entailed-types"), graph)
