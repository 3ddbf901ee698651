"""Calendar words shared by the dateline parser and the date finder."""

from __future__ import annotations

from typing import Final

__all__ = ["MONTH_NUMBERS", "MONTH_PATTERN", "WEEKDAY_NUMBERS"]

# Full names and the abbreviations wire services use ("Sept", "Sept.", "Sep").
MONTH_NUMBERS: Final[dict[str, int]] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip

# Longest first, so the regex alternation prefers "September" to "Sep".
MONTH_PATTERN: Final = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))

WEEKDAY_NUMBERS: Final[dict[str, int]] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
