"""Numbers written in words or digits, and TimeML durations built from them.

>>> to_number("two and a half"), duration_value(1.5, "hours"), duration_value(None, "days")
(2.5, 'PT1H30M', 'PXD')
"""

from __future__ import annotations

import re

from timeline.extract.dates.lexicon import SMALL_NUMBERS, TENS, UNITS

__all__ = ["duration_value", "to_number", "unit_base"]


def to_number(word: str | None) -> float | None:
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
    if w in SMALL_NUMBERS:
        return SMALL_NUMBERS[w] + half
    parts = re.split(r"[- ]", w)
    if parts[0] in TENS:
        ones = SMALL_NUMBERS.get(parts[1], 0) if len(parts) > 1 else 0
        return TENS[parts[0]] + ones + half
    return None


def duration_value(n: float | None, unit: str) -> str:
    """A TimeML duration: (2, "years") -> P2Y, (1.5, "hours") -> PT1H30M, (None, "days") -> PXD."""
    base = unit.lower().rstrip("s")
    if base == "centurie":
        base = "century"
    letter, is_time = UNITS.get(base, ("X", False))
    prefix = "PT" if is_time else "P"
    if n is None:
        return f"{prefix}X{letter}"
    if base == "fortnight" and n is not None:
        n = n * 2  # a fortnight is two weeks: "two fortnights" is P4W
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


def unit_base(unit: str) -> str:
    base = unit.lower()
    if base == "centuries":
        return "century"
    return base[:-1] if base.endswith("s") else base
