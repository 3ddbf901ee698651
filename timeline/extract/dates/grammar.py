"""Candidate spans: our own regex grammar over the lexicon, filtered, without overlaps.

>>> [(c.rule, c.start, c.end) for c in candidates("He left on Friday, Sept. 8.")]
[('month_day', 11, 26)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from timeline.extract.dates.filters import keep
from timeline.extract.dates.lexicon import (
    APPROX,
    CENTURY_ORDINALS,
    CLOCK,
    DAYNUM,
    DECADE_WORDS,
    MOD,
    MONTH,
    MONTH_NAMES,
    NUMBER,
    PART,
    TENS,
    UNIT,
    UNIT_SG,
    UNITS_WORDS,
    WEEKDAY,
    YEAR,
    YEAR_END,
)
from timeline.extract.dates.model import Candidate

__all__ = ["SPAN_RULES", "candidates"]

# Rules whose match is a range with both ends in it; ``ranges.split_span`` splits them.
SPAN_RULES: Final = frozenset({"day_span", "day_month_span", "month_span", "year_span"})


_F = re.I


def _rx(pattern: str) -> re.Pattern[str]:
    """A grammar rule, compiled; word-bounded on both sides. Every rule starts with a word
    character or an apostrophe ('80s): the lookahead says so, and spares trying each rule's
    alternatives after every space and symbol."""
    return re.compile(rf"(?<![\w$£€.,-])(?=[\w'])(?:{pattern})(?![\w])", _F)


@dataclass(frozen=True)
class _Rule:
    """One grammar rule: a name (the normalizer to call) and its pattern."""

    name: str
    pattern: re.Pattern[str]
    priority: int = 0


# A range connector between two ends, on one line: "Jan. 12-22", "12 to 22 January".
_CONN = r"(?P<conn>[^\S\n]*[-–—][^\S\n]*|[^\S\n]+(?:to|through|until|till|and)[^\S\n]+)"
# A day number is not an elided end before a unit, a measure or another number.
_NOT_MEASURE = (
    rf"(?!\s*(?:%|[0-9]|,[0-9]|[-–—]|\s(?:{MONTH}|{UNIT}|percent|per|cents|points|people)\b))"
)

_RULES: Final[tuple[_Rule, ...]] = (
    # Ranges written with one end elided or joined by a dash: split into two ends (ranges.py).
    _Rule("day_span", _rx(
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAYNUM}){_CONN}"
        rf"(?P<day2>{DAYNUM}){_NOT_MEASURE}(?:(?:,\s*|\s+)(?P<year>{YEAR}){YEAR_END})?"
    ), 2),
    _Rule("day_month_span", _rx(
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<day>{DAYNUM}){_CONN}(?:(?P<wd2>{WEEKDAY}),?\s+)?"
        rf"(?P<day2>{DAYNUM})(?:\s+of)?\s+(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}){YEAR_END})?"
    ), 2),
    _Rule("month_span", _rx(
        rf"(?P<month>{MONTH})(?:\s+(?P<day>{DAYNUM}))?(?:,?\s+(?P<year>{YEAR}))?"
        rf"(?P<conn>[^\S\n]*[-–—][^\S\n]*)(?P<month2>{MONTH})(?:\s+(?P<day2>{DAYNUM}))?"
        rf"(?:,?\s+(?P<year2>{YEAR}){YEAR_END})?"
    ), 2),
    _Rule("year_span", _rx(
        rf"(?P<year>{YEAR})(?P<conn>[^\S\n]*[-–—/][^\S\n]*)(?P<year2>{YEAR}|[0-9]{{2}})"
        r"(?![0-9]|[-/][0-9]|%|[.,][0-9])"
    ), 2),
    # Clock times, alone or with a day: "10 p.m. Wednesday", "Friday at 10:35 a.m.".
    _Rule("clock", _rx(
        rf"(?:(?P<wd1>{WEEKDAY}|today|yesterday|tomorrow|tonight)\s+(?:at\s+)?"
        rf"(?:(?:about|around|approximately|shortly\s+after|shortly\s+before)\s+)?)?"
        rf"(?P<clock>{CLOCK})"
        rf"(?:\s+(?:on\s+)?(?P<wd2>{WEEKDAY}|today|yesterday|tomorrow|tonight))?"
        rf"(?:,?\s+(?P<md>{MONTH}\s+{DAYNUM}(?:,\s+{YEAR})?))?"
    ), 3),
    # Explicit dates: "Sept. 13, 2023", "13 September 2023", "September 2023", "Sept. 13".
    _Rule("month_day", _rx(
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mod>{MOD})?(?P<month>{MONTH})\s+(?P<day>{DAYNUM})"
        rf"(?!\s*(?:%|[0-9]|,[0-9]))(?:(?:,\s*|\s+)(?P<year>{YEAR}){YEAR_END})?"
    ), 2),
    _Rule("day_month", _rx(
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAYNUM})(?:\s+of)?\s+(?P<month>{MONTH})"
        rf"(?:,?\s+(?P<year>{YEAR}){YEAR_END})?"
    ), 2),
    _Rule("month_year", _rx(
        rf"(?P<mod>{MOD})?(?P<month>{MONTH})(?:,?\s+|\s+of\s+)(?P<year>{YEAR}){YEAR_END}"
    ), 2),
    _Rule("month", _rx(
        rf"(?P<mod>{MOD})?(?:(?P<rel>last|this|next|past|coming|previous)\s+)?(?P<month>{MONTH})"
        r"(?:\s+(?P<yrel>last|this|next)\s+year)?(?!\.?\s*[0-9])"
    )),
    _Rule("iso", _rx(r"(?P<y>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])(?![0-9])")),
    _Rule("numeric", _rx(
        r"(?P<m>[01]?[0-9])/(?P<d>[0-3]?[0-9])/(?P<y>[12][0-9]{3}|[0-9]{2})(?![0-9/])"
    )),
    # Years: "1948", "fiscal 1989", "mid-1996", "the year 2000", "1990's third quarter".
    _Rule("year", _rx(
        rf"(?P<mod>{MOD})?(?:(?P<fiscal>fiscal|calendar)\s+|the\s+year\s+)?(?P<year>{YEAR})"
        rf"(?!'?s\b){YEAR_END}"
    )),
    _Rule("bc_year", _rx(
        r"(?P<year>[0-9]{1,4})\s*(?P<era>B\.C\.(?:E\.)?|BCE?|A\.D\.|AD)(?![\w])"
        r"|(?P<era2>A\.D\.|AD)\s+(?P<year2>[0-9]{1,4})"
    ), 1),
    # Decades and centuries: "the 1990s", "the late '80s", "the nineties", "the 20th century".
    _Rule("decade", _rx(
        rf"(?:the\s+)?(?P<mod>(?:early|late|mid)[\s-]+)?(?:(?P<d4>1[0-9]{{2}}0|20[0-9]0)'?s"
        rf"|'(?P<d2>[0-9]0)s|(?P<dw>{'|'.join(DECADE_WORDS)}))"
    )),
    _Rule("century", _rx(
        rf"(?:the\s+)?(?P<mod>(?:early|late|mid)[\s-]+)?(?P<n>[0-9]{{1,2}}(?:st|nd|rd|th)|"
        rf"{'|'.join(CENTURY_ORDINALS)})[\s-]+century"
    )),
    # Quarters and halves.
    _Rule("quarter", _rx(
        rf"(?:(?P<owner>(?:this|last|next)\s+year's|{YEAR}'s)\s+|the\s+(?:(?P<year0>{YEAR})\s+)?)?"
        rf"(?:(?P<rel>last|this|next|current|latest|previous|past)\s+)?(?:fiscal\s+)?"
        rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?"
        rf"(?P<unit>quarter|half)(?!-)(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR}|this\s+year|"
        rf"last\s+year|next\s+year|the\s+(?:current\s+)?year))?"
        rf"(?:,?\s+(?P<year2>{YEAR}){YEAR_END})?"
    ), 1),
    _Rule("ref_quarter", _rx(
        r"(?P<det>the|this|that)\s+(?:(?P<rel>latest|current|most\s+recent|recent|same|previous|"
        r"past|last|just-ended|year-earlier|year-ago)\s+)?(?P<unit>quarter|period)"
        r"|(?P<rel2>last|this|next)\s+quarter"
    )),
    # Seasons: "last fall", "the summer of 1998", "winter".
    _Rule("season", _rx(
        rf"(?P<mod>{MOD})?(?:(?P<rel>last|this|next|past|coming|the)\s+)?"
        rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+of\s+(?P<year>{YEAR})|"
        rf"\s+(?P<year2>{YEAR}){YEAR_END})?"
    )),
    # Relative calendar units: "last year", "this month", "next week", "the weekend".
    _Rule("rel_unit", _rx(
        rf"(?P<mod>{MOD})?(?:the\s+)?(?P<rel>last|this|next|coming|previous|current|following"
        rf"|same|past)\s+(?P<unit>year|month|week|weekend|decade|century)"
    )),
    _Rule("weekend", _rx(r"the\s+weekend")),
    _Rule("fiscal_year", _rx(
        r"(?:the\s+)?(?:(?P<rel>current|latest|last|this|next|previous|past|new|coming|same)\s+)?"
        r"(?P<kind>fiscal|full|calendar)\s+year(?!-)"
    )),
    _Rule("the_year", _rx(r"the\s+year(?![-'’])"), -1),
    _Rule("year_end", _rx(
        r"(?P<mod>(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of\s+)(?:the|this)\s+year"
        r"|year[-\s]end|year['’]s\s+end"
    )),
    _Rule("unit_part", _rx(
        r"(?P<mod>(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of\s+)"
        r"(?:the|this)\s+(?P<unit>month|week)"
    )),
    _Rule("holiday", _rx(
        r"(?:(?P<rel>last|this|next)\s+)?(?P<name>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+"
        r"(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Good\s+Friday|Easter(?:\s+(?:Sunday|Monday))?|"
        r"Independence\s+Day|Halloween|Valentine['’]s\s+Day|Memorial\s+Day|Labor\s+Day|"
        r"Election\s+Day)"
    )),
    # "a year earlier", "two years ago", "year-earlier", "a week or so ago".
    _Rule("ago", _rx(
        rf"(?:{APPROX})?(?P<num>{NUMBER}|a\s+few|several|many|some)\s+(?P<unit>{UNIT})"
        rf"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|before|later|hence|from\s+now)"
    ), 1),
    _Rule("year_ago_adj", _rx(r"(?:the\s+)?(?P<unit>year|month|quarter)-(?:earlier|ago)")),
    # Durations: "75 years", "the past two months", "two-year", "16-hour", "recent years".
    _Rule("duration", _rx(
        rf"(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|coming|first|previous|final|"
        rf"following|latest|remaining|same)\s+)?(?:{APPROX})?(?P<num>{NUMBER})"
        rf"(?P<hy>[\s-]+)(?P<unit>{UNIT})"
        rf"(?![\s-]+(?:old|-old|ago|earlier|later))"
    )),
    _Rule("long_adj", _rx(rf"(?:(?P<num>{NUMBER})-)?(?P<unit>{UNIT})-long"), 1),
    _Rule("vague_duration", _rx(
        r"(?:the\s+)?(?P<q>(?:past|last|next|coming|recent|first)\s+(?:few|several|many)|"
        r"a\s+few|few|several|many|recent|coming|the\s+past|the\s+next|the\s+coming|"
        r"the\s+last|the\s+first)\s+(?P<unit>seconds|minutes|hours|days|weeks|months|"
        r"years|decades|centuries|quarters)"
    )),
    _Rule("bare_units", _rx(
        r"(?:(?<=for\s)|(?<=within\s)|(?<=in\s))(?P<unit>years|months|weeks|days|decades|centuries)"
        r"(?!\s+(?:of|to|and|ago|before|after|earlier|later))"
    )),
    _Rule("unit_alone", _rx(
        r"(?:(?P<det>the|a)\s+)?(?P<rel>past|last|next|coming|previous)\s+(?P<unit>year|"
        r"month|week|day|decade|century|quarter|hour)"
    ), -1),
    # Days relative to the publication date, with an optional part of day.
    _Rule("deictic_day", _rx(
        rf"(?P<mod>(?:early|late)\s+)?(?P<word>today|yesterday|tomorrow|tonight)"
        rf"(?:\s+(?P<part>{PART}))?"
    )),
    _Rule("this_part", _rx(
        rf"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{PART})"
    )),
    # Weekdays: "Wednesday", "last Friday", "Friday morning", "late Tuesday".
    _Rule("weekday", _rx(
        rf"(?P<mod>(?:early|late)\s+)?(?:(?P<rel>last|this|next|coming|past)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<part>{PART}))?"
    )),
    # REF words.
    _Rule("ref", _rx(
        r"(?P<word>now|currently|current|recently|recent|nowadays|at\s+present|these\s+days|"
        r"the\s+(?:near\s+|distant\s+)?future|the\s+past)"
    ), -1),
    # Sets: "daily", "every Thursday", "each July", "every quarter".
    _Rule("frequency", _rx(r"(?P<word>daily|nightly|weekly|monthly|annually|yearly|hourly)")),
    _Rule("every", _rx(
        rf"(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<wd>{WEEKDAY})|(?P<month>{MONTH_NAMES})"
        rf"|(?P<part>{PART})|(?P<unit>{UNIT_SG}))"
    )),
    _Rule("year_words", _rx(
        r"(?:the\s+year\s+)?(?:nineteen\s+(?P<tens>" + "|".join(TENS) +
        r")(?:[- ](?P<ones>" + UNITS_WORDS + r"))?|two\s+thousand(?:\s+and\s+(?P<ones2>" +
        UNITS_WORDS + r"))?)"
    )),
)  # fmt: skip


def candidates(text: str) -> list[Candidate]:
    """Non-overlapping matches of the grammar, longest first, then by rule priority."""
    found: list[Candidate] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            if match.end() <= match.start():
                continue
            cand = Candidate(
                match.start(), match.end(), rule.name, match.groupdict(), rule.priority
            )
            if rule.name in SPAN_RULES:
                cand.parts = {k: match.span(k) for k, v in match.groupdict().items() if v}
            if keep(cand, text):
                found.append(cand)
    found.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: list[Candidate] = []
    occupied = bytearray(len(text) + 1)
    for cand in found:
        if any(occupied[cand.start : cand.end]):
            continue
        occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        taken.append(cand)
    taken.sort(key=lambda c: c.start)
    return taken
