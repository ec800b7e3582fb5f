"""Dates at their precision: a day, a month or a year, and the days each one covers.

Sources give a day ("2016-10-20"^^xsd:date), a month ("2018-07"^^xsd:gYearMonth) or only a year
("2013"^^xsd:gYear). SPARQL cannot compare an ``xsd:gYear`` with an ``xsd:date``, so every
reasoning about time (who holds a seat on a day, which events fall in a year) turns a value into
the span of days it covers, and compares days. This is the one parser of such values in the
package: the date options of the command line, the catalogue's date parameters and the CSV
sheets' date cells read a day with ``parse_day``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache

from rdflib import Literal

#: The open sides of a span: a period that holds from a day on ends at FOREVER.
NEVER, FOREVER = dt.date.min, dt.date.max
_ONE_DAY = dt.timedelta(days=1)
Span = tuple[dt.date, dt.date]  # a closed interval of days

# A day, a month or a year, with an optional timezone (which does not move a day here).
_PARTIAL = re.compile(r"(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:Z|[+-]\d{2}:\d{2})?")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def span(value: object) -> Span | None:
    """The days a date, a month or a year covers ("2013" -> 2013-01-01..2013-12-31).

    None for no value, a value without a year (``xsd:gMonthDay``), or an impossible date.
    """
    found = _PARTIAL.fullmatch(str(value).strip()) if value is not None else None
    if found is None or found[1].startswith("-"):
        return None
    year = int(found[1])
    try:
        if found[2] and found[3]:
            day = dt.date(year, int(found[2]), int(found[3]))
            return day, day
        if found[2]:
            month = int(found[2])
            first = dt.date(year, month, 1)
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return first, following - _ONE_DAY
    except ValueError:
        return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def spans_in(value: object) -> list[Span]:
    """The spans of space-separated dates (a ``GROUP_CONCAT``), leaving out what is no date."""
    return [covered for part in str(value or "").split() if (covered := span(part))]


def first_days(value: object) -> tuple[dt.date, ...]:
    """The first day of each space-separated date, whatever its precision, sorted and distinct."""
    return tuple(sorted({first for first, _ in spans_in(value)}))


def parse_day(text: str) -> dt.date | None:
    """A day written as ``YYYY-MM-DD`` and nothing else, or None.

    ``date.fromisoformat`` alone also takes ``20200915`` and ``2020-W37-2``, which are no
    ``xsd:date``: the command line, the catalogue and the CSV sheets accept what SPARQL does.
    """
    text = text.strip()
    if not _DAY.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Overlapping or touching spans joined, in order (each distinct span sorted once: a
    network node's edges repeat the same few spans many times)."""
    merged: list[Span] = []
    for start, end in sorted(set(spans)):
        if merged and (merged[-1][1] == FOREVER or start <= merged[-1][1] + _ONE_DAY):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def intersect(a: tuple[Span, ...], b: tuple[Span, ...]) -> tuple[Span, ...]:
    """The days both sets of spans hold."""
    return merge(
        (max(s1, s2), min(e1, e2)) for s1, e1 in a for s2, e2 in b if max(s1, s2) <= min(e1, e2)
    )


@cache
def literal(day: dt.date) -> Literal:
    """A day as an ``xsd:date`` literal, made once per day (rdflib's literals are costly to make,
    and the derived graphs repeat the same few days many times)."""
    return Literal(day)


def iso(side: dt.date) -> str | None:
    """A side of a span as an ISO day, None where it is open."""
    return None if side in (NEVER, FOREVER) else side.isoformat()
