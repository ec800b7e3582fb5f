"""A synthetic SSE ecosystem of any size, reproducible from a seed, that conforms to the shapes.

The curated graph is small; the graphs users build are not. Benchmarks and scale tests need a
graph shaped like the real one (States and networks with French and English names, groups with
dated memberships and roles, events with sessions, organisers and speakers, outcomes adopted at
events, everything citing a dated source), so this module writes one, using the project's
ontology and role scheme, with its own IRIs (``id/<kind>/synth-...``) so it can sit beside the
curated data.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pycountry
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from ssegraph.countries import HEADER, M49Entry, UnknownCountry, m49_entry, regions_turtle
from ssegraph.errors import BadParameter
from ssegraph.safefile import replacing
from ssegraph.vocab import DCTERMS, FOAF, ID, ORG, PREFIXES, PROV, SCHEMA, SKOS, SSE, TIME

Triple = tuple[URIRef, URIRef, URIRef | Literal]
Cite = Callable[[URIRef], Triple]

ACTOR_KINDS = (
    (SSE.SSENetwork, ORG.FormalOrganization, "network", "réseau"),
    (SSE.UNEntity, ORG.FormalOrganization, "agency", "agence"),
    (SSE.GovernmentAgency, ORG.FormalOrganization, "ministry", "ministère"),
    (SSE.LocalGovernment, ORG.FormalOrganization, "city council", "conseil municipal"),
    (SSE.SubnationalGovernment, ORG.FormalOrganization, "province", "province"),
    (SSE.IntergovernmentalOrganisation, ORG.FormalOrganization, "organisation", "organisation"),
    (SSE.LocalGovernmentNetwork, ORG.FormalOrganization, "city network", "réseau de villes"),
    (SSE.ResearchInstitute, ORG.FormalOrganization, "institute", "institut"),
    (SSE.Company, ORG.FormalOrganization, "company", "entreprise"),
    (SSE.OrganisingCommittee, ORG.OrganizationalUnit, "committee", "comité"),
)
GROUP_KINDS = (
    (SSE.LeadingGroup, "leading group", "groupe pilote"),
    (SSE.InterAgencyTaskForce, "task force", "groupe de travail inter-agences"),
    (SSE.WorkingGroup, "working group", "groupe de travail"),
)
EVENT_KINDS = (
    (SSE.Conference, "conference", "conférence"),
    (SSE.Forum, "forum", "forum"),
    (SSE.Summit, "summit", "sommet"),
)
OUTCOME_KINDS = (
    (SSE.Declaration, "declaration", "déclaration"),
    (SSE.Manifesto, "manifesto", "manifeste"),
    (SSE.Resolution, "resolution", "résolution"),
    (SSE.Recommendation, "recommendation", "recommandation"),
)
GROUP_ROLES = ("member", "member", "member", "observer-member", "observer", "chair", "secretariat")
POSTS = ("president", "secretary-general", "director", "head-of-unit")
FIRST_YEAR, LAST_YEAR = 2010, 2024


@dataclass
class _Pools:
    """Things made so far, for later statements to point at."""

    sources: list[URIRef]
    dated: dict[URIRef, Literal]  # each source's dcterms:date
    states: list[URIRef]
    places: list[URIRef]
    actors: list[URIRef]
    groups: list[URIRef]
    people: list[URIRef]
    events: list[URIRef]


def synthesize(triples: int, seed: int = 0) -> Iterator[Triple]:
    """About ``triples`` statements (within one unit, ~60 triples) of a synthetic ecosystem."""
    rng = random.Random(seed)
    made = 0
    pools = _Pools([], {}, [], [], [], [], [], [])
    for statement in _foundations(rng, pools):
        made += 1
        yield statement
    unit = 0
    while made < triples:
        for statement in _unit(rng, pools, unit):
            made += 1
            yield statement
        unit += 1


def _iri(kind: str, n: int | str) -> URIRef:
    return ID[f"{kind}/synth-{n}"]


def _date(rng: random.Random, year: int | None = None) -> Literal:
    year = year or rng.randint(FIRST_YEAR, LAST_YEAR)
    return Literal(f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", datatype=XSD.date)


def _labels(node: URIRef, en: str, fr: str) -> Iterator[Triple]:
    yield node, SKOS.prefLabel, Literal(en, lang="en")
    yield node, SKOS.prefLabel, Literal(fr, lang="fr")


def _foundations(rng: random.Random, pools: _Pools) -> Iterator[Triple]:
    """Sources, States (from ISO 3166) and cities: what every later unit points to."""
    for n in range(20):
        source = _iri("source", n)
        pools.sources.append(source)
        yield source, RDF.type, SSE.SourceDocument
        yield source, DCTERMS.title, Literal(f"Synthetic report {n}", lang="en")
        pools.dated[source] = _date(rng)
        yield source, DCTERMS.date, pools.dated[source]
        yield source, DCTERMS.language, Literal(rng.choice(("fr", "en")))
    located = [(country, _m49(country)) for country in pycountry.countries]
    chosen = sorted(((c, m) for c, m in located if m), key=lambda pair: pair[0].alpha_2)[:60]
    for country, m49 in chosen:
        assert m49 is not None
        state = _iri("state", country.alpha_2.lower())
        pools.states.append(state)
        yield state, RDF.type, SSE.State
        yield state, RDF.type, SCHEMA.Country
        yield from _labels(state, f"{country.name} (synthetic)", f"{country.name} (synthétique)")
        yield state, SSE.isoCode, Literal(country.alpha_2)
        yield state, SSE.m49Region, ID[f"region/m49-{m49.region.code}"]
        yield state, SSE.m49SubRegion, ID[f"region/m49-{m49.subregion.code}"]
        yield state, SSE.developmentGroup, ID[f"grouping/{m49.grouping}"]
        yield state, PROV.wasDerivedFrom, rng.choice(pools.sources)
        place = _iri("place", country.alpha_2.lower())
        pools.places.append(place)
        yield place, RDF.type, SCHEMA.City
        yield from _labels(place, f"Capital of {country.name}", f"Capitale de {country.name}")
        yield place, SCHEMA.addressCountry, state
    yield from _regions(m49 for _, m49 in chosen if m49 is not None)


def _m49(country: object) -> M49Entry | None:
    """The country's M49 areas and grouping, None for the few the table leaves out."""
    try:
        return m49_entry(country.alpha_2, country.alpha_2.lower())  # type: ignore[attr-defined]
    except UnknownCountry:
        return None


def _regions(entries: Iterable[M49Entry]) -> Iterator[Triple]:
    """The M49 regions the synthetic States lie in, as the countries file describes them (the
    curated data's countries file holds the two groupings they point to)."""
    graph = Graph().parse(data=HEADER + regions_turtle(entries), format="turtle")
    yield from graph  # type: ignore[misc]


def _unit(rng: random.Random, pools: _Pools, n: int) -> Iterator[Triple]:
    """One slice of the ecosystem: actors, a group and its memberships, an event, an outcome."""

    def cite(node: URIRef) -> Triple:
        return node, PROV.wasDerivedFrom, rng.choice(pools.sources)

    for k in range(4):
        kind, org_class, en, fr = ACTOR_KINDS[(n + k) % len(ACTOR_KINDS)]
        actor = _iri("org", f"{n}-{k}")
        pools.actors.append(actor)
        yield actor, RDF.type, kind
        yield actor, RDF.type, org_class
        yield from _labels(
            actor, f"Synthetic {en} {n}-{k}", f"{fr.capitalize()} synthétique {n}-{k}"
        )
        yield actor, SKOS.altLabel, Literal(f"SYN{n}K{k}", lang="en")
        yield actor, SSE.country, rng.choice(pools.states)
        yield cite(actor)
    if n % 3 == 0 or not pools.groups:
        kind, en, fr = GROUP_KINDS[n % len(GROUP_KINDS)]
        group = _iri("org", f"group-{n}")
        pools.groups.append(group)
        yield group, RDF.type, kind
        yield group, RDF.type, ORG.OrganizationalCollaboration
        yield from _labels(group, f"Synthetic {en} {n}", f"{fr.capitalize()} synthétique {n}")
        yield cite(group)
    for k in range(3):
        yield from _membership(rng, pools, f"{n}-{k}")
    yield from _person(rng, pools, n, cite)
    yield from _event(rng, pools, n, cite)
    yield from _outcome(rng, pools, n, cite)


def _membership(rng: random.Random, pools: _Pools, key: str) -> Iterator[Triple]:
    membership = _iri("membership", key)
    member = rng.choice(pools.actors + pools.states[:10])
    yield membership, RDF.type, ORG.Membership
    yield membership, ORG.member, member
    yield membership, ORG.organization, rng.choice(pools.groups)
    yield membership, ORG.role, ID[f"role/{rng.choice(GROUP_ROLES)}"]
    # attested on the date of the source that states it, as a steward would write it
    source = rng.choice(pools.sources)
    yield membership, SSE.attestedOn, pools.dated[source]
    yield membership, PROV.wasDerivedFrom, source
    start_year = rng.randint(FIRST_YEAR, LAST_YEAR - 2)
    interval, begins, ends = (
        _iri("interval", key),
        _iri("instant", f"{key}-b"),
        _iri("instant", f"{key}-e"),
    )
    yield membership, ORG.memberDuring, interval
    yield interval, RDF.type, TIME.Interval
    yield interval, TIME.hasBeginning, begins
    yield begins, RDF.type, TIME.Instant
    yield begins, TIME.inXSDDate, _date(rng, start_year)
    if rng.random() < 0.6:
        yield interval, TIME.hasEnd, ends
        yield ends, RDF.type, TIME.Instant
        yield ends, TIME.inXSDDate, _date(rng, rng.randint(start_year + 1, LAST_YEAR))


def _person(rng: random.Random, pools: _Pools, n: int, cite: Cite) -> Iterator[Triple]:
    person = _iri("person", n)
    pools.people.append(person)
    yield person, RDF.type, SSE.Person
    yield person, RDF.type, FOAF.Person
    yield from _labels(person, f"Person {n}", f"Personne {n}")
    yield cite(person)
    post = _iri("membership", f"post-{n}")
    yield post, RDF.type, ORG.Membership
    yield post, RDF.type, SSE.Post
    yield post, ORG.member, person
    yield post, ORG.organization, rng.choice(pools.actors)
    yield post, ORG.role, ID[f"role/{rng.choice(POSTS)}"]
    yield cite(post)


def _event(rng: random.Random, pools: _Pools, n: int, cite: Cite) -> Iterator[Triple]:
    kind, en, fr = EVENT_KINDS[n % len(EVENT_KINDS)]
    event, session = _iri("event", n), _iri("event", f"{n}-session")
    pools.events.append(event)
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    start = _date(rng, year)
    yield event, RDF.type, kind
    yield from _labels(event, f"Synthetic {en} {n}", f"{fr.capitalize()} synthétique {n}")
    yield event, SCHEMA.startDate, start
    yield event, SCHEMA.endDate, start
    yield event, SCHEMA.location, rng.choice(pools.places)
    yield event, SCHEMA.organizer, rng.choice(pools.actors)
    yield event, SSE.partner, rng.choice(pools.actors)
    yield cite(event)
    yield session, RDF.type, SSE.Session
    yield from _labels(session, f"Session of {en} {n}", f"Session de {fr} {n}")
    yield session, SCHEMA.superEvent, event
    yield event, SCHEMA.subEvent, session
    yield session, SSE.speaker, rng.choice(pools.people)
    yield session, SSE.moderator, rng.choice(pools.people)
    yield cite(session)


def _outcome(rng: random.Random, pools: _Pools, n: int, cite: Cite) -> Iterator[Triple]:
    kind, en, fr = OUTCOME_KINDS[n % len(OUTCOME_KINDS)]
    outcome = _iri("outcome", n)
    yield outcome, RDF.type, kind
    yield from _labels(outcome, f"Synthetic {en} {n}", f"{fr.capitalize()} synthétique {n}")
    yield outcome, SCHEMA.datePublished, _date(rng)
    yield outcome, SSE.adoptedAt, rng.choice(pools.events)
    yield outcome, SSE.adoptedBy, rng.choice(pools.groups)
    for actor in rng.sample(pools.actors, k=min(2, len(pools.actors))):
        yield actor, SSE.contributedTo, outcome
    yield cite(outcome)


def write(path: Path, triples: int, seed: int = 0) -> int:
    """Write a synthetic graph to ``path`` (N-Triples or Turtle by suffix), atomically."""
    import pyoxigraph as ox

    from ssegraph.backends.embedded import to_oxigraph

    rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip(".") or "nt")
    if rdf_format is None or rdf_format.supports_datasets:
        raise BadParameter("--output", f"{path.name}: write .nt or .ttl")
    written = 0

    def statements() -> Iterator[ox.Triple]:
        # Streamed to the writer, not listed first: a million triples as Python objects held
        # at once would take as much memory again as the store they are meant for.
        nonlocal written
        for s, p, o in synthesize(triples, seed):
            written += 1
            subject, predicate = to_oxigraph(s), to_oxigraph(p)
            assert not isinstance(subject, ox.Literal) and isinstance(predicate, ox.NamedNode)
            yield ox.Triple(subject, predicate, to_oxigraph(o))

    with replacing(path) as temporary:  # the mode of the file replaced, or the umask's
        ox.serialize(statements(), str(temporary), format=rdf_format, prefixes=PREFIXES)
    return written
