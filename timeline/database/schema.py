"""The store's tables, generated from the frame schemas, and its ordered migrations.

Tables (one DuckDB file):

* ``articles``: one row per article; ``doc_id`` (the hash of its text) is the key, so adding an
  article twice adds nothing. Every :class:`~timeline.article.Article` field has a column.
* ``events``: every column of ``timeline.schema.EVENT_DTYPES`` (``event_id`` is the key), plus
  ``cluster_id``: the event_id of the earliest report of the same happening
  (``timeline.merge``); NULL when the event was not merged (stored with merging off, or before
  schema version 2): it is then its own cluster.
* ``mentions``: every column of ``timeline.schema.MENTION_DTYPES``.
* ``event_keys``: ``event_id, key``, the blocking keys of every merged event
  (``timeline.merge.blocking_keys``): merging a new batch fetches only the stored events that
  share a key with it.
* ``meta``: ``schema_version`` and when the store was created.

Articles, events and mentions also have a ``seq`` column, the order in which rows were added:
events come back in the order extraction produced them, whichever process extracted them.

The column lists come from the dtype mappings, so a new column in ``EVENT_DTYPES`` needs one
migration entry, ``Migration(n, "...", columns={"events": ("new_column",)})``, and nothing else:
a new file gets it from the table definition, an old file from the ``ALTER TABLE`` the entry
generates. Version 1 creates every table and column except those a later migration adds (a new
table is a `Migration(n, "...", tables=("name",))` entry).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import duckdb
import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]

from timeline.errors import InputError
from timeline.schema import CLUSTER_DTYPES, EVENT_DTYPES, MENTION_DTYPES, Col

__all__ = [
    "ARTICLE_DTYPES",
    "CLUSTER_ID",
    "KEYS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SEQ",
    "TABLES",
    "Migration",
    "migrate",
    "query_frame",
    "schema_version",
    "sql_type",
]

SEQ: Final = "seq"
CLUSTER_ID: Final = Col.CLUSTER_ID

ARTICLE_DTYPES: Final[dict[str, str]] = {
    SEQ: "int64",
    "doc_id": "string",
    "title": "string",
    "source": "string",
    "url": "string",
    "author": "string",
    "site": "string",
    "published": "datetime64[s]",  # a date: midnight
    "published_source": "string",
    "dateline_place": "string",
    "dateline_region": "string",
    "agency": "string",
    "title_start": "Int64",  # Article.title_span
    "title_end": "Int64",
    "dateline_start": "Int64",  # Article.dateline_span
    "dateline_end": "Int64",
    "path": "string",
    "text": "string",
    "extractor": "string",  # what extracted its events: "timeline 0.1.0" (+ " rules" without a model)
    "added_at": "datetime64[s]",  # UTC
}

TABLES: Final[dict[str, dict[str, str]]] = {
    "articles": ARTICLE_DTYPES,
    "events": {SEQ: "int64", **EVENT_DTYPES, CLUSTER_ID: CLUSTER_DTYPES[CLUSTER_ID]},
    "mentions": {SEQ: "int64", **MENTION_DTYPES},
    "event_keys": {Col.EVENT_ID: "string", "key": "string"},
}
KEYS: Final[dict[str, str]] = {"articles": "doc_id", "events": "event_id"}

_SQL_TYPES: Final = {
    "string": "VARCHAR",
    "datetime64[s]": "TIMESTAMP",  # microseconds, years -290308 to 294247: 1048 and 44 BC fit
    "int64": "BIGINT NOT NULL",
    "Int64": "BIGINT",
    "float64": "DOUBLE",
    "bool": "BOOLEAN",
}


@dataclass(frozen=True)
class Migration:
    """One step of the schema.

    Args:
        version: the schema version the step leads to (1, 2, ... in order).
        description: what it changes, for the meta table and the log.
        columns: table -> the columns the step adds; their types come from ``TABLES``. Old
            rows get NULL: a column the schema says is never missing (dtype ``int64``) needs
            a backfill in `statements`.
        statements: further SQL run after the columns are added (backfills, indexes).
        tables: the tables the step creates, with every column ``TABLES`` gives them.
    """

    version: int
    description: str
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    statements: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()


MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(1, "articles, events, mentions and meta tables"),
    Migration(
        2,
        "event_keys table; cluster_id NULL for events not merged",
        tables=("event_keys",),
        # Version 1 wrote each event's own id as a placeholder: not a merge.
        statements=(f"UPDATE events SET {CLUSTER_ID} = NULL WHERE {CLUSTER_ID} = {Col.EVENT_ID}",),
    ),
)
SCHEMA_VERSION: Final = MIGRATIONS[-1].version


# Arrow -> pandas: strings as the schema's "string" dtype, integers nullable until cast.
_ARROW_TYPES: Final[dict[pa.DataType, Any]] = {
    pa.string(): pd.StringDtype(),
    pa.large_string(): pd.StringDtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.int32(): pd.Int64Dtype(),
}


def query_frame(
    connection: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()
) -> pd.DataFrame:
    """A query's result as a DataFrame, through Arrow (cast it to the schema's dtypes)."""
    table = connection.sql(sql, params=list(params) or None).to_arrow_table()
    frame: pd.DataFrame = table.to_pandas(types_mapper=_ARROW_TYPES.get)
    return frame


def sql_type(dtype: str) -> str:
    """The DuckDB column type of a pandas dtype of the schema.

    >>> sql_type("datetime64[s]"), sql_type("Int64")
    ('TIMESTAMP', 'BIGINT')
    """
    try:
        return _SQL_TYPES[dtype]
    except KeyError:
        raise ValueError(
            f"dtype {dtype!r} has no column type; known: {sorted(_SQL_TYPES)}"
        ) from None


def schema_version(connection: duckdb.DuckDBPyConnection, name: str = "the database") -> int:
    """The version recorded in the file: 0 for a new (empty) database.

    Raises:
        InputError: the database holds tables but is not a timeline store.
    """
    tables = {
        row[0]
        for row in connection.execute(
            "SELECT table_name FROM duckdb_tables() UNION "
            "SELECT view_name FROM duckdb_views() WHERE NOT internal"
        ).fetchall()
    }
    if "meta" not in tables:
        if tables:
            raise InputError(
                f"{name} is a DuckDB database but not a timeline store (tables: {', '.join(sorted(tables))})"
            )
        return 0
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    return int(row[0][0]) if row else 0


def migrate(
    connection: duckdb.DuckDBPyConnection,
    migrations: Sequence[Migration] = MIGRATIONS,
    tables: Mapping[str, Mapping[str, str]] = TABLES,
    *,
    name: str = "the database",
    read_only: bool = False,
) -> int:
    """Bring the database to the last migration's version, one transaction per step.

    Args:
        connection: the open database.
        migrations, tables: the steps and the tables they lead to (tests pass their own).
        name: how messages name the database ("store news.duckdb").
        read_only: only check that the database is up to date.

    Returns:
        The version the file had before (0 for a new file).

    Raises:
        InputError: the file was written by a newer timeline, is not a store, or (read-only)
            needs an upgrade.
    """
    found = schema_version(connection, name)
    latest = migrations[-1].version
    if found > latest:
        raise InputError(
            f"{name} has schema version {found}, newer than this timeline's {latest}; upgrade timeline"
        )
    if read_only and found == 0:
        raise InputError(
            f"{name} is empty (a run was stopped before it stored anything); fill it with "
            "timeline extract --store"
        )
    if read_only and found < latest:
        raise InputError(
            f"{name} has schema version {found}, this timeline reads {latest}; open it once "
            "for writing (timeline extract --store) to upgrade it"
        )
    later = [m for m in migrations if m.version > 1]
    for step in migrations:
        if step.version <= found:
            continue
        connection.execute("BEGIN TRANSACTION")
        if step.version == 1:
            for statement in _create_statements(tables, later):
                connection.execute(statement)
        for table in step.tables:
            connection.execute(_create_table(table, tables[table], ()))
        for table, names in step.columns.items():
            for name in names:
                connection.execute(
                    f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type(tables[table][name]).replace(" NOT NULL", "")}'
                )
        for statement in step.statements:
            connection.execute(statement)
        connection.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?), (?, ?)",
            [str(step.version), f"migration {step.version}", _now() + " " + step.description],
        )
        connection.execute("COMMIT")
    return found


def _create_statements(
    tables: Mapping[str, Mapping[str, str]], later: Sequence[Migration]
) -> list[str]:
    """CREATE TABLE statements of version 1: every table and column but those later steps
    add."""
    added = {(table, name) for m in later for table, names in m.columns.items() for name in names}
    created = {table for m in later for table in m.tables}
    statements = ["CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)"]
    for table, dtypes in tables.items():
        if table not in created:
            later_columns = {name for t, name in added if t == table}
            statements.append(_create_table(table, dtypes, later_columns))
    statements.append(f"INSERT INTO meta VALUES ('created_at', '{_now()}')")
    return statements


def _create_table(table: str, dtypes: Mapping[str, str], leave_out: Iterable[str]) -> str:
    """CREATE TABLE with the columns of `dtypes` except `leave_out`, keyed as ``KEYS`` says."""
    skip = set(leave_out)
    columns = [
        f'"{name}" {sql_type(dtype)}' + (" PRIMARY KEY" if KEYS.get(table) == name else "")
        for name, dtype in dtypes.items()
        if name not in skip
    ]
    return f"CREATE TABLE {table} ({', '.join(columns)})"


def _now() -> str:
    """The current UTC time, ISO, to the second."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")
