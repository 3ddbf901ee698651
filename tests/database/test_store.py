"""The Store: round trips, idempotent adds, old and BC dates, SQL filters equal to the pandas
ones, read-only and locked files, threads, and a process killed inside a transaction."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.article import make_article
from timeline.database import CLUSTER_ID, SCHEMA_VERSION, Store
from timeline.errors import ExportError, InputError, SchemaError
from timeline.extract.pipeline import Corpus
from timeline.filters import View, filter_events
from timeline.schema import EVENT_DTYPES, MENTION_DTYPES, coerce_frame

from event_strategies import views  # isort: skip


ROOT = Path(__file__).resolve().parents[2]


def _part(corpus: Corpus, doc_ids: list[str]) -> Corpus:
    """The corpus restricted to some articles."""
    events = corpus.events[corpus.events["doc_id"].isin(doc_ids)].reset_index(drop=True)
    mentions = corpus.mentions[corpus.mentions["doc_id"].isin(doc_ids)].reset_index(drop=True)
    return Corpus(events, mentions, {d: corpus.articles[d] for d in doc_ids})


def test_round_trip(tmp_path: Path, corpus: Corpus) -> None:
    path = tmp_path / "news.duckdb"
    with Store.open(path) as store:
        added = store.add(corpus, extractor="timeline test", merge=False)
        assert (added.articles, added.skipped) == (len(corpus.articles), 0)
        assert (added.events, added.mentions) == (len(corpus.events), len(corpus.mentions))
    with Store.open(path, read_only=True) as store:
        events = store.events()
        pd.testing.assert_frame_equal(events[list(EVENT_DTYPES)], corpus.events)
        assert events[CLUSTER_ID].isna().all()  # not merged: each its own cluster
        pd.testing.assert_frame_equal(store.mentions(), corpus.mentions)
        assert store.articles() == corpus.articles
        assert list(store.articles()) == list(corpus.articles)  # in the order added
        stats = store.stats()
    assert (stats.articles, stats.events, stats.mentions) == (
        12,
        len(corpus.events),
        len(corpus.mentions),
    )
    assert stats.size_bytes > 0 and stats.schema_version == SCHEMA_VERSION and stats.path == path


def test_adding_twice_adds_nothing(corpus: Corpus) -> None:
    ids = list(corpus.articles)
    with Store.open(None) as store:
        store.add(_part(corpus, ids[:5]))
        again = store.add(corpus)
        assert (again.articles, again.skipped) == (7, 5)
        assert again.events == len(corpus.events[~corpus.events["doc_id"].isin(ids[:5])])
        last = store.add(corpus)
        assert (last.articles, last.skipped, last.events, last.mentions) == (0, 12, 0, 0)
        assert store.known([*ids[:3], "not-there"]) == set(ids[:3])
        pd.testing.assert_frame_equal(store.events()[list(EVENT_DTYPES)], corpus.events)
        assert len(store.mentions()) == len(corpus.mentions)


def test_an_article_without_events_is_kept_and_known() -> None:
    article = make_article("No dates here, nothing happens.")
    with Store.open(None) as store:
        assert store.add(Corpus(articles={article.doc_id: article})).articles == 1
        assert store.known([article.doc_id]) == {article.doc_id}
        assert store.events().empty and list(store.articles()) == [article.doc_id]


def test_dates_before_1677_and_bc_round_trip() -> None:
    """DuckDB TIMESTAMP holds years -290308..294247; the frame comes back in seconds."""
    article = make_article("Caesar was killed in 44 BC. The fire was in 1048.")
    rows = [
        {"event_id": "e1", "doc_id": article.doc_id, "start": np.datetime64("-0043-03-15", "s"),
         "end": np.datetime64("-0043-03-16", "s"), "precision": "day", "char_start": 0, "char_end": 27},
        {"event_id": "e2", "doc_id": article.doc_id, "start": np.datetime64("1048-01-01", "s"),
         "end": np.datetime64("1049-01-01", "s"), "precision": "year", "char_start": 28, "char_end": 50,
         "published": np.datetime64("1048-06-30T12:30:45", "s")},
    ]  # fmt: skip
    events = coerce_frame(rows, EVENT_DTYPES)
    with Store.open(None) as store:
        store.add(Corpus(events, coerce_frame([], MENTION_DTYPES), {article.doc_id: article}))
        back = store.events()[list(EVENT_DTYPES)]
        in_1048 = store.events(View(start=dt.datetime(1048, 6, 1), end=dt.datetime(1048, 7, 1)))
    pd.testing.assert_frame_equal(back, events)
    assert str(back["start"].dtype) == "datetime64[s]"
    assert str(back["start"][0]) == "-43-03-15 00:00:00" or back["start"][0].year == -43
    assert in_1048["event_id"].tolist() == ["e2"]


def test_corpus_with_orphan_or_repeated_events_is_refused(corpus: Corpus) -> None:
    first = next(iter(corpus.articles))
    with Store.open(None) as store:
        with pytest.raises(SchemaError, match="events of articles it does not hold"):
            store.add(Corpus(corpus.events, corpus.mentions, {first: corpus.articles[first]}))
        part = _part(corpus, [first])
        doubled = Corpus(
            pd.concat([part.events, part.events], ignore_index=True), part.mentions, part.articles
        )
        with pytest.raises(SchemaError, match="event ids twice"):
            store.add(doubled)
        assert store.stats().articles == 0  # nothing half-written


def test_set_clusters(corpus: Corpus) -> None:
    with Store.open(None) as store:
        store.add(corpus)
        ids = store.events()["event_id"].tolist()
        clusters = pd.DataFrame({"event_id": ids[1:3], CLUSTER_ID: [ids[0], ids[0]]})
        assert store.set_clusters(clusters) == 2
        assert store.set_clusters(clusters) == 0
        assert store.events()[CLUSTER_ID].tolist()[:4] == [ids[0], ids[0], ids[0], ids[3]]


def test_read_only_and_missing_files(tmp_path: Path, corpus: Corpus) -> None:
    with pytest.raises(InputError, match="does not exist"):
        Store.open(tmp_path / "none.duckdb", read_only=True)
    empty = tmp_path / "empty.duckdb"  # a run killed between creating the file and its tables
    duckdb.connect(str(empty)).close()
    with pytest.raises(InputError, match=r"empty\.duckdb is empty \(a run was stopped"):
        Store.open(empty, read_only=True)
    with Store.open(empty) as store:
        assert store.stats().schema_version == SCHEMA_VERSION
    with pytest.raises(InputError, match=r"folder .* does not exist"):
        Store.open(tmp_path / "no" / "such.duckdb")
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    with Store.open(path, read_only=True) as store, pytest.raises(ExportError, match="read-only"):
        store.add(corpus)
    text = tmp_path / "events.csv"
    text.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"events\.csv is not a timeline store"):
        Store.open(text)


def test_a_store_in_use_by_another_process_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from timeline.database import Store
            store = Store.open({str(path)!r})
            print("open", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        for read_only in (False, True):
            with pytest.raises(InputError) as info:
                Store.open(path, read_only=read_only)
            assert "busy.duckdb is in use by another process (PID " in str(info.value)
        cli = subprocess.run(
            [sys.executable, "-m", "timeline", "extract", str(ROOT / "seeds"), "--store", str(path)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert cli.returncode == 1 and "Traceback" not in cli.stderr
        assert "is in use by another process" in cli.stderr.strip().splitlines()[-1]
    finally:
        holder.kill()
        holder.communicate()


def test_threads_read_while_one_writes(corpus: Corpus) -> None:
    """The Dash pattern: callbacks on server threads read while an upload adds."""
    ids = list(corpus.articles)
    errors: list[BaseException] = []
    with Store.open(None) as store:
        store.add(_part(corpus, ids[:2]))

        def read() -> None:
            try:
                for _ in range(15):
                    events = store.events(View(text="the"))
                    store.mentions(events["event_id"].head(5))
                    store.stats()
            except BaseException as err:  # collected for the assertion below
                errors.append(err)

        def write() -> None:
            try:
                for doc_id in ids[2:]:
                    store.add(_part(corpus, [doc_id]))
            except BaseException as err:
                errors.append(err)

        threads = [threading.Thread(target=read) for _ in range(4)] + [
            threading.Thread(target=write) for _ in range(2)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert store.stats().articles == 12 and len(store.events()) == len(corpus.events)


_KILLED = """
import os, signal, sys
from timeline.database import store as module
from timeline.database.store import Store
from timeline.extract.pipeline import Corpus
import pickle
corpus = pickle.load(open(sys.argv[2], "rb"))
ids = list(corpus.articles)
part = lambda keep: Corpus(corpus.events[corpus.events.doc_id.isin(keep)], corpus.mentions[corpus.mentions.doc_id.isin(keep)], {d: corpus.articles[d] for d in keep})
store = Store.open(sys.argv[1])
store.add(part(ids[:4]))
real = module._insert
def insert_then_die(connection, table, frame):
    real(connection, table, frame)
    if table == sys.argv[3]:
        os.kill(os.getpid(), signal.SIGKILL)
module._insert = insert_then_die
store.add(part(ids[4:8]))
"""


@pytest.mark.parametrize("table", ["articles", "events"])
def test_killed_inside_a_transaction_keeps_whole_batches(
    tmp_path: Path, corpus: Corpus, table: str
) -> None:
    """kill -9 between two inserts of one add(): the file opens, with the first add only."""
    import pickle

    path, data = tmp_path / "killed.duckdb", tmp_path / "corpus.pickle"
    data.write_bytes(pickle.dumps(corpus))
    result = subprocess.run(
        [sys.executable, "-c", _KILLED, str(path), str(data), table], timeout=120
    )
    assert result.returncode == -9
    ids = list(corpus.articles)
    with Store.open(path) as store:
        assert list(store.articles()) == ids[:4]
        assert set(store.events()["doc_id"]) == set(corpus.events["doc_id"]) & set(ids[:4])
        assert set(store.mentions()["doc_id"]) <= set(ids[:4])
        resumed = store.add(corpus)
        assert (resumed.articles, resumed.skipped) == (8, 4)
        pd.testing.assert_frame_equal(store.events()[list(EVENT_DTYPES)], corpus.events)
        pd.testing.assert_frame_equal(store.mentions(), corpus.mentions)


# ----------------------------------------------------------------- SQL filters = pandas filters


@pytest.fixture(scope="module")
def filled(corpus: Corpus) -> Store:
    store = Store.open(None)
    store.add(corpus)
    return store


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), window=st.booleans(), place=st.booleans())
def test_sql_view_selects_what_filter_events_selects(
    filled: Store, corpus: Corpus, data: st.DataObject, window: bool, place: bool
) -> None:
    view = data.draw(views(corpus.events))
    expected = filter_events(
        corpus.events, view, mentions=corpus.mentions, window=window, place=place
    )
    got = filled.events(view, window=window, place=place)
    assert got["event_id"].tolist() == expected["event_id"].tolist()
