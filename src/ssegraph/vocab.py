"""Namespaces of the graph: the only place where they are written.

Every module that names an ontology term, a thing or a named graph takes it from here, so a
namespace change is one edit, and queries, exports and displays all use the same prefixes.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

SSE = Namespace("https://w3id.org/ssegraph/ontology#")
ID = Namespace("https://w3id.org/ssegraph/id/")
GRAPH = Namespace("https://w3id.org/ssegraph/graph/")

ORG = Namespace("http://www.w3.org/ns/org#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
TIME = Namespace("http://www.w3.org/2006/time#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

__all__ = [
    "DCTERMS",
    "DERIVED",
    "DERIVED_GRAPHS",
    "FOAF",
    "GRAPH",
    "ID",
    "ID_KINDS",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "SPARQL_PREFIXES",
    "SSE",
    "THING_PREFIXES",
    "TIME",
    "XSD",
    "expand",
    "graph_iri",
    "is_derived",
    "short",
]

#: The kinds of thing, the first step of an IRI under ``ID`` (``id/org/ilo``): see docs/model.md.
ID_KINDS = (
    "state", "gov", "org", "person", "event", "outcome", "source", "place", "role",
    "membership", "interval", "instant",
)  # fmt: skip

#: Prefix -> namespace IRI, as declared in every query and serialisation.
PREFIXES: dict[str, str] = {
    "sse": str(SSE),
    "id": str(ID),
    "graph": str(GRAPH),
    "org": str(ORG),
    "skos": str(SKOS),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "time": str(TIME),
    "foaf": str(FOAF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

#: The same prefixes as a SPARQL prologue, for engines that take only query text.
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())


#: The short prefixes of the curated files for things, by kind (``o:`` for ``id/org/``): what
#: the files declare, what ``add`` writes and what the command line prints.
THING_PREFIXES = {
    "src": "source", "o": "org", "st": "state", "gov": "gov", "p": "person", "ev": "event",
    "out": "outcome", "pl": "place", "role": "role", "m": "membership", "iv": "interval",
    "in": "instant", "region": "region", "grouping": "grouping",
}  # fmt: skip

# Longest namespace first, so id:... wins over a shorter namespace that is its prefix.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)


def short(iri: str) -> str:
    """A readable prefixed name (``sse:State``, ``id:org/ilo``), or the IRI itself.

    For display only: ``id:org/ilo`` is not valid SPARQL (the slash), ``expand`` reads it back.
    """
    text = str(iri)
    for prefix, namespace in _BY_LENGTH:
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return text


def expand(name: str) -> URIRef | None:
    """The IRI of a prefixed name written with one of ``PREFIXES`` (``id:org/ilo``), else None."""
    prefix, colon, local = name.partition(":")
    if colon and prefix in PREFIXES and local and not local.startswith("//"):
        return URIRef(PREFIXES[prefix] + local)
    return None


#: The graphs the store derives from the files (``ssegraph.derive``), under one prefix so that
#: validation and ``export --no-derived`` can tell them from what stewards wrote.
DERIVED = GRAPH["derived/"]
DERIVED_GRAPHS: dict[str, URIRef] = {
    name: GRAPH[f"derived/{name}"] for name in ("tenure", "timeline", "entailment")
}


def is_derived(graph: str) -> bool:
    """Whether a named graph is one the store derives rather than a file."""
    return str(graph).startswith(str(DERIVED))


def graph_iri(directory: str, stem: str) -> URIRef:
    """The named graph that holds one file: ``graph/<dir>/<file stem>`` (``graph/data/actors``)."""
    return GRAPH[f"{directory}/{stem}"]
