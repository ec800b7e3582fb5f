"""Facts of the source texts that several test modules check.

The two GPIESS presentations each list the group's members on a given day: source 001 the
parties that had formally agreed to join by 17 September 2014, source 000 its page of 8 July 2017.
Both also name the twenty UN agencies that make up the task force sitting in the group, with a
few spellings that differ between the two.  Names are spelled as each source spells them; the
lists are in alphabetical order.
"""

from __future__ import annotations

# Each list: the key of the source that gives it (see helpers.SOURCES) and its date.
GPIESS_LISTS = {"2014": ("001", "2014-09-17"), "2017": ("000", "2017-07-08")}

# The members of the group on each list, with their role there (ROLE_NAMES keys).
GPIESS_MEMBERS = {
    "2014": {
        "Alliance Coopérative Internationale": "member",
        "Association Internationale de la Mutualité": "member",
        "Association Internationale des Maires Francophones": "member",
        "Colombie": "member",
        "Equateur": "member",
        "Fonds Mondial pour le Développement des Villes": "member",
        "France": "member",
        "Luxembourg": "member",
        "Maroc": "member",
        "Québec": "observer member",
        "RMB": "member",
        "TFSSE": "member",
    },
    "2017": {
        "ACI": "member",
        "AIM": "member",
        "AIMF": "member",
        "Colombie": "member",
        "Costa Rica": "member",
        "ESSFI": "member",
        "Equateur": "member",
        "FMDV": "member",
        "France": "member",
        "GSEF": "member",
        "Grèce": "member",
        "Luxembourg": "member",
        "Maroc": "member",
        "Québec": "observer member",
        "RIPESS": "member",
        "Sénégal": "observer member",
        "UNTFSSE": "member",
    },
}

# The agencies of the UN task force on each list (the 2017 page writes UN-RISD, ONU-femmes and
# PAM where the 2014 presentation writes UNRISD, ONU Femmes and WFP).
TFSSE_AGENCIES = {
    "2014": [
        "CEPAL",
        "CNUCED",
        "ESCWA",
        "FAO",
        "OCDE",
        "OIT",
        "OMS",
        "ONU Femmes",
        "ONU-SLNG",
        "ONUDI",
        "ONUSIDA",
        "PNUD",
        "PNUE",
        "TDR",
        "UN-DESA",
        "UN-Habitat",
        "UNECE",
        "UNESCO",
        "UNRISD",
        "WFP",
    ],
    "2017": [
        "CEPAL",
        "CNUCED",
        "ESCWA",
        "FAO",
        "OCDE",
        "OIT",
        "OMS",
        "ONU-femmes",
        "ONU-SLNG",
        "ONUDI",
        "ONUSIDA",
        "PAM",
        "PNUD",
        "PNUE",
        "TDR",
        "UN-DESA",
        "UN-Habitat",
        "UN-RISD",
        "UNECE",
        "UNESCO",
    ],
}
