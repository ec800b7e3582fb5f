"""The query catalogue: one SPARQL file per question in ``queries/``, documented by its header.

Each ``queries/<name>.rq`` opens with comment lines::

    # title: Members of a group as of a date
    # description: Every actor that belongs to a group on a date ...
    #   (a continuation line is indented by two spaces or more)
    # param: group (actor) default GPIESS - The group, by any of its names or its IRI.
    # param: date (date) default 2017-07-08 - The date at which membership holds.
    # example: ssegraph query members-as-of --param group=GPIESS --param date=2014-09-17
    # highlight: yes

A parameter is a variable of the query (``?group``), typed so that the text a user gives
becomes the right RDF term: an actor's name is resolved to its IRI, a date becomes an
``xsd:date``. The terms are bound by the store (substitutions, or a VALUES block of escaped
terms on a remote endpoint); a value is never pasted into the query text, so a value that looks
like SPARQL stays a literal. Ad-hoc queries (``adhoc_query``) take the same header and types.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ssegraph.backends.projection import query_form
from ssegraph.dates import parse_day
from ssegraph.errors import BadParameter, QueryError
from ssegraph.project import Project, locate
from ssegraph.results import Results, answer

if TYPE_CHECKING:
    from rdflib import Graph

    from ssegraph.graph import KnowledgeGraph

FIELDS = ("title", "description", "param", "example", "highlight")
_FIELD = re.compile(r"#\s(\w+):\s?(.*)")
_CONTINUATION = re.compile(r"#\s{2,}(\S.*)")
_PARAM = re.compile(
    r"(?P<name>[A-Za-z_]\w*)\s+\((?P<type>\w+)\)"
    r"(?:\s+default\s+(?P<default>.+?))?\s+-\s+(?P<description>.+)"
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
    from ssegraph.vocab import expand

    text = text.strip().removeprefix("<").removesuffix(">")
    iri = expand(text) or (URIRef(text) if _IRI.fullmatch(text) else None)
    if iri is None:
        raise ValueError("not an IRI or a prefixed name such as id:org/ilo")
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
    if not _LANG.fullmatch(text.strip()):
        raise ValueError("not a language tag such as en or fr")
    return Literal(text.strip().lower())


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


@dataclass(frozen=True)
class Parameter:
    """A typed variable of a catalogue query, with its default and meaning."""

    name: str
    type: str
    default: str | None
    description: str

    def bind(self, kg: KnowledgeGraph, value: object) -> Identifier:
        """The RDF term for a value: text is converted by the type, terms are kept."""
        if isinstance(value, Identifier) and not isinstance(value, Literal):
            return value
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        try:
            return PARAM_TYPES[self.type](kg, text)
        except ValueError as error:
            raise BadParameter(self.name, f"{text!r}: {error}") from None


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

    def bindings(self, kg: KnowledgeGraph, values: Mapping[str, object]) -> dict[str, Identifier]:
        """Every parameter bound: the value given, else the default, else an error."""
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
            bound[param.name] = param.bind(kg, value)
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

    def results(self, kg: KnowledgeGraph, values: Mapping[str, object]) -> Results:
        """The answer of a SELECT or ASK: plain values when iterated (pandas reads them as
        they are), rdflib terms from ``terms()``, ready for any result format."""
        return answer(kg, self.sparql, self.bindings(kg, values))

    def graph(self, kg: KnowledgeGraph, values: Mapping[str, object]) -> Graph:
        """The triples a CONSTRUCT or DESCRIBE answers."""
        return kg.construct(self.sparql, self.bindings(kg, values))


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
    its parameters exactly as in the catalogue, so a copied catalogue file runs unchanged.
    """
    return _query(name, None, text, _header(text), where)


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
    params = tuple(
        _parameter(value, f"{where}:{number}") for value, number in header.get("param", [])
    )
    for param in params:
        if not re.search(rf"[?$]{param.name}\b", text):
            raise QueryError(where, f"parameter {param.name!r} is not a variable of the query")
    return CatalogueQuery(
        name=name,
        path=path,
        title=header["title"][0][0] if "title" in header else name,
        description=" ".join(value for value, _ in header.get("description", [])),
        params=params,
        examples=tuple(value for value, _ in header.get("example", [])),
        highlight=any(v.lower() in {"yes", "true"} for v, _ in header.get("highlight", [])),
        sparql=text,
    )


def _parameter(text: str, where: str) -> Parameter:
    found = _PARAM.fullmatch(text)
    if found is None:
        raise QueryError(where, "write a parameter as: NAME (TYPE) [default VALUE] - DESCRIPTION")
    if found["type"] not in PARAM_TYPES:
        raise QueryError(
            where, f"unknown parameter type {found['type']!r}; use {', '.join(PARAM_TYPES)}"
        )
    return Parameter(found["name"], found["type"], found["default"], found["description"])


class Catalogue:
    """The named queries of a project."""

    def __init__(self, queries: Mapping[str, CatalogueQuery]) -> None:
        self.queries = dict(sorted(queries.items()))

    @classmethod
    def load(cls, project: Project | Path | str | None = None) -> Catalogue:
        """Read every ``queries/*.rq`` of a project (located as for ``KnowledgeGraph.load``)."""
        if not isinstance(project, Project):
            project = locate(project)
        return cls(
            {
                path.stem: parse_query_file(path, project.relative(path))
                for path in project.query_files()
            }
        )

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


_CATALOGUES: weakref.WeakKeyDictionary[KnowledgeGraph, Catalogue] = weakref.WeakKeyDictionary()


def catalogue_of(kg: KnowledgeGraph) -> Catalogue:
    """The catalogue of a graph's project (or of the located one), read once per graph."""
    if kg not in _CATALOGUES:
        _CATALOGUES[kg] = Catalogue.load(kg.project)
    return _CATALOGUES[kg]


def query(kg: KnowledgeGraph, name: str, /, **params: object) -> Results:
    """Run a catalogue query by name with its parameters (text, dates or RDF terms), defaults
    for the rest: ``pandas.DataFrame(query(kg, "members-as-of", date="2014-09-17"))``."""
    return catalogue_of(kg).get(name).results(kg, params)
