"""Events as tables on disk: CSV, JSON and Parquet, written and read back with the schema checked.

CSV is for spreadsheets: UTF-8 with a BOM (so Excel reads the accents right), ISO dates, and
every provenance column (``source``, ``title``, ``published``, ``published_source``,
``date_source``, the sentence and its offsets). A cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return would run as a formula in Excel or LibreOffice; it gets a
leading ``'``, which :func:`read_events` removes. Parquet keeps the frame's dtypes (dates as
millisecond timestamps, Parquet's coarsest unit, so years before 1677 and after 2262 survive).

Dates are ISO 8601; years outside 0000-9999 use the expanded form with a sign and six digits,
as ECMAScript reads them (``+010000-01-01`` is the exclusive end of a 9999-12-31 day,
``-000044-03-15`` is 44 BC in astronomical numbering), so every date the schema can hold
round-trips.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from timeline.errors import ExportError, InputError, SchemaError
from timeline.schema import EVENT_DTYPES, coerce_frame, validate_events

__all__ = [
    "TABLE_SUFFIXES",
    "events_to_csv",
    "events_to_json",
    "events_to_records",
    "iso_datetime",
    "read_events",
    "safe_cell",
    "write_events",
]

TABLE_SUFFIXES: Final = (".csv", ".json", ".parquet")
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_DATE_COLUMNS: Final = [
    name for name, dtype in EVENT_DTYPES.items() if dtype.startswith("datetime")
]


def safe_cell(value: object) -> object:
    """A value that a spreadsheet shows as text, never runs as a formula.

    A text that already starts with quotes before a formula character gets one more, so that
    reading it back (which removes one) gives the text as it was.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("Putin"), safe_cell(3), safe_cell("'=x")
    ("'=HYPERLINK(1)", 'Putin', 3, "''=x")
    """
    if isinstance(value, str) and value.lstrip("'").startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _unsafe_cell(value: str) -> str:
    """The inverse of safe_cell, for reading our own exports back."""
    if value.startswith("'") and value.lstrip("'").startswith(_FORMULA_STARTS):
        return value[1:]
    return value


def iso_datetime(value: np.datetime64) -> str:
    """A date as ISO 8601 text: the day alone at midnight, expanded years outside 0000-9999.

    >>> iso_datetime(np.datetime64("1948-01-01", "s")), iso_datetime(np.datetime64("2023-09-13T07:41"))
    ('1948-01-01', '2023-09-13T07:41:00')
    >>> iso_datetime(np.datetime64("10000-01-01", "s")), iso_datetime(np.datetime64("-0044-03-15", "s"))
    ('+010000-01-01', '-000044-03-15')
    """
    text = str(value.astype("datetime64[s]"))  # numpy: '-044-03-15T00:00:00', '10000-01-01T...'
    negative = text.startswith("-")
    year, rest = text.lstrip("-").split("-", 1)
    number = int(year)
    if negative:
        year = f"-{number:06d}"
    elif number > 9999:
        year = f"+{number:06d}"
    return f"{year}-{rest.removesuffix('T00:00:00')}"


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
        return None if np.isnat(value) else iso_datetime(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def events_to_csv(events: pd.DataFrame) -> str:
    """The events as spreadsheet-safe CSV text (ISO dates, one row per event, every column; a
    list cell, such as a merged event's source titles, has a line per item)."""
    buffer = io.StringIO()
    # RFC 4180 line ends: the writer then quotes any cell holding a \r or \n.
    writer = csv.DictWriter(buffer, fieldnames=list(events.columns), lineterminator="\r\n")
    writer.writeheader()
    for record in events_to_records(events):
        writer.writerow({key: safe_cell(_cell(value)) for key, value in record.items()})
    return buffer.getvalue()


def _cell(value: object) -> object:
    """A CSV cell: a list (a merged event's sources) as one line per item.

    >>> _cell(["Reuters", None, "AP"]), _cell(3)
    ('Reuters\\n\\nAP', 3)
    """
    if isinstance(value, list | tuple | np.ndarray):
        return "\n".join("" if item is None else str(item) for item in value)
    return value


def events_to_json(events: pd.DataFrame) -> str:
    """The events as a JSON list of event objects (ISO dates, null for missing values)."""
    return json.dumps(events_to_records(events), ensure_ascii=False, indent=2, allow_nan=False)


def write_events(events: pd.DataFrame, path: str | Path, *, format: str | None = None) -> Path:
    """Write events to ``.csv`` (spreadsheet-safe), ``.json`` (a list of event objects) or
    ``.parquet`` (the frame's dtypes kept exactly).

    Args:
        events: an events frame.
        path: the file; its suffix picks the format unless `format` is given.
        format: "csv", "json" or "parquet".

    Raises:
        ExportError: an unknown suffix or an unwritable path.
    """
    path = Path(path)
    chosen = format or path.suffix.lower().lstrip(".")
    if f".{chosen}" not in TABLE_SUFFIXES:
        kind = f".{chosen}" if chosen else "(none)"
        raise ExportError(f"{path}: unknown output type {kind!r}; use .csv, .json or .parquet")
    try:
        if chosen == "parquet":
            _write_parquet(events, path)
        elif chosen == "csv":
            # utf-8-sig so that Excel reads the accents right; newline="": the writer's \r\n stays
            path.write_text(events_to_csv(events), encoding="utf-8-sig", newline="")
        else:
            path.write_text(events_to_json(events), encoding="utf-8", newline="")
    except OSError as err:
        raise ExportError(f"{path} cannot be written: {err.strerror or err}") from None
    return path


def _write_parquet(events: pd.DataFrame, path: Path) -> None:
    """The frame as Parquet, with timeline's version in the file's metadata."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    from timeline import __version__

    table = pa.Table.from_pandas(events, preserve_index=False)
    metadata = {**(table.schema.metadata or {}), b"timeline": __version__.encode()}
    pq.write_table(table.replace_schema_metadata(metadata), path)


def read_events(path: str | Path) -> pd.DataFrame:
    """Read an events file written by write_events (.csv, .json or .parquet), validated.

    Raises:
        InputError: unreadable file, or rows that break the format (listed with line numbers).
    """
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        return _read_parquet(path)
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


def _read_parquet(path: Path) -> pd.DataFrame:
    """An events frame from a Parquet file, each column cast to the schema's dtype."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        frame = pq.read_table(path).to_pandas()
    except (OSError, pa.ArrowException) as err:
        raise InputError(f"{path} cannot be read as Parquet: {err}") from None
    missing = [name for name in EVENT_DTYPES if name not in frame.columns]
    if missing:
        raise InputError(f"{path}: missing columns {missing}")
    try:
        columns = {name: frame[name].astype(dtype) for name, dtype in EVENT_DTYPES.items()}
        return validate_events(pd.DataFrame(columns))
    except (ValueError, TypeError, SchemaError) as err:
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
