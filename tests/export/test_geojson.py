"""GeoJSON: checked against RFC 7946's structure (and a JSON Schema of it when jsonschema is
installed), points in longitude, latitude order, unlocated events counted."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from event_strategies import events_frames
from hypothesis import given, settings

from timeline.export.geojson import events_to_geojson, geojson_text
from timeline.schema import EVENT_DTYPES

# RFC 7946 sections 3.1.2 (Point), 3.2 (Feature), 3.3 (FeatureCollection)
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "features"],
    "not": {"required": ["crs"]},  # removed from the format by RFC 7946 (section 4)
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number"]},
                    "properties": {"type": ["object", "null"]},
                    "geometry": {
                        "type": "object",
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {"const": "Point"},
                            "coordinates": {
                                "type": "array",
                                "minItems": 2,
                                "maxItems": 3,
                                "prefixItems": [
                                    {"type": "number", "minimum": -180, "maximum": 180},
                                    {"type": "number", "minimum": -90, "maximum": 90},
                                ],
                            },
                        },
                    },
                },
            },
        },
    },
}


def check_feature_collection(document: dict[str, Any]) -> None:
    """RFC 7946's rules for a FeatureCollection of Points, written out."""
    assert document["type"] == "FeatureCollection" and "crs" not in document
    assert isinstance(document["features"], list)
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        assert "id" not in feature or isinstance(feature["id"], str | int | float)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert isinstance(lon, float | int) and -180 <= lon <= 180
        assert isinstance(lat, float | int) and -90 <= lat <= 90


def test_sample_is_valid_geojson(sample: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    events = sample[0]
    text, left_out = geojson_text(events)
    document = json.loads(text)
    check_feature_collection(document)
    located = events[events["lat"].notna()]
    assert left_out == len(events) - len(located) > 0
    by_id = {f["id"]: f for f in document["features"]}
    assert set(by_id) == set(located["event_id"])
    row = located.iloc[0]
    feature = by_id[row["event_id"]]
    assert feature["geometry"]["coordinates"] == [row["lon"], row["lat"]]  # lon first
    props = feature["properties"]
    assert set(props) == set(EVENT_DTYPES) - {"lat", "lon"}
    assert props["sentence"] == row["sentence"] and props["start"] == "2023-09-13"


@settings(max_examples=60, deadline=None)
@given(events=events_frames)
def test_every_frame_gives_valid_geojson(events: pd.DataFrame) -> None:
    text, left_out = geojson_text(events)
    document = json.loads(text)  # strict JSON: no NaN
    check_feature_collection(document)
    assert len(document["features"]) + left_out == len(events)
    try:
        import jsonschema
    except ImportError:
        return
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_schema_rejects_what_the_rfc_rejects() -> None:
    """The schema above is not vacuous: latitude-first points and a crs member fail it."""
    import pytest

    jsonschema = pytest.importorskip("jsonschema")
    bad_point = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                 "geometry": {"type": "Point", "coordinates": [30.5, 150.0]}}]}  # fmt: skip
    for document in (bad_point, {"type": "FeatureCollection", "features": [], "crs": {}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_unlocated_events_are_counted(awkward: pd.DataFrame) -> None:
    collection, left_out = events_to_geojson(awkward)
    assert [f["id"] for f in collection["features"]] == ["e-hostile", "e-ides"]
    assert left_out == 2
    assert collection["features"][1]["properties"]["start"] == "-000044-03-15"
