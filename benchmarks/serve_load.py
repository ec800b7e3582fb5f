"""Load on the web server: many clients asking the catalogue's questions at once.

Starts ``ssegraph serve`` on 127.0.0.1 (the project's graph, or ``--project``), then runs
``--clients`` concurrent clients (asyncio + httpx) that each ask the catalogue queries in turn
through their JSON pages (``/query/<name>.json``, default parameters) until ``--requests``
answers have come back or ``--seconds`` have passed, whichever is first. Prints throughput and
the 50th and 95th percentile latencies, overall and per query. Only 127.0.0.1 is contacted.
Usage:
    python benchmarks/serve_load.py [--clients 50] [--requests 2000] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections import defaultdict
from pathlib import Path

import httpx

from ssegraph.servers import running_ssegraph


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


async def load(base: str, clients: int, requests: int, seconds: float) -> None:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        names = [entry["name"] for entry in (await http.get("/query.json")).json()["catalogue"]]
        latencies: dict[str, list[float]] = defaultdict(list)
        failures: dict[int, int] = defaultdict(int)
        issued = 0
        started = time.perf_counter()
        deadline = started + seconds

        async def client(number: int) -> None:
            nonlocal issued
            turn = number
            while issued < requests and time.perf_counter() < deadline:
                issued += 1
                name = names[turn % len(names)]
                turn += 1
                sent = time.perf_counter()
                response = await http.get(f"/query/{name}.json")
                if response.status_code == 200:
                    latencies[name].append(time.perf_counter() - sent)
                else:
                    failures[response.status_code] += 1

        await asyncio.gather(*(client(n) for n in range(clients)))
        elapsed = time.perf_counter() - started

    answered = [value for values in latencies.values() for value in values]
    print(
        f"{len(answered):,} answers in {elapsed:.1f} s from {clients} concurrent clients: "
        f"{len(answered) / elapsed:.1f} requests/s; failures: {dict(failures) or 'none'}"
    )
    print(
        f"latency: p50 {percentile(answered, 0.5) * 1000:.0f} ms, "
        f"p95 {percentile(answered, 0.95) * 1000:.0f} ms, "
        f"mean {statistics.fmean(answered) * 1000:.0f} ms, max {max(answered) * 1000:.0f} ms"
    )
    for name in names:
        values = latencies[name]
        if values:
            print(
                f"  {name:<28} {len(values):>6,} answers  p50 "
                f"{percentile(values, 0.5) * 1000:>6.0f} ms  p95 "
                f"{percentile(values, 0.95) * 1000:>6.0f} ms"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2_000, help="stop after this many")
    parser.add_argument("--seconds", type=float, default=60.0, help="or after this long")
    parser.add_argument("--project", type=Path, default=None)
    args = parser.parse_args()
    with running_ssegraph(project=args.project) as base:
        print(f"server: {base} (ssegraph serve, project: {args.project or 'default'})")
        asyncio.run(load(base, args.clients, args.requests, args.seconds))


if __name__ == "__main__":
    main()
