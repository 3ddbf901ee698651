"""Every offset of every public function indexes the string the caller passed (issue 8.3).

Texts mix ``\\r\\n``, lone ``\\r``, tabs and characters outside the BMP (emoji, CJK extension
B) with words the extractors act on. Offsets count code points of the caller's string.

What the text fields hold: ``find_dates``, ``find_places`` and ``geocode`` return the caller's
own characters (``text[start:end]``). ``extract_events`` (``sentence``, ``date_text``) and
``extract_mentions`` (``text``) return the article as the extractor read it, which differs from
the caller's string only in line ends: ``\\r\\n`` is read as `` \\n`` and a lone ``\\r`` as
``\\n`` (``timeline.article.normalize_newlines``), so the same offsets index both.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import find_dates, find_places, geocode
from timeline.article import normalize_newlines
from timeline.extract.pipeline import extract_events, extract_mentions

_PIECES = [
    "Paris", "London", "Geneva", "Rome", "President Vladimir Putin", "Kim Jong Un", "Russia",
    "on Monday", "May 5, 2021", "in 1948", "last week", "said", "met", "the", ".", ",",
    " ", " ", "\r\n", "\r", "\n", "\t", "😀", "𠀀", "𠜎", "中", "é", "—",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _valid(text: str, start: int, end: int) -> bool:
    return 0 <= start < end <= len(text)


@PROPERTY
@given(TEXTS)
def test_find_dates_offsets(text: str) -> None:
    for row in find_dates(text, published=dt.date(2023, 9, 13)).itertuples():
        assert _valid(text, row.char_start, row.char_end)
        assert text[row.char_start : row.char_end] == row.text


@PROPERTY
@given(TEXTS)
def test_find_places_offsets(text: str) -> None:
    for row in find_places(text).itertuples():
        assert _valid(text, row.char_start, row.char_end)
        assert text[row.char_start : row.char_end] == row.text


@PROPERTY
@given(TEXTS, st.lists(st.tuples(st.integers(-3, 200), st.integers(0, 12)), max_size=6))
def test_geocode_offsets(text: str, spans: list[tuple[int, int]]) -> None:
    pairs = [(start, start + length) for start, length in spans]
    for row in geocode(text, pairs).itertuples():
        assert (row.char_start, row.char_end) in pairs
        assert _valid(text, row.char_start, row.char_end)
        assert text[row.char_start : row.char_end] == row.text


@PROPERTY
@given(TEXTS)
def test_extract_events_offsets(text: str) -> None:
    read = normalize_newlines(text)
    assert len(read) == len(text)
    for row in extract_events(text, published="2023-09-13").itertuples():
        assert _valid(text, row.char_start, row.char_end)
        assert read[row.char_start : row.char_end] == row.sentence
        assert "\r" not in row.sentence
        if row.date_source == "explicit":
            start, end = int(row.date_char_start), int(row.date_char_end)
            assert row.char_start <= start < end <= row.char_end
            assert read[start:end] == row.date_text


@PROPERTY
@given(TEXTS)
def test_extract_mentions_offsets(text: str) -> None:
    read = normalize_newlines(text)
    events = extract_events(text, published="2023-09-13").set_index("event_id")
    for row in extract_mentions(text, published="2023-09-13").itertuples():
        assert _valid(text, row.char_start, row.char_end)
        assert read[row.char_start : row.char_end] == row.text
        sentence = events.loc[row.event_id]
        assert sentence.char_start <= row.char_start < row.char_end <= sentence.char_end


def test_crlf_and_astral_characters_keep_offsets() -> None:
    """A concrete case: the date and the place after CRLF lines and astral characters."""
    text = "😀𠀀 Notes\r\n\r\nLeaders met in Geneva on Monday.\r\nThey left."
    events = extract_events(text, published="2023-09-13")
    row = events[events["date_source"] == "explicit"].iloc[0]
    assert text[row.char_start : row.char_end] == "Leaders met in Geneva on Monday."
    assert text[int(row.date_char_start) : int(row.date_char_end)] == "Monday"
    (geneva,) = find_places(text).itertuples()
    assert text[geneva.char_start : geneva.char_end] == "Geneva"
