"""Bounded input: what a steward's batch or command line can make the package read, each bad
case one line and a non-zero exit, never a traceback, a hang or memory without end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .test_steward_support import ROOT, project, run

__all__ = ["project"]  # the fixture

TRIPLE = "<https://w3id.org/ssegraph/id/org/ilo> <http://www.w3.org/2004/02/skos/core#note> "


def check(*args: str, project: Path = ROOT) -> tuple[int, str]:
    code, _, err = run(project, *args)
    return code, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_a_batch_symlinked_to_dev_zero_is_refused_before_it_is_read(tmp_path: Path) -> None:
    link = tmp_path / "zero.ttl"
    link.symlink_to("/dev/zero")
    code, err = check("validate", str(link))
    assert code == 2
    assert "a character device, not a regular file" in one_line(err)


def test_a_fifo_batch_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    code, err = check("validate", str(fifo))
    assert code == 2
    assert "a FIFO (named pipe), not a regular file" in one_line(err)


def test_a_batch_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    big.write_text((TRIPLE + '"x" .\n') * 20_000)  # about 2 MB
    code, err = check("validate", "--max-batch-size", "1", str(big))
    assert code == 2
    assert "over the limit of 1,048,576 (--max-batch-size)" in one_line(err)


def test_billion_laughs_rdf_xml_is_refused_before_parsing(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    xml = tmp_path / "laughs.rdf"
    xml.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY l0 "ha">{laughs}]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:skos="http://www.w3.org/2004/02/skos/core#">'
        '<rdf:Description rdf:about="https://w3id.org/ssegraph/id/org/ilo">'
        "<skos:note>&l9;</skos:note></rdf:Description></rdf:RDF>"
    )
    code, err = check("validate", str(xml))
    assert code == 2
    assert "DOCTYPE or ENTITY" in one_line(err)


def test_blank_nodes_nested_1000_deep_give_one_line(tmp_path: Path, project: Path) -> None:
    deep = tmp_path / "deep.ttl"
    deep.write_text(
        "<https://w3id.org/ssegraph/id/org/ilo> <http://www.w3.org/2004/02/skos/core#note> "
        + "[ <http://example.org/p> " * 1000
        + '"x"'
        + " ]" * 1000
        + " .\n"
    )
    for command in ("validate", "add"):
        code, err = check(command, str(deep), project=project)
        assert code == 2
        assert "nested over 64 deep" in one_line(err)


@pytest.mark.parametrize(
    ("size", "expected"),
    [(50_000_000, "a literal or IRI over 16 MiB"),  # beyond the parser's own bound
     (2_000_000, "a literal of 2,000,000 characters")],  # beyond ours
)  # fmt: skip
def test_a_huge_literal_gives_one_line(tmp_path: Path, size: int, expected: str) -> None:
    huge = tmp_path / "huge.nt"
    huge.write_text(TRIPLE + '"' + "a" * size + '" .\n')
    code, err = check("validate", str(huge))
    assert code == 2
    assert expected in one_line(err)


def test_a_csv_cell_over_the_csv_limit_gives_one_line(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "member,group,role,attested_on,start,end,source\n"
        + "x" * 200_000
        + ",GPIESS,member,,,,source/gpiess-presentation-2017\n"
    )
    code, err = check("validate", str(sheet))
    assert code == 2
    assert "a cell is longer than 131,072 characters" in one_line(err)


def test_a_5000_character_project_gives_one_line() -> None:
    code, err = check("validate", project=Path("p" * 5000))
    assert code == 2
    assert "File name too long" in one_line(err)


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "@SUM(A1)", "+cmd|' /C calc'!A0"])
def test_a_csv_cell_a_spreadsheet_would_run_is_refused_naming_row_and_column(
    tmp_path: Path, cell: str
) -> None:
    sheet = tmp_path / "actors.csv"
    sheet.write_text(
        "id,kind,label_en,label_fr,alt_labels,country,source\n"
        f'org/x,SSENetwork,"{cell.replace(chr(34), chr(34) * 2)}",X,,France,'
        "source/gsef-international-collaboration\n"
    )
    code, err = check("validate", str(sheet))
    assert code == 1
    assert "row 2, column label_en" in err and "formula" in err
