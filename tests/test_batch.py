"""Reading a steward's batch: every RDF syntax by its suffix, CSV by its header, and every way a
file can be unusable reported as one line naming the file (and the position, for syntax)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from ssegraph.batch import RDF_SUFFIXES, parse_rdf, read_batch
from ssegraph.errors import UnreadableInput
from ssegraph.graph import KnowledgeGraph
from ssegraph.vocab import ID, ORG, SSE

BATCHES = Path(__file__).resolve().parent / "fixtures" / "batches"
NETWORK = BATCHES / "good" / "network-forum-declaration.ttl"
INTERVAL = BATCHES / "good" / "membership-with-interval.ttl"


def unreadable(kg: KnowledgeGraph, path: Path) -> str:
    with pytest.raises(UnreadableInput) as caught:
        read_batch(kg, [path])
    assert caught.value.exit_code == 2
    message = caught.value.message
    assert "\n" not in message and message.startswith(str(path))
    return message


@pytest.mark.parametrize(
    ("suffix", "rdf_format"),
    [
        (".nt", ox.RdfFormat.N_TRIPLES),
        (".trig", ox.RdfFormat.TRIG),
        (".nq", ox.RdfFormat.N_QUADS),
        (".jsonld", ox.RdfFormat.JSON_LD),
        (".rdf", ox.RdfFormat.RDF_XML),
    ],
)
def test_each_rdf_syntax_is_read_by_its_suffix_into_the_same_triples(
    kg: KnowledgeGraph, tmp_path: Path, suffix: str, rdf_format: ox.RdfFormat
) -> None:
    turtle = read_batch(kg, [INTERVAL])
    triples = ox.parse(INTERVAL.read_bytes(), format=ox.RdfFormat.TURTLE)
    other = tmp_path / f"batch{suffix}"
    other.write_bytes(ox.serialize(triples, format=rdf_format))
    assert RDF_SUFFIXES[suffix] == rdf_format
    assert isomorphic(read_batch(kg, [other]), turtle)  # blank nodes compared as structures


def test_suffix_is_read_case_blind(kg: KnowledgeGraph, tmp_path: Path) -> None:
    upper = tmp_path / "BATCH.TTL"
    upper.write_bytes(NETWORK.read_bytes())
    assert len(read_batch(kg, [upper])) == len(read_batch(kg, [NETWORK]))


def test_graph_names_of_trig_are_dropped_and_files_are_merged(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    trig = tmp_path / "named.trig"
    trig.write_text(
        "<https://example.org/g> { <https://w3id.org/ssegraph/id/org/x> "
        "<https://w3id.org/ssegraph/ontology#country> "
        "<https://w3id.org/ssegraph/id/state/malawi> . }\n"
    )
    batch = read_batch(kg, [trig, NETWORK])
    assert (ID["org/x"], SSE.country, ID["state/malawi"]) in batch
    assert len(batch) == len(read_batch(kg, [NETWORK])) + 1


def test_literals_keep_their_datatype_and_language(kg: KnowledgeGraph) -> None:
    batch = read_batch(kg, [BATCHES / "good" / "network-forum-declaration.ttl"])
    membership = ID["membership/ssen-africa--ripess--member"]
    assert (membership, SSE.attestedOn, Literal(dt.date(2020, 7, 17))) in batch
    assert (membership, ORG.member, ID["org/ssen-africa"]) in batch
    labels = set(batch.objects(ID["org/ssen-africa"], None))
    assert Literal("RAESS", lang="fr") in labels


def test_csv_files_are_read_as_sheets_beside_rdf_files(kg: KnowledgeGraph) -> None:
    batch = read_batch(kg, [INTERVAL, BATCHES / "good" / "memberships.csv"])
    assert (ID["membership/malawi--gsef--member"], ORG.member, ID["state/malawi"]) in batch


# ---- unusable files: one line, the file named, exit code 2


def test_turtle_syntax_error_names_file_line_and_column(kg: KnowledgeGraph, tmp_path: Path) -> None:
    bad = tmp_path / "comma-forgotten.ttl"
    bad.write_text(
        "@prefix org: <http://www.w3.org/ns/org#> .\n"
        "@prefix st: <https://w3id.org/ssegraph/id/state/> .\n"
        "@prefix m: <https://w3id.org/ssegraph/id/membership/> .\n"
        "\n"
        "m:brazil--gpiess--member a org:Membership ;\n"
        "    org:member st:brazil st:canada ;\n"  # the comma between the two is missing
        "    org:role st:x .\n"
    )
    message = unreadable(kg, bad)
    assert message.startswith(f"{bad}:6:26: invalid Turtle: ")  # st:canada: line 6, column 26


def test_unterminated_string_names_the_line_where_it_starts(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    bad = tmp_path / "quote.ttl"
    bad.write_text('<https://example.org/a> <https://example.org/b> "no end .\n')
    assert unreadable(kg, bad).startswith(f"{bad}:1:")


def test_json_ld_syntax_error_names_the_position(kg: KnowledgeGraph, tmp_path: Path) -> None:
    bad = tmp_path / "cut.jsonld"
    bad.write_text('{"@id": ')
    assert unreadable(kg, bad).startswith(f"{bad}:1:9: invalid JSON-LD")


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.ttl", b"", "the file is empty"),
        ("blank.ttl", b"  \n\t\n", "the file is empty"),
        ("logo.ttl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file, not text"),
        ("latin1.ttl", "<a> <b> \"Société\" .".encode("latin-1"), "not UTF-8 text (byte"),
        ("notes.txt", b"member,group\n", "unknown file type '.txt' (known: .ttl, .nt,"),
        ("prefixes-only.ttl", b"@prefix o: <https://w3id.org/ssegraph/id/org/> .\n",
         "holds no triples"),
    ],
)  # fmt: skip
def test_unusable_file_is_one_line_naming_it(
    kg: KnowledgeGraph, tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert says in unreadable(kg, path)


def test_missing_file_is_named(kg: KnowledgeGraph, tmp_path: Path) -> None:
    assert unreadable(kg, tmp_path / "nowhere.ttl") == f"{tmp_path / 'nowhere.ttl'}: no such file"


def test_directory_is_not_a_batch(kg: KnowledgeGraph, tmp_path: Path) -> None:
    folder = tmp_path / "folder.ttl"
    folder.mkdir()
    assert unreadable(kg, folder).endswith("a directory, not a regular file")


def test_one_unreadable_file_fails_the_whole_batch(kg: KnowledgeGraph, tmp_path: Path) -> None:
    assert "no such file" in unreadable_many(kg, [NETWORK, tmp_path / "second.ttl"])


def unreadable_many(kg: KnowledgeGraph, paths: list[Path]) -> str:
    with pytest.raises(UnreadableInput) as caught:
        read_batch(kg, paths)
    return caught.value.message


def test_parse_rdf_gives_an_rdflib_graph_without_the_knowledge_graph() -> None:
    graph = parse_rdf(INTERVAL, INTERVAL.read_bytes())
    assert isinstance(graph, Graph) and len(graph) == 14
