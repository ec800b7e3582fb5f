"""Concurrent stewards: parallel ``ssegraph add`` processes into one file or several lose
nothing, double nothing, and leave a graph that conforms; two batches that conform alone but
not together cannot both get in."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from ssegraph.graph import KnowledgeGraph
from ssegraph.validate import validate_graph

from .test_steward_support import project

__all__ = ["project"]  # the fixture

COMMAND = str(Path(sys.executable).with_name("ssegraph"))
PARALLEL = 4
PREFIXES = """\
@prefix sse: <https://w3id.org/ssegraph/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix o: <https://w3id.org/ssegraph/id/org/> .
@prefix src: <https://w3id.org/ssegraph/id/source/> .
"""


def network(n: int, label_en: str | None = None) -> str:
    english = label_en or f"Parallel network {n}"
    return PREFIXES + (
        f"o:parallel-network-{n} a sse:SSENetwork , org:FormalOrganization ;\n"
        f'    skos:prefLabel "Réseau parallèle {n}"@fr , "{english}"@en ;\n'
        "    prov:wasDerivedFrom src:gsef-international-collaboration .\n"
    )


def triples(text: str | bytes) -> set[ox.Triple]:
    data = text.encode() if isinstance(text, str) else text
    return {q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE)}


def add_in_parallel(project: Path, batches: list[Path], targets: list[str]) -> list[int]:
    processes = [
        subprocess.Popen(
            [COMMAND, "--project", str(project), "add", str(batch), "--to", target],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for batch, target in zip(batches, targets, strict=True)
    ]
    codes = []
    for process in processes:
        _, err = process.communicate(timeout=240)
        assert "Traceback" not in err, err
        codes.append(process.returncode)
    return codes


@pytest.mark.parametrize("same_file", [True, False], ids=["same file", "different files"])
def test_parallel_adds_lose_nothing_and_double_nothing(
    project: Path, tmp_path: Path, same_file: bool
) -> None:
    batches = []
    for n in range(PARALLEL):
        path = tmp_path / f"batch-{n}.ttl"
        path.write_text(network(n), encoding="utf-8")
        batches.append(path)
    targets = ["parallel" if same_file else f"parallel-{n}" for n in range(PARALLEL)]
    assert add_in_parallel(project, batches, targets) == [0] * PARALLEL
    held: Counter[ox.Triple] = Counter()
    for path in sorted((project / "data").glob("*.ttl")):
        held.update(triples(path.read_bytes()))
    for batch in batches:
        for triple in triples(batch.read_text()):
            assert held[triple] == 1, (batch.name, triple)  # there, and once
    assert list(project.glob("data/.*.tmp")) == []
    assert validate_graph(KnowledgeGraph.load(project)).count("Violation") == 0


def test_two_batches_that_conform_alone_but_not_together_cannot_both_get_in(
    project: Path, tmp_path: Path
) -> None:
    # Each gives the same new network an English name: alone, each conforms; together, the
    # network would have two @en prefLabels. The second add sees the first under the lock.
    first, second = tmp_path / "first.ttl", tmp_path / "second.ttl"
    first.write_text(network(9, "Parallel network"), encoding="utf-8")
    second.write_text(network(9, "Another name"), encoding="utf-8")
    codes = add_in_parallel(project, [first, second], ["first", "second"])
    assert sorted(codes) == [0, 1]
    assert validate_graph(KnowledgeGraph.load(project)).count("Violation") == 0
