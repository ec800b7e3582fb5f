"""Source 000: GPIESS presentation page dated 8 July 2017.

Pins the 2017 membership list (States, observer members, the UN task force and its twenty
agencies, SSE organisations), "as of" queries across the 2014 and 2017 lists, the chair (France),
the permanent secretariat (ESSFI, MAEDI, DIESS), the vade-mecum adopted at the Quai d'Orsay in
June 2016, the birth of the group in 2014 under the impulse of ESSFI, and the identity of
ESS Forum International with the Rencontres du Mont-Blanc.
"""

from __future__ import annotations

import pycountry
import pytest

from .helpers import (
    SOURCES,
    actor_country_codes,
    assert_derived,
    assert_located,
    codes,
    describe,
    find,
    linked,
    members_as_of,
    members_attested,
    memberships,
    mentions,
    named,
    objects,
    of_kind,
    one,
    resolve_one,
    select,
    source_keys,
    str_values,
    typed_values,
    via,
    via_inverse,
    with_role,
)

SRC = "000"
LIST_DATE = "2017-07-08"
DATE_2014 = "2014-09-17"

GPIESS = ("GPIESS", "Groupe Pilote International de l'Economie Sociale et Solidaire")
ESSFI = ("ESSFI", "ESS Forum International")
TFSSE = ("UNTFSSE",
         ("Task force inter-agences de l'Organisation des Nations Unies sur l'économie sociale "
         "et solidaire"))

# "MEMBRES" of the 2017 page.
MEMBERS_2017 = {
    "Colombie": "member",
    "Costa Rica": "member",
    "Equateur": "member",
    "France": "member",
    "Grèce": "member",
    "Luxembourg": "member",
    "Maroc": "member",
    "Québec": "observer member",
    "Sénégal": "observer member",
    "UNTFSSE": "member",
    "ESSFI": "member",
    "ACI": "member",
    "AIM": "member",
    "AIMF": "member",
    "FMDV": "member",
    "GSEF": "member",
    "RIPESS": "member",
}

# Members on both lists (2014 names in parentheses are the same nodes).
ON_BOTH_LISTS = {
    "France": "member", "Maroc": "member", "Luxembourg": "member", "Equateur": "member",
    "Colombie": "member", "Québec": "observer member", "UNTFSSE": "member",
    "ESSFI": "member",  # RMB in 2014
    "ACI": "member", "AIM": "member", "AIMF": "member", "FMDV": "member",
}
NEW_IN_2017 = ["Costa Rica", "Grèce", "Sénégal", "GSEF", "RIPESS"]

# The task force "composée de UN-RISD, ONU-SLNG, OIT, PNUD, UN-DESA, OCDE, CNUCED, CEPAL, FAO,
# OMS, PNUE, UNESCO, ONUDI, UNECE, ESCWA, UN-Habitat, ONU-femmes, PAM, TDR, ONUSIDA".
TFSSE_2017 = ["UN-RISD", "ONU-SLNG", "OIT", "PNUD", "UN-DESA", "OCDE", "CNUCED", "CEPAL", "FAO",
              "OMS", "PNUE", "UNESCO", "ONUDI", "UNECE", "ESCWA", "UN-Habitat", "ONU-femmes",
              "PAM", "TDR", "ONUSIDA"]

# French name in the 2017 list -> names the same agency is known by elsewhere (other sources or
# its English name); at least one English name must be a label of the same node.
AGENCY_NAMES = {
    "UN-RISD": ("UNRISD", "United Nations Research Institute for Social Development"),
    "ONU-SLNG": ("UN-NGLS", "United Nations Non-Governmental Liaison Service"),
    "OIT": ("ILO", "International Labour Organization", "International Labour Organisation"),
    "PNUD": ("UNDP", "United Nations Development Programme"),
    "UN-DESA": ("UNDESA", "United Nations Department of Economic and Social Affairs"),
    "OCDE": ("OECD", "Organisation for Economic Co-operation and Development",
             "Organization for Economic Co-operation and Development"),
    "CNUCED": ("UNCTAD", "United Nations Conference on Trade and Development"),
    "CEPAL": ("ECLAC", "Economic Commission for Latin America and the Caribbean",
              "United Nations Economic Commission for Latin America and the Caribbean"),
    "FAO": ("Food and Agriculture Organization of the United Nations",
            "Food and Agriculture Organization"),
    "OMS": ("WHO", "World Health Organization"),
    "PNUE": ("UNEP", "United Nations Environment Programme"),
    "UNESCO": ("United Nations Educational, Scientific and Cultural Organization",),
    "ONUDI": ("UNIDO", "United Nations Industrial Development Organization"),
    "UNECE": ("United Nations Economic Commission for Europe",
              "Economic Commission for Europe"),
    "ESCWA": ("United Nations Economic and Social Commission for Western Asia",
              "Economic and Social Commission for Western Asia"),
    "UN-Habitat": ("United Nations Human Settlements Programme",),
    "ONU-femmes": ("UN Women", "UNWomen",
                   "United Nations Entity for Gender Equality and the Empowerment of Women"),
    "PAM": ("WFP", "World Food Programme", "United Nations World Food Programme"),
    "TDR": ("Special Programme for Research and Training in Tropical Diseases",),
    "ONUSIDA": ("UNAIDS", "Joint United Nations Programme on HIV/AIDS"),
}

# Names of the same agency used by the other sources (must all be labels of one node).
SAME_AGENCY_IN_SOURCES = [
    ("PAM", "WFP"),                 # 000 / 001
    ("UN-RISD", "UNRISD"),          # 000 / 001, 002, 003
    ("ONU-femmes", "ONU Femmes"),   # 000 / 001
    ("ONU-femmes", "UNWomen"),      # 000 / 002
    ("UN-DESA", "UNDESA"),          # 000 / 003
    ("ONU-SLNG", "UN-NGLS"),        # 000 / 001
    ("OIT", "ILO"),                 # 000 / 003
    ("OCDE", "OECD"),               # 000 / 003
    ("OCDE", "Organisation de Coopération et de Développement Economiques"),  # 003
    ("OIT", "Organisation Internationale du Travail"),                        # 003
]

STATES = {
    "France": "France", "Maroc": "Morocco", "Luxembourg": "Luxembourg", "Equateur": "Ecuador",
    "Colombie": "Colombia", "Costa Rica": "Costa Rica", "Grèce": "Greece", "Sénégal": "Senegal",
}


def org(kg, name):
    if name == "UNTFSSE":
        return resolve_one(kg, "org", TFSSE)
    if name == "ESSFI":
        return resolve_one(kg, "org", ESSFI)
    return one(kg, name, kind="org")


@pytest.fixture(scope="module")
def gpiess(kg):
    return resolve_one(kg, "org", GPIESS)


@pytest.fixture(scope="module")
def essfi(kg):
    return resolve_one(kg, "org", ESSFI)


@pytest.fixture(scope="module")
def tfsse(kg):
    return resolve_one(kg, "org", TFSSE)


# --------------------------------------------------------------------------- membership


def test_gpiess_cites_the_2017_presentation(kg, gpiess):
    assert_derived(kg, gpiess, SRC)


def test_gpiess_members_attested_by_2017_list_are_exactly_the_list(kg, gpiess):
    expected = {org(kg, n) for n in MEMBERS_2017}
    got = members_attested(kg, gpiess, LIST_DATE, "member", "observer member")
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )


@pytest.mark.parametrize(("name", "role"), sorted(MEMBERS_2017.items()))
def test_gpiess_2017_member_has_its_role_attested_on_list_date_from_2017_source(
    kg, gpiess, name, role
):
    member = org(kg, name)
    ms = [m for m in with_role(kg, memberships(kg, gpiess, member), role)
          if LIST_DATE in m["dates"]]
    assert ms, f"no '{role}' membership of {name} in GPIESS attested on {LIST_DATE}"
    assert any(SRC in m["sources"] for m in ms), (
        f"the {LIST_DATE} membership of {name} is not derived from source {SRC}"
    )


@pytest.mark.parametrize("name", ["Québec", "Sénégal"])
def test_observer_members_2017_are_not_full_members(kg, gpiess, name):
    member = org(kg, name)
    full = [m for m in with_role(kg, memberships(kg, gpiess, member), "member")
            if LIST_DATE in m["dates"]]
    assert not full, f"{name} is listed under 'Membres observateurs'"


@pytest.mark.parametrize(("name", "role"), sorted(ON_BOTH_LISTS.items()))
def test_membership_on_both_lists_is_one_node_attested_twice(kg, gpiess, name, role):
    member = org(kg, name)
    ms = [m for m in with_role(kg, memberships(kg, gpiess, member), role)
          if {DATE_2014, LIST_DATE} <= m["dates"]]
    assert ms, (
        f"{name}: expected one '{role}' membership attested on {DATE_2014} and {LIST_DATE}; got "
        f"{[(str(m['m']), sorted(m['dates'])) for m in memberships(kg, gpiess, member)]}"
    )
    assert any({"000", "001"} <= m["sources"] for m in ms), "cites both lists"


@pytest.mark.parametrize("name", NEW_IN_2017)
def test_member_new_in_2017_is_not_attested_by_2014_list(kg, gpiess, name):
    member = org(kg, name)
    old = [m for m in memberships(kg, gpiess, member) if DATE_2014 in m["dates"]]
    assert not old, f"{name} is not on the list of 17 September 2014"


@pytest.mark.parametrize("as_of", ["2017-07-08", "2018-01-01", "2025-01-01"])
def test_gpiess_members_as_of_dates_after_2017_list_are_the_2017_list(kg, gpiess, as_of):
    expected = {org(kg, n) for n in MEMBERS_2017}
    got = members_as_of(kg, gpiess, as_of, "member", "observer member")
    assert got == expected, (
        f"as of {as_of}: missing {describe(kg, expected - got)}; "
        f"unexpected {describe(kg, got - expected)}"
    )


def test_gpiess_is_chaired_by_france_in_2017(kg, gpiess):
    ms = with_role(kg, memberships(kg, gpiess), "chair")
    ms_2017 = [m for m in ms if SRC in m["sources"]]
    assert {m["member"] for m in ms_2017} == {org(kg, "France")}, (
        f"'présidé par un Etat - actuellement la France': {describe(kg, [m['member'] for m in ms])}"
    )
    assert any(LIST_DATE in m["dates"] for m in ms_2017), "attested on 2017-07-08"


def test_gpiess_secretariat_is_essfi_maedi_diess(kg, gpiess):
    expected = {org(kg, "ESSFI"), org(kg, "MAEDI"), org(kg, "DIESS")}
    ms = [m for m in with_role(kg, memberships(kg, gpiess), "secretariat") if SRC in m["sources"]]
    got = {m["member"] for m in ms}
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("MAEDI", "Ministère des Affaires Etrangères et du Développement International"),
        ("DIESS", "Délégation Interministérielle à l'Economie Sociale et Solidaire"),
    ],
)
def test_secretariat_french_bodies_belong_to_the_french_state(kg, acronym, name):
    node = one(kg, acronym, kind="org")
    assert one(kg, name, kind="org") == node
    france = org(kg, "France")
    assert france in objects(kg, node, "org:subOrganizationOf+"), (
        f"{acronym} is a body of the French government (org:subOrganizationOf)"
    )
    assert_derived(kg, node, SRC)


# --------------------------------------------------------------------------- vade-mecum


def test_vade_mecum_adopted_by_the_members_at_quai_d_orsay_in_june_2016(kg, gpiess):
    guides = {o for o in of_kind(kg, "outcome")
              if mentions(kg, o, "vade-mecum", "vade-vecum", "vademecum")}
    assert len(guides) == 1, f"the vade-mecum: {describe(kg, guides)}"
    (guide,) = guides
    assert_derived(kg, guide, SRC)
    adopters = via(kg, guide, "schema:creator")
    members = {org(kg, n) for n in MEMBERS_2017}
    assert gpiess in adopters or members <= adopters, (
        f"'adopté par l'ensemble de ses membres': adopted by {describe(kg, adopters)}"
    )
    meetings = objects(kg, guide, "sse:adoptedAt")
    assert len(meetings) == 1, f"adopted at one meeting: {describe(kg, meetings)}"
    (meeting,) = meetings
    assert (
        ("2016-06", "http://www.w3.org/2001/XMLSchema#gYearMonth")
        in typed_values(kg, meeting, "dcterms:date")
    ), f"meeting in June 2016 (xsd:gYearMonth): {typed_values(kg, meeting, 'dcterms:date')}"
    assert not str_values(kg, meeting, "schema:startDate"), "the day is not known"
    assert_located(kg, meeting, ("Quai d'Orsay",), "FR")
    assert_derived(kg, meeting, SRC)


# --------------------------------------------------------------------------- origin


def test_gpiess_was_born_in_2014_under_the_impulse_of_essfi(kg, gpiess, essfi):
    # "Né en 2014 sous l'impulsion d'ESS Forum International (ESSFI)": either on the group
    # (schema:foundingDate, schema:founder or a sub-property such as sse:initiatedBy) or as a
    # founding step (org:ChangeEvent with org:resultingOrganization) dated 2014.
    on_group = (
        any(d.startswith("2014") for d in str_values(kg, gpiess, "schema:foundingDate"))
        and essfi in via(kg, gpiess, "schema:founder")
    )
    steps = [s for s in via_inverse(kg, gpiess, "org:resultingOrganization")
             if SRC in source_keys(kg, s)
             and any(d.startswith("2014") for d in
                     str_values(kg, s, "dcterms:date|schema:startDate"))
             and linked(kg, s, essfi)]
    assert on_group or steps, (
        f"founding date {str_values(kg, gpiess, 'schema:foundingDate')}, founders "
        f"{describe(kg, via(kg, gpiess, 'schema:founder'))}"
    )
    assert SRC in source_keys(kg, gpiess)


def test_essfi_and_rmb_are_one_organisation(kg, essfi):
    for name in ("RMB", "ESS Forum International", "ESSFI"):
        assert one(kg, name, kind="org") == essfi, name
    assert find(kg, "Rencontres du Mont-Blanc", "Les Rencontres du Mont-Blanc",
                kind="org") == {essfi}


def test_essfi_rmb_identity_is_recorded_as_an_inference_citing_both_lists(kg, essfi):
    rows = select(
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
    assert any({SOURCES["000"], SOURCES["001"]} <= ids for ids in cited.values()), (
        f"the inference cites both GPIESS presentations: {cited}"
    )


# --------------------------------------------------------------------------- task force


def test_tfsse_members_attested_by_2017_list_are_the_twenty_agencies(kg, tfsse):
    expected = {one(kg, n, kind="org") for n in TFSSE_2017}
    assert len(expected) == 20
    got = members_attested(kg, tfsse, LIST_DATE, "member")
    assert got == expected, (
        f"missing {describe(kg, expected - got)}; unexpected {describe(kg, got - expected)}"
    )


def test_tfsse_composition_is_the_same_in_2014_and_2017(kg, tfsse):
    assert members_attested(kg, tfsse, LIST_DATE, "member") == members_attested(
        kg, tfsse, DATE_2014, "member")


@pytest.mark.parametrize("agency", TFSSE_2017)
def test_agency_is_one_node_with_its_english_name(kg, agency):
    node = one(kg, agency, kind="org")
    assert named(kg, node, *AGENCY_NAMES[agency]), (
        f"{agency} should also carry one of {AGENCY_NAMES[agency]}; labels: "
        f"{describe(kg, [node])}"
    )


@pytest.mark.parametrize(("name_a", "name_b"), SAME_AGENCY_IN_SOURCES)
def test_agency_names_used_by_different_sources_are_one_node(kg, name_a, name_b):
    assert one(kg, name_a, kind="org") == one(kg, name_b, kind="org")


@pytest.mark.parametrize("agency", TFSSE_2017)
def test_tfsse_member_in_2017_list_is_derived_from_2017_source(kg, tfsse, agency):
    a = one(kg, agency, kind="org")
    ms = [m for m in with_role(kg, memberships(kg, tfsse, a), "member") if SRC in m["sources"]]
    assert ms, f"{agency} member of the task force per {SRC}"


# --------------------------------------------------------------------------- countries


@pytest.mark.parametrize(("fr", "en"), sorted(STATES.items()))
def test_member_state_is_named_in_french_and_english_and_linked_to_its_iso_country(kg, fr, en):
    state = one(kg, fr, kind="org")
    assert one(kg, en, kind="org") == state
    expected = pycountry.countries.lookup(en).alpha_2
    assert expected in actor_country_codes(kg, state), (
        f"{fr}: sse:country (schema:location) -> schema:Country with code {expected}; "
        f"got {actor_country_codes(kg, state)}"
    )


def test_quebec_is_a_subnational_government_of_canada_with_iso_3166_2_code(kg):
    quebec = one(kg, "Québec", kind="org")
    assert pycountry.countries.lookup("Canada").alpha_2 in actor_country_codes(kg, quebec)
    sub = pycountry.subdivisions.get(code="CA-QC")
    assert sub is not None and sub.code in codes(kg, quebec), (
        f"Québec's sse:subdivisionCode (schema:identifier) should be CA-QC: {codes(kg, quebec)}"
    )


def test_essfi_cites_the_2017_presentation(kg, essfi):
    assert_derived(kg, essfi, SRC)
