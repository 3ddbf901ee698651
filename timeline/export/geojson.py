"""Events as GeoJSON (RFC 7946): a FeatureCollection of points, for QGIS, kepler.gl and the like.

One Point feature per event with a located primary place; its properties are the event's
columns (ISO dates, null for missing values) except ``lat`` and ``lon``, which are the geometry.
Coordinates are WGS 84 longitude, latitude, as the RFC orders them. Events without coordinates
cannot be drawn: they are left out and counted.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

import pandas as pd

from timeline.export.tables import events_to_records
from timeline.schema import Col

__all__ = ["GeoJSON", "events_to_geojson", "geojson_text"]


class GeoJSON(NamedTuple):
    """A FeatureCollection and how many events were left out for want of coordinates."""

    collection: dict[str, Any]
    left_out: int


def events_to_geojson(events: pd.DataFrame) -> GeoJSON:
    """The located events as an RFC 7946 FeatureCollection of Point features.

    >>> from timeline.schema import empty_events
    >>> events_to_geojson(empty_events())
    GeoJSON(collection={'type': 'FeatureCollection', 'features': []}, left_out=0)
    """
    located = events[Col.LAT].notna() & events[Col.LON].notna()
    features = [_feature(record) for record in events_to_records(events[located])]
    collection = {"type": "FeatureCollection", "features": features}
    return GeoJSON(collection, int((~located).sum()))


def _feature(record: dict[str, Any]) -> dict[str, Any]:
    """One event as a Point feature; its id is the event_id (left out when missing)."""
    point = {"type": "Point", "coordinates": [record.pop(Col.LON), record.pop(Col.LAT)]}
    feature: dict[str, Any] = {"type": "Feature", "geometry": point, "properties": record}
    if record.get(Col.EVENT_ID) is not None:
        feature["id"] = record[Col.EVENT_ID]
    return feature


def geojson_text(events: pd.DataFrame) -> tuple[str, int]:
    """The FeatureCollection as JSON text (no NaN: RFC 8259), and the count left out."""
    collection, left_out = events_to_geojson(events)
    return json.dumps(collection, ensure_ascii=False, allow_nan=False), left_out
