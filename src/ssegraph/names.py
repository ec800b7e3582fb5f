"""Names to things: label normalisation, search, and resolution of a name or IRI to one node.

People call a body by its French or English name or acronym ("OIT", "ILO", "Organisation
internationale du Travail"), with or without accents and capitals. Every ``skos:prefLabel`` and
``skos:altLabel`` is indexed under a normalised form, so any of those names finds the one node
that carries it, and a name that finds nothing comes back with the nearest names.

On a store kept on disk the index is kept beside it, in SQLite (``StoredIndex``): built once per
generation of the store, then each command asks it for the few names it needs instead of
reading and normalising every label of the graph again (200k labels at 1M triples: 20 s).
"""

from __future__ import annotations

import difflib
import re
import sqlite3
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rdflib import Literal, URIRef

from ssegraph import sparql
from ssegraph.backends.projection import bind_values, writable
from ssegraph.cells import read_printed
from ssegraph.errors import AmbiguousName, CannotWrite, UnknownEntity
from ssegraph.safefile import replacing
from ssegraph.vocab import ID, ID_KINDS, SKOS, expand, short

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[\W_]+")
_IRI = re.compile(r"<?(https?://[^\s<>]+)>?")
_ID_PATH = re.compile(rf"(?:{'|'.join(ID_KINDS)})/[a-z0-9][a-z0-9-]*")

#: How a label matched, best first.
EXACT, COMPACT, PREFIX, SUBSTRING = "exact", "exact (ignoring spaces)", "starts with", "contains"
_RANK = {EXACT: 0, COMPACT: 1, PREFIX: 2, SUBSTRING: 3}


def normalise(text: str) -> str:
    """Casefolded, accents stripped, punctuation and spaces collapsed to single spaces.

    "Économie sociale" -> "economie sociale"; "U.N.-Habitat" -> "u n habitat".
    """
    bare = str(text)
    if not bare.isascii():  # ASCII has no accent nor ligature: the index of a large graph is
        decomposed = unicodedata.normalize("NFKD", bare.translate(_LIGATURES))  # mostly ASCII
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub(" ", bare.casefold()).strip()


def compact(text: str) -> str:
    """The normalised form without spaces: "UN-Habitat" and "UN Habitat" -> "unhabitat"."""
    return normalise(text).replace(" ", "")


@dataclass(frozen=True)
class Label:
    """One name of one node."""

    node: URIRef
    text: str
    lang: str
    preferred: bool  # skos:prefLabel (else skos:altLabel)


@dataclass(frozen=True)
class Match:
    """A node found by a search, with the label that matched and how."""

    node: URIRef
    label: str  # the node's display name (its prefLabel in the asked language, if any)
    matched: str  # the label that matched the text
    lang: str
    how: str  # EXACT, COMPACT, PREFIX or SUBSTRING


class _Displays:
    """What both indexes share: a node's display name from its labels (``by_node``)."""

    by_node: Mapping[URIRef, list[Label]]

    def display(self, node: URIRef, lang: str = "en") -> str:
        """The name to show for a node: prefLabel in ``lang``, else any prefLabel, else any."""
        return shown_name(self.by_node.get(node, []), lang) or short(node)


class Named(Protocol):
    """A name of a node, as the display rule reads it."""

    @property
    def text(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def preferred(self) -> bool: ...


def shown_name(names: Iterable[Named], lang: str = "en") -> str | None:
    """The one display rule: a prefLabel in ``lang``, else any prefLabel, else any name; None
    for a node without names."""
    ranked = sorted(names, key=lambda name: (not name.preferred, name.lang != lang))
    return ranked[0].text if ranked else None


class NameIndex(_Displays):
    """Every prefLabel and altLabel of the graph, by normalised and compact form."""

    def __init__(self, labels: list[Label]) -> None:
        self.labels = labels
        self.by_node: dict[URIRef, list[Label]] = {}
        for label in labels:
            self.by_node.setdefault(label.node, []).append(label)
        self._keys = [
            (key, key.replace(" ", ""), label)  # the compact form, without normalising twice
            for label in labels
            for key in (normalise(label.text),)
        ]
        # Whole names, for resolving one without reading every name of a large graph.
        self._by_key: dict[str, set[URIRef]] = {}
        self._by_compact: dict[str, set[URIRef]] = {}
        for key, key_compact, label in self._keys:
            self._by_key.setdefault(key, set()).add(label.node)
            self._by_compact.setdefault(key_compact, set()).add(label.node)

    @classmethod
    def build(cls, kg: KnowledgeGraph) -> NameIndex:
        rows = kg.select(sparql.text("names/labels"))
        labels = [
            Label(
                URIRef(row["node"]),
                str(row["label"]),
                getattr(row["label"], "language", None) or "",
                row["property"] == SKOS.prefLabel,
            )
            for row in rows
        ]
        labels.sort(
            key=lambda label: (str(label.node), not label.preferred, label.lang, label.text)
        )
        return cls(labels)

    def search(self, text: str, lang: str = "en") -> list[Match]:
        """Nodes whose labels match ``text``: exact (normalised) first, then partial, ranked."""
        wanted, wanted_compact = normalise(text), compact(text)
        if not wanted:
            return []
        return self.ranked(self._keys, wanted, wanted_compact, lambda n: self.display(n, lang))

    @staticmethod
    def ranked(
        keys: Iterable[tuple[str, str, Label]],
        wanted: str,
        wanted_compact: str,
        display: Callable[[URIRef], str],
    ) -> list[Match]:
        """The nodes of the labels that match, each by its best label, best first."""
        best: dict[URIRef, tuple[tuple[int, int, int, str], Label, str]] = {}
        for key, key_compact, label in keys:
            how = _how(wanted, wanted_compact, key, key_compact)
            if how is None:
                continue
            rank = (_RANK[how], 0 if label.preferred else 1, len(key), label.text)
            if label.node not in best or rank < best[label.node][0]:
                best[label.node] = (rank, label, how)
        ordered = sorted(best.values(), key=lambda item: item[0])
        return [Match(x.node, display(x.node), x.text, x.lang, how) for _, x, how in ordered]

    def exactly(self, text: str) -> set[URIRef]:
        """The nodes one of whose names is ``text`` exactly, once normalised (or without its
        spaces): the EXACT and COMPACT matches of ``search``, looked up instead of searched."""
        wanted = normalise(text)
        if not wanted:
            return set()
        by_compact = self._by_compact.get(wanted.replace(" ", ""), set())
        return self._by_key.get(wanted, set()) | by_compact

    @cached_property
    def languages(self) -> list[str]:
        """The language tags the labels are written in (read once: every binding asks)."""
        return sorted({label.lang for label in self.labels if label.lang})

    def nearest(self, text: str, n: int = 5) -> list[str]:
        """Labels closest in spelling to ``text`` (for "did you mean")."""
        by_key: dict[str, str] = {}
        for key, _, label in self._keys:
            by_key.setdefault(key, label.text)
        close = difflib.get_close_matches(normalise(text), list(by_key), n=n, cutoff=0.6)
        return [by_key[key] for key in close]


def _how(wanted: str, wanted_compact: str, key: str, key_compact: str) -> str | None:
    if key == wanted:
        return EXACT
    if key_compact == wanted_compact:
        return COMPACT
    if key.startswith(wanted):
        return PREFIX
    if wanted in key or (len(wanted_compact) > 2 and wanted_compact in key_compact):
        return SUBSTRING
    return None


_INDEXES: weakref.WeakKeyDictionary[KnowledgeGraph, tuple[int, NameIndex | StoredIndex]] = (
    weakref.WeakKeyDictionary()
)


def index(kg: KnowledgeGraph) -> NameIndex | StoredIndex:
    """The name index of ``kg``, built once and rebuilt after the graph changes; kept beside
    a store on disk (as long as nothing was added to it in this process)."""
    cached = _INDEXES.get(kg)
    if cached is None or cached[0] != kg.generation:
        cached = (kg.generation, _stored_or_built(kg))
        _INDEXES[kg] = cached
    return cached[1]


def _stored_or_built(kg: KnowledgeGraph) -> NameIndex | StoredIndex:
    path = kg.sidecar("names.sqlite")
    if path is None:
        return NameIndex.build(kg)
    if not path.exists():
        built = NameIndex.build(kg)
        try:
            StoredIndex.write(path, built.labels)
        except (CannotWrite, OSError, sqlite3.Error):
            return built  # a cache that cannot be written: the index in memory still answers
    return StoredIndex(path)


class StoredIndex(_Displays):
    """The name index in a SQLite file: the same answers as ``NameIndex``, read on demand."""

    _COLUMNS = "node TEXT, text TEXT, lang TEXT, preferred INTEGER, key TEXT, compact TEXT"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.by_node: Mapping[URIRef, list[Label]] = _LabelsByNode(self._db)

    @classmethod
    def write(cls, path: Path, labels: list[Label]) -> None:
        """Write the labels to ``path`` (whole, then renamed into place: readers never see
        half a file; ``safefile.replacing`` removes the temporary file if anything fails)."""
        with replacing(path) as temporary:
            db = sqlite3.connect(temporary)
            try:
                with db:
                    db.execute(f"CREATE TABLE labels ({cls._COLUMNS})")
                    db.executemany(
                        "INSERT INTO labels VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            (str(x.node), x.text, x.lang, x.preferred, key, key.replace(" ", ""))
                            for x in labels
                            for key in (normalise(x.text),)
                        ),
                    )
                    for column in ("node", "key", "compact"):
                        db.execute(f"CREATE INDEX by_{column} ON labels ({column})")
                    db.execute("CREATE TABLE languages (lang TEXT PRIMARY KEY)")
                    db.executemany(
                        "INSERT INTO languages VALUES (?)",
                        ((lang,) for lang in sorted({x.lang for x in labels if x.lang})),
                    )
            finally:
                db.close()

    def search(self, text: str, lang: str = "en") -> list[Match]:
        wanted, wanted_compact = normalise(text), compact(text)
        if not wanted:
            return []
        rows = self._db.execute(
            "SELECT node, text, lang, preferred, key, compact FROM labels WHERE key = ?1"
            " OR compact = ?2 OR instr(key, ?1) > 0 OR (length(?2) > 2 AND instr(compact, ?2))",
            (wanted, wanted_compact),
        )
        found = [(key, key_compact, _label(row)) for *row, key, key_compact in rows]
        return NameIndex.ranked(found, wanted, wanted_compact, lambda n: self.display(n, lang))

    def exactly(self, text: str) -> set[URIRef]:
        wanted = normalise(text)
        if not wanted:
            return set()
        rows = self._db.execute(
            "SELECT DISTINCT node FROM labels WHERE key = ? OR compact = ?",
            (wanted, wanted.replace(" ", "")),
        )
        return {URIRef(node) for (node,) in rows}

    @cached_property
    def languages(self) -> list[str]:
        """Read from their own small table: every command that takes --lang asks, and finding
        them among the labels read the whole file (200k labels at 1M triples: 0.15 s of CPU,
        0.4 s cold); an index written before it had that table is still read the long way."""
        try:
            rows = self._db.execute("SELECT lang FROM languages ORDER BY lang").fetchall()
        except sqlite3.OperationalError:
            rows = self._db.execute(
                "SELECT DISTINCT lang FROM labels WHERE lang != '' ORDER BY lang"
            ).fetchall()
        return [str(lang) for (lang,) in rows]

    def nearest(self, text: str, n: int = 5) -> list[str]:
        by_key = dict(self._db.execute("SELECT key, min(text) FROM labels GROUP BY key"))
        close = difflib.get_close_matches(normalise(text), list(by_key), n=n, cutoff=0.6)
        return [by_key[key] for key in close]


class _LabelsByNode(Mapping[URIRef, list[Label]]):
    """``by_node`` of a stored index: a node's labels, looked up when asked for."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __getitem__(self, node: URIRef) -> list[Label]:
        rows = self._db.execute(
            "SELECT node, text, lang, preferred FROM labels WHERE node = ?"
            " ORDER BY preferred DESC, lang, text",
            (str(node),),
        ).fetchall()
        if not rows:
            raise KeyError(node)
        return [_label(row) for row in rows]

    def __iter__(self) -> Iterator[URIRef]:
        return (URIRef(n) for (n,) in self._db.execute("SELECT DISTINCT node FROM labels"))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(DISTINCT node) FROM labels").fetchone()[0])


def _label(row: tuple[str, str, str, int] | list[object]) -> Label:
    node, text, lang, preferred = row
    return Label(URIRef(str(node)), str(text), str(lang), bool(preferred))


def search(
    kg: KnowledgeGraph, text: str, *, lang: str = "en", limit: int | None = None
) -> list[Match]:
    """Nodes whose prefLabel or altLabel matches ``text``, best match first."""
    matches = index(kg).search(text, lang)
    return matches if limit is None else matches[:limit]


def languages(kg: KnowledgeGraph) -> list[str]:
    """The languages the graph's names are written in (``en``, ``fr``)."""
    return index(kg).languages


def label(kg: KnowledgeGraph, node: URIRef, lang: str = "en") -> str:
    """The display name of ``node``: its prefLabel in ``lang`` if it has one."""
    return index(kg).display(node, lang)


def resolve(kg: KnowledgeGraph, name_or_iri: str, *, exact: bool = False) -> URIRef:
    """The one node that ``name_or_iri`` names.

    Accepts an IRI (``https://w3id.org/ssegraph/id/org/ilo``, with or without ``<>``), a
    prefixed name (``id:org/ilo``, ``o:ilo``, ``sse:State``), a path under ``id/``
    (``org/ilo``), or any prefLabel or altLabel in any language and case, accents optional. A
    name carried by several nodes raises ``AmbiguousName``; an unknown one ``UnknownEntity``
    with the nearest names. A unique partial name is taken too, unless ``exact`` (stewards'
    sheets: no guessing).
    """
    text = name_or_iri.strip()
    iri = _as_iri(text)
    if iri is not None:
        if held_iris(kg, [text]):
            return iri
        slug = re.split(r"[/#:]", iri)[-1].replace("-", " ")
        raise UnknownEntity(text, [short(m.node) for m in search(kg, slug, limit=5)])
    return _pick(index(kg), text, exact=exact).node


def held_iris(kg: KnowledgeGraph, texts: Iterable[str]) -> dict[str, URIRef]:
    """The texts that write the IRI of a node the graph holds (an IRI, a prefixed name, a path
    under ``id/``), each with its node, asked in one query: a steward's sheet names thousands,
    and one question each cost a 100,000-row sheet seconds."""
    written = {text: iri for text in texts if (iri := _as_iri(text.strip())) is not None}
    iris = sorted({iri for iri in written.values() if writable(iri)})
    if not iris:
        return {}
    query = bind_values(sparql.text("names/held-among"), ["node"], [(iri,) for iri in iris])
    held = {row["node"] for row in kg.select(query)}
    return {text: iri for text, iri in written.items() if iri in held}


@dataclass(frozen=True)
class Resolved:
    """The node a name was taken for, and the name it was taken by when the text was only
    part of one (``near``: ``GPIESS`` for ``GPIES``), so that the reader is told."""

    node: URIRef
    label: str
    near: str | None = None


def _pick(names: NameIndex | StoredIndex, text: str, *, exact: bool) -> Resolved:
    whole = names.exactly(text)
    if len(whole) == 1:  # the common case, without reading every name
        node = next(iter(whole))
        return Resolved(node, names.display(node))
    matches = names.search(text)
    exact_matches = [m for m in matches if m.how in (EXACT, COMPACT)]
    candidates = exact_matches or ([] if exact else matches)  # a partial name must be unique
    if len(candidates) == 1:
        found = candidates[0]
        return Resolved(found.node, found.label, None if exact_matches else found.matched)
    if candidates:
        raise AmbiguousName(text, [(str(m.node), m.label) for m in candidates])
    raise UnknownEntity(text, names.nearest(text))


# ---- kinds: a parameter that names a group, a country or a role is looked up among those only


@dataclass(frozen=True)
class Kind:
    """A type of thing a parameter names: its nodes are what ``sparql/names/<query>.rq``
    selects (``?node``, and ``?code`` for other names it goes by, such as ISO codes)."""

    name: str
    query: str


KINDS = {
    kind.name: kind
    for kind in (
        Kind("group", "names/groups"),  # an organisation that has members
        Kind("country", "names/countries"),
        Kind("role", "names/roles"),
    )
}
_KIND_INDEXES: weakref.WeakKeyDictionary[KnowledgeGraph, dict[str, tuple[int, NameIndex]]] = (
    weakref.WeakKeyDictionary()
)


def kind_index(kg: KnowledgeGraph, kind: Kind) -> NameIndex:
    """The names of the things of one kind only (with their codes), built once per graph."""
    cached = _KIND_INDEXES.setdefault(kg, {})
    if kind.name not in cached or cached[kind.name][0] != kg.generation:
        everything = index(kg)
        labels: list[Label] = []
        for row in kg.select(sparql.text(kind.query)):
            node = URIRef(row["node"])
            labels.extend(everything.by_node.get(node, []))
            labels.extend(Label(node, code, "", False) for code in _codes(row.get("code")))
        cached[kind.name] = (kg.generation, NameIndex(labels))
    return cached[kind.name][1]


def _codes(code: object) -> list[str]:
    """A country's ISO 3166-1 codes: the alpha-2 the graph holds, and its alpha-3."""
    if code is None:
        return []
    import pycountry

    found = pycountry.countries.get(alpha_2=str(code))
    alpha_3 = getattr(found, "alpha_3", None)
    return [str(code)] + ([alpha_3] if alpha_3 else [])


def resolve_kind(kg: KnowledgeGraph, text: str, kind: Kind) -> Resolved:
    """The one thing of ``kind`` that ``text`` names (a name, a code or an IRI); a unique
    partial name is taken and said so (``Resolved.near``). ``UnknownEntity`` carries the
    nearest names of that kind, or all of them when they are few.

    The graph's whole name index finds the nodes the text names, and each is asked whether it
    is of the kind (a bound query): a kind's own index (every group of a 1M-triple graph: 3 s)
    is built only to suggest names when the text names none of them.
    """
    names, wanted = index(kg), text.strip()
    iri = _as_iri(wanted)
    if iri is not None:
        if _is_of(kg, kind, iri):
            return Resolved(iri, names.display(iri))
        raise UnknownEntity(text, _suggestions(kind_index(kg, kind), text))
    coded = _by_code(kg, kind, wanted)
    if coded is not None:
        return Resolved(coded, names.display(coded))
    whole = {node for node in names.exactly(wanted) if _is_of(kg, kind, node)}
    if len(whole) == 1:
        node = next(iter(whole))
        return Resolved(node, names.display(node))
    matches = [m for m in names.search(wanted) if m.node in whole or _is_of(kg, kind, m.node)]
    exact_matches = [m for m in matches if m.how in (EXACT, COMPACT)]
    candidates = exact_matches or matches  # a partial name must be unique
    if len(candidates) == 1:
        found = candidates[0]
        return Resolved(found.node, found.label, None if exact_matches else found.matched)
    if candidates:
        raise AmbiguousName(text, [(str(m.node), m.label) for m in candidates])
    raise UnknownEntity(text, _suggestions(kind_index(kg, kind), text))


def _is_of(kg: KnowledgeGraph, kind: Kind, node: URIRef) -> bool:
    return bool(kg.select(sparql.text(kind.query), {"node": node}))


def _by_code(kg: KnowledgeGraph, kind: Kind, text: str) -> URIRef | None:
    """The node of ``kind`` whose code ``text`` is (a country's ISO alpha-2 or alpha-3)."""
    if kind.name != "country" or not text.isalpha() or len(text) not in (2, 3):
        return None
    import pycountry

    upper = text.upper()
    found = (
        pycountry.countries.get(alpha_2=upper)
        if len(text) == 2
        else pycountry.countries.get(alpha_3=upper)
    )
    code = getattr(found, "alpha_2", None)
    if code is None:
        return None
    rows = kg.select(sparql.text("names/country-by-code"), {"code": Literal(code)})
    return URIRef(rows[0]["node"]) if len(rows) == 1 else None


def _suggestions(names: NameIndex, text: str, few: int = 25) -> list[str]:
    nearest = names.nearest(text)
    if nearest:
        return nearest
    every = sorted({names.display(node) for node in names.by_node})
    return every if len(every) <= few else []


def _as_iri(text: str) -> URIRef | None:
    found = _IRI.fullmatch(text)
    if found:
        return URIRef(found.group(1))
    expanded = read_printed(text) or expand(text)
    if expanded is not None:
        return expanded
    if _ID_PATH.fullmatch(text):
        return ID[text]
    return None


def humanise(term: str) -> str:
    """A readable name for a vocabulary term that has no label: ``schema:superEvent`` ->
    "super event", ``org:Membership`` -> "Membership"."""
    local = re.split(r"[/#]", str(term).rstrip("/#"))[-1]
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).replace("_", " ")
    return words if local[:1].isupper() else words.lower()
