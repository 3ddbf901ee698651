"""Values of calendar-named expressions: dates, months, years, decades, centuries, quarters,
seasons and holidays, with a year taken from the publication date when none is written.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from timeline.extract.dates._dateparser import dateparser_date
from timeline.extract.dates.anaphora import Context
from timeline.extract.dates.cues import month_future_cue
from timeline.extract.dates.lexicon import (
    CENTURY_ORDINALS,
    DECADE_WORDS,
    ORDINALS,
    SEASONS,
    SMALL_NUMBERS,
    TENS,
)
from timeline.extract.dates.model import UNRESOLVED, Candidate, Handler, Value
from timeline.extract.dates.reckoning import (
    day_value,
    describe_day,
    holiday_date,
    month_number,
    quarter_of,
    season_start,
    year_for_month,
)

__all__ = ["HANDLERS"]


def _year_from(g: dict[str, str | None], ctx: Context, *keys: str) -> int | None:
    """An explicit year among the groups `keys`; "this/last/next year" against the DCT."""
    for key in keys:
        raw = g.get(key)
        if not raw:
            continue
        low = raw.lower()
        if low[:4].isdigit():
            return int(low[:4])
        if ctx.published is None:
            return None
        offset = {"this": 0, "last": -1, "next": 1}.get(low.split()[0], 0)
        return ctx.published.year + offset
    return None


def _h_month_day(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    month = month_number(g["month"] or "")
    day = int(re.match(r"[0-9]+", g["day"] or "")[0])  # type: ignore[index]
    year = int(g["year"] or 0) if g.get("year") else None
    if year is None:
        if ctx.published is None:
            dt.date(2000, month, day)  # validates the day
            return Value("DATE", f"XXXX-{month:02d}-{day:02d}", UNRESOLVED)
        dt.date(2000, month, day)  # validates the day
        year = year_for_month(month, day, ctx.published, month_future_cue(text, cand.start))
        day_obj = dt.date(year, month, day)
        return Value(
            "DATE",
            day_value(day_obj),
            f"{span} -> {describe_day(day_obj)}: the nearest such day to the publication date",
        )
    day_obj = dt.date(year, month, day)
    return Value("DATE", day_value(day_obj), f"{span} -> {describe_day(day_obj)}: explicit")


def _h_month_year(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    month = month_number(g["month"] or "")
    value = f"{int(g['year'] or 0):04d}-{month:02d}"
    return Value("DATE", value, f"{span} -> {value}: explicit month and year")


def _h_month(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    month = month_number(g["month"] or "")
    dct = ctx.published
    if dct is None:
        return Value("DATE", f"XXXX-{month:02d}", UNRESOLVED)
    rel = (g.get("rel") or "").lower()
    yrel = (g.get("yrel") or "").lower()
    if yrel:
        year = dct.year + {"last": -1, "this": 0, "next": 1}[yrel]
        why = f"{yrel} year from the publication date"
    elif rel in {"last", "past", "previous"}:
        year = dct.year if month < dct.month else dct.year - 1
        why = "the most recent such month before publication"
    elif rel in {"next", "coming"}:
        year = dct.year if month > dct.month else dct.year + 1
        why = "the next such month after publication"
    elif rel == "this":
        year, why = dct.year, "the publication year"
    else:
        year = year_for_month(month, None, dct, month_future_cue(text, cand.start))
        why = "the most likely such month around publication"
    value = f"{year:04d}-{month:02d}"
    return Value("DATE", value, f"{span} -> {value}: {why}")


def _h_iso(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    day = dt.date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
    return Value("DATE", day.isoformat(), f"{span} -> {describe_day(day)}: ISO date")


def _h_numeric(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    base = ctx.published or dt.date(2000, 1, 1)
    got = dateparser_date(span, base)
    if got is None:
        return None
    day = got[0].date()
    return Value("DATE", day.isoformat(), f"{span} -> {describe_day(day)}: numeric date")


def _h_year(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    year = int(cand.groups["year"] or 0)
    return Value("DATE", f"{year:04d}", f"{span} -> the year {year}")


def _h_bc_year(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    year = int(g.get("year") or g.get("year2") or 0)
    era = (g.get("era") or g.get("era2") or "").upper().replace(".", "")
    if year <= 0:
        return None
    if era.startswith("B"):
        return Value("DATE", f"BC{year:04d}", f"{span} -> the year {year} BC")
    return Value("DATE", f"{year:04d}", f"{span} -> the year {year} AD")


def _h_year_words(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    if g.get("tens"):
        year = (
            1900
            + TENS[(g["tens"] or "").lower()]
            + SMALL_NUMBERS.get((g.get("ones") or "").lower(), 0)
        )
    else:
        year = 2000 + SMALL_NUMBERS.get((g.get("ones2") or "").lower(), 0)
    return Value("DATE", str(year), f"{span} -> the year {year}, written in words")


def _h_decade(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    if g.get("d4"):
        value = (g["d4"] or "")[:3]
    elif g.get("d2"):
        value = "19" + (g["d2"] or "")[0]
    else:
        value = "19" + str(DECADE_WORDS[(g["dw"] or "").lower()])
        if not span.lower().startswith("the"):
            return None  # "in his fifties" is an age
    return Value("DATE", value, f"{span} -> the decade {value}0s")


def _h_century(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    raw = (cand.groups["n"] or "").lower()
    n = int(re.match(r"[0-9]+", raw)[0]) if raw[0].isdigit() else CENTURY_ORDINALS[raw]  # type: ignore[index]
    if n < 1 or n > 99:
        return None
    value = f"{n - 1:02d}"
    return Value("DATE", value, f"{span} -> the {value}00s (century {n})")


def _h_quarter(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    n = ORDINALS[(g["ord"] or "").lower()]
    unit = (g["unit"] or "").lower()
    if unit == "half" and n > 2:
        return None
    letter = "Q" if unit == "quarter" else "H"
    year = _year_from(g, ctx, "year", "year2", "year0")
    owner = (g.get("owner") or "").lower()
    why = "explicit year"
    if year is None and owner:
        year = int(owner[:4]) if owner[:4].isdigit() else _year_from({"o": owner}, ctx, "o")
    if year is None:
        if ctx.published is None:
            return Value("DATE", f"XXXX-{letter}{n}", UNRESOLVED)
        dct = ctx.published
        current = quarter_of(dct) if letter == "Q" else (dct.month - 1) // 6 + 1
        rel = (g.get("rel") or "").lower()
        year, why = dct.year, "the publication year"
        # "the fourth quarter" in January is last year's: a quarter still to come is not news.
        if rel in {"last", "previous", "past"} or (rel == "" and n > current):
            year, why = dct.year - 1, "the last such period before publication"
        elif rel == "next" and n <= current:
            year, why = dct.year + 1, "the next such period"
    value = f"{year:04d}-{letter}{n}"
    return Value("DATE", value, f"{span} -> {value}: {why}")


def _season_value(season: str, year: int) -> str:
    return f"{year:04d}-{season}"


def _h_season(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    season = SEASONS[(g["season"] or "").lower()]
    year = _year_from(g, ctx, "year", "year2")
    if year is not None:
        return Value("DATE", _season_value(season, year), f"{span} -> {season} {year}: explicit")
    dct = ctx.published
    if dct is None:
        return Value("DATE", f"XXXX-{season}", UNRESOLVED)
    rel = (g.get("rel") or "").lower()
    # A season of year Y starts on the 1st of its first month; winter Y runs December to February.
    started = max(y for y in (dct.year - 1, dct.year) if season_start(season, y) <= dct)
    current = dct < season_start(season, started, months_later=3)
    if rel in {"last", "past"}:
        year, why = (started - 1 if current else started), "the most recent such season"
    elif rel in {"next", "coming"}:
        year, why = started + 1, "the next such season"
    else:
        year, why = (started if current else dct.year), "the season of the publication year"
    value = _season_value(season, year)
    return Value("DATE", value, f"{span} -> {value}: {why}")


def _h_holiday(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    name = g["name"] or ""
    dct = ctx.published
    if dct is None:
        return Value("DATE", "XXXX-XX-XX", UNRESOLVED)
    rel = (g.get("rel") or "").lower()
    options = [holiday_date(name, y) for y in (dct.year - 1, dct.year, dct.year + 1)]
    if rel == "last":
        day = max(d for d in options if d < dct)
    elif rel == "next":
        day = min(d for d in options if d > dct)
    elif rel == "this":
        day = options[1]
    else:
        day = min(options, key=lambda d: abs((d - dct).days))
    return Value("DATE", day.isoformat(), f"{span} -> {describe_day(day)}: the nearest {name}")


HANDLERS: Final[dict[str, Handler]] = {
    "month_day": _h_month_day,
    "day_month": _h_month_day,
    "month_year": _h_month_year,
    "month": _h_month,
    "iso": _h_iso,
    "numeric": _h_numeric,
    "year": _h_year,
    "bc_year": _h_bc_year,
    "year_words": _h_year_words,
    "decade": _h_decade,
    "century": _h_century,
    "quarter": _h_quarter,
    "season": _h_season,
    "holiday": _h_holiday,
}
