"""What the map draws, as frames: one row per place, per dateline place, and which countries
are areas.

Pure functions of the events, mentions and datelines frames; no plotly import.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from timeline.countries import alpha3
from timeline.schema import Col

__all__ = ["country_areas", "dateline_table", "place_table"]


def place_table(events: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per place with coordinates: place, place_kind, lat, lon, country (ISO alpha-2),
    events (count), event_ids.

    From the mentions table when given (every place an event mentions), else from the events'
    primary place.
    """
    columns = [Col.PLACE, Col.PLACE_KIND, Col.LAT, Col.LON, Col.COUNTRY, Col.EVENT_ID]
    if mentions is not None and not mentions.empty:
        ids = set(events[Col.EVENT_ID].dropna())
        rows = mentions[
            mentions[Col.EVENT_ID].isin(ids)
            & mentions[Col.KIND].isin(("place", "country"))
            & mentions[Col.LAT].notna()
        ]
        rows = rows.assign(
            place_kind=rows[Col.PLACE_KIND].fillna(
                rows[Col.KIND].where(rows[Col.KIND] == "country")
            )
        ).rename(columns={Col.NAME: Col.PLACE})[columns]
    else:
        rows = events.loc[events[Col.LAT].notna() & events[Col.LON].notna(), columns]
    if rows.empty:
        return pd.DataFrame(columns=[*columns[:5], "events", "event_ids"])
    rows = rows.assign(place_kind=rows[Col.PLACE_KIND].fillna("place"))
    grouped = rows.groupby([Col.PLACE, Col.PLACE_KIND], sort=True, dropna=False)
    table = grouped.agg(
        lat=(Col.LAT, "first"),
        lon=(Col.LON, "first"),
        country=(Col.COUNTRY, "first"),
        events=(Col.EVENT_ID, "nunique"),
        event_ids=(Col.EVENT_ID, lambda ids: list(dict.fromkeys(ids))),
    ).reset_index()
    return table.sort_values("events", ascending=False, kind="stable").reset_index(drop=True)


def dateline_table(datelines: pd.DataFrame | None, events: pd.DataFrame) -> pd.DataFrame:
    """One row per dateline place of the articles in `events`: place, lat, lon, articles
    (count), titles (for the hover)."""
    columns = [Col.PLACE, Col.LAT, Col.LON, "articles", "titles"]
    if datelines is None or datelines.empty:
        return pd.DataFrame(columns=columns)
    # plain objects, not Arrow strings: pandas hashes those in C (100,000 articles: 0.3 s less)
    docs = events[Col.DOC_ID].dropna().astype(str).astype(object).unique()
    dated = datelines[Col.DOC_ID].astype(str).astype(object)
    rows = datelines[dated.isin(docs) & datelines[Col.LAT].notna()]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    title = rows[Col.TITLE].astype(object).where(rows[Col.TITLE].notna(), rows[Col.DOC_ID])
    rows = rows.assign(_title=title.astype(str))
    keys = [Col.PLACE, Col.LAT, Col.LON]
    # each place's distinct titles, in the order of the articles
    titles = rows.drop_duplicates([*keys, "_title"]).groupby(keys, sort=True)["_title"].agg(list)
    table = pd.DataFrame(
        {"articles": rows.groupby(keys, sort=True)[Col.DOC_ID].nunique(), "titles": titles}
    )
    return table.reset_index().sort_values("articles", ascending=False, kind="stable")


def country_areas(places: pd.DataFrame, drawn: Collection[str]) -> np.ndarray:
    """For each row of a :func:`place_table`, the ISO alpha-3 code of the country it names when
    the world outline draws that country (`drawn`), else "" (a place, or a country too small
    for the outline: a marker).

    >>> table = pd.DataFrame({"place_kind": ["country", "city", "country"],
    ...                       "country": ["KP", "RU", "SG"]})
    >>> country_areas(table, {"PRK", "RUS"}).tolist()
    ['PRK', '', '']
    """
    codes = [
        (alpha3(code) or "") if kind == "country" else ""
        for code, kind in zip(places[Col.COUNTRY], places[Col.PLACE_KIND], strict=True)
    ]
    return np.array([code if code in drawn else "" for code in codes], dtype=object)
