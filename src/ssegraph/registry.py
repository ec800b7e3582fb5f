"""The one registry of formats: every kind of answer, each format named once with its media type.

Like rdflib's plugin registry, a format is a name mapped to what writes it; adding one is one
``register`` call. Each kind of answer (query results, RDF, pages; networks next) keeps its
``Registry`` of ``Format`` entries, so the command line (its help and its lookup) and the
server (content negotiation) read the same entries: name, media type, other names, other media
types clients send. ``lookup`` turns an unknown name into the same clear ``BadParameter``
everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from ssegraph.errors import BadParameter


class Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)


@dataclass(frozen=True)
class Format:
    """What every format says of itself: its name (``--format``, ``format=``), its media type,
    other names for it, and other media types that clients send for it."""

    name: str
    media_type: str
    description: str = ""
    names: tuple[str, ...] = ()
    media_aliases: tuple[str, ...] = ()

    def called(self, value: str) -> bool:
        """Whether a ``format`` value (a name or a media type) names this format."""
        value = value.strip().lower()
        return value in (self.name, self.media_type, *self.names, *self.media_aliases)

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.media_aliases)


class Registry(dict[str, T]):
    """Formats of one kind by name; ``register`` adds one, ``lookup`` finds one by any of its
    names (case-insensitive)."""

    def __init__(self, what: str, option: str = "format") -> None:
        super().__init__()
        self.what = what  # e.g. "export format", for the error message
        self.option = option  # the command-line option that names one

    def register(self, item: T) -> T:
        self[item.name] = item
        return item

    def lookup(self, name: str) -> T:
        """The format called ``name``, or ``BadParameter`` listing the known ones."""
        wanted = name.strip().lower()
        if wanted in self:
            return self[wanted]
        for item in self.values():
            if isinstance(item, Format) and wanted in item.names:
                return item
        raise BadParameter(self.option, f"unknown {self.what} {name!r}", sorted(self))

    def help(self) -> str:
        """The choices as a help text says them: ``table, csv, tsv, json or xml``."""
        return choices_text(list(self))


def choices_text(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
