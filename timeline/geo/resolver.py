"""Per-document resolution: every name in a document gets one reading (``resolve``), and
the readings become a places frame (``geocode``)."""

from __future__ import annotations

from typing import Final

import pandas as pd

from timeline.geo.candidates import _Candidate, _candidates
from timeline.geo.context import _anchor, _choose, _following_cues, _Group, _preceding_cues
from timeline.geo.distance import haversine_km
from timeline.geo.gazetteer import Place
from timeline.geo.names import fold_homoglyphs, normalize_name
from timeline.schema import PLACE_DTYPES, coerce_frame

__all__ = ["geocode", "resolve"]

_SAME_PLACE_KM: Final = 30.0


def _city_for_region(chosen: _Candidate, candidates: list[_Candidate]) -> Place:
    """The reading to report. A first-level region centred on the city of the same name is
    that city ("Kyiv" is the capital, not the Kyiv City division; "Lagos", "Tunis"): the point
    hardly moves, the kind does, so the map draws a city, not an area. "New York" the state,
    230 km from the city, stays the state. Only the output changes, not the context votes."""
    if chosen.entry.cls != "adm1":
        return chosen.entry.place
    for candidate in candidates:
        place = candidate.entry.place
        if (
            place.kind == "city"
            and haversine_km(place.lat, place.lon, chosen.entry.place.lat, chosen.entry.place.lon)
            <= _SAME_PLACE_KM
        ):
            return place
    return chosen.entry.place


def resolve(
    text: str, spans: list[tuple[int, int]], *, hint_country: str | None = None
) -> list[Place | None]:
    """One reading per span, using the whole document as context.

    Args:
        text: the document.
        spans: (start, end) character offsets of place names in `text`.
        hint_country: ISO alpha-2 code of a country the document is about (its dateline).

    Returns:
        A Place (or None when the gazetteer has no candidate) for each span, in order. Every
        mention of the same name gets the same reading.

    >>> text = "Georgia's capital Tbilisi."
    >>> [p.country for p in resolve(text, [(0, 7), (18, 25)])]
    ['GE', 'GE']
    """
    folded = fold_homoglyphs(text)
    groups: dict[str, _Group] = {}
    span_keys: list[str | None] = []
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        surface = folded[start:end]
        key = normalize_name(surface) if end > start else ""
        if not key:
            span_keys.append(None)
            continue
        span_keys.append(key)
        group = groups.get(key)
        if group is None:
            group = _Group(key, surface, _candidates(surface), [], set(), set(), set())
            groups[key] = group
        group.positions.append((start, end))
        admin1, countries = _following_cues(folded, end)
        group.admin1_cues |= admin1
        top = group.candidates[0] if group.candidates else None
        if top is not None and top.entry.cls not in ("continent", "country"):
            # "China, Japan and Mexico" is a list, not "City, Country"; "Lebanon, Ind." is.
            group.country_cues |= countries
        group.contained_cues |= _preceding_cues(folded, start)
    for group in groups.values():
        group.anchor = _anchor(group)
    chosen = _choose(groups, hint_country)
    readings = {
        key: (None if c is None else _city_for_region(c, groups[key].candidates))
        for key, c in chosen.items()
    }
    return [None if key is None else readings[key] for key in span_keys]


def geocode(text: str, spans: list[tuple[int, int]]) -> pd.DataFrame:
    """Resolve `spans` of `text` into a places frame (``schema.PLACE_DTYPES``).

    One row per resolved span, in span order; spans with no gazetteer candidate, and spans
    outside `text` or empty, are left out.

    >>> df = geocode("Kim arrived in Vladivostok.", [(15, 26)])
    >>> df.loc[0, "name"], df.loc[0, "country"]
    ('Vladivostok', 'RU')
    """
    valid = [(start, end) for start, end in spans if 0 <= start < end <= len(text)]
    if not valid:
        return coerce_frame([], PLACE_DTYPES)
    hint = _dateline_country(text)
    rows: list[dict[str, object]] = []
    for (start, end), place in zip(valid, resolve(text, valid, hint_country=hint), strict=True):
        if place is None:
            continue
        rows.append(
            {
                "char_start": start,
                "char_end": end,
                "text": text[start:end],
                "name": place.name,
                "kind": place.kind,
                "lat": place.lat,
                "lon": place.lon,
                "country": place.country,
                "geonameid": place.geonameid,
            }
        )
    return coerce_frame(rows, PLACE_DTYPES)


def _dateline_country(text: str) -> str | None:
    """The country of a wire-service dateline at the top of `text`, if there is one."""
    try:
        from timeline.extract.dateline import find_dateline
    except ImportError:  # pragma: no cover - the dateline module ships with the package
        return None
    dateline = find_dateline(text)
    if dateline is None:
        return None
    for name in (dateline.region, dateline.place):
        if name:
            candidates = _candidates(name)
            if candidates:
                return candidates[0].entry.place.country
    return None
