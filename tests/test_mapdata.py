"""The map's dateline stars: the coded index (per corpus) and the DuckDB join (per view) give
the table a plain group-by gives."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.database import aggregate
from timeline.mapdata import dateline_index, dateline_lines, dateline_table
from timeline.schema import Col

_CITIES = [("Vladivostok", 43.1, 131.9), ("Seoul", 37.6, 127.0), ("Paris", 48.9, 2.4),
           ("Paris", 33.7, -95.6), ("Kyiv", 50.5, 30.5)]  # fmt: skip


def _reference(datelines: pd.DataFrame, docs: set[str], limit: int | None) -> pd.DataFrame:
    """The table as a group-by says it: articles per place, most first (ties in place
    order), and each place's distinct titles in the order of the articles."""
    rows = datelines[datelines[Col.DOC_ID].isin(docs) & datelines[Col.LAT].notna()]
    rows = rows.assign(_title=rows[Col.TITLE].fillna(rows[Col.DOC_ID]))
    keys = [Col.PLACE, Col.LAT, Col.LON]
    grouped = rows.groupby(keys, sort=True)
    table = pd.DataFrame({
        "articles": grouped[Col.DOC_ID].nunique(),
        "titles": grouped["_title"].agg(lambda titles: list(dict.fromkeys(titles))),
    }).reset_index()  # fmt: skip
    table = table.sort_values("articles", ascending=False, kind="stable")
    return table.head(limit if limit is not None else len(table)).reset_index(drop=True)


@st.composite
def _datelines(draw: st.DrawFn) -> tuple[pd.DataFrame, set[str], int | None]:
    n = draw(st.integers(0, 30))
    cities = draw(st.lists(st.sampled_from(_CITIES), min_size=n, max_size=n))
    titles = draw(st.lists(st.sampled_from(["A", "B", "C", None]), min_size=n, max_size=n))
    located = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    datelines = pd.DataFrame({
        Col.DOC_ID: [f"d{i}" for i in range(n)],
        Col.TITLE: pd.Series(titles, dtype="string"),
        Col.PLACE: pd.Series([c[0] for c in cities], dtype="string"),
        Col.LAT: [c[1] if keep else None for c, keep in zip(cities, located, strict=True)],
        Col.LON: [c[2] for c in cities],
    })  # fmt: skip
    docs = set(draw(st.lists(st.sampled_from([f"d{i}" for i in range(n + 3)]))) if n else [])
    return datelines, docs, draw(st.none() | st.integers(1, 4))


@settings(max_examples=150, deadline=None)
@given(_datelines())
def test_dateline_stars_match_a_plain_group_by(
    case: tuple[pd.DataFrame, set[str], int | None],
) -> None:
    datelines, docs, limit = case
    expected = _reference(datelines, docs, limit)
    events = pd.DataFrame({Col.DOC_ID: sorted(docs)})
    table = dateline_table(datelines, events, limit=limit)
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    assert table.attrs["places"] == len(_reference(datelines, docs, None))
    # the store's way: the index's articles joined with a hits table's in DuckDB
    index = dateline_index(datelines)
    hits = pa.table({Col.DOC_ID: pa.array(sorted(docs) * 2, type=pa.string())})
    found = aggregate.dateline_found(aggregate.scratch(), hits, aggregate.dateline_docs(index))
    joined = dateline_lines(index, found, limit=limit)
    pd.testing.assert_frame_equal(joined, expected, check_dtype=False)
