"""What the pages read: the graph, its catalogue and the query pool, with the few figures
that are costly to compute and never change while one graph is served (it is read-only),
computed once per graph: when the project's files change, ``serve.follow`` moves the server
to the new graph, figures and all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from ssegraph import sparql
from ssegraph.catalogue import Catalogue
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import index
from ssegraph.serve.examples import Example, examples
from ssegraph.serve.ontology import Ontology, read_ontology
from ssegraph.serve.pool import MIB, Limits, QueryPool
from ssegraph.stats import Statistics, statistics
from ssegraph.vocab import short

TITLES = sparql.text("serve/site-titles")


@dataclass(frozen=True)
class Settings:
    """What the operator chooses on ``ssegraph serve``."""

    timeout: float = 10.0  # seconds from a request's arrival to its answer (or a 503)
    max_results: int = 10_000  # solutions or triples a client's query may return
    max_bytes: int = 16 * MIB  # bytes an answer may take
    workers: int = 2  # ready query worker processes
    max_memory: int = 1024  # MiB a query worker may add to the server's size
    max_body: int = MIB  # bytes of a request body
    max_header: int = 64 * 1024  # bytes of a request line and headers
    per_client: int = 16  # queries one client address may have running or waiting
    max_slow: int = 8  # queries running past slow_after at once
    allow_service: tuple[str, ...] = ()  # endpoints a query may call with SERVICE
    cors_origins: tuple[str, ...] = ()  # origins whose pages may read answers ("*": any)
    follow: float = 2.0  # seconds between looks at the project's files (0: never look)

    def limits(self) -> Limits:
        return Limits(
            workers=self.workers,
            timeout=self.timeout,
            memory=self.max_memory * MIB,
            slow_after=min(0.25, self.timeout / 4),
            max_slow=self.max_slow,
            per_client=self.per_client,
        )


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
    _examples: dict[str, list[Example]] = field(default_factory=dict)

    def statistics(self, lang: str) -> Statistics:
        if lang not in self._statistics:
            self._statistics[lang] = statistics(self.kg, lang)
        return self._statistics[lang]

    def examples(self, lang: str) -> list[Example]:
        """The catalogue as the query page's ready examples (their defaults resolved once)."""
        if lang not in self._examples:
            self._examples[lang] = examples(self.kg, self.catalogue, lang)
        return self._examples[lang]

    def ontology(self) -> Ontology:
        if self._ontology is None:
            self._ontology = read_ontology(self.kg)
        return self._ontology

    def moved_to(self, kg: KnowledgeGraph, languages: Iterable[str]) -> Site:
        """This site over another graph (the project's files changed), its figures computed."""
        moved = Site(kg, self.catalogue, self.pool, self.settings)
        moved.warm(languages)
        return moved

    def adopt(self, moved: Site) -> None:
        """Serve what ``moved`` serves from now on (the pages hold this object)."""
        self.kg, self._statistics = moved.kg, moved._statistics
        self._examples = moved._examples
        self._ontology, self._titles = moved._ontology, moved._titles

    def warm(self, languages: Iterable[str]) -> None:
        """Compute what the pages read from the store now, before the workers fork: after
        this, the server's own process never queries the store (clients' work is in workers)."""
        for lang in languages:
            self.statistics(lang)
            self.examples(lang)
        self.ontology()
        index(self.kg)
        self._title_map()

    def _title_map(self) -> dict[URIRef, dict[str, str]]:
        if self._titles is None:
            titles: dict[URIRef, dict[str, str]] = {}
            for row in self.kg.select(TITLES):
                language = getattr(row["title"], "language", None) or ""
                titles.setdefault(URIRef(row["node"]), {})[language] = str(row["title"])
            self._titles = titles
        return self._titles

    def name(self, node: URIRef, lang: str) -> str:
        """What to call a node: its label, else its title (a source), else its short IRI."""
        names = index(self.kg)
        if node in names.by_node:
            return names.display(node, lang)
        found = self._title_map().get(node)
        if not found:
            return short(node)
        return found.get(lang) or next(iter(found.values()))
