"""Which format a client gets: its ``format`` parameter, else its Accept header (RFC 9110).

The formats come from the one format registry (``ssegraph.registry``): SPARQL results for SELECT
and ASK (``results``), RDF for CONSTRUCT, DESCRIBE and the description of a node (``export``),
and the two faces of a page (here); this module only says which a route offers, in which order.
"""

from __future__ import annotations

from collections.abc import Sequence

from ssegraph.export import JSONLD, NTRIPLES, TRIPLE_FORMATS, TURTLE
from ssegraph.registry import Format, Registry
from ssegraph.results import W3C_FORMATS

#: The two faces of a page, entries of the one format registry like every other format.
PAGE_FORMATS: Registry[Format] = Registry("page format", "format")
HTML = PAGE_FORMATS.register(
    Format("html", "text/html", "a page for a browser", media_aliases=("application/xhtml+xml",))
)
JSON = PAGE_FORMATS.register(Format("json", "application/json", "the page's data"))

# SPARQLWrapper sends format=json|xml|csv|tsv for results and turtle|json-ld|xml for graphs.
SOLUTIONS: tuple[Format, ...] = W3C_FORMATS
GRAPHS: tuple[Format, ...] = TRIPLE_FORMATS
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
                for media_type in candidate.media_types
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
