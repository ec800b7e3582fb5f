"""Source 003: GSEF's international collaboration page.

Pins GSEF's observer seat in the UN task force, its contribution to the New Urban Agenda
(Habitat III, Quito, 17-20 October 2016), the Praia Manifesto (4th local economic development
forum, Praia, 17-20 October 2017), its side event at the 2018 HLPF (New York, 9-18 July 2018,
with UNDESA and UNRISD), its sessions and participations at other conferences, its special
session at the UNTFSSE conference of 25-26 June 2019 (speakers, moderator, opening, OECD),
the INAES webinar series of 2020 (six webinars and their speakers), the ILO Centenary
Declaration (21 June 2019, 108th International Labour Conference), and the posts of the people.
"""

from __future__ import annotations

import pycountry
import pytest

from . import helpers as h

SRC = "003"


def iso(name: str) -> str:
    return pycountry.countries.lookup(name).alpha_2


def sub_events(kg, e) -> set:
    return h.objects(kg, e, "schema:subEvent") | h.subjects(kg, "schema:superEvent", e)


def assert_sub_event_both_ways(kg, sub, sup) -> None:
    assert sup in h.objects(kg, sub, "schema:superEvent"), "schema:superEvent is stated"
    assert sub in h.objects(kg, sup, "schema:subEvent"), "schema:subEvent is stated"


def events_starting(kg, day: str) -> set:
    return {
        e
        for e in h.of_kind(kg, "event")
        if day in {str(d) for d in h.objects(kg, e, "schema:startDate")}
    }


def has_post(kg, person, organization, *needles: str, within: bool = False) -> bool:
    """``person`` holds a post (org:Membership) in ``organization`` whose role label contains
    one of ``needles``; with ``within``, a body inside the organisation also counts."""
    for m in h.memberships(kg, member=person):
        o = m["organization"]
        if (
            o == organization
            or (within and organization in h.objects(kg, o, "org:subOrganizationOf+"))
        ) and (not needles or any(h.role_matches(kg, r, *needles) for r in m["roles"])):
            return True
    return False


def posts_of(kg, person) -> list:
    """(organisation, roles) of each membership of ``person``, for assertion messages."""
    return [
        (h.describe(kg, [m["organization"]]), h.describe(kg, m["roles"]))
        for m in h.memberships(kg, member=person)
    ]


# --------------------------------------------------------------------------- GSEF


def test_gsef_is_one_organisation_known_by_acronym_and_names(kg, gsef):
    assert h.one(kg, "Forum Mondial de l'économie sociale", kind="org") == gsef
    assert h.named(kg, gsef, "Global Social Economy Forum"), "its English name"
    h.assert_derived(kg, gsef, SRC)


def test_gsef_is_observer_of_the_un_task_force(kg, gsef, tfsse):
    ms = h.with_role(kg, h.memberships(kg, tfsse, gsef), "observer")
    assert ms, "003: GSEF sits in the UN task force as an observer"
    assert any(SRC in m["sources"] for m in ms)


# --------------------------------------------------------------------------- Habitat III


@pytest.fixture(scope="module")
def habitat3(kg):
    return h.one(kg, "Habitat III", kind="event")


def test_habitat_iii_took_place_17_to_20_october_2016_in_quito_ecuador(kg, habitat3):
    h.assert_day(kg, habitat3, "2016-10-17", "2016-10-20")
    h.assert_located(kg, habitat3, "Quito", iso("Ecuador"))
    h.assert_derived(kg, habitat3, SRC)


def test_new_urban_agenda_was_adopted_at_habitat_iii_with_gsef_contributing(kg, gsef, habitat3):
    nua = h.one(kg, "Nouvel Agenda Urbain", "New Urban Agenda", kind="outcome")
    assert h.objects(kg, nua, "sse:adoptedAt") == {habitat3}
    assert gsef in h.via_inverse(kg, nua, "prov:influenced"), (
        "GSEF got the SSE written into the New Urban Agenda (sse:contributedTo / prov:influenced)"
    )
    h.assert_derived(kg, nua, SRC)


# --------------------------------------------------------------------------- Praia


@pytest.fixture(scope="module")
def praia_forum(kg):
    forums = [
        e
        for e in events_starting(kg, "2017-10-17")
        if h.mentions(kg, e, "local economic development", "developpement economique local")
    ]
    assert len(forums) == 1, f"4th local economic development forum: {h.describe(kg, forums)}"
    return forums[0]


def test_4th_local_economic_development_forum_praia_cabo_verde_17_20_october_2017(kg, praia_forum):
    h.assert_day(kg, praia_forum, "2017-10-17", "2017-10-20")
    h.assert_located(kg, praia_forum, "Praia", iso("Cabo Verde"))
    assert h.mentions(kg, praia_forum, "4", "fourth", "quatrieme"), "the 4th forum"
    h.assert_derived(kg, praia_forum, SRC)


def test_praia_manifesto_was_published_by_gsef_within_the_4th_forum(kg, gsef, praia_forum):
    manifesto = h.one(kg, "Manifeste de Praia", "Praia Manifesto", kind="outcome")
    publishers = h.objects(kg, manifesto, "schema:publisher") | h.via(
        kg, manifesto, "schema:creator"
    )
    assert gsef in publishers, (
        f"'GSEF ... a publié le Manifeste de Praia': {h.describe(kg, publishers)}"
    )
    assert praia_forum in h.objects(kg, manifesto, "sse:adoptedAt") or h.linked(
        kg, manifesto, praia_forum
    ), "published as part of the 4th local economic development forum"
    h.assert_derived(kg, manifesto, SRC)


# --------------------------------------------------------------------------- HLPF 2018


@pytest.fixture(scope="module")
def hlpf(kg):
    return h.one(
        kg,
        "Forum politique de haut niveau",
        "High-level Political Forum",
        "HLPF",
        "High-level Political Forum on Sustainable Development",
        "Forum politique de haut niveau 2018",
        "High-level Political Forum 2018",
        "HLPF 2018",
        kind="event",
    )


def test_hlpf_2018_took_place_9_to_18_july_2018_in_new_york(kg, hlpf):
    h.assert_day(kg, hlpf, "2018-07-09", "2018-07-18")
    h.assert_located(kg, hlpf, ("New York", "New-York"), iso("United States"))
    h.assert_derived(kg, hlpf, SRC)


def test_gsef_side_event_at_hlpf_on_sdgs_and_sse_with_undesa_and_unrisd(kg, gsef, hlpf):
    side = [e for e in sub_events(kg, hlpf) if gsef in h.organizers(kg, e)]
    assert len(side) == 1, f"GSEF's side event at the HLPF: {h.describe(kg, sub_events(kg, hlpf))}"
    (e,) = side
    assert_sub_event_both_ways(kg, e, hlpf)
    expected = {h.one(kg, "UNDESA", kind="org"), h.one(kg, "UNRISD", kind="org")}
    assert h.contributors(kg, e) == expected, (
        f"'en partenariat avec UNDESA et l'UNRISD': {h.describe(kg, h.contributors(kg, e))}"
    )
    assert h.mentions(
        kg,
        e,
        "objectifs de développement durable et l'ESS",
        "Sustainable Development Goals and SSE",
        "SDGs and SSE",
        "Sustainable Development Goals and the SSE",
        "SDGs and the SSE",
        "Sustainable Development Goals and the Social and Solidarity Economy",
    ), "theme 'Les objectifs de développement durable et l'ESS'"
    for d in h.any_dates(kg, e):
        assert "2018-07-09" <= d <= "2018-07-18", f"side event dated {d}, outside the HLPF"
    h.assert_derived(kg, e, SRC)


# --------------------------------------------------------------------------- sessions


@pytest.mark.parametrize(
    ("needles", "ordinal"),
    [
        (("CityNet",), ("8", "eighth", "huitieme")),
        (
            ("World Urban Forum", "Forum urbain mondial", "Forum mondial urbain", "WUF"),
            ("9", "ninth", "neuvieme"),
        ),
    ],
    ids=["8th-citynet-congress", "9th-world-urban-forum"],
)
def test_gsef_organised_a_thematic_session_at_conference(kg, gsef, needles, ordinal):
    hosts = [e for e in h.of_kind(kg, "event") if h.mentions(kg, e, *needles)]
    assert hosts, f"no event named like {needles}"
    ok = []
    for host in hosts:
        family = {host} | sub_events(kg, host) | h.objects(kg, host, "schema:superEvent")
        if not any(h.mentions(kg, x, *ordinal) for x in family):
            continue
        if gsef in h.organizers(kg, host) or any(
            gsef in h.organizers(kg, s) for s in sub_events(kg, host)
        ):
            ok.append(host)
    assert ok, f"GSEF organised an SSE session at {needles} ({ordinal[1]}): {h.describe(kg, hosts)}"
    for host in ok:
        h.assert_derived(kg, host, SRC)


@pytest.mark.parametrize(
    ("place", "country", "year"),
    [
        ("Daejeon", "Korea, Republic of", "2017"),
        ("Incheon", "Korea, Republic of", "2017"),
        ("Lilongwe", "Malawi", "2018"),
    ],
)
def test_gsef_took_part_in_un_sdg_forum(kg, gsef, place, country, year):
    # 003 names three UN sustainable development forums on the SDGs that GSEF was invited to:
    # an Asia-Pacific cities summit (Daejeon, 2017), an SDG training (Incheon, 2017) and an
    # international mayors' forum (Lilongwe, 2018).
    events = [
        e
        for e in h.of_kind(kg, "event")
        if any(place.casefold() in label for _, labels, _ in h.locations(kg, e) for label in labels)
    ]
    assert len(events) == 1, f"one event in {place}: {h.describe(kg, events)}"
    (e,) = events
    h.assert_located(kg, e, place, iso(country))
    assert any(d.startswith(year) for d in h.any_dates(kg, e)), (
        f"{place} event of {year}: dates {h.any_dates(kg, e)}"
    )
    assert gsef in h.attendees(kg, e) | h.performers(kg, e), "GSEF was invited to take part"
    h.assert_derived(kg, e, SRC)


@pytest.mark.parametrize(
    ("needles", "what"),
    [
        ((("CGLU", "UCLG"), ("culture",)), "UCLG Culture Summit"),
        ((("RTES",), ("seminaire", "seminar")), "RTES annual seminar"),
    ],
)
def test_gsef_took_part_in_other_event(kg, gsef, needles, what):
    first, second = needles
    events = [
        e
        for e in h.of_kind(kg, "event")
        if h.mentions(kg, e, *first) and h.mentions(kg, e, *second)
    ]
    assert events, f"no event for {what}"
    assert any(
        gsef in h.attendees(kg, e) | h.performers(kg, e) | h.organizers(kg, e) for e in events
    ), f"GSEF took part in the {what}"


# --------------------------------------------------------------------------- UNTFSSE 2019


@pytest.fixture(scope="module")
def conference_2019(kg, tfsse):
    confs = [e for e in events_starting(kg, "2019-06-25") if tfsse in h.organizers(kg, e)]
    assert len(confs) == 1, f"UNTFSSE conference of 25-26 June 2019: {h.describe(kg, confs)}"
    return confs[0]


@pytest.fixture(scope="module")
def session_2019(kg, gsef, conference_2019):
    sessions = [s for s in sub_events(kg, conference_2019) if gsef in h.organizers(kg, s)]
    assert len(sessions) == 1, f"GSEF special session: {h.describe(kg, sessions)}"
    return sessions[0]


SPEAKERS_2019 = ["Ester Vidal", "Joon Hyung Lee", "Edison Masereka", "Byung-hoon Lee"]


def assert_speakers(kg, got: set, expected: set, optional) -> None:
    """``got`` holds all of ``expected`` and nothing else but, possibly, ``optional``."""
    assert expected <= got <= expected | {optional}, (
        f"missing {h.describe(kg, expected - got)}; unexpected {h.describe(kg, got - expected)}"
    )


def test_untfsse_conference_took_place_25_to_26_june_2019(kg, conference_2019):
    h.assert_day(kg, conference_2019, "2019-06-25", "2019-06-26")
    h.assert_derived(kg, conference_2019, SRC)


def test_gsef_special_session_is_part_of_the_untfsse_conference(kg, conference_2019, session_2019):
    assert_sub_event_both_ways(kg, session_2019, conference_2019)
    assert h.mentions(
        kg,
        session_2019,
        "Maximiser l'impact social de l'ESS",
        "Maximizing the social impact of SSE",
        "Maximising the social impact of SSE",
        "Maximizing the social impact of the SSE",
        "Maximising the social impact of the SSE",
    ), "the session's title"
    assert any(
        h.mentions(
            kg,
            x,
            "Quel rôle pour l'économie sociale et solidaire",
            "Quel rôle pour l'ESS",
            "What role for social and solidarity economy",
            "What role for the social and solidarity economy",
            "What role for SSE",
        )
        for x in (session_2019, conference_2019)
    ), "theme 'La mise en œuvre des ODD: Quel rôle pour l'ESS?'"
    h.assert_derived(kg, session_2019, SRC)


def test_gsef_session_was_organised_with_the_oecd(kg, session_2019):
    oecd = h.one(kg, "OCDE", kind="org")
    assert oecd in h.organizers(kg, session_2019) | h.contributors(kg, session_2019), (
        "'organisée en collaboration avec l'OCDE'"
    )


def test_gsef_session_speakers_are_exactly_the_four_presenters(kg, session_2019):
    expected = {h.one(kg, n, kind="person") for n in SPEAKERS_2019}
    kwark = h.one(kg, "Laurence Kwark", kind="person")
    assert_speakers(kg, h.via(kg, session_2019, "sse:speaker"), expected, kwark)


def test_gsef_session_performers_are_speakers_moderator_and_opening(kg, session_2019):
    expected = {h.one(kg, n, kind="person") for n in [*SPEAKERS_2019, "Antonella Noya"]}
    kwark = h.one(kg, "Laurence Kwark", kind="person")
    assert_speakers(kg, h.performers(kg, session_2019), expected, kwark)


def test_gsef_session_was_moderated_by_antonella_noya(kg, session_2019):
    assert h.via(kg, session_2019, "sse:moderator") == {h.one(kg, "Antonella Noya", kind="person")}


def test_laurence_kwark_gave_the_opening_address(kg, session_2019, conference_2019):
    kwark = h.one(kg, "Laurence Kwark", kind="person")
    assert kwark in h.via(kg, session_2019, "sse:openingSpeaker") | h.via(
        kg, conference_2019, "sse:openingSpeaker"
    ), "'a prononcé une allocution d'ouverture'"


# (person, organisation names, role label needles, ISO country of the organisation or None)
POSTS_2019 = [
    ("Ester Vidal", ("Conseil municipal de Barcelone",), ("direct",), "Spain"),
    (
        "Joon Hyung Lee",
        ("Conseil Municipal de Séoul",),
        ("conseill", "council"),
        "Korea, Republic of",
    ),
    ("Edison Masereka", ("Autorité Métropolitaine de Kampala",), ("direct",), "Uganda"),
    ("Byung-hoon Lee", ("Hyundai Motor Group",), ("direct", "executive", "executif"), None),
    ("Antonella Noya", ("OCDE",), ("chef", "head"), None),
    ("Laurence Kwark", ("GSEF",), ("secretaire general", "secretary general"), None),
]


@pytest.mark.parametrize(
    ("person", "orgs", "needles", "country"), POSTS_2019, ids=[p[0] for p in POSTS_2019]
)
def test_speaker_holds_post_stated_by_gsef_page(kg, person, orgs, needles, country):
    p = h.one(kg, person, kind="person")
    o = h.one(kg, *orgs, kind="org")
    assert has_post(kg, p, o, *needles), (
        f"{person}: post {needles} in {orgs}; memberships {posts_of(kg, p)}"
    )
    if country is not None:
        assert iso(country) in h.actor_country_codes(kg, o), f"{orgs[0]} is in {country}"
    h.assert_derived(kg, p, SRC)


def test_laurence_kwark_post_is_a_membership_of_gsef(kg, gsef):
    kwark = h.one(kg, "Laurence Kwark", kind="person")
    posts = [
        m
        for m in h.memberships(kg, gsef, kwark)
        if any(h.role_matches(kg, r, "secretaire general", "secretary general") for r in m["roles"])
    ]
    assert len(posts) >= 1
    assert any(SRC in m["sources"] for m in posts)


# --------------------------------------------------------------------------- INAES 2020

# (day, speakers, theme): the theme is given by the phrases its title must contain; a title of
# two parts (heading: question) is given by its heading and the gist of its question.
WEBINARS = [
    (
        "2020-05-26",
        ["Juan Antonio Pedreño"],
        ("Strategic changes of the social and economic models against COVID-19",),
    ),
    (
        "2020-06-02",
        ["Juan Carlos Urgiles", "Hernán Rodas"],
        ("Social Economy: social inclusion and well-being",),
    ),
    (
        "2020-06-09",
        ["Maude Brossard-Sabourin"],
        ("Social Economy as a vehicle to achieve sustainable development",),
    ),
    (
        "2020-06-16",
        ["Antonella Noya"],
        (
            "Public policies for the Social and Solidarity Economy ecosystems",
            "role of policy makers",
        ),
    ),
    (
        "2020-06-23",
        ["Laurence Kwark"],
        ("Social and economic model in the post COVID-19 era", "how to overcome them"),
    ),
    (
        "2020-06-30",
        [
            "María Luisa Albores González",
            "Joaquín Pérez Rey",
            "Maravillas Espín Sáez",
            "Luisa María Alcalde Luján",
        ],
        ("Premise for better governance: public policies for the Social Economy",),
    ),
]


@pytest.fixture(scope="module")
def inaes(kg):
    return h.one(kg, "INAES", kind="org")


@pytest.fixture(scope="module")
def series(kg, inaes):
    found = [e for e in h.via_inverse(kg, inaes, "schema:organizer") if sub_events(kg, e)]
    assert len(found) == 1, f"INAES webinar series: {h.describe(kg, found)}"
    return found[0]


def test_inaes_is_the_mexican_national_institute_of_social_economy(kg, inaes):
    assert (
        h.one(
            kg,
            "Institut National de l'Économie Sociale du Mexique",
            "Institut National de l'Économie Sociale",
            kind="org",
        )
        == inaes
    )
    assert iso("Mexico") in h.actor_country_codes(kg, inaes)
    h.assert_derived(kg, inaes, SRC)


def test_inaes_webinar_series_ran_26_may_to_30_june_2020(kg, series):
    h.assert_day(kg, series, "2020-05-26", "2020-06-30")
    assert h.mentions(kg, series, "Débats stratégiques", "Strategic debates"), (
        "the series' theme: strategic debates on co-creating a new economic and social model"
    )
    h.assert_derived(kg, series, SRC)


def test_inaes_series_was_organised_with_gsef_and_the_gsef2021_local_committee(kg, series, gsef):
    loc = h.one(
        kg,
        "Comité Organisateur Local du GSEF2021",
        "GSEF2021 Local Organising Committee",
        "Local Organising Committee of GSEF2021",
        kind="org",
    )
    involved = h.organizers(kg, series) | h.contributors(kg, series)
    assert gsef in involved, "'en collaboration avec GSEF'"
    assert loc in involved, "'et le Comité Organisateur Local du GSEF2021'"
    h.assert_derived(kg, loc, SRC)


def test_inaes_series_has_exactly_six_webinars_on_the_listed_days(kg, series):
    days = sorted(
        d
        for w in sub_events(kg, series)
        for d in (str(x) for x in h.objects(kg, w, "schema:startDate"))
    )
    assert days == [w[0] for w in WEBINARS], days


@pytest.mark.parametrize(("day", "speakers", "theme"), WEBINARS, ids=[w[0] for w in WEBINARS])
def test_webinar_has_its_theme_and_exactly_its_speakers(kg, series, day, speakers, theme):
    ws = [
        w
        for w in sub_events(kg, series)
        if day in {str(d) for d in h.objects(kg, w, "schema:startDate")}
    ]
    assert len(ws) == 1, f"one webinar on {day}: {h.describe(kg, ws)}"
    (w,) = ws
    h.assert_day(kg, w, day)
    assert_sub_event_both_ways(kg, w, series)
    for phrase in theme:
        assert h.mentions(kg, w, phrase), f"theme {phrase!r}"
    h.assert_same_nodes(kg, h.performers(kg, w), {h.one(kg, s, kind="person") for s in speakers})
    h.assert_derived(kg, w, SRC)


# (person, organisation names, role needles, within the organisation allowed)
POSTS_2020 = [
    ("Juan Antonio Pedreño", ("Social Economy Europe",), ("presid",), False),
    ("Juan Antonio Pedreño", ("CEPES",), ("presid",), False),
    ("Maude Brossard-Sabourin", ("Chantier de l'Économie Sociale",), (), False),
    ("Antonella Noya", ("OCDE",), (), False),
    ("Laurence Kwark", ("GSEF",), ("secretaire general", "secretary general"), False),
    ("María Luisa Albores González", ("Mexique", "Mexico"), ("minist",), True),
    ("Joaquín Pérez Rey", ("Espagne", "Spain"), ("secretar",), True),
    ("Maravillas Espín Sáez", ("Espagne", "Spain"), ("direct",), True),
    ("Luisa María Alcalde Luján", ("Mexique", "Mexico"), ("minist",), True),
]


@pytest.mark.parametrize(
    ("person", "orgs", "needles", "within"),
    POSTS_2020,
    ids=[f"{p[0]}-{p[1][0]}" for p in POSTS_2020],
)
def test_webinar_speaker_holds_post_or_affiliation(kg, person, orgs, needles, within):
    p = h.one(kg, person, kind="person")
    o = h.one(kg, *orgs, kind="org")
    assert has_post(kg, p, o, *needles, within=within), (
        f"{person}: post {needles} in {orgs}; memberships {posts_of(kg, p)}"
    )
    h.assert_derived(kg, p, SRC)


def test_chantier_de_l_economie_sociale_is_in_canada(kg):
    chantier = h.one(kg, "Chantier de l'Économie Sociale", kind="org")
    assert iso("Canada") in h.actor_country_codes(kg, chantier), "'Québec, Canada'"


def test_cepes_is_the_spanish_confederation_of_social_economy_enterprises(kg):
    cepes = h.one(kg, "CEPES", kind="org")
    assert (
        h.one(kg, "Confédération espagnole des entreprises de l'économie sociale", kind="org")
        == cepes
    )


# --------------------------------------------------------------------------- ILO 2019


@pytest.fixture(scope="module")
def declaration(kg):
    return h.one(
        kg,
        "ILO Centenary Declaration for the Future of Work",
        "ILO Centenary Declaration of the Future of Work 2019",
        "ILO Centenary Declaration for the Future of Work 2019",
        "ILO Centenary Declaration of the Future of Work",
        "Déclaration du centenaire de l'OIT pour l'avenir du travail",
        "Déclaration sur l'avenir du travail",
        kind="outcome",
    )


def test_ilo_centenary_declaration_adopted_21_june_2019(kg, declaration):
    published = h.typed_values(kg, declaration, "schema:datePublished")
    assert published == {("2019-06-21", h.XSD + "date")}
    h.assert_derived(kg, declaration, SRC)


def test_ilo_centenary_declaration_adopted_by_ilo_at_108th_ilc(kg, declaration):
    ilo = h.one(kg, "OIT", kind="org")
    assert ilo in h.via(kg, declaration, "schema:creator"), "'ILO adopted' it (sse:adoptedBy)"
    events = h.objects(kg, declaration, "sse:adoptedAt")
    assert len(events) == 1, f"adopted at one event: {h.describe(kg, events)}"
    (ilc,) = events
    assert h.mentions(kg, ilc, "108"), "the 108th session"
    assert h.mentions(
        kg, ilc, "International Labour Conference", "Conférence internationale du Travail"
    ), h.describe(kg, [ilc])
    assert ilo in h.organizers(kg, ilc), "'its 108th International Labour Conference'"
    for d in h.any_dates(kg, ilc):
        assert d.startswith("2019"), f"the 108th ILC is in 2019, not {d}"
    h.assert_derived(kg, ilc, SRC)


def test_gsef_issued_a_position_paper_on_the_future_of_work(kg, gsef, declaration):
    papers = [
        o
        for o in h.of_kind(kg, "outcome")
        if gsef in h.objects(kg, o, "schema:publisher") | h.via(kg, o, "schema:creator")
        and h.mentions(kg, o, "position")
    ]
    assert len(papers) == 1, f"GSEF's position paper: {h.describe(kg, papers)}"
    (paper,) = papers
    assert h.linked(kg, paper, declaration) or gsef in h.via_inverse(
        kg, declaration, "prov:influenced"
    ), "the paper addresses the Centenary Declaration"
    h.assert_derived(kg, paper, SRC)
