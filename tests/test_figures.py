"""Figures: asserted on fig.data / fig.layout, never on pixels."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from timeline.datelines import dateline_places
from timeline.export.charts import figure_html
from timeline.figures import (
    AGGREGATE_ABOVE,
    LANE_LABEL_CHARS,
    MAP_HEIGHT,
    SLIDER_UP_TO,
    WEBGL_ABOVE,
    focus_window,
    lane_values,
    map_figure,
    place_table,
    timeline_figure,
    topojson_dir,
)
from timeline.mapdata import dateline_table
from timeline.mapframe import MAP_ASPECT, Frame, label_box
from timeline.maps import DATELINE_STARS
from timeline.schema import Col, empty_events
from timeline.text import plain_label

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
    assert fig.layout.updatemenus[
        0
    ].buttons  # range buttons from the data (see test_range_buttons...)


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
    ("lane", "expected", "axis"),
    [
        ("actor", {"Vladimir Putin", "Kim Jong Un"}, {"Vladimir Putin", "Kim Jong Un"}),
        ("country", {"Russia", "North Korea"}, {"Russia", "North Korea"}),
        (
            "article",
            {"Putin Says Russia to Help North Korea Build Satellites"},
            {"Putin Says Russia to<br>Help North Korea…"},
        ),
    ],
)
def test_lanes(events: pd.DataFrame, lane: str, expected: set[str], axis: set[str]) -> None:
    fig = timeline_figure(events, lane=lane)
    # lanes are rows of a numeric axis (so that same-day events can stack within a lane); the
    # axis shows long names (headlines) on two short lines, cut, and the hover in full
    assert set(fig.layout.meta["lanes"]) == expected
    assert set(fig.layout.yaxis.ticktext) == axis
    shown = fig.layout.yaxis.ticktext
    assert all(len(line) <= LANE_LABEL_CHARS for t in shown for line in t.split("<br>"))
    assert list(fig.layout.yaxis.tickvals) == list(range(len(expected)))
    assert {text for t in fig.data if t.hovertext is not None for text in t.hovertext} == expected
    # an event with two actors sits in both lanes
    lanes = lane_values(events, lane)
    assert lanes.index.value_counts()[3] == len(expected) if lane == "actor" else True


def test_lanes_named_on_two_lines_are_taller(events: pd.DataFrame) -> None:
    def article_lanes(title: str) -> go.Figure:
        titles = [f"{title} {i}" for i in range(len(events))]
        return timeline_figure(events.assign(title=titles), lane="article")

    short, long = article_lanes("Summit"), article_lanes("Putin and Kim meet at a spaceport in")
    assert len(short.layout.meta["lanes"]) == len(long.layout.meta["lanes"]) >= 5
    assert not any("<br>" in t for t in short.layout.yaxis.ticktext)
    assert all("<br>" in t for t in long.layout.yaxis.ticktext)
    assert long.layout.height > short.layout.height


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
    precise, approximate, countries = traces["precise"], traces["approximate"], traces["country"]
    assert precise.type == "scattergeo"
    at = {row[0]: (lat, lon) for row, lat, lon in zip(precise.customdata, precise.lat, precise.lon,
                                                        strict=True)}  # fmt: skip
    assert at["Vostochny Cosmodrome"] == pytest.approx((51.884, 128.334))
    # a country is its shaded area (ISO-3 outline), a region a hollow circle
    assert {row[0] for row in approximate.customdata} == {"Amur region"}
    assert countries.type == "choropleth" and list(countries.locations) == ["RUS"]
    assert [row[0] for row in countries.customdata] == ["Russia"]
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


def test_the_overview_strip_gives_way_to_the_all_button_past_slider_up_to() -> None:
    # the strip draws every trace a second time: past SLIDER_UP_TO events, the "all" button
    small, large = (timeline_figure(synthetic_events(n)) for n in (SLIDER_UP_TO, SLIDER_UP_TO + 1))
    assert small.layout.xaxis.rangeslider.visible
    assert not large.layout.xaxis.rangeslider.visible
    assert {t.type for t in large.data} <= {"scatter", "bar"}  # still SVG, one mark per event
    assert _buttons(large)["all"] == {"xaxis.autorange": True}


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


# -- issue 10: a readable timeline, a framed map; issue 8: user text is text ---------------------


@pytest.fixture(scope="module")
def seed() -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """The seed article as the extraction pipeline gives it (events, mentions, articles)."""
    from timeline.extract.pipeline import extract_corpus
    from timeline.ingest import read_article

    corpus = extract_corpus([read_article(ROOT / "seeds" / SEED_NAME)])
    return corpus.events, corpus.mentions, corpus.articles


ROOT = Path(__file__).resolve().parent.parent
SEED_NAME = "reuters-2023-09-13-putin-kim-vostochny.txt"


def _range(fig: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    low, high = fig.layout.xaxis.range  # type: ignore[attr-defined]
    return pd.Timestamp(low), pd.Timestamp(high)


def _buttons(fig: object) -> dict[str, dict]:
    menu = fig.layout.updatemenus[0]  # type: ignore[attr-defined]
    return {button.label: button.args[0] for button in menu.buttons}


def test_timeline_opens_on_september_2023_with_1948_reachable(seed: tuple) -> None:
    events = seed[0]
    assert events[Col.START].min() == pd.Timestamp("1948-01-01")  # the outlier is there
    fig = timeline_figure(events)
    low, high = _range(fig)
    assert pd.Timestamp("2023-09-01") <= low < pd.Timestamp("2023-09-12")
    assert pd.Timestamp("2023-09-14") <= high <= pd.Timestamp("2023-10-01")
    assert (low, high) == focus_window(events)
    # 1948 is drawn, reachable by the overview strip and the "all" button
    assert fig.layout.xaxis.rangeslider.visible and fig.layout.xaxis.rangeslider.autorange
    assert _buttons(fig)["all"] == {"xaxis.autorange": True}
    bars = [t for t in fig.data if t.type == "bar"]
    assert {row[0] for t in bars for row in t.customdata} == set(
        events.loc[events[Col.PRECISION] == "year", Col.EVENT_ID]
    )


def test_a_single_event_gets_a_day_or_more() -> None:
    events = sample_frames()[0].iloc[[2]]  # Tuesday, 2023-09-12
    fig = timeline_figure(events)
    low, high = _range(fig)
    assert high - low >= pd.Timedelta(days=1)
    assert low < pd.Timestamp("2023-09-12") and pd.Timestamp("2023-09-13") < high
    # readable ticks at every zoom: hours, days, months, years; nothing below a millisecond
    stops = fig.layout.xaxis.tickformatstops
    assert [stop.value for stop in stops][-1] == "%Y" and len(stops) >= 5
    assert stops[0].dtickrange[1] == 1000  # the finest format starts at a tick per second


def test_range_buttons_stay_within_the_events(seed: tuple) -> None:
    events = seed[0]
    first, last = events[Col.START].min(), events[Col.END].max()
    buttons = _buttons(timeline_figure(events))
    assert next(iter(buttons)) == "focus" and list(buttons)[-1] == "all"
    assert {"week", "month", "year"} <= set(buttons)
    for label, args in buttons.items():
        if label == "all":
            continue
        low, high = (pd.Timestamp(v) for v in args["xaxis.range"])
        # within the events' extent (half a day of margin), never an empty future window
        assert first - pd.Timedelta(days=1) <= low < high <= last + pd.Timedelta(days=1), label
        inside = events[(events[Col.START] < high) & (events[Col.END] > low)]
        assert len(inside), f"{label} shows no event"
    widths = [pd.Timestamp(a["xaxis.range"][1]) - pd.Timestamp(a["xaxis.range"][0])
              for a in buttons.values() if "xaxis.range" in a]  # fmt: skip
    assert widths == sorted(widths)


def test_an_explicit_window_overrides_the_focus_and_the_zoom_survives(seed: tuple) -> None:
    events = seed[0]
    fig = timeline_figure(events, window=("1947-06-01", "1950-01-01"))
    assert _range(fig) == (pd.Timestamp("1947-06-01"), pd.Timestamp("1950-01-01"))
    selected = timeline_figure(events, selected=events[Col.EVENT_ID].iloc[0])
    # a selection redraws the figure with the same uirevision: plotly keeps the user's zoom
    assert selected.layout.uirevision == timeline_figure(events).layout.uirevision == "actor"
    # a window narrower than a day is widened to one; a broken one is ignored
    narrow = timeline_figure(events, window=("2023-09-13 10:00", "2023-09-13 10:00:00.5"))
    assert _range(narrow)[1] - _range(narrow)[0] >= pd.Timedelta(days=1)
    assert _range(timeline_figure(events, window=("nonsense", None))) == focus_window(events)


def _event_positions(fig: object) -> pd.DataFrame:
    rows = [
        {"event_id": row[0], "x": x, "y": y, "lane": text}
        for t in fig.data  # type: ignore[attr-defined]
        if t.meta.get("kind") == "point"
        for row, x, y, text in zip(t.customdata, t.x, t.y, t.hovertext, strict=True)
    ]
    return pd.DataFrame(rows)


def test_same_day_events_in_a_lane_are_stacked_and_counted(seed: tuple) -> None:
    fig = timeline_figure(seed[0])
    points = _event_positions(fig)
    same_day = points.groupby(["lane", "x"])
    assert same_day.size().max() > 3  # the seed has many events on 13 September 2023
    for (lane, _), group in same_day:
        assert group["y"].is_unique, f"stacked events overlap in {lane}"
        assert (group["y"] - group["y"].round()).abs().max() < 0.5  # within the lane
        assert group["y"].round().nunique() == 1
    counts = [t for t in fig.data if t.meta.get("kind") == "count"]
    assert counts
    shown = {(int(y), int(text)) for t in counts for y, text in zip(t.y, t.text, strict=True)}
    deep = same_day.size()[same_day.size() > 3]
    lanes = fig.layout.meta["lanes"]
    assert shown == {(lanes.index(lane), n) for (lane, _), n in deep.items()}
    # the same frame gives the same figure
    assert _event_positions(timeline_figure(seed[0])).equals(points)


def test_one_legend_entry_per_meaning(seed: tuple) -> None:
    fig = timeline_figure(seed[0], selected=seed[0][Col.EVENT_ID].iloc[0])
    shown = [t for t in fig.data if t.showlegend is not False]
    assert all(t.meta["kind"] == "legend" for t in shown)  # event traces stay out of the key
    names = [t.name for t in shown]
    assert len(names) == len(set(names))
    text = " | ".join(names)
    for meaning in ("exact day", "longer period", "written in the sentence", "publication date",
                    "selected", "events on one day"):  # fmt: skip
        assert meaning in text, meaning
    assert "carried over" not in text  # the seed has no such date: no entry for an absent glyph
    assert fig.layout.legend.itemclick is False


def test_webgl_frames_keep_a_legend_and_no_overview_strip() -> None:
    fig = timeline_figure(synthetic_events(WEBGL_ABOVE + 1))
    assert not fig.layout.xaxis.rangeslider.visible
    assert _buttons(fig)["all"] == {"xaxis.autorange": True}
    assert {t.name for t in fig.data if t.meta.get("kind") == "legend"} >= {
        "exact day: a point",
        "solid: written in the sentence",
    }


def _markers(fig: object) -> list[tuple[str, float, float]]:
    # a dateline star's customdata[0] is empty (a click on it filters nothing): its hover names it
    return [
        (name, lat, lon)
        for t in fig.data  # type: ignore[attr-defined]
        if t.type == "scattergeo" and t.meta["kind"] in ("precise", "approximate", "dateline")
        for name, lat, lon in zip(
            t.hovertext if t.meta["kind"] == "dateline" else [r[0] for r in t.customdata],
            t.lat,
            t.lon,
            strict=True,
        )
    ]


def _frame(fig: object) -> Frame:
    geo = fig.layout.geo  # type: ignore[attr-defined]
    return Frame(*geo.lonaxis.range, *geo.lataxis.range)


def test_the_map_frames_north_east_asia_for_the_sample(seed: tuple) -> None:
    events, mentions, articles = seed
    fig = map_figure(events, mentions=mentions, datelines=dateline_places(articles))
    frame = _frame(fig)
    markers = _markers(fig)
    assert {"Vostochny Cosmodrome", "Amur Oblast", "Vladivostok"} <= {m[0] for m in markers}
    for name, lat, lon in markers:
        assert frame.contains(lat, lon), name
    assert 110 <= frame.center_lon <= 150 and 35 <= frame.center_lat <= 60
    # one mention of the United States does not pull the frame across the Pacific
    areas = next(t for t in fig.data if t.meta["kind"] == "country")
    assert "USA" in areas.locations
    assert not frame.contains(39.76, -98.5)
    assert frame.lon_span < 90
    # no blank bands at the map's size: the frame has the container's aspect
    assert frame.aspect() == pytest.approx(MAP_ASPECT, rel=0.01)
    geo = fig.layout.geo
    assert (geo.center.lon, geo.center.lat) == pytest.approx((frame.center_lon, frame.center_lat))
    assert geo.projection.rotation.lon == pytest.approx(frame.center_lon)


def test_the_map_frame_follows_the_container_aspect(seed: tuple) -> None:
    events, mentions, _ = seed
    fig = map_figure(events, mentions=mentions, width=390, height=500)
    assert _frame(fig).aspect() == pytest.approx(390 / (500 - 34), rel=0.01)


def test_countries_alone_are_framed_on_themselves() -> None:
    events = sample_frames()[0]
    us = events.iloc[[0]].assign(place="United States", place_kind="country", lat=39.76,
                                 lon=-98.5, country="US")  # fmt: skip
    frame = _frame(map_figure(us))
    assert frame.contains(39.76, -98.5) and frame.lon_span < 120
    assert -130 < frame.center_lon < -70


def test_the_map_frame_crosses_the_antimeridian() -> None:
    events = sample_frames()[0].iloc[:2]
    pacific = events.assign(place=["Suva", "Apia"], place_kind="city", lat=[-18.14, -13.83],
                            lon=[178.44, -171.77], country=["FJ", "WS"])  # fmt: skip
    frame = _frame(map_figure(pacific))
    assert frame.west > frame.east  # the box wraps over 180°
    assert frame.lon_span < 60
    assert frame.contains(-18.14, 178.44) and frame.contains(-13.83, -171.77)


def test_map_labels_do_not_overlap(seed: tuple) -> None:
    events, mentions, articles = seed
    fig = map_figure(events, mentions=mentions, datelines=dateline_places(articles))
    frame = _frame(fig)
    width, height = (MAP_HEIGHT - 34) * MAP_ASPECT, MAP_HEIGHT - 34
    boxes, dots = [], []
    for t in fig.data:
        if t.type != "scattergeo" or t.meta["kind"] == "selected":
            continue
        xs, ys = frame.pixels(np.array(t.lat), np.array(t.lon), width, height)
        sizes = np.broadcast_to(np.asarray(t.marker.size or 0, dtype=float), xs.shape)
        positions = np.broadcast_to(np.asarray(t.textposition, dtype=object), xs.shape)
        # the markers carry no text: the names are one trace of their own, on invisible copies
        # of their markers (kind "name"), so that plotly.js sets them off as before
        texts = t.text if t.text is not None else [""] * len(xs)
        for x, y, size, text, position in zip(xs, ys, sizes, texts, positions, strict=True):
            radius = size / 2 if "markers" in t.mode else 0.0
            if radius:
                dots.append((x - radius, y - radius, x + radius, y + radius))
            if text:
                boxes.append((label_box(x, y, text, position, radius=radius), radius, (x, y)))
    texts = [text for t in fig.data if t.type == "scattergeo" for text in t.text or () if text]
    assert {"Vostochny Cosmodrome", "Vladivostok", "North Korea"} <= set(texts)
    for i, (box, _, _) in enumerate(boxes):
        for other, _, _ in boxes[i + 1 :]:
            assert not _overlap(box, other), (box, other)
        for dot in dots:  # no label on another place's dot ("North Korea" on Vostochny)
            own = dot[0] < boxes[i][2][0] < dot[2] and dot[1] < boxes[i][2][1] < dot[3]
            assert own or not _overlap(box, dot), (box, dot)


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_the_dateline_city_is_drawn(seed: tuple) -> None:
    events, mentions, articles = seed
    fig = map_figure(events, mentions=mentions, datelines=dateline_places(articles))
    star = next(t for t in fig.data if t.meta["kind"] == "dateline")
    assert star.name == "dateline (where it was reported from)"
    assert star.marker.symbol == "star" and star.showlegend is not False
    assert list(star.hovertext) == ["Vladivostok"]
    # no place filter on a click: the events need not name the city they were reported from
    # (filtering on it showed none)
    assert [row[0] for row in star.customdata] == [""]
    assert (star.lat[0], star.lon[0]) == pytest.approx((43.1, 131.9), abs=0.1)
    assert "Putin Says Russia" in star.customdata[0][3]
    # the datelines of articles not in view are not drawn
    other = events.assign(doc_id="another")
    assert all(t.meta["kind"] != "dateline" for t in map_figure(
        other, datelines=dateline_places(articles)).data)  # fmt: skip


def test_dateline_stars_are_the_places_with_most_articles() -> None:
    # one article per doc, dateline place i reported (i + 1) articles: the busiest are kept
    n = DATELINE_STARS + 40
    places = [f"City {i}" for i in range(n) for _ in range(i + 1)]
    datelines = pd.DataFrame({
        Col.DOC_ID: [f"d{k}" for k in range(len(places))], Col.PLACE: places,
        Col.LAT: [float(int(p.split()[1]) % 60) for p in places],
        Col.LON: [float(int(p.split()[1]) % 170) for p in places],
        Col.TITLE: [f"Story {k}" for k in range(len(places))],
    })  # fmt: skip
    table = dateline_table(datelines, datelines[[Col.DOC_ID]], limit=DATELINE_STARS)
    assert len(table) == DATELINE_STARS and table.attrs["places"] == n
    assert table[Col.PLACE].iloc[0] == f"City {n - 1}" and table["articles"].iloc[0] == n
    assert set(table[Col.PLACE]) == {f"City {i}" for i in range(40, n)}
    assert table["titles"].map(len).tolist() == table["articles"].tolist()
    fig = map_figure(datelines[[Col.DOC_ID]], places=place_table(empty_events()),
                     datelines=datelines)  # fmt: skip
    star = next(t for t in fig.data if t.meta["kind"] == "dateline")
    assert len(star.lat) == DATELINE_STARS
    assert star.name == f"dateline: the {DATELINE_STARS} of {n} places with most articles"
    # without a limit every place, and the hover's three titles of the busiest
    assert len(dateline_table(datelines, datelines[[Col.DOC_ID]])) == n
    assert star.customdata[0][3].endswith(f"and {n - 3} more")


def test_selected_country_is_outlined(seed: tuple) -> None:
    events, mentions, _ = seed
    russia = events.loc[events[Col.PLACE] == "Russia", Col.EVENT_ID].iloc[0]
    fig = map_figure(events, mentions=mentions, selected=russia)
    outlines = [t for t in fig.data if t.meta["kind"] == "selected" and t.type == "choropleth"]
    assert outlines and "RUS" in outlines[0].locations
    assert outlines[0].marker.line.color == "#c0392b"


HOSTILE = "<b>x</b> <a href='https://example.com'>link</a> & \u202eevil\u2066"


def _rendered(fig: object) -> list[str]:
    """Every string plotly renders as (pseudo-)HTML: tick labels, names, texts, hover texts and
    the customdata columns that hover templates show (customdata[0] is an id, never shown)."""
    layout = fig.layout  # type: ignore[attr-defined]
    found = [str(v) for v in layout.yaxis.ticktext or ()]
    found += [str(a.text) for a in layout.annotations]
    for t in fig.data:  # type: ignore[attr-defined]
        found.append(str(t.name or ""))
        for values in (t.text, t.hovertext):
            if values is not None and not isinstance(values, str):
                found += [str(v) for v in values]
        shown = {int(i) for i in re.findall(r"customdata\[(\d+)\]", t.hovertemplate or "")}
        for row in t.customdata if t.customdata is not None else ():
            found += [str(row[i]) for i in shown]
    return found


def test_user_text_is_shown_as_text() -> None:
    events = sample_frames()[0]
    events = events.assign(title=HOSTILE, date_text=events[Col.DATE_TEXT] + " <i>",
                           place=HOSTILE)  # fmt: skip
    fig = timeline_figure(events, lane="article")
    map_fig = map_figure(events)
    for figure in (fig, map_fig):
        rendered = _rendered(figure)
        assert any("&lt;b&gt;x&lt;/b&gt;" in text for text in rendered)
        for text in rendered:
            assert not re.search(r"<(?!br>|/?b>|/?i>|extra>)", text), text  # only our own tags
            assert "<b>x" not in text and "<i>" not in text.replace("<i>%{", "")
            assert not set(text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert fig.layout.yaxis.ticktext[0].startswith("&lt;b&gt;x&lt;/b&gt; &lt;a href=")
    lane = next(t for t in fig.data if t.meta.get("kind") == "point").hovertext[0]
    assert lane == plain_label(HOSTILE) and "link&lt;/a&gt; &amp; evil" in lane
    places = next(t for t in map_fig.data if t.meta["kind"] == "precise")
    assert places.hovertext[0].startswith("&lt;b&gt;x&lt;/b&gt; &lt;a href=")
    assert places.customdata[0][0] == HOSTILE  # what a click filters on stays the real name
    assert fig.layout.meta["lanes"] == [HOSTILE]  # for programs, never rendered


def test_empty_states_say_what_to_do_and_draw_no_grid() -> None:
    for fig in (timeline_figure(empty_events()), map_figure(empty_events())):
        assert not fig.data
        assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
        assert fig.layout.geo.lonaxis.range is None  # no map at all
        assert "add an article, or widen the filters" in fig.layout.annotations[0].text


def test_huge_frames_still_ring_the_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("timeline.figures.AGGREGATE_ABOVE", 50)
    fig = timeline_figure(synthetic_events(200), selected="e7")
    ring = [t for t in fig.data if t.meta["kind"] == "selected"]
    assert ring and [row[0] for row in ring[0].customdata] == ["e7"] * len(ring[0].x)
    key = [t.name for t in fig.data if t.showlegend]
    assert key == ["events per month (dot area: how many)", "selected"]


def test_windows_reach_before_year_one_and_after_9999() -> None:
    events = sample_frames()[0].iloc[:2]
    far = events.assign(
        start=pd.Series(np.array(["-0044-03-15", "9999-12-31"], dtype="datetime64[s]")),
        end=pd.Series(np.array(["-0044-03-16", "9999-12-31T23:59:59"], dtype="datetime64[s]")),
        precision="day",
    )
    fig = timeline_figure(far)
    low, high = fig.layout.xaxis.range
    assert low.startswith("-0") and high == "9999-12-31 23:59:59"  # plotly's last date
    assert all(isinstance(a.get("xaxis.range", ["", ""])[0], str) for a in _buttons(fig).values())
