"""SHACL validation: the curated graph conforms, each steward's mistake is named where it is, and
a batch validated with its neighbourhood gets the verdict of validating the whole merged graph.

The broken batches are files under ``fixtures/batches/broken/``, one realistic mistake each;
their header says what the mistake is and, in ``# expect:`` lines, the findings it must give:
``severity focus path constraint`` (``-`` for no path, ``_:`` for a blank-node focus).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH

from ssegraph.backends.embedded import EmbeddedBackend, to_rdflib
from ssegraph.batch import read_batch
from ssegraph.graph import KnowledgeGraph
from ssegraph.literals import as_written
from ssegraph.neighbourhood import Reader, SparqlReader, StoreReader, neighbourhood
from ssegraph.synth import synthesize
from ssegraph.validate import (
    Finding,
    Reach,
    Report,
    data_graph,
    path_text,
    render_json,
    render_text,
    render_turtle,
    shapes_graph,
    touched_nodes,
    validate_batch,
    validate_data,
    validate_graph,
)
from ssegraph.vocab import DCTERMS, ID, ORG, PROV, SKOS, SSE, short

ROOT = Path(__file__).resolve().parents[1]
BATCHES = Path(__file__).resolve().parent / "fixtures" / "batches"
BROKEN = sorted((BATCHES / "broken").glob("*.ttl"))
GOOD = sorted((BATCHES / "good").iterdir())
INCOMPLETE = BATCHES / "incomplete" / "network-without-french-name.ttl"

#: The broken batches whose mistake is an ill-formed literal (checked before SHACL runs).
ILL_FORMED = {
    "event-start-date-that-does-not-exist.ttl",
    "event-end-date-with-month-13.ttl",
    "interval-instant-with-an-ill-formed-year.ttl",
}

Key = tuple[str, str, str, str]  # severity, focus, path, constraint


def key(finding: Finding) -> Key:
    focus = "_:" if isinstance(finding.focus, BNode) else finding.focus_name
    return (finding.severity, focus, finding.path or "-", finding.constraint)


def expectations(path: Path) -> Counter[Key]:
    lines = [line for line in path.read_text().splitlines() if line.startswith("# expect:")]
    return Counter(tuple(line.removeprefix("# expect:").split()) for line in lines)


def check(kg: KnowledgeGraph, *paths: Path) -> Report:
    return validate_batch(kg, read_batch(kg, list(paths)))


# ---- the curated graph


@pytest.fixture(scope="module")
def whole(kg: KnowledgeGraph) -> Report:
    return validate_graph(kg)


def test_curated_graph_has_no_violation(whole: Report) -> None:
    assert whole.count("Violation") == 0, [f.as_dict() for f in whole.findings[:5]]
    assert whole.conforms
    assert whole.checked > 300 and whole.batch_size is None


def test_curated_graph_warnings_are_only_undated_sources_and_events(whole: Report) -> None:
    assert {(f.severity, f.constraint) for f in whole.findings} <= {
        ("Warning", "MinCount"),
        ("Warning", "Or"),
    }
    assert all(f.focus_name.startswith(("id:source/", "id:event/")) for f in whole.findings)


# ---- broken batches: one realistic mistake each, named where it is


def test_there_are_at_least_25_broken_batches_each_with_expectations() -> None:
    assert len(BROKEN) >= 25
    for path in BROKEN:
        assert any(severity == "Violation" for severity, *_ in expectations(path)), path.name


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_batch_is_refused_naming_focus_path_and_constraint(
    kg: KnowledgeGraph, path: Path
) -> None:
    expected = expectations(path)
    report = check(kg, path)
    got = Counter(key(f) for f in report.findings)
    assert not report.conforms and not report.passes()
    # Every violation, exactly; the expected warnings at least (a batch that cites an undated
    # source also gets that source's warning: the source is a node the batch touches).
    violations = Counter({k: n for k, n in got.items() if k[0] == "Violation"})
    assert violations == Counter({k: n for k, n in expected.items() if k[0] == "Violation"})
    assert Counter({k: n for k, n in expected.items() if k[0] == "Warning"}) <= got
    assert all(f.message for f in report.findings)


def test_dangling_member_is_a_class_violation_whose_value_is_the_unknown_iri(
    kg: KnowledgeGraph,
) -> None:
    report = check(kg, BATCHES / "broken" / "membership-member-exists-nowhere.ttl")
    [finding] = report.findings
    assert (finding.focus, finding.value) == (
        ID["membership/brazil--gpiess--member"],
        ID["state/brasil"],
    )
    assert finding.message == (
        "a membership needs exactly one org:member, an organisation or a person"
    )


def test_a_failing_nested_shape_is_one_finding_about_the_focus_not_one_per_detail(
    kg: KnowledgeGraph,
) -> None:
    # The role shape's own result (skos:inScheme missing on org/gpiess) is a sh:detail of the
    # membership's result: org/gpiess is not a role, it is not itself at fault.
    report = check(kg, BATCHES / "broken" / "membership-role-is-an-organisation.ttl")
    assert {f.focus for f in report.findings} == {ID["membership/brazil--gpiess--member"]}
    assert len(list(report.graph.objects(None, SH.result))) == 2
    assert list(report.graph.objects(None, SH.detail))  # kept in the report graph, beneath


def test_blank_node_interval_is_named_by_its_holder_and_the_path_to_it(kg: KnowledgeGraph) -> None:
    path = BATCHES / "broken" / "interval-blank-node-without-bounds.ttl"
    batch = read_batch(kg, [path])
    [finding] = validate_batch(kg, batch).findings
    assert isinstance(finding.focus, BNode)
    assert (None, ORG.memberDuring, finding.focus) in batch
    # Named by the membership that holds it and the path to it, not by a blank node id.
    assert finding.focus_name == "id:membership/brazil--gpiess--member via org:memberDuring"


# ---- severity: a warning is shown but does not stop a batch, a violation does


def test_missing_french_label_is_a_warning_that_fails_only_when_strict(
    kg: KnowledgeGraph,
) -> None:
    report = check(kg, INCOMPLETE)
    [finding] = report.findings
    assert key(finding) == ("Warning", "id:org/ssen-africa", "skos:prefLabel", "QualifiedMinCount")
    assert finding.message == "has no French skos:prefLabel (@fr)"
    assert report.conforms and report.passes() and not report.passes(strict=True)


def test_missing_member_is_a_violation_not_a_warning(kg: KnowledgeGraph) -> None:
    report = check(kg, BATCHES / "broken" / "membership-without-member.ttl")
    assert [f.severity for f in report.findings] == ["Violation"]
    assert not report.conforms and not report.passes()


# ---- correct batches


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_correct_batch_conforms_with_no_finding(kg: KnowledgeGraph, path: Path) -> None:
    report = check(kg, path)
    assert report.findings == [], [f.as_dict() for f in report.findings]
    assert report.passes(strict=True)
    assert report.batch_size and report.checked


def test_a_batch_already_in_the_graph_with_a_blank_node_interval_still_conforms() -> None:
    # Merging drops a blank-node structure the graph holds already, so validating the same
    # batch again must not count the interval twice (org:memberDuring maxCount 1).
    kg = KnowledgeGraph.load(ROOT)
    path = BATCHES / "good" / "membership-with-interval.ttl"
    kg.add(read_batch(kg, [path]), "data/added-before")
    again = read_batch(kg, [path])  # parsed anew: other blank node ids
    assert validate_batch(kg, again).findings == []


def test_touched_nodes_are_subjects_and_the_iris_they_point_to_but_not_classes() -> None:
    batch = Graph()
    m, brazil, gpiess, interval = (
        ID["membership/x"],
        ID["state/brazil"],
        ID["org/gpiess"],
        BNode(),
    )
    batch.add((m, RDF.type, ORG.Membership))
    batch.add((m, ORG.member, brazil))
    batch.add((m, ORG.organization, gpiess))
    batch.add((m, ORG.memberDuring, interval))
    batch.add((interval, RDF.type, URIRef("http://www.w3.org/2006/time#Interval")))
    batch.add((m, SKOS.note, Literal("a note")))
    assert touched_nodes(batch) == {m, brazil, gpiess, interval}


# ---- same verdict as validating the whole merged graph


def full_validation(kg: KnowledgeGraph, batch: Graph) -> Counter:
    """Everything the store holds (shapes aside) plus the batch, validated as one graph,
    restricted to the top-level results about the nodes the batch touches. (pySHACL itself
    runs the SPARQL constraints once per node, minutes on the whole graph: they run once each
    in ``validate_data``, and ``test_sparql_constraints_agree_with_pyshacl`` pins that.)"""
    merged = data_graph(kg)
    merged += batch
    results = validate_data(merged, shapes_graph(kg)).graph
    touched = touched_nodes(batch)
    found: Counter = Counter()
    for result in results.objects(None, SH.result):
        focus = results.value(result, SH.focusNode)
        if focus not in touched:
            continue
        path = results.value(result, SH.resultPath)
        component = str(results.value(result, SH.sourceConstraintComponent))
        severity = str(results.value(result, SH.resultSeverity))
        found[
            (
                severity.rsplit("#", 1)[-1],
                _focus(focus),
                "-" if path is None else path_text(results, path),
                component.rsplit("#", 1)[-1].removesuffix("ConstraintComponent"),
            )
        ] += 1
    return found


def _focus(node: object) -> str:
    # Blank-node focus nodes (an interval written inline) are compared by severity, path and
    # constraint only: both runs see the batch's own blank node, but nothing guarantees that
    # pySHACL's copies of the data keep its id, and a label is not what is being compared.
    return "_:" if isinstance(node, BNode) else short(str(node))


def test_batch_findings_equal_those_of_validating_the_whole_merged_graph(
    kg: KnowledgeGraph,
) -> None:
    # A statement added to a node the graph holds: the clash is with the store's statements.
    batch = read_batch(kg, [BATCHES / "broken" / "existing-membership-gets-a-second-member.ttl"])
    ours = Counter(key(f) for f in validate_batch(kg, batch).findings)
    assert ours == full_validation(kg, batch)
    assert ours


def test_every_correct_batch_at_once_gets_the_verdict_of_the_whole_merged_graph(
    kg: KnowledgeGraph,
) -> None:
    # Turtle and CSV, new nodes and new statements on existing ones, blank and named intervals.
    batch = read_batch(kg, GOOD)
    ours = Counter(key(f) for f in validate_batch(kg, batch).findings)
    assert ours == full_validation(kg, batch) == Counter()


def test_every_broken_batch_at_once_gets_the_verdict_of_the_whole_merged_graph(
    kg: KnowledgeGraph,
) -> None:
    # One messy batch: the same membership given many contradictory statements, new nodes,
    # statements on existing nodes, blank nodes, inverse paths and nested shapes together.
    batch = read_batch(kg, BROKEN)
    ours = Counter(key(f) for f in validate_batch(kg, batch).findings)
    assert ours == full_validation(kg, batch)
    # An ill-formed literal hides what SHACL would say about its node (the webinar of many
    # fixtures): count the others.
    well_formed = read_batch(kg, [p for p in BROKEN if p.name not in ILL_FORMED])
    violations = validate_batch(kg, well_formed).count("Violation")
    assert violations >= len(BROKEN) - len(ILL_FORMED)


# ---- rendering


@pytest.fixture(scope="module")
def broken_report(kg: KnowledgeGraph) -> Report:
    return check(
        kg,
        BATCHES / "broken" / "membership-without-member.ttl",
        BATCHES / "broken" / "outcome-contributed-to-by-an-event.ttl",
    )


def test_text_report_gives_one_line_per_result_grouped_by_node_then_a_summary(
    broken_report: Report,
) -> None:
    text = render_text(broken_report)
    lines = text.splitlines()
    assert "id:membership/brazil--gpiess--member" in lines
    assert any(line.split()[:3] == ["violation", "org:member", "MinCount"] for line in lines), text
    assert any("^sse:contributedTo" in line and "Class" in line for line in lines)
    assert "(value: id:event/world-urban-forum-9)" in text
    assert lines[-1].startswith("does not conform: 2 violation(s), ")
    assert "batch of" in lines[-1] and "nodes checked" in lines[-1]


def test_json_report_lists_every_result_with_focus_path_and_constraint(
    broken_report: Report,
) -> None:
    data = json.loads(render_json(broken_report))
    assert (data["conforms"], data["violations"]) == (False, 2)
    assert data["batch_triples"] == broken_report.batch_size
    assert len(data["results"]) == len(broken_report.findings)
    assert {
        "focus": str(ID["membership/brazil--gpiess--member"]),
        "focus_name": "id:membership/brazil--gpiess--member",
        "origin": None,
        "path": "org:member",
        "constraint": "MinCount",
        "severity": "Violation",
        "message": "a membership needs exactly one org:member, an organisation or a person",
        "value": None,
    } in data["results"]


def test_turtle_report_is_a_shacl_validation_report_with_one_result_per_finding(
    broken_report: Report,
) -> None:
    graph = Graph().parse(data=render_turtle(broken_report), format="turtle")
    [root] = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(root, SH.conforms) == Literal(False)
    assert len(list(graph.objects(root, SH.result))) == len(broken_report.findings)
    assert set(graph.objects(None, SH.focusNode)) >= {ID["membership/brazil--gpiess--member"]}


def test_conforming_report_says_so_in_every_format(kg: KnowledgeGraph) -> None:
    report = check(kg, BATCHES / "good" / "network-forum-declaration.ttl")
    assert render_text(report).startswith("conforms: 0 violation(s), 0 warning(s)")
    assert json.loads(render_json(report))["conforms"] is True
    graph = Graph().parse(data=render_turtle(report), format="turtle")
    assert Literal(True) in set(graph.objects(None, SH.conforms))


# ---- the same on a synthetic ecosystem (what benchmarks/scale.py measures at 1M triples)


def synthetic(triples: int) -> Graph:
    """``synthesize`` with each attestation dated by the source the membership cites.

    ``ssegraph.synth`` draws attestation dates at random, after their source's date as often
    as not, which the attestation rule refuses; the tests here are about the neighbourhood."""
    graph = Graph()
    for triple in synthesize(triples, seed=5):
        graph.add(triple)
    for membership, attested in list(graph.subject_objects(SSE.attestedOn)):
        dates = [
            graph.value(s, DCTERMS.date) for s in graph.objects(membership, PROV.wasDerivedFrom)
        ]
        graph.remove((membership, SSE.attestedOn, attested))
        graph.add((membership, SSE.attestedOn, max(d for d in dates if d is not None)))
    return graph


@pytest.fixture(scope="module")
def ecosystem() -> KnowledgeGraph:
    """The curated graph plus 3,000 synthetic triples."""
    kg = KnowledgeGraph.load(ROOT)
    kg.add(synthetic(3_000), "data/synthetic")
    return kg


def next_slice(broken: bool) -> Graph:
    """The synthetic triples that come after the ecosystem's: new actors, groups, memberships
    and events tied to the existing ones; ``broken``: five memberships get a second member that
    exists nowhere."""
    batch = Graph()
    whole = synthetic(3_600)
    for triple in list(synthesize(3_600, seed=5))[-600:]:
        if triple[1] == SSE.attestedOn:
            triple = (triple[0], SSE.attestedOn, whole.value(triple[0], SSE.attestedOn))
        batch.add(triple)
    if broken:
        for n, membership in enumerate(sorted(set(batch.subjects(ORG.member, None)))[:5]):
            batch.add((membership, ORG.member, ID[f"org/nobody-{n}"]))
    return batch


@pytest.mark.parametrize("broken", [False, True], ids=["good", "broken"])
def test_a_synthetic_batch_gets_the_verdict_of_the_whole_merged_ecosystem(
    ecosystem: KnowledgeGraph, broken: bool
) -> None:
    batch = next_slice(broken)
    ours = Counter(key(f) for f in validate_batch(ecosystem, batch).findings)
    assert ours == full_validation(ecosystem, batch)
    violations = sum(n for k, n in ours.items() if k[0] == "Violation")
    assert violations == (10 if broken else 0)  # per membership: MaxCount and the missing class


def test_every_broken_fixture_gets_the_verdict_of_the_whole_merged_ecosystem(
    ecosystem: KnowledgeGraph,
) -> None:
    batch = read_batch(ecosystem, BROKEN)
    ours = Counter(key(f) for f in validate_batch(ecosystem, batch).findings)
    assert ours == full_validation(ecosystem, batch)


# ---- SPARQL constraints, run once each, agree with pySHACL's run per node


SPARQL_CASES = [
    "event-starts-after-it-ends.ttl",
    "event-starts-in-a-month-after-its-end-day.ttl",
    "interval-ends-before-it-begins.ttl",
    "interval-ends-in-a-year-before-it-begins.ttl",
    "membership-attested-after-its-source.ttl",
    "membership-organisation-member-of-itself.ttl",
    "membership-begins-before-its-organisation-was-founded.ttl",
    "membership-ends-after-its-organisation-was-dissolved.ttl",
    "organisation-dissolved-before-it-was-founded.ttl",
]


def test_sparql_constraints_agree_with_pyshacl(kg: KnowledgeGraph) -> None:
    # On the batches and their neighbourhood (small enough for pySHACL's query per node).
    batch = read_batch(kg, [BATCHES / "broken" / name for name in SPARQL_CASES])
    shapes = shapes_graph(kg)
    data = Graph()
    data += batch
    with as_written():
        for q in neighbourhood(kg, touched_nodes(batch), set(batch.objects()), shapes).quads:
            data.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    theirs = Counter(
        (_focus(results.value(r, SH.focusNode)), str(results.value(r, SH.value)))
        for r in results.objects(None, SH.result)
        if results.value(r, SH.sourceConstraintComponent) == SH.SPARQLConstraintComponent
    )
    ours = Counter(
        (_focus(f.focus), str(f.value))
        for f in validate_data(data, shapes).findings
        if f.constraint == "SPARQL"
    )
    assert ours == theirs
    assert len(ours) >= len(SPARQL_CASES)


def test_an_ill_formed_literal_on_an_inline_instant_names_the_membership_and_the_path(
    kg: KnowledgeGraph,
) -> None:
    report = check(kg, BATCHES / "broken" / "interval-instant-with-an-ill-formed-year.ttl")
    [finding] = [f for f in report.findings if f.severity == "Violation"]
    assert finding.focus_name == (
        "id:membership/brazil--gpiess--member via org:memberDuring/time:hasBeginning"
    )
    assert (finding.path, finding.constraint, str(finding.value)) == (
        "time:inXSDgYear",
        "Datatype",
        "16",
    )
    assert "'16' is not a valid xsd:gYear" in finding.message
    assert "id:membership/brazil--gpiess--member via" in render_text(report)


def test_the_store_lookups_and_the_sparql_reads_give_the_same_neighbourhood(
    kg: KnowledgeGraph,
) -> None:
    """Remote graphs get the neighbourhood in SPARQL, the embedded one by index lookups."""
    assert isinstance(kg.backend, EmbeddedBackend)
    batch = read_batch(kg, [*GOOD, *BROKEN])
    shapes = shapes_graph(kg)
    reach = Reach.of(batch)
    nodes = [ox.NamedNode(str(n)) for n in sorted(reach.touched) if isinstance(n, URIRef)]
    inverse = [ox.NamedNode(str(p)) for p in sorted(set(shapes.objects(None, SH.inversePath)))]

    def reads(reader: Reader) -> list[Graph]:
        return [
            _as_graph(quads)
            for quads in (
                reader.hierarchy(),
                reader.about(nodes),
                reader.pointing(nodes, inverse),
            )
        ]

    stored, asked = reads(StoreReader(kg.backend.store)), reads(SparqlReader(kg))
    assert all(len(graph) > 0 for graph in stored)
    assert [isomorphic(a, b) for a, b in zip(stored, asked, strict=True)] == [True] * 3


def _as_graph(quads: Iterable[ox.Quad]) -> Graph:
    graph = Graph()
    with as_written():
        for q in quads:
            graph.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return graph


@pytest.mark.parametrize(
    ("attested", "violations"), [("2017-07-08", 0), ("2099-01-01", 1)], ids=["on", "after"]
)
def test_a_new_attestation_of_a_held_membership_is_judged_by_its_sources_dates(
    kg: KnowledgeGraph, tmp_path: Path, attested: str, violations: int
) -> None:
    # France's seat cites the 2014 and 2017 lists: the batch names neither, so their dates must
    # come from the store (the SPARQL constraint reads prov:wasDerivedFrom/dcterms:date).
    batch = tmp_path / "attested.ttl"
    batch.write_text(
        "@prefix sse: <https://w3id.org/ssegraph/ontology#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        f"<{ID['membership/france--gpiess--member']}> sse:attestedOn "
        f'"{attested}"^^xsd:date .\n',
        encoding="utf-8",
    )
    found = [f for f in check(kg, batch).findings if f.severity == "Violation"]
    assert [(f.constraint, str(f.value)) for f in found] == [("SPARQL", attested)] * violations
