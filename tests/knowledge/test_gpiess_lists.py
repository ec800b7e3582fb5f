"""The two dated membership lists of the GPIESS presentations (001: 2014, 000: 2017).

Pins each list exactly (the group's members and observer members, and the twenty agencies of the
UN task force), each member's role on each list and the source that attests it, the "as of"
answers before, between and after the two lists, and what both lists share or 2017 adds.  The
lists themselves are in ``facts``.
"""

from __future__ import annotations

import pytest

from . import helpers as h
from .facts import GPIESS_LISTS, GPIESS_MEMBERS, TFSSE_AGENCIES

LIST_ROLES = ("member", "observer member")
YEARS = sorted(GPIESS_LISTS)

MEMBER_ROLES = [(y, n, r) for y in YEARS for n, r in sorted(GPIESS_MEMBERS[y].items())]
OBSERVERS = [(y, n) for y, n, r in MEMBER_ROLES if r == "observer member"]
AGENCIES = [(y, a) for y in YEARS for a in TFSSE_AGENCIES[y]]

# Days asked about and the list that answers "as of" that day.
AS_OF = [
    ("2014-09-17", "2014"),
    ("2015-06-30", "2014"),
    ("2016-12-31", "2014"),
    ("2017-07-08", "2017"),
    ("2018-01-01", "2017"),
    ("2025-01-01", "2017"),
]

# Members on both lists, by their 2017 names (the 2014 list calls ESSFI "RMB", the task force
# "TFSSE", and the SSE organisations by their full names).
ON_BOTH_LISTS = {
    "France": "member",
    "Maroc": "member",
    "Luxembourg": "member",
    "Equateur": "member",
    "Colombie": "member",
    "Québec": "observer member",
    "UNTFSSE": "member",
    "ESSFI": "member",  # RMB in 2014
    "ACI": "member",
    "AIM": "member",
    "AIMF": "member",
    "FMDV": "member",
}
NEW_IN_2017 = ["Costa Rica", "Grèce", "Sénégal", "GSEF", "RIPESS"]


def org(kg, name):
    return h.one(kg, name, kind="org")


def listed_members(kg, year: str) -> set:
    return {org(kg, name) for name in GPIESS_MEMBERS[year]}


# --------------------------------------------------------------------------- the group


@pytest.mark.parametrize("year", YEARS)
def test_gpiess_members_attested_by_list_are_exactly_the_list(kg, gpiess, year):
    day = GPIESS_LISTS[year][1]
    got = h.members_attested(kg, gpiess, day, *LIST_ROLES)
    h.assert_same_nodes(kg, got, listed_members(kg, year), f"list of {day}")


@pytest.mark.parametrize(("year", "name", "role"), MEMBER_ROLES)
def test_gpiess_member_has_its_role_attested_on_list_date_from_its_source(
    kg, gpiess, year, name, role
):
    src, day = GPIESS_LISTS[year]
    ms = h.attested_on(kg, gpiess, org(kg, name), role, day)
    assert ms, f"no '{role}' membership of {name} in GPIESS attested on {day}"
    assert any(src in m["sources"] for m in ms), (
        f"the {day} membership of {name} is not derived from source {src}"
    )


@pytest.mark.parametrize(("year", "name"), OBSERVERS)
def test_observer_member_is_not_a_full_member_on_that_list(kg, gpiess, year, name):
    day = GPIESS_LISTS[year][1]
    assert not h.attested_on(kg, gpiess, org(kg, name), "member", day), (
        f"the {year} list has {name} as an observer member only"
    )


@pytest.mark.parametrize(("as_of", "year"), AS_OF)
def test_gpiess_members_as_of_a_day_are_the_latest_list_by_then(kg, gpiess, as_of, year):
    got = h.members_as_of(kg, gpiess, as_of, *LIST_ROLES)
    h.assert_same_nodes(kg, got, listed_members(kg, year), f"as of {as_of}")


def test_gpiess_has_no_attested_members_before_the_2014_list(kg, gpiess):
    assert h.members_as_of(kg, gpiess, "2014-09-16", *LIST_ROLES) == set()


@pytest.mark.parametrize(("name", "role"), sorted(ON_BOTH_LISTS.items()))
def test_membership_on_both_lists_is_one_node_attested_twice(kg, gpiess, name, role):
    member = org(kg, name)
    days = {day for _, day in GPIESS_LISTS.values()}
    ms = [m for m in h.with_role(kg, h.memberships(kg, gpiess, member), role) if days <= m["dates"]]
    assert ms, (
        f"{name}: expected one '{role}' membership attested on {sorted(days)}; got "
        f"{[(str(m['m']), sorted(m['dates'])) for m in h.memberships(kg, gpiess, member)]}"
    )
    assert any({"000", "001"} <= m["sources"] for m in ms), "cites both lists"


@pytest.mark.parametrize("name", NEW_IN_2017)
def test_member_new_in_2017_is_not_attested_by_2014_list(kg, gpiess, name):
    day = GPIESS_LISTS["2014"][1]
    old = [m for m in h.memberships(kg, gpiess, org(kg, name)) if day in m["dates"]]
    assert not old, f"{name} is not on the list of 17 September 2014"


# --------------------------------------------------------------------------- task force


@pytest.mark.parametrize("year", YEARS)
def test_tfsse_members_attested_by_list_are_the_twenty_agencies(kg, tfsse, year):
    expected = {org(kg, name) for name in TFSSE_AGENCIES[year]}
    assert len(expected) == 20
    day = GPIESS_LISTS[year][1]
    got = h.members_attested(kg, tfsse, day, "member")
    h.assert_same_nodes(kg, got, expected, f"list of {day}")


def test_tfsse_composition_is_the_same_in_2014_and_2017(kg, tfsse):
    by_year = [h.members_attested(kg, tfsse, GPIESS_LISTS[y][1], "member") for y in YEARS]
    assert by_year[0] == by_year[1]


@pytest.mark.parametrize(("year", "agency"), AGENCIES)
def test_tfsse_member_on_list_is_derived_from_its_source(kg, tfsse, year, agency):
    src = GPIESS_LISTS[year][0]
    ms = [
        m
        for m in h.with_role(kg, h.memberships(kg, tfsse, org(kg, agency)), "member")
        if src in m["sources"]
    ]
    assert ms, f"{agency} member of the task force per {src}"
