"""Finding the project directory: explicit, environment, current directory, checkout, bundled."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssegraph import project as project_module
from ssegraph.errors import ProjectNotFound, ReadOnlyProject
from ssegraph.project import ENV_VAR, Project, is_project, locate

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def make_project(path: Path) -> Path:
    (path / "ontology").mkdir(parents=True)
    (path / "data").mkdir()
    return path


def test_an_explicit_directory_wins_over_the_environment(tmp_path: Path) -> None:
    found = locate(MINI, environ={ENV_VAR: str(ROOT)}, cwd=tmp_path)
    assert found.root == MINI.resolve()
    assert found.origin == "option"
    assert not found.read_only


def test_the_environment_variable_names_the_project(tmp_path: Path) -> None:
    found = locate(environ={ENV_VAR: str(MINI)}, cwd=tmp_path)
    assert (found.root, found.origin) == (MINI.resolve(), "environment")


def test_the_current_directory_is_used_when_it_is_a_project(tmp_path: Path) -> None:
    here = make_project(tmp_path / "here")
    found = locate(environ={}, cwd=here)
    assert (found.root, found.origin) == (here.resolve(), "current directory")


def test_outside_a_project_the_source_checkout_is_used(tmp_path: Path) -> None:
    found = locate(environ={}, cwd=tmp_path)
    assert (found.root, found.origin) == (ROOT, "checkout")


def test_without_a_checkout_the_bundled_copy_is_used_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(project_module, "checkout_root", lambda: None)
    monkeypatch.setattr(project_module, "BUNDLED_DIR", MINI)
    found = locate(environ={}, cwd=tmp_path)
    assert (found.root, found.origin, found.read_only) == (MINI, "bundled", True)
    with pytest.raises(ReadOnlyProject, match="--project DIR"):
        found.require_writable()


def test_no_project_anywhere_is_an_error_naming_the_way_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(project_module, "checkout_root", lambda: None)
    monkeypatch.setattr(project_module, "BUNDLED_DIR", tmp_path / "absent")
    with pytest.raises(ProjectNotFound, match="--project DIR") as error:
        locate(environ={}, cwd=tmp_path)
    assert error.value.exit_code == 2


def test_a_named_directory_that_is_not_a_project_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    with pytest.raises(ProjectNotFound, match=r"--project .*no ontology/ in it"):
        locate(tmp_path, environ={})
    with pytest.raises(ProjectNotFound, match=rf"{ENV_VAR} .*: no such directory"):
        locate(environ={ENV_VAR: str(tmp_path / "missing")})


def test_a_project_lists_ontology_before_data_and_its_queries() -> None:
    found = Project(MINI, "option")
    names = [found.relative(path) for path in found.rdf_files()]
    assert names == [
        "ontology/mini.ttl",
        "ontology/roles.ttl",
        "data/actors.ttl",
        "data/list-2014.ttl",
    ]
    assert [path.name for path in found.query_files()] == ["label-count.rq", "members.rq"]
    assert is_project(MINI) and not is_project(MINI / "data")
