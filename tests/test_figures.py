"""Figures: asserted on fig.data / fig.layout, never on pixels."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from timeline.export.charts import figure_html
from timeline.figures import (
    AGGREGATE_ABOVE,
    WEBGL_ABOVE,
    lane_values,
    map_figure,
    place_table,
    timeline_figure,
    topojson_dir,
)
from timeline.schema import empty_events

sys.path.insert(0, str(Path(__file__).resolve().parent))  # --import-mode=importlib: find the sample
from timeline_sample import sample_frames, synthetic_events

MS = 1000.0


def _ms(day: str) -> float:
    return pd.Timestamp(day).value / 1e6


@pytest.fixture
def events() -> pd.DataFrame:
    return sample_frames()[0]


@pytest.fixture
def mentions() -> pd.DataFrame:
    return sample_frames()[1]


def _ids(fig: object) -> set[str]:
    return {
        str(row[0])
        for trace in fig.data  # type: ignore[attr-defined]
        if trace.meta.get("kind") != "selected"
        for row in trace.customdata
    }


def test_precision_is_drawn_honestly(events: pd.DataFrame) -> None:
    fig = timeline_figure(events)
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == 1
    bar = bars[0]
    spans = {
        (base, base + width)
        for base, width, row in zip(bar.base, bar.x, bar.customdata, strict=True)
        if row[0] == "ev-1948"
    }
    assert spans == {(_ms("1948-01-01"), _ms("1949-01-01"))}
    points = [t for t in fig.data if t.type == "scatter" and t.meta["kind"] == "point"]
    days = {row[0]: x for t in points for row, x in zip(t.customdata, t.x, strict=True)}
    assert days["ev-tuesday"] == _ms("2023-09-12")
    assert days["ev-wednesday"] == _ms("2023-09-13")
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.xaxis.rangeslider.visible
    assert fig.layout.xaxis.rangeselector.buttons


def test_explicit_and_carried_over_dates_look_different(events: pd.DataFrame) -> None:
    fig = timeline_figure(events)
    by_source = {t.meta["date_source"]: t for t in fig.data if t.meta["kind"] == "point"}
    assert by_source["explicit"].marker.symbol != by_source["context"].marker.symbol
    assert "ev-showed" in {row[0] for row in by_source["context"].customdata}


def test_hover_shows_date_as_written_resolved_and_sentence(events: pd.DataFrame) -> None:
    fig = timeline_figure(events)
    bar = next(t for t in fig.data if t.type == "bar")
    row = next(r for r in bar.customdata if r[0] == "ev-1948")
    assert row[1] == "in 1948"
    assert row[2] == "1948-01-01 to 1948-12-31 (year)"
    assert "75 years" in row[3] and "<br>" in row[3]
    assert "customdata[1]" in bar.hovertemplate and "customdata[3]" in bar.hovertemplate


@pytest.mark.parametrize(
    ("lane", "expected"),
    [
        ("actor", {"Vladimir Putin", "Kim Jong Un"}),
        ("country", {"Russia", "North Korea"}),
        ("article", {"Putin Says Russia to Help North Korea Build Satellites"}),
    ],
)
def test_lanes(events: pd.DataFrame, lane: str, expected: set[str]) -> None:
    fig = timeline_figure(events, lane=lane)
    assert set(fig.layout.yaxis.categoryarray) == expected
    # an event with two actors sits in both lanes
    lanes = lane_values(events, lane)
    assert lanes.index.value_counts()[3] == len(expected) if lane == "actor" else True


def test_unknown_lane_is_refused(events: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="actor, country, article"):
        timeline_figure(events, lane="colour")


def test_selected_event_is_ringed(events: pd.DataFrame) -> None:
    fig = timeline_figure(events, selected="ev-tuesday")
    ring = [t for t in fig.data if t.meta["kind"] == "selected"]
    assert ring and list(ring[0].x) == [_ms("2023-09-12")]
    map_fig = map_figure(events, selected="ev-tuesday")
    assert [t.customdata[0][0] for t in map_fig.data if t.meta["kind"] == "selected"] == ["Russia"]


def test_empty_frames_give_a_helpful_message() -> None:
    for fig in (timeline_figure(empty_events()), map_figure(empty_events())):
        assert not fig.data
        assert "add an article" in fig.layout.annotations[0].text


def test_map_markers_sized_by_count_and_approximate_places_distinct(
    events: pd.DataFrame, mentions: pd.DataFrame
) -> None:
    fig = map_figure(events, mentions=mentions)
    traces = {t.meta["kind"]: t for t in fig.data}
    precise, approximate = traces["precise"], traces["approximate"]
    assert precise.type == "scattergeo"
    at = {row[0]: (lat, lon) for row, lat, lon in zip(precise.customdata, precise.lat, precise.lon,
                                                        strict=True)}  # fmt: skip
    assert at["Vostochny Cosmodrome"] == pytest.approx((51.884, 128.334))
    assert {row[0] for row in approximate.customdata} == {"Russia", "Amur region"}
    assert approximate.marker.color.startswith("rgba") and approximate.marker.line.width
    sizes = dict(zip([r[0] for r in precise.customdata], precise.marker.size, strict=True))
    assert sizes["Vostochny Cosmodrome"] > sizes["Vladivostok"]  # 2 events vs 1
    assert fig.layout.geo.resolution == 110


def test_place_table_counts_events(events: pd.DataFrame, mentions: pd.DataFrame) -> None:
    table = place_table(events, mentions).set_index("place")
    assert table.loc["Vostochny Cosmodrome", "events"] == 2
    assert table.loc["Vladivostok", "events"] == 1
    assert place_table(events).set_index("place").loc["Russia", "place_kind"] == "country"


def test_large_frames_switch_to_webgl() -> None:
    fig = timeline_figure(synthetic_events(WEBGL_ABOVE + 1))
    assert {t.type for t in fig.data} == {"scattergl"}
    spans = [t for t in fig.data if t.meta["kind"] == "span"]  # months as line segments
    assert spans and np.isnan(spans[0].x[2]) and spans[0].x[1] - spans[0].x[0] >= 28 * 86_400_000
    assert not fig.layout.xaxis.rangeslider.visible
    assert isinstance(fig.data[0].x[0], float)  # dates as float milliseconds


def test_huge_frames_are_aggregated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("timeline.figures.AGGREGATE_ABOVE", 50)
    events = synthetic_events(200)
    fig = timeline_figure(events)
    assert [t.meta["kind"] for t in fig.data] == ["aggregate"]
    two_lanes = int(events["actors"].eq("B; C").sum())  # such an event counts in both lanes
    assert sum(int(row[1]) for row in fig.data[0].customdata) == 200 + two_lanes
    assert AGGREGATE_ABOVE > WEBGL_ABOVE


def test_standalone_html_needs_no_network(events: pd.DataFrame) -> None:
    page = figure_html(map_figure(events))
    assets = page.index("window.PlotlyGeoAssets=")
    assert assets < page.index('<script type="text/javascript">')  # outline before plotly.js
    assert '"world_110m":{"type":"Topology"' in page
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", page)
    assert "cdn.plot.ly" not in page.split('<script type="text/javascript">')[0]
    timeline_page = figure_html(timeline_figure(events))
    assert 'PlotlyGeoAssets={"topojson":{}}' in timeline_page


def _decode(topology: dict, ring: list[int]) -> list[tuple[float, float]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = topology["arcs"][~index if index < 0 else index]
        x = y = 0
        decoded = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            decoded.append((x * sx + tx, y * sy + ty))
        decoded = decoded[::-1] if index < 0 else decoded
        points.extend(decoded if not points else decoded[1:])
    return points


def _inside(ring: list[tuple[float, float]], x: float, y: float) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[-1:] + ring[:-1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            hit = not hit
    return hit


@pytest.mark.parametrize("name", ["world_110m", "world_50m"])
def test_shipped_outlines_draw_crimea_in_ukraine(name: str) -> None:
    topology = json.loads((topojson_dir() / f"{name}.json").read_text())
    countries = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}

    def holds(code: str, lon: float, lat: float) -> bool:
        geometry = countries[code]
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        return any(p and _inside(_decode(topology, p[0]), lon, lat) for p in polygons)

    simferopol, sevastopol, kyiv, moscow = (
        (34.10, 44.95),
        (33.52, 44.62),
        (30.52, 50.45),
        (37.62, 55.75),
    )
    assert holds("UKR", *simferopol) and holds("UKR", *kyiv)
    assert not holds("RUS", *simferopol) and not holds("RUS", *sevastopol)
    assert holds("RUS", *moscow)
    # the isthmus is no longer a border: no arc is shared by Ukraine's mainland and Crimea twice
    ukraine = countries["UKR"]
    rings = ukraine["arcs"] if ukraine["type"] == "Polygon" else [p[0] for p in ukraine["arcs"]]
    arcs = [
        a if a >= 0 else ~a
        for ring in rings
        for a in (ring if isinstance(ring[0], int) else ring[0])
    ]
    assert len(arcs) == len(set(arcs))
