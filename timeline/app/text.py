"""Text from users shown in the page: file names and titles that cannot disguise themselves.

Dash components render strings as text (never as markup), so a title like ``<b>x</b>`` is shown
as written. What escaping does not stop is the bidirectional *overrides and isolates*: a file
named ``report\\u202etxt.exe`` displays as ``reportexe.txt``. Those go, as in every export
(``timeline.export.safety.neutralize_bidi``); the directional marks that right-to-left titles
need stay.
"""

from __future__ import annotations

import re
from typing import Final

from timeline.export.safety import neutralize_bidi

__all__ = ["plain_name"]

_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain_name(name: object, *, limit: int = 200) -> str:
    """A user-given name (file name, title) safe to show: no bidi overrides or isolates, no
    control characters, at most `limit` characters.

    >>> plain_name("invoice\\u202etxt.exe")
    'invoicetxt.exe'
    >>> plain_name("<b>Title</b>")
    '<b>Title</b>'
    """
    text = _CONTROLS.sub("", neutralize_bidi(str(name)))
    return text if len(text) <= limit else text[: limit - 1] + "…"
