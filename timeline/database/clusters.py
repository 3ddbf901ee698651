"""Merging in the store: new events placed in the stored clusters, and clusters read back.

Writing, inside :meth:`Store.add`'s transaction (``timeline.merge``'s incremental step):

1. the new events' blocking keys (``timeline.merge.blocking_keys``);
2. the stored events sharing one of them, found through the ``event_keys`` table (of a key
   that many stored events share, only those nearest in time to each new event, as blocking
   pairs them), with every member of their clusters: a bounded number, however large the
   store;
3. ``timeline.merge.assign_clusters`` places each new event in one of those clusters or in a
   new one; the stored events whose cluster id changes (a new event is now the earliest
   report) are updated, and the new keys are stored.

Only events whose ``cluster_id`` is set have keys (an event may have none: no name, no content
word): events stored with merging off keep NULL (each its own cluster) and no keys until
``Store.merge_all`` clusters the whole store.

Reading: :func:`merged_sql` gives one row per cluster, the columns of
``timeline.merge.merged_events`` with the ``sources`` JSON written in SQL exactly as Python's
``json.dumps`` writes it, so the store and the in-memory step give equal frames.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Final

import duckdb
import numpy as np
import pandas as pd

from timeline.database.queries import quoted
from timeline.database.schema import CLUSTER_ID, SEQ, query_frame
from timeline.merge import EventRow, assign_clusters, blocking_keys, cluster_events, event_rows
from timeline.merge.blocking import ALL_PAIRS, WINDOW
from timeline.merge.features import compute_rows
from timeline.merge.sources import SOURCE_FIELDS
from timeline.schema import EVENT_DTYPES, SOURCE_DTYPES, Col, isin_text

__all__ = [
    "CLUSTER",
    "URL",
    "KnownRows",
    "Placed",
    "cluster_all",
    "merged_sql",
    "place_new",
    "sources_sql",
]

# An event's cluster: its cluster_id, or itself when it was not merged.
CLUSTER: Final = f"coalesce({CLUSTER_ID}, {Col.EVENT_ID})"
# Store.sources adds the article's URL to timeline.schema.SOURCE_DTYPES.
URL: Final = "url"
KEY: Final = "key"
KEEP_ROWS: Final = 200_000  # events whose merge rows a writing store keeps (about 90 MB)


class KnownRows:
    """The merge rows (``timeline.merge.event_rows``) of the events a store wrote or read
    lately, by event_id: the stored events a batch is compared with are mostly events of
    the batches before, so their rows are looked up rather than computed again. The oldest
    are forgotten past `limit`; a row is computed again when missing, so only time depends
    on what is kept."""

    def __init__(self, limit: int = KEEP_ROWS) -> None:
        self.limit = limit
        self._rows: dict[str, EventRow] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def rows(self) -> Mapping[str, EventRow]:
        """The rows kept, by event_id."""
        return self._rows

    def keep(self, rows: Mapping[str, EventRow]) -> None:
        """Remember rows (without their blocking keys: those are stored in ``event_keys``;
        about 450 bytes per event)."""
        for event_id, row in rows.items():
            self._rows.pop(event_id, None)
            self._rows[event_id] = row.kept()
        excess = len(self._rows) - self.limit
        if excess > 0:
            for event_id in list(islice(self._rows, excess)):
                del self._rows[event_id]

    def fill(self, events: pd.DataFrame) -> None:
        """Compute and remember the rows of the events not kept yet."""
        ids = events[Col.EVENT_ID].tolist()
        missing = [at for at, event_id in enumerate(ids) if event_id not in self._rows]
        if missing:
            rows = compute_rows(events.iloc[missing])
            self.keep({ids[at]: row for at, row in zip(missing, rows, strict=True)})


@dataclass(frozen=True)
class Placed:
    """New events placed in clusters: the events with their ``cluster_id``, their blocking
    keys, the stored events whose ``cluster_id`` changes (``event_id, cluster_id``), and how
    many new events joined a cluster that already had stored events."""

    events: pd.DataFrame
    keys: pd.DataFrame
    changed: pd.DataFrame
    merged: int


def place_new(
    connection: duckdb.DuckDBPyConnection,
    events: pd.DataFrame,
    known: KnownRows | None = None,
    given: Mapping[str, EventRow] | None = None,
) -> Placed:
    """Clusters for new events (``EVENT_DTYPES``, not yet stored) against the stored ones,
    read on `connection` (the writing transaction's). `given` are the new events' merge
    rows when the extraction computed them, `known` those kept from earlier batches (both
    only save time: a missing row is computed); the rows used are added to `known`."""
    new = events[list(EVENT_DTYPES)]
    given = dict(given or {})
    missing = [i for i in new[Col.EVENT_ID].tolist() if i not in given]
    if missing:
        given.update(event_rows(new[isin_text(new[Col.EVENT_ID], missing)]))
    keys = blocking_keys(new, given)
    existing = _candidates(connection, new, keys)
    known = known if known is not None else KnownRows()
    known.keep(given)
    known.fill(existing)
    assigned = assign_clusters(new, existing, known=known.rows())
    cluster_of = pd.Series(
        assigned[Col.CLUSTER_ID].to_numpy(), index=assigned[Col.EVENT_ID].to_numpy()
    )
    placed = events.assign(
        **{CLUSTER_ID: new[Col.EVENT_ID].map(cluster_of).astype("string").to_numpy()}
    )
    is_new = isin_text(assigned[Col.EVENT_ID], new[Col.EVENT_ID])
    stored = existing[Col.CLUSTER_ID].astype(object)
    stored_final = stored.where(
        ~isin_text(existing[Col.EVENT_ID], cluster_of.index),
        existing[Col.EVENT_ID].map(cluster_of),
    )
    merged = int(isin_text(placed[CLUSTER_ID], set(stored_final.dropna())).sum())
    return Placed(placed, keys, assigned[~is_new].reset_index(drop=True), merged)


def _candidates(
    connection: duckdb.DuckDBPyConnection, new: pd.DataFrame, keys: pd.DataFrame
) -> pd.DataFrame:
    """Every member of every stored cluster with an event the new events would be compared
    with: all the stored events of a key held by at most ``ALL_PAIRS`` of them, else (a busy
    key: a country in a busy month) the ``WINDOW`` nearest in time on each side of each new
    event, as ``timeline.merge.blocking`` pairs them. So a batch reads a bounded number of
    events however large the store."""
    start = new[Col.START].to_numpy(dtype="datetime64[s]")
    seconds = np.where(np.isnat(start), 0, start.astype(np.int64))
    time_of = pd.Series(seconds, index=new[Col.EVENT_ID].to_numpy(dtype=object))
    wanted = pd.DataFrame(
        {
            Col.EVENT_ID: keys[Col.EVENT_ID].to_numpy(dtype=object),
            KEY: keys[KEY].to_numpy(dtype=object),
            "t": time_of.reindex(keys[Col.EVENT_ID].to_numpy(dtype=object)).to_numpy(),
        }
    )
    columns = ", ".join(quoted(c) for c in [*EVENT_DTYPES, CLUSTER_ID])
    event_id, start_column = Col.EVENT_ID, quoted(Col.START)
    connection.register("_wanted", wanted)
    try:
        frame = query_frame(
            connection,
            f"WITH hits AS (SELECT k.{KEY}, k.{event_id}, "
            f"coalesce(epoch(e.{start_column})::BIGINT, 0) AS t FROM event_keys k "
            f"JOIN events e ON e.{event_id} = k.{event_id} "
            f"WHERE k.{KEY} IN (SELECT {KEY} FROM _wanted)), "
            f"sizes AS (SELECT {KEY}, count(*) AS n FROM hits GROUP BY {KEY}), "
            f"busy AS (SELECT {KEY}, {event_id}, t, FALSE AS new FROM hits "
            f"WHERE {KEY} IN (SELECT {KEY} FROM sizes WHERE n > {ALL_PAIRS}) UNION ALL "
            f"SELECT {KEY}, {event_id}, t, TRUE AS new FROM _wanted "
            f"WHERE {KEY} IN (SELECT {KEY} FROM sizes WHERE n > {ALL_PAIRS})), "
            f"ranked AS (SELECT *, row_number() OVER (PARTITION BY {KEY} "
            f"ORDER BY t, {event_id}) AS r FROM busy), "
            f"near AS (SELECT {KEY}, unnest(range(r - {WINDOW}, r + {WINDOW + 1})) AS r "
            f"FROM ranked WHERE new), "
            f"chosen AS (SELECT {event_id} FROM hits "
            f"WHERE {KEY} IN (SELECT {KEY} FROM sizes WHERE n <= {ALL_PAIRS}) UNION "
            f"SELECT s.{event_id} FROM ranked s JOIN near USING ({KEY}, r) WHERE NOT s.new) "
            f"SELECT {columns} FROM events WHERE {CLUSTER_ID} IN (SELECT {CLUSTER_ID} "
            f"FROM events WHERE {event_id} IN (SELECT {event_id} FROM chosen)) ORDER BY {SEQ}",
        )
    finally:
        connection.unregister("_wanted")
    return frame.astype({**EVENT_DTYPES, CLUSTER_ID: "string"})


def cluster_all(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(``event_id, cluster_id`` of every event, their blocking keys): the whole store
    clustered at once with ``timeline.merge.cluster_events``."""
    new = events[list(EVENT_DTYPES)]
    clusters = cluster_events(new)
    frame = pd.DataFrame(
        {Col.EVENT_ID: new[Col.EVENT_ID].to_numpy(), Col.CLUSTER_ID: clusters.to_numpy()}
    ).astype("string")
    return frame, blocking_keys(new)


# ---------------------------------------------------------------------------- reading


def merged_sql(condition: str) -> str:
    """One row per cluster with a member matching `condition` (over the events table): the
    earliest report's columns, ``cluster_id``, ``n_sources`` and ``sources``, in the order the
    earliest reports were added (``timeline.merge.merged_events``' order).

    Most clusters are one event: their list is that event alone, and only the clusters of two
    or more events are aggregated."""
    head_columns = ", ".join(f"h.{quoted(c)}" for c in EVENT_DTYPES)
    inside = (
        ""
        if condition == "TRUE"
        else f"WHERE {CLUSTER} IN (SELECT DISTINCT {CLUSTER} FROM events WHERE {condition}) "
    )
    return (
        f"WITH sizes AS (SELECT {CLUSTER} AS c, count(*) AS n FROM events {inside}GROUP BY c), "
        f"shared AS (SELECT {CLUSTER} AS c, string_agg({_json_member('m')}, ', ' "
        f"ORDER BY m.{Col.EVENT_ID} = {CLUSTER} DESC, m.{Col.PUBLISHED} ASC NULLS LAST, "
        f"m.{Col.EVENT_ID} ASC) AS members FROM events m "
        f"WHERE {CLUSTER} IN (SELECT c FROM sizes WHERE n > 1) GROUP BY c) "
        f"SELECT {head_columns}, s.c AS {CLUSTER_ID}, s.n AS {Col.N_SOURCES}, "
        f"'[' || CASE WHEN s.n = 1 THEN {_json_member('h')} ELSE shared.members END || ']' "
        f"AS {Col.SOURCES} FROM sizes s JOIN events h ON h.{Col.EVENT_ID} = s.c "
        f"LEFT JOIN shared ON shared.c = s.c ORDER BY h.{SEQ}"
    )


def sources_sql() -> str:
    """The sources of the clusters listed in the parameter (a VARCHAR list), one row per
    event: ``SOURCE_DTYPES`` and the article's URL; clusters in the order their earliest
    reports were added, each earliest report first, then by publication date and event id."""
    columns = [c for c in SOURCE_DTYPES if c not in (Col.CLUSTER_ID, Col.EARLIEST)]
    picked = ", ".join(f"e.{quoted(c)}" for c in columns)
    return (
        f"WITH members AS (SELECT *, {CLUSTER} AS c FROM events "
        f"WHERE {CLUSTER} IN (SELECT unnest(?::VARCHAR[]))) "
        f"SELECT e.c AS {CLUSTER_ID}, {picked}, e.{Col.EVENT_ID} = e.c AS {Col.EARLIEST}, "
        f"a.{URL} AS {URL} FROM members e "
        f"JOIN events h ON h.{Col.EVENT_ID} = e.c "
        f"LEFT JOIN articles a ON a.{Col.DOC_ID} = e.{Col.DOC_ID} "
        f"ORDER BY h.{SEQ}, {Col.EARLIEST} DESC, e.{Col.PUBLISHED} ASC NULLS LAST, "
        f"e.{Col.EVENT_ID} ASC"
    )


def _json_member(alias: str) -> str:
    """A member as the JSON object ``merged_events`` writes: the fields of
    ``SOURCE_FIELDS`` in order, ``json.dumps`` spacing."""
    parts = []
    for name in SOURCE_FIELDS:
        column = f"{alias}.{quoted(name)}"
        value = _json_date(column) if name == Col.PUBLISHED else _json_text(column)
        parts.append(f"'\"{name}\": ' || {value}")
    return "'{' || " + " || ', ' || ".join(parts) + " || '}'"


# Python's json.dumps(ensure_ascii=False) escapes these five by name, other control characters
# as \u00xx in lower case; DuckDB's to_json writes upper-case hex, so text holding a control
# character (rare) is escaped here instead.
_NAMED: Final = {8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}


def _json_text(column: str) -> str:
    """A VARCHAR as a JSON string (``null`` when NULL), byte for byte as ``json.dumps``."""
    escaped = f"replace(replace({column}, '\\', '\\\\'), '\"', '\\\"')"
    for code in range(32):
        escape = _NAMED.get(code, f"\\u{code:04x}")
        escaped = f"replace({escaped}, chr({code}), '{escape}')"
    # to_json escapes a control character as \u00XX (and a backslash as \\): only text with
    # one of those can differ from json.dumps
    return (
        f"CASE WHEN {column} IS NULL THEN 'null' "
        f"WHEN contains(to_json({column})::VARCHAR, '\\u00') THEN '\"' || {escaped} || '\"' "
        f"ELSE to_json({column})::VARCHAR END"
    )


def _json_date(column: str) -> str:
    """A TIMESTAMP as ``merged_events`` writes it: ``"2023-09-13"``, with ``T12:00:00`` when
    the time is set, numpy's year (``-043`` is 44 BC); ``null`` when NULL."""
    return (
        f"CASE WHEN {column} IS NULL THEN 'null' ELSE '\"' || printf('%04d', year({column})) "
        f"|| strftime({column}, '-%m-%d') || CASE WHEN {column} = date_trunc('day', {column}) "
        f"THEN '' ELSE strftime({column}, 'T%H:%M:%S') END || '\"' END"
    )
