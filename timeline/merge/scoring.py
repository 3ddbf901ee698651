"""How alike two events are: date and place compatibility, wording and names.

The score of a pair is ``wording + ENTITY_WEIGHT * names + DATE_WEIGHT * date + PLACE_WEIGHT *
place`` (NaN when the dates or the places forbid the merge, or the wording is below
`MIN_WORDING`). A missing date or place adds nothing: undated or placeless events need
stronger wording and names.
"""

from __future__ import annotations

from typing import Final

import numpy as np

from timeline.merge.features import Features, Floats, Ints, Places

__all__ = [
    "DATE_WEIGHT",
    "ENTITY_WEIGHT",
    "MIN_WORDING",
    "PLACE_WEIGHT",
    "pair_scores",
    "place_relations",
]

ENTITY_WEIGHT: Final = 0.5
DATE_WEIGHT: Final = 0.2
PLACE_WEIGHT: Final = 0.1
MIN_WORDING: Final = 0.15  # a shared day and place alone never merge two sentences
# date evidence by the width in days of the wider interval: a shared day says much, a year little
_WIDTH_SCORES: Final = ((1, 1.0), (8, 0.6), (31, 0.4), (92, 0.25), (366, 0.1))
_NEAR_KM: Final = 50.0  # a city and its suburbs (Los Angeles, Malibu)
_SAME, _NEAR, _IN_COUNTRY, _IN_REGION, _UNKNOWN = 1.0, 0.8, 0.5, 0.3, 0.0
_WIDE_KINDS: Final = ("country", "continent")
_REGION_KINDS: Final = ("region", "area", "water")
_EARTH_KM: Final = 6371.0088


def pair_scores(features: Features, a: Ints, b: Ints) -> Floats:
    """The merge score of each pair (a[i], b[i]); NaN where the merge is not allowed."""
    date = _date_scores(features, a, b)
    place = _place_scores(features, a, b)
    possible = ~np.isnan(date) & ~np.isnan(place)
    scores = np.full(len(a), np.nan)
    a, b = a[possible], b[possible]
    if len(a):
        wording = features.words.dot(a, b)
        total = (
            wording
            + ENTITY_WEIGHT * features.names.dot(a, b)
            + DATE_WEIGHT * date[possible]
            + PLACE_WEIGHT * place[possible]
        )
        scores[possible] = np.where(wording >= MIN_WORDING, total, np.nan)
    return scores


def _date_scores(features: Features, a: Ints, b: Ints) -> Floats:
    """Date evidence of each pair: NaN when incompatible, 0 when a date is missing.

    Two dates are compatible when one interval holds the other (the same day included); a
    publication window only needs to overlap the other date."""
    low_a, high_a = features.low[a], features.high[a]
    low_b, high_b = features.low[b], features.high[b]
    nested = ((low_a <= low_b) & (high_b <= high_a)) | ((low_b <= low_a) & (high_a <= high_b))
    overlap = np.minimum(high_a, high_b) > np.maximum(low_a, low_b)
    compatible = np.where(features.loose[a] | features.loose[b], overlap, nested)
    width = np.maximum(high_a - low_a, high_b - low_b)
    score = np.zeros(len(a))
    for days, value in reversed(_WIDTH_SCORES):
        score = np.where(width <= days, value, score)
    score *= np.minimum(features.weight[a], features.weight[b])
    both = features.dated[a] & features.dated[b]
    return np.where(~both, 0.0, np.where(compatible, score, np.nan))


def _place_scores(features: Features, a: Ints, b: Ints) -> Floats:
    """Place evidence of each pair: NaN when the places cannot be one, 0 when one is missing;
    a sentence that names the other's place anywhere is compatible with it."""
    score = place_relations(features.places, features.place[a], features.place[b])
    shared = features.sites.dot(a, b) > 0
    return np.where(shared, np.fmax(score, _NEAR), score)


def place_relations(places: Places, pa: Ints, pb: Ints) -> Floats:
    """How primary places relate (indices into `places`, -1 for none): a score, NaN when
    they cannot be one place.

    Only two distinct places of known countries forbid a merge: in different countries, or
    more than `_NEAR_KM` apart in one country with neither a region. A country as primary
    place is often an actor ("Russia said"), not where it happened: it supports a merge with
    a place inside it and never forbids one. A region is taken to hold any place of its
    country (the frame has no admin codes, and a centroid says little about a large region).
    One folded name is one place, whatever the coordinates (one article may have resolved it
    wrongly).
    """
    known = (pa >= 0) & (pb >= 0)
    pa, pb = np.where(known, pa, 0), np.where(known, pb, 0)
    if not len(places.name):
        return np.zeros(len(pa))
    kind_a, kind_b = places.kind[pa], places.kind[pb]
    country_a, country_b = places.country[pa], places.country[pb]
    wide_a, wide_b = np.isin(kind_a, _WIDE_KINDS), np.isin(kind_b, _WIDE_KINDS)
    inside = ((kind_a == "country") & (country_a >= 0) & (country_b == country_a)) | (
        (kind_b == "country") & (country_b >= 0) & (country_a == country_b)
    )
    regional = np.isin(kind_a, _REGION_KINDS) | np.isin(kind_b, _REGION_KINDS)
    km = _distance_km(places.lat[pa], places.lon[pa], places.lat[pb], places.lon[pb])
    relations: Floats = np.select(
        [
            ~known,
            places.name[pa] == places.name[pb],
            (wide_a | wide_b) & inside,
            wide_a | wide_b,
            (country_a < 0) | (country_b < 0),
            country_a != country_b,
            km <= _NEAR_KM,
            regional,
        ],
        [_UNKNOWN, _SAME, _IN_COUNTRY, _UNKNOWN, _UNKNOWN, np.nan, _NEAR, _IN_REGION],
        default=np.nan,
    )
    return relations


def _distance_km(lat1: Floats, lon1: Floats, lat2: Floats, lon2: Floats) -> Floats:
    """Great-circle distances (the vector form of ``timeline.geo.haversine_km``)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    distances: Floats = 2 * _EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return distances
