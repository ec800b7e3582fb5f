"""Names to things: normalisation, search ranking, and resolution of names, acronyms and IRIs."""

from __future__ import annotations

import pytest
from rdflib import Literal

from ssegraph.errors import AmbiguousName, UnknownEntity
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import (
    EXACT,
    KINDS,
    SUBSTRING,
    Resolved,
    compact,
    humanise,
    kind_index,
    languages,
    normalise,
    resolve,
    resolve_kind,
    search,
)
from ssegraph.vocab import ID, SKOS

ILO = ID["org/ilo"]


def test_normalise_folds_case_accents_ligatures_and_punctuation() -> None:
    assert normalise("  Économie   Sociale ") == "economie sociale"
    assert normalise("L'Œuvre") == "l oeuvre"
    assert normalise("U.N.-Habitat") == "u n habitat"
    assert compact("UN-Habitat") == compact("un habitat") == "unhabitat"


@pytest.mark.parametrize(
    "name", ["oit", "OIT", "Oit", "Organisation internationale du Travail", "ILO", " ilo "]
)
def test_every_name_of_the_ilo_resolves_to_one_iri(mini: KnowledgeGraph, name: str) -> None:
    assert resolve(mini, name) == ILO


@pytest.mark.parametrize("name", ["oit", "OIT", "Oit", "Organisation internationale du Travail"])
def test_every_name_of_the_ilo_resolves_in_the_real_graph(kg: KnowledgeGraph, name: str) -> None:
    assert resolve(kg, name) == ILO


@pytest.mark.parametrize(
    "iri",
    [
        "https://w3id.org/ssegraph/id/org/ilo",
        "<https://w3id.org/ssegraph/id/org/ilo>",
        "id:org/ilo",
        "org/ilo",
    ],
)
def test_an_iri_in_any_written_form_resolves_to_itself(mini: KnowledgeGraph, iri: str) -> None:
    assert resolve(mini, iri) == ILO


def test_an_unaccented_search_finds_accented_labels(mini: KnowledgeGraph) -> None:
    found = {match.node for match in search(mini, "economie")}
    assert {ID["org/gpiess"], ID["org/ess-forum"], ID["org/ess-network"]} <= found
    assert all(match.how == SUBSTRING for match in search(mini, "economie"))


def test_exact_matches_come_before_partial_ones(mini: KnowledgeGraph) -> None:
    matches = search(mini, "Solidarity Economy Forum")
    assert matches[0].node == ID["org/ess-forum"]
    assert matches[0].how == EXACT
    assert ID["event/forum-2014"] in [m.node for m in matches[1:]]


def test_a_match_shows_the_display_name_and_the_label_that_matched(mini: KnowledgeGraph) -> None:
    match = search(mini, "oit", lang="en")[0]
    assert (match.label, match.matched, match.lang) == (
        "International Labour Organization",
        "OIT",
        "fr",
    )


def test_a_unique_partial_name_resolves(mini: KnowledgeGraph) -> None:
    assert resolve(mini, "Lovelace") == ID["person/ada-lovelace"]


def test_a_name_of_two_things_is_ambiguous_and_lists_both(mini: KnowledgeGraph) -> None:
    with pytest.raises(AmbiguousName) as error:
        resolve(mini, "ESS")
    assert {iri for iri, _ in error.value.candidates} == {
        str(ID["org/ess-forum"]),
        str(ID["org/ess-network"]),
    }
    assert any("Solidarity Economy Forum" in hint for hint in error.value.hints())


def test_an_unknown_name_suggests_the_nearest_names(mini: KnowledgeGraph) -> None:
    with pytest.raises(UnknownEntity) as error:
        resolve(mini, "iloo")
    assert "ILO" in error.value.suggestions
    assert error.value.exit_code == 1


def test_an_iri_of_nothing_is_unknown(mini: KnowledgeGraph) -> None:
    with pytest.raises(UnknownEntity, match="id:org/undp"):
        resolve(mini, "id:org/undp")


def test_the_index_follows_changes_to_the_graph(fresh_mini: KnowledgeGraph) -> None:
    assert search(fresh_mini, "PNUD") == []
    fresh_mini.add([(ID["org/undp"], SKOS.altLabel, Literal("PNUD", lang="fr"))], "data/new")
    assert resolve(fresh_mini, "pnud") == ID["org/undp"]


def test_terms_without_labels_get_readable_names() -> None:
    assert humanise("https://schema.org/superEvent") == "super event"
    assert humanise("http://www.w3.org/ns/org#Membership") == "Membership"


# ---- kinds: a group, a country or a role among those only


def test_a_kind_holds_only_its_own_things(kg: KnowledgeGraph) -> None:
    groups = kind_index(kg, KINDS["group"]).by_node
    assert ID["org/gpiess"] in groups and ID["org/untfsse"] in groups
    assert not any("/event/" in node or "/outcome/" in node for node in groups)
    countries = kind_index(kg, KINDS["country"]).by_node
    assert ID["state/france"] in countries and ID["person/francois-hollande"] not in countries
    roles = kind_index(kg, KINDS["role"]).by_node
    assert ID["role/chair"] in roles and ILO not in roles


@pytest.mark.parametrize("code", ["FR", "fr", "FRA", "fra"])
def test_a_country_goes_by_its_iso_codes(kg: KnowledgeGraph, code: str) -> None:
    assert resolve_kind(kg, code, KINDS["country"]) == Resolved(ID["state/france"], "France")


def test_a_unique_partial_name_of_a_kind_is_taken_and_said(kg: KnowledgeGraph) -> None:
    found = resolve_kind(kg, "GPIES", KINDS["group"])
    assert (found.node, found.near) == (ID["org/gpiess"], "GPIESS")
    assert resolve_kind(kg, "GPIESS", KINDS["group"]).near is None


def test_a_name_of_another_kind_is_unknown_with_names_of_this_kind(kg: KnowledgeGraph) -> None:
    assert resolve(kg, "François Hollande") == ID["person/francois-hollande"]
    with pytest.raises(UnknownEntity) as raised:
        resolve_kind(kg, "François Hollande", KINDS["country"])
    names_of_countries = {label.text for label in kind_index(kg, KINDS["country"]).labels}
    assert set(raised.value.suggestions) <= names_of_countries
    with pytest.raises(UnknownEntity) as raised:
        resolve_kind(kg, "foo", KINDS["role"])
    assert {"chair", "secretariat", "observer"} <= set(raised.value.suggestions)


def test_an_iri_of_another_kind_is_unknown(kg: KnowledgeGraph) -> None:
    assert resolve_kind(kg, "o:gpiess", KINDS["group"]).node == ID["org/gpiess"]
    with pytest.raises(UnknownEntity):
        resolve_kind(kg, "ev:world-urban-forum-9", KINDS["group"])


def test_a_printed_name_resolves_like_its_iri(mini: KnowledgeGraph) -> None:
    assert resolve(mini, "o:ilo") == resolve(mini, "id:org/ilo") == ILO


def test_the_languages_are_those_of_the_names(mini: KnowledgeGraph, kg: KnowledgeGraph) -> None:
    assert languages(mini) == ["en", "fr"]
    assert {"en", "fr"} <= set(languages(kg))
