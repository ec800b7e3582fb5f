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
