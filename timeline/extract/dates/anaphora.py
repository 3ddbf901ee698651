"""Per-document context: the publication date and the value last mentioned per granularity,
which "the following year", "a year earlier" and "the quarter" are resolved against.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final

from timeline.extract.dates.intervals import precision_of

__all__ = ["ANAPHORIC", "Context"]


@dataclass
class Context:
    """Per-document state: the publication date and the last mentioned value per granularity."""

    published: dt.date | None
    last: dict[str, str] = field(default_factory=dict)
    last_day_end: int = -(10**9)
    # The last day written in full with its weekday ("Monday, Sept. 4") and where it ends:
    # the story's own week, which a past-tense weekday may follow (days.py).
    story_day: dt.date | None = None
    story_day_end: int = -(10**9)

    def remember_story_day(self, value: str, end: int) -> None:
        """Keep a day written in full with its weekday as the story's reference day."""
        self.story_day = dt.date.fromisoformat(value[:10])
        self.story_day_end = end

    def remember(self, value: str, end: int) -> None:
        """Keep `value` as the last mentioned one of its granularity."""
        precision = precision_of(value)
        if precision in {"day", "month", "quarter", "year", "half", "season", "week"}:
            self.last[precision] = value
            self.last["any"] = value
        if precision == "day":
            self.last_day_end = end


# Values computed from other mentions are not themselves anchors for later anaphora.
ANAPHORIC: Final = frozenset({"ago", "year_ago_adj", "ref_quarter", "clock", "unit_alone"})
