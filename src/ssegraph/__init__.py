"""ssegraph: a knowledge graph of the international Social and Solidarity Economy.

The public API::

    from ssegraph import KnowledgeGraph, Catalogue, resolve, search

    kg = KnowledgeGraph.load()                # the project's ontology and data, one graph per file
    ilo = resolve(kg, "OIT")                  # any name or acronym, any language -> one IRI
    kg.select("SELECT ?m WHERE { ?m org:organization ?g }", {"g": ilo})
    Catalogue.load().run(kg, "members-as-of", group="GPIESS", date="2014-09-17")

Names are imported on first use, so ``import ssegraph`` (and ``ssegraph --help``) stays quick.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ssegraph.catalogue import Catalogue
    from ssegraph.graph import KnowledgeGraph
    from ssegraph.names import resolve, search

__version__ = "0.1.0"
__all__ = ["Catalogue", "KnowledgeGraph", "resolve", "search"]

_HOMES = {
    "Catalogue": "ssegraph.catalogue",
    "KnowledgeGraph": "ssegraph.graph",
    "resolve": "ssegraph.names",
    "search": "ssegraph.names",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'ssegraph' has no attribute {name!r}")
