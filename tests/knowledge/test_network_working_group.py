"""Source 004: working group "Collaboration entre organisations/réseaux internationaux pour
l'ÉSS", coordinated by RIPESS.

Pins the working group, its coordination by RIPESS, the international organisations the text
names (INAISE in social finance, WFTO in fair trade, RIPESS, GSEF, ICA for cooperatives, AIM for
mutuals, the UN TFSSE) and the working group's meeting.
"""

from __future__ import annotations

import pytest

from . import helpers as h

SRC = "004"

# Organisations the text names, with another name of the same node where one exists.
NAMED = [
    ("INAISE",),
    ("WFTO",),
    ("RIPESS", "Réseau Intercontinental pour la Promotion de l'Economie Sociale et Solidaire"),
    ("GSEF", "Forum Mondial de l'économie sociale"),
    ("ACI", "Alliance Coopérative Internationale"),
    ("AIM", "Association Internationale de la Mutualité"),
    ("UN TFSSE", "UNTFSSE"),
]


@pytest.fixture(scope="module")
def working_group(kg, ripess):
    ms = [
        m
        for m in h.with_role(kg, h.memberships(kg, member=ripess), "coordinator")
        if SRC in m["sources"]
    ]
    groups = {m["organization"] for m in ms}
    assert len(groups) == 1, f"group coordinated by RIPESS per {SRC}: {h.describe(kg, groups)}"
    return next(iter(groups))


def test_working_group_is_an_organisation_named_after_its_subject(kg, working_group):
    assert working_group in h.of_kind(kg, "org")
    assert h.mentions(
        kg,
        working_group,
        "Collaboration entre organisations/réseaux internationaux",
        "Collaboration between international organisations",
        "Collaboration between international organizations",
        "Collaboration among international organisations",
        "Collaboration among international organizations",
    ), h.describe(kg, [working_group])
    h.assert_derived(kg, working_group, SRC)


def test_working_group_is_coordinated_by_ripess_only(kg, working_group, ripess):
    coordinators = {
        m["member"] for m in h.with_role(kg, h.memberships(kg, working_group), "coordinator")
    }
    assert coordinators == {ripess}, "'Coordonné par le RIPESS'"


@pytest.mark.parametrize("names", NAMED, ids=[n[0] for n in NAMED])
def test_organisation_named_by_the_working_group_text_is_one_node_citing_it(kg, names):
    nodes = {h.one(kg, n, kind="org") for n in names}
    assert len(nodes) == 1, f"{names} should be one node: {h.describe(kg, nodes)}"
    h.assert_derived(kg, nodes.pop(), SRC)


@pytest.mark.parametrize(
    ("acronym", "english"),
    [
        ("INAISE", ("International Association of Investors in the Social Economy",)),
        ("WFTO", ("World Fair Trade Organization", "World Fair Trade Organisation")),
    ],
)
def test_sector_network_has_its_full_name(kg, acronym, english):
    node = h.one(kg, acronym, kind="org")
    assert h.mentions(kg, node, *english), h.describe(kg, [node])


def test_working_group_meeting_is_recorded(kg, working_group):
    # 004 announces a meeting of the working group, where participants are to share their
    # experience, name the challenges and sketch future collaborations.
    meetings = [
        e
        for e in h.of_kind(kg, "event")
        if SRC in h.source_keys(kg, e) and h.linked(kg, e, working_group)
    ]
    assert meetings, "the meeting of the working group"
