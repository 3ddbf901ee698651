"""Everything that touches dateparser, the only such module in timeline: numeric dates through
``DateDataParser`` and the plain ``search_dates`` baseline used by the TempEval evaluation.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

__all__ = ["baseline_search", "dateparser_date"]


@functools.lru_cache(maxsize=64)
def _parser(base: dt.datetime, prefer: str) -> Any:
    """One DateDataParser per publication date and preference (~0.3 ms per call after)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": prefer,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )


@functools.lru_cache(maxsize=4096)
def dateparser_date(
    span: str, base: dt.date, prefer: str = "current_period"
) -> tuple[dt.datetime, str] | None:
    """dateparser's reading of one span: (date, period) or None."""
    try:
        data = _parser(dt.datetime(base.year, base.month, base.day), prefer).get_date_data(span)
    except Exception:  # dateparser raises assorted errors on odd input; a span is just skipped
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.replace(tzinfo=None), str(data.period or "day")


def baseline_search(text: str, dct: dt.date) -> list[tuple[int, int, str, str]]:
    """Plain ``search_dates`` over `text`, for comparison: (start, end, text, YYYY-MM-DD).

    Offsets come from locating each returned substring in order in the text.
    """
    from dateparser.search import search_dates

    base = dt.datetime(dct.year, dct.month, dct.day)
    try:
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})
    except Exception:  # the baseline is measured as is; a crash means it found nothing
        found = None
    results: list[tuple[int, int, str, str]] = []
    cursor = 0
    for substring, date in found or []:
        at = text.find(substring, cursor)
        if at < 0:
            at = text.find(substring)
            if at < 0:
                continue
        else:
            cursor = at + len(substring)
        results.append((at, at + len(substring), substring, date.date().isoformat()))
    return results
