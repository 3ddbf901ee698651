"""The records passed between the stages: a grammar match, a normalized value, a mention.

See the package docstring for how the modules depend on each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from timeline.extract.dates.anaphora import Context

__all__ = ["UNRESOLVED", "Candidate", "DateMention", "Handler", "Value"]


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
    # A range ("from May to September", "Jan. 12-22") is one mention spanning both ends, with
    # the interval from the start of the first to the end of the second; `ends` keeps the two
    # TIMEX3s, which TempEval-3 annotates (and scores) separately.
    ends: tuple[DateMention, DateMention] | None = None


@dataclass
class Candidate:
    """A matched span before normalization; `parts` holds the offsets of the named groups of
    a span rule ("Jan. 12-22"), which is split into its two ends before normalization."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    priority: int = 0
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Value:
    """A normalized value and the sentence explaining it.

    `interval` and `precision` are set only where the value string does not give them: an
    anchored duration ("the past two years", P2Y) keeps its TimeML value and denotes an
    interval around the publication date.
    """

    type: str
    value: str
    resolution: str
    interval: tuple[np.datetime64, np.datetime64] | None = None
    precision: str | None = None


UNRESOLVED: Final = "unresolved: no publication date"


# A normalizer: (candidate, its text, the article text, the document context) -> value or None.
Handler = Callable[[Candidate, str, str, Context], "Value | None"]
