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

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ssegraph.catalogue import Catalogue, query
    from ssegraph.graph import KnowledgeGraph
    from ssegraph.names import resolve, search

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
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'ssegraph' has no attribute {name!r}")


def _version() -> str:
    """The one version string, pyproject.toml's, read from the installed package's metadata
    when asked for (reading it costs every command a tenth of a second); a source tree put on
    the path without installing it has none to read."""
    from importlib import metadata

    try:
        return metadata.version("ssegraph")
    except metadata.PackageNotFoundError:
        return "unknown"
