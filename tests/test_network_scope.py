"""The regional scope of a tie: same country, sub-region, region or across regions, and the
development divide it crosses, from the UN M49 regions and groupings of the countries of its
two ends; filtered in networks and measures, and written in every file format.

On a fixture of its own: six actors of one group, in France (two), Germany, Italy, Senegal and
Brazil, and one with no country, so that every pair's scope is known from the lines below.
"""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

from ssegraph.errors import BadParameter
from ssegraph.graph import KnowledgeGraph
from ssegraph.metrics import compute
from ssegraph.network import Filters, build, divide, scope, within
from ssegraph.network.reads import Place
from ssegraph.network_io import FORMATS, write
from ssegraph.vocab import ID

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"

COUNTRIES = {  # state: ISO code, M49 region, sub-region, grouping
    "fr": ("FR", "150", "155", "north"),
    "de": ("DE", "150", "155", "north"),
    "it": ("IT", "150", "039", "north"),
    "sn": ("SN", "002", "202", "south"),
    "br": ("BR", "019", "419", "south"),
}
ACTORS = {"a": "fr", "b": "fr", "c": "de", "d": "it", "e": "sn", "f": "br", "g": None}


def turtle() -> str:
    lines = [
        "@prefix sse: <https://w3id.org/ssegraph/ontology#> .",
        "@prefix w3org: <http://www.w3.org/ns/org#> .",
        "@prefix schema: <https://schema.org/> .",
        *(f"@prefix {kind}: <{ID}{kind}/> ." for kind in ("org", "state", "region", "grouping")),
        "@prefix membership: <https://w3id.org/ssegraph/id/membership/> .",
        "org:circle a sse:SSENetwork .",
    ]
    for state, (code, region, subregion, grouping) in COUNTRIES.items():
        lines.append(
            f'state:{state} a sse:State , schema:Country ; sse:isoCode "{code}" ;'
            f" sse:m49Region region:m49-{region} ; sse:m49SubRegion region:m49-{subregion} ;"
            f" sse:developmentGroup grouping:{grouping} ."
        )
    for actor, state in ACTORS.items():
        country = f" ; sse:country state:{state}" if state else ""
        lines.append(f"org:{actor} a sse:SSENetwork{country} .")
        lines.append(
            f"membership:{actor} a w3org:Membership ; w3org:member org:{actor} ;"
            " w3org:organization org:circle ."
        )
    return "\n".join(lines)


CIRCLE = str(ID["org/circle"])


@pytest.fixture(scope="module")
def kg_circle() -> KnowledgeGraph:
    kg = KnowledgeGraph.load(MINI)
    kg.add(Graph().parse(data=turtle(), format="turtle"), "data/scope")
    return kg


@pytest.fixture(scope="module")
def circle(kg_circle) -> nx.Graph:
    return build(kg_circle, "co-membership", Filters(groups=(CIRCLE,)))


def edge(graph: nx.Graph, u: str, v: str) -> dict:
    return graph.edges[str(ID[f"org/{u}"]), str(ID[f"org/{v}"])]


def test_every_pair_has_the_scope_of_its_countries(circle) -> None:
    assert circle.number_of_edges() == 21  # seven actors, every pair shares the circle
    expected = {
        ("a", "b"): ("same-country", "north-north"),
        ("a", "c"): ("same-subregion", "north-north"),
        ("a", "d"): ("same-region", "north-north"),
        ("a", "e"): ("inter-regional", "north-south"),
        ("e", "f"): ("inter-regional", "south-south"),
        ("a", "g"): ("unknown", "unknown"),
    }
    for (u, v), (tie_scope, tie_divide) in expected.items():
        assert (edge(circle, u, v)["scope"], edge(circle, u, v)["divide"]) == (
            tie_scope,
            tie_divide,
        )
    assert circle.nodes[str(ID["org/e"])]["region"] == str(ID["region/m49-002"])


def test_a_country_without_region_or_grouping_gives_unknown() -> None:
    france = Place("FR", "fr", "150", "155", str(ID["grouping/north"]))
    nowhere = Place("XX", "xx", None, None, None)
    assert scope(france, nowhere) == divide(france, nowhere) == "unknown"
    assert scope(nowhere, nowhere) == "same-country"  # the same country, whatever its region
    assert scope(None, france) == divide(france, None) == "unknown"


def test_networks_keep_the_scopes_asked(kg_circle) -> None:
    def pairs(**wanted: tuple[str, ...]) -> set[frozenset[str]]:
        graph = build(kg_circle, "co-membership", Filters(groups=(CIRCLE,), **wanted))
        return {frozenset(str(n).rpartition("/")[2] for n in pair) for pair in graph.edges}

    assert pairs(scopes=("same-country",)) == {frozenset("ab")}
    assert pairs(divides=("south-south",)) == {frozenset("ef")}
    assert pairs(scopes=("same-country", "same-subregion")) == {
        frozenset("ab"),
        frozenset("ac"),
        frozenset("bc"),
    }
    north_south = pairs(scopes=("inter-regional",), divides=("north-south",))
    assert north_south == {frozenset((n, s)) for n in "abcd" for s in "ef"}
    assert pairs(scopes=("unknown",)) == {frozenset((x, "g")) for x in "abcdef"}


def test_measures_keep_the_scopes_asked(circle) -> None:
    rows = {row.node.rpartition("/")[2]: row for row in compute(circle, divides=("south-south",))}
    assert set(rows) == {"e", "f"} and rows["e"].degree == 1
    everything = compute(circle)
    assert len(everything) == 7 and {row.degree for row in everything} == {6}
    assert within(circle, (), ()) is circle


def test_an_unknown_scope_is_refused_with_the_known_ones(kg_circle, circle) -> None:
    with pytest.raises(BadParameter, match="unknown scope 'national'") as error:
        build(kg_circle, "co-membership", Filters(scopes=("national",)))
    assert "same-country" in str(error.value.choices)
    with pytest.raises(BadParameter, match="unknown divide 'east-west'"):
        compute(circle, divides=("east-west",))


@pytest.mark.parametrize("name", ["graphml", "gexf", "json", "cytoscape", "csv"])
def test_every_format_writes_the_scope_and_divide(circle, tmp_path, name) -> None:
    path = tmp_path / f"circle{FORMATS[name].extension or '-csv'}"
    write(circle, path, name)
    if name == "csv":
        with (path / "edges.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert {row["scope"] for row in rows} == {
            "same-country",
            "same-subregion",
            "same-region",
            "inter-regional",
            "unknown",
        }
        assert {row["divide"] for row in rows} == {
            "north-north",
            "north-south",
            "south-south",
            "unknown",
        }
    else:
        text = path.read_text(encoding="utf-8")
        assert "same-subregion" in text and "south-south" in text
