"""--sources: a row's sources are those of the statements it reports, not of every IRI in it."""

from __future__ import annotations

from rdflib import Literal, URIRef

from ssegraph.catalogue import query
from ssegraph.graph import KnowledgeGraph
from ssegraph.provenance import sources_of, with_sources
from ssegraph.results import Results, answer
from ssegraph.vocab import ID


def names(value: object) -> set[str]:
    return set(str(value or "").split())


def test_a_row_with_a_membership_gets_the_sources_of_the_membership_alone(
    kg: KnowledgeGraph,
) -> None:
    results = answer(
        kg,
        "SELECT ?member ?membership WHERE { ?membership org:member ?member }",
        {"membership": ID["membership/gsef--gpiess--member"]},
    )
    sourced = with_sources(kg, results)
    assert sourced.variables == ("member", "membership", "sources")
    # not GSEF's own sources (its page, the working group's call, the official websites)
    assert names(sourced.rows[0][-1]) == {"id:source/gpiess-presentation-2017"}


def test_ecuadors_2014_seat_is_attested_by_the_2014_list_and_stated_by_both_lists(
    kg: KnowledgeGraph,
) -> None:
    answer = query(kg, "members-as-of", group="GPIESS", date="2014-09-17")
    rows = answer.to_dicts()
    (seat,) = (
        i for i, row in enumerate(rows)
        if row["member"] == str(ID["state/ecuador"]) and row["roleLabel"] == "member"
    )  # fmt: skip
    assert rows[seat]["attestedBy"] == str(ID["source/gpiess-presentation-2014"])
    assert {str(s) for s in sources_of(kg, answer)[seat]} == {
        str(ID["source/gpiess-presentation-2014"]),
        str(ID["source/gpiess-presentation-2017"]),
    }  # neither GSEF's page nor ISO 3166, which back other nodes of the row


def test_gsefs_observer_seat_in_the_task_force_has_its_one_source(kg: KnowledgeGraph) -> None:
    answer = query(kg, "observers", group="UNTFSSE")
    gsef = answer.rows.index(next(r for r in answer.rows if r[1] == ID["org/gsef"]))
    assert sources_of(kg, answer)[gsef] == [ID["source/gsef-international-collaboration"]]


def test_events_and_outcomes_are_facts_with_their_own_sources(kg: KnowledgeGraph) -> None:
    answer = query(kg, "events-in-year", year=2016)
    habitat = answer.rows.index(
        next(r for r in answer.rows if r[0] == ID["event/habitat-iii-2016"])
    )
    # the event's own sources (GSEF's page, the UN resolution), not those of Quito or the UN
    assert sources_of(kg, answer)[habitat] == [
        ID["source/a-res-71-256"],
        ID["source/gsef-international-collaboration"],
    ]


def test_a_row_without_facts_gets_the_sources_of_its_nodes(kg: KnowledgeGraph) -> None:
    results = Results(("actor",), ((ID["org/ilo"],),))
    assert sources_of(kg, results)[0]  # the ILO's own sources


def test_a_row_without_sourced_iris_gets_no_sources(mini: KnowledgeGraph) -> None:
    results = Results(("x",), ((URIRef("http://example.org/nothing"),), (Literal(1),)))
    assert [row[-1] for row in with_sources(mini, results).rows] == [None, None]
