"""The words of the query page, the network view and the linked facts, in English and French.

Kept beside ``i18n.MESSAGES`` (the pages' other words) so that each table grows on its own;
``say`` looks here first and falls back to ``i18n.translate``.
"""

from __future__ import annotations

from ssegraph.serve.i18n import translate

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "examples": "Ready examples",
        "examples_note": "Each loads its query with its parameters' defaults and runs it.",
        "load": "Load",
        "form": "form",
        "download": "Download the answer:",
        "no_script": "The editor needs JavaScript; without it, type the query here.",
        "network": "Network",
        "network_of": "Collaboration network",
        "network_kind": "network",
        "network_note": "Each node is a link to its page; the slider shows who is active in a "
        "year, and plays the network year by year.",
        "nodes_shown": "{count} nodes and {edges} ties shown",
        "network_capped": "The network has {total} nodes; only the {shown} with the most ties "
        "are drawn (the downloads hold all of them).",
        "network_empty": "No tie matches these filters.",
        "year": "year",
        "all_years": "all years",
        "play": "Play",
        "pause": "Pause",
        "filters": "Filters",
        "as_of": "as of",
        "between": "between",
        "and": "and",
        "kind_filter": "kind of actor",
        "group_filter": "group",
        "role_filter": "role",
        "scope_filter": "scope",
        "divide_filter": "divide",
        "draw": "Draw",
        "downloads": "Downloads",
        "download_gexf": "GEXF",
        "download_graphml": "GraphML",
        "download_cytoscape": "Cytoscape JSON",
        "download_json": "node-link JSON",
        "download_csv": "CSV (zip)",
        "network_co-membership": "co-membership",
        "network_co-event": "co-event",
        "network_union": "union",
        "network_actor-group": "actor-group",
        "network_actor-event": "actor-event",
        "other_kind": "other",
        "organizers": "Organisers",
        "partners": "Partners",
        "speakers": "Speakers",
        "moderators": "Moderators",
        "participants": "Participants",
        "people_of_event": "Who took part",
        "source_facts": "What this source backs",
        "title": "title",
        "publisher": "publisher",
        "subject": "about",
        "web_address": "web address",
    },
    "fr": {
        "examples": "Exemples prêts",
        "examples_note": "Chacun charge sa requête avec les valeurs par défaut de ses "
        "paramètres et l'exécute.",
        "load": "Charger",
        "form": "formulaire",
        "download": "Télécharger la réponse :",
        "no_script": "L'éditeur a besoin de JavaScript ; sans lui, saisissez la requête ici.",
        "network": "Réseau",
        "network_of": "Réseau de collaboration",
        "network_kind": "réseau",
        "network_note": "Chaque nœud est un lien vers sa page ; le curseur montre qui est actif "
        "une année donnée, et joue le réseau année après année.",
        "nodes_shown": "{count} nœuds et {edges} liens affichés",
        "network_capped": "Le réseau compte {total} nœuds ; seuls les {shown} qui ont le plus "
        "de liens sont dessinés (les téléchargements les contiennent tous).",
        "network_empty": "Aucun lien ne correspond à ces filtres.",
        "year": "année",
        "all_years": "toutes les années",
        "play": "Lecture",
        "pause": "Pause",
        "filters": "Filtres",
        "as_of": "au",
        "between": "entre",
        "and": "et",
        "kind_filter": "type d'acteur",
        "group_filter": "groupe",
        "role_filter": "rôle",
        "scope_filter": "portée",
        "divide_filter": "clivage",
        "draw": "Dessiner",
        "downloads": "Téléchargements",
        "download_gexf": "GEXF",
        "download_graphml": "GraphML",
        "download_cytoscape": "JSON Cytoscape",
        "download_json": "JSON nœuds-liens",
        "download_csv": "CSV (zip)",
        "network_co-membership": "co-appartenance",
        "network_co-event": "co-participation aux événements",
        "network_union": "groupes et événements",
        "network_actor-group": "acteurs et groupes",
        "network_actor-event": "acteurs et événements",
        "other_kind": "autre",
        "organizers": "Organisateurs",
        "partners": "Partenaires",
        "speakers": "Intervenants",
        "moderators": "Modérateurs",
        "participants": "Participants",
        "people_of_event": "Qui y a pris part",
        "source_facts": "Ce que cette source étaye",
        "title": "titre",
        "publisher": "éditeur",
        "subject": "sujet",
        "web_address": "adresse web",
    },
}


def say(lang: str, key: str, **values: object) -> str:
    """One interface word in ``lang``: from ``WORDS``, else from ``i18n.MESSAGES``."""
    found = WORDS.get(lang, {}).get(key)
    return found.format(**values) if found is not None else translate(lang, key, **values)
