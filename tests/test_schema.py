"""timeline.schema helpers."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from timeline.schema import isin_text

_TEXT = st.one_of(st.none(), st.text(max_size=6))


@given(
    column=st.lists(_TEXT, max_size=30),
    values=st.lists(_TEXT, max_size=30),
    kind=st.sampled_from(["list", "set", "series", "index"]),
)
def test_isin_text_agrees_with_pandas(
    column: list[str | None], values: list[str | None], kind: str
) -> None:
    series = pd.Series(column, dtype="string")
    given_values: object = {
        "list": values,
        "set": set(values),
        "series": pd.Series(values, dtype="string"),
        "index": pd.Index(values, dtype="string"),
    }[kind]
    expected = series.isin(given_values).to_numpy(dtype=bool)  # type: ignore[arg-type]
    assert isin_text(series, given_values).tolist() == expected.tolist()  # type: ignore[arg-type]


def test_isin_text_takes_object_columns() -> None:
    column = pd.Series(["a", "b", None], dtype=object)
    assert isin_text(column, ["b", "z"]).tolist() == [False, True, False]
