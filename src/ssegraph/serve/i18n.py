"""The pages speak English and French: the words of the interface, and which one a reader gets.

The graph's own names come from the graph in the reader's language; only the interface's words
are here. ``?lang=fr`` chooses, else the browser's Accept-Language, else English.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING

from ssegraph.serve.negotiate import preferences

if TYPE_CHECKING:
    from starlette.requests import Request

LANGUAGES = ("en", "fr")

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "tagline": "A knowledge graph of the international Social and Solidarity Economy",
        "language_name": "English",
        "home": "Home",
        "search": "Search",
        "query": "Query",
        "ontology": "Ontology",
        "endpoint": "SPARQL endpoint",
        "as_data": "This page as data",
        "search_hint": "Any name or acronym, in English or French: OIT, UNTFSSE, économie…",
        "search_button": "Search",
        "holds": "{statements} statements in {graphs} named graphs, one per source file.",
        "by_class": "Things by class",
        "by_source": "Things by source",
        "by_language": "Names by language",
        "class": "class",
        "things": "things",
        "source": "source",
        "language": "language",
        "preferred": "preferred names",
        "alternative": "other names and acronyms",
        "results_for": "Matches for “{text}”",
        "nothing_called": "Nothing in the graph is called “{text}”.",
        "nearest": "Nearest names:",
        "name": "name",
        "matched": "matched name",
        "kind": "kind",
        "kind_state": "State",
        "kind_gov": "government",
        "kind_org": "organisation",
        "kind_person": "person",
        "kind_event": "event",
        "kind_outcome": "policy outcome",
        "kind_source": "source",
        "kind_place": "place",
        "kind_role": "role",
        "kind_membership": "membership",
        "kind_interval": "interval",
        "kind_instant": "instant",
        "types": "Types",
        "names": "Names",
        "preferred_label": "preferred",
        "alt_label": "other",
        "member_of": "Member of",
        "posts": "Posts",
        "members": "Members",
        "events": "Events",
        "outcomes": "Policy outcomes",
        "facts": "Other facts",
        "sources": "Sources",
        "neighbourhood": "Neighbourhood",
        "group": "group",
        "member": "member",
        "role": "role",
        "held": "held",
        "held_from_through": "from {start} through {end}",
        "held_from": "from {start} on",
        "held_through": "through {end}",
        "held_undated": "no date known",
        "attested_on": "attested on",
        "held_from_heading": "held from",
        "through_heading": "through",
        "in": "in",
        "date": "date",
        "event": "event",
        "outcome": "outcome",
        "link": "link",
        "property": "property",
        "value": "value",
        "more_neighbours": "and {count} more",
        "catalogue": "Questions of the catalogue",
        "catalogue_count": "{count} queries (run one with `ssegraph query NAME`)",
        "title": "title",
        "editor": "SPARQL editor",
        "prefixes_note": "The prefixes {prefixes} are declared for every query. Queries run with"
        " a time limit of {timeout} s and return at most {limit} results.",
        "run": "Run",
        "with_sources": "Add each row's sources (the sources of the facts it reports)",
        "parameters": "Parameters",
        "example": "Example",
        "the_sparql": "The SPARQL query",
        "no_answer": "No answer.",
        "yes": "yes",
        "no": "no",
        "rows": "{count} result(s)",
        "truncated": "Only the first {limit} results are shown.",
        "at_endpoint": "The same question at the SPARQL endpoint",
        "classes": "Classes",
        "properties": "Properties",
        "refines": "refines",
        "domain": "domain",
        "range": "range",
        "error": "Error {status}",
        "error_named": "Error {status}: {name}",
        "back_home": "Back to the home page",
    },
    "fr": {
        "tagline": "Un graphe de connaissances de l'économie sociale et solidaire internationale",
        "language_name": "Français",
        "home": "Accueil",
        "search": "Recherche",
        "query": "Requêtes",
        "ontology": "Ontologie",
        "endpoint": "Point d'accès SPARQL",
        "as_data": "Cette page en données",
        "search_hint": "Un nom ou un sigle, en français ou en anglais : ILO, GPIESS, economie…",
        "search_button": "Chercher",
        "holds": "{statements} triplets dans {graphs} graphes nommés, un par fichier source.",
        "by_class": "Entités par classe",
        "by_source": "Entités par source",
        "by_language": "Noms par langue",
        "class": "classe",
        "things": "entités",
        "source": "source",
        "language": "langue",
        "preferred": "noms préférés",
        "alternative": "autres noms et sigles",
        "results_for": "Résultats pour « {text} »",
        "nothing_called": "Rien dans le graphe ne s'appelle « {text} ».",
        "nearest": "Noms les plus proches :",
        "name": "nom",
        "matched": "nom trouvé",
        "kind": "sorte",
        "kind_state": "État",
        "kind_gov": "gouvernement",
        "kind_org": "organisation",
        "kind_person": "personne",
        "kind_event": "événement",
        "kind_outcome": "résultat politique",
        "kind_source": "source",
        "kind_place": "lieu",
        "kind_role": "rôle",
        "kind_membership": "appartenance",
        "kind_interval": "intervalle",
        "kind_instant": "instant",
        "types": "Types",
        "names": "Noms",
        "preferred_label": "préféré",
        "alt_label": "autre",
        "member_of": "Membre de",
        "posts": "Fonctions",
        "members": "Membres",
        "events": "Événements",
        "outcomes": "Résultats politiques",
        "facts": "Autres faits",
        "sources": "Sources",
        "neighbourhood": "Voisinage",
        "group": "groupe",
        "member": "membre",
        "role": "rôle",
        "held": "période",
        "held_from_through": "du {start} au {end}",
        "held_from": "depuis le {start}",
        "held_through": "jusqu'au {end}",
        "held_undated": "aucune date connue",
        "attested_on": "attesté le",
        "held_from_heading": "depuis",
        "through_heading": "jusqu'au",
        "in": "dans",
        "date": "date",
        "event": "événement",
        "outcome": "résultat",
        "link": "lien",
        "property": "propriété",
        "value": "valeur",
        "more_neighbours": "et {count} de plus",
        "catalogue": "Les questions du catalogue",
        "catalogue_count": "{count} requêtes (en lancer une : `ssegraph query NOM`)",
        "title": "titre",
        "editor": "Éditeur SPARQL",
        "prefixes_note": "Les préfixes {prefixes} sont déclarés pour toute requête. Une requête"
        " dispose de {timeout} s au plus et rend au plus {limit} résultats.",
        "run": "Exécuter",
        "with_sources": "Ajouter les sources de chaque ligne (celles des faits qu'elle rapporte)",
        "parameters": "Paramètres",
        "example": "Exemple",
        "the_sparql": "La requête SPARQL",
        "no_answer": "Aucune réponse.",
        "yes": "oui",
        "no": "non",
        "rows": "{count} résultat(s)",
        "truncated": "Seuls les {limit} premiers résultats sont affichés.",
        "at_endpoint": "La même question au point d'accès SPARQL",
        "classes": "Classes",
        "properties": "Propriétés",
        "refines": "précise",
        "domain": "domaine",
        "range": "codomaine",
        "error": "Erreur {status}",
        "error_named": "Erreur {status} : {name}",
        "back_home": "Retour à l'accueil",
    },
}


#: The names of the HTTP statuses an error page can show, in French (in English: HTTPStatus's).
STATUS_NAMES_FR = {
    400: "Requête incorrecte",
    403: "Accès refusé",
    404: "Introuvable",
    405: "Méthode non permise",
    406: "Format non disponible",
    408: "Délai de requête dépassé",
    413: "Requête trop volumineuse",
    415: "Type de contenu non pris en charge",
    422: "Requête impossible à traiter",
    429: "Trop de requêtes",
    500: "Erreur interne du serveur",
    502: "Passerelle en erreur",
    503: "Service indisponible",
    504: "Délai de passerelle dépassé",
}


def status_name(lang: str, status: int) -> str:
    """The name of an HTTP status in ``lang`` ("Not Found", "Introuvable")."""
    if lang == "fr" and status in STATUS_NAMES_FR:
        return STATUS_NAMES_FR[status]
    return HTTPStatus(status).phrase


def language(request: Request) -> str:
    """The reader's language: ``?lang=``, else the first of ours in Accept-Language, else en."""
    asked = request.query_params.get("lang", "").strip().lower()
    if asked in LANGUAGES:
        return asked
    ranked = sorted(
        preferences(request.headers.get("accept-language", "")), key=lambda item: -item[1]
    )
    for tag, weight in ranked:
        primary = tag.split("-")[0]
        if weight > 0 and primary in LANGUAGES:
            return primary
    return LANGUAGES[0]


def translate(lang: str, key: str, **values: object) -> str:
    """One interface message in ``lang``, with its ``{placeholders}`` filled."""
    return MESSAGES[lang][key].format(**values)
