"""What the graph holds, counted: the figures behind ``ssegraph info``.

Every count is a SPARQL query through the KnowledgeGraph, so the figures mean the same on any
backend and a reader can rerun them by hand. On a store kept on disk the figures are kept
beside it (one JSON file per language), since they read the whole graph: minutes at 1M triples.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from ssegraph import sparql
from ssegraph.kept import kept
from ssegraph.names import humanise
from ssegraph.vocab import SSE, short

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

# Each thing (a node under id:) counted once per most specific class, preferring sse: classes:
# a State typed sse:State, org:FormalOrganization and schema:Country counts as a State.
CLASS_SETS = sparql.text("stats/class-sets")
CLASS_HIERARCHY = sparql.text("stats/class-hierarchy")
CLASS_LABELS = sparql.text("stats/class-labels")
COVERAGE = sparql.text("stats/coverage")

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
class Coverage:
    """What the graph covers: the first and last day of its events and outcomes (ISO dates,
    None for a graph without dated ones), its sources and how many are web pages."""

    earliest: str | None
    latest: str | None
    sources: int
    pages: int


@dataclass(frozen=True)
class Statistics:
    """The counts shown by ``ssegraph info``."""

    statements: int
    graphs: list[Count]
    classes: list[Count]
    sources: list[Count]
    languages: list[LanguageCount]
    coverage: Coverage


def statistics(kg: KnowledgeGraph, lang: str = "en") -> Statistics:
    """Count statements, named graphs, things by class and by source, and labels by language."""
    return kept(kg, f"statistics-{lang}.json", lambda: _count(kg, lang), _from_json, asdict)


def _count(kg: KnowledgeGraph, lang: str) -> Statistics:
    return Statistics(
        statements=len(kg),
        graphs=[
            Count(URIRef(row["graph"]), short(row["graph"]), int(row["count"]))
            for row in kg.select(GRAPHS)
        ],
        classes=_classes(kg, lang),
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
        coverage=_coverage(kg),
    )


def _coverage(kg: KnowledgeGraph) -> Coverage:
    row = kg.select(COVERAGE)[0]
    earliest, latest = row["earliest"], row["latest"]
    return Coverage(
        None if earliest is None else str(earliest),
        None if latest is None else str(latest),
        int(row["sources"]),
        int(row["pages"]),
    )


def _classes(kg: KnowledgeGraph, lang: str) -> list[Count]:
    """Things by most specific class, from the few distinct sets of types things carry.

    One pass over the types (``class-sets``) instead of a NOT EXISTS with a property path per
    typed node, which took 145 s on the 1M-triple store; the ontology's hierarchy is small.
    """
    broader: dict[str, set[str]] = {}
    for row in kg.select(CLASS_HIERARCHY):
        broader.setdefault(str(row["class"]), set()).add(str(row["broader"]))
    counts: dict[str, int] = {}
    for row in kg.select(CLASS_SETS):
        if row["classes"] is None:
            continue
        for cls in _most_specific(set(str(row["classes"]).split()), broader):
            counts[cls] = counts.get(cls, 0) + int(row["count"])
    rows = kg.select(CLASS_LABELS, {"lang": lang})
    labels = {str(row["class"]): str(row["classLabel"]) for row in rows}
    return [
        Count(URIRef(cls), labels.get(cls) or humanise(cls), count)
        for cls, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def _most_specific(types: set[str], broader: dict[str, set[str]]) -> set[str]:
    """The types no other type is narrower than, keeping only sse: ones if there are any."""
    wider = set().union(*(broader.get(t, set()) for t in types))
    specific = types - wider
    if any(t.startswith(str(SSE)) for t in types):
        specific = {t for t in specific if t.startswith(str(SSE))}
    return specific


def _from_json(raw: dict[str, Any]) -> Statistics:
    def counts(key: str) -> list[Count]:
        return [Count(URIRef(c["node"]), c["label"], int(c["count"])) for c in raw[key]]

    return Statistics(
        statements=int(raw["statements"]),
        graphs=counts("graphs"),
        classes=counts("classes"),
        sources=counts("sources"),
        languages=[LanguageCount(**x) for x in raw["languages"]],
        coverage=Coverage(**raw["coverage"]),
    )
