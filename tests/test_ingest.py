"""Merging a batch into data/: only the triples the graph lacks (blank-node structures compared
as wholes), appended to one Turtle file atomically, never leaving a file the loader rejects."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal

from ssegraph import ingest
from ssegraph.batch import read_batch
from ssegraph.errors import BadParameter
from ssegraph.graph import KnowledgeGraph
from ssegraph.turtle import turtle as write_turtle
from ssegraph.vocab import ID, ORG, RDFS, SKOS, SSE, TIME

ROOT = Path(__file__).resolve().parents[1]
BATCHES = Path(__file__).resolve().parent / "fixtures" / "batches"
INTERVAL = BATCHES / "good" / "membership-with-interval.ttl"
NETWORK = BATCHES / "good" / "network-forum-declaration.ttl"
INFERENCE = """
@prefix sse: <https://w3id.org/ssegraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
[] a sse:Inference ;
    sse:concerns <https://w3id.org/ssegraph/id/org/gsef> ;
    rdfs:comment "The GSEF of the 2014 list and the Global Social Economy Forum are one body."@en ;
    prov:wasDerivedFrom <https://w3id.org/ssegraph/id/source/gsef-international-collaboration> .
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def graph(project: Path) -> KnowledgeGraph:
    return KnowledgeGraph.load(project)


def turtle(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


# ---- what is new


def test_statements_the_graph_holds_are_not_new(kg: KnowledgeGraph) -> None:
    batch = read_batch(kg, [ROOT / "data" / "gpiess-2017.ttl"])
    assert len(ingest.new_triples(kg, batch)) == 0


def test_every_data_file_is_already_held_including_its_blank_nodes(kg: KnowledgeGraph) -> None:
    # gpiess-2014.ttl has instants written as blank nodes, actors.ttl an sse:Inference that no
    # IRI points to: both compared as structures, not by their (per-parse) blank node ids.
    batch = read_batch(kg, sorted((ROOT / "data").glob("*.ttl")))
    assert any(isinstance(s, BNode) for s in batch.subjects())
    assert len(ingest.new_triples(kg, batch)) == 0


def test_only_the_new_statement_about_a_known_node_is_new(kg: KnowledgeGraph) -> None:
    membership = ID["membership/france--gpiess--member"]
    batch = Graph()
    batch.add((membership, ORG.member, ID["state/france"]))  # held
    batch.add((membership, SSE.attestedOn, Literal(dt.date(2019, 1, 1))))  # new
    assert set(ingest.new_triples(kg, batch)) == {
        (membership, SSE.attestedOn, Literal(dt.date(2019, 1, 1)))
    }


def test_a_blank_node_interval_already_held_is_not_new_again(graph: KnowledgeGraph) -> None:
    graph.add(read_batch(graph, [INTERVAL]), "data/added-before")
    again = read_batch(graph, [INTERVAL])  # parsed anew: other blank node ids
    assert len(ingest.new_triples(graph, again)) == 0


def test_a_blank_node_interval_with_another_date_is_new_as_a_whole(
    graph: KnowledgeGraph, tmp_path: Path
) -> None:
    graph.add(read_batch(graph, [INTERVAL]), "data/added-before")
    changed = tmp_path / "changed.ttl"
    changed.write_text(INTERVAL.read_text().replace("2016-06-01", "2016-07-01"))
    new = ingest.new_triples(graph, read_batch(graph, [changed]))
    # memberDuring, the interval (type, beginning, end) and its two instants (type, date)
    assert len(new) == 8
    assert Literal(dt.date(2016, 7, 1)) in set(new.objects(None, TIME.inXSDDate))
    assert Literal(dt.date(2017, 7, 8)) in set(new.objects(None, TIME.inXSDDate))


def test_a_blank_node_no_iri_points_to_is_new_once(graph: KnowledgeGraph) -> None:
    batch = turtle(INFERENCE)
    new = ingest.new_triples(graph, batch)
    assert len(new) == 4
    graph.add(new, "data/added-before")
    assert len(ingest.new_triples(graph, turtle(INFERENCE))) == 0
    other = INFERENCE.replace("are one body", "are two bodies")
    assert len(ingest.new_triples(graph, turtle(other))) == 4


def test_blank_nodes_below_a_blank_root_are_kept_with_it(kg: KnowledgeGraph) -> None:
    batch = turtle(
        INFERENCE.replace(
            "sse:concerns", 'rdfs:seeAlso [ rdfs:comment "a nested note"@en ] ;\n    sse:concerns'
        )
    )
    new = ingest.new_triples(kg, batch)
    assert len(new) == 6
    assert Literal("a nested note", lang="en") in set(new.objects(None, RDFS.comment))


def test_blank_nodes_in_a_cycle_do_not_hang(kg: KnowledgeGraph) -> None:
    batch = turtle(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/ssegraph/id/org/ilo> rdfs:seeAlso _:a .\n"
        "_:a rdfs:seeAlso _:b . _:b rdfs:seeAlso _:a .\n"
    )
    assert len(ingest.new_triples(kg, batch)) == 3


def test_a_batch_the_graph_holds_none_of_is_handed_back_as_it_is(kg: KnowledgeGraph) -> None:
    # A sheet of new rows (100,000 memberships) is not copied into another graph.
    membership = ID["membership/france--gpiess--member"]
    batch = Graph()
    batch.add((membership, SSE.attestedOn, Literal(dt.date(2019, 1, 1))))
    batch.add((ID["org/ilo"], RDFS.seeAlso, BNode()))
    assert ingest.new_triples(kg, batch) is batch


def test_the_same_text_in_two_languages_is_written_in_the_order_of_its_tags() -> None:
    labels = [Literal("LEED", lang="fr"), Literal("LEED", lang="en")]
    texts = set()
    for order in (labels, labels[::-1]):
        graph = Graph()
        for label in order:
            graph.add((ID["org/oecd-leed-committee"], SKOS.altLabel, label))
        texts.add(write_turtle(graph))
    assert len(texts) == 1
    assert 'skos:altLabel "LEED"@en , "LEED"@fr .' in texts.pop()


# ---- where it goes


def test_target_is_the_name_given_or_the_first_file_name(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert ingest.target_file(data, "new-list", [NETWORK]) == data / "new-list.ttl"
    assert ingest.target_file(data, "new-list.ttl", [NETWORK]) == data / "new-list.ttl"
    assert ingest.target_file(data, None, [Path("Sheet-2021.csv")]) == data / "sheet-2021.ttl"


@pytest.mark.parametrize("name", ["../actors", "New List", "new_list", "-x", "a/b"])
def test_target_name_outside_data_or_not_a_plain_name_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(BadParameter, match="is not a file name for data/"):
        ingest.target_file(tmp_path, name, [NETWORK])


# ---- the plan and its application


def test_plan_is_turtle_with_a_header_naming_the_date_and_the_files(
    graph: KnowledgeGraph, project: Path
) -> None:
    batch = read_batch(graph, [NETWORK])
    target = project / "data" / "new-list.ttl"
    plan = ingest.plan(graph, batch, target, [NETWORK])
    assert plan.creates_file and plan.target == target
    first = plan.text.splitlines()[1]
    assert first == (
        f"# Added by `ssegraph add` on {dt.date.today().isoformat()} from {NETWORK.name}."
    )
    assert len(turtle(plan.text)) == len(batch) == len(plan.new)


def test_plan_of_nothing_new_has_no_text(kg: KnowledgeGraph, tmp_path: Path) -> None:
    batch = read_batch(kg, [ROOT / "data" / "places.ttl"])
    plan = ingest.plan(kg, batch, tmp_path / "places.ttl", [ROOT / "data" / "places.ttl"])
    assert (len(plan.new), plan.text) == (0, "")


def test_apply_appends_to_the_file_and_the_project_reloads_with_the_facts(
    graph: KnowledgeGraph, project: Path
) -> None:
    target = project / "data" / "actors.ttl"
    before = target.read_bytes()
    plan = ingest.plan(graph, read_batch(graph, [NETWORK, INTERVAL]), target, [NETWORK])
    ingest.apply(plan)
    after = target.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert sorted(p.name for p in target.parent.iterdir() if p.name.startswith(".")) == []
    reloaded = KnowledgeGraph.load(project)
    assert reloaded.ask(
        "ASK { ?m org:member ?who ; org:organization ?group ; org:memberDuring ?i ."
        " ?i time:hasBeginning/time:inXSDDate ?d }",
        {"who": ID["state/brazil"], "group": ID["org/gpiess"], "d": dt.date(2016, 6, 1)},
    )
    assert reloaded.ask(
        "ASK { ?o sse:adoptedAt ?e ; sse:adoptedBy ?by }",
        {"o": ID["outcome/lilongwe-declaration-2021"], "by": ID["org/ssen-africa"]},
    )


def test_apply_creates_a_new_file(graph: KnowledgeGraph, project: Path) -> None:
    target = project / "data" / "new-list.ttl"
    ingest.apply(ingest.plan(graph, read_batch(graph, [INTERVAL]), target, [INTERVAL]))
    assert len(turtle(target.read_text())) == 14


def test_apply_refuses_text_that_would_not_parse_and_changes_nothing(project: Path) -> None:
    target = project / "data" / "actors.ttl"
    before = target.read_bytes()
    broken = ingest.Plan(target, Graph(), "\n<https://example.org/a> <b> ")
    with pytest.raises(SyntaxError):
        ingest.apply(broken)
    assert target.read_bytes() == before
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_apply_interrupted_before_the_rename_leaves_the_file_and_no_temporary(
    graph: KnowledgeGraph, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = project / "data" / "actors.ttl"
    before = target.read_bytes()
    plan = ingest.plan(graph, read_batch(graph, [NETWORK]), target, [NETWORK])

    def interrupted(source: str, destination: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        ingest.apply(plan)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(
        p.name for p in (ROOT / "data").iterdir()
    )
