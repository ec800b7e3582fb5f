"""Pictures of networks: PNG and SVG files, nodes by kind, the busiest named, reproducible."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from matplotlib.image import imread

from ssegraph.network import Filters, build
from ssegraph.network_io import write
from ssegraph.plot import draw


@pytest.fixture(scope="module")
def gpiess(kg) -> nx.Graph:
    return build(kg, "co-membership", Filters(as_of=dt.date(2014, 9, 17), groups=("GPIESS",)))


def test_png_is_a_picture(gpiess, tmp_path) -> None:
    write(gpiess, tmp_path / "gpiess.png")
    pixels = imread(tmp_path / "gpiess.png")
    assert pixels.shape[0] > 800 and pixels.shape[1] > 800
    assert pixels.std() > 0  # not a blank page


def test_svg_names_the_actors_and_the_kinds_in_text(gpiess, tmp_path) -> None:
    write(gpiess, tmp_path / "gpiess.svg")
    svg = (tmp_path / "gpiess.svg").read_text(encoding="utf-8")
    for name in (">France<", ">UNTFSSE<", ">Quebec<", ">State (5)<", ">SSENetwork (3)<"):
        assert name in svg
    assert "12 nodes, 66 edges" in svg


def test_only_the_busiest_nodes_are_labelled(kg, tmp_path) -> None:
    union = build(kg, "union")
    draw(union, tmp_path / "union.svg", labels=3)
    svg = (tmp_path / "union.svg").read_text(encoding="utf-8")
    busiest = sorted(union.degree, key=lambda item: -item[1])[:3]
    assert all(f">{union.nodes[node]['short_label']}<" in svg for node, _ in busiest)
    assert ">Quebec<" not in svg


def test_the_same_network_gives_the_same_picture(gpiess, tmp_path) -> None:
    for name in ("a.svg", "b.svg", "a.png", "b.png"):
        draw(gpiess, tmp_path / name)
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_an_empty_network_draws_a_message(tmp_path) -> None:
    draw(nx.Graph(name="nothing"), tmp_path / "empty.svg")
    assert ">empty network<" in (tmp_path / "empty.svg").read_text(encoding="utf-8")
