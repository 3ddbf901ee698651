"""A cluster shown once: its earliest report with the list of its sources."""

from __future__ import annotations

import json
import math
from typing import Final

import numpy as np
import pandas as pd

from timeline.errors import SchemaError
from timeline.schema import MERGED_DTYPES, SOURCE_DTYPES, Col

__all__ = ["event_sources", "merged_events"]

# The fields of each source in merged_events' JSON list.
SOURCE_FIELDS: Final = (
    Col.EVENT_ID,
    Col.DOC_ID,
    Col.TITLE,
    Col.SOURCE,
    Col.PUBLISHED,
    Col.SENTENCE,
)


def merged_events(events: pd.DataFrame, clusters: pd.Series) -> pd.DataFrame:
    """One row per cluster: its earliest report, with the number and list of its sources.

    Args:
        events: the events frame.
        clusters: ``cluster_events(events)`` (aligned with `events`).

    Returns:
        A ``timeline.schema.MERGED_DTYPES`` frame, one row per cluster in the order of the
        clusters' earliest reports in `events`: that report's columns, then ``cluster_id``,
        ``n_sources`` (the articles reporting it: one event each) and ``sources``, a JSON list
        of ``{event_id, doc_id, title, source, published, sentence}`` objects, earliest first
        (``published`` as an ISO date, null when unknown).

    Raises:
        SchemaError: as :func:`event_sources`.
    """
    table = event_sources(events, clusters)
    lists: dict[str, str] = {}
    for cluster, group in table.groupby(Col.CLUSTER_ID, sort=False):
        records = [
            {name: _cell(value) for name, value in zip(SOURCE_FIELDS, row, strict=True)}
            for row in group[list(SOURCE_FIELDS)].itertuples(index=False, name=None)
        ]
        lists[str(cluster)] = json.dumps(records, ensure_ascii=False)
    counts = table[Col.CLUSTER_ID].value_counts()
    earliest = events[events[Col.EVENT_ID].to_numpy() == clusters.to_numpy()]
    merged = earliest.assign(
        **{
            Col.CLUSTER_ID: earliest[Col.EVENT_ID],
            Col.N_SOURCES: earliest[Col.EVENT_ID].map(counts).fillna(1).astype("int64"),
            Col.SOURCES: earliest[Col.EVENT_ID].map(lists).astype("string"),
        }
    )
    result: pd.DataFrame = merged[list(MERGED_DTYPES)].astype(MERGED_DTYPES)
    return result.reset_index(drop=True)


def event_sources(events: pd.DataFrame, clusters: pd.Series) -> pd.DataFrame:
    """The long table of sources: one row per event, grouped by cluster, earliest first.

    Returns:
        A ``timeline.schema.SOURCE_DTYPES`` frame (``cluster_id, event_id, doc_id, title,
        source, published, sentence, earliest``); ``earliest`` is True on each cluster's
        first row, its earliest report. Clusters come in the order of their earliest reports
        in `events`.

    Raises:
        SchemaError: `clusters` not aligned with `events`, or a cluster id that is not the
            event_id of one of its members.
    """
    if not clusters.index.equals(events.index):
        raise SchemaError(
            "clusters are not aligned with the events (different index); pass "
            "cluster_events(events) for the same frame"
        )
    cluster = clusters.astype("string").to_numpy(dtype=object)
    ids = events[Col.EVENT_ID].to_numpy(dtype=object)
    position = pd.Series(np.arange(len(ids)), index=ids)
    heads = position.reindex(cluster).to_numpy()
    bad = np.isnan(heads) if len(heads) else np.zeros(0, dtype=bool)
    if bad.any() or (len(heads) and (cluster[heads.astype(np.int64)] != cluster).any()):
        wrong = sorted({str(c) for c in cluster[bad]})[:5] or ["a cluster id of another cluster"]
        raise SchemaError(f"cluster ids {wrong} are not event ids of their own clusters' members")
    head = heads.astype(np.int64)
    published = events[Col.PUBLISHED].to_numpy(dtype="datetime64[s]")
    seconds = np.where(np.isnat(published), np.iinfo(np.int64).max, published.astype(np.int64))
    is_head = np.arange(len(ids)) == head
    order = np.lexsort((ids.astype(str), seconds, ~is_head, head))
    columns = [c for c in SOURCE_DTYPES if c not in (Col.CLUSTER_ID, Col.EARLIEST)]
    table = (
        events[columns]
        .iloc[order]
        .assign(**{Col.CLUSTER_ID: cluster[order], Col.EARLIEST: is_head[order]})
    )
    result: pd.DataFrame = table[list(SOURCE_DTYPES)].astype(SOURCE_DTYPES)
    return result.reset_index(drop=True)


def _cell(value: object) -> str | None:
    """A cell for JSON: text as is, a date as ISO (with the time only when set), None for
    a missing value."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):  # numpy writes 44 BC as -0043, pandas as -043
        second = value.to_datetime64().astype("datetime64[s]")
        day = second.astype("datetime64[D]")
        return str(day) if second == day.astype("datetime64[s]") else str(second)
    return str(value)
