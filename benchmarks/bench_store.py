"""Ingest into the store: --jobs 1, --jobs 2 and a local Dask cluster, then a re-ingest.

    python scripts/generate_corpus.py 10000 /tmp/corpus10k          # the corpus (deterministic)
    python benchmarks/bench_store.py /tmp/corpus10k [--workdir DIR]

Each run is ``timeline extract CORPUS --store NEW.duckdb`` as a subprocess, timed from start to
exit (start-up and model loading included, as a user sees it): ``--jobs 1``, ``--jobs 2``, the
same again (every article already stored), and ``--dask`` on a ``LocalCluster`` of 2 worker
processes started beforehand. Prints time, articles/s, words/s, store size, the speed-ups over
``--jobs 1``, the load average beside each run (the machine may be shared), and checks that the
three stores hold the same events in the same order. Then times reading the store back.

What 2 cores can give at most is measured too (``--no-ceiling`` skips it): two ``--jobs 1``
runs at once, each over the whole corpus into its own store, share nothing, so twice the work
in their time is the speed-up a perfect ``--jobs 2`` would reach on this machine. On a virtual
machine whose two cores share caches and memory bandwidth, that is less than 2.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil

from timeline.database import Store
from timeline.filters import View


def _extract(corpus: Path, store: Path, *options: str) -> tuple[float, float, str]:
    """Run the CLI; (seconds, CPU seconds of it and every process under it, last stderr
    line). On a shared machine the CPU time says what the wall time would be on a quiet one."""
    return _extract_at_once(corpus, [store], *options)


def _extract_at_once(corpus: Path, stores: list[Path], *options: str) -> tuple[float, float, str]:
    """Run the CLI once per store, all at the same time; (seconds until the last exits, CPU
    seconds of them all and every process under them, last stderr line of the first).

    The CPU time is sampled (psutil, every 50 ms) rather than taken from the exit status:
    worker processes forked from the CLI's fork server are not its children, so
    ``RUSAGE_CHILDREN`` would leave them out."""
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [*_command(corpus, store), *options],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        for store in stores
    ]
    seen: dict[tuple[int, float], float] = {}  # (pid, start time) -> CPU seconds
    errors: list[str] = ["" for _ in processes]
    readers = [
        threading.Thread(target=_read_into, args=(process, errors, at))
        for at, process in enumerate(processes)
    ]
    for reader in readers:
        reader.start()
    while any(process.poll() is None for process in processes):
        for process in processes:
            _sample(process.pid, seen)
        time.sleep(0.05)
    elapsed = time.perf_counter() - started
    for reader in readers:
        reader.join()
    for process, stderr in zip(processes, errors, strict=True):
        if process.returncode != 0:
            sys.exit(f"timeline extract {' '.join(options)} failed:\n{stderr[-2000:]}")
    return elapsed, sum(seen.values()), errors[0].strip().splitlines()[-1]


def _command(corpus: Path, store: Path) -> list[str]:
    return [sys.executable, "-m", "timeline", "extract", str(corpus), "--store", str(store)]


def _read_into(process: subprocess.Popen[str], errors: list[str], at: int) -> None:
    """Read a process's stderr to its end into ``errors[at]``."""
    assert process.stderr is not None
    errors[at] = process.stderr.read()


def _sample(pid: int, seen: dict[tuple[int, float], float]) -> None:
    """Record the CPU seconds so far of a process and of every process under it."""
    try:
        root = psutil.Process(pid)
        tree = [root, *root.children(recursive=True)]
    except psutil.Error:
        return
    for process in tree:
        try:
            with process.oneshot():
                times = process.cpu_times()
                seen[(process.pid, process.create_time())] = times.user + times.system
        except psutil.Error:
            continue


def _load() -> str:
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def _words(store: Path) -> tuple[int, int, int]:
    """(articles, words, events) in a store."""
    with Store.open(store, read_only=True) as opened:
        ((articles, words),) = opened.connection.execute(
            "SELECT count(*), sum(len(string_split_regex(trim(text), '\\s+'))) FROM articles"
        ).fetchall()
        return articles, int(words or 0), opened.stats().events


def _size(store: Path) -> int:
    return sum(p.stat().st_size for p in (store, Path(f"{store}.wal")) if p.exists())


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder or files of articles")
    parser.add_argument("--workdir", type=Path, help="where the stores go (default: a temp dir)")
    parser.add_argument(
        "--no-ceiling",
        dest="ceiling",
        action="store_false",
        help="skip the run of two --jobs 1 at once that measures what 2 cores can give",
    )
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-store-"))
    workdir.mkdir(parents=True, exist_ok=True)
    stores = {name: workdir / f"{name}.duckdb" for name in ("jobs1", "jobs2", "dask")}
    for path in stores.values():
        for stale in (path, Path(f"{path}.wal")):
            stale.unlink(missing_ok=True)
    print(f"corpus {args.corpus}, {os.cpu_count()} cores, stores in {workdir}")

    times, cpu = {}, {}
    for name, options in (("jobs1", ["--jobs", "1"]), ("jobs2", ["--jobs", "2"])):
        load = _load()
        times[name], cpu[name], line = _extract(args.corpus, stores[name], *options)
        print(f"{' '.join(options)}: {times[name]:.1f} s, CPU {cpu[name]:.1f} s ({load}) | {line}")
    if args.ceiling:
        pair = [workdir / f"alone{n}.duckdb" for n in (1, 2)]
        for path in pair:
            for stale in (path, Path(f"{path}.wal")):
                stale.unlink(missing_ok=True)
        load = _load()
        times["pair"], cpu["pair"], _ = _extract_at_once(args.corpus, pair, "--jobs", "1")
        print(
            f"two --jobs 1 at once, each the whole corpus: {times['pair']:.1f} s, "
            f"CPU {cpu['pair']:.1f} s ({load})"
        )
    articles, words, events = _words(stores["jobs2"])
    size = _size(stores["jobs2"])
    load = _load()
    again, _, line = _extract(args.corpus, stores["jobs2"], "--jobs", "2")
    print(f"re-ingest --jobs 2: {again:.1f} s ({load}) | {line}")

    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:
        load = _load()
        times["dask"], _, line = _extract(
            args.corpus, stores["dask"], "--dask", cluster.scheduler_address
        )
        print(f"--dask (LocalCluster, 2 workers): {times['dask']:.1f} s ({load}) | {line}")

    frames = {}
    for name, path in stores.items():
        with Store.open(path, read_only=True) as store:
            frames[name] = store.events()
    for name in ("jobs2", "dask"):
        pd.testing.assert_frame_equal(frames["jobs1"], frames[name])
    print(
        f"\n{articles:,} articles, {words:,} words, {events:,} events; the three stores are identical"
    )
    print("| run | time | articles/s | words/s | speed-up over --jobs 1 |")
    print("|---|---|---|---|---|")
    for name, label in (
        ("jobs1", "--jobs 1"),
        ("jobs2", "--jobs 2"),
        ("dask", "--dask, 2 workers"),
    ):
        seconds = times[name]
        print(
            f"| {label} | {seconds:.1f} s | {articles / seconds:,.1f} | {words / seconds:,.0f} | "
            f"{times['jobs1'] / seconds:.2f}x |"
        )
    print(f"| re-ingest (all skipped) | {again:.1f} s | | | |")
    if "pair" in times:
        ceiling = 2 * times["jobs1"] / times["pair"]
        print(
            f"ceiling: two --jobs 1 at once do twice the work in {times['pair']:.1f} s, "
            f"{ceiling:.2f}x the work of one per unit of time; --jobs 2 reaches "
            f"{times['jobs1'] / times['jobs2'] / ceiling:.0%} of it"
        )
    print(
        f"CPU: --jobs 1 {cpu['jobs1']:.1f} s, --jobs 2 {cpu['jobs2']:.1f} s (all processes); "
        f"single-core words/s by CPU time: {words / cpu['jobs1']:,.0f}"
    )
    print(f"store size: {size / 1e6:.1f} MB ({size / max(articles, 1) / 1e3:.1f} KB per article)")

    with Store.open(stores["jobs2"], read_only=True) as store:
        started = time.perf_counter()
        everything = store.events()
        read_all = time.perf_counter() - started
        country = everything["country"].mode().iloc[0]
        started = time.perf_counter()
        some = store.events(View(countries=(country,), text="said"))
        read_some = time.perf_counter() - started
    print(
        f"read back: all {len(everything):,} events {read_all:.2f} s; "
        f"countries={country} + text 'said': {len(some):,} events {read_some:.2f} s"
    )
    if args.workdir is None:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main(sys.argv[1:])
