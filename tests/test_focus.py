"""Time windows: the focus of the timeline and its range buttons."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.focus import FOCUS_SHARE, MIN_SPAN, event_extent, focus_window, range_presets


def _frame(starts: list[str], days: int | list[int] = 1) -> pd.DataFrame:
    start = pd.to_datetime(starts).astype("datetime64[s]")
    lengths = [days] * len(starts) if isinstance(days, int) else days
    end = start + pd.to_timedelta(lengths, unit="D")
    return pd.DataFrame({"start": start, "end": end})


def test_the_outlier_is_left_out_of_the_focus() -> None:
    events = _frame(["2023-09-12"] + ["2023-09-13"] * 8 + ["1948-01-01"], [1] * 9 + [366])
    low, high = focus_window(events)
    assert pd.Timestamp("2023-09-11") <= low < pd.Timestamp("2023-09-12")
    assert pd.Timestamp("2023-09-14") <= high < pd.Timestamp("2023-09-15")


def test_events_spread_evenly_show_whole() -> None:
    events = _frame([f"{year}-06-01" for year in range(2000, 2010)])
    low, high = focus_window(events)
    assert low < pd.Timestamp("2000-06-01") and high > pd.Timestamp("2009-06-02")


def test_a_single_year_shows_the_year() -> None:
    low, high = focus_window(_frame(["1948-01-01"], 366))
    assert low < pd.Timestamp("1948-01-01") and high > pd.Timestamp("1949-01-01")


def test_undated_and_empty_frames() -> None:
    events = pd.DataFrame({"start": pd.Series([pd.NaT], dtype="datetime64[s]"),
                           "end": pd.Series([pd.NaT], dtype="datetime64[s]")})  # fmt: skip
    assert focus_window(events) is None and event_extent(events) is None
    assert range_presets(events) == []


def test_presets_never_look_into_an_empty_future() -> None:
    events = _frame(["2023-09-13"] * 5 + ["2023-09-01", "2021-01-05"])
    presets = dict(range_presets(events))
    assert next(iter(presets)) == "focus" and list(presets)[-1] == "all" and presets["all"] is None
    _, last = event_extent(events)
    for label, window in presets.items():
        if window is not None:
            assert window[1] <= last + pd.Timedelta(days=1), label


days = st.integers(min_value=-40_000, max_value=40_000)  # 1860 to 2080


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(days, st.integers(min_value=1, max_value=400)), min_size=1, max_size=40))
def test_the_focus_holds_most_events_and_at_least_a_day(spans: list[tuple[int, int]]) -> None:
    base = pd.Timestamp("1970-01-01")
    events = _frame([str(base + pd.Timedelta(days=d)) for d, _ in spans], [n for _, n in spans])
    low, high = focus_window(events)
    assert high - low >= MIN_SPAN
    inside = ((events["start"] >= low) & (events["start"] < high)).sum()
    n = len(events)
    assert inside >= (n if n <= 2 else max(2, math.floor(FOCUS_SHARE * n)))
    first, last = event_extent(events)
    presets = range_presets(events)
    # the focus and extent given (as the page does, having them already) change nothing
    assert range_presets(events, known=((low, high), (first, last))) == presets
    for label, window in presets[1:]:  # after the (padded) focus
        if window is not None:  # inside the events' extent, half a day of margin
            assert first - pd.Timedelta(days=1) <= window[0] < window[1], label
            assert window[1] <= last + pd.Timedelta(days=1), label
