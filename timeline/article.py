"""The Article: one news text with its metadata (title, publication date, dateline)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Article", "doc_id_for", "make_article"]


@dataclass(frozen=True)
class Article:
    """One article. Every character offset elsewhere in timeline points into `text`.

    Attributes:
        text: the whole text, as read (newlines normalized to ``\\n``).
        title: the headline, if the text or its metadata has one.
        published: the publication date, or None when nothing says it; relative expressions
            then stay unresolved.
        published_from: where `published` came from: "argument", "metadata", "dateline" or None.
        dateline_place: the dateline's city, title-cased ("Vladivostok"), if any.
        dateline_region: the state or country written after it ("Russia", "W.Va."), if any.
        agency: the wire service named in the dateline ("Reuters"), if any.
        doc_id: a hash of the text, stable across runs.
        path: the file it was read from, if any.
        source: the publisher, URL or file name shown to users.
        url: the article's address, if known.
        title_span, dateline_span: (start, end) offsets of the headline line and of the
            dateline prefix; both are metadata, not event sentences.
    """

    text: str
    title: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    dateline_place: str | None = None
    dateline_region: str | None = None
    agency: str | None = None
    doc_id: str = ""
    path: Path | None = None
    source: str | None = None
    url: str | None = None
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
    metadata_published: dt.date | dt.datetime | str | None = None,
) -> Article:
    """An Article from text: the publication date from the explicit argument first, then
    metadata, then the dateline (its year from the fullest date in the text if it has none).

    Raises:
        ValueError: a `published` string that is not an ISO date.
    """
    # Imported here: article.py is the schema of an input, the dateline parser is an extractor.
    from timeline.extract.dateline import dateline_date, find_dateline, find_title

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    dateline = find_dateline(text)
    found_title = find_title(text)
    title_span = None
    if found_title and (dateline is None or found_title[1][1] <= dateline.start):
        title_span = found_title[1]
        title = title or found_title[0]
    date, origin = _as_date(published), "argument"
    if date is None:
        date, origin = _as_date(metadata_published), "metadata"
    if date is None and dateline is not None:
        date, origin = dateline_date(text, dateline), "dateline"
    return Article(
        text=text,
        title=title,
        published=date,
        published_from=origin if date else None,
        dateline_place=dateline.place if dateline else None,
        dateline_region=dateline.region if dateline else None,
        agency=dateline.agency if dateline else None,
        doc_id=doc_id or doc_id_for(text),
        path=path,
        source=source or (path.name if path else None),
        url=url,
        title_span=title_span,
        dateline_span=(dateline.start, dateline.end) if dateline else None,
    )


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
