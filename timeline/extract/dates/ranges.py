"""Ranges: two dates that make one interval ("from May to September", "between 2014 and 2018",
"Jan. 12-22", "12 to 22 January", "2014-2018", "1997-98").

TempEval-3 annotates each end as a TIMEX3 of its own (``../shared/docs/TEMPORAL.md``, section 1:
"from [Aug. 26] to [Oct. 20]", "[April 24] and [25]"), while an event wants one interval. So a
range is kept twice: its two end mentions, which the TempEval scorer sees, and one range
mention spanning both (``DateMention.ends`` holds the two), from the start of the first end
to the end of the second. ``date_mentions(article, ranges=True)`` gives the range in place of
its ends; ``ranges=False`` gives the ends.

>>> split_span(Candidate(0, 10, "day_span", {"month": "Jan.", "day": "12", "day2": "22",
...     "conn": "-"}, parts={"month": (0, 4), "day": (5, 7), "conn": (7, 8), "day2": (8, 10)}))
... # doctest: +NORMALIZE_WHITESPACE
(Candidate(start=0, end=7, rule='month_day', groups={'wd': None, 'month': 'Jan.', 'day': '12',
           'year': None}, priority=0, parts={}),
 Candidate(start=8, end=10, rule='month_day', groups={'month': 'Jan.', 'day': '22', 'year': None},
           priority=0, parts={}))
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import replace
from typing import Final

import numpy as np

from timeline.extract.dates.cues import word_before
from timeline.extract.dates.filters import span_year
from timeline.extract.dates.intervals import interval_of
from timeline.extract.dates.model import Candidate, DateMention
from timeline.extract.dates.reckoning import shift_year

__all__ = ["Linked", "join_range", "split_span"]

# A TIMEX3 with the grammar match it came from, as the range rules need both.
Linked = tuple[Candidate, DateMention]

_PRECISION_ORDER: Final = (
    "time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century",
)  # fmt: skip

# What joins two ends, on one line; "to"/"until" need "from" before the first end, "and" needs
# "between".
_CONNECTOR: Final = re.compile(
    r"[^\S\n]*(?P<dash>[-–—/])[^\S\n]*|[^\S\n]+(?P<word>to|through|thru|until|till|and)[^\S\n]+"
)

# "moved the vote from May to September" is a change of date, not a period.
_RESCHEDULED: Final = re.compile(
    r"\b(?:mov|postpon|delay|push|brought|bring|reschedul|shift|chang|switch|advanc|extend|"
    r"defer|put\s+off)\w*\b(?:\W+\w+){0,4}\W*$",
    re.I,
)


def split_span(cand: Candidate) -> tuple[Candidate, Candidate]:
    """The two ends of a span match ("Jan. 12-22" -> "Jan. 12" and "22"), each a candidate
    of an ordinary rule whose groups carry what the elided end shares (the month, the year)."""
    g, parts = cand.groups, cand.parts
    conn_start, conn_end = parts["conn"]
    if cand.rule == "day_span":
        first = {"wd": g.get("wd"), "month": g["month"], "day": g["day"], "year": g.get("year")}
        second = {"month": g["month"], "day": g["day2"], "year": g.get("year")}
        return (
            Candidate(cand.start, conn_start, "month_day", first),
            Candidate(conn_end, cand.end, "month_day", second),
        )
    if cand.rule == "day_month_span":
        first = {"wd": g.get("wd"), "day": g["day"], "month": g["month"], "year": g.get("year")}
        second = {"wd": g.get("wd2"), "day": g["day2"], "month": g["month"], "year": g.get("year")}
        return (
            Candidate(cand.start, conn_start, "day_month", first),
            Candidate(conn_end, cand.end, "day_month", second),
        )
    if cand.rule == "year_span":
        second_year = str(span_year(g["year"] or "", g["year2"] or ""))
        return (
            Candidate(cand.start, conn_start, "year", {"year": g["year"]}),
            Candidate(conn_end, cand.end, "year", {"year": second_year}),
        )
    # month_span: "Jan. 30-Feb. 3", "May-September", "January 2014-March 2015".
    return (
        _month_end(cand.start, conn_start, g.get("month"), g.get("day"), g.get("year")),
        _month_end(conn_end, cand.end, g.get("month2"), g.get("day2"), g.get("year2")),
    )


def _month_end(
    start: int, end: int, month: str | None, day: str | None, year: str | None
) -> Candidate:
    """One end of a month span, as the rule it would have matched alone."""
    rule = "month_day" if day else "month_year" if year else "month"
    return Candidate(start, end, rule, {"month": month, "day": day, "year": year})


def _yearless(cand: Candidate) -> bool:
    """A month or day written without a year: its year was chosen, and may follow the other end."""
    return cand.rule in {"month", "month_day", "day_month"} and not (
        cand.groups.get("year") or cand.groups.get("yrel")
    )


def _bare_clock(cand: Candidate) -> bool:
    """A clock time written without its day ("7 a.m.")."""
    return cand.rule == "clock" and not any(cand.groups.get(k) for k in ("wd1", "wd2", "md"))


def _weekday(cand: Candidate) -> bool:
    return cand.rule == "weekday" and not cand.groups.get("rel")


def _is_range(first: Linked, second: Linked, text: str, one_span: bool) -> bool:
    """Whether two consecutive mentions are the ends of one range."""
    (_, a), (_, b) = first, second
    if any(m.type not in {"DATE", "TIME"} or m.interval_start is None for m in (a, b)):
        return False
    joint = _CONNECTOR.fullmatch(text, a.end, b.start)
    if joint is None:
        return False
    word = (joint.group("word") or "").lower()
    cue = word_before(text, a.start)
    if word == "and" and cue != "between":
        return False  # "on April 24 and 25", "in 1990 and 1991": two dates, not a period
    if word in {"to", "until", "till"} and cue != "from" and not one_span:
        return False  # "revised Friday to December"
    if joint.group("dash") == "/" and not one_span:
        return False
    return not _RESCHEDULED.search(text[max(0, a.start - 60) : a.start])


def _moved(m: DateMention, value: str | None, why: str) -> DateMention:
    """`m` with another value of the same precision, its interval and the reason."""
    lo, hi = interval_of(value) if value else (None, None)
    if value is None or lo is None or hi is None:
        return m
    resolution = f"{m.text} -> {value}: {why}"
    return replace(m, value=value, interval_start=lo, interval_end=hi, resolution=resolution)


def _years_moved(m: DateMention, years: int, why: str) -> DateMention:
    return _moved(m, shift_year(m.value, years), why) if years else m


def _days_moved(m: DateMention, days: int, why: str) -> DateMention:
    day = dt.date.fromisoformat(m.value[:10]) + dt.timedelta(days=days)
    return _moved(m, day.isoformat() + m.value[10:], why)


def _year(m: DateMention) -> int | None:
    return int(m.value[:4]) if m.value[:4].isdigit() else None


def _lo(m: DateMention) -> np.datetime64:
    """The start of an end's interval (``_is_range`` checked there is one)."""
    assert m.interval_start is not None
    return m.interval_start


def _in_order(first: Linked, second: Linked) -> tuple[DateMention, DateMention]:
    """The two ends, with the year (or week) of an end written without one taken from the
    other end: "Jan. 30-Feb. 3, 2014" is 2014 throughout, "Dec. 28-Jan. 3" crosses a year,
    "from Monday to Friday" runs forward and "from 7 a.m. to 7 p.m. Sunday" is on Sunday."""
    (ca, a), (cb, b) = first, second
    if (
        _bare_clock(ca)
        and cb.rule == "clock"
        and not _bare_clock(cb)
        and a.value[:10] != b.value[:10]
    ):
        a = _moved(
            a, b.value[:10] + a.value[10:], f"the day of {b.text}"
        )  # "from 7 a.m. to 7 p.m. Sunday"
    ya, yb = _year(a), _year(b)
    if ya is not None and yb is not None:
        if _yearless(ca) and not _yearless(cb):
            a = _years_moved(a, yb - ya, f"the year of {b.text}")
            if _lo(a) > _lo(b):
                a = _years_moved(a, -1, f"the year before {b.text}")
        elif _yearless(cb) and not _yearless(ca):
            b = _years_moved(b, ya - yb, f"the year of {a.text}")
            if _lo(b) < _lo(a):
                b = _years_moved(b, 1, f"the year after {a.text}")
        elif _yearless(cb) and (_lo(b) < _lo(a) or ya != yb):
            # Both without a year: the second in the first's year or the next ("Feb. 29-
            # March 1" took the last leap year for one end and this year for the other).
            b = _years_moved(b, ya - yb, f"the year of {a.text}")
            if _lo(b) < _lo(a):
                b = _years_moved(b, 1, f"the first such date after {a.text}")
    if _weekday(cb) and _lo(b) < _lo(a):
        gap = (_lo(a) - _lo(b)) / np.timedelta64(1, "D")
        b = _days_moved(b, 7 * math.ceil(gap / 7), f"the first such day from {a.text}")
    return a, b


def _coarser(a: str, b: str) -> str:
    """The less precise of two precisions."""
    order = {p: i for i, p in enumerate(_PRECISION_ORDER)}
    return a if order.get(a, 0) >= order.get(b, 0) else b


def join_range(
    first: Linked, second: Linked, text: str, *, one_span: bool = False
) -> tuple[DateMention, DateMention, DateMention] | None:
    """(first end, second end, the range) if the two consecutive mentions are the ends of one
    range; the ends may have their year moved to agree. None otherwise.

    Args:
        first, second: consecutive mentions with their grammar matches.
        text: the article text.
        one_span: both ends come from one span match ("Jan. 12-22"): "to" needs no "from".
    """
    if not _is_range(first, second, text, one_span):
        return None
    a, b = _in_order(first, second)
    if None in (a.interval_start, a.interval_end, b.interval_start, b.interval_end):
        return None
    if _lo(a) > _lo(b):
        return None  # "from 2018 to 2014": not a period we can draw
    precision = _coarser(a.precision, b.precision)
    span = text[a.start : b.end]
    joined = DateMention(
        start=a.start,
        end=b.end,
        text=span,
        type="TIME" if a.type == b.type == "TIME" else "DATE",
        value=f"{a.value}/{b.value}",
        precision=precision,
        interval_start=a.interval_start,
        interval_end=b.interval_end,
        resolution=f"{span} -> {a.value} to {b.value}: a range, from the start of the first "
        "to the end of the second",
        ends=(a, b),
    )
    return a, b, joined
