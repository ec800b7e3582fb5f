"""Networks built from the real graph, checked against what the sources say.

The GPIESS presentations of 17 September 2014 and 8 July 2017 list the leading group's members;
the text on the task force's origins names the organisers of the UNRISD conference of May 2013;
GSEF's page on its international collaboration names the partners of its 2018 HLPF side event and
of its session at the task force's 2019 conference. The ``network`` command is tested in process.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from ssegraph.catalogue import query
from ssegraph.cli import app
from ssegraph.errors import BadParameter, UnknownEntity
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import resolve
from ssegraph.network import NETWORKS, Filters, build
from ssegraph.vocab import ID

ROOT = Path(__file__).resolve().parents[1]

GPIESS_2014 = dt.date(2014, 9, 17)
GPIESS_2017 = dt.date(2017, 7, 8)
ENV = {"COLUMNS": "200", "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "SSEGRAPH_HOME": None}


def iri(path: str) -> str:
    return str(ID[path])


def short_labels(graph: nx.Graph) -> set[str]:
    return {data["short_label"] for _, data in graph.nodes(data=True)}


def governments_in_gpiess(kg: KnowledgeGraph, day: dt.date) -> nx.Graph:
    kinds = ("State", "SubnationalGovernment")
    return build(kg, "co-membership", Filters(as_of=day, groups=("GPIESS",), kinds=kinds))


# ---- the leading group GPIESS, as of each of its lists


def test_states_linked_through_gpiess_as_of_2014_are_the_founders_and_quebec(kg) -> None:
    graph = governments_in_gpiess(kg, GPIESS_2014)
    assert short_labels(graph) == {
        "France",
        "Morocco",
        "Luxembourg",
        "Ecuador",
        "Colombia",
        "Quebec",
    }
    assert graph.number_of_edges() == 15  # each pair shares the group
    assert graph.nodes[iri("gov/quebec")]["country"] == "CA"
    quebec_france = graph.edges[iri("gov/quebec"), iri("state/france")]
    assert quebec_france["groups"] == [iri("org/gpiess")]
    assert quebec_france["weight"] == 1
    assert {"observer member", "member", "founding member"} == set(quebec_france["roles"])


def test_states_linked_through_gpiess_as_of_2017_add_costa_rica_greece_and_senegal(kg) -> None:
    graph = governments_in_gpiess(kg, GPIESS_2017)
    assert short_labels(graph) == {
        "France", "Morocco", "Luxembourg", "Ecuador", "Colombia", "Quebec",
        "Costa Rica", "Greece", "Senegal",
    }  # fmt: skip
    assert nx.density(graph) == 1
    senegal_quebec = graph.edges[iri("state/senegal"), iri("gov/quebec")]
    assert senegal_quebec["roles"] == ["observer member"]
    assert senegal_quebec["first"] == senegal_quebec["last"] == "2017-07-08"
    assert "chair" in graph.edges[iri("state/france"), iri("state/senegal")]["roles"]


def test_gpiess_links_hold_from_the_first_day_both_are_named(kg) -> None:
    graph = build(kg, "co-membership", Filters(groups=("GPIESS",)))
    france_morocco = graph.edges[iri("state/france"), iri("state/morocco")]
    # both spoke for the group on 4 February 2014, and are members from the 2014 list on
    assert france_morocco["spells"] == [("2014-02-04", "2014-02-04"), ("2014-09-17", None)]
    assert (france_morocco["first"], france_morocco["last"]) == ("2014-02-04", "2017-07-08")
    assert graph.edges[iri("state/france"), iri("state/greece")]["spells"] == [("2017-07-08", None)]
    assert graph.nodes[iri("state/greece")]["spells"] == [("2017-07-08", None)]


def test_a_role_held_on_one_day_counts_only_that_day(kg) -> None:
    """France, Morocco and Ecuador spoke for the group on 4 February 2014 only."""

    def spokespersons(day: dt.date) -> nx.Graph:
        filters = Filters(as_of=day, roles=("spokesperson",), groups=("GPIESS",))
        return build(kg, "co-membership", filters)

    assert short_labels(spokespersons(dt.date(2014, 2, 4))) == {"France", "Morocco", "Ecuador"}
    assert spokespersons(GPIESS_2014).order() == 0


@pytest.mark.parametrize("group", ["GPIESS", "UNTFSSE"])
@pytest.mark.parametrize("day", [GPIESS_2014, GPIESS_2017])
def test_as_of_takes_the_members_the_catalogue_query_gives(kg, group, day) -> None:
    listed = query(kg, "members-as-of", group=group, date=day.isoformat()).terms()
    memberships = build(kg, "actor-group", Filters(as_of=day, groups=(group,)))
    assert set(memberships[str(resolve(kg, group))]) == {str(row["member"]) for row in listed}


# ---- the task force and the SSE networks


def test_the_task_force_is_an_actor_in_gpiess_and_a_group_for_its_agencies(kg) -> None:
    co_members = build(kg, "co-membership", Filters(as_of=GPIESS_2017))
    untfsse, unrisd, ilo = iri("org/untfsse"), iri("org/unrisd"), iri("org/ilo")
    assert co_members.has_edge(untfsse, iri("state/france"))  # both in GPIESS
    assert co_members.edges[unrisd, ilo]["groups"] == [untfsse]
    assert not co_members.has_edge(untfsse, unrisd)  # a member is not linked to its group
    memberships = build(kg, "actor-group", Filters(as_of=GPIESS_2017))
    assert memberships.has_edge(unrisd, untfsse)
    assert memberships.has_edge(untfsse, iri("org/gpiess"))
    assert memberships.nodes[untfsse]["part"] == "group"
    assert memberships.nodes[unrisd]["part"] == "actor"


def test_unrisd_links_the_task_force_to_gsef_at_the_2018_hlpf_side_event(kg) -> None:
    graph = build(kg, "co-event")
    link = graph.edges[iri("org/unrisd"), iri("org/gsef")]
    assert link["events"] == [iri("event/gsef-hlpf-side-event-2018")]
    assert set(link["roles"]) == {"organizer", "partner"}
    # the side event has no dates of its own: it takes those of the HLPF 2018
    assert (link["first"], link["last"]) == ("2018-07-09", "2018-07-18")
    assert link["sources"] == [iri("source/gsef-international-collaboration")]


def test_un_ngls_and_ilo_organised_the_2013_unrisd_conference_with_unrisd(kg) -> None:
    graph = build(kg, "co-event", Filters(between=(dt.date(2013, 1, 1), dt.date(2013, 12, 31))))
    conference = iri("event/unrisd-conference-2013")
    # and, with UNDP, the task force's founding meeting in Geneva on 30 September 2013 (the
    # task force's own page)
    founding = iri("event/untfsse-founding-meeting-2013")
    for a, b in (("un-ngls", "unrisd"), ("ilo", "unrisd"), ("ilo", "un-ngls")):
        link = graph.edges[iri(f"org/{a}"), iri(f"org/{b}")]
        assert link["events"] == [conference, founding]
        assert link["roles"] == ["organizer"]
        assert link["first"] == "2013-05-01"  # dated May 2013, no day
    assert not graph.has_edge(iri("org/unrisd"), iri("org/gsef"))  # 2018: outside the period


def test_oecd_partnered_gsef_at_its_2019_session(kg) -> None:
    graph = build(kg, "co-event", Filters(as_of=dt.date(2019, 6, 25)))
    link = graph.edges[iri("org/oecd"), iri("org/gsef")]
    assert link["events"] == [iri("event/gsef-special-session-untfsse-2019")]
    assert link["first"] == "2019-06-25"
    assert not build(kg, "co-event", Filters(as_of=dt.date(2019, 6, 24))).has_edge(
        iri("org/oecd"), iri("org/gsef")
    )


def test_unrisd_and_its_neighbours_bridge_agencies_and_networks(kg) -> None:
    graph = build(kg, "union", Filters(ego="UNRISD", people="organisations"))
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert {"UNEntity", "SSENetwork"} <= kinds
    assert {"GSEF", "OECD", "ILO", "UN-NGLS"} <= short_labels(graph)
    assert "co-event" in graph.edges[iri("org/unrisd"), iri("org/gsef")]["type"]


# ---- people


def test_people_are_nodes_and_speak_together_at_a_session(kg) -> None:
    graph = build(kg, "co-event")
    noya, kwark = iri("person/antonella-noya"), iri("person/laurence-kwark")
    assert graph.nodes[noya]["kind"] == "Person"
    assert set(graph.edges[noya, kwark]["roles"]) == {"moderator", "opening speaker"}


def test_people_as_organisations_stand_for_the_organisations_of_their_posts(kg) -> None:
    graph = build(kg, "co-event", Filters(people="organisations"))
    assert "Person" not in {data["kind"] for _, data in graph.nodes(data=True)}
    # the moderator heads an OECD unit, a speaker directs SSE services in Barcelona
    link = graph.edges[iri("org/oecd"), iri("gov/barcelona-city-council")]
    assert {"moderator", "speaker"} <= set(link["roles"])


def test_participants_count_only_when_asked(kg) -> None:
    summit = (iri("org/gsef"), iri("org/un"))  # GSEF attended UN-organised events
    assert not build(kg, "co-event").has_edge(*summit)
    assert build(kg, "co-event", Filters(participants=True)).has_edge(*summit)


# ---- filters


def test_a_kind_takes_its_subclasses(kg) -> None:
    graph = build(kg, "co-membership", Filters(kinds=("IntergovernmentalOrganisation",)))
    assert {"UNEntity", "IntergovernmentalOrganisation"} == {
        data["kind"] for _, data in graph.nodes(data=True)
    }


def test_a_date_before_any_data_gives_an_empty_network(kg) -> None:
    for network in NETWORKS:
        graph = build(kg, network, Filters(as_of=dt.date(1990, 1, 1)))
        assert graph.order() == 0
        assert graph.graph["filters"] == "as of 1990-01-01"


def test_undated_memberships_count_only_when_no_date_is_asked(kg) -> None:
    """Source 004 gives no date for RIPESS's coordination of the working group."""
    ripess, group = iri("org/ripess"), iri("org/ssen-collaboration-working-group")
    everything = build(kg, "actor-group", Filters(groups=(group,)))
    assert "spells" not in everything.edges[ripess, group]
    assert "first" not in everything.edges[ripess, group]
    assert ripess not in build(kg, "actor-group", Filters(groups=(group,), as_of=GPIESS_2017))


def test_the_task_force_observers_hold_their_seats_from_its_founding_in_may_2013(kg) -> None:
    """002 names RIPESS and the Mont-Blanc Meetings observers from the start (an inference)."""
    essfi, ripess = iri("org/essfi"), iri("org/ripess")
    everything = build(kg, "co-membership", Filters(groups=("UNTFSSE",)))
    assert everything.edges[essfi, ripess]["spells"] == [("2013-05-01", None)]
    assert everything.has_edge(essfi, ripess)
    as_of = build(kg, "co-membership", Filters(groups=("UNTFSSE",), as_of=GPIESS_2017))
    assert as_of.has_edge(essfi, ripess)


def test_ego_keeps_the_actors_within_the_radius(kg) -> None:
    near = build(kg, "co-event", Filters(ego="GSEF", radius=1))
    assert {"UNRISD", "OECD", "UN DESA"} <= short_labels(near)
    assert "ILO" not in short_labels(near)
    assert "ILO" in short_labels(build(kg, "co-event", Filters(ego="GSEF", radius=2)))


def test_an_ego_outside_the_network_gives_an_empty_one(kg) -> None:
    assert build(kg, "co-event", Filters(ego="UNAIDS")).order() == 0


@pytest.mark.parametrize(
    ("network", "filters", "error"),
    [
        ("co-friendship", Filters(), BadParameter),
        ("co-event", Filters(kinds=("Planet",)), BadParameter),
        ("co-event", Filters(roles=("juggler",)), BadParameter),
        ("co-membership", Filters(groups=("UNRISD",)), BadParameter),  # not a group
        ("co-membership", Filters(groups=("Atlantis",)), UnknownEntity),
        ("co-event", Filters(people="everyone"), BadParameter),
    ],
)
def test_bad_choices_are_refused_with_the_known_ones(kg, network, filters, error) -> None:
    with pytest.raises(error):
        build(kg, network, filters)


def test_the_network_reads_the_graph_through_select_and_ask_only(kg) -> None:
    """What a remote endpoint offers is enough: no files, no store."""

    class QueriesOnly:
        def __init__(self, inner: KnowledgeGraph) -> None:
            self.inner, self.generation = inner, inner.generation

        def select(self, sparql, bindings=None):
            return self.inner.select(sparql, bindings)

        def ask(self, sparql, bindings=None):
            return self.inner.ask(sparql, bindings)

        def sidecar(self, name):
            return None  # nothing kept beside a store: the name index is read through select

    remote_like = build(QueriesOnly(kg), "union", Filters(ego="UNRISD"))
    local = build(kg, "union", Filters(ego="UNRISD"))
    assert nx.utils.graphs_equal(remote_like, local)


# ---- the command


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env=ENV).invoke(app, ["--project", str(ROOT), "network", *args])
    return result.exit_code, result.output


def test_the_command_prints_the_strongest_links() -> None:
    kinds = ("--kind", "State", "--kind", "SubnationalGovernment")
    code, output = run("--as-of", "2014-09-17", "--group", "GPIESS", *kinds)
    assert code == 0, output
    assert "co-membership network (as of 2014-09-17, kind State or Subnational" in output
    assert "6 nodes, 15 edges" in output
    assert "Quebec" in output and "observer member" in output


def test_the_command_writes_every_file_asked_for(tmp_path) -> None:
    paths = [tmp_path / name for name in ("n.gexf", "n.graphml", "n.json", "n.cyjs", "csv")]
    code, output = run("co-event", *(arg for path in paths for arg in ("-o", str(path))))
    assert code == 0, output
    assert all(path.exists() for path in paths)
    assert (tmp_path / "csv" / "edges.csv").exists()


def test_an_empty_network_is_said_and_exits_1_writing_nothing(tmp_path) -> None:
    code, output = run("--as-of", "1990-01-01", "-o", str(tmp_path / "n.gexf"))
    assert code == 1
    assert "empty network" in output and "as of 1990-01-01" in output
    assert not (tmp_path / "n.gexf").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-of", "17/09/2014"), "is not a date"),
        (("-o", "network.docx"), "no network format has this extension"),
        (("--kind", "Planet"), "unknown kind of actor"),
    ],
)
def test_bad_options_exit_1_with_one_line(args, message) -> None:
    code, output = run(*args)
    assert code == 1
    assert message in output


def test_network_and_metrics_keep_only_the_ties_of_the_scope_and_divide_asked(
    tmp_path: Path,
) -> None:
    out = tmp_path / "ties.json"
    done = CliRunner().invoke(
        app, ["network", "co-membership", "--scope", "inter-regional", "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    edges = json.loads(out.read_text())["edges"]
    assert edges and {edge["scope"] for edge in edges} == {"inter-regional"}
    refused = CliRunner().invoke(app, ["metrics", "--divide", "east-west"])
    assert refused.exit_code != 0 and "east-west" in refused.output


def test_a_network_is_written_in_english_or_french_only(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["network", "--lang", "de", "-o", str(tmp_path / "n.png")])
    assert done.exit_code != 0 and "en or fr" in done.output
    assert not (tmp_path / "n.png").exists()
