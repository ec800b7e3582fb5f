"""The kinds of network and the filters that cut one: what a caller may ask for, as data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ssegraph.errors import BadParameter

GROUP, EVENT = "group", "event"
#: How persons enter a network: as themselves, or through the organisations of their posts.
PEOPLE = ("keep", "organisations")
#: The regional scope of a tie between two actors, from the countries of its two ends
#: (``UNKNOWN`` when either end has no country or its country no M49 region).
SCOPES = ("same-country", "same-subregion", "same-region", "inter-regional")
#: Which side of the development divide each end of a tie stands on.
DIVIDES = ("south-south", "north-south", "north-north")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class NetworkKind:
    """One way of linking actors: through groups, events or both; actor-actor or bipartite."""

    name: str
    parts: frozenset[str]  # GROUP and/or EVENT ties
    bipartite: bool  # edges actor-context instead of actor-actor
    description: str


NETWORKS: dict[str, NetworkKind] = {
    kind.name: kind
    for kind in (
        NetworkKind(
            "co-membership", frozenset({GROUP}), False, "actors linked by the groups they share"
        ),
        NetworkKind(
            "co-event",
            frozenset({EVENT}),
            False,
            "actors linked by the events they organise, partner in or speak at",
        ),
        NetworkKind(
            "union", frozenset({GROUP, EVENT}), False, "co-membership and co-event together"
        ),
        NetworkKind("actor-group", frozenset({GROUP}), True, "actors linked to their groups"),
        NetworkKind("actor-event", frozenset({EVENT}), True, "actors linked to their events"),
    )
}

#: The ``type`` an edge gets from the part of its tie and the kind of network.
EDGE_TYPES = {
    (GROUP, False): "co-membership",
    (EVENT, False): "co-event",
    (GROUP, True): "member of",
    (EVENT, True): "takes part in",
}


def network_kind(name: str) -> NetworkKind:
    """The kind of network called ``name``, or ``BadParameter`` listing them."""
    try:
        return NETWORKS[name]
    except KeyError:
        raise BadParameter("network", f"unknown network {name!r}", list(NETWORKS)) from None


@dataclass(frozen=True)
class Filters:
    """Which ties make a network. Names (groups, ego) are any label or IRI."""

    as_of: dt.date | None = None
    between: tuple[dt.date, dt.date] | None = None
    kinds: tuple[str, ...] = ()  # sse class local names: State, SSENetwork, UNEntity, ...
    groups: tuple[str, ...] = ()  # only memberships of these groups (event ties unaffected)
    roles: tuple[str, ...] = ()  # role or event-part labels: member, observer, partner, ...
    ego: str | None = None
    radius: int = 1
    people: str = "keep"  # one of PEOPLE
    participants: bool = False  # also attendees of events (schema:attendee)
    scopes: tuple[str, ...] = ()  # only edges of these SCOPES (or UNKNOWN)
    divides: tuple[str, ...] = ()  # only edges of these DIVIDES (or UNKNOWN)

    def describe(self) -> str:
        """The filters in words, for titles and messages."""
        words = []
        if self.as_of:
            words.append(f"as of {self.as_of}")
        if self.between:
            words.append(f"between {self.between[0]} and {self.between[1]}")
        for label, values in (
            ("kind", self.kinds),
            ("group", self.groups),
            ("role", self.roles),
            ("scope", self.scopes),
            ("divide", self.divides),
        ):
            if values:
                words.append(f"{label} {' or '.join(values)}")
        if self.ego:
            words.append(f"within {self.radius} of {self.ego}")
        if self.people != "keep":
            words.append(f"people as their {self.people}")
        if self.participants:
            words.append("with participants")
        return ", ".join(words) or "all dates"
