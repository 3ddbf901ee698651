"""Merging in the store: a labelled set of articles written here, added batch by batch; a batch
that fails inside its transaction; merging off and merge_all; the merged view equal to
timeline.merge's in-memory one, JSON escaping included."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.article import make_article
from timeline.config import Settings
from timeline.database import CLUSTER_ID, Store
from timeline.database import store as store_module
from timeline.extract.pipeline import Corpus, extract_corpus
from timeline.filters import View, filter_events
from timeline.merge import cluster_events, merged_events
from timeline.schema import (
    EVENT_DTYPES,
    MERGED_DTYPES,
    SOURCE_DTYPES,
    Col,
    coerce_frame,
    empty_mentions,
)

# The Biden-Putin summit (Wednesday 16 June 2021) told three times, with events that must stay
# apart: another meeting the same day in the same article, the summit told twice in one
# article, and an event elsewhere.
ARTICLES: dict[str, tuple[str, str]] = {
    "first": ("2021-06-16", "GENEVA, June 16 (Reuters) - U.S. President Joe Biden and Russian President Vladimir Putin opened their first summit in Geneva on Wednesday, with arms control and cyber attacks on the agenda.\n\nIn Berlin on Wednesday, German Chancellor Angela Merkel received Chinese Foreign Minister Wang Yi to talk about trade."),
    "second": ("2021-06-17", "Vladimir Putin and Joe Biden held their first summit on Wednesday in Geneva, Switzerland, talking about arms control and cyber attacks for four hours."),
    "third": ("2021-06-18", "Biden and Putin met at a villa in Geneva on Wednesday for a summit on arms control and cyber attacks.\n\nBiden and Putin met at a villa in Geneva on Wednesday for a summit on arms control, the officials repeated."),
    "other": ("2021-06-16", "TOKYO, June 16 (Kyodo) - Japan's Prime Minister Yoshihide Suga opened a vaccination centre in Tokyo on Wednesday."),
}  # fmt: skip


@pytest.fixture(scope="module")
def labelled() -> Corpus:
    articles = [
        make_article(
            text,
            published=published,
            doc_id=name,
            source=f"{name}.txt",
            url=f"https://news.example/{name}",
            title=f"The {name} report",
        )
        for name, (published, text) in ARTICLES.items()
    ]
    return extract_corpus(articles, Settings(use_model=False))


def _part(corpus: Corpus, *doc_ids: str) -> Corpus:
    events = corpus.events[corpus.events[Col.DOC_ID].isin(doc_ids)].reset_index(drop=True)
    mentions = corpus.mentions[corpus.mentions[Col.DOC_ID].isin(doc_ids)].reset_index(drop=True)
    return Corpus(events, mentions, {d: corpus.articles[d] for d in doc_ids})


def _summit(events: pd.DataFrame, doc_id: str) -> str:
    """The event id of the summit's first telling in an article."""
    rows = events[(events[Col.DOC_ID] == doc_id) & events[Col.SENTENCE].str.contains("summit")]
    return str(rows[Col.EVENT_ID].iloc[0])


def _clusters(store: Store) -> dict[str, str | None]:
    events = store.events()
    return dict(
        zip(
            events[Col.EVENT_ID],
            events[CLUSTER_ID].astype(object).where(events[CLUSTER_ID].notna(), None),
            strict=True,
        )
    )


def _keys(store: Store) -> list[tuple[str, str]]:
    return sorted(store.connection.execute("SELECT event_id, key FROM event_keys").fetchall())


def test_the_same_event_in_two_articles_merges_across_batches(labelled: Corpus) -> None:
    with Store.open(None) as store:
        first = store.add(_part(labelled, "first", "other"))
        assert first.merged == 0
        second = store.add(_part(labelled, "second"))
        assert second.merged == 1
        third = store.add(_part(labelled, "third"))
        assert third.merged == 1  # one telling joins; the article's echo cannot
        clusters = _clusters(store)
    events = labelled.events
    summit = _summit(events, "first")
    assert clusters[_summit(events, "second")] == summit
    assert clusters[_summit(events, "third")] == summit
    assert clusters[summit] == summit
    # two events of one article never share a cluster
    for doc_id in ARTICLES:
        ids = events.loc[events[Col.DOC_ID] == doc_id, Col.EVENT_ID]
        assert len({clusters[i] for i in ids}) == len(ids), doc_id
    assert sum(c == summit for c in clusters.values()) == 3


def test_rows_given_kept_or_forgotten_give_the_same_clusters(labelled: Corpus) -> None:
    """Merge rows computed by the extraction (Store.add's rows), kept from the batches
    before, or forgotten past the limit (recomputed) fill the same store."""
    from timeline.database.clusters import KnownRows
    from timeline.merge import event_rows

    def fill(store: Store, *, rows: bool) -> tuple[dict[str, str | None], list[tuple[str, str]]]:
        for part in (("first", "other"), ("second",), ("third",)):
            corpus = _part(labelled, *part)
            store.add(corpus, rows=event_rows(corpus.events) if rows else None)
        keys = store.connection.execute("SELECT event_id, key FROM event_keys ORDER BY ALL")
        return _clusters(store), keys.fetchall()

    with Store.open(None) as plain:
        expected = fill(plain, rows=False)
        assert len(plain._known) == len(labelled.events)  # every row kept
    with Store.open(None) as given:
        assert fill(given, rows=True) == expected
    with Store.open(None) as forgetful:
        forgetful._known = KnownRows(limit=2)
        assert fill(forgetful, rows=True) == expected
        assert len(forgetful._known) == 2
    known = KnownRows(limit=3)
    rows = event_rows(labelled.events)
    known.keep(rows)
    assert list(known.rows()) == list(rows)[-3:]  # the most recent kept
    assert all(row.keys is None for row in known.rows().values())  # keys are stored instead


def test_an_earlier_report_added_later_renames_the_cluster(labelled: Corpus) -> None:
    with Store.open(None) as store:
        store.add(_part(labelled, "third"))  # published 18 June
        late = _summit(labelled.events, "third")
        assert _clusters(store)[late] == late
        store.add(_part(labelled, "second"))  # 17 June: now the earliest report
        assert _clusters(store)[late] == _summit(labelled.events, "second")
        added = store.add(_part(labelled, "first"))  # 16 June
        clusters = _clusters(store)
    summit = _summit(labelled.events, "first")
    assert added.merged == 1
    assert [clusters[_summit(labelled.events, d)] for d in ("first", "second", "third")] == [
        summit
    ] * 3


def test_adding_again_keeps_the_clusters(labelled: Corpus) -> None:
    with Store.open(None) as store:
        store.add(_part(labelled, "first", "other"))
        store.add(_part(labelled, "second", "third"))
        before, keys = _clusters(store), _keys(store)
        again = store.add(labelled)
        assert (again.articles, again.events, again.merged) == (0, 0, 0)
        assert _clusters(store) == before and _keys(store) == keys


def test_a_batch_failing_inside_its_transaction_leaves_whole_clusters(
    labelled: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a kill -9 between the cluster update and the insert of the events: nothing of the
    batch is kept, and adding it again gives the clusters of an uninterrupted run."""
    with Store.open(None) as clean:
        for doc_ids in (("second", "third"), ("first", "other")):
            clean.add(_part(labelled, *doc_ids))
        expected, expected_keys = _clusters(clean), _keys(clean)
    with Store.open(None) as store:
        store.add(_part(labelled, "second", "third"))
        before, keys = _clusters(store), _keys(store)
        insert = store_module._insert

        def failing(connection: object, table: str, frame: pd.DataFrame) -> None:
            if table == "events":  # after the articles, the cluster updates and the keys
                raise KeyboardInterrupt
            insert(connection, table, frame)  # type: ignore[arg-type]

        monkeypatch.setattr(store_module, "_insert", failing)
        with pytest.raises(KeyboardInterrupt):
            store.add(_part(labelled, "first", "other"))
        monkeypatch.setattr(store_module, "_insert", insert)
        assert _clusters(store) == before and _keys(store) == keys
        assert store.stats().articles == 2
        assert store.add(_part(labelled, "first", "other")).merged == 1
        assert _clusters(store) == expected and _keys(store) == expected_keys


def test_merging_off_leaves_null_until_merge_all(labelled: Corpus) -> None:
    with Store.open(None) as store:
        store.add(_part(labelled, "first", "other"), merge=False)
        store.add(_part(labelled, "second", "third"), merge=False)
        assert not store.has_clusters()
        assert all(c is None for c in _clusters(store).values()) and _keys(store) == []
        merged = store.events(merged=True)
        assert len(merged) == len(labelled.events)  # every event its own cluster
        assert (merged[Col.N_SOURCES] == 1).all()
        assert (merged[Col.CLUSTER_ID] == merged[Col.EVENT_ID]).all()
        changed = store.merge_all()
        events = store.events()
        assert store.has_clusters()
        assert changed == len(events)  # NULL -> an id, for every event
        expected = cluster_events(events[list(EVENT_DTYPES)])
        assert events[CLUSTER_ID].tolist() == expected.tolist()
        assert store.merge_all() == 0
        assert len(_keys(store)) > len(events)


def test_merged_view_equals_merged_events_in_memory(labelled: Corpus) -> None:
    with Store.open(None) as store:
        store.add(_part(labelled, "third", "other"))
        store.add(_part(labelled, "first", "second"))
        events = store.events()
        merged = store.events(merged=True)
    expected = merged_events(events[list(EVENT_DTYPES)], events[CLUSTER_ID])
    pd.testing.assert_frame_equal(merged, expected)
    assert {c: str(merged[c].dtype) for c in merged} == MERGED_DTYPES
    summit = merged[merged[Col.N_SOURCES] == 3]
    sources = json.loads(summit[Col.SOURCES].iloc[0])
    assert [s[Col.DOC_ID] for s in sources] == ["first", "second", "third"]


def test_merged_view_keeps_clusters_with_a_member_in_the_view(labelled: Corpus) -> None:
    with Store.open(None) as store:
        store.add(_part(labelled, "first", "other"))
        store.add(_part(labelled, "second", "third"))
        events, mentions = store.events(), store.mentions()
        view = View(text="villa")  # only the third article says "villa"
        merged = store.events(view, merged=True)
    kept = filter_events(events, view, mentions=mentions)
    clusters = set(kept[CLUSTER_ID].fillna(kept[Col.EVENT_ID]))
    assert set(merged[Col.CLUSTER_ID]) == clusters
    summit = merged[merged[Col.CLUSTER_ID] == _summit(labelled.events, "first")]
    assert summit[Col.N_SOURCES].tolist() == [3]  # every source, not only those in the view


def test_sources_of_clusters(labelled: Corpus) -> None:
    with Store.open(None) as store:
        store.add(_part(labelled, "third"))
        store.add(_part(labelled, "first", "second", "other"))
        summit = _summit(labelled.events, "first")
        sources = store.sources([summit, "no such cluster"])
        everything = store.sources(store.events(merged=True)[Col.CLUSTER_ID])
    assert list(sources.columns) == [*SOURCE_DTYPES, "url"]
    assert {c: str(sources[c].dtype) for c in SOURCE_DTYPES} == SOURCE_DTYPES
    assert sources[Col.DOC_ID].tolist() == ["first", "second", "third"]
    assert sources[Col.EARLIEST].tolist() == [True, False, False]
    assert sources["url"].tolist() == [
        f"https://news.example/{d}" for d in ("first", "second", "third")
    ]
    assert sources[Col.TITLE].tolist()[0] == "The first report"
    assert len(everything) == len(labelled.events)


# --------------------------------------------------------------------------- JSON, byte for byte

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from('\\"\x00\x1f\x0b\n/'),
    max_size=12,
)
_DAYS = st.integers(-800_000, 2_900_000)  # 0160 BC to AD 9909, in days from 1970


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(_TEXT, st.none() | _TEXT, st.none() | _DAYS, st.booleans()),
        min_size=1,
        max_size=6,
    )
)
def test_sources_json_is_written_as_python_writes_it(
    rows: list[tuple[str, str | None, int | None, bool]],
) -> None:
    """Titles and sentences with quotes, backslashes, control characters and any Unicode, dates
    from BC to AD 9909 with and without a time: the store's sources JSON equals json.dumps'."""
    records = []
    for i, (sentence, title, day, timed) in enumerate(rows):
        published = None
        if day is not None:
            published = np.datetime64(day, "D").astype("datetime64[s]") + (
                np.timedelta64(3723, "s") if timed else np.timedelta64(0, "s")
            )
        records.append(
            {
                Col.EVENT_ID: f"e{i}",
                Col.DOC_ID: f"d{i}",
                Col.TITLE: title,
                Col.SOURCE: sentence[::-1],
                Col.PUBLISHED: published,
                Col.SENTENCE: sentence,
                Col.CHAR_START: 0,
                Col.CHAR_END: 1,
            }
        )
    events = coerce_frame(records, EVENT_DTYPES)
    clusters = pd.Series(["e0"] * len(events), dtype="string", name=Col.CLUSTER_ID)
    articles = {f"d{i}": make_article("x", doc_id=f"d{i}") for i in range(len(events))}
    with Store.open(None) as store:
        store.add(Corpus(events, empty_mentions(), articles), merge=False)
        store.set_clusters(pd.DataFrame({Col.EVENT_ID: events[Col.EVENT_ID], CLUSTER_ID: clusters}))
        merged = store.events(merged=True)
    expected = merged_events(events, clusters)
    assert merged[Col.SOURCES].tolist() == expected[Col.SOURCES].tolist()


def test_store_file_keeps_clusters(tmp_path: Path, labelled: Corpus) -> None:
    path = tmp_path / "news.duckdb"
    with Store.open(path) as store:
        store.add(_part(labelled, "first"))
        store.add(_part(labelled, "second"))
        before = _clusters(store)
    with Store.open(path, read_only=True) as store:
        assert _clusters(store) == before and store.has_clusters()


# --------------------------------------------------------------------------- bounded candidates


def _hourly(count: int, *, offset: int = 0, minutes: int = 0) -> Corpus:
    """One article with `count` events: the same sentence and names, an hour apart, all in
    September 2023 (one article's events never merge)."""
    rows = []
    doc_id = f"d-{minutes}"
    for i in range(offset, offset + count):
        start = np.datetime64("2023-09-01T00:00", "s") + np.timedelta64(i * 60 + minutes, "m")
        rows.append(
            {
                Col.EVENT_ID: f"e{i:03d}-{minutes}",
                Col.DOC_ID: doc_id,
                Col.START: start,
                Col.END: start + np.timedelta64(1, "m"),
                Col.PRECISION: "time",
                Col.DATE_SOURCE: "explicit",
                Col.SENTENCE: "Vladimir Putin inspected the shipyard.",
                Col.ACTORS: "Vladimir Putin",
                Col.CHAR_START: i * 40,
                Col.CHAR_END: i * 40 + 38,
            }
        )
    articles = {doc_id: make_article("x", doc_id=doc_id)}
    return Corpus(coerce_frame(rows, EVENT_DTYPES), empty_mentions(), articles)


@pytest.mark.parametrize(
    ("stored", "expected"),
    [(30, list(range(30))), (100, list(range(43, 59)))],
    ids=["a small key: every stored event", "a busy key: the nearest in time"],
)
def test_a_batch_reads_a_bounded_number_of_stored_events(stored: int, expected: list[int]) -> None:
    """Past ALL_PAIRS (64) stored events under one key, a new event reads only the WINDOW (8)
    nearest on each side, as timeline.merge.blocking would compare it."""
    from timeline.database.clusters import _candidates
    from timeline.merge import blocking_keys

    with Store.open(None) as store:
        store.add(_hourly(stored))
        new = _hourly(1, offset=50, minutes=30).events  # 50:30, between the 50th and 51st
        found = _candidates(store.connection, new, blocking_keys(new))
    assert sorted(found[Col.EVENT_ID]) == [f"e{i:03d}-0" for i in expected]
