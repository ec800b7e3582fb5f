"""Source 001: "Présentation du Groupe Pilote International de l'ESS (au 17 septembre 2014)".

Pins the 2014 membership list of the leading group (GPIESS), its administration by the
Rencontres du Mont-Blanc (RMB), the spokespersons of February 2014, the composition of the UN
inter-agency task force as listed in 2014, and the dated steps of the story (2012 side events,
January 2013 ECOSOC consultative status, Chamonix 9 November 2013, AIMF congress 12 November
2013, side event of 4 February 2014).
"""

from __future__ import annotations

import pycountry
import pytest

from .helpers import (
    assert_day,
    assert_derived,
    assert_located,
    contributors,
    describe,
    find,
    linked,
    members_as_of,
    members_attested,
    memberships,
    mentions,
    objects,
    of_kind,
    one,
    organizers,
    performers,
    resolve_one,
    role_matches,
    select,
    source_keys,
    subjects,
    via,
    via_inverse,
    with_role,
)

SRC = "001"
LIST_DATE = "2014-09-17"

GPIESS = ("GPIESS", "Groupe Pilote International de l'Economie Sociale et Solidaire")
RMB = ("RMB", "Rencontres du Mont-Blanc", "Les Rencontres du Mont-Blanc", "ESSFI",
       "ESS Forum International")
TFSSE = ("UNTFSSE", "TFSSE", "UN TFSSE",
         "Task-Force inter-agences de l'ONU sur l'économie sociale et solidaire")

# "Liste des parties prenantes ayant donné leur accord officiel pour être membre du groupe
# pilote international de l'ESS (au 17 septembre 2014)"
MEMBERS_2014 = {
    "France": "member",
    "Maroc": "member",
    "Luxembourg": "member",
    "Equateur": "member",
    "Colombie": "member",
    "Québec": "observer member",
    "TFSSE": "member",
    "RMB": "member",
    "Alliance Coopérative Internationale": "member",
    "Association Internationale de la Mutualité": "member",
    "Association Internationale des Maires Francophones": "member",
    "Fonds Mondial pour le Développement des Villes": "member",
}

# The task force "comprenant UNRISD, ONU-SLNG, OIT, PNUD, UN-DESA, OCDE, CNUCED, CEPAL, FAO,
# OMS, PNUE, UNESCO, ONUDI, UNECE, ESCWA, UN-Habitat, ONU Femmes, WFP, TDR, ONUSIDA".
TFSSE_2014 = ["UNRISD", "ONU-SLNG", "OIT", "PNUD", "UN-DESA", "OCDE", "CNUCED", "CEPAL", "FAO",
              "OMS", "PNUE", "UNESCO", "ONUDI", "UNECE", "ESCWA", "UN-Habitat", "ONU Femmes",
              "WFP", "TDR", "ONUSIDA"]


def org(kg, name):
    if name == "TFSSE":
        return resolve_one(kg, "org", TFSSE)
    if name == "RMB":
        return resolve_one(kg, "org", RMB)
    return one(kg, name, kind="org")


@pytest.fixture(scope="module")
def gpiess(kg):
    return resolve_one(kg, "org", GPIESS)


@pytest.fixture(scope="module")
def rmb(kg):
    return resolve_one(kg, "org", RMB)


@pytest.fixture(scope="module")
def tfsse(kg):
    return resolve_one(kg, "org", TFSSE)


# --------------------------------------------------------------------------- the group


def test_gpiess_is_one_organisation_known_by_acronym_and_french_name(kg):
    by_acronym = one(kg, "GPIESS", kind="org")
    by_name = one(kg, "Groupe Pilote International de l'Economie Sociale et Solidaire", kind="org")
    assert by_acronym == by_name


def test_gpiess_cites_the_2014_presentation(kg, gpiess):
    assert_derived(kg, gpiess, SRC)


def test_gpiess_members_attested_by_2014_list_are_exactly_the_list(kg, gpiess):
    expected = {org(kg, n) for n in MEMBERS_2014}
    got = members_attested(kg, gpiess, LIST_DATE, "member", "observer member")
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )


@pytest.mark.parametrize(("name", "role"), sorted(MEMBERS_2014.items()))
def test_gpiess_2014_member_has_its_role_attested_on_list_date_from_2014_source(
    kg, gpiess, name, role
):
    member = org(kg, name)
    ms = [m for m in with_role(kg, memberships(kg, gpiess, member), role)
          if LIST_DATE in m["dates"]]
    assert ms, f"no '{role}' membership of {name} in GPIESS attested on {LIST_DATE}"
    assert any(SRC in m["sources"] for m in ms), (
        f"the {LIST_DATE} membership of {name} is not derived from source {SRC}"
    )


def test_quebec_is_only_an_observer_member_in_2014(kg, gpiess):
    quebec = one(kg, "Québec", kind="org")
    full = [m for m in with_role(kg, memberships(kg, gpiess, quebec), "member")
            if LIST_DATE in m["dates"]]
    assert not full, "Québec is listed 'en tant que membre observateur', not as a full member"


@pytest.mark.parametrize("as_of", ["2014-09-17", "2015-06-30", "2016-12-31"])
def test_gpiess_members_as_of_dates_covered_by_2014_list_are_the_2014_list(kg, gpiess, as_of):
    expected = {org(kg, n) for n in MEMBERS_2014}
    got = members_as_of(kg, gpiess, as_of, "member", "observer member")
    assert got == expected, (
        f"as of {as_of}: missing {describe(kg, expected - got)}; "
        f"unexpected {describe(kg, got - expected)}"
    )


def test_gpiess_has_no_attested_members_before_the_2014_list(kg, gpiess):
    assert members_as_of(kg, gpiess, "2014-09-16", "member", "observer member") == set()


def test_gpiess_has_no_chair_in_2014_because_the_mandate_was_to_be_determined(kg, gpiess):
    chairs_2014 = [m for m in with_role(kg, memberships(kg, gpiess), "chair")
                   if LIST_DATE in m["dates"] or m["sources"] == {SRC}]
    assert not chairs_2014, (
        "001 says the chairing State's mandate is 'à déterminer': "
        f"{describe(kg, [m['member'] for m in chairs_2014])}"
    )


def test_rmb_administers_gpiess_per_2014_source(kg, gpiess, rmb):
    ms = with_role(kg, memberships(kg, gpiess, rmb), "administrator")
    assert ms, "'Il est pour le moment administré par l'association des Rencontres du Mont-Blanc'"
    assert any(SRC in m["sources"] for m in ms)


def test_gpiess_spokespersons_are_france_morocco_ecuador(kg, gpiess):
    expected = {one(kg, n, kind="org") for n in ("France", "Maroc", "Equateur")}
    ms = with_role(kg, memberships(kg, gpiess), "spokesperson")
    got = {m["member"] for m in ms}
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )
    assert all(SRC in m["sources"] for m in ms)


def test_france_morocco_ecuador_are_the_first_states_engaged_founding_members(kg, gpiess):
    # "les représentants des trois Etats engagés en premier dans cette initiative à savoir
    # la France, le Maroc et l'Equateur"
    expected = {one(kg, n, kind="org") for n in ("France", "Maroc", "Equateur")}
    ms = with_role(kg, memberships(kg, gpiess), "founding member")
    got = {m["member"] for m in ms if SRC in m["sources"]}
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )


def test_gpiess_creation_steps_are_recorded_from_2014_source(kg, gpiess):
    # 001 tells how the group was created (2013 wish of RMB, support of France, presentation
    # to the UN in February 2014): founding steps (org:ChangeEvent) result in the group.
    steps = via_inverse(kg, gpiess, "org:resultingOrganization")
    assert any(SRC in source_keys(kg, s) for s in steps), (
        f"no founding step of GPIESS derived from {SRC}: {describe(kg, steps)}"
    )


# --------------------------------------------------------------------------- RMB


def test_rmb_and_its_long_name_are_one_organisation(kg, rmb):
    for name in ("RMB", "Forum International des Dirigeants de l'Economie Sociale et Solidaire"):
        assert one(kg, name, kind="org") == rmb, name
    assert find(kg, "Rencontres du Mont-Blanc", "Les Rencontres du Mont-Blanc",
                "Association Les Rencontres du Mont-Blanc", kind="org") == {rmb}


def test_rmb_cites_the_2014_presentation(kg, rmb):
    assert_derived(kg, rmb, SRC)


def test_thierry_jeantet_is_president_of_rmb(kg, rmb):
    person = one(kg, "Thierry Jeantet", kind="person")
    posts = [m for m in memberships(kg, rmb, person)
             if any(role_matches(kg, r, "president", "président") for r in m["roles"])]
    assert posts, "'à travers son Président Thierry Jeantet'"
    assert any(SRC in m["sources"] for m in posts)
    assert_derived(kg, person, SRC)


def test_rmb_holds_special_consultative_status_with_ecosoc_granted_january_2013(kg, rmb):
    statuses = [o for o in via_inverse(kg, rmb, "schema:about")
                if o in find_outcomes(kg) and mentions(kg, o, "consultati")]
    assert len(statuses) == 1, f"consultative status granted to RMB: {describe(kg, statuses)}"
    status = statuses[0]
    assert_derived(kg, status, SRC)

    committee = via(kg, status, "schema:creator")
    assert any(
        mentions(kg, c, "organisations non gouvernementales", "non-governmental organizations",
                 "non-governmental organisations", "committee on ngos", "comite des ong")
        for c in committee
    ), f"granted by the Committee on NGOs; creators: {describe(kg, committee)}"

    sessions = objects(kg, status, "sse:adoptedAt")
    assert len(sessions) == 1, f"adopted at the session of 21-30 January 2013: {sessions}"
    session = next(iter(sessions))
    assert_day(kg, session, "2013-01-21", "2013-01-30")

    ecosoc = find(kg, "ECOSOC", "Conseil Economique et Social des Nations Unies",
                  "Conseil économique et social", "Economic and Social Council",
                  "United Nations Economic and Social Council", kind="org")
    assert len(ecosoc) == 1, f"ECOSOC: {describe(kg, ecosoc)}"
    (ecosoc_node,) = ecosoc
    assert linked(kg, status, ecosoc_node) or any(
        ecosoc_node in objects(kg, c, "org:subOrganizationOf+") for c in committee
    ), "the status is 'auprès du Conseil Economique et Social des Nations Unies'"


def find_outcomes(kg):
    return of_kind(kg, "outcome")


# --------------------------------------------------------------------------- events


def event_on(kg, day, organizer=None):
    rows = select(
        kg,
        "SELECT DISTINCT ?e WHERE { ?e a/rdfs:subClassOf* schema:Event ; schema:startDate ?d ."
        f' FILTER(str(?d) = "{day}") }}',
    )
    events = {r["e"] for r in rows}
    if organizer is not None:
        events = {e for e in events if organizer in organizers(kg, e)}
    return events


def uncsd(kg):
    return one(kg, "Sommet de la Terre Rio+20", "Rio+20",
               "Conférence de Nations Unies sur le Développement Durable",
               "Conférence des Nations Unies sur le développement durable",
               "United Nations Conference on Sustainable Development", kind="event")


@pytest.mark.parametrize(
    ("day", "place", "iso_name"),
    [("2012-03-26", "New York", "United States"), ("2012-06-19", "Rio de Janeiro", "Brazil")],
)
def test_rmb_organised_2012_side_events_of_the_un_conference_on_sustainable_development(
    kg, rmb, day, place, iso_name
):
    events = event_on(kg, day, rmb)
    assert len(events) == 1, f"side event organised by RMB on {day}: {describe(kg, events)}"
    (e,) = events
    assert_day(kg, e, day)
    iso = pycountry.countries.lookup(iso_name).alpha_2
    assert_located(kg, e, (place, place.replace(" ", "-")), iso)
    assert uncsd(kg) in objects(kg, e, "schema:superEvent+"), (
        "RMB took part in the UN Conference on Sustainable Development by organising two side "
        "events"
    )
    assert_derived(kg, e, SRC)


def test_rio_plus_20_is_in_rio_de_janeiro_brazil(kg):
    assert_located(kg, uncsd(kg), "Rio de Janeiro", "BR")


def step_family(kg, e):
    """The event, its sub-events and its super-events."""
    return {e} | objects(kg, e, "schema:subEvent") | subjects_super(kg, e) | objects(
        kg, e, "schema:superEvent")


def subjects_super(kg, e):
    return subjects(kg, "schema:superEvent", e)


def test_france_support_announced_at_6th_forum_chamonix_9_november_2013(kg, gpiess):
    # "le soutien officiel de la France annoncé lors de la matinée d'ouverture de la 6ème
    # édition du Forum International des Dirigeants de l'ESS le samedi 9 novembre 2013 à
    # Chamonix-Mont-Blanc"
    events = event_on(kg, "2013-11-09")
    forums = [e for e in events if mentions(kg, e, "6", "sixth", "sixieme")
              and mentions(kg, e, "forum", "rencontres")]
    assert len(forums) == 1, f"6th edition of the forum on 2013-11-09: {describe(kg, events)}"
    (forum,) = forums
    assert_day(kg, forum, "2013-11-09")
    assert_located(kg, forum, ("Chamonix",), "FR")
    assert_derived(kg, forum, SRC)
    france = one(kg, "France", kind="org")
    family = step_family(kg, forum)
    assert any(linked(kg, x, gpiess) for x in family), (
        "France's official support for the group was announced at the forum's opening morning"
    )
    assert any(linked(kg, x, france) for x in family), "the support came from France"


def test_hollande_recalled_support_at_aimf_congress_paris_12_november_2013(kg, gpiess):
    aimf = one(kg, "AIMF", kind="org")
    events = {e for e in event_on(kg, "2013-11-12")
              if mentions(kg, e, "congres", "congress")}
    assert len(events) == 1, f"AIMF congress on 2013-11-12: {describe(kg, events)}"
    (congress,) = events
    assert aimf in organizers(kg, congress)
    assert_located(kg, congress, ("Paris",), "FR")
    hollande = one(kg, "François Hollande", kind="person")
    family = step_family(kg, congress)
    assert any(hollande in performers(kg, x) for x in family), "his speech at the opening"
    assert any(linked(kg, x, gpiess) for x in family), "he recalled France's support for the group"
    assert_derived(kg, congress, SRC)


def test_francois_hollande_is_president_of_the_french_republic(kg):
    hollande = one(kg, "François Hollande", kind="person")
    france = one(kg, "France", kind="org")
    posts = [m for m in memberships(kg, member=hollande)
             if (m["organization"] == france
                 or france in objects(kg, m["organization"], "org:subOrganizationOf+"))
             and any(role_matches(kg, r, "president", "président") for r in m["roles"])]
    assert posts, "'Le Président de la République française François Hollande'"
    assert_derived(kg, hollande, SRC)


def test_side_event_4_february_2014_at_8th_owg_session_presented_the_group(kg, gpiess, rmb):
    events = event_on(kg, "2014-02-04", rmb)
    assert len(events) == 1, f"RMB side event on 2014-02-04: {describe(kg, events)}"
    (e,) = events
    assert_day(kg, e, "2014-02-04")
    assert_located(kg, e, ("New York", "New-York"), "US")
    partners = contributors(kg, e)
    expected = {one(kg, "UNRISD", kind="org"), one(kg, "UN-NGLS", kind="org")}
    assert partners == expected, f"partners: {describe(kg, partners)}"
    supers = objects(kg, e, "schema:superEvent")
    owg = [s for s in supers
           if mentions(kg, s, "travail ouvert", "open working group", "owg")
           and mentions(kg, s, "8")]
    assert owg, f"held at the 8th session of the Open Working Group: {describe(kg, supers)}"
    assert e in objects(kg, owg[0], "schema:subEvent"), "subEvent is stated too"
    assert any(linked(kg, x, gpiess) for x in step_family(kg, e)), (
        "the side event presented the formation of the group to the UN"
    )
    assert_derived(kg, e, SRC)


# --------------------------------------------------------------------------- task force


def test_tfsse_members_attested_by_2014_list_are_the_twenty_agencies(kg, tfsse):
    expected = {one(kg, n, kind="org") for n in TFSSE_2014}
    assert len(expected) == 20
    got = members_attested(kg, tfsse, LIST_DATE, "member")
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )


@pytest.mark.parametrize("agency", TFSSE_2014)
def test_tfsse_member_in_2014_list_is_derived_from_2014_source(kg, tfsse, agency):
    a = one(kg, agency, kind="org")
    ms = [m for m in with_role(kg, memberships(kg, tfsse, a), "member") if SRC in m["sources"]]
    assert ms, f"{agency} member of the task force per {SRC}"
