"""Cells a spreadsheet would run as formulas: recognised on the way in, disarmed on the way out.

A label or a literal that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by Excel, LibreOffice or Google Sheets as a formula (OWASP's "CSV injection"): a steward's
sheet could carry one into the graph, and an export could hand one to an analyst. Every CSV and
TSV the package writes passes its text cells through ``disarm``, which prefixes such a cell with
an apostrophe, the spreadsheets' own sign for "this is text". Numbers (``-3``, ``+1.5``) are
left alone: they are what they look like.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: What a spreadsheet reads as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would run this cell (a number with a sign is not a formula)."""
    return text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text)


def disarm(text: str) -> str:
    """The cell as text a spreadsheet shows and does not run."""
    return f"'{text}" if is_formula(text) else text


def disarm_row(row: Mapping[str, object]) -> dict[str, object]:
    """A row of a CSV table with its text cells disarmed, its numbers and lists as they are."""
    return {key: disarm(value) if isinstance(value, str) else value for key, value in row.items()}
