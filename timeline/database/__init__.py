"""The store: articles, events and mentions in an embedded DuckDB file, added incrementally.

    from timeline.database import Store
    with Store.open("news.duckdb") as store:
        store.add(corpus)                  # idempotent: an article's id is the hash of its text
        events = store.events(view)        # a validated events frame, filtered in SQL

Modules: ``schema`` (tables generated from the frame schemas, migrations), ``queries`` (a
dashboard View as SQL), ``store`` (the Store), ``ingest`` (articles -> extraction in batches ->
the store, resumable).
"""

from __future__ import annotations

from timeline.database.ingest import IngestReport, ingest_articles
from timeline.database.schema import CLUSTER_ID, SCHEMA_VERSION
from timeline.database.store import Added, Store, StoreStats

__all__ = [
    "CLUSTER_ID",
    "SCHEMA_VERSION",
    "Added",
    "IngestReport",
    "Store",
    "StoreStats",
    "ingest_articles",
]
