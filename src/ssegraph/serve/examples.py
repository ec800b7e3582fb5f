"""The catalogue as ready examples for the query page: each question's text as it would run.

A catalogue query's parameters are bound by the store, not written in its text; the query page
hands its text to YASGUI, which sends it to ``/sparql`` as it is. So each example is the text
with its parameters' defaults (and the reader's language) opening its WHERE group as a VALUES
block, written by the same builder the remote backend uses (``projection.insert_values``: terms
escaped by ``n3()``, never pasted). A default that names nothing in this graph leaves the text
as it is, its variables unbound: the example still parses, and the form page says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from ssegraph.backends.projection import insert_values
from ssegraph.catalogue import Catalogue, CatalogueQuery
from ssegraph.errors import SsegraphError
from ssegraph.graph import KnowledgeGraph


@dataclass(frozen=True)
class Example:
    """One catalogue question as the query page offers it."""

    name: str
    title: str
    description: str
    text: str  # ready to run: the defaults bound in a VALUES block
    defaults: dict[str, str]  # the form's fields and their defaults (not the page's language)
    labels: dict[str, str]  # each field's label in the page's language
    descriptions: dict[str, str]  # and what it asks for


def examples(kg: KnowledgeGraph, catalogue: Catalogue, lang: str) -> list[Example]:
    """Every question of ``catalogue`` with its defaults bound, in ``lang``."""
    examples = []
    for query in catalogue.queries.values():
        fields = [p for p in query.params if p.name != "lang"]  # the page's language is its own
        examples.append(
            Example(
                query.name,
                query.title_in(lang),
                query.description_in(lang),
                ready_text(kg, query, lang),
                {p.name: p.default or "" for p in fields},
                {p.name: p.label_in(lang) for p in fields},
                {p.name: p.description_in(lang) for p in fields},
            )
        )
    return examples


def ready_text(kg: KnowledgeGraph, query: CatalogueQuery, lang: str) -> str:
    """``query``'s SPARQL for ``kg``'s engine (``CatalogueQuery.text_for``) with its defaults
    bound where it can run them, under its title (the header's other lines are the page's, not
    the editor's)."""
    text = f"# {query.title_in(lang)}\n{_without_header(query.text_for(kg))}"
    if not query.params:
        return text
    try:
        bound = query.bindings(kg, query.with_lang({}, lang))
        return insert_values(text, list(bound), [list(bound.values())])
    except (SsegraphError, ValueError):  # a default this graph lacks, a text with no WHERE
        return text


def _without_header(text: str) -> str:
    """The query without its opening comment lines (``catalogue``'s header)."""
    lines = text.splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("#")):
        lines.pop(0)
    return "\n".join(lines) + "\n"
