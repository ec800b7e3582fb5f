"""The ``ssegraph`` command, in process (typer's CliRunner) and once as a real program."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from ssegraph.cli import app
from ssegraph.export import FORMATS as EXPORTS
from ssegraph.registry import Registry
from ssegraph.results import FORMATS as RESULTS
from ssegraph.vocab import DERIVED_GRAPHS

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
# No colours, a wide screen: the text of the tables is asserted, not their styling.
ENV = {"COLUMNS": "200", "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "SSEGRAPH_HOME": None}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(env=ENV).invoke(app, ["--project", str(MINI), *args])
    return result.exit_code, result.output


def test_info_counts_by_class_source_and_language_then_answers(mini_output: str) -> None:
    assert "166 triples in 4 named graphs, and 27 derived from them" in mini_output
    assert "SSE network" in mini_output and "sse:SSENetwork" in mini_output
    assert "Liste des membres (au 17 septembre 2014)" in mini_output
    assert "Labels by language" in mini_output
    assert "What the graph says" in mini_output
    assert "Members of a group attested on or before a date" in mini_output
    assert "How many labels" not in mini_output  # not a highlight


@pytest.fixture(scope="module")
def mini_output() -> str:
    code, output = run("info")
    assert code == 0, output
    return output


def test_search_lists_matches_with_the_label_that_matched() -> None:
    code, output = run("search", "oit")
    assert code == 0
    assert "International Labour Organization" in output
    assert "OIT @fr" in output
    assert "o:ilo" in output  # a prefixed name that query -e reads back


def test_show_prints_names_memberships_and_sources() -> None:
    code, output = run("show", "Organisation internationale du Travail")
    assert code == 0, output
    for text in ("<https://w3id.org/ssegraph/id/org/ilo>", "OIT", "ILO", "Member of", "observer"):
        assert text in output
    assert "Liste des membres" in output


def test_an_unknown_name_gives_the_nearest_names_and_exit_code_1() -> None:
    code, output = run("show", "iloo")
    assert code == 1
    assert "error: nothing in the graph is called 'iloo'" in output
    assert "nearest names: ILO" in output
    assert "Traceback" not in output


def test_an_ambiguous_name_lists_the_candidates_and_exits_1() -> None:
    code, output = run("show", "ESS")
    assert code == 1
    assert "https://w3id.org/ssegraph/id/org/ess-forum" in output
    assert "https://w3id.org/ssegraph/id/org/ess-network" in output


def test_search_with_no_match_exits_1() -> None:
    code, output = run("search", "zzzz")
    assert (code, "nothing in the graph is called 'zzzz'" in output) == (1, True)


def test_a_directory_that_is_not_a_project_exits_2_with_one_line(tmp_path: Path) -> None:
    result = CliRunner(env=ENV).invoke(app, ["--project", str(tmp_path), "info"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: --project {tmp_path}: not a project directory (no ontology/ and data/ in it)"
    ]


def test_a_project_named_by_a_file_is_refused_by_typers_check_of_the_path(tmp_path: Path) -> None:
    named = tmp_path / "notes.txt"
    named.write_text("not a project\n", encoding="utf-8")
    result = CliRunner(env=ENV).invoke(app, ["--project", str(named), "info"])
    assert result.exit_code == 2
    assert f"Invalid value for '--project' / '-p': dir '{named}' is a file." in result.output


def test_a_limit_that_is_not_a_number_is_refused_and_a_number_is_taken() -> None:
    code, output = run("search", "oit", "--limit", "lots")
    assert code == 2 and "Invalid value for '--limit'" in output
    code, output = run("search", "o", "--limit", "1")
    assert code == 0 and len([line for line in output.splitlines() if "@" in line]) == 1


def test_a_broken_turtle_file_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "ontology").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "bad.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    result = CliRunner(env=ENV).invoke(app, ["--project", str(tmp_path), "search", "x"])
    assert result.exit_code == 2
    assert "error: data/bad.ttl:1:" in result.output
    assert "Traceback" not in result.output


def test_export_writes_turtle_to_stdout() -> None:
    code, output = run("export", "--no-derived")
    assert code == 0
    assert len(Graph().parse(data=output, format="turtle")) == 166
    code, output = run("export")
    assert code == 0
    assert len(Graph().parse(data=output, format="turtle")) == 166 + 27


def test_export_to_a_file_keeps_named_graphs_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "graph.trig"
    code, output = run("export", "--format", "trig", "-o", str(target))
    assert code == 0, output
    dataset = Dataset()
    dataset.parse(target, format="trig")
    assert len(list(dataset.quads())) == 166 + 27
    names = {str(graph.identifier) for graph in dataset.graphs()}
    assert names >= {str(graph) for graph in DERIVED_GRAPHS.values()}
    assert [path.name for path in tmp_path.iterdir()] == ["graph.trig"]


def test_an_unknown_export_format_exits_1_listing_the_formats() -> None:
    code, output = run("export", "--format", "yaml")
    assert code == 1
    assert "choose one of: jsonld, ntriples, rdfxml, trig, turtle" in output


@pytest.mark.parametrize(("command", "registry"), [("query", RESULTS), ("export", EXPORTS)])
def test_the_help_offers_the_registered_formats(command: str, registry: Registry) -> None:
    """The help is written before any registry is imported (``--help`` stays quick): this
    keeps it saying what the registry holds."""
    result = CliRunner(env=ENV).invoke(app, [command, "--help"])
    assert registry.help() in " ".join(result.output.replace("│", " ").split())


def test_the_version_is_the_packages() -> None:
    result = CliRunner(env=ENV).invoke(app, ["--version"])
    assert (result.exit_code, result.output.strip()) == (0, f"ssegraph {version('ssegraph')}")


def test_help_lists_the_commands_without_loading_the_graph() -> None:
    result = CliRunner(env=ENV).invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("info", "search", "show", "export"):
        assert command in result.output


def test_the_installed_command_runs_info_on_the_real_graph(installed) -> None:
    done = installed("--project", str(ROOT), "info")
    assert done.returncode == 0, done.stderr
    assert "named graphs" in done.stdout
    assert "Members of a group as of a date" in done.stdout
