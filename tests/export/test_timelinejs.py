"""TimelineJS: checked against Knight Lab's documented JSON format; dates at their precision."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd
from event_strategies import events_frames
from hypothesis import given, settings

from timeline.export.timelinejs import events_to_timelinejs, timelinejs_text
from timeline.schema import EVENT_DTYPES, coerce_frame

# the documented members (timeline.knightlab.com/docs/json-format.html)
TOP = {"events", "title", "eras", "scale"}
SLIDE = {"start_date", "end_date", "text", "media", "group", "display_date", "background",
         "autolink", "unique_id"}  # fmt: skip
DATE = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"}
TEXT = {"headline", "text"}


def check_date(date: dict[str, Any]) -> tuple[int, ...]:
    """A date object's fields are documented ones, in range; returns them as a sortable tuple."""
    assert set(date) <= DATE and isinstance(date["year"], int)
    limits = {"month": (1, 12), "day": (1, 31), "hour": (0, 23), "minute": (0, 59),
              "second": (0, 59)}  # fmt: skip
    for name, (low, high) in limits.items():
        if name in date:
            assert isinstance(date[name], int) and low <= date[name] <= high, (name, date)
    order = ("year", "month", "day", "hour", "minute", "second")
    present = [name for name in order if name in date]
    assert present == list(order[: len(present)]), date  # no day without a month
    return tuple(date[name] for name in present)


def check_timelinejs(document: dict[str, Any]) -> None:
    """The document follows the documented structure."""
    assert set(document) <= TOP and isinstance(document["events"], list)
    assert document.get("scale", "human") in ("human", "cosmological")
    assert set(document["title"]) <= SLIDE - {"start_date"}
    ids = []
    for slide in document["events"]:
        assert set(slide) <= SLIDE and "start_date" in slide
        start = check_date(slide["start_date"])
        if "end_date" in slide:
            end = check_date(slide["end_date"])
            assert len(end) == len(start) and end > start
        assert set(slide["text"]) <= TEXT
        assert all(isinstance(value, str) for value in slide["text"].values())
        ids.append(slide["unique_id"])
    assert len(ids) == len(set(ids))


def test_sample_follows_the_format(sample: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    text, left_out = timelinejs_text(sample[0], title="Putin & Kim")
    document = json.loads(text)
    check_timelinejs(document)
    assert left_out == 0 and len(document["events"]) == len(sample[0])
    assert document["title"]["text"]["headline"] == "Putin &amp; Kim"
    first = document["events"][0]  # earliest first: "in 1948"
    assert first["start_date"] == {"year": 1948} and "end_date" not in first
    assert "<mark>in 1948</mark>" in first["text"]["text"]
    assert "Source: Putin Says Russia to Help North Korea Build Satellites (Reuters)" in first["text"]["text"]
    day = next(s for s in document["events"] if s["unique_id"] == "ev-tuesday")
    assert day["start_date"] == {"year": 2023, "month": 9, "day": 12} and "end_date" not in day


def _one(start: str, end: str, precision: str) -> dict[str, Any]:
    events = coerce_frame([{"event_id": "e", "doc_id": "d", "start": start, "end": end,
                            "precision": precision, "char_start": 0, "char_end": 1,
                            "sentence": "s", "date_source": "explicit"}], EVENT_DTYPES)  # fmt: skip
    slide: dict[str, Any] = events_to_timelinejs(events).document["events"][0]
    return slide


def test_each_precision_keeps_its_fields() -> None:
    month = _one("2023-09-01", "2023-10-01", "month")
    assert month["start_date"] == {"year": 2023, "month": 9} and "end_date" not in month
    quarter = _one("1997-10-01", "1998-01-01", "quarter")
    assert quarter["start_date"] == {"year": 1997, "month": 10}
    assert quarter["end_date"] == {"year": 1997, "month": 12}
    week = _one("2023-09-11", "2023-09-18", "week")
    assert week["end_date"] == {"year": 2023, "month": 9, "day": 17}
    decade = _one("1990-01-01", "2000-01-01", "decade")
    assert (decade["start_date"], decade["end_date"]) == ({"year": 1990}, {"year": 1999})
    time = _one("2023-09-13T07:41:00", "2023-09-13T07:42:00", "time")
    assert time["start_date"] == {"year": 2023, "month": 9, "day": 13, "hour": 7, "minute": 41}
    edge = _one("9999-12-31", "+010000-01-01", "day")
    assert edge["start_date"] == {"year": 9999, "month": 12, "day": 31} and "end_date" not in edge


def test_text_is_escaped_and_links_only_web_sources(awkward: pd.DataFrame) -> None:
    document, left_out = events_to_timelinejs(awkward)
    assert left_out == 1  # undated
    slides = {s["unique_id"]: s for s in document["events"]}
    hostile = slides["e-hostile"]["text"]["text"]
    assert "<b>" not in hostile and "&lt;b&gt;Bold&lt;/b&gt;" in hostile
    assert "\u202e" not in hostile and "evil" in hostile
    assert "href" not in hostile  # javascript: is shown as text, never linked
    assert slides["e-hostile"]["autolink"] is False  # TimelineJS must not link text itself
    ides = slides["e-ides"]
    assert ides["start_date"] == {"year": -44, "month": 3, "day": 15}
    assert '<a href="https://example.org/caesar?a=1&amp;b=2">Caesar</a>' in ides["text"]["text"]
    assert document["events"][0]["unique_id"] == "e-ides"  # earliest first


@settings(max_examples=60, deadline=None)
@given(events=events_frames)
def test_every_frame_gives_a_valid_document(events: pd.DataFrame) -> None:
    text, left_out = timelinejs_text(events)
    document = json.loads(text)
    check_timelinejs(document)
    assert len(document["events"]) + left_out == len(events)
    years = [s["start_date"]["year"] for s in document["events"]]
    assert years == sorted(years)
    expected = events["start"].dropna().to_numpy(dtype="datetime64[Y]").astype(np.int64) + 1970
    assert sorted(years) == sorted(expected.tolist())
