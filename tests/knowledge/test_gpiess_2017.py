"""Source 000: GPIESS presentation page dated 8 July 2017.

Pins the chair (France), the permanent secretariat (ESSFI, MAEDI, DIESS), the vade-mecum adopted
at the Quai d'Orsay in June 2016, the birth of the group in 2014 under the impulse of ESSFI, the
identity of ESS Forum International with the Rencontres du Mont-Blanc, the names of the task
force's twenty agencies and the member States' countries.  The membership list of the page (and
"as of" queries across the 2014 and 2017 lists) is checked in test_gpiess_lists.
"""

from __future__ import annotations

import pycountry
import pytest

from . import helpers as h
from .facts import GPIESS_MEMBERS, TFSSE_AGENCIES

SRC = "000"
LIST_DATE = "2017-07-08"
AGENCIES = TFSSE_AGENCIES["2017"]

# French name in the 2017 list -> names the same agency is known by elsewhere (other sources or
# its English name); at least one English name must be a label of the same node.
AGENCY_NAMES = {
    "UN-RISD": ("UNRISD", "United Nations Research Institute for Social Development"),
    "ONU-SLNG": ("UN-NGLS", "United Nations Non-Governmental Liaison Service"),
    "OIT": ("ILO", "International Labour Organization", "International Labour Organisation"),
    "PNUD": ("UNDP", "United Nations Development Programme"),
    "UN-DESA": ("UNDESA", "United Nations Department of Economic and Social Affairs"),
    "OCDE": (
        "OECD",
        "Organisation for Economic Co-operation and Development",
        "Organization for Economic Co-operation and Development",
    ),
    "CNUCED": ("UNCTAD", "United Nations Conference on Trade and Development"),
    "CEPAL": (
        "ECLAC",
        "Economic Commission for Latin America and the Caribbean",
        "United Nations Economic Commission for Latin America and the Caribbean",
    ),
    "FAO": (
        "Food and Agriculture Organization of the United Nations",
        "Food and Agriculture Organization",
    ),
    "OMS": ("WHO", "World Health Organization"),
    "PNUE": ("UNEP", "United Nations Environment Programme"),
    "UNESCO": ("United Nations Educational, Scientific and Cultural Organization",),
    "ONUDI": ("UNIDO", "United Nations Industrial Development Organization"),
    "UNECE": ("United Nations Economic Commission for Europe", "Economic Commission for Europe"),
    "ESCWA": (
        "United Nations Economic and Social Commission for Western Asia",
        "Economic and Social Commission for Western Asia",
    ),
    "UN-Habitat": ("United Nations Human Settlements Programme",),
    "ONU-femmes": (
        "UN Women",
        "UNWomen",
        "United Nations Entity for Gender Equality and the Empowerment of Women",
    ),
    "PAM": ("WFP", "World Food Programme", "United Nations World Food Programme"),
    "TDR": ("Special Programme for Research and Training in Tropical Diseases",),
    "ONUSIDA": ("UNAIDS", "Joint United Nations Programme on HIV/AIDS"),
}

# Names of the same agency used by the other sources (must all be labels of one node).
SAME_AGENCY_IN_SOURCES = [
    ("PAM", "WFP"),  # 000 / 001
    ("UN-RISD", "UNRISD"),  # 000 / 001, 002, 003
    ("ONU-femmes", "ONU Femmes"),  # 000 / 001
    ("ONU-femmes", "UNWomen"),  # 000 / 002
    ("UN-DESA", "UNDESA"),  # 000 / 003
    ("ONU-SLNG", "UN-NGLS"),  # 000 / 001
    ("OIT", "ILO"),  # 000 / 003
    ("OCDE", "OECD"),  # 000 / 003
    ("OCDE", "Organisation de Coopération et de Développement Economiques"),  # 003
    ("OIT", "Organisation Internationale du Travail"),  # 003
]

STATES = {
    "France": "France",
    "Maroc": "Morocco",
    "Luxembourg": "Luxembourg",
    "Equateur": "Ecuador",
    "Colombie": "Colombia",
    "Costa Rica": "Costa Rica",
    "Grèce": "Greece",
    "Sénégal": "Senegal",
}


def org(kg, name):
    return h.one(kg, name, kind="org")


# --------------------------------------------------------------------------- the group


def test_gpiess_cites_the_2017_presentation(kg, gpiess):
    h.assert_derived(kg, gpiess, SRC)


def test_gpiess_is_chaired_by_france_in_2017(kg, gpiess):
    ms = h.with_role(kg, h.memberships(kg, gpiess), "chair")
    ms_2017 = [m for m in ms if SRC in m["sources"]]
    assert {m["member"] for m in ms_2017} == {org(kg, "France")}, (
        "'présidé par un Etat - actuellement la France': "
        f"{h.describe(kg, [m['member'] for m in ms])}"
    )
    assert any(LIST_DATE in m["dates"] for m in ms_2017), "attested on 2017-07-08"


def test_gpiess_secretariat_is_essfi_maedi_diess(kg, gpiess):
    expected = {org(kg, "ESSFI"), org(kg, "MAEDI"), org(kg, "DIESS")}
    ms = [
        m for m in h.with_role(kg, h.memberships(kg, gpiess), "secretariat") if SRC in m["sources"]
    ]
    h.assert_same_nodes(kg, {m["member"] for m in ms}, expected)


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("MAEDI", "Ministère des Affaires Etrangères et du Développement International"),
        ("DIESS", "Délégation Interministérielle à l'Economie Sociale et Solidaire"),
    ],
)
def test_secretariat_french_bodies_belong_to_the_french_state(kg, acronym, name):
    node = h.one(kg, acronym, kind="org")
    assert h.one(kg, name, kind="org") == node
    france = org(kg, "France")
    assert france in h.objects(kg, node, "org:subOrganizationOf+"), (
        f"{acronym} is a body of the French government (org:subOrganizationOf)"
    )
    h.assert_derived(kg, node, SRC)


# --------------------------------------------------------------------------- vade-mecum


def test_vade_mecum_adopted_by_the_members_at_quai_d_orsay_in_june_2016(kg, gpiess):
    guides = {
        o
        for o in h.of_kind(kg, "outcome")
        if h.mentions(kg, o, "vade-mecum", "vade-vecum", "vademecum")
    }
    assert len(guides) == 1, f"the vade-mecum: {h.describe(kg, guides)}"
    (guide,) = guides
    h.assert_derived(kg, guide, SRC)
    adopters = h.via(kg, guide, "schema:creator")
    members = {org(kg, n) for n in GPIESS_MEMBERS["2017"]}
    assert gpiess in adopters or members <= adopters, (
        f"'adopté par l'ensemble de ses membres': adopted by {h.describe(kg, adopters)}"
    )
    meetings = h.objects(kg, guide, "sse:adoptedAt")
    assert len(meetings) == 1, f"adopted at one meeting: {h.describe(kg, meetings)}"
    (meeting,) = meetings
    june = ("2016-06", h.XSD + "gYearMonth")
    for prop in ("schema:startDate", "schema:endDate"):
        got = h.typed_values(kg, meeting, prop)
        assert got == {june}, f"meeting in June 2016, day unknown (xsd:gYearMonth): {prop} {got}"
    assert h.typed_values(kg, guide, "schema:datePublished") == {june}, (
        f"adopted in June 2016: {h.typed_values(kg, guide, 'schema:datePublished')}"
    )
    h.assert_located(kg, meeting, ("Quai d'Orsay",), "FR")
    h.assert_derived(kg, meeting, SRC)


# --------------------------------------------------------------------------- origin


def test_gpiess_was_born_in_2014_under_the_impulse_of_essfi(kg, gpiess, essfi):
    # 000: the group came into being in 2014, on the initiative of ESSFI.  Either on the group
    # (schema:foundingDate, schema:founder or a sub-property such as sse:initiatedBy) or as a
    # founding step (org:ChangeEvent with org:resultingOrganization) dated 2014.
    on_group = any(
        d.startswith("2014") for d in h.str_values(kg, gpiess, "schema:foundingDate")
    ) and essfi in h.via(kg, gpiess, "schema:founder")
    steps = [
        s
        for s in h.via_inverse(kg, gpiess, "org:resultingOrganization")
        if SRC in h.source_keys(kg, s)
        and any(d.startswith("2014") for d in h.str_values(kg, s, "dcterms:date|schema:startDate"))
        and h.linked(kg, s, essfi)
    ]
    assert on_group or steps, (
        f"founding date {h.str_values(kg, gpiess, 'schema:foundingDate')}, founders "
        f"{h.describe(kg, h.via(kg, gpiess, 'schema:founder'))}"
    )
    assert SRC in h.source_keys(kg, gpiess)


def test_essfi_and_rmb_are_one_organisation(kg, essfi):
    for name in ("RMB", "ESS Forum International", "ESSFI"):
        assert h.one(kg, name, kind="org") == essfi, name
    assert h.find(kg, "Rencontres du Mont-Blanc", "Les Rencontres du Mont-Blanc", kind="org") == {
        essfi
    }


def test_essfi_rmb_identity_is_recorded_as_an_inference_citing_both_lists(kg, essfi):
    rows = h.select(
        kg,
        "SELECT ?i ?c ?id WHERE { ?i a/rdfs:subClassOf* sse:Inference ; sse:concerns "
        f"<{essfi}> . OPTIONAL {{ ?i rdfs:comment ?c }} "
        "OPTIONAL { ?i prov:wasDerivedFrom ?s . ?s dcterms:identifier ?id } }",
    )
    assert rows, "the rename RMB -> ESS Forum International is inferred, not stated"
    assert any(r.get("c") for r in rows), "the inference is explained in an rdfs:comment"
    cited: dict = {}
    for r in rows:
        cited.setdefault(r["i"], set()).add(str(r.get("id")))
    assert any({h.SOURCES["000"], h.SOURCES["001"]} <= ids for ids in cited.values()), (
        f"the inference cites both GPIESS presentations: {cited}"
    )


# --------------------------------------------------------------------------- agencies


@pytest.mark.parametrize("agency", AGENCIES)
def test_agency_is_one_node_with_its_english_name(kg, agency):
    node = h.one(kg, agency, kind="org")
    assert h.named(kg, node, *AGENCY_NAMES[agency]), (
        f"{agency} should also carry one of {AGENCY_NAMES[agency]}; labels: "
        f"{h.describe(kg, [node])}"
    )


@pytest.mark.parametrize(("name_a", "name_b"), SAME_AGENCY_IN_SOURCES)
def test_agency_names_used_by_different_sources_are_one_node(kg, name_a, name_b):
    assert h.one(kg, name_a, kind="org") == h.one(kg, name_b, kind="org")


# --------------------------------------------------------------------------- countries


@pytest.mark.parametrize(("fr", "en"), sorted(STATES.items()))
def test_member_state_is_named_in_french_and_english_and_linked_to_its_iso_country(kg, fr, en):
    state = h.one(kg, fr, kind="org")
    assert h.one(kg, en, kind="org") == state
    expected = pycountry.countries.lookup(en).alpha_2
    assert expected in h.actor_country_codes(kg, state), (
        f"{fr}: sse:country (schema:location) -> schema:Country with code {expected}; "
        f"got {h.actor_country_codes(kg, state)}"
    )


def test_quebec_is_a_subnational_government_of_canada_with_iso_3166_2_code(kg):
    quebec = h.one(kg, "Québec", kind="org")
    assert pycountry.countries.lookup("Canada").alpha_2 in h.actor_country_codes(kg, quebec)
    sub = pycountry.subdivisions.get(code="CA-QC")
    assert sub is not None and sub.code in h.codes(kg, quebec), (
        f"Québec's sse:subdivisionCode (schema:identifier) should be CA-QC: {h.codes(kg, quebec)}"
    )


def test_essfi_cites_the_2017_presentation(kg, essfi):
    h.assert_derived(kg, essfi, SRC)
