"""Values of expressions relative to the publication date or to the last mentioned date:
"last year", "the weekend", "two years ago", "a year earlier", "the quarter", "now".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from timeline.extract.dates.anaphora import Context
from timeline.extract.dates.cues import future_cue, past_tense_near, word_before
from timeline.extract.dates.intervals import add_months, precision_of
from timeline.extract.dates.model import UNRESOLVED, Candidate, Handler, Value
from timeline.extract.dates.quantities import duration_value, to_number, unit_base
from timeline.extract.dates.reckoning import day_value, iso_week, quarter_of, shift_year

__all__ = ["HANDLERS"]


def _h_ref_quarter(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    rel = (g.get("rel") or g.get("rel2") or "").lower()
    unit = (g.get("unit") or "quarter").lower()
    if not rel and unit == "quarter" and (g.get("det") or "").lower() == "this":
        rel = "this"  # "this quarter" is the publication quarter (TimeML), not the last one
    dct = ctx.published
    if unit == "period" and rel not in {"latest", "year-earlier", "year-ago", "same", "current"}:
        return None
    if dct is None:
        return Value("DATE", "XXXX-QX", UNRESOLVED)
    previous_q = (
        dct.year if quarter_of(dct) > 1 else dct.year - 1,
        (quarter_of(dct) - 2) % 4 + 1,
    )
    if rel in {"year-earlier", "year-ago"}:
        base = ctx.last.get("quarter") or f"{previous_q[0]}-Q{previous_q[1]}"
        value = shift_year(base, -1) or base
        return Value("DATE", value, f"{span} -> {value}: a year before {base}")
    if rel in {"current", "this"} and not span.lower().startswith("that"):
        value = f"{dct.year}-Q{quarter_of(dct)}"
        return Value("DATE", value, f"{span} -> {value}: the publication quarter")
    if rel == "next":
        q = quarter_of(dct) % 4 + 1
        value = f"{dct.year + (1 if q == 1 else 0)}-Q{q}"
        return Value("DATE", value, f"{span} -> {value}: the quarter after publication")
    if rel in {"latest", "most recent", "recent", "just-ended", "past", "previous"}:
        value = f"{previous_q[0]}-Q{previous_q[1]}"
        return Value("DATE", value, f"{span} -> {value}: the last full quarter before publication")
    if "quarter" in ctx.last and rel != "last":
        value = ctx.last["quarter"]
        return Value("DATE", value, f"{span} -> {value}: the quarter last mentioned")
    value = f"{previous_q[0]}-Q{previous_q[1]}"
    return Value("DATE", value, f"{span} -> {value}: the quarter before publication")


def _h_rel_unit(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    rel = (g["rel"] or "").lower()
    unit = (g["unit"] or "").lower()
    dct = ctx.published
    if rel == "past" or (rel == "same" and unit != "week"):
        if unit == "weekend":
            return None
        letter = {"year": "Y", "month": "M", "week": "W", "decade": "E", "century": "C"}[unit]
        return (
            Value("DURATION", duration_value(1, unit), f"{span}: a duration of one {unit}")
            if letter
            else None
        )
    if dct is None:
        return Value("DATE", "XXXX", UNRESOLVED)
    offset = {
        "last": -1,
        "previous": -1,
        "this": 0,
        "current": 0,
        "same": 0,
        "next": 1,
        "coming": 1,
        "following": 1,
    }[rel]
    last = ctx.last.get("any", "")
    if rel in {"following", "previous"} and unit in {"year", "month"} and last[:4].isdigit():
        # Narrative anaphora: "the following year" is the year after the one last mentioned.
        value = _after_last(last, unit, offset)
        if value:
            return Value(
                "DATE",
                value,
                f"{span} -> {value}: {rel} {unit} after {last}, the date last mentioned",
            )
    if (
        unit == "weekend"
        and rel == "this"
        and dct.weekday() < 4
        and not future_cue(text, cand.start)
    ):
        offset = -1 if past_tense_near(text, cand.end) else 0
    value = _unit_from(dct, unit, offset)
    return Value("DATE", value, f"{span} -> {value}: {rel} {unit} from the publication date")


def _after_last(last: str, unit: str, offset: int) -> str:
    """The year or month `offset` units from `last`, the value last mentioned ("" if none)."""
    if unit == "year":
        return f"{int(last[:4]) + offset:04d}"
    if re.match(r"^[0-9]{4}-[0-9]{2}(?:-|$)", last):
        y, m = add_months(int(last[:4]), int(last[5:7]), offset)
        return f"{y:04d}-{m:02d}"
    return ""


def _unit_from(dct: dt.date, unit: str, offset: int) -> str:
    """The calendar `unit` (year, month, week, weekend, decade, century) `offset` units from the
    publication date's."""
    if unit == "year":
        return f"{dct.year + offset:04d}"
    if unit == "month":
        m = dct.month - 1 + offset
        return f"{dct.year + m // 12:04d}-{m % 12 + 1:02d}"
    if unit == "week":
        return iso_week(dct + dt.timedelta(weeks=offset))
    if unit == "weekend":
        return iso_week(dct + dt.timedelta(weeks=offset)) + "-WE"
    if unit == "decade":
        return f"{dct.year // 10 + offset:03d}"
    return f"{dct.year // 100 + offset:02d}"


def _h_weekend(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    dct = ctx.published
    if dct is None:
        return Value("DATE", "XXXX-WXX-WE", UNRESOLVED)
    # An ISO week ends with its weekend: from Friday on, or with a future cue, "the weekend" is
    # this week's; earlier in the week it is the one just past.
    past = dct.weekday() < 4 and not future_cue(text, cand.start)
    value = iso_week(dct - dt.timedelta(days=7 if past else 0)) + "-WE"
    return Value("DATE", value, f"{span} -> {value}: the weekend nearest the publication date")


def _h_ago(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    raw_num = (g["num"] or "").lower()
    n = to_number(raw_num)
    unit = unit_base(g["unit"] or "")
    direction = (g["dir"] or "").lower()
    if direction in {"later", "before", "hence"} or (
        direction == "earlier" and n is not None and n != 1
    ):
        # "three days later" is a DURATION span without "later": re-emit it below.
        return None
    dct = ctx.published
    if n is None:
        if dct is None:
            return Value("DATE", "PAST_REF", UNRESOLVED)
        decade = f"{dct.year // 10}X" if unit in {"year", "decade"} else "PAST_REF"
        return Value("DATE", decade, f"{span}: some {unit}s before publication")
    sign = 1 if direction in {"from now"} else -1
    anaphoric = direction == "earlier" or (
        n == 1 and unit in {"year", "quarter"} and raw_num in {"a", "one"}
    )
    if anaphoric and unit == "year" and ctx.last.get("any"):
        # "a year ago" after a quarter is that quarter a year back (earnings reports); after a
        # day or month, "a year earlier" is that date a year back; otherwise the DCT's year - 1.
        last = ctx.last.get("quarter") or ctx.last.get("half") or ctx.last["any"]
        if precision_of(last) in {"quarter", "half"} or direction == "earlier":
            shifted = shift_year(last, -1)
            if shifted:
                return Value(
                    "DATE",
                    shifted,
                    f"{span} -> {shifted}: a year before {last}, the date last mentioned",
                )
    if dct is None:
        return Value("DATE", "XXXX", UNRESOLVED)
    value = _counted(dct, unit, sign * int(n))
    return Value("DATE", value, f"{span} -> {value}: counted from the publication date")


def _counted(dct: dt.date, unit: str, count: int) -> str:
    """The value `count` units (signed, whole) from the publication date, at the unit's
    granularity: years, months, quarters, ISO weeks, days."""
    if unit == "year":
        return f"{dct.year + count:04d}"
    if unit == "decade":
        return f"{dct.year + 10 * count:04d}"
    if unit == "century":
        return f"{(dct.year + 100 * count) // 100:02d}"
    if unit == "month":
        m = dct.month - 1 + count
        return f"{dct.year + m // 12:04d}-{m % 12 + 1:02d}"
    if unit == "quarter":
        q = dct.year * 4 + quarter_of(dct) - 1 + count
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if unit in {"week", "fortnight"}:
        return iso_week(dct + dt.timedelta(weeks=count * (2 if unit == "fortnight" else 1)))
    if unit in {"day", "night"}:
        return (dct + dt.timedelta(days=count)).isoformat()
    return day_value(dct)


def _h_year_ago_adj(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    unit = (cand.groups["unit"] or "").lower()
    dct = ctx.published
    last = ctx.last.get("quarter") if unit != "month" else ctx.last.get("month")
    if last is None:
        last = ctx.last.get("any")
    if last and unit == "year":
        shifted = shift_year(last, -1)
        if shifted:
            return Value("DATE", shifted, f"{span} -> {shifted}: a year before {last}")
    if dct is None:
        return Value("DATE", "XXXX", UNRESOLVED)
    value = f"{dct.year - 1:04d}"
    return Value("DATE", value, f"{span} -> {value}: a year before publication")


def _h_unit_alone(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    g = cand.groups
    unit = (g["unit"] or "").lower()
    rel = (g["rel"] or "").lower()
    if g.get("det") or rel == "past":
        return Value("DURATION", duration_value(1, unit), f"{span}: a duration of one {unit}")
    if unit in {"day", "hour"}:
        return None
    if unit == "quarter":
        return _h_ref_quarter(
            Candidate(cand.start, cand.end, "ref_quarter", {"rel2": rel, "unit": "quarter"}),
            span,
            text,
            ctx,
        )
    return None


def _h_fiscal_year(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    rel = (cand.groups.get("rel") or "").lower()
    dct = ctx.published
    if dct is None:
        return Value("DATE", "XXXX", UNRESOLVED)
    offset = {"latest": -1, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(
        rel, 0
    )
    if rel == "past" or _PERIOD_ENDING.match(text, cand.end):
        return Value("DURATION", "P1Y", f"{span}: a duration of one year")
    value = f"{dct.year + offset:04d}"
    return Value("DATE", value, f"{span} -> {value}: relative to the publication year")


# "the year ended March 31" is a twelve-month period, not a calendar year.
_PERIOD_ENDING: Final = re.compile(r"\s+(?:ended|ending|that\s+ended|to|through)\b", re.I)


def _h_year_end(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    dct = ctx.published
    if dct is None:
        return Value("DATE", "XXXX", UNRESOLVED)
    if cand.rule == "the_year" and _PERIOD_ENDING.match(text, cand.end):
        return Value("DURATION", "P1Y", f"{span}: a duration of one year")
    if re.fullmatch(r"year[-\s]end", span, re.I):
        # "year-end" is the last day of the year: the coming one, or the last one after "since".
        year = dct.year - 1 if word_before(text, cand.start) == "since" else dct.year
        value = f"{year:04d}-12-31"
        return Value("DATE", value, f"{span} -> {value}: the end of the year")
    value = f"{dct.year:04d}"
    return Value("DATE", value, f"{span} -> {value}: the publication year")


def _h_unit_part(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    """ "the end of the month", "the start of this week": the publication's month or week (the
    part goes to TimeML's `mod`, which the value ignores)."""
    unit = (cand.groups["unit"] or "").lower()
    if ctx.published is None:
        return Value("DATE", "XXXX-XX" if unit == "month" else "XXXX-WXX", UNRESOLVED)
    value = _unit_from(ctx.published, unit, 0)
    return Value("DATE", value, f"{span} -> {value}: part of the publication {unit}")


def _h_ref(cand: Candidate, span: str, text: str, ctx: Context) -> Value | None:
    word = re.sub(r"\s+", " ", (cand.groups["word"] or "").lower())
    if word in {"now", "currently", "current", "nowadays", "at present", "these days"}:
        value = "PRESENT_REF"
    elif word in {"recently", "recent", "the past", "lately"}:
        value = "PAST_REF"
    else:
        value = "FUTURE_REF"
    return Value("DATE", value, f"{span} -> {value}: a vague reference time")


HANDLERS: Final[dict[str, Handler]] = {
    "ref_quarter": _h_ref_quarter,
    "rel_unit": _h_rel_unit,
    "weekend": _h_weekend,
    "ago": _h_ago,
    "year_ago_adj": _h_year_ago_adj,
    "unit_alone": _h_unit_alone,
    "fiscal_year": _h_fiscal_year,
    "year_end": _h_year_end,
    "the_year": _h_year_end,
    "ref": _h_ref,
    "unit_part": _h_unit_part,
}
