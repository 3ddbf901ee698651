"""The Store: articles, events and mentions in one DuckDB file, added to incrementally.

An article's id is the hash of its text, so adding it twice adds nothing. Each :meth:`Store.add`
is one transaction: a process killed at any moment (``kill -9`` included) leaves a file that
opens with whole batches only, and adding the same articles again completes it.

One process at a time owns a store file (DuckDB locks it, even for reading). Inside that
process a Store may be shared between threads: every read runs on its own cursor and writes
are serialized by a lock.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import duckdb
import numpy as np
import pandas as pd

from timeline.article import Article
from timeline.database.clusters import (
    CLUSTER,
    URL,
    KnownRows,
    cluster_all,
    merged_sql,
    place_new,
    sources_sql,
)
from timeline.database.queries import quoted, view_condition
from timeline.database.schema import (
    ARTICLE_DTYPES,
    CLUSTER_ID,
    SEQ,
    TABLES,
    migrate,
    query_frame,
    schema_version,
)
from timeline.errors import ExportError, InputError, SchemaError
from timeline.filters import View
from timeline.schema import (
    CLUSTER_DTYPES,
    EVENT_DTYPES,
    MENTION_DTYPES,
    MERGED_DTYPES,
    SOURCE_DTYPES,
    Col,
    isin_text,
    validate_events,
)

if TYPE_CHECKING:
    from timeline.extract.pipeline import Corpus
    from timeline.merge import EventRow

__all__ = ["Added", "Store", "StoreStats"]

_LOCKED = re.compile(r"Could not set lock", re.IGNORECASE)
_PID = re.compile(r"\(PID (\d+)\)")
_MAGIC = b"DUCK"  # bytes 8-12 of every DuckDB database file


@dataclass(frozen=True)
class Added:
    """What one :meth:`Store.add` did: articles added and skipped (already present), the
    events and mentions it wrote, and how many of those events merged into stored ones."""

    articles: int
    skipped: int
    events: int
    mentions: int
    merged: int = 0  # new events that joined a cluster with stored events


@dataclass(frozen=True)
class StoreStats:
    """A store's size: row counts, schema version, file size (0 in memory), first and last add,
    and the clusters of its events."""

    path: Path | None
    schema_version: int
    articles: int
    events: int
    mentions: int
    size_bytes: int
    first_added: dt.datetime | None
    last_added: dt.datetime | None
    clusters: int = 0  # events shown once each: a merged cluster, or an event not merged
    shared: int = 0  # clusters of two or more events


class Store:
    """Articles, events and mentions in a DuckDB file (or in memory).

    Open with :meth:`Store.open`, use as a context manager:

    >>> with Store.open(None) as store:
    ...     store.stats().events
    0
    """

    def __init__(
        self, connection: duckdb.DuckDBPyConnection, path: Path | None, read_only: bool
    ) -> None:
        """Use :meth:`Store.open`; this wraps a connection whose schema is up to date."""
        self._connection = connection
        self._write_lock = threading.Lock()
        self._known = KnownRows()  # merge rows of recent events, for the next batches
        self.path = path
        self.read_only = read_only

    # ------------------------------------------------------------------ opening and closing

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False) -> Store:
        """Open a store file, creating it (and upgrading its schema) when needed.

        Args:
            path: the ``.duckdb`` file; None for a store in memory, gone when closed.
            read_only: open without writing; the file must exist and be up to date.

        Raises:
            InputError: the file is in use by another process, is not a store, is missing
                (read-only), or was written by a newer timeline. The message names the file.
        """
        if path is None:
            connection = duckdb.connect(":memory:")
            migrate(connection)
            return cls(connection, None, read_only=False)
        path = Path(path)
        if read_only and not path.exists():
            raise InputError(
                f"store {path} does not exist; create it with timeline extract --store"
            )
        if not path.parent.is_dir():
            raise InputError(f"cannot create store {path}: folder {path.parent} does not exist")
        if path.is_file() and not _is_duckdb(path):
            raise InputError(
                f"{path} is not a timeline store (not a DuckDB file); give a new file name or a store"
            )
        try:
            connection = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as err:
            raise InputError(_open_error(path, err)) from None
        try:
            migrate(connection, name=f"store {path}", read_only=read_only)
        except BaseException:
            connection.close()
            raise
        return cls(connection, path, read_only)

    def close(self) -> None:
        """Close the file (every pending write is already committed)."""
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path) if self.path else ':memory:'!r}, read_only={self.read_only})"

    # ------------------------------------------------------------------ raw access

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for query modules (SQL views over the tables). Not safe to
        share between threads: a thread uses :meth:`cursor` instead."""
        return self._connection

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new connection to the same database, for one thread or one request; close it
        after use (``with store.cursor() as cursor: ...``)."""
        return self._connection.cursor()

    # ------------------------------------------------------------------ writing

    def add(
        self,
        corpus: Corpus,
        *,
        extractor: str | None = None,
        merge: bool = True,
        rows: Mapping[str, EventRow] | None = None,
    ) -> Added:
        """Add a corpus's articles with their events and mentions, in one transaction.

        Articles already in the store (same ``doc_id``) are skipped with their events, so
        adding the same corpus twice adds nothing. An article without events is still added
        (it is then known, and not extracted again).

        With `merge`, the new events are placed in clusters in the same transaction: each joins
        the stored cluster reporting the same happening, or a new one
        (``timeline.merge.assign_clusters`` against the stored events sharing a blocking key
        with it), and stored events whose cluster gets an earlier report are updated. A run
        killed at any point leaves every cluster whole.

        Args:
            corpus: articles, events and mentions, as ``extract_corpus`` returns them. A
                ``cluster_id`` column of the events is ignored.
            extractor: what extracted them (kept with each article), e.g. "timeline 0.1.0".
            merge: place the new events in clusters; without it their ``cluster_id`` is NULL
                (each its own cluster) until :meth:`merge_all`.
            rows: the new events' ``timeline.merge.event_rows`` by event_id, when the
                extraction computed them (only saves time: missing ones are computed).

        Raises:
            SchemaError: an event of an article the corpus does not hold, or an event id twice.
            ExportError: the file cannot be written (disk full, read-only store).
        """
        if self.read_only:
            raise ExportError(f"store {self.path} is open read-only; open it for writing to add")
        _check(corpus)
        merged = 0
        with self._write_lock, self._transaction() as connection:
            known = _known(connection, corpus.articles)
            new = [a for doc_id, a in corpus.articles.items() if doc_id not in known]
            ids = {a.doc_id for a in new}
            events = corpus.events[isin_text(corpus.events[Col.DOC_ID], ids)]
            events = events.drop(columns=[CLUSTER_ID], errors="ignore")
            mentions = corpus.mentions[isin_text(corpus.mentions[Col.DOC_ID], ids)]
            added_at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
            _insert(connection, "articles", _article_frame(new, extractor, added_at))
            if merge and not events.empty:
                placed = place_new(connection, validate_events(events), self._known, rows)
                events, merged = placed.events, placed.merged
                _update_clusters(connection, placed.changed)
                _insert(connection, "event_keys", placed.keys)
            _insert(connection, "events", events)
            _insert(connection, "mentions", mentions)
        return Added(len(new), len(corpus.articles) - len(new), len(events), len(mentions), merged)

    def merge_all(self) -> int:
        """Cluster every stored event again with ``timeline.merge.cluster_events`` (a store
        filled with merging off, or one whose clusters grew one batch at a time), in one
        transaction. Returns the number of events whose cluster changed."""
        if self.read_only:
            raise ExportError(f"store {self.path} is open read-only; open it for writing")
        with self._write_lock, self._transaction() as connection:
            events = query_frame(
                connection, f"SELECT {_columns(EVENT_DTYPES)} FROM events ORDER BY {SEQ}"
            )
            events = _typed(events, EVENT_DTYPES)
            clusters, keys = cluster_all(validate_events(events))
            changed = _update_clusters(connection, clusters)
            connection.execute("DELETE FROM event_keys")
            _insert(connection, "event_keys", keys)
        return changed

    def set_clusters(self, clusters: pd.DataFrame) -> int:
        """Set events' ``cluster_id`` from ``event_id, cluster_id`` rows
        (``timeline.schema.CLUSTER_DTYPES``, what ``timeline.merge.assign_clusters`` returns),
        in one transaction. Returns the number of events changed."""
        if self.read_only:
            raise ExportError(f"store {self.path} is open read-only; open it for writing")
        frame = clusters[list(CLUSTER_DTYPES)].astype(CLUSTER_DTYPES)
        with self._write_lock, self._transaction() as connection:
            return _update_clusters(connection, frame)

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """BEGIN ... COMMIT on the writing connection; ROLLBACK on any error, and an
        ExportError when the file cannot be written (disk full, file gone)."""
        connection = self._connection
        connection.execute("BEGIN TRANSACTION")
        try:
            yield connection
            connection.execute("COMMIT")
        except duckdb.IOException as err:
            _rollback(connection)
            raise ExportError(f"store {self.path} could not be written: {err}") from None
        except BaseException:
            _rollback(connection)
            raise

    # ------------------------------------------------------------------ reading

    def known(self, doc_ids: Iterable[str]) -> set[str]:
        """The doc_ids among these that the store holds."""
        with self.cursor() as cursor:
            return _known(cursor, doc_ids)

    def events(
        self,
        view: View | None = None,
        *,
        window: bool = True,
        place: bool = True,
        merged: bool = False,
    ) -> pd.DataFrame:
        """The events in `view` (all without one), in the order they were added.

        Selects the rows ``timeline.filters.filter_events(events, view, mentions=..., window=,
        place=)`` would, in SQL. Returns a validated ``EVENT_DTYPES`` frame (dates
        ``datetime64[s]``, 44 BC included) with the ``cluster_id`` column after them (NULL for
        an event stored with merging off: its own cluster).

        With `merged`, one row per cluster with at least one event in `view`: the
        ``MERGED_DTYPES`` frame of ``timeline.merge.merged_events`` (the earliest report's
        columns, ``cluster_id``, ``n_sources``, ``sources`` as JSON), in the order the earliest
        reports were added. An event not merged is a cluster of one.
        """
        condition, params = view_condition(view, window=window, place=place)
        if merged:
            frame = self._frame(merged_sql(condition), params)
            return validate_events(_typed(frame, MERGED_DTYPES))
        columns = [*EVENT_DTYPES, CLUSTER_ID]
        frame = self._frame(
            f"SELECT {_columns(columns)} FROM events WHERE {condition} ORDER BY {SEQ}", params
        )
        return validate_events(_typed(frame, {**EVENT_DTYPES, CLUSTER_ID: "string"}))

    def sources(self, cluster_ids: Iterable[str]) -> pd.DataFrame:
        """The sources of these clusters, one row per event: ``SOURCE_DTYPES`` (``cluster_id,
        event_id, doc_id, title, source, published, sentence, earliest``) and ``url``, the
        article's URL. Clusters come in the order their earliest reports were added, each
        earliest report first (``earliest`` True), then by publication date; an unknown
        cluster id gives no rows."""
        frame = self._frame(sources_sql(), [list(dict.fromkeys(cluster_ids))])
        return _typed(frame, {**SOURCE_DTYPES, URL: "string"})

    def has_clusters(self) -> bool:
        """Whether any stored event was merged (its ``cluster_id`` is set)."""
        with self.cursor() as cursor:
            rows = cursor.execute(
                f"SELECT 1 FROM events WHERE {CLUSTER_ID} IS NOT NULL LIMIT 1"
            ).fetchall()
        return bool(rows)

    def mentions(self, event_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """The mentions (``MENTION_DTYPES``) of these events, or all, in the order added."""
        where, params = "TRUE", list[object]()
        if event_ids is not None:
            where, params = f"{Col.EVENT_ID} IN (SELECT unnest(?::VARCHAR[]))", [list(event_ids)]
        frame = self._frame(
            f"SELECT {_columns(MENTION_DTYPES)} FROM mentions WHERE {where} ORDER BY {SEQ}",
            params,
        )
        return _typed(frame, MENTION_DTYPES)

    def articles(self, doc_ids: Iterable[str] | None = None) -> dict[str, Article]:
        """The articles with these doc_ids (all when None), by doc_id, in the order added."""
        where, params = "TRUE", list[object]()
        if doc_ids is not None:
            where, params = "doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(doc_ids)]
        frame = self._frame(f"SELECT * FROM articles WHERE {where} ORDER BY {SEQ}", params)
        # the rows from the columns' lists: DataFrame.to_dict took twice as long (100,000
        # articles: 1.5 s -> 0.8 s of a server's start)
        columns = {name: frame[name].tolist() for name in frame.columns}
        rows = ({name: values[i] for name, values in columns.items()} for i in range(len(frame)))
        return {str(row["doc_id"]): _article(row) for row in rows}

    def stats(self) -> StoreStats:
        """Counts, schema version, file size and the first and last time articles were added."""
        with self.cursor() as cursor:
            ((articles, first, last),) = cursor.execute(
                "SELECT count(*), min(added_at), max(added_at) FROM articles"
            ).fetchall()
            ((events,),) = cursor.execute("SELECT count(*) FROM events").fetchall()
            ((mentions,),) = cursor.execute("SELECT count(*) FROM mentions").fetchall()
            ((clusters, shared),) = cursor.execute(
                f"SELECT count(*), coalesce(sum((n > 1)::INTEGER), 0) FROM "
                f"(SELECT count(*) AS n FROM events GROUP BY {CLUSTER})"
            ).fetchall()
            version = schema_version(cursor)
        size = 0
        if self.path is not None:
            size = sum(p.stat().st_size for p in (self.path, _wal(self.path)) if p.exists())
        return StoreStats(
            self.path, version, articles, events, mentions, size, first, last, clusters, shared
        )

    def _frame(self, sql: str, params: Sequence[object]) -> pd.DataFrame:
        """A query's result as a DataFrame, through Arrow, on a cursor of its own."""
        with self.cursor() as cursor:
            return query_frame(cursor, sql, params)


# ---------------------------------------------------------------------------- helpers


def _rollback(connection: duckdb.DuckDBPyConnection) -> None:
    """Undo the open transaction, if DuckDB has not already aborted it."""
    with suppress(duckdb.Error):
        connection.execute("ROLLBACK")


def _open_error(path: Path, err: duckdb.Error) -> str:
    """A one-line message for a file DuckDB cannot open."""
    message = str(err)
    if _LOCKED.search(message):
        pid = _PID.search(message)
        owner = f" (PID {pid.group(1)})" if pid else ""
        return (
            f"store {path} is in use by another process{owner}; wait for it to finish or "
            "give another --store file"
        )
    if "not a valid DuckDB database" in message:
        return (
            f"{path} is not a timeline store (not a DuckDB file); give a new file name or a store"
        )
    return f"store {path} cannot be opened: {message.splitlines()[0]}"


def _is_duckdb(path: Path) -> bool:
    """Whether the file starts like a DuckDB database (which opens a CSV or Parquet file as a
    database of one view, so DuckDB itself would not refuse it)."""
    with path.open("rb") as file:
        return file.read(12)[8:12] == _MAGIC


def _wal(path: Path) -> Path:
    """DuckDB's write-ahead log beside the file."""
    return path.with_name(path.name + ".wal")


def _check(corpus: Corpus) -> None:
    """Events must belong to the corpus's articles, each event once."""
    orphans = set(corpus.events[Col.DOC_ID].dropna()) - set(corpus.articles)
    if orphans:
        raise SchemaError(
            f"corpus has events of articles it does not hold: {sorted(orphans)[:5]}; "
            "add the articles with their events"
        )
    twice = corpus.events[Col.EVENT_ID][corpus.events[Col.EVENT_ID].duplicated()]
    if not twice.empty:
        raise SchemaError(
            f"corpus has event ids twice: {sorted(set(twice))[:5]}; extract each article once"
        )


def _known(connection: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]) -> set[str]:
    """The doc_ids among these present in the articles table."""
    wanted = list(dict.fromkeys(doc_ids))
    if not wanted:
        return set()
    rows = connection.execute(
        "SELECT doc_id FROM articles WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [wanted]
    ).fetchall()
    return {row[0] for row in rows}


def _insert(connection: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    """Append a frame's rows, numbered after the table's last ``seq`` (tables that have one);
    columns the frame lacks are left NULL."""
    if frame.empty:
        return
    columns = [c for c in TABLES[table] if c in frame.columns and c != SEQ]
    rows = frame[columns]
    if SEQ in TABLES[table]:
        ((last,),) = connection.execute(f"SELECT coalesce(max({SEQ}), 0) FROM {table}").fetchall()
        rows = rows.assign(**{SEQ: np.arange(last + 1, last + 1 + len(frame))})
        columns = [SEQ, *columns]
    connection.register("_rows", rows)
    try:
        names = _columns(columns)
        connection.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _rows")
    finally:
        connection.unregister("_rows")


def _update_clusters(connection: duckdb.DuckDBPyConnection, clusters: pd.DataFrame) -> int:
    """Set ``cluster_id`` from ``event_id, cluster_id`` rows; the number of events changed."""
    if clusters.empty:
        return 0
    connection.register("_clusters", clusters[list(CLUSTER_DTYPES)].astype(CLUSTER_DTYPES))
    try:
        changed = connection.execute(
            f"UPDATE events SET {CLUSTER_ID} = c.{CLUSTER_ID} FROM _clusters c "
            f"WHERE events.{Col.EVENT_ID} = c.{Col.EVENT_ID} "
            f"AND events.{CLUSTER_ID} IS DISTINCT FROM c.{CLUSTER_ID}"
        ).fetchall()
    finally:
        connection.unregister("_clusters")
    return int(changed[0][0]) if changed else 0


def _columns(names: Iterable[str]) -> str:
    """A quoted column list."""
    return ", ".join(quoted(name) for name in names)


def _typed(frame: pd.DataFrame, dtypes: Mapping[str, str]) -> pd.DataFrame:
    """A query result cast to the schema's dtypes (timestamps come back as microseconds)."""
    return frame.astype(dict(dtypes))


def _article_frame(
    articles: list[Article], extractor: str | None, added_at: dt.datetime
) -> pd.DataFrame:
    """The articles table's rows of these articles."""
    rows = [
        {
            "doc_id": a.doc_id,
            "title": a.title,
            "source": a.source,
            "url": a.url,
            "author": a.author,
            "site": a.site,
            "published": np.datetime64(a.published, "s") if a.published else None,
            "published_source": a.published_source,
            "dateline_place": a.dateline_place,
            "dateline_region": a.dateline_region,
            "agency": a.agency,
            "title_start": a.title_span[0] if a.title_span else None,
            "title_end": a.title_span[1] if a.title_span else None,
            "dateline_start": a.dateline_span[0] if a.dateline_span else None,
            "dateline_end": a.dateline_span[1] if a.dateline_span else None,
            "path": str(a.path) if a.path else None,
            "text": a.text,
            "extractor": extractor,
            "added_at": added_at,
        }
        for a in articles
    ]
    dtypes = {k: v for k, v in ARTICLE_DTYPES.items() if k != SEQ}
    return pd.DataFrame(rows, columns=list(dtypes)).astype(dtypes) if rows else pd.DataFrame()


def _article(row: Mapping[str, Any]) -> Article:
    """An Article from its row."""

    def text(key: str) -> str | None:
        value = row[key]
        return None if value is None or value is pd.NA else str(value)

    def span(prefix: str) -> tuple[int, int] | None:
        start, end = row[f"{prefix}_start"], row[f"{prefix}_end"]
        return None if start is pd.NA or start is None else (int(start), int(end))

    published = row["published"]
    return Article(
        text=str(row["text"]),
        title=text("title"),
        published=None if pd.isna(published) else pd.Timestamp(published).date(),
        published_source=str(row["published_source"]),
        dateline_place=text("dateline_place"),
        dateline_region=text("dateline_region"),
        agency=text("agency"),
        doc_id=str(row["doc_id"]),
        path=Path(row["path"]) if text("path") else None,
        source=text("source"),
        url=text("url"),
        author=text("author"),
        site=text("site"),
        title_span=span("title"),
        dateline_span=span("dateline"),
    )
