"""``show``: what the graph says about one node, gathered from both directions."""

from __future__ import annotations

import pytest

import ssegraph.describe as describe_module
from ssegraph import sparql
from ssegraph.describe import Fact, describe, phrase
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import resolve
from ssegraph.vocab import ID


def test_types_and_names_in_every_language(mini: KnowledgeGraph) -> None:
    ilo = describe(mini, ID["org/ilo"])
    assert ilo.label == "International Labour Organization"
    assert "United Nations entity (sse:UNEntity)" in ilo.types
    assert [(n.lang, n.preferred, n.text) for n in ilo.names] == [
        ("en", True, "International Labour Organization"),
        ("fr", True, "Organisation internationale du Travail"),
        ("en", False, "ILO"),
        ("fr", False, "OIT"),
    ]


def test_memberships_as_member_carry_role_attestation_and_sources(mini: KnowledgeGraph) -> None:
    (membership,) = describe(mini, ID["org/ilo"]).memberships
    assert membership.other == ID["org/gpiess"]
    assert membership.role == "observer"
    assert membership.attested_on == ["2014-09-17"]
    assert membership.sources == ["id:source/list-2014"]


def test_memberships_with_an_interval_carry_its_dates(mini: KnowledgeGraph) -> None:
    chair = [m for m in describe(mini, ID["state/france"]).memberships if m.role == "chair"]
    assert [(m.start, m.end) for m in chair] == [("2013-01-01", "2015-12-31")]


def test_a_group_lists_its_members_with_their_roles(mini: KnowledgeGraph) -> None:
    members = describe(mini, ID["org/gpiess"]).members
    assert {(m.other, m.role) for m in members} == {
        (ID["state/france"], "member"),
        (ID["state/france"], "chair"),
        (ID["org/ilo"], "observer"),
    }


def test_a_persons_post_is_shown_apart_from_memberships(mini: KnowledgeGraph) -> None:
    ada = describe(mini, ID["person/ada-lovelace"])
    assert [(p.other, p.role) for p in ada.posts] == [(ID["org/ilo"], "secretary general")]
    assert ada.memberships == []


def test_events_and_outcomes_say_how_the_node_takes_part(mini: KnowledgeGraph) -> None:
    assert [(e.node, e.relations) for e in describe(mini, ID["org/ilo"]).events] == [
        (ID["event/forum-2014"], ["is partner of"])
    ]
    assert [(e.relations) for e in describe(mini, ID["person/ada-lovelace"]).events] == [
        ["is speaker of"]
    ]
    france = describe(mini, ID["state/france"])
    assert [(o.node, o.relations) for o in france.outcomes] == [
        (ID["outcome/forum-declaration"], ["contributed to"])
    ]
    event = describe(mini, ID["event/forum-2014"])
    assert [(o.node, o.relations) for o in event.outcomes] == [
        (ID["outcome/forum-declaration"], ["adopted at it"])
    ]
    assert {f.property for f in event.facts} >= {"organizer", "start date"}


def test_sources_come_with_title_and_date(mini: KnowledgeGraph) -> None:
    (source,) = describe(mini, ID["org/ilo"]).sources
    assert (source.title, source.date) == ("Liste des membres (au 17 septembre 2014)", "2014-09-17")


def test_the_real_leading_group_shows_france_as_chair(kg: KnowledgeGraph) -> None:
    gpiess = describe(kg, resolve(kg, "GPIESS"))
    chairs = {m.other_label for m in gpiess.members if m.role == "chair"}
    assert "France" in chairs
    assert gpiess.sources


def test_a_document_is_named_by_its_title_even_in_another_language(mini: KnowledgeGraph) -> None:
    source = describe(mini, ID["source/list-2014"], lang="en")
    assert source.label == "Liste des membres (au 17 septembre 2014)"
    assert Fact("title", "Liste des membres (au 17 septembre 2014)") in source.facts
    assert source.events == []  # what cites a source is not an event it takes part in


def test_types_are_those_stated_not_the_superclasses_the_store_entails(kg) -> None:
    types = describe(kg, ID["org/ripess"]).types
    assert any("sse:SSENetwork" in t for t in types)
    assert not any("foaf:Agent" in t or "org:Organization)" in t for t in types)


def test_memberships_show_the_period_the_rule_of_time_gives_them(kg) -> None:
    seats = {m.other: m for m in describe(kg, ID["org/ripess"]).memberships}
    observer = seats[ID["org/untfsse"]]
    assert (observer.start, observer.end) == ("2013-05-01", None)  # from May 2013, inferred
    assert "id:source/untfsse-origins" in observer.sources  # what the inferred start rests on
    members = {m.other: m for m in describe(kg, ID["org/gpiess"]).members if m.role == "member"}
    assert (members[ID["org/essfi"]].start, members[ID["org/essfi"]].end) == ("2014-09-17", None)


def test_each_event_of_a_node_comes_with_its_own_sources(kg) -> None:
    events = {link.node: link for link in describe(kg, ID["org/gsef"]).events}
    session = events[ID["event/gsef-special-session-untfsse-2019"]]
    assert session.sources == ["id:source/gsef-international-collaboration"]


def test_an_actor_in_a_country_shows_its_m49_areas_and_grouping(kg: KnowledgeGraph) -> None:
    quebec = ID["gov/quebec"]
    english = {(f.property, f.value) for f in describe(kg, quebec).facts}
    assert {
        ("M49 region", "Americas"),
        ("M49 sub-region", "Northern America"),
        ("development grouping", "North"),
    } <= english
    french = {(f.property, f.value) for f in describe(kg, quebec, "fr").facts}
    assert ("région M49", "Amériques") in french


def test_events_and_outcomes_say_how_the_node_takes_part_in_french(mini: KnowledgeGraph) -> None:
    assert [e.relations for e in describe(mini, ID["org/ilo"], "fr").events] == [
        ["est partenaire de"]
    ]
    france = describe(mini, ID["state/france"], "fr")
    assert [o.relations for o in france.outcomes] == [["a contribué à"]]
    event = describe(mini, ID["event/forum-2014"], "fr")
    assert [o.relations for o in event.outcomes] == [["adopté lors de cette entité"]]


@pytest.mark.parametrize(
    ("label", "incoming", "lang", "expected"),
    [
        ("organizer", True, "en", "is organizer of"),
        ("organizer", False, "en", "has organizer"),
        ("adopted by", True, "en", "adopted by it"),
        ("adopted by", False, "en", "adopted by"),
        ("organisateur", True, "fr", "est organisateur de"),
        ("lieu", False, "fr", "a pour lieu"),
        ("adopté par", True, "fr", "adopté par cette entité"),
        ("associé à", False, "fr", "associé à"),
        ("organizer", True, "de", "is organizer of"),  # a language without phrasing: English
    ],
)
def test_a_property_label_is_phrased_from_the_entitys_side(
    label: str, incoming: bool, lang: str, expected: str
) -> None:
    assert phrase(label, incoming, lang) == expected


def test_the_real_graph_names_standard_classes_and_properties_in_french(
    kg: KnowledgeGraph,
) -> None:
    france = describe(kg, ID["state/france"], "fr")
    assert "pays (schema:Country)" in france.types
    quito = describe(kg, ID["place/quito"], "fr")
    assert "pays" in {fact.property for fact in quito.facts}  # schema:addressCountry
    assert {tuple(link.relations) for link in quito.events} == {("est lieu de",)}


def test_every_query_describe_runs_is_a_named_file() -> None:
    files = {sparql.text(name) for name in sparql.names() if name.startswith("describe/")}
    queries = [value for value in vars(describe_module).values() if _is_query(value)]
    assert len(queries) == 7
    assert all(query in files for query in queries)


def _is_query(value: object) -> bool:
    return isinstance(value, str) and "SELECT" in value and "WHERE" in value
