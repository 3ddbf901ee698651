"""Values of durations and sets: "two years", "decades-long", "recent years", "every Thursday",
"daily"; and "three days later" cut back to the duration "three days". A duration counted from
the publication date ("the past two years", "the next three days", "will ... in two weeks")
keeps its TimeML value (P2Y) and also gets the interval it denotes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

import numpy as np

from timeline.extract.calendar_words import WEEKDAY_NUMBERS
from timeline.extract.dates.anaphora import Context
from timeline.extract.dates.cues import future_cue, past_tense, word_before
from timeline.extract.dates.intervals import days_interval, interval_of, precision_of
from timeline.extract.dates.lexicon import FREQUENCY, PARTS_OF_DAY
from timeline.extract.dates.model import Candidate, Handler, Value
from timeline.extract.dates.quantities import duration_value, to_number, unit_base
from timeline.extract.dates.reckoning import month_number, shift_date

__all__ = ["HANDLERS", "later_duration"]


def _h_duration(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    n = to_number(g["num"])
    unit = g["unit"] or ""
    rel = (g.get("rel") or "").lower()
    if n is None:
        return None
    if unit.lower().startswith("quarter") and rel in {"next", "coming", "past", "last"}:
        value = f"P{int(n * 3)}M"
    else:
        value = duration_value(n, unit)
    anchored = _anchored(cand, text, ctx, n)
    if anchored is None:
        return Value("DURATION", value, f"{span}: a duration ({value})")
    interval, precision, why = anchored
    return Value("DURATION", value, f"{span}: a duration ({value}), {why}", interval, precision)


# The precision of a period counted in whole calendar units. Clock units (hours, minutes) are
# left unanchored: the publication time of day is unknown.
_UNIT_PRECISION: Final = {
    "day": "day", "night": "day", "week": "week", "fortnight": "week", "month": "month",
    "quarter": "quarter", "year": "year", "decade": "decade", "century": "century",
}  # fmt: skip


def _anchored(
    cand: Candidate, text: str, ctx: Context, n: float
) -> tuple[tuple[np.datetime64, np.datetime64], str, str] | None:
    """The interval a duration denotes around the publication date, where TimeML gives it one:
    "the past two years" [dct-2y, dct), "the next three days" [dct+1d, dct+4d) (not in a
    past-tense narrative: "he spent the next two years in jail"), "(will ...) in two weeks"
    the day two weeks later. None for a bare duration ("it took 75 years")."""
    g = cand.groups
    dct = ctx.published
    unit = unit_base(g.get("unit") or "")
    rel = (g.get("rel") or "").lower()
    if dct is None or unit not in _UNIT_PRECISION or "-" in (g.get("hy") or ""):
        return None
    if _OF_AFTER.match(text, cand.end):
        return None  # "the last two years of his term" is not counted from the publication
    precision = _UNIT_PRECISION[unit]
    if rel in {"past", "last"}:
        first = shift_date(dct, -n, unit)
        if first is None:
            return None
        return days_interval(first, dct), precision, "the period up to the publication date"
    if rel in {"next", "coming"} and not past_tense(text, cand.start, cand.end):
        first = dct + dt.timedelta(days=1)
        end = shift_date(first, n, unit)
        if end is None:
            return None
        return days_interval(first, end), precision, "the period after the publication date"
    if rel or g.get("the") or word_before(text, cand.start) != "in":
        return None
    if not future_cue(text, cand.start):
        return None  # "sales doubled in two years": a length of time, not a point
    day = shift_date(dct, n, unit)
    if day is None:
        return None
    value = _point_value(day, precision)
    lo, hi = interval_of(value)
    if lo is None or hi is None:
        return None
    return (lo, hi), precision_of(value), f"{value}, that long after the publication date"


_OF_AFTER: Final = re.compile(r"\s+of\b", re.I)


def _point_value(day: dt.date, precision: str) -> str:
    """The TimeML value of `day` at a unit's precision: days and weeks give the day itself."""
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if precision in {"year", "decade", "century"}:
        return f"{day.year:04d}"
    return day.isoformat()


def _h_vague_duration(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    unit = cand.groups["unit"] or ""
    return Value("DURATION", duration_value(None, unit), f"{span}: an unspecified duration")


def _h_long_adj(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    """ "day-long" P1D, "two-week-long" P2W, "decades-long" PXE."""
    g = cand.groups
    unit = g["unit"] or ""
    n = to_number(g["num"]) if g.get("num") else (None if unit.lower().endswith("s") else 1)
    value = duration_value(n, unit)
    return Value("DURATION", value, f"{span}: a duration ({value})")


def _h_bare_units(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    unit = cand.groups["unit"] or ""
    return Value("DURATION", duration_value(None, unit), f"{span}: an unspecified duration")


def _h_frequency(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    value = FREQUENCY[(cand.groups["word"] or "").lower()]
    return Value("SET", value, f"{span}: repeats every {value}")


def _h_every(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    n = 2 if g.get("other") else 1
    if g.get("wd"):
        value = f"XXXX-WXX-{WEEKDAY_NUMBERS[(g['wd'] or '').lower()] + 1}"
    elif g.get("month"):
        value = f"XXXX-{month_number(g['month'] or ''):02d}"
    elif g.get("part"):
        value = "TXX" + PARTS_OF_DAY[(g["part"] or "").lower()]
    else:
        value = duration_value(n, g["unit"] or "")
        if (g["unit"] or "").lower() == "quarter":
            value = f"P{n}Q"
    return Value("SET", value, f"{span}: repeats ({value})")


def later_duration(cand: Candidate, text: str) -> tuple[Candidate, Value] | None:
    """ "three days later" -> the DURATION "three days" (gold leaves later/after outside)."""
    if cand.rule != "ago":
        return None
    g = cand.groups
    n = to_number(g.get("num"))
    unit = g.get("unit") or ""
    span = text[cand.start : cand.end]
    cut = re.search(r"(?:\s+or\s+so)?\s+(?:ago|earlier|before|later|hence|from\s+now)$", span, re.I)
    if cut is None:
        return None
    new = Candidate(cand.start, cand.start + cut.start(), "duration", g)
    value = duration_value(n, unit)
    return new, Value("DURATION", value, f"{text[new.start : new.end]}: a duration ({value})")


HANDLERS: Final[dict[str, Handler]] = {
    "duration": _h_duration,
    "vague_duration": _h_vague_duration,
    "long_adj": _h_long_adj,
    "bare_units": _h_bare_units,
    "frequency": _h_frequency,
    "every": _h_every,
}
