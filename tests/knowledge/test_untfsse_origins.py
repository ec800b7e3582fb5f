"""Source 002: origins of the UN Inter-Agency Task Force on SSE (TFSSE / UNTFSSE).

Pins the UNRISD conference of May 2013 (co-organised with the ILO and UN-NGLS, the UN agencies
present), the proposal of the task force at that conference, its observers (RIPESS and the
RMB), its first plenary meeting planned for 10 February, and the three people who took part
for RIPESS.
"""

from __future__ import annotations

import pytest

from .helpers import (
    any_dates,
    assert_derived,
    attendees,
    describe,
    find,
    linked,
    memberships,
    mentions,
    objects,
    of_kind,
    one,
    organizers,
    resolve_one,
    source_keys,
    typed_values,
    via_inverse,
    with_role,
)

SRC = "002"

TFSSE = ("TFSSE", "UNTFSSE")
RMB = ("RMB", "Rencontres du Mont-Blanc")

# Every name the sources give the task force: one node.
TFSSE_NAMES = [
    "TFSSE",                                                                   # 002
    "UNTFSSE",                                                                 # 000, 003
    "UN TFSSE",                                                                # 004
    "UNTF SSE",                                                                # 003
    ("Task force inter-agences de l'Organisation des Nations Unies sur l'économie sociale et "
    "solidaire"),                                                               # 000
    "Task-Force inter-agences de l'ONU sur l'économie sociale et solidaire",   # 001
    ("Groupe de travail inter-institutions des Nations Unies sur l'économie sociale et "
    "solidaire"),                                                               # 003
]

ORGANISERS = ["UNRISD", "OIT", "ONU-SLNG"]
# "En présence de plusieurs agences des Nations Unies (OIT, FAO, CNUCED, PNUD, ONU- SLNG,
# UNRISD, UNWomen)"
PRESENT = ["OIT", "FAO", "CNUCED", "PNUD", "ONU- SLNG", "UNRISD", "UNWomen"]
# The twenty agencies of the task force (names of the 2017 list).
TFSSE_AGENCIES = ["UN-RISD", "ONU-SLNG", "OIT", "PNUD", "UN-DESA", "OCDE", "CNUCED", "CEPAL",
                  "FAO", "OMS", "PNUE", "UNESCO", "ONUDI", "UNECE", "ESCWA", "UN-Habitat",
                  "ONU-femmes", "PAM", "TDR", "ONUSIDA"]

RIPESS_PEOPLE = ["Ben Quinones", "Daniel Tygel", "Judith Hitchman"]


@pytest.fixture(scope="module")
def tfsse(kg):
    return resolve_one(kg, "org", TFSSE)


@pytest.fixture(scope="module")
def conference(kg):
    """The UNRISD conference on the potential of SSE, May 2013."""
    unrisd = one(kg, "UNRISD", kind="org")
    candidates = [
        e for e in via_inverse(kg, unrisd, "schema:organizer")
        if any(d.startswith("2013-05") for d in any_dates(kg, e))
    ]
    assert len(candidates) == 1, f"UNRISD conference of May 2013: {describe(kg, candidates)}"
    return candidates[0]


def test_task_force_names_of_all_sources_are_one_organisation(kg, tfsse):
    for name in TFSSE_NAMES:
        assert one(kg, name, kind="org") == tfsse, name


def test_task_force_is_inside_the_un_system(kg, tfsse):
    un = find(kg, "Organisation des Nations Unies", "ONU", "United Nations",
              "Nations Unies", "UN", kind="org")
    assert un & objects(kg, tfsse, "org:subOrganizationOf+"), (
        f"the task force is 'de l'ONU' (org:subOrganizationOf): "
        f"{describe(kg, objects(kg, tfsse, 'org:subOrganizationOf'))}"
    )


def test_task_force_cites_its_origins_text(kg, tfsse):
    assert_derived(kg, tfsse, SRC)


def test_unrisd_conference_was_held_in_may_2013(kg, conference):
    dates = typed_values(kg, conference, "dcterms:date")
    starts = typed_values(kg, conference, "schema:startDate")
    assert ("2013-05", "http://www.w3.org/2001/XMLSchema#gYearMonth") in dates or any(
        d.startswith("2013-05-") for d, _ in starts
    ), f"'en mai 2013': dcterms:date {dates}, schema:startDate {starts}"
    assert mentions(kg, conference, "potentiel", "potentialit", "potential"), (
        "conference on the potential of the social and solidarity economy"
    )
    assert_derived(kg, conference, SRC)


def test_unrisd_conference_was_co_organised_with_ilo_and_un_ngls(kg, conference):
    expected = {one(kg, n, kind="org") for n in ORGANISERS}
    got = organizers(kg, conference)
    assert got == expected, f"organisers: {describe(kg, got)}"


def test_un_agencies_present_at_unrisd_conference_are_exactly_the_seven_listed(kg, conference):
    present = attendees(kg, conference) | organizers(kg, conference)
    expected = {one(kg, n, kind="org") for n in PRESENT}
    agencies = {one(kg, n, kind="org") for n in TFSSE_AGENCIES}
    assert expected <= agencies
    got = present & agencies
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )


@pytest.mark.parametrize("agency", PRESENT)
def test_agency_present_at_unrisd_conference_attends_it(kg, conference, agency):
    a = one(kg, agency, kind="org")
    assert a in attendees(kg, conference) or a in organizers(kg, conference), (
        f"{agency} was present (schema:attendee or a sub-property, e.g. sse:participant)"
    )


def test_task_force_was_proposed_at_the_unrisd_conference(kg, tfsse, conference):
    steps = via_inverse(kg, tfsse, "org:resultingOrganization")
    at_conf = [
        s for s in steps
        if s == conference
        or conference in objects(kg, s, "schema:superEvent")
        or s in objects(kg, conference, "schema:subEvent")
    ]
    assert at_conf, (
        "'un groupe de travail inter-institutions sur l'ESS (TFSSE) a été proposé lors de la "
        f"Conférence de l'UNRISD': founding steps {describe(kg, steps)}"
    )
    assert any(SRC in source_keys(kg, s) for s in at_conf)


def test_task_force_observers_per_origins_text_are_ripess_and_rmb(kg, tfsse):
    expected = {one(kg, "RIPESS", kind="org"), resolve_one(kg, "org", RMB)}
    ms = [m for m in with_role(kg, memberships(kg, tfsse), "observer") if SRC in m["sources"]]
    got = {m["member"] for m in ms}
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )


def test_task_force_observers_in_the_curated_sources_are_ripess_rmb_gsef(kg, tfsse):
    expected = {one(kg, "RIPESS", kind="org"), resolve_one(kg, "org", RMB),
                one(kg, "GSEF", kind="org")}
    ms = [m for m in with_role(kg, memberships(kg, tfsse), "observer") if m["sources"]]
    got = {m["member"] for m in ms}
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )


def test_observers_are_not_members_of_the_task_force(kg, tfsse):
    for spec in ("RIPESS", RMB, "GSEF"):
        node = resolve_one(kg, "org", spec)
        full = with_role(kg, memberships(kg, tfsse, node), "member")
        assert not full, f"{spec} is an observer of the task force, not a member"


def test_first_plenary_meeting_is_planned_for_10_february(kg, tfsse):
    events = [
        e for e in of_kind(kg, "event")
        if SRC in source_keys(kg, e) and any(d.endswith("-02-10") for d in any_dates(kg, e))
    ]
    assert len(events) == 1, f"first plenary meeting on 10 February: {describe(kg, events)}"
    (meeting,) = events
    assert linked(kg, meeting, tfsse), "the plenary meeting of the task force"
    assert mentions(kg, meeting, "pleni", "plenary"), "a plenary meeting"
    dates = typed_values(kg, meeting, "dcterms:date") | typed_values(
        kg, meeting, "schema:startDate")
    # the text gives no year: xsd:gMonthDay "--02-10", unless a reference document dates it
    assert ("--02-10", "http://www.w3.org/2001/XMLSchema#gMonthDay") in dates or any(
        len(d) == 10 and d.endswith("-02-10") for d, _ in dates
    ), f"10 February (xsd:gMonthDay --02-10, or a full date if a reference gives the year): {dates}"


@pytest.mark.parametrize("name", RIPESS_PEOPLE)
def test_person_took_part_as_representative_of_ripess(kg, name):
    person = one(kg, name, kind="person")
    ripess = one(kg, "RIPESS", kind="org")
    ms = with_role(kg, memberships(kg, ripess, person), "representative")
    assert ms, f"'{name} ... ont participé pour le RIPESS'"
    assert any(SRC in m["sources"] for m in ms)
    assert_derived(kg, person, SRC)


def test_ripess_representatives_per_origins_text_are_exactly_three(kg):
    ripess = one(kg, "RIPESS", kind="org")
    expected = {one(kg, n, kind="person") for n in RIPESS_PEOPLE}
    got = {m["member"] for m in with_role(kg, memberships(kg, ripess), "representative")
           if SRC in m["sources"]}
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )


def test_ripess_and_rmb_cite_the_origins_text(kg):
    for spec in ("RIPESS", RMB):
        assert_derived(kg, resolve_one(kg, "org", spec), SRC)


def test_task_force_founding_steps_are_not_dated_before_the_may_2013_conference(kg):
    tfsse = resolve_one(kg, "org", TFSSE)
    for s in via_inverse(kg, tfsse, "org:resultingOrganization"):
        for d in any_dates(kg, s):
            if len(d) >= 4 and d[:4].isdigit():
                assert d >= "2013-05", f"founding step of the task force dated {d}"
