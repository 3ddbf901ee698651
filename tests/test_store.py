"""Events on disk: round trips, spreadsheet safety, malformed rows reported by line."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.errors import ExportError, InputError
from timeline.schema import EVENT_DTYPES, coerce_frame
from timeline.store import events_to_csv, read_events, safe_cell, write_events

sys.path.insert(0, str(Path(__file__).resolve().parent))  # --import-mode=importlib: find it
from event_strategies import events_frames

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=events_frames, suffix=st.sampled_from([".csv", ".json"]))
def test_round_trip(tmp_path: Path, events: pd.DataFrame, suffix: str) -> None:
    path = write_events(events, tmp_path / f"events{suffix}")
    back = read_events(path)
    # CSV cannot tell "" from missing: compare with empty strings as NA.
    expected = events.replace("", pd.NA) if suffix == ".csv" else events
    pd.testing.assert_frame_equal(back, expected, check_exact=False)


@settings(max_examples=60, deadline=None)
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
    with pytest.raises(
        ExportError, match=r"unknown output type '\.xlsx'; use \.csv, \.json or \.parquet"
    ):
        write_events(coerce_frame([], EVENT_DTYPES), tmp_path / "e.xlsx")
