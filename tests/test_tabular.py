"""Stewards' CSV sheets: each template becomes the triples a curator would write, names are
resolved exactly, and every bad cell is reported with its row, its column and the nearest names."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from ssegraph.batch import read_batch
from ssegraph.errors import BadParameter, BadRows, UnreadableInput
from ssegraph.graph import KnowledgeGraph
from ssegraph.tabular import TEMPLATES, read_csv, template_text
from ssegraph.validate import validate_batch
from ssegraph.vocab import DCTERMS, FOAF, ID, ORG, PROV, SCHEMA, SKOS, SSE, TIME

ROOT = Path(__file__).resolve().parents[1]
GOOD = Path(__file__).resolve().parent / "fixtures" / "batches" / "good"
DATE = "http://www.w3.org/2001/XMLSchema#date"


def sheet(kg: KnowledgeGraph, text: str, name: str = "sheet.csv") -> Graph:
    return read_csv(kg, Path(name), text)


def problems(kg: KnowledgeGraph, text: str) -> list[str]:
    with pytest.raises(BadRows) as caught:
        sheet(kg, text)
    assert caught.value.exit_code == 1
    assert caught.value.message.startswith("sheet.csv: ")
    assert "nothing was taken from it" in caught.value.message
    return caught.value.problems


def day(text: str) -> Literal:
    return Literal(text, datatype=DATE)


MEMBERSHIP_HEADER = "member,group,role,attested_on,start,end,source\n"
SOURCE_2017 = "source/gpiess-presentation-2017"


# ---- templates


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_template_prints_the_header_and_one_example_row(kind: str) -> None:
    rows = list(csv.reader(io.StringIO(template_text(kind))))
    assert len(rows) == 2
    assert tuple(rows[0]) == TEMPLATES[kind].columns
    assert len(rows[1]) == len(rows[0])
    assert all(rows[1][rows[0].index(column)] for column in TEMPLATES[kind].required)


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_template_example_row_is_read_and_conforms(kg: KnowledgeGraph, kind: str) -> None:
    batch = sheet(kg, template_text(kind), f"{kind}.csv")
    report = validate_batch(kg, batch)
    assert report.conforms, [f.as_dict() for f in report.findings]
    assert len(batch) >= 5


def test_memberships_template_round_trip_gives_ilo_observer_of_gpiess(kg: KnowledgeGraph) -> None:
    batch = sheet(kg, template_text("memberships"))
    membership = ID["membership/ilo--gpiess--observer"]
    assert set(batch.predicate_objects(membership)) == {
        (RDF.type, ORG.Membership),
        (ORG.member, ID["org/ilo"]),
        (ORG.organization, ID["org/gpiess"]),
        (ORG.role, ID["role/observer"]),
        (SSE.attestedOn, day("2017-07-08")),
        (PROV.wasDerivedFrom, ID["source/gpiess-presentation-2017"]),
    }
    assert validate_batch(kg, batch).findings == []


def test_unknown_template_kind_lists_the_kinds() -> None:
    with pytest.raises(BadParameter) as caught:
        template_text("organisations")
    assert caught.value.choices == ["actors", "events", "memberships", "people", "sources"]


# ---- each kind of sheet, as triples


def test_membership_rows_resolve_french_names_and_acronyms_and_build_a_named_interval(
    kg: KnowledgeGraph,
) -> None:
    batch = sheet(kg, (GOOD / "memberships.csv").read_text(), "memberships.csv")
    brazil = ID["membership/brazil--gpiess--observer-member"]  # "Brésil", "observer member"
    assert (brazil, ORG.member, ID["state/brazil"]) in batch
    assert (brazil, ORG.role, ID["role/observer-member"]) in batch
    assert (brazil, ORG.memberDuring, None) not in batch  # no start, no end: no interval
    malawi = ID["membership/malawi--gsef--member"]
    interval = ID["interval/malawi--gsef--member"]
    assert (malawi, ORG.organization, ID["org/gsef"]) in batch  # by its English name
    assert (malawi, ORG.memberDuring, interval) in batch
    assert (interval, RDF.type, TIME.Interval) in batch
    begins = batch.value(interval, TIME.hasBeginning)
    ends = batch.value(interval, TIME.hasEnd)
    assert (begins, ends) == (
        ID["instant/malawi--gsef--member--begins"],
        ID["instant/malawi--gsef--member--ends"],
    )
    assert batch.value(begins, TIME.inXSDDate) == day("2019-01-01")
    assert batch.value(ends, TIME.inXSDDate) == day("2020-07-17")


def test_event_rows_link_organisers_partners_speakers_place_and_parent_both_ways(
    kg: KnowledgeGraph,
) -> None:
    batch = sheet(kg, (GOOD / "events.csv").read_text(), "events.csv")
    session = ID["event/gsef-session-habitat-iii-sse"]
    assert (session, RDF.type, SSE.Session) in batch
    assert (session, SCHEMA.superEvent, ID["event/habitat-iii-2016"]) in batch
    assert (ID["event/habitat-iii-2016"], SCHEMA.subEvent, session) in batch
    assert (session, SCHEMA.location, ID["place/quito"]) in batch
    assert (session, SCHEMA.startDate, day("2016-10-18")) in batch
    webinar = ID["event/gsef-webinar-on-sse-law-2021"]  # no id given: from the English label
    assert set(batch.objects(webinar, SCHEMA.organizer)) == {ID["org/gsef"], ID["org/inaes"]}
    assert set(batch.objects(webinar, SSE.speaker)) == {
        ID["person/laurence-kwark"],
        ID["person/judith-hitchman"],
    }
    assert set(batch.objects(webinar, SSE.moderator)) == {ID["person/laurence-kwark"]}
    assert set(batch.objects(webinar, SSE.partner)) == {ID["org/ripess"]}
    assert set(batch.objects(webinar, SKOS.prefLabel)) == {
        Literal("GSEF webinar on SSE law 2021", lang="en"),
        Literal("Webinaire du GSEF sur les lois d'ESS 2021", lang="fr"),
    }


def test_actor_rows_give_kind_labels_tagged_alt_labels_country_and_source(
    kg: KnowledgeGraph,
) -> None:
    batch = sheet(kg, (GOOD / "actors.csv").read_text(), "actors.csv")
    network = ID["org/ssen-southern-africa"]
    assert (network, RDF.type, SSE.SSENetwork) in batch
    assert set(batch.objects(network, SKOS.altLabel)) == {
        Literal("SASSEN", lang="en"),
        Literal("RESSAA", lang="fr"),
    }
    assert (network, SSE.country, ID["state/malawi"]) in batch
    catalonia = ID["gov/government-of-catalonia"]  # a sub-national government goes under gov/
    assert (catalonia, RDF.type, SSE.SubnationalGovernment) in batch
    assert (catalonia, SSE.country, ID["state/spain"]) in batch  # "Espagne"
    assert (catalonia, PROV.wasDerivedFrom, ID["source/gsef-international-collaboration"]) in batch


def test_people_rows_give_a_person_named_in_both_languages_and_a_post(
    kg: KnowledgeGraph,
) -> None:
    batch = sheet(kg, (GOOD / "people.csv").read_text(), "people.csv")
    amina = ID["person/amina-banda"]
    assert set(batch.objects(amina, RDF.type)) == {SSE.Person, FOAF.Person}
    assert set(batch.objects(amina, SKOS.prefLabel)) == {
        Literal("Amina Banda", lang="en"),
        Literal("Amina Banda", lang="fr"),
    }
    post = ID["membership/amina-banda--ripess--representative"]
    assert set(batch.objects(post, RDF.type)) == {ORG.Membership, SSE.Post}
    assert (post, ORG.member, amina) in batch
    assert (post, ORG.organization, ID["org/ripess"]) in batch
    assert (post, SSE.attestedOn, day("2020-07-17")) in batch
    kofi = ID["person/kofi-mensah"]  # a person alone: no post
    assert (kofi, PROV.wasDerivedFrom, ID["source/gsef-international-collaboration"]) in batch
    assert (None, ORG.member, kofi) not in batch


def test_columns_may_come_in_any_order_and_blank_lines_are_skipped(kg: KnowledgeGraph) -> None:
    header = "source,end,start,attested_on,role,group,member"
    text = f"{header}\n\n{SOURCE_2017},,,,observer,GPIESS,OIT\n,,,,,,\n"
    batch = sheet(kg, text)
    assert (ID["membership/ilo--gpiess--observer"], ORG.member, ID["org/ilo"]) in batch


def test_cells_may_name_things_by_iri_prefixed_name_or_path(kg: KnowledgeGraph) -> None:
    text = (
        MEMBERSHIP_HEADER
        + "<https://w3id.org/ssegraph/id/state/brazil>,id:org/gpiess,role/member,,,,"
        + f"{SOURCE_2017}\n"
    )
    batch = sheet(kg, text)
    assert (ID["membership/brazil--gpiess--member"], ORG.member, ID["state/brazil"]) in batch


# ---- what a sheet can get wrong: every cell reported, with row, column and nearest names


def test_unknown_name_is_reported_with_row_column_and_nearest_names(kg: KnowledgeGraph) -> None:
    found = problems(kg, MEMBERSHIP_HEADER + f"Brasil,GPIESS,member,,,,{SOURCE_2017}\n")
    assert found == [
        "row 2, column member: 'Brasil' names nothing in the graph; nearest: Brésil, Brazil, "
        "Asie, Asia"
    ]


def test_partial_name_is_not_guessed(kg: KnowledgeGraph) -> None:
    [problem] = problems(kg, MEMBERSHIP_HEADER + f"Brazil,GPIES,member,,,,{SOURCE_2017}\n")
    assert problem.startswith("row 2, column group: 'GPIES' names nothing in the graph")
    assert "nearest: GPIESS" in problem


@pytest.fixture(scope="module")
def namesakes(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The real graph plus RIPESS Europe, which a source also calls "RIPESS"."""
    root = tmp_path_factory.mktemp("namesakes")
    for name in ("ontology", "data"):
        shutil.copytree(ROOT / name, root / name)
    (root / "data" / "ripess-europe.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/ssegraph/id/org/ripess-europe> a "
        "<https://w3id.org/ssegraph/ontology#SSENetwork> ;\n"
        '    skos:prefLabel "RIPESS Europe"@en , "RIPESS Europe"@fr ;\n'
        '    skos:altLabel "RIPESS"@en .\n'
    )
    return KnowledgeGraph.load(root)


def test_ambiguous_name_is_reported_with_the_candidates_iris(namesakes: KnowledgeGraph) -> None:
    [problem] = problems(namesakes, MEMBERSHIP_HEADER + f"RIPESS,GPIESS,member,,,,{SOURCE_2017}\n")
    assert problem.startswith("row 2, column member: 'RIPESS' names several things: ")
    assert f"({ID['org/ripess']})" in problem and f"({ID['org/ripess-europe']})" in problem


@pytest.mark.parametrize("bad", ["17/07/2017", "2017-7-8", "20170708", "2017-W28-6", "2017-02-30"])
def test_bad_date_is_reported_with_row_and_column(kg: KnowledgeGraph, bad: str) -> None:
    found = problems(kg, MEMBERSHIP_HEADER + f"Brazil,GPIESS,member,{bad},,,{SOURCE_2017}\n")
    assert found == [f"row 2, column attested_on: '{bad}' is not a date (YYYY-MM-DD)"]


def test_missing_required_values_are_reported_per_row(kg: KnowledgeGraph) -> None:
    found = problems(kg, MEMBERSHIP_HEADER + ",GPIESS,,2017-07-08,,,\n")
    assert found == ["row 2: empty required column(s) member, role, source"]


def test_every_bad_cell_of_every_row_is_reported_not_only_the_first(kg: KnowledgeGraph) -> None:
    found = problems(
        kg,
        MEMBERSHIP_HEADER
        + f"Brazil,GPIESS,member,2017-07-08,,,{SOURCE_2017}\n"  # a good row: not reported
        + "Brasil,GPIES,membre,17/07/2017,,,source/gpiess-presentation-2017\n"
        + "GSEF,Laurence Kwark,member,,,,GPIESS\n",
    )
    assert [p.split(":")[0] for p in found] == [
        "row 3, column member",
        "row 3, column group",
        "row 3, column attested_on",
        "row 4, column source",
        "row 4, column group",
    ]
    assert found[3] == "row 4, column source: 'GPIESS' is not a source document"
    assert found[4] == "row 4, column group: 'Laurence Kwark' is not an organisation or group"


def test_a_group_that_is_a_role_and_a_role_that_is_a_group_are_refused(kg: KnowledgeGraph) -> None:
    found = problems(kg, MEMBERSHIP_HEADER + f"Brazil,observer,GPIESS,,,,{SOURCE_2017}\n")
    assert found == [
        "row 2, column group: 'observer' is not an organisation or group",
        "row 2, column role: 'GPIESS' is not a role (member, observer, chair, ...)",
    ]


def test_unknown_kind_lists_the_known_kinds(kg: KnowledgeGraph) -> None:
    header = "id,kind,label_en,label_fr,alt_labels,country,source\n"
    [problem] = problems(kg, header + ",Network,SSE Network,Réseau ESS,,,source/iso-3166\n")
    assert problem.startswith("row 2, column kind: 'Network' is not a kind of this sheet (known: ")
    assert "SSENetwork" in problem and "State" in problem and "Webinar" not in problem


def test_alt_label_without_language_tag_is_reported(kg: KnowledgeGraph) -> None:
    header = "id,kind,label_en,label_fr,alt_labels,country,source\n"
    [problem] = problems(kg, header + ",SSENetwork,SSE Network,Réseau ESS,RESS,,source/iso-3166\n")
    assert problem == "row 2, column alt_labels: 'RESS' needs a language tag, e.g. OIT@fr"


def test_malformed_id_is_reported(kg: KnowledgeGraph) -> None:
    header = "id,kind,label_en,label_fr,alt_labels,country,source\n"
    [problem] = problems(kg, header + "Org/My_Network,SSENetwork,A,B,,,source/iso-3166\n")
    assert problem.startswith("row 2, column id: 'Org/My_Network' is not an id")


def test_organization_without_post_is_reported_rather_than_dropped(kg: KnowledgeGraph) -> None:
    header = TEMPLATES["people"].text().splitlines()[0] + "\n"
    found = problems(kg, header + ",Ana Example,RIPESS,,,,,source/iso-3166\n")
    assert found == ["row 2, column post: empty, but organization is filled: a post needs both"]
    found = problems(kg, header + ",Ana Example,,president,,,,source/iso-3166\n")
    assert found == ["row 2, column organization: empty, but post is filled: a post needs both"]


def test_header_that_matches_no_template_is_unreadable_input(kg: KnowledgeGraph) -> None:
    with pytest.raises(UnreadableInput) as caught:
        sheet(kg, "member,group,role,date,source\nBrazil,GPIESS,member,2017,x\n")
    assert caught.value.exit_code == 2
    assert caught.value.message.startswith("sheet.csv:1: the header matches no template")
    assert "ssegraph template KIND" in caught.value.message


def test_header_without_rows_is_unreadable_input(kg: KnowledgeGraph) -> None:
    with pytest.raises(UnreadableInput, match="the sheet has a header but no rows"):
        sheet(kg, MEMBERSHIP_HEADER + ",,,,,,\n")


def test_membership_sheet_with_end_before_start_fails_validation_on_its_interval(
    kg: KnowledgeGraph,
) -> None:
    text = MEMBERSHIP_HEADER + f"Brazil,GPIESS,member,,2017-07-08,2014-09-17,{SOURCE_2017}\n"
    [finding] = validate_batch(kg, sheet(kg, text)).findings
    assert (finding.severity, finding.focus, finding.constraint) == (
        "Violation",
        ID["interval/brazil--gpiess--member"],
        "SPARQL",
    )
    assert finding.message.startswith("the interval ends (2014-09-17) before it begins")
    assert finding.origin == "sheet.csv row 2"  # the sheet's row, not only an IRI


# ---- sources, and sheets that name what an earlier sheet of the batch defines

SOURCES_HEADER = "id,title,title_lang,url,publisher,date,language,consulted_on,comment\n"
NEW_SOURCE = (
    "source/oecd-page,OECD Recommendation on the SSE,en,https://www.oecd.org/x,OECD,,en,"
    "2026-12-01,The OECD's page.\n"
)


def test_source_rows_give_a_reference_document_with_address_publisher_and_reading_day(
    kg: KnowledgeGraph,
) -> None:
    text = (
        SOURCES_HEADER
        + NEW_SOURCE
        + (
            "source/a-paper,A paper,fr,https://example.org/p,Co-operative News,2024-12-20,fr;en,"
            "2026-12-01,\n"
        )
    )
    batch = sheet(kg, text)
    oecd, paper = ID["source/oecd-page"], ID["source/a-paper"]
    assert (oecd, RDF.type, SSE.ReferenceDocument) in batch
    assert batch.value(oecd, SCHEMA.url) == URIRef("https://www.oecd.org/x")
    assert batch.value(oecd, DCTERMS.publisher) == ID["org/oecd"]  # a node where one is named
    assert batch.value(paper, DCTERMS.publisher) == Literal("Co-operative News")  # else a name
    assert batch.value(paper, DCTERMS.title) == Literal("A paper", lang="fr")
    assert batch.value(paper, SSE.consultedOn) == day("2026-12-01")
    assert set(batch.objects(paper, DCTERMS.language)) == {Literal("fr"), Literal("en")}
    assert validate_batch(kg, batch).conforms


def test_bad_source_id_and_address_are_reported_with_row_and_column(kg: KnowledgeGraph) -> None:
    text = SOURCES_HEADER + "org/x,T,en,ftp://x,,,,2026-12-01,\n"
    assert problems(kg, text) == [
        "row 2, column id: 'org/x' is not a source id such as source/my-page (lower case, hyphens)",
        "row 2, column url: 'ftp://x' is not a web address (http:// or https://)",
    ]


def test_a_sheet_may_name_the_source_and_actor_an_earlier_sheet_of_the_batch_defines(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    sources = tmp_path / "1-sources.csv"
    sources.write_text(SOURCES_HEADER + NEW_SOURCE, encoding="utf-8")
    actors = tmp_path / "2-actors.csv"
    actors.write_text(
        "id,kind,label_en,label_fr,alt_labels,country,source\n"
        "org/leed-forum,IntergovernmentalOrganisation,LEED Forum,Forum LEED,,,source/oecd-page\n",
        encoding="utf-8",
    )
    memberships = tmp_path / "3-memberships.csv"
    memberships.write_text(
        MEMBERSHIP_HEADER + "Forum LEED,GPIESS,observer,2022-06-10,,,source/oecd-page\n",
        encoding="utf-8",
    )
    batch = read_batch(kg, [sources, actors, memberships])
    membership = ID["membership/leed-forum--gpiess--observer"]
    assert batch.value(membership, ORG.member) == ID["org/leed-forum"]
    assert batch.value(membership, PROV.wasDerivedFrom) == ID["source/oecd-page"]
    assert validate_batch(kg, batch).conforms
    # alone, the membership sheet names nothing it can find
    with pytest.raises(BadRows) as caught:
        read_batch(kg, [memberships])
    assert sorted(p.split(":")[0] for p in caught.value.problems) == [
        "row 2, column member",
        "row 2, column source",
    ]
