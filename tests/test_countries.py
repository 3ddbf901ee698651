"""ISO alpha-2 -> alpha-3 codes, checked against the shipped outlines and the gazetteer."""

from __future__ import annotations

import gzip
import json
from importlib import resources

from timeline.countries import ISO_ALPHA3, alpha3
from timeline.figures import topojson_dir
from timeline.geo import haversine_km


def test_every_outlined_country_has_a_code() -> None:
    topology = json.loads((topojson_dir() / "world_110m.json").read_text(encoding="utf-8"))
    ids = {g.get("id") for g in topology["objects"]["countries"]["geometries"]} - {None}
    assert len(ids) > 170
    assert ids <= set(ISO_ALPHA3.values())
    assert len(set(ISO_ALPHA3.values())) == len(ISO_ALPHA3)  # one alpha-3 per alpha-2


def test_gazetteer_countries_land_in_their_outline() -> None:
    """Each gazetteer country's point is near the centroid of the outline its code names: a
    swapped or mistyped code would put it on another continent."""
    topology = json.loads((topojson_dir() / "world_110m.json").read_text(encoding="utf-8"))
    centroids = {
        g["id"]: g["properties"]["ct"]
        for g in topology["objects"]["countries"]["geometries"]
        if g.get("id")
    }
    raw = resources.files("timeline.data").joinpath("gazetteer.tsv.gz").read_bytes()
    checked = 0
    for line in gzip.decompress(raw).decode("utf-8").split("\n"):
        fields = line.split("\t")
        if len(fields) < 6 or fields[2] != "country":
            continue
        code = alpha3(fields[5])
        assert code, f"no alpha-3 code for {fields[0]} ({fields[5]})"
        if code in centroids:
            lon, lat = centroids[code]
            assert haversine_km(float(fields[3]), float(fields[4]), lat, lon) < 1500, fields[0]
            checked += 1
    assert checked > 150


def test_alpha3_is_lenient_about_case_and_strict_about_codes() -> None:
    assert alpha3(" kp ") == "PRK"
    assert alpha3("XX") is None and alpha3(None) is None and alpha3(7) is None
