"""The Article: one news text with its metadata (title, publication date, dateline)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime, parsedate_tz
from pathlib import Path

__all__ = [
    "Article",
    "doc_id_for",
    "filename_date",
    "make_article",
    "normalize_newlines",
    "parse_published",
    "with_published",
]

# A date in a file name: the same separator (or none) between year, month and day.
_FILENAME_DATE = re.compile(
    r"(?<!\d)(?P<year>1[89]\d\d|2[01]\d\d)(?P<sep>[-_.]?)(?P<month>\d\d)(?P=sep)(?P<day>\d\d)(?!\d)"
)
_PARTIAL_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2}))?")
_ISO_LIKE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\b")


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
    filename: str | None = None,
) -> Article:
    """An Article from text, with its publication date taken from the first of these that
    gives one (recorded in `published_source`):

    1. `published`, the caller's date ("given");
    2. `metadata_published`, the file format's own date ("metadata");
    3. a dateline with its year ("dateline");
    4. a yearless dateline, its year from `metadata_published` when that holds only a year or a
       month ("2023", "2023-09"), else from the closest full date in the text ("dateline+year");
    5. a date in `filename` (or `path`'s name): ``2023-09-13-x.txt``, ``20230913_x.txt``
       ("filename").

    Args:
        published, metadata_published: a date, a datetime, or a string: ISO 8601
            ("2023-09-13", "2023-09-13T07:41:00Z"), RFC 2822 ("Wed, 13 Sep 2023 07:41:00 GMT")
            or "September 13, 2023". A datetime's own (local) day is kept.
        title: the headline, when the format gives one; if the text starts with it on a line of
            its own, that line is metadata, not an event sentence.

    Raises:
        ValueError: a `published` or `metadata_published` that is not a valid date (the message
            names the value and the formats allowed).
    """
    # Imported here: article.py is the schema of an input, the dateline parser is an extractor.
    from timeline.extract.dateline import dateline_date, find_dateline, find_title

    text = normalize_newlines(text)
    dateline = find_dateline(text)
    title_span = _given_title_span(text, title)
    found_title = find_title(text)
    if (
        title_span is None
        and found_title
        and (dateline is None or found_title[1][1] <= dateline.start)
    ):
        title_span = found_title[1]
        title = title or found_title[0]
    date, origin = parse_published(published), "given"
    if date is None:
        date, year = _metadata_date(metadata_published)
        origin = "metadata"
        if date is None and dateline is not None:
            date = dateline_date(text, dateline, year=year)
            origin = "dateline" if dateline.year is not None else "dateline+year"
    if date is None:
        date, origin = filename_date(filename or (path.name if path else "")), "filename"
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


def with_published(article: Article, published: dt.date | dt.datetime | str) -> Article:
    """The same article with the publication date a user gives ("given"), e.g. set in the
    dashboard after the reader found none; extract it again to resolve its relative dates.

    >>> article = make_article("WASHINGTON (AP) - The senate voted on Tuesday.")
    >>> article.published_source
    'none'
    >>> dated = with_published(article, "2023-09-13")
    >>> dated.published, dated.published_source
    (datetime.date(2023, 9, 13), 'given')

    Raises:
        ValueError: `published` is not a valid date.
    """
    date = parse_published(published)
    if date is None:
        raise ValueError("published is empty; give a date as YYYY-MM-DD")
    return replace(article, published=date, published_source="given")


def parse_published(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    """A publication date from a date, a datetime or a string (see `make_article`); None for
    None or a blank string.

    >>> parse_published("Wed, 13 Sep 2023 23:41:00 -0500")
    datetime.date(2023, 9, 13)
    >>> parse_published("2023-02-30")
    Traceback (most recent call last):
    ...
    ValueError: published='2023-02-30' is not a valid date (day is out of range for month); expected YYYY-MM-DD

    Raises:
        ValueError: not a date, an impossible one (Feb 30), or only a year or a month.
    """
    date, year = _metadata_date(value)
    if date is None and year is not None:
        raise ValueError(f"published={value!r} is not a whole date; expected YYYY-MM-DD")
    return date


def filename_date(name: str) -> dt.date | None:
    """The first valid date written in a file name: ``2023-09-13-x.txt``, ``20230913_x.txt``,
    ``x_2023_09_13.md``, ``2023.09.13.html`` (years 1800-2199; the separators must match).

    >>> filename_date("reuters-2023-09-13-putin-kim.txt"), filename_date("20230913_kim.txt")
    (datetime.date(2023, 9, 13), datetime.date(2023, 9, 13))
    >>> filename_date("2023-02-30-x.txt") is None and filename_date("id-120230913.txt") is None
    True
    """
    for match in _FILENAME_DATE.finditer(Path(name).name):
        try:
            return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
    return None


def normalize_newlines(text: str) -> str:
    """Line ends as ``\\n`` without moving any offset: ``\\r\\n`` becomes `` \\n``, a lone
    ``\\r`` becomes ``\\n``.

    >>> normalize_newlines("a\\r\\nb\\rc")
    'a \\nb\\nc'
    """
    return text.replace("\r\n", " \n").replace("\r", "\n")


def _given_title_span(text: str, title: str | None) -> tuple[int, int] | None:
    """The span of the first line when it is the given title (a web page's ``<h1>``)."""
    if not title or not title.strip():
        return None
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    if " ".join(line.split()) != " ".join(title.split()):
        return None
    return start, start + len(line)


def _metadata_date(value: dt.date | dt.datetime | str | None) -> tuple[dt.date | None, int | None]:
    """(the whole date, else None; its year) from a date-like value. A year or a month alone
    ("2023", "2023-09") gives (None, year): enough to complete a yearless dateline."""
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), value.year
    if isinstance(value, dt.date):
        return value, value.year
    text = str(value).strip()
    if not text:
        return None, None
    partial = _PARTIAL_DATE.fullmatch(text)
    if partial and (partial["month"] is None or 1 <= int(partial["month"]) <= 12):
        return None, int(partial["year"])
    date = _parse_date_string(text)
    return date, date.year


def _parse_date_string(text: str) -> dt.date:
    """A whole date from ISO 8601, RFC 2822 or "September 13, 2023"; ValueError if none."""
    from timeline.extract.dateline import full_dates

    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat, parsedate_to_datetime):
        try:
            parsed = parse(text)
        except (ValueError, TypeError, IndexError):
            continue
        return parsed.date() if isinstance(parsed, dt.datetime) else parsed
    written = full_dates(text)
    if written and written[0][0] == 0:
        return written[0][1]
    reason = _impossible(text)
    if reason:
        raise ValueError(f"published={text!r} is not a valid date ({reason}); expected YYYY-MM-DD")
    raise ValueError(
        f"published={text!r} is not a date; expected YYYY-MM-DD, an ISO 8601 or RFC 2822 "
        "date-time, or a date like 'September 13, 2023'"
    )


def _impossible(text: str) -> str | None:
    """Why a string shaped like a date is none ("day is out of range for month"), if it is so."""
    numbers = _ISO_LIKE.match(text)
    rfc_2822 = None if numbers else parsedate_tz(text)
    fields = [int(n) for n in numbers.groups()] if numbers else rfc_2822[:3] if rfc_2822 else None
    if fields is None:
        return None
    try:
        dt.date(*fields)
    except ValueError as err:
        return str(err)
    return None
