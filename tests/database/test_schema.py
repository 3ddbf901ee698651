"""The store's tables follow the frame schemas, and migrations upgrade old files in order."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest

from timeline.article import Article
from timeline.database import Store
from timeline.database import schema as db_schema
from timeline.database.schema import (
    ARTICLE_DTYPES,
    CLUSTER_ID,
    MIGRATIONS,
    SEQ,
    TABLES,
    Migration,
    migrate,
    schema_version,
    sql_type,
)
from timeline.errors import InputError
from timeline.schema import EVENT_DTYPES, MENTION_DTYPES


def _columns(connection: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = connection.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()
    return dict(rows)


def test_tables_are_generated_from_the_frame_schemas() -> None:
    connection = duckdb.connect()
    assert migrate(connection) == 0
    events = _columns(connection, "events")
    assert list(events) == [SEQ, *EVENT_DTYPES, CLUSTER_ID]
    assert events["start"] == "TIMESTAMP" and events["date_char_start"] == "BIGINT"
    assert events["lat"] == "DOUBLE" and events["sentence"] == "VARCHAR"
    assert list(_columns(connection, "mentions")) == [SEQ, *MENTION_DTYPES]
    assert list(_columns(connection, "articles")) == list(ARTICLE_DTYPES)
    assert schema_version(connection) == MIGRATIONS[-1].version
    assert migrate(connection) == MIGRATIONS[-1].version  # a second run changes nothing


def test_every_article_field_has_a_column() -> None:
    """A new Article field needs a column (and a migration) to survive the store."""
    spans = {
        "title_span": ("title_start", "title_end"),
        "dateline_span": ("dateline_start", "dateline_end"),
    }
    for field in dataclasses.fields(Article):
        assert set(spans.get(field.name, (field.name,))) <= set(ARTICLE_DTYPES), field.name


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    for step in MIGRATIONS:
        for table, names in step.columns.items():
            assert set(names) <= set(TABLES[table]), (
                f"migration {step.version} adds unknown columns"
            )


def test_unknown_dtype_is_refused() -> None:
    with pytest.raises(ValueError, match="no column type"):
        sql_type("object")


def test_a_current_file_opens_after_a_later_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mechanism, with a test-only column: current files get it by ALTER TABLE, new files
    have it from the start, and both end with the same columns. (Was written for version 1 ->
    2; version 2 now exists, so the test step is the one after the last.)"""
    path = tmp_path / "old.duckdb"
    with Store.open(path) as store:  # written by "this" timeline
        store.connection.execute(
            "INSERT INTO articles (seq, doc_id, text) VALUES (1, 'a1', 'old text')"
        )
    now = MIGRATIONS[-1].version
    tables = {**TABLES, "events": {**TABLES["events"], "importance": "float64"}}
    steps = (*MIGRATIONS, Migration(now + 1, "events.importance",
                                    columns={"events": ("importance",)},
                                    statements=("UPDATE events SET importance = 0",)))  # fmt: skip
    monkeypatch.setattr(db_schema, "MIGRATIONS", steps)
    monkeypatch.setattr(db_schema, "TABLES", tables)
    connection = duckdb.connect(str(path))
    assert migrate(connection, steps, tables) == now
    assert schema_version(connection) == now + 1
    assert _columns(connection, "events")["importance"] == "DOUBLE"
    assert connection.execute("SELECT text FROM articles").fetchall() == [("old text",)]
    fresh = duckdb.connect()
    migrate(fresh, steps, tables)
    assert _columns(fresh, "events") == _columns(connection, "events")
    notes = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    assert notes[f"migration {now + 1}"].endswith("events.importance")
    connection.close()


def test_a_version_1_store_gets_event_keys_and_unmerged_clusters(tmp_path: Path) -> None:
    """Version 1 wrote each event's own id as cluster_id: version 2 makes it NULL (not
    merged) and keeps a cluster set by set_clusters; it adds the event_keys table."""
    path = tmp_path / "v1.duckdb"
    connection = duckdb.connect(str(path))
    migrate(connection, MIGRATIONS[:1], {k: v for k, v in TABLES.items() if k != "event_keys"})
    connection.execute(
        "INSERT INTO events (seq, event_id, char_start, char_end, cluster_id) VALUES "
        "(1, 'e1', 0, 1, 'e1'), (2, 'e2', 0, 1, 'e1'), (3, 'e3', 0, 1, 'e3')"
    )
    connection.close()
    with Store.open(path) as store:
        rows = store.connection.execute(
            "SELECT event_id, cluster_id FROM events ORDER BY seq"
        ).fetchall()
        assert rows == [("e1", None), ("e2", "e1"), ("e3", None)]
        assert _columns(store.connection, "event_keys") == {"event_id": "VARCHAR", "key": "VARCHAR"}
        assert store.stats().schema_version == 2


def test_newer_and_foreign_files_are_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.duckdb"
    with Store.open(newer) as store:
        store.connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(
        InputError, match=r"newer.duckdb has schema version 99, newer than this timeline's"
    ):
        Store.open(newer)
    with pytest.raises(InputError, match="newer than this timeline"):
        Store.open(newer, read_only=True)
    foreign = tmp_path / "other.duckdb"
    connection = duckdb.connect(str(foreign))
    connection.execute("CREATE TABLE sales (id INTEGER)")
    connection.close()
    with pytest.raises(
        InputError,
        match=r"other.duckdb is a DuckDB database but not a timeline store \(tables: sales\)",
    ):
        Store.open(foreign)
