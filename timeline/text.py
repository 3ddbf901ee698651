"""User text made safe to show as plain text in charts, hovers and file names.

Plotly renders a subset of HTML in every label, hover and title (``<b>``, ``<a href>``,
``<br>``, entities), so an article titled ``<b>x</b>`` would come out bold and a link would be
clickable. Bidirectional-override characters (U+202A-U+202E, U+2066-U+2069) reorder the text
around them ("Trojan source"): a label could read differently from what it holds. Every user
string that goes into a figure passes through :func:`plain_label` first.
"""

from __future__ import annotations

import math
import re
import textwrap
from typing import Final

import pandas as pd

__all__ = ["BIDI_CONTROLS", "neutralise_bidi", "plain_label", "strip_bidi"]

# embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI)
BIDI_CONTROLS: Final = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI: Final = re.compile(f"[{BIDI_CONTROLS}]")
_BREAK: Final = re.compile("[\t\n\r\v\f]")
_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, after _BREAK
_SPACE: Final = re.compile(r"\s+")
_ESCAPES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def strip_bidi(text: str) -> str:
    """`text` without bidirectional embedding, override and isolate controls; the plain marks
    (U+200E, U+200F), which Arabic and Hebrew text use legitimately, stay.

    >>> strip_bidi("evil\\u202etxt.exe")
    'eviltxt.exe'
    """
    return _BIDI.sub("", text)


def neutralise_bidi(text: str) -> str:
    """`text` without bidirectional embeddings, overrides and isolates, and without other
    control characters (tabs and line breaks become spaces).

    >>> neutralise_bidi("abc\\u202edcba\\nz")
    'abcdcba z'
    """
    return _CONTROL.sub("", _BREAK.sub(" ", strip_bidi(text)))


def plain_label(
    text: object, *, limit: int | None = None, wrap: int | None = None, max_lines: int | None = None
) -> str:
    """`text` as a plotly label that shows exactly these characters: bidi controls removed,
    whitespace runs folded to one space, cut at `limit` characters (with an ellipsis), and
    ``&``, ``<``, ``>`` escaped as entities (which plotly renders back as the characters).

    Args:
        text: any value; None and pandas' missing values give "".
        limit: the most characters kept (before escaping), or None for all.
        wrap: the most characters on a line: longer text is broken at spaces (a longer word
            at this width) into lines joined by plotly's ``<br>``; None keeps one line.
        max_lines: with `wrap`, the most lines: the last one ends with an ellipsis if text
            is left over.

    >>> plain_label("<b>Putin</b> & Kim\\u202e")
    '&lt;b&gt;Putin&lt;/b&gt; &amp; Kim'
    >>> plain_label("A long headline", limit=6)
    'A lon…'
    >>> plain_label("Putin & Kim meet in Vostochny", wrap=12)
    'Putin &amp; Kim<br>meet in<br>Vostochny'
    >>> plain_label("Putin & Kim meet in Vostochny", wrap=12, max_lines=2)
    'Putin &amp; Kim<br>meet in…'
    """
    if text is None or text is pd.NA or text is pd.NaT:
        return ""
    if isinstance(text, float) and math.isnan(text):
        return ""
    value = _SPACE.sub(" ", neutralise_bidi(str(text))).strip()
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)].rstrip() + "…"
    if wrap is not None and len(value) > wrap:
        lines = textwrap.wrap(value, wrap, max_lines=max_lines, placeholder="…")
        return "<br>".join(line.translate(_ESCAPES) for line in lines)
    return value.translate(_ESCAPES)
