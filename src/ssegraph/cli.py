"""The ``ssegraph`` command: parse the arguments, call the library, render with rich.

A thin layer: every answer comes from the public API (KnowledgeGraph, names, stats, describe,
catalogue). The user-facing errors of ``ssegraph.errors`` are caught in one place (``_Group``)
and printed as one red line, with hints, and exit code 1 (bad name or input) or 2 (unreadable
project); anything else is a bug and keeps its traceback. The graph libraries are imported
inside the commands so that ``ssegraph --help`` stays quick.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from ssegraph.errors import SsegraphError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console
    from rich.table import Table

    from ssegraph.graph import KnowledgeGraph


class _Group(TyperGroup):
    """Turns a ``SsegraphError`` raised by any command into one clear line and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SsegraphError as error:
            _report(error)
            raise typer.Exit(error.exit_code) from None


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
) -> None:
    """A knowledge graph of the international Social and Solidarity Economy."""
    ctx.obj = {"project": project}


def _graph(ctx: typer.Context) -> KnowledgeGraph:
    """The graph of the project named on the command line, loaded once per invocation."""
    from ssegraph.graph import KnowledgeGraph

    state = ctx.find_root().obj
    if "graph" not in state:
        state["graph"] = KnowledgeGraph.load(state["project"])
    return state["graph"]


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _table(title: str | None, *columns: str) -> Table:
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _cell(value: object) -> str:
    from rdflib import URIRef

    from ssegraph.vocab import short

    if value is None:
        return ""
    return short(value) if isinstance(value, URIRef) else str(value)


# ---- info


@app.command()
def info(
    ctx: typer.Context,
    lang: Annotated[str, typer.Option(help="Language of the labels shown.")] = "en",
) -> None:
    """What the graph holds (counts by class, source, language) and a few of its answers."""
    from ssegraph.catalogue import Catalogue
    from ssegraph.stats import statistics
    from ssegraph.vocab import short

    kg = _graph(ctx)
    stats = statistics(kg, lang)
    console = _console()
    project = kg.project
    if project is not None:
        console.print(f"[bold]Project[/] {project.root} ({project.origin})")
    console.print(
        f"[bold]{stats.statements}[/] triples in [bold]{len(stats.graphs)}[/] named graphs"
    )

    graphs = _table("Named graphs (one per file)", "graph", "triples")
    for count in stats.graphs:
        graphs.add_row(count.label, str(count.count))
    classes = _table("Things by class", "class", "term", "things")
    for count in stats.classes:
        classes.add_row(count.label, short(count.node), str(count.count))
    sources = _table("Things by source (prov:wasDerivedFrom)", "source", "things")
    for count in stats.sources:
        sources.add_row(f"{count.label}\n[dim]{short(count.node)}[/]", str(count.count))
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
    for query in highlights:
        given = {"lang": lang} if any(p.name == "lang" for p in query.params) else {}
        rows = query.run(kg, **given)
        settings = ", ".join(f"{p.name}={given.get(p.name, p.default)}" for p in query.params)
        _print_rows(console, f"{query.title} ({settings})", rows)


def _print_rows(console: Console, title: str, rows: Sequence[dict[str, object]]) -> None:
    """A table of query rows; a column ``x`` that has an ``xLabel`` twin shows the label."""
    if not rows:
        console.print(f"[bold]{title}[/]: no answer")
        return
    columns = [c for c in rows[0] if f"{c}Label" not in rows[0]]
    headers = [c.removesuffix("Label") if c.endswith("Label") else c for c in columns]
    table = _table(title, *headers)
    for row in rows:
        table.add_row(*(_cell(_label_or_node(row, column)) for column in columns))
    console.print(table)


def _label_or_node(row: dict[str, object], column: str) -> object:
    value = row[column]
    if value is None and column.endswith("Label"):
        return row.get(column.removesuffix("Label"))
    return value


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
    from ssegraph.vocab import short

    kg = _graph(ctx)
    matches = find(kg, name, lang=lang)
    if not matches:
        raise UnknownEntity(name, index(kg).nearest(name))
    table = _table(f"{len(matches)} match(es) for {name!r}", "name", "matched", "how", "IRI")
    for match in matches[:limit]:
        table.add_row(match.label, f"{match.matched} @{match.lang}", match.how, short(match.node))
    _console().print(table)


# ---- show


@app.command()
def show(
    ctx: typer.Context,
    entity: Annotated[str, typer.Argument(help="A name, acronym or IRI (id:org/ilo, org/ilo).")],
    lang: Annotated[str, typer.Option(help="Language of the labels shown.")] = "en",
) -> None:
    """Everything the graph says about one thing: names, memberships, events, sources."""
    from ssegraph.describe import describe
    from ssegraph.names import resolve

    kg = _graph(ctx)
    found = describe(kg, resolve(kg, entity), lang)
    console = _console()
    console.print(f"[bold]{found.label}[/]  <{found.node}>")
    console.print("type: " + ", ".join(found.types))

    if found.names:
        names = _table("Names", "language", "kind", "name")
        for label in found.names:
            names.add_row(label.lang, "prefLabel" if label.preferred else "altLabel", label.text)
        console.print(names)
    for title, side, memberships in (
        ("Member of", "group", found.memberships),
        ("Posts", "in", found.posts),
        ("Members", "member", found.members),
    ):
        if memberships:
            table = _table(title, side, "role", "from", "to", "attested on", "sources")
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
    for title, links in (("Events", found.events), ("Outcomes", found.outcomes)):
        if links:
            table = _table(title, "date", title.lower().rstrip("s"), "link")
            for link in links:
                table.add_row(
                    link.date or "",
                    f"{link.label}\n[dim]{_cell(link.node)}[/]",
                    ", ".join(link.relations),
                )
            console.print(table)
    if found.facts:
        facts = _table("Facts", "property", "value")
        for fact in found.facts:
            facts.add_row(fact.property, fact.value)
        console.print(facts)
    if found.sources:
        sources = _table("Sources", "date", "source")
        for source in found.sources:
            sources.add_row(source.date or "", f"{source.title}\n[dim]{_cell(source.node)}[/]")
        console.print(sources)


# ---- stewards: validate, add, template


def _validate_files(ctx: typer.Context, files: list[Path]) -> tuple[Any, Any]:
    """Read a batch and validate it against the graph it would join: (batch, report)."""
    from ssegraph.batch import read_batch
    from ssegraph.validate import validate_batch

    kg = _graph(ctx)
    batch = read_batch(kg, files)
    return batch, validate_batch(kg, batch)


def _print_report(report: Any, format: str) -> None:
    from ssegraph.validate import REPORT_FORMATS

    sys.stdout.write(REPORT_FORMATS[format](report))


_REPORT_FORMAT = Annotated[
    str, typer.Option("--format", "-f", help="text, json or turtle (the SHACL report graph).")
]
_STRICT = Annotated[bool, typer.Option(help="Fail on warnings too, not only on violations.")]
_FILES = Annotated[
    list[Path] | None,
    typer.Argument(help="Turtle, N-Triples, TriG, JSON-LD or CSV files (from `template`)."),
]


def _check_report_format(format: str) -> None:
    from ssegraph.errors import BadParameter
    from ssegraph.validate import REPORT_FORMATS

    if format not in REPORT_FORMATS:
        raise BadParameter("--format", f"unknown format {format!r}", list(REPORT_FORMATS))


@app.command()
def validate(
    ctx: typer.Context,
    files: _FILES = None,
    format: _REPORT_FORMAT = "text",
    strict: _STRICT = False,
) -> None:
    """Check the graph, or a batch of new facts together with the graph it would join.

    Exit 0 when it conforms (warnings shown), 1 on violations (or warnings with --strict),
    2 when a file cannot be read.
    """
    from ssegraph.validate import validate_graph

    _check_report_format(format)
    report = _validate_files(ctx, files)[1] if files else validate_graph(_graph(ctx))
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
) -> None:
    """Validate a batch and, only if it all conforms, merge what is new into data/."""
    from ssegraph import ingest
    from ssegraph.errors import BadParameter

    kg = _graph(ctx)
    project = kg.project
    if project is None:
        raise BadParameter("--project", "this graph was not loaded from a project directory")
    project.require_writable()
    target = ingest.target_file(project.data_dir, to, files)
    batch, report = _validate_files(ctx, files)
    console = _console(stderr=True)
    if not report.passes(strict):
        _print_report(report, "text")
        console.print("[red]nothing added:[/] the batch does not conform; no file was changed")
        raise typer.Exit(1)
    if report.findings:
        _print_report(report, "text")
    planned = ingest.plan(kg, batch, target, files)
    where = project.relative(target)
    if not planned.new:
        console.print(f"nothing new: the graph already holds all {len(batch)} triples")
        return
    if dry_run:
        sys.stdout.write(planned.text)
        console.print(f"dry run: would add {len(planned.new)} triples to {where}")
        return
    ingest.apply(planned)
    console.print(f"added {len(planned.new)} triples to {where}")


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


# ---- export


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="turtle, ntriples, trig or jsonld."),
    ] = "turtle",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of stdout.", dir_okay=False
        ),
    ] = None,
) -> None:
    """Write the whole graph in an RDF format (TriG and JSON-LD keep one graph per file)."""
    from ssegraph.export import get_format

    get_format(format)  # an unknown format fails before the graph is loaded
    text = _graph(ctx).export(format)
    if output is None:
        sys.stdout.write(text)
        return
    _write_atomically(output, text)
    _console(stderr=True).print(f"wrote {output} ({format})")


def _write_atomically(path: Path, text: str) -> None:
    """Write a temporary file beside ``path`` and rename it: readers never see half a file."""
    from ssegraph.errors import BadParameter

    path = path.resolve()
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise BadParameter("--output", f"{path}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
