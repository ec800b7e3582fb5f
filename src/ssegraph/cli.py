"""The ``ssegraph`` command: parse the arguments, call the library, render with rich.

A thin layer: every answer comes from the public API (KnowledgeGraph, names, stats, describe,
catalogue). The user-facing errors of ``ssegraph.errors`` are caught in one place (``_Group``)
and printed as one red line, with hints, and exit code 1 (bad name or input) or 2 (unreadable
project); anything else is a bug and keeps its traceback. The graph libraries are imported
inside the commands so that ``ssegraph --help`` stays quick.
"""

from __future__ import annotations

import heapq
import re
import sys
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from ssegraph.errors import BadOption, SsegraphError

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console
    from rich.table import Table

    from ssegraph.catalogue import Catalogue, CatalogueQuery
    from ssegraph.graph import KnowledgeGraph


class _Group(TyperGroup):
    """Turns a ``SsegraphError`` raised by any command into one clear line and an exit code,
    and reads the global options after the command too (``query NAME --endpoint URL``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _convert_plainly([*self.params, *(p for c in self.commands.values() for p in c.params)])

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        _convert_plainly([option])
        return option

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:  # its --help option, made (and kept) on first use
            _convert_plainly([command.get_help_option(ctx)])
        return name, command, rest

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _globals_first(self.commands, args))

    def invoke(self, ctx: Any) -> Any:  # click's Context, which typer's vendors
        try:
            return super().invoke(ctx)
        except SsegraphError as error:
            _report(error)
            raise typer.Exit(error.exit_code) from None


def _convert_plainly(params: Sequence[Any]) -> None:
    """Strings, whole numbers, decimals, flags and paths (and lists of them) on the command line
    are converted here, not by the pydantic adapter that typer builds for every parameter:
    importing pydantic and building the adapters cost every command about 0.3 s of CPU, a
    third of a quick one. A value that does not convert plainly (or of another type) still
    goes through typer's own conversion, so its checks and its messages stay the same."""
    plain = _plain_conversion()
    if plain is None:
        return
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", 0) is not None:
            continue
        info = descriptor.parameter_info
        if _plainly_converted(descriptor.annotation, info):
            param._runtime_param = plain(parameter_info=info, annotation=descriptor.annotation)


@cache
def _plain_conversion() -> type | None:
    """typer's kind of conversion of one parameter, done by ``_plain`` (made once)."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer._param_types import coerce_cli_path
    except ImportError:  # a typer that converts without pydantic: nothing to spare
        return None

    @dataclass(frozen=True)
    class Plain(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = _plain(self.annotation, value)
            if plain is _NOT_PLAIN:
                typers = build_runtime_param(param.type_descriptor)
                return typers._coerce_value(value, param=param, ctx=ctx)
            if Path not in (self.annotation, *typing.get_args(self.annotation)):
                return plain
            info = self.parameter_info  # typer's checks of each path (exists, file, dir...)

            def checked(path: Path) -> Any:
                kind = info.path_type or Path
                return coerce_cli_path(path, info, path_type=kind, param=param, ctx=ctx)

            return [checked(path) for path in plain] if isinstance(plain, list) else checked(plain)

    return Plain


#: What a plain conversion returns for a value it leaves to typer.
_NOT_PLAIN = object()
_WHOLE = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def _plainly_converted(annotation: Any, info: Any) -> bool:
    """Whether values of ``annotation`` (with typer's ``info``) may be converted by ``_plain``:
    no parser, bounds, formats or choices of typer's to apply."""
    if info.parser is not None or info.min is not None or info.max is not None:
        return False
    if typing.get_origin(annotation) is list:
        (annotation,) = typing.get_args(annotation) or (None,)
    return annotation in (str, int, float, bool, Path)


def _plain(annotation: Any, value: Any) -> Any:
    """``value`` converted to ``annotation`` as typer's adapter would, or ``_NOT_PLAIN``."""
    if typing.get_origin(annotation) is list:
        if not isinstance(value, list | tuple):
            return _NOT_PLAIN
        (element,) = typing.get_args(annotation)
        items = [_plain(element, item) for item in value]
        return _NOT_PLAIN if _NOT_PLAIN in items else items
    kind = type(value)
    if annotation is bool:
        return value if kind is bool else _NOT_PLAIN
    if annotation is str or annotation is Path:
        return (value if annotation is str else Path(value)) if kind is str else _NOT_PLAIN
    if annotation is int:
        if kind is int:
            return value
        return int(value) if kind is str and _WHOLE.fullmatch(value) else _NOT_PLAIN
    if annotation is float:
        if kind is int or kind is float:
            return float(value)
        return float(value) if kind is str and _DECIMAL.fullmatch(value) else _NOT_PLAIN
    return _NOT_PLAIN


#: The global options (``main``) that may also be written after the command.
_GLOBAL_OPTIONS = ("--project", "-p", "--endpoint")


def _globals_first(commands: Mapping[str, Any], args: list[str]) -> list[str]:
    """``args`` with the global options written after the command moved before it, unless the
    command has an option of that name (``push --endpoint``); ``--`` ends the search."""
    position, skip = None, False
    for number, arg in enumerate(args):  # the command: not the value of a global option
        if not skip and arg in commands:
            position = number
            break
        skip = arg in _GLOBAL_OPTIONS
    if position is None:
        return args
    own = {name for param in commands[args[position]].params for name in param.opts}
    moved: list[str] = []
    kept: list[str] = []
    rest = iter(args[position + 1 :])
    for arg in rest:
        if arg == "--":
            kept += [arg, *rest]
            break
        option = arg.split("=", 1)[0]
        if option in _GLOBAL_OPTIONS and option not in own:
            moved += [arg] if "=" in arg else [arg, next(rest, "")]
        else:
            kept.append(arg)
    return [*args[:position], *moved, args[position], *kept]


def _report(error: SsegraphError) -> None:
    from rich.markup import escape

    console = _console(stderr=True)
    console.print(f"[bold red]error:[/] [red]{escape(error.message)}[/]", soft_wrap=True)
    for hint in error.hints():
        console.print(f"  {escape(hint)}", soft_wrap=True)


app = typer.Typer(
    cls=_Group,
    name="ssegraph",
    help="A knowledge graph of the international Social and Solidarity Economy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(asked: bool) -> None:
    """``--version``: the installed package's version (pyproject.toml's one version string)."""
    if asked:
        from importlib.metadata import version

        typer.echo(f"ssegraph {version('ssegraph')}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    project: Annotated[
        Path | None,
        typer.Option(
            "--project",
            "-p",
            help="Project directory (with ontology/ and data/). Default: $SSEGRAPH_HOME, the "
            "current directory, the source checkout, or the graph bundled with the package.",
            file_okay=False,
        ),
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option(
            help="Query this SPARQL 1.1 endpoint instead of loading the project's files (it "
            "must answer over the union of its named graphs; see `push`).",
            metavar="URL",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the version and exit.",
            is_eager=True,
            callback=_print_version,
        ),
    ] = False,
) -> None:
    """A knowledge graph of the international Social and Solidarity Economy."""
    ctx.obj = {"project": project, "endpoint": endpoint}


def _graph(ctx: typer.Context) -> KnowledgeGraph:
    """The graph named on the command line (the project's files, or --endpoint), once per
    invocation."""
    from ssegraph.graph import KnowledgeGraph

    state = ctx.find_root().obj
    if "graph" not in state and state.get("endpoint"):
        state["graph"] = KnowledgeGraph.connect(state["endpoint"])
    if "graph" not in state:
        state["graph"] = KnowledgeGraph.load(state["project"])
    return state["graph"]


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _table(title: str | None, *columns: str) -> Table:
    """A table whose cells wrap between words, fitted to the terminal (``results.fit``)."""
    from ssegraph.results import fitting_table

    table = fitting_table(title=title, title_justify="left", title_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def _cell(value: object) -> str:
    from ssegraph.cells import text

    return text(value)


def _checked_lang(kg: KnowledgeGraph, lang: str) -> str:
    """``--lang`` as one of the graph's languages; another would show blank names."""
    from ssegraph.catalogue import checked_language
    from ssegraph.errors import BadParameter

    try:
        return checked_language(kg, lang)
    except ValueError as error:
        raise BadParameter("--lang", f"{lang!r}: {error}") from None


# ---- info

#: Above this many statements, ``info`` names its highlight queries instead of running them
#: (on 171k statements they took 15 s: each lists every membership or outcome).
HIGHLIGHTS_UP_TO = 50_000


@app.command()
def info(
    ctx: typer.Context,
    lang: Annotated[str, typer.Option(help="Language of the labels shown.")] = "en",
) -> None:
    """What the graph holds (counts by class, source, language) and a few of its answers."""
    from ssegraph.catalogue import Catalogue
    from ssegraph.stats import statistics
    from ssegraph.vocab import is_derived

    kg = _graph(ctx)
    lang = _checked_lang(kg, lang)
    stats = statistics(kg, lang)
    console = _console()
    project = kg.project
    if project is not None:
        console.print(f"[bold]Project[/] {project.root} ({project.origin})")
    files = [count for count in stats.graphs if not is_derived(count.node)]
    derived = sum(count.count for count in stats.graphs if is_derived(count.node))
    console.print(
        f"[bold]{sum(count.count for count in files)}[/] triples in [bold]{len(files)}[/] named "
        f"graphs, and [bold]{derived}[/] derived from them (periods, days, entailments)"
    )
    covered = stats.coverage
    if covered.earliest and covered.latest:
        console.print(
            f"Events and outcomes from [bold]{covered.earliest[:4]}[/] to "
            f"[bold]{covered.latest[:4]}[/], from [bold]{covered.sources}[/] sources "
            f"({covered.pages} of them web pages, each with its address)"
        )

    graphs = _table("Named graphs (one per file, then the derived ones)", "graph", "triples")
    for count in stats.graphs:
        graphs.add_row(count.label, str(count.count))
    classes = _table("Things by class", "class", "term", "things")
    for count in stats.classes:
        classes.add_row(count.label, _cell(count.node), str(count.count))
    sources = _table("Things by source (prov:wasDerivedFrom)", "source", "things")
    for count in stats.sources:
        sources.add_row(f"{count.label}\n[dim]{_cell(count.node)}[/]", str(count.count))
    languages = _table("Labels by language", "language", "skos:prefLabel", "skos:altLabel")
    for language in stats.languages:
        languages.add_row(
            language.language or "(none)", str(language.preferred), str(language.alternative)
        )
    for table in (graphs, classes, sources, languages):
        console.print(table)

    catalogue = Catalogue.load(project)
    highlights = catalogue.highlights()
    if highlights:
        console.print("\n[bold underline]What the graph says[/]")
    if highlights and stats.statements > HIGHLIGHTS_UP_TO:
        # A highlight lists every membership or outcome: on a large graph, minutes of rows.
        for query in highlights:
            console.print(f"{query.title_in(lang)}: [bold]ssegraph query {query.name}[/]")
        return
    for query in highlights:
        given = query.with_lang({}, lang)
        rows = query.results(kg, given).terms()
        settings = ", ".join(f"{p.name}={given.get(p.name, p.default)}" for p in query.params)
        _print_rows(console, f"{query.title_in(lang)} ({settings})", rows)


def _print_rows(console: Console, title: str, rows: Sequence[Mapping[str, object]]) -> None:
    """A table of query rows; a column ``x`` that has an ``xLabel`` twin shows the label."""
    from ssegraph.cells import heading, label_or_node, shown

    if not rows:
        console.print(f"[bold]{title}[/]: no answer")
        return
    variables = list(rows[0])
    columns = shown(variables)
    table = _table(title, *(heading(column, variables) for column in columns))
    for row in rows:
        table.add_row(*(_cell(label_or_node(row, column)) for column in columns))
    console.print(table)


# ---- search


@app.command()
def search(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name, acronym or part of one, any language.")],
    limit: Annotated[int, typer.Option(help="Show at most this many matches.")] = 20,
    lang: Annotated[str, typer.Option(help="Language of the names shown.")] = "en",
) -> None:
    """Find things by any of their names (prefLabel or altLabel), best match first."""
    from ssegraph.errors import UnknownEntity
    from ssegraph.names import index
    from ssegraph.names import search as find

    kg = _graph(ctx)
    matches = find(kg, name, lang=_checked_lang(kg, lang))
    if not matches:
        raise UnknownEntity(name, index(kg).nearest(name))
    table = _table(f"{len(matches)} match(es) for {name!r}", "name", "matched", "how", "IRI")
    for match in matches[:limit]:
        table.add_row(match.label, f"{match.matched} @{match.lang}", match.how, _cell(match.node))
    _console().print(table)


# ---- show


@app.command()
def show(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="A name, acronym or IRI (id:org/ilo, org/ilo).")],
    lang: Annotated[str, typer.Option(help="Language of the labels shown.")] = "en",
) -> None:
    """Everything the graph says about one thing: names, memberships, events, sources (the
    headings in French with --lang fr)."""
    from ssegraph.describe import describe
    from ssegraph.names import resolve
    from ssegraph.serve.i18n import LANGUAGES, translate

    kg = _graph(ctx)
    lang = _checked_lang(kg, lang)
    found = describe(kg, resolve(kg, entity), lang)

    def word(key: str) -> str:
        return translate(lang if lang in LANGUAGES else LANGUAGES[0], key)

    console = _console()
    console.print(f"[bold]{found.label}[/]  <{found.node}>")
    console.print(f"{word('types')}: " + ", ".join(found.types))

    if found.names:
        names = _table(word("names"), word("language"), word("kind"), word("name"))
        for label in found.names:
            kind = word("preferred_label" if label.preferred else "alt_label")
            names.add_row(label.lang, kind, label.text)
        console.print(names)
    for title, side, memberships in (
        ("member_of", "group", found.memberships),
        ("posts", "in", found.posts),
        ("members", "member", found.members),
    ):
        if memberships:
            table = _table(
                word(title), word(side), word("role"), word("held_from_heading"),
                word("through_heading"), word("attested_on"), word("sources").lower(),
            )  # fmt: skip
            for m in memberships:
                table.add_row(
                    f"{m.other_label}\n[dim]{_cell(m.other)}[/]",
                    m.role,
                    m.start or "",
                    m.end or "",
                    ", ".join(m.attested_on),
                    "\n".join(m.sources),
                )
            console.print(table)
    for title, kind, links in (
        ("events", "event", found.events),
        ("outcomes", "outcome", found.outcomes),
    ):
        if links:
            table = _table(
                word(title), word("date"), word(kind), word("link"), word("sources").lower()
            )
            for link in links:
                table.add_row(
                    link.date or "",
                    f"{link.label}\n[dim]{_cell(link.node)}[/]",
                    ", ".join(link.relations),
                    "\n".join(link.sources),
                )
            console.print(table)
    if found.facts:
        facts = _table(word("facts"), word("property"), word("value"))
        for fact in found.facts:
            facts.add_row(fact.property, fact.value)
        console.print(facts)
    if found.sources:
        sources = _table(word("sources"), word("date"), word("source"))
        for source in found.sources:
            sources.add_row(source.date or "", f"{source.title}\n[dim]{_cell(source.node)}[/]")
        console.print(sources)


# ---- queries: the catalogue, ad-hoc queries, a SPARQL server


def _catalogue(ctx: typer.Context) -> Catalogue:
    from ssegraph.catalogue import Catalogue

    return Catalogue.load(ctx.find_root().obj["project"])


@app.command()
def queries(
    ctx: typer.Context,
    lang: Annotated[str, typer.Option(help="Language of the titles: en or fr.")] = "en",
) -> None:
    """List the query catalogue: each query's name, title and parameters with their defaults."""
    from ssegraph.catalogue import TRANSLATED
    from ssegraph.errors import BadParameter

    if lang != "en" and lang not in TRANSLATED:
        raise BadParameter("--lang", f"{lang!r}: the titles are in en, {', '.join(TRANSLATED)}")
    from ssegraph.serve.i18n import translate

    catalogue = _catalogue(ctx)
    title = translate(lang, "catalogue_count", count=len(catalogue))
    words = (translate(lang, key) for key in ("name", "title", "parameters"))
    table = _table(title, *words)
    for found in catalogue.queries.values():
        params = (
            f"{p.name} ({p.type})" + ("" if p.default is None else f" = {p.default}")
            for p in found.params
        )
        table.add_row(found.name, found.title_in(lang), "\n".join(params))
    _console().print(table)


@app.command()
def query(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help="A catalogue query (`ssegraph queries` lists them).")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", help="NAME=VALUE for a parameter of the query; repeatable."),
    ] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, tsv, json or xml; a CONSTRUCT or DESCRIBE: turtle, ntriples, "
            "jsonld or rdfxml (the table's place: turtle).",
        ),
    ] = "table",
    lang: Annotated[
        str | None, typer.Option(help="Language of the labels (fills the query's lang parameter).")
    ] = None,
    iris: Annotated[
        bool, typer.Option(help="Show the IRI columns that a label column stands for, too.")
    ] = False,
    list_: Annotated[
        bool, typer.Option("--list", help="List the catalogue (as `queries`), titles in --lang.")
    ] = False,
    sources: Annotated[
        bool, typer.Option(help="Add a column: the sources (prov:wasDerivedFrom) of each row.")
    ] = False,
    file: Annotated[
        Path | None, typer.Option("--file", help="Run the query in this file.", dir_okay=False)
    ] = None,
    execute: Annotated[
        str | None, typer.Option("--execute", "-e", help="Run this query text.")
    ] = None,
    allow_service: Annotated[
        list[str] | None,
        typer.Option(
            help="An endpoint the query may call with SERVICE (its full IRI); repeatable. "
            "Without it, a query that calls another endpoint is refused.",
            metavar="URL",
        ),
    ] = None,
) -> None:
    """Run a catalogue query, or an ad-hoc one (--file, -e), and write its answer.

    Parameters are bound as typed RDF terms, never pasted into the query: an actor by any of
    its names or its IRI, a group, country or role among those only, a date as YYYY-MM-DD. A
    SELECT writes its rows in --format (the json, xml, csv and tsv of SPARQL 1.1 Query
    Results), an ASK its boolean, a CONSTRUCT or DESCRIBE its triples in an RDF format.
    """
    from ssegraph.catalogue import GRAPH_FORMS, parse_assignments
    from ssegraph.errors import BadParameter

    if list_:
        queries(ctx, lang or "en")
        return
    chosen = _chosen_query(ctx, name, file, execute)
    graph_form = chosen.form in GRAPH_FORMS
    write = _graph_writer(format, chosen.form) if graph_form else _results_writer(format, iris)
    if graph_form and sources:
        raise BadParameter("--sources", f"adds a column to a table; a {chosen.form} has none")
    values = chosen.with_lang(parse_assignments(param or []), lang)
    kg = _graph(ctx)
    if lang is not None:
        _checked_lang(kg, lang)
    if allow_service:
        from ssegraph.backends.embedded import EmbeddedBackend

        if isinstance(kg.backend, EmbeddedBackend):
            kg.backend.allowed_services = frozenset(allow_service)
    notes: list[str] = []
    if graph_form:
        answer: Any = chosen.graph(kg, values, notes)
    else:
        results = chosen.results(kg, values, notes)
        if sources:
            from ssegraph.provenance import with_sources

            results = with_sources(kg, results)
        answer = results
    for note in notes:
        _console(stderr=True).print(f"[yellow]note:[/] {note}", soft_wrap=True, markup=True)
    write(answer)


def _results_writer(format: str, iris: bool) -> Callable[[Any], object]:
    """How a SELECT or ASK answer is written: the table as wide as the terminal, or a format."""
    from ssegraph.results import TABLE, get_format, table

    chosen = get_format(format)
    if chosen is TABLE:

        def write_table(results: Any) -> None:
            console = _console()
            console.print(table(results, console.width, iris=iris))

        return write_table
    return lambda results: sys.stdout.write(chosen.write(results))


def _graph_writer(format: str, form: str) -> Callable[[Any], object]:
    """How a CONSTRUCT or DESCRIBE answer is written: in one of the RDF formats of triples
    (Turtle in place of the table); a results format is refused, as it holds no triples."""
    from ssegraph.errors import BadParameter
    from ssegraph.export import TRIPLE_FORMATS, TURTLE
    from ssegraph.export import get_format as rdf_format

    names = ", ".join(triples.name for triples in TRIPLE_FORMATS)
    refused = BadParameter("--format", f"a {form} answers triples: write them in {names}")
    chosen = TURTLE
    if format != "table":
        try:
            chosen = rdf_format(format)
        except BadParameter:
            raise refused from None
        if chosen not in TRIPLE_FORMATS:
            raise refused
    return lambda graph: sys.stdout.write(graph.serialize(format=chosen.media_type))


def _chosen_query(
    ctx: typer.Context, name: str | None, file: Path | None, text: str | None
) -> CatalogueQuery:
    """The one query named, read from --file, or given with -e."""
    from ssegraph.catalogue import adhoc_query
    from ssegraph.errors import BadParameter

    given = [what for what, value in (("NAME", name), ("--file", file), ("-e", text)) if value]
    if len(given) != 1:
        raise BadParameter(
            "query", "give one of: a catalogue query NAME, --file FILE or -e 'SELECT ...'"
        )
    if name:
        return _catalogue(ctx).get(name)
    if file:
        try:
            return adhoc_query(file.read_text(encoding="utf-8"), file.stem, str(file))
        except (OSError, UnicodeDecodeError) as error:
            raise BadParameter("--file", f"{file}: cannot read it ({error})") from None
    return adhoc_query(text or "", where="-e")


@app.command()
def push(
    ctx: typer.Context,
    endpoint: Annotated[
        str | None,
        typer.Option(
            help="The server's SPARQL endpoint (default: the global --endpoint).", metavar="URL"
        ),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            help="Its Graph Store Protocol URL (default: `store` beside the endpoint, as on "
            "Oxigraph server; Fuseki: http://HOST:3030/DATASET/data; Virtuoso: "
            "http://HOST:8890/sparql-graph-crud-auth, with the credentials in "
            "$SSEGRAPH_STORE_USER and $SSEGRAPH_STORE_PASSWORD).",
            metavar="URL",
        ),
    ] = None,
) -> None:
    """Load the project's ontology and data into a SPARQL server, one named graph per file.

    Each file replaces its graph (HTTP PUT, SPARQL 1.1 Graph Store Protocol), so pushing again
    updates the server. Then query it with `ssegraph --endpoint URL query ...`: every query
    names the project's graphs as its dataset, so the server's own graphs stay out of the
    answers (docs/servers.md).
    """
    from ssegraph.backends.remote import RemoteBackend
    from ssegraph.errors import BadParameter
    from ssegraph.graph import KnowledgeGraph

    state = ctx.find_root().obj
    url = endpoint or state["endpoint"]
    if not url:
        raise BadParameter("--endpoint", "name the server, as in --endpoint http://HOST:7878/query")
    backend = RemoteBackend(url, store=store)
    kg = KnowledgeGraph.load(state["project"], backend)
    files = len(kg.project.rdf_files()) if kg.project else 0
    _console(stderr=True).print(
        f"pushed {files} files to {backend.store}; the server holds {len(kg)} statements in "
        f"{len(kg.graphs())} named graphs"
    )


# ---- stewards: validate, add, template


def _print_report(report: Any, format: str) -> None:
    from ssegraph.validate import REPORT_FORMATS

    sys.stdout.write(REPORT_FORMATS.lookup(format).render(report))


_REPORT_FORMAT = Annotated[
    str, typer.Option("--format", "-f", help="text, json or turtle (the SHACL report graph).")
]
_STRICT = Annotated[bool, typer.Option(help="Fail on warnings too, not only on violations.")]
_FILES = Annotated[
    list[Path] | None,
    typer.Argument(help="Turtle, N-Triples, TriG, JSON-LD or CSV files (from `template`)."),
]
_ALLOW_RETYPE = Annotated[
    bool, typer.Option(help="Let the batch add a type to a node the graph holds (reported).")
]
_ALLOW_SAME_AS = Annotated[
    bool, typer.Option(help="Let the batch state owl:sameAs between two nodes the graph holds.")
]
_MAX_BATCH_SIZE = Annotated[
    int, typer.Option(help="Largest batch file read, in MB.", min=1, metavar="MB")
]


def _check_report_format(format: str) -> None:
    from ssegraph.validate import REPORT_FORMATS

    REPORT_FORMATS.lookup(format)  # an unknown one is refused before anything is read


@app.command()
def validate(
    ctx: typer.Context,
    files: _FILES = None,
    format: _REPORT_FORMAT = "text",
    strict: _STRICT = False,
    allow_retype: _ALLOW_RETYPE = False,
    allow_same_as: _ALLOW_SAME_AS = False,
    max_batch_size: _MAX_BATCH_SIZE = 256,
) -> None:
    """Check the graph, or a batch of new facts together with the graph it would join.

    Exit 0 when it conforms (warnings shown), 1 on violations (or warnings with --strict),
    2 when a file, the ontology or the shapes cannot be read.
    """
    from ssegraph.steward import Gate, check
    from ssegraph.validate import validate_graph

    _check_report_format(format)
    gate = Gate(allow_retype, allow_same_as, max_batch_size)
    report = check(_graph(ctx), files, gate).report if files else validate_graph(_graph(ctx))
    _print_report(report, format)
    if not report.passes(strict):
        raise typer.Exit(1)


@app.command()
def add(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="The batch: RDF or CSV files.")],
    to: Annotated[
        str | None,
        typer.Option(
            help="File of data/ that receives the batch (default: the first file's name)."
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option(help="Show what would be added; write nothing.")] = False,
    strict: _STRICT = False,
    allow_retype: _ALLOW_RETYPE = False,
    allow_same_as: _ALLOW_SAME_AS = False,
    max_batch_size: _MAX_BATCH_SIZE = 256,
    lock_timeout: Annotated[
        float, typer.Option(help="Seconds to wait for another steward's add.", min=0)
    ] = 120.0,
) -> None:
    """Validate a batch and, only if it all conforms, merge what is new into data/.

    One steward at a time: add holds the project's lock, and validates against the graph as
    it is once the lock is held (another add may have just written)."""
    from ssegraph.errors import BadParameter
    from ssegraph.project import locate
    from ssegraph.steward import Gate, Outcome
    from ssegraph.steward import add as add_batch

    state = ctx.find_root().obj
    if state.get("endpoint"):
        raise BadParameter("--endpoint", "add writes into a project's files; name --project")
    done = add_batch(
        locate(state["project"]), files, to=to, dry_run=dry_run, strict=strict,
        gate=Gate(allow_retype, allow_same_as, max_batch_size), lock_timeout=lock_timeout,
    )  # fmt: skip
    console = _console(stderr=True)
    if done.report.findings:
        _print_report(done.report, "text")
    if done.outcome is Outcome.REFUSED:
        console.print("[red]nothing added:[/] the batch does not conform; no file was changed")
        raise typer.Exit(1)
    if done.outcome is Outcome.NOTHING_NEW:
        console.print(f"nothing new: the graph already holds all {done.batch_size} triples")
    elif done.outcome is Outcome.DRY_RUN and done.plan is not None:
        sys.stdout.write(done.plan.text)
        console.print(f"dry run: would add {done.count} triples to {done.where}")
    else:
        console.print(f"added {done.count} triples to {done.where}")


@app.command()
def template(
    kind: Annotated[str, typer.Argument(help="memberships, events, actors or people.")],
) -> None:
    """Print a CSV header and an example row for stewards who do not write RDF."""
    from ssegraph.tabular import template_text

    sys.stdout.write(template_text(kind))


# ---- scale: synthetic graphs


@app.command()
def synth(
    triples: Annotated[int, typer.Option(help="About how many triples to write.", min=100)],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="File to write (.nt or .ttl).", dir_okay=False)
    ],
    seed: Annotated[int, typer.Option(help="Same seed, same graph.")] = 0,
) -> None:
    """Write a synthetic SSE ecosystem that conforms to the shapes (for benchmarks)."""
    from ssegraph.synth import write

    written = write(output, triples, seed)
    _console(stderr=True).print(f"wrote {written:,} triples to {output} (seed {seed})")


# ---- analysts: network, metrics


def _network_spec(
    network: Annotated[
        str,
        typer.Argument(help="co-membership, co-event, union, actor-group or actor-event."),
    ] = "co-membership",
    as_of: Annotated[
        str | None,
        typer.Option(
            help="Memberships named by their group's latest list on or before DATE (or whose "
            "interval holds it); events on or before DATE.",
            metavar="DATE",
        ),
    ] = None,
    between: Annotated[
        tuple[str, str] | None,
        typer.Option(
            help="Memberships held or events under way between two dates.",
            metavar="START END",
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            help="Only actors of this sse: class or its subclasses (State, SSENetwork, "
            "UNEntity, Person, ...); repeat for several."
        ),
    ] = None,
    group: Annotated[
        list[str] | None,
        typer.Option(help="Only memberships of this group, by any name or IRI; repeatable."),
    ] = None,
    role: Annotated[
        list[str] | None,
        typer.Option(
            help="Only ties in this role: member, observer member, organizer, partner, "
            "speaker, ...; repeatable."
        ),
    ] = None,
    ego: Annotated[
        str | None, typer.Option(help="Only this actor (any name or IRI) and its neighbourhood.")
    ] = None,
    radius: Annotated[int, typer.Option(help="How many steps from --ego.", min=1)] = 1,
    people: Annotated[
        str,
        typer.Option(
            help="keep: persons are nodes; organisations: a person stands for the "
            "organisations of their posts."
        ),
    ] = "keep",
    participants: Annotated[
        bool,
        typer.Option(
            help="Also link the attendees of events, not only organisers, partners and speakers."
        ),
    ] = False,
    scope: Annotated[
        list[str] | None,
        typer.Option(
            help="Only ties of this regional scope (UN M49, from the countries of both ends): "
            "same-country, same-subregion, same-region, inter-regional, unknown; repeatable."
        ),
    ] = None,
    divide: Annotated[
        list[str] | None,
        typer.Option(
            help="Only ties across this development divide (the countries' grouping): "
            "south-south, north-south, north-north, unknown; repeatable."
        ),
    ] = None,
) -> tuple[str, Any]:
    """The network and filters that the shared options ask for."""
    import datetime as dt

    from ssegraph.dates import parse_day
    from ssegraph.errors import BadParameter
    from ssegraph.network import Filters, network_kind

    def day(option: str, text: str) -> dt.date:
        found = parse_day(text)
        if found is None:
            raise BadParameter(option, f"{text!r} is not a date (YYYY-MM-DD)")
        return found

    filters = Filters(
        as_of=day("--as-of", as_of) if as_of else None,
        between=(day("--between", between[0]), day("--between", between[1])) if between else None,
        kinds=tuple(kind or ()),
        groups=tuple(group or ()),
        roles=tuple(role or ()),
        ego=ego,
        radius=radius,
        people=people,
        participants=participants,
        scopes=tuple(scope or ()),
        divides=tuple(divide or ()),
    )
    return network_kind(network).name, filters


def _network_options(command: Any) -> Any:
    """Give a command the options of ``_network_spec`` (one definition for `network` and
    `metrics`); the command gets what they ask for as its ``spec`` argument."""
    import functools
    import inspect

    shared = inspect.signature(_network_spec, eval_str=True).parameters
    own = inspect.signature(command, eval_str=True)

    @functools.wraps(command)
    def with_spec(*args: Any, **kwargs: Any) -> Any:
        options = {name: kwargs.pop(name) for name in shared}
        return command(*args, spec=_network_spec(**options), **kwargs)

    ctx, *rest = (p for p in own.parameters.values() if p.name != "spec")
    signature = own.replace(parameters=[ctx, *shared.values(), *rest])
    with_spec.__signature__ = signature  # type: ignore[attr-defined]
    with_spec.__annotations__ = {p.name: p.annotation for p in (ctx, *shared.values(), *rest)}
    return with_spec


def _build_network(ctx: typer.Context, spec: tuple[str, Any]) -> Any:
    """The network asked for; an empty one is said on stderr and exits with 1."""
    from ssegraph.network import build

    network, filters = spec
    graph = build(_graph(ctx), network, filters)
    if graph.number_of_nodes() == 0:
        _console(stderr=True).print(
            f"[yellow]empty network:[/] no {network} tie matches ({filters.describe()}); "
            "nothing to show or write",
            soft_wrap=True,
        )
        raise typer.Exit(1)
    return graph


def _summary(graph: Any) -> str:
    return (
        f"[bold]{graph.graph['name']}[/] ({graph.graph['filters']}): "
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
    )


_OUTPUTS = Annotated[
    list[Path] | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file, in the format its extension names; repeatable.",
    ),
]
_TOP = Annotated[int, typer.Option(help="How many rows the table shows.", min=1)]


@app.command()
@_network_options
def network(
    ctx: typer.Context,
    spec: tuple[str, Any],
    output: _OUTPUTS = None,
    top: _TOP = 20,
    lang: Annotated[
        str, typer.Option(help="Language of the names and words written: en or fr.")
    ] = "en",
) -> None:
    """Build a network of actors: who shares groups (co-membership), who meets at events.

    Without --output, prints the strongest links. Files: .gexf (GEXF 1.3 with time spells, for
    Gephi's timeline), .graphml, .json (node-link), .cyjs (Cytoscape.js), .png or .svg (a
    picture), or a path without extension: a directory with nodes.csv and edges.csv. An empty
    network (say, a date before any data) is reported and exits with 1.
    """
    from ssegraph.errors import BadParameter
    from ssegraph.network_io import LANGUAGES, format_for, write

    if lang not in LANGUAGES:  # as an unknown extension, before the graph is built
        raise BadParameter("--lang", f"{lang!r}: a network is written in en or fr")
    for path in output or []:
        format_for(path)  # an unknown extension fails before the graph is built
    graph = _build_network(ctx, spec)
    console = _console(stderr=bool(output))
    console.print(_summary(graph), soft_wrap=True)
    for path in output or []:
        written = write(graph, path, lang=lang)
        console.print(f"wrote {path} ({written.name})")
    if output:
        return
    table = _table(None, "actor", "actor", "weight", "through", "roles", "first", "last")
    edges = heapq.nsmallest(  # the strongest few of up to 200,000 edges: no whole sort
        top,
        graph.edges(data=True),
        key=lambda edge: (-edge[2]["weight"], graph.nodes[edge[0]]["label"], edge[0], edge[1]),
    )
    for u, v, data in edges:
        table.add_row(
            graph.nodes[u]["short_label"],
            graph.nodes[v]["short_label"],
            str(data["weight"]),
            "\n".join(data["via"]),
            ", ".join(data["roles"]),
            data.get("first", ""),
            data.get("last", ""),
        )
    console.print(table)


@app.command()
@_network_options
def metrics(
    ctx: typer.Context,
    spec: tuple[str, Any],
    sort: Annotated[
        str, typer.Option(help="The measure to rank by (degree, eigenvector, participation...).")
    ] = "betweenness",
    top: _TOP = 20,
    seed: Annotated[int, typer.Option(help="Seed of the community detection.")] = 42,
    output: _OUTPUTS = None,
) -> None:
    """Measure each actor of a network: degree, betweenness, closeness, eigenvector, k-core,
    community and brokerage (communities linked, participation coefficient).

    Prints the top actors by --sort; --output saves every row as .csv or .json.
    """
    from ssegraph import metrics as measures

    measures.top([], sort)  # an unknown measure or file format fails before the graph is built
    for path in output or []:
        measures.writer_for(path)
    graph = _build_network(ctx, spec)
    rows = measures.top(measures.compute(graph, seed=seed), sort)
    console = _console()
    console.print(_summary(graph), soft_wrap=True)
    headers = [_MEASURE_HEADERS.get(measure, measure) for measure in measures.MEASURES]
    table = _table(f"Top {min(top, len(rows))} by {sort}", "actor", "kind", *headers)
    for column in table.columns[2:]:
        column.no_wrap, column.justify = True, "right"
    for row in rows[:top]:
        values = (getattr(row, measure) for measure in measures.MEASURES)
        actor = graph.nodes[row.node].get("short_label", row.label)
        table.add_row(actor, row.kind, *(_number(value) for value in values))
    console.print(table)
    for path in output or []:
        measures.write(rows, path)
        _console(stderr=True).print(f"wrote {path} ({len(rows)} rows)")


_MEASURE_HEADERS = {
    "degree": "deg.",
    "weighted_degree": "weight",
    "betweenness": "betw.",
    "closeness": "close.",
    "eigenvector": "eigen.",
    "community": "comm.",
    "communities_linked": "links",
    "participation": "partic.",
}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"


# ---- serve: the SPARQL endpoint and the web pages


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (1-65535).")] = 8000,
    timeout: Annotated[
        float,
        typer.Option(help="Seconds from a request's arrival to its answer; then 503."),
    ] = 10.0,
    max_results: Annotated[
        int, typer.Option(help="Most solutions or triples one SPARQL answer returns.")
    ] = 10_000,
    max_bytes: Annotated[
        int, typer.Option(help="Most bytes one answer takes (a larger one is refused).")
    ] = 16 << 20,
    workers: Annotated[int, typer.Option(help="Processes that run clients' queries.")] = 2,
    max_memory: Annotated[
        int,
        typer.Option(help="MiB a query worker may grow by; past it the query gets 503 (0: none)."),
    ] = 1024,
    max_body: Annotated[
        int, typer.Option(help="Most bytes of a request body (then 413).")
    ] = 1_048_576,
    max_header: Annotated[
        int, typer.Option(help="Most bytes of a request line and headers (then 431).")
    ] = 64 << 10,
    per_client: Annotated[
        int, typer.Option(help="Queries one client address may have running or waiting.")
    ] = 16,
    max_slow: Annotated[
        int, typer.Option(help="Queries that may run past a quarter second at once, demoted.")
    ] = 8,
    allow_service: Annotated[
        list[str] | None,
        typer.Option(
            help="An endpoint that queries may call with SERVICE (by its full IRI); "
            "repeatable. Without it, SERVICE is refused.",
            metavar="URL",
        ),
    ] = None,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            help="An origin (https://host[:port]) whose pages may read the answers, or '*' "
            "for any; repeatable. Without it, no CORS headers.",
            metavar="ORIGIN",
        ),
    ] = None,
    follow: Annotated[
        float,
        typer.Option(
            help="Seconds between looks at the project's files: what `add` merges is served "
            "without a restart (0: never look).",
            min=0,
            metavar="SECONDS",
        ),
    ] = 2.0,
) -> None:
    """Serve the graph: a read-only SPARQL 1.1 endpoint at /sparql and pages in EN and FR."""
    from ssegraph.serve.app import serve as run
    from ssegraph.serve.site import Settings

    settings = Settings(
        timeout=timeout,
        max_results=max_results,
        max_bytes=max_bytes,
        workers=workers,
        max_memory=max_memory,
        max_body=max_body,
        max_header=max_header,
        per_client=per_client,
        max_slow=max_slow,
        allow_service=tuple(allow_service or ()),
        cors_origins=tuple(cors_origin or ()),
        follow=follow,
    )
    _check_serve_options(host, port, settings)  # before the graph is loaded
    kg = _graph(ctx)
    _console(stderr=True).print(
        f"serving {len(kg)} triples: pages at http://{host}:{port}/, "
        f"SPARQL endpoint at http://{host}:{port}/sparql"
    )
    run(kg, host, port, settings)


def _check_serve_options(host: str, port: int, settings: Any) -> None:
    import math
    from urllib.parse import urlsplit

    def whole(name: str, value: int, least: int, most: int | None = None) -> None:
        if value < least or (most is not None and value > most):
            within = f"from {least:,} to {most:,}" if most is not None else f"{least:,} or more"
            raise BadOption(name, f"must be {within}, not {value:,}")

    if not host.strip():
        raise BadOption("--host", "name an address to listen on, such as 127.0.0.1")
    whole("--port", port, 1, 65_535)
    if not (math.isfinite(settings.timeout) and 0 < settings.timeout <= 86_400):
        detail = f"must be a number of seconds above 0, at most a day, not {settings.timeout:g}"
        raise BadOption("--timeout", detail)
    if not (math.isfinite(settings.follow) and 0 <= settings.follow <= 86_400):
        raise BadOption("--follow", f"must be seconds from 0 to a day, not {settings.follow:g}")
    whole("--max-results", settings.max_results, 1)
    whole("--max-bytes", settings.max_bytes, 1_024)
    whole("--workers", settings.workers, 1, 64)
    if settings.max_memory:
        whole("--max-memory", settings.max_memory, 64)
    whole("--max-body", settings.max_body, 1_024)
    whole("--max-header", settings.max_header, 1_024, 16 << 20)
    whole("--per-client", settings.per_client, 1)
    whole("--max-slow", settings.max_slow, 0)
    for url in settings.allow_service:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise BadOption("--allow-service", f"{url!r} is not an http(s) URL")
    for origin in settings.cors_origins:
        parts = urlsplit(origin)
        web = parts.scheme in ("http", "https") and parts.netloc and parts.path in ("", "/")
        if origin != "*" and not web:
            raise BadOption("--cors-origin", f"{origin!r} is not '*' nor scheme://host[:port]")


# ---- export


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="turtle, ntriples, trig, jsonld or rdfxml."),
    ] = "turtle",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False
        ),
    ] = None,
    derived: Annotated[
        bool,
        typer.Option(
            help="Include what the store derives (entailments, periods held, days of events), "
            "in graphs of their own under graph:derived/.",
        ),
    ] = True,
) -> None:
    """Write the whole graph in an RDF format (TriG and JSON-LD keep one graph per file)."""
    from ssegraph.export import get_format
    from ssegraph.safefile import write_atomically

    get_format(format)  # an unknown format fails before the graph is loaded
    text = _graph(ctx).export(format, derived=derived)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomically(output, text.encode("utf-8"))
    _console(stderr=True).print(f"wrote {output} ({format})")
