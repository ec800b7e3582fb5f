"""The RDF formats the whole graph (and a CONSTRUCT's answer) can be written in.

Each is an entry of the one format registry (``ssegraph.registry``): a name, its media type (the
backend serialises it), other names and media types clients use, its file extension and whether
it keeps the named graphs. ``ssegraph export`` and the server's content negotiation read them
from here; adding a format is one ``register`` call.
"""

from __future__ import annotations

from dataclasses import dataclass

from ssegraph.registry import Format, Registry


@dataclass(frozen=True)
class ExportFormat(Format):
    """An RDF serialisation the graph can be written in."""

    extension: str = ""
    named_graphs: bool = False  # False: the union of all graphs, as plain triples


FORMATS: Registry[ExportFormat] = Registry("export format", "--format")
register = FORMATS.register
get_format = FORMATS.lookup

TURTLE = register(
    ExportFormat(
        "turtle", "text/turtle", "Turtle, all graphs merged", ("ttl",),
        ("application/turtle", "application/x-turtle"), extension="ttl",
    )
)  # fmt: skip
NTRIPLES = register(
    ExportFormat(
        "ntriples", "application/n-triples", "N-Triples, merged", ("nt", "n-triples"),
        extension="nt",
    )
)  # fmt: skip
TRIG = register(
    ExportFormat("trig", "application/trig", "TriG, one graph per file", extension="trig",
                 named_graphs=True)
)  # fmt: skip
JSONLD = register(
    ExportFormat("jsonld", "application/ld+json", "JSON-LD, named graphs", ("json-ld",),
                 extension="jsonld", named_graphs=True)
)  # fmt: skip
RDFXML = register(
    ExportFormat("rdfxml", "application/rdf+xml", "RDF/XML, merged", ("rdf", "rdf+xml", "xml"),
                 ("application/xml",), extension="rdf")
)  # fmt: skip
#: What a CONSTRUCT or DESCRIBE answers in over HTTP (triples: no dataset format), Turtle first.
TRIPLE_FORMATS = (TURTLE, NTRIPLES, JSONLD, RDFXML)
