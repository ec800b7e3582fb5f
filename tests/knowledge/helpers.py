"""Shared helpers of the knowledge tests.

Every query goes through ``kg.select`` (the session fixture of ``tests/conftest.py``) and uses
the standard vocabularies of the contract (ORG, SKOS, schema.org, PROV, Dublin Core), reaching
the ``sse:`` refinements through ``rdfs:subClassOf*`` / ``rdfs:subPropertyOf*`` from their
standard super-term.  Things are found by their names (any ``skos:prefLabel`` or
``skos:altLabel``, compared in a normalised form), never by IRI; source documents are found by
``dcterms:identifier`` (their file name).

Test modules import this module as ``h``.  The source facts that several modules check are in
``facts``; the organisations several modules talk about are fixtures of ``conftest``.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from rdflib import URIRef

PREFIXES = """\
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX sse: <https://w3id.org/ssegraph/ontology#>
"""

# The five curated source texts, by their file name (dcterms:identifier).
SOURCES = {
    "000": "000_1c948b707914747d.txt",  # GPIESS presentation page, 8 July 2017
    "001": "001_2d54a2de2d578869.txt",  # GPIESS presentation "au 17 septembre 2014"
    "002": "002_d6d5817abb5105c9.txt",  # origins of the UN Inter-Agency Task Force on SSE
    "003": "003_6fb74e28721d8ccd.txt",  # GSEF international collaboration page
    "004": "004_9b5401fff72d64c9.txt",  # working group coordinated by RIPESS
}

# What a node is, by the standard class it falls under.
KIND_PATTERNS = {
    "org": "?s a/rdfs:subClassOf* org:Organization .",
    "person": "?s a/rdfs:subClassOf* foaf:Person .",
    "event": "?s a/rdfs:subClassOf* schema:Event .",
    "outcome": "?s a/rdfs:subClassOf* schema:CreativeWork .",
    "country": "?s a schema:Country .",
    "place": "{ ?s a/rdfs:subClassOf* schema:Place } UNION { ?s a schema:City } "
    "UNION { ?s a schema:Country } UNION { ?any schema:location ?s . ?s skos:prefLabel ?pl }",
    "role": "?s a/rdfs:subClassOf* org:Role .",
    "source": "?s a/rdfs:subClassOf* dcterms:BibliographicResource .",
}

# Accepted labels of the roles the texts talk about (compared with ``norm``).
ROLE_NAMES = {
    "member": {"member", "membre", "full member", "membre à part entière"},
    "observer member": {"observer member", "membre observateur", "observing member"},
    "observer": {"observer", "observateur", "observatrice"},
    "chair": {
        "chair",
        "chairperson",
        "chairmanship",
        "presidency",
        "présidence",
        "president",
        "président",
        "chair state",
        "état président",
    },
    "secretariat": {
        "secretariat",
        "secrétariat",
        "permanent secretariat",
        "secrétariat permanent",
        "member of the permanent secretariat",
        "membre du secrétariat permanent",
        "secretariat member",
    },
    "spokesperson": {"spokesperson", "porte-parole", "spokesman", "spokesperson state"},
    "administrator": {"administrator", "administrateur", "administratrice", "administration"},
    "coordinator": {"coordinator", "coordinateur", "coordinatrice", "coordination"},
    "representative": {"representative", "représentant", "représentante"},
    "founding member": {
        "founding member",
        "membre fondateur",
        "founder",
        "fondateur",
        "first member",
        "initiating member",
        "membre initiateur",
    },
}


# --------------------------------------------------------------------------- text


def norm(text: object) -> str:
    """Casefolded, accent-stripped, letters and digits only ("Équateur" -> "equateur")."""
    t = str(text).replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    return "".join(c for c in t if c.isalnum())


# --------------------------------------------------------------------------- queries


def sub_property(var: str, super_property: str) -> str:
    """``var`` is ``super_property`` or one of its sub-properties.

    The contract's ``?p rdfs:subPropertyOf* X`` does the same, but an engine may evaluate the
    zero-length step only over nodes that occur as subject or object (pyoxigraph does), and miss
    ``?p = X`` when no sub-property of X is declared; test_vocabulary_contract checks that."""
    return (
        f"FILTER({var} = {super_property} || "
        f"EXISTS {{ {var} rdfs:subPropertyOf+ {super_property} }})"
    )


def select(kg, body: str) -> list[dict]:
    """Run a SELECT with the standard prefixes declared."""
    return kg.select(PREFIXES + body)


def assert_no_rows(kg, body: str, context: str = "") -> None:
    """The SELECT ``body`` finds nothing; a failure lists the rows it found, sorted."""
    rows = sorted(
        " ".join("-" if v is None else v.n3() for v in r.values()) for r in select(kg, body)
    )
    assert not rows, f"{context + ': ' if context else ''}{len(rows)} row(s): {rows[:20]}"


def ref(node) -> str:
    """A node as a SPARQL term."""
    assert isinstance(node, URIRef), f"cannot name {node!r} in a query: not an IRI"
    return f"<{node}>"


def column(rows: Iterable[dict], var: str) -> set:
    return {r[var] for r in rows if r.get(var) is not None}


def objects(kg, s, path: str) -> set:
    """Objects of ``s`` through a property path (written with the standard prefixes)."""
    return column(select(kg, f"SELECT DISTINCT ?o WHERE {{ {ref(s)} {path} ?o }}"), "o")


def subjects(kg, path: str, o) -> set:
    return column(select(kg, f"SELECT DISTINCT ?s WHERE {{ ?s {path} {ref(o)} }}"), "s")


def _other_ends(kg, triple: str, var: str, super_property: str) -> set:
    """Values of ``var`` in ``triple`` (whose predicate is ``?p``), where ``?p`` is
    ``super_property`` or one of its sub-properties."""
    query = f"SELECT DISTINCT ?{var} WHERE {{ {triple} . {sub_property('?p', super_property)} }}"
    return column(select(kg, query), var)


def via(kg, s, super_property: str) -> set:
    """Objects of ``s`` through ``super_property`` or any of its sub-properties."""
    return _other_ends(kg, f"{ref(s)} ?p ?o", "o", super_property)


def via_inverse(kg, o, super_property: str) -> set:
    """Subjects that point to ``o`` through ``super_property`` or a sub-property of it."""
    return _other_ends(kg, f"?s ?p {ref(o)}", "s", super_property)


def organizers(kg, e) -> set:
    return via(kg, e, "schema:organizer")


def contributors(kg, e) -> set:
    return via(kg, e, "schema:contributor")


def performers(kg, e) -> set:
    return via(kg, e, "schema:performer")


def attendees(kg, e) -> set:
    return via(kg, e, "schema:attendee")


def linked(kg, a, b) -> bool:
    """Some triple links ``a`` and ``b`` directly, in either direction."""
    rows = select(
        kg,
        f"SELECT ?p WHERE {{ {{ {ref(a)} ?p {ref(b)} }} UNION {{ {ref(b)} ?p {ref(a)} }} }} "
        "LIMIT 1",
    )
    return bool(rows)


def str_values(kg, s, path: str) -> set[str]:
    return {str(o) for o in objects(kg, s, path)}


def typed_values(kg, s, path: str) -> set[tuple[str, str | None]]:
    """(lexical form, datatype IRI) of literal values."""
    out = set()
    for o in objects(kg, s, path):
        dt = getattr(o, "datatype", None)
        out.add((str(o), str(dt) if dt is not None else None))
    return out


XSD = "http://www.w3.org/2001/XMLSchema#"


def start_dates(kg, e) -> set[str]:
    return str_values(kg, e, "schema:startDate")


def end_dates(kg, e) -> set[str]:
    return str_values(kg, e, "schema:endDate")


def any_dates(kg, e) -> set[str]:
    """schema:startDate, schema:endDate and any dcterms:date (or sub-property) of ``e``."""
    return start_dates(kg, e) | end_dates(kg, e) | {str(o) for o in via(kg, e, "dcterms:date")}


def assert_day(kg, e, start: str, end: str | None = None) -> None:
    """The event has exactly this start date (and end date, defaulting to the start date
    when the event lasts one day and an end date is stated), typed xsd:date."""
    got = typed_values(kg, e, "schema:startDate")
    assert got == {(start, XSD + "date")}, f"{e}: schema:startDate {got}, expected {start}"
    ends = typed_values(kg, e, "schema:endDate")
    if end is None:
        assert ends <= {(start, XSD + "date")}, f"{e}: schema:endDate {ends}, expected {start}"
    else:
        assert ends == {(end, XSD + "date")}, f"{e}: schema:endDate {ends}, expected {end}"


# --------------------------------------------------------------------------- names

_INDEX: dict[int, dict] = {}


def _index(kg) -> dict:
    key = id(kg)
    if key not in _INDEX:
        labels: dict = defaultdict(set)
        by_norm: dict = defaultdict(set)
        for r in select(kg, "SELECT ?s ?l WHERE { ?s skos:prefLabel|skos:altLabel ?l }"):
            labels[r["s"]].add(str(r["l"]))
            by_norm[norm(r["l"])].add(r["s"])
        kinds = {
            kind: column(select(kg, f"SELECT DISTINCT ?s WHERE {{ {pattern} }}"), "s")
            for kind, pattern in KIND_PATTERNS.items()
        }
        _INDEX[key] = {"labels": labels, "by_norm": by_norm, "kinds": kinds}
    return _INDEX[key]


def labels_of(kg, node) -> set[str]:
    """All skos:prefLabel and skos:altLabel texts of ``node``."""
    return set(_index(kg)["labels"].get(node, set()))


def norm_labels(kg, node) -> set[str]:
    return {norm(label) for label in labels_of(kg, node)}


def of_kind(kg, kind: str) -> set:
    return set(_index(kg)["kinds"][kind])


def find(kg, *names: str, kind: str | None = None) -> set:
    """Nodes (of ``kind``) that carry any of ``names`` as a prefLabel or altLabel."""
    idx = _index(kg)
    found: set = set()
    for name in names:
        found |= idx["by_norm"].get(norm(name), set())
    if kind is not None:
        found &= idx["kinds"][kind]
    return found


def one(kg, *names: str, kind: str | None = None):
    """The single node (of ``kind``) called by any of ``names``."""
    found = find(kg, *names, kind=kind)
    assert len(found) == 1, (
        f"expected exactly one {kind or 'node'} named {names!r}, found "
        f"{sorted(str(f) for f in found) or 'none'}"
    )
    return next(iter(found))


def named(kg, node, *names: str) -> bool:
    """``node`` carries one of ``names`` (normalised) as a label."""
    wanted = {norm(n) for n in names}
    return bool(norm_labels(kg, node) & wanted)


def describe(kg, nodes: Iterable) -> list[str]:
    """Readable names of nodes, for assertion messages."""
    out = []
    for n in nodes:
        labels = sorted(labels_of(kg, n))
        out.append(f"{n} {labels[:3]}" if labels else str(n))
    return sorted(out)


def assert_same_nodes(kg, got: set, expected: set, context: str = "") -> None:
    """``got`` is exactly ``expected``; a failure names what is missing and what is extra."""
    assert got == expected, (
        f"{context + ': ' if context else ''}missing {describe(kg, expected - got)}; "
        f"unexpected {describe(kg, got - expected)}"
    )


def mentions(kg, node, *needles: str) -> bool:
    """Some name, theme or description of ``node`` contains one of ``needles`` (normalised):
    its labels, its schema:about values (literals or the labels of the nodes), its
    schema:description / dcterms:title / dcterms:description."""
    texts = set(norm_labels(kg, node))
    for o in objects(kg, node, "schema:about|schema:description|dcterms:title|dcterms:description"):
        texts.add(norm(o))
        texts |= norm_labels(kg, o)
    wanted = [norm(n) for n in needles]
    return any(w in t for t in texts for w in wanted)


# --------------------------------------------------------------------------- sources


def source(kg, key: str):
    """The source document whose dcterms:identifier is the file name of source ``key``."""
    ident = SOURCES[key]
    rows = select(
        kg,
        f'SELECT DISTINCT ?s WHERE {{ ?s dcterms:identifier ?id . FILTER(str(?id) = "{ident}") }}',
    )
    found = column(rows, "s")
    assert len(found) == 1, f"expected one source with dcterms:identifier {ident}, got {found}"
    return next(iter(found))


def source_keys(kg, node) -> set[str]:
    """Keys ("000".."004") of the curated sources ``node`` is prov:wasDerivedFrom."""
    idents = {
        str(r["id"])
        for r in select(
            kg,
            f"SELECT ?id WHERE {{ {ref(node)} prov:wasDerivedFrom ?s . "
            "?s dcterms:identifier ?id }",
        )
    }
    return {k for k, v in SOURCES.items() if v in idents}


def assert_derived(kg, node, *keys: str) -> None:
    got = source_keys(kg, node)
    missing = set(keys) - got
    assert not missing, (
        f"{describe(kg, [node])} is not prov:wasDerivedFrom source(s) "
        f"{sorted(SOURCES[k] for k in missing)} (derived from {sorted(got)})"
    )


# --------------------------------------------------------------------------- roles


_ROLE_CACHE: dict[int, dict] = {}


def role_is(kg, role, key: str) -> bool:
    """``role`` is the role ``key`` of ROLE_NAMES, by any of its labels."""
    cache = _ROLE_CACHE.setdefault(id(kg), {})
    if role not in cache:
        cache[role] = norm_labels(kg, role)
    return bool(cache[role] & {norm(n) for n in ROLE_NAMES[key]})


def role_matches(kg, role, *needles: str) -> bool:
    """Some label of ``role`` contains one of ``needles`` (normalised)."""
    labels = norm_labels(kg, role)
    wanted = [norm(n) for n in needles]
    return any(w in label for label in labels for w in wanted)


def memberships(kg, organization=None, member=None) -> list[dict]:
    """org:Membership nodes of ``organization`` and/or ``member``, each as a dict with
    ``m``, ``member``, ``organization``, ``roles`` (set of nodes), ``dates`` (lexical forms
    of dcterms:date and its sub-properties, e.g. sse:attestedOn) and ``sources`` (keys)."""
    values = []
    if organization is not None:
        values.append(f"VALUES ?o {{ {ref(organization)} }}")
    if member is not None:
        values.append(f"VALUES ?x {{ {ref(member)} }}")
    rows = select(
        kg,
        "SELECT ?m ?x ?o ?r ?d ?id WHERE { "
        + " ".join(values)
        + " ?m org:organization ?o ; org:member ?x ."
        " OPTIONAL { ?m org:role ?r }"
        " OPTIONAL { ?m ?dp ?d . " + sub_property("?dp", "dcterms:date") + " }"
        " OPTIONAL { ?m prov:wasDerivedFrom ?s . ?s dcterms:identifier ?id . } }",
    )
    out: dict = {}
    for r in rows:
        m = out.setdefault(
            r["m"],
            {
                "m": r["m"],
                "member": r["x"],
                "organization": r["o"],
                "roles": set(),
                "dates": set(),
                "sources": set(),
            },
        )
        if r.get("r") is not None:
            m["roles"].add(r["r"])
        if r.get("d") is not None:
            m["dates"].add(str(r["d"]))
        if r.get("id") is not None:
            m["sources"] |= {k for k, v in SOURCES.items() if v == str(r["id"])}
    return list(out.values())


def with_role(kg, ms: list[dict], key: str) -> list[dict]:
    return [m for m in ms if any(role_is(kg, r, key) for r in m["roles"])]


def attested_on(kg, organization, member, role_key: str, date: str) -> list[dict]:
    """Memberships of ``member`` in ``organization`` with the role ``role_key``, attested on
    ``date``."""
    return [
        m
        for m in with_role(kg, memberships(kg, organization, member), role_key)
        if date in m["dates"]
    ]


def members_attested(kg, organization, date: str, *role_keys: str) -> set:
    """Members of ``organization`` with one of the roles, attested on ``date``."""
    return {
        m["member"]
        for key in role_keys
        for m in with_role(kg, memberships(kg, organization), key)
        if date in m["dates"]
    }


def members_as_of(kg, organization, date: str, *role_keys: str) -> set:
    """The model's "as of D": members attested by the latest list dated on or before D."""
    ms = [m for key in role_keys for m in with_role(kg, memberships(kg, organization), key)]
    dates = sorted({d for m in ms for d in m["dates"] if len(d) == 10 and d <= date})
    if not dates:
        return set()
    latest = dates[-1]
    return {m["member"] for m in ms if latest in m["dates"]}


# --------------------------------------------------------------------------- places


def codes(kg, node) -> set[str]:
    """Identifiers of ``node`` given by schema:identifier or a sub-property (sse:isoCode...)."""
    return {str(o) for o in via(kg, node, "schema:identifier")}


def place_country_codes(kg, place) -> set[str]:
    out: set[str] = set()
    for c in objects(kg, place, "schema:addressCountry"):
        out |= codes(kg, c)
    return out


def locations(kg, e) -> list[tuple]:
    """(place, normalised labels, ISO codes of its schema:addressCountry) for each location;
    the labels include those of the places it is schema:containedInPlace (a venue in a city)."""
    out = []
    for p in objects(kg, e, "schema:location"):
        labels = set(norm_labels(kg, p))
        for up in objects(kg, p, "schema:containedInPlace+"):
            labels |= norm_labels(kg, up)
        out.append((p, labels, place_country_codes(kg, p)))
    return out


def assert_located(kg, e, place: str | tuple, iso: str) -> None:
    """``e`` has a schema:location whose name contains ``place`` (or one of the alternatives)
    and whose schema:addressCountry carries the ISO 3166-1 alpha-2 code ``iso``."""
    needles = [norm(p) for p in ((place,) if isinstance(place, str) else place)]
    locs = locations(kg, e)
    ok = [
        loc
        for loc in locs
        if any(n in label for n in needles for label in loc[1]) and iso in loc[2]
    ]
    assert ok, (
        f"{describe(kg, [e])}: no location named like {place!r} in country {iso}; "
        f"locations: {[(str(p), sorted(ls), sorted(cs)) for p, ls, cs in locs]}"
    )


def actor_country_codes(kg, actor) -> set[str]:
    """ISO codes of the countries an actor belongs to (sse:country, under schema:location), or
    of the actor itself when it is the schema:Country (a State node that is its country)."""
    out: set[str] = set()
    if actor in of_kind(kg, "country"):
        out |= codes(kg, actor)
    for c in via(kg, actor, "schema:location"):
        if isinstance(c, URIRef):
            out |= codes(kg, c)
    return out


# --------------------------------------------------------------------------- time and inferences

INSTANT_DATE = "time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear"


def interval_bounds(kg, membership) -> tuple[set, set]:
    """(lexical form, datatype) of the beginnings and of the ends of the org:memberDuring
    interval of ``membership``, whatever the precision of their instants."""
    begins = typed_values(kg, membership, f"org:memberDuring/time:hasBeginning/({INSTANT_DATE})")
    ends = typed_values(kg, membership, f"org:memberDuring/time:hasEnd/({INSTANT_DATE})")
    return begins, ends


def inferences(kg, node) -> list[dict]:
    """The sse:Inference nodes that concern ``node``, each as a dict with ``i``, ``properties``
    (the sse:inferredProperty IRIs, as strings), ``sources`` (keys of the curated sources it
    cites) and ``comments``."""
    rows = select(
        kg,
        "SELECT ?i ?p ?c ?id WHERE { ?i a/rdfs:subClassOf* sse:Inference ; "
        f"sse:concerns {ref(node)} . OPTIONAL {{ ?i sse:inferredProperty ?p }} "
        "OPTIONAL { ?i rdfs:comment ?c } "
        "OPTIONAL { ?i prov:wasDerivedFrom ?s . ?s dcterms:identifier ?id } }",
    )
    out: dict = {}
    for r in rows:
        i = out.setdefault(
            r["i"], {"i": r["i"], "properties": set(), "sources": set(), "comments": set()}
        )
        if r.get("p") is not None:
            i["properties"].add(str(r["p"]))
        if r.get("c") is not None:
            i["comments"].add(str(r["c"]))
        if r.get("id") is not None:
            i["sources"] |= {k for k, v in SOURCES.items() if v == str(r["id"])}
    return list(out.values())


def inferred_properties(kg, node) -> set[str]:
    """Every property an inference says was inferred on ``node``."""
    return {p for i in inferences(kg, node) for p in i["properties"]}
