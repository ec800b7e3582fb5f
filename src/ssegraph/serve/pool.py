"""Clients' queries run in worker processes, so that one past the time limit is really stopped.

pyoxigraph cannot interrupt a query from another thread, and a thread left to finish would keep
a core busy for as long as the query lasts. Each worker is a child process forked from the
server once the graph is loaded (copy-on-write: the store is not copied), runs one job at a
time, and is killed when its job runs past the limit; a new fork takes its place, so the server
keeps serving. The workers also take the queries off the server's own interpreter, so the two
cores answer at once. Workers stop by themselves when the server process is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Generic, Protocol, TypeVar

from rdflib.term import Identifier

from ssegraph.backends.embedded import Answer, Dataset, EmbeddedBackend
from ssegraph.errors import QueryError
from ssegraph.graph import KnowledgeGraph, Row
from ssegraph.serve.errors import HttpError

_FORK = multiprocessing.get_context("fork")
Result = TypeVar("Result")
Result_co = TypeVar("Result_co", covariant=True)


class Job(Protocol, Generic[Result_co]):
    """Work for a worker: picklable, run against the worker's copy of the graph."""

    def run(self, kg: KnowledgeGraph) -> Result_co: ...


@dataclass(frozen=True)
class ProtocolQuery:
    """A SPARQL protocol request: the answer serialised by ``EmbeddedBackend.answer``."""

    query: str
    media_type: str
    limit: int | None = None
    dataset: Dataset | None = None

    def run(self, kg: KnowledgeGraph) -> Answer:
        backend = kg.backend
        assert isinstance(backend, EmbeddedBackend)  # create_app serves the embedded store only
        return backend.answer(self.query, self.media_type, self.limit, self.dataset)


@dataclass(frozen=True)
class BoundSelect:
    """A SELECT with its variables already bound (a catalogue query): the rows."""

    query: str
    bindings: Mapping[str, Identifier]

    def run(self, kg: KnowledgeGraph) -> list[Row]:
        return kg.select(self.query, self.bindings)


def _work(connection: Connection, kg: KnowledgeGraph, server: int) -> None:
    """A worker's life: run jobs until the server process goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        while not connection.poll(1.0):
            if os.getppid() != server:
                return
        try:
            job: Job[Any] = connection.recv()
        except EOFError:
            return
        try:
            reply: tuple[str, Any, Any] = ("ok", job.run(kg), None)
        except QueryError as error:  # sent as text: the error type does not pickle
            reply = ("error", error.where, error.detail)
        connection.send(reply)


class _Worker:
    """A forked worker process and the server's end of its pipe."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.connection, child = _FORK.Pipe()
        self.process = _FORK.Process(
            target=_work, args=(child, kg, os.getpid()), name="ssegraph-query", daemon=True
        )
        self.process.start()
        child.close()

    def ask(self, job: Job[Any], seconds: float) -> tuple[str, Any, Any] | None:
        """The worker's reply, or None when it gave none within ``seconds``."""
        try:
            self.connection.send(job)
            if self.connection.poll(max(seconds, 0.0)):
                return self.connection.recv()
        except (EOFError, OSError):
            return ("died", None, None)
        return None

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.connection.close()


class QueryPool:
    """A few workers that run clients' queries with a time limit."""

    def __init__(self, kg: KnowledgeGraph, workers: int, timeout: float) -> None:
        self.kg, self.size, self.timeout = kg, max(workers, 1), timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        for _ in range(self.size):
            self._idle.put(self._fork())

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers, self._all = self._all, set()
        for worker in workers:
            worker.stop()

    def run(self, job: Job[Result]) -> Result:
        """Run a job within the time limit: waiting for a free worker counts against it."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise HttpError(503, "every query worker is busy: try again shortly") from None
        reply = worker.ask(job, deadline - time.monotonic())
        if reply is None or reply[0] == "died":
            worker = self._replace(worker)
        self._idle.put(worker)
        if reply is None:
            raise HttpError(
                503, f"the query ran past the time limit of {self.timeout:g} s and was stopped"
            )
        status, first, second = reply
        if status == "ok":
            return first
        if status == "error":
            raise QueryError(first, second)
        raise HttpError(500, "the query worker stopped unexpectedly; a new one has started")

    def _fork(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise HttpError(503, "the server is stopping")
            worker = _Worker(self.kg)
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        return self._fork()
