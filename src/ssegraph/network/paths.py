"""Shortest-path measures of a whole network, exact, at the speed a 20k-actor network needs.

Betweenness and closeness both come from one breadth-first search per source: Brandes's
algorithm counts the shortest paths on the way out and adds up each vertex's dependency on the
way back, and the same search gives the source's distance sum and reach, so closeness costs
nothing more. On a network of ``NATIVE_FROM`` vertices or more the searches run in a compiled
kernel (``_brandes``, numba), a share of the sources per core; below that igraph's C functions
answer in milliseconds and numba is not even imported.

The kernel searches a smaller network with the same answers. Closed twins (vertices with the
same neighbours, each other included: the members of one small group and nothing else) are one
class vertex with their number as its weight: from any other source they lie at the same
distance with the same path counts, and a search from one of them gives what a search from each
of the others would, so a class is searched once and counted for all its members (at 1M triples
19,428 actors are 15,126 classes, 204,254 edges 174,950). The class vertices are numbered by
degree, highest first (the hubs' rows stay in cache: 18% faster than the network's own order),
in two bytes each where they fit. On the way back each vertex pulls from the successors
recorded on the way out, instead of scanning all its neighbours again and pushing to them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import Any

import igraph as ig  # type: ignore[import-untyped]
import numpy as np

#: Networks with at least this many vertices are measured by the compiled kernel: a process
#: pays 1.3 s for numba's import and loading the kernel, what igraph takes for the first
#: 3,000 actors of the 1M-triple network (0.5 s for 2,000, 3.1 s for 4,000).
NATIVE_FROM = 3_000
#: Sources per call of the kernel: enough calls that a core slowed by another job gets fewer.
_CHUNKS_PER_CORE = 16


@dataclass(frozen=True)
class PathMeasures:
    """Per vertex: betweenness in steps with each pair counted once (igraph's, not
    normalised) and closeness with networkx's Wasserman-Faust scaling."""

    betweenness: list[float]
    closeness: list[float]


def measures(engine: ig.Graph, native_from: int = NATIVE_FROM) -> PathMeasures:
    """Exact betweenness and closeness of every vertex of ``engine`` (in steps, undirected)."""
    if engine.vcount() == 0:
        return PathMeasures([], [])
    if engine.vcount() < native_from:
        return _by_igraph(engine)
    return _by_kernel(engine)


def _wasserman_faust(reached: np.ndarray, nearness: np.ndarray, n: int) -> list[float]:
    """networkx's closeness from each vertex's reach and its reach over its distance sum:
    nearness times (reached / (n - 1)), 0 for a vertex that reaches none."""
    scaled = nearness * (reached / max(n - 1, 1))
    return np.where(reached > 0, scaled, 0.0).tolist()


def _by_igraph(engine: ig.Graph) -> PathMeasures:
    """igraph's betweenness, and its closeness (reach over distance sum, within the
    component: NaN for a vertex alone) scaled as networkx's."""
    reached = np.zeros(engine.vcount(), dtype=np.int64)
    for component in engine.connected_components():
        reached[component] = len(component) - 1
    nearness = np.nan_to_num(np.array(engine.closeness(normalized=True), dtype=np.float64))
    closeness = _wasserman_faust(reached, nearness, engine.vcount())
    return PathMeasures(list(engine.betweenness(directed=False)), closeness)


@dataclass(frozen=True)
class Quotient:
    """The network with each class of closed twins made one vertex: rows of neighbours in
    compressed form (``indptr``, ``indices``), each class's number of members (``sizes``), and
    the class of each vertex of the network (``of``)."""

    indptr: np.ndarray
    indices: np.ndarray
    sizes: np.ndarray
    of: np.ndarray


def _rows(n: int, edges: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The undirected ``edges`` (pairs of vertices below ``n``, no loops) as sorted rows of
    neighbours, each edge in both rows."""
    heads = np.concatenate((edges[:, 0], edges[:, 1]))
    tails = np.concatenate((edges[:, 1], edges[:, 0]))
    order = np.lexsort((tails, heads))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(heads, minlength=n), out=indptr[1:])
    return indptr, tails[order]


def quotient(n: int, edges: np.ndarray) -> Quotient:
    """``edges`` between ``n`` vertices (loops left out: they are on no shortest path) with
    closed twins merged, the classes numbered by degree (highest first, ties by first
    member)."""
    edges = edges[edges[:, 0] != edges[:, 1]]
    indptr, indices = _rows(n, edges)
    classes: dict[bytes, int] = {}
    first = np.empty(n, dtype=np.int64)
    for vertex in range(n):
        closed = np.sort(np.append(indices[indptr[vertex] : indptr[vertex + 1]], vertex))
        first[vertex] = classes.setdefault(closed.tobytes(), vertex)
    _, number = np.unique(first, return_inverse=True)
    ends = number[edges]
    ends = ends[ends[:, 0] != ends[:, 1]]
    count = int(number.max()) + 1
    pairs = np.unique(np.minimum(ends[:, 0], ends[:, 1]) * count + np.maximum(*ends.T))
    ends = np.stack((pairs // count, pairs % count), axis=1)
    degree = np.bincount(ends.ravel(), minlength=count)
    rank = np.empty(count, dtype=np.int64)
    rank[np.argsort(-degree, kind="stable")] = np.arange(count)
    indptr, indices = _rows(count, rank[ends])
    sizes = np.bincount(rank[number], minlength=count)
    return Quotient(indptr, indices.astype(_vertex_type(count)), sizes, rank[number])


def _vertex_type(count: int) -> type[np.integer]:
    """The narrowest type for ``count`` vertex numbers that the kernel takes: 2 bytes where
    they fit (the rows read once per search are then half as long: 14% faster at 1M triples),
    else 4."""
    return np.uint16 if count <= 1 << 16 else np.int32


def _by_kernel(engine: ig.Graph) -> PathMeasures:
    """Both measures from the compiled kernel's searches of the twins' quotient, a chunk of
    sources per call, as many calls at once as the cores this process may use (the kernel
    releases the GIL)."""
    n = engine.vcount()
    edges = np.array(engine.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    merged = quotient(n, edges)
    count = len(merged.sizes)
    cores = len(os.sched_getaffinity(0))
    chunks = np.array_split(np.arange(count, dtype=np.int32), cores * _CHUNKS_PER_CORE)
    kernel = _compiled()

    def search(sources: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return kernel(merged.indptr, merged.indices, merged.sizes, sources)

    with ThreadPoolExecutor(cores) as pool:
        parts = list(pool.map(search, [chunk for chunk in chunks if len(chunk)]))
    between = np.sum([part[0] for part in parts], axis=0) / 2  # each pair was met from both ends
    totals = np.sum([part[1] for part in parts], axis=0)[merged.of]
    reached = np.sum([part[2] for part in parts], axis=0)[merged.of]
    nearness = np.divide(reached, totals, out=np.zeros(n), where=totals > 0)
    return PathMeasures(between[merged.of].tolist(), _wasserman_faust(reached, nearness, n))


@cache
def _compiled() -> Callable[..., Any]:
    """``_brandes`` compiled, once per install (4.8 s): numba keeps the machine code in
    ``__pycache__`` beside this file or, where that is read-only, in the user's cache
    (``$XDG_CACHE_HOME/numba``, by default ``~/.cache/numba``; ``NUMBA_CACHE_DIR`` overrides
    both), and loads it in later processes. Processes that compile at once each write whole
    files and rename them into place, so none reads a half-written one."""
    import numba  # its import alone takes 0.4 s

    return numba.njit(cache=True, nogil=True)(_brandes)


def _brandes(
    indptr: np.ndarray, indices: np.ndarray, sizes: np.ndarray, sources: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """From each class vertex of ``sources`` (a search counted for each of its members):
    the dependencies of every vertex summed (per member of its class), and the source's
    distance sum and reach over the members of the network.

    Per member of class v, sigma[v] shortest paths come from the source; a member of v passes
    all of its sizes[v] twins' paths on to each next vertex, but the source class passes only
    the source's one (its other members are its neighbours, at distance 1, on no path). Back
    from the farthest, pull[w] = sizes[w] (1 + delta[w]) / sigma[w], and a member of v depends
    on the source for sigma[v] times the pulls of its successors."""
    n = indptr.shape[0] - 1
    between = np.zeros(n)
    totals = np.zeros(n, dtype=np.int64)
    reached = np.zeros(n, dtype=np.int64)
    dist = np.full(n, -1, dtype=np.int32)
    sigma = np.zeros(n)
    pull = np.zeros(n)
    queue = np.empty(n, dtype=np.int32)
    starts = np.empty(n + 1, dtype=np.int64)  # per place in the queue, its successors' start
    successors = np.empty(indices.shape[0], dtype=indices.dtype)
    for source in sources:
        dist[source] = 0
        sigma[source] = 1.0
        queue[0] = source
        head, tail, found = 0, 1, 0
        while head < tail:
            v = queue[head]
            starts[head] = found
            head += 1
            step = dist[v] + 1
            passed = sigma[v] * sizes[v] if head > 1 else 1.0
            for k in range(indptr[v], indptr[v + 1]):
                w = indices[k]
                if dist[w] < 0:
                    dist[w] = step
                    sigma[w] = passed
                    queue[tail] = w
                    tail += 1
                elif dist[w] == step:
                    sigma[w] += passed
                else:
                    continue
                successors[found] = w
                found += 1
        starts[tail] = found
        weight = sizes[source]
        total = weight - 1  # the source's twins, one step away
        reach = weight - 1
        for place in range(tail - 1, 0, -1):
            w = queue[place]
            pulled = 0.0
            for k in range(starts[place], starts[place + 1]):
                pulled += pull[successors[k]]
            delta = sigma[w] * pulled
            between[w] += weight * delta
            pull[w] = sizes[w] * (1.0 + delta) / sigma[w]
            total += sizes[w] * dist[w]
            reach += sizes[w]
        totals[source] = total
        reached[source] = reach
        for place in range(tail):
            dist[queue[place]] = -1
    return between, totals, reached
