"""Text from users shown in the page: file names and titles that cannot disguise themselves.

Dash components render strings as text (never as markup), so a title like ``<b>x</b>`` is shown
as written. What escaping does not stop is the bidirectional *overrides and isolates*: a file
named ``report\\u202etxt.exe`` displays as ``reportexe.txt``. Those characters are replaced by a
visible U+FFFD; the directional *marks* (U+200E, U+200F, U+061C), which right-to-left titles
need and which cannot reorder text on their own, are kept.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["BIDI_CONTROLS", "plain_name"]

# LRE RLE PDF LRO RLO, LRI RLI FSI PDI: the characters that reorder the text after them
BIDI_CONTROLS: Final = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS: Final = re.compile(f"[{BIDI_CONTROLS}]")
_OTHER_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_name(name: object, *, limit: int = 200) -> str:
    """A user-given name (file name, title) safe to show: bidi overrides and isolates replaced
    by U+FFFD, other control characters dropped, at most `limit` characters.

    >>> plain_name("invoice\\u202etxt.exe")
    'invoice\\ufffdtxt.exe'
    >>> plain_name("<b>Title</b>")
    '<b>Title</b>'
    """
    text = _OTHER_CONTROLS.sub("", _CONTROLS.sub("\ufffd", str(name)))
    return text if len(text) <= limit else text[: limit - 1] + "…"
