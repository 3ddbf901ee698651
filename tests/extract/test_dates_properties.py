"""Property-based tests for find_dates: offsets, robustness, and round-tripping written dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd
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


# --- ranges and offsets (issue 7, part 3) ----------------------------------------------------

SEPARATORS = [" ", "  ", "\r\n", "\r", "\n", "\t", " \U0001f600 ", "\U00010348", " – ", "-"]
range_words = st.sampled_from(
    ["from", "to", "between", "and", "May", "September", "Jan.", "12-22", "12", "22", "2014",
     "2018", "1997-98", "through", "Monday", "the", "past", "two", "years", "next", "three",
     "days", "in", "weeks", "will", "this", "quarter", "Sept.", "13,", "2023"]
)  # fmt: skip
messy_texts = st.lists(st.tuples(range_words, st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(messy_texts, st.text(alphabet=st.characters(), max_size=200)))
def test_rows_point_into_text_with_crlf_tabs_and_astral_characters(text: str) -> None:
    for ranges in (True, False):
        frame = find_dates(text, published=PUBLISHED, ranges=ranges)
        rows = zip(frame["char_start"], frame["char_end"], frame["text"], strict=True)
        for start, end, found in rows:
            assert text[int(start) : int(end)] == found


def _range_styles(first: dt.date, last: dt.date) -> list[tuple[str, str]]:
    """A range of days written several ways, each with its expected precision."""
    m1, m2 = first.strftime("%B"), last.strftime("%B")
    styles = [
        (f"from {m1} {first.day}, {first.year} to {m2} {last.day}, {last.year}", "day"),
        (f"between {first.day} {m1} {first.year} and {last.day} {m2} {last.year}", "day"),
    ]
    if (first.year, first.month) == (last.year, last.month):
        styles += [
            (f"{m1} {first.day}-{last.day}, {first.year}", "day"),
            (f"{m1} {first.day} to {last.day}, {first.year}", "day"),
            (f"{first.day}-{last.day} {m1} {first.year}", "day"),
            (f"from {first.day} to {last.day} {m1} {first.year}", "day"),
        ]
    elif first.year == last.year:
        styles.append(
            (
                f"{ABBREVIATIONS.get(first.month, m1)} {first.day}-{m2} {last.day}, {last.year}",
                "day",
            )
        )
    return styles


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2099, 12, 30)),
    st.integers(min_value=1, max_value=400),
)
def test_written_day_ranges_parse_back_to_their_interval(first: dt.date, days: int) -> None:
    last = min(first + dt.timedelta(days=days), dt.date(2099, 12, 31))
    for written, precision in _range_styles(first, last):
        frame = find_dates(f"The talks ran {written}.", published=PUBLISHED)
        assert len(frame) == 1, (written, frame[["text", "value"]].to_numpy().tolist())
        got = frame.iloc[0]
        assert got["value"] == f"{first.isoformat()}/{last.isoformat()}", written
        assert got["precision"] == precision
        assert got["start"] == pd.Timestamp(first)
        assert got["end"] == pd.Timestamp(last + dt.timedelta(days=1))
        assert written.endswith(got["text"])


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1000, max_value=2098), st.integers(min_value=1, max_value=99))
def test_written_year_ranges_parse_back_to_their_interval(first: int, gap: int) -> None:
    last = min(first + gap, 2099)
    styles = [
        f"{first}-{last}",
        f"{first}–{last}",
        f"between {first} and {last}",
        f"from {first} to {last}",
    ]
    if last // 100 == first // 100 or last % 100 < first % 100:
        styles.append(f"{first}-{last % 100:02d}")
    for written in styles:
        frame = find_dates(f"Output grew in {written}, officials said.", published=PUBLISHED)
        assert frame[["value", "precision"]].to_numpy().tolist() == [[f"{first}/{last}", "year"]], (
            written
        )
        assert frame.iloc[0]["start"] == pd.Timestamp(dt.date(first, 1, 1))
        assert frame.iloc[0]["end"] == pd.Timestamp(dt.date(last + 1, 1, 1))
        ends = find_dates(
            f"Output grew in {written}, officials said.", published=PUBLISHED, ranges=False
        )
        assert list(ends["value"]) == [str(first), str(last)], written
