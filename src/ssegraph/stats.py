"""What the graph holds, counted: the figures behind ``ssegraph info``.

Every count is a SPARQL query through the KnowledgeGraph, so the figures mean the same on any
backend and a reader can rerun them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import URIRef

from ssegraph import sparql
from ssegraph.names import humanise
from ssegraph.vocab import short

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

# Each thing (a node under id:) counted once per most specific class, preferring sse: classes:
# a State typed sse:State, org:FormalOrganization and schema:Country counts as a State.
CLASSES = sparql.text("stats/classes")

SOURCES = sparql.text("stats/sources")

LANGUAGES = sparql.text("stats/languages")

GRAPHS = sparql.text("stats/graphs")


@dataclass(frozen=True)
class Count:
    """How many things one class, source or graph has."""

    node: URIRef
    label: str
    count: int


@dataclass(frozen=True)
class LanguageCount:
    """How many prefLabels and altLabels carry one language tag ("" for none)."""

    language: str
    preferred: int
    alternative: int


@dataclass(frozen=True)
class Statistics:
    """The counts shown by ``ssegraph info``."""

    statements: int
    graphs: list[Count]
    classes: list[Count]
    sources: list[Count]
    languages: list[LanguageCount]


def statistics(kg: KnowledgeGraph, lang: str = "en") -> Statistics:
    """Count statements, named graphs, things by class and by source, and labels by language."""
    return Statistics(
        statements=len(kg),
        graphs=[
            Count(URIRef(row["graph"]), short(row["graph"]), int(row["count"]))
            for row in kg.select(GRAPHS)
        ],
        classes=[
            Count(
                URIRef(row["class"]),
                str(row["classLabel"]) if row["classLabel"] else humanise(row["class"]),
                int(row["count"]),
            )
            for row in kg.select(CLASSES, {"lang": lang})
        ],
        sources=[
            Count(
                URIRef(row["source"]),
                str(row["sourceTitle"]) if row["sourceTitle"] else short(row["source"]),
                int(row["count"]),
            )
            for row in kg.select(SOURCES)
        ],
        languages=[
            LanguageCount(str(row["language"]), int(row["preferred"]), int(row["alternative"]))
            for row in kg.select(LANGUAGES)
        ],
    )
