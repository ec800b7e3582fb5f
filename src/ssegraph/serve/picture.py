"""A small picture of a node's neighbourhood, laid out on the server and drawn as inline SVG.

The node sits in the middle; the groups it belongs to, its members, its events and outcomes,
and for an event those who take part in it (organisers, partners, speakers...), sit around it
on an ellipse, each a link to its own page. No script runs in the browser.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ssegraph.describe import Description
from ssegraph.serve.nodepage import Named

WIDTH, HEIGHT = 900, 360
RADIUS_X, RADIUS_Y = 220, 130
LABEL_LENGTH = 32


@dataclass(frozen=True)
class Spot:
    """One neighbour: where it sits and where its label goes."""

    node: str
    label: str  # shortened to fit
    title: str  # the full label, shown on hover
    kind: str  # group, member, event, outcome or actor (of an event): its colour
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor: start, middle or end


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    centre_x: float
    centre_y: float
    label: str
    spots: list[Spot]
    hidden: int  # neighbours left out to keep the picture readable
    kinds: tuple[str, ...] = ()  # the kinds drawn, for the legend


def neighbourhood(
    description: Description, actors: Sequence[Named] = (), limit: int = 18
) -> Picture:
    """Lay out ``description``'s neighbours, and the ``actors`` of an event, around it: at
    most ``limit`` of them."""
    neighbours: dict[str, tuple[str, str]] = {}
    groups = [(m.other, m.other_label, "group") for m in description.memberships]
    groups += [(m.other, m.other_label, "group") for m in description.posts]
    members = [(m.other, m.other_label, "member") for m in description.members]
    events = [(link.node, link.label, "event") for link in description.events]
    outcomes = [(link.node, link.label, "outcome") for link in description.outcomes]
    parts = [(actor.node, actor.label, "actor") for actor in actors if actor.node]
    for other, label, kind in groups + members + events + outcomes + parts:
        neighbours.setdefault(str(other), (label, kind))
    chosen = list(neighbours.items())[:limit]
    centre_x, centre_y = WIDTH / 2, HEIGHT / 2
    spots = []
    for position, (node, (label, kind)) in enumerate(chosen):
        angle = -math.pi / 2 + 2 * math.pi * position / max(len(chosen), 1)
        dx, dy = math.cos(angle), math.sin(angle)
        x, y = centre_x + RADIUS_X * dx, centre_y + RADIUS_Y * dy
        anchor = "start" if dx > 0.2 else "end" if dx < -0.2 else "middle"
        spots.append(
            Spot(
                node=node,
                label=_shorten(label),
                title=label,
                kind=kind,
                x=round(x, 1),
                y=round(y, 1),
                label_x=round(x + 10 * dx, 1),
                label_y=round(y + 10 * dy + (4 if anchor != "middle" else 16 * dy), 1),
                anchor=anchor,
            )
        )
    return Picture(
        WIDTH,
        HEIGHT,
        centre_x,
        centre_y,
        _shorten(description.label),
        spots,
        len(neighbours) - len(chosen),
        tuple(dict.fromkeys(spot.kind for spot in spots)),
    )


def _shorten(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"
