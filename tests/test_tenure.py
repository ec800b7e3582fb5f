"""The one rule of time: when a membership, role or post is held (derive/tenure.py).

Code tests on hand-made clues pin each case of the rule; then a steward's new membership merged
through the CSV template is held from the moment it is merged, the same for the catalogue, the
networks and the Python API.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ssegraph.catalogue import query
from ssegraph.cli import app
from ssegraph.dates import FOREVER, NEVER, spans_in
from ssegraph.derive.tenure import Clues, Lists, periods
from ssegraph.graph import KnowledgeGraph
from ssegraph.network import Filters, build
from ssegraph.vocab import ID

ROOT = Path(__file__).resolve().parents[1]
D = dt.date
MEMBER, OBSERVER = "role/member", "role/observer"
# One group with two complete member lists, of 2014 and 2017, naming members only.
LISTS = Lists(
    days={"g": [D(2014, 9, 17), D(2017, 7, 8)]},
    sources={("g", D(2014, 9, 17)): frozenset({"l14"}), ("g", D(2017, 7, 8)): frozenset({"l17"})},
    roles={("g", D(2014, 9, 17)): frozenset({MEMBER}), ("g", D(2017, 7, 8)): frozenset({MEMBER})},
)


def clues(
    *attested: D,
    begin: D | None = None,
    end: D | None = None,
    sources: frozenset[str] = frozenset(),
    role: str = MEMBER,
) -> Clues:
    return Clues("g", role, begin, end, attested, sources)


def test_a_member_on_both_lists_holds_from_the_first_on() -> None:
    both = clues(D(2014, 9, 17), D(2017, 7, 8), sources=frozenset({"l14", "l17"}))
    assert periods(both, LISTS) == ((D(2014, 9, 17), FOREVER),)


def test_a_member_left_out_by_a_later_list_holds_until_the_day_before_it() -> None:
    dropped = clues(D(2014, 9, 17), sources=frozenset({"l14"}))
    assert periods(dropped, LISTS) == ((D(2014, 9, 17), D(2017, 7, 7)),)


def test_a_single_mention_adds_to_the_last_list_without_replacing_it() -> None:
    mention = clues(D(2020, 7, 17), sources=frozenset({"page"}))
    assert periods(mention, LISTS) == ((D(2020, 7, 17), FOREVER),)


def test_a_list_ends_no_seat_of_a_role_it_does_not_name() -> None:
    observer = clues(begin=D(2013, 5, 1), sources=frozenset({"origins"}), role=OBSERVER)
    assert periods(observer, LISTS) == ((D(2013, 5, 1), FOREVER),)


def test_a_stated_interval_is_the_whole_story() -> None:
    spokesperson = clues(D(2014, 2, 4), begin=D(2014, 2, 4), end=D(2014, 2, 4))
    assert periods(spokesperson, LISTS) == ((D(2014, 2, 4), D(2014, 2, 4)),)


def test_an_open_interval_is_closed_by_the_first_later_list_that_leaves_it_out() -> None:
    assert periods(clues(begin=D(2015, 1, 1)), LISTS) == ((D(2015, 1, 1), D(2017, 7, 7)),)
    on_it = clues(begin=D(2015, 1, 1), sources=frozenset({"l17"}))
    assert periods(on_it, LISTS) == ((D(2015, 1, 1), FOREVER),)


def test_an_interval_with_only_an_end_holds_until_that_end() -> None:
    assert periods(clues(end=D(2016, 12, 31)), LISTS) == ((NEVER, D(2016, 12, 31)),)


def test_an_interval_that_ends_before_it_begins_holds_never() -> None:
    assert periods(clues(begin=D(2016, 1, 1), end=D(2015, 1, 1)), LISTS) == ()


def test_a_membership_without_any_clue_of_time_is_held_on_no_date() -> None:
    assert periods(clues(), LISTS) == ()


def test_dates_at_a_coarser_precision_are_read_generously() -> None:
    assert spans_in("2019") == [(D(2019, 1, 1), D(2019, 12, 31))]
    assert spans_in("2019-02") == [(D(2019, 2, 1), D(2019, 2, 28))]


# ---- a steward's membership, merged through the CSV template


@pytest.fixture(scope="module")
def with_spain(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The curated project plus Spain in GPIESS from 15 May 2019, with only a start date
    (Spain is a node of the graph: source 003 names it)."""
    root = tmp_path_factory.mktemp("project")
    for name in ("ontology", "data", "queries"):
        shutil.copytree(ROOT / name, root / name)
    sheet = root / "spain.csv"
    sheet.write_text(
        "member,group,role,attested_on,start,end,source\n"
        "Spain,GPIESS,member,,2019-05-15,,source/gpiess-presentation-2017\n",
        encoding="utf-8",
    )
    spain = CliRunner().invoke(app, ["--project", str(root), "add", str(sheet), "--to", "spain"])
    assert spain.exit_code == 0, spain.output
    return KnowledgeGraph.load(root)


def test_a_stewards_membership_with_only_a_start_date_is_held_from_it(
    with_spain: KnowledgeGraph,
) -> None:
    spain = str(ID["state/spain"])
    members = {row["member"] for row in query(with_spain, "members-as-of", date="2019-06-01")}
    assert spain in members
    assert spain not in {
        row["member"] for row in query(with_spain, "members-as-of", date="2019-05-14")
    }
    changes = query(with_spain, "membership-changes", since="2018-01-01", until="2019-12-31")
    assert {row["change"] for row in changes if row["member"] == spain} == {"joined"}
    network = build(with_spain, "co-membership", Filters(as_of=D(2019, 6, 1), groups=("GPIESS",)))
    assert spain in network
    assert spain not in build(
        with_spain, "co-membership", Filters(as_of=D(2019, 5, 14), groups=("GPIESS",))
    )


def test_a_membership_added_through_the_api_is_held_at_once(fresh_mini: KnowledgeGraph) -> None:
    from rdflib import Literal as RdfLiteral
    from rdflib.namespace import RDF, XSD

    from ssegraph.vocab import ORG, SSE

    seat = ID["membership/undp--gpiess--member"]
    fresh_mini.add(
        [
            (seat, RDF.type, ORG.Membership),
            (seat, ORG.member, ID["org/undp"]),
            (seat, ORG.organization, ID["org/gpiess"]),
            (seat, ORG.role, ID["role/member"]),
            (seat, SSE.attestedOn, RdfLiteral("2019-05-15", datatype=XSD.date)),
        ],
        "data/new",
    )
    held = fresh_mini.select("SELECT ?from WHERE { ?m sse:tenure/sse:heldFrom ?from }", {"m": seat})
    assert [row["from"].toPython() for row in held] == [D(2019, 5, 15)]
