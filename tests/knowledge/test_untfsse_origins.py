"""Source 002: origins of the UN Inter-Agency Task Force on SSE (TFSSE / UNTFSSE).

Pins the UNRISD conference of May 2013 (co-organised with the ILO and UN-NGLS, the UN agencies
present), the proposal of the task force at that conference, its observers (RIPESS and the
RMB), its first plenary meeting planned for 10 February, and the three people who took part
for RIPESS.
"""

from __future__ import annotations

import pytest

from . import helpers as h
from .facts import TFSSE_AGENCIES

SRC = "002"

# The acronyms the sources give the task force.
ACRONYMS = [
    "TFSSE",  # 002
    "UNTFSSE",  # 000, 003
    "UN TFSSE",  # 004
    "UNTF SSE",  # 003
]
# The sources also spell its name out in French, all on one pattern: what the body is, whose it
# is (the United Nations, named in three ways) and its subject.
LONG_NAMES = {
    "000": ("Task force inter-agences", "de l'Organisation des Nations Unies"),
    "001": ("Task-Force inter-agences", "de l'ONU"),
    "003": ("Groupe de travail inter-institutions", "des Nations Unies"),
}
SUBJECT = "sur l'économie sociale et solidaire"
# Every name the sources give the task force: one node.
TFSSE_NAMES = ACRONYMS + [" ".join((*parts, SUBJECT)) for _, parts in sorted(LONG_NAMES.items())]

ORGANISERS = ["UNRISD", "OIT", "ONU-SLNG"]
# The UN agencies 002 says were present at the conference (spelled as 002 spells them).
PRESENT = ["CNUCED", "FAO", "OIT", "ONU- SLNG", "PNUD", "UNRISD", "UNWomen"]

RIPESS_PEOPLE = ["Ben Quinones", "Daniel Tygel", "Judith Hitchman"]


@pytest.fixture(scope="module")
def conference(kg):
    """The UNRISD conference on the potential of SSE, May 2013."""
    unrisd = h.one(kg, "UNRISD", kind="org")
    candidates = [
        e
        for e in h.via_inverse(kg, unrisd, "schema:organizer")
        if any(d.startswith("2013-05") for d in h.any_dates(kg, e))
    ]
    assert len(candidates) == 1, f"UNRISD conference of May 2013: {h.describe(kg, candidates)}"
    return candidates[0]


def test_task_force_names_of_all_sources_are_one_organisation(kg, tfsse):
    for name in TFSSE_NAMES:
        assert h.one(kg, name, kind="org") == tfsse, name


def test_task_force_is_inside_the_un_system(kg, tfsse):
    un = h.find(
        kg,
        "Organisation des Nations Unies",
        "ONU",
        "United Nations",
        "Nations Unies",
        "UN",
        kind="org",
    )
    assert un & h.objects(kg, tfsse, "org:subOrganizationOf+"), (
        f"the task force is 'de l'ONU' (org:subOrganizationOf): "
        f"{h.describe(kg, h.objects(kg, tfsse, 'org:subOrganizationOf'))}"
    )


def test_task_force_cites_its_origins_text(kg, tfsse):
    h.assert_derived(kg, tfsse, SRC)


def test_unrisd_conference_was_held_in_may_2013(kg, conference):
    may = ("2013-05", h.XSD + "gYearMonth")
    for prop in ("schema:startDate", "schema:endDate"):
        got = h.typed_values(kg, conference, prop)
        assert got == {may}, f"'en mai 2013', the day unknown (xsd:gYearMonth): {prop} {got}"
    assert h.mentions(kg, conference, "potentiel", "potentialit", "potential"), (
        "conference on the potential of the social and solidarity economy"
    )
    h.assert_derived(kg, conference, SRC)


def test_unrisd_conference_was_co_organised_with_ilo_and_un_ngls(kg, conference):
    expected = {h.one(kg, n, kind="org") for n in ORGANISERS}
    got = h.organizers(kg, conference)
    assert got == expected, f"organisers: {h.describe(kg, got)}"


def test_un_agencies_present_at_unrisd_conference_are_exactly_the_seven_listed(kg, conference):
    present = h.attendees(kg, conference) | h.organizers(kg, conference)
    expected = {h.one(kg, n, kind="org") for n in PRESENT}
    agencies = {h.one(kg, n, kind="org") for n in TFSSE_AGENCIES["2017"]}
    assert expected <= agencies
    h.assert_same_nodes(kg, present & agencies, expected)


@pytest.mark.parametrize("agency", PRESENT)
def test_agency_present_at_unrisd_conference_attends_it(kg, conference, agency):
    a = h.one(kg, agency, kind="org")
    assert a in h.attendees(kg, conference) or a in h.organizers(kg, conference), (
        f"{agency} was present (schema:attendee or a sub-property, e.g. sse:participant)"
    )


def test_task_force_was_proposed_at_the_unrisd_conference(kg, tfsse, conference):
    steps = h.via_inverse(kg, tfsse, "org:resultingOrganization")
    at_conf = [
        s
        for s in steps
        if s == conference
        or conference in h.objects(kg, s, "schema:superEvent")
        or s in h.objects(kg, conference, "schema:subEvent")
    ]
    assert at_conf, (
        "002: the task force was first proposed at the UNRISD conference; founding steps "
        f"{h.describe(kg, steps)}"
    )
    assert any(SRC in h.source_keys(kg, s) for s in at_conf)


def observers(kg, tfsse, keep) -> set:
    """Observers of the task force whose membership's source keys satisfy ``keep``."""
    return {
        m["member"]
        for m in h.with_role(kg, h.memberships(kg, tfsse), "observer")
        if keep(m["sources"])
    }


def test_task_force_observers_per_origins_text_are_ripess_and_rmb(kg, tfsse, ripess, rmb):
    h.assert_same_nodes(kg, observers(kg, tfsse, lambda keys: SRC in keys), {ripess, rmb})


def test_task_force_observers_in_the_curated_sources_are_ripess_rmb_gsef(
    kg, tfsse, ripess, rmb, gsef
):
    h.assert_same_nodes(kg, observers(kg, tfsse, bool), {ripess, rmb, gsef})


def test_observers_are_not_members_of_the_task_force(kg, tfsse, ripess, rmb, gsef):
    for node in (ripess, rmb, gsef):
        full = h.with_role(kg, h.memberships(kg, tfsse, node), "member")
        assert not full, f"{h.describe(kg, [node])} is an observer of the task force, not a member"


def test_first_plenary_meeting_is_planned_for_10_february(kg, tfsse):
    events = [
        e
        for e in h.of_kind(kg, "event")
        if SRC in h.source_keys(kg, e) and any(d.endswith("-02-10") for d in h.any_dates(kg, e))
    ]
    assert len(events) == 1, f"first plenary meeting on 10 February: {h.describe(kg, events)}"
    (meeting,) = events
    assert h.linked(kg, meeting, tfsse), "the plenary meeting of the task force"
    assert h.mentions(kg, meeting, "pleni", "plenary"), "a plenary meeting"
    dates = h.typed_values(kg, meeting, "schema:startDate")
    # the text gives no year: the curators infer it (test_time pins the sse:Inference)
    assert len(dates) == 1 and all(
        len(d) == 10 and d.endswith("-02-10") and t == h.XSD + "date" for d, t in dates
    ), f"10 February, on schema:startDate as an xsd:date with the inferred year: {dates}"


@pytest.mark.parametrize("name", RIPESS_PEOPLE)
def test_person_took_part_as_representative_of_ripess(kg, ripess, name):
    person = h.one(kg, name, kind="person")
    ms = h.with_role(kg, h.memberships(kg, ripess, person), "representative")
    assert ms, f"'{name} ... ont participé pour le RIPESS'"
    assert any(SRC in m["sources"] for m in ms)
    h.assert_derived(kg, person, SRC)


def test_ripess_representatives_per_origins_text_are_exactly_three(kg, ripess):
    expected = {h.one(kg, n, kind="person") for n in RIPESS_PEOPLE}
    got = {
        m["member"]
        for m in h.with_role(kg, h.memberships(kg, ripess), "representative")
        if SRC in m["sources"]
    }
    h.assert_same_nodes(kg, got, expected)


def test_ripess_and_rmb_cite_the_origins_text(kg, ripess, rmb):
    for node in (ripess, rmb):
        h.assert_derived(kg, node, SRC)


def test_task_force_founding_steps_are_not_dated_before_the_may_2013_conference(kg, tfsse):
    for s in h.via_inverse(kg, tfsse, "org:resultingOrganization"):
        for d in h.any_dates(kg, s):
            if len(d) >= 4 and d[:4].isdigit():
                assert d >= "2013-05", f"founding step of the task force dated {d}"
