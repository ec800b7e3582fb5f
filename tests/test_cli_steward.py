"""The stewards' commands: ``ssegraph validate``, ``add`` and ``template``: exit codes, one-line
errors, and ``add`` changing nothing at all unless the whole batch conforms and is new."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SH
from typer.testing import CliRunner

import ssegraph.project as project_module
from ssegraph.backends.disk import DIRECTORY_NAME as STORE_CACHE
from ssegraph.cli import app
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import resolve
from ssegraph.safefile import LOCK_NAME

ROOT = Path(__file__).resolve().parents[1]
BATCHES = Path(__file__).resolve().parent / "fixtures" / "batches"
GOOD = BATCHES / "good"
BROKEN = BATCHES / "broken"
INCOMPLETE = BATCHES / "incomplete" / "network-without-french-name.ttl"
# No colours, a wide screen: the text is asserted, not its styling.
ENV = {"COLUMNS": "200", "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "SSEGRAPH_HOME": None}


class Run:
    def __init__(self, project: Path, *args: str) -> None:
        result = CliRunner(env=ENV).invoke(app, ["--project", str(project), *args])
        self.code, self.out, self.err = result.exit_code, result.stdout, result.stderr
        self.exception = result.exception


def on_real_graph(*args: str) -> Run:
    return Run(ROOT, *args)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the project."""
    root = tmp_path / "project"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, root / name)
    return root


def fingerprint(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root``, by relative path (the stewards' lock file aside:
    it holds nothing, and stays for the next ``add`` to lock; so is the store's cache of the
    files, ``backends.disk``, which follows them)."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and path.name != LOCK_NAME
        and STORE_CACHE not in path.relative_to(root).parts
    }


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---- validate


def test_validate_without_files_checks_the_whole_curated_graph_and_exits_0() -> None:
    run = on_real_graph("validate")
    assert run.code == 0, run.out
    last = run.out.splitlines()[-1]
    assert last.startswith("conforms: 0 violation(s), ")
    assert "whole graph" in last


def test_validate_correct_turtle_and_csv_batches_exits_0() -> None:
    run = on_real_graph("validate", *map(str, sorted(GOOD.iterdir())))
    assert run.code == 0, run.out + run.err
    assert run.out.startswith("conforms: 0 violation(s), 0 warning(s), 0 info (batch of ")


def test_validate_broken_batch_exits_1_naming_node_path_and_constraint() -> None:
    run = on_real_graph("validate", str(BROKEN / "membership-without-member.ttl"))
    assert run.code == 1
    lines = run.out.splitlines()
    assert lines[0] == "id:membership/brazil--gpiess--member"
    assert lines[1].split()[:3] == ["violation", "org:member", "MinCount"]
    assert lines[-1].startswith("does not conform: 1 violation(s)")


def test_warning_passes_validate_but_fails_with_strict() -> None:
    run = on_real_graph("validate", str(INCOMPLETE))
    assert run.code == 0
    assert "warning   skos:prefLabel" in run.out and "has no French skos:prefLabel" in run.out
    assert on_real_graph("validate", "--strict", str(INCOMPLETE)).code == 1


def test_validate_json_format_is_machine_readable() -> None:
    run = on_real_graph("validate", "-f", "json", str(BROKEN / "place-without-country.ttl"))
    assert run.code == 1
    data = json.loads(run.out)
    assert (data["conforms"], data["violations"]) == (False, 1)
    [result] = data["results"]
    assert (result["focus_name"], result["path"], result["constraint"]) == (
        "id:place/example-city",
        None,
        "Or",
    )


def test_validate_turtle_format_is_the_shacl_report() -> None:
    run = on_real_graph("validate", "--format", "turtle", str(GOOD / "people.csv"))
    assert run.code == 0
    report = Graph().parse(data=run.out, format="turtle")
    assert (None, SH.conforms, Literal(True)) in report


def test_validate_unknown_format_exits_1_listing_the_formats() -> None:
    run = on_real_graph("validate", "--format", "xml", str(INCOMPLETE))
    assert run.code == 1
    assert "error: --format: unknown report format 'xml'" in run.err
    assert "choose one of: json, text, turtle" in run.err


def test_validate_sheet_with_bad_cells_exits_1_listing_every_row(tmp_path: Path) -> None:
    sheet = write(
        tmp_path,
        "sheet.csv",
        "member,group,role,attested_on,start,end,source\n"
        "Brasil,GPIESS,member,2017-07-08,,,source/gpiess-presentation-2017\n"
        "Brazil,GPIESS,member,8 July 2017,,,source/gpiess-presentation-2017\n",
    )
    run = on_real_graph("validate", str(sheet))
    assert run.code == 1
    assert run.err.splitlines() == [
        f"error: {sheet}: 2 problem(s); nothing was taken from it",
        "  row 2, column member: 'Brasil' names nothing in the graph; nearest: Brésil, Brazil, "
        "Asie, Asia",
        "  row 3, column attested_on: '8 July 2017' is not a date (YYYY-MM-DD)",
    ]


# ---- unreadable input: one line, exit 2


UNREADABLE = {
    "syntax-error.ttl": (
        "@prefix org: <http://www.w3.org/ns/org#> .\n"
        "<https://w3id.org/ssegraph/id/membership/x> org:member org:y org:z .\n",
        ":2:62: invalid Turtle: ",  # org:z: line 2, column 62
    ),
    "empty.ttl": ("", ": the file is empty"),
    "image.ttl": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ": a binary file, not text (RDF or CSV)"),
    "notes.docx": ("member,group\n", ": unknown file type '.docx' (known: .ttl, "),
    "other-sheet.csv": ("name,date,place\nx,2020,y\n", ":1: the header matches no template ("),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_file_exits_2_with_one_line_naming_it(tmp_path: Path, name: str) -> None:
    content, says = UNREADABLE[name]
    path = write(tmp_path, name, content)
    run = on_real_graph("validate", str(path))
    assert run.code == 2
    [line] = run.err.splitlines()
    assert line.startswith(f"error: {path}{says}")
    assert run.out == "" and "Traceback" not in run.err


def test_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    run = on_real_graph("validate", str(tmp_path / "batch.ttl"))
    expected = [f"error: {tmp_path / 'batch.ttl'}: no such file"]
    assert (run.code, run.err.splitlines()) == (2, expected)


def test_the_installed_command_reports_a_syntax_error_without_a_traceback(
    tmp_path: Path, installed
) -> None:
    write(tmp_path, "bad.ttl", '<https://example.org/a> <https://example.org/b> "open .\n')
    done = installed("validate", "bad.ttl")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: bad.ttl:1:")
    assert len(done.stderr.strip().splitlines()) == 1


# ---- add: correct batches are written and queryable after a reload


ADDED = {
    "membership-with-interval.ttl": (
        "ASK { ?m org:member ?who ; org:organization ?group ; org:role ?role ;"
        " org:memberDuring/time:hasEnd/time:inXSDDate ?end }",
        {"who": "Brazil", "group": "GPIESS", "role": "observer member", "end": "2017-07-08"},
    ),
    "network-forum-declaration.ttl": (
        "ASK { ?outcome sse:adoptedAt ?event ; sse:adoptedBy ?who . ?event schema:location ?where"
        " . ?m org:member ?who ; org:organization ?group }",
        {"outcome": "Lilongwe Declaration", "who": "ASSEN", "where": "Lilongwe", "group": "RIPESS"},
    ),
    "memberships.csv": (
        "ASK { ?m org:member ?who ; org:organization ?group ;"
        " org:memberDuring/time:hasBeginning/time:inXSDDate ?start }",
        {"who": "Malawi", "group": "GSEF", "start": "2019-01-01"},
    ),
    "events.csv": (
        "ASK { ?webinar sse:speaker ?speaker ; schema:organizer ?organizer ."
        " ?parent schema:subEvent ?session }",
        {
            "webinar": "GSEF webinar on SSE law 2021",
            "speaker": "Judith Hitchman",
            "organizer": "INAES",
            "parent": "Habitat III",
            "session": "event/gsef-session-habitat-iii-sse",
        },
    ),
    "actors.csv": (
        "ASK { ?network a sse:SSENetwork ; sse:country ?malawi . ?catalonia sse:country ?spain }",
        {
            "network": "SASSEN",
            "malawi": "Malawi",
            "catalonia": "Generalitat",
            "spain": "Espagne",
        },
    ),
    "people.csv": (
        "ASK { ?post a sse:Post ; org:member ?who ; org:organization ?org ; org:role ?role }",
        {"who": "Amina Banda", "org": "RIPESS", "role": "representative"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(ADDED))
def test_add_writes_a_correct_batch_whose_facts_are_queryable_after_reload(
    project: Path, name: str
) -> None:
    before = fingerprint(project)
    run = Run(project, "add", str(GOOD / name), "--to", "new-facts")
    assert run.code == 0, run.out + run.err
    assert run.err.strip().startswith("added ")
    assert run.err.strip().endswith("triples to data/new-facts.ttl")
    after = fingerprint(project)
    assert {k: v for k, v in after.items() if k != "data/new-facts.ttl"} == before
    reloaded = KnowledgeGraph.load(project)
    query, names = ADDED[name]
    bindings = {
        var: Literal(value, datatype="http://www.w3.org/2001/XMLSchema#date")
        if value[:4].isdigit()
        else resolve(reloaded, value)
        for var, value in names.items()
    }
    assert reloaded.ask(query, bindings)


def test_after_adding_every_correct_batch_the_whole_project_still_conforms(project: Path) -> None:
    run = Run(project, "add", *map(str, sorted(GOOD.iterdir())), "--to", "new-facts")
    assert run.code == 0, run.out + run.err
    whole = Run(project, "validate")
    assert whole.code == 0, whole.out
    assert whole.out.splitlines()[-1].startswith("conforms: 0 violation(s)")


def test_add_without_to_names_the_file_after_the_first_batch_file(
    project: Path, tmp_path: Path
) -> None:
    declaration = (GOOD / "network-forum-declaration.ttl").read_text()
    batch = write(tmp_path, "lilongwe-2021.ttl", declaration)
    run = Run(project, "add", str(batch))
    assert run.code == 0, run.err
    assert (project / "data" / "lilongwe-2021.ttl").is_file()


def test_add_appends_to_an_existing_data_file(project: Path) -> None:
    before = (project / "data" / "gpiess-2017.ttl").read_bytes()
    run = Run(project, "add", str(GOOD / "membership-with-interval.ttl"), "--to", "gpiess-2017")
    assert run.code == 0, run.err
    after = (project / "data" / "gpiess-2017.ttl").read_bytes()
    assert after.startswith(before) and b"# Added by `ssegraph add` on " in after[len(before) :]


def test_add_accepts_a_batch_with_warnings_unless_strict(project: Path) -> None:
    before = fingerprint(project)
    strict = Run(project, "add", "--strict", str(INCOMPLETE), "--to", "new-facts")
    assert strict.code == 1
    assert "nothing added: the batch does not conform; no file was changed" in strict.err
    assert fingerprint(project) == before
    lenient = Run(project, "add", str(INCOMPLETE), "--to", "new-facts")
    assert lenient.code == 0, lenient.err
    assert "has no French skos:prefLabel" in lenient.out  # the warning is still shown
    assert (project / "data" / "new-facts.ttl").is_file()


# ---- add: nothing changes unless the whole batch conforms and is new


REFUSED = {
    "a violation": (["membership-without-member.ttl"], 1),
    "one good file, one broken": (["../good/network-forum-declaration.ttl",
                                   "existing-membership-gets-a-second-member.ttl"], 1),
    "one good file, one unreadable": (["../good/memberships.csv", "nowhere.ttl"], 2),
    "a second label on a known actor": (["label-second-english-name-for-a-known-actor.ttl"], 1),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_add_leaves_every_file_byte_for_byte(project: Path, case: str) -> None:
    names, code = REFUSED[case]
    before = fingerprint(project)
    run = Run(project, "add", *(str(BROKEN / name) for name in names), "--to", "actors")
    assert run.code == code, run.out + run.err
    assert fingerprint(project) == before
    assert isinstance(run.exception, SystemExit)  # a clean exit, not an uncaught error


def test_add_to_a_bad_file_name_is_refused_before_anything(project: Path) -> None:
    before = fingerprint(project)
    run = Run(project, "add", str(GOOD / "people.csv"), "--to", "../escape")
    assert run.code == 1
    assert "error: --to: '../escape' is not a file name for data/" in run.err
    assert fingerprint(project) == before
    assert not (project / "escape.ttl").exists()


def test_dry_run_prints_the_turtle_it_would_add_and_writes_nothing(project: Path) -> None:
    before = fingerprint(project)
    run = Run(project, "add", "--dry-run", str(GOOD / "network-forum-declaration.ttl"))
    assert run.code == 0, run.err
    assert fingerprint(project) == before
    added = Graph().parse(data=run.out, format="turtle")
    assert len(added) == 33
    assert run.err.strip() == "dry run: would add 33 triples to data/network-forum-declaration.ttl"


@pytest.mark.parametrize(
    "names",
    [
        ["network-forum-declaration.ttl", "memberships.csv"],
        ["membership-with-interval.ttl"],  # the interval and its instants are blank nodes
    ],
    ids=["turtle-and-csv", "blank-node-interval"],
)
def test_adding_the_same_batch_twice_adds_nothing_the_second_time(
    project: Path, names: list[str]
) -> None:
    files = [str(GOOD / name) for name in names]
    first = Run(project, "add", *files, "--to", "new-facts")
    assert first.code == 0, first.err
    before = fingerprint(project)
    second = Run(project, "add", *files, "--to", "new-facts")
    assert second.code == 0, second.out + second.err
    assert second.err.strip().startswith("nothing new: the graph already holds all ")
    assert fingerprint(project) == before


def test_adding_an_inference_twice_adds_it_once(project: Path, tmp_path: Path) -> None:
    batch = write(
        tmp_path,
        "inference.ttl",
        "@prefix sse: <https://w3id.org/ssegraph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "[] a sse:Inference ; sse:concerns <https://w3id.org/ssegraph/id/org/gsef> ;\n"
        '    rdfs:comment "The GSEF of the lists and the Forum are one body."@en .\n',
    )
    assert Run(project, "add", str(batch)).code == 0
    before = fingerprint(project)
    again = Run(project, "add", str(batch))
    assert (again.code, fingerprint(project)) == (0, before)


def test_add_into_the_bundled_read_only_graph_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "site-packages" / "ssegraph" / "bundled"
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, bundled / name)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setattr(project_module, "BUNDLED_DIR", bundled)
    monkeypatch.setattr(project_module, "checkout_root", lambda *args: None)
    monkeypatch.chdir(elsewhere)
    before = fingerprint(bundled)
    result = CliRunner(env=ENV).invoke(app, ["add", str(GOOD / "people.csv"), "--to", "people"])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {bundled}: this is the copy of the graph bundled")
    assert "--project DIR or SSEGRAPH_HOME" in line
    assert fingerprint(bundled) == before


# ---- template


@pytest.mark.parametrize("kind", ["memberships", "events", "actors", "people"])
def test_template_prints_a_header_and_an_example_row(kind: str) -> None:
    result = CliRunner(env=ENV).invoke(app, ["template", kind])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 2


def test_template_output_validates_as_conforming(tmp_path: Path) -> None:
    result = CliRunner(env=ENV).invoke(app, ["template", "memberships"])
    sheet = write(tmp_path, "memberships.csv", result.stdout)
    run = on_real_graph("validate", "--strict", str(sheet))
    assert run.code == 0, run.out + run.err
    assert run.out.startswith("conforms: 0 violation(s), 0 warning(s)")


def test_template_of_an_unknown_kind_exits_1_listing_the_kinds() -> None:
    result = CliRunner(env=ENV).invoke(app, ["template", "places"])
    assert result.exit_code == 1
    assert "error: template: no template called 'places'" in result.stderr
    assert "choose one of: actors, events, memberships, people" in result.stderr


def test_template_needs_no_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner(env=ENV).invoke(app, ["--project", str(tmp_path), "template", "people"])
    assert result.exit_code == 0
    assert result.stdout.startswith("id,name,organization,post,")
