"""Merged events for export: one row per cluster with its sources as lists.

A merged export has the earliest report's columns (``timeline.schema.EVENT_DTYPES``), then
``cluster_id``, ``n_sources`` (the articles reporting the event) and two lists, earliest report
first: ``source_titles`` (the article's title, else its source) and ``source_urls`` (the
article's URL, else its source: a publisher or file name). JSON and GeoJSON write them as
arrays, Parquet as list columns, CSV as one cell with a line per source; TimelineJS and the
report list the sources with their links (:func:`timeline.export.labels.sources_html`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import pandas as pd

from timeline.article import Article
from timeline.schema import EVENT_DTYPES, Col

__all__ = ["MERGED_EXPORT_COLUMNS", "SOURCE_TITLES", "SOURCE_URLS", "merged_table", "with_urls"]

SOURCE_TITLES: Final = "source_titles"
SOURCE_URLS: Final = "source_urls"
MERGED_EXPORT_COLUMNS: Final = (
    *EVENT_DTYPES,
    Col.CLUSTER_ID,
    Col.N_SOURCES,
    SOURCE_TITLES,
    SOURCE_URLS,
)
URL: Final = "url"


def merged_table(merged: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The export frame of merged events.

    Args:
        merged: one row per cluster (``timeline.schema.MERGED_DTYPES``: ``Store.events(...,
            merged=True)`` or ``timeline.merge.merged_events``).
        sources: their sources, one row per event (``SOURCE_DTYPES`` and ``url``:
            ``Store.sources`` or :func:`with_urls`), each cluster's earliest report first.

    >>> from timeline.schema import MERGED_DTYPES, SOURCE_DTYPES
    >>> empty = pd.DataFrame({c: pd.Series(dtype=d) for c, d in MERGED_DTYPES.items()})
    >>> list(merged_table(empty, with_urls(pd.DataFrame(columns=list(SOURCE_DTYPES)), {})))[-3:]
    ['n_sources', 'source_titles', 'source_urls']
    """
    title = sources[Col.TITLE].fillna(sources[Col.SOURCE])
    url = sources[URL].fillna(sources[Col.SOURCE])
    lists = pd.DataFrame(
        {
            Col.CLUSTER_ID: sources[Col.CLUSTER_ID].to_numpy(dtype=object),
            SOURCE_TITLES: _cells(title),
            SOURCE_URLS: _cells(url),
        }
    )
    grouped = lists.groupby(Col.CLUSTER_ID, sort=False).agg(list)
    clusters = merged[Col.CLUSTER_ID].to_numpy(dtype=object)
    table = merged[[*EVENT_DTYPES, Col.CLUSTER_ID, Col.N_SOURCES]].copy()
    for column in (SOURCE_TITLES, SOURCE_URLS):
        found = grouped[column].reindex(clusters)
        table[column] = [value if isinstance(value, list) else [] for value in found]
    return table.reset_index(drop=True)


def with_urls(sources: pd.DataFrame, articles: Mapping[str, Article]) -> pd.DataFrame:
    """``timeline.merge.event_sources``' table with the ``url`` of each source's article (for
    events extracted in memory; ``Store.sources`` gives it already)."""
    urls = [
        (articles[doc_id].url if doc_id in articles else None)
        for doc_id in sources[Col.DOC_ID].fillna("")
    ]
    return sources.assign(**{URL: pd.Series(urls, index=sources.index, dtype="string")})


def _cells(values: pd.Series) -> list[str | None]:
    """Text cells as plain values, None for a missing one."""
    return [None if pd.isna(value) else str(value) for value in values]
