"""`timeline extract --store`: incremental and idempotent, resumable after kill -9 at any point,
bad articles reported and skipped; serial = --jobs 2 = Dask, down to the store's contents."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from timeline.article import Article
from timeline.cli import main
from timeline.config import Settings
from timeline.database import CLUSTER_ID, Store
from timeline.database.ingest import IngestReport, ingest_articles, new_articles
from timeline.extract import pipeline
from timeline.extract.pipeline import Corpus
from timeline.runner import Parallelism


def timeline(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args], capture_output=True, text=True, timeout=timeout
    )


def contents(
    path: Path, *, read_only: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Everything in a store but the time articles were added."""
    with Store.open(path, read_only=read_only) as store:
        articles = store.connection.sql(
            "SELECT * EXCLUDE (added_at) FROM articles ORDER BY seq"
        ).df()
        return store.events(), store.mentions(), articles


def assert_same_store(left: Path, right: Path) -> None:
    for a, b in zip(contents(left), contents(right), strict=True):
        pd.testing.assert_frame_equal(a, b)


def test_cli_adds_incrementally_and_idempotently(tmp_path: Path, corpus_dir: Path) -> None:
    store = tmp_path / "news.duckdb"
    first = sorted(corpus_dir.iterdir())[:10]
    result = timeline("extract", *map(str, first), "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("10 new articles, 0 already in the store; ")
    )
    again = timeline("extract", str(corpus_dir), "--store", str(store), "--no-model")
    assert again.returncode == 0, again.stderr
    assert "14 new articles, 10 already in the store" in again.stderr
    before = contents(store)
    last = timeline("extract", str(corpus_dir), "--store", str(store))
    assert (
        last.returncode == 0
        and f"0 new articles, 24 already in the store -> {store}" in last.stderr
    )
    for a, b in zip(before, contents(store), strict=True):
        pd.testing.assert_frame_equal(a, b)
    with Store.open(store, read_only=True) as opened:
        extractors = opened.connection.sql(
            "SELECT extractor, count(*) FROM articles GROUP BY ALL ORDER BY 1"
        ).fetchall()
    assert extractors == [("timeline 0.1.0", 10), ("timeline 0.1.0 rules", 14)]


def test_repeated_texts_are_extracted_once(generated: list[Article]) -> None:
    with Store.open(None) as store:
        todo, skipped = new_articles(store, [*generated[:3], generated[0], generated[1]])
        assert [a.doc_id for a in todo] == [a.doc_id for a in generated[:3]] and skipped == 2


def _stored_lines(process: subprocess.Popen[str], count: int) -> None:
    """Wait until the CLI (-v) has logged `count` stored batches."""
    assert process.stderr is not None
    seen = 0
    while seen < count:
        line = process.stderr.readline()
        assert line, "the run ended before it was killed"
        seen += "stored" in line


def test_killed_runs_resume_with_nothing_lost_or_duplicated(
    tmp_path: Path, corpus_dir: Path
) -> None:
    """kill -9 at three points (start-up, after one batch, after three), then a full run: the
    store equals one made by a single uninterrupted run."""
    options = ["--batch-size", "3", "--no-model"]
    reference = tmp_path / "reference.duckdb"
    assert timeline("extract", str(corpus_dir), "--store", str(reference), *options).returncode == 0
    killed = tmp_path / "killed.duckdb"
    counts = []
    for batches in (0, 1, 3):
        process = subprocess.Popen(
            [sys.executable, "-m", "timeline", "-v", "extract", str(corpus_dir), "--store", str(killed), *options],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        try:
            if batches:
                _stored_lines(process, batches)
            else:
                time.sleep(0.5)
            os.kill(process.pid, signal.SIGKILL)
        finally:
            process.communicate()
        assert process.returncode == -signal.SIGKILL
        if not killed.exists():
            counts.append(0)
            continue
        events, _, articles = contents(killed, read_only=False)  # it opens (and resumes)
        counts.append(len(articles))
        ref_events = contents(reference)[0]
        for doc_id in articles["doc_id"]:  # each stored article has all its events: whole batches
            assert (events["doc_id"] == doc_id).sum() == (ref_events["doc_id"] == doc_id).sum()
        assert len(articles) % 3 == 0 and not articles["doc_id"].duplicated().any()
    assert counts[-1] >= 9 and counts[1] >= 3
    resumed = timeline("extract", str(corpus_dir), "--store", str(killed), *options)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{24 - counts[-1]} new articles, {counts[-1]} already in the store" in resumed.stderr
    assert_same_store(reference, killed)


@pytest.fixture
def poisoned(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction raises on any batch holding an article with POISON in it."""
    real = pipeline.extract_corpus

    def extract_corpus(articles: list[Article], settings: Settings | None = None) -> Corpus:
        if any("POISON" in a.text for a in articles):
            raise RuntimeError("poisoned")
        return real(articles, settings)

    monkeypatch.setattr(pipeline, "extract_corpus", extract_corpus)


def test_bad_articles_are_reported_and_skipped(
    tmp_path: Path, corpus_dir: Path, poisoned: None
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(corpus_dir.iterdir())[:3]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "bad.txt").write_text(
        "PARIS, May 2 (AFP) - POISON was found on Monday.", encoding="utf-8"
    )
    store = tmp_path / "s.duckdb"
    runner = CliRunner()
    result = runner.invoke(
        main, ["extract", str(folder), "--store", str(store), "--batch-size", "4", "--no-model"]
    )
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "bad.txt [" in errors[0]
    assert errors[0].endswith("extraction failed (RuntimeError: poisoned); skipped")
    assert "3 new articles, 0 already in the store" in result.output
    assert "1 of 4 articles could not be extracted" in result.output
    with Store.open(store) as opened:
        assert len(opened.articles()) == 3 and not opened.events().empty
    (folder / "bad.txt").write_text(
        "PARIS, May 2 (AFP) - It was found on Monday.", encoding="utf-8"
    )
    retry = runner.invoke(main, ["extract", str(folder), "--store", str(store), "--no-model"])
    assert retry.exit_code == 0 and "1 new articles, 3 already in the store" in retry.output


def test_ingest_reports_progress(generated: list[Article]) -> None:
    seen: list[tuple[str, int, int]] = []

    class Recorder:
        def start(self, total: int) -> None:
            seen.append(("start", total, 0))

        def advance(self, articles: int, events: int) -> None:
            seen.append(("advance", articles, events))

    with Store.open(None) as store:
        store.add(Corpus(articles={generated[0].doc_id: generated[0]}))
        how = Parallelism(batch_size=5)
        report = ingest_articles(
            store, generated, Settings(use_model=False), how, progress=Recorder()
        )
        events = store.events()
        # merged: events whose cluster holds an event of an earlier batch (5, 5, 1 articles)
        batch = {a.doc_id: i // 5 for i, a in enumerate(generated[1:])}
        events = events.assign(batch=events["doc_id"].map(batch))
        first = events.groupby(events[CLUSTER_ID].fillna(events["event_id"]))["batch"].min()
        merged = int((events[CLUSTER_ID].map(first) < events["batch"]).sum())
        assert report == IngestReport(
            added=11, skipped=1, failed=0, events=len(events), merged=merged
        )
    assert seen[0] == ("start", 11, 0) and [s[1] for s in seen[1:]] == [5, 5, 1]
    assert sum(s[2] for s in seen[1:]) == report.events


def test_option_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    seed = str(Path(__file__).resolve().parents[2] / "seeds")
    both = runner.invoke(
        main, ["extract", seed, "--store", str(tmp_path / "a.duckdb"), "-o", "x.csv"]
    )
    assert both.exit_code == 2 and "give --store or -o, not both" in both.output
    jobs_and_dask = runner.invoke(
        main, ["extract", seed, "--jobs", "2", "--dask", "tcp://127.0.0.1:1"]
    )
    assert jobs_and_dask.exit_code == 2 and "not both" in jobs_and_dask.output
    assert runner.invoke(main, ["extract", seed, "--jobs", "0"]).exit_code == 2
    nowhere = runner.invoke(main, ["extract", seed, "--dask", "tcp://127.0.0.1:1"])
    assert (
        nowhere.exit_code == 1
        and "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in nowhere.output
    )
    assert "Traceback" not in nowhere.output


def test_store_batches_do_not_depend_on_extraction_batches(generated: list[Article]) -> None:
    """Extraction batches of 3, 5 and 2 articles (one failed) are stored as 4, 4 and 2 in
    input order: one process, --jobs and Dask store the same batches, so merge the same."""
    from timeline.database.ingest import _store_batches
    from timeline.runner import BatchResult, Failure
    from timeline.schema import EVENT_DTYPES, coerce_frame, empty_mentions

    todo = generated[:10]

    def result(articles: list[Article], failed: list[Article] = []) -> BatchResult:  # noqa: B006
        events = coerce_frame(
            [{"event_id": f"e-{a.doc_id}", "doc_id": a.doc_id, "char_start": 0, "char_end": 1}
             for a in articles],
            EVENT_DTYPES,
        )  # fmt: skip
        failures = tuple(Failure(a.doc_id, a.doc_id, "boom") for a in failed)
        return BatchResult(tuple(articles), events, empty_mentions(), failures)

    results = [result(todo[:3]), result(todo[3:6] + todo[7:8], [todo[6]]), result(todo[8:])]
    chunks = list(_store_batches(todo, results, 4))
    assert [count for _, _, count in chunks] == [4, 4, 2]
    assert [list(c.articles) for c, _, _ in chunks] == [
        [a.doc_id for a in todo[:4]],
        [a.doc_id for a in (todo[4], todo[5], todo[7])],
        [a.doc_id for a in todo[8:]],
    ]
    assert [[f.doc_id for f in failures] for _, failures, _ in chunks] == [[], [todo[6].doc_id], []]
    assert chunks[1][0].events["doc_id"].tolist() == [todo[i].doc_id for i in (4, 5, 7)]
