"""Pictures of networks: PNG and SVG files, nodes by kind, names that never overlap, in the
picture's language, and reproducible."""

from __future__ import annotations

import datetime as dt
import re
from itertools import combinations

import networkx as nx
import pytest
from matplotlib.image import imread

from ssegraph.network import Filters, build
from ssegraph.network_io import write
from ssegraph.plot import draw
from ssegraph.vocab import ID


@pytest.fixture(scope="module")
def gpiess(kg) -> nx.Graph:
    return build(kg, "co-membership", Filters(as_of=dt.date(2014, 9, 17), groups=("GPIESS",)))


@pytest.fixture(scope="module")
def union(kg) -> nx.Graph:
    return build(kg, "union")


def texts(svg: str) -> list[str]:
    """The text elements of an SVG written with svg.fonttype none."""
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_png_is_a_picture(gpiess, tmp_path) -> None:
    write(gpiess, tmp_path / "gpiess.png")
    pixels = imread(tmp_path / "gpiess.png")
    assert pixels.shape[0] > 800 and pixels.shape[1] > 800
    assert pixels.std() > 0  # not a blank page


def test_the_legend_has_one_readable_entry_per_kind(gpiess, tmp_path) -> None:
    write(gpiess, tmp_path / "gpiess.svg")
    written = texts((tmp_path / "gpiess.svg").read_text(encoding="utf-8"))
    kinds = [text for text in written if re.fullmatch(r".+ \(\d+\)", text)]
    # the ontology's labels, not class names: "SSE network", not "SSENetwork"; one entry each
    assert {"State (5)", "SSE network (3)"} <= set(kinds)
    assert len(kinds) == len(set(kinds)) == len({d["kind"] for _, d in gpiess.nodes(data=True)})
    assert not any("SSENetwork" in text for text in written)
    assert any("12 nodes, 66 edges" in text for text in written)


def test_a_french_picture_has_french_kinds_names_and_words(gpiess, tmp_path) -> None:
    write(gpiess, tmp_path / "gpiess.svg", lang="fr")
    written = texts((tmp_path / "gpiess.svg").read_text(encoding="utf-8"))
    assert {"État (5)", "réseau de l'ESS (3)", "Québec"} <= set(written)
    assert any("12 nœuds, 66 liens" in text for text in written)
    assert "Quebec" not in written and "State (5)" not in written


def test_an_english_picture_draws_no_french_acronym(union, tmp_path) -> None:
    french = [str(ID["org/maedi"]), str(ID["org/diess"]), str(ID["state/france"])]
    three = union.subgraph(french)
    english = {p.text for p in draw(three, tmp_path / "en.svg", labels=3)}
    in_french = {p.text for p in draw(three, tmp_path / "fr.svg", labels=3, lang="fr")}
    assert "MAEDI" not in english and "DIESS" not in english
    assert "Ministry of Foreign Affairs a…" in english
    assert {"MAEDI", "DIESS"} <= in_french


def test_names_are_written_only_where_they_overlap_no_other(union, tmp_path) -> None:
    placed = draw(union, tmp_path / "union.svg", labels=union.number_of_nodes())
    assert 0 < len(placed) < union.number_of_nodes()  # some names did not fit
    assert not any(a.box.overlaps(b.box) for a, b in combinations(placed, 2))
    written = texts((tmp_path / "union.svg").read_text(encoding="utf-8"))
    assert all(p.text in written for p in placed)


def test_the_busiest_nodes_are_named_first(union, tmp_path) -> None:
    placed = draw(union, tmp_path / "union.svg", labels=3)
    busiest = sorted(union.degree, key=lambda item: (-item[1], item[0]))[0][0]
    assert len(placed) == 3 and placed[0].node == busiest
    assert union.nodes[busiest]["short_label"] == placed[0].text


def test_the_same_network_gives_the_same_picture(gpiess, tmp_path) -> None:
    for name in ("a.svg", "b.svg", "a.png", "b.png"):
        draw(gpiess, tmp_path / name)
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_an_empty_network_draws_a_message(tmp_path) -> None:
    assert draw(nx.Graph(name="nothing"), tmp_path / "empty.svg") == []
    assert ">empty network<" in (tmp_path / "empty.svg").read_text(encoding="utf-8")
