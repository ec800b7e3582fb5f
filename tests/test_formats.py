"""One registry of formats: every kind of answer names its formats the same way."""

from __future__ import annotations

import pytest

from ssegraph import export, metrics, network_io, results, validate
from ssegraph.errors import BadParameter
from ssegraph.registry import Format, Registry

REGISTRIES = {
    "results": results.FORMATS,
    "export": export.FORMATS,
    "networks": network_io.FORMATS,
    "measures": metrics.FORMATS,
    "validation reports": validate.REPORT_FORMATS,
}


@pytest.mark.parametrize("kind", REGISTRIES)
def test_every_kind_of_answer_registers_formats_with_a_media_type(kind: str) -> None:
    registry = REGISTRIES[kind]
    assert isinstance(registry, Registry) and registry
    for name, entry in registry.items():
        assert isinstance(entry, Format) and entry.name == name
        assert "/" in entry.media_type
        assert registry.lookup(name.upper()) is entry


@pytest.mark.parametrize("kind", REGISTRIES)
def test_an_unknown_format_is_refused_with_the_known_ones(kind: str) -> None:
    with pytest.raises(BadParameter) as refused:
        REGISTRIES[kind].lookup("no-such-format")
    assert "no-such-format" in str(refused.value)
