"""A SHACL Core engine that validates set-wise over a pyoxigraph store.

pySHACL validates node by node (a Python call per focus node, shape and component): 522 s on a
1M-triple graph. Here the shapes are compiled once (``shapes.compile_shapes``), each predicate
a path follows is read once from the store as text, a node held as its N-Triples string
(``data.Data``: the default graph, or the union of named graphs read in place), and every
component gives the set of what fails over the whole set of focus nodes of its shape; nested
shapes (``sh:node``, ``sh:or``, ``sh:xone``, ``sh:not``, ``sh:qualifiedValueShape``) are
evaluated on the set of value nodes that reach them, and only for conformance where no result
of theirs is reported. The results are pySHACL's (focus, path, value, component, source
shape, severity, messages, ``sh:detail``), pinned by differential tests; a shapes graph that
uses anything else raises ``Unsupported`` so the caller can hand it to pySHACL instead.
"""

from ssegraph.shacl.data import Data
from ssegraph.shacl.engine import Result, validate
from ssegraph.shacl.shapes import Unsupported, compile_shapes

__all__ = ["Data", "Result", "Unsupported", "compile_shapes", "validate"]
