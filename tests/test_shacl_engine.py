"""The set-wise SHACL engine gives exactly pySHACL's results: on the curated graph, on a batch that
trips every component the shapes use, on every broken fixture at once and on a synthetic
ecosystem with mistakes; a shapes graph it does not support goes to pySHACL, never passes.

Results are compared as rows of the report graph (``shacl.report.result_rows``): focus, path,
value, component, source shape, severity, messages and the number of details."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from ssegraph.batch import read_batch
from ssegraph.graph import KnowledgeGraph
from ssegraph.shacl import Unsupported, compile_shapes
from ssegraph.shacl.report import result_rows
from ssegraph.shacl.shapes import Shape
from ssegraph.shacl_sparql import without_sparql
from ssegraph.synth import synthesize
from ssegraph.validate import Report, shapes_graph, validate_batch, validate_data, validate_graph
from ssegraph.vocab import ID, ORG

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EVERY_COMPONENT = FIXTURES / "shacl" / "every-component.ttl"
BROKEN = sorted((FIXTURES / "batches" / "broken").glob("*.ttl"))


def same(ours: Report, theirs: Report) -> Counter[tuple[str, ...]]:
    """Assert both reports hold the same results and findings; the results."""
    rows = result_rows(ours.graph)
    assert rows == result_rows(theirs.graph)
    assert Counter(map(_row, ours.findings)) == Counter(map(_row, theirs.findings))
    assert ours.checked == theirs.checked
    return rows


def _row(finding: object) -> tuple[tuple[str, str | None], ...]:
    return tuple(sorted(finding.as_dict().items()))  # type: ignore[attr-defined]


def components(shapes: list[Shape]) -> set[str]:
    """Every constraint component the compiled shapes use, nested ones included."""
    found: set[str] = set()
    todo, seen = list(shapes), set()
    while todo:
        shape = todo.pop()
        if shape.node in seen:
            continue
        seen.add(shape.node)
        for constraint in shape.constraints:
            found.add(str(constraint.component))
            todo.extend(constraint.shapes)
        todo.extend(shape.properties)
    return found


def test_the_curated_graph_gets_pyshacls_results(kg: KnowledgeGraph) -> None:
    rows = same(validate_graph(kg), validate_graph(kg, engine="pyshacl"))
    assert rows  # undated sources and events: warnings


def test_a_batch_that_trips_every_component_gets_pyshacls_results(kg: KnowledgeGraph) -> None:
    batch = read_batch(kg, [EVERY_COMPONENT])
    rows = same(validate_batch(kg, batch), validate_batch(kg, batch, engine="pyshacl"))
    used = components(compile_shapes(without_sparql(shapes_graph(kg))))
    assert {row[3] for row in rows} >= used
    assert str(SH.QualifiedMinCountConstraintComponent) in used and len(used) >= 14
    # A value is reported as the batch wrote it, not as the store keeps it ("76").
    assert any(row[2] == '"076"^^<http://www.w3.org/2001/XMLSchema#integer>' for row in rows)
    # sh:node results carry the nested shape's results as details.
    assert any(row[3].endswith("NodeConstraintComponent") and row[7] != "0" for row in rows)


def test_every_broken_fixture_at_once_gets_pyshacls_results(kg: KnowledgeGraph) -> None:
    batch = read_batch(kg, BROKEN)
    rows = same(validate_batch(kg, batch), validate_batch(kg, batch, engine="pyshacl"))
    assert sum(rows.values()) >= len(BROKEN)


def test_a_synthetic_ecosystem_with_mistakes_gets_pyshacls_results() -> None:
    kg = KnowledgeGraph.load(ROOT)
    synthetic = Graph()
    for triple in synthesize(3_000, seed=11):
        synthetic.add(triple)
    for n, membership in enumerate(sorted(set(synthetic.subjects(ORG.member, None)))[:5]):
        synthetic.add((membership, ORG.member, ID[f"org/nobody-{n}"]))
    kg.add(synthetic, "data/synthetic")
    rows = same(validate_graph(kg), validate_graph(kg, engine="pyshacl"))
    violations = [row for row, n in rows.items() if row[5].endswith("Violation")]
    assert len(violations) >= 10  # per dangling member: MaxCount and Class


# ---- what the engine does not evaluate goes to pySHACL, or is refused: never a pass

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
"""
MIN_LENGTH = (
    PREFIXES
    + """
ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:name ; sh:minLength 5 ; sh:message "name too short"@en ] .
"""
)


def test_an_unsupported_component_is_validated_by_pyshacl_not_passed() -> None:
    shapes = Graph().parse(data=MIN_LENGTH, format="turtle")
    data = Graph().parse(data=PREFIXES + 'ex:a a ex:Thing ; ex:name "ab" .', format="turtle")
    with pytest.raises(Unsupported, match="sh:minLength"):
        compile_shapes(shapes)
    report = validate_data(data, shapes)
    [finding] = report.findings
    assert (finding.constraint, finding.message) == ("MinLength", "name too short")
    assert not report.conforms
    same(report, validate_data(data, shapes, engine="pyshacl"))


@pytest.mark.parametrize(
    ("shapes", "named"),
    [
        ("ex:S sh:targetSubjectsOf ex:p ; sh:property [ sh:path ex:p ; sh:minCount 2 ] .",
         "sh:targetSubjectsOf"),
        ("ex:S sh:targetClass ex:T ; sh:node ex:S ; sh:message \"m\" .", "recursive"),
        ("ex:S sh:targetClass ex:T ; sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ; "
         "sh:minCount 1 ; sh:message \"m\" ] .", "path"),
        ("ex:S sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
         "without sh:message"),
    ],
    ids=["target", "recursion", "path", "generated-message"],
)  # fmt: skip
def test_shapes_outside_the_engine_are_refused_by_name(shapes: str, named: str) -> None:
    with pytest.raises(Unsupported, match=named):
        compile_shapes(Graph().parse(data=PREFIXES + shapes, format="turtle"))
