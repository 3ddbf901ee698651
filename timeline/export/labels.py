"""What an exported event says, as HTML: its dates at their precision, its sentence with the date
marked, and its source. Shared by the TimelineJS export and the report; every value is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import Any, Final, TypeAlias

import numpy as np
import pandas as pd

from timeline.export.safety import html_text, is_web_link, source_link
from timeline.export.tables import iso_datetime
from timeline.schema import Col

__all__ = [
    "DATE_PARTS",
    "Row",
    "credit",
    "date_fields",
    "date_parts",
    "is_missing",
    "marked_sentence",
    "sources_html",
    "text_of",
]

Row: TypeAlias = Mapping[
    Hashable, Any
]  # one event, as DataFrame.to_dict(orient="records") gives it

_DAY: Final = ("year", "month", "day")
# precision -> the calendar fields that are known; a missing precision is treated as a day
DATE_PARTS: Final[dict[str, tuple[str, ...]]] = {
    "time": (*_DAY, "hour", "minute", "second"),
    "day": _DAY,
    "week": _DAY,
    "month": ("year", "month"),
    "season": ("year", "month"),
    "quarter": ("year", "month"),
    "half": ("year", "month"),
    "year": ("year",),
    "decade": ("year",),
    "century": ("year",),
    "none": _DAY,
}


def is_missing(value: object) -> bool:
    """Whether a cell is empty: None, NA, NaT or NaN."""
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and math.isnan(value))
    )


def text_of(value: object) -> str:
    """A cell as text; empty for a missing value."""
    return "" if is_missing(value) else str(value)


def date_fields(precision: object, seconds: int) -> tuple[str, ...]:
    """The fields to show for a precision (a time without seconds drops them)."""
    fields = DATE_PARTS.get(str(precision), _DAY)
    return fields[:-1] if fields[-1] == "second" and seconds == 0 else fields


def date_parts(dates: pd.Series) -> dict[str, np.ndarray]:
    """Calendar fields of datetime64[s] values, any year numpy holds (year 0 is 1 BC)."""
    values = dates.to_numpy(dtype="datetime64[s]")
    months = values.astype("datetime64[M]")
    days = values.astype("datetime64[D]")
    seconds = (values - days).astype("int64")
    return {
        "year": values.astype("datetime64[Y]").astype("int64") + 1970,
        "month": months.astype("int64") % 12 + 1,
        "day": (days - months.astype("datetime64[D]")).astype("int64") + 1,
        "hour": seconds // 3600,
        "minute": seconds // 60 % 60,
        "second": seconds % 60,
    }


def marked_sentence(row: Row) -> str:
    """The event's sentence as HTML, its date expression in <mark> when it is there."""
    sentence, date_text = text_of(row[Col.SENTENCE]), text_of(row[Col.DATE_TEXT])
    at = _date_offset(row, sentence, date_text)
    if at is None:
        return html_text(sentence)
    end = at + len(date_text)
    return (
        f"{html_text(sentence[:at])}<mark>{html_text(date_text)}</mark>{html_text(sentence[end:])}"
    )


def _date_offset(row: Row, sentence: str, date_text: str) -> int | None:
    """Where the date expression starts in the sentence, if it is there."""
    if not date_text:
        return None
    start, sentence_start = row[Col.DATE_CHAR_START], row[Col.CHAR_START]
    if not is_missing(start) and not is_missing(sentence_start):
        at = int(start) - int(sentence_start)
        if at >= 0 and sentence[at : at + len(date_text)] == date_text:
            return at
    found = sentence.find(date_text)
    return found if found >= 0 else None


def credit(row: Row) -> str:
    """The event's source as HTML: 'title (publisher or file), published 2023-09-13', the title
    linked when the source is an http(s) URL."""
    title, source = text_of(row[Col.TITLE]), text_of(row[Col.SOURCE])
    parts = [source_link(title or source, source)] if title or source else []
    if title and source and not is_web_link(source):
        parts.append(f"({html_text(source)})")
    if not is_missing(row[Col.PUBLISHED]):
        parts.append(f"published {iso_datetime(row[Col.PUBLISHED].to_datetime64())}")
    return " ".join(parts)


def sources_html(row: Row) -> str | None:
    """A merged event's sources as HTML, "3 sources: title, title, title", each title linked
    when its URL is an http(s) one; None for an event that is not merged (no source lists).

    >>> sources_html({"n_sources": 2, "source_titles": ["A <b>", "B"],
    ...               "source_urls": ["https://a.example/1", "b.txt"]})
    '2 sources: <a href="https://a.example/1">A &lt;b&gt;</a>, B'
    """
    titles, urls = row.get("source_titles"), row.get("source_urls")
    if not isinstance(titles, list | tuple | np.ndarray) or not isinstance(
        urls, list | tuple | np.ndarray
    ):
        return None
    links = [
        source_link(text_of(title) or text_of(url) or "?", text_of(url))
        for title, url in zip(titles, urls, strict=True)
    ]
    count = int(row.get(Col.N_SOURCES, len(links)))
    return f"{count} source{'s' if count != 1 else ''}: " + ", ".join(links)
