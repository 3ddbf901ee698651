"""Every public name of ``import timeline`` resolves, and importing the package stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import timeline


@pytest.mark.parametrize("name", timeline.__all__)
def test_public_name_resolves(name: str) -> None:
    assert getattr(timeline, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = timeline.nope  # type: ignore[attr-defined]


def test_import_does_not_load_dash_or_spacy() -> None:
    code = "import sys, timeline; print(sorted({'dash', 'spacy', 'duckdb'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
