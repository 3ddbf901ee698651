"""Events on disk: round trips, spreadsheet safety, malformed rows reported by line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.errors import ExportError, InputError
from timeline.schema import DATE_SOURCES, EVENT_DTYPES, PRECISIONS, coerce_frame, validate_events
from timeline.store import events_to_csv, read_events, safe_cell, write_events

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)


@st.composite
def event_rows(draw: st.DrawFn) -> dict[str, object]:
    """One valid event row; dates span 1 BC .. 9999 so second resolution is exercised."""
    start = draw(st.integers(min_value=-62_200_000_000, max_value=253_000_000_000))
    length = draw(st.integers(min_value=1, max_value=400 * 86_400))
    char_start = draw(st.integers(min_value=0, max_value=10_000))
    lat = draw(st.none() | st.floats(min_value=-90, max_value=90, allow_nan=False))
    return {
        "event_id": draw(st.text("0123456789abcdef", min_size=16, max_size=16)),
        "doc_id": draw(st.text("0123456789abcdef", min_size=16, max_size=16)),
        "title": draw(st.none() | _text),
        "published": draw(st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 1, 1))),
        "start": np.datetime64(start, "s"),
        "end": np.datetime64(start + length, "s"),
        "precision": draw(st.sampled_from(PRECISIONS)),
        "date_text": draw(_text),
        "date_source": draw(st.sampled_from(DATE_SOURCES)),
        "sentence": draw(_text),
        "char_start": char_start,
        "char_end": char_start + draw(st.integers(1, 500)),
        "actors": draw(st.none() | _text),
        "lat": lat,
        "lon": None
        if lat is None
        else draw(st.floats(min_value=-180, max_value=180, allow_nan=False)),
    }


events_frames = st.lists(event_rows(), max_size=5).map(
    lambda rows: validate_events(coerce_frame(rows, EVENT_DTYPES))
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=events_frames, suffix=st.sampled_from([".csv", ".json"]))
def test_round_trip(tmp_path: Path, events: pd.DataFrame, suffix: str) -> None:
    path = write_events(events, tmp_path / f"events{suffix}")
    back = read_events(path)
    # CSV cannot tell "" from missing: compare with empty strings as NA.
    expected = events.replace("", pd.NA) if suffix == ".csv" else events
    pd.testing.assert_frame_equal(back, expected, check_exact=False)


@settings(max_examples=60)
@given(events=events_frames)
def test_no_exported_cell_is_a_formula(events: pd.DataFrame) -> None:
    import csv
    import io

    for row in csv.reader(io.StringIO(events_to_csv(events), newline="")):
        for cell in row:
            assert not cell.startswith(_FORMULA_STARTS) or _is_number(cell), cell


def _is_number(cell: str) -> bool:
    """A plain number such as a negative longitude: spreadsheets read it as a value, not a formula."""
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_formula_cells_are_neutralized_and_restored(tmp_path: Path) -> None:
    row = {"event_id": "e1", "doc_id": "d1", "sentence": "=HYPERLINK(\"http://x\")", "actors": "@SUM(A1)",
           "char_start": 0, "char_end": 5, "precision": "day", "date_source": "explicit",
           "start": "2023-09-13", "end": "2023-09-14"}  # fmt: skip
    events = coerce_frame([row], EVENT_DTYPES)
    text = events_to_csv(events)
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert "2023-09-13," in text  # ISO dates, no time of day for whole days
    back = read_events(write_events(events, tmp_path / "e.csv"))
    assert back.loc[0, "sentence"] == row["sentence"]
    assert safe_cell("-1") == "'-1" and safe_cell("\tx") == "'\tx" and safe_cell("ok") == "ok"


def test_malformed_rows_reported_with_line_numbers(tmp_path: Path) -> None:
    events = coerce_frame(
        [
            {
                "event_id": f"e{i}",
                "char_start": 0,
                "char_end": 1,
                "start": "2020-01-01",
                "end": "2020-01-02",
            }
            for i in range(3)
        ],
        EVENT_DTYPES,
    )
    path = write_events(events, tmp_path / "e.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2].replace("2020-01-01", "2020-02-30")
    lines[3] = lines[3] + ",extra"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(
        InputError,
        match=r"2 malformed rows: line 3: start='2020-02-30' is not an ISO date; line 4: wrong number of fields",
    ):
        read_events(path)


def test_unknown_export_type(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"unknown output type '\.xlsx'; use \.csv, \.json or \.parquet"):
        write_events(coerce_frame([], EVENT_DTYPES), tmp_path / "e.xlsx")
