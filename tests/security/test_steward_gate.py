"""The steward's gate: what a batch may change, what no project state may turn into "conforms",
and the rules of time and identity, each refused by ``add`` with every file left as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .test_steward_support import BATCHES, ROOT, fingerprint, project, run

__all__ = ["project"]  # the fixture

BROKEN = BATCHES / "broken"
PREFIXES = """\
@prefix sse: <https://w3id.org/ssegraph/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix o: <https://w3id.org/ssegraph/id/org/> .
@prefix st: <https://w3id.org/ssegraph/id/state/> .
"""


def batch(tmp_path: Path, body: str, name: str = "batch.ttl") -> Path:
    path = tmp_path / name
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


# ---- schema triples are refused


SCHEMA_BATCHES = {
    "subclass": "org:Organization rdfs:subClassOf dcterms:BibliographicResource .",
    "subproperty": "sse:speaker rdfs:subPropertyOf org:member .",
    "domain": "o:ilo rdfs:domain foaf:Person .",
    "owl term": "o:ilo owl:equivalentClass foaf:Person .",
    "shape": "o:ilo sh:targetClass foaf:Person .",
    "ontology term": 'sse:State skos:prefLabel "Pays"@fr .',
    "standard term": 'foaf:Person skos:prefLabel "Personne"@fr .',
    "class declared": "o:new-kind a owl:Class .",
}


@pytest.mark.parametrize("case", sorted(SCHEMA_BATCHES))
def test_a_batch_that_changes_the_schema_is_refused(
    project: Path, tmp_path: Path, case: str
) -> None:
    before = fingerprint(project)
    path = batch(tmp_path, SCHEMA_BATCHES[case])
    code, out, err = run(project, "add", str(path), "--to", "new-facts")
    assert code == 1
    assert "SchemaChange" in out
    assert "nothing added" in err
    assert fingerprint(project) == before


def test_the_subclass_bypass_of_the_issue_no_longer_passes_validate(tmp_path: Path) -> None:
    path = batch(tmp_path, SCHEMA_BATCHES["subclass"])
    code, out, _ = run(ROOT, "validate", str(path))
    assert code == 1
    assert "org:Organization" in out and "changes the schema (rdfs:subClassOf)" in out


def test_an_iri_with_a_javascript_scheme_is_refused(tmp_path: Path) -> None:
    path = batch(tmp_path, "o:ilo prov:wasDerivedFrom <javascript:alert(document.domain)//> .")
    code, out, _ = run(ROOT, "validate", str(path))
    assert code == 1
    assert "IRIScheme" in out and "javascript" in out


# ---- retyping and merging existing nodes need an option, and are reported


def test_retyping_an_existing_node_is_refused_unless_allowed(project: Path, tmp_path: Path) -> None:
    path = batch(tmp_path, "o:ilo a foaf:Person .")
    before = fingerprint(project)
    code, out, _ = run(project, "add", str(path), "--to", "new-facts")
    assert code == 1 and "Retype" in out and "--allow-retype" in out
    assert fingerprint(project) == before
    # Allowed, the retyping is still reported; here it then breaks the person/organisation rule.
    code, out, _ = run(project, "add", "--allow-retype", str(path), "--to", "new-facts")
    assert "info" in out and "Retype" in out
    assert code == 1 and "Not" in out
    assert fingerprint(project) == before


def test_same_as_between_existing_nodes_is_refused_unless_allowed(
    project: Path, tmp_path: Path
) -> None:
    path = batch(tmp_path, "o:ilo owl:sameAs o:gsef .")
    before = fingerprint(project)
    code, out, _ = run(project, "add", str(path), "--to", "new-facts")
    assert code == 1 and "SameAs" in out
    assert fingerprint(project) == before
    code, out, err = run(project, "add", "--allow-same-as", str(path), "--to", "new-facts")
    assert code == 0, out + err
    assert "SameAs" in out  # reported (info)
    assert (project / "data" / "new-facts.ttl").is_file()


# ---- a project that cannot be read is never "conforms"


def test_missing_shapes_is_exit_2_never_conforms(project: Path) -> None:
    (project / "ontology" / "shapes.ttl").unlink()
    code, out, err = run(project, "validate")
    assert code == 2
    assert "conforms" not in out
    assert "shapes.ttl" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(project, "add", str(BROKEN / "membership-without-member.ttl"))
    assert code == 2


@pytest.mark.parametrize("directory", ["ontology", "data"])
def test_unreadable_ontology_or_data_is_exit_2(
    project: Path, directory: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tests run as root, whom chmod does not stop: the directory refuses to be listed.
    listdir = os.listdir
    refused = project / directory

    def unreadable(path: object) -> list[str]:
        if Path(str(path)) == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return listdir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "listdir", unreadable)
    code, out, err = run(project, "validate")
    assert code == 2 and "conforms" not in out
    assert f"{directory}: cannot be read (Permission denied)" in err


def test_a_data_file_that_cannot_be_read_is_exit_2(project: Path) -> None:
    # Root can read any file: a FIFO stands for a file the loader must not read.
    os.mkfifo(project / "data" / "pipe.ttl")
    code, out, err = run(project, "validate")
    assert code == 2 and "conforms" not in out
    assert "pipe.ttl: not a regular file" in err


# ---- rules of time and identity, refused by add


RULES = [
    "membership-attested-after-its-source.ttl",
    "membership-organisation-member-of-itself.ttl",
    "person-who-is-also-an-organisation.ttl",
    "membership-begins-before-its-organisation-was-founded.ttl",
    "membership-ends-after-its-organisation-was-dissolved.ttl",
    "event-start-date-that-does-not-exist.ttl",
    "event-end-date-with-month-13.ttl",
]


@pytest.mark.parametrize("name", RULES)
def test_add_refuses_each_rule_of_time_and_identity(project: Path, name: str) -> None:
    before = fingerprint(project)
    code, out, err = run(project, "add", str(BROKEN / name), "--to", "new-facts")
    assert code == 1, out + err
    assert "Traceback" not in out + err
    assert fingerprint(project) == before
