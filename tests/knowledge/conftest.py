"""Fixtures of the knowledge tests: the organisations several source texts talk about.

Each is found by one of its acronyms; that the other names the sources give it lead to the same
node is checked by the tests (test_names_unique, test_untfsse_origins, test_gpiess_2014/2017).
"""

from __future__ import annotations

import pytest

from . import helpers as h


def _organisation(fixture_name: str, acronym: str):
    """A session fixture called ``fixture_name``: the one organisation named ``acronym``."""

    @pytest.fixture(scope="session", name=fixture_name)
    def organisation(kg):
        return h.one(kg, acronym, kind="org")

    organisation.__doc__ = f"The organisation named {acronym}."
    return organisation


gpiess = _organisation("gpiess", "GPIESS")  # Groupe Pilote International de l'ESS
tfsse = _organisation("tfsse", "UNTFSSE")  # the UN Inter-Agency Task Force on SSE
rmb = _organisation("rmb", "RMB")  # the Rencontres du Mont-Blanc (2014 presentation, 002)
essfi = _organisation("essfi", "ESSFI")  # the same association, by the name of the 2017 page
gsef = _organisation("gsef", "GSEF")  # the Global Social Economy Forum
ripess = _organisation("ripess", "RIPESS")  # the intercontinental SSE network
