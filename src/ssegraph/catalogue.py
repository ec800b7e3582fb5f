"""The query catalogue: one SPARQL file per question in ``queries/``, documented by its header.

Each ``queries/<name>.rq`` opens with comment lines::

    # title: Members of a group as of a date
    # title@fr: Membres d'un groupe à une date
    # description: Every actor that belongs to a group on a date ...
    #   (a continuation line is indented by two spaces or more)
    # description@fr: Chaque acteur membre d'un groupe à une date ...
    # param: group (group) default GPIESS - The group, by any of its names or its IRI.
    # param@fr: group « groupe » - Le groupe, par l'un de ses noms ou son IRI.
    # param: date (date) default 2017-07-08 - The date at which membership holds.
    # param@fr: date - La date à laquelle l'appartenance est vérifiée.
    # example: ssegraph query members-as-of --param group=GPIESS --param date=2014-09-17
    # highlight: yes

A ``param@fr`` line gives a parameter's French twin: the label a form shows for it (between
« », the name itself when left out) and its description; its name, the variable, stays.

A parameter is a variable of the query (``?group``), typed so that the text a user gives
becomes the right RDF term: an actor's name is resolved to its IRI, a date becomes an
``xsd:date``. A group, a country or a role is looked up among the things of that kind only
(``names.KINDS``; a country by its ISO code too), a language among the graph's languages; a
unique partial name is taken and said so (the ``notes`` of ``bindings``), an unknown one refused
with the nearest names of its kind. The terms are bound by the store (substitutions, or a
VALUES block of escaped terms on a remote endpoint); a value is never pasted into the query
text, so a value that looks like SPARQL stays a literal. Ad-hoc queries (``adhoc_query``)
take the same header and types.

A query may have a variant for one engine, ``queries/<engine>/<name>.rq`` (``virtuoso/``):
the same question in another standard formulation, for a server that answers the first one
wrongly, sent to that engine only (``KnowledgeGraph.engine``). Its header is its own
comments; the tests hold it to the same answers as the query it stands for.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ssegraph.backends.projection import query_form
from ssegraph.dates import parse_day
from ssegraph.errors import BadParameter, QueryError, UnknownEntity
from ssegraph.project import Project, locate
from ssegraph.results import Results, answer

if TYPE_CHECKING:
    from rdflib import Graph

    from ssegraph.graph import KnowledgeGraph

#: Languages a query's title, description and parameters may be given in besides English
#: (``title@fr``, ``param@fr``).
TRANSLATED = ("fr",)
FIELDS = (
    "title", "description",
    *(f"{field}@{lang}" for lang in TRANSLATED for field in ("title", "description")),
    "param", *(f"param@{lang}" for lang in TRANSLATED), "example", "highlight",
)  # fmt: skip
_FIELD = re.compile(r"#\s(\w+(?:@[a-z]{2})?):\s?(.*)")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)")
_PARAM = re.compile(
    r"(?P<name>[A-Za-z_]\w*)\s+\((?P<type>\w+)\)"
    r"(?:\s+default\s+(?P<default>.+?))?\s+-\s+(?P<description>.+)"
)
_PARAM_TWIN = re.compile(
    r"(?P<name>[A-Za-z_]\w*)(?:\s+«\s*(?P<label>[^«»]*?)\s*»)?\s+-\s+(?P<description>.+)"
)
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
# RFC 3987 leaves these out of an IRI; rdflib and the stores refuse them too.
_IRI = re.compile(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|^`\\]+")
#: Query forms whose answer is a graph, not a table.
GRAPH_FORMS = frozenset({"CONSTRUCT", "DESCRIBE"})


# ---- parameter types: the text a user gives -> the RDF term bound to the variable


def _thing(kg: KnowledgeGraph, text: str) -> Identifier:
    """Any of a node's names or acronyms, in any language, or its IRI (``names.resolve``)."""
    from ssegraph.names import resolve

    return resolve(kg, text)


def _iri(kg: KnowledgeGraph, text: str) -> Identifier:
    from ssegraph.cells import read_printed
    from ssegraph.vocab import expand

    text = text.strip().removeprefix("<").removesuffix(">")
    iri = read_printed(text) or expand(text) or (URIRef(text) if _IRI.fullmatch(text) else None)
    if iri is None:
        raise ValueError("not an IRI or a prefixed name such as o:ilo or sse:State")
    return iri


def _date(kg: KnowledgeGraph, text: str) -> Identifier:
    day = parse_day(text)
    if day is None:
        raise ValueError("not a date: write it YYYY-MM-DD")
    return Literal(day)


def _integer(kg: KnowledgeGraph, text: str) -> Identifier:
    try:
        return Literal(int(text.strip()))
    except ValueError:
        raise ValueError("not a whole number") from None


def _string(kg: KnowledgeGraph, text: str) -> Identifier:
    return Literal(text)


def _lang(kg: KnowledgeGraph, text: str) -> Identifier:
    return Literal(checked_language(kg, text))


def checked_language(kg: KnowledgeGraph, text: str) -> str:
    """``text`` as one of the languages the graph's names are written in, else ValueError
    naming them (a language with no label would show blank names)."""
    from ssegraph.names import languages

    tag = text.strip().lower()
    if not _LANG.fullmatch(tag):
        raise ValueError("not a language tag such as en or fr")
    known = languages(kg)
    if tag not in known:
        raise ValueError(f"no name in the graph is in {tag!r}; its languages: {', '.join(known)}")
    return tag


#: Parameter type -> how a text value becomes an RDF term (a year is a plain integer). Actors,
#: events, places and outcomes are all named the same way; the type tells the reader which.
PARAM_TYPES: dict[str, Callable[[KnowledgeGraph, str], Identifier]] = {
    "actor": _thing,
    "event": _thing,
    "place": _thing,
    "outcome": _thing,
    "iri": _iri,
    "date": _date,
    "year": _integer,
    "integer": _integer,
    "string": _string,
    "lang": _lang,
}


#: Types naming a thing of one kind, looked up among that kind only (``names.KINDS``); a role is
#: bound as its name, which the queries compare with the role's labels in any language.
KIND_TYPES = ("group", "country", "role")
TYPES = (*KIND_TYPES, *PARAM_TYPES)
#: The types' names as a form shows them, in the languages of ``TRANSLATED`` (English: the type).
TYPE_NAMES: dict[str, dict[str, str]] = {
    "fr": {
        "group": "groupe", "country": "pays", "role": "rôle", "actor": "acteur",
        "event": "événement", "place": "lieu", "outcome": "résultat", "iri": "IRI",
        "date": "date", "year": "année", "integer": "nombre entier", "string": "texte",
        "lang": "langue",
    },
}  # fmt: skip


@dataclass(frozen=True)
class Parameter:
    """A typed variable of a catalogue query, with its default and meaning."""

    name: str
    type: str
    default: str | None
    description: str
    translations: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # lang -> both

    def label_in(self, lang: str | None) -> str:
        """What a form calls the parameter in ``lang`` (``# param@fr:``), else its name."""
        return self.translations.get(lang or "", (self.name, ""))[0]

    def description_in(self, lang: str | None) -> str:
        """The description in ``lang`` (``# param@fr:``), else the English one."""
        return self.translations.get(lang or "", ("", self.description))[1]

    def type_in(self, lang: str | None) -> str:
        """The type's name in ``lang`` (``TYPE_NAMES``), else the type."""
        return TYPE_NAMES.get(lang or "", {}).get(self.type, self.type)

    def bind(self, kg: KnowledgeGraph, value: object, notes: list[str] | None = None) -> Identifier:
        """The RDF term for a value: text is converted by the type, terms are kept; a near
        match taken for a thing of a kind is said in ``notes`` ("took GPIESS for GPIES")."""
        if isinstance(value, Identifier) and not isinstance(value, Literal):
            return value
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        if self.type in KIND_TYPES:
            return self._bind_kind(kg, text, notes)
        try:
            return PARAM_TYPES[self.type](kg, text)
        except ValueError as error:
            raise BadParameter(self.name, f"{text!r}: {error}") from None

    def _bind_kind(self, kg: KnowledgeGraph, text: str, notes: list[str] | None) -> Identifier:
        from ssegraph.names import KINDS, resolve_kind

        try:
            found = resolve_kind(kg, text, KINDS[self.type])
        except UnknownEntity as error:
            raise BadParameter(
                self.name, f"{text!r}: no {self.type} is called so", error.suggestions
            ) from None
        if found.near is not None and notes is not None:
            notes.append(f"{self.name}: took {found.near} for {text}")
        return Literal(found.label) if self.type == "role" else found.node


@dataclass(frozen=True)
class CatalogueQuery:
    """One question of the catalogue: its SPARQL and its documented header."""

    name: str
    path: Path | None  # None: typed on the command line
    title: str
    description: str
    params: tuple[Parameter, ...]
    examples: tuple[str, ...]
    highlight: bool
    sparql: str
    translations: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # lang -> both
    variants: Mapping[str, str] = field(default_factory=dict)  # engine -> its text

    def text_for(self, kg: KnowledgeGraph) -> str:
        """The SPARQL sent to ``kg``'s engine: its variant for that engine, if any."""
        return self.variants.get(kg.engine, self.sparql)

    def title_in(self, lang: str | None) -> str:
        """The title in ``lang`` (``# title@fr:``), else the English one."""
        return self.translations.get(lang or "", (self.title, ""))[0]

    def description_in(self, lang: str | None) -> str:
        """The description in ``lang`` (``# description@fr:``), else the English one."""
        return self.translations.get(lang or "", ("", self.description))[1] or self.description

    def bindings(
        self, kg: KnowledgeGraph, values: Mapping[str, object], notes: list[str] | None = None
    ) -> dict[str, Identifier]:
        """Every parameter bound: the value given, else the default, else an error; the near
        matches taken are said in ``notes``."""
        known = {param.name: param for param in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise BadParameter(
                unknown[0], f"query {self.name!r} has no such parameter", sorted(known)
            )
        bound: dict[str, Identifier] = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                raise BadParameter(param.name, f"query {self.name!r} needs a value for it")
            bound[param.name] = param.bind(kg, value, notes)
        return bound

    def with_lang(self, values: Mapping[str, object], lang: str | None) -> dict[str, object]:
        """The values with ``lang`` for the query's ``lang`` parameter, if it has one and no
        value was given for it: the language the reader asked the labels in."""
        given = dict(values)
        if lang is not None and any(param.name == "lang" for param in self.params):
            given.setdefault("lang", lang)
        return given

    @property
    def form(self) -> str:
        """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``."""
        return query_form(self.sparql)

    def results(
        self, kg: KnowledgeGraph, values: Mapping[str, object], notes: list[str] | None = None
    ) -> Results:
        """The answer of a SELECT or ASK: plain values when iterated (pandas reads them as
        they are), rdflib terms from ``terms()``, ready for any result format."""
        return answer(kg, self.text_for(kg), self.bindings(kg, values, notes))

    def graph(
        self, kg: KnowledgeGraph, values: Mapping[str, object], notes: list[str] | None = None
    ) -> Graph:
        """The triples a CONSTRUCT or DESCRIBE answers."""
        return kg.construct(self.text_for(kg), self.bindings(kg, values, notes))


def parse_assignments(texts: Iterable[str]) -> dict[str, str]:
    """``["group=GPIESS", "date=2014-09-17"]`` -> ``{"group": "GPIESS", ...}`` (``--param``)."""
    values: dict[str, str] = {}
    for text in texts:
        name, equals, value = text.partition("=")
        if not equals or not name.strip():
            raise BadParameter("--param", f"{text!r}: write it NAME=VALUE, as in date=2014-09-17")
        values[name.strip()] = value
    return values


def parse_query_file(path: Path, shown_as: str | None = None) -> CatalogueQuery:
    """Read one ``.rq`` file and its header; ``QueryError`` names the file and line if bad."""
    where = shown_as or str(path)
    text = path.read_text(encoding="utf-8")
    header = _header(text)
    for key, values in header.items():
        if key not in FIELDS:
            raise QueryError(
                f"{where}:{values[0][1]}", f"unknown header field {key!r}; use {', '.join(FIELDS)}"
            )
    if "title" not in header:
        raise QueryError(where, "the header has no '# title:' line")
    return _query(path.stem, path, text, header, where)


def adhoc_query(text: str, name: str = "ad-hoc", where: str = "query") -> CatalogueQuery:
    """A query typed on the command line or read from any file.

    Its header is optional and its other comments stay comments, but ``# param:`` lines type
    its parameters exactly as in the catalogue, so a copied catalogue file runs unchanged. The
    prefixes tables print (``o:ilo``, ``cells.PRINTED_PREFIXES``) are declared for it; an
    update or a prefix nobody declares is refused in one line.
    """
    _refuse_update(text, where)
    return _query(name, None, _with_printed_prefixes(text, where), _header(text), where)


_UPDATES = frozenset(
    {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
)
# A prefixed name's prefix, outside strings, IRIs and comments (each matched as a whole first).
_PREFIX_USE = re.compile(
    r'"""[\s\S]*?"""'
    r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|\#[^\n]*"
    r"|(?<![\w?$:.-])(?P<prefix>[A-Za-z][\w.-]*)?(?P<colon>:)(?=[\w%\\])"
)


def _refuse_update(text: str, where: str) -> None:
    from ssegraph.backends.projection import leading_keyword

    keyword = leading_keyword(text)
    if keyword in _UPDATES:
        raise QueryError(
            where,
            f"{keyword.upper()} is an update and the graph is read-only here: run SELECT, ASK, "
            "CONSTRUCT or DESCRIBE (stewards add facts with `ssegraph add`)",
        )


def _with_printed_prefixes(text: str, where: str) -> str:
    """``text`` with a PREFIX line for each printed prefix it uses and does not declare;
    ``QueryError`` for a prefix that is neither declared nor known."""
    from ssegraph.backends.projection import declared_prefixes
    from ssegraph.cells import PRINTED_PREFIXES
    from ssegraph.vocab import PREFIXES

    used = {found["prefix"] or "" for found in _PREFIX_USE.finditer(text) if found["colon"]}
    used -= declared_prefixes(text)
    unknown = sorted(used - set(PREFIXES) - set(PRINTED_PREFIXES))
    if unknown:
        known = ", ".join(f"{p}:" for p in sorted({*PREFIXES, *PRINTED_PREFIXES}))
        raise QueryError(
            where,
            f"unknown prefix {unknown[0]}: (declare it with PREFIX {unknown[0]}: <...>, or use "
            f"one of {known})",
        )
    missing = sorted(used - set(PREFIXES))
    return "".join(f"PREFIX {p}: <{PRINTED_PREFIXES[p]}>\n" for p in missing) + text


def _header(text: str) -> dict[str, list[tuple[str, int]]]:
    """The opening comment lines' fields by name, each value with its line number."""
    fields: list[tuple[str, str, int]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.startswith("#"):
            if line:
                break
            continue
        if field := _FIELD.fullmatch(line):
            key, value = field.groups()
            fields.append((key, value.strip(), number))
        elif (more := _CONTINUATION.fullmatch(line)) and fields:
            key, value, first = fields[-1]
            fields[-1] = (key, f"{value} {more.group(1)}".strip(), first)
    header: dict[str, list[tuple[str, int]]] = {}
    for key, value, number in fields:
        header.setdefault(key, []).append((value, number))
    return header


def _query(
    name: str, path: Path | None, text: str, header: dict[str, list[tuple[str, int]]], where: str
) -> CatalogueQuery:
    params = _translated(
        tuple(_parameter(value, f"{where}:{number}") for value, number in header.get("param", [])),
        header,
        where,
    )
    for param in params:
        if not re.search(rf"[?$]{param.name}\b", text):
            raise QueryError(where, f"parameter {param.name!r} is not a variable of the query")

    def joined(key: str) -> str:
        return " ".join(value for value, _ in header.get(key, []))

    title = header["title"][0][0] if "title" in header else name
    return CatalogueQuery(
        name=name,
        path=path,
        title=title,
        description=joined("description"),
        params=params,
        examples=tuple(value for value, _ in header.get("example", [])),
        highlight=any(v.lower() in {"yes", "true"} for v, _ in header.get("highlight", [])),
        sparql=text,
        translations={
            lang: (joined(f"title@{lang}") or title, joined(f"description@{lang}"))
            for lang in TRANSLATED
            if f"title@{lang}" in header or f"description@{lang}" in header
        },
    )


def _parameter(text: str, where: str) -> Parameter:
    found = _PARAM.fullmatch(text)
    if found is None:
        raise QueryError(where, "write a parameter as: NAME (TYPE) [default VALUE] - DESCRIPTION")
    if found["type"] not in TYPES:
        raise QueryError(where, f"unknown parameter type {found['type']!r}; use {', '.join(TYPES)}")
    return Parameter(found["name"], found["type"], found["default"], found["description"])


def _translated(
    params: tuple[Parameter, ...], header: dict[str, list[tuple[str, int]]], where: str
) -> tuple[Parameter, ...]:
    """The parameters with their ``# param@fr:`` twins; ``QueryError`` at a twin's line if it
    is malformed, names no parameter, or repeats one."""
    twins: dict[str, dict[str, tuple[str, str]]] = {param.name: {} for param in params}
    for lang in TRANSLATED:
        for value, number in header.get(f"param@{lang}", []):
            line = f"{where}:{number}"
            found = _PARAM_TWIN.fullmatch(value)
            if found is None:
                raise QueryError(
                    line, f"write a parameter's twin as: NAME [« LABEL »] - DESCRIPTION in {lang}"
                )
            name = found["name"]
            if name not in twins:
                raise QueryError(line, f"no '# param:' line names {name!r}; use {sorted(twins)}")
            if lang in twins[name]:
                raise QueryError(line, f"parameter {name!r} has a second '# param@{lang}:' line")
            twins[name][lang] = (found["label"] or name, found["description"])
    return tuple(replace(param, translations=twins[param.name]) for param in params)


class Catalogue:
    """The named queries of a project."""

    def __init__(self, queries: Mapping[str, CatalogueQuery]) -> None:
        self.queries = dict(sorted(queries.items()))

    @classmethod
    def load(cls, project: Project | Path | str | None = None) -> Catalogue:
        """Read every ``queries/*.rq`` of a project (located as for ``KnowledgeGraph.load``),
        and the variants in ``queries/<engine>/``."""
        if not isinstance(project, Project):
            project = locate(project)
        queries = {
            path.stem: parse_query_file(path, project.relative(path))
            for path in project.query_files()
        }
        return cls(_with_variants(queries, project))

    def names(self) -> list[str]:
        return list(self.queries)

    def get(self, name: str) -> CatalogueQuery:
        try:
            return self.queries[name]
        except KeyError:
            raise BadParameter("query", f"no query is called {name!r}", self.names()) from None

    def highlights(self) -> list[CatalogueQuery]:
        """The queries marked ``# highlight: yes``, shown by ``ssegraph info``."""
        return [query for query in self.queries.values() if query.highlight]

    def __len__(self) -> int:
        return len(self.queries)


def _with_variants(
    queries: dict[str, CatalogueQuery], project: Project
) -> dict[str, CatalogueQuery]:
    """The queries with their variants (``queries/<engine>/<name>.rq``); ``QueryError`` names
    a variant of no query, or of another form than its query's."""
    variants: dict[str, dict[str, str]] = {}
    for path in project.query_variant_files():
        where = project.relative(path)
        query = queries.get(path.stem)
        if query is None:
            raise QueryError(where, f"a variant of no query: there is no queries/{path.name}")
        text = path.read_text(encoding="utf-8")
        if (form := query_form(text)) != query.form:
            raise QueryError(where, f"this variant is {form}, the query it stands for {query.form}")
        variants.setdefault(path.stem, {})[path.parent.name.lower()] = text
    return {
        name: replace(query, variants=variants[name]) if name in variants else query
        for name, query in queries.items()
    }


_CATALOGUES: weakref.WeakKeyDictionary[KnowledgeGraph, Catalogue] = weakref.WeakKeyDictionary()


def catalogue_of(kg: KnowledgeGraph) -> Catalogue:
    """The catalogue of a graph's project (or of the located one), read once per graph."""
    if kg not in _CATALOGUES:
        _CATALOGUES[kg] = Catalogue.load(kg.project)
    return _CATALOGUES[kg]


def query(kg: KnowledgeGraph, name: str, /, **params: object) -> Results:
    """Run a catalogue query by name with its parameters (text, dates or RDF terms), defaults
    for the rest: ``pandas.DataFrame(query(kg, "members-as-of", date="2014-09-17"))``. A near
    match taken for a parameter ("took GPIESS for GPIES") is a ``UserWarning``."""
    notes: list[str] = []
    results = catalogue_of(kg).get(name).results(kg, params, notes)
    for note in notes:
        warnings.warn(note, stacklevel=2)
    return results
