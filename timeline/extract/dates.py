"""Temporal expressions: find them, then normalize each to a TimeML TIMEX3 value.

Spans come from our own regex grammar over a closed trigger lexicon (month names, weekdays,
years, decades, unit words with numbers, REF words, seasons, quarters, clock times...), because
plain ``dateparser.search.search_dates`` reads "we", "may", "$10" and "15%" as dates and returns no
offsets. Each span is then normalized against the publication date with the rules measured on
the TempEval-3 dev set (``../shared/docs/TEMPORAL.md``, section 2); dateparser's
``DateDataParser`` does the calendar work it does well (weekdays, "N units ago", numeric dates).

This is the only module in timeline that imports dateparser.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from timeline.article import Article, make_article
from timeline.extract.calendar_words import MONTH_NUMBERS, WEEKDAY_NUMBERS
from timeline.schema import DATE_DTYPES, Col, coerce_frame

__all__ = ["DateMention", "baseline_search", "date_mentions", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """One temporal expression, with offsets into ``article.text`` (end exclusive)."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # the TimeML TIMEX3 value, as in TempEval-3
    precision: str  # one of schema.PRECISIONS
    interval_start: np.datetime64 | None
    interval_end: np.datetime64 | None
    resolution: str


# ---------------------------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------------------------

_SMALL_NUMBERS: Final[dict[str, float]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
    "a dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5, "half an": 0.5,
}  # fmt: skip
_TENS: Final[dict[str, int]] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_UNITS_WORDS: Final = "one|two|three|four|five|six|seven|eight|nine"
_ORDINALS: Final[dict[str, int]] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
_CENTURY_ORDINALS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
_DECADE_WORDS: Final[dict[str, int]] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
# Unit word -> (TimeML duration letter, whether it goes after "T", granularity for "ago").
_UNITS: Final[dict[str, tuple[str, bool]]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("E", False), "century": ("C", False),
}  # fmt: skip
_SEASONS: Final[dict[str, str]] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip
_SEASON_START_MONTH: Final[dict[str, int]] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PARTS_OF_DAY: Final[dict[str, str]] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip
_PART_HOURS: Final[dict[str, tuple[int, int]]] = {
    "MO": (6, 12), "AF": (12, 18), "EV": (18, 24), "NI": (21, 30),
}  # fmt: skip
_FREQUENCY: Final[dict[str, str]] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip
# A future cue within a few words before a weekday: "will meet on Friday".
_FUTURE_CUE = re.compile(
    r"(?:\b(?:will|shall|scheduled|(?:plans?|planned|planning)\s+to|expected|due|set\s+to|"
    r"going\s+to|is\s+to|are\s+to|as\s+(?:soon|early)\s+as|wo?n'?t)\b|['’]ll\b)",
    re.I,
)

# ---------------------------------------------------------------------------------------------
# The grammar
# ---------------------------------------------------------------------------------------------

_MONTH_NAMES: Final = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR: Final = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH: Final = rf"(?:{_MONTH_NAMES}|{_MONTH_ABBR})"
_WEEKDAY: Final = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAYNUM: Final = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR: Final = r"(?:1[0-9]{3}|20[0-9]{2})"
_YEAR_END: Final = r"(?![0-9]|,[0-9]|\.[0-9]|%|-(?:[a-z]+-)?old)"
_NUMWORD: Final = (
    rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{_UNITS_WORDS}))?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen|a\s+dozen|dozen|(?:a\s+)?couple\s+of|a|an|half\s+an?)"
)
_NUMBER: Final = (
    rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+\d/\d)?|{_NUMWORD})(?:\s+and\s+a\s+half)?)"
)
_UNIT: Final = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|"
    r"decades?|century|centuries)"
)
_UNIT_SG: Final = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)"
_MOD: Final = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|end|beginning|start)(?:\s+of)?(?:\s+the)?"
    r"[\s-]+|mid-)"
)
_APPROX: Final = r"(?:nearly|almost|more\s+than|less\s+than|at\s+least|some)\s+"
_TZ: Final = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time))?"
_CLOCK: Final = (
    rf"(?:(?:[01]?[0-9]|2[0-3])(?::[0-5][0-9])?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
    rf"|(?:[01]?[0-9]|2[0-3]):[0-5][0-9]|noon|midnight){_TZ}"
)
_PART: Final = r"(?:morning|afternoon|evening|night|overnight)"

_F = re.I


def _rx(pattern: str) -> re.Pattern[str]:
    """A grammar rule, compiled; word-bounded on both sides."""
    return re.compile(rf"(?<![\w$£€.,-])(?:{pattern})(?![\w])", _F)


@dataclass(frozen=True)
class _Rule:
    """One grammar rule: a name (the normalizer to call) and its pattern."""

    name: str
    pattern: re.Pattern[str]
    priority: int = 0


_RULES: Final[tuple[_Rule, ...]] = (
    # Clock times, alone or with a day: "10 p.m. Wednesday", "Friday at 10:35 a.m.".
    _Rule("clock", _rx(
        rf"(?:(?P<wd1>{_WEEKDAY}|today|yesterday|tomorrow|tonight)\s+(?:at\s+)?)?"
        rf"(?:(?:about|around|approximately|shortly\s+after|shortly\s+before)\s+)?(?P<clock>{_CLOCK})"
        rf"(?:\s+(?:on\s+)?(?P<wd2>{_WEEKDAY}|today|yesterday|tomorrow|tonight))?"
        rf"(?:,?\s+(?P<md>{_MONTH}\s+{_DAYNUM}(?:,\s+{_YEAR})?))?"
    ), 3),
    # Explicit dates: "Sept. 13, 2023", "13 September 2023", "September 2023", "Sept. 13".
    _Rule("month_day", _rx(
        rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mod>{_MOD})?(?P<month>{_MONTH})\s+(?P<day>{_DAYNUM})"
        rf"(?!\s*(?:%|[0-9]|,[0-9]))(?:(?:,\s*|\s+)(?P<year>{_YEAR}){_YEAR_END})?"
    ), 2),
    _Rule("day_month", _rx(
        rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{_DAYNUM})(?:\s+of)?\s+(?P<month>{_MONTH})"
        rf"(?:,?\s+(?P<year>{_YEAR}){_YEAR_END})?"
    ), 2),
    _Rule("month_year", _rx(
        rf"(?P<mod>{_MOD})?(?P<month>{_MONTH})(?:,?\s+|\s+of\s+)(?P<year>{_YEAR}){_YEAR_END}"
    ), 2),
    _Rule("month", _rx(
        rf"(?P<mod>{_MOD})?(?:(?P<rel>last|this|next|past|coming|previous)\s+)?(?P<month>{_MONTH})"
        r"(?:\s+(?P<yrel>last|this|next)\s+year)?(?!\.?\s*[0-9])"
    )),
    _Rule("iso", _rx(r"(?P<y>[12][0-9]{3})-(?P<m>[01][0-9])-(?P<d>[0-3][0-9])(?![0-9])")),
    _Rule("numeric", _rx(
        r"(?P<m>[01]?[0-9])/(?P<d>[0-3]?[0-9])/(?P<y>[12][0-9]{3}|[0-9]{2})(?![0-9/])"
    )),
    # Years: "1948", "fiscal 1989", "mid-1996", "the year 2000", "1990's third quarter".
    _Rule("year", _rx(
        rf"(?P<mod>{_MOD})?(?:(?P<fiscal>fiscal|calendar)\s+|the\s+year\s+)?(?P<year>{_YEAR})"
        rf"(?!'?s\b){_YEAR_END}"
    )),
    _Rule("bc_year", _rx(
        r"(?P<year>[0-9]{1,4})\s*(?P<era>B\.C\.(?:E\.)?|BCE?|A\.D\.|AD)(?![\w])"
        r"|(?P<era2>A\.D\.|AD)\s+(?P<year2>[0-9]{1,4})"
    ), 1),
    # Decades and centuries: "the 1990s", "the late '80s", "the nineties", "the 20th century".
    _Rule("decade", _rx(
        rf"(?:the\s+)?(?P<mod>(?:early|late|mid)[\s-]+)?(?:(?P<d4>1[0-9]{{2}}0|20[0-9]0)'?s"
        rf"|'(?P<d2>[0-9]0)s|(?P<dw>{'|'.join(_DECADE_WORDS)}))"
    )),
    _Rule("century", _rx(
        rf"(?:the\s+)?(?P<mod>(?:early|late|mid)[\s-]+)?(?P<n>[0-9]{{1,2}}(?:st|nd|rd|th)|"
        rf"{'|'.join(_CENTURY_ORDINALS)})[\s-]+century"
    )),
    # Quarters and halves.
    _Rule("quarter", _rx(
        rf"(?:(?P<owner>(?:this|last|next)\s+year's|{_YEAR}'s)\s+|the\s+(?:(?P<year0>{_YEAR})\s+)?)?"
        rf"(?:(?P<rel>last|this|next|current|latest|previous|past)\s+)?(?:fiscal\s+)?"
        rf"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?"
        rf"(?P<unit>quarter|half)(?!-)(?:\s+of\s+(?:fiscal\s+)?(?P<year>{_YEAR}|this\s+year|"
        rf"last\s+year|next\s+year))?(?:,?\s+(?P<year2>{_YEAR}){_YEAR_END})?"
    ), 1),
    _Rule("ref_quarter", _rx(
        r"(?:the|this|that)\s+(?:(?P<rel>latest|current|most\s+recent|recent|same|previous|"
        r"past|last|just-ended|year-earlier|year-ago)\s+)?(?P<unit>quarter|period)"
        r"|(?P<rel2>last|this|next)\s+quarter"
    )),
    # Seasons: "last fall", "the summer of 1998", "winter".
    _Rule("season", _rx(
        rf"(?P<mod>{_MOD})?(?:(?P<rel>last|this|next|past|coming|the)\s+)?"
        rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+of\s+(?P<year>{_YEAR})|"
        rf"\s+(?P<year2>{_YEAR}){_YEAR_END})?"
    )),
    # Relative calendar units: "last year", "this month", "next week", "the weekend".
    _Rule("rel_unit", _rx(
        rf"(?P<mod>{_MOD})?(?:the\s+)?(?P<rel>last|this|next|coming|previous|current|following"
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
    _Rule("holiday", _rx(
        r"(?:(?P<rel>last|this|next)\s+)?(?P<name>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+"
        r"(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Independence\s+Day|Halloween|"
        r"Valentine['’]s\s+Day|Memorial\s+Day|Labor\s+Day|Election\s+Day)"
    )),
    # "a year earlier", "two years ago", "year-earlier", "a week or so ago".
    _Rule("ago", _rx(
        rf"(?:{_APPROX})?(?P<num>{_NUMBER}|a\s+few|several|many|some)\s+(?P<unit>{_UNIT})"
        rf"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|before|later|hence|from\s+now)"
    ), 1),
    _Rule("year_ago_adj", _rx(r"(?:the\s+)?(?P<unit>year|month|quarter)-(?:earlier|ago)")),
    # Durations: "75 years", "the past two months", "two-year", "16-hour", "recent years".
    _Rule("duration", _rx(
        rf"(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|coming|first|previous|final|"
        rf"following|latest|remaining|same)\s+)?(?:{_APPROX})?(?P<num>{_NUMBER})"
        rf"(?P<hy>[\s-]+)(?P<unit>{_UNIT})"
        rf"(?![\s-]+(?:old|-old|ago|earlier|later))"
    )),
    _Rule("long_adj", _rx(rf"(?:(?P<num>{_NUMBER})-)?(?P<unit>{_UNIT})-long"), 1),
    _Rule("vague_duration", _rx(
        r"(?:the\s+)?(?P<q>(?:past|last|next|coming|recent|first)\s+(?:few|several|many)|"
        r"a\s+few|few|several|many|recent|coming|the\s+past|the\s+next|the\s+coming|"
        r"the\s+last|the\s+first)\s+(?P<unit>seconds|minutes|hours|days|weeks|months|"
        r"years|decades|centuries|quarters)"
    )),
    _Rule("bare_units", _rx(
        r"(?:(?<=for\s)|(?<=within\s)|(?<=in\s))(?P<unit>years|months|weeks|decades|centuries)"
        r"(?!\s+(?:of|to|and|ago|before|after|earlier|later))"
    )),
    _Rule("unit_alone", _rx(
        r"(?:(?P<det>the|a)\s+)?(?P<rel>past|last|next|coming|previous)\s+(?P<unit>year|"
        r"month|week|day|decade|century|quarter|hour)"
    ), -1),
    # Days relative to the publication date, with an optional part of day.
    _Rule("deictic_day", _rx(
        rf"(?P<mod>(?:early|late)\s+)?(?P<word>today|yesterday|tomorrow|tonight)"
        rf"(?:\s+(?P<part>{_PART}))?"
    )),
    _Rule("this_part", _rx(
        rf"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part>{_PART})"
    )),
    # Weekdays: "Wednesday", "last Friday", "Friday morning", "late Tuesday".
    _Rule("weekday", _rx(
        rf"(?P<mod>(?:early|late)\s+)?(?:(?P<rel>last|this|next|coming|past)\s+)?"
        rf"(?P<wd>{_WEEKDAY})(?:\s+(?P<part>{_PART}))?"
    )),
    # REF words.
    _Rule("ref", _rx(
        r"(?P<word>now|currently|current|recently|recent|nowadays|at\s+present|these\s+days|"
        r"the\s+(?:near\s+|distant\s+)?future|the\s+past)"
    ), -1),
    # Sets: "daily", "every Thursday", "each July", "every quarter".
    _Rule("frequency", _rx(r"(?P<word>daily|nightly|weekly|monthly|annually|yearly|hourly)")),
    _Rule("every", _rx(
        rf"(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<wd>{_WEEKDAY})|(?P<month>{_MONTH_NAMES})"
        rf"|(?P<part>{_PART})|(?P<unit>{_UNIT_SG}))"
    )),
    _Rule("year_words", _rx(
        r"(?:the\s+year\s+)?(?:nineteen\s+(?P<tens>" + "|".join(_TENS) +
        r")(?:[- ](?P<ones>" + _UNITS_WORDS + r"))?|two\s+thousand(?:\s+and\s+(?P<ones2>" +
        _UNITS_WORDS + r"))?)"
    )),
)  # fmt: skip

# Words after a number that make it a measure, not a date ("1990 people").
_MEASURE_AFTER = re.compile(
    r"\s*(?:-?(?:meters?|metres?|miles?|km|kilometers?|feet|foot|tons?|tonnes?|people|men|"
    r"women|troops|soldiers|votes|shares|points|students|workers|dollars|yen|members|units|"
    r"pounds|barrels|acres|cars|homes|jobs|employees|residents|deaths|percent|per\s+cent))\b",
    re.I,
)
_MONEY_BEFORE = re.compile(r"(?:[$£€¥]|\bUS\$|\bRs\.?|\bNo\.)\s*$", re.I)


@dataclass
class _Candidate:
    """A matched span before normalization."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    priority: int = 0


def _candidates(text: str) -> list[_Candidate]:
    """Non-overlapping matches of the grammar, longest first, then by rule priority."""
    found: list[_Candidate] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            if match.end() <= match.start():
                continue
            cand = _Candidate(
                match.start(), match.end(), rule.name, match.groupdict(), rule.priority
            )
            if _keep(cand, text):
                found.append(cand)
    found.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: list[_Candidate] = []
    occupied = bytearray(len(text) + 1)
    for cand in found:
        if any(occupied[cand.start : cand.end]):
            continue
        occupied[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        taken.append(cand)
    taken.sort(key=lambda c: c.start)
    return taken


def _word_before(text: str, start: int) -> str:
    """The word just before `start`, lowercased ("" at the start)."""
    match = re.search(r"([A-Za-z']+)\W*$", text[max(0, start - 30) : start])
    return match.group(1).lower() if match else ""


_MONTH_CUE_BEFORE: Final = {
    "in", "since", "until", "till", "by", "last", "this", "next", "early", "late", "mid",
    "of", "from", "through", "to", "between", "and", "before", "after", "during", "for",
    "on", "or", "end", "beginning", "middle", "start", "throughout", "as",
}  # fmt: skip


@dataclass(frozen=True)
class _Around:
    """A candidate with its surroundings, for the false-friend filters."""

    cand: _Candidate
    text: str

    @property
    def span(self) -> str:
        return self.text[self.cand.start : self.cand.end]

    @property
    def before(self) -> str:
        return self.text[max(0, self.cand.start - 12) : self.cand.start]

    @property
    def after(self) -> str:
        return self.text[self.cand.end : self.cand.end + 24]

    def group(self, name: str) -> str:
        return self.cand.groups.get(name) or ""

    def word_before(self) -> str:
        return _word_before(self.text, self.cand.start)


def _keep_calendar_name(a: _Around) -> bool:
    """Month and weekday names are capitalized in news; "march", "may" lowercase are not dates."""
    word = a.group("month") or a.group("wd")
    return not word or word[0].isupper()


# Ambiguous month words ("May" the modal, "March" the noun, "Jan" the name) count as months only
# after a cue such as "in", "since", "last" and not before a capitalized word ("March for Life").
_AMBIGUOUS_MONTHS: Final = frozenset({"may", "march", "jan", "mar", "sep", "dec", "jun", "jul"})


def _keep_month(a: _Around) -> bool:
    if not _keep_calendar_name(a):
        return False
    if a.group("rel") or a.group("mod") or a.group("yrel"):
        return True
    written = a.group("month")
    month = written.rstrip(".")
    if month.lower() in _AMBIGUOUS_MONTHS or (len(month) <= 4 and not written.endswith(".")):
        cued = a.word_before() in _MONTH_CUE_BEFORE
        return cued and not re.match(r"\s+(?:[A-Z]|of\b)", a.after)
    return True


def _keep_number(a: _Around) -> bool:
    """Numbers after a currency sign or before a decimal part are money and measures."""
    if _MONEY_BEFORE.search(a.before):
        return False
    return not re.match(r"[.,][0-9]", a.after)


def _keep_year(a: _Around) -> bool:
    if not _keep_number(a):
        return False
    if _MEASURE_AFTER.match(a.after):
        return False  # "1990 people"
    if re.match(r"\s*(?:to|-|–)\s*[0-9]", a.after) and not re.match(
        r"\s*(?:to|-|–)\s*(?:1[0-9]{3}|20[0-9]{2})\b", a.after
    ):
        return False  # "1990-3" scores, "1500 to 2000" counts stay ambiguous
    if re.search(r"[0-9][,.]?\s*$", a.before) or re.search(r"[#:/]\s*$", a.before):
        return False
    if a.group("mod") or a.group("fiscal"):
        return True
    prev = re.search(r"([A-Za-z]+)(['’]s)?\s+$", a.text[max(0, a.cand.start - 30) : a.cand.start])
    if prev and prev.group(1)[0].isupper() and prev.group(1).lower() not in _YEAR_NAME_OK:
        starts = _sentence_start(a.text, a.cand.start - len(prev.group(0)))
        return starts or bool(prev.group(2))  # "Orion 1980" is a name, not a date
    return True


def _keep_duration(a: _Around) -> bool:
    if not _keep_number(a) or _title_case_inside(a.span, a.group("unit"), a.text, a.cand.start):
        return False  # "60 Minutes" is a TV show
    num, unit = a.group("num").lower(), a.group("unit").lower()
    if num in {"a", "an"} and not a.group("rel") and not a.group("the"):
        # "$5 million a year", "24 hours a day": rates, not spans.
        rate = a.word_before() in {
            "million",
            "billion",
            "thousand",
            "hours",
            "times",
            "once",
            "twice",
        }
        if rate or re.search(r"[0-9%]\s*$", a.text[max(0, a.cand.start - 3) : a.cand.start]):
            return False
        if _COUNTED_NOUN_BEFORE.search(a.text[max(0, a.cand.start - 40) : a.cand.start]):
            return False  # "four flights a week", "700 seats a week"
        if unit == "quarter" and re.match(r"\s+of\b", a.after):
            return False  # "a quarter of the market" is a fraction
    if unit.startswith("second") and num in {"a", "an"}:
        return False  # "a second" is an ordinal more often than a duration
    if re.fullmatch(r"(?:1[0-9]|20)[0-9]{2}", num):
        return False  # "the 1988 second quarter"
    if unit.startswith("quarter") and num in {"three", "two", "a", "one"} and "-" in a.span:
        return False  # "three-quarters of"
    return not re.match(r"\s*-?\s*old\b", a.after)  # ages: "a 44-year-old"


_COUNTED_NOUN_BEFORE: Final = re.compile(
    r"\b(?:[0-9][0-9,.]*|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)"
    r"\s+(?:[a-z]+\s+)?[a-z]+s\s+$",
    re.I,
)


def _keep_season(a: _Around) -> bool:
    """A bare season word needs a cue: "in the spring", not "prices fall"."""
    if a.group("rel") or a.group("mod") or a.group("year") or a.group("year2"):
        return True
    cue = a.word_before()
    if a.group("season").lower() == "fall":
        return cue == "in"
    return cue in {"in", "this", "last", "next", "the", "since", "until", "by", "during"}


def _keep_ref(a: _Around) -> bool:
    word = re.sub(r"\s+", " ", a.group("word").lower())
    if word == "current":
        return not re.match(r"\s+(?:account|affairs|events|law|rules|system)", a.after)
    if word == "recent":
        return not re.match(r"\s+(?:years|months|weeks|days)", a.after)
    if word == "the past":
        return not re.match(r"\s+(?:[0-9]|few|several|two|three|year|month)", a.after)
    return True


def _keep_frequency(a: _Around) -> bool:
    """ "average daily" is a statistic; "a weekly magazine" is a publication."""
    if a.word_before() == "average":
        return False  # "average daily volume" is a statistic
    return a.group("word").lower() not in {"weekly", "monthly"} or not re.match(
        r"\s+[a-z]", a.after
    )


def _keep_titled(a: _Around) -> bool:
    """A capitalized head word mid-sentence is a title: "VOA Today", ABC's "This Week"."""
    return not _title_case_inside(a.span, a.group("unit") or a.group("word"), a.text, a.cand.start)


def _keep_clock(a: _Around) -> bool:
    return a.word_before() != "high"  # "High Noon"


_FILTERS: Final[dict[str, Callable[[_Around], bool]]] = {
    "month": _keep_month,
    "month_year": _keep_calendar_name,
    "month_day": _keep_calendar_name,
    "day_month": _keep_calendar_name,
    "weekday": _keep_calendar_name,
    "year": _keep_year,
    "duration": _keep_duration,
    "decade": _keep_number,
    "ago": _keep_number,
    "iso": _keep_number,
    "numeric": _keep_number,
    "bc_year": _keep_number,
    "season": _keep_season,
    "ref": _keep_ref,
    "frequency": _keep_frequency,
    "deictic_day": _keep_titled,
    "rel_unit": _keep_titled,
    "clock": _keep_clock,
}


def _keep(cand: _Candidate, text: str) -> bool:
    """Filter the false friends: "may" the verb, "march" the noun, "fall" the verb, money..."""
    check = _FILTERS.get(cand.rule)
    return check is None or check(_Around(cand, text))


_YEAR_NAME_OK: Final = frozenset(
    {"in", "since", "until", "by", "of", "from", "through", "to", "and", "or", "before", "after",
     "during", "between", "early", "late", "mid", "fiscal", "summer", "winter", "spring", "fall",
     "autumn", "christmas", "easter", "ad", "bc", "the", "year"}
    | {name.lower() for name in MONTH_NUMBERS}
)  # fmt: skip


def _sentence_start(text: str, start: int) -> bool:
    """Whether `start` begins a sentence, a line or a quotation."""
    before = text[max(0, start - 4) : start].rstrip(" \t\"'“‘`")
    return not before or before[-1] in '.!?:;\n("“'


def _title_case_inside(span: str, head: str, text: str, start: int) -> bool:
    """A capitalized head word ("This Week", "60 Minutes", mid-sentence "Today"): a title."""
    if not head or not head[0].isupper():
        return False
    return not span.startswith(head) or not _sentence_start(text, start)


# ---------------------------------------------------------------------------------------------
# Normalization
# ---------------------------------------------------------------------------------------------


@dataclass
class _Context:
    """Per-document state: the publication date and the last mentioned value per granularity."""

    published: dt.date | None
    last: dict[str, str] = field(default_factory=dict)
    last_day_end: int = -(10**9)

    def remember(self, value: str, end: int) -> None:
        """Keep `value` as the last mentioned one of its granularity."""
        precision = _precision(value)
        if precision in {"day", "month", "quarter", "year", "half", "season", "week"}:
            self.last[precision] = value
            self.last["any"] = value
        if precision == "day":
            self.last_day_end = end


@dataclass(frozen=True)
class _Value:
    """A normalized value and the sentence explaining it."""

    type: str
    value: str
    resolution: str


_UNRESOLVED: Final = "unresolved: no publication date"


def _num(word: str | None) -> float | None:
    """The number a numeral or number word stands for: "two" 2, "2 1/2" 2.5, "a" 1."""
    if word is None:
        return None
    w = re.sub(r"\s+", " ", word.lower().strip())
    half = 0.0
    if w.endswith(" and a half"):
        half, w = 0.5, w[: -len(" and a half")]
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.[0-9]+)?", w):
        return float(w.replace(",", "")) + half
    frac = re.fullmatch(r"([0-9]+) ([0-9])/([0-9])", w)
    if frac:
        return int(frac[1]) + int(frac[2]) / int(frac[3]) + half
    if w in _SMALL_NUMBERS:
        return _SMALL_NUMBERS[w] + half
    parts = re.split(r"[- ]", w)
    if parts[0] in _TENS:
        ones = _SMALL_NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0
        return _TENS[parts[0]] + ones + half
    return None


def _duration(n: float | None, unit: str) -> str:
    """A TimeML duration: (2, "years") -> P2Y, (1.5, "hours") -> PT1H30M, (None, "days") -> PXD."""
    base = unit.lower().rstrip("s")
    if base == "centurie":
        base = "century"
    letter, is_time = _UNITS.get(base, ("X", False))
    prefix = "PT" if is_time else "P"
    if n is None:
        return f"{prefix}X{letter}"
    if letter == "E":
        letter, n = "Y", n * 10
    if letter == "C":
        letter, n = "Y", n * 100
    if n != int(n):
        whole = int(n)
        smaller = {"Y": ("M", 12), "M": ("D", 30), "D": ("H", 24), "H": ("M", 60), "W": ("D", 7)}
        if letter in smaller:
            sub, factor = smaller[letter]
            rest = round((n - whole) * factor)
            if letter == "D":
                return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
            head = f"{whole}{letter}" if whole else ""
            return f"{prefix}{head}{rest}{sub}"
    return f"{prefix}{int(n)}{letter}"


def _iso_week(day: dt.date) -> str:
    """The ISO week of a day, "2023-W37"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


_MONTH_FUTURE_CUE = re.compile(
    r"(?:\b(?:will|shall|expected|expects|scheduled|plans?\s+to|due|by|next|payable|"
    r"set\s+to|to\s+be|effective|begin|starting|upcoming|coming)\b|['’]ll\b)",
    re.I,
)


def _month_future_cue(text: str, start: int) -> bool:
    """A future cue earlier in the sentence, before a month name without a year."""
    window = re.split(r"[.!?\n]\s", text[max(0, start - 80) : start])[-1]
    return bool(_MONTH_FUTURE_CUE.search(window))


def _year_for_month(month: int, day: int | None, dct: dt.date, future: bool) -> int:
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
    except ValueError:  # 29 February in a common year
        return past
    if future and gap_next <= 300:
        return past + 1
    return past + 1 if gap_next * 3 < gap_past else past


def _nearest_day_year(month: int, day: int, dct: dt.date) -> int:
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


def _shift_year(value: str, years: int) -> str | None:
    """`value` moved by whole years at its own granularity: 1989-Q3 -> 1988-Q3."""
    match = re.match(r"^([0-9]{4})(.*)$", value)
    if not match:
        return None
    rest = match[2]
    if rest.startswith("-02-29"):
        rest = "-02-28" + rest[6:]
    return f"{int(match[1]) + years:04d}{rest}"


def _day_value(day: dt.date) -> str:
    return day.isoformat()


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
def _dateparser_date(
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


def _future_cue(text: str, start: int) -> bool:
    """A will/scheduled/plans cue within six words before `start`, in the same sentence."""
    window = re.split(r"[.!?;]\s", text[max(0, start - 100) : start])[-1]
    words = re.findall(r"[\w'’]+", window)[-6:]
    return bool(_FUTURE_CUE.search(" ".join(words)))


def _weekday_date(
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


def _describe_day(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def _normalize(cand: _Candidate, text: str, ctx: _Context) -> _Value | None:
    """The value of one candidate, or None to drop it."""
    handler = _HANDLERS[cand.rule]
    span = text[cand.start : cand.end]
    try:
        return handler(cand, span, text, ctx)
    except (ValueError, OverflowError, KeyError):
        return None


def _month_number(word: str) -> int:
    return MONTH_NUMBERS[word.lower().rstrip(".")]


def _year_from(g: dict[str, str | None], ctx: _Context, *keys: str) -> int | None:
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


def _h_month_day(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    month = _month_number(g["month"] or "")
    day = int(re.match(r"[0-9]+", g["day"] or "")[0])  # type: ignore[index]
    year = int(g["year"] or 0) if g.get("year") else None
    if year is None:
        if ctx.published is None:
            dt.date(2000, month, day)  # validates the day
            return _Value("DATE", f"XXXX-{month:02d}-{day:02d}", _UNRESOLVED)
        dt.date(2000, month, day)  # validates the day
        year = _year_for_month(month, day, ctx.published, _month_future_cue(text, cand.start))
        day_obj = dt.date(year, month, day)
        return _Value(
            "DATE",
            _day_value(day_obj),
            f"{span} -> {_describe_day(day_obj)}: the nearest such day to the publication date",
        )
    day_obj = dt.date(year, month, day)
    return _Value("DATE", _day_value(day_obj), f"{span} -> {_describe_day(day_obj)}: explicit")


def _h_month_year(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    month = _month_number(g["month"] or "")
    value = f"{int(g['year'] or 0):04d}-{month:02d}"
    return _Value("DATE", value, f"{span} -> {value}: explicit month and year")


def _h_month(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    month = _month_number(g["month"] or "")
    dct = ctx.published
    if dct is None:
        return _Value("DATE", f"XXXX-{month:02d}", _UNRESOLVED)
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
        year = _year_for_month(month, None, dct, _month_future_cue(text, cand.start))
        why = "the most likely such month around publication"
    value = f"{year:04d}-{month:02d}"
    return _Value("DATE", value, f"{span} -> {value}: {why}")


def _h_iso(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    day = dt.date(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
    return _Value("DATE", day.isoformat(), f"{span} -> {_describe_day(day)}: ISO date")


def _h_numeric(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    base = ctx.published or dt.date(2000, 1, 1)
    got = _dateparser_date(span, base)
    if got is None:
        return None
    day = got[0].date()
    return _Value("DATE", day.isoformat(), f"{span} -> {_describe_day(day)}: numeric date")


def _h_year(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    year = int(cand.groups["year"] or 0)
    return _Value("DATE", f"{year:04d}", f"{span} -> the year {year}")


def _h_bc_year(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    year = int(g.get("year") or g.get("year2") or 0)
    era = (g.get("era") or g.get("era2") or "").upper().replace(".", "")
    if year <= 0:
        return None
    if era.startswith("B"):
        return _Value("DATE", f"BC{year:04d}", f"{span} -> the year {year} BC")
    return _Value("DATE", f"{year:04d}", f"{span} -> the year {year} AD")


def _h_year_words(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    if g.get("tens"):
        year = (
            1900
            + _TENS[(g["tens"] or "").lower()]
            + _SMALL_NUMBERS.get((g.get("ones") or "").lower(), 0)
        )
    else:
        year = 2000 + _SMALL_NUMBERS.get((g.get("ones2") or "").lower(), 0)
    return _Value("DATE", str(year), f"{span} -> the year {year}, written in words")


def _h_decade(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    if g.get("d4"):
        value = (g["d4"] or "")[:3]
    elif g.get("d2"):
        value = "19" + (g["d2"] or "")[0]
    else:
        value = "19" + str(_DECADE_WORDS[(g["dw"] or "").lower()])
        if not span.lower().startswith("the"):
            return None  # "in his fifties" is an age
    return _Value("DATE", value, f"{span} -> the decade {value}0s")


def _h_century(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    raw = (cand.groups["n"] or "").lower()
    n = int(re.match(r"[0-9]+", raw)[0]) if raw[0].isdigit() else _CENTURY_ORDINALS[raw]  # type: ignore[index]
    if n < 1 or n > 99:
        return None
    value = f"{n - 1:02d}"
    return _Value("DATE", value, f"{span} -> the {value}00s (century {n})")


def _h_quarter(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    n = _ORDINALS[(g["ord"] or "").lower()]
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
            return _Value("DATE", f"XXXX-{letter}{n}", _UNRESOLVED)
        dct = ctx.published
        current = _quarter_of(dct) if letter == "Q" else (dct.month - 1) // 6 + 1
        rel = (g.get("rel") or "").lower()
        year, why = dct.year, "the publication year"
        # "the fourth quarter" in January is last year's: a quarter still to come is not news.
        if rel in {"last", "previous", "past"} or (rel == "" and n > current):
            year, why = dct.year - 1, "the last such period before publication"
        elif rel == "next" and n <= current:
            year, why = dct.year + 1, "the next such period"
    value = f"{year:04d}-{letter}{n}"
    return _Value("DATE", value, f"{span} -> {value}: {why}")


def _h_ref_quarter(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    rel = (g.get("rel") or g.get("rel2") or "").lower()
    unit = (g.get("unit") or "quarter").lower()
    dct = ctx.published
    if unit == "period" and rel not in {"latest", "year-earlier", "year-ago", "same", "current"}:
        return None
    if dct is None:
        return _Value("DATE", "XXXX-QX", _UNRESOLVED)
    previous_q = (
        dct.year if _quarter_of(dct) > 1 else dct.year - 1,
        (_quarter_of(dct) - 2) % 4 + 1,
    )
    if rel in {"year-earlier", "year-ago"}:
        base = ctx.last.get("quarter") or f"{previous_q[0]}-Q{previous_q[1]}"
        value = _shift_year(base, -1) or base
        return _Value("DATE", value, f"{span} -> {value}: a year before {base}")
    if rel in {"current", "this"} and not span.lower().startswith("that"):
        value = f"{dct.year}-Q{_quarter_of(dct)}"
        return _Value("DATE", value, f"{span} -> {value}: the publication quarter")
    if rel == "next":
        q = _quarter_of(dct) % 4 + 1
        value = f"{dct.year + (1 if q == 1 else 0)}-Q{q}"
        return _Value("DATE", value, f"{span} -> {value}: the quarter after publication")
    if rel in {"latest", "most recent", "recent", "just-ended", "past", "previous"}:
        value = f"{previous_q[0]}-Q{previous_q[1]}"
        return _Value("DATE", value, f"{span} -> {value}: the last full quarter before publication")
    if "quarter" in ctx.last and rel != "last":
        value = ctx.last["quarter"]
        return _Value("DATE", value, f"{span} -> {value}: the quarter last mentioned")
    value = f"{previous_q[0]}-Q{previous_q[1]}"
    return _Value("DATE", value, f"{span} -> {value}: the quarter before publication")


def _season_value(season: str, year: int) -> str:
    return f"{year:04d}-{season}"


def _h_season(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    season = _SEASONS[(g["season"] or "").lower()]
    year = _year_from(g, ctx, "year", "year2")
    if year is not None:
        return _Value("DATE", _season_value(season, year), f"{span} -> {season} {year}: explicit")
    dct = ctx.published
    if dct is None:
        return _Value("DATE", f"XXXX-{season}", _UNRESOLVED)
    rel = (g.get("rel") or "").lower()
    # A season of year Y starts on the 1st of its first month; winter Y runs December to February.
    started = max(y for y in (dct.year - 1, dct.year) if _season_start(season, y) <= dct)
    current = dct < _season_start(season, started, months_later=3)
    if rel in {"last", "past"}:
        year, why = (started - 1 if current else started), "the most recent such season"
    elif rel in {"next", "coming"}:
        year, why = started + 1, "the next such season"
    else:
        year, why = (started if current else dct.year), "the season of the publication year"
    value = _season_value(season, year)
    return _Value("DATE", value, f"{span} -> {value}: {why}")


def _season_start(season: str, year: int, months_later: int = 0) -> dt.date:
    """The first day of `season` in `year`, or `months_later` months after it."""
    y, m = _add_months(year, _SEASON_START_MONTH[season], months_later)
    return dt.date(y, m, 1)


def _h_rel_unit(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    rel = (g["rel"] or "").lower()
    unit = (g["unit"] or "").lower()
    dct = ctx.published
    if rel == "past" or (rel == "same" and unit != "week"):
        if unit == "weekend":
            return None
        letter = {"year": "Y", "month": "M", "week": "W", "decade": "E", "century": "C"}[unit]
        return (
            _Value("DURATION", _duration(1, unit), f"{span}: a duration of one {unit}")
            if letter
            else None
        )
    if dct is None:
        return _Value("DATE", "XXXX", _UNRESOLVED)
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
        if unit == "year":
            value = f"{int(last[:4]) + offset:04d}"
        elif re.match(r"^[0-9]{4}-[0-9]{2}(?:-|$)", last):
            y, m = _add_months(int(last[:4]), int(last[5:7]), offset)
            value = f"{y:04d}-{m:02d}"
        else:
            value = ""
        if value:
            return _Value(
                "DATE",
                value,
                f"{span} -> {value}: {rel} {unit} after {last}, the date last mentioned",
            )
    if unit == "year":
        value = f"{dct.year + offset:04d}"
    elif unit == "month":
        m = dct.month - 1 + offset
        value = f"{dct.year + m // 12:04d}-{m % 12 + 1:02d}"
    elif unit == "week":
        value = _iso_week(dct + dt.timedelta(weeks=offset))
    elif unit == "weekend":
        if rel == "this" and dct.weekday() < 4 and not _future_cue(text, cand.start):
            offset = -1 if _past_tense_near(text, cand.end) else 0
        value = _iso_week(dct + dt.timedelta(weeks=offset)) + "-WE"
    elif unit == "decade":
        value = f"{dct.year // 10 + offset:03d}"
    else:
        value = f"{dct.year // 100 + offset:02d}"
    return _Value("DATE", value, f"{span} -> {value}: {rel} {unit} from the publication date")


def _past_tense_near(text: str, end: int) -> bool:
    return bool(re.search(r"\b(?:was|were|had|did|\w+ed)\b", text[max(0, end - 80) : end + 40]))


def _h_weekend(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    dct = ctx.published
    if dct is None:
        return _Value("DATE", "XXXX-WXX-WE", _UNRESOLVED)
    # An ISO week ends with its weekend: from Friday on, or with a future cue, "the weekend" is
    # this week's; earlier in the week it is the one just past.
    past = dct.weekday() < 4 and not _future_cue(text, cand.start)
    value = _iso_week(dct - dt.timedelta(days=7 if past else 0)) + "-WE"
    return _Value("DATE", value, f"{span} -> {value}: the weekend nearest the publication date")


def _unit_base(unit: str) -> str:
    base = unit.lower()
    if base == "centuries":
        return "century"
    return base[:-1] if base.endswith("s") else base


def _h_ago(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    raw_num = (g["num"] or "").lower()
    n = _num(raw_num)
    unit = _unit_base(g["unit"] or "")
    direction = (g["dir"] or "").lower()
    if direction in {"later", "before", "hence"} or (
        direction == "earlier" and n is not None and n != 1
    ):
        # "three days later" is a DURATION span without "later": re-emit it below.
        return None
    dct = ctx.published
    if n is None:
        if dct is None:
            return _Value("DATE", "PAST_REF", _UNRESOLVED)
        decade = f"{dct.year // 10}X" if unit in {"year", "decade"} else "PAST_REF"
        return _Value("DATE", decade, f"{span}: some {unit}s before publication")
    sign = 1 if direction in {"from now"} else -1
    anaphoric = direction == "earlier" or (
        n == 1 and unit in {"year", "quarter"} and raw_num in {"a", "one"}
    )
    if anaphoric and unit == "year" and ctx.last.get("any"):
        # "a year ago" after a quarter is that quarter a year back (earnings reports); after a
        # day or month, "a year earlier" is that date a year back; otherwise the DCT's year - 1.
        last = ctx.last.get("quarter") or ctx.last.get("half") or ctx.last["any"]
        if _precision(last) in {"quarter", "half"} or direction == "earlier":
            shifted = _shift_year(last, -1)
            if shifted:
                return _Value(
                    "DATE",
                    shifted,
                    f"{span} -> {shifted}: a year before {last}, the date last mentioned",
                )
    if dct is None:
        return _Value("DATE", "XXXX", _UNRESOLVED)
    whole = int(n)
    if unit == "year":
        value = f"{dct.year + sign * whole:04d}"
    elif unit == "decade":
        value = f"{dct.year + sign * 10 * whole:04d}"
    elif unit == "century":
        value = f"{(dct.year + sign * 100 * whole) // 100:02d}"
    elif unit == "month":
        m = dct.month - 1 + sign * whole
        value = f"{dct.year + m // 12:04d}-{m % 12 + 1:02d}"
    elif unit == "quarter":
        q = dct.year * 4 + _quarter_of(dct) - 1 + sign * whole
        value = f"{q // 4:04d}-Q{q % 4 + 1}"
    elif unit in {"week", "fortnight"}:
        value = _iso_week(
            dct + dt.timedelta(weeks=sign * whole * (2 if unit == "fortnight" else 1))
        )
    elif unit in {"day", "night"}:
        value = (dct + dt.timedelta(days=sign * whole)).isoformat()
    else:
        value = _day_value(dct)
    return _Value("DATE", value, f"{span} -> {value}: counted from the publication date")


def _h_year_ago_adj(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    unit = (cand.groups["unit"] or "").lower()
    dct = ctx.published
    last = ctx.last.get("quarter") if unit != "month" else ctx.last.get("month")
    if last is None:
        last = ctx.last.get("any")
    if last and unit == "year":
        shifted = _shift_year(last, -1)
        if shifted:
            return _Value("DATE", shifted, f"{span} -> {shifted}: a year before {last}")
    if dct is None:
        return _Value("DATE", "XXXX", _UNRESOLVED)
    value = f"{dct.year - 1:04d}"
    return _Value("DATE", value, f"{span} -> {value}: a year before publication")


def _h_duration(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    n = _num(g["num"])
    unit = g["unit"] or ""
    rel = (g.get("rel") or "").lower()
    if n is None:
        return None
    if unit.lower().startswith("quarter") and rel in {"next", "coming", "past", "last"}:
        value = f"P{int(n * 3)}M"
    else:
        value = _duration(n, unit)
    return _Value("DURATION", value, f"{span}: a duration ({value})")


def _h_vague_duration(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    unit = cand.groups["unit"] or ""
    return _Value("DURATION", _duration(None, unit), f"{span}: an unspecified duration")


def _h_long_adj(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    """ "day-long" P1D, "two-week-long" P2W, "decades-long" PXE."""
    g = cand.groups
    unit = g["unit"] or ""
    n = _num(g["num"]) if g.get("num") else (None if unit.lower().endswith("s") else 1)
    value = _duration(n, unit)
    return _Value("DURATION", value, f"{span}: a duration ({value})")


def _h_bare_units(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    unit = cand.groups["unit"] or ""
    return _Value("DURATION", _duration(None, unit), f"{span}: an unspecified duration")


def _h_unit_alone(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    unit = (g["unit"] or "").lower()
    rel = (g["rel"] or "").lower()
    if g.get("det") or rel == "past":
        return _Value("DURATION", _duration(1, unit), f"{span}: a duration of one {unit}")
    if unit in {"day", "hour"}:
        return None
    if unit == "quarter":
        return _h_ref_quarter(
            _Candidate(cand.start, cand.end, "ref_quarter", {"rel2": rel, "unit": "quarter"}),
            span,
            text,
            ctx,
        )
    return None


def _h_deictic_day(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    word = (g["word"] or "").lower()
    part = (g.get("part") or "").lower()
    dct = ctx.published
    if dct is None:
        return _Value("DATE", "XXXX-XX-XX", _UNRESOLVED)
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    day = dct + dt.timedelta(days=offset)
    value = day.isoformat()
    kind = "DATE"
    if word == "tonight":
        value, kind = value + "TNI", "TIME"
    elif part:
        value, kind = value + "T" + _PARTS_OF_DAY[part], "TIME"
    return _Value(kind, value, f"{span} -> {_describe_day(day)}: {word} from the publication date")


def _h_this_part(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    rel = (g["rel"] or "").lower()
    part = (g["part"] or "").lower()
    dct = ctx.published
    if dct is None:
        return _Value("TIME", "XXXX-XX-XXT" + _PARTS_OF_DAY[part], _UNRESOLVED)
    if rel == "last" and part not in {"night", "evening"}:
        return None  # "last morning" is not idiomatic; "the last afternoon" is narrative
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    day = dct + dt.timedelta(days=offset)
    value = day.isoformat() + "T" + _PARTS_OF_DAY[part]
    return _Value("TIME", value, f"{span} -> {value}: {_describe_day(day)}, {part}")


def _h_weekday(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    wd_name = g["wd"] or ""
    weekday = WEEKDAY_NUMBERS[wd_name.lower()]
    part = (g.get("part") or "").lower()
    dct = ctx.published
    if dct is None:
        value = f"XXXX-WXX-{weekday + 1}"
        return _Value("DATE", value, f"unresolved: no publication date for {wd_name}")
    future = _future_cue(text, cand.start)
    day, why = _weekday_date(weekday, dct, g.get("rel"), future, wd_name)
    value, kind = day.isoformat(), "DATE"
    if part:
        value, kind = value + "T" + _PARTS_OF_DAY[part], "TIME"
    return _Value(kind, value, f"{wd_name} -> {day.isoformat()}: {why} ({_describe_day(day)})")


def _clock_day(text: str, cand: _Candidate, ctx: _Context, dct: dt.date) -> dt.date:
    """The day of a bare clock time: a weekday later in the clause ("at 6 a.m. (0400 GMT) on
    Thursday"), else a day mentioned just before, else the publication day."""
    clause = re.split(r"[.;!?]\s", text[cand.end : cand.end + 60])[0]
    ahead = re.search(rf"\b(?:on\s+)?({_WEEKDAY}|today|yesterday|tomorrow|tonight)\b", clause)
    if ahead:
        word = ahead.group(1).lower()
        if word in WEEKDAY_NUMBERS:
            future = _future_cue(text, cand.start)
            return _weekday_date(WEEKDAY_NUMBERS[word], dct, None, future, ahead.group(1))[0]
        return dct + dt.timedelta(days=_DEICTIC_OFFSETS[word])
    if "day" in ctx.last and cand.start - ctx.last_day_end < 200:
        return dt.date.fromisoformat(ctx.last["day"])
    return dct


_DEICTIC_OFFSETS: Final[dict[str, int]] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _h_clock(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    clock = (g["clock"] or "").lower()
    match = re.match(r"([0-9]{1,2})(?::([0-9]{2}))?\s*(a\.?m|p\.?m)?", clock)
    if clock.startswith("noon"):
        hour, minute = 12, 0
    elif clock.startswith("midnight"):
        hour, minute = 24, 0
    elif match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if match[3] and match[3].startswith("p") and hour < 12:
            hour += 12
        if match[3] and match[3].startswith("a") and hour == 12:
            hour = 0
        if hour > 23:
            return None
    else:
        return None
    day_word = g.get("wd1") or g.get("wd2")
    dct = ctx.published
    day: dt.date | None = None
    if g.get("md") and dct is not None:
        sub = re.match(rf"({_MONTH})\s+([0-9]+)(?:,\s+([0-9]{{4}}))?", g["md"] or "", re.I)
        if sub:
            month, dnum = _month_number(sub[1]), int(sub[2])
            year = int(sub[3]) if sub[3] else _nearest_day_year(month, dnum, dct)
            day = dt.date(year, month, dnum)
    elif day_word and dct is not None:
        low = day_word.lower()
        if low in WEEKDAY_NUMBERS:
            day, _ = _weekday_date(
                WEEKDAY_NUMBERS[low], dct, None, _future_cue(text, cand.start), day_word
            )
        else:
            day = dct + dt.timedelta(
                days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[low]
            )
    elif dct is not None:
        day = _clock_day(text, cand, ctx, dct)
    hhmm = f"{hour:02d}:{minute:02d}" if minute or hour != 24 else "24"
    if day is None:
        return _Value("TIME", f"XXXX-XX-XXT{hhmm}", _UNRESOLVED)
    value = f"{day.isoformat()}T{hhmm}"
    return _Value("TIME", value, f"{span} -> {value}: clock time on {_describe_day(day)}")


def _h_ref(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    word = re.sub(r"\s+", " ", (cand.groups["word"] or "").lower())
    if word in {"now", "currently", "current", "nowadays", "at present", "these days"}:
        value = "PRESENT_REF"
    elif word in {"recently", "recent", "the past", "lately"}:
        value = "PAST_REF"
    else:
        value = "FUTURE_REF"
    return _Value("DATE", value, f"{span} -> {value}: a vague reference time")


def _h_frequency(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    value = _FREQUENCY[(cand.groups["word"] or "").lower()]
    return _Value("SET", value, f"{span}: repeats every {value}")


def _h_every(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    n = 2 if g.get("other") else 1
    if g.get("wd"):
        value = f"XXXX-WXX-{WEEKDAY_NUMBERS[(g['wd'] or '').lower()] + 1}"
    elif g.get("month"):
        value = f"XXXX-{_month_number(g['month'] or ''):02d}"
    elif g.get("part"):
        value = "TXX" + _PARTS_OF_DAY[(g["part"] or "").lower()]
    else:
        value = _duration(n, g["unit"] or "")
        if (g["unit"] or "").lower() == "quarter":
            value = f"P{n}Q"
    return _Value("SET", value, f"{span}: repeats ({value})")


def _holiday_date(name: str, year: int) -> dt.date:
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
    return dt.date(year, month, day)


def _h_holiday(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    g = cand.groups
    name = g["name"] or ""
    dct = ctx.published
    if dct is None:
        return _Value("DATE", "XXXX-XX-XX", _UNRESOLVED)
    rel = (g.get("rel") or "").lower()
    options = [_holiday_date(name, y) for y in (dct.year - 1, dct.year, dct.year + 1)]
    if rel == "last":
        day = max(d for d in options if d < dct)
    elif rel == "next":
        day = min(d for d in options if d > dct)
    elif rel == "this":
        day = options[1]
    else:
        day = min(options, key=lambda d: abs((d - dct).days))
    return _Value("DATE", day.isoformat(), f"{span} -> {_describe_day(day)}: the nearest {name}")


def _h_fiscal_year(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    rel = (cand.groups.get("rel") or "").lower()
    dct = ctx.published
    if dct is None:
        return _Value("DATE", "XXXX", _UNRESOLVED)
    offset = {"latest": -1, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(
        rel, 0
    )
    if rel == "past" or _PERIOD_ENDING.match(text, cand.end):
        return _Value("DURATION", "P1Y", f"{span}: a duration of one year")
    value = f"{dct.year + offset:04d}"
    return _Value("DATE", value, f"{span} -> {value}: relative to the publication year")


# "the year ended March 31" is a twelve-month period, not a calendar year.
_PERIOD_ENDING: Final = re.compile(r"\s+(?:ended|ending|that\s+ended|to|through)\b", re.I)


def _h_year_end(cand: _Candidate, span: str, text: str, ctx: _Context) -> _Value | None:
    dct = ctx.published
    if dct is None:
        return _Value("DATE", "XXXX", _UNRESOLVED)
    if cand.rule == "the_year" and _PERIOD_ENDING.match(text, cand.end):
        return _Value("DURATION", "P1Y", f"{span}: a duration of one year")
    if re.fullmatch(r"year[-\s]end", span, re.I):
        # "year-end" is the last day of the year: the coming one, or the last one after "since".
        year = dct.year - 1 if _word_before(text, cand.start) == "since" else dct.year
        value = f"{year:04d}-12-31"
        return _Value("DATE", value, f"{span} -> {value}: the end of the year")
    value = f"{dct.year:04d}"
    return _Value("DATE", value, f"{span} -> {value}: the publication year")


_Handler = Callable[[_Candidate, str, str, _Context], "_Value | None"]
_HANDLERS: Final[dict[str, _Handler]] = {
    "clock": _h_clock,
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
    "ref_quarter": _h_ref_quarter,
    "season": _h_season,
    "rel_unit": _h_rel_unit,
    "weekend": _h_weekend,
    "ago": _h_ago,
    "year_ago_adj": _h_year_ago_adj,
    "duration": _h_duration,
    "vague_duration": _h_vague_duration,
    "bare_units": _h_bare_units,
    "long_adj": _h_long_adj,
    "unit_alone": _h_unit_alone,
    "deictic_day": _h_deictic_day,
    "this_part": _h_this_part,
    "weekday": _h_weekday,
    "ref": _h_ref,
    "frequency": _h_frequency,
    "every": _h_every,
    "holiday": _h_holiday,
    "fiscal_year": _h_fiscal_year,
    "year_end": _h_year_end,
    "the_year": _h_year_end,
}

# ---------------------------------------------------------------------------------------------
# Values -> precision and interval
# ---------------------------------------------------------------------------------------------

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


def _precision(value: str) -> str:
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


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + months
    return total // 12, total % 12 + 1


def _interval(value: str) -> tuple[np.datetime64 | None, np.datetime64 | None]:
    """The calendar interval a value denotes, end exclusive; (None, None) if it has none."""
    bc = value.startswith("BC")
    body = value[2:] if bc else value
    precision = _precision(value)
    m = re.match(r"^([0-9]{2,4})", body)
    if precision == "none" or m is None:
        return None, None
    year = int(m[1])
    if bc:
        year = 1 - year
    parts = body.split("-")
    try:
        if precision == "year":
            return _d64(year), _d64(year + 1)
        if precision == "decade":
            return _d64(year * 10), _d64(year * 10 + 10)
        if precision == "century":
            return _d64(year * 100), _d64(year * 100 + 100)
        if precision == "month":
            month = int(parts[1])
            y2, m2 = _add_months(year, month, 1)
            return _d64(year, month), _d64(y2, m2)
        if precision == "quarter":
            q = int(parts[1][1])
            y2, m2 = _add_months(year, 3 * q - 2, 3)
            return _d64(year, 3 * q - 2), _d64(y2, m2)
        if precision == "half":
            h = int(parts[1][1])
            y2, m2 = _add_months(year, 6 * h - 5, 6)
            return _d64(year, 6 * h - 5), _d64(y2, m2)
        if precision == "season":
            first = _SEASON_START_MONTH[parts[1]]
            y2, m2 = _add_months(year, first, 3)
            return _d64(year, first), _d64(y2, m2)
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
            lo, hi = _PART_HOURS[clock]
            return day + np.timedelta64(lo, "h"), day + np.timedelta64(hi, "h")
        hh = int(clock[:2])
        mm = int(clock[3:5]) if len(clock) >= 5 else 0
        start = day + np.timedelta64(hh, "h") + np.timedelta64(mm, "m")
        return start, start + np.timedelta64(1, "m")
    except (ValueError, KeyError, IndexError):
        return None, None


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def _strip_possessive(text: str, start: int, end: int) -> int:
    """End of the span without a trailing "'s" (possessives stay outside)."""
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            return end - 2
    return end


def date_mentions(article: Article) -> list[DateMention]:
    """Temporal expressions in `article`, each normalized against its publication date.

    Args:
        article: the article; ``article.published`` is the reference date (None leaves relative
            expressions unresolved, with a resolution saying so).

    Returns:
        The mentions, sorted by start offset.

    >>> from timeline.article import make_article
    >>> [m.value for m in date_mentions(make_article("He left on Friday.", published="2023-09-13"))]
    ['2023-09-08']
    """
    text = article.text
    if not text or text.isspace():
        return []
    ctx = _Context(published=article.published)
    mentions: list[DateMention] = []
    for cand in _candidates(text):
        value = _normalize(cand, text, ctx)
        if value is None:
            later = _later_duration(cand, text)
            if later is None:
                continue
            cand, value = later
        end = _strip_possessive(text, cand.start, cand.end)
        precision = _precision(value.value)
        lo, hi = _interval(value.value)
        if precision != "none" and value.type in {"DATE", "TIME"} and cand.rule not in _ANAPHORIC:
            ctx.remember(value.value, cand.end)
        mentions.append(
            DateMention(
                start=cand.start,
                end=end,
                text=text[cand.start : end],
                type=value.type,
                value=value.value,
                precision=precision,
                interval_start=lo,
                interval_end=hi,
                resolution=value.resolution,
            )
        )
    return mentions


# Values computed from other mentions are not themselves anchors for later anaphora.
_ANAPHORIC: Final = frozenset({"ago", "year_ago_adj", "ref_quarter", "clock", "unit_alone"})


def _later_duration(cand: _Candidate, text: str) -> tuple[_Candidate, _Value] | None:
    """ "three days later" -> the DURATION "three days" (gold leaves later/after outside)."""
    if cand.rule != "ago":
        return None
    g = cand.groups
    n = _num(g.get("num"))
    unit = g.get("unit") or ""
    span = text[cand.start : cand.end]
    cut = re.search(r"(?:\s+or\s+so)?\s+(?:ago|earlier|before|later|hence|from\s+now)$", span, re.I)
    if cut is None:
        return None
    new = _Candidate(cand.start, cand.start + cut.start(), "duration", g)
    value = _duration(n, unit)
    return new, _Value("DURATION", value, f"{text[new.start : new.end]}: a duration ({value})")


def find_dates(text: str, published: dt.date | str | None = None) -> pd.DataFrame:
    """Every temporal expression in `text`, one row each (columns of ``schema.DATE_DTYPES``).

    Args:
        text: article text.
        published: the publication date; None infers it from a wire dateline, if any.

    Returns:
        A frame sorted by ``char_start``; empty (but valid) when nothing is found. It never
        raises on the text itself: impossible dates ("February 30") are skipped.

    Raises:
        ValueError: `published` is a string that is not an ISO date.

    >>> find_dates("Putin said on Wednesday.", published="2023-09-13")["value"].tolist()
    ['2023-09-13']
    """
    if not text or text.isspace():
        return coerce_frame([], DATE_DTYPES)
    article = make_article(text, published=published)
    rows: list[dict[str, object]] = [
        {
            Col.CHAR_START: m.start,
            Col.CHAR_END: m.end,
            Col.TEXT: m.text,
            "type": m.type,
            "value": m.value,
            Col.PRECISION: m.precision,
            Col.START: m.interval_start,
            Col.END: m.interval_end,
            "resolution": m.resolution,
        }
        for m in date_mentions(article)
    ]
    return coerce_frame(rows, DATE_DTYPES)


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
