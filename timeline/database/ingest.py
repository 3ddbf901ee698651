"""Articles -> the store: only those not in it yet are extracted, one transaction per batch.

Each article's id is the hash of its text, known before extraction, so a second run over the
same files extracts nothing, and a run that was killed resumes where its last batch was stored.

The store's batches are `STORE_BATCH` articles in input order (or ``--batch-size``), whatever
batches extraction used: merging places each stored batch against the ones before it, so one
process, ``--jobs N`` and a Dask cluster fill identical stores, clusters included.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import pandas as pd

from timeline import __version__
from timeline.article import Article
from timeline.config import Settings
from timeline.database.store import Store
from timeline.runner import BatchResult, Failure, Parallelism, Progress, extract_batches
from timeline.schema import Col, isin_text

if TYPE_CHECKING:
    from timeline.extract.pipeline import Corpus
    from timeline.merge import EventRow

__all__ = ["STORE_BATCH", "IngestReport", "ingest_articles", "new_articles"]

logger = logging.getLogger(__name__)

STORE_BATCH: Final = 64  # articles per store transaction, unless --batch-size says otherwise


@dataclass(frozen=True)
class IngestReport:
    """What a run added: new articles, those skipped (already stored, or a repeated text in
    the input), those whose extraction failed, and the events added."""

    added: int
    skipped: int
    failed: int
    events: int
    merged: int = 0  # new events that joined a cluster with events stored before
    merging: bool = True

    def summary(self) -> str:
        """One line for the user.

        >>> IngestReport(0, 12, 0, 0).summary()
        '0 new articles, 12 already in the store'
        >>> IngestReport(3, 0, 0, 40, merged=7).summary()
        '3 new articles, 0 already in the store; 40 events added, 7 merged into stored events'
        >>> IngestReport(3, 0, 0, 40, merging=False).summary()
        '3 new articles, 0 already in the store; 40 events added, not merged'
        """
        line = f"{self.added:,} new articles, {self.skipped:,} already in the store"
        if self.added:
            line += f"; {self.events:,} events added"
            if self.merging:
                line += f", {self.merged:,} merged into stored events"
            else:
                line += ", not merged"
        if self.failed:
            line += f"; {self.failed:,} could not be extracted"
        return line


def new_articles(store: Store, articles: Iterable[Article]) -> tuple[list[Article], int]:
    """(articles to extract, number skipped): those the store lacks, each text once, in order."""
    pending: dict[str, Article] = {}
    seen = 0
    for article in articles:
        seen += 1
        pending.setdefault(article.doc_id, article)
    known = store.known(pending)
    todo = [a for doc_id, a in pending.items() if doc_id not in known]
    return todo, seen - len(todo)


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    settings: Settings,
    how: Parallelism | None = None,
    *,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    merge: bool = True,
) -> IngestReport:
    """Extract the articles the store does not hold and add them, batch by batch.

    Args:
        store: the store to add to (this process is its only writer).
        articles: the articles read; their doc_ids decide what is new.
        settings: extraction settings.
        how: where to extract (this process, `jobs` processes, a Dask cluster).
        progress: told the total, then each batch's articles and events.
        on_failure: called with each article whose extraction failed (it is not stored, so a
            later run tries it again).
        merge: place each batch's events in the stored clusters as it is stored
            (:meth:`Store.add`); without it they stay unmerged.
    """
    todo, skipped = new_articles(store, articles)
    extractor = f"timeline {__version__}" + ("" if settings.use_model else " rules")
    if progress is not None:
        progress.start(len(todo))
    added = events = failed = merged = 0
    size = (how.batch_size if how is not None else None) or STORE_BATCH
    rows: dict[str, EventRow] = {}  # merge rows computed by the workers, until stored
    results = _keeping_rows(extract_batches(todo, settings, how, rows=merge), rows)
    for corpus, failures, count in _store_batches(todo, results, size):
        ids = corpus.events[Col.EVENT_ID].tolist()
        batch_rows = {i: rows.pop(i) for i in ids if i in rows}
        done = store.add(corpus, extractor=extractor, merge=merge, rows=batch_rows)
        added += done.articles
        events += done.events
        merged += done.merged
        failed += len(failures)
        logger.info("stored %d articles, %d events (%d in all)", done.articles, done.events, added)
        for failure in failures:
            if on_failure is not None:
                on_failure(failure)
        if progress is not None:
            progress.advance(count, done.events)
    return IngestReport(added, skipped, failed, events, merged, merge)


def _keeping_rows(
    results: Iterable[BatchResult], rows: dict[str, EventRow]
) -> Iterator[BatchResult]:
    """The results, their merge rows added to `rows` as they pass."""
    for result in results:
        rows.update(result.rows)
        yield result


def _store_batches(
    todo: Sequence[Article], results: Iterable[BatchResult], size: int
) -> Iterator[tuple[Corpus, list[Failure], int]]:
    """The extracted batches regrouped as `size` articles in input order: (corpus, failures,
    articles covered), whatever the extraction batches were."""
    index = {article.doc_id: i for i, article in enumerate(todo)}
    buffer: list[BatchResult] = []
    covered = start = 0
    for result in results:
        buffer.append(result)
        covered += len(result.articles) + len(result.failures)
        while covered - start >= size:
            yield _slice(buffer, index, start, start + size)
            start += size
            buffer = [r for r in buffer if _last(r, index) >= start]
    if covered > start:
        yield _slice(buffer, index, start, covered)


def _last(result: BatchResult, index: dict[str, int]) -> int:
    """The input position of a batch's last article."""
    ids = [a.doc_id for a in result.articles] + [f.doc_id for f in result.failures]
    return max(index[i] for i in ids)


def _slice(
    buffer: list[BatchResult], index: dict[str, int], start: int, end: int
) -> tuple[Corpus, list[Failure], int]:
    """The articles at input positions [start, end) of the buffered batches."""
    from timeline.extract.pipeline import Corpus

    inside = [a for r in buffer for a in r.articles if start <= index[a.doc_id] < end]
    failures = [f for r in buffer for f in r.failures if start <= index[f.doc_id] < end]
    ids = {a.doc_id for a in inside}
    events = pd.concat([r.events for r in buffer], ignore_index=True)
    mentions = pd.concat([r.mentions for r in buffer], ignore_index=True)
    corpus = Corpus(
        events[isin_text(events[Col.DOC_ID], ids)].reset_index(drop=True),
        mentions[isin_text(mentions[Col.DOC_ID], ids)].reset_index(drop=True),
        {a.doc_id: a for a in inside},
    )
    return corpus, failures, end - start
