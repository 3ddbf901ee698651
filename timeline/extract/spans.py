"""Questions about character spans that stay cheap in long texts: does this span overlap one
of those, or lie inside one of them? A scan of every span per question is quadratic in the
length of an article; these answer in O(log n) after an O(n log n) build.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable

__all__ = ["SpanIndex"]


class SpanIndex:
    """A fixed set of (start, end) spans, end exclusive.

    >>> spans = SpanIndex([(0, 5), (10, 20)])
    >>> spans.overlaps(4, 6), spans.overlaps(5, 10), spans.contains(12, 20), spans.contains(4, 11)
    (True, False, True, False)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        # The furthest end among the spans starting at or before each one.
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span shares a character with [start, end)."""
        before = bisect.bisect_left(self._starts, end)  # spans starting before `end`
        return before > 0 and self._reach[before - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """Whether one span holds all of [start, end)."""
        before = bisect.bisect_right(self._starts, start)  # spans starting at or before `start`
        return before > 0 and self._reach[before - 1] >= end
