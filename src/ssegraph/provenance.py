"""Which sources state what an answer reports: provenance per statement, not per IRI.

A row of ``members-as-of`` names a State, a role and the membership that holds them together; the
sources behind the row are those of the membership (the statement), not those of the State's
node (which cite ISO 3166 for its code). So a row's sources are those of the fact nodes it
carries (memberships and posts, their tenures, events, policy outcomes, inferences), and only a
row that carries no fact node (a list of actors) falls back to the sources of its nodes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ssegraph import sparql
from ssegraph.backends.projection import insert_values
from ssegraph.vocab import short

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph
    from ssegraph.results import Results

# Each node with its sources, and whether it is a fact (a statement of its own) or a thing.
SOURCES = sparql.text("provenance/sources")


def sources_of(kg: KnowledgeGraph, results: Results) -> list[list[URIRef]]:
    """For each row, the sources of the facts it reports (else of the nodes it names), sorted."""
    nodes = sorted({term for row in results.rows for term in row if isinstance(term, URIRef)})
    found: dict[Identifier, set[URIRef]] = defaultdict(set)
    facts: set[Identifier] = set()
    if nodes:
        for row in kg.select(insert_values(SOURCES, ["node"], [(node,) for node in nodes])):
            found[row["node"]].add(URIRef(row["source"]))
            if row["fact"] is not None and row["fact"].toPython():
                facts.add(row["node"])
    answer = []
    for terms in results.rows:
        reported = [t for t in terms if t in facts] or [t for t in terms if t is not None]
        answer.append(sorted(set().union(*(found.get(term, set()) for term in reported))))
    return answer


def with_sources(kg: KnowledgeGraph, results: Results) -> Results:
    """The results with a ``sources`` column: each row's sources as space-separated prefixed
    names (``ssegraph query --sources``)."""
    from ssegraph.results import Results

    if results.boolean is not None:
        return results
    rows = tuple(
        (*row, Literal(" ".join(short(s) for s in sources)) if sources else None)
        for row, sources in zip(results.rows, sources_of(kg, results), strict=True)
    )
    return Results((*results.variables, "sources"), rows, results.boolean)
