"""Load on the web server: many clients asking the catalogue's questions at once, and whether
a few slow clients among them starve the others.

Starts ``ssegraph serve`` on 127.0.0.1 (the project's graph, or ``--project``) with the given
``--timeout`` and ``--workers``, then runs two phases against the same server:

1. **fast only**: ``--clients`` concurrent clients (asyncio + httpx) that each ask the catalogue
   queries in turn through their JSON pages (``/query/<name>.json``, default parameters);
2. **mix**: the same number of clients, ``--slow`` of them slow: each asks ``/sparql`` for a
   legal but expensive query (a cross join of the whole store, sorted), which the server stops
   at its time limit, and asks again as soon as it is answered; the others are fast as in 1.

Each phase stops after ``--requests`` fast requests or ``--seconds`` seconds, whichever comes
first; every request has a client-side timeout of the server's ``--timeout`` plus a margin, so
the run is bounded. Each client connects from its own loopback address (127.0.0.2, 127.0.0.3,
...: all of 127.0.0.0/8 is this machine) so that the server's per-client limit sees 50 clients,
as it would in production, not one; only 127.0.0.1 is contacted.

Printed per phase: fast answers per second, the share of fast requests refused with 503, p50,
p95 and max latency of fast answers, the longest wait of any fast request (answered or not) and
what the slow clients got; then the fast throughput of the mix as a share of the fast-only one,
and whether the target holds (at least half of it, and no fast request waiting longer than the
server's timeout).

Usage:
    python benchmarks/serve_load.py [--clients 50] [--slow 5] [--requests 2000] [--seconds 25]
                                    [--timeout 10] [--workers 2] [--project DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ssegraph.servers import running_ssegraph

# Legal (a read-only SELECT, no SERVICE) but expensive: every pair of the store's triples,
# sorted; it runs until the server's time limit stops it (or its memory limit, both a 503).
SLOW = "SELECT ?a ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY DESC(STR(?c)) ?f LIMIT 1"
MARGIN = 30.0  # seconds a client waits past the server's timeout before it gives up


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` fall (nearest rank); 0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


@dataclass
class Phase:
    """What the clients of one phase saw."""

    name: str
    fast_clients: int
    slow_clients: int
    elapsed: float = 0.0
    answered: list[float] = field(default_factory=list)  # latencies of fast 200s
    waits: list[float] = field(default_factory=list)  # every fast request, whatever it got
    fast_status: Counter[str] = field(default_factory=Counter)
    slow_status: Counter[str] = field(default_factory=Counter)
    slow_waits: list[float] = field(default_factory=list)
    lag: float = 0.0  # the clients' own event loop: the longest it was late for a timer

    @property
    def rate(self) -> float:
        return len(self.answered) / self.elapsed if self.elapsed else 0.0

    @property
    def refused(self) -> float:
        asked = sum(self.fast_status.values())
        return self.fast_status["503"] / asked if asked else 0.0

    def report(self) -> None:
        ms = 1000
        print(
            f"{self.name}: {self.fast_clients} fast + {self.slow_clients} slow clients, "
            f"{self.elapsed:.1f} s"
        )
        print(
            f"  fast: {len(self.answered):,} answers, {self.rate:.1f} answers/s "
            f"({self.rate / self.fast_clients:.2f} per fast client); "
            f"503: {self.refused:.1%}; statuses {dict(self.fast_status)}"
        )
        print(
            f"  fast latency: p50 {percentile(self.answered, 0.5) * ms:.0f} ms, "
            f"p95 {percentile(self.answered, 0.95) * ms:.0f} ms, "
            f"max {max(self.answered, default=0.0) * ms:.0f} ms; "
            f"longest wait of any fast request {max(self.waits, default=0.0):.2f} s"
        )
        print(f"  the clients' own event loop was late by {self.lag:.2f} s at the most")
        if self.slow_clients:
            print(
                f"  slow: {sum(self.slow_status.values())} requests, statuses "
                f"{dict(self.slow_status)}, longest wait {max(self.slow_waits, default=0.0):.2f} s"
            )


def _status(response: httpx.Response | None) -> str:
    return "timeout" if response is None else str(response.status_code)


async def _get(http: httpx.AsyncClient, path: str, params: dict[str, str]) -> httpx.Response | None:
    """The answer, or None when none came within the client's timeout (or the connection
    failed)."""
    try:
        return await http.get(path, params=params)
    except httpx.TransportError:  # timeouts included
        return None


async def run_phase(
    base: str, phase: Phase, names: list[str], requests: int, seconds: float, timeout: float
) -> Phase:
    """Run ``phase``'s clients until ``requests`` fast requests are sent or ``seconds`` pass."""
    count = phase.fast_clients + phase.slow_clients
    # One loopback address per client, so that the server's per-client limit sees each one.
    # All are made before the clock starts: making one (its SSL context) blocks the loop.
    https = [
        httpx.AsyncClient(
            base_url=base,
            transport=httpx.AsyncHTTPTransport(local_address=f"127.0.0.{2 + number}"),
            timeout=timeout + MARGIN,
        )
        for number in range(count)
    ]
    issued = 0
    fast_done = False  # the slow clients stop asking once the fast ones are done
    started = time.perf_counter()
    deadline = started + seconds

    async def client(number: int, slow: bool) -> None:
        nonlocal issued
        http = https[number]
        turn = number
        while time.perf_counter() < deadline and not fast_done and (slow or issued < requests):
            sent = time.perf_counter()
            if slow:
                response = await _get(http, "/sparql", {"query": SLOW})
                phase.slow_status[_status(response)] += 1
                phase.slow_waits.append(time.perf_counter() - sent)
                continue
            issued += 1
            name = names[turn % len(names)]
            turn += 1
            response = await _get(http, f"/query/{name}.json", {})
            waited = time.perf_counter() - sent
            phase.waits.append(waited)
            phase.fast_status[_status(response)] += 1
            if response is not None and response.status_code == 200:
                phase.answered.append(waited)

    async def watch() -> None:
        """How late the clients' loop runs a 50 ms timer: time counted in every wait above
        that the server did not spend (the clients share the two cores with it)."""
        while not fast_done:
            before = time.perf_counter()
            await asyncio.sleep(0.05)
            phase.lag = max(phase.lag, time.perf_counter() - before - 0.05)

    try:
        watcher = asyncio.create_task(watch())
        slow = [
            asyncio.create_task(client(phase.fast_clients + n, True))
            for n in range(phase.slow_clients)
        ]
        await asyncio.gather(*(client(n, False) for n in range(phase.fast_clients)))
        phase.elapsed = time.perf_counter() - started  # the fast clients' time: the rate's
        fast_done = True
        await asyncio.gather(*slow, watcher)  # each ends its request within timeout + MARGIN
    finally:
        for http in https:
            await http.aclose()
    return phase


async def load(base: str, args: argparse.Namespace) -> bool:
    """Both phases against the server at ``base``; True when the fairness target holds."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        names = [entry["name"] for entry in (await http.get("/query.json")).json()["catalogue"]]
        for name in names:  # warm: every page once, so neither phase pays for a first time
            await http.get(f"/query/{name}.json")
    bound = (names, args.requests, args.seconds, args.timeout)
    alone = await run_phase(base, Phase("fast only", args.clients, 0), *bound)
    alone.report()
    fast = args.clients - args.slow
    mixed = await run_phase(base, Phase("mix", fast, args.slow), *bound)
    mixed.report()
    kept = mixed.rate / alone.rate if alone.rate else 0.0
    longest = max(mixed.waits, default=0.0)
    holds = kept >= 0.5 and longest <= args.timeout
    print(
        f"with {args.slow} slow among {args.clients}: fast answers/s {mixed.rate:.1f} against "
        f"{alone.rate:.1f} without ({kept:.0%} kept); longest fast wait {longest:.2f} s "
        f"(timeout {args.timeout:g} s); target (>= 50 % kept, no wait past the timeout): "
        f"{'met' if holds else 'NOT met'}"
    )
    return holds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help="clients in each phase")
    parser.add_argument("--slow", type=int, default=5, help="of which slow in the mix")
    parser.add_argument("--requests", type=int, default=2_000, help="fast requests per phase")
    parser.add_argument("--seconds", type=float, default=25.0, help="or this long per phase")
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's --timeout")
    parser.add_argument("--workers", type=int, default=2, help="the server's --workers")
    parser.add_argument("--project", type=Path, default=None)
    args = parser.parse_args()
    if not 0 <= args.slow < args.clients <= 250:
        parser.error("need 0 <= --slow < --clients <= 250 (one loopback address each)")
    options = ("--timeout", f"{args.timeout:g}", "--workers", str(args.workers))
    with running_ssegraph(*options, project=args.project) as base:
        print(
            f"server: {base} (ssegraph serve --timeout {args.timeout:g} --workers "
            f"{args.workers}, project: {args.project or 'default'})"
        )
        asyncio.run(load(base, args))


if __name__ == "__main__":
    main()
