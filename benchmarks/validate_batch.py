"""Validating a steward's batch of ~1,000 new triples against a large graph, two ways.

* ssegraph: ``validate_batch`` — pySHACL on the batch plus the neighbourhood its shapes read,
  pulled from the embedded store through SPARQL.
* plain: pySHACL on the whole merged graph in rdflib (the ontology, the curated data, the
  synthetic ecosystem and the batch), the way a steward would do without ssegraph.

Both must give the same findings about the nodes the batch touches; the script checks it, then
prints the times and the ratio. A few memberships of the batch get a second member that exists
nowhere (``--mistakes``), so that both ways have violations to find. Usage:
    python benchmarks/validate_batch.py [--triples 100000] [--batch 1000] [--seed 7] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import pyshacl
from rdflib import Graph
from rdflib.namespace import RDF, SH

from ssegraph.graph import KnowledgeGraph
from ssegraph.synth import synthesize
from ssegraph.validate import data_graph, shapes_graph, touched_nodes, validate_batch
from ssegraph.vocab import ID, ORG


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--mistakes",
        type=int,
        default=5,
        help="memberships in the batch given a second, dangling member",
    )
    args = parser.parse_args()

    statements = list(synthesize(args.triples + args.batch, args.seed))
    existing, batch_triples = statements[: -args.batch], statements[-args.batch :]
    batch = Graph()
    for triple in batch_triples:
        batch.add(triple)
    memberships = sorted(set(batch.subjects(ORG.member, None)))[: args.mistakes]
    for n, membership in enumerate(memberships):
        batch.add((membership, ORG.member, ID[f"org/nobody-{n}"]))

    started = time.perf_counter()
    kg = KnowledgeGraph.load()
    kg.add(existing, "data/synthetic")
    print(
        f"graph: {len(kg):,} statements (curated + synthetic), loaded in "
        f"{time.perf_counter() - started:.1f} s; batch: {len(batch):,} triples"
    )

    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        report = validate_batch(kg, batch)
        timings.append(time.perf_counter() - started)
    ours = statistics.median(timings)
    print(
        f"ssegraph validate_batch: median {ours:.2f} s over {args.repeat} runs "
        f"(min {min(timings):.2f}, max {max(timings):.2f}); "
        f"{report.count('Violation')} violations, {report.count('Warning')} warnings"
    )

    merged = data_graph(kg)
    merged += batch
    shapes = shapes_graph(kg)
    started = time.perf_counter()
    _, results, _ = pyshacl.validate(
        merged, shacl_graph=shapes, inference="none", allow_warnings=True, allow_infos=True
    )
    plain = time.perf_counter() - started
    print(f"plain pySHACL on the whole merged graph ({len(merged):,} triples): {plain:.2f} s")

    touched = touched_nodes(batch)
    full = {
        (str(results.value(r, SH.focusNode)), str(results.value(r, SH.sourceConstraintComponent)))
        for r in results.subjects(RDF.type, SH.ValidationResult)
        if results.value(r, SH.focusNode) in touched
    }
    delta = {
        (str(f.focus), f"http://www.w3.org/ns/shacl#{f.constraint}ConstraintComponent")
        for f in report.findings
    }
    print(
        f"same findings on the batch's {len(touched):,} nodes: {full == delta} "
        f"({len(delta)} findings)"
    )
    print(f"ratio plain / ssegraph: {plain / ours:.1f}x")


if __name__ == "__main__":
    main()
