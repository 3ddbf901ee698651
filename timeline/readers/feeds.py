"""Saved RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``) with feedparser: one article per
item. The last item of a feed that is cut off is reported, not trusted."""

from __future__ import annotations

import re
import time
import xml.sax
from typing import Any

from timeline.article import parse_published
from timeline.errors import InputError
from timeline.readers.results import Problem, Record

__all__ = ["fragment_text", "read_feed"]

_BLOCKS = ("p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
           "table", "tr", "figure", "figcaption", "article", "section", "pre")  # fmt: skip
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def read_feed(name: str, data: bytes) -> tuple[list[Record], list[Problem]]:
    """The items of a feed, with the feed's title as their site.

    Raises:
        InputError: the file is not an RSS or Atom feed.
    """
    import feedparser  # type: ignore[import-untyped]  # ships no type hints

    feed = feedparser.parse(data)  # bytes: feedparser fetches only strings that look like URLs
    error = feed.get("bozo_exception")
    if not feed.entries:
        detail = f" ({_xml_error(error)})" if isinstance(error, xml.sax.SAXException) else ""
        if feed.get("version"):
            raise InputError(f"{name} is a feed with no items{detail}")
        raise InputError(
            f"{name} is not an RSS or Atom feed{detail}; .xml, .rss and .atom files are read as saved feeds"
        )
    entries = list(feed.entries)
    remark = None
    if isinstance(error, xml.sax.SAXException):
        if _at_end(error, data):
            # A truncated download still yields its half-received last item, without its text.
            entries.pop()
            remark = Problem(
                name,
                f"item {len(entries) + 1}",
                f"was skipped: the feed is cut off ({_xml_error(error)}), so its last item may be incomplete",
            )
        else:
            remark = Problem(
                name,
                "",
                f"is not well-formed XML ({_xml_error(error)}); its items were read leniently",
                "warning",
            )
    site = feed.feed.get("title") or None
    records, problems = [], []
    for number, entry in enumerate(entries, 1):
        text = fragment_text(_entry_html(entry))
        if not text:
            problems.append(Problem(name, f"item {number}", "has no text (no content or summary)"))
            continue
        records.append(
            Record(
                f"item {number}",
                text,
                title=entry.get("title") or None,
                published=_entry_date(entry),
                url=entry.get("link") or None,
                author=entry.get("author") or None,
                site=site,
            )
        )
    return records, [*problems, *([remark] if remark else [])]


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed item's summary): one paragraph per block element.

    >>> fragment_text("<p>Full <b>content</b> here.</p><p>More &amp; more.</p>")
    'Full content here.\\n\\nMore & more.'
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["script", "style"]):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(soup.get_text()))
    return "\n\n".join(p for p in paragraphs if p)


def _entry_html(entry: Any) -> str:
    """The item's full content (RSS ``content:encoded``, Atom ``<content>``), else its summary."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    return max(contents, key=len, default="") or entry.get("summary") or ""


def _entry_date(entry: Any) -> str | None:
    """The item's date as written (its local day), else feedparser's reading of it (UTC)."""
    for key in ("published", "updated"):
        written = entry.get(key)
        if not written:
            continue
        try:
            parse_published(written)
            return str(written)
        except ValueError:
            parsed = entry.get(f"{key}_parsed")
            return time.strftime("%Y-%m-%d", parsed) if parsed else str(written)
    return None


def _at_end(error: xml.sax.SAXException, data: bytes) -> bool:
    """Whether the XML error is on the file's last line (a cut-off file), not in its middle."""
    if not isinstance(error, xml.sax.SAXParseException):
        return True
    line = error.getLineNumber()
    return line is None or line >= data.rstrip().count(b"\n") + 1


def _xml_error(error: xml.sax.SAXException) -> str:
    """The parser's complaint ("unclosed token"). Its line is left out: feedparser adds an XML
    declaration to files without one, which shifts the count."""
    return str(error.getMessage())
