"""Literals checked against their XSD datatype before SHACL sees them, and kept as written.

pySHACL (through rdflib) fails with a Python error on an ill-formed typed literal
(``"2021-02-30"^^xsd:date``), and rdflib's own ``Literal.ill_typed`` lets
``"2019-13"^^xsd:gYearMonth`` through. Each literal of a batch or of the data is checked here
with the lexical rules of XSD 1.1 for the datatypes the graph uses (dates at their precisions,
date-times, numbers, booleans); an ill-formed one becomes a violation naming its node, property
and value, and is left out of what pySHACL is given.

rdflib also rewrites literals when it parses them (``"01"^^xsd:integer`` becomes ``"1"``,
``"1"^^xsd:boolean`` becomes ``"true"``) unless ``rdflib.NORMALIZE_LITERALS`` is off:
``as_written`` turns it off for the stewards' commands, so that ``add`` writes what it was given.
"""

from __future__ import annotations

import calendar
import logging
import re
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

import rdflib
from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

# rdflib logs a traceback (and warns) for every literal it cannot convert: the check below
# reports them, once, as violations.
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
warnings.filterwarnings("ignore", category=UserWarning, module="rdflib.term")

_TZ = r"(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)?"
_YEAR = r"-?([1-9][0-9]{3,}|0[0-9]{3})"
_DATE = re.compile(rf"(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01]){_TZ}")
_DATETIME = re.compile(
    rf"(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])"
    rf"T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?){_TZ}"
)
_PATTERNS: dict[str, re.Pattern[str]] = {
    "gYear": re.compile(rf"{_YEAR}{_TZ}"),
    "gYearMonth": re.compile(rf"{_YEAR}-(0[1-9]|1[0-2]){_TZ}"),
    "gMonthDay": re.compile(rf"--(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01]){_TZ}"),
    "gMonth": re.compile(rf"--(0[1-9]|1[0-2]){_TZ}"),
    "gDay": re.compile(rf"---(0[1-9]|[12][0-9]|3[01]){_TZ}"),
    "time": re.compile(
        rf"(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?){_TZ}"
    ),
    "integer": re.compile(r"[+-]?[0-9]+"),
    "decimal": re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"),
    "double": re.compile(r"([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN)"),
    "boolean": re.compile(r"true|false|1|0"),
    "duration": re.compile(
        r"-?P(?=[0-9T])([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?"
        r"([0-9]+(\.[0-9]+)?S)?)?"
    ),
}
_PATTERNS["float"] = _PATTERNS["double"]
_INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 255),
}
_XSD = str(XSD)


def _day_exists(match: re.Match[str], year: int | None) -> bool:
    month, day = int(match["m"]), int(match["d"])
    if month == 2 and day == 29:
        return year is None or calendar.isleap(year)
    return day <= calendar.monthrange(2001, month)[1]


def _dated(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    def check(text: str) -> bool:
        match = pattern.fullmatch(text)
        return match is not None and _day_exists(match, int(match["y"]))

    return check


def _month_day(text: str) -> bool:
    match = _PATTERNS["gMonthDay"].fullmatch(text)
    return match is not None and _day_exists(match, None)


def _integer(name: str) -> Callable[[str], bool]:
    low, high = _INTEGER_RANGES[name]

    def check(text: str) -> bool:
        if not _PATTERNS["integer"].fullmatch(text):
            return False
        value = int(text)
        return (low is None or value >= low) and (high is None or value <= high)

    return check


#: XSD local name -> whether a lexical form (whitespace already collapsed) is well formed.
CHECKS: dict[str, Callable[[str], bool]] = {
    "date": _dated(_DATE),
    "dateTime": _dated(_DATETIME),
    "gMonthDay": _month_day,
    **{name: _integer(name) for name in _INTEGER_RANGES},
    **{
        name: pattern.fullmatch  # type: ignore[misc]
        for name, pattern in _PATTERNS.items()
        if name not in ("gMonthDay", "integer")
    },
}
_KIND = {
    "date": "a date (YYYY-MM-DD) that exists",
    "dateTime": "a date and time (YYYY-MM-DDThh:mm:ss) that exists",
    "gYear": "a year (YYYY)",
    "gYearMonth": "a year and month (YYYY-MM)",
    "gMonthDay": "a month and day (--MM-DD) that exists",
    "boolean": "true, false, 1 or 0",
    "decimal": "a decimal number",
    "double": "a number",
    "float": "a number",
}


def ill_formed(literal: Literal) -> str | None:
    """Why ``literal`` is not a value of its XSD datatype, or None when it is (or not XSD)."""
    datatype = literal.datatype
    if datatype is None or not str(datatype).startswith(_XSD):
        return None
    name = str(datatype)[len(_XSD) :]
    check = CHECKS.get(name)
    if check is None:
        return None
    if check(str(literal).strip(" \t\r\n")):
        return None
    kind = _KIND.get(name, "an integer" if name in _INTEGER_RANGES else f"an xsd:{name}")
    return f"{str(literal)[:80]!r} is not a valid xsd:{name}: it must be {kind}"


@contextmanager
def as_written() -> Iterator[None]:
    """rdflib keeps every literal's lexical form as written while this lasts."""
    before = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = before


def stored_form(term: Node) -> Node:
    """The term as the store gives it back: a typed literal by its canonical value
    (``"01"^^xsd:integer`` -> ``"1"``, ``"1"^^xsd:boolean`` -> ``"true"``), anything else as is."""
    if not isinstance(term, Literal) or term.datatype is None or ill_formed(term):
        return term
    return _stored(str(term), str(term.datatype))


@lru_cache(maxsize=65536)
def _stored(lexical: str, datatype: str) -> Node:
    with as_written():
        literal = Literal(lexical, datatype=datatype)
    [stored] = stored_forms([literal])
    return stored


def stored_forms(literals: Sequence[Literal]) -> list[Node]:
    """The literals as the store gives them back, in their order, all put through one store
    (a store for each costs more, and a batch has thousands)."""
    import pyoxigraph as ox

    from ssegraph.backends.embedded import to_oxigraph, to_rdflib

    store = ox.Store()
    predicate = ox.NamedNode("urn:ssegraph:stored")
    store.bulk_extend(
        ox.Quad(ox.NamedNode(f"urn:ssegraph:{n}"), predicate, to_oxigraph(literal))
        for n, literal in enumerate(literals)
    )
    found: list[Node] = list(literals)
    with as_written():
        for quad in store:
            found[int(quad.subject.value.rsplit(":", 1)[1])] = to_rdflib(quad.object)
    return found
