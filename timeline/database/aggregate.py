"""The dashboard's questions to the store, answered in DuckDB: counts, time bins per lane, one
row per place, a page of the table, the filters' options, an event's sources.

Every function takes a :class:`~timeline.database.Store` and a dashboard
:class:`~timeline.filters.View` (its SQL from :func:`timeline.database.queries.view_condition`),
and returns a small frame or number: the page never loads a million events into pandas to draw
a thousand markers. With ``merged=True`` the events of one cluster (the same happening told by
several articles, ``cluster_id``) are one row, the earliest report's, with ``n_sources`` (the
number of its reports that match the view); otherwise every report is a row (``n_sources`` 1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]

from timeline.database.queries import quoted, view_condition
from timeline.database.schema import CLUSTER_ID, SEQ
from timeline.filters import View
from timeline.lanes import LANE_COLUMNS, MAX_LANES
from timeline.schema import EVENT_DTYPES, Col, validate_events

if TYPE_CHECKING:
    from timeline.database.store import Store

__all__ = [
    "BIN_UNITS",
    "MAX_BINS",
    "N_SOURCES",
    "article_counts",
    "bin_unit",
    "count_events",
    "doc_ids",
    "event_bounds",
    "event_by_id",
    "event_page",
    "has_clusters",
    "has_mentions",
    "name_options",
    "place_counts",
    "remove_articles",
    "select_events",
    "sources_of",
    "time_bins",
]

N_SOURCES: Final = "n_sources"
MAX_BINS: Final = 160  # time bins across the visible window, at most
# (DuckDB date_trunc part, approximate length): the finest that gives <= MAX_BINS bins is used
BIN_UNITS: Final[tuple[tuple[str, pd.Timedelta], ...]] = (
    ("hour", pd.Timedelta(hours=1)),
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
_EVENT_COLUMNS: Final = [*EVENT_DTYPES, CLUSTER_ID, N_SOURCES]


def _relation(
    view: View | None, *, window: bool = True, place: bool = True, merged: bool = False
) -> tuple[str, list[object]]:
    """A SELECT of the events in view (every column, plus ``n_sources``) and its parameters."""
    condition, params = view_condition(view, window=window, place=place)
    if not merged:
        return f"SELECT *, 1::BIGINT AS {N_SOURCES} FROM events WHERE {condition}", params
    cluster = f"coalesce({CLUSTER_ID}, {quoted(Col.EVENT_ID)})"
    return (
        f"SELECT *, count(*) OVER (PARTITION BY {cluster}) AS {N_SOURCES} FROM events "
        f"WHERE {condition} QUALIFY row_number() OVER (PARTITION BY {cluster} ORDER BY "
        f"{quoted(Col.PUBLISHED)} NULLS LAST, {SEQ}) = 1",
        params,
    )


def _frame(store: Store, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
    """A query's result as a DataFrame (through Arrow, on a cursor of its own)."""
    with store.cursor() as cursor:
        table = cursor.sql(sql, params=list(params)).to_arrow_table()
    frame: pd.DataFrame = table.to_pandas(types_mapper=_ARROW_TYPES.get)
    return frame


def _scalar(store: Store, sql: str, params: Sequence[object] = ()) -> Any:
    with store.cursor() as cursor:
        row = cursor.execute(sql, list(params)).fetchone()
    return row[0] if row else None


def _events(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of the events table as a validated events frame with cluster_id and n_sources."""
    typed = frame[_EVENT_COLUMNS].astype(
        {**EVENT_DTYPES, CLUSTER_ID: "string", N_SOURCES: "int64"}
    )
    return validate_events(typed)


def _columns() -> str:
    return ", ".join(quoted(name) for name in _EVENT_COLUMNS)


def has_clusters(store: Store) -> bool:
    """Whether any cluster holds more than one event (else merged and every report agree)."""
    cluster = f"coalesce({CLUSTER_ID}, {quoted(Col.EVENT_ID)})"
    return bool(
        _scalar(
            store,
            f"SELECT EXISTS (SELECT 1 FROM events GROUP BY {cluster} HAVING count(*) > 1)",
        )
    )


def has_mentions(store: Store) -> bool:
    """Whether the store holds any mention (else the map uses the events' primary places)."""
    return bool(_scalar(store, "SELECT EXISTS (SELECT 1 FROM mentions)"))


def count_events(
    store: Store,
    view: View | None,
    *,
    window: bool = True,
    place: bool = True,
    merged: bool = False,
    dated: bool = False,
) -> int:
    """The number of events (clusters when `merged`) in view; only dated ones if `dated`."""
    sql, params = _relation(view, window=window, place=place, merged=merged)
    where = f" WHERE {quoted(Col.START)} IS NOT NULL" if dated else ""
    return int(_scalar(store, f"SELECT count(*) FROM ({sql}){where}", params))


def event_bounds(store: Store, view: View | None, *, merged: bool = False) -> pd.DataFrame:
    """start and end (``datetime64[s]``) of the dated events in view (not its time window),
    for :func:`timeline.focus.focus_window` and the range buttons: two columns, no text."""
    sql, params = _relation(view, window=False, merged=merged)
    start, end = quoted(Col.START), quoted(Col.END)
    with store.cursor() as cursor:
        table = cursor.sql(
            f"SELECT {start}, {end} FROM ({sql}) WHERE {start} IS NOT NULL", params=params
        ).to_arrow_table()
    return pd.DataFrame(
        {
            Col.START: table.column(0).to_numpy().astype("datetime64[s]"),
            Col.END: table.column(1).to_pandas().to_numpy(dtype="datetime64[s]"),
        }
    )


def bin_unit(span: pd.Timedelta) -> str:
    """The finest bin (DuckDB ``date_trunc`` part) giving at most MAX_BINS bins over `span`.

    >>> bin_unit(pd.Timedelta(days=30)), bin_unit(pd.Timedelta(days=3650))
    ('day', 'month')
    """
    for unit, length in BIN_UNITS:
        if span / length <= MAX_BINS:
            return unit
    return BIN_UNITS[-1][0]


def _lane_expression(lane: str) -> str:
    """A SQL list of the lanes an event sits in (one per actor or country; its article)."""
    if lane == "article":
        title, doc = quoted(Col.TITLE), quoted(Col.DOC_ID)
        return f"[coalesce(nullif({title}, ''), {doc}, '{_NO_LANE}')]"
    column = quoted(LANE_COLUMNS[lane])
    names = (
        f"list_filter(list_transform(string_split(coalesce({column}, ''), '; '), "
        "x -> trim(x)), x -> x <> '')"
    )
    return f"CASE WHEN len({names}) = 0 THEN ['{_NO_LANE}'] ELSE {names} END"


def time_bins(
    store: Store,
    view: View | None,
    *,
    lane: str,
    unit: str,
    between: tuple[dt.datetime, dt.datetime] | None = None,
    merged: bool = False,
) -> pd.DataFrame:
    """Events per lane and time bin: columns lane, bin (``datetime64[s]``, the bin's start), n.

    An event counts in each of its lanes, in the bin of its start; only events starting
    `between` (start, end) when given. Past MAX_LANES lanes, the quietest are one
    "(other N lanes)" lane, as :func:`timeline.lanes.fold_lanes` does.
    """
    if unit not in {name for name, _ in BIN_UNITS}:
        raise ValueError(f"unit={unit!r} is not one of {', '.join(n for n, _ in BIN_UNITS)}")
    sql, params = _relation(view, window=False, merged=merged)
    start = quoted(Col.START)
    where = f"{start} IS NOT NULL"
    params = list(params)
    if between is not None:
        where += f" AND {start} >= ? AND {start} <= ?"
        params += [between[0], between[1]]
    frame = _frame(
        store,
        f"""
        WITH x AS (
            SELECT unnest({_lane_expression(lane)}) AS lane, date_trunc('{unit}', {start}) AS bin
            FROM ({sql}) WHERE {where}
        ),
        totals AS (SELECT lane, count(*) AS n FROM x GROUP BY lane),
        kept AS (SELECT lane FROM totals ORDER BY n DESC, lane LIMIT {MAX_LANES - 1}),
        lanes AS (SELECT count(*) AS n FROM totals)
        SELECT CASE WHEN (SELECT n FROM lanes) <= {MAX_LANES} OR lane IN (SELECT lane FROM kept)
                    THEN lane
                    ELSE '(other ' || ((SELECT n FROM lanes) - {MAX_LANES - 1}) || ' lanes)' END
                   AS lane,
               bin, count(*) AS n
        FROM x GROUP BY ALL ORDER BY lane, bin
        """,
        params,
    )
    return pd.DataFrame(
        {
            "lane": frame["lane"].astype("string"),
            "bin": pd.to_datetime(frame["bin"]).to_numpy(dtype="datetime64[s]"),
            "n": frame["n"].astype("int64"),
        }
    )


def place_counts(
    store: Store,
    view: View | None,
    *,
    merged: bool = False,
    selected: str | None = None,
    mentions: bool = True,
) -> pd.DataFrame:
    """One row per located place of the events in view, as :func:`timeline.mapdata.place_table`
    gives: place, place_kind, lat, lon, country, events (count), event_ids (only `selected`,
    when that event is there: the map rings its places).

    From the mentions (every place an event names) when `mentions`, else from the events'
    primary place.
    """
    sql, params = _relation(view, merged=merged, place=False)
    ids = [selected] if selected else []
    if mentions:
        kind = (
            f"coalesce(m.{quoted(Col.PLACE_KIND)}, CASE WHEN m.{quoted(Col.KIND)} = 'country' "
            "THEN 'country' END, 'place')"
        )
        source = (
            f"SELECT m.{quoted(Col.NAME)} AS place, {kind} AS place_kind, m.lat, m.lon, "
            f"m.country, m.{quoted(Col.EVENT_ID)} AS event_id FROM mentions m "
            f"SEMI JOIN ({sql}) v ON m.{quoted(Col.EVENT_ID)} = v.{quoted(Col.EVENT_ID)} "
            f"WHERE m.{quoted(Col.KIND)} IN ('place', 'country') AND m.lat IS NOT NULL"
        )
    else:
        source = (
            f"SELECT {quoted(Col.PLACE)} AS place, coalesce({quoted(Col.PLACE_KIND)}, 'place') "
            f"AS place_kind, lat, lon, country, {quoted(Col.EVENT_ID)} AS event_id "
            f"FROM ({sql}) WHERE lat IS NOT NULL AND lon IS NOT NULL"
        )
    frame = _frame(
        store,
        f"""
        SELECT place, place_kind, first(lat) AS lat, first(lon) AS lon,
               first(country) AS country, count(DISTINCT event_id) AS events,
               list(DISTINCT event_id) FILTER (WHERE list_contains(?, event_id)) AS event_ids
        FROM ({source}) GROUP BY place, place_kind ORDER BY events DESC, place, place_kind
        """,
        [ids, *params],
    )
    frame["event_ids"] = [list(v) if v is not None else [] for v in frame["event_ids"]]
    frame["lat"] = frame["lat"].astype(float)
    frame["lon"] = frame["lon"].astype(float)
    frame["events"] = frame["events"].astype("int64")
    return frame


def doc_ids(store: Store, view: View | None, *, merged: bool = False) -> list[str]:
    """The articles of the events in view (for the map's dateline stars)."""
    sql, params = _relation(view, merged=merged, place=False)
    frame = _frame(store, f"SELECT DISTINCT {quoted(Col.DOC_ID)} AS d FROM ({sql})", params)
    return [str(d) for d in frame["d"].dropna()]


def event_page(
    store: Store, view: View | None, *, offset: int, limit: int, merged: bool = False
) -> pd.DataFrame:
    """`limit` events in view from `offset`, in date order (undated last), as the table pages."""
    sql, params = _relation(view, merged=merged)
    frame = _frame(
        store,
        f"SELECT {_columns()} FROM ({sql}) ORDER BY {quoted(Col.START)} NULLS LAST, {SEQ} "
        f"LIMIT {int(limit)} OFFSET {int(offset)}",
        params,
    )
    return _events(frame)


def event_by_id(store: Store, event_id: str) -> pd.DataFrame:
    """The event with this id (zero or one row), with ``n_sources`` of its whole cluster."""
    event = quoted(Col.EVENT_ID)
    frame = _frame(
        store,
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
        store,
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
            store,
            f"SELECT DISTINCT trim(unnest(string_split({quoted(column)}, '; '))) AS name "
            f"FROM events WHERE {quoted(column)} IS NOT NULL",
        )
        names[column] = sorted(str(n) for n in frame["name"].dropna() if str(n))
    return names


def article_counts(store: Store) -> dict[str, int]:
    """The number of events of each article, by doc_id."""
    frame = _frame(
        store,
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
                rows = cursor.execute(
                    f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
                ).fetchall()
                if table == "events":
                    removed = int(rows[0][0]) if rows else 0
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
    return removed


def select_events(
    store: Store,
    view: View | None,
    *,
    window: bool = True,
    place: bool = True,
    merged: bool = False,
) -> pd.DataFrame:
    """The events in view as a validated frame (with cluster_id and n_sources), in the order
    added: for views small enough to draw event by event."""
    sql, params = _relation(view, window=window, place=place, merged=merged)
    return _events(_frame(store, f"SELECT {_columns()} FROM ({sql}) ORDER BY {SEQ}", params))
