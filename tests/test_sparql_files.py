"""Every SPARQL text the package runs parses: one parametrised check over ``sparql/``."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql import prepareQuery

from ssegraph import sparql
from ssegraph.vocab import PREFIXES


def test_the_resource_folder_holds_the_derivations_and_network_reads() -> None:
    names = sparql.names()
    assert "derive/tenure-memberships" in names
    assert "network/memberships" in names


@pytest.mark.parametrize("name", sparql.names())
def test_every_packaged_query_parses(name: str) -> None:
    prepareQuery(sparql.text(name), initNs=PREFIXES)
