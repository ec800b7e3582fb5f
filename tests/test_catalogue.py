"""The query catalogue: headers read from the files, parameters bound as typed RDF terms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from ssegraph.catalogue import Catalogue, parse_query_file
from ssegraph.errors import AmbiguousName, BadParameter, QueryError
from ssegraph.graph import KnowledgeGraph
from ssegraph.vocab import ID

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
REAL_QUERIES = sorted((ROOT / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.load(MINI)


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
    members = {row["member"] for row in catalogue.run(mini, "members")}
    assert members == {ID["state/france"], ID["org/ilo"]}
    assert catalogue.run(mini, "members", date="2014-09-16") == []
    french = catalogue.run(mini, "members", group=ID["org/gpiess"], lang="fr")
    assert {str(row["roleLabel"]) for row in french} == {"membre", "observateur"}


def test_a_parameter_without_default_must_be_given(
    catalogue: Catalogue, mini: KnowledgeGraph
) -> None:
    with pytest.raises(BadParameter, match="needs a value"):
        catalogue.run(mini, "label-count")
    assert int(catalogue.run(mini, "label-count", lang="FR")[0]["labels"]) > 0


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
        catalogue.run(mini, "members", **values)
    assert error.value.name == next(iter(values))


def test_an_actor_parameter_is_resolved_by_name(catalogue: Catalogue, mini: KnowledgeGraph) -> None:
    with pytest.raises(AmbiguousName):
        catalogue.run(mini, "members", group="ESS")


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
    assert query.run(kg), f"{path.name} gives no answer with its defaults"


def test_the_real_leading_group_as_of_2014_and_2017(kg: KnowledgeGraph) -> None:
    catalogue = Catalogue.load(ROOT)

    def members(date: str) -> set[URIRef]:
        return {
            row["member"] for row in catalogue.run(kg, "members-as-of", group="GPIESS", date=date)
        }

    in_2014, in_2017 = members("2014-09-17"), members("2017-07-08")
    assert ID["state/france"] in in_2014 & in_2017
    assert ID["state/senegal"] in in_2017 - in_2014
