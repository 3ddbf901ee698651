"""plain_label: user text shown as text in plotly labels and hovers (issue 8, part 6)."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from timeline.text import BIDI_CONTROLS, neutralise_bidi, plain_label


def test_markup_is_escaped_and_overrides_removed() -> None:
    assert plain_label("<b>Kim</b> & <a href='x'>Putin</a>") == (
        "&lt;b&gt;Kim&lt;/b&gt; &amp; &lt;a href='x'&gt;Putin&lt;/a&gt;"
    )
    assert plain_label("abc\u202edcba\u2066x\u2069") == "abcdcbax"
    assert plain_label("two\nlines\tand\x00 a NUL") == "two lines and a NUL"
    assert plain_label("&lt;") == "&amp;lt;"  # an entity typed by the user stays visible as typed


def test_missing_values_are_empty() -> None:
    for missing in (None, np.nan, pd.NA, pd.NaT, float("nan")):
        assert plain_label(missing) == ""
    assert plain_label(12) == "12"


def test_cut_with_an_ellipsis_before_escaping() -> None:
    assert plain_label("Putin & Kim meet", limit=8) == "Putin &amp;…"
    assert plain_label("short", limit=8) == "short"


@given(st.text())
def test_labels_hold_no_markup_nor_bidi_controls(text: str) -> None:
    label = plain_label(text)
    assert "<" not in label and ">" not in label
    assert not set(label) & set(BIDI_CONTROLS)
    # plotly turns the entities back into the characters: the reader sees the text, folded
    assert html.unescape(label) == " ".join(neutralise_bidi(text).split())


@given(st.text(), st.integers(min_value=1, max_value=50))
def test_limits_are_kept(text: str, limit: int) -> None:
    assert len(html.unescape(plain_label(text, limit=limit))) <= limit
