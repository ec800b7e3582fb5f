"""The RDF formats the whole graph can be written in: one registry, one entry per format.

Like rdflib's plugin registry, a format is a name mapped to what produces it (a media type the
backend serialises), its file extension and whether it keeps the named graphs; adding a format
is one ``register`` call, and the CLI lists the choices from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ssegraph.errors import BadParameter


@dataclass(frozen=True)
class ExportFormat:
    """An RDF serialisation the graph can be exported in."""

    name: str
    media_type: str
    extension: str
    named_graphs: bool  # False: the union of all graphs, as plain triples
    description: str


FORMATS: dict[str, ExportFormat] = {}


def register(export_format: ExportFormat) -> ExportFormat:
    """Make a format available to ``KnowledgeGraph.export`` and ``ssegraph export``."""
    FORMATS[export_format.name] = export_format
    return export_format


def get_format(name: str) -> ExportFormat:
    """The format called ``name``, or ``BadParameter`` listing the known ones."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise BadParameter("format", f"unknown export format {name!r}", sorted(FORMATS)) from None


register(ExportFormat("turtle", "text/turtle", "ttl", False, "Turtle, all graphs merged"))
register(ExportFormat("ntriples", "application/n-triples", "nt", False, "N-Triples, merged"))
register(ExportFormat("trig", "application/trig", "trig", True, "TriG, one graph per file"))
register(ExportFormat("jsonld", "application/ld+json", "jsonld", True, "JSON-LD, named graphs"))
