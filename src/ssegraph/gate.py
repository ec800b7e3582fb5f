"""What a steward's batch may change: facts about things, never the schema or who a node is.

SHACL judges facts against the shapes; it cannot see a batch that changes the rules themselves
(``org:Organization rdfs:subClassOf dcterms:BibliographicResource`` conforms, and the whole graph
then has a hundred violations). Before SHACL runs, each triple of a batch is checked here:

- schema triples are refused: ``rdfs:subClassOf``, ``rdfs:subPropertyOf``, ``rdfs:domain``,
  ``rdfs:range`` (as predicate or subject), any ``owl:`` or ``sh:`` term but ``owl:sameAs``,
  declarations of classes, properties and shapes (``a owl:Class``, ``a rdf:Property``,
  ``a sh:NodeShape``), and any statement whose subject is a term of the ``sse:`` ontology or of
  a standard vocabulary (ORG, schema.org, FOAF, SKOS, PROV, Dublin Core, OWL-Time, RDF, RDFS,
  OWL, SHACL, XSD);
- a new ``rdf:type`` on a node the graph already holds (a retyping), and ``owl:sameAs`` between
  two nodes it already holds (a merge), are refused unless the steward allows them, and are then
  reported (as ``Info``);
- IRIs whose scheme is not ``http``, ``https`` or ``urn`` are refused (``javascript:`` in a
  source IRI would become a live link on the web pages).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

from ssegraph.vocab import DCTERMS, FOAF, ORG, PROV, SCHEMA, SKOS, SSE, TIME, short

SCHEMA_PREDICATES = frozenset({RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range})
#: Namespaces whose terms a batch may use but never describe.
VOCABULARIES = tuple(
    str(ns) for ns in (SSE, ORG, SCHEMA, FOAF, SKOS, PROV, DCTERMS, TIME, RDF, RDFS, OWL, SH, XSD)
)
#: Classes whose instances are schema: ``x a owl:Class`` declares a class.
SCHEMA_CLASSES = frozenset({RDFS.Class, RDFS.Datatype, RDF.Property})
IRI_SCHEMES = ("http", "https", "urn")
# Read once: an rdflib namespace's attribute is looked up anew on every use.
_TYPE, _SAME_AS, _OWL_OR_SH = RDF.type, OWL.sameAs, (str(OWL), str(SH))


@dataclass(frozen=True)
class Refusal:
    """One triple the gate stops: the node, the property, the rule it breaks, and why."""

    focus: Node
    path: Node
    rule: str  # SchemaChange, Retype, SameAs or IRIScheme
    message: str
    value: Node | None
    allowed: bool = False  # allowed by the steward's option: reported, not refused


def check(
    batch: Iterable[tuple[Node, Node, Node]],
    existing: Graph,
    *,
    allow_retype: bool = False,
    allow_same_as: bool = False,
) -> Iterator[Refusal]:
    """The refusals of ``batch``; ``existing`` holds the graph's statements about its nodes.

    One pass over the batch, each triple judged on its own; only the refusals are sorted (by
    their triple, the order a reader finds them in), not the whole batch. A rule reads one
    term of a triple, or the pair ``rdf:type`` and its class, or whether the graph holds the
    subject: once a term has passed in its place, a triple of passed terms (not a typing, about
    a node the graph does not hold) passes too, and is not judged again (a sheet of 100,000
    rows names the same predicates, groups and sources over and over)."""
    held = set(existing.subjects())
    subjects: set[Node] = set()
    predicates: set[Node] = set()
    objects: set[Node] = set()
    refused = []
    for triple in batch:
        s, p, o = triple
        if p in predicates and s in subjects and o in objects and s not in held:
            continue
        refusal = _refusal(triple, existing, held, allow_retype, allow_same_as)
        if refusal is not None:
            refused.append((triple, refusal))
            continue
        subjects.add(s)
        objects.add(o)
        if p != _TYPE:  # the typing rule reads the class too
            predicates.add(p)
    refused.sort(key=lambda item: item[0])
    for _, refusal in refused:
        yield refusal


def _refusal(
    triple: tuple[Node, Node, Node],
    existing: Graph,
    held: set[Node],
    allow_retype: bool,
    allow_same_as: bool,
) -> Refusal | None:
    s, p, o = triple
    reason = schema_change(s, p, o)
    if reason is not None:
        return Refusal(s, p, "SchemaChange", reason, o)
    scheme = _bad_scheme(s, p, o)
    if scheme is not None:
        return Refusal(s, p, "IRIScheme", scheme[1], scheme[0])
    if p == _TYPE and s in held and (s, p, o) not in existing:
        held_types = existing.objects(s, _TYPE)
        types = ", ".join(sorted(short(str(t)) for t in held_types)) or "none"
        return Refusal(
            s,
            p,
            "Retype",
            f"adds the type {short(str(o))} to a node the graph already holds (its types: "
            f"{types}); allow it with --allow-retype",
            o,
            allowed=allow_retype,
        )
    if p == _SAME_AS and s in held and o in held:
        return Refusal(
            s,
            p,
            "SameAs",
            f"declares {short(str(s))} and {short(str(o))}, two nodes the graph already "
            "holds, the same thing; allow it with --allow-same-as",
            o,
            allowed=allow_same_as,
        )
    return None


def schema_change(s: Node, p: Node, o: Node) -> str | None:
    """Why the triple changes the schema rather than stating a fact, or None."""
    if p in SCHEMA_PREDICATES or s in SCHEMA_PREDICATES:
        term = short(str(p if p in SCHEMA_PREDICATES else s))
        return f"changes the schema ({term}): a batch states facts about things, not classes"
    if p != _SAME_AS and _in(p, _OWL_OR_SH):
        return f"uses {short(str(p))}: a batch cannot change the ontology or the shapes"
    if isinstance(s, URIRef) and str(s).startswith(VOCABULARIES):
        return (
            f"describes {short(str(s))}, a term of the ontology or of a standard vocabulary: a "
            "batch states facts about things"
        )
    if p == _TYPE and (o in SCHEMA_CLASSES or _in(o, _OWL_OR_SH)):
        return f"declares a {short(str(o))}: a batch cannot add classes, properties or shapes"
    return None


def _in(term: Node, namespaces: tuple[str, ...]) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(namespaces)


#: How a taken IRI almost always begins: tried first, the scheme read out only otherwise.
_PLAIN_SCHEMES = tuple(f"{scheme}:" for scheme in IRI_SCHEMES)


def _bad_scheme(*terms: Node) -> tuple[URIRef, str] | None:
    for term in terms:
        if isinstance(term, URIRef) and not str(term).startswith(_PLAIN_SCHEMES):
            scheme = term.split(":", 1)[0].lower() if ":" in term else ""
            if scheme not in IRI_SCHEMES:
                return term, (
                    f"the IRI {str(term)[:80]!r} has the scheme {scheme or 'none'}: only "
                    f"{', '.join(IRI_SCHEMES)} IRIs are taken"
                )
    return None
