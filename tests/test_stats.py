"""The counts of ``ssegraph info``: by class, by source, by language, by named graph."""

from __future__ import annotations

from rdflib import Graph

from ssegraph.graph import KnowledgeGraph
from ssegraph.stats import statistics
from ssegraph.vocab import ID, ORG, SSE, graph_iri, is_derived


def test_each_thing_counts_once_under_its_most_specific_sse_class(mini: KnowledgeGraph) -> None:
    counts = {c.node: (c.label, c.count) for c in statistics(mini).classes}
    assert counts[SSE.State] == ("State", 1)
    assert counts[SSE.SSENetwork] == ("SSE network", 2)
    assert counts[SSE.Post] == ("post", 1)  # not also counted as an org:Membership
    assert counts[ORG.Membership] == ("Membership", 3)  # no sse: class: its standard one
    assert ORG.FormalOrganization not in counts


def test_class_labels_follow_the_language_asked(mini: KnowledgeGraph) -> None:
    counts = {c.node: c.label for c in statistics(mini, "fr").classes}
    assert counts[SSE.State] == "État"


def test_things_are_counted_by_the_source_they_cite(mini: KnowledgeGraph) -> None:
    (source,) = statistics(mini).sources
    assert source.node == ID["source/list-2014"]
    assert source.label == "Liste des membres (au 17 septembre 2014)"
    assert source.count == 12  # 6 actors, 4 memberships, 1 event, 1 outcome


def test_labels_are_counted_by_language_and_kind(mini: KnowledgeGraph) -> None:
    languages = {
        lang.language: (lang.preferred, lang.alternative) for lang in statistics(mini).languages
    }
    assert set(languages) == {"en", "fr"}
    assert languages["fr"][1] == 4  # OIT, GPIESS and ESS twice


def test_each_files_graph_counts_what_its_file_holds(mini: KnowledgeGraph) -> None:
    """The store's count per named graph against rdflib's own reading of each file."""
    assert mini.project is not None
    stats = statistics(mini)
    read = {
        graph_iri(path.parent.name, path.stem): len(Graph().parse(path))
        for path in mini.project.rdf_files()
    }
    assert {c.node: c.count for c in stats.graphs if not is_derived(c.node)} == read
    assert stats.statements == sum(graph.count for graph in stats.graphs)


def test_the_real_graph_counts_its_classes(kg: KnowledgeGraph) -> None:
    stats = statistics(kg)
    assert {c.node for c in stats.classes} >= {SSE.State, SSE.UNEntity, SSE.LeadingGroup}


def test_coverage_spans_the_dated_events_and_outcomes_and_counts_the_sources(kg) -> None:
    covered = statistics(kg).coverage
    days = kg.select(
        "SELECT (MIN(?d) AS ?first) (MAX(?e) AS ?last) WHERE {"
        " ?x sse:earliestDay ?d ; sse:latestDay ?e }"
    )[0]
    assert (covered.earliest, covered.latest) == (str(days["first"]), str(days["last"]))
    rows = kg.select("SELECT ?s WHERE { ?s a dcterms:BibliographicResource ; schema:url ?u }")
    assert covered.pages == len({row["s"] for row in rows}) > 0
    assert covered.sources >= covered.pages


def test_info_names_its_highlights_instead_of_running_them_on_a_large_graph(monkeypatch) -> None:
    from typer.testing import CliRunner

    from ssegraph import cli

    monkeypatch.setattr(cli, "HIGHLIGHTS_UP_TO", 0)
    done = CliRunner().invoke(cli.app, ["info"])
    assert done.exit_code == 0, done.output
    assert "ssegraph query members-as-of" in done.output
