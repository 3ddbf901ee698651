"""Where each article was reported from: its dateline city, geocoded, as a small frame.

A wire story's dateline (``VLADIVOSTOK, Russia, Sept 13 (Reuters) -``) names the city the
reporter filed from. It is metadata, not an event, so the extraction leaves it out of the events;
the map draws it as its own glyph ("dateline: where it was reported from").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

import pandas as pd

from timeline.article import Article
from timeline.schema import Col

__all__ = ["DATELINE_COLUMNS", "dateline_places", "empty_datelines"]

DATELINE_COLUMNS: Final[dict[str, str]] = {
    Col.DOC_ID: "string",
    Col.TITLE: "string",
    Col.PLACE: "string",  # as the dateline writes it, title-cased: "Vladivostok"
    "region": "string",  # the state or country after it: "Russia", "W.Va."
    Col.PLACE_KIND: "string",
    Col.LAT: "float64",
    Col.LON: "float64",
    Col.COUNTRY: "string",  # ISO alpha-2
}
# A dateline names the city filed from: a region of the same name ("NEW YORK") is read as its
# city when the gazetteer has one in the same country.
_CITY_KINDS: Final = ("city", "site")
_Found = tuple[str, float, float, str | None]  # place kind, lat, lon, country


def empty_datelines() -> pd.DataFrame:
    """A datelines frame with no rows."""
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in DATELINE_COLUMNS.items()})


def dateline_places(articles: Mapping[str, Article] | Iterable[Article]) -> pd.DataFrame:
    """One row per article whose dateline place the gazetteer knows: doc_id, title, place,
    region, place_kind, lat, lon, country.

    The place is resolved with its region as context ("Vladivostok, Russia"); articles without a
    dateline, or with one the gazetteer does not know, are left out.

    Args:
        articles: Articles, or a dict of them by doc_id (as the extraction returns them).

    >>> from timeline.article import Article
    >>> row = dateline_places([Article(text="x", doc_id="d1", dateline_place="Vladivostok",
    ...                                dateline_region="Russia")]).iloc[0]
    >>> row["place"], row["country"], round(row["lon"])
    ('Vladivostok', 'RU', 132)
    """
    values = articles.values() if isinstance(articles, Mapping) else articles
    places: dict[tuple[str, str], _Found | None] = {}  # a story has few dateline cities
    rows: list[dict[str, object]] = []
    for article in values:
        place = (article.dateline_place or "").strip()
        if not place:
            continue
        region = (article.dateline_region or "").strip()
        key = (place, region)
        if key not in places:
            places[key] = _resolve(place, region)
        found = places[key]
        if found is None:
            continue
        kind, lat, lon, country = found
        rows.append({
            Col.DOC_ID: article.doc_id, Col.TITLE: article.title, Col.PLACE: place,
            "region": region or None, Col.PLACE_KIND: kind, Col.LAT: lat, Col.LON: lon,
            Col.COUNTRY: country,
        })  # fmt: skip
    if not rows:
        return empty_datelines()
    frame = pd.DataFrame.from_records(rows)
    return frame.astype(DATELINE_COLUMNS)


def _resolve(place: str, region: str) -> _Found | None:
    """The gazetteer's reading of a dateline place, its region as context, or None."""
    from timeline.geo import lookup, resolve  # the gazetteer loads lazily, on first use

    text = f"{place}, {region}" if region else place
    (best,) = resolve(text, [(0, len(place))])
    if best is None:
        return None
    kind, lat, lon, country = best.kind, best.lat, best.lon, best.country
    if kind not in _CITY_KINDS:
        city = next(
            (c for c in lookup(place) if c.kind in _CITY_KINDS and c.country == country), None
        )
        if city is not None:
            kind, lat, lon = city.kind, city.lat, city.lon
    return kind, lat, lon, country
