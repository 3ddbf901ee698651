"""Text from users shown in the page: file names and titles that cannot disguise themselves.

Dash components render strings as text (never as markup), so a title like ``<b>x</b>`` is shown
as written and needs no escaping (``timeline.text.plain_label`` is for plotly's labels, which
do read markup). What escaping does not stop is the bidirectional overrides and isolates: a file
named ``report\\u202etxt.exe`` displays as ``reportexe.txt``. They go, as in the charts.
"""

from __future__ import annotations

from timeline.text import neutralise_bidi

__all__ = ["plain_name"]


def plain_name(name: object, *, limit: int = 200) -> str:
    """A user-given name (file name, title, message) safe to show in the page: no bidi
    overrides or isolates, no control characters, at most `limit` characters.

    >>> plain_name("invoice\\u202etxt.exe")
    'invoicetxt.exe'
    >>> plain_name("<b>Title</b>")
    '<b>Title</b>'
    """
    text = neutralise_bidi(str(name))
    return text if len(text) <= limit else text[: limit - 1] + "…"
