"""Property-based tests for find_dates: offsets, robustness, and round-tripping written dates."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.extract.dates import find_dates

PUBLISHED = dt.date(2023, 9, 13)
ABBREVIATIONS = {9: "Sept.", 1: "Jan.", 2: "Feb.", 8: "Aug.", 10: "Oct.", 11: "Nov.", 12: "Dec."}

words = st.sampled_from(
    ["Friday", "May", "march", "we", "$10", "15%", "in", "1948", "the", "1990s", "last", "year",
     "Sept.", "13", "ago", "two", "-", "weeks", ",", ".", "quarter", "third", "now", "\n", "BC"]
)  # fmt: skip
texts = st.one_of(st.text(max_size=300), st.lists(words, max_size=40).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_rows_point_into_the_text(text: str) -> None:
    frame = find_dates(text, published=PUBLISHED)
    rows = zip(frame["char_start"], frame["char_end"], frame["text"], strict=True)
    for start, end, found in rows:
        assert text[int(start) : int(end)] == found


@settings(max_examples=150, deadline=None)
@given(texts, st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1))))
def test_never_raises(text: str, published: dt.date | None) -> None:
    find_dates(text, published=published)


def _styles(day: dt.date) -> list[str]:
    month = day.strftime("%B")
    short = ABBREVIATIONS.get(day.month, month)
    return [
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year}",
        f"{short} {day.day}, {day.year}",
        day.isoformat(),
    ]


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_written_dates_parse_back(day: dt.date) -> None:
    for written in _styles(day):
        frame = find_dates(f"The meeting took place on {written}.", published=PUBLISHED)
        assert list(frame["text"]) == [written], written
        assert frame["value"].iloc[0] == day.isoformat()
        assert frame["precision"].iloc[0] == "day"
