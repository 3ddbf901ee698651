"""Filters: pure functions over the events frame, and the view's URL round trip."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.filters import (
    View,
    by_actors,
    by_countries,
    by_date_range,
    by_date_sources,
    by_place,
    by_places,
    by_precisions,
    by_text,
    filter_events,
    names_in,
    parse_date,
)
from timeline.schema import empty_events

sys.path.insert(0, str(Path(__file__).resolve().parent))  # --import-mode=importlib: find the sample
from timeline_sample import sample_frames


@pytest.fixture
def events() -> pd.DataFrame:
    return sample_frames()[0]


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["event_id"])


def test_date_range_keeps_overlapping_intervals(events: pd.DataFrame) -> None:
    # "in 1948" overlaps a June 1948 window though it starts in January
    assert ids(by_date_range(events, dt.datetime(1948, 6, 1), dt.datetime(1948, 6, 30))) == {
        "ev-1948"
    }
    assert ids(by_date_range(events, dt.datetime(2023, 9, 13))) == {
        "ev-wednesday", "ev-caption", "ev-showed",
    }  # fmt: skip
    assert ids(by_date_range(events, end=dt.datetime(2023, 9, 12))) == {"ev-1948", "ev-tuesday"}
    assert by_date_range(events) is events


def test_names(events: pd.DataFrame) -> None:
    assert ids(by_actors(events, ["Kim Jong Un"])) == ids(events)
    assert ids(by_actors(events, ["Vladimir Putin"])) == ids(events) - {"ev-tuesday"}
    assert ids(by_countries(events, ["North Korea"])) == ids(events)
    assert ids(by_places(events, ["Amur region"])) == {"ev-caption"}
    assert ids(by_place(events, "Vostochny Cosmodrome")) == {"ev-caption", "ev-showed"}
    assert names_in(events, "places") == [
        "Amur region", "Russia", "Vladivostok", "Vostochny Cosmodrome",
    ]  # fmt: skip


def test_by_place_uses_every_mention() -> None:
    events, mentions, _ = sample_frames()
    assert ids(by_place(events, "Amur region", mentions)) == {"ev-caption"}
    assert by_place(events, None) is events


def test_precision_source_and_text(events: pd.DataFrame) -> None:
    assert ids(by_precisions(events, ["year"])) == {"ev-1948"}
    assert ids(by_date_sources(events, ["context"])) == {"ev-showed"}
    assert ids(by_text(events, "TUESDAY")) == {"ev-tuesday"}
    renamed = events.assign(source="wire-file-17.txt")
    assert by_text(renamed, "wire-file-17").empty  # a file name is not what a reader searches
    # nor the headline: its words would select every event of the article
    assert by_text(events.assign(title="Summit in Geneva"), "Geneva").empty
    assert ids(by_text(events, "amur")) == {"ev-caption"}  # a place the event names
    assert by_text(events, "  ") is events


def test_filter_events_combines_and_never_mutates(events: pd.DataFrame) -> None:
    before = events.copy()
    view = View(actors=("Vladimir Putin",), precisions=("day",), place="Vostochny Cosmodrome")
    assert ids(filter_events(events, view)) == {"ev-caption", "ev-showed"}
    assert ids(filter_events(events, view, place=False)) == ids(events) - {"ev-tuesday", "ev-1948"}
    window = View(window=(dt.datetime(1940, 1, 1), dt.datetime(1950, 1, 1)))
    assert ids(filter_events(events, window)) == {"ev-1948"}
    assert len(filter_events(events, window, window=False)) == len(events)
    pd.testing.assert_frame_equal(events, before)


def test_empty_frame_stays_empty() -> None:
    assert filter_events(empty_events(), View(text="x", actors=("A",))).empty


def test_view_query_round_trip() -> None:
    view = View(
        start=dt.datetime(1948, 1, 1), end=dt.datetime(2023, 12, 31), actors=("Kim Jong Un",),
        countries=("Russia", "North Korea"), places=("Vladivostok",), precisions=("day",),
        date_sources=("explicit",), text="satellites & rockets", place="Amur region",
        window=(dt.datetime(2023, 9, 1), dt.datetime(2023, 9, 30)), event="ev-1948",
        lane="country", every_report=True,
    )  # fmt: skip
    assert View.from_query("?" + view.to_query()) == view
    assert View().to_query() == ""
    assert View.from_query("lane=nonsense&from=garbage&window=x").lane == "actor"
    assert view.clear_selection() == View(**{**view.__dict__, "place": None, "window": None,
                                             "event": None})  # fmt: skip


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@given(actors=st.lists(names, max_size=3), text=st.text(max_size=20), every=st.booleans())
def test_any_view_round_trips_through_the_url(actors: list[str], text: str, every: bool) -> None:
    view = View(actors=tuple(actors), text=text.strip(), every_report=every)
    assert View.from_query(view.to_query()) == view


def test_every_report_is_kept_in_the_url_like_the_filters() -> None:
    """The "show every report" switch is view state: named in the query, read back, kept
    when the selection is cleared; left out when off (the default: one row per event)."""
    view = View(countries=("Russia",), every_report=True)
    assert view.to_query() == "country=Russia&reports=all"
    assert View.from_query("?country=Russia&reports=all") == view
    assert View.from_query("?country=Russia") == View(countries=("Russia",))
    assert View.from_query("?reports=").every_report is False
    assert View(every_report=False).to_query() == ""
    assert view.clear_selection().every_report


def test_parse_date() -> None:
    assert parse_date("2023-09-12 18:21:03.1234") == dt.datetime(2023, 9, 12, 18, 21, 3, 123400)
    assert parse_date(dt.date(1948, 1, 1)) == dt.datetime(1948, 1, 1)
    assert parse_date("") is None and parse_date(None) is None


def test_names_with_regex_characters_match_literally(events: pd.DataFrame) -> None:
    odd = events.assign(actors=["A.B (C)", "A+B", "Kim Jong Un; A.B (C)", None, "AxB (C)"])
    assert ids(by_actors(odd, ["A.B (C)"])) == {"ev-wednesday", "ev-tuesday"}
    assert ids(by_actors(odd, ["A+B", "Kim Jong Un"])) == {"ev-caption", "ev-tuesday"}
    assert by_actors(odd, ["Kim"]).empty  # whole names only
