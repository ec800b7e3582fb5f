"""Which ties a network keeps: the filters resolved against the facts (names of groups, roles
and kinds to IRIs, persons mapped to their organisations), each refusal naming the choices."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ssegraph.errors import BadParameter
from ssegraph.graph import KnowledgeGraph
from ssegraph.names import normalise, resolve
from ssegraph.network.facts import Facts
from ssegraph.network.kinds import EVENT, GROUP, PEOPLE, Filters, NetworkKind
from ssegraph.network.ties import Tie
from ssegraph.vocab import SSE, expand, short


def select(kg: KnowledgeGraph, facts: Facts, kind: NetworkKind, filters: Filters) -> list[Tie]:
    """The ties of ``facts`` that ``filters`` keep, persons mapped as asked."""
    if filters.people not in PEOPLE:
        raise BadParameter("--people", f"unknown choice {filters.people!r}", list(PEOPLE))
    groups = {str(resolve(kg, name)) for name in filters.groups}
    _check_groups(facts, groups)
    roles = _roles(facts, filters.roles)
    ties = [
        tie
        for tie in facts.ties
        if tie.part in kind.parts
        and (filters.participants or tie.part == GROUP or not tie.roles <= facts.attendance)
        and (filters.as_of is None or tie.holds_on(filters.as_of))
        and (filters.between is None or tie.meets(*filters.between))
        and (not groups or tie.part == EVENT or tie.context in groups)
        and (not roles or bool(tie.roles & roles))
    ]
    if filters.people == "organisations":
        ties = _as_organisations(facts, ties)
    if filters.kinds:
        wanted = _kinds(facts, filters.kinds)
        ties = [tie for tie in ties if facts.is_a(tie.actor, wanted)]
    return ties


def _check_groups(facts: Facts, groups: set[str]) -> None:
    unknown = sorted(groups - {tie.context for tie in facts.ties if tie.part == GROUP})
    if unknown:
        label = f"{facts.label(unknown[0])} ({short(unknown[0])})"
        raise BadParameter("--group", f"{label} is not a group: no membership names it")


def _roles(facts: Facts, names: tuple[str, ...]) -> set[str]:
    """The role or event-property IRIs that ``names`` name, by any label or IRI."""
    known = {role for tie in facts.ties for role in tie.roles}
    found = set()
    for name in names:
        matches = {role for role in known if normalise(name) in facts.role_names(role)}
        if not matches:
            choices = sorted({facts.label(role) for role in known})
            raise BadParameter("--role", f"no tie has the role {name!r}", choices)
        found |= matches
    return found


def _kinds(facts: Facts, names: tuple[str, ...]) -> set[str]:
    """The sse classes that ``names`` name (local name, prefixed name or IRI)."""
    actor = str(SSE.Actor)
    known = {c for c, ancestors in facts.ancestors.items() if actor in ancestors}
    by_name = {c.removeprefix(str(SSE)).casefold(): c for c in known}
    found = set()
    for name in names:
        iri = str(expand(name) or name)
        wanted = iri if iri in known else by_name.get(iri.removeprefix(str(SSE)).casefold())
        if wanted is None:
            choices = sorted(c.removeprefix(str(SSE)) for c in known)
            raise BadParameter("--kind", f"unknown kind of actor {name!r}", choices)
        found.add(wanted)
    return found


def _as_organisations(facts: Facts, ties: list[Tie]) -> list[Tie]:
    """Persons' event ties carried over to the organisations where they hold a post or seat;
    their memberships, which say where that is, are not ties themselves. Dates of posts are
    not compared with those of events."""
    person = {str(SSE.Person)}
    posts: dict[str, list[Tie]] = defaultdict(list)
    for tie in facts.ties:
        if tie.part == GROUP and facts.is_a(tie.actor, person):
            posts[tie.actor].append(tie)
    mapped = []
    for tie in ties:
        if not facts.is_a(tie.actor, person):
            mapped.append(tie)
        elif tie.part == EVENT:
            mapped.extend(
                replace(tie, actor=post.context, sources=tie.sources | post.sources)
                for post in posts.get(tie.actor, ())
            )
    return mapped
