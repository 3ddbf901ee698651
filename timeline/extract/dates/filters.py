"""False friends: grammar matches that are not dates ("may" the modal, "march" the noun,
"$1990", "15%", "1990 people", "60 Minutes", "prices fall", "average daily volume"...).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from timeline.extract.calendar_words import MONTH_NUMBERS
from timeline.extract.dates.cues import sentence_start, word_before
from timeline.extract.dates.model import Candidate

__all__ = ["keep", "span_year"]


# Words after a number that make it a measure, not a date ("1990 people").
_MEASURE_AFTER = re.compile(
    r"\s*(?:-?(?:meters?|metres?|miles?|km|kilometers?|feet|foot|tons?|tonnes?|people|men|"
    r"women|troops|soldiers|votes|shares|points|students|workers|dollars|yen|members|units|"
    r"pounds|barrels|acres|cars|homes|jobs|employees|residents|deaths|percent|per\s+cent))\b",
    re.I,
)


_MONEY_BEFORE = re.compile(r"(?:[$£€¥]|\bUS\$|\bRs\.?|\bNo\.)\s*$", re.I)


_MONTH_CUE_BEFORE: Final = {
    "in", "since", "until", "till", "by", "last", "this", "next", "early", "late", "mid",
    "of", "from", "through", "to", "between", "and", "before", "after", "during", "for",
    "on", "or", "end", "beginning", "middle", "start", "throughout", "as",
}  # fmt: skip


@dataclass(frozen=True)
class _Around:
    """A candidate with its surroundings, for the false-friend filters."""

    cand: Candidate
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
        return word_before(self.text, self.cand.start)


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
    counted = re.match(r"\s*(?:to|-|–|—)\s*[0-9][0-9,]*", a.after)
    if counted and _MEASURE_AFTER.match(a.text, a.cand.end + counted.end()):
        return False  # "1990-2000 tons"
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
        starts = sentence_start(a.text, a.cand.start - len(prev.group(0)))
        return starts or bool(prev.group(2))  # "Orion 1980" is a name, not a date
    return True


def _keep_span(a: _Around) -> bool:
    """A range with both ends in one match: capitalized names, ends in order ("12-22", not
    "3-2"), and for years no measure after and no name before ("Orion 1980-81")."""
    if not all(not w or w[0].isupper() for w in (a.group("month"), a.group("month2"))):
        return False
    if not _keep_number(a):
        return False
    if a.cand.rule == "year_span":
        first, second = int(a.group("year")), span_year(a.group("year"), a.group("year2"))
        if "/" in a.group("conn") and second != first + 1:
            return False  # "1990/95" is not a season or a fiscal year
        return first < second <= first + 100 and _keep_year(a)
    if a.group("day") and a.group("day2") and a.cand.rule != "month_span":
        return _day_number(a.group("day")) < _day_number(a.group("day2"))
    return True


def _day_number(written: str) -> int:
    """ "22nd" -> 22."""
    return int(re.sub(r"[^0-9]", "", written))


def span_year(first: str, second: str) -> int:
    """The second year of "1997-98", "1999-2000", "2014-18": completed from the first."""
    if len(second) == 4:
        return int(second)
    century = int(first) // 100 * 100
    year = century + int(second)
    return year if year > int(first) else year + 100


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
    "day_span": _keep_span,
    "day_month_span": _keep_span,
    "month_span": _keep_span,
    "year_span": _keep_span,
}


def keep(cand: Candidate, text: str) -> bool:
    """Filter the false friends: "may" the verb, "march" the noun, "fall" the verb, money..."""
    check = _FILTERS.get(cand.rule)
    return check is None or check(_Around(cand, text))


_YEAR_NAME_OK: Final = frozenset(
    {"in", "since", "until", "by", "of", "from", "through", "to", "and", "or", "before", "after",
     "during", "between", "early", "late", "mid", "fiscal", "summer", "winter", "spring", "fall",
     "autumn", "christmas", "easter", "ad", "bc", "the", "year"}
    | {name.lower() for name in MONTH_NUMBERS}
)  # fmt: skip


def _title_case_inside(span: str, head: str, text: str, start: int) -> bool:
    """A capitalized head word ("This Week", "60 Minutes", mid-sentence "Today"): a title."""
    if not head or not head[0].isupper():
        return False
    return not span.startswith(head) or not sentence_start(text, start)
