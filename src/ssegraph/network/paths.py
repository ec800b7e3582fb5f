"""Shortest-path measures of a whole network, exact, at the speed a 20k-actor network needs.

Closeness needs only how far each node is from every other: breadth-first searches from 64
sources at once, each source one bit of a 64-bit word per node (one pass over the edges per
level serves all 64), in numpy. Betweenness needs the counts of shortest paths (igraph's Brandes
in C); its sources are shared out between the machine's cores, each process summing the part of
its own sources, and the parts added up (the sum over sources is the definition).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import igraph as ig  # type: ignore[import-untyped]
import numpy as np

_WORD = 64  # sources per search: one bit each


def distance_sums(engine: ig.Graph) -> tuple[np.ndarray, np.ndarray]:
    """Per vertex: the sum of its distances (in steps) to the vertices it reaches, and how
    many it reaches (itself left out)."""
    n = engine.vcount()
    adjacency = engine.get_adjlist()
    degree = np.fromiter((len(ns) for ns in adjacency), dtype=np.int64, count=n)
    indices = np.fromiter((v for ns in adjacency for v in ns), dtype=np.int64, count=degree.sum())
    starts = np.concatenate(([0], np.cumsum(degree)[:-1]))
    linked = np.flatnonzero(degree)  # reduceat needs non-empty runs
    totals = np.zeros(n, dtype=np.int64)
    reached = np.zeros(n, dtype=np.int64)
    bits = np.left_shift(np.uint64(1), np.arange(_WORD, dtype=np.uint64))
    for first in range(0, n, _WORD):
        sources = np.arange(first, min(first + _WORD, n))
        frontier = np.zeros(n, dtype=np.uint64)
        frontier[sources] = bits[: len(sources)]
        seen = frontier.copy()
        level = 0
        while True:
            level += 1
            step = np.zeros(n, dtype=np.uint64)
            if len(linked):
                step[linked] = np.bitwise_or.reduceat(frontier[indices], starts[linked])
            frontier = step & ~seen
            if not frontier.any():
                break
            seen |= frontier
            found = np.unpackbits(frontier.view(np.uint8).reshape(n, 8), axis=1, bitorder="little")
            counts = found.sum(axis=0, dtype=np.int64)[: len(sources)]
            totals[sources] += level * counts
            reached[sources] += counts
    return totals, reached


def closeness(engine: ig.Graph) -> list[float]:
    """Closeness in steps with networkx's Wasserman-Faust scaling, computed as networkx does:
    (reached / total distance) times (reached / (n - 1)); 0 for a vertex that reaches none."""
    n = engine.vcount()
    totals, reached = distance_sums(engine)
    values = []
    for total, count in zip(totals.tolist(), reached.tolist(), strict=True):
        if total > 0 and n > 1:
            value = count / total
            value *= count / (n - 1)
            values.append(value)
        else:
            values.append(0.0)
    return values


def _part(engine: ig.Graph, sources: list[int]) -> list[float]:
    return list(engine.betweenness(directed=False, sources=sources))


def betweenness(
    engine: ig.Graph, workers: int | None = None, alone_below: int = 2_000
) -> list[float]:
    """igraph's exact betweenness in steps (not normalised), its sources shared out between
    ``workers`` processes (the cores this process may use); in this process alone where it
    may not start others (a daemon worker) or the network has fewer than ``alone_below``
    vertices (starting processes would cost more than they save)."""
    workers = workers or len(os.sched_getaffinity(0))
    n = engine.vcount()
    if workers < 2 or n < alone_below:
        return list(engine.betweenness(directed=False))
    shares = [list(range(i, n, workers)) for i in range(workers)]
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            parts = list(pool.map(_part, [engine] * workers, shares))
    except (AssertionError, OSError):  # a daemon process may have no children
        return list(engine.betweenness(directed=False))
    return [sum(values) for values in zip(*parts, strict=True)]
