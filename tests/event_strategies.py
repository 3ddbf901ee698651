"""Hypothesis strategies for events frames: every column, hostile text, and dates at the edges
of the calendar (44 BC, year 1, 9999-12-31 whose day ends in year 10000)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from timeline.filters import View, names_in
from timeline.schema import (
    DATE_SOURCES,
    EVENT_DTYPES,
    PLACE_KINDS,
    PRECISIONS,
    PUBLISHED_SOURCES,
    coerce_frame,
    validate_events,
)

_SECOND = np.timedelta64(1, "s")
FIRST = int(np.datetime64("-9999-01-01", "s").astype("int64"))
LAST = int(np.datetime64("9999-12-31T23:59:59", "s").astype("int64"))
EDGES = [
    FIRST,
    int(np.datetime64("-0044-03-15", "s").astype("int64")),
    int(np.datetime64("0000-01-01", "s").astype("int64")),  # 1 BC
    int(np.datetime64("0001-01-01", "s").astype("int64")),
    int(np.datetime64("1677-09-21", "s").astype("int64")),  # pandas' nanosecond floor
    int(np.datetime64("2262-04-12", "s").astype("int64")),  # and ceiling
    int(np.datetime64("9999-12-31", "s").astype("int64")),  # its day ends in 10000
    LAST,
]
# text a spreadsheet, a browser or a terminal could misread: formulas, markup, bidi controls
HOSTILE = ["=1+2", "+SUM(A1)", "-3", "@x", "\tx", "\rx", "<b>x</b>", "<script>alert(1)</script>",
           'a "quoted", comma', "line\nbreak", "evil\u202etxt.exe", "\u2067isolate\u2069", "'=x"]  # fmt: skip
text = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30),
    st.sampled_from(HOSTILE),
)
seconds = st.one_of(st.sampled_from(EDGES), st.integers(min_value=FIRST, max_value=LAST))


@st.composite
def event_rows(draw: st.DrawFn) -> dict[str, object]:
    """One valid event row, every column drawn."""
    start = draw(seconds)
    length = draw(st.one_of(st.sampled_from([1, 86_400]), st.integers(1, 400 * 86_400)))
    char_start = draw(st.integers(min_value=0, max_value=10_000))
    date_start = draw(st.none() | st.integers(min_value=char_start, max_value=char_start + 400))
    lat = draw(st.none() | st.floats(min_value=-90, max_value=90, allow_nan=False))
    published = draw(st.none() | seconds)
    hex_id = st.text("0123456789abcdef", min_size=16, max_size=16)
    return {
        "event_id": draw(hex_id),
        "doc_id": draw(hex_id),
        "title": draw(st.none() | text),
        "source": draw(st.none() | text | st.sampled_from(["https://example.org/a?b=1&c=2"])),
        "published": None if published is None else np.datetime64(published, "s"),
        "published_source": draw(st.none() | st.sampled_from(PUBLISHED_SOURCES)),
        "start": np.datetime64(start, "s"),
        "end": np.datetime64(start, "s") + length * _SECOND,
        "precision": draw(st.sampled_from(PRECISIONS)),
        "date_text": draw(text),
        "date_value": draw(st.none() | text),
        "date_source": draw(st.sampled_from(DATE_SOURCES)),
        "date_char_start": date_start,
        "date_char_end": None if date_start is None else date_start + draw(st.integers(1, 40)),
        "sentence": draw(text),
        "char_start": char_start,
        "char_end": char_start + draw(st.integers(1, 500)),
        "actors": draw(st.none() | text),
        "places": draw(st.none() | text),
        "countries": draw(st.none() | text),
        "place": draw(st.none() | text),
        "place_kind": draw(st.none() | st.sampled_from(PLACE_KINDS)),
        "lat": lat,
        "lon": None if lat is None else draw(st.floats(-180, 180, allow_nan=False)),
        "country": draw(st.none() | st.sampled_from(["RU", "KP", "UA"])),
    }


def _frame(rows: list[dict[str, object]]) -> object:
    return validate_events(coerce_frame(rows, EVENT_DTYPES))


events_frames = st.lists(event_rows(), max_size=5).map(_frame)


def views(events: pd.DataFrame) -> st.SearchStrategy[View]:
    """Views built from the values the events hold (and a few they do not)."""
    actors = [*names_in(events, "actors"), "Nobody"]
    countries = [
        *names_in(events, "countries"),
        *sorted(set(events["country"].dropna())),
        "Atlantis",
    ]
    places = [*names_in(events, "places"), *sorted(set(events["place"].dropna()))]
    starts = events["start"].dropna()
    moment = st.sampled_from(sorted(set(starts.dt.to_pydatetime()))) | st.datetimes(
        min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2030, 1, 1)
    )
    words = st.sampled_from(["", "the", "Minister", "TALKS", "prices rose", "zz", "ü", "said"])
    window = st.none() | st.tuples(moment, moment).filter(lambda w: w[0] < w[1])
    return st.builds(
        View,
        start=st.none() | moment,
        end=st.none() | moment,
        actors=st.lists(st.sampled_from(actors), max_size=2).map(tuple),
        countries=st.lists(st.sampled_from(countries), max_size=2).map(tuple),
        places=st.lists(st.sampled_from(places), max_size=2).map(tuple),
        precisions=st.lists(
            st.sampled_from(["day", "year", "month", "none", "week"]), max_size=2
        ).map(tuple),
        date_sources=st.lists(
            st.sampled_from(["explicit", "context", "published"]), max_size=1
        ).map(tuple),
        text=words,
        place=st.none() | st.sampled_from(places),
        window=window,
    )
