"""Files written as a careful user expects: the real file behind a symlink, its mode kept, a
read-only file or directory left alone, a device never replaced, the temporary file gone after
an interruption, and every literal written as it was given."""

from __future__ import annotations

import os
import shutil
import signal
import stat
from pathlib import Path

import pyoxigraph as ox
import pytest

from ssegraph import safefile
from ssegraph.errors import CannotWrite

from .test_steward_support import BATCHES, ROOT, project, run

__all__ = ["project"]  # the fixture

GOOD = BATCHES / "good" / "membership-with-interval.ttl"


def test_add_into_a_symlinked_data_file_updates_its_target_and_keeps_the_link(
    project: Path, tmp_path: Path
) -> None:
    real = tmp_path / "elsewhere" / "gpiess-2017.ttl"
    real.parent.mkdir()
    link = project / "data" / "gpiess-2017.ttl"
    shutil.move(link, real)
    link.symlink_to(real)
    before = real.read_bytes()
    code, out, err = run(project, "add", str(GOOD), "--to", "gpiess-2017")
    assert code == 0, out + err
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes().startswith(before) and len(real.read_bytes()) > len(before)


def test_add_keeps_the_mode_of_the_file_it_appends_to(project: Path) -> None:
    target = project / "data" / "gpiess-2017.ttl"
    target.chmod(0o640)
    code, _, err = run(project, "add", str(GOOD), "--to", "gpiess-2017")
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_0644_under_the_usual_umask(project: Path) -> None:
    old = os.umask(0o022)
    try:
        code, _, err = run(project, "add", str(GOOD), "--to", "new-facts")
    finally:
        os.umask(old)
    assert code == 0, err
    assert stat.S_IMODE((project / "data" / "new-facts.ttl").stat().st_mode) == 0o644


def test_a_read_only_data_file_is_left_alone(project: Path) -> None:
    target = project / "data" / "gpiess-2017.ttl"
    before = target.read_bytes()
    target.chmod(0o444)
    code, _, err = run(project, "add", str(GOOD), "--to", "gpiess-2017")
    assert code == 2
    assert "the file is read-only" in err and len(err.strip().splitlines()) == 1
    assert target.read_bytes() == before


def test_a_read_only_data_directory_is_one_line_and_exit_2(project: Path) -> None:
    (project / "data").chmod(0o555)
    try:
        code, _, err = run(project, "add", str(GOOD), "--to", "new-facts")
    finally:
        (project / "data").chmod(0o755)
    assert code == 2
    assert "read-only (mode 0555)" in err and len(err.strip().splitlines()) == 1
    assert not (project / "data" / "new-facts.ttl").exists()


@pytest.mark.parametrize(
    ("output", "expected"),
    [("/dev/null", "a character device; only a regular file is replaced"),
     ("nowhere/graph.ttl", "does not exist")],
)  # fmt: skip
def test_export_onto_a_device_or_into_a_missing_directory_is_one_line(
    tmp_path: Path, output: str, expected: str
) -> None:
    target = output if output.startswith("/") else str(tmp_path / output)
    code, _, err = run(ROOT, "export", "-o", target)
    assert code == 2
    assert expected in err and len(err.strip().splitlines()) == 1
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)  # still the device


def test_sigterm_while_writing_removes_the_temporary_file_and_keeps_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data.ttl"
    target.write_text("before\n")
    fsync = os.fsync

    def killed(descriptor: int) -> None:
        fsync(descriptor)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(os, "fsync", killed)
    with pytest.raises(SystemExit):
        safefile.write_atomically(target, b"after\n")
    assert target.read_text() == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["data.ttl"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL or callable(
        signal.getsignal(signal.SIGTERM)
    )


def test_write_atomically_refuses_a_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(CannotWrite, match="does not exist"):
        safefile.write_atomically(tmp_path / "no" / "file.ttl", b"x")


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600])
def test_export_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "graph.nt"
    target.write_text("old\n")
    target.chmod(mode)
    code, _, err = run(ROOT, "export", "-f", "ntriples", "--no-derived", "-o", str(target))
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == mode and target.read_text() != "old\n"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_export_gets_0666_less_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    target = tmp_path / "graph.nt"
    before = os.umask(umask)
    try:
        code, _, err = run(ROOT, "export", "-f", "ntriples", "--no-derived", "-o", str(target))
    finally:
        os.umask(before)
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_writer_that_opens_the_file_by_name_gets_the_same_modes(tmp_path: Path) -> None:
    kept, new = tmp_path / "kept.nt", tmp_path / "new.nt"
    kept.write_text("old\n")
    kept.chmod(0o640)
    triple = ox.Triple(ox.NamedNode("http://a.example/s"), ox.NamedNode("http://a.example/p"),
                       ox.Literal("o"))  # fmt: skip
    for target in (kept, new):
        with safefile.replacing(target) as temporary:
            ox.serialize([triple], str(temporary), format=ox.RdfFormat.N_TRIPLES)
        assert target.read_text().startswith("<http://a.example/s>")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.nt", "new.nt"]


def test_an_error_inside_replacing_leaves_the_target_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "data.ttl"
    target.write_text("before\n")
    with pytest.raises(RuntimeError), safefile.replacing(target) as temporary:
        temporary.write_text("half")
        raise RuntimeError("the writer failed")
    assert target.read_text() == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["data.ttl"]


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# ---- data kept as written


AS_WRITTEN = """\
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/ssegraph/id/org/ilo> skos:note
    "2021-01-01Z"^^xsd:date , "01"^^xsd:integer , "1"^^xsd:boolean , "0"^^xsd:boolean ,
    "1.0E0"^^xsd:double , "1e3"^^xsd:double , "+0.50"^^xsd:decimal , "007"^^xsd:int ,
    "2019"^^xsd:gYear , "2019-05"^^xsd:gYearMonth , "colour"@en-GB , "Organisation"@fr ,
    "line one\\nline \\"two\\"" , "tab\\there" , "accents é ü ß 中文" .
"""


def test_add_writes_every_literal_with_its_lexical_form_and_datatype(
    project: Path, tmp_path: Path
) -> None:
    batch = tmp_path / "literals.ttl"
    batch.write_text(AS_WRITTEN, encoding="utf-8")
    given = {q.object for q in ox.parse(AS_WRITTEN.encode(), format=ox.RdfFormat.TURTLE)}
    code, out, err = run(project, "add", str(batch), "--to", "as-written")
    assert code == 0, out + err
    text = (project / "data" / "as-written.ttl").read_bytes()
    written = {q.object for q in ox.parse(text, format=ox.RdfFormat.TURTLE)}
    assert written == given  # 15 in, the same 15 out: lexical forms, datatypes, language tags
    assert len(given) == 15
    # Adding the same batch again finds every literal held already.
    code, _, err = run(project, "add", str(batch), "--to", "as-written")
    assert code == 0 and "nothing new" in err
