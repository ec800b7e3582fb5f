"""Places and countries, checked against ISO 3166 with pycountry.

Every country is a schema:Country with a valid ISO 3166-1 alpha-2 code (sse:isoCode, a
sub-property of schema:identifier); every place used as an event location is named and linked
to its country; the places of the sources lie in the right countries.
"""

from __future__ import annotations

import pycountry
import pytest

from . import helpers as h


def test_every_country_has_a_valid_iso_3166_1_alpha_2_code(kg):
    countries = h.of_kind(kg, "country")
    assert countries, "no schema:Country in the graph"
    for c in countries:
        iso = {x for x in h.codes(kg, c) if len(x) == 2 and x.isalpha() and x.isupper()}
        assert len(iso) == 1, f"{h.describe(kg, [c])}: ISO alpha-2 codes {h.codes(kg, c)}"
        assert pycountry.countries.get(alpha_2=iso.pop()) is not None, h.describe(kg, [c])


def test_no_two_countries_share_an_iso_code(kg):
    seen: dict = {}
    for c in h.of_kind(kg, "country"):
        for x in h.codes(kg, c):
            if len(x) == 2:
                seen.setdefault(x, set()).add(c)
    dup = {k: sorted(map(str, v)) for k, v in seen.items() if len(v) > 1}
    assert not dup, dup


def test_every_event_location_is_named_and_in_a_country(kg):
    rows = h.select(
        kg, "SELECT DISTINCT ?p WHERE { ?e a/rdfs:subClassOf* schema:Event ; schema:location ?p . }"
    )
    for r in rows:
        p = r["p"]
        assert h.select(kg, f"SELECT ?l WHERE {{ <{p}> skos:prefLabel ?l }}"), f"{p} has no name"
        if p in h.of_kind(kg, "country"):
            continue
        assert h.place_country_codes(kg, p), f"{h.describe(kg, [p])} has no schema:addressCountry"


def test_subdivision_codes_are_valid_iso_3166_2(kg):
    rows = h.select(kg, "SELECT ?x ?c WHERE { ?x sse:subdivisionCode ?c }")
    for r in rows:
        assert pycountry.subdivisions.get(code=str(r["c"])) is not None, (str(r["x"]), r["c"])


# Places named by the sources and the country (pycountry name) they are in.
PLACES = [
    ("Quito", "Ecuador"),
    ("Praia", "Cabo Verde"),
    ("New York", "United States"),
    ("Rio de Janeiro", "Brazil"),
    ("Chamonix-Mont-Blanc", "France"),
    ("Paris", "France"),
    ("Daejeon", "Korea, Republic of"),
    ("Incheon", "Korea, Republic of"),
    ("Lilongwe", "Malawi"),
]


@pytest.mark.parametrize(("name", "country"), PLACES)
def test_place_named_by_the_sources_is_in_its_country(kg, name, country):
    alternatives = {name, name.replace(" ", "-"), name.split("-")[0]}
    places = h.find(kg, *alternatives, kind="place") - h.of_kind(kg, "country")
    assert places, f"no place named {name}"
    expected = pycountry.countries.lookup(country).alpha_2
    for p in places:
        assert expected in h.place_country_codes(kg, p), (
            f"{h.describe(kg, [p])} should be in {country} ({expected})"
        )
