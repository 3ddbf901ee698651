"""scripts/generate_events.py: a store of N synthetic events, valid, true to its offsets and
deterministic (no timing here: its speed is measured by benchmarks/bench_browser.py's runs)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from timeline.database import Store
from timeline.schema import EVENT_DTYPES, MENTION_DTYPES, PRECISIONS, validate_events

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "generate_events.py"


def _load() -> ModuleType:
    """The script as a module (scripts/ is not a package)."""
    if "generate_events" in sys.modules:
        return sys.modules["generate_events"]
    spec = importlib.util.spec_from_file_location("generate_events", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return _load()


@pytest.fixture(scope="module")
def store_path(generator: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("generated") / "events.duckdb"
    generator.generate_store(1_500, path, seed=3, chunk_events=400)
    return path


def _events(generator: ModuleType, count: int, seed: int, chunk: int) -> pd.DataFrame:
    corpora = list(generator.generate_corpora(count, seed, chunk_events=chunk))
    return pd.concat([c.events for c in corpora], ignore_index=True)


def test_the_store_holds_exactly_n_valid_events(store_path: Path) -> None:
    with Store.open(store_path, read_only=True) as store:
        events = store.events()
        mentions = store.mentions()
        stats = store.stats()
    assert len(events) == 1_500 == stats.events
    validate_events(events[list(EVENT_DTYPES)])
    assert events["event_id"].is_unique
    assert set(mentions.columns) == set(MENTION_DTYPES)
    assert set(mentions["event_id"]) <= set(events["event_id"])
    assert 100 <= stats.articles <= 300  # about 10 events an article
    assert set(events["precision"]) <= set(PRECISIONS)
    assert {"day", "month", "year", "week"} <= set(events["precision"])
    assert set(events["date_source"]) == {"explicit", "context", "published"}


def test_offsets_point_at_the_sentence_the_date_and_each_mention(store_path: Path) -> None:
    with Store.open(store_path, read_only=True) as store:
        events, mentions, articles = store.events(), store.mentions(), store.articles()
    for row in events.itertuples():
        text = articles[row.doc_id].text
        assert text[row.char_start : row.char_end] == row.sentence
        if pd.notna(row.date_char_start):
            assert text[row.date_char_start : row.date_char_end] == row.date_text
            assert row.char_start <= row.date_char_start < row.date_char_end <= row.char_end
    for row in mentions.itertuples():
        assert articles[row.doc_id].text[row.char_start : row.char_end] == row.text


def test_places_are_gazetteer_points_and_dates_cluster_on_the_story(store_path: Path) -> None:
    with Store.open(store_path, read_only=True) as store:
        events = store.events()
    placed = events.dropna(subset=["lat"])
    assert len(placed) > 0.8 * len(events)
    # Vladivostok-like real coordinates, never a made-up grid: the country points of the story
    russia = placed[(placed["place"] == "Russia")]
    assert not russia.empty and (russia["country"] == "RU").all()
    story = events["start"].between("2023-07-01", "2023-10-16")
    assert story.mean() > 0.4  # a dense recent period...
    assert (events["start"] < "1990-01-01").any()  # ...and old outliers ("in 1948")
    assert events["start"].dt.year.nunique() > 10


def test_the_same_seed_gives_the_same_events_whatever_the_chunk(generator: ModuleType) -> None:
    first = _events(generator, 700, seed=11, chunk=100)
    again = _events(generator, 700, seed=11, chunk=5_000)
    other = _events(generator, 700, seed=12, chunk=100)
    pd.testing.assert_frame_equal(first, again)
    assert len(first) == 700
    assert not first["sentence"].equals(other["sentence"])


def test_cli_writes_a_store_and_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "small.duckdb"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "50", str(path), "--seed", "5"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "50 events" in done.stderr
    with Store.open(path, read_only=True) as store:
        assert store.stats().events == 50
    again = subprocess.run(
        [sys.executable, str(SCRIPT), "50", str(path)], capture_output=True, text=True, check=False
    )
    assert again.returncode == 2
    assert "exists; give a new store file name" in again.stderr
    assert "Traceback" not in again.stderr
