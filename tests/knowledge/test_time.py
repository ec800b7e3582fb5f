"""Time in the curated data: every clue the five texts give, kept at its precision.

Events carry ``schema:startDate`` / ``schema:endDate`` and outcomes ``schema:datePublished``, as
``xsd:date`` where the day is known and ``xsd:gYearMonth`` / ``xsd:gYear`` where only the month or
the year is; a sub-event without dates of its own lies within its parent (``schema:superEvent``).
Memberships, roles and posts are placed in time by ``sse:attestedOn`` (on or before the date of
the source) or by an ``org:memberDuring`` interval. Posts are attested on the day the text ties
them to (a session, a webinar), not on the inferred date of the page. What the curators inferred
(a year from context, an interval from the founding of a group, the date of a source) is an
``sse:Inference`` that names the inferred property (``sse:inferredProperty``) and cites what
supports it. The few nodes the texts give no clue of time for are listed here, with why.
"""

from __future__ import annotations

import pytest

from . import helpers as h

DAY, MONTH, YEAR = h.XSD + "date", h.XSD + "gYearMonth", h.XSD + "gYear"
PRECISIONS = {DAY, MONTH, YEAR}
SCHEMA = "https://schema.org/"
START, END, PUBLISHED = SCHEMA + "startDate", SCHEMA + "endDate", SCHEMA + "datePublished"
ATTESTED = "https://w3id.org/ssegraph/ontology#attestedOn"
MEMBER_DURING = "http://www.w3.org/ns/org#memberDuring"
DCTERMS_DATE = "http://purl.org/dc/terms/date"

# Events that the texts date by a month or a year only: (a name, the value, its precision, the
# source, whether the value is inferred rather than stated).
PARTIAL_EVENTS = [
    (
        "Conférence de l'UNRISD sur le potentiel de l'économie sociale et solidaire",
        "2013-05",
        MONTH,
        "002",
        False,
    ),  # "en mai 2013"
    ("Rio+20", "2012", YEAR, "001", False),  # "En 2012, ... la Conférence"
    (
        "Les Rencontres du Mont-Blanc proposent au gouvernement français un groupe pilote de l'ESS",
        "2013",
        YEAR,
        "001",
        False,
    ),  # "en 2013, à travers son Président"
    (
        "8e session du Groupe de travail ouvert sur les objectifs de développement durable",
        "2014-02",
        MONTH,
        "001",
        True,
    ),  # under way on 4 February 2014, its side-event's day
    (
        "Réunion du groupe pilote international de l'ESS au Quai d'Orsay (juin 2016)",
        "2016-06",
        MONTH,
        "000",
        False,
    ),  # "en juin 2016"
    ("Sommet des villes d'Asie-Pacifique 2017", "2017", YEAR, "003", False),
    ("Formation aux ODD 2017", "2017", YEAR, "003", False),
    ("Forum international des maires 2018", "2018", YEAR, "003", False),
    ("108ème Conférence internationale du Travail", "2019-06", MONTH, "003", True),  # 21 June
]

# Outcomes dated by a month or a year only.
PARTIAL_OUTCOMES = [
    ("Vade-mecum du groupe pilote international de l'ESS", "2016-06", MONTH, "000", False),
    ("Manifeste de Praia", "2017-10", MONTH, "003", False),  # within the forum of 17-20 Oct. 2017
    (
        "Statut consultatif spécial auprès de l'ECOSOC des Rencontres du Mont-Blanc",
        "2013-01",
        MONTH,
        "001",
        False,
    ),  # decided at the session of 21-30 January 2013
    ("GSEF position paper on SSE and the future of work", "2019", YEAR, "003", True),
]

# Nodes whose time the curators inferred: (a name, kind, the inferred properties, the sources
# the inference must cite).
INFERRED = [
    (
        "First plenary meeting of the UN inter-agency task force on SSE",
        "event",
        {START, END},
        {"002", "001"},
    ),
    (
        "8th session of the Open Working Group on Sustainable Development Goals",
        "event",
        {START, END},
        {"001"},
    ),
    ("108th International Labour Conference", "event", {START, END}, {"003"}),
    ("INAES webinar series on SSE for Mexican parliamentarians", "event", {START, END}, {"003"}),
    (
        "Strategic changes of the social and economic models against COVID-19",
        "event",
        {START, END},
        {"003"},
    ),
    (
        "Premise for better governance: public policies for the Social Economy",
        "event",
        {START, END},
        {"003"},
    ),
    ("GSEF preparatory webinar series", "event", {START}, {"003"}),
    ("ILO Centenary Declaration for the Future of Work", "outcome", {PUBLISHED}, {"003"}),
    ("GSEF position paper on SSE and the future of work", "outcome", {PUBLISHED}, {"003"}),
]

# Dates the texts state in full: no inference may claim them.
STATED = [
    ("HLPF 2018", "event"),
    ("Habitat III", "event"),
    ("UNTFSSE International Conference 2019", "event"),
    ("4th World Forum of Local Economic Development", "event"),
    ("Nouvel Agenda urbain", "outcome"),
]

# What the five texts give no clue of time for (named as the data names them), and why.
UNDATABLE_EVENTS = {
    "8th CityNet Congress": "003 names it without a date",
    "GSEF thematic session on SSE at the 8th CityNet Congress": "its congress is undated",
    "9th World Urban Forum": "003 names it without a date",
    "GSEF thematic session on SSE at the 9th World Urban Forum": "its forum is undated",
    "UCLG Culture Summit": "003 names it without a date",
    "RTES annual seminar": "003 names it without a date",
    "Meeting of the working group on collaboration between international SSE organisations "
    "and networks": "004 is undated and dates nothing",
}
# (member, organisation, role key) of memberships no text places in time.
UNDATABLE_MEMBERSHIPS = [
    (
        "RIPESS",
        "Working group on collaboration between international SSE organisations and networks",
        "coordinator",
    ),  # 004 is undated; it only shows it was written after 2013
]


def event(kg, name):
    return h.one(kg, name, kind="event")


def outcome(kg, name):
    return h.one(kg, name, kind="outcome")


# --------------------------------------------------------------------------- precision


@pytest.mark.parametrize(
    ("name", "value", "precision", "src", "inferred"),
    PARTIAL_EVENTS,
    ids=[e[0][:40] for e in PARTIAL_EVENTS],
)
def test_event_dated_by_month_or_year_carries_it_on_start_and_end(
    kg, name, value, precision, src, inferred
):
    e = event(kg, name)
    for prop in ("schema:startDate", "schema:endDate"):
        got = h.typed_values(kg, e, prop)
        assert got == {(value, precision)}, f"{name}: {prop} {got}, expected {value} ({precision})"
    h.assert_derived(kg, e, src)
    assert bool(h.inferred_properties(kg, e) & {START, END}) == inferred, (
        f"{name}: the date is {'inferred' if inferred else 'stated'}; "
        f"inferences {h.inferences(kg, e)}"
    )


@pytest.mark.parametrize(
    ("name", "value", "precision", "src", "inferred"),
    PARTIAL_OUTCOMES,
    ids=[o[0][:40] for o in PARTIAL_OUTCOMES],
)
def test_outcome_dated_by_month_or_year_carries_it_on_date_published(
    kg, name, value, precision, src, inferred
):
    o = outcome(kg, name)
    got = h.typed_values(kg, o, "schema:datePublished")
    assert got == {(value, precision)}, f"{name}: schema:datePublished {got}"
    h.assert_derived(kg, o, src)
    assert (PUBLISHED in h.inferred_properties(kg, o)) == inferred


def test_no_event_or_outcome_keeps_its_date_in_dcterms_date(kg):
    h.assert_no_rows(
        kg,
        "SELECT ?x ?d WHERE { { ?x a/rdfs:subClassOf* schema:Event } UNION "
        "{ ?x a/rdfs:subClassOf* schema:CreativeWork } ?x dcterms:date ?d . "
        "FILTER NOT EXISTS { ?x a/rdfs:subClassOf* dcterms:BibliographicResource } }",
        "dates belong on schema:startDate / schema:endDate / schema:datePublished",
    )


def test_every_event_and_outcome_date_has_a_precision_datatype(kg):
    rows = h.select(
        kg,
        "SELECT ?x ?p ?d WHERE { ?x ?p ?d . "
        "VALUES ?p { schema:startDate schema:endDate schema:datePublished } }",
    )
    assert rows
    bad = sorted(
        f"{r['x']} {r['p']} {r['d']!r}"
        for r in rows
        if str(getattr(r["d"], "datatype", None)) not in PRECISIONS
    )
    assert not bad, bad


def first_day(value: str) -> str:
    """The first day a year, a month or a day can be, as text."""
    return {4: value + "-01-01", 7: value + "-01"}.get(len(value), value)


def last_day(value: str) -> str:
    """The last day a year, a month or a day can be, as text ("-31" compares as any month end)."""
    return {4: value + "-12-31", 7: value + "-31"}.get(len(value), value)


def test_no_event_ends_before_it_starts_at_any_precision(kg):
    rows = h.select(kg, "SELECT ?e ?s ?t WHERE { ?e schema:startDate ?s ; schema:endDate ?t }")
    assert rows
    bad = [
        (str(r["e"]), str(r["s"]), str(r["t"]))
        for r in rows
        if last_day(str(r["t"])) < first_day(str(r["s"]))
    ]
    assert not bad, bad


def test_hlpf_2018_ran_9_to_18_july_and_gsef_side_event_lies_within_it(kg, gsef):
    hlpf = event(kg, "HLPF 2018")
    h.assert_day(kg, hlpf, "2018-07-09", "2018-07-18")
    sides = [e for e in h.objects(kg, hlpf, "schema:subEvent") if gsef in h.organizers(kg, e)]
    assert len(sides) == 1, f"GSEF's side event: {h.describe(kg, sides)}"
    (side,) = sides
    assert h.objects(kg, side, "schema:superEvent") == {hlpf}, "schema:superEvent is stated"
    assert not h.str_values(kg, side, "schema:startDate|schema:endDate"), (
        "003 gives the side event no dates of its own: it takes the HLPF's"
    )


def test_proposal_of_the_task_force_lies_within_the_unrisd_conference(kg, tfsse):
    conference = event(kg, PARTIAL_EVENTS[0][0])
    steps = [
        s
        for s in h.via_inverse(kg, tfsse, "org:resultingOrganization")
        if conference in h.objects(kg, s, "schema:superEvent")
    ]
    assert len(steps) == 1, h.describe(kg, h.via_inverse(kg, tfsse, "org:resultingOrganization"))
    (step,) = steps
    assert step in h.objects(kg, conference, "schema:subEvent")
    assert not h.str_values(kg, step, "schema:startDate|schema:endDate|dcterms:date"), (
        "002 dates the conference, not the proposal: it takes the conference's month"
    )


def test_first_plenary_is_dated_10_february_2014_by_an_inference(kg, tfsse):
    plenary = event(kg, INFERRED[0][0])
    h.assert_day(kg, plenary, "2014-02-10", "2014-02-10")
    assert tfsse in h.organizers(kg, plenary)
    infs = [i for i in h.inferences(kg, plenary) if START in i["properties"]]
    assert infs, "002 gives 10 February without a year: the year is inferred"
    assert any({"002", "001"} <= i["sources"] for i in infs), infs


# --------------------------------------------------------------------------- time clues


def test_every_event_has_a_time_clue_or_is_known_to_have_none(kg):
    rows = h.select(
        kg,
        "SELECT DISTINCT ?e WHERE { ?e a/rdfs:subClassOf* schema:Event . "
        "FILTER NOT EXISTS { ?e schema:superEvent* ?p . ?p schema:startDate|schema:endDate ?d } }",
    )
    undated = {r["e"] for r in rows}
    known = {event(kg, name) for name in UNDATABLE_EVENTS}
    h.assert_same_nodes(kg, undated, known, "events without own or inherited dates")


def test_every_outcome_has_a_time_clue(kg):
    h.assert_no_rows(
        kg,
        "SELECT ?o WHERE { ?o a/rdfs:subClassOf* sse:PolicyOutcome . "
        "FILTER NOT EXISTS { ?o schema:datePublished ?d } "
        "FILTER NOT EXISTS { ?o sse:adoptedAt/schema:superEvent* ?e . "
        "?e schema:startDate|schema:endDate ?d } }",
        "outcomes without a date",
    )


def test_every_membership_role_and_post_has_a_time_clue_or_is_known_to_have_none(kg):
    rows = h.select(
        kg,
        "SELECT DISTINCT ?m WHERE { ?m org:member ?x ; org:organization ?o . "
        "FILTER NOT EXISTS { ?m sse:attestedOn ?d } "
        "FILTER NOT EXISTS { ?m org:memberDuring/(time:hasBeginning|time:hasEnd)/"
        f"({h.INSTANT_DATE}) ?t }} }}",
    )
    undated = {r["m"] for r in rows}
    known = set()
    for member, organization, role in UNDATABLE_MEMBERSHIPS:
        ms = h.with_role(
            kg,
            h.memberships(kg, h.one(kg, organization, kind="org"), h.one(kg, member, kind="org")),
            role,
        )
        assert len(ms) == 1, (member, organization, role)
        known.add(ms[0]["m"])
    h.assert_same_nodes(kg, undated, known, "memberships without attestation or interval")


# --------------------------------------------------------------------------- posts of 003


@pytest.fixture(scope="module")
def session_2019(kg, gsef):
    conference = event(kg, "UNTFSSE International Conference 2019")
    sessions = [
        s for s in h.objects(kg, conference, "schema:subEvent") if gsef in h.organizers(kg, s)
    ]
    assert len(sessions) == 1, h.describe(kg, sessions)
    return sessions[0]


def posts_from(kg, person, key: str) -> list[dict]:
    return [m for m in h.memberships(kg, member=person) if key in m["sources"]]


def test_posts_of_the_2019_session_are_attested_on_its_first_day(kg, session_2019):
    people = h.performers(kg, session_2019)
    assert len(people) == 6, h.describe(kg, people)  # four speakers, a moderator, an opening
    for person in people:
        posts = posts_from(kg, person, "003")
        assert posts, f"{h.describe(kg, [person])} has a post on GSEF's page"
        assert any("2019-06-25" in m["dates"] for m in posts), (
            f"{h.describe(kg, [person])}: the page gives the post at the session of 25-26 June "
            f"2019; attested {[sorted(m['dates']) for m in posts]}"
        )


def test_only_undated_statements_of_the_gsef_page_are_attested_on_its_inferred_date(
    kg, gsef, tfsse
):
    page = h.source(kg, "003")
    assert {str(d) for d in h.objects(kg, page, "dcterms:date")} == {"2020-07-17"}
    rows = h.select(
        kg,
        f"SELECT DISTINCT ?m WHERE {{ ?m org:member ?x ; prov:wasDerivedFrom {h.ref(page)} ; "
        'sse:attestedOn ?d . FILTER(str(?d) = "2020-07-17") }',
    )
    observer = h.with_role(kg, h.memberships(kg, tfsse, gsef), "observer")
    h.assert_same_nodes(
        kg, h.column(rows, "m"), {m["m"] for m in observer}, "attested on the page's inferred date"
    )


WEBINAR_POSTS = [
    ("Juan Antonio Pedreño", "2020-05-26", 2),  # Social Economy Europe and CEPES
    ("Maude Brossard-Sabourin", "2020-06-09", 1),
    ("Laurence Kwark", "2020-06-23", 1),
    ("María Luisa Albores González", "2020-06-30", 1),
    ("Joaquín Pérez Rey", "2020-06-30", 1),
    ("Maravillas Espín Sáez", "2020-06-30", 1),
    ("Luisa María Alcalde Luján", "2020-06-30", 1),
]


@pytest.mark.parametrize(
    ("person", "day", "count"), WEBINAR_POSTS, ids=[p[0] for p in WEBINAR_POSTS]
)
def test_webinar_speaker_post_is_attested_on_the_webinar_day_with_an_inferred_year(
    kg, person, day, count
):
    p = h.one(kg, person, kind="person")
    posts = [m for m in posts_from(kg, p, "003") if day in m["dates"]]
    assert len(posts) == count, (
        f"{person}: {count} post(s) attested on {day}; got "
        f"{[sorted(m['dates']) for m in posts_from(kg, p, '003')]}"
    )
    for m in posts:
        assert ATTESTED in h.inferred_properties(kg, m["m"]), (
            "the webinar table gives day and month only: the year of the attestation is inferred"
        )


# --------------------------------------------------------------------------- observers, 002


@pytest.mark.parametrize("observer", ["RIPESS", "RMB"])
def test_task_force_observer_from_its_start_is_dated_from_its_founding(kg, tfsse, observer):
    node = h.one(kg, observer, kind="org")
    ms = [
        m
        for m in h.with_role(kg, h.memberships(kg, tfsse, node), "observer")
        if "002" in m["sources"]
    ]
    assert len(ms) == 1, f"{observer}: observer seat of 002"
    (m,) = ms
    begins, ends = h.interval_bounds(kg, m["m"])
    assert begins == {("2013-05", MONTH)}, (
        f"{observer}: from the proposal of the task force in May 2013; begins {begins}"
    )
    assert not ends, f"no source ends the seat: {ends}"
    infs = [i for i in h.inferences(kg, m["m"]) if MEMBER_DURING in i["properties"]]
    assert infs and all("002" in i["sources"] and i["comments"] for i in infs), infs
    assert m["sources"] == {"002"}


def test_task_force_founding_month_is_the_observers_beginning(kg, tfsse):
    steps = h.via_inverse(kg, tfsse, "org:resultingOrganization")
    months = {
        d[:7] for s in steps for d in h.str_values(kg, s, "schema:superEvent?/schema:startDate")
    }
    # the proposal at the UNRISD conference (002), then the founding meeting in Geneva on
    # 30 September 2013 (the task force's page): the observers' seats begin with the first
    assert months == {"2013-05", "2013-09"}, months


@pytest.mark.parametrize("name", ["Ben Quinones", "Daniel Tygel", "Judith Hitchman"])
def test_ripess_representative_is_dated_to_the_window_the_origins_text_covers(kg, ripess, name):
    person = h.one(kg, name, kind="person")
    ms = h.with_role(kg, h.memberships(kg, ripess, person), "representative")
    assert len(ms) == 1
    begins, ends = h.interval_bounds(kg, ms[0]["m"])
    assert begins == {("2013-05", MONTH)} and ends == {("2014-02", MONTH)}, (begins, ends)
    infs = [i for i in h.inferences(kg, ms[0]["m"]) if MEMBER_DURING in i["properties"]]
    assert infs and all("002" in i["sources"] for i in infs), infs


# --------------------------------------------------------------------------- provenance


def test_gsef_observer_seat_cites_exactly_the_gsef_page(kg, gsef, tfsse):
    ms = h.with_role(kg, h.memberships(kg, tfsse, gsef), "observer")
    assert len(ms) == 1
    cited = h.objects(kg, ms[0]["m"], "prov:wasDerivedFrom")
    assert cited == {h.source(kg, "003")}, f"the seat is stated by 003 alone: {cited}"


def test_the_gsef_page_date_is_marked_as_inferred(kg):
    page = h.source(kg, "003")
    infs = [i for i in h.inferences(kg, page) if DCTERMS_DATE in i["properties"]]
    assert len(infs) == 1 and "003" in infs[0]["sources"] and infs[0]["comments"], infs


@pytest.mark.parametrize("key", ["000", "001"])
def test_printed_source_date_is_not_marked_as_inferred(kg, key):
    assert DCTERMS_DATE not in h.inferred_properties(kg, h.source(kg, key))


@pytest.mark.parametrize(
    ("name", "kind", "properties", "sources"), INFERRED, ids=[i[0][:40] for i in INFERRED]
)
def test_inferred_time_is_an_inference_citing_its_support(kg, name, kind, properties, sources):
    node = h.one(kg, name, kind=kind)
    infs = [i for i in h.inferences(kg, node) if i["properties"] & properties]
    assert infs, f"{name}: no inference on {properties}"
    assert properties <= set().union(*(i["properties"] for i in infs))
    assert any(sources <= i["sources"] for i in infs), f"{name}: cites {infs}"
    assert all(i["comments"] for i in infs), "each inference explains itself"


@pytest.mark.parametrize(("name", "kind"), STATED, ids=[s[0] for s in STATED])
def test_dates_the_texts_state_are_not_marked_as_inferred(kg, name, kind):
    node = h.one(kg, name, kind=kind)
    assert not h.inferred_properties(kg, node) & {START, END, PUBLISHED}


def test_every_inferred_property_is_carried_by_the_node_it_concerns(kg):
    h.assert_no_rows(
        kg,
        "SELECT ?i ?n ?p WHERE { ?i a/rdfs:subClassOf* sse:Inference ; sse:concerns ?n ; "
        "sse:inferredProperty ?p . FILTER NOT EXISTS { ?n ?p ?v } }",
        "an inference names a property its node does not carry",
    )


def test_every_inference_cites_only_bibliographic_resources(kg):
    h.assert_no_rows(
        kg,
        "SELECT ?i ?s WHERE { ?i a/rdfs:subClassOf* sse:Inference ; prov:wasDerivedFrom ?s . "
        "FILTER NOT EXISTS { ?s a/rdfs:subClassOf* dcterms:BibliographicResource } }",
    )
