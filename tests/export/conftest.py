"""Fixtures for the export tests: the seed article's events (hand-made, with mentions) and a
frame with every awkward value an export must survive."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the sample, strategies
from timeline_sample import sample_frames

from timeline.schema import EVENT_DTYPES, coerce_frame


@pytest.fixture(scope="session")
def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, mentions) of the seed article."""
    events, mentions, _ = sample_frames()
    return events, mentions


@pytest.fixture
def awkward() -> pd.DataFrame:
    """Four events: hostile title and source, 44 BC, a day ending in year 10000, undated and
    unlocated."""
    base = {"doc_id": "d1", "date_source": "explicit", "char_start": 0, "char_end": 40,
            "date_char_start": 13, "date_char_end": 20}  # fmt: skip
    rows = [
        {**base, "event_id": "e-hostile", "title": "<b>Bold</b> \u202eevil", "sentence":
         "=cmd|' /C calc'!A0 on 1 May 2023", "date_text": "1 May 2023", "start": "2023-05-01",
         "end": "2023-05-02", "precision": "day", "source": "javascript:alert(1)", "lat": 50.45,
         "lon": 30.52, "place": "Kyiv", "place_kind": "city", "actors": "@someone"},
        {**base, "event_id": "e-ides", "title": "Caesar", "sentence": "He died on the Ides.",
         "date_text": "the Ides", "start": np.datetime64("-0044-03-15", "s"),
         "end": np.datetime64("-0044-03-16", "s"), "precision": "day",
         "source": "https://example.org/caesar?a=1&b=2", "lat": 41.89, "lon": 12.48,
         "date_char_start": None, "date_char_end": None},
        {**base, "event_id": "e-end-of-time", "title": "Last day", "sentence": "On 9999-12-31.",
         "date_text": "9999-12-31", "start": "9999-12-31", "end": np.datetime64("10000-01-01", "s"),
         "precision": "day", "date_source": "published", "published": "9999-12-31"},
        {**base, "event_id": "e-undated", "title": "Nothing", "sentence": "Some day.",
         "date_text": "some day", "start": None, "end": None, "precision": "none"},
    ]  # fmt: skip
    return coerce_frame(rows, EVENT_DTYPES)
