"""The events frame and the mentions table: column names, dtypes and validation, in one place.

Dates are timezone-naive ``datetime64[s]`` so that 1648, or 44 BC, fit (pandas' default
nanoseconds stop at 1677). Intervals are end-exclusive: "in 1948" is [1948-01-01, 1949-01-01).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]

from timeline.errors import SchemaError

__all__ = [
    "CLUSTER_DTYPES",
    "DATE_DTYPES",
    "DATE_SOURCES",
    "EVENT_DTYPES",
    "MENTION_DTYPES",
    "MENTION_KINDS",
    "MERGED_DTYPES",
    "PLACE_DTYPES",
    "PLACE_KINDS",
    "PRECISIONS",
    "PUBLISHED_SOURCES",
    "SOURCE_DTYPES",
    "Col",
    "coerce_frame",
    "empty_events",
    "empty_mentions",
    "validate_events",
]

PRECISIONS: Final = (
    "time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century", "none",
)  # fmt: skip
DATE_SOURCES: Final = ("explicit", "context", "published")
# where an article's publication date came from (timeline.article.make_article's order)
PUBLISHED_SOURCES: Final = ("given", "metadata", "dateline", "dateline+year", "filename", "none")
MENTION_KINDS: Final = ("person", "country", "organization", "place")
PLACE_KINDS: Final = ("country", "region", "city", "site", "water", "area", "continent")


class Col:
    """Column names, spelled once."""

    EVENT_ID = "event_id"
    DOC_ID = "doc_id"
    TITLE = "title"
    SOURCE = "source"
    PUBLISHED = "published"
    PUBLISHED_SOURCE = "published_source"
    START = "start"
    END = "end"
    PRECISION = "precision"
    DATE_TEXT = "date_text"
    DATE_VALUE = "date_value"
    DATE_SOURCE = "date_source"
    DATE_CHAR_START = "date_char_start"
    DATE_CHAR_END = "date_char_end"
    SENTENCE = "sentence"
    CHAR_START = "char_start"
    CHAR_END = "char_end"
    ACTORS = "actors"
    PLACES = "places"
    COUNTRIES = "countries"
    PLACE = "place"
    PLACE_KIND = "place_kind"
    LAT = "lat"
    LON = "lon"
    COUNTRY = "country"
    # merging (timeline.merge)
    CLUSTER_ID = "cluster_id"
    N_SOURCES = "n_sources"
    SOURCES = "sources"
    EARLIEST = "earliest"
    # mentions table
    KIND = "kind"
    NAME = "name"
    TEXT = "text"


EVENT_DTYPES: Final[dict[str, str]] = {
    Col.EVENT_ID: "string",
    Col.DOC_ID: "string",
    Col.TITLE: "string",
    Col.SOURCE: "string",
    Col.PUBLISHED: "datetime64[s]",
    Col.PUBLISHED_SOURCE: "string",  # given, metadata, dateline, dateline+year, filename, none
    Col.START: "datetime64[s]",
    Col.END: "datetime64[s]",
    Col.PRECISION: "string",
    Col.DATE_TEXT: "string",
    Col.DATE_VALUE: "string",
    Col.DATE_SOURCE: "string",
    Col.DATE_CHAR_START: "Int64",
    Col.DATE_CHAR_END: "Int64",
    Col.SENTENCE: "string",
    Col.CHAR_START: "int64",
    Col.CHAR_END: "int64",
    Col.ACTORS: "string",
    Col.PLACES: "string",
    Col.COUNTRIES: "string",
    Col.PLACE: "string",
    Col.PLACE_KIND: "string",
    Col.LAT: "float64",
    Col.LON: "float64",
    Col.COUNTRY: "string",
}

# find_dates: one row per temporal expression.
DATE_DTYPES: Final[dict[str, str]] = {
    Col.CHAR_START: "int64",
    Col.CHAR_END: "int64",
    Col.TEXT: "string",
    "type": "string",  # DATE, TIME, DURATION, SET
    "value": "string",  # the TimeML TIMEX3 value: 2023-09-13, 1948, P3M, PRESENT_REF ...
    Col.PRECISION: "string",
    Col.START: "datetime64[s]",
    Col.END: "datetime64[s]",
    "resolution": "string",  # how the value was reached, for users ("relative to ...")
}

# find_places / geocode: one row per place mention.
PLACE_DTYPES: Final[dict[str, str]] = {
    Col.CHAR_START: "int64",
    Col.CHAR_END: "int64",
    Col.TEXT: "string",
    Col.NAME: "string",
    Col.KIND: "string",
    Col.LAT: "float64",
    Col.LON: "float64",
    Col.COUNTRY: "string",
    "geonameid": "Int64",
}

MENTION_DTYPES: Final[dict[str, str]] = {
    Col.EVENT_ID: "string",
    Col.DOC_ID: "string",
    Col.KIND: "string",
    Col.NAME: "string",
    Col.TEXT: "string",
    Col.CHAR_START: "int64",
    Col.CHAR_END: "int64",
    Col.PLACE_KIND: "string",
    Col.LAT: "float64",
    Col.LON: "float64",
    Col.COUNTRY: "string",
    "role": "string",  # a person's title as written ("Kremlin spokesman")
}


# timeline.merge: which events report the same happening. A cluster is named by the event_id of
# its earliest report (earliest published, then event_id).
CLUSTER_DTYPES: Final[dict[str, str]] = {Col.EVENT_ID: "string", Col.CLUSTER_ID: "string"}

# merged_events: one row per cluster, the earliest report's columns and its sources.
MERGED_DTYPES: Final[dict[str, str]] = {
    **EVENT_DTYPES,
    Col.CLUSTER_ID: "string",
    Col.N_SOURCES: "int64",  # the articles reporting it (one event per article)
    # JSON list of {event_id, doc_id, title, source, published, sentence}, earliest first
    Col.SOURCES: "string",
}

# event_sources: the long table, one row per event, grouped by cluster, earliest report first.
SOURCE_DTYPES: Final[dict[str, str]] = {
    Col.CLUSTER_ID: "string",
    Col.EVENT_ID: "string",
    Col.DOC_ID: "string",
    Col.TITLE: "string",
    Col.SOURCE: "string",
    Col.PUBLISHED: "datetime64[s]",
    Col.SENTENCE: "string",
    Col.EARLIEST: "bool",  # the cluster's earliest report
}


def _empty(dtypes: dict[str, str]) -> pd.DataFrame:
    """A zero-row frame with these columns and dtypes."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})


def empty_events() -> pd.DataFrame:
    """A valid events frame with no rows: what every "nothing found" path returns."""
    return _empty(EVENT_DTYPES)


def empty_mentions() -> pd.DataFrame:
    """A valid mentions table with no rows."""
    return _empty(MENTION_DTYPES)


def coerce_frame(rows: list[dict[str, object]], dtypes: dict[str, str]) -> pd.DataFrame:
    """Build a frame with exactly these columns, each cast to its dtype (missing ones empty)."""
    if not rows:
        return _empty(dtypes)
    raw = pd.DataFrame.from_records(rows)
    columns = {}
    for name, dtype in dtypes.items():
        values = raw[name] if name in raw else pd.Series([None] * len(raw))
        if dtype.startswith("datetime64"):
            columns[name] = _to_seconds(values)
        else:
            columns[name] = values.astype(dtype)  # type: ignore[call-overload]
    return pd.DataFrame(columns)


def _to_seconds(values: pd.Series) -> pd.Series:
    """Datetimes, numpy datetimes, ISO strings or None as timezone-naive seconds (NaT for None)."""
    if values.dtype == "datetime64[s]":
        return values
    seconds = np.array([_as_datetime64(value) for value in values], dtype="datetime64[s]")
    return pd.Series(seconds, index=values.index)


def _as_datetime64(value: object) -> np.datetime64:
    """One value as numpy seconds; a timezone is dropped, keeping the wall-clock time."""
    if value is None or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return np.datetime64("NaT", "s")
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    return np.datetime64(value, "s")  # type: ignore[call-overload,no-any-return]


def validate_events(events: pd.DataFrame) -> pd.DataFrame:
    """The frame, checked: every column present with its dtype, known precisions and date
    sources, end > start wherever both are set, and in-range coordinates.

    Raises:
        SchemaError: listing every failure at once.
    """
    problems: list[str] = []
    for name, dtype in EVENT_DTYPES.items():
        if name not in events.columns:
            problems.append(f"missing column {name!r} ({dtype})")
        elif str(events[name].dtype) != dtype:
            problems.append(f"column {name!r} has dtype {events[name].dtype}, expected {dtype}")
    if problems:
        raise SchemaError("events frame: " + "; ".join(problems))
    bad_precision = ~events[Col.PRECISION].isin(PRECISIONS) & events[Col.PRECISION].notna()
    if bad_precision.any():
        values = sorted(set(events.loc[bad_precision, Col.PRECISION]))
        problems.append(f"precision {values} not in {PRECISIONS}")
    bad_published = (
        ~events[Col.PUBLISHED_SOURCE].isin(PUBLISHED_SOURCES) & events[Col.PUBLISHED_SOURCE].notna()
    )
    if bad_published.any():
        values = sorted(set(events.loc[bad_published, Col.PUBLISHED_SOURCE]))
        problems.append(f"published_source {values} not in {PUBLISHED_SOURCES}")
    bad_source = ~events[Col.DATE_SOURCE].isin(DATE_SOURCES) & events[Col.DATE_SOURCE].notna()
    if bad_source.any():
        values = sorted(set(events.loc[bad_source, Col.DATE_SOURCE]))
        problems.append(f"date_source {values} not in {DATE_SOURCES}")
    both = events[Col.START].notna() & events[Col.END].notna()
    backwards = both & (events[Col.END] <= events[Col.START])
    if backwards.any():
        problems.append(f"end <= start in rows {list(events.index[backwards][:10])}")
    bad_lat = events[Col.LAT].notna() & ~events[Col.LAT].between(-90, 90)
    bad_lon = events[Col.LON].notna() & ~events[Col.LON].between(-180, 180)
    if bad_lat.any() or bad_lon.any():
        problems.append(
            f"coordinates out of range in rows {list(events.index[bad_lat | bad_lon][:10])}"
        )
    if problems:
        raise SchemaError("events frame: " + "; ".join(problems))
    return events


def isin_text(column: pd.Series, values: Iterable[str] | pd.Series | pd.Index) -> np.ndarray:
    """``column.isin(values)`` for a text column, as a boolean array, computed by Arrow.

    pandas' own ``isin`` on a ``string`` column converts `values` one by one in Python: on a
    store batch's event ids that is about 100 times slower than Arrow's ``is_in``. A missing
    value is in `values` only when `values` holds one.

    >>> isin_text(pd.Series(["a", None, "c"], dtype="string"), {"c", "d"}).tolist()
    [False, False, True]
    """
    given = values if isinstance(values, pd.Series | pd.Index) else pd.Series(list(values))
    wanted = pa.array(given.astype("string").array)
    if isinstance(wanted, pa.ChunkedArray):
        wanted = wanted.combine_chunks()
    found = pc.is_in(pa.array(column.astype("string").array), value_set=wanted)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)
