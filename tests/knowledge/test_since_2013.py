"""The ecosystem after 2017, from the public pages in data/batches/ (each cited as a source with
its address), and the catalogue questions they answer.

Expected answers are what the pages say: Co-operative News of 20 December 2024 and RIPESS of
27 November 2024 on the second General Assembly resolution, the task force's account of the first
(18 April 2023), the ILO's news of 14 July 2022 and REAS's article on the 110th International
Labour Conference, the OECD's page on its Recommendation, and the pages on GSEF's forums.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Literal

from ssegraph.catalogue import query
from ssegraph.vocab import ID

from . import helpers as h

pytestmark = pytest.mark.knowledge

#: Co-operative News, 20 December 2024: the co-sponsors of the 79th session's resolution.
COSPONSORS_2024 = {
    "albania", "armenia", "austria", "belgium", "brazil", "bulgaria", "canada", "cabo-verde",
    "colombia", "costa-rica", "croatia", "cyprus", "czechia", "denmark", "dominican-republic",
    "el-salvador", "equatorial-guinea", "estonia", "eswatini", "finland", "france", "gambia",
    "germany", "greece", "guatemala", "honduras", "hungary", "indonesia", "ireland", "italy",
    "latvia", "lebanon", "lithuania", "luxembourg", "malta", "mongolia", "montenegro",
    "morocco", "netherlands", "north-macedonia", "philippines", "poland", "portugal",
    "moldova", "romania", "senegal", "sierra-leone", "slovakia", "slovenia", "spain",
    "suriname", "sweden", "tanzania", "uruguay", "uzbekistan", "vietnam",
}  # fmt: skip


def iri(path: str) -> str:
    return str(ID[path])


def test_every_new_page_is_a_source_with_its_address_and_the_day_it_was_read(kg) -> None:
    rows = h.select(
        kg,
        """
        SELECT ?source ?url ?read WHERE {
          ?source a dcterms:BibliographicResource ; schema:url ?url ; dcterms:title ?title .
          OPTIONAL { ?source sse:consultedOn ?read }
          FILTER (CONTAINS(STR(?url), "ripess") || CONTAINS(STR(?url), "thenews.coop")
                  || CONTAINS(STR(?url), "gsef") || CONTAINS(STR(?url), "oecd.org"))
        }""",
    )
    assert len(rows) >= 8
    # every page was read by a curator, on or before the day its batch was added
    assert all(r["read"] is not None for r in rows)
    assert {str(r["read"]) for r in rows} <= {"2026-12-01", "2026-12-02"}


def test_the_second_resolution_passed_175_to_0_at_the_second_committee(kg) -> None:
    rows = query(kg, "resolution-sponsors")
    assert {r["actor"] for r in rows if r["part"] == "presented"} == {iri("state/chile")}
    assert {r["actor"] for r in rows if r["part"] == "drafted"} == {iri("org/untfsse")}
    sponsors = {str(r["actor"]).rsplit("/", 1)[-1] for r in rows if r["part"] == "sponsored"}
    # the 56 of Co-operative News, and Chile from RIPESS's list (recorded as an inference)
    assert sponsors == COSPONSORS_2024 | {"chile"}
    vote = h.select(
        kg,
        """
        SELECT ?for ?against ?abstentions ?day WHERE {
          <https://w3id.org/ssegraph/id/outcome/unga-79-sse-resolution> sse:votesInFavour ?for ;
              sse:votesAgainst ?against ; sse:abstentions ?abstentions ;
              sse:abstainedBy <https://w3id.org/ssegraph/id/state/argentina> ;
              schema:datePublished ?day .
        }""",
    )
    assert [(int(r["for"]), int(r["against"]), int(r["abstentions"]), str(r["day"]))
            for r in vote] == [(175, 0, 1, "2024-11-26")]  # fmt: skip


def test_sponsors_carry_their_regions_and_grouping(kg) -> None:
    rows = {str(r["actor"]): r for r in query(kg, "resolution-sponsors", lang="fr")}
    senegal = rows[iri("state/senegal")]
    assert (senegal["regionLabel"], senegal["subregionLabel"], senegal["groupingLabel"]) == (
        "Afrique",
        "Afrique subsaharienne",
        "Sud",
    )
    assert rows[iri("state/france")]["subregionLabel"] == "Europe occidentale"


def test_the_states_that_led_the_first_resolution_and_sponsored_the_second(kg) -> None:
    # The task force's page: Chile, Senegal and Spain co-led A/RES/77/281, France supported it;
    # all three are among the second resolution's sponsors, and Senegal alone sat in the Leading
    # Group (an observer member on the 2017 list, 000)
    rows = {str(r["actor"]): r for r in query(kg, "sponsors-of-both")}
    assert len(rows) == len(COSPONSORS_2024) + 1
    both = {actor for actor, r in rows.items() if r["both"]}
    assert both == {iri("state/chile"), iri("state/senegal"), iri("state/spain")}
    assert rows[iri("state/senegal")]["memberships"] == (
        "International Leading Group on Social and Solidarity Economy (observer member)"
    )
    assert not rows[iri("state/chile")]["memberships"]
    france = h.via(kg, ID["state/france"], "prov:influenced")
    assert ID["outcome/a-res-77-281"] in france
    assert iri("state/argentina") not in rows  # it abstained


def test_the_first_resolution_was_adopted_by_consensus_on_18_april_2023(kg) -> None:
    rows = h.select(
        kg,
        """
        SELECT ?day ?meetingDay ?consensus WHERE {
          ?r skos:altLabel "A/RES/77/281"@en ; schema:datePublished ?day ;
             sse:adoptedByConsensus ?consensus ; sse:adoptedAt ?meeting .
          ?meeting schema:startDate ?meetingDay ; schema:organizer ?ga .
          ?ga skos:prefLabel "United Nations General Assembly"@en .
        }""",
    )
    assert [(str(r["day"]), str(r["meetingDay"]), bool(r["consensus"].toPython()))
            for r in rows] == [("2023-04-18", "2023-04-18", True)]  # fmt: skip


def test_outcomes_of_each_year_across_the_un_system(kg) -> None:
    def outcomes(year: int) -> set[object]:
        return {r["outcome"] for r in query(kg, "un-outcomes-in-year", year=str(year))}

    # the ILO's resolution at the 110th conference; the OECD's Recommendation is not the UN's
    assert outcomes(2022) == {iri("outcome/ilo-resolution-decent-work-sse-2022")}
    assert outcomes(2023) == {iri("outcome/a-res-77-281")}
    assert outcomes(2024) == {iri("outcome/unga-79-sse-resolution")}
    assert outcomes(2019) == {iri("outcome/ilo-centenary-declaration")}


def test_the_110th_labour_conference_and_the_oecd_recommendation(kg) -> None:
    ilc = h.one(kg, "ILC 2022", kind="event")
    assert {o.toPython() for o in h.objects(kg, ilc, "schema:startDate")} == {dt.date(2022, 5, 27)}
    assert {o.toPython() for o in h.objects(kg, ilc, "schema:endDate")} == {dt.date(2022, 6, 11)}
    rows = h.select(
        kg,
        """
        SELECT ?day ?council ?proposer WHERE {
          ?r a sse:Recommendation ; skos:prefLabel ?label ; schema:datePublished ?day ;
             sse:adoptedBy ?council ; sse:presentedBy ?proposer .
          FILTER (CONTAINS(STR(?label), "Social Innovation"))
        }""",
    )
    assert [(str(r["day"]), str(r["council"]), str(r["proposer"])) for r in rows] == [
        ("2022-06-10", iri("org/oecd-council"), iri("org/oecd-leed-committee"))
    ]


def test_gsef_forums_from_seoul_to_bordeaux(kg) -> None:
    rows = h.select(
        kg,
        """
        SELECT ?forum ?start ?city WHERE {
          ?forum skos:altLabel ?alt ; schema:startDate ?start ;
                 schema:location/skos:prefLabel ?city .
          FILTER (STRSTARTS(STR(?forum), "https://w3id.org/ssegraph/id/event/gsef-20")
                  && LANG(?city) = "en" && LANG(?alt) = "en")
        }""",
    )
    found = {(str(r["forum"]).rsplit("/", 1)[-1], str(r["start"]), str(r["city"])) for r in rows}
    assert found == {
        ("gsef-2013", "2013", "Seoul"), ("gsef-2014", "2014", "Seoul"),
        ("gsef-2016", "2016-09-07", "Montreal"), ("gsef-2018", "2018-10-01", "Bilbao"),
        ("gsef-2021", "2021-10-04", "Mexico City"), ("gsef-2023", "2023-05", "Dakar"),
        ("gsef-2025", "2025-10-29", "Bordeaux"),
    }  # fmt: skip


def test_the_task_force_circle_year_by_year(kg) -> None:
    rows = {(r["year"], r["roleLabel"]): r for r in query(kg, "group-by-year")}
    # 002: RIPESS and the Mont-Blanc Meetings observers from the start (May 2013)
    assert int(rows[(2013, "observer")]["count"]) == 2
    # 003: GSEF's observer seat, from GSEF's page of 2020
    assert "Global Social Economy Forum" in str(rows[(2020, "observer")]["actors"])
    assert "Global Social Economy Forum" not in str(rows[(2019, "observer")]["actors"])


def test_collaborations_by_scope_and_divide(kg) -> None:
    rows = {(r["year"], r["tie"], r["scope"], r["divide"]): int(r["ties"])
            for r in query(kg, "collaborations-by-scope", since="2018")}  # fmt: skip
    # Dakar 2023: the City of Dakar, RACTES and the Senegalese ministry co-organised it (GSEF,
    # the fourth organiser, has no country in the graph): three Senegalese pairs
    # RIPESS's board took in NENA (Australia) at Bilbao on 4 October 2018 (ripess.org, "RIPESS
    # integrates NENA..."): a tie with CCEDNet (Canada), a member since 2002, and one with ASEC
    # (Malaysia), the other RIPESS members with a country
    # ESSFI (France) coordinates the Leading Group on 26 September 2018 (essfi.coop): a new seat
    # whose period overlaps those of the group's members with a country: France and two French
    # networks (same country), Luxembourg (same sub-region), Greece (same region), Quebec
    # (inter-regional, North-North), Colombia, Costa Rica, Ecuador, Morocco, Senegal (North-South)
    assert rows == {
        (2018, "co-membership", "inter-regional", "North-North"): 1 + 1,
        (2018, "co-membership", "inter-regional", "North-South"): 1 + 5,
        (2018, "co-membership", "same country", "North-North"): 3,
        (2018, "co-membership", "same region", "North-North"): 1,
        (2018, "co-membership", "same sub-region", "North-North"): 1,
        # https://gsef-net.org/ko/node/26782: INAES and the Mexico City Government signed the
        # agreement for the fifth forum, held in Mexico City in 2021 (one pair; GSEF has no country)
        (2021, "co-organisation", "same country", "South-South"): 1,
        (2023, "co-organisation", "same country", "South-South"): 3,
    }


def test_the_side_event_of_july_2022_entered_as_csv_sheets(kg) -> None:
    # ILO, 29 July 2022: organised by Spain with the ILO and UNCTAD, moderated by RIPESS's
    # special adviser; added as sheets (a source, its people, the event) in one batch
    event = ID["event/sse-resolution-side-event-2022"]
    assert h.organizers(kg, event) == {ID["state/spain"]}
    assert h.contributors(kg, event) == {ID["org/ilo"], ID["org/unctad"]}
    assert h.via(kg, event, "schema:performer") == {
        ID["person/yvon-poirier"],
        ID["person/yolanda-diaz-perez"],
        ID["person/collen-vixen-kelapile"],
    }


def test_ripess_and_its_european_network(kg) -> None:
    # RIPESS Europe's page: founding congress in Barcelona, 6-7 September 2011, setting up the
    # European platform of RIPESS; RIPESS's 20th-anniversary message: formed in December 2002
    europe = h.one(kg, "RIPESS Europe", kind="org")
    ripess = h.one(kg, "RIPESS", kind="org")
    assert {str(d) for d in h.objects(kg, europe, "schema:foundingDate")} == {"2011-09-06"}
    assert {str(d) for d in h.objects(kg, ripess, "schema:foundingDate")} == {"2002-12"}
    members = {r["member"] for r in query(kg, "members-as-of", group="RIPESS", date="2012-01-01")}
    assert str(europe) in {str(m) for m in members}
    # the day before the congress, only the Canadian network (a member since 2002, CCEDNet's
    # page of 26 June 2017) is a member
    before = query(kg, "members-as-of", group="RIPESS", date="2011-09-05")
    assert {str(r["member"]) for r in before} == {iri("org/ccednet")}


def test_the_task_force_was_founded_in_geneva_on_30_september_2013(kg) -> None:
    founding = ID["event/untfsse-founding-meeting-2013"]
    assert h.organizers(kg, founding) == {
        ID["org/ilo"], ID["org/undp"], ID["org/un-ngls"], ID["org/unrisd"]
    }  # fmt: skip
    assert {o.toPython() for o in h.objects(kg, founding, "schema:startDate")} == {
        dt.date(2013, 9, 30)
    }
    assert h.objects(kg, founding, "schema:location/schema:addressCountry/sse:isoCode") == {
        Literal("CH")
    }


def test_the_task_force_chairs_and_observers_after_2020(kg) -> None:
    rows = {(r["year"], r["roleLabel"]): r for r in query(kg, "group-by-year")}
    # ILO, 26 October 2021: Vic van Vuuren chairs; the task force, 2 August 2022: Chantal Line
    # Carpentier deputy chair from 19 July 2022; ILO, 21 March 2023: she chairs, the ILO is
    # vice-chair and secretariat, eleven observers took part on 7 March 2023
    assert rows[(2021, "chair")]["actors"] == "Vic van Vuuren"
    assert rows[(2022, "vice-chair")]["actors"] == "Chantal Line Carpentier"
    assert "Chantal Line Carpentier" in str(rows[(2023, "chair")]["actors"])
    # https://unsse.org/2022/10/20/the-un-task-force-on-social-and-solidarity-economy-untfsse-held-its-40th-regular-meeting/
    # twelve observers took part on 5 October 2022, the EESC among them; no complete list of
    # observers ends the EESC's seat, so 2023 counts it beside the eleven of 7 March 2023
    assert int(rows[(2022, "observer")]["count"]) == 12
    assert int(rows[(2023, "observer")]["count"]) == 12
    # https://unsse.org/2023/10/10/untfsse-holds-its-45th-virtual-meeting/: Simel Esim (ILO)
    # vice-chair on 5 September 2023; the 47th meeting (14 March 2024) names her co-chair
    assert rows[(2024, "vice-chair")]["actors"] == "Simel Esim; International Labour Organization"
    assert rows[(2025, "vice-chair")]["actors"] == "International Labour Organization"


def test_the_task_force_chairs_over_time(kg) -> None:
    # Pact for Impact, September 2019: Vic van Vuuren chairs, until the new chair of 7 March
    # 2023 (ILO); Carpentier and Esim co-chairs on 14 March 2024
    def chairs(date: str) -> set[str]:
        rows = query(kg, "members-as-of", group="UNTFSSE", date=date)
        return {str(r["member"]) for r in rows if r["roleLabel"] == "chair"}

    assert chairs("2019-10-01") == {iri("person/vic-van-vuuren")}
    assert chairs("2023-03-06") == {iri("person/vic-van-vuuren")}
    assert chairs("2023-06-01") == {iri("person/chantal-line-carpentier")}
    assert chairs("2024-06-01") == {iri("person/chantal-line-carpentier"), iri("person/simel-esim")}


def test_when_observers_and_members_joined_the_task_force(kg) -> None:
    # https://www.euricse.eu/euricse-appointed-as-observer-in-the-un-task-force-on-social-and-solidarity-economy/
    # Euricse presented as an observer on 23 July 2019; Catalyst 2030 welcomed as a new observer
    # (ILO, 16 October 2020); UNHCR a new member and WFTO a new observer on 14 March 2024
    def since(date: str, role: str) -> dict[str, str]:
        rows = query(kg, "members-as-of", group="UNTFSSE", date=date)
        return {str(r["member"]): str(r["since"]) for r in rows if r["roleLabel"] == role}

    assert since("2019-08-01", "observer")[iri("org/euricse")] == "2019-07-23"
    assert iri("org/catalyst2030") not in since("2020-10-15", "observer")
    assert since("2020-10-16", "observer")[iri("org/catalyst2030")] == "2020-10-16"
    assert since("2024-03-14", "observer")[iri("org/wfto")] == "2024-03-14"

    def joined(start: str, end: str) -> set[tuple[str, str]]:
        rows = query(kg, "membership-changes", group="UNTFSSE", since=start, until=end)
        return {(str(r["member"]), str(r["from"])) for r in rows if r["change"] == "joined"}

    assert joined("2024-01-01", "2024-12-31") == {(iri("org/unhcr"), "2024-03-14")}
    # ESCAP took part as a member on 5 October 2022 (40th meeting) and formalised its
    # membership with ECLAC (ECLAC's note of 19 June 2024)
    assert joined("2022-01-01", "2022-12-31") == {(iri("org/escap"), "2022-10-05")}


def test_the_leading_group_after_2017(kg) -> None:
    # https://www.carenews.com/fr/news/11525-l-economie-sociale-et-solidaire-a-new-york-qu-en-retenir
    # Christophe Itier took the chair on 25 September 2018; France still chairs, ESSFI coordinates
    # (https://www.essfi.coop/en/2018/09/30/new-york-26-de-septiembre-2018-reunion-de-alto-nivel-del-gpiess/);
    # RIPESS took part in this fifth meeting (https://www.ripess.org/ripess-localisation-odd-less-fondamentale/)
    rows = query(kg, "group-governance", group="GPIESS")
    held = {(str(r["holder"]), str(r["roleLabel"])): r for r in rows}
    assert str(held[(iri("person/christophe-itier"), "chair")]["from"]) == "2018-09-25"
    assert "2018-09-25" in str(held[(iri("state/france"), "chair")]["attestedOn"])
    assert str(held[(iri("org/essfi"), "coordinator")]["attestedOn"]) == "2018-09-26"
    meeting = ID["event/gpiess-meeting-2018"]
    assert {o.toPython() for o in h.objects(kg, meeting, "schema:startDate")} == {
        dt.date(2018, 9, 25)
    }
    assert ID["org/ripess"] in h.via(kg, meeting, "schema:attendee")
    assert h.objects(kg, meeting, "schema:location/schema:addressCountry/sse:isoCode") == {
        Literal("US")
    }


def test_who_organised_the_bordeaux_forum_of_2025(kg) -> None:
    # https://www.forum-ess.fr/?ForumMondialDeLEssEn2025Coconstruction: organised by the City of
    # Bordeaux with the region, the department and the metropolis as partners (GSEF's own site
    # names GSEF)
    forum = ID["event/gsef-2025"]
    assert h.organizers(kg, forum) == {ID["org/gsef"], ID["gov/bordeaux-city"]}
    assert h.contributors(kg, forum) == {
        ID["gov/nouvelle-aquitaine"],
        ID["gov/gironde"],
        ID["gov/bordeaux-metropole"],
    }
    assert h.objects(kg, ID["gov/gironde"], "sse:subdivisionCode") == {Literal("FR-33")}


def test_the_states_that_stated_support_for_the_first_resolution(kg) -> None:
    # https://www.ripess.org/ripess-rallies-support-ahead-of-imminent-ratification-of-resolution-by-ess/?lang=en
    # (17 April 2023): 29 States named (the page says 27); recorded as contributions, France's
    # from the task force's page too; none becomes a sponsor of the first resolution
    rows = h.select(
        kg,
        """
        SELECT ?state WHERE {
          ?state sse:contributedTo <https://w3id.org/ssegraph/id/outcome/a-res-77-281> ;
                 a sse:State .
        }""",
    )
    assert len({r["state"] for r in rows}) == 29
    assert ID["state/mongolia"] in {r["state"] for r in rows}
    both = {str(r["actor"]) for r in query(kg, "sponsors-of-both") if r["both"]}
    assert both == {iri("state/chile"), iri("state/senegal"), iri("state/spain")}


def test_the_forums_from_seoul_to_bordeaux_and_who_organised_them(kg) -> None:
    # Seoul 2013 (english.seoul.go.kr), Seoul 2014 (https://gsef-net.org/gsef2014/?act=m1_1),
    # Montreal 2016 (https://le-mes.org/GSEF-2016-Montreal-Un-Forum.html), Bilbao 2018
    # (https://gsef-net.org/en/node/924), Mexico City 2021 (https://gsef-net.org/ko/node/26782)
    expected = {
        "gsef-2013": {"gov/seoul-metropolitan-government"},
        "gsef-2014": {
            "gov/seoul-metropolitan-government",
            "org/gsef2014-seoul-organising-committee",
        },
        "gsef-2016": {"gov/montreal-city", "org/chantier-economie-sociale"},
        "gsef-2018": {"gov/bilbao-city-council"},
        "gsef-2021": {"org/gsef", "org/inaes", "gov/mexico-city-government"},
    }
    for forum, organisers in expected.items():
        assert h.organizers(kg, ID[f"event/{forum}"]) == {ID[o] for o in organisers}, forum
    # Bilbao a member of GSEF from September 2016
    rows = query(kg, "members-as-of", group="GSEF", date="2016-09-30")
    assert iri("gov/bilbao-city-council") in {str(r["member"]) for r in rows}


def test_the_first_resolution_one_year_on(kg) -> None:
    # https://www.ripess.org/un-resolution-on-social-solidarity-economy-turns-one-year-old/?lang=en
    # the task force's webinar of 18 April 2024, ASEC speaking through Denison Jayasooria; the
    # page credits Yolanda Díaz with leading the process
    webinar = ID["event/untfsse-webinar-resolution-one-year-2024"]
    assert h.organizers(kg, webinar) == {ID["org/untfsse"]}
    assert h.via(kg, webinar, "schema:performer") == {ID["person/denison-jayasooria"]}
    assert ID["org/asec"] in h.via(kg, webinar, "schema:attendee")
    outcomes = {r["outcome"] for r in query(kg, "actor-outcomes", actor="Yolanda Díaz Pérez")}
    assert iri("outcome/a-res-77-281") in {str(o) for o in outcomes}
