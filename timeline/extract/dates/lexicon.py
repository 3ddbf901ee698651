"""The closed trigger lexicon: word tables and the regex fragments the grammar is built from.

>>> SMALL_NUMBERS["a dozen"], SEASONS["autumn"], PARTS_OF_DAY["overnight"]
(12, 'FA', 'NI')
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "APPROX",
    "CENTURY_ORDINALS",
    "CLOCK",
    "DAYNUM",
    "DECADE_WORDS",
    "DEICTIC_OFFSETS",
    "FREQUENCY",
    "MOD",
    "MONTH",
    "MONTH_ABBR",
    "MONTH_NAMES",
    "NUMBER",
    "NUMWORD",
    "ORDINALS",
    "PART",
    "PARTS_OF_DAY",
    "PART_HOURS",
    "SEASONS",
    "SEASON_START_MONTH",
    "SMALL_NUMBERS",
    "TENS",
    "TZ",
    "UNIT",
    "UNITS",
    "UNITS_WORDS",
    "UNIT_SG",
    "WEEKDAY",
    "YEAR",
    "YEAR_END",
]


SMALL_NUMBERS: Final[dict[str, float]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
    "a dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2, "half a": 0.5, "half an": 0.5,
}  # fmt: skip


TENS: Final[dict[str, int]] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip


UNITS_WORDS: Final = "one|two|three|four|five|six|seven|eight|nine"


ORDINALS: Final[dict[str, int]] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip


CENTURY_ORDINALS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip


DECADE_WORDS: Final[dict[str, int]] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


# Unit word -> (TimeML duration letter, whether it goes after "T").
UNITS: Final[dict[str, tuple[str, bool]]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("E", False), "century": ("C", False),
}  # fmt: skip


SEASONS: Final[dict[str, str]] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip


SEASON_START_MONTH: Final[dict[str, int]] = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


PARTS_OF_DAY: Final[dict[str, str]] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip


PART_HOURS: Final[dict[str, tuple[int, int]]] = {
    "MO": (6, 12), "AF": (12, 18), "EV": (18, 24), "NI": (21, 30),
}  # fmt: skip


FREQUENCY: Final[dict[str, str]] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip


DEICTIC_OFFSETS: Final[dict[str, int]] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


MONTH_NAMES: Final = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)


MONTH_ABBR: Final = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"


MONTH: Final = rf"(?:{MONTH_NAMES}|{MONTH_ABBR})"


WEEKDAY: Final = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


DAYNUM: Final = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"


YEAR: Final = r"(?:1[0-9]{3}|20[0-9]{2})"


YEAR_END: Final = r"(?![0-9]|,[0-9]|\.[0-9]|%|-(?:[a-z]+-)?old)"


NUMWORD: Final = (
    rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{UNITS_WORDS}))?|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen|a\s+dozen|dozen|(?:a\s+)?couple\s+of|a|an|half\s+an?)"
)


NUMBER: Final = (
    rf"(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+\d/\d)?|{NUMWORD})(?:\s+and\s+a\s+half)?)"
)


UNIT: Final = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|"
    r"decades?|century|centuries)"
)


UNIT_SG: Final = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)"


MOD: Final = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|end|beginning|start)(?:\s+of)?(?:\s+the)?"
    r"[\s-]+|mid-)"
)


APPROX: Final = r"(?:nearly|almost|more\s+than|less\s+than|at\s+least|some)\s+"


TZ: Final = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time))?"


CLOCK: Final = (
    rf"(?:(?:[01]?[0-9]|2[0-3])(?::[0-5][0-9])?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
    rf"|(?:[01]?[0-9]|2[0-3]):[0-5][0-9]|noon|midnight){TZ}"
)


PART: Final = r"(?:morning|afternoon|evening|night|overnight)"
