"""Figures of an events frame: a timeline with honest date precision, and an offline map.

Plain functions in the plotly.express style: the frame first, keyword-only options, a
``go.Figure`` out. The same figure serves notebooks (``.show()``), the dashboard and standalone
HTML reports (:func:`timeline.export.figure_html` inlines plotly.js and the map outline).
The timeline is drawn here (its windows from :mod:`timeline.focus`, its rows from
:mod:`timeline.lanes`); the map in :mod:`timeline.maps`, re-exported with its constants. Every
user string in a figure passes through :func:`timeline.text.plain_label`. Never imports Dash.

Dates go to the browser as float milliseconds since 1970 (smaller and faster to parse than ISO
strings at 100k points); plotly's date axes read them as such.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.figure_style import (
    RED,
    TEMPLATE,
    as_labels,
    assets_dir,
    empty_figure,
    selected_ids,
    topojson_dir,
)
from timeline.focus import (
    MIN_SPAN,
    TICK_FORMAT_STOPS,
    Window,
    as_window,
    event_extent,
    focus_window,
    padded,
    range_presets,
)
from timeline.lanes import LANE_COLUMNS, STACK_HEIGHT, fold_lanes, lane_values, stack_rows
from timeline.mapdata import place_table
from timeline.maps import APPROXIMATE_PLACE_KINDS, BOUNDARY_NOTE, MAP_HEIGHT, map_figure
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
    "SLIDER_UP_TO",
    "STACK_COUNT_ABOVE",
    "WEBGL_ABOVE",
    "assets_dir",
    "binned_timeline_figure",
    "focus_window",
    "lane_values",
    "map_figure",
    "place_table",
    "point_precisions",
    "range_buttons",
    "timeline_figure",
    "topojson_dir",
]

HOVER_SENTENCES_UP_TO: Final = 2_000  # events: past this the hover leaves out the sentence
# the lanes' axis: names that the margin grows to hold (automargin), so never hidden as
# overflowing; plotly.js would measure every name against the page to hide it (a forced
# layout each: 0.02 s of a filter change at a million events)
_LANE_AXIS: Final[dict[str, Any]] = {
    "showgrid": False, "zeroline": False, "automargin": True, "fixedrange": True,
    "ticklabeloverflow": "allow",
}  # fmt: skip
WEBGL_ABOVE: Final = 10_000  # events: past this SVG traces lag (~0.3 s per interaction at 10k)
# events: up to this many the timeline has its overview strip (a rangeslider: it draws every
# trace a second time, and its margin makes plotly.js draw the whole figure again when it
# appears: a filter change to 989 events of 10,000 took 0.88 s with it, 0.44 s without);
# past it, the "all" button
SLIDER_UP_TO: Final = 300
AGGREGATE_ABOVE: Final = 50_000  # events: past this the WebGL response passes ~8 MB; draw counts
STACK_COUNT_ABOVE: Final = 3  # same-day events in a lane: past this many, the stack is numbered
# lane names (article titles) on the axis: at most two lines of this many characters, so a long
# title takes about 150 px of a 390 px phone's width, not the 300 px of one 48-character line
LANE_LABEL_CHARS: Final = 22
POINT_PRECISIONS: Final = ("time", "day")  # drawn as points; every other precision is a bar
# Plotly's config for every figure we show or export: no logo, and no button that sends the
# chart to Plotly's cloud ("Share chart"). plotly.js 3 dropped the link options (showLink...).
PLOT_CONFIG: Final[dict[str, Any]] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendDataToCloud"],
    "responsive": True,
}
# The range buttons sit over the plot's top right corner and grow leftwards over the lane
# labels' margin: plotly places them relative to the plot area, which starts after the labels,
# so a row anchored at its left ran past the right edge of a 390 px phone. The top margin keeps
# them below plotly's modebar (22 px at the figure's top right, shown on hover): the figures
# are that much taller, so the plot keeps its height.
_MODEBAR_ROOM: Final = 28  # px
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
_UNWRITTEN: Final = {"published": "(publication date)", "context": "(from context)"}
_SELECTED_RING: Final[dict[str, Any]] = {
    "symbol": "circle-open",
    "size": 22,
    "color": RED,
    "line": {"width": 3},
}


def point_precisions() -> tuple[str, ...]:
    """The precisions drawn as points (exact days and times); the rest are intervals."""
    return POINT_PRECISIONS


# -- helpers ------------------------------------------------------------------------------------


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

    The x axis opens on `window`, or else on the densest period
    (:func:`timeline.focus.focus_window`); the range slider below it shows every event, and
    the buttons above it show a week, a month, a year... around that period, or "all". Its
    ``uirevision`` is the lane, so a redraw keeps a zoom made by dragging; a zoom made with the
    buttons survives a redraw when the caller passes it back as `window` (the dashboard keeps it
    in the URL).

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
        return empty_figure(
            f"No dated events to draw{hint}: add an article, or widen the filters.", height=height
        )
    lanes = fold_lanes(lane_values(dated, lane))
    rows = dated.loc[lanes.index].assign(_lane=lanes.to_numpy())
    order = rows.groupby("_lane", sort=False)[Col.START].min().sort_values(ascending=False)
    names = [str(name) for name in order.index]  # the first lane at the bottom, as plotly does
    rows = rows.assign(_row=rows["_lane"].map({name: i for i, name in enumerate(names)}))
    webgl, aggregate = len(dated) > WEBGL_ABOVE, len(dated) > AGGREGATE_ABOVE
    if aggregate:  # counts per bin: nothing to stack
        rows = rows.assign(_point=_is_point(rows), _y=rows["_row"].astype(float))
        fig, deepest = _aggregate_timeline(rows), 1
    else:
        rows = stack_rows(rows, _is_point(rows))
        deepest = int(rows["_depth"].max())
        fig = _event_timeline(rows, webgl=webgl)
    ids = selected_ids(selected)
    _highlight_timeline(fig, rows, ids, webgl=webgl)
    labels = _lane_labels(names)
    lane_px = _lane_px(labels) + 5 * min(max(deepest - 1, 0), 5)  # deep stacks get more room
    height = height or _MODEBAR_ROOM + int(min(760, max(320, 190 + lane_px * len(names))))
    shown = _window(window) or focus_window(dated)
    fig.update_layout(
        template=TEMPLATE,
        height=height,
        margin={"l": 10, "r": 10, "t": 36 + _MODEBAR_ROOM, "b": 48},
        barmode="overlay",
        hovermode="closest",
        clickmode="event",
        dragmode="zoom",
        uirevision=lane,  # keep the user's zoom when a selection or a filter redraws the figure
        showlegend=True,
        # the key, under everything (clicking an entry hides nothing: it is not a switch)
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0,
                "font": {"size": 11}, "itemclick": False, "itemdoubleclick": False},
        updatemenus=[range_buttons(dated, explicit_all=False)],
        xaxis={
            "type": "date",
            "range": [_iso(shown[0]), _iso(shown[1])] if shown else None,
            "tickformatstops": TICK_FORMAT_STOPS,
            # the overview strip: every event, whatever the zoom. It mirrors every trace in
            # SVG, too slow past SLIDER_UP_TO events: there, the "all" button.
            "rangeslider": {"visible": len(dated) <= SLIDER_UP_TO, "thickness": 0.08,
                            "autorange": True},
        },
        yaxis={
            "tickvals": list(range(len(names))),
            "ticktext": labels,
            "range": [-0.6, len(names) - 0.4],
            "minor": {"tickvals": [i + 0.5 for i in range(len(names) - 1)], "showgrid": True,
                      "gridcolor": "#e4e7eb"},
            **_LANE_AXIS,
        },
        meta={"lane": lane, "lanes": names, "events": len(dated),
              "undated": len(events) - len(dated)},
    )  # fmt: skip
    _add_timeline_legend(fig, rows, webgl=webgl, aggregate=aggregate, selected=bool(ids))
    return fig


def _lane_labels(names: Sequence[object]) -> list[str]:
    """The lanes' names as the axis shows them, on at most two lines.

    >>> _lane_labels(["Kim Jong Un", "Putin Says Russia to Help North Korea Build Satellites"])
    ['Kim Jong Un', 'Putin Says Russia to<br>Help North Korea…']
    """
    return [plain_label(name, wrap=LANE_LABEL_CHARS, max_lines=2) for name in names]


def _lane_px(labels: Sequence[str]) -> int:
    """A lane's height in pixels: room for a label on two lines when there is one."""
    return 34 if any("<br>" in label for label in labels) else 26


def _window(window: tuple[object, object] | None) -> Window | None:
    """An explicit (start, end) as timestamps, at least MIN_SPAN wide; None if not usable."""
    shown = as_window(window)
    if shown is None:
        return None
    start, end = shown
    return padded(shown, share=0.0) if end - start < MIN_SPAN else shown


def _iso(moment: pd.Timestamp) -> str:
    """A timestamp as plotly reads a date axis value, years before 1 and after 9999 included
    (``strftime`` refuses them; plotly takes a signed four-digit year, within +-9999).

    >>> _iso(pd.Timestamp(np.datetime64("-0044-03-15T12:00:00", "s")))
    '-0044-03-15 12:00:00'
    """
    if moment.year > 9999:
        return "9999-12-31 23:59:59"
    if moment.year < -9999:
        return "-9999-01-01 00:00:00"
    sign = "-" if moment.year < 0 else ""
    return (
        f"{sign}{abs(moment.year):04d}-{moment.month:02d}-{moment.day:02d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    )


def range_buttons(
    events: pd.DataFrame | None = None,
    *,
    explicit_all: bool = True,
    presets: Sequence[tuple[str, Window | None]] | None = None,
    extent: Window | None = None,
) -> dict[str, Any]:
    """Buttons over the timeline for :func:`timeline.focus.range_presets`: explicit ranges from
    the events' own extent (only start and end are read). "all" is every event's extent, or
    with ``explicit_all=False`` an axis reset (a figure holding every event). `presets` and
    `extent`, when given, are used instead of computing them from `events`. The row is anchored
    at the plot's top right, so that it stays inside a narrow figure whatever the lane labels'
    width."""
    if presets is None or (explicit_all and extent is None):
        if events is None:
            raise ValueError("range_buttons needs the events, or their presets and extent")
        presets = range_presets(events) if presets is None else presets
        extent = event_extent(events) if extent is None else extent
    everything = padded(extent) if extent is not None and explicit_all else None
    buttons = [
        {"label": label, "method": "relayout",
         "args": [{"xaxis.range": [_iso(window[0]), _iso(window[1])]} if window
                  else {"xaxis.autorange": True}]}
        for label, window in ((label, window or everything) for label, window in presets)
    ]  # fmt: skip
    return {
        "type": "buttons", "direction": "left", "showactive": False, "buttons": buttons,
        "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom", "pad": {"b": 4},
        "bgcolor": "white", "bordercolor": "#c9ced6", "font": {"size": 10},
    }  # fmt: skip


def _is_point(rows: pd.DataFrame) -> np.ndarray:
    """Which rows are drawn as points: exact days and times, and anything without an end."""
    point = rows[Col.PRECISION].isin(POINT_PRECISIONS).fillna(False) | rows[Col.END].isna()
    return point.to_numpy(dtype=bool)


def _event_timeline(rows: pd.DataFrame, *, webgl: bool) -> go.Figure:
    """One trace per (shape, date source): bars for intervals, points for exact days."""
    fig = go.Figure()
    start_ms, end_ms = _to_ms(rows[Col.START]), _to_ms(rows[Col.END])
    is_point = rows["_point"].to_numpy(dtype=bool)
    end_ms = np.where(np.isnan(end_ms), start_ms + _DAY_MS, end_ms)
    labels = _resolved_label(rows[Col.START], rows[Col.END], rows[Col.PRECISION]).to_numpy()
    sources = rows[Col.DATE_SOURCE].fillna("published").astype(str).to_numpy()
    written = as_labels(rows[Col.DATE_TEXT], limit=80)
    unwritten = pd.Series(sources).map(_UNWRITTEN).fillna("").to_numpy()
    date_text = np.where(written == "", unwritten, written)
    # past HOVER_SENTENCES_UP_TO events the sentences and lane names would dominate the
    # response: the detail panel shows a clicked event's sentence, the axis its lane
    with_sentences = len(rows) <= HOVER_SENTENCES_UP_TO
    sentences = np.full(len(rows), "")
    if with_sentences:
        sentences = np.array([_wrap(s) for s in rows[Col.SENTENCE].fillna("").astype(str)])
    ids = rows[Col.EVENT_ID].astype(str).to_numpy()
    y = np.round(rows["_y"].to_numpy(dtype=float), 3)
    lanes = as_labels(rows["_lane"], limit=80) if with_sentences else None
    sentence = (
        "<br>%{customdata[3]}<br><i>%{hovertext}</i>"
        if with_sentences
        else "<br>(click for the sentence)"
    )
    hover = f"<b>%{{customdata[1]}}</b> → %{{customdata[2]}}{sentence}<extra></extra>"
    for source, (colour, source_label) in _SOURCES.items():
        for point in (True, False):
            mask = (sources == source) & (is_point == point)
            if not mask.any():
                continue
            columns = [ids[mask], date_text[mask], labels[mask]]
            custom = np.column_stack([*columns, sentences[mask]] if with_sentences else columns)
            name = f"{'exact day' if point else 'interval'}, {source_label}"
            common: dict[str, Any] = {"customdata": custom, "hovertemplate": hover, "name": name,
                                      "showlegend": False}  # fmt: skip
            if lanes is not None:
                common["hovertext"] = lanes[mask]
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
            name=f"events per {unit} (dot area: how many)", showlegend=True,
            meta={"kind": "aggregate"},
        )
    )  # fmt: skip


def binned_timeline_figure(
    bins: pd.DataFrame,
    *,
    lane: str,
    unit: str,
    window: Window,
    presets: Sequence[tuple[str, Window | None]],
    extent: Window | None,
    events: int,
    in_window: int,
    raw_up_to: int,
    height: int | None = None,
) -> go.Figure:
    """Event counts per time bin and lane, for a view too large to draw event by event.

    One dot per (lane, bin) with events, its area proportional to the count, the count in the
    hover and as text on the busiest dots; a note over the plot says how many events the
    window holds and that zooming in shows them.

    Args:
        bins: lane, bin (the bin's start, datetime64), n: as
            :func:`timeline.database.aggregate.time_bins` gives.
        lane: "actor", "country" or "article" (the y axis' title and ``uirevision``).
        unit: the bin's length in words ("day", "month"...).
        window: the x range shown.
        presets: the range buttons (:func:`timeline.focus.range_presets`).
        extent: the span of every dated event in view ("all").
        events: the number of dated events in view.
        in_window: the number of events in the window.
        raw_up_to: the number of events in a window from which events are drawn one by one.
        height: pixels; by default from the number of lanes.

    >>> b = pd.DataFrame({"lane": ["A", "A", "B"], "n": [3, 9000, 4],
    ...                   "bin": pd.to_datetime(["2023-01-01", "2023-01-02", "2023-01-01"])})
    >>> days = (pd.Timestamp("2023-01-01"), pd.Timestamp("2023-01-03"))
    >>> fig = binned_timeline_figure(b, lane="actor", unit="day", presets=[("all", None)],
    ...     extent=days, events=9007, window=days, in_window=9007, raw_up_to=5000)
    >>> fig.layout.meta["kind"], list(fig.data[0].customdata[1])
    ('binned', ['', '9,000', 'A'])
    """
    order = bins.groupby("lane", sort=False)["bin"].min().sort_values(ascending=False)
    names = [str(name) for name in order.index]
    row = bins["lane"].map({name: i for i, name in enumerate(names)}).to_numpy(dtype=float)
    counts = bins["n"].to_numpy(dtype="int64")
    most = float(counts.max()) if len(counts) else 1.0
    size = 6 + 22 * np.sqrt(counts / most)
    x = _to_ms(pd.Series(bins["bin"].to_numpy(dtype="datetime64[s]")))
    lane_labels = as_labels(pd.Series(names, dtype="string"), limit=80)
    label = np.array([f"{n:,}" for n in counts], dtype=object)
    top = np.sort(counts)[-30] if len(counts) > 30 else 0  # the busiest dots carry their count
    busy = counts >= top
    # SVG: a few thousand dots at most (MAX_BINS per lane), and WebGL falls back to software
    # rendering where there is no GPU (seconds per draw)
    dots = go.Scatter(
        x=x, y=row, mode="markers",
        marker={"size": size, "color": "#1f4e8c", "opacity": 0.55,
                "line": {"width": 1, "color": "#1f4e8c"}},
        # customdata[0] is no event: a click on a count selects nothing
        customdata=np.column_stack([np.full(len(bins), ""), label,
                                    lane_labels[row.astype(int)] if len(bins) else label]),
        hovertemplate=(f"<b>%{{customdata[1]}} events</b> this {unit}, from %{{x|%e %b %Y}}"
                       "<br>%{customdata[2]}<br>zoom in to see them<extra></extra>"),
        name=f"events per {unit} (dot area: how many)", showlegend=True,
        meta={"kind": "aggregate"},
    )  # fmt: skip
    # the busiest dots' counts, as a trace of their own: plotly.js makes (and measures) a text
    # element for every point of a "markers+text" trace, empty or not (1,000 dots: 0.1 s)
    counts_shown = go.Scatter(
        x=x[busy], y=row[busy], mode="text", text=label[busy], textposition="top center",
        textfont={"size": 10, "color": "#333"}, hoverinfo="skip", showlegend=False,
        meta={"kind": "aggregate-count"},
    )  # fmt: skip
    labels = _lane_labels(names)
    height = height or _MODEBAR_ROOM + int(min(760, max(320, 190 + _lane_px(labels) * len(names))))
    note = (
        f"{in_window:,} events here: counts per {unit} and lane.<br>"
        f"Zoom in (or filter) to under {raw_up_to:,} to see the events."
    )
    # made at once (see timeline.maps.map_figure): 0.005 s rather than 0.010 s
    layout = dict(
        template=TEMPLATE, height=height, margin={"l": 10, "r": 10, "t": 74 + _MODEBAR_ROOM, "b": 48},
        hovermode="closest", clickmode="event", dragmode="zoom", uirevision=lane,
        showlegend=True,
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0,
                "font": {"size": 11}, "itemclick": False, "itemdoubleclick": False},
        updatemenus=[range_buttons(presets=presets, extent=extent)],
        annotations=[{"text": note, "xref": "paper", "yref": "paper", "x": 0, "y": 1.0,
                      "yshift": 40, "xanchor": "left", "yanchor": "bottom", "showarrow": False,
                      "font": {"size": 12, "color": "#8a4b08"}}],
        xaxis={"type": "date", "range": [_iso(window[0]), _iso(window[1])],
               "tickformatstops": TICK_FORMAT_STOPS, "rangeslider": {"visible": False}},
        yaxis={"tickvals": list(range(len(names))),
               "ticktext": labels,
               "range": [-0.6, len(names) - 0.4], **_LANE_AXIS},
        meta={"kind": "binned", "lane": lane, "lanes": names, "unit": unit,
              "events": events, "in_window": in_window},
    )  # fmt: skip
    return go.Figure(data=[dots, counts_shown], layout=layout)


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
    entries: list[tuple[str, dict[str, Any], str]] = []
    if aggregate:  # no points nor bars: its one trace is named for what its dots mean
        rows = rows.iloc[:0]
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


def _split(values: Iterable[str]) -> list[str]:
    """Names from '; '-joined cells, unique, in first-seen order."""
    seen: dict[str, None] = {}
    for value in values:
        for part in str(value).split(_SEPARATOR):
            if part.strip():
                seen.setdefault(part.strip(), None)
    return list(seen)
