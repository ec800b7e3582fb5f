"""Every catalogue query answers what the source texts say.

Each test runs one query of ``queries/`` on the real graph and checks its answer against the
French source documents (/work/shared/sources): 000 is the GPIESS page of 8 July 2017, 001 the
GPIESS presentation of 17 September 2014, 002 the origins of the UN task force, 003 GSEF's page
on its international collaboration, 004 the RIPESS working group's call. A new query needs a
test here: ``test_every_catalogue_query_has_an_answer_test`` fails until it has one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from ssegraph.catalogue import Catalogue, query
from ssegraph.graph import KnowledgeGraph
from ssegraph.vocab import ID

ROOT = Path(__file__).resolve().parents[1]
ANSWERED: set[str] = set()
Test = TypeVar("Test", bound=Callable[..., None])


def answers(name: str) -> Callable[[Test], Test]:
    """Mark a test as the one that checks the catalogue query ``name`` against the sources."""

    def mark(test: Test) -> Test:
        ANSWERED.add(name)
        return test

    return mark


def iri(path: str) -> str:
    return str(ID[path])


def column(rows: Iterable[dict[str, object]], name: str, **where: object) -> set[object]:
    """The values of one column, in the rows whose other columns have the given values."""
    return {row[name] for row in rows if all(row[key] == value for key, value in where.items())}


# Answered from the public pages of data/batches/ in tests/knowledge/test_since_2013.py.
ANSWERED.update(
    {
        "resolution-sponsors", "sponsors-of-both", "group-by-year", "un-outcomes-in-year",
        "collaborations-by-scope",
    }
)  # fmt: skip


def test_every_catalogue_query_has_an_answer_test() -> None:
    assert set(Catalogue.load(ROOT).names()) <= ANSWERED
    assert len(ANSWERED) >= 20


@answers("members-as-of")
def test_members_of_the_leading_group_in_2014_and_2017(kg: KnowledgeGraph) -> None:
    in_2014 = query(kg, "members-as-of", group="GPIESS", date="2014-09-17")
    # 001: "Liste des parties prenantes ... (au 17 septembre 2014)"
    assert column(in_2014, "member", roleLabel="member") == {
        iri(p)
        for p in (
            "state/france", "state/morocco", "state/luxembourg", "state/ecuador",
            "state/colombia", "org/untfsse", "org/essfi", "org/ica", "org/aim", "org/aimf",
            "org/fmdv",
        )
    }  # fmt: skip
    assert column(in_2014, "member", roleLabel="observer member") == {iri("gov/quebec")}
    in_2017 = query(kg, "members-as-of", group="Groupe pilote international de l'ESS")
    # 000, "MEMBRES": seven States, two observer members, the task force, seven SSE bodies
    assert column(in_2017, "member", roleLabel="member") == column(
        in_2014, "member", roleLabel="member"
    ) | {iri("state/costa-rica"), iri("state/greece"), iri("org/gsef"), iri("org/ripess")}
    assert column(in_2017, "member", roleLabel="observer member") == {
        iri("gov/quebec"),
        iri("state/senegal"),
    }
    # since when: France from the 2014 list on, Costa Rica from the 2017 one; both go on
    assert column(in_2017, "since", member=iri("state/france"), roleLabel="member") == {
        dt.date(2014, 9, 17)
    }
    assert column(in_2017, "since", member=iri("state/costa-rica")) == {dt.date(2017, 7, 8)}
    assert column(in_2017, "until", roleLabel="member") == {None}
    # between the two lists, the 2014 one holds; before it, none does
    between = query(kg, "members-as-of", date="2016-01-01")
    assert column(between, "member") == column(in_2014, "member")
    assert len(query(kg, "members-as-of", date="2014-09-16")) == 0


@answers("membership-changes")
def test_who_joined_the_leading_group_between_2014_and_2017(kg: KnowledgeGraph) -> None:
    rows = query(kg, "membership-changes", group="GPIESS", since="2014-09-17", until="2017-12-31")
    assert column(rows, "member", change="joined") == {
        iri("state/costa-rica"), iri("state/greece"), iri("state/senegal"),
        iri("org/gsef"), iri("org/ripess"),
    }  # fmt: skip
    assert column(rows, "roleLabel", member=iri("state/senegal")) == {"observer member"}
    assert column(rows, "change", member=iri("org/essfi")) == {"stayed"}  # RMB in 2014
    assert column(rows, "change") == {"joined", "stayed"}  # nobody left


@answers("observers")
def test_observers_of_the_task_force_and_of_the_leading_group(kg: KnowledgeGraph) -> None:
    # 002: "Le RIPESS et les RMB ... en tant qu'observateurs"; 003: GSEF "en tant qu'observateur";
    # the ILO's page on the task force's 42nd meeting (7 March 2023): eleven observers took part
    task_force = query(kg, "observers", group="UNTFSSE")
    assert column(task_force, "observer") == {
        iri(f"org/{slug}")
        for slug in (
            "ripess", "essfi", "gsef", "ica", "catalyst2030", "ciriec", "csend", "emes",
            "euricse", "diesis", "euclid-network",
            # since 2022 and 2024 (the task force's pages: data/batches/untfsse-*)
            "eesc", "wfto",
        )
    }  # fmt: skip
    assert column(task_force, "roleLabel") == {"observer"}
    leading_group = query(kg, "observers", group="GPIESS", lang="fr")
    assert column(leading_group, "observerLabel") == {"Gouvernement du Québec", "Sénégal"}
    assert column(leading_group, "roleLabel") == {"membre observateur"}


@answers("role-holders")
def test_holders_of_the_chair_the_secretariat_and_the_coordination(kg: KnowledgeGraph) -> None:
    # 000: "présidé par un Etat ... actuellement la France", "secrétariat permanent composé
    # d'ESS Forum International, du MAEDI et de la DIESS"; 004: "Coordonné par le RIPESS"
    # and the task force's chairs: Vic van Vuuren (ILO, 26 October 2021), Chantal Line
    # Carpentier (ILO, 21 March 2023)
    # since: Christophe Itier in France's chair of the Leading Group (September 2018), Simel
    # Esim co-chair of the task force (2024) (data/gpiess-since-2018.ttl, untfsse-since-2013.ttl)
    assert column(query(kg, "role-holders", role="chair"), "holder") == {
        iri("state/france"),
        iri("person/vic-van-vuuren"),
        iri("person/chantal-line-carpentier"),
        iri("person/christophe-itier"),
        iri("person/simel-esim"),
    }
    assert column(query(kg, "role-holders", role="secrétariat"), "holder") == {
        iri("org/essfi"),
        iri("org/maedi"),
        iri("org/diess"),
        iri("org/ilo"),  # the task force's secretariat (ILO, 21 March 2023)
        iri("person/laure-jongejans"),  # RIPESS's secretariat (data/ripess-networks.ttl)
    }
    coordination = query(kg, "role-holders", role="coordinator")
    assert column(coordination, "holder", group=iri("org/ssen-collaboration-working-group")) == {
        iri("org/ripess")
    }
    # since: ESSFI coordinating the Leading Group in 2018 (data/gpiess-since-2018.ttl); RIPESS's
    # own coordination: RIPESS Europe from October 2017, Jason Nardi, then Judith Hitchman,
    # Marcus Hill and Shigeru Tanaka (data/ripess-networks.ttl)
    assert column(coordination, "holder", group=iri("org/gpiess")) == {iri("org/essfi")}
    assert column(coordination, "holder", group=iri("org/ripess")) == {
        iri(path)
        for path in (
            "org/ripess-europe", "person/jason-nardi", "person/judith-hitchman",
            "person/marcus-hill", "person/shigeru-tanaka",
        )
    }  # fmt: skip


@answers("group-governance")
def test_who_runs_the_leading_group(kg: KnowledgeGraph) -> None:
    rows = query(kg, "group-governance", group="GPIESS")
    # France's chair, taken in September 2018 by Christophe Itier (data/gpiess-since-2018.ttl)
    assert column(rows, "holder", roleLabel="chair") == {
        iri("state/france"), iri("person/christophe-itier"),
    }  # fmt: skip
    assert column(rows, "holder", roleLabel="secretariat") == {
        iri("org/essfi"), iri("org/maedi"), iri("org/diess"),
    }  # fmt: skip
    # 001: "administré par l'association des Rencontres du Mont-Blanc"; the spokespersons of
    # the side-event of 4 February 2014: France, Morocco, Ecuador
    assert column(rows, "holder", roleLabel="administrator") == {iri("org/essfi")}
    assert column(rows, "holder", roleLabel="spokesperson") == {
        iri("state/france"), iri("state/morocco"), iri("state/ecuador"),
    }  # fmt: skip
    assert column(rows, "from", roleLabel="spokesperson") == {dt.date(2014, 2, 4)}


@answers("actor-timeline")
def test_the_timeline_of_gsef(kg: KnowledgeGraph) -> None:
    rows = query(kg, "actor-timeline", actor="Forum mondial de l'économie sociale")
    assert {
        (row["date"], row["kind"], row["what"], row["how"])
        for row in rows
        if row["kind"] != "event"
    } >= {
        (dt.date(2016, 10, 20), "outcome", iri("outcome/new-urban-agenda"), "contributed to"),
        (dt.date(2017, 7, 8), "membership", iri("org/gpiess"), "member"),
        (dt.date(2019, 6, 21), "outcome", iri("outcome/ilo-centenary-declaration"),
         "contributed to"),
        (dt.date(2020, 7, 17), "membership", iri("org/untfsse"), "observer"),
    }  # fmt: skip
    assert (iri("event/gsef-special-session-untfsse-2019"), "organizer") in {
        (row["what"], row["how"]) for row in rows
    }
    dated = [str(row["date"]) for row in rows if row["date"] is not None]
    assert dated == sorted(dated)
    assert all(row["date"] is None for row in rows[len(dated) :])  # undated links last


@answers("events-in-year")
def test_the_events_of_2019_and_the_inaes_webinars_of_2020(kg: KnowledgeGraph) -> None:
    in_2019 = query(kg, "events-in-year", year=2019)
    assert column(in_2019, "start", event=iri("event/untfsse-conference-2019")) == {
        dt.date(2019, 6, 25)
    }
    assert column(in_2019, "partners", event=iri("event/gsef-special-session-untfsse-2019")) == {
        "Organisation for Economic Co-operation and Development"
    }
    # 003: six webinars between 26 May and 30 June 2020; Laurence Kwark spoke at the fifth
    in_2020 = query(kg, "events-in-year", year="2020")
    webinars = {iri(f"event/inaes-webinar-2020-{n}") for n in range(1, 7)}
    # GSEF's preparatory series has no date of its own: 2020 is inferred (it fed the webinars)
    assert column(in_2020, "event") == webinars | {
        iri("event/inaes-webinar-series-2020"),
        iri("event/gsef-preparatory-webinar-series"),
    }
    assert column(in_2020, "speakers", event=iri("event/inaes-webinar-2020-5")) == {
        "Laurence Kwark"
    }
    series = next(row for row in in_2020 if row["event"] == iri("event/inaes-webinar-series-2020"))
    assert set(str(series["organisers"]).split("; ")) == {
        "National Institute of the Social Economy of Mexico",
        "GSEF2021 Local Organising Committee",
    }
    assert series["partners"] == "Global Social Economy Forum"


@answers("events-at-place")
def test_events_in_new_york_and_in_ecuador(kg: KnowledgeGraph) -> None:
    new_york = column(query(kg, "events-at-place", place="New York"), "event")
    # 001: side-event at UN headquarters (26 March 2012), presentation to the UN (4 February
    # 2014); 003: HLPF, 9-18 July 2018, New York
    assert new_york >= {
        iri("event/rmb-side-event-new-york-2012"),
        iri("event/gpiess-presentation-side-event-2014"),
        iri("event/hlpf-2018"),
        iri("event/gsef-hlpf-side-event-2018"),
    }
    ecuador = query(kg, "events-at-place", place="Équateur", lang="fr")  # Habitat III, Quito
    assert column(ecuador, "event") == {iri("event/habitat-iii-2016")}
    assert column(ecuador, "locationLabel") == {"Quito"}


@answers("events-by-organiser")
def test_events_organised_by_gsef_and_by_the_mont_blanc_meetings(kg: KnowledgeGraph) -> None:
    gsef = query(kg, "events-by-organiser", organiser="GSEF")
    assert column(gsef, "event") >= {
        iri("event/gsef-hlpf-side-event-2018"),
        iri("event/gsef-special-session-untfsse-2019"),
        iri("event/gsef-session-citynet-congress-8"),
        iri("event/gsef-session-world-urban-forum-9"),
    }
    # 003: four speakers, a moderator and an opening address at the special session
    assert column(gsef, "speakers", event=iri("event/gsef-special-session-untfsse-2019")) == {6}
    rmb = query(kg, "events-by-organiser", organiser="Rencontres du Mont-Blanc")
    assert column(rmb, "date") >= {dt.date(2012, 3, 26), dt.date(2012, 6, 19)}
    # 001: the side-event of 4 February 2014, "en partenariat avec l'UNRISD et l'UN-NGLS"
    partners = column(rmb, "partners", event=iri("event/gpiess-presentation-side-event-2014"))
    assert {frozenset(str(p).split("; ")) for p in partners} == {
        frozenset(
            {
                "United Nations Research Institute for Social Development",
                "United Nations Non-Governmental Liaison Service",
            }
        )
    }


@answers("event-sessions")
def test_sessions_of_rio_20_of_the_2019_conference_and_of_the_inaes_series(
    kg: KnowledgeGraph,
) -> None:
    rio = query(kg, "event-sessions", event="Rio+20")
    assert column(rio, "start") == {dt.date(2012, 3, 26), dt.date(2012, 6, 19)}
    assert column(rio, "organisers") == {"ESS Forum International"}
    conference = query(kg, "event-sessions", event="UNTFSSE International Conference 2019")
    assert column(conference, "session") == {iri("event/gsef-special-session-untfsse-2019")}
    assert column(conference, "partners") == {
        "Organisation for Economic Co-operation and Development"
    }
    series = query(kg, "event-sessions", event=ID["event/inaes-webinar-series-2020"])
    assert len(series) == 6
    assert (min(column(series, "start")), max(column(series, "end"))) == (
        dt.date(2020, 5, 26),
        dt.date(2020, 6, 30),
    )


@answers("session-speakers")
def test_speakers_of_the_gsef_session_at_the_2019_conference(kg: KnowledgeGraph) -> None:
    rows = query(kg, "session-speakers", event="UNTFSSE International Conference 2019")
    assert column(rows, "personLabel", partLabel="speaker") == {
        "Ester Vidal", "Joon Hyung Lee", "Edison Masereka", "Byung-hoon Lee",
    }  # fmt: skip
    assert column(rows, "personLabel", partLabel="moderator") == {"Antonella Noya"}
    assert column(rows, "posts", personLabel="Laurence Kwark") == {"Secretary General of GSEF"}
    assert column(rows, "partLabel", personLabel="Laurence Kwark") == {"opening speaker"}


@answers("outcomes")
def test_outcomes_with_their_adoption_event_date_and_contributors(kg: KnowledgeGraph) -> None:
    rows = {row["outcome"]: row for row in query(kg, "outcomes")}
    # 003: the New Urban Agenda, adopted at Habitat III (17-20 October 2016, Quito)
    agenda = rows[iri("outcome/new-urban-agenda")]
    assert agenda["date"] == dt.date(2016, 10, 20)
    assert "Habitat III" in str(agenda["eventLabel"])
    assert "Global Social Economy Forum" in str(agenda["contributors"])
    # 003: "On June 21st, ILO adopted ... during its 108th International Labour Conference"
    declaration = rows[iri("outcome/ilo-centenary-declaration")]
    assert declaration["date"] == dt.date(2019, 6, 21)
    assert declaration["eventLabel"] == "108th session of the International Labour Conference"
    assert rows[iri("outcome/praia-manifesto")]["eventLabel"] == (
        "4th World Forum of Local Economic Development"
    )


@answers("actor-outcomes")
def test_the_outcomes_gsef_and_the_mont_blanc_meetings_shaped(kg: KnowledgeGraph) -> None:
    gsef = query(kg, "actor-outcomes", actor="GSEF")
    assert column(gsef, "outcome", how="contributed to") == {
        iri("outcome/new-urban-agenda"),
        iri("outcome/ilo-centenary-declaration"),
        iri("outcome/praia-manifesto"),
    }
    assert column(gsef, "date", outcome=iri("outcome/gsef-statement-ilo-declaration-2019")) == {
        dt.date(2019, 7, 23)
    }
    # 001: special consultative status with ECOSOC, decided at the session of 21-30 January 2013
    status = query(kg, "actor-outcomes", actor="RMB")
    assert column(status, "how") == {"granted to"}
    assert column(status, "date") == {"2013-01"}


@answers("people-affiliations")
def test_people_and_their_posts(kg: KnowledgeGraph) -> None:
    rows = query(kg, "people-affiliations")
    assert column(rows, "organisation", personLabel="Laurence Kwark") == {iri("org/gsef")}
    assert column(rows, "postTitle", personLabel="Antonella Noya") == {
        "Head of the Social Economy and Innovation Unit, OECD"
    }
    # 002: "Ben Quinones, Daniel Tygel et Judith Hitchman ont participé pour le RIPESS"
    # and RIPESS's coordinators, secretariat and continental speakers of 2013-2020 (RIPESS's
    # pages: data/ripess-networks.ttl)
    assert column(rows, "personLabel", organisation=iri("org/ripess")) == {
        "Ben Quinones", "Daniel Tygel", "Judith Hitchman", "Jason Nardi", "Shigeru Tanaka",
        "Yvon Poirier", "Marcus Hill", "Laure Jongejans",
    }  # fmt: skip
    # 001: the association, "à travers son Président Thierry Jeantet"
    assert column(rows, "roleLabel", personLabel="Thierry Jeantet") == {"president"}
    assert column(rows, "organisation", personLabel="Juan Antonio Pedreño") == {
        iri("org/social-economy-europe"),
        iri("org/cepes"),
    }


@answers("in-common")
def test_what_gsef_ripess_and_the_oecd_have_in_common(kg: KnowledgeGraph) -> None:
    ripess = {
        row["shared"]: (row["firstParts"], row["secondParts"])
        for row in query(kg, "in-common", first="GSEF", second="RIPESS")
    }
    assert ripess == {
        iri("org/gpiess"): ("member", "member"),
        iri("org/untfsse"): ("observer", "observer"),
    }
    oecd = query(kg, "in-common", first="GSEF", second="OCDE")
    assert column(oecd, "secondParts", shared=iri("event/gsef-special-session-untfsse-2019")) == {
        "partner"
    }


@answers("statement-sources")
def test_the_sources_behind_gsef_and_the_new_urban_agenda(kg: KnowledgeGraph) -> None:
    gsef = query(kg, "statement-sources", node="GSEF")
    assert column(gsef, "source", about=iri("membership/gsef--gpiess--member")) == {
        iri("source/gpiess-presentation-2017")
    }
    assert column(gsef, "source", about=iri("membership/gsef--untfsse--observer")) == {
        iri("source/gsef-international-collaboration")
    }
    agenda = query(kg, "statement-sources", node="New Urban Agenda")
    assert column(agenda, "source", how="the node itself") == {
        iri("source/gsef-international-collaboration"),
        iri("source/a-res-71-256"),
    }


@answers("search-names")
def test_search_by_acronym_or_name_in_french_or_english(kg: KnowledgeGraph) -> None:
    assert iri("org/ilo") in column(query(kg, "search-names", text="OIT"), "thing")
    mont_blanc = query(kg, "search-names", text="mont-blanc")
    assert column(mont_blanc, "thing", matched="Rencontres du Mont-Blanc") == {iri("org/essfi")}
    # accents need not be typed: "economie" finds "Forum mondial de l'économie sociale"
    assert iri("org/gsef") in column(query(kg, "search-names", text="economie sociale"), "thing")


@answers("statistics")
def test_summary_statistics(kg: KnowledgeGraph) -> None:
    counts = {row["what"]: row["count"] for row in query(kg, "statistics")}
    # the people the five texts name: 2 in 001, 3 in 002, 14 in 003; and the moderator and two
    # speakers of the side event of 22 July 2022 (the ILO's page of 29 July 2022)
    # and the task force's two chairs (ILO pages, 2021 and 2023): 24; then 16 named by the pages
    # read since (RIPESS's coordinators and speakers, the task force's chairs, the Leading
    # Group's chair of 2018...)
    assert counts["people"] == 40
    assert counts["sources"] >= 5
    assert counts["organisations"] > 40 and counts["events"] > 30


@answers("actors-by-kind")
def test_actors_by_kind(kg: KnowledgeGraph) -> None:
    rows = query(kg, "actors-by-kind")
    assert column(rows, "names", kindLabel="leading group") == {
        "International Leading Group on Social and Solidarity Economy"
    }
    assert column(rows, "actors", kindLabel="person") == {40}  # 19 in the texts, 21 since 2021
    # 000: nine States in the 2017 list (seven members, Senegal, and Quebec is not a State)
    assert min(column(rows, "actors", kindLabel="State")) >= 9


@answers("actors-in-country")
def test_actors_of_france_and_of_spain(kg: KnowledgeGraph) -> None:
    france = column(query(kg, "actors-in-country", country="France"), "actor")
    assert france >= {iri("org/maedi"), iri("org/diess"), iri("org/essfi")}
    # 003: the Spanish secretary of state and director general who spoke in June 2020, the
    # Barcelona director and the president of CEPES ("Confédération espagnole")
    spain = query(kg, "actors-in-country", country="Espagne")
    assert column(spain, "actorLabel", links="holds a post there") == {
        "Joaquín Pérez Rey", "Maravillas Espín Sáez", "Ester Vidal", "Juan Antonio Pedreño",
    }  # fmt: skip


@answers("sub-organisations")
def test_the_un_system_and_the_french_government(kg: KnowledgeGraph) -> None:
    un = column(query(kg, "sub-organisations", parent="ONU"), "unit")
    assert un >= {iri("org/untfsse"), iri("org/ilo"), iri("org/unrisd"), iri("org/un-habitat")}
    assert column(query(kg, "sub-organisations", parent="France"), "unit") == {
        iri("org/maedi"),
        iri("org/diess"),
    }


@answers("founding-steps")
def test_how_the_leading_group_and_the_task_force_came_to_be(kg: KnowledgeGraph) -> None:
    steps = query(kg, "founding-steps", group="GPIESS")
    # 001: proposed in 2013, backed by France on 9 November 2013, recalled by François Hollande
    # on 12 November 2013, presented at the UN on 4 February 2014
    assert [str(row["date"]) for row in steps] == [
        "2013", "2013-11-09", "2013-11-12", "2014-02-04",
    ]  # fmt: skip
    assert "Thierry Jeantet" in str(steps[0]["actors"])
    task_force = query(kg, "founding-steps", group="UNTFSSE")
    # 002: the UNRISD conference of May 2013; the task force's page: its founding meeting in
    # Geneva on 30 September 2013
    assert column(task_force, "date") == {"2013-05", dt.date(2013, 9, 30)}


@answers("sources")
def test_the_source_documents_and_their_dates(kg: KnowledgeGraph) -> None:
    rows = query(kg, "sources")
    assert column(rows, "date", source=iri("source/gpiess-presentation-2014")) == {
        dt.date(2014, 9, 17)
    }
    assert column(rows, "date", source=iri("source/gpiess-presentation-2017")) == {
        dt.date(2017, 7, 8)
    }
    assert column(rows, "date", source=iri("source/untfsse-origins")) == {None}  # undated
    assert all(row["nodes"] > 0 for row in rows)


@answers("triple-sources")
def test_gsefs_observer_seat_is_stated_by_one_file_on_the_word_of_its_own_page(
    kg: KnowledgeGraph,
) -> None:
    # 003: GSEF sits in the UN task force as an observer; no other source says so
    rows = query(kg, "triple-sources")
    assert [(row["value"], row["statedIn"], row["source"]) for row in rows] == [
        (
            iri("role/observer"),
            "https://w3id.org/ssegraph/graph/data/gsef-collaboration",
            iri("source/gsef-international-collaboration"),
        )
    ]
    # a type the store entails says where it comes from: the derived graph, on the same word
    types = query(kg, "triple-sources", subject="id:org/ripess", property="rdf:type")
    assert column(types, "statedIn", value="http://www.w3.org/ns/org#Organization") == {
        "https://w3id.org/ssegraph/graph/derived/entailment"
    }
