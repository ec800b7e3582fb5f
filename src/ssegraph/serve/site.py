"""What the pages read: the graph, its catalogue and the query pool, with the few figures
that are costly to compute and never change while the server runs (it serves a read-only
graph), computed once."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from ssegraph.catalogue import Catalogue
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import index
from ssegraph.serve.ontology import Ontology, read_ontology
from ssegraph.serve.pool import QueryPool
from ssegraph.stats import Statistics, statistics
from ssegraph.vocab import short

TITLES = "SELECT ?node ?title WHERE { ?node dcterms:title ?title FILTER(isIRI(?node)) }"


@dataclass(frozen=True)
class Settings:
    """What the operator chooses on ``ssegraph serve``."""

    timeout: float = 10.0  # seconds a client's query may run
    max_results: int = 10_000  # solutions or triples a client's query may return
    workers: int = 2  # query worker processes


@dataclass
class Site:
    """The graph being served and what its pages need."""

    kg: KnowledgeGraph
    catalogue: Catalogue
    pool: QueryPool
    settings: Settings
    _statistics: dict[str, Statistics] = field(default_factory=dict)
    _ontology: Ontology | None = None
    _titles: dict[URIRef, dict[str, str]] | None = None

    def statistics(self, lang: str) -> Statistics:
        if lang not in self._statistics:
            self._statistics[lang] = statistics(self.kg, lang)
        return self._statistics[lang]

    def ontology(self) -> Ontology:
        if self._ontology is None:
            self._ontology = read_ontology(self.kg)
        return self._ontology

    def name(self, node: URIRef, lang: str) -> str:
        """What to call a node: its label, else its title (a source), else its short IRI."""
        names = index(self.kg)
        if node in names.by_node:
            return names.display(node, lang)
        if self._titles is None:
            titles: dict[URIRef, dict[str, str]] = {}
            for row in self.kg.select(TITLES):
                language = getattr(row["title"], "language", None) or ""
                titles.setdefault(URIRef(row["node"]), {})[language] = str(row["title"])
            self._titles = titles
        found = self._titles.get(node)
        if not found:
            return short(node)
        return found.get(lang) or next(iter(found.values()))
