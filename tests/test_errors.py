"""Each user-facing error says how each front end reports it: an exit code and an HTTP status."""

from __future__ import annotations

import pytest

from ssegraph import errors

TYPES = sorted(
    (
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, errors.SsegraphError)
    ),
    key=lambda kind: kind.__name__,
)


@pytest.mark.parametrize("kind", TYPES, ids=lambda kind: kind.__name__)
def test_every_error_has_an_exit_code_and_an_http_status(kind: type) -> None:
    assert kind.exit_code in (1, 2)
    assert 400 <= kind.http_status < 600


def test_what_the_client_got_wrong_is_4xx_and_what_the_server_cannot_do_5xx() -> None:
    assert errors.UnknownEntity("x").http_status == 404
    assert errors.BadParameter("--format", "unknown").http_status == 400
    assert errors.QueryError("query", "syntax").http_status == 400
    assert errors.Unavailable("every worker is busy").http_status == 503
    assert errors.WorkerFailed("a bug").http_status == 500
    assert errors.BrokenProject("data/x.ttl").http_status == 500


def test_an_unknown_name_is_said_in_french_and_stays_english_for_the_command_line() -> None:
    error = errors.UnknownEntity("zzz", ["ILO", "OIT"])
    assert error.message == "nothing in the graph is called 'zzz'"
    assert error.hints() == ["nearest names: ILO, OIT"]
    assert error.said("fr") == (
        "rien dans le graphe ne s'appelle 'zzz'",
        ["noms les plus proches : ILO, OIT"],
    )
    assert error.said("en") == (error.message, error.hints())


def test_an_ambiguous_name_lists_its_candidates_in_french_too() -> None:
    error = errors.AmbiguousName("forum", [(f"iri{n}", f"Forum {n}") for n in range(12)])
    message, hints = error.said("fr")
    assert message == "'forum' désigne 12 entités ; donnez l'IRI de l'une d'elles"
    assert hints[0] == "iri0  Forum 0" and hints[-1] == "… et 2 de plus (voir `ssegraph search`)"
    assert error.hints()[-1] == "... and 2 more (see `ssegraph search`)"


def test_a_bad_parameter_is_french_where_its_caller_wrote_the_detail_in_french() -> None:
    worded = errors.BadParameter("radius", "not a number", ["1", "2"], french="pas un nombre")
    assert worded.said("fr") == ("radius : pas un nombre", ["choisissez parmi : 1, 2"])
    unworded = errors.BadParameter("radius", "not a number")
    assert unworded.said("fr") == ("radius: not a number", [])  # the English detail, as given
