"""Time windows for the timeline: where it opens, its range buttons, its tick labels.

News is dense around its publication date and sparse elsewhere: one "in 1948" beside this week's
events would stretch the axis over 75 years and squash the week into one column. The timeline
therefore opens on the **focus window**, the densest period (the shortest window holding most
events, widened to the events close to it), and offers range buttons computed from the events'
own extent ("week", "month" ... around the focus, and "all"), never from today's date.

Pure functions of an events frame; no plotly import.
"""

from __future__ import annotations

import math
from typing import Any, Final

import numpy as np
import pandas as pd

from timeline.schema import Col

__all__ = [
    "FOCUS_SHARE",
    "MIN_SPAN",
    "TICK_FORMAT_STOPS",
    "Window",
    "as_window",
    "event_extent",
    "focus_window",
    "padded",
    "range_presets",
]

Window = tuple[pd.Timestamp, pd.Timestamp]

FOCUS_SHARE: Final = 0.85  # the focus holds at least this share of the dated events
MIN_SPAN: Final = pd.Timedelta(days=1)  # no window is narrower: a single day shows as a day
_REACH_AT_LEAST: Final = pd.Timedelta(days=7)  # events this close to the densest core join it
_WORTH_FOCUSING: Final = 3.0  # focus only if it is this many times narrower than everything
_PAD_SHARE: Final = 0.05  # of the span, on each side
_PAD_AT_LEAST: Final = pd.Timedelta(hours=12)
_DAY: Final = pd.Timedelta(days=1)
# (label, half-width): presets centred on the focus, kept when they are wider than the focus and
# narrower than all the events
_PRESETS: Final = (
    ("week", pd.Timedelta(days=3.5)),
    ("month", pd.Timedelta(days=15.25)),
    ("year", pd.Timedelta(days=182.6)),
    ("10 y", pd.Timedelta(days=1826.2)),  # short: six buttons fit a 390 px phone
)
# Readable ticks at every zoom: the finer the tick spacing (dtick, ms), the finer the format.
TICK_FORMAT_STOPS: Final[list[dict[str, Any]]] = [
    {"dtickrange": [None, 1000], "value": "%H:%M:%S.%L<br>%e %b %Y"},
    {"dtickrange": [1000, 60_000], "value": "%H:%M:%S<br>%e %b %Y"},
    {"dtickrange": [60_000, 86_400_000], "value": "%H:%M<br>%e %b %Y"},
    {"dtickrange": [86_400_000, "M1"], "value": "%e %b<br>%Y"},
    {"dtickrange": ["M1", "M12"], "value": "%b<br>%Y"},
    {"dtickrange": ["M12", None], "value": "%Y"},
]


def _bounds(events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (end-exclusive; a day when missing) of the dated events, sorted by start,
    as numpy datetime64[s]."""
    dated = events[events[Col.START].notna()]
    start = dated[Col.START].to_numpy(dtype="datetime64[s]")
    end = dated[Col.END].to_numpy(dtype="datetime64[s]")
    one_day = np.timedelta64(86_400, "s")
    end = np.where(np.isnat(end) | (end <= start), start + one_day, end)
    order = np.argsort(start, kind="stable")
    return start[order], end[order]


def event_extent(events: pd.DataFrame) -> Window | None:
    """From the earliest start to the latest end of the dated events; None if none is dated.

    >>> from timeline.schema import empty_events
    >>> event_extent(empty_events()) is None
    True
    """
    start, end = _bounds(events)
    if not len(start):
        return None
    return pd.Timestamp(start[0]), pd.Timestamp(end.max())


def as_window(window: tuple[object, object] | None) -> Window | None:
    """An explicit (start, end) as timestamps, or None when it is missing, unreadable or empty.

    >>> as_window(("2023-09-11", "2023-09-14"))[1]
    Timestamp('2023-09-14 00:00:00')
    >>> as_window(("2023-09-14", "2023-09-11")) is None, as_window(("soon", "later")) is None
    (True, True)
    """
    if window is None:
        return None
    try:
        start, end = pd.Timestamp(window[0]), pd.Timestamp(window[1])  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return (start, end) if not (pd.isna(start) or pd.isna(end)) and end > start else None


def padded(window: Window, *, share: float = _PAD_SHARE) -> Window:
    """`window` widened by `share` of its span on each side (at least 12 hours), and to at least
    MIN_SPAN in all.

    >>> padded((pd.Timestamp("2023-09-13"), pd.Timestamp("2023-09-13")))
    (Timestamp('2023-09-12 12:00:00'), Timestamp('2023-09-13 12:00:00'))
    """
    start, end = window
    pad = max((end - start) * share, _PAD_AT_LEAST)
    start, end = start - pad, end + pad
    if end - start < MIN_SPAN:
        middle = start + (end - start) / 2
        start, end = middle - MIN_SPAN / 2, middle + MIN_SPAN / 2
    return start.round("s"), end.round("s")


def focus_window(events: pd.DataFrame, *, share: float = FOCUS_SHARE) -> Window | None:
    """Where the timeline opens: the densest period of the events, padded.

    The core is the shortest window holding `share` of the dated events (rounded down, at least
    two; by start, the most
    recent one on a tie); events within a week of it (or within its own span, if longer) join
    it. When the focus would not be much narrower than all the events (a third of their extent),
    it is all of them. Every window is at least a day wide.

    Args:
        events: an events frame; undated rows are ignored.
        share: the least share of the dated events in the core.

    Returns:
        (start, end) of the window, or None when no event is dated.

    >>> days = pd.to_datetime(["2023-09-12", "2023-09-13", "2023-09-13", "1948-01-01"])
    >>> frame = pd.DataFrame({"start": days, "end": days + pd.Timedelta(days=1)})
    >>> [str(t) for t in focus_window(frame)]
    ['2023-09-11 12:00:00', '2023-09-14 12:00:00']
    """
    start, end = _bounds(events)
    n = len(start)
    if not n:
        return None
    whole: Window = (pd.Timestamp(start[0]), pd.Timestamp(end.max()))
    held = n if n <= 2 else max(2, math.floor(share * n))
    spans = start[held - 1 :] - start[: n - held + 1]
    first = len(spans) - 1 - int(np.argmin(spans[::-1]))  # the latest of the narrowest
    core_start, core_last = start[first], start[first + held - 1]
    reach = max(pd.Timedelta(core_last - core_start), _REACH_AT_LEAST).to_numpy()
    near = (start >= core_start - reach) & (start <= core_last + reach)
    focus: Window = (pd.Timestamp(start[near].min()), pd.Timestamp(end[near].max()))
    if (focus[1] - focus[0]) * _WORTH_FOCUSING > whole[1] - whole[0]:
        focus = whole
    return padded(focus)


def range_presets(
    events: pd.DataFrame, *, known: tuple[Window | None, Window | None] | None = None
) -> list[tuple[str, Window | None]]:
    """The timeline's range buttons: (label, window), the window None for "all".

    "focus" is :func:`focus_window`; "week", "month", "year" and "10 y" are centred on the
    focus and shifted to stay inside the events' extent; a preset no wider than the focus or
    at least as wide as everything is left out. Empty when no event is dated. `known` is the
    events' (focus_window, event_extent) when already computed (a million events: 25 ms).
    """
    focus, extent = known if known is not None else (focus_window(events), event_extent(events))
    if focus is None or extent is None:
        return []
    lo, hi = padded(extent, share=0.0)  # half a day either side: no window of empty future
    presets: list[tuple[str, Window | None]] = [("focus", focus)]
    middle = focus[0] + (focus[1] - focus[0]) / 2
    for label, half in _PRESETS:
        if 2 * half <= (focus[1] - focus[0]) * 1.2 or 2 * half >= hi - lo:
            continue
        start, end = middle - half, middle + half
        shift = max(lo - start, pd.Timedelta(0)) - max(end - hi, pd.Timedelta(0))
        presets.append((label, ((start + shift).round("s"), (end + shift).round("s"))))
    presets.append(("all", None))
    return presets
