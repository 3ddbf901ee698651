"""``.txt`` and ``.md``: the text is the article; its headline and dateline are read from it."""

from __future__ import annotations

from timeline.readers.results import Record

__all__ = ["read_plain"]


def read_plain(text: str, *, markdown: bool = False) -> Record:
    """The file as one article. A Markdown heading on the first line ("# Title") is its title."""
    title = None
    if markdown:
        first = text.lstrip().split("\n", 1)[0]
        if first.startswith("#"):
            title = first.lstrip("#").strip() or None
    return Record("", text, title=title)
