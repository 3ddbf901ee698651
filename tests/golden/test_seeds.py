"""Golden tests: each seed article against its hand-made gold file (lists are minimums)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from timeline.article import make_article
from timeline.extract.dates import find_dates
from timeline.extract.pipeline import extract_article
from timeline.extract.places import find_places
from timeline.geo import haversine_km
from timeline.ingest import seed_paths

GOLD_FILES = sorted(Path(__file__).parent.glob("*.expected.json"))
_PREPOSITIONS = ("on ", "in ", "at ", "since ", "by ", "for ", "from ", "until ")


def _load(gold_path: Path) -> tuple[dict[str, Any], Any, pd.DataFrame, pd.DataFrame]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    seed = next(p for p in seed_paths() if p.name == gold["file"])
    article = make_article(seed.read_text(encoding="utf-8"), source=seed.name)
    events, mentions = extract_article(article)
    return gold, article, events, mentions


@pytest.fixture(scope="module", params=GOLD_FILES, ids=lambda p: p.name.split(".")[0])
def golden(
    request: pytest.FixtureRequest,
) -> tuple[dict[str, Any], Any, pd.DataFrame, pd.DataFrame]:
    return _load(request.param)


def _core(date_text: str) -> str:
    """The expression without a leading preposition: 'on Wednesday' and 'Wednesday' are one."""
    lowered = date_text.lower()
    for preposition in _PREPOSITIONS:
        if lowered.startswith(preposition):
            return lowered[len(preposition) :]
    return lowered


def test_document(golden: tuple[dict[str, Any], Any, pd.DataFrame, pd.DataFrame]) -> None:
    gold, article, _, _ = golden
    document = gold["document"]
    assert article.title == document["title"]
    assert article.published.isoformat() == document["published"]
    assert article.dateline_place == document["dateline_place"]
    assert article.agency == document["agency"]


def _matching_event(events: pd.DataFrame, item: dict[str, Any]) -> pd.Series:
    explicit = events[
        (events["date_source"] == "explicit")
        & events["sentence"].str.contains(item["quote"], regex=False)
    ]
    wanted = _core(item["date_text"])
    rows = [
        row
        for _, row in explicit.iterrows()
        if wanted in _core(row["date_text"]) or _core(row["date_text"]) in wanted
    ]
    assert rows, f"no explicit event for {item['date_text']!r} in a sentence with {item['quote']!r}"
    return rows[0]


def test_dated_events(golden: tuple[dict[str, Any], Any, pd.DataFrame, pd.DataFrame]) -> None:
    gold, _, events, _ = golden
    for item in gold["dated_events"]:
        row = _matching_event(events, item)
        assert row["precision"] == item["precision"], item["date_text"]
        start = str(row["start"])
        assert start.startswith(item["date"]), (item["date_text"], start)
        if item["precision"] == "year":
            assert str(row["end"]).startswith(str(int(item["date"]) + 1)), (
                "a year spans the whole year"
            )


def _names(cell: object) -> set[str]:
    """The names of a "; "-joined cell (empty for NA)."""
    return set(str(cell).split("; ")) if pd.notna(cell) else set()


def test_event_actors_and_places(
    golden: tuple[dict[str, Any], Any, pd.DataFrame, pd.DataFrame],
) -> None:
    gold, _, events, _ = golden
    for item in gold["dated_events"]:
        row = _matching_event(events, item)
        actors, countries, places = (_names(row[c]) for c in ("actors", "countries", "places"))
        assert set(item["actors"]) <= actors, (item["quote"], actors)
        assert set(item["countries"]) <= countries, (item["quote"], countries)
        for place in item["places"]:
            # Gold "Amur region" is the gazetteer's "Amur Oblast": compare the distinctive word.
            assert any(place.split()[0].lower() in p.lower() for p in places if p), (place, places)


def test_not_dates(golden: tuple[dict[str, Any], Any, pd.DataFrame, pd.DataFrame]) -> None:
    gold, article, events, _ = golden
    found = find_dates(article.text, published=article.published)
    explicit = events[events["date_source"] == "explicit"]
    for item in gold["not_dates"]:
        assert item["text"] not in set(explicit["date_text"]), (
            f"{item['text']!r} became an event date"
        )
        as_dates = found[(found["text"] == item["text"]) & (found["type"] != "DURATION")]
        assert as_dates.empty, f"{item['text']!r} found as a {list(as_dates['type'])}"


def test_places(golden: tuple[dict[str, Any], Any, pd.DataFrame, pd.DataFrame]) -> None:
    gold, article, _, _ = golden
    # Every place of the document, the dateline's included (it belongs to no event sentence).
    found = find_places(article.text)
    for place in gold["places"]:
        named = found[
            found["name"].str.lower().str.contains(place["name"].split()[0].lower(), regex=False)
        ]
        assert not named.empty, f"{place['name']} never mentioned"
        if "iso2" in place:
            assert place["iso2"] in set(named["country"]), place["name"]
            assert "country" in set(named["kind"]), place["name"]
        if "lat" in place:
            distances = [
                haversine_km(place["lat"], place["lon"], r.lat, r.lon)
                for r in named.itertuples()
                if pd.notna(r.lat)
            ]
            assert distances and min(distances) <= place["within_km"], (place["name"], distances)


def test_actors(golden: tuple[dict[str, Any], Any, pd.DataFrame, pd.DataFrame]) -> None:
    gold, article, _, mentions = golden
    people = mentions[mentions["kind"] == "person"]
    for actor in gold["actors"]:
        assert actor["name"] in set(people["name"]), actor["name"]
        for alias in actor["also_written"]:
            if not re.search(rf"\b{re.escape(alias)}\b", article.text.replace(actor["name"], "")):
                continue  # the gold lists "Peskov", but this text only writes "Dmitry Peskov"
            assert actor["name"] in set(people.loc[people["text"] == alias, "name"]), alias


def test_vostochny_from_both_spellings(
    golden: tuple[dict[str, Any], Any, pd.DataFrame, pd.DataFrame],
) -> None:
    _gold, article, _, mentions = golden
    if "Vostochny" not in article.text:
        pytest.skip("not the Vostochny seed")
    cosmodrome = mentions[mentions["name"].str.contains("Vostochny", na=False)]
    spellings = set(cosmodrome["text"])
    assert "Vostochny Сosmodrome" in spellings and "Vostochny Cosmodrome" in spellings, spellings
