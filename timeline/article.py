"""The Article: one news text with its metadata (title, publication date, dateline)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Article", "doc_id_for", "make_article", "normalize_newlines"]


@dataclass(frozen=True)
class Article:
    """One article. Every character offset elsewhere in timeline points into `text`.

    Attributes:
        text: the whole text, with ``\\r\\n`` written as `` \\n`` and a lone ``\\r`` as ``\\n``:
            the same length as the caller's string, so every offset indexes both.
        title: the headline, if the text or its metadata has one.
        published: the publication date, or None when nothing says it; relative expressions
            then stay unresolved.
        published_source: where `published` came from, one of ``timeline.schema.PUBLISHED_SOURCES``: "given" (the
            caller's argument), "metadata" (the file format's own field), "dateline" (a dateline
            with its year), "dateline+year" (a yearless dateline completed from the text or the
            metadata), "filename" (a date in the file name) or "none".
        dateline_place: the dateline's city, title-cased ("Vladivostok"), if any.
        dateline_region: the state or country written after it ("Russia", "W.Va."), if any.
        agency: the wire service named in the dateline ("Reuters"), if any.
        doc_id: a hash of the text, stable across runs.
        path: the file it was read from, if any.
        source: the publisher, URL or file name shown to users.
        url: the article's address, if known.
        author, site: the byline and the publishing site, when the format carries them.
        title_span, dateline_span: (start, end) offsets of the headline line and of the
            dateline prefix; both are metadata, not event sentences.
    """

    text: str
    title: str | None = None
    published: dt.date | None = None
    published_source: str = "none"
    dateline_place: str | None = None
    dateline_region: str | None = None
    agency: str | None = None
    doc_id: str = ""
    path: Path | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None
    title_span: tuple[int, int] | None = None
    dateline_span: tuple[int, int] | None = None


def doc_id_for(text: str) -> str:
    """A short, stable identifier for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def make_article(
    text: str,
    *,
    published: dt.date | dt.datetime | str | None = None,
    title: str | None = None,
    source: str | None = None,
    doc_id: str | None = None,
    path: Path | None = None,
    url: str | None = None,
    author: str | None = None,
    site: str | None = None,
    metadata_published: dt.date | dt.datetime | str | None = None,
) -> Article:
    """An Article from text: the publication date from the explicit argument first, then
    metadata, then the dateline (its year from the fullest date in the text if it has none).

    Raises:
        ValueError: a `published` string that is not an ISO date.
    """
    # Imported here: article.py is the schema of an input, the dateline parser is an extractor.
    from timeline.extract.dateline import dateline_date, find_dateline, find_title

    text = normalize_newlines(text)
    dateline = find_dateline(text)
    found_title = find_title(text)
    title_span = None
    if found_title and (dateline is None or found_title[1][1] <= dateline.start):
        title_span = found_title[1]
        title = title or found_title[0]
    date, origin = _as_date(published), "given"
    if date is None:
        date, origin = _as_date(metadata_published), "metadata"
    if date is None and dateline is not None:
        date = dateline_date(text, dateline)
        origin = "dateline" if dateline.year is not None else "dateline+year"
    return Article(
        text=text,
        title=title,
        published=date,
        published_source=origin if date else "none",
        dateline_place=dateline.place if dateline else None,
        dateline_region=dateline.region if dateline else None,
        agency=dateline.agency if dateline else None,
        doc_id=doc_id or doc_id_for(text),
        path=path,
        source=source or (path.name if path else None),
        url=url,
        author=author,
        site=site,
        title_span=title_span,
        dateline_span=(dateline.start, dateline.end) if dateline else None,
    )


def normalize_newlines(text: str) -> str:
    """Line ends as ``\\n`` without moving any offset: ``\\r\\n`` becomes `` \\n``, a lone
    ``\\r`` becomes ``\\n``.

    >>> normalize_newlines("a\\r\\nb\\rc")
    'a \\nb\\nc'
    """
    return text.replace("\r\n", " \n").replace("\r", "\n")


def _as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    """A date from a date, a datetime or an ISO string ("2023-09-13", "2023-09-13T10:00Z")."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError as err:
        raise ValueError(f"published={value!r} is not an ISO date (expected YYYY-MM-DD)") from err
