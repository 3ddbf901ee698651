"""Merging in the store: the cost of merging at ingest, and of reading merged events.

    python scripts/generate_corpus.py 1000 /tmp/corpus1k
    timeline extract /tmp/corpus1k --store /tmp/plain.duckdb --no-merge
    python benchmarks/bench_store_merge.py /tmp/plain.duckdb [--copies 10 77] [--batch 64]

1. **Ingest.** The articles of the store (extracted once, with their events and mentions) are
   added again to a new store in batches of `--batch` articles, once with merging and once
   without; prints the time of each run, merging's share, the time of the last batches (does it
   grow with the store?) and the clusters found.
2. **Reading.** The store's events are copied `--copies` times (new ids, the same clusters
   inside each copy) into a bigger store, then ``Store.events(view)`` and
   ``Store.events(view, merged=True)`` are timed for a few views: the ratio is what merging
   costs when reading. ``Store.sources`` is timed for 100 clusters.

The load average is printed beside every number (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from timeline.database import Store
from timeline.extract.pipeline import Corpus
from timeline.filters import View
from timeline.schema import Col


def _load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def _batches(source: Store, size: int) -> list[Corpus]:
    """The stored corpus again, `size` articles at a time, in the order they were added."""
    articles = source.articles()
    events = source.events().drop(columns=[Col.CLUSTER_ID])
    mentions = source.mentions()
    ids = list(articles)
    out = []
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        out.append(
            Corpus(
                events[events[Col.DOC_ID].isin(chunk)].reset_index(drop=True),
                mentions[mentions[Col.DOC_ID].isin(chunk)].reset_index(drop=True),
                {d: articles[d] for d in chunk},
            )
        )
    return out


def _ingest(batches: list[Corpus], path: Path, merge: bool) -> tuple[float, list[float], int]:
    """(seconds, seconds per batch, events merged into stored ones)."""
    per_batch, merged = [], 0
    cpu_started = time.process_time()
    with Store.open(path) as store:
        for corpus in batches:
            started = time.perf_counter()
            merged += store.add(corpus, merge=merge).merged
            per_batch.append(time.perf_counter() - started)
        stats = store.stats()
    print(
        f"  {'with' if merge else 'without'} merging: CPU {time.process_time() - cpu_started:.2f} s"
    )
    if merge:
        print(f"  clusters: {stats.events:,} events in {stats.clusters:,} clusters, "
              f"{stats.shared:,} of two or more sources")  # fmt: skip
    return sum(per_batch), per_batch, merged


def _copy(source: Path, target: Path, copies: int) -> int:
    """A store holding `copies` copies of the source's events (ids suffixed per copy)."""
    with Store.open(target) as store:
        connection = store.connection
        connection.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
        columns = [
            row[0]
            for row in connection.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = 'src' "
                "AND table_name = 'events' ORDER BY column_index"
            ).fetchall()
        ]
        renamed = {
            "seq": "seq + k * 1000000000",
            "event_id": "event_id || '-' || k",
            "doc_id": "doc_id || '-' || k",
            "cluster_id": "cluster_id || '-' || k",
        }
        picked = ", ".join(renamed.get(c, f'"{c}"') for c in columns)
        connection.execute(
            f"INSERT INTO events SELECT {picked} FROM src.events, range({copies}) t(k)"
        )
        connection.execute(
            "INSERT INTO mentions SELECT seq + k * 1000000000, event_id || '-' || k, "
            "doc_id || '-' || k, * EXCLUDE (seq, event_id, doc_id, k) FROM src.mentions, "
            f"range({copies}) t(k)"
        )
        connection.execute(
            "INSERT INTO articles SELECT seq + k * 1000000000, doc_id || '-' || k, "
            "* EXCLUDE (seq, doc_id, k) FROM src.articles, range({copies}) t(k)".replace(
                "{copies}", str(copies)
            )
        )
        connection.execute("DETACH src")
        return store.stats().events


def _time(call: object, repeat: int = 3) -> tuple[float, int, float]:
    """Best of `repeat` runs: (seconds, rows, CPU seconds of this process, DuckDB's threads
    included: steadier than wall time on a shared machine)."""
    best, rows, cpu = float("inf"), 0, float("inf")
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        rows = len(call())  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - cpu_started)
    return best, rows, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("store", type=Path, help="a store filled with --no-merge")
    parser.add_argument("--copies", type=int, nargs="*", default=[10])
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_store_merge-"))
    merged_source = work / "merged.duckdb"
    with Store.open(args.store, read_only=True) as source:
        batches = _batches(source, args.batch)
    events = sum(len(b.events) for b in batches)
    if not args.skip_ingest:
        print(f"ingest: {len(batches)} batches, {events:,} events")
        plain, plain_batches, _ = _ingest(batches, work / "plain.duckdb", merge=False)
        print(f"  without merging: {plain:.2f} s ({_load()})")
        with_merge, merge_batches, merged = _ingest(batches, merged_source, merge=True)
        print(f"  with merging:    {with_merge:.2f} s ({_load()}); {merged:,} events merged into "
              f"stored ones; merging costs {with_merge / plain:.2f}x the plain add")  # fmt: skip
        tail = max(1, len(batches) // 5)
        first = [m - p for m, p in zip(merge_batches[:tail], plain_batches[:tail], strict=True)]
        last = [m - p for m, p in zip(merge_batches[-tail:], plain_batches[-tail:], strict=True)]
        print(f"  merging per batch: first {tail} batches {sum(first) / tail * 1000:.0f} ms, "
              f"last {tail} batches {sum(last) / tail * 1000:.0f} ms ({_load()})")  # fmt: skip
    else:
        with Store.open(merged_source) as store:
            for corpus in batches:
                store.add(corpus)
    views = {
        "everything": None,
        "a country": View(countries=("Russia",)),
        "a word": View(text="election"),
        "a year": View(start=pd.Timestamp("2010-01-01"), end=pd.Timestamp("2010-12-31")),
    }
    for copies in args.copies:
        big = work / f"copies-{copies}.duckdb"
        total = _copy(merged_source, big, copies)
        print(f"reading: {total:,} events ({copies} copies)")
        with Store.open(big, read_only=True) as store:
            for name, view in views.items():
                plain_time, plain_rows, plain_cpu = _time(lambda v=view: store.events(v))
                merged_time, merged_rows, merged_cpu = _time(
                    lambda v=view: store.events(v, merged=True)
                )
                print(f"  {name:>10}: events() {plain_rows:>9,} rows {plain_time:6.2f} s "
                      f"(CPU {plain_cpu:.2f} s); merged=True {merged_rows:>9,} rows "
                      f"{merged_time:6.2f} s (CPU {merged_cpu:.2f} s) "
                      f"({merged_time / plain_time:.2f}x) ({_load()})")  # fmt: skip
            clusters = store.events(View(countries=("Russia",)), merged=True)[Col.CLUSTER_ID][:100]
            seconds, rows, _ = _time(lambda c=clusters: store.sources(c))
            print(f"  sources of 100 clusters: {rows} rows, {seconds * 1000:.0f} ms ({_load()})")
        big.unlink()


if __name__ == "__main__":
    main()
