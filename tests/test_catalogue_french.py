"""The catalogue's parameters in French: ``# param@fr:`` twins, read with the header and shown
by the catalogue's pages with ``?lang=fr``; the names, the query's variables, stay."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ssegraph.catalogue import Catalogue, adhoc_query, parse_query_file
from ssegraph.errors import QueryError
from ssegraph.graph import KnowledgeGraph
from ssegraph.serve.app import create_app

ROOT = Path(__file__).resolve().parents[1]
HEADER = (
    "# title: Members\n"
    "# param: group (group) default GPIESS - The group, by any of its names.\n"
    "# param@fr: group « groupe de travail » - Le groupe, par l'un de ses noms.\n"
    "# param: date (date) default 2017-07-08 - The date.\n"
    "# param@fr: date - La date à laquelle\n"
    "#   l'appartenance est vérifiée.\n"
    "# param: lang (lang) default en - Language of the labels.\n"
    "SELECT ?member WHERE { ?m org:organization ?group ; org:member ?member "
    "FILTER (?date != ?lang) }\n"
)


@pytest.fixture(scope="module")
def client(kg: KnowledgeGraph) -> Iterator[TestClient]:
    with TestClient(create_app(kg)) as client:
        yield client


def test_a_french_twin_gives_the_label_and_description_and_keeps_the_name() -> None:
    group, date, _ = adhoc_query(HEADER).params
    assert (group.name, group.label_in("fr"), group.description_in("fr")) == (
        "group",
        "groupe de travail",
        "Le groupe, par l'un de ses noms.",
    )
    assert (date.label_in("fr"), date.description_in("fr")) == (
        "date",
        "La date à laquelle l'appartenance est vérifiée.",
    )
    assert (group.label_in("en"), group.description_in("en")) == (
        "group",
        "The group, by any of its names.",
    )


def test_a_parameter_without_a_twin_shows_its_name_and_english_description() -> None:
    lang = adhoc_query(HEADER).params[2]
    assert (lang.label_in("fr"), lang.description_in("fr")) == ("lang", lang.description)
    assert lang.type_in("fr") == "langue" and lang.type_in("en") == "lang"


@pytest.mark.parametrize(
    ("twin", "message"),
    [
        ("group (groupe) - Le groupe.", r"bad\.rq:3: write a parameter's twin as: NAME"),
        ("group « groupe »", r"bad\.rq:3: write a parameter's twin as"),
        ("groupe « groupe » - Le groupe.", r"bad\.rq:3: no '# param:' line names 'groupe'"),
    ],
)
def test_a_bad_french_twin_names_the_file_and_line(tmp_path: Path, twin: str, message: str) -> None:
    path = tmp_path / "bad.rq"
    path.write_text(
        "# title: T\n# param: group (group) - The group.\n"
        f"# param@fr: {twin}\nSELECT ?x {{ ?x ?p ?group }}",
        encoding="utf-8",
    )
    with pytest.raises(QueryError, match=message):
        parse_query_file(path, "queries/bad.rq")


def test_a_second_french_twin_of_a_parameter_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text(
        "# title: T\n# param: group (group) - The group.\n# param@fr: group - Le groupe.\n"
        "# param@fr: group - Encore.\nSELECT ?x { ?x ?p ?group }",
        encoding="utf-8",
    )
    with pytest.raises(QueryError, match=r"bad\.rq:4: parameter 'group' has a second"):
        parse_query_file(path, "queries/bad.rq")


def test_every_parameter_of_the_catalogue_has_a_french_twin() -> None:
    untranslated = [
        f"{query.name}: {param.name}"
        for query in Catalogue.load(ROOT).queries.values()
        for param in query.params
        if "fr" not in param.translations
    ]
    assert untranslated == []


def _form(page: str) -> str:
    """The text of the page's parameter form, its tags removed (a label's <code> runs on with
    the words around it); the SPARQL shown below it keeps the header as written."""
    found = re.search(r'(?s)<form class="parameters".*?</form>', page)
    assert found is not None, "the page has no parameter form"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", found.group())).split())


def test_a_french_catalogue_page_lists_the_french_parameters(client: TestClient) -> None:
    page = client.get("/query/members-as-of", params={"lang": "fr"})
    assert page.status_code == 200
    shown = _form(page.text)
    assert "groupe (group, groupe): Le groupe, par l'un de ses noms ou sigles" in shown
    assert "date (date): La date à laquelle l'appartenance est vérifiée." in shown
    assert "The group, by any of its names" not in shown
    assert 'name="group"' in page.text  # the form still sends the query's variable


def test_an_english_catalogue_page_keeps_the_english_parameters(client: TestClient) -> None:
    shown = _form(client.get("/query/members-as-of", params={"lang": "en"}).text)
    assert "group (group): The group, by any of its names or acronyms, or its IRI." in shown
    assert "Le groupe" not in shown


def test_a_catalogue_page_s_json_twin_carries_the_french_twins(client: TestClient) -> None:
    data = client.get("/query/members-as-of.json").json()
    group = next(param for param in data["params"] if param["name"] == "group")
    assert group["translations"]["fr"] == [
        "groupe",
        "Le groupe, par l'un de ses noms ou sigles, ou son IRI.",
    ]


def test_the_query_editor_s_forms_name_the_parameters_in_french(client: TestClient) -> None:
    page = client.get("/query", params={"lang": "fr"}).text
    assert "Le groupe, par l'un de ses noms ou sigles, ou son IRI." in html.unescape(page)
    assert re.search(r"<label[^>]*>groupe <code>group</code>", page)
