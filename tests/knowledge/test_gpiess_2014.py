"""Source 001: "Présentation du Groupe Pilote International de l'ESS (au 17 septembre 2014)".

Pins the leading group (GPIESS) as the 2014 presentation describes it: no chair yet, its
administration by the Rencontres du Mont-Blanc (RMB), the spokespersons and first States of
February 2014, and the dated steps of the story (2012 side events, January 2013 ECOSOC
consultative status, Chamonix 9 November 2013, AIMF congress 12 November 2013, side event of
4 February 2014).  The membership list of 17 September 2014 (with the task force's agencies) is
checked in test_gpiess_lists.
"""

from __future__ import annotations

import pycountry
import pytest

from . import helpers as h

SRC = "001"
LIST_DATE = "2014-09-17"


def first_three_states(kg) -> set:
    """France, Morocco and Ecuador: the States that joined the initiative first."""
    return {h.one(kg, n, kind="org") for n in ("France", "Maroc", "Equateur")}


# --------------------------------------------------------------------------- the group


def test_gpiess_is_one_organisation_known_by_acronym_and_french_name(kg):
    by_acronym = h.one(kg, "GPIESS", kind="org")
    by_name = h.one(
        kg, "Groupe Pilote International de l'Economie Sociale et Solidaire", kind="org"
    )
    assert by_acronym == by_name


def test_gpiess_cites_the_2014_presentation(kg, gpiess):
    h.assert_derived(kg, gpiess, SRC)


def test_gpiess_has_no_chair_in_2014_because_the_mandate_was_to_be_determined(kg, gpiess):
    chairs_2014 = [
        m
        for m in h.with_role(kg, h.memberships(kg, gpiess), "chair")
        if LIST_DATE in m["dates"] or m["sources"] == {SRC}
    ]
    assert not chairs_2014, (
        "001 says the chairing State's mandate is 'à déterminer': "
        f"{h.describe(kg, [m['member'] for m in chairs_2014])}"
    )


def test_rmb_administers_gpiess_per_2014_source(kg, gpiess, rmb):
    ms = h.with_role(kg, h.memberships(kg, gpiess, rmb), "administrator")
    assert ms, "001 says the RMB association runs the group for the time being"
    assert any(SRC in m["sources"] for m in ms)


def test_gpiess_spokespersons_are_france_morocco_ecuador(kg, gpiess):
    ms = h.with_role(kg, h.memberships(kg, gpiess), "spokesperson")
    h.assert_same_nodes(kg, {m["member"] for m in ms}, first_three_states(kg))
    assert all(SRC in m["sources"] for m in ms)


def test_france_morocco_ecuador_are_the_first_states_engaged_founding_members(kg, gpiess):
    # At the February 2014 side event the group was presented with, as its spokespersons, the
    # representatives of the three States that had joined the initiative first.
    ms = h.with_role(kg, h.memberships(kg, gpiess), "founding member")
    h.assert_same_nodes(
        kg, {m["member"] for m in ms if SRC in m["sources"]}, first_three_states(kg)
    )


def test_gpiess_creation_steps_are_recorded_from_2014_source(kg, gpiess):
    # 001 tells how the group was created (2013 wish of RMB, support of France, presentation
    # to the UN in February 2014): founding steps (org:ChangeEvent) result in the group.
    steps = h.via_inverse(kg, gpiess, "org:resultingOrganization")
    assert any(SRC in h.source_keys(kg, s) for s in steps), (
        f"no founding step of GPIESS derived from {SRC}: {h.describe(kg, steps)}"
    )


# --------------------------------------------------------------------------- RMB


def test_rmb_and_its_long_name_are_one_organisation(kg, rmb):
    for name in ("RMB", "Forum International des Dirigeants de l'Economie Sociale et Solidaire"):
        assert h.one(kg, name, kind="org") == rmb, name
    assert h.find(
        kg,
        "Rencontres du Mont-Blanc",
        "Les Rencontres du Mont-Blanc",
        "Association Les Rencontres du Mont-Blanc",
        kind="org",
    ) == {rmb}


def test_rmb_cites_the_2014_presentation(kg, rmb):
    h.assert_derived(kg, rmb, SRC)


def test_thierry_jeantet_is_president_of_rmb(kg, rmb):
    person = h.one(kg, "Thierry Jeantet", kind="person")
    posts = [
        m
        for m in h.memberships(kg, rmb, person)
        if any(h.role_matches(kg, r, "president", "président") for r in m["roles"])
    ]
    assert posts, "'à travers son Président Thierry Jeantet'"
    assert any(SRC in m["sources"] for m in posts)
    h.assert_derived(kg, person, SRC)


def test_rmb_holds_special_consultative_status_with_ecosoc_granted_january_2013(kg, rmb):
    statuses = [
        o
        for o in h.via_inverse(kg, rmb, "schema:about")
        if o in find_outcomes(kg) and h.mentions(kg, o, "consultati")
    ]
    assert len(statuses) == 1, f"consultative status granted to RMB: {h.describe(kg, statuses)}"
    status = statuses[0]
    h.assert_derived(kg, status, SRC)

    committee = h.via(kg, status, "schema:creator")
    assert any(
        h.mentions(
            kg,
            c,
            "organisations non gouvernementales",
            "non-governmental organizations",
            "non-governmental organisations",
            "committee on ngos",
            "comite des ong",
        )
        for c in committee
    ), f"granted by the Committee on NGOs; creators: {h.describe(kg, committee)}"

    sessions = h.objects(kg, status, "sse:adoptedAt")
    assert len(sessions) == 1, f"adopted at the session of 21-30 January 2013: {sessions}"
    session = next(iter(sessions))
    h.assert_day(kg, session, "2013-01-21", "2013-01-30")

    ecosoc = h.find(
        kg,
        "ECOSOC",
        "Conseil Economique et Social des Nations Unies",
        "Conseil économique et social",
        "Economic and Social Council",
        "United Nations Economic and Social Council",
        kind="org",
    )
    assert len(ecosoc) == 1, f"ECOSOC: {h.describe(kg, ecosoc)}"
    (ecosoc_node,) = ecosoc
    assert h.linked(kg, status, ecosoc_node) or any(
        ecosoc_node in h.objects(kg, c, "org:subOrganizationOf+") for c in committee
    ), "the consultative status is held with the UN Economic and Social Council"


def find_outcomes(kg):
    return h.of_kind(kg, "outcome")


# --------------------------------------------------------------------------- events


def event_on(kg, day, organizer=None):
    rows = h.select(
        kg,
        "SELECT DISTINCT ?e WHERE { ?e a/rdfs:subClassOf* schema:Event ; schema:startDate ?d ."
        f' FILTER(str(?d) = "{day}") }}',
    )
    events = {r["e"] for r in rows}
    if organizer is not None:
        events = {e for e in events if organizer in h.organizers(kg, e)}
    return events


def uncsd(kg):
    return h.one(
        kg,
        "Sommet de la Terre Rio+20",
        "Rio+20",
        "Conférence de Nations Unies sur le Développement Durable",
        "Conférence des Nations Unies sur le développement durable",
        "United Nations Conference on Sustainable Development",
        kind="event",
    )


@pytest.mark.parametrize(
    ("day", "place", "iso_name"),
    [("2012-03-26", "New York", "United States"), ("2012-06-19", "Rio de Janeiro", "Brazil")],
)
def test_rmb_organised_2012_side_events_of_the_un_conference_on_sustainable_development(
    kg, rmb, day, place, iso_name
):
    events = event_on(kg, day, rmb)
    assert len(events) == 1, f"side event organised by RMB on {day}: {h.describe(kg, events)}"
    (e,) = events
    h.assert_day(kg, e, day)
    iso = pycountry.countries.lookup(iso_name).alpha_2
    h.assert_located(kg, e, (place, place.replace(" ", "-")), iso)
    assert uncsd(kg) in h.objects(kg, e, "schema:superEvent+"), (
        "RMB took part in the UN Conference on Sustainable Development by organising two side "
        "events"
    )
    h.assert_derived(kg, e, SRC)


def test_rio_plus_20_is_in_rio_de_janeiro_brazil(kg):
    h.assert_located(kg, uncsd(kg), "Rio de Janeiro", "BR")


def step_family(kg, e):
    """The event, its sub-events and its super-events."""
    return (
        {e}
        | h.objects(kg, e, "schema:subEvent")
        | subjects_super(kg, e)
        | h.objects(kg, e, "schema:superEvent")
    )


def subjects_super(kg, e):
    return h.subjects(kg, "schema:superEvent", e)


def test_france_support_announced_at_6th_forum_chamonix_9_november_2013(kg, gpiess):
    # 001: France's official backing of the group was made public on the opening morning of
    # the forum's sixth edition, Saturday 9 November 2013, at Chamonix-Mont-Blanc.
    events = event_on(kg, "2013-11-09")
    forums = [
        e
        for e in events
        if h.mentions(kg, e, "6", "sixth", "sixieme") and h.mentions(kg, e, "forum", "rencontres")
    ]
    assert len(forums) == 1, f"6th edition of the forum on 2013-11-09: {h.describe(kg, events)}"
    (forum,) = forums
    h.assert_day(kg, forum, "2013-11-09")
    h.assert_located(kg, forum, ("Chamonix",), "FR")
    h.assert_derived(kg, forum, SRC)
    france = h.one(kg, "France", kind="org")
    family = step_family(kg, forum)
    assert any(h.linked(kg, x, gpiess) for x in family), (
        "France's official support for the group was announced at the forum's opening morning"
    )
    assert any(h.linked(kg, x, france) for x in family), "the support came from France"


def test_hollande_recalled_support_at_aimf_congress_paris_12_november_2013(kg, gpiess):
    aimf = h.one(kg, "AIMF", kind="org")
    events = {e for e in event_on(kg, "2013-11-12") if h.mentions(kg, e, "congres", "congress")}
    assert len(events) == 1, f"AIMF congress on 2013-11-12: {h.describe(kg, events)}"
    (congress,) = events
    assert aimf in h.organizers(kg, congress)
    h.assert_located(kg, congress, ("Paris",), "FR")
    hollande = h.one(kg, "François Hollande", kind="person")
    family = step_family(kg, congress)
    assert any(hollande in h.performers(kg, x) for x in family), "his speech at the opening"
    assert any(h.linked(kg, x, gpiess) for x in family), (
        "he recalled France's support for the group"
    )
    h.assert_derived(kg, congress, SRC)


def test_francois_hollande_is_president_of_the_french_republic(kg):
    hollande = h.one(kg, "François Hollande", kind="person")
    france = h.one(kg, "France", kind="org")
    posts = [
        m
        for m in h.memberships(kg, member=hollande)
        if (
            m["organization"] == france
            or france in h.objects(kg, m["organization"], "org:subOrganizationOf+")
        )
        and any(h.role_matches(kg, r, "president", "président") for r in m["roles"])
    ]
    assert posts, "'Le Président de la République française François Hollande'"
    h.assert_derived(kg, hollande, SRC)


def test_side_event_4_february_2014_at_8th_owg_session_presented_the_group(kg, gpiess, rmb):
    events = event_on(kg, "2014-02-04", rmb)
    assert len(events) == 1, f"RMB side event on 2014-02-04: {h.describe(kg, events)}"
    (e,) = events
    h.assert_day(kg, e, "2014-02-04")
    h.assert_located(kg, e, ("New York", "New-York"), "US")
    partners = h.contributors(kg, e)
    expected = {h.one(kg, "UNRISD", kind="org"), h.one(kg, "UN-NGLS", kind="org")}
    assert partners == expected, f"partners: {h.describe(kg, partners)}"
    supers = h.objects(kg, e, "schema:superEvent")
    owg = [
        s
        for s in supers
        if h.mentions(kg, s, "travail ouvert", "open working group", "owg")
        and h.mentions(kg, s, "8")
    ]
    assert owg, f"held at the 8th session of the Open Working Group: {h.describe(kg, supers)}"
    assert e in h.objects(kg, owg[0], "schema:subEvent"), "subEvent is stated too"
    assert any(h.linked(kg, x, gpiess) for x in step_family(kg, e)), (
        "the side event presented the formation of the group to the UN"
    )
    h.assert_derived(kg, e, SRC)
