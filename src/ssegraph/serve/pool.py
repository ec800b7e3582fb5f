"""Clients' queries run in worker processes, so that one past its limits is really stopped.

pyoxigraph cannot interrupt a query from another thread, and a thread left to finish would keep
a core busy for as long as the query lasts. Each worker is a child process forked from the
server once the graph is loaded (copy-on-write: the store is not copied), runs one job at a
time, and is killed when its job runs past the time limit or its memory past the operator's
limit (``RLIMIT_AS``: the allocation fails and the worker dies); a new fork takes its place and
the client gets 503. Workers stop by themselves when the server process is gone. A fork copies
the server's open sockets too (its listening socket, its clients' keep-alive connections): a
worker lets go of them first thing (``_let_go_of_sockets``), or a connection that the server
closes would stay open in the worker and a browser's next request on it would go unanswered.

Fairness: the server waits for workers without holding a thread (the event loop watches their
pipes), and a job still running after ``slow_after`` seconds is *slow*: its worker drops to the
lowest CPU priority and leaves the ready set, a fresh fork takes its place, and the job may run
on until the time limit. At most ``max_slow`` slow jobs run at once (one more is stopped with
503), so a few slow clients cannot take the workers from the others; no client has more than
``per_client`` jobs running or waiting. Every wait counts against the time limit: a client
gets its answer or a 503 within ``timeout`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
import stat
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Generic, Protocol, TypeVar

from rdflib import URIRef
from rdflib.term import Identifier

from ssegraph.backends.embedded import Answer, Dataset, EmbeddedBackend
from ssegraph.errors import QueryError, Unavailable, WorkerFailed
from ssegraph.graph import KnowledgeGraph
from ssegraph.provenance import with_sources
from ssegraph.results import Results, answer

_FORK = multiprocessing.get_context("fork")
_LOG = logging.getLogger("uvicorn.error")
Result = TypeVar("Result")
Result_co = TypeVar("Result_co", covariant=True)
MIB = 1 << 20


class Job(Protocol, Generic[Result_co]):
    """Work for a worker: picklable, run against the worker's copy of the graph."""

    def run(self, kg: KnowledgeGraph) -> Result_co: ...


def _bounded(answer: Answer, max_bytes: int | None) -> Answer:
    if max_bytes is not None and len(answer.body) > max_bytes:
        raise QueryError(
            "answer too large",
            f"{len(answer.body):,} bytes, more than this server's limit of {max_bytes:,}: "
            "ask for fewer rows (LIMIT) or fewer columns",
        )
    return answer


@dataclass(frozen=True)
class ProtocolQuery:
    """A SPARQL protocol request: the answer serialised by ``EmbeddedBackend.answer``."""

    query: str
    media_type: str
    limit: int | None = None
    dataset: Dataset | None = None
    max_bytes: int | None = None

    def run(self, kg: KnowledgeGraph) -> Answer:
        backend = kg.backend
        assert isinstance(backend, EmbeddedBackend)  # create_app serves the embedded store only
        try:
            answer = backend.answer(self.query, self.media_type, self.limit, self.dataset)
        except MemoryError as error:  # pyoxigraph's buffers refuse a row of many megabytes
            raise QueryError("answer too large", f"{error}: ask for less") from None
        return _bounded(answer, self.max_bytes)


@dataclass(frozen=True)
class BoundSelect:
    """A SELECT with its variables already bound (a catalogue query): the rows, with a
    ``sources`` column (each row's sources, ``ssegraph.provenance``) when ``sources`` is set,
    computed here in the worker, under the same limits as the query."""

    query: str
    bindings: Mapping[str, Identifier]
    sources: bool = False

    def run(self, kg: KnowledgeGraph) -> Results:
        answered = answer(kg, self.query, self.bindings)
        return with_sources(kg, answered) if self.sources else answered


@dataclass(frozen=True)
class NodeGraph:
    """A CONSTRUCT about one node, bound to it, serialised in an RDF format with the caps."""

    query: str
    node: URIRef
    media_type: str
    limit: int | None = None
    max_bytes: int | None = None

    def run(self, kg: KnowledgeGraph) -> Answer:
        graph = kg.construct(self.query, {"node": self.node})
        cut = self.limit is not None and len(graph) > self.limit
        if cut:
            kept = sorted(graph)[: self.limit]
            graph = graph.__class__(namespace_manager=graph.namespace_manager)
            for triple in kept:
                graph.add(triple)
        body = graph.serialize(format=self.media_type, encoding="utf-8")
        return _bounded(Answer(body, self.media_type, cut), self.max_bytes)


def _limit_memory(headroom: int) -> None:
    """Let this process's address space grow by ``headroom`` bytes at most (Linux)."""
    import resource

    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (size + headroom, size + headroom))
    except (OSError, ValueError):
        pass  # no /proc or no limit to set here: the time limit still holds


def _let_go_of_sockets(keep: int) -> None:
    """Point every socket this fork inherited, but its own pipe (``keep``) and the standard
    streams (a socket to the journal, under systemd), at /dev/null.

    Held here, a client's connection that the server closes stays open (no FIN is sent while a
    copy is open), and the client sends its next request on it to no reader. The descriptors
    are replaced rather than closed, so that no number is reused under a stale socket object
    that might close it later. Without /proc (not Linux) nothing is done."""
    try:
        descriptors = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for descriptor in descriptors:
            if descriptor in (0, 1, 2, keep, null):
                continue
            with contextlib.suppress(OSError):  # the listing's own, already gone
                if stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                    os.dup2(null, descriptor)
    finally:
        os.close(null)


def _work(connection: Connection, kg: KnowledgeGraph, server: int, headroom: int) -> None:
    """A worker's life: run jobs until the server process goes away."""
    _let_go_of_sockets(connection.fileno())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if headroom:
        _limit_memory(headroom)
    while True:
        while not connection.poll(1.0):
            if os.getppid() != server:
                return
        try:
            job: Job[Any] = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any, Any] = ("ok", job.run(kg), None)
        except QueryError as error:  # sent as text: the error type does not pickle
            reply = ("error", error.where, error.detail)
        except MemoryError:
            os._exit(70)  # past the memory limit: the server replaces this worker
        except Exception as error:  # a bug: reported, and this worker goes on
            reply = ("bug", f"{type(error).__name__}: {error}", None)
        try:
            connection.send(reply)
        except MemoryError:
            os._exit(70)


class _Worker:
    """A forked worker process and the server's end of its pipe."""

    def __init__(self, kg: KnowledgeGraph, headroom: int, epoch: int = 0) -> None:
        self.epoch = epoch  # the pool's graph it was forked with (``QueryPool.renew``)
        self.connection, child = _FORK.Pipe()
        self.process = _FORK.Process(
            target=_work,
            args=(child, kg, os.getpid(), headroom),
            name="ssegraph-query",
            daemon=True,
        )
        self.process.start()
        child.close()

    async def reply(self, seconds: float) -> tuple[str, Any, Any] | None:
        """The worker's reply, or None when it gave none within ``seconds``."""
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        descriptor = self.connection.fileno()

        def readable() -> None:
            if not ready.done():
                ready.set_result(None)

        loop.add_reader(descriptor, readable)
        try:
            await asyncio.wait_for(ready, max(seconds, 0.0))
        except TimeoutError:
            return None
        finally:
            loop.remove_reader(descriptor)
            os.set_blocking(descriptor, True)  # uvloop leaves a watched descriptor non-blocking
        try:
            return self.connection.recv()
        except (EOFError, OSError):
            self.process.join(1)
            return ("died", None, f"exit code {self.process.exitcode}")

    def demote(self) -> None:
        """The lowest CPU priority: a slow job only gets the cores the others leave."""
        with contextlib.suppress(OSError, TypeError):
            os.setpriority(os.PRIO_PROCESS, self.process.pid or 0, 19)

    def stop(self, wait: bool = False) -> None:
        """Kill the worker. Its exit (the kernel freeing what a large query took, at the low
        priority of a demoted worker: a fraction of a second or more under load) is awaited
        in a thread unless ``wait``, so that the event loop, and every other client, never
        waits for it."""
        self.process.kill()
        self.connection.close()
        if wait:
            self.process.join()
        else:
            threading.Thread(target=self.process.join, name="ssegraph-reap", daemon=True).start()


@dataclass(frozen=True)
class Limits:
    """How much of the machine clients' queries may take."""

    workers: int = 2  # ready workers
    timeout: float = 10.0  # seconds from a request's arrival to its answer or a 503
    memory: int = 1024 * MIB  # bytes a worker's address space may grow by (0: no limit)
    slow_after: float = 0.25  # seconds after which a running job counts as slow
    max_slow: int = 8  # slow jobs running at once
    per_client: int = 16  # jobs running or waiting per client address


class QueryPool:
    """Workers that run clients' queries within the time, memory and fairness limits."""

    def __init__(self, kg: KnowledgeGraph, limits: Limits) -> None:
        self.kg, self.limits = kg, limits
        self.size = max(limits.workers, 1)
        self.timeout = limits.timeout
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()
        self._slow = 0
        self._clients: Counter[str] = Counter()
        self._released: asyncio.Condition | None = None
        self._closed = False
        self._epoch = 0

    def start(self) -> None:
        self._idle = asyncio.Queue()
        self._released = asyncio.Condition()
        for _ in range(self.size):
            self._idle.put_nowait(self._fork())

    def renew(self, kg: KnowledgeGraph) -> None:
        """Serve ``kg`` from now on: idle workers are replaced by forks of it at once, busy ones
        once their job is answered (a job never sees half of one graph and half of another)."""
        assert self._idle is not None, "start() the pool first"
        self.kg, self._epoch = kg, self._epoch + 1
        for _ in range(self._idle.qsize()):
            self._replace(self._idle.get_nowait())

    def close(self) -> None:
        self._closed = True
        workers, self._all = self._all, set()
        for worker in workers:
            worker.stop(wait=True)

    async def run(self, job: Job[Result], client: str = "") -> Result:
        """Run a job for ``client`` (its address); answered or refused within the time limit."""
        deadline = time.monotonic() + self.timeout
        async with self._turn(client, deadline):
            worker = await self._take(deadline)
            reply = await self._ask(worker, job, deadline)
        status, first, second = reply
        if status == "ok":
            return first
        if status == "error":
            raise QueryError(first, second)
        if status == "bug":
            raise WorkerFailed(
                f"internal error in the query worker ({first})",
                f"erreur interne du processus de requête ({first})",
            )
        _LOG.warning("a query worker stopped (%s) while running %r", second, job)
        mib = self.limits.memory // MIB
        raise Unavailable(
            f"the query needed more memory than this server allows ({mib} MiB) or stopped its "
            "worker: it was stopped and a new worker has started",
            f"la requête demandait plus de mémoire que ce serveur n'en permet ({mib} Mio) ou a "
            "arrêté son processus : elle a été arrêtée et un nouveau processus a démarré",
        )

    @contextlib.asynccontextmanager
    async def _turn(self, client: str, deadline: float) -> AsyncIterator[None]:
        """Wait until ``client`` has fewer than ``per_client`` jobs running or waiting."""
        assert self._released is not None, "start() the pool first"
        async with self._released:
            while self._clients[client] >= self.limits.per_client:
                try:
                    await asyncio.wait_for(self._released.wait(), deadline - time.monotonic())
                except TimeoutError:
                    raise Unavailable(
                        f"more than {self.limits.per_client} of your queries are running or "
                        "waiting: try again when they are answered",
                        f"plus de {self.limits.per_client} de vos requêtes sont en cours ou en "
                        "attente : réessayez quand elles auront reçu leur réponse",
                    ) from None
            self._clients[client] += 1
        try:
            yield
        finally:
            async with self._released:
                self._clients[client] -= 1
                if not self._clients[client]:
                    del self._clients[client]
                self._released.notify_all()

    async def _take(self, deadline: float) -> _Worker:
        assert self._idle is not None, "start() the pool first"
        try:
            return await asyncio.wait_for(self._idle.get(), deadline - time.monotonic())
        except TimeoutError:
            raise Unavailable(
                "every query worker is busy: try again shortly",
                "tous les processus de requête sont occupés : réessayez dans un instant",
            ) from None

    async def _ask(self, worker: _Worker, job: Job[Any], deadline: float) -> tuple[str, Any, Any]:
        try:
            worker.connection.send(job)
            reply = await worker.reply(min(self.limits.slow_after, deadline - time.monotonic()))
            if reply is None and deadline - time.monotonic() > 0:
                reply = await self._slow_reply(worker, deadline)
            elif reply is None or reply[0] == "died":
                self._replace(worker)
            else:
                self._give_back(worker)
        except (OSError, ValueError):  # the pipe broke: the worker had gone
            self._replace(worker)
            raise Unavailable(
                "a query worker had stopped; a new one has started",
                "un processus de requête s'était arrêté ; un nouveau a démarré",
            ) from None
        except asyncio.CancelledError:  # the client went away: its job must not linger
            if worker in self._all:
                self._replace(worker)
            raise
        if reply is None:
            raise Unavailable(
                f"the query ran past the time limit of {self.timeout:g} s and was stopped",
                f"la requête a dépassé la limite de {self.timeout:g} s et a été arrêtée",
            )
        return reply

    async def _slow_reply(self, worker: _Worker, deadline: float) -> tuple[str, Any, Any] | None:
        """A job past ``slow_after``: on a demoted worker, replaced in the ready set by a fork."""
        self._spawn()
        try:
            if self._slow >= self.limits.max_slow:
                raise Unavailable(
                    f"{self._slow} long queries are already running, the most this server "
                    f"takes at once: this one was stopped after {self.limits.slow_after:g} s; "
                    "try again shortly, or ask for less",
                    f"{self._slow} longues requêtes tournent déjà, le plus que ce serveur en "
                    f"accepte à la fois : celle-ci a été arrêtée après "
                    f"{self.limits.slow_after:g} s ; réessayez dans un instant, ou demandez moins",
                )
            self._slow += 1
            worker.demote()
            try:
                return await worker.reply(deadline - time.monotonic())
            finally:
                self._slow -= 1
        finally:
            self._all.discard(worker)
            worker.stop()

    def _give_back(self, worker: _Worker) -> None:
        assert self._idle is not None
        if self._closed:
            worker.stop()
        elif worker.epoch != self._epoch:
            self._replace(worker)  # forked with the graph served before the last renew()
        else:
            self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        """Stop ``worker`` and put a fresh fork in the ready set."""
        self._all.discard(worker)
        worker.stop()
        self._spawn()

    def _spawn(self) -> None:
        if not self._closed:
            self._give_back(self._fork())

    def _fork(self) -> _Worker:
        if self._closed:
            raise Unavailable("the server is stopping", "le serveur s'arrête")
        worker = _Worker(self.kg, self.limits.memory, self._epoch)
        self._all.add(worker)
        return worker
