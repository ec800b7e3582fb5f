"""A French page is French: every kind of page, rendered with ``?lang=fr``, holds no English
word of the interface. The graph's own names (a source's English title, a body's English name
listed among its names), prefixed names, IRIs and the SPARQL shown are data, not words of the
interface; a few format and network names are kept as they are (``EXCEPTIONS``)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal

from ssegraph.graph import KnowledgeGraph
from ssegraph.serve.app import create_app
from ssegraph.serve.i18n import MESSAGES
from ssegraph.vocab import ID

#: Common English words of an interface that are not French words too ("date", "source",
#: "page", "place", "types", "collaboration", "a", "on"... are both, and are left out).
_ENGLISH_WORDS = """
    about actor actors after all an and any are at attested back be before between both but
    by can class community conference contributor country download each event events every
    facts find first for formal from group groups has have held how in inside into is its
    kind last link links member members membership more most name names network no none not
    of one only or organised organiser organizer other others outcome outcomes parameters
    partner partners people per person policy post posts preferred properties property query
    refines results role roles run search since speaker speakers that the their them these
    things this through to until value was when where which who with without year years yes
"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())
#: Names kept as they are on a French page: formats, network kinds, the product.
_KEPT = """
    ssegraph sparql json csv tsv gexf graphml cytoscape node-link turtle n-triples json-ld
    co-membership co-event union actor-group actor-event
"""
EXCEPTIONS = frozenset(_KEPT.split())

PAGES = [
    pytest.param("/", id="home"),
    pytest.param("/search?q=OIT", id="search"),
    pytest.param("/search?q=zzqqzz", id="search without match"),
    pytest.param("/id/org/ilo", id="organisation"),
    pytest.param("/id/org/gpiess", id="group"),
    pytest.param("/id/state/france", id="State"),
    pytest.param("/id/person/antonella-noya", id="person"),
    pytest.param("/id/event/world-urban-forum-9", id="event"),
    pytest.param("/id/outcome/gsef-position-paper-future-of-work-2019", id="outcome"),
    pytest.param("/id/source/untfsse-special-meeting-2022", id="source"),
    pytest.param("/id/place/quito", id="place"),
    pytest.param("/query", id="query editor"),
    pytest.param("/query/members-as-of", id="catalogue query"),
    pytest.param("/ontology", id="ontology"),
    pytest.param("/network", id="network"),
    pytest.param("/id/org/no-such-body", id="unknown node"),
    pytest.param("/no/such/page", id="unknown page"),
]
_HIDDEN = re.compile(r"(?is)<(script|style|pre|code|textarea|svg)\b.*?</\1>")
_OTHER_LANGUAGE = re.compile(r'(?is)<(\w+)\b[^>]*\blang="(?!fr)[^"]*"[^>]*>.*?</\1>')
_TAG = re.compile(r"(?s)<[^>]+>")
_IRI_OR_NAME = re.compile(r"<?https?://\S+|\b[\w-]+:[\w./#-]+|`[^`]*`")  # and `code`
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


@pytest.fixture(scope="module")
def graph_names(kg: KnowledgeGraph) -> list[str]:
    """Every text the graph says of a thing (names, titles, comments, in any language),
    longest first: data, not words of the interface. The ontology's labels are not in it."""
    rows = kg.select(
        "SELECT DISTINCT ?text WHERE { ?s ?p ?text FILTER(isLiteral(?text)) "
        f"FILTER(STRSTARTS(STR(?s), '{ID}')) }}"
    )
    texts = {str(row["text"]) for row in rows if isinstance(row["text"], Literal)}
    return sorted(texts, key=len, reverse=True)


@pytest.fixture(scope="module")
def client(kg: KnowledgeGraph) -> Iterator[TestClient]:
    with TestClient(create_app(kg)) as client:
        yield client


def english_words(page: str, names: list[str]) -> list[str]:
    """The English words of the interface left in a page's visible text."""
    visible = html.unescape(_TAG.sub(" ", _OTHER_LANGUAGE.sub(" ", _HIDDEN.sub(" ", page))))
    visible = " ".join(visible.split())
    for name in names:  # the graph's names are data
        if len(name) > 2 and name in visible:
            visible = visible.replace(name, " ")
    visible = _IRI_OR_NAME.sub(" ", visible)
    words = (word.lower() for word in _WORD.findall(visible))
    return sorted({w for w in words if w in ENGLISH and w not in EXCEPTIONS})


@pytest.mark.parametrize("path", PAGES)
def test_a_french_page_has_no_english_word(
    client: TestClient, graph_names: list[str], path: str
) -> None:
    answer = client.get(path, params={"lang": "fr"}, headers={"accept": "text/html"})
    assert answer.status_code in (200, 404)
    assert "text/html" in answer.headers["content-type"]
    assert english_words(answer.text, graph_names) == []


def test_the_detector_finds_english_and_leaves_names_and_french_alone() -> None:
    page = (
        '<p>Membre de <a href="/id/org/ilo">International Labour Organization</a>, since 2014;'
        ' is organizer of</p><pre>SELECT ?member WHERE</pre><a lang="en">English</a>'
        "<p>o:ilo https://w3id.org/ssegraph/id/org/ilo, `until` vide</p>"
    )
    found = english_words(page, ["International Labour Organization"])
    assert found == ["is", "of", "organizer", "since"]


def test_every_interface_word_has_its_french_twin() -> None:
    assert set(MESSAGES["fr"]) == set(MESSAGES["en"])
    untranslated = [
        key
        for key, english in MESSAGES["en"].items()
        if english == MESSAGES["fr"][key] and english_words(english, []) != []
    ]
    assert untranslated == []
