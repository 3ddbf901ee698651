"""The dashboard's callbacks: each decodes its inputs, calls filters/figures, and returns.

The logic lives in plain functions of an :class:`AppState` and a URL query string
(``sync_view``, ``render_timeline``, ``render_panel``, ``download``, ``add_upload``,
``add_pasted``), so tests and the benchmark call them without a server. ``register`` wires
them to Dash. The events stay here on the server; the browser holds only the view's query string.
Adding articles runs in the background: see :mod:`timeline.app.jobs`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import astuple, dataclass, replace
from typing import Any, Final

import dash
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa  # type: ignore[import-untyped]
from dash import Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from timeline.app import ids, jobs, layout
from timeline.app.state import AppState
from timeline.database import aggregate
from timeline.database.schema import CLUSTER_ID, SEQ
from timeline.export.charts import figure_html
from timeline.figures import binned_timeline_figure, map_figure, range_buttons, timeline_figure
from timeline.filters import NAME_KEYS, View, parse_date
from timeline.focus import Window, as_window, event_extent, focus_window, range_presets
from timeline.mapdata import dateline_lines
from timeline.maps import DATELINE_STARS
from timeline.schema import EVENT_DTYPES, Col
from timeline.store import events_to_csv

__all__ = [
    "MAX_ROWS",
    "PAGE_SIZE",
    "RAW_UP_TO",
    "AppState",
    "Controls",
    "Panel",
    "add_pasted",
    "add_upload",
    "download",
    "event_counts",
    "first_answer",
    "first_view",
    "initial_window",
    "register",
    "render_map",
    "render_panel",
    "render_table",
    "render_timeline",
    "sort_text",
    "sync_view",
    "table_order",
    "table_rows",
    "table_sort_by",
    "undated_article",
    "update",
    "warm",
]

MAX_ROWS: Final = 1000  # rows table_rows returns at most
PAGE_SIZE: Final = 12  # rows per page of the table, each page asked of the store
# events: up to this many in the timeline's window are drawn one by one; past it, counts per
# time bin and lane (headless Chromium on 2 cores draws 1,400 events in 0.3-0.8 s, so 2,500
# keep a filter change near a second)
RAW_UP_TO: Final = 2_500


@dataclass(frozen=True)
class Controls:
    """The filter controls' values, as Dash sends them."""

    start_date: str | None = None
    end_date: str | None = None
    actors: list[str] | None = None
    countries: list[str] | None = None
    places: list[str] | None = None
    precisions: list[str] | None = None
    date_sources: list[str] | None = None
    text: str | None = None
    lane: str | None = None
    reports: list[str] | None = None
    sort_by: list[dict[str, Any]] | None = None

    def apply(self, view: View) -> View:
        """The view with these filters (the selection is kept)."""
        return replace(
            view,
            start=parse_date(self.start_date),
            end=parse_date(self.end_date),
            actors=tuple(self.actors or ()),
            countries=tuple(self.countries or ()),
            places=tuple(self.places or ()),
            precisions=tuple(self.precisions or ()),
            date_sources=tuple(self.date_sources or ()),
            text=(self.text or "").strip(),
            lane=self.lane or view.lane,
            every_report="all" in (self.reports or ()),
            sort=sort_text(self.sort_by),
        )

    @classmethod
    def of(cls, view: View) -> Controls:
        """The controls showing this view."""
        return cls(
            start_date=view.start.date().isoformat() if view.start else None,
            end_date=view.end.date().isoformat() if view.end else None,
            actors=list(view.actors),
            countries=list(view.countries),
            places=list(view.places),
            precisions=list(view.precisions),
            date_sources=list(view.date_sources),
            text=view.text,
            lane=view.lane,
            reports=["all"] if view.every_report else [],
            sort_by=table_sort_by(view.sort),
        )


def _window(relayout: dict[str, Any] | None) -> tuple[dt.datetime, dt.datetime] | str | None:
    """The x range chosen on the timeline; None when reset to all; "keep" for other relayouts."""
    if not relayout:
        return "keep"
    if relayout.get("xaxis.autorange"):
        return None
    if "xaxis.range[0]" in relayout and "xaxis.range[1]" in relayout:
        left, right = relayout["xaxis.range[0]"], relayout["xaxis.range[1]"]
    elif isinstance(relayout.get("xaxis.range"), list) and len(relayout["xaxis.range"]) == 2:
        left, right = relayout["xaxis.range"]
    else:
        return "keep"
    start, end = _as_datetime(left), _as_datetime(right)
    return (start, end) if start and end and start < end else "keep"


def _as_datetime(value: object) -> dt.datetime | None:
    """A plotly axis value (an ISO string, or milliseconds since 1970) as a datetime."""
    if isinstance(value, int | float):
        return dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=float(value))
    return parse_date(value)


def _first_custom(data: dict[str, Any] | None) -> str | None:
    """customdata[0] of the first clicked point (an event_id or a place name)."""
    points = (data or {}).get("points") or []
    if not points:
        return None
    custom = points[0].get("customdata")
    if isinstance(custom, list) and custom:
        return str(custom[0]) or None
    return str(custom) if custom else None


def sync_view(
    search: str | None,
    trigger: str | None,
    controls: Controls,
    *,
    lane_default: str = "actor",
    timeline_click: dict[str, Any] | None = None,
    relayout: dict[str, Any] | None = None,
    map_click: dict[str, Any] | None = None,
    active_cell: dict[str, Any] | None = None,
) -> tuple[View, bool]:
    """The next view after one input changed, and whether the controls must be redrawn.

    The URL's query string is the view's one source of truth: on page load (trigger None) or a
    URL change, the controls follow it; otherwise the changed input updates it.
    """
    view = View.from_query(search, lane_default=lane_default)
    if trigger in (None, ids.URL):
        # an empty query is the controls' defaults: leave them be (the user may be typing)
        return view, bool((search or "").lstrip("?"))
    if trigger == ids.CLEAR:
        return view.clear_selection(), False
    if trigger == ids.TIMELINE:
        event = _first_custom(timeline_click)
        return (replace(view, event=event) if event else view), False
    if trigger == ids.TABLE:
        event = (active_cell or {}).get("row_id")
        return (replace(view, event=str(event)) if event else view), False
    if trigger == ids.MAP:
        place = _first_custom(map_click)
        if place is None:  # a glyph that is no place (a dateline star): nothing to filter
            return view, False
        return replace(view, place=None if place == view.place else place), False
    if trigger == ids.TIMELINE + ".relayout":
        window = _window(relayout)
        return (view if window == "keep" else replace(view, window=window)), False  # type: ignore[arg-type]
    return controls.apply(view), False


def _view(query: str | None, state: AppState) -> View:
    """The view of a stored query string."""
    return View.from_query(query, lane_default=state.settings.lane)


def _rows(state: AppState, table: pa.Table) -> pd.DataFrame:
    """The full rows of a hits table (small: at most RAW_UP_TO), in the order added."""
    ordered = table.select([SEQ, aggregate.N_SOURCES]).sort_by(SEQ)
    return aggregate.rows(state.store, ordered)


def _bounds(state: AppState, view: View, merged: bool) -> pd.DataFrame:
    """start/end of the dated events of the view less its window."""
    return aggregate.bounds(state.scratch, state.shown(view, merged, window=False, place=True))


@dataclass(frozen=True)
class _Span:
    """Where a view's dated events lie: how many, their focus, extent and range buttons."""

    events: int
    focus: Window | None
    extent: Window | None
    presets: list[tuple[str, Window | None]]


def _span(state: AppState, view: View, merged: bool) -> _Span:
    """The view's _Span, kept with its hits (sorting a million dates takes a while)."""

    def compute() -> _Span:
        bounds = _bounds(state, view, merged)
        focus, extent = focus_window(bounds), event_extent(bounds)
        return _Span(len(bounds), focus, extent, range_presets(bounds, known=(focus, extent)))

    key = ("span", replace(view, window=None, event=None, lane="actor", sort=""), merged)
    return state.recent(key, compute)


def initial_window(state: AppState, view: View, *, merged: bool = True) -> Window | None:
    """Where the page opens when its URL names no window: the densest period of the events
    (:func:`timeline.focus.focus_window`) when it leaves some dated events out, so that the
    map, the table and the timeline agree on first load; None when it would hold them all."""
    span = _span(state, view, merged)
    focus, extent = span.focus, span.extent
    if focus is None or extent is None:
        return None
    if focus[0] <= extent[0] and focus[1] >= extent[1]:
        return None
    return focus


def render_timeline(
    state: AppState,
    query: str | None,
    window: tuple[dt.datetime, dt.datetime] | None = None,
    *,
    merged: bool = True,
) -> go.Figure:
    """The timeline of the events in view (every filter and the place; not the time window),
    showing `window` (the user's zoom, kept across a redraw) or else its densest period.

    Up to RAW_UP_TO events every event is drawn. Past it, the events in the shown window are
    drawn if they are at most RAW_UP_TO, else their counts per time bin and lane (computed in
    DuckDB): zooming in shows the events.
    """
    view = _view(query, state)
    table = state.shown(view, merged, window=False, place=True)
    if table.num_rows <= RAW_UP_TO:
        events = _rows(state, table)
        return timeline_figure(events, lane=view.lane, selected=view.event, window=window)
    span = _span(state, view, merged)
    shown = as_window(window) or span.focus
    if shown is None:  # nothing dated
        return timeline_figure(_rows(state, table.slice(0, RAW_UP_TO)), lane=view.lane)
    between = (shown[0].to_pydatetime(), shown[1].to_pydatetime())
    inside = state.shown(replace(view, window=between), merged, window=True, place=True)
    if inside.num_rows <= RAW_UP_TO:
        events = _rows(state, inside)
        figure = timeline_figure(events, lane=view.lane, selected=view.event, window=shown)
        figure.update_layout(
            updatemenus=[range_buttons(presets=span.presets, extent=span.extent)],
            xaxis={"rangeslider": {"visible": False}},
        )
        figure.layout.meta = {**figure.layout.meta, "events": span.events, "drawn": len(events)}
        return figure
    unit = aggregate.bin_unit(shown[1] - shown[0])
    # the window's bins only (a pan or a zoom asks again): few enough dots for SVG
    bins = aggregate.time_bins(state.scratch, table, lane=view.lane, unit=unit, between=between)
    return binned_timeline_figure(
        bins, lane=view.lane, unit=unit, window=shown, presets=span.presets,
        extent=span.extent, events=span.events, in_window=inside.num_rows, raw_up_to=RAW_UP_TO,
    )  # fmt: skip


@dataclass(frozen=True)
class Panel:
    """What the map, table, counters and detail show for one view."""

    map: go.Figure
    rows: list[dict[str, Any]]
    count: str
    selection: str
    detail: list[Any]
    pages: int = 1


def table_rows(events: pd.DataFrame, limit: int = MAX_ROWS) -> list[dict[str, Any]]:
    """The table's rows (plain JSON values, ``id`` = event_id), in date order, at most `limit`."""
    return _rows_as_shown(events.sort_values(Col.START, kind="stable").head(limit))


# the table's columns that are not events columns: what sorting them sorts by
_SORT_COLUMNS: Final = {"date": Col.START, "sources": aggregate.N_SOURCES}
_TABLE_COLUMN_IDS: Final = frozenset(name for name, _ in layout.TABLE_COLUMNS)


def sort_text(given: Sequence[dict[str, Any]] | None) -> str:
    """The DataTable's ``sort_by`` as the URL writes it (``View.sort``): its column, ``-``
    first for descending; empty for none or a column the table does not have.

    >>> sort_text([{"column_id": "date", "direction": "desc"}]), sort_text([])
    ('-date', '')
    >>> sort_text([{"column_id": "title", "direction": "asc"}])
    'title'
    """
    if not given:
        return ""
    column = str(given[0].get("column_id"))
    if column not in _TABLE_COLUMN_IDS:
        return ""
    return ("-" if given[0].get("direction") == "desc" else "") + column


def table_sort_by(text: str) -> list[dict[str, Any]]:
    """``View.sort`` as the DataTable's ``sort_by`` (empty for date order or an unknown column).

    >>> table_sort_by("-date"), table_sort_by("nonsense")
    ([{'column_id': 'date', 'direction': 'desc'}], [])
    """
    column = text.removeprefix("-")
    if column not in _TABLE_COLUMN_IDS:
        return []
    return [{"column_id": column, "direction": "desc" if text.startswith("-") else "asc"}]


def table_order(text: str) -> tuple[str, bool] | None:
    """``View.sort`` as (events column, descending), or None for the date order.

    >>> table_order("-date")
    ('start', True)
    >>> table_order("") is None, table_order("nonsense") is None
    (True, True)
    """
    column = text.removeprefix("-")
    if column not in _TABLE_COLUMN_IDS:
        return None
    return _SORT_COLUMNS.get(column, column), text.startswith("-")


# what _rows_as_shown reads of an event
_SHOWN_COLUMNS: Final = (
    Col.EVENT_ID, Col.START, Col.END,
    *(column for column, _ in layout.TABLE_COLUMNS if column in EVENT_DTYPES),
)  # fmt: skip


def _rows_as_shown(events: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of these events, in their order, as the table shows them."""
    rows = []
    for event in events.to_dict(orient="records"):
        row = {column: _cell(event.get(column)) for column, _ in layout.TABLE_COLUMNS}
        row["date"] = layout._label(event[Col.START], event[Col.END], event[Col.PRECISION])
        row["id"] = event[Col.EVENT_ID]
        n = event.get(aggregate.N_SOURCES)
        if isinstance(n, int | np.integer) and n > 1:
            row["sources"] = f"{n} sources"
        rows.append(row)
    return rows


def _cell(value: object) -> object:
    """A table cell: None for missing, text otherwise."""
    return (
        None
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))
        else str(value)
    )


def render_map(state: AppState, query: str | None, *, merged: bool = True) -> go.Figure:
    """The map: one marker per place of the events in view (every filter and the time window;
    not the clicked place), counted in DuckDB."""
    view = _view(query, state)
    table = state.shown(view, merged, window=True, place=False)
    selected = None
    if view.event:
        seq = aggregate.seq_of(state.store, view.event)
        selected = (seq, view.event) if seq is not None else None
    places = aggregate.place_counts(table, state.place_index(), selected=selected)
    index, docs = state.datelines()
    found = aggregate.dateline_found(state.scratch, table, docs)
    lines = dateline_lines(index, found, limit=DATELINE_STARS)
    return map_figure(None, places=places, lines=lines, selected=view.event)


def render_table(
    state: AppState,
    query: str | None,
    page: int = 0,
    *,
    merged: bool = True,
    order: tuple[str, bool] | None = None,
) -> list[dict[str, Any]]:
    """One page of the table: PAGE_SIZE events in view from `page` (0-based), in date order
    or in `order` (:func:`table_order`), which sorts every event in view, not only the page."""
    view = _view(query, state)
    table = state.shown(view, merged, window=True, place=True)
    offset = max(page, 0) * PAGE_SIZE
    if order is None:
        seqs = aggregate.page_seqs(state.scratch, table, offset=offset, limit=PAGE_SIZE)
    else:
        column, descending = order
        seqs = aggregate.sorted_page_seqs(
            state.store, table, column=column, descending=descending, offset=offset,
            limit=PAGE_SIZE,
        )  # fmt: skip
    return _rows_as_shown(aggregate.rows(state.store, seqs, _SHOWN_COLUMNS))


def render_panel(
    state: AppState,
    query: str | None,
    *,
    page: int = 0,
    merged: bool = True,
    order: tuple[str, bool] | None = None,
) -> Panel:
    """The map (every filter and the time window; not the clicked place), a page of the table
    (in `order`), the counters and the selected event's detail."""
    view = _view(query, state)
    in_view = state.shown(view, merged, window=True, place=True).num_rows
    total = state.hits(View(lane=view.lane), merged).num_rows
    noun = "events" if not (merged and state.clusters()) else "events (reports merged)"
    shown = f"{in_view:,} of {total:,} {noun} in view"
    picks = []
    if view.window:
        picks.append(f"time {view.window[0]:%Y-%m-%d} to {view.window[1]:%Y-%m-%d}")
    if view.place:
        picks.append(f"place {view.place}")
    selection = ("Selected: " + ", ".join(picks)) if picks else ""
    pages = max(1, -(-in_view // PAGE_SIZE))
    return Panel(
        render_map(state, query, merged=merged),
        render_table(state, query, min(page, pages - 1), merged=merged, order=order),
        shown,
        selection,
        _detail(state, view.event),
        pages,
    )


def _detail(state: AppState, event_id: str | None) -> list[Any]:
    """The detail panel of one event, or the hint when none is selected (or it is gone)."""
    if not event_id:
        return layout.empty_detail()
    match = aggregate.event_by_id(state.store, event_id)
    if match.empty:
        return layout.empty_detail()
    event = {str(key): value for key, value in match.iloc[0].to_dict().items()}
    mentions = state.store.mentions([event_id])
    doc_id = str(event.get(Col.DOC_ID))
    article = state.store.articles([doc_id]).get(doc_id)
    panel = layout.detail_panel(event, mentions if not mentions.empty else None, article)
    n_sources = event.get(aggregate.N_SOURCES)
    if isinstance(n_sources, int | np.integer) and n_sources > 1:
        panel.append(layout.sources_list(aggregate.sources_of(state.store, event_id)))
    return panel


def download(state: AppState, query: str | None, what: str) -> dict[str, Any]:
    """A dcc.Download payload: "csv" (the events in view, spreadsheet-safe), "timeline" or "map"
    (standalone HTML, no network needed)."""
    view = _view(query, state)
    if what == "csv":
        events = state.store.events(view).drop(columns=[CLUSTER_ID], errors="ignore")
        return {"content": events_to_csv(events), "filename": "events.csv", "type": "text/csv"}
    merged = not view.every_report
    figure = (
        render_timeline(state, query, merged=merged)
        if what == "timeline"
        else render_map(state, query, merged=merged)
    )
    page = figure_html(figure, title=f"timeline: {what}")
    return {"content": page, "filename": f"{what}.html", "type": "text/html"}


def add_upload(
    state: AppState, filenames: Sequence[str], contents: Sequence[str], published: str | None = None
) -> tuple[str, bool]:
    """Extract uploaded files (data URLs) into the app's events, here and now: (message, ok).

    The page runs the same steps in the background (timeline.app.jobs); each file is read on
    its own, so a bad file is reported and the others are still added.
    """
    sources = jobs.upload_sources(filenames, contents, state.settings, published)
    return _run(state, sources)


def add_pasted(state: AppState, text: str | None, published: str | None = None) -> tuple[str, bool]:
    """Extract pasted text as one article (with an optional publication date): (message, ok)."""
    return _run(state, [jobs.pasted_source(text, published)])


def _run(state: AppState, sources: list[jobs.Source]) -> tuple[str, bool]:
    """Extract and commit in this thread; the lines joined, and whether none is an error."""
    lines = jobs.commit(state, jobs.run_job(sources, state.known(), state.settings))
    return " ".join(text for text, _ in lines), all(level != "error" for _, level in lines)


def undated_article(state: AppState, query: str | None) -> str | None:
    """The doc_id of the selected event's article when it has no publication date."""
    event_id = _view(query, state).event
    if not event_id:
        return None
    match = aggregate.event_by_id(state.store, event_id)
    if match.empty:
        return None
    doc_id = str(match[Col.DOC_ID].iloc[0])
    article = state.store.articles([doc_id]).get(doc_id)
    return article.doc_id if article is not None and article.published is None else None


def first_answer(
    result: dict[str, Any], trigger: str | None, search: str | None, drawn: str | None
) -> dict[str, Any]:
    """What the page's callback sends, knowing what the page was built showing.

    `drawn` is the query string whose view the layout carries (:func:`first_view`), until
    the first answer spends it (then None). When the page loads at that very query, the
    figures, the table and the counters are already on the page: only the URL (which gets the
    opening window) is sent.

    >>> first_answer({"search": "?window=w", "timeline": "fig"}, None, "", "")
    {'search': '?window=w', 'drawn': None}
    >>> first_answer({"timeline": "fig"}, None, "?countries=Chad", "")
    {'timeline': 'fig', 'drawn': None}
    >>> first_answer({"timeline": "fig"}, "filter-countries", "", None)
    {'timeline': 'fig'}
    """
    if drawn is None:
        return result
    if trigger in (None, ids.URL) and (search or "") == drawn:
        result = {key: value for key, value in result.items() if key == "search"}
    return {**result, "drawn": None}


def first_view(state: AppState) -> dict[str, Any]:
    """What a page opened without a query shows (:func:`update` on a page load): the layout
    carries it, so that the browser draws the charts without waiting for a callback."""
    return update(state, "", None, Controls())


def event_counts(state: AppState) -> dict[str, int]:
    """The number of events of each article, by doc_id."""
    return state.counts()


# -- Dash wiring --------------------------------------------------------------------------------

_CONTROL_OUTPUTS: Final = (
    (ids.DATE_RANGE, "start_date"),
    (ids.DATE_RANGE, "end_date"),
    (ids.ACTORS, "value"),
    (ids.COUNTRIES, "value"),
    (ids.PLACES, "value"),
    (ids.PRECISIONS, "value"),
    (ids.DATE_SOURCES, "value"),
    (ids.TEXT, "value"),
    (ids.LANE, "value"),
    (ids.REPORTS, "value"),
    (ids.TABLE, "sort_by"),
)


# A Dropdown drops the values that are not among its options when it first checks them: a page
# opened at a URL naming an actor, country or place gets its options at once, before the
# page's callback sets the values (else the filter could be lost in a race), and a name the
# articles do not hold is offered too, so that the view shows no events for it and the name
# stays in the box, to be removed, rather than vanishing with a second request.
_GIVE_OPTIONS_JS: Final = """function(names) {
    names = names || {};
    var options = [names.actors || [], names.countries || [], names.places || []];
    var keys = NAME_KEYS;  // the URL key of each dropdown, in the order of `options`
    var query = new URLSearchParams(window.location.search);
    if (keys.some(function (key) { return query.has(key); })) {
        return options.map(function (offered, i) {
            var unknown = query.getAll(keys[i]).filter(function (name) {
                return offered.indexOf(name) < 0;
            });
            return unknown.length ? offered.concat(unknown) : offered;
        });
    }
    return window.timelinePainted().then(function () { return options; });
}""".replace("NAME_KEYS", json.dumps(list(NAME_KEYS)))


def register(app: dash.Dash, state: AppState) -> None:
    """Wire the logic functions to the app's components: one callback answers every change of
    the view (one request per user action), redrawing only what the change touches."""
    outputs = (
        "search", "view", *[f"{c}.{p}" for c, p in _CONTROL_OUTPUTS], "timeline", "map",
        "rows", "pages", "page", "count", "selection", "detail", "pick", "drawn",
    )  # fmt: skip

    @app.callback(
        Output(ids.URL, "search"),
        Output(ids.VIEW, "data"),
        *[Output(component, prop) for component, prop in _CONTROL_OUTPUTS],
        Output(ids.TIMELINE, "figure"),
        Output(ids.MAP, "figure"),
        Output(ids.TABLE, "data"),
        Output(ids.TABLE, "page_count"),
        Output(ids.TABLE, "page_current"),
        Output(ids.COUNT, "children"),
        Output(ids.SELECTION, "children"),
        Output(ids.DETAIL, "children"),
        Output(ids.ARTICLE_PICK, "value"),
        Output(ids.DRAWN, "data"),
        Input(ids.URL, "search"),
        *[Input(component, prop) for component, prop in _CONTROL_OUTPUTS],
        Input(ids.TIMELINE, "clickData"),
        Input(ids.ZOOM, "data"),
        Input(ids.MAP, "clickData"),
        Input(ids.TABLE, "active_cell"),
        Input(ids.CLEAR, "n_clicks"),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.TABLE, "page_current"),
        State(ids.DRAWN, "data"),
    )
    def _update(search: str | None, *values: Any) -> tuple[Any, ...]:
        controls = Controls(*values[: len(_CONTROL_OUTPUTS)])
        click, relayout, map_click, cell, _, _version, page, drawn = values[len(_CONTROL_OUTPUTS) :]
        prop = ctx.triggered[0]["prop_id"] if ctx.triggered_id is not None else ""
        trigger = ctx.triggered_id
        if prop == f"{ids.ZOOM}.data":
            trigger = ids.TIMELINE + ".relayout"
        elif prop == f"{ids.TABLE}.page_current":
            trigger = ids.TABLE + ".page"
        elif prop == f"{ids.TABLE}.sort_by":
            trigger = ids.TABLE + ".sort"
        result = update(
            state, search, trigger, controls, page=page or 0,
            timeline_click=click, relayout=relayout, map_click=map_click, active_cell=cell,
        )  # fmt: skip
        result = first_answer(result, trigger, search, drawn)
        return tuple(result.get(name, no_update) for name in outputs)

    # only a zoom reaches the server: plotly also reports an "autosize" after a zoom, and that
    # newer request made Dash drop the answer to the zoom
    app.clientside_callback(  # type: ignore[no-untyped-call]
        """function(r) {
            if (r && (r['xaxis.autorange'] || r['xaxis.range'] || 'xaxis.range[0]' in r)) {
                return r;
            }
            return window.dash_clientside.no_update;
        }""",
        Output(ids.ZOOM, "data"),
        Input(ids.TIMELINE, "relayoutData"),
        prevent_initial_call=True,
    )

    # on a narrow screen the filters start folded away, so the charts come first
    app.clientside_callback(  # type: ignore[no-untyped-call]
        f"function(_) {{ return window.innerWidth > {ids.NARROW_PX}; }}",
        Output(ids.SIDEBAR, "open"),
        Input(ids.URL, "pathname"),
    )

    @app.callback(
        Output(ids.OPTIONS, "data"),
        Input(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def _options(_version: int) -> dict[str, list[str]]:
        names = state.names()
        return layout.filter_options(names[Col.ACTORS], names[Col.COUNTRIES], names[Col.PLACES])

    # the name dropdowns get their options once both charts are drawn: indexing thousands of
    # names (0.25 s at 10,000 events, 0.6 s at a million) held the first paint back; no request
    app.clientside_callback(  # type: ignore[no-untyped-call]
        _GIVE_OPTIONS_JS,
        Output(ids.ACTORS, "options"),
        Output(ids.COUNTRIES, "options"),
        Output(ids.PLACES, "options"),
        Input(ids.OPTIONS, "data"),
    )

    # once both charts are drawn (or after about 5 s): the page's other deferred parts come then
    app.clientside_callback(  # type: ignore[no-untyped-call]
        "function(_) { return window.timelinePainted().then(function () { return true; }); }",
        Output(ids.PAINTED, "data"),
        Input(ids.URL, "pathname"),
    )

    # the list of articles and the date form's choices: after the charts, and for new data
    @app.callback(
        Output(ids.ARTICLE_LIST, "children"),
        Output(ids.ARTICLE_PICK, "options"),
        Output(ids.ARTICLE_PICK, "value", allow_duplicate=True),
        Input(ids.DATA_VERSION, "data"),
        Input(ids.PAINTED, "data"),
        State(ids.ARTICLE_PICK, "value"),
        State(ids.URL, "search"),  # the page's own (the view store may not have it yet)
        prevent_initial_call=True,
    )
    def _articles(
        _version: int, _painted: bool, picked: str | None, search: str | None
    ) -> tuple[Any, ...]:
        options, listed = state.cached(
            "articles-listed",
            lambda: (
                layout.article_options(state.articles),
                layout.article_list(state.articles, event_counts(state)),
            ),
        )
        # the selected event's undated article first: the page's callback named it before
        # the choices came, and the dropdown dropped a value it did not offer yet
        wanted = undated_article(state, search) or picked
        return listed, layout.dropdown_options(options), layout.article_to_date(options, wanted)

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.DOWNLOAD_CSV, "n_clicks"),
        Input(ids.DOWNLOAD_TIMELINE, "n_clicks"),
        Input(ids.DOWNLOAD_MAP, "n_clicks"),
        State(ids.VIEW, "data"),
        prevent_initial_call=True,
    )
    def _download(_csv: int, _timeline: int, _map: int, query: str | None) -> dict[str, Any]:
        what = {ids.DOWNLOAD_CSV: "csv", ids.DOWNLOAD_TIMELINE: "timeline"}.get(
            str(ctx.triggered_id), "map"
        )
        return download(state, query, what)


_LOADING_TRIGGERS: Final = (None, ids.URL, ids.DATA_VERSION)


def warm(state: AppState) -> None:
    """Compute the first page of the default view, so that the first visitor gets it at once."""
    state.warm()
    update(state, "", None, Controls())


def update(
    state: AppState,
    search: str | None,
    trigger: str | None,
    controls: Controls,
    *,
    page: int = 0,
    timeline_click: dict[str, Any] | None = None,
    relayout: dict[str, Any] | None = None,
    map_click: dict[str, Any] | None = None,
    active_cell: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What one user action changes on the page, by output name ("search", "view", "timeline",
    "map", "rows", "pages", "page", "count", "selection", "detail", "pick", and
    "component.prop" for the controls); outputs left out stay as they are.

    The timeline is redrawn when the view less its window changed, on page load, or when a
    zoom changes what a large view draws (counts or events); a zoom on a small view only
    filters the map and the table (plotly already shows it). Events told by several articles
    are one row unless the view shows every report (``reports=all`` in the URL). The table
    is in date order, or in the view's ``sort`` (a click on a column's sort arrow: kept in the
    URL, and the table goes back to its first page).
    """
    lane_default = state.settings.lane
    old = View.from_query(search, lane_default=lane_default)
    loading = trigger in _LOADING_TRIGGERS
    if loading:  # a page load (or new data): the same for every visitor, once per version
        return state.cached(
            ("page", search or ""), lambda: _update(state, search, trigger, controls)
        )
    merged = not old.every_report
    if trigger == ids.TABLE + ".page":
        query = old.to_query(lane_default=lane_default)
        return {
            "rows": render_table(state, query, page, merged=merged, order=table_order(old.sort))
        }
    if trigger == ids.TABLE + ".sort":  # a new order, kept in the URL, from the first page
        view = replace(old, sort=sort_text(controls.sort_by))
        if view == old:
            raise PreventUpdate
        query = view.to_query(lane_default=lane_default)
        rows = render_table(state, query, 0, merged=merged, order=table_order(view.sort))
        return {"search": "?" + query if query else "", "view": query, "rows": rows, "page": 0}
    return _update(
        state, search, trigger, controls, timeline_click=timeline_click,
        relayout=relayout, map_click=map_click, active_cell=active_cell,
    )  # fmt: skip


def _update(
    state: AppState,
    search: str | None,
    trigger: str | None,
    controls: Controls,
    *,
    timeline_click: dict[str, Any] | None = None,
    relayout: dict[str, Any] | None = None,
    map_click: dict[str, Any] | None = None,
    active_cell: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """:func:`update` past the page-load cache and the table's paging."""
    lane_default = state.settings.lane
    old = View.from_query(search, lane_default=lane_default)
    loading = trigger in _LOADING_TRIGGERS
    view, redraw = sync_view(
        search, ids.URL if trigger == ids.DATA_VERSION else trigger, controls,
        lane_default=lane_default, timeline_click=timeline_click, relayout=relayout,
        map_click=map_click, active_cell=active_cell,
    )  # fmt: skip
    if trigger == ids.TIMELINE and timeline_click:
        # a click lands on the zoom the user sees, which the URL may not hold yet (the
        # zoom's own request still on its way): keep that zoom with the selection
        seen = _window(relayout)
        if not isinstance(seen, str):  # "keep": no zoom of its own
            view = replace(view, window=seen)
    merged = not view.every_report
    if trigger in (None, ids.URL) and view.window is None and "window=" not in (search or ""):
        focus = initial_window(state, view, merged=merged)
        if focus is not None:
            view = replace(view, window=(focus[0].to_pydatetime(), focus[1].to_pydatetime()))
    if not loading and view == old:
        raise PreventUpdate
    query = view.to_query(lane_default=lane_default)
    new_search = "?" + query if query else ""
    result: dict[str, Any] = {"view": query}
    if new_search != (search or ""):
        result["search"] = new_search
    if redraw:
        controls_shown = Controls.of(view)
        for (component, prop), value in zip(_CONTROL_OUTPUTS, astuple(controls_shown), strict=True):
            result[f"{component}.{prop}"] = value
    same_but_window = replace(old, window=None, sort="") == replace(view, window=None, sort="")
    timeline_query = replace(view, window=None, sort="").to_query(lane_default=lane_default)
    large = state.shown(view, merged, window=False, place=True).num_rows > RAW_UP_TO
    if loading or not same_but_window or large:
        result["timeline"] = render_timeline(state, timeline_query, view.window, merged=merged)
    panel = render_panel(state, query, merged=merged, order=table_order(view.sort))
    undated = undated_article(state, query)
    result.update(
        map=panel.map, rows=panel.rows, pages=panel.pages, page=0, count=panel.count,
        selection=panel.selection, detail=panel.detail,
    )  # fmt: skip
    if undated:
        result["pick"] = undated
    return result
