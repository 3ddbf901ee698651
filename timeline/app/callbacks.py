"""The dashboard's callbacks: each decodes its inputs, calls filters/figures, and returns.

The logic lives in plain functions of an :class:`AppState` and a URL query string
(``sync_view``, ``render_timeline``, ``render_panel``, ``download``, ``add_upload``,
``add_pasted``), so tests and the benchmark call them without a server. ``register`` wires
them to Dash. The events stay here on the server; the browser holds only the view's query string.
Adding articles runs in the background: see :mod:`timeline.app.jobs`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import dash
import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, State, ctx, no_update

from timeline.app import ids, jobs, layout
from timeline.app.state import AppState
from timeline.export.charts import figure_html
from timeline.figures import map_figure, timeline_figure
from timeline.filters import View, filter_events, parse_date
from timeline.schema import Col
from timeline.store import events_to_csv

__all__ = [
    "MAX_ROWS",
    "AppState",
    "Controls",
    "Panel",
    "add_pasted",
    "add_upload",
    "download",
    "event_counts",
    "register",
    "render_panel",
    "render_timeline",
    "sync_view",
    "table_rows",
    "undated_article",
]

MAX_ROWS: Final = 1000  # rows sent to the table; the CSV download holds every event in view


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
        return replace(view, place=None if place == view.place else place), False
    if trigger == ids.TIMELINE + ".relayout":
        window = _window(relayout)
        return (view if window == "keep" else replace(view, window=window)), False  # type: ignore[arg-type]
    return controls.apply(view), False


def _view(query: str | None, state: AppState) -> View:
    """The view of a stored query string."""
    return View.from_query(query, lane_default=state.settings.lane)


def render_timeline(
    state: AppState, query: str | None, window: tuple[dt.datetime, dt.datetime] | None = None
) -> go.Figure:
    """The timeline of the events in view (every filter and the place; not the time window),
    showing `window` (the user's zoom, kept across a redraw) or else its densest period."""
    view = _view(query, state)
    events = filter_events(state.events, view, mentions=state.mentions, window=False)
    return timeline_figure(events, lane=view.lane, selected=view.event, window=window)


@dataclass(frozen=True)
class Panel:
    """What the map, table, counters and detail show for one view."""

    map: go.Figure
    rows: list[dict[str, Any]]
    count: str
    selection: str
    detail: list[Any]


def table_rows(events: pd.DataFrame, limit: int = MAX_ROWS) -> list[dict[str, Any]]:
    """The table's rows (plain JSON values, ``id`` = event_id), in date order, at most `limit`."""
    shown = events.sort_values(Col.START, kind="stable").head(limit)
    rows = []
    for event in shown.to_dict(orient="records"):
        row = {column: _cell(event.get(column)) for column, _ in layout.TABLE_COLUMNS}
        row["date"] = layout._label(event[Col.START], event[Col.END], event[Col.PRECISION])
        row["id"] = event[Col.EVENT_ID]
        rows.append(row)
    return rows


def _cell(value: object) -> object:
    """A table cell: None for missing, text otherwise."""
    return (
        None
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))
        else str(value)
    )


def render_panel(state: AppState, query: str | None) -> Panel:
    """The map (every filter and the time window; not the clicked place), the table (all of
    them), the counters and the selected event's detail."""
    view = _view(query, state)
    mapped = filter_events(state.events, view, mentions=state.mentions, place=False)
    in_view = filter_events(mapped, replace(view, window=None), mentions=state.mentions)
    figure = map_figure(
        mapped, selected=view.event, mentions=state.mentions, datelines=state.datelines()
    )
    shown = f"{len(in_view):,} of {len(state.events):,} events in view"
    if len(in_view) > MAX_ROWS:
        shown += f" (table: first {MAX_ROWS:,}; the CSV has all)"
    picks = []
    if view.window:
        picks.append(f"time {view.window[0]:%Y-%m-%d} to {view.window[1]:%Y-%m-%d}")
    if view.place:
        picks.append(f"place {view.place}")
    selection = ("Selected: " + ", ".join(picks)) if picks else ""
    return Panel(figure, table_rows(in_view), shown, selection, _detail(state, view.event))


def _detail(state: AppState, event_id: str | None) -> list[Any]:
    """The detail panel of one event, or the hint when none is selected (or it is gone)."""
    if not event_id:
        return layout.empty_detail()
    match = state.events[state.events[Col.EVENT_ID] == event_id]
    if match.empty:
        return layout.empty_detail()
    event = {str(key): value for key, value in match.iloc[0].to_dict().items()}
    mentions = state.mentions[state.mentions[Col.EVENT_ID] == event_id]
    article = state.articles.get(str(event.get(Col.DOC_ID)))
    return layout.detail_panel(event, mentions if not state.mentions.empty else None, article)


def download(state: AppState, query: str | None, what: str) -> dict[str, Any]:
    """A dcc.Download payload: "csv" (the events in view, spreadsheet-safe), "timeline" or "map"
    (standalone HTML, no network needed)."""
    view = _view(query, state)
    if what == "csv":
        events = filter_events(state.events, view, mentions=state.mentions)
        return {"content": events_to_csv(events), "filename": "events.csv", "type": "text/csv"}
    figure = render_timeline(state, query) if what == "timeline" else render_panel(state, query).map
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
    rows = state.events.loc[state.events[Col.EVENT_ID] == event_id, Col.DOC_ID]
    article = state.articles.get(str(rows.iloc[0])) if len(rows) else None
    return article.doc_id if article is not None and article.published is None else None


def event_counts(state: AppState) -> dict[str, int]:
    """The number of events of each article, by doc_id."""
    return {str(k): int(v) for k, v in state.events[Col.DOC_ID].value_counts().items()}


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
)


def _store_outputs(
    view: View, search: str | None, lane_default: str, *, loading: bool
) -> tuple[Any, Any, Any]:
    """(URL search, view store, timeline store) for a view, with no_update where unchanged
    (the timeline store is always set when the page loads)."""
    query = view.to_query(lane_default=lane_default)
    old = View.from_query(search, lane_default=lane_default)
    new_search = "?" + query if query else ""
    timeline_query = replace(view, window=None).to_query(lane_default=lane_default)
    timeline_changed = replace(old, window=None) != replace(view, window=None)
    return (
        new_search if new_search != (search or "") else no_update,
        query,
        timeline_query if timeline_changed or loading else no_update,
    )


def register(app: dash.Dash, state: AppState) -> None:
    """Wire the logic functions to the app's components."""
    lane_default = state.settings.lane

    @app.callback(
        Output(ids.URL, "search"),
        Output(ids.VIEW, "data"),
        Output(ids.TIMELINE_VIEW, "data"),
        *[Output(component, prop) for component, prop in _CONTROL_OUTPUTS],
        Input(ids.URL, "search"),
        *[Input(component, prop) for component, prop in _CONTROL_OUTPUTS],
        Input(ids.TIMELINE, "clickData"),
        Input(ids.TIMELINE, "relayoutData"),
        Input(ids.MAP, "clickData"),
        Input(ids.TABLE, "active_cell"),
        Input(ids.CLEAR, "n_clicks"),
    )
    def _sync(search: str | None, *values: Any) -> tuple[Any, ...]:
        controls = Controls(*values[: len(_CONTROL_OUTPUTS)])
        click, relayout, map_click, cell, _ = values[len(_CONTROL_OUTPUTS) :]
        prop = ctx.triggered[0]["prop_id"] if ctx.triggered_id is not None else ""
        trigger = ctx.triggered_id
        if prop == f"{ids.TIMELINE}.relayoutData":
            trigger = ids.TIMELINE + ".relayout"
        view, redraw = sync_view(
            search, trigger, controls, lane_default=lane_default, timeline_click=click,
            relayout=relayout, map_click=map_click, active_cell=cell,
        )  # fmt: skip
        shown = Controls.of(view)
        control_values = (
            [shown.start_date, shown.end_date, shown.actors, shown.countries, shown.places,
             shown.precisions, shown.date_sources, shown.text, shown.lane]
            if redraw else [no_update] * len(_CONTROL_OUTPUTS)
        )  # fmt: skip
        loading = trigger is None or trigger == ids.URL
        return (*_store_outputs(view, search, lane_default, loading=loading), *control_values)

    # on a narrow screen the filters start folded away, so the charts come first
    app.clientside_callback(  # type: ignore[no-untyped-call]
        f"function(_) {{ return window.innerWidth > {ids.NARROW_PX}; }}",
        Output(ids.SIDEBAR, "open"),
        Input(ids.URL, "pathname"),
    )

    @app.callback(
        Output(ids.TIMELINE, "figure"),
        Input(ids.TIMELINE_VIEW, "data"),
        Input(ids.DATA_VERSION, "data"),
        State(ids.VIEW, "data"),
    )
    def _timeline(query: str | None, _version: int, full: str | None) -> go.Figure:
        return render_timeline(state, query, _view(full, state).window)

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.TABLE, "data"),
        Output(ids.COUNT, "children"),
        Output(ids.SELECTION, "children"),
        Output(ids.DETAIL, "children"),
        Output(ids.ARTICLE_PICK, "value"),
        Input(ids.VIEW, "data"),
        Input(ids.DATA_VERSION, "data"),
    )
    def _panel(query: str | None, _version: int) -> tuple[Any, ...]:
        panel = render_panel(state, query)
        undated = undated_article(state, query)
        return (
            panel.map, panel.rows, panel.count, panel.selection, panel.detail,
            undated if undated else no_update,
        )  # fmt: skip

    @app.callback(
        Output(ids.ACTORS, "options"),
        Output(ids.COUNTRIES, "options"),
        Output(ids.PLACES, "options"),
        Input(ids.DATA_VERSION, "data"),
        prevent_initial_call=True,
    )
    def _options(_version: int) -> tuple[list[str], list[str], list[str]]:
        names = state.names()
        return names[Col.ACTORS], names[Col.COUNTRIES], names[Col.PLACES]

    @app.callback(
        Output(ids.ARTICLE_LIST, "children"),
        Output(ids.ARTICLE_PICK, "options"),
        Output(ids.ARTICLE_PICK, "value", allow_duplicate=True),
        Input(ids.DATA_VERSION, "data"),
        State(ids.ARTICLE_PICK, "value"),
        prevent_initial_call=True,
    )
    def _articles(_version: int, picked: str | None) -> tuple[Any, ...]:
        options = layout.article_options(state.articles)
        return (
            layout.article_list(state.articles, event_counts(state)),
            layout.dropdown_options(options),
            layout.article_to_date(options, picked),
        )

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
