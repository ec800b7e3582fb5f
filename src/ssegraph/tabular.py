"""Stewards' spreadsheets: CSV templates for sources, actors, people, events and memberships.

A steward who does not write RDF fills a CSV made by ``ssegraph template KIND``. Cells name
existing things the way people do (any label or acronym, French or English, accents and case
optional, or an IRI such as ``org/ilo``); each is resolved to one node, and every cell that names
nothing or several things is reported with its row, its column and the nearest names. The rows
become the same triples a curator would write by hand (see docs/model.md).

A batch of several sheets is read in the order given, and a cell may also name what an earlier
sheet of the same batch defines (a new source, a new actor then given a membership), by its id
or any of its labels, so that a steward need not add a batch in two steps.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from ssegraph import sparql
from ssegraph.backends.projection import bind_values
from ssegraph.batch_graph import Batch
from ssegraph.countries import slugify
from ssegraph.dates import parse_day
from ssegraph.errors import AmbiguousName, BadRows, UnknownEntity, UnreadableInput
from ssegraph.spreadsheet import is_formula
from ssegraph.vocab import DCTERMS, FOAF, ID, ORG, PROV, SCHEMA, SKOS, SSE, TIME

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

LIST_SEPARATOR = ";"
# Terms every row of a sheet writes, read once: an rdflib namespace makes a new term on each
# attribute read, and a sheet of 100,000 memberships reads a dozen of them on every row.
_TYPE, _CITES, _DOCUMENT = RDF.type, PROV.wasDerivedFrom, DCTERMS.BibliographicResource
_AGENT, _GROUP, _ROLE = FOAF.Agent, ORG.Organization, ORG.Role
_MEMBERSHIP, _MEMBER, _OF, _AS = ORG.Membership, ORG.member, ORG.organization, ORG.role
_LANG_TAGGED = re.compile(r"(?P<text>.+?)@(?P<lang>[a-z]{2,3})")


@dataclass(frozen=True)
class Template:
    """The columns of one kind of sheet and an example row (with real names of the graph)."""

    columns: tuple[str, ...]
    required: tuple[str, ...]
    example: tuple[str, ...]

    def text(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerow(self.example)
        return out.getvalue()


TEMPLATES: dict[str, Template] = {
    "sources": Template(
        (
            "id", "title", "title_lang", "url", "publisher", "date", "language",
            "consulted_on", "comment",
        ),
        ("id", "title", "url", "consulted_on"),
        (
            "source/ilo-sse-resolution-side-event-2022",
            "Member States strongly support tabling a resolution on Social and Solidarity "
            "Economy for Sustainable Development at the United Nations General Assembly",
            "en", "http://www.ilo.ch/global/topics/cooperatives/sse/WCMS_852750/lang--en/index.htm",
            "ILO", "2022-07-29", "en", "2026-12-01",
            "ILO news on the side event of 22 July 2022 in New York on a possible General "
            "Assembly resolution on the SSE.",
        ),
    ),
    "memberships": Template(
        ("member", "group", "role", "attested_on", "start", "end", "source"),
        ("member", "group", "role", "source"),
        ("OIT", "GPIESS", "observer", "2017-07-08", "", "", "source/gpiess-presentation-2017"),
    ),
    "actors": Template(
        ("id", "kind", "label_en", "label_fr", "alt_labels", "country", "source"),
        ("kind", "source"),
        (
            "org/inaise-europe", "SSENetwork", "INAISE Europe", "INAISE Europe",
            "INAISE-EU@en", "France", "source/ripess-working-group-collaboration",
        ),
    ),
    "events": Template(
        (
            "id", "kind", "label_en", "label_fr", "start", "end", "place", "part_of",
            "organizers", "partners", "speakers", "moderators", "source",
        ),
        ("kind", "source"),
        (
            "", "Webinar", "GSEF webinar on SSE law", "Webinaire du GSEF sur les lois d'ESS",
            "2020-09-15", "2020-09-15", "", "", "GSEF", "INAES", "Laurence Kwark", "",
            "source/gsef-international-collaboration",
        ),
    ),
    "people": Template(
        ("id", "name", "organization", "post", "title_en", "title_fr", "attested_on", "source"),
        ("name", "source"),
        (
            "", "Ana Example", "RIPESS", "representative", "RIPESS representative",
            "Représentante du RIPESS", "2020-07-17", "source/gsef-international-collaboration",
        ),
    ),
}  # fmt: skip


def template_text(kind: str) -> str:
    """The CSV header and example row of a template, or an error listing the kinds."""
    from ssegraph.errors import BadParameter

    if kind not in TEMPLATES:
        raise BadParameter("template", f"no template called {kind!r}", sorted(TEMPLATES))
    return TEMPLATES[kind].text()


def read_csv(kg: KnowledgeGraph, path: Path, text: str, earlier: Graph | None = None) -> Batch:
    """The triples of a steward's CSV; its header says which template it follows.

    ``earlier`` holds what the batch's earlier files define: a cell may name those nodes too.

    Each node a row makes is remembered with its row (``origins``: ``sheet.csv row 3``), so
    that a finding about it names the row. A cell that a spreadsheet would run as a formula
    (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is refused with its
    row and column (``ssegraph.spreadsheet``; a signed number is a number): it would be stored,
    then run when the data is exported and opened."""
    rows = _rows(path, text)
    header = tuple(cell.strip() for cell in rows[0])
    kind = next((k for k, t in TEMPLATES.items() if set(t.columns) == set(header)), None)
    if kind is None:
        raise UnreadableInput(
            f"{path}:1: the header matches no template ({', '.join(TEMPLATES)}); "
            "start from `ssegraph template KIND`"
        )
    sheet = _Sheet(kg, kind, path.name, earlier if earlier is not None else Graph())
    sheet.resolve_iris(rows[1:])
    for number, cells in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in cells):
            formulas = [
                f"row {number}, column {column}: {cell[:40]!r} starts with {cell[0]!r}, which "
                "a spreadsheet runs as a formula; remove that character"
                for column, cell in zip(header, cells, strict=False)
                if is_formula(cell)
            ]
            if formulas:
                sheet.problems += formulas
                continue
            sheet.row(number, dict(zip(header, (c.strip() for c in cells), strict=False)))
    if sheet.problems:
        raise BadRows(str(path), sheet.problems)
    if not sheet.triples:
        raise UnreadableInput(f"{path}: the sheet has a header but no rows")
    return sheet.batch()


def _rows(path: Path, text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text))
    try:
        return list(reader)
    except csv.Error as error:
        limit = csv.field_size_limit()
        detail = str(error)
        if "field larger than field limit" in detail:
            detail = f"a cell is longer than {limit:,} characters"
        raise UnreadableInput(f"{path}:{reader.line_num}: not a readable CSV: {detail}") from None


class _Sheet:
    """Turns rows into triples, collecting every problem instead of stopping at the first.

    Cells repeat (a source, a group, a role on every row): what a cell names is asked of the
    graph once per distinct value (every IRI of the sheet in one question), and whether the
    nodes named so far are of a class in one question. The triples are gathered in a dict (a
    set in the rows' order) and made one rdflib graph at the end: rdflib adds a triple in tens
    of microseconds, so each is added once."""

    def __init__(self, kg: KnowledgeGraph, kind: str, name: str, earlier: Graph) -> None:
        self.kg, self.template, self.name, self.earlier = kg, TEMPLATES[kind], name, earlier
        self.triples: dict[tuple[URIRef, URIRef, URIRef | Literal], None] = {}
        self.origins: dict[Node, str] = {}
        self.problems: list[str] = []
        self._build: Callable[[_Row], None] = _BUILDERS[kind]
        self.resolved: dict[str, URIRef | Exception] = {}
        self.typed: dict[tuple[URIRef, URIRef], bool] = {}
        self._asked: dict[URIRef, int] = {}  # class -> how many of ``resolved`` it was asked for

    def batch(self) -> Batch:
        """The sheet's triples as one graph, with the row each node comes from."""
        batch = Batch()
        for triple in self.triples:
            batch.add(triple)
        batch.origins = self.origins
        return batch

    def resolve_iris(self, rows: list[list[str]]) -> None:
        """Every cell that writes the IRI of a node the graph holds, resolved in one question
        (the other cells are resolved one by one as the rows are read, with their errors)."""
        from ssegraph.names import held_iris

        texts = {
            part.strip() for cells in rows for cell in cells for part in cell.split(LIST_SEPARATOR)
        }
        self.resolved.update(held_iris(self.kg, texts))

    def is_a(self, node: URIRef, rdf_class: URIRef) -> bool:
        """Whether the graph, or an earlier file of the batch, types ``node`` with ``rdf_class``
        or a class below it. Asked for every node the sheet's cells resolved to so far at once
        (a column names thousands; the class may have hundreds of thousands of instances)."""
        typed = self.typed
        if (node, rdf_class) not in typed:
            # Only the nodes resolved since this class was last asked about: the cells named
            # by labels resolve one by one, and each would otherwise read them all again.
            start, self._asked[rdf_class] = self._asked.get(rdf_class, 0), len(self.resolved)
            fresh = islice(self.resolved.values(), start, None)
            nodes = {n for n in fresh if isinstance(n, URIRef)} | {node}
            unchecked = sorted(n for n in nodes if (n, rdf_class) not in typed)
            query = bind_values(
                sparql.text("tabular/instances"), ["node", "c"], [(n, rdf_class) for n in unchecked]
            )
            found = {row["node"] for row in self.kg.select(query)}
            for n in unchecked:
                typed[n, rdf_class] = n in found or self._earlier_kind(n, rdf_class)
        return typed[node, rdf_class]

    def _earlier_kind(self, node: URIRef, rdf_class: URIRef) -> bool:
        """Whether an earlier file of the batch types ``node`` with a class at or below."""
        return any(
            self.kg.ask(sparql.text("tabular/narrower-or-same"), {"k": kind, "c": rdf_class})
            for kind in self.earlier.objects(node, _TYPE)
            if isinstance(kind, URIRef)
        )

    def defined_earlier(self, text: str) -> URIRef | None:
        """The node an earlier file of the batch defines under this id or label, if one."""
        from ssegraph.names import normalise

        by_id = ID[text] if re.fullmatch(r"[a-z]+/[a-z0-9][a-z0-9-]*", text) else None
        if by_id is not None and (by_id, RDF.type, None) in self.earlier:
            return by_id
        wanted = normalise(text)
        named = {
            node
            for predicate in (SKOS.prefLabel, SKOS.altLabel, DCTERMS.title)
            for node, label in self.earlier.subject_objects(predicate)
            if isinstance(node, URIRef) and normalise(str(label)) == wanted
        }
        return named.pop() if len(named) == 1 else None

    def row(self, number: int, cells: dict[str, str]) -> None:
        row = _Row(self, number, cells)
        missing = [c for c in self.template.required if not cells.get(c)]
        if missing:
            self.problems.append(f"row {number}: empty required column(s) {', '.join(missing)}")
            return
        self._build(row)


class _Row:
    """One row: typed access to its cells, each failure recorded with row and column."""

    def __init__(self, sheet: _Sheet, number: int, cells: dict[str, str]) -> None:
        self.sheet, self.number, self.cells = sheet, number, cells
        self.ok = True

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        sheet = self.sheet
        sheet.triples[s, p, o] = None
        if s not in sheet.origins:
            sheet.origins[s] = f"{sheet.name} row {self.number}"

    def fail(self, column: str, detail: str) -> None:
        self.ok = False
        self.sheet.problems.append(f"row {self.number}, column {column}: {detail}")

    def node(self, column: str, value: str | None = None) -> URIRef | None:
        """The one node that a cell names."""
        from ssegraph.names import resolve

        text = self.cells.get(column, "") if value is None else value
        if not text:
            return None
        cache = self.sheet.resolved
        if text not in cache:
            try:
                cache[text] = resolve(self.sheet.kg, text, exact=True)
            except UnknownEntity as error:
                cache[text] = self.sheet.defined_earlier(text) or error
            except AmbiguousName as error:
                cache[text] = error
        try:
            found = cache[text]
            if isinstance(found, Exception):
                raise found
            return found
        except UnknownEntity as error:
            near = f"; nearest: {', '.join(error.suggestions)}" if error.suggestions else ""
            self.fail(column, f"{text!r} names nothing in the graph{near}")
        except AmbiguousName as error:
            names = ", ".join(f"{label} ({iri})" for iri, label in error.candidates[:5])
            self.fail(column, f"{text!r} names several things: {names}")
        return None

    def nodes(self, column: str) -> list[URIRef]:
        parts = [p.strip() for p in self.cells.get(column, "").split(LIST_SEPARATOR)]
        return [n for p in parts if p and (n := self.node(column, p)) is not None]

    def typed_node(self, column: str, rdf_class: URIRef, what: str) -> URIRef | None:
        node = self.node(column)
        if node is not None and not self.sheet.is_a(node, rdf_class):
            self.fail(column, f"{self.cells[column]!r} is not {what}")
            return None
        return node

    def date(self, column: str) -> Literal | None:
        text = self.cells.get(column, "")
        if not text:
            return None
        if parse_day(text) is None:
            self.fail(column, f"{text!r} is not a date (YYYY-MM-DD)")
            return None
        return Literal(text, datatype=XSD.date)

    def kind(self, column: str, root: URIRef) -> URIRef | None:
        """An ``sse:`` class under ``root``, named by its local name (``SSENetwork``)."""
        name = self.cells.get(column, "")
        candidate = SSE[name]
        kg = self.sheet.kg
        if not kg.ask(sparql.text("tabular/strictly-narrower"), {"c": candidate, "root": root}):
            kinds = kg.select(sparql.text("tabular/kinds-below"), {"root": root})
            known = ", ".join(sorted(str(k["c"]).removeprefix(str(SSE)) for k in kinds))
            self.fail(column, f"{name!r} is not a kind of this sheet (known: {known})")
            return None
        return candidate

    def new_iri(self, kind_dir: str, label_column: str) -> URIRef | None:
        given = self.cells.get("id", "")
        slug_source = given or self.cells.get(label_column, "")
        if given and not re.fullmatch(r"[a-z]+/[a-z0-9][a-z0-9-]*", given):
            self.fail("id", f"{given!r} is not an id such as org/my-network (lower case, hyphens)")
            return None
        if not slug_source:
            self.fail("id", f"give an id or a {label_column}")
            return None
        return ID[given] if given else ID[f"{kind_dir}/{slugify(slug_source)}"]

    def labels(self, node: URIRef, columns: dict[str, str]) -> None:
        for column, lang in columns.items():
            if self.cells.get(column):
                self.add(node, SKOS.prefLabel, Literal(self.cells[column], lang=lang))

    def source(self) -> URIRef | None:
        return self.typed_node("source", _DOCUMENT, "a source document")

    def cite(self, node: URIRef, source: URIRef | None) -> None:
        if source is not None:  # None only on rows already reported as failing
            self.add(node, _CITES, source)


def _slug(node: URIRef) -> str:
    return str(node).rstrip("/").rsplit("/", 1)[-1]


def _membership(row: _Row) -> None:
    source = row.source()
    member = row.typed_node("member", _AGENT, "an organisation or a person")
    group = row.typed_node("group", _GROUP, "an organisation or group")
    role = row.typed_node("role", _ROLE, "a role (member, observer, chair, ...)")
    attested, start, end = row.date("attested_on"), row.date("start"), row.date("end")
    if not (row.ok and member and group and role):
        return
    slug = f"{_slug(member)}--{_slug(group)}--{_slug(role)}"
    membership = ID[f"membership/{slug}"]
    row.add(membership, _TYPE, _MEMBERSHIP)
    row.add(membership, _MEMBER, member)
    row.add(membership, _OF, group)
    row.add(membership, _AS, role)
    if attested is not None:
        row.add(membership, SSE.attestedOn, attested)
    if start is not None or end is not None:
        interval = ID[f"interval/{slug}"]
        row.add(membership, ORG.memberDuring, interval)
        row.add(interval, RDF.type, TIME.Interval)
        bounds = ((TIME.hasBeginning, start, "begins"), (TIME.hasEnd, end, "ends"))
        for bound, date, name in bounds:
            if date is not None:
                instant = ID[f"instant/{slug}--{name}"]
                row.add(interval, bound, instant)
                row.add(instant, RDF.type, TIME.Instant)
                row.add(instant, TIME.inXSDDate, date)
    row.cite(membership, source)


_ACTOR_DIRS = {"State": "state", "SubnationalGovernment": "gov", "LocalGovernment": "gov"}


def _actor(row: _Row) -> None:
    source = row.source()
    kind = row.kind("kind", ORG.Organization)
    country = row.typed_node("country", SCHEMA.Country, "a country")
    if kind is None:
        return
    node = row.new_iri(_ACTOR_DIRS.get(str(kind).removeprefix(str(SSE)), "org"), "label_en")
    if node is None or not row.ok:
        return
    row.add(node, RDF.type, kind)
    row.labels(node, {"label_en": "en", "label_fr": "fr"})
    for part in row.cells.get("alt_labels", "").split(LIST_SEPARATOR):
        tagged = _LANG_TAGGED.fullmatch(part.strip())
        if tagged:
            row.add(node, SKOS.altLabel, Literal(tagged["text"].strip(), lang=tagged["lang"]))
        elif part.strip():
            row.fail("alt_labels", f"{part.strip()!r} needs a language tag, e.g. OIT@fr")
    if country is not None:
        row.add(node, SSE.country, country)
    row.cite(node, source)


_EVENT_ROLES = {
    "organizers": SCHEMA.organizer,
    "partners": SSE.partner,
    "speakers": SSE.speaker,
    "moderators": SSE.moderator,
}


def _event(row: _Row) -> None:
    source = row.source()
    kind = row.kind("kind", SCHEMA.Event)
    start, end = row.date("start"), row.date("end")
    place = row.typed_node("place", SCHEMA.Place, "a place")
    parent = row.typed_node("part_of", SCHEMA.Event, "an event")
    linked = {column: row.nodes(column) for column in _EVENT_ROLES}
    node = row.new_iri("event", "label_en")
    if kind is None or node is None or not row.ok:
        return
    row.add(node, RDF.type, kind)
    row.labels(node, {"label_en": "en", "label_fr": "fr"})
    for predicate, value in (
        (SCHEMA.startDate, start),
        (SCHEMA.endDate, end),
        (SCHEMA.location, place),
        (SCHEMA.superEvent, parent),
    ):
        if value is not None:
            row.add(node, predicate, value)
    if parent is not None:
        row.add(parent, SCHEMA.subEvent, node)
    for column, predicate in _EVENT_ROLES.items():
        for value in linked[column]:
            row.add(node, predicate, value)
    row.cite(node, source)


def _person(row: _Row) -> None:
    source = row.source()
    organization = row.typed_node("organization", ORG.Organization, "an organisation")
    post = row.typed_node("post", ORG.Role, "a role or post")
    attested = row.date("attested_on")
    given = [c for c in ("organization", "post") if row.cells.get(c)]
    if len(given) == 1:  # half a post would be dropped without a word
        other = "post" if given == ["organization"] else "organization"
        row.fail(other, f"empty, but {given[0]} is filled: a post needs both")
    node = row.new_iri("person", "name")
    if node is None or not row.ok:
        return
    row.add(node, RDF.type, SSE.Person)
    row.add(node, RDF.type, FOAF.Person)
    row.labels(node, {"name": "en"})
    row.labels(node, {"name": "fr"})
    row.cite(node, source)
    if organization is None or post is None:
        return
    membership = ID[f"membership/{_slug(node)}--{_slug(organization)}--{_slug(post)}"]
    row.add(membership, RDF.type, ORG.Membership)
    row.add(membership, RDF.type, SSE.Post)
    row.add(membership, ORG.member, node)
    row.add(membership, ORG.organization, organization)
    row.add(membership, ORG.role, post)
    row.labels(membership, {"title_en": "en", "title_fr": "fr"})
    if attested is not None:
        row.add(membership, SSE.attestedOn, attested)
    row.cite(membership, source)


def _source(row: _Row) -> None:
    given = row.cells["id"]
    if not re.fullmatch(r"source/[a-z0-9][a-z0-9-]*", given):
        row.fail("id", f"{given!r} is not a source id such as source/my-page (lower case, hyphens)")
    url = row.cells["url"]
    if not re.fullmatch(r"https?://\S+", url):
        row.fail("url", f"{url!r} is not a web address (http:// or https://)")
    date, consulted = row.date("date"), row.date("consulted_on")
    publisher = row.cells.get("publisher", "")
    agent = _agent(row.sheet.kg, publisher) if publisher else None
    if not row.ok:
        return
    node = ID[given]
    row.add(node, RDF.type, SSE.ReferenceDocument)
    lang = row.cells.get("title_lang") or "en"
    row.add(node, DCTERMS.title, Literal(row.cells["title"], lang=lang))
    row.add(node, SCHEMA.url, URIRef(url))
    if publisher:
        row.add(node, DCTERMS.publisher, agent if agent is not None else Literal(publisher))
    for value, predicate in ((date, DCTERMS.date), (consulted, SSE.consultedOn)):
        if value is not None:
            row.add(node, predicate, value)
    for language in row.cells.get("language", "").split(LIST_SEPARATOR):
        if language.strip():
            row.add(node, DCTERMS.language, Literal(language.strip()))
    if row.cells.get("comment"):
        row.add(node, RDFS.comment, Literal(row.cells["comment"], lang="en"))


def _agent(kg: KnowledgeGraph, text: str) -> URIRef | None:
    """The organisation or person a name gives, or None: a publisher that is no node of the
    graph (a newspaper) stays a plain name, as in data/sources.ttl."""
    from ssegraph.names import resolve

    try:
        node = resolve(kg, text, exact=True)
    except (UnknownEntity, AmbiguousName):
        return None
    return node if kg.ask(sparql.text("tabular/is-agent"), {"n": node}) else None


_BUILDERS: dict[str, Callable[[_Row], None]] = {
    "sources": _source,
    "memberships": _membership,
    "actors": _actor,
    "events": _event,
    "people": _person,
}
