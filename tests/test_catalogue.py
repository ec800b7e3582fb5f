"""The query catalogue: headers read from the files, parameters bound as typed RDF terms."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from answers import CATALOGUE, EVERY_VALUE, comparable, settings
from ssegraph.catalogue import (
    Catalogue,
    Parameter,
    adhoc_query,
    parse_assignments,
    parse_query_file,
    query,
)
from ssegraph.cli import app
from ssegraph.errors import AmbiguousName, BadParameter, QueryError
from ssegraph.graph import KnowledgeGraph, Row
from ssegraph.results import answer
from ssegraph.vocab import ID

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
REAL_QUERIES = sorted((ROOT / "queries").glob("*.rq"))
VARIANTS = sorted(name for name, asked in CATALOGUE.queries.items() if asked.variants)
ENV = {"COLUMNS": "200", "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "SSEGRAPH_HOME": None}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(MINI)


def run(catalogue: Catalogue, kg: KnowledgeGraph, name: str, **values: object) -> list[Row]:
    """The rows of a catalogue query as rdflib terms."""
    return catalogue.get(name).results(kg, values).terms()


def test_the_header_documents_the_query(catalogue: Catalogue) -> None:
    query = catalogue.get("members")
    assert query.title == "Members of a group attested on or before a date"
    assert query.description == (
        "The members of a group, with their role, attested by a list dated on or before the date."
    )
    assert [(p.name, p.type, p.default) for p in query.params] == [
        ("group", "actor", "GPIESS"),
        ("date", "date", "2014-12-31"),
        ("lang", "lang", "en"),
    ]
    assert query.params[0].description == "The group, by any of its names or its IRI."
    assert query.examples == (
        "ssegraph query members --param group=GPIESS --param date=2014-09-17",
    )
    assert query.highlight
    assert not catalogue.get("label-count").highlight
    assert catalogue.names() == ["label-count", "members"]
    assert [q.name for q in catalogue.highlights()] == ["members"]


def test_parameters_become_typed_terms(catalogue: Catalogue, mini: KnowledgeGraph) -> None:
    bound = catalogue.get("members").bindings(mini, {"group": "pilote", "date": "2014-09-17"})
    assert bound == {
        "group": ID["org/gpiess"],
        "date": Literal(dt.date(2014, 9, 17)),
        "lang": Literal("en"),
    }


def test_defaults_answer_and_values_change_the_answer(
    catalogue: Catalogue, mini: KnowledgeGraph
) -> None:
    members = {row["member"] for row in run(catalogue, mini, "members")}
    assert members == {ID["state/france"], ID["org/ilo"]}
    assert run(catalogue, mini, "members", date="2014-09-16") == []
    french = run(catalogue, mini, "members", group=ID["org/gpiess"], lang="fr")
    assert {str(row["roleLabel"]) for row in french} == {"membre", "observateur"}


def test_a_parameter_without_default_must_be_given(
    catalogue: Catalogue, mini: KnowledgeGraph
) -> None:
    with pytest.raises(BadParameter, match="needs a value"):
        run(catalogue, mini, "label-count")
    assert int(run(catalogue, mini, "label-count", lang="FR")[0]["labels"]) > 0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"date": "17/09/2014"}, "not a date"),
        ({"lang": "en gb"}, "not a language tag"),
        ({"colour": "red"}, "no such parameter"),
    ],
)
def test_bad_values_are_refused_with_the_parameter_named(
    catalogue: Catalogue, mini: KnowledgeGraph, values: dict[str, str], message: str
) -> None:
    with pytest.raises(BadParameter, match=message) as error:
        run(catalogue, mini, "members", **values)
    assert error.value.name == next(iter(values))


def test_an_actor_parameter_is_resolved_by_name(catalogue: Catalogue, mini: KnowledgeGraph) -> None:
    with pytest.raises(AmbiguousName):
        run(catalogue, mini, "members", group="ESS")


def test_an_unknown_query_lists_the_known_ones(catalogue: Catalogue) -> None:
    with pytest.raises(BadParameter) as error:
        catalogue.get("membres")
    assert error.value.choices == ["label-count", "members"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# description: no title\nSELECT * {}", "no '# title:' line"),
        ("# title: T\n# colour: red\nSELECT * {}", r"bad\.rq:2: unknown header field 'colour'"),
        ("# title: T\n# param: x (colour) - X.\nSELECT ?x {}", "unknown parameter type"),
        ("# title: T\n# param: x is a thing\nSELECT ?x {}", "NAME \\(TYPE\\)"),
        ("# title: T\n# param: y (string) - Y.\nSELECT ?x {}", "'y' is not a variable"),
    ],
)
def test_a_badly_written_header_names_the_file_and_line(
    tmp_path: Path, header: str, message: str
) -> None:
    path = tmp_path / "bad.rq"
    path.write_text(header, encoding="utf-8")
    with pytest.raises(QueryError, match=message):
        parse_query_file(path, "queries/bad.rq")


@pytest.mark.parametrize("path", REAL_QUERIES, ids=lambda path: path.stem)
def test_every_catalogue_query_is_documented_and_answers_with_its_defaults(
    kg: KnowledgeGraph, path: Path
) -> None:
    query = parse_query_file(path)
    assert query.title and query.description and query.examples
    assert all(param.description for param in query.params)
    assert query.results(kg, {}), f"{path.name} gives no answer with its defaults"


def test_the_real_leading_group_as_of_2014_and_2017(kg: KnowledgeGraph) -> None:
    catalogue = Catalogue.load(ROOT)

    def members(date: str) -> set[URIRef]:
        return {
            row["member"] for row in run(catalogue, kg, "members-as-of", group="GPIESS", date=date)
        }

    in_2014, in_2017 = members("2014-09-17"), members("2017-07-08")
    assert ID["state/france"] in in_2014 & in_2017
    assert ID["state/senegal"] in in_2017 - in_2014


# ---- a query's variant for one engine


def _with_variant(tmp_path: Path, engine: str, name: str, text: str) -> Path:
    """A copy of the fixture project with ``text`` as the variant of ``name`` for ``engine``."""
    project = tmp_path / "project"
    shutil.copytree(MINI, project, ignore=shutil.ignore_patterns(".ssegraph"))
    (project / "queries" / engine).mkdir()
    (project / "queries" / engine / f"{name}.rq").write_text(text, encoding="utf-8")
    return project


def test_a_variant_is_sent_to_its_engine_and_to_no_other(
    tmp_path: Path, mini: KnowledgeGraph
) -> None:
    variant = (  # prefLabels only, where the query counts altLabels too
        "SELECT (COUNT(?label) AS ?labels) "
        "WHERE { ?t skos:prefLabel ?label FILTER (LANG(?label) = ?lang) }"
    )
    counts = {
        text: int(mini.select(text, {"lang": Literal("en")})[0]["labels"])
        for text in (variant, Catalogue.load(MINI).get("label-count").sparql)
    }
    assert len(set(counts.values())) == 2
    for engine in ("oxigraph", "virtuoso"):
        catalogue = Catalogue.load(_with_variant(tmp_path / engine, engine, "label-count", variant))
        asked = catalogue.get("label-count")
        assert asked.variants == {engine: variant}
        sent = asked.text_for(mini)
        assert (sent == variant) is (engine == mini.engine == "oxigraph")
        assert int(run(catalogue, mini, "label-count", lang="en")[0]["labels"]) == counts[sent]


def test_the_web_editor_starts_from_the_text_its_engine_runs(
    tmp_path: Path, mini: KnowledgeGraph
) -> None:
    from ssegraph.serve.examples import ready_text

    variant = "SELECT (COUNT(?label) AS ?labels) WHERE { ?t skos:prefLabel ?label }"
    project = _with_variant(tmp_path, mini.engine, "label-count", variant)
    text = ready_text(mini, Catalogue.load(project).get("label-count"), "en")
    assert "skos:prefLabel ?label }" in text
    assert "altLabel" not in text


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("colours", "SELECT * {}", r"queries/virtuoso/colours\.rq: a variant of no query"),
        ("members", "ASK {}", r"queries/virtuoso/members\.rq: this variant is ASK, the query "),
    ],
    ids=["no such query", "another form"],
)
def test_a_variant_of_no_query_or_of_another_form_names_its_file(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        Catalogue.load(_with_variant(tmp_path, "virtuoso", name, text))


@pytest.mark.parametrize(("name", "values"), settings(sorted(VARIANTS)))
def test_every_variant_answers_as_the_query_it_stands_for(
    kg: KnowledgeGraph, name: str, values: dict[str, str]
) -> None:
    asked = CATALOGUE.get(name)
    tried = [values]
    if name in EVERY_VALUE and not values:  # and every value of its hierarchy's parameter
        parameter, every = EVERY_VALUE[name]
        tried += [{parameter: str(row["x"])} for row in kg.select(every)]
    for engine, text in asked.variants.items():
        for given in tried:
            bound = asked.bindings(kg, given)
            assert comparable(answer(kg, text, bound)) == comparable(
                answer(kg, asked.sparql, bound)
            ), f"{engine} variant, {given}"


# ---- every real query, ad-hoc queries, typed values that stay values


@pytest.mark.parametrize("path", REAL_QUERIES, ids=lambda path: path.stem)
def test_every_catalogue_query_declares_the_prefixes_it_uses(path: Path) -> None:
    # parsed with no prefixes given: a user can paste the file into any SPARQL endpoint
    pyoxigraph.Store().query(path.read_text(encoding="utf-8"))


def test_the_catalogue_holds_at_least_twenty_documented_questions() -> None:
    assert len(Catalogue.load(ROOT)) >= 20


def test_an_ad_hoc_query_takes_typed_parameters_from_its_header(mini: KnowledgeGraph) -> None:
    query = adhoc_query(
        "# param: who (actor) - Anyone.\n# a plain comment: not a header field\n"
        "SELECT ?group WHERE { ?m org:member ?who ; org:organization ?group }"
    )
    assert query.title == "ad-hoc" and query.path is None
    assert query.results(mini, {"who": "OIT"}).rows == ((ID["org/gpiess"],),)
    with pytest.raises(BadParameter, match="needs a value"):
        query.results(mini, {})


def test_assignments_are_split_at_the_first_equals_sign() -> None:
    assert parse_assignments(["group=GPIESS", "text=a=b", "lang="]) == {
        "group": "GPIESS",
        "text": "a=b",
        "lang": "",
    }
    with pytest.raises(BadParameter, match="write it NAME=VALUE"):
        parse_assignments(["GPIESS"])


def test_an_iri_parameter_refuses_what_would_break_out_of_the_iri(mini: KnowledgeGraph) -> None:
    param = Parameter("node", "iri", None, "A node.")
    assert param.bind(mini, "id:org/ilo") == ID["org/ilo"]
    assert param.bind(mini, "<https://example.org/x>") == URIRef("https://example.org/x")
    with pytest.raises(BadParameter, match="not an IRI"):
        param.bind(mini, "https://example.org/x> } DROP ALL { <y")


def test_a_value_written_in_sparql_is_bound_as_a_plain_literal(mini: KnowledgeGraph) -> None:
    size = len(mini)
    echo = adhoc_query("# param: text (string) - T.\nSELECT ?echo { BIND(STR(?text) AS ?echo) }")
    attack = '" } ; DROP ALL ; SELECT * { "'
    assert echo.results(mini, {"text": attack}).rows == ((Literal(attack),),)
    assert len(mini) == size


def test_query_by_name_returns_rows_of_plain_values(kg: KnowledgeGraph) -> None:
    rows = query(kg, "members-as-of", group="GPIESS", date=dt.date(2014, 9, 17))
    assert {row["since"] for row in rows} == {dt.date(2014, 9, 17)}
    assert all(isinstance(row["member"], str) for row in rows)


# ---- the command line: queries, query


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner(env=ENV).invoke(app, ["--project", str(ROOT), *args])
    return result.exit_code, result.output


def test_queries_lists_names_titles_and_parameters() -> None:
    code, output = cli("queries")
    assert code == 0
    assert "membership-changes" in output and "Who joined and who left" in output
    assert "since (date) = 2014-09-17" in output


def test_query_writes_rows_in_the_format_asked_for() -> None:
    code, output = cli(
        "query", "members-as-of", "--param", "date=2014-09-17", "--lang", "fr", "-f", "csv"
    )
    assert code == 0, output
    header = "member,memberLabel,roleLabel,since,until,attestedBy,membership"
    assert output.splitlines()[0] == header
    assert "https://w3id.org/ssegraph/id/gov/quebec,Gouvernement du Québec,membre observateur" in (
        output
    )


def test_query_with_sources_adds_a_column() -> None:
    code, output = cli("query", "observers", "--sources", "-f", "tsv")
    assert code == 0, output
    assert output.splitlines()[0].endswith("\t?sources")
    assert "id:source/untfsse-origins" in output


def test_ad_hoc_queries_come_from_a_file_or_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "ask.rq"
    path.write_text("ASK { ?s skos:altLabel 'OIT'@fr }", encoding="utf-8")
    assert cli("query", "--file", str(path), "-f", "json") == (
        0,
        '{"head":{},"boolean":true}\n',
    )
    code, output = cli(
        "query", "-e", "CONSTRUCT { ?s a ?c } WHERE { ?s skos:altLabel 'OIT'@fr ; a ?c }"
    )
    assert code == 0
    assert "<https://w3id.org/ssegraph/ontology#UNEntity>" in output or "sse:UNEntity" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("members-as-of", "--param", "group=GPIESX"), "no group is called so"),
        (("members-as-of", "--param", "date=17/09/2014"), "date: '17/09/2014': not a date"),
        (("members-as-of", "--param", "colour=red"), "choose one of: date, group, lang"),
        (("-e", "SELEC ?x WHERE {}"), "SPARQL syntax: error at 1:"),
        (("membres",), "no query is called 'membres'"),
        (("observers", "-e", "SELECT * {}"), "give one of"),
        (("observers", "-f", "yaml"), "choose one of: csv, json, table, tsv, xml"),
    ],
)
def test_a_wrong_query_or_parameter_is_one_message_and_exit_1(
    args: tuple[str, ...], message: str
) -> None:
    code, output = cli("query", *args)
    assert code == 1
    assert message in output
    assert "Traceback" not in output


# ---- typed parameters: a group, a country, a role, a language among its kind only


@pytest.mark.parametrize(
    ("name", "param", "value", "node"),
    [
        ("members-as-of", "group", "GPIESS", "org/gpiess"),
        ("members-as-of", "group", "Leading Group on Social and Solidarity Economy", "org/gpiess"),
        ("actors-in-country", "country", "France", "state/france"),
        ("actors-in-country", "country", "FR", "state/france"),  # ISO 3166-1 alpha-2
        ("actors-in-country", "country", "FRA", "state/france"),  # and alpha-3
        ("actors-in-country", "country", "st:france", "state/france"),  # a printed name
    ],
)
def test_a_typed_parameter_finds_a_thing_of_its_kind(
    kg: KnowledgeGraph, name: str, param: str, value: str, node: str
) -> None:
    notes: list[str] = []
    bound = Catalogue.load(ROOT).get(name).bindings(kg, {param: value}, notes)
    assert bound[param] == ID[node] and notes == []


def test_a_role_is_found_among_roles_in_either_language_and_bound_as_its_name(
    kg: KnowledgeGraph,
) -> None:
    role_holders = Catalogue.load(ROOT).get("role-holders")
    for value in ("chair", "présidence", "Chair"):
        assert role_holders.bindings(kg, {"role": value})["role"] == Literal("chair")


def test_a_near_match_is_taken_and_said(kg: KnowledgeGraph) -> None:
    notes: list[str] = []
    bound = Catalogue.load(ROOT).get("members-as-of").bindings(kg, {"group": "GPIES"}, notes)
    assert bound["group"] == ID["org/gpiess"]
    assert notes == ["group: took GPIESS for GPIES"]
    with pytest.warns(UserWarning, match="group: took GPIESS for GPIES"):
        query(kg, "members-as-of", group="GPIES")


@pytest.mark.parametrize(
    ("name", "param", "value", "nearest"),
    [
        ("members-as-of", "group", "GPIESX", "GPIESS"),
        ("members-as-of", "group", "Rio+20", ""),  # an event is not a group
        ("actors-in-country", "country", "François Hollande", ""),  # nor a person a country
        ("actors-in-country", "country", "Frence", "France"),
        ("role-holders", "role", "foo", "secretariat"),  # few roles: all of them offered
        ("role-holders", "role", "chiar", "chair"),
    ],
)
def test_an_unknown_value_is_refused_with_the_nearest_names_of_its_kind(
    kg: KnowledgeGraph, name: str, param: str, value: str, nearest: str
) -> None:
    with pytest.raises(BadParameter, match=f"no {param} is called so") as raised:
        Catalogue.load(ROOT).get(name).bindings(kg, {param: value})
    assert raised.value.name == param
    if nearest:
        assert nearest in raised.value.choices


def test_a_language_must_be_one_the_graph_has_names_in(kg: KnowledgeGraph) -> None:
    members = Catalogue.load(ROOT).get("members-as-of")
    assert members.bindings(kg, {"lang": "FR"})["lang"] == Literal("fr")
    with pytest.raises(BadParameter, match=r"no name in the graph is in 'de'; its languages: .*en"):
        members.bindings(kg, {"lang": "de"})


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("role-holders", "--param", "role=foo"), "role: 'foo': no role is called so"),
        (("actors-in-country", "--param", "country=Rio+20"), "no country is called so"),
        (("members-as-of", "--lang", "de"), "--lang: 'de': no name in the graph is in 'de'"),
    ],
)
def test_the_command_refuses_an_unknown_value_like_network_does(
    args: tuple[str, ...], message: str
) -> None:
    result = CliRunner(env=ENV).invoke(app, ["--project", str(ROOT), "query", *args])
    assert result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.output


def test_the_command_says_which_near_match_it_took() -> None:
    result = CliRunner(env=ENV).invoke(
        app, ["--project", str(ROOT), "query", "members-as-of", "--param", "group=GPIES"]
    )
    assert result.exit_code == 0
    assert "note: group: took GPIESS for GPIES" in result.stderr
    assert "France" in result.stdout


@pytest.mark.parametrize("command", [("show", "ILO"), ("search", "ILO"), ("info",)])
def test_lang_without_names_is_refused_by_every_command(command: tuple[str, ...]) -> None:
    result = CliRunner(env=ENV).invoke(app, ["--project", str(MINI), *command, "--lang", "de"])
    assert result.exit_code == 1
    assert "--lang: 'de'" in result.stderr and "its languages: en, fr" in result.stderr


def test_a_web_form_refuses_an_unknown_value_with_the_names_of_its_kind(kg: KnowledgeGraph) -> None:
    from fastapi.testclient import TestClient

    from ssegraph.serve.app import create_app

    with TestClient(create_app(kg)) as client:
        answer = client.get("/query/role-holders.json", params={"role": "foo"})
    assert answer.status_code == 400
    assert "no role is called so" in answer.text and "secretariat" in answer.text


# ---- titles and descriptions in French


def test_every_catalogue_query_has_a_french_title_and_description() -> None:
    for found in Catalogue.load(ROOT).queries.values():
        assert found.title_in("fr") != found.title, found.name
        assert found.description_in("fr") != found.description, found.name
        assert found.title_in("de") == found.title  # no German: the English one


@pytest.mark.parametrize("command", [("queries",), ("query", "--list")])
def test_the_catalogue_lists_its_french_titles(command: tuple[str, ...]) -> None:
    result = CliRunner(env=ENV).invoke(app, ["--project", str(ROOT), *command, "--lang", "fr"])
    assert result.exit_code == 0
    assert "Les membres d'un groupe à une date" in result.stdout and "titre" in result.stdout
    result = CliRunner(env=ENV).invoke(app, ["--project", str(ROOT), *command, "--lang", "de"])
    assert result.exit_code == 1 and "the titles are in en, fr" in result.stderr


def test_an_iri_parameter_takes_the_printed_names(kg: KnowledgeGraph) -> None:
    triple_sources = Catalogue.load(ROOT).get("triple-sources")
    printed = triple_sources.bindings(kg, {"subject": "m:gsef--untfsse--observer"})
    assert printed == triple_sources.bindings(kg, {})  # the default: id:membership/...
    assert printed["subject"] == ID["membership/gsef--untfsse--observer"]
