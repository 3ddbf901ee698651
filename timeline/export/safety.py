"""Text that leaves timeline safely: HTML-escaped, and without bidirectional controls.

A name holding U+202E (RIGHT-TO-LEFT OVERRIDE) before ``lmth.exe`` shows as ``exe.html``. The
embedding, override and isolate controls are removed from every label and file name we write
("Trojan Source", CVE-2021-42574). The plain marks (U+200E, U+200F), which Arabic and Hebrew
text use legitimately, stay in labels; file names lose them too.
"""

from __future__ import annotations

import html
import re
from typing import Final

from timeline.text import BIDI_CONTROLS, strip_bidi

__all__ = [
    "html_text",
    "is_web_link",
    "safe_filename",
    "source_link",
]

_UNSAFE_NAME: Final = re.compile(f"[{BIDI_CONTROLS}\u200e\u200f\u061c]")
_SEPARATORS: Final = re.compile(r"[\x00-\x1f\x7f/\\]")


def html_text(value: object) -> str:
    """A value as HTML text: escaped (quotes too, so it is safe in attributes), no bidi controls.

    >>> html_text('<b>Putin</b> & "Kim"')
    '&lt;b&gt;Putin&lt;/b&gt; &amp; &quot;Kim&quot;'
    """
    return html.escape(strip_bidi("" if value is None else str(value)), quote=True)


def safe_filename(name: str, default: str = "export") -> str:
    """A file name (one path component) with no bidi controls, separators or control characters.

    >>> safe_filename("map\\u202elmth.exe"), safe_filename("a/b"), safe_filename("\\u202e")
    ('maplmth.exe', 'a_b', 'export')
    """
    cleaned = _SEPARATORS.sub("_", _UNSAFE_NAME.sub("", name)).strip()
    return cleaned if cleaned.strip(".") else default


def is_web_link(value: str) -> bool:
    """Whether `value` is an http(s) URL, the only kind of source we link to."""
    return value.lower().startswith(("http://", "https://"))


def source_link(label: str, source: str) -> str:
    """`label` as HTML, linked to `source` when that is an http(s) URL."""
    if is_web_link(source):
        return f'<a href="{html_text(source)}">{html_text(label)}</a>'
    return html_text(label)
