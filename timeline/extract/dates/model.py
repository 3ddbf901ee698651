"""The records passed between the stages: a grammar match, a normalized value, a mention.

See the package docstring for how the modules depend on each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass
class Candidate:
    """A matched span before normalization."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    priority: int = 0


@dataclass(frozen=True)
class Value:
    """A normalized value and the sentence explaining it."""

    type: str
    value: str
    resolution: str


UNRESOLVED: Final = "unresolved: no publication date"


# A normalizer: (candidate, its text, the article text, the document context) -> value or None.
Handler = Callable[[Candidate, str, str, Context], "Value | None"]
