"""The dashboard's components: pure functions that return Dash components (no callbacks here)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
from dash import dash_table, dcc, html

from timeline.app import ids
from timeline.article import Article
from timeline.config import LANES
from timeline.figures import BOUNDARY_NOTE, MAP_HEIGHT, PLOT_CONFIG
from timeline.schema import DATE_SOURCES, PRECISIONS, Col

__all__ = [
    "TABLE_COLUMNS",
    "build_layout",
    "describe_resolution",
    "detail_panel",
    "highlight_spans",
]

TABLE_COLUMNS: Final = (
    ("date", "Date (resolved)"),
    (Col.PRECISION, "Precision"),
    (Col.DATE_TEXT, "As written"),
    (Col.DATE_SOURCE, "Date from"),
    (Col.ACTORS, "Actors"),
    (Col.PLACE, "Place"),
    (Col.SENTENCE, "Sentence"),
    (Col.TITLE, "Article"),
)
_LANE_LABELS: Final = {"actor": "Actor", "country": "Country", "article": "Article"}
_SOURCE_LABELS: Final = {
    "explicit": "written in the sentence",
    "context": "carried over from context",
    "published": "publication date",
}
_YEAR: Final = re.compile(r"\b\d{3,4}\b")


def build_layout(
    *,
    actors: Sequence[str],
    countries: Sequence[str],
    places: Sequence[str],
    lane: str,
    topojson_url: str,
    extractor_status: str = "",
) -> html.Div:
    """The whole page: filters on the left, timeline, map, detail and table on the right."""
    graph_config: Any = {**PLOT_CONFIG, "topojsonURL": topojson_url, "scrollZoom": False}
    return html.Div(
        className="tl-page",
        children=[
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.VIEW),
            dcc.Store(id=ids.TIMELINE_VIEW),
            dcc.Store(id=ids.DATA_VERSION, data=0),
            dcc.Download(id=ids.DOWNLOAD),
            html.Header(
                className="tl-header",
                children=[
                    html.H1("timeline"),
                    html.Span(id=ids.COUNT, className="tl-count"),
                    html.Span(id=ids.SELECTION, className="tl-selection"),
                    html.Span(
                        f"Entities: {extractor_status}" if extractor_status else "",
                        className="tl-status",
                        title="Which named-entity recogniser extracts people and places",
                    ),
                    html.Button("Clear selection", id=ids.CLEAR, className="tl-button"),
                ],
            ),
            html.Div(
                className="tl-body",
                children=[
                    _sidebar(actors, countries, places, lane),
                    html.Main(
                        className="tl-main",
                        children=[
                            dcc.Graph(id=ids.TIMELINE, config=graph_config, className="tl-graph"),
                            html.Div(
                                className="tl-row",
                                children=[
                                    html.Div(
                                        className="tl-map",
                                        children=[
                                            dcc.Graph(
                                                id=ids.MAP,
                                                config=graph_config,
                                                # a responsive graph takes its container's
                                                # height: without one it collapses
                                                style={"height": f"{MAP_HEIGHT}px"},
                                            ),
                                            html.P(BOUNDARY_NOTE, className="tl-note"),
                                        ],
                                    ),
                                    html.Div(
                                        id=ids.DETAIL,
                                        className="tl-detail",
                                        children=empty_detail(),
                                    ),
                                ],
                            ),
                            _table(),
                        ],
                    ),
                ],
            ),
        ],
    )


def _sidebar(
    actors: Sequence[str], countries: Sequence[str], places: Sequence[str], lane: str
) -> html.Aside:
    """Filters, downloads and the add-articles box."""
    return html.Aside(
        className="tl-sidebar",
        children=[
            html.H2("Lanes"),
            dcc.RadioItems(
                id=ids.LANE,
                options=[{"label": _LANE_LABELS[name], "value": name} for name in LANES],
                value=lane,
                inline=True,
            ),
            html.H2("Filters"),
            html.Label("Dates"),
            dcc.DatePickerRange(
                id=ids.DATE_RANGE,
                clearable=True,
                display_format="YYYY-MM-DD",
                start_date_placeholder_text="from",
                end_date_placeholder_text="to",
            ),
            html.Label("Actors"),
            dcc.Dropdown(id=ids.ACTORS, options=list(actors), multi=True, placeholder="any"),
            html.Label("Countries"),
            dcc.Dropdown(id=ids.COUNTRIES, options=list(countries), multi=True, placeholder="any"),
            html.Label("Places"),
            dcc.Dropdown(id=ids.PLACES, options=list(places), multi=True, placeholder="any"),
            html.Label("Precision"),
            dcc.Dropdown(
                id=ids.PRECISIONS, options=list(PRECISIONS), multi=True, placeholder="any"
            ),
            html.Label("Date from"),
            dcc.Checklist(
                id=ids.DATE_SOURCES,
                options=[{"label": _SOURCE_LABELS[s], "value": s} for s in DATE_SOURCES],
                value=[],
            ),
            html.Label("Search"),
            dcc.Input(
                id=ids.TEXT,
                type="search",
                debounce=True,
                placeholder="words in the sentence",
                className="tl-input",
            ),
            html.H2("Download"),
            html.Div(
                className="tl-buttons",
                children=[
                    html.Button("Events in view (CSV)", id=ids.DOWNLOAD_CSV, className="tl-button"),
                    html.Button("Timeline (HTML)", id=ids.DOWNLOAD_TIMELINE, className="tl-button"),
                    html.Button("Map (HTML)", id=ids.DOWNLOAD_MAP, className="tl-button"),
                ],
            ),
            html.H2("Add articles"),
            dcc.Textarea(
                id=ids.ADD_TEXT, placeholder="Paste an article's text…", className="tl-textarea"
            ),
            html.Button("Add pasted text", id=ids.ADD_TEXT_BUTTON, className="tl-button"),
            dcc.Upload(
                id=ids.UPLOAD,
                multiple=True,
                accept=".txt,.md,.html,.htm,.json,.csv",
                className="tl-upload",
                children=html.Div(
                    ["Drop files or ", html.A("choose"), " (.txt .md .html .json .csv)"]
                ),
            ),
            html.Div(id=ids.ADD_ALERT, role="status"),
        ],
    )


def _table() -> Any:
    """The events in view: sortable, filterable, one page at a time."""
    # Dash 4 deprecates DataTable in favour of dash-ag-grid, which is not a dependency (yet):
    # it still works and ships with dash.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return _data_table()


def _data_table() -> Any:
    """The DataTable itself."""
    return dash_table.DataTable(  # type: ignore[attr-defined]
        id=ids.TABLE,
        columns=[{"name": label, "id": column} for column, label in TABLE_COLUMNS],
        data=[],
        sort_action="native",
        filter_action="native",
        page_action="native",
        page_size=12,
        style_table={"overflowX": "auto"},
        style_cell={
            "textAlign": "left",
            "whiteSpace": "normal",
            "height": "auto",
            "fontSize": 13,
            "fontFamily": "inherit",
            "maxWidth": 420,
            "padding": "4px 6px",
        },
        style_header={"fontWeight": "600", "backgroundColor": "#f4f5f7"},
        css=[
            {"selector": ".dash-spreadsheet td.focused", "rule": "background: #fff7e0 !important"}
        ],
    )


def alert(message: str, *, ok: bool) -> html.Div:
    """A message box for the add-articles result."""
    return html.Div(
        message,
        className="tl-alert tl-alert-ok" if ok else "tl-alert tl-alert-error",
        role="alert",
    )


def empty_detail() -> list[Any]:
    """The detail panel before anything is selected."""
    return [html.H3("Event"), html.P("Click an event on the timeline or in the table.")]


def _label(start: object, end: object, precision: object) -> str:
    """A resolved date as text: '2023-09-13' or '1948-01-01 to 1948-12-31'."""
    if not isinstance(start, pd.Timestamp) or pd.isna(start):
        return "unresolved"
    first = start.strftime("%Y-%m-%d %H:%M" if precision == "time" else "%Y-%m-%d")
    if not isinstance(end, pd.Timestamp) or pd.isna(end) or precision in ("day", "time"):
        return first
    last = (end - pd.Timedelta(seconds=1)).strftime("%Y-%m-%d")
    return first if last == first else f"{first} to {last}"


def describe_resolution(event: dict[str, Any]) -> str:
    """How the date was resolved, in words.

    >>> import pandas as pd
    >>> describe_resolution({"date_text": "on Wednesday", "start": pd.Timestamp("2023-09-13"),
    ...     "end": pd.Timestamp("2023-09-14"), "precision": "day", "date_source": "explicit",
    ...     "published": pd.Timestamp("2023-09-13")})
    '"on Wednesday" → 2023-09-13 (day), relative to the publication date 2023-09-13'
    """
    resolved = _label(event.get(Col.START), event.get(Col.END), event.get(Col.PRECISION))
    precision = event.get(Col.PRECISION) or "?"
    written = event.get(Col.DATE_TEXT)
    published = event.get(Col.PUBLISHED)
    published_text = (
        published.strftime("%Y-%m-%d")
        if isinstance(published, pd.Timestamp) and not pd.isna(published)
        else "unknown"
    )
    source = event.get(Col.DATE_SOURCE)
    if source == "published" or not isinstance(written, str) or not written:
        return f"No date in the sentence: the publication date {published_text} ({precision})"
    head = f'"{written}" → {resolved} ({precision})'
    if source == "context":
        return f"{head}, carried over from an earlier sentence: this one has no date of its own"
    if _YEAR.search(written):
        return f"{head}, written in full"
    return f"{head}, relative to the publication date {published_text}"


def highlight_spans(
    event: dict[str, Any], mentions: pd.DataFrame | None
) -> list[tuple[int, int, str]]:
    """(start, end, kind) spans inside the sentence: the date, actors and places.

    Offsets are the article's, made relative to the sentence's char_start. Without a mentions
    table, actors and places are found by name in the sentence.
    """
    sentence = str(event.get(Col.SENTENCE) or "")
    base = int(event.get(Col.CHAR_START) or 0)
    spans: list[tuple[int, int, str]] = []
    date_start, date_end = event.get(Col.DATE_CHAR_START), event.get(Col.DATE_CHAR_END)
    if isinstance(date_start, int | np.integer) and isinstance(date_end, int | np.integer):
        spans.append((int(date_start) - base, int(date_end) - base, "date"))
    if mentions is not None and not mentions.empty:
        for mention_kind, start, end in mentions[
            [Col.KIND, Col.CHAR_START, Col.CHAR_END]
        ].to_numpy():
            kind = "actor" if mention_kind in ("person", "organization") else "place"
            spans.append((int(start) - base, int(end) - base, kind))
    else:
        for column, kind in ((Col.ACTORS, "actor"), (Col.PLACES, "place")):
            for name in str(event.get(column) or "").split("; "):
                at = sentence.find(name) if name else -1
                if at >= 0:
                    spans.append((at, at + len(name), kind))
    inside = [(s, e, k) for s, e, k in spans if 0 <= s < e <= len(sentence)]
    kept: list[tuple[int, int, str]] = []
    for span in sorted(inside, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not kept or span[0] >= kept[-1][1]:  # overlaps: the earlier, longer span wins
            kept.append(span)
    return kept


def _highlighted(sentence: str, spans: list[tuple[int, int, str]]) -> list[Any]:
    """The sentence as text and <mark> elements."""
    parts: list[Any] = []
    at = 0
    for start, end, kind in spans:
        if start > at:
            parts.append(sentence[at:start])
        parts.append(html.Mark(sentence[start:end], className=f"hl hl-{kind}", title=kind))
        at = end
    parts.append(sentence[at:])
    return parts


def detail_panel(
    event: dict[str, Any], mentions: pd.DataFrame | None, article: Article | None
) -> list[Any]:
    """The selected event: its highlighted sentence, how its date was resolved, its article."""
    sentence = str(event.get(Col.SENTENCE) or "")
    published = event.get(Col.PUBLISHED)
    facts = [
        ("Date", describe_resolution(event)),
        ("Date from", _SOURCE_LABELS.get(str(event.get(Col.DATE_SOURCE)), "?")),
        ("Actors", event.get(Col.ACTORS) or "none named"),
        ("Places", event.get(Col.PLACES) or event.get(Col.PLACE) or "none found"),
        ("Article", event.get(Col.TITLE) or (article.title if article else None) or "untitled"),
        ("Source", event.get(Col.SOURCE) or (article.source if article else None) or "unknown"),
        (
            "Published",
            published.strftime("%Y-%m-%d")
            if isinstance(published, pd.Timestamp) and not pd.isna(published)
            else "unknown",
        ),
    ]
    if article is not None and article.url:
        facts.append(("URL", article.url))
    children: list[Any] = [
        html.H3("Event"),
        html.Blockquote(
            _highlighted(sentence, highlight_spans(event, mentions)), className="tl-sentence"
        ),
        html.P(
            className="tl-legend",
            children=[
                html.Mark("date", className="hl hl-date"),
                " ",
                html.Mark("actor", className="hl hl-actor"),
                " ",
                html.Mark("place", className="hl hl-place"),
            ],
        ),
        html.Dl([item for key, value in facts for item in (html.Dt(key), html.Dd(str(value)))]),
    ]
    if article is not None:
        children.append(
            html.Details(
                [
                    html.Summary("Read the whole article"),
                    html.Div(article.text, className="tl-article"),
                ],
                className="tl-article-box",
            )
        )
    else:
        children.append(html.P("The article's text is not loaded.", className="tl-note"))
    return children
