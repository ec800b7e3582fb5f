"""A named set of output formats that other modules (and plug-ins) can add to.

Export formats, result formats and network formats each keep one; ``lookup`` turns an unknown
name into the same clear ``BadParameter`` everywhere.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from ssegraph.errors import BadParameter


class Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=Named)


class Registry(dict[str, T]):
    """Formats by name; ``register`` adds one, ``lookup`` finds one (case-insensitive)."""

    def __init__(self, what: str, option: str = "format") -> None:
        super().__init__()
        self.what = what  # e.g. "export format", for the error message
        self.option = option  # the command-line option that names one

    def register(self, item: T) -> T:
        self[item.name] = item
        return item

    def lookup(self, name: str) -> T:
        """The format called ``name``, or ``BadParameter`` listing the known ones."""
        try:
            return self[name.lower()]
        except KeyError:
            raise BadParameter(self.option, f"unknown {self.what} {name!r}", sorted(self)) from None
