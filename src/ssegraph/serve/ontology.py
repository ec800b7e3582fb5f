"""The ontology as its documentation page shows it, read from the graph itself.

Every class and property that ``rdfs:isDefinedBy`` the ssegraph ontology, with its labels and
definitions in every language, the standard terms it refines, its domain and range: the page
can never disagree with the ontology that the data is checked against.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import URIRef

from ssegraph import sparql
from ssegraph.vocab import DCTERMS, OWL, RDFS, SKOS, SSE, short

if TYPE_CHECKING:
    from ssegraph.graph import KnowledgeGraph

ONTOLOGY = URIRef(str(SSE).rstrip("#"))

TERMS = sparql.text("serve/ontology-terms")

HEADER = sparql.text("serve/ontology-header")


@dataclass
class Term:
    """A class or property of the ontology."""

    iri: str
    name: str  # the prefixed name, sse:State
    kind: str  # class or property
    labels: dict[str, str] = field(default_factory=dict)  # language -> label
    definitions: dict[str, str] = field(default_factory=dict)
    refines: list[str] = field(default_factory=list)  # super-classes or super-properties
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)


@dataclass
class Ontology:
    iri: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    version: str
    classes: list[Term]
    properties: list[Term]


def read_ontology(kg: KnowledgeGraph) -> Ontology:
    """The terms of the ontology, classes and properties, each in name order."""
    terms: dict[URIRef, Term] = {}
    lists = {
        RDFS.subClassOf: "refines",
        RDFS.subPropertyOf: "refines",
        RDFS.domain: "domain",
        RDFS.range: "range",
    }
    for row in kg.select(TERMS, {"ontology": ONTOLOGY}):
        iri = URIRef(row["term"])
        kind = "class" if row["type"] == OWL.Class else "property"
        term = terms.setdefault(iri, Term(str(iri), short(iri), kind))
        value, prop = row["value"], row["property"]
        if prop in (RDFS.label, SKOS.definition):
            texts = term.labels if prop == RDFS.label else term.definitions
            texts[getattr(value, "language", None) or ""] = str(value)
        elif isinstance(value, URIRef) and str(value) not in getattr(term, lists[prop]):
            getattr(term, lists[prop]).append(str(value))
    header: dict[URIRef, dict[str, str]] = {}
    for row in kg.select(HEADER, {"ontology": ONTOLOGY}):
        language = getattr(row["value"], "language", None) or ""
        header.setdefault(URIRef(row["property"]), {})[language] = str(row["value"])
    ordered = sorted(terms.values(), key=lambda term: term.name.lower())
    return Ontology(
        iri=str(ONTOLOGY),
        titles=header.get(DCTERMS.title, {}),
        descriptions=header.get(DCTERMS.description, {}),
        version=next(iter(header.get(OWL.versionInfo, {}).values()), ""),
        classes=[term for term in ordered if term.kind == "class"],
        properties=[term for term in ordered if term.kind == "property"],
    )
