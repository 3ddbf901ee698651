"""The dashboard's questions to the store, answered in DuckDB: the events of a view as a compact
table, counts per time bin and lane, one row per place, a page of rows, the filters' options,
an event's sources.

A request of the dashboard filters the store once (:func:`hits`: the matching events' row
numbers, dates, articles and lane names, no text) and answers everything else (the window,
the bins, the map, the table's page) from that small Arrow table, in an in-memory DuckDB
(:func:`scratch`); the full rows are read from the store only for what is shown
(:func:`rows`). The page never loads a million events into pandas to draw a thousand markers.

With ``merged`` (a :class:`Clusters`), the events of one cluster (the same happening told by
several articles, ``cluster_id``) are one row, the earliest report's, with ``n_sources``, its
number of reports; otherwise every report is a row (``n_sources`` 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]

from timeline.database.queries import quoted, view_condition
from timeline.database.schema import CLUSTER_ID, SEQ
from timeline.filters import View
from timeline.lanes import LANE_COLUMNS, MAX_LANES
from timeline.schema import EVENT_DTYPES, PRECISIONS, Col, validate_events

if TYPE_CHECKING:
    from timeline.database.store import Store
    from timeline.mapdata import DatelineIndex

__all__ = [
    "BIN_UNITS",
    "MAX_BINS",
    "N_SOURCES",
    "Clusters",
    "PlaceIndex",
    "article_counts",
    "bin_unit",
    "bounds",
    "clusters",
    "dateline_docs",
    "dateline_found",
    "event_by_id",
    "has_clusters",
    "has_mentions",
    "hits",
    "in_window",
    "name_options",
    "narrow",
    "page_seqs",
    "place_counts",
    "place_index",
    "place_seqs",
    "remove_articles",
    "rows",
    "scratch",
    "seq_of",
    "sorted_page_seqs",
    "sources_of",
    "time_bins",
]

N_SOURCES: Final = "n_sources"
MAX_BINS: Final = 100  # time bins across the visible window, at most
# (DuckDB date_trunc part, approximate length): the finest that gives <= MAX_BINS bins is used;
# never finer than a day (most events are dated to the day)
BIN_UNITS: Final[tuple[tuple[str, pd.Timedelta], ...]] = (
    ("day", pd.Timedelta(days=1)),
    ("week", pd.Timedelta(days=7)),
    ("month", pd.Timedelta(days=30.44)),
    ("quarter", pd.Timedelta(days=91.3)),
    ("year", pd.Timedelta(days=365.25)),
    ("decade", pd.Timedelta(days=3652.5)),
    ("century", pd.Timedelta(days=36525)),
)
_NO_LANE: Final = "(none named)"
_ARROW_TYPES: Final[dict[Any, Any]] = {
    pa.string(): pd.StringDtype(),
    pa.large_string(): pd.StringDtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.int32(): pd.Int64Dtype(),
}
_EVENT_COLUMNS: Final = [*EVENT_DTYPES, CLUSTER_ID]
# the columns of a hits table: no text but the lane names
_HIT_COLUMNS: Final = (SEQ, Col.START, Col.END, Col.DOC_ID, Col.TITLE, Col.ACTORS, Col.COUNTRIES)
_START, _END = quoted(Col.START), quoted(Col.END)


# ---------------------------------------------------------------------------- plumbing


def scratch() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB for the queries over hits tables (one per thread: use a cursor)."""
    return duckdb.connect(":memory:")


def _frame(
    connection: duckdb.DuckDBPyConnection,
    sql: str,
    params: Sequence[object] = (),
    tables: dict[str, pa.Table] | None = None,
) -> pd.DataFrame:
    """A query's result as a DataFrame, on a cursor of its own with `tables` registered."""
    return _arrow(connection, sql, params, tables).to_pandas(  # type: ignore[no-any-return]
        types_mapper=_ARROW_TYPES.get
    )


def _arrow(
    connection: duckdb.DuckDBPyConnection,
    sql: str,
    params: Sequence[object] = (),
    tables: dict[str, pa.Table] | None = None,
) -> pa.Table:
    """A query's result as an Arrow table, on a cursor of its own with `tables` registered."""
    with connection.cursor() as cursor:
        for name, table in (tables or {}).items():
            cursor.register(name, table)
        return cursor.sql(sql, params=list(params)).to_arrow_table()


def _scalar(connection: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> Any:
    with connection.cursor() as cursor:
        row = cursor.execute(sql, list(params)).fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------------------- from the store


@dataclass(frozen=True)
class Clusters:
    """For every event, its ``seq``, the ``seq`` of its cluster's earliest report (``rep``)
    and the cluster's size (``n_sources``), as an Arrow table: computed once per data version
    by :func:`clusters`."""

    table: pa.Table
    seq: np.ndarray  # every event's seq, ascending
    rep_at: np.ndarray  # where in `seq` each event's earliest report is

    def reps(self, seqs: np.ndarray) -> np.ndarray:
        """The earliest reports (seq) of the clusters of these events (seq), ascending, once."""
        told = np.zeros(len(self.seq), dtype=bool)
        told[self.rep_at[np.searchsorted(self.seq, seqs)]] = True
        return self.seq[told]


def has_clusters(store: Store) -> bool:
    """Whether any cluster holds more than one event (else merged and every report agree)."""
    cluster = f"coalesce({CLUSTER_ID}, {quoted(Col.EVENT_ID)})"
    return bool(
        _scalar(
            store.connection,
            f"SELECT EXISTS (SELECT 1 FROM events GROUP BY {cluster} HAVING count(*) > 1)",
        )
    )


def has_mentions(store: Store) -> bool:
    """Whether the store holds any mention (else the map uses the events' primary places)."""
    return bool(_scalar(store.connection, "SELECT EXISTS (SELECT 1 FROM mentions)"))


def clusters(store: Store) -> Clusters:
    """Each event's cluster: its earliest report (by publication date, then order added) and
    its number of reports."""
    cluster = f"coalesce({CLUSTER_ID}, {quoted(Col.EVENT_ID)})"
    table = _arrow(
        store.connection,
        f"SELECT {SEQ}, first({SEQ} ORDER BY {quoted(Col.PUBLISHED)} NULLS LAST, {SEQ}) "
        f"OVER (PARTITION BY {cluster}) AS rep, count(*) OVER (PARTITION BY {cluster}) "
        f"AS {N_SOURCES} FROM events ORDER BY {SEQ}",
    )
    seq = _ints(table.column(SEQ))
    return Clusters(table, seq, np.searchsorted(seq, _ints(table.column("rep"))))


def _ints(column: pa.ChunkedArray) -> np.ndarray:
    """An integer column without nulls as an int64 array."""
    return column.to_numpy().astype("int64", copy=False)  # type: ignore[no-any-return]


def hits(store: Store, view: View | None, *, merged: Clusters | None = None) -> pa.Table:
    """The events matching the view's filters (not its window, place or selection): seq, start,
    end, doc_id, title, actors, countries, n_sources; in seq order.

    With `merged`, one row per cluster with at least one event matching: its earliest
    report's (as ``Store.events(view, merged=True)`` selects them). The one scan of the store
    with the view's conditions; the rest of a request works on this table.
    """
    condition, params = view_condition(view, window=False, place=False)
    columns = ", ".join(f"events.{quoted(c)}" for c in _HIT_COLUMNS)
    if merged is None:
        sql = (
            f"SELECT {columns}, 1::BIGINT AS {N_SOURCES} FROM events WHERE {condition} "
            f"ORDER BY {SEQ}"
        )
        return _arrow(store.connection, sql, params)
    sql = (
        f"WITH matched AS (SELECT DISTINCT _clusters.rep FROM events JOIN _clusters "
        f"ON events.{SEQ} = _clusters.{SEQ} WHERE {condition}) "
        f"SELECT {columns}, _clusters.{N_SOURCES} FROM events "
        f"JOIN matched ON events.{SEQ} = matched.rep "
        f"JOIN _clusters ON events.{SEQ} = _clusters.{SEQ} ORDER BY events.{SEQ}"
    )
    return _arrow(store.connection, sql, params, {"_clusters": merged.table})


def narrow(
    store: Store, view: View, everything: pa.Table, *, merged: Clusters | None = None
) -> pa.Table:
    """``hits(store, view, merged=merged)``, taken from the hits of every event (`everything`,
    ``hits(store, None, merged=merged)``, best in one chunk: ``pa.Table.combine_chunks``): the
    store is asked only for the seq of the matching events, not their columns, and the merged
    view needs no join in SQL (one country among a million events: 0.09 s -> 0.03 s)."""
    condition, params = view_condition(view, window=False, place=False)
    if condition == "TRUE":
        return everything
    matching = _ints(_arrow(store.connection, f"SELECT {SEQ} FROM events WHERE {condition}",
                            params).column(0))  # fmt: skip
    wanted = merged.reps(matching) if merged is not None else np.sort(matching)
    return everything.take(np.searchsorted(_ints(everything.column(SEQ)), wanted))


def place_seqs(store: Store, place: str) -> pa.Table:
    """The seq of every event at `place` (as the map's click filters: its place, its places,
    or a mention of that name)."""
    condition, params = view_condition(View(place=place), window=False, place=True)
    return _arrow(store.connection, f"SELECT {SEQ} FROM events WHERE {condition}", params)


def seq_of(store: Store, event_id: str) -> int | None:
    """The row number (seq) of an event, or None."""
    found = _scalar(
        store.connection, f"SELECT {SEQ} FROM events WHERE {quoted(Col.EVENT_ID)} = ?", [event_id]
    )
    return None if found is None else int(found)


@dataclass(frozen=True)
class PlaceIndex:
    """Where the events are, for counting a view's places with numpy: ``places`` has one row
    per located place (place, place_kind, lat, lon, country: the first seen), ``seq`` and
    ``place`` one entry per (event, place it names) pair, the event's seq and the place's row."""

    places: pd.DataFrame
    seq: np.ndarray
    place: np.ndarray


def place_index(
    store: Store, connection: duckdb.DuckDBPyConnection, *, mentions: bool = True
) -> PlaceIndex:
    """The :class:`PlaceIndex` of the store, built once per data version (in `connection`,
    the scratch database: the store may be read-only).

    From the mentions (every place an event names, as :func:`timeline.mapdata.place_table`
    reads them) when `mentions`, else from the events' primary place.
    """
    if mentions:
        kind = (
            f"coalesce(m.{quoted(Col.PLACE_KIND)}, CASE WHEN m.{quoted(Col.KIND)} = 'country' "
            "THEN 'country' END, 'place')"
        )
        located = (
            f"SELECT e.{SEQ} AS {SEQ}, m.{SEQ} AS _order, m.{quoted(Col.NAME)} AS place, "
            f"{kind} AS place_kind, m.lat, m.lon, m.country FROM mentions m JOIN events e "
            f"ON m.{quoted(Col.EVENT_ID)} = e.{quoted(Col.EVENT_ID)} "
            f"WHERE m.{quoted(Col.KIND)} IN ('place', 'country') AND m.lat IS NOT NULL"
        )
    else:
        located = (
            f"SELECT {SEQ}, {SEQ} AS _order, {quoted(Col.PLACE)} AS place, "
            f"coalesce({quoted(Col.PLACE_KIND)}, 'place') AS place_kind, lat, lon, country "
            "FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL"
        )
    tables = {"_located": _arrow(store.connection, located)}  # the rest in `connection`
    places = _frame(
        connection,
        "SELECT place, place_kind, first(lat ORDER BY _order) AS lat, "
        "first(lon ORDER BY _order) AS lon, first(country ORDER BY _order) AS country "
        "FROM _located GROUP BY place, place_kind ORDER BY place, place_kind",
        (),
        tables,
    )
    tables["_places"] = pa.Table.from_pandas(
        places[["place", "place_kind"]].assign(_row=np.arange(len(places))), preserve_index=False
    )
    pairs = _arrow(
        connection,
        f"SELECT DISTINCT l.{SEQ}, p._row FROM _located l JOIN _places p "
        "ON l.place = p.place AND l.place_kind = p.place_kind",
        (),
        tables,
    )
    return PlaceIndex(
        places,
        _ints(pairs.column(0)),
        _ints(pairs.column(1)),
    )


def rows(store: Store, selected: pa.Table, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The full rows of the events in `selected` (seq, n_sources), in its order: a validated
    events frame with cluster_id and n_sources; or only these events `columns` (and
    n_sources), typed but not validated: what a page of the table shows is read faster (a
    dozen rows scattered among a million: 0.015 s for every column, 0.009 s for ten)."""
    wanted = list(columns) if columns is not None else _EVENT_COLUMNS
    listed = ", ".join(f"e.{quoted(c)}" for c in wanted)
    ordered = selected.append_column("_order", pa.array(np.arange(selected.num_rows)))
    frame = _frame(
        store.connection,
        f"SELECT {listed}, s.{N_SOURCES} FROM events e JOIN _selected s ON e.{SEQ} = s.{SEQ} "
        "ORDER BY s._order",
        tables={"_selected": ordered.select([SEQ, N_SOURCES, "_order"])},
    )
    if columns is None:
        return _events(frame)
    types = {**EVENT_DTYPES, CLUSTER_ID: "string", N_SOURCES: "int64"}
    return frame.astype({column: types[column] for column in frame.columns})


def _events(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of the events table as a validated events frame with cluster_id and n_sources."""
    typed = frame[[*_EVENT_COLUMNS, N_SOURCES]].astype(
        {**EVENT_DTYPES, CLUSTER_ID: "string", N_SOURCES: "int64"}
    )
    return validate_events(typed)


def event_by_id(store: Store, event_id: str) -> pd.DataFrame:
    """The event with this id (zero or one row), with ``n_sources`` of its whole cluster."""
    event = quoted(Col.EVENT_ID)
    frame = _frame(
        store.connection,
        f"SELECT e.*, (SELECT count(*) FROM events o WHERE coalesce(o.{CLUSTER_ID}, o.{event}) "
        f"= coalesce(e.{CLUSTER_ID}, e.{event})) AS {N_SOURCES} FROM events e WHERE e.{event} = ?",
        [event_id],
    )
    return _events(frame)


def sources_of(store: Store, event_id: str) -> pd.DataFrame:
    """Every report of the event's cluster, earliest first: event_id, doc_id, title, source,
    published, sentence."""
    cluster = f"coalesce({CLUSTER_ID}, {quoted(Col.EVENT_ID)})"
    return _frame(
        store.connection,
        f"SELECT {quoted(Col.EVENT_ID)}, {quoted(Col.DOC_ID)}, {quoted(Col.TITLE)}, "
        f"{quoted(Col.SOURCE)}, {quoted(Col.PUBLISHED)}, {quoted(Col.SENTENCE)} FROM events "
        f"WHERE {cluster} = (SELECT {cluster} FROM events WHERE {quoted(Col.EVENT_ID)} = ?) "
        f"ORDER BY {quoted(Col.PUBLISHED)} NULLS LAST, {SEQ}",
        [event_id],
    )


def name_options(store: Store, columns: Iterable[str]) -> dict[str, list[str]]:
    """The distinct names of each '; '-joined column, sorted (the filters' options), as
    :func:`timeline.filters.names_in` gives them."""
    names: dict[str, list[str]] = {}
    for column in columns:
        frame = _frame(
            store.connection,
            f"SELECT DISTINCT trim(unnest(string_split({quoted(column)}, '; '))) AS name "
            f"FROM events WHERE {quoted(column)} IS NOT NULL",
        )
        names[column] = sorted(str(n) for n in frame["name"].dropna() if str(n))
    return names


def article_counts(store: Store) -> dict[str, int]:
    """The number of events of each article, by doc_id."""
    frame = _frame(
        store.connection,
        f"SELECT {quoted(Col.DOC_ID)} AS d, count(*) AS n FROM events "
        f"WHERE {quoted(Col.DOC_ID)} IS NOT NULL GROUP BY 1",
    )
    return {str(d): int(n) for d, n in zip(frame["d"], frame["n"], strict=True)}


def remove_articles(store: Store, doc_ids: Iterable[str]) -> int:
    """Delete these articles with their events and mentions, in one transaction (an article
    extracted again, with a date, replaces itself); the number of events removed."""
    wanted = list(dict.fromkeys(doc_ids))
    if not wanted:
        return 0
    with store.cursor() as cursor:
        cursor.execute("BEGIN TRANSACTION")
        try:
            removed = 0
            for table in ("mentions", "events", "articles"):
                found = cursor.execute(
                    f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
                ).fetchall()
                if table == "events":
                    removed = int(found[0][0]) if found else 0
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
    return removed


# ---------------------------------------------------------------------------- over hits tables


def in_window(
    connection: duckdb.DuckDBPyConnection,
    table: pa.Table,
    window: tuple[dt.datetime, dt.datetime] | None = None,
    place: pa.Table | None = None,
) -> pa.Table:
    """The rows of a hits table whose interval meets `window` (undated rows never do; an
    event without an end lasts a day), and whose seq is in `place` (a table of seq)."""
    if window is None and place is None:
        return table
    where, params, tables = ["TRUE"], list[object](), {"_hits": table}
    if window is not None:
        where.append(
            f"{_START} IS NOT NULL AND coalesce({_END}, {_START} + INTERVAL 1 DAY) > ? "
            f"AND {_START} <= ?"
        )
        params += [window[0], window[1]]
    if place is not None:
        where.append(f"{SEQ} IN (SELECT {SEQ} FROM _place)")
        tables["_place"] = place
    return _arrow(connection, f"SELECT * FROM _hits WHERE {' AND '.join(where)}", params, tables)


def bounds(connection: duckdb.DuckDBPyConnection, table: pa.Table) -> pd.DataFrame:
    """start and end (``datetime64[s]``) of the dated rows of a hits table, for
    :func:`timeline.focus.focus_window` and the range buttons: two columns, no text."""
    dated = _arrow(
        connection,
        f"SELECT {_START}, {_END} FROM _hits WHERE {_START} IS NOT NULL",
        tables={"_hits": table},
    )
    return pd.DataFrame(
        {
            Col.START: dated.column(0).to_pandas().to_numpy(dtype="datetime64[s]"),
            Col.END: dated.column(1).to_pandas().to_numpy(dtype="datetime64[s]"),
        }
    )


def bin_unit(span: pd.Timedelta) -> str:
    """The finest bin (DuckDB ``date_trunc`` part) giving at most MAX_BINS bins over `span`.

    >>> bin_unit(pd.Timedelta(days=30)), bin_unit(pd.Timedelta(days=3650))
    ('day', 'quarter')
    """
    for unit, length in BIN_UNITS:
        if span / length <= MAX_BINS:
            return unit
    return BIN_UNITS[-1][0]


def _lane_key(lane: str) -> str:
    """What decides an event's lanes: its '; '-joined actors or countries, or its article."""
    if lane == "article":
        title, doc = quoted(Col.TITLE), quoted(Col.DOC_ID)
        return f"coalesce(nullif({title}, ''), {doc}, '{_NO_LANE}')"
    return f"coalesce({quoted(LANE_COLUMNS[lane])}, '')"


def _lanes_of(lane: str, key: str) -> str:
    """A SQL list of the lanes of a :func:`_lane_key` value (one per actor or country)."""
    if lane == "article":
        return f"[{key}]"
    names = (
        f"list_filter(list_transform(string_split({key}, '; '), lambda x: trim(x)), "
        "lambda x: x <> '')"
    )
    return f"CASE WHEN len({names}) = 0 THEN ['{_NO_LANE}'] ELSE {names} END"


def time_bins(
    connection: duckdb.DuckDBPyConnection,
    table: pa.Table,
    *,
    lane: str,
    unit: str,
    between: tuple[dt.datetime, dt.datetime] | None = None,
) -> pd.DataFrame:
    """Events of a hits table per lane and time bin: columns lane, bin (``datetime64[s]``,
    the bin's start), n.

    An event counts in each of its lanes, in the bin of its start; only events starting
    `between` (start, end) when given. Past MAX_LANES lanes, the quietest are one
    "(other N lanes)" lane, as :func:`timeline.lanes.fold_lanes` does.
    """
    if unit not in {name for name, _ in BIN_UNITS}:
        raise ValueError(f"unit={unit!r} is not one of {', '.join(n for n, _ in BIN_UNITS)}")
    where, params = f"{_START} IS NOT NULL", list[object]()
    if between is not None:
        where += f" AND {_START} >= ? AND {_START} <= ?"
        params += [between[0], between[1]]
    # count per (lane key, bin) first: far fewer rows than events to split into lanes
    frame = _frame(
        connection,
        f"""
        WITH g AS (
            SELECT {_lane_key(lane)} AS k, date_trunc('{unit}', {_START}) AS bin, count(*) AS n
            FROM _hits WHERE {where} GROUP BY ALL
        ),
        x AS (SELECT unnest({_lanes_of(lane, "k")}) AS lane, bin, n FROM g),
        totals AS (SELECT lane, sum(n) AS n FROM x GROUP BY lane),
        kept AS (SELECT lane FROM totals ORDER BY n DESC, lane LIMIT {MAX_LANES - 1}),
        lanes AS (SELECT count(*) AS n FROM totals)
        SELECT CASE WHEN (SELECT n FROM lanes) <= {MAX_LANES} OR lane IN (SELECT lane FROM kept)
                    THEN lane
                    ELSE '(other ' || ((SELECT n FROM lanes) - {MAX_LANES - 1}) || ' lanes)' END
                   AS lane,
               bin, sum(n)::BIGINT AS n
        FROM x GROUP BY ALL ORDER BY lane, bin
        """,
        params,
        {"_hits": table},
    )
    return pd.DataFrame(
        {
            "lane": frame["lane"].astype("string"),
            "bin": pd.to_datetime(frame["bin"]).to_numpy(dtype="datetime64[s]"),
            "n": frame["n"].astype("int64"),
        }
    )


def place_counts(
    table: pa.Table, index: PlaceIndex, *, selected: tuple[int, str] | None = None
) -> pd.DataFrame:
    """One row per located place of the events of a hits table, as
    :func:`timeline.mapdata.place_table` gives: place, place_kind, lat, lon, country, events
    (count), event_ids ([the selected event_id] where it is, for the map's ring). Counted
    with numpy over the index: a few milliseconds at a million events.

    Args:
        table: the hits.
        index: :func:`place_index`.
        selected: (seq, event_id) of the selected event.
    """
    seqs = _ints(table.column(SEQ))
    top = int(max(seqs.max(initial=0), index.seq.max(initial=0))) + 1
    member = np.zeros(top, dtype=bool)
    member[seqs] = True
    kept = member[index.seq]
    counts = np.bincount(index.place[kept], minlength=len(index.places))
    chosen = np.zeros(len(index.places), dtype=bool)
    if selected is not None:
        chosen[index.place[kept & (index.seq == selected[0])]] = True
    found = index.places.assign(events=counts.astype("int64"), _chosen=chosen)
    found = found[found["events"] > 0].sort_values(
        ["events", "place", "place_kind"], ascending=[False, True, True], kind="stable"
    )
    ids = [selected[1]] if selected is not None else []
    found["event_ids"] = [ids if hit else [] for hit in found.pop("_chosen")]
    found["lat"] = found["lat"].astype(float)
    found["lon"] = found["lon"].astype(float)
    return found.reset_index(drop=True)


def dateline_docs(index: DatelineIndex) -> pa.Table:
    """The articles of a :class:`~timeline.mapdata.DatelineIndex` as a table to join in DuckDB:
    doc_id and pos, its position in ``index.docs`` (made once per data version)."""
    return pa.table({
        Col.DOC_ID: pa.array(index.docs.to_numpy(), type=pa.string()),
        "pos": pa.array(range(len(index.docs)), type=pa.int64()),
    })  # fmt: skip


def dateline_found(
    connection: duckdb.DuckDBPyConnection, table: pa.Table, docs: pa.Table
) -> np.ndarray:
    """The `pos` of the rows of `docs` (:func:`dateline_docs`) whose articles have events in a
    hits table: the map's dateline stars, found in DuckDB."""
    doc = quoted(Col.DOC_ID)
    found = _arrow(
        connection,
        f"SELECT pos FROM _docs WHERE {doc} IN (SELECT {doc} FROM _hits)",
        tables={"_hits": table, "_docs": docs},
    )
    return np.asarray(found.column(0).to_numpy(), dtype=np.int64)


def page_seqs(
    connection: duckdb.DuckDBPyConnection, table: pa.Table, *, offset: int, limit: int
) -> pa.Table:
    """seq and n_sources of `limit` rows of a hits table from `offset`, in date order
    (undated last), as the table pages: read them with :func:`rows`."""
    return _arrow(
        connection,
        f"SELECT {SEQ}, {N_SOURCES} FROM _hits ORDER BY {_START} NULLS LAST, {SEQ} "
        f"LIMIT {int(limit)} OFFSET {int(offset)}",
        tables={"_hits": table},
    )


def sorted_page_seqs(
    store: Store, table: pa.Table, *, column: str, descending: bool, offset: int, limit: int
) -> pa.Table:
    """seq and n_sources of `limit` rows of a hits table from `offset`, every row of the table
    ordered by one column (the table's sort, across all its pages): read them with :func:`rows`.

    `column` is a column of the events (start sorts by date, then end: chronologically; precision
    from "time" to "century"; text ignoring case) or n_sources. Missing values (and empty text)
    come last in either direction; ties keep the date order. Joins the store's events, so any
    column sorts, not only the few a hits table holds.
    """
    if column != N_SOURCES and column not in EVENT_DTYPES:
        raise ValueError(f"cannot sort by {column!r}: not an events column nor {N_SOURCES}")
    if column == N_SOURCES:
        keys = [f"h.{N_SOURCES}"]
    elif column == Col.START:
        keys = [f"e.{_START}", f"e.{_END}"]
    elif column == Col.PRECISION:
        keys = [f"list_position({list(PRECISIONS)!r}, e.{quoted(column)})"]
    elif EVENT_DTYPES[column] == "string":
        keys = [f"nullif(lower(trim(e.{quoted(column)})), '')"]
    else:
        keys = [f"e.{quoted(column)}"]
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{key} {direction} NULLS LAST" for key in keys)
    return _arrow(
        store.connection,
        f"SELECT h.{SEQ}, h.{N_SOURCES} FROM _hits h JOIN events e ON e.{SEQ} = h.{SEQ} "
        f"ORDER BY {order}, e.{_START} NULLS LAST, h.{SEQ} "
        f"LIMIT {int(limit)} OFFSET {int(offset)}",
        tables={"_hits": table.select([SEQ, N_SOURCES])},
    )
