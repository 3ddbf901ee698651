"""CSV, JSON and Parquet: every generated frame round-trips, dates at the calendar's edges too."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from event_strategies import events_frames
from hypothesis import HealthCheck, given, settings

from timeline.errors import ExportError, InputError
from timeline.export.tables import events_to_csv, iso_datetime, read_events, write_events
from timeline.schema import empty_events


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=events_frames)
def test_parquet_round_trips_exactly(tmp_path: Path, events: pd.DataFrame) -> None:
    back = read_events(write_events(events, tmp_path / "events.parquet"))
    pd.testing.assert_frame_equal(back, events)  # "" and missing stay apart; dtypes exact


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_edge_dates_round_trip(tmp_path: Path, awkward: pd.DataFrame, suffix: str) -> None:
    back = read_events(write_events(awkward, tmp_path / f"events{suffix}"))
    pd.testing.assert_frame_equal(back, awkward)
    assert back["end"].max() == pd.Timestamp(np.datetime64("10000-01-01", "s"))
    assert str(back["start"].dtype) == "datetime64[s]"


def test_year_10000_is_written_in_the_expanded_form(awkward: pd.DataFrame) -> None:
    """Issue 8 part 5: the end of 9999-12-31 used to be written '10000-01-0'."""
    text = events_to_csv(awkward)
    assert ",'+010000-01-01," in text  # ISO 8601 expanded; the quote keeps it out of formulas
    assert ",'-000044-03-15,'-000044-03-16," in text
    assert "10000-01-0," not in text


@pytest.mark.parametrize(
    ("value", "text"),
    [("2023-09-13T07:41:05", "2023-09-13T07:41:05"), ("0001-01-01", "0001-01-01"),
     ("0000-06-01", "0000-06-01"), ("-0001-12-31T23:59:59", "-000001-12-31T23:59:59"),
     ("9999-12-31T23:59:59", "9999-12-31T23:59:59"), ("+275760-09-13", "+275760-09-13")],
)  # fmt: skip
def test_iso_datetime_reads_back(value: str, text: str) -> None:
    written = iso_datetime(np.datetime64(value, "s"))
    assert written == text
    assert np.datetime64(written, "s") == np.datetime64(value, "s")


def test_csv_is_spreadsheet_ready_with_provenance(tmp_path: Path, awkward: pd.DataFrame) -> None:
    path = write_events(awkward, tmp_path / "events.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM, as the CLI writes
    header = raw.decode("utf-8-sig").split("\r\n", 1)[0].split(",")
    for column in ("source", "title", "published", "published_source", "date_source",
                   "sentence", "char_start", "char_end", "date_char_start"):  # fmt: skip
        assert column in header
    assert "'=cmd|" in raw.decode("utf-8-sig") and "'@someone" in raw.decode("utf-8-sig")


def test_parquet_keeps_dtypes_and_version(tmp_path: Path, awkward: pd.DataFrame) -> None:
    import pyarrow.parquet as pq

    path = write_events(awkward, tmp_path / "events.parquet")
    schema = pq.read_schema(path)
    assert str(schema.field("start").type) == "timestamp[ms]"  # Parquet has no second unit
    assert schema.metadata[b"timeline"]
    pd.testing.assert_frame_equal(read_events(path), awkward)
    empty = read_events(write_events(empty_events(), tmp_path / "empty.parquet"))
    pd.testing.assert_frame_equal(empty, empty_events())


def test_bad_parquet_is_one_clear_error(tmp_path: Path, awkward: pd.DataFrame) -> None:
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 not really")
    with pytest.raises(InputError, match=r"broken\.parquet cannot be read as Parquet"):
        read_events(broken)
    partial = tmp_path / "partial.parquet"
    awkward.drop(columns=["sentence", "lat"]).to_parquet(partial)
    with pytest.raises(InputError, match=r"missing columns \['sentence', 'lat'\]"):
        read_events(partial)


def test_format_can_be_named(tmp_path: Path, awkward: pd.DataFrame) -> None:
    path = write_events(awkward, tmp_path / "events.txt", format="json")
    assert path.read_text(encoding="utf-8").startswith("[")
    with pytest.raises(ExportError, match=r"use \.csv, \.json or \.parquet"):
        write_events(awkward, tmp_path / "events.txt", format="xlsx")
