"""Names to things: normalisation, search ranking, and resolution of names, acronyms and IRIs."""

from __future__ import annotations

import pytest
from rdflib import Literal

from ssegraph.errors import AmbiguousName, UnknownEntity
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import EXACT, SUBSTRING, compact, humanise, normalise, resolve, search
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
