"""Answers computed from a whole graph, kept beside its store on disk as JSON for later commands.

The statistics of ``info`` and the rows of a network's reads cost seconds at 1M triples and
change only with the store: each is kept in a file that ``KnowledgeGraph.sidecar`` names (none
for a store in memory or a remote endpoint) and read back while that store is the one read. A
kept file that cannot be read (cut short, another version's shape) or written (a read-only
cache) is passed over: the answer is computed again.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from ssegraph.errors import CannotWrite
from ssegraph.safefile import write_atomically

T = TypeVar("T")


class _HasSidecar(Protocol):
    def sidecar(self, name: str) -> Any: ...


def kept(
    kg: _HasSidecar,
    name: str,
    compute: Callable[[], T],
    load: Callable[[Any], T],
    dump: Callable[[T], Any],
) -> T:
    """``compute()``, or what the file ``name`` kept beside ``kg``'s store holds (``load`` turns
    its JSON back into the answer, ``dump`` the answer into JSON)."""
    path = kg.sidecar(name)
    if path is not None and path.exists():
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            return load(json.loads(path.read_bytes()))
    found = compute()
    if path is not None:
        with contextlib.suppress(CannotWrite, OSError):
            write_atomically(path, json.dumps(dump(found), separators=(",", ":")).encode())
    return found
