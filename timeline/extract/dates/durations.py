"""Values of durations and sets: "two years", "decades-long", "recent years", "every Thursday",
"daily"; and "three days later" cut back to the duration "three days".
"""

from __future__ import annotations

import re
from typing import Final

from timeline.extract.calendar_words import WEEKDAY_NUMBERS
from timeline.extract.dates.anaphora import Context
from timeline.extract.dates.lexicon import FREQUENCY, PARTS_OF_DAY
from timeline.extract.dates.model import Candidate, Handler, Value
from timeline.extract.dates.quantities import duration_value, to_number
from timeline.extract.dates.reckoning import month_number

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
    return Value("DURATION", value, f"{span}: a duration ({value})")


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
