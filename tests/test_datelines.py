"""dateline_places: where each article was reported from."""

from __future__ import annotations

import pytest

from timeline.article import Article
from timeline.datelines import DATELINE_COLUMNS, dateline_places
from timeline.ingest import read_article


def test_the_seed_is_reported_from_vladivostok(seed_text: str, tmp_path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    article = read_article(path)
    frame = dateline_places({article.doc_id: article})
    assert list(frame.columns) == list(DATELINE_COLUMNS)
    row = frame.iloc[0]
    assert (row["place"], row["region"], row["country"]) == ("Vladivostok", "Russia", "RU")
    assert (row["lat"], row["lon"]) == pytest.approx((43.1, 131.9), abs=0.1)
    assert row["doc_id"] == article.doc_id and row["title"] == article.title


def test_a_dateline_names_a_city_not_its_state() -> None:
    frame = dateline_places([Article(text="x", doc_id="d", dateline_place="New York")])
    assert frame.iloc[0]["place_kind"] == "city"
    assert frame.iloc[0]["lat"] == pytest.approx(40.71, abs=0.1)


def test_articles_without_a_known_dateline_are_left_out() -> None:
    frame = dateline_places([
        Article(text="x", doc_id="a"),
        Article(text="y", doc_id="b", dateline_place="Xqzzyv"),
    ])  # fmt: skip
    assert frame.empty and list(frame.columns) == list(DATELINE_COLUMNS)
    assert dict(frame.dtypes.astype(str)) == DATELINE_COLUMNS
