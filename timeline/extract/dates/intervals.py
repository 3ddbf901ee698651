"""A TimeML value -> its precision and the calendar interval [start, end) it denotes.

>>> precision_of("2023-09-13"), precision_of("197"), precision_of("P3M")
('day', 'decade', 'none')
>>> [str(bound) for bound in interval_of("2023-Q3")]
['2023-07-01T00:00:00', '2023-10-01T00:00:00']
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

import numpy as np

from timeline.extract.dates.lexicon import PART_HOURS, SEASON_START_MONTH

__all__ = ["add_months", "days_interval", "interval_of", "precision_of"]


_PRECISION_PATTERNS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"^(?:BC)?[0-9]{4}-[0-9]{2}-[0-9]{2}T"), "time"),
    (re.compile(r"^(?:BC)?[0-9]{4}-[0-9]{2}-[0-9]{2}$"), "day"),
    (re.compile(r"^[0-9]{4}-W[0-9]{1,2}(?:-WE)?$"), "week"),
    (re.compile(r"^(?:BC)?[0-9]{4}-[0-9]{2}$"), "month"),
    (re.compile(r"^[0-9]{4}-(?:SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^[0-9]{4}-Q[1-4]$"), "quarter"),
    (re.compile(r"^[0-9]{4}-H[12]$"), "half"),
    (re.compile(r"^(?:BC)?[0-9]{4}$"), "year"),
    (re.compile(r"^[0-9]{3}$"), "decade"),
    (re.compile(r"^[0-9]{2}$"), "century"),
)


def precision_of(value: str) -> str:
    """The precision of a TimeML value: 2023-09-13 day, 197 decade, P3M none."""
    for pattern, precision in _PRECISION_PATTERNS:
        if pattern.match(value):
            return precision
    return "none"


def _d64(year: int, month: int = 1, day: int = 1, hour: int = 0) -> np.datetime64:
    """numpy seconds for a proleptic Gregorian date; astronomical years, so 1 BC is year 0."""
    sign = "-" if year < 0 else ""
    stamp = np.datetime64(f"{sign}{abs(year):04d}-{month:02d}-{day:02d}", "s")
    return stamp + np.timedelta64(hour, "h")


def days_interval(first: dt.date, end: dt.date) -> tuple[np.datetime64, np.datetime64]:
    """[first, end) as numpy seconds: the days from `first` up to, not including, `end`."""
    return _d64(first.year, first.month, first.day), _d64(end.year, end.month, end.day)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + months
    return total // 12, total % 12 + 1


def interval_of(value: str) -> tuple[np.datetime64 | None, np.datetime64 | None]:
    """The calendar interval a value denotes, end exclusive; (None, None) if it has none."""
    bc = value.startswith("BC")
    body = value[2:] if bc else value
    precision = precision_of(value)
    m = re.match(r"^([0-9]{2,4})", body)
    if precision == "none" or m is None:
        return None, None
    year = int(m[1])
    if bc:
        year = 1 - year
    parts = body.split("-")
    try:
        months = _months_interval(precision, year, parts)
        if months is not None:
            return months
        return _days_interval(value, precision, year, parts)
    except (ValueError, KeyError, IndexError):
        return None, None


def _months_interval(
    precision: str, year: int, parts: list[str]
) -> tuple[np.datetime64, np.datetime64] | None:
    """The interval of a year, decade, century, month, quarter, half or season; else None."""
    if precision == "year":
        return _d64(year), _d64(year + 1)
    if precision == "decade":
        return _d64(year * 10), _d64(year * 10 + 10)
    if precision == "century":
        return _d64(year * 100), _d64(year * 100 + 100)
    if precision == "month":
        month = int(parts[1])
        y2, m2 = add_months(year, month, 1)
        return _d64(year, month), _d64(y2, m2)
    if precision == "quarter":
        q = int(parts[1][1])
        y2, m2 = add_months(year, 3 * q - 2, 3)
        return _d64(year, 3 * q - 2), _d64(y2, m2)
    if precision == "half":
        h = int(parts[1][1])
        y2, m2 = add_months(year, 6 * h - 5, 6)
        return _d64(year, 6 * h - 5), _d64(y2, m2)
    if precision == "season":
        first = SEASON_START_MONTH[parts[1]]
        y2, m2 = add_months(year, first, 3)
        return _d64(year, first), _d64(y2, m2)
    return None


def _days_interval(
    value: str, precision: str, year: int, parts: list[str]
) -> tuple[np.datetime64, np.datetime64]:
    """The interval of a week, a weekend, a day, a part of a day or a clock minute."""
    if precision == "week":
        week = int(parts[1][1:])
        monday = dt.date.fromisocalendar(year, week, 1)
        start = _d64(monday.year, monday.month, monday.day)
        if value.endswith("-WE"):
            return start + np.timedelta64(5, "D"), start + np.timedelta64(7, "D")
        return start, start + np.timedelta64(7, "D")
    day = _d64(year, int(parts[1]), int(parts[2][:2]))
    dt.date(max(year, 1), int(parts[1]), int(parts[2][:2]))  # validates the day
    if precision == "day":
        return day, day + np.timedelta64(1, "D")
    clock = value.split("T", 1)[1]
    if clock in {"MO", "AF", "EV", "NI"}:
        lo, hi = PART_HOURS[clock]
        return day + np.timedelta64(lo, "h"), day + np.timedelta64(hi, "h")
    hh = int(clock[:2])
    mm = int(clock[3:5]) if len(clock) >= 5 else 0
    start = day + np.timedelta64(hh, "h") + np.timedelta64(mm, "m")
    return start, start + np.timedelta64(1, "m")
