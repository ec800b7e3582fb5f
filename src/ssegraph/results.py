"""What a SELECT or ASK query answers, and the one registry of the formats it is written in.

``Results`` keeps the variables in order (even when no row matches) and the rows as rdflib
terms, so the W3C formats lose nothing (IRI or literal, datatype, language); iterated, it gives
each row as a dict of plain Python values, so ``pandas.DataFrame(results)`` needs no extra work.

Like ``ssegraph.export`` and rdflib's plugin registry, a format is a name mapped to what writes
it; adding one is one ``register`` call. SPARQL 1.1 Query Results JSON, XML and CSV are written
by rdflib's own result serialisers; TSV (which rdflib does not write) and the rich table here.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

from rdflib import BNode, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from ssegraph.backends.projection import query_form
from ssegraph.cells import text
from ssegraph.errors import BadParameter
from ssegraph.registry import Registry
from ssegraph.spreadsheet import disarm, is_formula

if TYPE_CHECKING:
    from ssegraph.graph import BindingValue, KnowledgeGraph

Term = Identifier | None


def plain(term: Term) -> object:
    """A term as a plain Python value: IRI -> str, typed literal -> int, date..., None kept."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


@dataclass(frozen=True)
class Results(Sequence[dict[str, object]]):
    """The answer to a SELECT (variables and rows of terms) or to an ASK (``boolean``)."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term, ...], ...] = ()
    boolean: bool | None = None

    def terms(self) -> list[dict[str, Term]]:
        """Each row keyed by variable name, values as rdflib terms (None when unbound)."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def to_dicts(self) -> list[dict[str, object]]:
        """Each row keyed by variable name, values as plain Python values."""
        return [{name: plain(term) for name, term in row.items()} for row in self.terms()]

    @overload
    def __getitem__(self, index: int) -> dict[str, object]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, object]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, object] | list[dict[str, object]]:
        return self.to_dicts()[index]

    def __iter__(self) -> Iterator[dict[str, object]]:
        return iter(self.to_dicts())

    def __len__(self) -> int:
        return len(self.rows)


def answer(
    kg: KnowledgeGraph, sparql: str, bindings: Mapping[str, BindingValue] | None = None
) -> Results:
    """The answer to a SELECT or an ASK, with its variables even when no row matches."""
    if query_form(sparql) == "ASK":
        return Results(boolean=kg.ask(sparql, bindings))
    result = kg.solutions(sparql, bindings)
    return Results(tuple(result.variables), tuple(result.rows))


# ---- the registry of output formats


@dataclass(frozen=True)
class ResultFormat:
    """A way to write query results: its name on the command line, its media type, its writer."""

    name: str
    media_type: str
    write: Callable[[Results], str]
    description: str


FORMATS: Registry[ResultFormat] = Registry("result format", "--format")
register = FORMATS.register
get_format = FORMATS.lookup


def _rdflib(format: str) -> Callable[[Results], str]:
    """A writer that hands the results to rdflib's serialiser for one W3C format."""

    def write(results: Results) -> str:
        if results.boolean is not None:
            result = Result("ASK")
            result.askAnswer = results.boolean
        else:
            result = Result("SELECT")
            result.vars = [Variable(name) for name in results.variables]
            result.bindings = [
                {Variable(name): term for name, term in row.items() if term is not None}
                for row in results.terms()
            ]
        text = result.serialize(format=format, encoding="utf-8").decode("utf-8")
        return text if text.endswith("\n") else text + "\n"

    return write


def _select_only(format: str, write: Callable[[Results], str]) -> Callable[[Results], str]:
    """``write``, refusing ASK answers: the W3C CSV and TSV formats hold SELECT results only."""

    def checked(results: Results) -> str:
        if results.boolean is not None:
            raise BadParameter(
                "--format",
                f"{format} holds SELECT results only; write an ASK answer in json or xml",
            )
        return write(results)

    return checked


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _disarmed(write: Callable[[Results], str]) -> Callable[[Results], str]:
    """A CSV writer whose text cells a spreadsheet will not run as formulas (``spreadsheet``)."""

    def safe(term: Term) -> Term:
        if isinstance(term, Literal) and is_formula(str(term)):
            return Literal(disarm(str(term)), lang=term.language, datatype=term.datatype)
        return term

    def checked(results: Results) -> str:
        rows = tuple(tuple(safe(term) for term in row) for row in results.rows)
        return write(Results(results.variables, rows, results.boolean))

    return checked


def _tsv_term(term: Term) -> str:
    """A term in SPARQL syntax, escaped so that a tab or a newline never splits a cell."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = f'"{str(term).translate(_TSV_ESCAPES)}"'
    if isinstance(term, Literal) and term.language:
        return f"{text}@{term.language}"
    if isinstance(term, Literal) and term.datatype is not None:
        return f"{text}^^<{term.datatype}>"
    return text


def _tsv(results: Results) -> str:
    """SPARQL 1.1 Query Results TSV: ``?var`` header, terms in SPARQL syntax, LF line ends."""
    lines = ["\t".join(f"?{name}" for name in results.variables)]
    lines += ["\t".join(_tsv_term(term) for term in row) for row in results.rows]
    return "\n".join(lines) + "\n"


def _table(results: Results) -> str:
    """A table for people: IRIs as prefixed names (``id:org/ilo``), literals as their text."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, highlight=False)
    if results.boolean is not None:
        console.print(str(results.boolean).lower())
        return buffer.getvalue()
    table = Table(caption=f"{len(results)} row(s)", caption_justify="left")
    for name in results.variables:
        table.add_column(name, overflow="fold")
    for row in results.rows:
        table.add_row(*(Text(text(term)) for term in row))
    console.print(table)
    return buffer.getvalue()


register(ResultFormat("table", "text/plain", _table, "A table for reading (the default)"))
register(
    ResultFormat(
        "csv",
        "text/csv",
        _select_only("csv", _disarmed(_rdflib("csv"))),
        "SPARQL 1.1 Query Results CSV (cells a spreadsheet would run as formulas disarmed)",
    )
)
register(
    ResultFormat(
        "tsv", "text/tab-separated-values", _select_only("tsv", _tsv), "SPARQL 1.1 Results TSV"
    )
)
register(
    ResultFormat(
        "json", "application/sparql-results+json", _rdflib("json"), "SPARQL 1.1 Results JSON"
    )
)
register(
    ResultFormat("xml", "application/sparql-results+xml", _rdflib("xml"), "SPARQL 1.1 Results XML")
)
