"""A SHACL Core engine that validates set-wise over a pyoxigraph store.

pySHACL validates node by node (a Python call per focus node, shape and component): 522 s on a
1M-triple graph. Here the shapes are compiled once (``shapes.compile``), each path is read
once per predicate from the store (``data.Data``), and every component is checked over the
whole set of focus nodes of its shape; nested shapes (``sh:node``, ``sh:or``, ``sh:xone``,
``sh:not``, ``sh:qualifiedValueShape``) are evaluated on the set of value nodes that reach
them. The results are pySHACL's (focus, path, value, component, source shape, severity,
messages, ``sh:detail``), pinned by differential tests; a shapes graph that uses anything else
raises ``Unsupported`` so the caller can hand it to pySHACL instead.
"""

from ssegraph.shacl.data import Data
from ssegraph.shacl.engine import Result, validate
from ssegraph.shacl.shapes import Unsupported, compile_shapes

__all__ = ["Data", "Result", "Unsupported", "compile_shapes", "validate"]
