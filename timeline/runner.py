"""Extraction in batches: in this process, in worker processes, or on a Dask cluster.

Articles go in batches to ``timeline.extract.pipeline.extract_corpus``; results come back in
input order whichever batch finished first, so one process, ``jobs=N`` processes and a Dask
cluster give the same frames in the same order. Worker processes are forked from a fork server
that loaded the spaCy model once, and keep it for every batch they receive. An article whose
extraction raises is reported as a :class:`Failure` and left out; the rest of its batch is
kept.

>>> Parallelism(jobs=2).size_for(100, workers=2)  # 8 batches: 4 for each worker
13
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import socket
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

import pandas as pd

from timeline.article import Article, make_article
from timeline.config import Settings
from timeline.errors import InputError, TimelineError
from timeline.schema import EVENT_DTYPES, MENTION_DTYPES, coerce_frame

if TYPE_CHECKING:
    from timeline.extract.pipeline import Corpus
    from timeline.merge import EventRow

__all__ = [
    "BatchResult",
    "Failure",
    "Parallelism",
    "Progress",
    "extract_all",
    "extract_batch",
    "extract_batches",
    "extract_for_merging",
    "start_workers",
    "warm_up",
]

logger = logging.getLogger(__name__)

_MAX_BATCH = 64  # articles per batch: large enough for nlp.pipe, small enough to commit often
_IN_FLIGHT = 2  # batches queued per worker, so no worker waits while the parent stores
_TAPER = 2  # the last batches hold at most 1/(_TAPER * workers) of the articles left
_MIN_BATCH = 4
_WARM_UP = (
    "PARIS, May 2, 2021 (AFP) - President Emmanuel Macron met Olaf Scholz in Berlin on Monday."
)


class _Pending(Protocol):
    """A batch on its way: a concurrent.futures or a dask.distributed future."""

    def result(self) -> Any: ...


class Progress(Protocol):
    """What a progress display is told (``timeline.progress`` has a terminal bar and log lines)."""

    def start(self, total: int) -> None:
        """`total` articles are about to be extracted."""

    def advance(self, articles: int, events: int) -> None:
        """A batch is done: this many more articles, giving this many events."""


@dataclass(frozen=True)
class Parallelism:
    """How to run extraction.

    Args:
        jobs: worker processes on this machine; 1 extracts in this process.
        dask: the address of a ``dask.distributed`` scheduler ("tcp://host:8786"); replaces jobs.
        batch_size: articles per batch; None picks one from the corpus size and the workers.
    """

    jobs: int = 1
    dask: str | None = None
    batch_size: int | None = None

    def __post_init__(self) -> None:
        if self.jobs < 1:
            raise ValueError(f"jobs={self.jobs} must be at least 1")
        if self.dask and self.jobs > 1:
            raise ValueError(
                "give jobs or a Dask scheduler, not both: the cluster has its own workers"
            )
        if self.batch_size is not None and self.batch_size < 1:
            raise ValueError(f"batch_size={self.batch_size} must be at least 1")

    def size_for(self, total: int, workers: int) -> int:
        """Articles per batch: the one given, else enough batches to keep every worker busy."""
        if self.batch_size is not None:
            return self.batch_size
        return max(1, min(_MAX_BATCH, math.ceil(total / (max(workers, 1) * 4))))


@dataclass(frozen=True)
class Failure:
    """An article whose extraction raised: its id, how to find it, and the error."""

    doc_id: str
    article: str
    error: str

    def __str__(self) -> str:
        return f"{self.article}: extraction failed ({self.error}); skipped"


@dataclass(frozen=True)
class BatchResult:
    """One batch extracted: its articles (failed ones left out), their frames, the failures,
    and the events' merge rows (``timeline.merge.event_rows``) when they were asked for."""

    articles: tuple[Article, ...]
    events: pd.DataFrame
    mentions: pd.DataFrame
    failures: tuple[Failure, ...] = field(default=())
    rows: Mapping[str, EventRow] = field(default_factory=dict)

    @property
    def corpus(self) -> Corpus:
        """The batch as a Corpus."""
        from timeline.extract.pipeline import Corpus

        return Corpus(self.events, self.mentions, {a.doc_id: a for a in self.articles})


def extract_batch(
    articles: Sequence[Article], settings: Settings
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[Failure, ...]]:
    """(events, mentions, failures) of one batch: what a worker runs.

    The frames come back without the articles (the caller has them), to halve what travels
    between processes. When the batch fails, each article is extracted alone to find the bad one.
    """
    from timeline.extract.pipeline import extract_corpus

    try:
        corpus = extract_corpus(list(articles), settings)
        return corpus.events, corpus.mentions, ()
    except Exception:  # an extractor bug on one article must not cost the others: isolate it
        pass
    events, mentions, failures = [], [], []
    for article in articles:
        try:
            corpus = extract_corpus([article], settings)
        except Exception as err:  # reported to the user, one line per article
            failures.append(Failure(article.doc_id, _name(article), f"{type(err).__name__}: {err}"))
            continue
        events.append(corpus.events)
        mentions.append(corpus.mentions)
    return _concat(events, EVENT_DTYPES), _concat(mentions, MENTION_DTYPES), tuple(failures)


def extract_for_merging(
    articles: Sequence[Article], settings: Settings
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[Failure, ...], dict[str, EventRow]]:
    """:func:`extract_batch` and the merge rows of the events (``timeline.merge.event_rows``):
    what a worker runs for a store, so that the process writing the store does not compute
    them."""
    from timeline.merge import event_rows

    events, mentions, failures = extract_batch(articles, settings)
    try:
        rows = event_rows(events)
    except Exception:  # only a saving: the store computes what is missing, and says what is wrong
        logger.debug("merge rows not computed in the worker", exc_info=True)
        rows = {}
    return events, mentions, failures, rows


def extract_batches(
    articles: Sequence[Article],
    settings: Settings,
    how: Parallelism | None = None,
    *,
    rows: bool = False,
) -> Iterator[BatchResult]:
    """Extract `articles` in batches, `how` says where, yielding each batch's result in input
    order as soon as it and those before it are done; with `rows`, each with its events'
    merge rows, computed where the batch was extracted.

    Raises:
        InputError: the Dask scheduler cannot be reached.
        TimelineError: a worker process or Dask worker died; batches yielded before are good.
    """
    if not articles:
        return
    how = how or Parallelism()
    work = extract_for_merging if rows else extract_batch
    with _submitter(how, settings, work) as (submit, workers):
        size = how.size_for(len(articles), workers)
        in_flight = workers * _IN_FLIGHT or 1  # in this process: each batch as soon as done
        pending: deque[tuple[tuple[Article, ...], _Pending]] = deque()
        tapered = how.batch_size is None and workers > 1
        for batch in _batched(articles, size, workers if tapered else 0):
            pending.append((batch, submit(batch)))
            if len(pending) >= in_flight:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())


def extract_all(
    articles: Sequence[Article],
    settings: Settings,
    how: Parallelism | None = None,
    *,
    progress: Progress | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> Corpus:
    """Every article's events and mentions in one Corpus, in input order (failed articles
    left out and passed to `on_failure`)."""
    from timeline.extract.pipeline import Corpus

    events, mentions, extracted = [], [], {}
    if progress is not None:
        progress.start(len(articles))
    for result in extract_batches(articles, settings, how):
        events.append(result.events)
        mentions.append(result.mentions)
        extracted.update({a.doc_id: a for a in result.articles})
        for failure in result.failures:
            if on_failure is not None:
                on_failure(failure)
        if progress is not None:
            progress.advance(len(result.articles) + len(result.failures), len(result.events))
    return Corpus(_concat(events, EVENT_DTYPES), _concat(mentions, MENTION_DTYPES), extracted)


# ---------------------------------------------------------------------------- executors

_Submit = Callable[[tuple[Article, ...]], _Pending]
_Work = Callable[[Sequence[Article], Settings], tuple[Any, ...]]


def _submitter(
    how: Parallelism, settings: Settings, work: _Work
) -> AbstractContextManager[tuple[_Submit, int]]:
    """(submit, number of workers) for the way `how` asks for; each batch runs `work`."""
    if how.dask:
        return _on_dask(how.dask, settings, work)
    if how.jobs > 1:
        return _in_processes(how.jobs, settings, work)
    return _here(settings, work)


@contextmanager
def _here(settings: Settings, work: _Work) -> Iterator[tuple[_Submit, int]]:
    """Batches extracted in this process, one at a time, when asked for."""

    def submit(batch: tuple[Article, ...]) -> _Pending:
        future: Future[Any] = Future()
        future.set_result(work(batch, settings))
        return future

    yield submit, 0


@contextmanager
def _in_processes(jobs: int, settings: Settings, work: _Work) -> Iterator[tuple[_Submit, int]]:
    """A pool of `jobs` worker processes (see :func:`start_workers`), each with the models
    loaded before its first batch."""
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=_context(),
        initializer=warm_up,
        initargs=(settings,),
    )
    try:
        yield (lambda batch: pool.submit(work, batch, settings)), jobs
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def start_workers(how: Parallelism) -> None:
    """Start loading what the worker processes of `how` need now, while this process reads
    its inputs: the fork server that ``jobs > 1`` workers are forked from imports timeline
    and loads the models once (``timeline.extract.preload``), and every worker starts with
    them. Nothing to do for one process or a Dask cluster."""
    if how.jobs > 1 and not how.dask and _context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _context() -> multiprocessing.context.BaseContext:
    """How worker processes start: forked from a fork server (where the system has one), a
    clean process that imported timeline and loaded the models once, so each worker starts
    with them instead of loading its own copy; else spawned, each loading its own. Never
    forked from this process: a copy of a parent holding DuckDB or spaCy threads can
    deadlock."""
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["timeline.extract.preload"])
    return context


@contextmanager
def _on_dask(address: str, settings: Settings, work: _Work) -> Iterator[tuple[_Submit, int]]:
    """Batches sent to a dask.distributed scheduler; its workers must have timeline installed."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--dask needs dask.distributed: pip install 'timeline[cluster]'") from None
    try:
        _check_reachable(address)
        client = Client(address, timeout="10s", set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as err:
        raise InputError(
            f"cannot reach the Dask scheduler at {address} ({err}); start one "
            "(dask scheduler) or check the address"
        ) from None
    try:
        workers = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]

        def submit(batch: tuple[Article, ...]) -> _Pending:
            # pure=False: the same batch sent again is extracted again, not taken from a cache
            return client.submit(work, batch, settings, pure=False)

        yield submit, workers
    finally:
        client.close()  # type: ignore[no-untyped-call]


def _check_reachable(address: str) -> None:
    """Fail at once when nothing listens at a TCP scheduler address (the Dask client would
    retry until its timeout)."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme == "tcp" and parts.hostname:
        socket.create_connection((parts.hostname, parts.port or 8786), timeout=10).close()


def _result(batch: tuple[Article, ...], future: _Pending) -> BatchResult:
    """A finished batch as a BatchResult; a dead worker as a TimelineError."""
    try:
        events, mentions, failures, *rows = future.result()
    except BrokenProcessPool as err:
        raise TimelineError(
            f"a worker process died ({err}); what was stored so far is kept: run the same "
            "command again to resume"
        ) from None
    except Exception as err:
        if type(err).__name__ == "KilledWorker":  # dask: a worker died on this batch
            raise TimelineError(
                f"a Dask worker died on a batch ({err}); run the same command again to resume"
            ) from None
        raise
    failed = {f.doc_id for f in failures}
    kept = tuple(a for a in batch if a.doc_id not in failed)
    return BatchResult(kept, events, mentions, failures, rows[0] if rows else {})


def warm_up(settings: Settings) -> None:
    """Load the models (spaCy, gazetteer, dateparser) in a new worker before its first batch
    (at once when the fork server loaded them already)."""
    from timeline.extract.pipeline import extract_article

    try:
        extract_article(make_article(_WARM_UP), settings)
    except Exception:  # a broken model shows up (and is reported) on the first real batch
        logger.debug("warm-up failed", exc_info=True)


def _name(article: Article) -> str:
    """How an article is named in messages: its source and its id."""
    return f"{article.source or article.path or 'article'} [{article.doc_id}]"


def _batched(
    articles: Sequence[Article], size: int, workers: int = 0
) -> Iterator[tuple[Article, ...]]:
    """Consecutive batches of `size` articles; for `workers` > 1, smaller ones towards the
    end (at most what is left over twice the workers, down to `_MIN_BATCH`), so that the
    workers finish together rather than one waiting for the other's last large batch.
    Extraction batches do not change the results (``timeline.database.ingest`` stores its own).

    >>> [len(b) for b in _batched(list(range(100)), 13, workers=2)]
    [13, 13, 13, 13, 12, 9, 7, 5, 4, 4, 4, 3]
    """
    start = 0
    while start < len(articles):
        left = len(articles) - start
        step = size
        if workers > 1:
            step = min(size, max(_MIN_BATCH, math.ceil(left / (_TAPER * workers))))
        yield tuple(articles[start : start + step])
        start += step


def _concat(frames: list[pd.DataFrame], dtypes: dict[str, str]) -> pd.DataFrame:
    """Frames one after the other, with the schema's dtypes (an empty frame for none)."""
    frames = [f for f in frames if not f.empty]
    if not frames:
        return coerce_frame([], dtypes)
    return pd.concat(frames, ignore_index=True).astype(dtypes)
