"""Wire-service datelines and headlines: metadata at the top of an article, not event text.

Handles the usual styles, with or without a byline, photo credit or caption above:
``VLADIVOSTOK, Russia, Sept 13 (Reuters) –``, ``WASHINGTON (AP) —``, ``PARIS, March 3 (AFP) -``,
``KYIV, Ukraine —``, ``CHARLESTON, W.Va. -``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.extract.calendar_words import MONTH_NUMBERS, MONTH_PATTERN

__all__ = [
    "Dateline",
    "dateline_date",
    "find_dateline",
    "find_title",
    "full_dates",
    "year_for_month_day",
]

# How far into the text a dateline may start: past a headline, a byline and a photo caption.
_SEARCH_CHARS = 3000
_MAX_TITLE_CHARS = 200

# [ \t] rather than \s: a dateline never spans lines.
_CITY = r"[A-Z][A-Z'’.\-]*(?:[ \t]+[A-Z][A-Z'’.\-]*){0,3}"
_REGION = r"[A-Z][A-Za-z'’.\-]*(?:[ \t]+[A-Z][A-Za-z'’.\-]*){0,3}"
_DATE = rf"(?:{MONTH_PATTERN})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
_AGENCY = r"\((?P<agency>[A-Za-z][\w .&/-]{0,40})\)"
_DATELINE = re.compile(
    rf"""^(?P<city>{_CITY})
         (?:,[ \t]*(?P<region>(?!(?:{MONTH_PATTERN})\.?\s+\d){_REGION}))?
         (?:,?[ \t]*(?P<date>{_DATE}))?
         [ \t]*(?:{_AGENCY})?
         [ \t]*(?:[–—]+|-{{1,2}})[ \t]*""",
    re.VERBOSE | re.MULTILINE | re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?", re.I
)
# A whole date written out: "September 13, 2023", "Sept. 13 2023" or "13 September 2023".
_FULL_DATE = re.compile(
    rf"""\b(?:(?P<month>{MONTH_PATTERN})\.?[ \t]+(?P<day>\d{{1,2}}),?[ \t]+(?P<year>\d{{4}})
          |(?P<day2>\d{{1,2}})[ \t]+(?P<month2>{MONTH_PATTERN})\.?,?[ \t]+(?P<year2>\d{{4}}))\b""",
    re.I | re.X,
)


@dataclass(frozen=True)
class Dateline:
    """A parsed dateline: its span, place, wire service and the (month, day, year) it gives."""

    start: int
    end: int
    place: str
    region: str | None
    agency: str | None
    month: int | None
    day: int | None
    year: int | None


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a paragraph near the top of `text`, if there is one.

    >>> d = find_dateline("Headline\\n\\nKYIV, Ukraine (AP) — The mayor said.")
    >>> d.place, d.agency
    ('Kyiv', 'AP')
    """
    for match in _DATELINE.finditer(text, 0, min(len(text), _SEARCH_CHARS)):
        city = match["city"]
        if not _is_upper_city(city) or not _has_marker(match):
            continue
        month = day = year = None
        if match["date"]:
            parts = _MONTH_DAY.match(match["date"])
            if parts:
                month = MONTH_NUMBERS[parts["month"].lower()]
                day = int(parts["day"])
                year = int(parts["year"]) if parts["year"] else None
        place = city.title()
        region = match["region"]
        return Dateline(
            match.start(), match.end(), place, region, match["agency"], month, day, year
        )
    return None


def _is_upper_city(city: str) -> bool:
    """Datelines write the city in capitals; a sentence starting "In Kyiv -" is not one."""
    letters = [c for c in city if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _has_marker(match: re.Match[str]) -> bool:
    """A one-word capitalised paragraph opener needs a region, date or agency to be a dateline."""
    return bool(match["region"] or match["date"] or match["agency"] or " " in match["city"])


def find_title(text: str) -> tuple[str, tuple[int, int]] | None:
    """A headline: a short first line followed by a blank line."""
    stripped = len(text) - len(text.lstrip())
    first_end = text.find("\n", stripped)
    if first_end < 0:
        return None
    line = text[stripped:first_end].strip()
    followed_by_blank = text[first_end + 1 :].lstrip(" \t\r").startswith("\n")
    if (
        not line
        or len(line) > _MAX_TITLE_CHARS
        or not followed_by_blank
        or line.endswith((".", ":"))
    ):
        return None
    return line, (stripped, stripped + len(text[stripped:first_end].rstrip()))


def full_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every whole date written with a month name in `text`, with its offset; impossible ones
    (February 30) are skipped.

    >>> full_dates("Seen on 13 September 2023 and on Feb. 30, 2023.")
    [(8, datetime.date(2023, 9, 13))]
    """
    found = []
    for match in _FULL_DATE.finditer(text):
        month = MONTH_NUMBERS[(match["month"] or match["month2"]).lower()]
        day, year = int(match["day"] or match["day2"]), int(match["year"] or match["year2"])
        try:
            found.append((match.start(), dt.date(year, month, day)))
        except ValueError:
            continue
    return found


def year_for_month_day(text: str, month: int, day: int, *, near: int = 0) -> int | None:
    """The year of a yearless (month, day) in `text`: that of a whole date with this month and
    day ("September 13, 2023"), else the year that puts it closest to the whole date written
    nearest to offset `near` (a "Jan 2" dateline near "December 30, 2023" is in 2024).

    >>> year_for_month_day("Kim met Putin on Sept. 12, 2023.", 9, 13)
    2023
    """
    dates = full_dates(text)
    for _, date in dates:
        if (date.month, date.day) == (month, day):
            return date.year
    if not dates:
        return None
    _, anchor = min(dates, key=lambda found: abs(found[0] - near))
    return _closest_year(anchor, month, day)


def _closest_year(anchor: dt.date, month: int, day: int) -> int | None:
    """The year that puts (month, day) closest to `anchor`."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:  # February 29 outside leap years
            continue
    return min(candidates, key=lambda d: abs(d - anchor)).year if candidates else None


def dateline_date(text: str, dateline: Dateline, *, year: int | None = None) -> dt.date | None:
    """The dateline's date. Without a year of its own it takes `year` (the metadata's, when
    that gives only a year), else the year of the closest whole date in the text."""
    if dateline.month is None or dateline.day is None:
        return None
    year = (
        dateline.year
        or year
        or year_for_month_day(text, dateline.month, dateline.day, near=dateline.start)
    )
    if year is None:
        return None
    try:
        return dt.date(year, dateline.month, dateline.day)
    except ValueError:
        return None
