"""What a query may ask of the store before any engine sees it: no request to another endpoint
(SPARQL ``SERVICE``) unless the operator allows that endpoint, and no nesting deep enough to
overflow the parser's stack.

``check_query`` walks the query's tokens as Oxigraph's parser reads them, skipping strings,
IRIs, comments, variables and the local part of prefixed names, so that a ``SERVICE`` written
inside a literal or an IRI is data, not a call. The walk copies three habits of that parser
(tested against it with a local listener): its keywords need no space after them
(``SERVICE<http://...>``, ``SERVICE:x``, ``SERVICEex:x``), nor before them after a literal
(``?s ?p 1SERVICE <...>``), and ``<`` is an IRI or an operator depending on the grammar. Where
the two readings of a ``<`` would split the rest of the text differently (an IRI holding ``#``
or ``'``, or ``<<``), both are walked and either finding counts: the check may refuse a rare
valid query, never let a call through. A word that contains ``service`` anywhere (outside
names) reads as the keyword.

Oxigraph's parser and optimiser recurse, and a query nested a few thousand levels deep (or
chaining a few thousand clauses or operators) overflows the stack and kills the process: depth
and the number of clauses and operators are bounded far below that.

Most queries are let through without the walk (``_plainly_safe``): a short text with no
``service`` anywhere in it, and fewer brackets and operator characters in all of it than the
limits, so no reading of it can call an endpoint or go past them. (A long text is walked: the
walk skips a long literal in one match, where counting would read every character.)
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import NoReturn

from ssegraph.errors import QueryError

MAX_DEPTH = 100  # brackets open at once; Oxigraph overflows an 8 MiB stack near 800
MAX_OPERATORS = 1_000  # clauses and operators in one query; Oxigraph overflows near 2,600

# SPARQL 1.1 grammar, terminals [164]-[173].
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_U = _BASE + "_"
_CHARS = _U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = f"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"


@dataclass(frozen=True)
class _Patterns:
    """The walk's terminals, compiled on the first walk: most queries never need them (the
    quick count passes them), and compiling the grammar's Unicode classes costs every command
    a twentieth of a second."""

    space: re.Pattern[str]
    long: dict[str, re.Pattern[str]]
    short: dict[str, re.Pattern[str]]
    iri: re.Pattern[str]
    named: dict[str, re.Pattern[str]]
    prefixed: re.Pattern[str]
    word: re.Pattern[str]
    operator: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    iri_chars = r"[^\x00-\x20<>\"{}|^`\\]*"
    variable = re.compile(f"[?$][{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*")
    return _Patterns(
        space=re.compile(r"[ \t\r\n]*"),
        long={
            "'": re.compile(r"'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''", re.S),
            '"': re.compile(r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""', re.S),
        },
        short={
            "'": re.compile(r"'[^'\\\r\n]*(?:\\.[^'\\\r\n]*)*'"),
            '"': re.compile(r'"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*"'),
        },
        iri=re.compile(
            f"<({iri_chars}(?:(?:\\\\u[0-9A-Fa-f]{{4}}|\\\\U[0-9A-Fa-f]{{8}}){iri_chars})*)>"
        ),
        named={
            "?": variable,
            "$": variable,
            "_": re.compile(f"_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
            "@": re.compile(r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
        },
        prefixed=re.compile(f"({_PREFIX})?:(?:{_LOCAL})?"),
        word=re.compile(r"\w+"),
        operator=re.compile(r"\|\||&&|!=|<=|>=|\^\^|[=<>+\-*/|^]"),
    )


_CLAUSES = {"union", "optional", "minus", "bind", "filter", "exists", "graph", "lateral"}
_OPENINGS = ("(", "[", "{", "<<")
_OPERATOR_CHARS = "|&!=<>+-*/^"
_OPEN, _CLOSE = "{([", "})]"

# What the walk expects next: anything, the endpoint after SERVICE, or a `{` that would make
# a prefixed name such as `SERVICEex:x` a SERVICE call.
_ANY, _ENDPOINT, _BRACE = 0, 1, 2


@dataclass(frozen=True)
class _Reading:
    depth: int
    operators: int
    expecting: int
    word: str  # the SERVICE text a reading holds when it expects an endpoint or a brace


def check_query(
    text: str,
    allowed_services: Collection[str] = (),
    *,
    max_depth: int = MAX_DEPTH,
    max_operators: int = MAX_OPERATORS,
) -> None:
    """Refuse (``QueryError``) a query that calls an endpoint not in ``allowed_services``
    (their exact IRIs) or that nests or chains past the limits. Nothing is parsed or run."""
    if _plainly_safe(text, max_depth, max_operators):
        return
    _Walk(text, frozenset(allowed_services), max_depth, max_operators).run()


def _plainly_safe(text: str, max_depth: int, max_operators: int) -> bool:
    """Whether every reading of ``text`` passes, by counting over the whole text: a reading
    opens a level only at a bracket or ``<<`` and counts an operator or clause only at an
    operator character or a clause keyword, each of which these counts include, and only a
    ``service`` can make it refuse an endpoint."""
    folded = text.casefold()
    if "service" in folded:
        return False
    # Counted with str.count, a character or keyword at a time (a regular expression tried at
    # every position took 9 s on a 16 MiB literal): never fewer than the walk could count.
    if sum(text.count(opening) for opening in _OPENINGS) > max_depth:
        return False
    clauses = sum(folded.count(keyword) for keyword in _CLAUSES)
    return sum(text.count(char) for char in _OPERATOR_CHARS) + clauses <= max_operators


class _Walk:
    def __init__(self, text: str, allowed: frozenset[str], depth: int, operators: int) -> None:
        self.text, self.allowed = text, allowed
        self.max_depth, self.max_operators = depth, operators
        # (position, expecting) -> the deepest reading that reached it
        self.readings: dict[tuple[int, int], _Reading] = {}
        self.queue: list[tuple[int, int]] = []
        self.line_ends: list[int] | None = None
        self.patterns = _patterns()

    def _line_end(self, position: int) -> int:
        if self.line_ends is None:
            self.line_ends = [m.start() for m in re.finditer(r"[\r\n]", self.text)]
        found = bisect.bisect_left(self.line_ends, position)
        return self.line_ends[found] if found < len(self.line_ends) else len(self.text)

    def run(self) -> None:
        self._reach(0, _Reading(0, 0, _ANY, ""))
        while self.queue:
            position, expecting = heapq.heappop(self.queue)
            reading = self.readings.pop((position, expecting))
            self._step(position, reading)

    def _reach(self, position: int, reading: _Reading) -> None:
        if reading.depth > self.max_depth:
            raise QueryError(
                "SPARQL", f"the query nests deeper than {self.max_depth} levels: simplify it"
            )
        if reading.operators > self.max_operators:
            raise QueryError(
                "SPARQL",
                f"the query holds more than {self.max_operators} clauses and operators: "
                "split it into smaller queries",
            )
        key = (position, reading.expecting)
        held = self.readings.get(key)
        if held is None:
            self.readings[key] = reading
            heapq.heappush(self.queue, key)
        else:
            self.readings[key] = _Reading(
                max(held.depth, reading.depth),
                max(held.operators, reading.operators),
                reading.expecting,
                held.word or reading.word,
            )

    def _step(self, position: int, reading: _Reading) -> None:
        """Read the token at ``position`` and reach what follows it, in every reading."""
        text = self.text
        position = self.patterns.space.match(text, position).end()  # type: ignore[union-attr]
        if position >= len(text):
            if reading.expecting != _ANY:
                self._refuse(reading.word)
            return
        char = text[position]
        if char == "#":  # to the end of the line, found without rescanning a long line
            self._reach(self._line_end(position), reading)
            return
        if char in "'\"":
            long, short = self.patterns.long[char], self.patterns.short[char]
            found = long.match(text, position) or short.match(text, position)
            self._token(position, found.end() if found else position + 1, reading)
            return
        if char == "<":
            self._angle(position, reading)
            return
        pattern = self.patterns.named.get(char)
        if pattern is not None and (found := pattern.match(text, position)):
            self._token(position, found.end(), reading)
            return
        if found := self.patterns.prefixed.match(text, position):
            prefix = found.group(1) or ""
            if reading.expecting == _ANY and "service" in prefix.casefold():
                self._reach(found.end(), _Reading(reading.depth, reading.operators, _BRACE, prefix))
            else:
                self._token(position, found.end(), reading)
            return
        if found := self.patterns.word.match(text, position):
            self._word(found.group(), found.end(), reading)
            return
        if char == "\\":  # only ever part of a name's escape: it and the next are one
            self._token(position, position + 2, reading)
            return
        self._punctuation(position, char, reading)

    def _word(self, word: str, end: int, reading: _Reading) -> None:
        folded = word.casefold()
        if reading.expecting == _ENDPOINT and folded == "silent":
            self._reach(end, reading)
            return
        if reading.expecting == _ANY and folded == "service":
            operators = reading.operators + 1
            self._reach(end, _Reading(reading.depth, operators, _ENDPOINT, word))
            return
        if "service" in folded:  # SERVICESILENT, 1SERVICE, trueSERVICE: the keyword, glued
            self._refuse(word)
        operators = reading.operators + (folded in _CLAUSES)
        self._token(
            end - len(word),
            end,
            _Reading(reading.depth, operators, reading.expecting, reading.word),
        )

    def _angle(self, position: int, reading: _Reading) -> None:
        """``<``: an IRI, ``<<`` (a triple term), or an operator; every reading that can differ."""
        text = self.text
        if reading.expecting == _ENDPOINT:  # the grammar wants an IRI here, nothing else
            found = self.patterns.iri.match(text, position)
            if found is None or found.group(1) not in self.allowed:
                self._refuse(reading.word, found.group() if found else "")
            self._reach(found.end(), _Reading(reading.depth, reading.operators, _ANY, ""))
            return
        if text.startswith("<<", position):
            self._token(position, position + 1, _Reading(*_more(reading, 0, 1)))  # `<` then `<...>`
            self._token(position, position + 2, _Reading(*_more(reading, 1, 0)))  # `<<`
            return
        found = self.patterns.iri.match(text, position)
        if found is None:
            self._punctuation(position, "<", reading)
            return
        content = found.group(1)
        # Read as an operator, the IRI's text would be code: count the brackets it could open.
        opened = content.count("(") + content.count("[")
        self._token(position, found.end(), _Reading(*_more(reading, opened, 0)))
        if "#" in content or "'" in content:  # the operator reading splits the rest otherwise
            self._token(position, position + 1, _Reading(*_more(reading, 0, 1)))

    def _punctuation(self, position: int, char: str, reading: _Reading) -> None:
        if operator := self.patterns.operator.match(self.text, position):
            if operator.group() == ">" and self.text.startswith(">>", position):
                self._token(position, position + 2, _Reading(*_more(reading, -1, 0)))
                return
            counted = 0 if operator.group() == "^^" else 1
            self._token(position, operator.end(), _Reading(*_more(reading, 0, counted)))
            return
        change = 1 if char in _OPEN else -1 if char in _CLOSE else 0
        if char == "{" and reading.expecting == _BRACE:
            self._refuse(reading.word)
        self._token(position, position + 1, _Reading(*_more(reading, change, 0)))

    def _token(self, start: int, end: int, reading: _Reading) -> None:
        """Past a token that is not the endpoint of a SERVICE nor the brace after one."""
        if reading.expecting == _ENDPOINT:
            self._refuse(reading.word, self.text[start:end][:80])
        self._reach(end, _Reading(reading.depth, reading.operators, _ANY, ""))

    def _refuse(self, word: str, endpoint: str = "") -> NoReturn:
        called = f"{word} {endpoint}".strip()
        allowed = (
            f"only {', '.join(sorted(self.allowed))} may be called, by its full IRI"
            if self.allowed
            else "no endpoint is allowed (an operator allows one with --allow-service URL)"
        )
        raise QueryError(
            "SPARQL",
            f"{called!r} calls another endpoint (SERVICE), which is refused here: {allowed}",
        )


def _more(reading: _Reading, depth: int, operators: int) -> tuple[int, int, int, str]:
    return (
        max(reading.depth + depth, 0),
        reading.operators + operators,
        reading.expecting,
        reading.word,
    )
