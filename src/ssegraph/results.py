"""What a SELECT or ASK query answers, and the one registry of the formats it is written in.

``Results`` keeps the variables in order (even when no row matches) and the rows as rdflib
terms, so the W3C formats lose nothing (IRI or literal, datatype, language); iterated, it gives
each row as a dict of plain Python values, so ``pandas.DataFrame(results)`` needs no extra work.

Its formats are entries of the one format registry (``ssegraph.registry``); adding one is one
``register`` call. The four W3C SPARQL 1.1 Query Results formats are written by pyoxigraph's
own writers, one path for all of them (rdflib's serialiser hands pyoxigraph the solutions as
SPARQL JSON, the only way to give it rows it did not compute); the rich table is written here.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, overload

import pyoxigraph as ox
from rdflib import Literal, Variable
from rdflib.query import Result
from rdflib.term import Identifier

from ssegraph.backends.projection import query_form
from ssegraph.cells import text
from ssegraph.errors import BadParameter
from ssegraph.registry import Format, Registry
from ssegraph.spreadsheet import disarm, is_formula

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

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
class ResultFormat(Format):
    """A way to write query results: a registry entry with its writer."""

    write: Callable[[Results], str] = lambda results: ""


FORMATS: Registry[ResultFormat] = Registry("result format", "--format")
register = FORMATS.register
get_format = FORMATS.lookup


def _as_rdflib(results: Results) -> Result:
    """The answer as rdflib's Result, whose serialiser writes SPARQL results JSON."""
    if results.boolean is not None:
        result = Result("ASK")
        result.askAnswer = results.boolean
        return result
    result = Result("SELECT")
    result.vars = [Variable(name) for name in results.variables]
    result.bindings = [
        {Variable(name): term for name, term in row.items() if term is not None}
        for row in results.terms()
    ]
    return result


def _native(results_format: ox.QueryResultsFormat) -> Callable[[Results], str]:
    """A writer that hands the results to pyoxigraph's writer for one W3C format."""

    def write(results: Results) -> str:
        json = _as_rdflib(results).serialize(format="json", encoding="utf-8")
        parsed = ox.parse_query_results(json, ox.QueryResultsFormat.JSON)
        written = parsed.serialize(format=results_format)
        assert written is not None  # no output given: the bytes are returned
        text = written.decode("utf-8")
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


#: The widest a column keeps its longest word whole (a date, an identifier), in characters.
WHOLE_WORD = 32
#: The narrowest a column may get: a date (YYYY-MM-DD) is never cut, nor one that ends with the
#: separator of a list (``2023-03-07;``). Rows whose columns cannot all be this wide are
#: written one after the other, a line per column, instead of a table.
LEAST = 11


def table(results: Results, width: int, *, iris: bool = False) -> RenderableType:
    """A table for people, ``width`` characters at most: a node with a label twin shown as its
    label (``iris``: as well), other IRIs as printed names (``o:ilo``), literals as their text.
    Cells wrap between words; a column keeps its heading and longest word whole as far as the
    width allows (``fitted``), and a word wider than its column ends with an ellipsis instead
    of breaking; too many columns for the width are written as records (``LEAST``)."""
    from rich.text import Text

    from ssegraph.cells import heading, label_or_node, shown

    if results.boolean is not None:
        return Text(str(results.boolean).lower())
    variables = list(results.variables)
    columns = variables if iris else shown(variables)
    rows = results.terms()
    cells = [[text(row[c] if iris else label_or_node(row, c)) for c in columns] for row in rows]
    titles = [name if iris else heading(name, variables) for name in columns]
    caption = f"{len(results)} row(s)"
    rendered = fitting_table(caption=caption, caption_justify="left")
    for title in titles:
        rendered.add_column(title)
    for row in cells:
        rendered.add_row(*(Text(cell) for cell in row))
    return rendered if fit(rendered, width) else _records(titles, cells, caption)


def fit(rendered: Table, width: int) -> bool:
    """Set the width of each column of a table printed in ``width`` characters: at least its
    heading and longest word as far as they fit (``fitted``), the room left shared by how much
    more each column's longest line needs (``shared``); a word wider than its column ends with
    an ellipsis. False when the columns cannot all be ``LEAST`` wide (or their widest word)."""
    from rich.text import Text

    def plain(cell: object) -> str:
        return cell.plain if isinstance(cell, Text) else Text.from_markup(str(cell)).plain

    texts = [[plain(column.header), *map(plain, column.cells)] for column in rendered.columns]
    widest = [max(len(word) for text in column for word in [*text.split(), ""]) for column in texts]
    longest = [max(len(line) for text in column for line in text.splitlines() or [""])
               for column in texts]  # fmt: skip
    room = width - 3 * len(texts) - 1  # a border and two spaces of padding each, and the last
    least = fitted(widest, room)
    for column, allotted in zip(rendered.columns, shared(least, longest, room), strict=True):
        column.width, column.overflow = allotted, "ellipsis"
    return sum(least) <= room


def shared(least: Sequence[int], longest: Sequence[int], room: int) -> list[int]:
    """Column widths: each its longest line when all fit in ``room``, else its least width and
    a share of the room left in proportion to how much more its longest line needs."""
    wants = [max(line - narrowest, 0) for narrowest, line in zip(least, longest, strict=True)]
    spare = room - sum(least)
    if sum(wants) <= max(spare, 0):
        return [narrowest + want for narrowest, want in zip(least, wants, strict=True)]
    share = max(spare, 0) / sum(wants)
    return [int(narrowest + want * share) for narrowest, want in zip(least, wants, strict=True)]


def fitting_table(**options: Any) -> Table:
    """A rich Table that fits its columns (``fit``) to the width it is printed in."""
    return _fitting_class()(**options)


@cache
def _fitting_class() -> type[Table]:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.table import Table

    class FittingTable(Table):
        def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
            fit(self, options.max_width)
            return super().__rich_console__(console, options)

    return FittingTable


def _records(titles: list[str], cells: list[list[str]], caption: str) -> RenderableType:
    """Rows too wide for a table: one block per row, a line per column (heading, value)."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    blocks: list[RenderableType] = []
    for row in cells:
        record = Table.grid(padding=(0, 2))
        record.add_column(style="bold", no_wrap=True)
        record.add_column(overflow="ellipsis")
        for title, cell in zip(titles, row, strict=True):
            record.add_row(title, Text(cell))
        blocks.extend([record, Rule(style="dim")])
    return Group(*blocks, Text(caption))


def fitted(widest: Sequence[int], room: int) -> list[int]:
    """Each column's least width: its widest word up to ``WHOLE_WORD``, the widest lowered
    first (to one limit shared by all, never under ``LEAST``) until the columns fit in
    ``room`` characters, if they can."""
    wanted = [min(width, WHOLE_WORD) for width in widest]
    limit = max(wanted, default=0)
    while limit > LEAST and sum(min(width, limit) for width in wanted) > room:
        limit -= 1
    return [min(width, limit) for width in wanted]


def _table(results: Results) -> str:
    """The table as text, as wide as the terminal rich sees (``COLUMNS``, else 80)."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, highlight=False)
    console.print(table(results, console.width))
    return buffer.getvalue()


_W3C = ox.QueryResultsFormat
TABLE = register(ResultFormat("table", "text/plain", "A table for reading (the default)",
                              write=_table))  # fmt: skip
CSV = register(
    ResultFormat(
        "csv", "text/csv",
        "SPARQL 1.1 Query Results CSV (cells a spreadsheet would run as formulas disarmed)",
        write=_select_only("csv", _disarmed(_native(_W3C.CSV))),
    )
)  # fmt: skip
TSV = register(
    ResultFormat("tsv", "text/tab-separated-values", "SPARQL 1.1 Results TSV",
                 write=_select_only("tsv", _native(_W3C.TSV)))
)  # fmt: skip
JSON = register(
    ResultFormat("json", _W3C.JSON.media_type, "SPARQL 1.1 Results JSON",
                 media_aliases=("application/json",), write=_native(_W3C.JSON))
)  # fmt: skip
XML = register(
    ResultFormat("xml", _W3C.XML.media_type, "SPARQL 1.1 Results XML",
                 media_aliases=("application/xml", "text/xml"), write=_native(_W3C.XML))
)  # fmt: skip
#: What a SELECT or ASK answers in over HTTP, JSON first (what SPARQLWrapper asks by default).
W3C_FORMATS = (JSON, XML, CSV, TSV)
