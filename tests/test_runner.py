"""Parallel extraction: the same events in the same order in one process, in worker processes
and on a Dask LocalCluster, through the library and through `timeline extract --store`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.article import Article, make_article
from timeline.config import Settings
from timeline.database import Store
from timeline.errors import InputError
from timeline.extract.pipeline import extract_corpus
from timeline.runner import BatchResult, Parallelism, extract_all, extract_batch, extract_batches

sys.path.insert(0, str(Path(__file__).resolve().parent))  # --import-mode=importlib: the generator
from corpus_generator import load_generator


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    generator = load_generator()
    return [
        make_article(
            a["text"], metadata_published=a["published"], title=a["title"], source=a["source"]
        )
        for a in generator.generate(16, seed=5)
    ]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    generator = load_generator()
    path = tmp_path_factory.mktemp("articles")
    generator.write(list(generator.generate(16, seed=5)), path, "txt")
    return path


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as local:
        yield local.scheduler_address


def test_parallelism_is_checked() -> None:
    with pytest.raises(ValueError, match="jobs=0"):
        Parallelism(jobs=0)
    with pytest.raises(ValueError, match="not both"):
        Parallelism(jobs=2, dask="tcp://127.0.0.1:8786")
    assert Parallelism().size_for(1000, 0) == 64 and Parallelism().size_for(10, 2) == 2
    assert Parallelism(batch_size=7).size_for(1000, 2) == 7


@given(st.integers(0, 300), st.integers(1, 70), st.integers(0, 4))
def test_batches_cover_every_article_once_in_order(total: int, size: int, workers: int) -> None:
    """Tapered batches (smaller towards the end) still cover the input in order, none
    larger than asked, none empty."""
    from timeline.runner import _batched

    items = [make_article(f"text {i}") for i in range(total)]
    batches = list(_batched(items, size, workers))
    assert [a for b in batches for a in b] == items
    assert all(0 < len(b) <= size for b in batches)


def test_processes_give_the_serial_frames_in_input_order(articles: list[Article]) -> None:
    rules = Settings(use_model=False)
    results = list(extract_batches(articles, rules, Parallelism(jobs=2, batch_size=5)))
    assert [len(r.articles) for r in results] == [5, 5, 5, 1]
    assert [a.doc_id for r in results for a in r.articles] == [a.doc_id for a in articles]
    assert all(isinstance(r, BatchResult) and not r.failures for r in results)
    serial = extract_corpus(articles, rules)
    together = extract_all(articles, rules, Parallelism(jobs=2, batch_size=3))
    pd.testing.assert_frame_equal(together.events, serial.events)
    pd.testing.assert_frame_equal(together.mentions, serial.mentions)
    assert list(together.articles) == list(serial.articles)


def test_a_failing_article_is_isolated(
    articles: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.extract import pipeline

    real = pipeline.extract_corpus

    def extract_corpus(batch: list[Article], settings: Settings | None = None) -> object:
        if any(a.doc_id == articles[1].doc_id for a in batch):
            raise ValueError("bad text")
        return real(batch, settings)

    monkeypatch.setattr(pipeline, "extract_corpus", extract_corpus)
    events, _, failures = extract_batch(articles[:3], Settings(use_model=False))
    assert [(f.doc_id, f.error) for f in failures] == [(articles[1].doc_id, "ValueError: bad text")]
    assert set(events["doc_id"]) == {articles[0].doc_id, articles[2].doc_id}
    assert str(failures[0]).endswith("extraction failed (ValueError: bad text); skipped")


def test_serial_jobs_and_dask_fill_identical_stores(
    tmp_path: Path, folder: Path, cluster: str
) -> None:
    """The CLI three ways: same events, same order, same store contents."""
    stores = {}
    for name, options in {
        "serial": [],
        "jobs": ["--jobs", "2"],
        "dask": ["--dask", cluster],
    }.items():
        stores[name] = tmp_path / f"{name}.duckdb"
        result = subprocess.run(
            [sys.executable, "-m", "timeline", "extract", str(folder), "--store", str(stores[name]), *options],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "16 new articles, 0 already in the store" in result.stderr
    contents = {}
    for name, path in stores.items():
        with Store.open(path, read_only=True) as store:
            articles = store.connection.sql(
                "SELECT * EXCLUDE (added_at) FROM articles ORDER BY seq"
            ).df()
            contents[name] = (store.events(), store.mentions(), articles)
    assert len(contents["serial"][0]) > 100
    for name in ("jobs", "dask"):
        for left, right in zip(contents["serial"], contents[name], strict=True):
            pd.testing.assert_frame_equal(left, right)


def test_unreachable_scheduler(articles: list[Article]) -> None:
    with pytest.raises(
        InputError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:1"
    ):
        list(extract_batches(articles, Settings(), Parallelism(dask="tcp://127.0.0.1:1")))
