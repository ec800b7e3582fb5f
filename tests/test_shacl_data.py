"""The engine's data: a node read from the store as its N-Triples text, whatever the store's TSV
writer does with it (numbers and booleans written bare, control characters left raw), and the
value nodes of every kind of path; then a synthetic ecosystem broken in every way the shapes
check, validated by the engine and by pySHACL with the same results."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from tests.test_shacl_engine import same

from ssegraph.graph import KnowledgeGraph
from ssegraph.shacl import compile_shapes, validate
from ssegraph.shacl.data import Data, key
from ssegraph.shacl.held import Held
from ssegraph.shacl.shapes import Path
from ssegraph.shacl_sparql import without_sparql
from ssegraph.synth import synthesize
from ssegraph.validate import SHAPES_GRAPH, data_graph, shapes_graph, validate_data
from ssegraph.vocab import ID, ORG, PROV, SCHEMA, SKOS, SSE, TIME, is_derived

EX = "http://example.org/"
P = ox.NamedNode(EX + "p")
Q = ox.NamedNode(EX + "q")
XS = "http://www.w3.org/2001/XMLSchema#"
OBJECTS = [
    ox.Literal("76", datatype=ox.NamedNode(XS + "integer")),
    ox.Literal("-3", datatype=ox.NamedNode(XS + "integer")),
    ox.Literal("1.5", datatype=ox.NamedNode(XS + "decimal")),
    ox.Literal("1.0E3", datatype=ox.NamedNode(XS + "double")),
    ox.Literal("1000", datatype=ox.NamedNode(XS + "double")),
    ox.Literal("true", datatype=ox.NamedNode(XS + "boolean")),
    ox.Literal("2020", datatype=ox.NamedNode(XS + "gYear")),
    ox.Literal('say "hi"\\ \t\n\r é'),
    ox.Literal("hello", language="en-GB"),
    ox.BlankNode("b1"),
    ox.NamedNode(EX + "é?a=b#c"),
]


def store_of(objects: list[ox.NamedNode | ox.BlankNode | ox.Literal]) -> ox.Store:
    store = ox.Store()
    for n, o in enumerate(objects):
        store.add(ox.Quad(ox.NamedNode(f"{EX}s{n}"), P, o))
    return store


def held(store: ox.Store) -> set[ox.NamedNode | ox.BlankNode | ox.Literal]:
    """The objects as the store holds them (it rewrites some: "1.0E3" is "1000")."""
    return {q.object for q in store.quads_for_pattern(None, P, None)}  # type: ignore[misc]


def test_every_kind_of_object_is_keyed_as_its_n_triples_text_and_read_back_as_it_was() -> None:
    store = store_of(OBJECTS)
    data = Data(store)
    objects = {o for os in data.forward(P).values() for o in os}
    assert objects == {key(o) for o in held(store)}
    assert {data.term(o) for o in objects} == held(store)


def test_a_control_character_in_a_literal_is_keyed_as_n_triples_writes_it() -> None:
    odd = [ox.Literal("bell\u0007 and\u0001"), ox.Literal("fine", language="fr"), OBJECTS[0]]
    store = store_of(odd)
    data = Data(store)
    assert {o for os in data.forward(P).values() for o in os} == {key(o) for o in held(store)}
    assert data.term(key(odd[0])) == odd[0]


def test_a_subject_with_several_objects_keeps_them_all_and_the_map_back_too() -> None:
    store = store_of(OBJECTS[:3])
    store.add(ox.Quad(ox.NamedNode(EX + "s0"), P, OBJECTS[5]))
    data = Data(store)
    s0 = key(ox.NamedNode(EX + "s0"))
    assert set(data.forward(P)[s0]) == {key(OBJECTS[0]), key(OBJECTS[5])}
    assert set(data.backward(P)[key(OBJECTS[5])]) == {s0}
    assert data.objects(key(P)) == {key(o) for o in OBJECTS[:3]} | {key(OBJECTS[5])}


def _chain() -> Data:
    """a -p-> b -q-> c, a -q-> d, e -p-> b."""
    store = ox.Store()
    a, b, c, d, e = (ox.NamedNode(EX + n) for n in "abcde")
    for s, p, o in ((a, P, b), (b, Q, c), (a, Q, d), (e, P, b)):
        store.add(ox.Quad(s, p, o))
    return Data(store)


PP, PQ = Path("predicate", P), Path("predicate", Q)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (PP, {"a": {"b"}, "e": {"b"}}),
        (Path("inverse", parts=(PP,)), {"b": {"a", "e"}}),
        (Path("alternative", parts=(PP, PQ)), {"a": {"b", "d"}, "b": {"c"}, "e": {"b"}}),
        (Path("sequence", parts=(PP, PQ)), {"a": {"c"}, "e": {"c"}}),
        (Path("inverse", parts=(Path("sequence", parts=(PP, PQ)),)), {"c": {"a", "e"}}),
    ],
    ids=["predicate", "inverse", "alternative", "sequence", "inverse-sequence"],
)
def test_the_value_nodes_of_each_kind_of_path_and_the_foci_back_from_them(
    path: Path, expected: dict[str, set[str]]
) -> None:
    data = _chain()
    k = {n: key(ox.NamedNode(EX + n)) for n in "abcde"}
    edges = data.edges(path, set(k.values()))
    got = {f: set(edges.of(f)) for f in edges.with_values()}
    assert got == {k[f]: {k[v] for v in vs} for f, vs in expected.items()}
    assert edges.values() == {k[v] for vs in expected.values() for v in vs}
    some = {k[f] for f in list(expected)[:1]}
    narrowed = data.edges(path, some)
    first = next(iter(some))
    assert narrowed.values() == set(got[first])
    assert set(narrowed.pairs(narrowed.values())) == {(first, v) for v in got[first]}
    assert narrowed.reaching(edges.values()) == some


# ---- a synthetic ecosystem broken in every way the shapes check: same results as pySHACL


def _broken_ecosystem(kg: KnowledgeGraph) -> Graph:
    graph = data_graph(kg)
    for triple in synthesize(3_000, seed=5):
        graph.add(triple)
    orgs = sorted(set(graph.subjects(RDF.type, ORG.FormalOrganization)))
    countries = sorted(set(graph.subjects(RDF.type, SCHEMA.Country)))
    memberships = sorted(set(graph.subjects(RDF.type, ORG.Membership)))
    instants = sorted(set(graph.subjects(RDF.type, TIME.Instant)))
    events = sorted(set(graph.subjects(SCHEMA.startDate, None)))
    subnational = sorted(set(graph.subjects(RDF.type, SSE.SubnationalGovernment)))
    mistakes = [
        (orgs[0], SKOS.prefLabel, Literal("no language")),  # datatype, languageIn
        (orgs[1], SKOS.prefLabel, Literal("second English name", lang="en")),  # uniqueLang
        (orgs[2], SKOS.altLabel, Literal("bell\u0007")),  # a control character, datatype
        (orgs[3], PROV.wasDerivedFrom, Literal("a text")),  # nodeKind, class
        (orgs[4], SSE.country, ID["org/not-a-country"]),  # class
        (orgs[4], SSE.country, countries[0]),  # maxCount
        (countries[1], SSE.isoCode, Literal(76)),  # a bare integer: datatype, pattern, maxCount
        (countries[2], SSE.isoCode, Literal(True)),
        (countries[3], SSE.isoCode, Literal("1.5", datatype=URIRef(XS + "decimal"))),
        (countries[4], SSE.isoCode, Literal("1.0E3", datatype=URIRef(XS + "double"))),
        (subnational[0], SSE.subdivisionCode, Literal('say "CA-QC"\\')),  # pattern, escaped
        (instants[0], TIME.inXSDgYear, Literal("2001", datatype=URIRef(XS + "gYear"))),  # xone
        (events[0], SCHEMA.startDate, Literal("soon")),  # or, maxCount
        (memberships[0], ORG.role, ID["role/not-in-a-scheme"]),  # node with details, maxCount
        (ID["role/not-in-a-scheme"], RDF.type, ORG.Role),
        (ID["role/not-in-a-scheme"], SKOS.prefLabel, Literal("odd role", lang="en")),  # qualified
    ]
    blank = BNode()
    mistakes += [(blank, RDF.type, ORG.FormalOrganization), (blank, SKOS.prefLabel, Literal("b"))]
    for triple in mistakes:
        graph.add(triple)
    for label in list(graph.objects(orgs[5], SKOS.prefLabel)):
        if getattr(label, "language", None) == "fr":
            graph.remove((orgs[5], SKOS.prefLabel, label))  # qualifiedMinCount
    graph.remove((memberships[1], ORG.member, next(graph.objects(memberships[1], ORG.member))))
    return graph


def test_a_synthetic_ecosystem_broken_every_way_gets_pyshacls_results(kg: KnowledgeGraph) -> None:
    shapes = shapes_graph(kg)
    broken = _broken_ecosystem(kg)
    rows = same(validate_data(broken, shapes), validate_data(broken, shapes, engine="pyshacl"))
    components = {row[3].rsplit("#", 1)[-1] for row in rows}
    assert {f"{name}ConstraintComponent" for name in (
        "Class", "Datatype", "LanguageIn", "UniqueLang", "NodeKind", "Pattern", "MaxCount",
        "MinCount", "Xone", "Or", "Node", "QualifiedMinCount",
    )} <= components  # fmt: skip
    values = {row[2] for row in rows}
    assert '"76"^^<http://www.w3.org/2001/XMLSchema#integer>' in values
    assert any("bell" in value for value in values)
    node = [row for row in rows if row[3].endswith("#NodeConstraintComponent")]
    assert any(row[2] == f"<{ID['role/not-in-a-scheme']}>" and row[7] != "0" for row in node)


def test_named_graphs_read_where_they_are_give_the_results_of_their_merged_copy(
    kg: KnowledgeGraph,
) -> None:
    store = kg.backend.store  # type: ignore[attr-defined]
    graphs = [
        g for g in store.named_graphs() if g.value != str(SHAPES_GRAPH) and not is_derived(g.value)
    ]
    shapes = compile_shapes(without_sparql(shapes_graph(kg)))

    def rows(data: Data) -> Counter[tuple[str, ...]]:
        return Counter(
            (str(r.focus), str(r.shape.node), str(r.component), str(r.value), str(len(r.details)))
            for r in validate(data, shapes)
        )

    in_place = rows(Data(store, graphs))
    assert in_place == rows(Held.merged(store, graphs).data)
    assert in_place  # the curated graph has warnings


@pytest.mark.parametrize("odd", [False, True], ids=["tsv", "n-triples"])
def test_a_statement_in_two_of_the_graphs_read_is_one_statement(odd: bool) -> None:
    store = ox.Store()
    s, g1, g2 = (ox.NamedNode(EX + n) for n in ("s", "g1", "g2"))
    both = ox.Literal("bell\u0007" if odd else "both")
    for graph in (g1, g2):
        store.add(ox.Quad(s, P, both, graph))
    store.add(ox.Quad(s, P, OBJECTS[0], g2))
    data = Data(store, [g1, g2])
    assert sorted(data.forward(P)[key(s)]) == sorted({key(both), key(OBJECTS[0])})
