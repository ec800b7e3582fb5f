"""The RDF formats the whole graph can be written in: one registry, one entry per format.

Like rdflib's plugin registry, a format is a name mapped to what produces it (a media type the
backend serialises), its file extension and whether it keeps the named graphs; adding a format
is one ``register`` call, and the CLI lists the choices from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ssegraph.registry import Registry


@dataclass(frozen=True)
class ExportFormat:
    """An RDF serialisation the graph can be exported in."""

    name: str
    media_type: str
    extension: str
    named_graphs: bool  # False: the union of all graphs, as plain triples
    description: str


FORMATS: Registry[ExportFormat] = Registry("export format", "format")
register = FORMATS.register
get_format = FORMATS.lookup


register(ExportFormat("turtle", "text/turtle", "ttl", False, "Turtle, all graphs merged"))
register(ExportFormat("ntriples", "application/n-triples", "nt", False, "N-Triples, merged"))
register(ExportFormat("trig", "application/trig", "trig", True, "TriG, one graph per file"))
register(ExportFormat("jsonld", "application/ld+json", "jsonld", True, "JSON-LD, named graphs"))
