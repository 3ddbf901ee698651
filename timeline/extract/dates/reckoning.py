"""Calendar arithmetic around the publication date: weeks, quarters, the year of a month
written without one, weekdays, seasons and holidays.

>>> import datetime as dt
>>> iso_week(dt.date(2023, 9, 13)), holiday_date("Easter", 2024), holiday_date("Good Friday", 2013)
('2023-W37', datetime.date(2024, 3, 31), datetime.date(2013, 3, 29))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Final

from timeline.extract.calendar_words import MONTH_NUMBERS
from timeline.extract.dates.intervals import add_months
from timeline.extract.dates.lexicon import SEASON_START_MONTH

__all__ = [
    "day_value",
    "describe_day",
    "holiday_date",
    "iso_week",
    "month_number",
    "nearest_day_year",
    "quarter_of",
    "season_start",
    "shift_date",
    "shift_year",
    "weekday_date",
    "year_for_month",
]


def iso_week(day: dt.date) -> str:
    """The ISO week of a day, "2023-W37"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def year_for_month(month: int, day: int | None, dct: dt.date, future: bool) -> int:
    """The year of a month (and day) written without one.

    News mostly looks back: take the latest occurrence up to the publication date, unless the
    next one is much closer (a third of the distance) or the sentence looks ahead (will, by,
    payable, effective...) and the next one is within ten months.
    """
    if day is None and month == dct.month:
        return dct.year
    probe_day = day if day is not None else 15
    past = dct.year if (month, probe_day) <= (dct.month, dct.day) else dct.year - 1
    try:
        gap_past = (dct - dt.date(past, month, probe_day)).days
        gap_next = (dt.date(past + 1, month, probe_day) - dct).days
    except ValueError:  # 29 February in a common year: the latest leap year up to then
        return next(year for year in range(past, past - 8, -1) if calendar.isleap(year))
    if future and gap_next <= 300:
        return past + 1
    return past + 1 if gap_next * 3 < gap_past else past


def nearest_day_year(month: int, day: int, dct: dt.date) -> int:
    """The year putting month/day nearest to the DCT."""
    best, best_gap = dct.year, None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            gap = abs((dt.date(year, month, day) - dct).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def shift_year(value: str, years: int) -> str | None:
    """`value` moved by whole years at its own granularity: 1989-Q3 -> 1988-Q3. A 29
    February stays one in a leap year and becomes the 28th in another.

    >>> shift_year("1989-Q3", -1), shift_year("2020-02-29", -20), shift_year("2020-02-29", 1)
    ('1988-Q3', '2000-02-29', '2021-02-28')
    """
    match = re.match(r"^([0-9]{4})(.*)$", value)
    if not match:
        return None
    year, rest = int(match[1]) + years, match[2]
    if rest.startswith("-02-29") and not calendar.isleap(year):
        rest = "-02-28" + rest[6:]
    return f"{year:04d}{rest}"


# Calendar units -> (months, days) per unit, for moving a date by whole units.
_UNIT_STEPS: Final[dict[str, tuple[int, int]]] = {
    "day": (0, 1), "night": (0, 1), "week": (0, 7), "fortnight": (0, 14), "month": (1, 0),
    "quarter": (3, 0), "year": (12, 0), "decade": (120, 0), "century": (1200, 0),
}  # fmt: skip


def shift_date(day: dt.date, count: float, unit: str) -> dt.date | None:
    """`day` moved by `count` calendar units (signed); the day of the month is clamped
    (January 31 + one month is February 28). None if `count` units is not a whole number of
    months or days, or the unit is not a calendar unit.

    >>> shift_date(dt.date(2024, 1, 31), 1, "month"), shift_date(dt.date(2023, 9, 15), -2, "year")
    (datetime.date(2024, 2, 29), datetime.date(2021, 9, 15))
    """
    months, days = _UNIT_STEPS.get(unit, (0, 0))
    total_months, total_days = count * months, count * days
    if not (months or days) or total_months != int(total_months) or total_days != int(total_days):
        return None
    year, month = add_months(day.year, day.month, int(total_months))
    if not 1 <= year <= 9999:
        return None
    last = calendar.monthrange(year, month)[1]
    moved = dt.date(year, month, min(day.day, last))
    try:
        return moved + dt.timedelta(days=int(total_days))
    except OverflowError:
        return None


def day_value(day: dt.date) -> str:
    return day.isoformat()


def weekday_date(
    weekday: int, dct: dt.date, rel: str | None, future: bool, text: str
) -> tuple[dt.date, str]:
    """The day a weekday name refers to, with the reason.

    Plain arithmetic, not dateparser: the rule is dateparser's default (the publication day if
    the weekday matches, else the most recent one: 90.6% on the dev set), plus "next"/"last"
    and a future cue; a parser call per weekday would cost more than the whole grammar.
    """
    rel = (rel or "").lower()
    if rel in {"next", "coming"}:
        ahead = (weekday - dct.weekday()) % 7 or 7
        return dct + dt.timedelta(days=ahead), "the next such day after publication"
    if rel in {"last", "past"}:
        back = (dct.weekday() - weekday) % 7 or 7
        return dct - dt.timedelta(days=back), "the most recent such day before publication"
    if future:
        ahead = (weekday - dct.weekday()) % 7
        return dct + dt.timedelta(days=ahead), "the next such day (future cue)"
    day = dct - dt.timedelta(days=(dct.weekday() - weekday) % 7)
    if day == dct:
        return day, "the publication day"
    return day, "the most recent such day up to publication"


def describe_day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def month_number(word: str) -> int:
    return MONTH_NUMBERS[word.lower().rstrip(".")]


def season_start(season: str, year: int, months_later: int = 0) -> dt.date:
    """The first day of `season` in `year`, or `months_later` months after it."""
    y, m = add_months(year, SEASON_START_MONTH[season], months_later)
    return dt.date(y, m, 1)


def holiday_date(name: str, year: int) -> dt.date:
    """The date of a (US-centric) holiday in `year`."""
    key = re.sub(r"\s+", " ", name.lower().replace("’", "'"))
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
             "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14)}  # fmt: skip
    if key in fixed:
        return dt.date(year, *fixed[key])
    if key.startswith("thanksgiving"):
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if key == "memorial day":
        last = dt.date(year, 5, 31)
        return last - dt.timedelta(days=last.weekday())
    if key == "labor day":
        first = dt.date(year, 9, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7)
    if key == "election day":
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    # Easter (anonymous Gregorian computus).
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month = (h + m - 7 * n + 114) // 31
    day = (h + m - 7 * n + 114) % 31 + 1
    easter = dt.date(year, month, day)
    return easter + dt.timedelta(days={"good friday": -2, "easter monday": 1}.get(key, 0))
