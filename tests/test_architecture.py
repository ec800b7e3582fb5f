"""The package's shape: no import cycle, and imports that flow one way down the layers.

The import graph is read from the source with ``ast`` (no module is run): every ``import`` and
``from ... import`` of an ``ssegraph`` module, at the top, inside functions or under
``TYPE_CHECKING``, since each is a dependency a reader has to follow. docs/architecture.md draws
the same layers; a new module must be placed in one of them here and there.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "ssegraph"

#: Top to bottom; a module may import its own layer or any below it, never one above. A name
#: covers a module and, for a package, everything inside it (``ssegraph`` itself only its
#: ``__init__``); the longest name wins.
LAYERS: dict[str, tuple[str, ...]] = {
    "public API": ("ssegraph",),
    "front ends": ("ssegraph.cli", "ssegraph.serve"),
    "workflows": ("ssegraph.steward",),
    "consumers": (
        "ssegraph.batch", "ssegraph.batch_graph", "ssegraph.catalogue", "ssegraph.countries",
        "ssegraph.describe",
        "ssegraph.gate", "ssegraph.ingest", "ssegraph.literals", "ssegraph.metrics",
        "ssegraph.names", "ssegraph.neighbourhood", "ssegraph.network", "ssegraph.network_io",
        "ssegraph.plot", "ssegraph.provenance", "ssegraph.results", "ssegraph.shacl",
        "ssegraph.shacl_sparql", "ssegraph.stats", "ssegraph.synth", "ssegraph.tabular",
        "ssegraph.turtle", "ssegraph.validate",
    ),
    "facade": ("ssegraph.graph",),
    "store": ("ssegraph.backends", "ssegraph.derive"),
    "foundation": (
        "ssegraph.cells", "ssegraph.dates", "ssegraph.errors", "ssegraph.export", "ssegraph.guard",
        "ssegraph.kept", "ssegraph.project", "ssegraph.registry", "ssegraph.safefile",
        "ssegraph.servers",
        "ssegraph.sparql", "ssegraph.spreadsheet", "ssegraph.vocab",
    ),
}  # fmt: skip
RANK = {name: rank for rank, names in enumerate(LAYERS.values()) for name in names}


def module_names() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name)."""
    found = {}
    for path in (SOURCE / PACKAGE).rglob("*.py"):
        parts = path.relative_to(SOURCE).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that one module imports (``from pkg import mod`` is ``pkg.mod``)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parents = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parents, base] if base else parents)
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> nx.DiGraph:
    modules = module_names()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        graph.add_edges_from((name, target) for target in imports_of(name, path, modules))
    return graph


def layer(module: str) -> str | None:
    """The layer name that covers a module (the longest listed prefix), or None."""
    covering = [
        name
        for name in RANK
        if module == name or (name != PACKAGE and module.startswith(name + "."))
    ]
    if not covering:
        return None
    return max(covering, key=len)


def cycles(graph: nx.DiGraph) -> list[list[str]]:
    """One cycle of each group of modules that import one another, as a path."""
    found = []
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:
            found.append([edge[0] for edge in nx.find_cycle(graph.subgraph(component))])
    return found


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    return import_graph()


def test_the_import_graph_has_no_cycle(graph: nx.DiGraph) -> None:
    found = cycles(graph)
    assert not found, "import cycles: " + "; ".join(" -> ".join([*c, c[0]]) for c in found)


def test_every_module_has_a_layer(graph: nx.DiGraph) -> None:
    unplaced = sorted(module for module in graph if layer(module) is None)
    assert not unplaced, f"place these modules in LAYERS and docs/architecture.md: {unplaced}"


def test_imports_flow_down_the_layers(graph: nx.DiGraph) -> None:
    upward = [
        f"{source} ({_layer_name(source)}) imports {target} ({_layer_name(target)})"
        for source, target in graph.edges
        if (a := layer(source)) and (b := layer(target)) and RANK[b] < RANK[a]
    ]
    assert not upward, "imports that reach up a layer:\n" + "\n".join(sorted(upward))


def test_the_store_facade_imports_only_the_store_and_the_foundation(graph: nx.DiGraph) -> None:
    allowed = set(LAYERS["store"]) | set(LAYERS["foundation"])
    reached = {layer(target) for target in graph.successors("ssegraph.graph")}
    assert reached <= allowed, reached - allowed


def test_the_layers_match_the_architecture_document() -> None:
    document = (SOURCE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name, modules in LAYERS.items():
        assert f"**{name}**" in document, f"docs/architecture.md does not name the layer {name!r}"
        for module in modules:
            shown = module.removeprefix(PACKAGE + ".") if module != PACKAGE else PACKAGE
            assert f"`{shown}`" in document, f"docs/architecture.md does not place {module}"


def test_the_architecture_document_places_only_modules_that_exist(graph: nx.DiGraph) -> None:
    document = (SOURCE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = [line for line in document.splitlines() if line.startswith("| **")]
    named = {name for row in rows for name in re.findall(r"`([\w.]+)`", row.split("|")[2])}
    modules = {module.removeprefix(PACKAGE + ".") for module in graph} | {PACKAGE}
    assert named and named <= modules, sorted(named - modules)


def test_the_reader_follows_imports_inside_functions(graph: nx.DiGraph) -> None:
    """``KnowledgeGraph.load`` imports the embedded backend inside the function."""
    assert "ssegraph.backends.embedded" in set(graph.successors("ssegraph.graph"))


def test_the_checks_find_a_cycle_and_an_upward_import() -> None:
    """The checks above see what they claim to: a made-up graph with both faults."""
    made_up = nx.DiGraph([("ssegraph.graph", "ssegraph.catalogue"),
                          ("ssegraph.catalogue", "ssegraph.graph")])  # fmt: skip
    assert cycles(made_up) in (
        [["ssegraph.graph", "ssegraph.catalogue"]],
        [["ssegraph.catalogue", "ssegraph.graph"]],
    )
    assert RANK[layer("ssegraph.catalogue") or ""] < RANK[layer("ssegraph.graph") or ""]


def _layer_name(module: str) -> str:
    covering = layer(module)
    return next(name for name, modules in LAYERS.items() if covering in modules)
