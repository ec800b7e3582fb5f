"""The store kept on disk: reused while the files are unchanged, rebuilt where they changed,
never half-written, and answering exactly as a store loaded afresh in memory."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from ssegraph.backends import disk
from ssegraph.backends.disk import DiskStore, store_directory
from ssegraph.errors import ParseError
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import Label, NameIndex, StoredIndex, index
from ssegraph.network import build
from ssegraph.project import Project, locate
from ssegraph.stats import statistics

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
ROOT = Path(__file__).resolve().parents[1]
ILO = URIRef("https://w3id.org/ssegraph/id/org/ilo")
ACME = URIRef("https://w3id.org/ssegraph/id/org/acme")
NEW_LABEL = '<https://w3id.org/ssegraph/id/org/acme> skos:altLabel "ACME Federation"@en .\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A private copy of the fixture project, its store in the default place beside it."""
    monkeypatch.delenv(disk.ENV_VAR, raising=False)
    root = tmp_path / "mini"
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns(".ssegraph"))
    return locate(root)


def _open(project: Project) -> tuple[KnowledgeGraph, disk.Refresh]:
    directory = store_directory(project)
    assert directory is not None
    backend, refresh = DiskStore(directory, project).open()
    return KnowledgeGraph(backend, project), refresh


def _in_memory(project: Project, monkeypatch: pytest.MonkeyPatch) -> KnowledgeGraph:
    with monkeypatch.context() as patch:
        patch.setenv(disk.ENV_VAR, disk.IN_MEMORY)
        return KnowledgeGraph.load(project)


def _content(kg: KnowledgeGraph) -> tuple[set[str], int]:
    """The statements that name no blank node (blank nodes have store-given labels), and how
    many statements there are in all."""
    lines = kg.backend.dump("application/n-quads").decode().splitlines()
    return {line for line in lines if "_:" not in line}, len(lines)


def _manifest(project: Project) -> dict[str, object]:
    return json.loads((project.root / ".ssegraph" / "manifest.json").read_text())


def test_the_first_command_builds_the_store_and_the_next_ones_reuse_it(project: Project) -> None:
    first, built = _open(project)
    assert set(built.reloaded) == {project.relative(p) for p in project.rdf_files()}
    generation = _manifest(project)["generation"]
    again, reused = _open(project)
    assert not reused.changed
    assert _manifest(project)["generation"] == generation
    assert len(again) == len(first) > 0


def test_the_store_answers_as_a_store_loaded_afresh(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored, _ = _open(project)
    assert _content(stored) == _content(_in_memory(project, monkeypatch))


def test_a_changed_file_reloads_only_its_own_graph_and_the_derivations(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(project)
    actors = project.data_dir / "actors.ttl"
    actors.write_text(actors.read_text() + NEW_LABEL)
    kg, refresh = _open(project)
    assert refresh.reloaded == ["data/actors.ttl"] and refresh.rederived
    label = {"a": ACME, "l": Literal("ACME Federation", lang="en")}
    assert kg.ask("ASK { ?a skos:altLabel ?l }", label)
    assert _content(kg) == _content(_in_memory(project, monkeypatch))


def test_a_removed_file_takes_its_graph_with_it(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(project)
    (project.data_dir / "list-2014.ttl").unlink()
    kg, refresh = _open(project)
    assert refresh.removed == ["data/list-2014.ttl"]
    assert _content(kg) == _content(_in_memory(project, monkeypatch))


def test_a_file_that_does_not_parse_leaves_the_store_as_it_was(project: Project) -> None:
    _open(project)
    before = _manifest(project)
    actors = project.data_dir / "actors.ttl"
    actors.write_text(actors.read_text() + "\n<broken> <triple\n")
    with pytest.raises(ParseError) as raised:
        _open(project)
    assert "data/actors.ttl" in str(raised.value)
    assert _manifest(project) == before
    generations = [p.name for p in (project.root / ".ssegraph").glob("gen-*") if p.is_dir()]
    assert generations == [before["generation"]]


def test_a_touched_but_unchanged_file_is_recognised_by_its_content(project: Project) -> None:
    _open(project)
    actors = project.data_dir / "actors.ttl"
    os.utime(actors, ns=(0, 1_000_000_000))
    _, refresh = _open(project)
    assert not refresh.changed


def test_new_derivation_code_derives_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(project)
    monkeypatch.setattr(disk, "derivation_version", lambda: "another version")
    _, refresh = _open(project)
    assert refresh.rederived and _manifest(project)["derivation"] == "another version"


def test_what_a_program_adds_stays_in_its_memory_not_in_the_cache(project: Project) -> None:
    kg, _ = _open(project)
    kg.add([(ACME, SKOS.altLabel, Literal("Only here", lang="en"))], "data/scratch")
    label = {"a": ACME, "l": Literal("Only here", lang="en")}
    assert kg.ask("ASK { ?a skos:altLabel ?l }", label)
    again, refresh = _open(project)
    assert not refresh.changed
    assert not again.ask("ASK { ?a skos:altLabel ?l }", label)


def test_a_project_that_cannot_be_written_keeps_its_store_in_the_cache_directory(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    bundled = Project(project.root, "bundled", read_only=True)
    directory = store_directory(bundled)
    assert directory is not None and directory.is_relative_to(tmp_path / "cache" / "ssegraph")
    backend, _ = DiskStore(directory, bundled).open()
    assert len(backend) > 0 and not (project.root / ".ssegraph").exists()


def test_memory_can_be_asked_for_instead(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(disk.ENV_VAR, disk.IN_MEMORY)
    assert store_directory(project) is None
    kg = KnowledgeGraph.load(project)
    assert kg.sidecar("names.sqlite") is None and not (project.root / ".ssegraph").exists()


def test_the_stored_name_index_answers_as_the_one_in_memory(kg: KnowledgeGraph) -> None:
    stored = index(kg)
    assert isinstance(stored, StoredIndex)
    built = NameIndex.build(kg)
    for text in ("ILO", "OIT", "économie sociale", "gsef", "UN Habitat", "Leading Group"):
        assert stored.search(text, "fr") == built.search(text, "fr")
        assert stored.exactly(text) == built.exactly(text)
    for node in list(built.by_node)[:50]:
        assert stored.by_node[node] == sorted(
            built.by_node[node], key=lambda x: (not x.preferred, x.lang, x.text)
        )
        assert stored.display(node, "fr") == built.display(node, "fr")
    assert stored.nearest("Internationl Labour Organisaton") == built.nearest(
        "Internationl Labour Organisaton"
    )
    assert stored.languages == built.languages


def test_a_name_index_written_before_its_languages_table_still_gives_them(
    tmp_path: Path,
) -> None:
    labels = [
        Label(URIRef("https://w3id.org/ssegraph/id/org/ilo"), "OIT", "fr", False),
        Label(URIRef("https://w3id.org/ssegraph/id/org/ilo"), "ILO", "en", True),
        Label(URIRef("https://w3id.org/ssegraph/id/org/x"), "X", "", True),
    ]
    path = tmp_path / "names.sqlite"
    StoredIndex.write(path, labels)
    assert StoredIndex(path).languages == ["en", "fr"]
    db = sqlite3.connect(path)
    db.execute("DROP TABLE languages")
    db.commit()
    db.close()
    assert StoredIndex(path).languages == ["en", "fr"]


def test_statistics_kept_beside_the_store_are_those_counted(project: Project) -> None:
    kg, _ = _open(project)
    counted = statistics(kg, "fr")
    kept = kg.sidecar("statistics-fr.json")
    assert kept is not None and kept.exists()
    again, _ = _open(project)
    assert statistics(again, "fr") == counted


def test_two_commands_on_changed_files_at_once_build_one_generation(project: Project) -> None:
    _open(project)
    actors = project.data_dir / "actors.ttl"
    actors.write_text(actors.read_text() + NEW_LABEL)
    script = (
        "import sys; from ssegraph.graph import KnowledgeGraph; "
        "kg = KnowledgeGraph.load(sys.argv[1]); print(len(kg))"
    )
    environment = {k: v for k, v in os.environ.items() if k != disk.ENV_VAR}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(project.root)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert len({out for out, _ in outputs}) == 1
    directory = project.root / ".ssegraph"
    assert [p for p in directory.glob("gen-*") if p.is_dir()] == [
        directory / str(_manifest(project)["generation"])
    ]


def test_old_generations_are_removed_once_nobody_reads_them(project: Project) -> None:
    reader, _ = _open(project)
    old = str(_manifest(project)["generation"])
    actors = project.data_dir / "actors.ttl"
    actors.write_text(actors.read_text() + NEW_LABEL)
    _open(project)
    directory = project.root / ".ssegraph"
    assert (directory / old).is_dir()  # still read by ``reader``
    del reader
    actors.write_text(actors.read_text().replace(NEW_LABEL, ""))
    _open(project)
    assert not (directory / old).exists()
    assert not list(directory.glob(f"{old}.*"))


def test_the_generation_on_disk_is_not_written_by_readers(project: Project) -> None:
    kg, _ = _open(project)
    generation = project.root / ".ssegraph" / str(_manifest(project)["generation"])
    before = {p.name: p.stat().st_mtime_ns for p in generation.iterdir() if p.suffix == ".sst"}
    kg.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    after = {p.name: p.stat().st_mtime_ns for p in generation.iterdir() if p.suffix == ".sst"}
    assert before == after
    assert not stat.S_IMODE(generation.stat().st_mode) & 0o002
    assert isinstance(kg.backend.store, ox.Store)


def test_add_brings_the_store_up_to_date_before_it_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ssegraph.steward import Outcome, add

    monkeypatch.delenv(disk.ENV_VAR, raising=False)
    root = tmp_path / "project"
    for part in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / part, root / part)
    project = locate(root)
    _open(project)
    batch = tmp_path / "batch.ttl"
    batch.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        f'<{ILO}> skos:altLabel "Labour Office of the UN system"@en .\n',
        encoding="utf-8",
    )
    added = add(project, [batch], to="actors.ttl")
    assert added.outcome is Outcome.ADDED, added.report.findings
    generation = _manifest(project)["generation"]
    kg, refresh = _open(project)
    assert not refresh.changed and _manifest(project)["generation"] == generation
    label = {"a": ILO, "l": Literal("Labour Office of the UN system", lang="en")}
    assert kg.ask("ASK { ?a skos:altLabel ?l }", label)


def test_a_network_read_from_rows_kept_beside_the_store_is_the_one_read_from_the_store(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    kg, _ = _open(project)
    first = build(kg, "union")
    kept = sorted(p.name for p in kg.sidecar("x").parent.glob("*.network-*.json"))
    assert any(".network-memberships-" in name for name in kept), kept
    assert nx.utils.graphs_equal(build(_open(project)[0], "union"), first)
    assert nx.utils.graphs_equal(first, build(_in_memory(project, monkeypatch), "union"))
    # the kept rows are what a later build reads: with no membership kept, no group tie is made
    for path in kg.sidecar("x").parent.glob("*.network-memberships-*.json"):
        path.write_text("[]")
    assert not [e for *_, e in build(_open(project)[0], "union").edges(data=True) if e["groups"]]


def test_kept_network_rows_that_cannot_be_read_are_passed_over(project: Project) -> None:
    kg, _ = _open(project)
    first = build(kg, "union")
    for path in kg.sidecar("x").parent.glob("*.network-*.json"):
        path.write_bytes(b'[["cut short')
    assert nx.utils.graphs_equal(build(_open(project)[0], "union"), first)


def test_a_network_after_a_change_of_the_files_is_read_afresh(project: Project) -> None:
    france = "https://w3id.org/ssegraph/id/state/france"
    kg, _ = _open(project)
    assert build(kg, "union").nodes[france]["label"] == "France"
    actors = project.data_dir / "actors.ttl"
    actors.write_text(actors.read_text().replace('"France"@en', '"French Republic"@en'))
    assert build(_open(project)[0], "union").nodes[france]["label"] == "French Republic"
