"""Source 004: working group "Collaboration entre organisations/réseaux internationaux pour
l'ÉSS", coordinated by RIPESS.

Pins the working group, its coordination by RIPESS, the international organisations the text
names (INAISE in social finance, WFTO in fair trade, RIPESS, GSEF, ICA for cooperatives, AIM for
mutuals, the UN TFSSE) and the working group's meeting.
"""

from __future__ import annotations

import pytest

from .helpers import (
    assert_derived,
    describe,
    linked,
    memberships,
    mentions,
    of_kind,
    one,
    source_keys,
    with_role,
)

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
def ripess(kg):
    return one(kg, "RIPESS", kind="org")


@pytest.fixture(scope="module")
def working_group(kg, ripess):
    ms = [m for m in with_role(kg, memberships(kg, member=ripess), "coordinator")
          if SRC in m["sources"]]
    groups = {m["organization"] for m in ms}
    assert len(groups) == 1, f"group coordinated by RIPESS per {SRC}: {describe(kg, groups)}"
    return next(iter(groups))


def test_working_group_is_an_organisation_named_after_its_subject(kg, working_group):
    assert working_group in of_kind(kg, "org")
    assert mentions(kg, working_group,
                    "Collaboration entre organisations/réseaux internationaux",
                    "Collaboration between international organisations",
                    "Collaboration between international organizations",
                    "Collaboration among international organisations",
                    "Collaboration among international organizations"), (
        describe(kg, [working_group])
    )
    assert_derived(kg, working_group, SRC)


def test_working_group_is_coordinated_by_ripess_only(kg, working_group, ripess):
    coordinators = {m["member"] for m in with_role(kg, memberships(kg, working_group),
                                                   "coordinator")}
    assert coordinators == {ripess}, "'Coordonné par le RIPESS'"


@pytest.mark.parametrize("names", NAMED, ids=[n[0] for n in NAMED])
def test_organisation_named_by_the_working_group_text_is_one_node_citing_it(kg, names):
    nodes = {one(kg, n, kind="org") for n in names}
    assert len(nodes) == 1, f"{names} should be one node: {describe(kg, nodes)}"
    assert_derived(kg, nodes.pop(), SRC)


@pytest.mark.parametrize(
    ("acronym", "english"),
    [("INAISE", ("International Association of Investors in the Social Economy",)),
     ("WFTO", ("World Fair Trade Organization", "World Fair Trade Organisation"))],
)
def test_sector_network_has_its_full_name(kg, acronym, english):
    node = one(kg, acronym, kind="org")
    assert mentions(kg, node, *english), describe(kg, [node])


def test_working_group_meeting_is_recorded(kg, working_group):
    # "La rencontre du Groupe de travail incitera donc les participants à partager ..."
    meetings = [e for e in of_kind(kg, "event")
                if SRC in source_keys(kg, e) and linked(kg, e, working_group)]
    assert meetings, "the meeting of the working group"
