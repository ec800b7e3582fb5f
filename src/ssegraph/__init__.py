"""ssegraph: a knowledge graph of the international Social and Solidarity Economy.

The public API::

    from ssegraph import KnowledgeGraph, query, resolve, search

    kg = KnowledgeGraph.load()                # the project's ontology and data, one graph per file
    ilo = resolve(kg, "OIT")                  # any name or acronym, any language -> one IRI
    kg.select("SELECT ?m WHERE { ?m org:organization ?g }", {"g": ilo})
    query(kg, "members-as-of", group="GPIESS", date="2014-09-17")   # a catalogue query

Names are imported on first use, so ``import ssegraph`` (and ``ssegraph --help``) stays quick.
"""

from __future__ import annotations

from importlib import import_module, metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ssegraph.catalogue import Catalogue, query
    from ssegraph.graph import KnowledgeGraph
    from ssegraph.names import resolve, search

#: The one version string is pyproject.toml's, read from the installed package's metadata
#: (a source tree put on the path without installing it has none to read).
try:
    __version__ = metadata.version("ssegraph")
except metadata.PackageNotFoundError:
    __version__ = "unknown"
__all__ = ["Catalogue", "KnowledgeGraph", "query", "resolve", "search"]

_HOMES = {
    "Catalogue": "ssegraph.catalogue",
    "KnowledgeGraph": "ssegraph.graph",
    "query": "ssegraph.catalogue",
    "resolve": "ssegraph.names",
    "search": "ssegraph.names",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'ssegraph' has no attribute {name!r}")
