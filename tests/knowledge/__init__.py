"""Knowledge tests: facts of the five source texts, checked against the graph.

Written from the source texts (``/work/shared/sources``) and the data model
(``docs/model.md``), independently of ``data/``.
"""
