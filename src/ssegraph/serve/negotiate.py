"""Which format a client gets: its ``format`` parameter, else its Accept header (RFC 9110).

One registry of the formats the server speaks, by kind of answer: SPARQL results for SELECT and
ASK, RDF for CONSTRUCT, DESCRIBE and the description of a node, and the two faces of a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """A format: its name for the ``format`` parameter, its media type, and other spellings."""

    name: str
    media_type: str
    names: tuple[str, ...] = ()  # other values of the format parameter
    aliases: tuple[str, ...] = ()  # other media types that clients send for it

    def called(self, value: str) -> bool:
        value = value.strip().lower()
        return value in (self.name, self.media_type, *self.names, *self.aliases)


HTML = Format("html", "text/html", (), ("application/xhtml+xml",))
JSON = Format("json", "application/json")

# SPARQLWrapper sends format=json|xml|csv|tsv for results and turtle|json-ld|xml for graphs.
SOLUTIONS = (
    Format("json", "application/sparql-results+json", (), ("application/json",)),
    Format("xml", "application/sparql-results+xml", (), ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
TURTLE = Format("turtle", "text/turtle", ("ttl",), ("application/turtle", "application/x-turtle"))
NTRIPLES = Format("ntriples", "application/n-triples", ("nt", "n-triples"))
JSONLD = Format("jsonld", "application/ld+json", ("json-ld",))
GRAPHS = (
    TURTLE,
    NTRIPLES,
    JSONLD,
    Format("rdfxml", "application/rdf+xml", ("rdf", "rdf+xml", "xml"), ("application/xml",)),
)
PAGES = (HTML, JSON)
NODES = (HTML, TURTLE, JSONLD, NTRIPLES, JSON)


def preferences(header: str) -> list[tuple[str, float]]:
    """The values of an Accept or Accept-Language header with their weights, in order."""
    found = []
    for part in header.split(","):
        value, *parameters = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for parameter in parameters:
            key, _, number = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(number)
                except ValueError:
                    weight = 0.0
        if value:
            found.append((value.lower(), weight))
    return found


def choose(
    offered: Sequence[Format], accept: str | None, format_name: str | None = None
) -> Format | None:
    """The format to answer in, or None when the client accepts none of ``offered``.

    A ``format`` parameter wins over the header. Among the media ranges that match a format,
    the most specific one gives its weight (``text/csv`` over ``text/*`` over ``*/*``); the
    heaviest format wins, then the most specific match, then the first offered.
    """
    if format_name:
        return next((f for f in offered if f.called(format_name)), None)
    if not accept or not accept.strip():
        return offered[0]
    ranges = preferences(accept)
    best, best_key = None, (0.0, -1)
    for candidate in offered:
        specificity, weight = max(
            (
                _match(media_range, weight, media_type)
                for media_type in (candidate.media_type, *candidate.aliases)
                for media_range, weight in ranges
            ),
            default=(-1, 0.0),
        )
        if weight > 0 and (weight, specificity) > best_key:
            best, best_key = candidate, (weight, specificity)
    return best


def _match(media_range: str, weight: float, media_type: str) -> tuple[int, float]:
    """(specificity, weight) of a media range for a media type; (-1, 0) if it does not match."""
    if media_range == media_type:
        return 2, weight
    kind, _, sub = media_range.partition("/")
    if sub == "*" and (kind == "*" or media_type.startswith(kind + "/")):
        return (0 if kind == "*" else 1), weight
    return -1, 0.0
