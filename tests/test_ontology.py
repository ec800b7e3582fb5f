"""The ontology is a usable OWL document and keeps the vocabulary contract.

Every ``sse:`` term must be reachable from the standard vocabularies (ORG, schema.org, PROV,
OWL-Time, FOAF, SKOS, Dublin Core) so that users who know those can query without learning ours.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "ssegraph.ttl"
ROLES = ROOT / "ontology" / "roles.ttl"
SSE = "https://w3id.org/ssegraph/ontology#"
STANDARD = (
    "http://www.w3.org/ns/org#",
    "https://schema.org/",
    "http://www.w3.org/ns/prov#",
    "http://www.w3.org/2006/time#",
    "http://xmlns.com/foaf/0.1/",
    "http://www.w3.org/2004/02/skos/core#",
    "http://purl.org/dc/terms/",
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


def sse_terms(graph: Graph) -> list[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted(
        {s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(SSE)}
    )


def test_ontology_parses_with_pyoxigraph_too() -> None:
    store = pyoxigraph.Store()
    for path in (ONTOLOGY, ROLES):
        store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) > 500


def test_ontology_header_names_title_version_licence_and_creator(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/ssegraph/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert {lit.language for lit in ontology.objects(header, DCTERMS.title)} == {"en", "fr"}
    assert ontology.value(header, OWL.versionInfo) is not None
    assert ontology.value(header, DCTERMS.license) is not None
    assert ontology.value(header, DCTERMS.creator) is not None


def test_ontology_declares_the_kinds_of_actor_event_and_outcome(ontology: Graph) -> None:
    names = {str(term).removeprefix(SSE) for term in sse_terms(ontology)}
    expected = {
        "State",
        "SubnationalGovernment",
        "LocalGovernment",
        "UNEntity",
        "InterAgencyTaskForce",
        "LeadingGroup",
        "SSENetwork",
        "GovernmentAgency",
        "ResearchInstitute",
        "Conference",
        "Forum",
        "SideEvent",
        "Session",
        "Webinar",
        "WebinarSeries",
        "Meeting",
        "Summit",
        "Declaration",
        "Agenda",
        "Manifesto",
        "Resolution",
        "Recommendation",
        "ConsultativeStatus",
        "Guide",
        "adoptedAt",
        "contributedTo",
        "attestedOn",
    }
    assert expected <= names


@pytest.mark.parametrize("term", sse_terms(Graph().parse(ONTOLOGY)), ids=lambda t: t.split("#")[1])
def test_every_sse_term_has_labels_definitions_and_a_standard_super_term(
    ontology: Graph, term: URIRef
) -> None:
    for predicate in (RDFS.label, SKOS.definition):
        objects = ontology.objects(term, predicate)
        languages = {lit.language for lit in objects if isinstance(lit, Literal)}
        assert languages == {"en", "fr"}, f"{term} {predicate}: {languages}"
    parent = RDFS.subClassOf if (term, RDF.type, OWL.Class) in ontology else RDFS.subPropertyOf
    assert standard_ancestors(ontology, term, parent), f"{term} refines no standard term"


def standard_ancestors(graph: Graph, term: URIRef, parent: URIRef) -> set[URIRef]:
    """Standard terms reachable through ``parent`` links (sse: terms are followed upwards)."""
    found: set[URIRef] = set()
    todo, seen = [term], set()
    while todo:
        current = todo.pop()
        for up in graph.objects(current, parent):
            if str(up).startswith(STANDARD):
                found.add(up)
            elif str(up).startswith(SSE) and up not in seen:
                seen.add(up)
                todo.append(up)
    return found


def test_roles_are_skos_concepts_and_org_roles_labelled_in_both_languages() -> None:
    roles = Graph().parse(ROLES)
    role_class = URIRef("http://www.w3.org/ns/org#Role")
    concepts = set(roles.subjects(RDF.type, SKOS.Concept))
    assert concepts == set(roles.subjects(RDF.type, role_class))
    expected = {
        "member",
        "observer-member",
        "observer",
        "chair",
        "secretariat",
        "coordinator",
        "spokesperson",
    }
    assert expected <= {str(c).rsplit("/", 1)[1] for c in concepts}
    for concept in concepts:
        assert {lit.language for lit in roles.objects(concept, SKOS.prefLabel)} == {"en", "fr"}
        assert roles.value(concept, SKOS.inScheme) is not None
