"""RIPESS's continental networks, their founding, and who coordinated RIPESS, from the public
pages in data/batches/ (each cited as a source with its address).

Expected answers are what the pages say; the address of each is in the comment beside it.
"""

from __future__ import annotations

import pytest

from ssegraph.catalogue import query
from ssegraph.vocab import ID

from . import helpers as h

pytestmark = pytest.mark.knowledge

CONTINENTAL = {
    "org/ripess-europe",  # https://ripess.eu/en/general-assemblies/
    "org/ripess-na",  # https://ccednet-rcdec.ca/ccednet-renews-its-membership-in-ripess/
    "org/asec",  # the same page, and https://asec-sse.com/governance
    "org/ripess-lac",  # https://www.ripess.org/governance/?lang=en
    "org/raess",  # https://www.ripess.org/appui-au-projet-de-loi-cadre-economie-sociale-et-solidaire-ess-au-benin
    "org/nena",  # https://www.ripess.org/ripess-integrates-nena-as-the-new-organization-representing-the-oceania-region/?lang=en
}


def members(kg, group: str, date: str) -> set[str]:
    rows = query(kg, "members-as-of", group=group, date=date)
    return {str(r["member"]) for r in rows if r["roleLabel"] == "member"}


def iri(path: str) -> str:
    return str(ID[path])


def test_ripess_has_a_member_network_for_each_of_six_continents_from_october_2018(kg) -> None:
    # https://ripess.eu/fr/la-coordination-du-ripess-intercontinental-va-a-ripess-europe/ names
    # ASEC, RAESS, RIPESS LAC and RIPESS NA beside RIPESS Europe at the fair of 20-21 October
    # 2017; NENA joined for Oceania on 4 October 2018
    six = {iri(n) for n in CONTINENTAL}
    assert six <= members(kg, "RIPESS", "2018-10-04")
    assert six - members(kg, "RIPESS", "2018-10-03") == {iri("org/nena")}
    assert six <= members(kg, "RIPESS", "2025-03-01")


def test_the_continental_networks_on_the_eve_of_october_2017(kg) -> None:
    # before the Barcelona fair only RIPESS Europe (2011) and, from CCEDNet's page of 26 June
    # 2017, RIPESS-NA and ASEC are attested
    held = members(kg, "RIPESS", "2017-10-19") & {iri(n) for n in CONTINENTAL}
    assert held == {iri("org/ripess-europe"), iri("org/ripess-na"), iri("org/asec")}


def test_the_founding_dates_of_the_continental_networks(kg) -> None:
    founded = {
        "RIPESS Europe": "2011-09-06",  # Barcelona congress, ripess.eu general assemblies
        "ASEC": "2011-10-31",  # Kuala Lumpur forum, https://asec-sse.com/governance
        # https://francais-du-monde.org/2014/05/28/economie-sociale-solidaire-r-e-s-s-lunion-fait-force
        "RAESS": "2010-10-23",
    }
    for name, day in founded.items():
        network = h.one(kg, name, kind="org")
        assert {str(d) for d in h.objects(kg, network, "schema:foundingDate")} == {day}, name
    step = ID["event/raess-founding-2010"]
    assert h.objects(kg, step, "org:resultingOrganization") == {ID["org/raess"]}
    assert h.objects(kg, step, "schema:location/schema:addressCountry") == {ID["state/morocco"]}


def test_who_joined_ripess_at_the_bilbao_board_meeting_of_october_2018(kg) -> None:
    # NENA for Oceania (ripess.org), INAISE (https://ripess.eu/fr/inaise-finance-solidaire-et-nena-oceanie-deviennent-membres),
    # GSEF named an international member (https://www.ripess.org/annual-2018-meeting-of-ripess-in-bilbao/?lang=en)
    rows = query(kg, "membership-changes", group="RIPESS", since="2018-01-01", until="2018-12-31")
    joined = {(str(r["member"]), str(r["from"])) for r in rows if r["change"] == "joined"}
    assert joined == {
        (iri("org/nena"), "2018-10-04"),
        (iri("org/inaise"), "2018-10-04"),
        (iri("org/gsef"), "2018-10-04"),
    }


def test_ripess_and_gsef_belong_to_each_other(kg) -> None:
    # the French report of RIPESS Europe on the 2018 board speaks of a cross-membership
    assert iri("org/gsef") in members(kg, "RIPESS", "2019-07-09")
    assert iri("org/ripess") in members(kg, "GSEF", "2019-07-09")


def test_the_north_american_network_is_made_of_three_national_networks(kg) -> None:
    # CCEDNet (26 June 2017) and http://www.socioeco.org/bdf_fiche-organisme-473_fr.html
    assert members(kg, "RIPESS North America", "2017-06-26") == {
        iri("org/ccednet"),
        iri("org/chantier-economie-sociale"),
        iri("org/us-sen"),
    }
    na = h.one(kg, "RIPESS Amérique du Nord", kind="org")
    assert na == ID["org/ripess-na"]


def test_ripess_coordinators_before_and_after_2020(kg) -> None:
    # Jason Nardi named coordinator at the Barcelona board of October 2017 (year inferred);
    # three joint coordinators since 2020 (https://www.ripess.org/governance/?lang=en)
    def coordinators(date: str) -> set[str]:
        rows = query(kg, "members-as-of", group="RIPESS", date=date)
        return {str(r["member"]) for r in rows if r["roleLabel"] == "coordinator"}

    # the coordination went to RIPESS Europe with him
    assert coordinators("2018-06-01") == {iri("person/jason-nardi"), iri("org/ripess-europe")}
    assert coordinators("2021-06-01") == {
        iri("person/shigeru-tanaka"),
        iri("person/judith-hitchman"),
        iri("person/marcus-hill"),
    }


def test_asec_was_set_up_by_three_founders(kg) -> None:
    # https://asec-sse.com/governance: Quinones (Philippines), Ismawan (Indonesia), Jayasooria
    # (Malaysia); the Ben Quinones of the task force's start is the same person (an inference)
    rows = query(kg, "members-as-of", group="ASEC", date="2012-01-01")
    founders = {str(r["member"]) for r in rows if r["roleLabel"] == "founding member"}
    assert founders == {
        iri("person/ben-quinones"),
        iri("person/bambang-ismawan"),
        iri("person/denison-jayasooria"),
    }
    assert h.one(kg, "Benjamin R. Quinones Jr.", kind="person") == ID["person/ben-quinones"]


def test_one_speaker_per_continent_at_manila_in_october_2013(kg) -> None:
    # https://www.ripess.org/manila-2013-state-of-the-art-of-social-solidarity-economy-in-the-continents/?lang=en
    # a session of RIPESS's fifth international meeting (Manila, 15-18 October 2013,
    # https://ripess.eu/en/manila-13-a-global-vision-is-beginning-to-emerge/)
    session = ID["event/ripess-manila-2013-continents"]
    assert h.objects(kg, session, "schema:superEvent") == {ID["event/ripess-manila-2013"]}
    speakers = {str(p).rsplit("/", 1)[-1] for p in h.via(kg, session, "schema:performer")}
    assert speakers == {
        "daniel-tygel", "abdeljalil-cherkaoui", "ben-quinones", "jason-nardi",
        "luis-eduardo-salcedo", "emily-kawano", "david-thompson",
    }  # fmt: skip
    assert h.one(kg, "RIPESS-Asia", kind="org") == ID["org/asec"]
    rows = query(kg, "events-in-year", year="2013")
    assert iri("event/ripess-manila-2013") in {str(r["event"]) for r in rows}
