"""Saved web pages (``.html``, ``.htm``): the main text, title, author, site and URL with
trafilatura, the publication date with htmldate. A page with no main text is an InputError."""

from __future__ import annotations

import copy
from configparser import ConfigParser
from functools import lru_cache
from typing import Any

from timeline.errors import InputError
from timeline.readers.results import Record

__all__ = ["read_page"]

# Structured dates (meta tags, JSON-LD, <time>, the URL) are trusted back to 1900; htmldate's
# search of the visible text keeps its own floor (1995), where old dates are mostly history.
_MIN_STRUCTURED_DATE = "1900-01-01"


def read_page(name: str, html: str) -> Record:
    """One article from a web page; its headline stays the first line of the text.

    Raises:
        InputError: not an HTML document, or no article text besides the title.
    """
    import trafilatura

    tree = trafilatura.load_html(html)  # a parsed tree, so no URL-looking string is fetched
    if tree is None:
        raise InputError(
            f"{name} is not an HTML page (no <html> document found); save the whole page"
        )
    published = _page_date(tree)
    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, config=_config()
    )
    title = _clean(getattr(document, "title", None))
    lines = [line.strip() for line in (getattr(document, "text", None) or "").split("\n")]
    paragraphs = [line for line in lines if line]
    if not [p for p in paragraphs if p != title]:
        shown = f" (only its title {title!r})" if title else ""
        raise InputError(
            f"{name} has no article text{shown}; save the article's own page, not an index or an empty page"
        )
    return Record(
        "",
        "\n\n".join(paragraphs),
        title=title,
        published=published,
        url=_clean(getattr(document, "url", None)),
        author=_clean(getattr(document, "author", None)),
        site=_clean(getattr(document, "sitename", None)),
    )


@lru_cache(maxsize=1)
def _config() -> ConfigParser:
    """trafilatura's settings, with its main extractor trusted on short pages: by default,
    under 250 characters it falls back to a baseline that runs the paragraphs together
    ("...on Monday.The mayor said...") and takes the menu in."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


def _page_date(tree: Any) -> str | None:
    """The publication date: structured markup first, then htmldate's search of the text."""
    from htmldate import find_date

    found: str | None = find_date(
        copy.deepcopy(tree),
        extensive_search=False,
        original_date=True,
        min_date=_MIN_STRUCTURED_DATE,
    )
    if found:
        return found
    found = find_date(copy.deepcopy(tree), extensive_search=True, original_date=True)
    # The visible-text search ends with a bare year (a "© 2024" footer) given as January 1:
    # that is not a publication day.
    return None if found is None or found.endswith("-01-01") else found


def _clean(value: object) -> str | None:
    """A metadata string with its whitespace collapsed; None when blank."""
    text = " ".join(str(value).split()) if value else ""
    return text or None
