"""The dashboard's store queries (timeline.database.aggregate) agree with the pandas functions
they stand in for: filter_events, place_table, fold_lanes, merged events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.database import Store, aggregate
from timeline.extract.pipeline import Corpus
from timeline.filters import View, filter_events
from timeline.lanes import MAX_LANES
from timeline.mapdata import place_table
from timeline.schema import PRECISIONS, Col

from app.synthetic import synthetic_corpus, synthetic_store  # isort: skip
from event_strategies import views  # isort: skip


@pytest.fixture
def seed_store(sample: Any) -> Store:
    events, mentions, articles = sample
    store = Store.open(None)
    store.add(Corpus(events, mentions, articles), merge=False)
    return store


@pytest.mark.parametrize(
    "view",
    [View(), View(actors=("Kim Jong Un",)), View(text="Tuesday"), View(precisions=("year",))],
)
def test_hits_are_the_events_filter_events_keeps(
    seed_store: Store, sample: Any, view: View
) -> None:
    events, mentions, _ = sample
    table = aggregate.hits(seed_store, view)
    expected = filter_events(events, view, mentions=mentions, window=False, place=False)
    found = aggregate.rows(seed_store, table.select(["seq", "n_sources"]))
    assert set(found[Col.EVENT_ID]) == set(expected[Col.EVENT_ID])


def test_the_window_and_the_place_as_filter_events(seed_store: Store, sample: Any) -> None:
    events, mentions, _ = sample
    window = (dt.datetime(2023, 9, 12), dt.datetime(2023, 9, 12, 12))
    view = View(window=window, place="Vostochny Cosmodrome")
    connection = aggregate.scratch()
    table = aggregate.in_window(
        connection,
        aggregate.hits(seed_store, view),
        window,
        aggregate.place_seqs(seed_store, "Vostochny Cosmodrome"),
    )
    expected = filter_events(events, view, mentions=mentions)
    found = aggregate.rows(seed_store, table.select(["seq", "n_sources"]))
    assert set(found[Col.EVENT_ID]) == set(expected[Col.EVENT_ID]) and len(found) >= 1


def test_place_counts_are_the_place_table(seed_store: Store, sample: Any) -> None:
    events, mentions, _ = sample
    connection = aggregate.scratch()
    index = aggregate.place_index(seed_store, connection)
    counted = aggregate.place_counts(aggregate.hits(seed_store, View()), index)
    expected = place_table(events, mentions)
    columns = [Col.PLACE, Col.PLACE_KIND, Col.LAT, Col.LON, Col.COUNTRY, "events"]
    pd.testing.assert_frame_equal(
        counted[columns].reset_index(drop=True),
        expected[columns].reset_index(drop=True),
        check_dtype=False,
    )


def test_time_bins_count_every_event_in_each_of_its_lanes() -> None:
    events, _, _ = synthetic_corpus(3_000, articles=50)
    store = synthetic_store(None, 3_000, articles=50)
    connection = aggregate.scratch()
    bins = aggregate.time_bins(
        connection, aggregate.hits(store, View()), lane="actor", unit="month"
    )
    # as timeline.lanes.lane_values: one row per name written (a name twice, twice)
    lanes_per_event = events[Col.ACTORS].str.split("; ").map(len)
    assert bins["n"].sum() == lanes_per_event.sum()
    assert (bins["bin"].dt.day == 1).all()  # months start on the first
    assert bins["lane"].nunique() <= MAX_LANES


def test_merged_hits_are_one_row_per_cluster_told_by_its_earliest_report() -> None:
    events, _, _ = synthetic_corpus(600, articles=40)
    store = synthetic_store(None, 600, articles=40)
    clusters = aggregate.clusters(store)
    merged = aggregate.hits(store, View(), merged=clusters).to_pandas()
    assert len(merged) == events["cluster_id"].nunique()
    assert sorted(merged["n_sources"].unique()) == [1, 2]
    # a cluster shows when any of its reports matches: the second report's actors find it
    second = events[events["event_id"] != events["cluster_id"]].iloc[0]
    actor = second[Col.ACTORS].split("; ")[0]
    found = aggregate.hits(store, View(actors=(actor,)), merged=clusters).to_pandas()
    assert len(found) >= 1


@pytest.fixture(scope="module")
def merged_store() -> tuple[pd.DataFrame, Store]:
    """A store whose events are partly told twice (clusters of two reports)."""
    events, _, _ = synthetic_corpus(300, articles=30)
    return events, synthetic_store(None, 300, articles=30)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), merged=st.booleans())
def test_narrowed_hits_are_the_hits_of_the_view(
    merged_store: tuple[pd.DataFrame, Store], data: st.DataObject, merged: bool
) -> None:
    events, store = merged_store
    view = data.draw(views(events))
    clusters = aggregate.clusters(store) if merged else None
    everything = aggregate.hits(store, None, merged=clusters).combine_chunks()
    narrowed = aggregate.narrow(store, view, everything, merged=clusters)
    assert narrowed.equals(aggregate.hits(store, view, merged=clusters))


def _sorted(store: Store, column: str, descending: bool, page: int = 5) -> pd.DataFrame:
    """Every event of the store, page by page in the table's sort by `column`."""
    table = aggregate.hits(store, View())
    pages = [
        aggregate.rows(store, aggregate.sorted_page_seqs(
            store, table, column=column, descending=descending, offset=offset, limit=page))
        for offset in range(0, table.num_rows, page)
    ]  # fmt: skip
    return pd.concat(pages, ignore_index=True)


@pytest.mark.parametrize("descending", [False, True])
def test_the_table_sorts_across_every_page_missing_values_last(
    sample: Any, descending: bool
) -> None:
    events, mentions, articles = sample
    # an ancient date, and an event with neither date nor date text, to sort among the seed's
    def day(text: str | None) -> pd.Series:
        value = np.datetime64(text, "s") if text else np.datetime64("NaT", "s")
        return pd.Series([value], index=events.index[:1], dtype="datetime64[s]")

    old = events.iloc[[0]].assign(event_id="ancient", start=day("1648-10-24"),
                                  end=day("1648-10-25"), precision="day")  # fmt: skip
    undated = events.iloc[[0]].assign(event_id="undated", start=day(None), end=day(None),
                                      precision=pd.NA, date_text=pd.NA)  # fmt: skip
    store = Store.open(None)
    store.add(Corpus(pd.concat([events, old, undated], ignore_index=True), mentions, articles),
              merge=False)  # fmt: skip
    by_date = _sorted(store, Col.START, descending)
    assert len(by_date) == len(events) + 2 and by_date[Col.EVENT_ID].is_unique
    dated = by_date[Col.START].dropna()
    assert list(dated) == sorted(dated, reverse=descending)  # chronological, over all pages
    assert by_date[Col.START].iloc[-1] is pd.NaT  # undated last, whichever the direction
    assert (by_date[Col.EVENT_ID].iloc[0] == "ancient") != descending
    written = _sorted(store, Col.DATE_TEXT, descending)[Col.DATE_TEXT]
    assert written.iloc[-1] is pd.NA
    present = [text.lower() for text in written.dropna()]
    assert present == sorted(present, reverse=descending)  # ignoring case
    precision = _sorted(store, Col.PRECISION, descending)[Col.PRECISION]
    ranks = [PRECISIONS.index(p) for p in precision.dropna()]
    assert ranks == sorted(ranks, reverse=descending) and precision.iloc[-1] is pd.NA


def test_the_table_sorts_merged_events_by_their_number_of_sources() -> None:
    store = synthetic_store(None, 120, articles=10)
    table = aggregate.hits(store, View(), merged=aggregate.clusters(store))
    first = aggregate.sorted_page_seqs(store, table, column="n_sources", descending=True,
                                       offset=0, limit=5)  # fmt: skip
    assert first.column("n_sources").to_pylist() == [2] * 5
    with pytest.raises(ValueError, match="cannot sort by 'nonsense'"):
        aggregate.sorted_page_seqs(store, table, column="nonsense", descending=False, offset=0,
                                   limit=5)  # fmt: skip
