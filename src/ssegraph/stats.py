"""What the graph holds, counted: the figures behind ``ssegraph info``.

Every count is a SPARQL query through the KnowledgeGraph, so the figures mean the same on any
backend and a reader can rerun them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import URIRef

from ssegraph.names import humanise
from ssegraph.vocab import short

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

# Each thing (a node under id:) counted once per most specific class, preferring sse: classes:
# a State typed sse:State, org:FormalOrganization and schema:Country counts as a State.
CLASSES = """
SELECT ?class (SAMPLE(?label) AS ?classLabel) (COUNT(DISTINCT ?thing) AS ?count) WHERE {
  ?thing a ?class .
  FILTER(STRSTARTS(STR(?thing), STR(id:)))
  FILTER NOT EXISTS { ?thing a ?narrower . ?narrower rdfs:subClassOf+ ?class . }
  FILTER(STRSTARTS(STR(?class), STR(sse:))
         || NOT EXISTS { ?thing a ?own . FILTER(STRSTARTS(STR(?own), STR(sse:))) })
  OPTIONAL { ?class rdfs:label ?label FILTER(LANG(?label) = ?lang) }
}
GROUP BY ?class
ORDER BY DESC(?count) ?class
"""

SOURCES = """
SELECT ?source (SAMPLE(?title) AS ?sourceTitle) (COUNT(DISTINCT ?thing) AS ?count) WHERE {
  ?thing prov:wasDerivedFrom ?source .
  OPTIONAL { ?source dcterms:title ?title }
}
GROUP BY ?source
ORDER BY DESC(?count) ?source
"""

LANGUAGES = """
SELECT ?language (SUM(IF(?property = skos:prefLabel, 1, 0)) AS ?preferred)
       (SUM(IF(?property = skos:altLabel, 1, 0)) AS ?alternative) WHERE {
  VALUES ?property { skos:prefLabel skos:altLabel }
  ?thing ?property ?label .
  BIND(LANG(?label) AS ?language)
}
GROUP BY ?language
ORDER BY DESC(?preferred) ?language
"""

GRAPHS = """
SELECT ?graph (COUNT(*) AS ?count) WHERE { GRAPH ?graph { ?s ?p ?o } }
GROUP BY ?graph
ORDER BY ?graph
"""


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
