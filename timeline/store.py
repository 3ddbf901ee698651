"""Events on disk: CSV and JSON, safe to open in a spreadsheet, and read back with checks.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would run as a
formula in Excel or LibreOffice; it gets a leading ``'`` on export, which read_events removes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from timeline.errors import ExportError, InputError
from timeline.schema import EVENT_DTYPES, coerce_frame, validate_events

__all__ = ["events_to_csv", "events_to_records", "read_events", "safe_cell", "write_events"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DATE_COLUMNS = [name for name, dtype in EVENT_DTYPES.items() if dtype.startswith("datetime")]


def safe_cell(value: object) -> object:
    """A value that a spreadsheet shows as text, never runs as a formula.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("Putin"), safe_cell(3)
    ("'=HYPERLINK(1)", 'Putin', 3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _unsafe_cell(value: str) -> str:
    """The inverse of safe_cell, for reading our own exports back."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS):
        return value[1:]
    return value


def events_to_records(events: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain dicts: ISO dates ("1948-01-01"), None for missing values."""
    return [
        {str(key): _plain(value) for key, value in row.items()}
        for row in events.to_dict(orient="records")
    ]


def _plain(value: object) -> object:
    """A JSON- and CSV-friendly value: ISO text for dates, None for NA."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_datetime64()
    if isinstance(value, np.datetime64):
        text = str(value.astype("datetime64[s]"))
        return text[:10] if text.endswith("T00:00:00") else text
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def events_to_csv(events: pd.DataFrame) -> str:
    """The events as spreadsheet-safe CSV text (UTF-8, ISO dates, one row per event)."""
    buffer = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any cell holding a \r or \n.
    writer = csv.DictWriter(buffer, fieldnames=list(events.columns), lineterminator="\r\n")
    writer.writeheader()
    for record in events_to_records(events):
        writer.writerow({key: safe_cell(value) for key, value in record.items()})
    return buffer.getvalue()


def write_events(events: pd.DataFrame, path: str | Path) -> Path:
    """Write events to ``.csv`` (spreadsheet-safe) or ``.json`` (a list of event objects).

    Raises:
        ExportError: an unknown suffix or an unwritable path.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        content = events_to_csv(events)
    elif suffix == ".json":
        content = json.dumps(events_to_records(events), ensure_ascii=False, indent=2)
    else:
        raise ExportError(f"{path}: unknown output type {suffix or '(none)'!r}; use .csv or .json")
    try:
        # utf-8-sig for CSV so that Excel reads the accents right; JSON stays plain UTF-8.
        with path.open(
            "w", encoding="utf-8-sig" if suffix == ".csv" else "utf-8", newline=""
        ) as file:
            file.write(content)
    except OSError as err:
        raise ExportError(f"{path} cannot be written: {err.strerror or err}") from None
    return path


def read_events(path: str | Path) -> pd.DataFrame:
    """Read an events file written by write_events, validated against the schema.

    Raises:
        InputError: unreadable file, or rows that break the format (listed with line numbers).
    """
    path = Path(path)
    try:
        # newline="": a carriage return inside a quoted cell is data, not a line end.
        with path.open(encoding="utf-8-sig", newline="") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path} cannot be read as UTF-8 text: {err}") from None
    if path.suffix.lower() == ".json":
        try:
            records = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(f"{path} is not valid JSON (line {err.lineno}: {err.msg})") from None
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise InputError(f"{path}: expected a list of event objects")
    else:
        records = _csv_records(path, text)
    try:
        return validate_events(coerce_frame(records, EVENT_DTYPES))
    except (ValueError, TypeError) as err:
        raise InputError(f"{path}: {err}") from None


def _csv_records(path: Path, text: str) -> list[dict[str, Any]]:
    """Rows of an events CSV; every malformed row is reported with its line number."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in EVENT_DTYPES if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path}: missing columns {missing}")
    records, problems = [], []
    for row in reader:
        if None in row or any(v is None for v in row.values()):
            problems.append(f"line {reader.line_num}: wrong number of fields")
            continue
        record: dict[str, Any] = {}
        for key, value in row.items():
            record[key] = None if value == "" else _unsafe_cell(value)
        bad = _bad_dates(record)
        if bad:
            problems.append(f"line {reader.line_num}: {bad}")
            continue
        records.append(record)
    if problems:
        raise InputError(f"{path}: {len(problems)} malformed rows: " + "; ".join(problems[:10]))
    return records


def _bad_dates(record: dict[str, Any]) -> str | None:
    """What is wrong with a record's date cells, if anything."""
    for column in _DATE_COLUMNS:
        value = record.get(column)
        if value is None:
            continue
        try:
            np.datetime64(value, "s")
        except ValueError:
            return f"{column}={value!r} is not an ISO date"
    return None
