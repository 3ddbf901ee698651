"""The dashboard's components: pure functions that return Dash components (no callbacks here)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
from dash import dash_table, dcc, html

from timeline.app import ids
from timeline.app.text import plain_name
from timeline.article import Article
from timeline.config import LANES
from timeline.figures import BOUNDARY_NOTE, MAP_HEIGHT, PLOT_CONFIG
from timeline.ingest import ARTICLE_SUFFIXES
from timeline.schema import DATE_SOURCES, PRECISIONS, Col

__all__ = [
    "PUBLISHED_LABELS",
    "SEARCH_PLACEHOLDER",
    "TABLE_COLUMNS",
    "alert",
    "article_list",
    "article_options",
    "article_summary",
    "article_to_date",
    "articles_section",
    "build_layout",
    "describe_resolution",
    "detail_panel",
    "dropdown_options",
    "empty_detail",
    "filter_options",
    "highlight_spans",
    "refused_note",
    "sources_list",
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
    ("sources", "Sources"),  # "3 sources" when several articles tell the event
)
_LANE_LABELS: Final = {"actor": "Actor", "country": "Country", "article": "Article"}
_SOURCE_LABELS: Final = {
    "explicit": "written in the sentence",
    "context": "carried over from context",
    "published": "publication date",
}
_YEAR: Final = re.compile(r"\b\d{3,4}\b")
# what the search box looks in: timeline.filters.by_text (the event's own words, not the title)
SEARCH_PLACEHOLDER: Final = "sentence, name or place"
_SEARCH_HELP: Final = (
    "Finds the events whose sentence, date as written, actors, countries or places contain these "
    "words (any case); not the article's title"
)
PUBLISHED_LABELS: Final = {
    "given": "given by you",
    "metadata": "from the file's metadata",
    "dateline": "from the dateline",
    "dateline+year": "from the dateline, its year from the text",
    "filename": "from the file name",
    "none": "none found",
}
_UNDATED_NOTE: Final = (
    "No publication date found: relative dates in this article (“on Wednesday”) stay unresolved."
)
_LIST_LIMIT: Final = 200  # articles listed; undated ones first
_LOADING: Final[dict[str, Any]] = {  # a spinner over the old figure, only when work takes a while
    "type": "circle",
    "delay_show": 400,
    "overlay_style": {"visibility": "visible", "opacity": 0.6},
    "color": "#1f4e8c",
}


def build_layout(
    *,
    actors: Sequence[str],
    countries: Sequence[str],
    places: Sequence[str],
    lane: str,
    topojson_url: str,
    extractor_status: str = "",
    max_file_bytes: int = 5_000_000,
    version: int = 0,
    articles: Mapping[str, Article] | None = None,
    first: Mapping[str, Any] | None = None,
    articles_part: html.Section | None = None,
) -> html.Div:
    """The whole page: filters on the left, timeline, map, detail and table on the right, the
    articles below. Built at each page load, so the options are those of the data then.

    `first` is what the page shows before any callback (the outputs of
    ``callbacks.update`` for a URL without a query: "view", "timeline", "map", "rows",
    "pages", "count", "selection", "detail"): the browser draws it without a round trip,
    and the page-load callback leaves it be when the URL asks for that view.
    `articles_part` is :func:`articles_section` of `articles`, when the caller keeps it.
    """
    graph_config: Any = {**PLOT_CONFIG, "topojsonURL": topojson_url, "scrollZoom": False}
    shown = dict(first or {})
    return html.Div(
        className="tl-page",
        children=[
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.VIEW, data=shown.get("view")),
            dcc.Store(id=ids.DRAWN, data="" if first is not None else None),
            dcc.Store(id=ids.ZOOM),
            dcc.Store(id=ids.DATA_VERSION, data=version),
            dcc.Store(id=ids.OPTIONS, data=filter_options(actors, countries, places)),
            dcc.Store(id=ids.PAINTED, data=False),
            dcc.Store(id=ids.JOB_RESULT),
            dcc.Store(id=ids.JOB_DONE),
            dcc.Store(id=ids.UPLOAD_BATCH),
            dcc.Store(id=ids.UPLOAD_REFUSED),
            dcc.Download(id=ids.DOWNLOAD),
            html.Header(
                className="tl-header",
                children=[
                    html.H1("timeline"),
                    html.Span(shown.get("count"), id=ids.COUNT, className="tl-count"),
                    html.Span(shown.get("selection"), id=ids.SELECTION, className="tl-selection"),
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
                    _sidebar(actors, countries, places, lane, max_file_bytes),
                    html.Main(
                        className="tl-main",
                        children=[
                            dcc.Loading(
                                dcc.Graph(
                                    id=ids.TIMELINE,
                                    figure=shown.get("timeline"),
                                    config=graph_config,
                                    className="tl-graph",
                                ),
                                **_LOADING,
                            ),
                            html.Div(
                                className="tl-row",
                                children=[
                                    html.Div(
                                        className="tl-map",
                                        children=[
                                            dcc.Loading(
                                                dcc.Graph(
                                                    id=ids.MAP,
                                                    figure=shown.get("map"),
                                                    config=graph_config,
                                                    # a responsive graph takes its container's
                                                    # height: without one it collapses
                                                    style={"height": f"{MAP_HEIGHT}px"},
                                                ),
                                                **_LOADING,
                                            ),
                                            html.P(BOUNDARY_NOTE, className="tl-note"),
                                        ],
                                    ),
                                    html.Div(
                                        id=ids.DETAIL,
                                        className="tl-detail",
                                        children=shown.get("detail") or empty_detail(),
                                    ),
                                ],
                            ),
                            _table(shown.get("rows") or [], shown.get("pages") or 1),
                            articles_part or articles_section(articles or {}),
                        ],
                    ),
                ],
            ),
        ],
    )


def _sidebar(
    actors: Sequence[str],
    countries: Sequence[str],
    places: Sequence[str],
    lane: str,
    max_file_bytes: int,
) -> html.Aside:
    """Filters, downloads and the add-articles box."""
    return html.Aside(
        className="tl-sidebar",
        children=html.Details(
            id=ids.SIDEBAR,
            open=True,  # closed at load on narrow screens (a clientside callback)
            className="tl-sidebar-box",
            children=[
                html.Summary("Filters, downloads, add articles", className="tl-sidebar-toggle"),
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
                # options from the OPTIONS store once the charts are drawn (callbacks.register)
                dcc.Dropdown(id=ids.ACTORS, options=[], multi=True, placeholder="any"),
                html.Label("Countries"),
                dcc.Dropdown(id=ids.COUNTRIES, options=[], multi=True, placeholder="any"),
                html.Label("Places"),
                dcc.Dropdown(id=ids.PLACES, options=[], multi=True, placeholder="any"),
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
                html.Label("Search events", htmlFor=ids.TEXT, title=_SEARCH_HELP),
                dcc.Input(
                    id=ids.TEXT,
                    type="search",
                    debounce=True,
                    placeholder=SEARCH_PLACEHOLDER,
                    className="tl-input",
                ),
                dcc.Checklist(
                    id=ids.REPORTS,
                    options=[
                        {
                            "label": " show every report (the same event told by several "
                            "articles is one row by default)",
                            "value": "all",
                        }
                    ],
                    value=[],
                    className="tl-reports",
                ),
                html.H2("Download"),
                html.Div(
                    className="tl-buttons",
                    children=[
                        html.Button(
                            "Events in view (CSV)", id=ids.DOWNLOAD_CSV, className="tl-button"
                        ),
                        html.Button(
                            "Timeline (HTML)", id=ids.DOWNLOAD_TIMELINE, className="tl-button"
                        ),
                        html.Button("Map (HTML)", id=ids.DOWNLOAD_MAP, className="tl-button"),
                    ],
                ),
                *_add_articles(max_file_bytes),
            ],
        ),
    )


def _add_articles(max_file_bytes: int) -> list[Any]:
    """The paste box (with its optional date), the upload box, and the running job's progress."""
    limit = f"{max_file_bytes / 1e6:g} MB"
    limit_attribute: dict[str, Any] = {"data-max-bytes": str(max_file_bytes)}
    return [
        html.H2("Add articles"),
        dcc.Textarea(
            id=ids.ADD_TEXT, placeholder="Paste an article's text…", className="tl-textarea"
        ),
        html.Label("Publication date (optional)", htmlFor=ids.ADD_DATE),
        dcc.DatePickerSingle(
            id=ids.ADD_DATE,
            display_format="YYYY-MM-DD",
            placeholder="from the text",
            clearable=True,
            className="tl-date",
        ),
        html.Button("Add pasted text", id=ids.ADD_TEXT_BUTTON, className="tl-button"),
        dcc.Upload(
            id=ids.UPLOAD,
            multiple=True,
            accept=",".join(ARTICLE_SUFFIXES),
            max_size=max_file_bytes,
            className="tl-upload",
            children=html.Div(
                [
                    "Drop files or ",
                    html.A("choose"),
                    f" ({' '.join(ARTICLE_SUFFIXES)}; at most {limit} each)",
                ]
            ),
        ),
        html.Div(id=ids.UPLOAD_LIMIT, hidden=True, **limit_attribute),
        html.Div(id=ids.UPLOAD_NOTE, role="status"),
        html.Div(
            id=ids.JOB_BOX,
            hidden=True,
            className="tl-job",
            children=[
                html.Progress(id=ids.PROGRESS, max=1, className="tl-progress"),
                html.Div(id=ids.PROGRESS_TEXT, className="tl-job-status", children="Starting…"),
                html.Button("Cancel", id=ids.CANCEL, className="tl-button tl-cancel"),
            ],
        ),
        html.Div(id=ids.ADD_ALERT, role="status"),
    ]


def _table(rows: list[dict[str, Any]], pages: int) -> Any:
    """The events in view: sortable, filterable, one page at a time."""
    # Dash 4 deprecates DataTable in favour of dash-ag-grid, which is not a dependency (yet):
    # it still works and ships with dash.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return _data_table(rows, pages)


def _data_table(rows: list[dict[str, Any]], pages: int) -> Any:
    """The DataTable itself, showing `rows` of `pages`."""
    return dash_table.DataTable(  # type: ignore[attr-defined]
        id=ids.TABLE,
        columns=[{"name": label, "id": column} for column, label in TABLE_COLUMNS],
        data=rows,
        # pages come from the store, one at a time (server-side paging): the view's filters
        # are the sidebar's, its order the date or the column sorted, over every page
        page_action="custom",
        sort_action="custom",
        sort_mode="single",
        sort_by=[],
        page_current=0,
        page_size=12,
        page_count=pages,
        style_table={"overflowX": "auto"},
        style_cell={
            "textAlign": "left",
            "whiteSpace": "normal",
            "height": "auto",
            "fontSize": 13,
            "fontFamily": "inherit",
            "maxWidth": 420,
            "minWidth": 80,  # on a phone the table scrolls in its box instead of squeezing
            "padding": "4px 6px",
        },
        style_cell_conditional=[{"if": {"column_id": Col.SENTENCE}, "minWidth": 240}],
        style_header={"fontWeight": "600", "backgroundColor": "#f4f5f7"},
        css=[
            {"selector": ".dash-spreadsheet td.focused", "rule": "background: #fff7e0 !important"}
        ],
    )


def alert(lines: Sequence[tuple[str, str]]) -> html.Div:
    """A message box for the add-articles result: one line per file, each with its level
    ("ok", "warning" or "error"); the box takes the worst level."""
    levels = [level for _, level in lines]
    worst = next((lvl for lvl in ("error", "warning") if lvl in levels), "ok")
    return html.Div(
        html.Ul([html.Li(text, className=f"tl-line-{level}") for text, level in lines]),
        className=f"tl-alert tl-alert-{worst}",
        role="alert",
    )


def refused_note(refused: Any, max_file_bytes: int) -> Any:
    """The files the browser did not send (over the size limit, or a request over the
    server's limit), as reported by assets/upload_limit.js; None when there are none."""
    if not isinstance(refused, dict):
        return None
    lines = []
    limit = f"{max_file_bytes:,}"
    for item in refused.get("files") or []:
        if isinstance(item, dict):
            name = plain_name(item.get("name", "?"))
            size = item.get("size")
            size_text = f"{int(size):,} bytes" if isinstance(size, int | float) else "too big"
            lines.append(
                (
                    f"{name} was not uploaded: {size_text}; the limit is {limit} bytes per file.",
                    "error",
                )
            )
    if refused.get("request"):
        lines.append(
            (
                str(
                    refused.get("message")
                    or "The upload was too large for the server: upload fewer files at a time."
                ),
                "error",
            )
        )
    return alert(lines) if lines else None


def articles_section(articles: Mapping[str, Article]) -> html.Section:
    """The articles section as the page comes: how many articles, and the form to set a missing
    publication date. The list of articles and the form's choices come once the charts are
    drawn (``callbacks.register``): 200 lines of the list were 400 components to render,
    and the choices a dropdown to index, before the charts could draw."""
    return html.Section(
        id=ids.ARTICLES,
        className="tl-articles",
        children=[
            html.H2("Articles"),
            html.Div(id=ids.ARTICLE_LIST, children=[article_summary(articles)]),
            html.Div(
                className="tl-date-form",
                children=[
                    html.Label("Set an article's publication date", htmlFor=ids.ARTICLE_PICK),
                    dcc.Dropdown(
                        id=ids.ARTICLE_PICK,
                        options=[],
                        placeholder="choose an article",
                        className="tl-article-pick",
                    ),
                    dcc.DatePickerSingle(
                        id=ids.ARTICLE_DATE,
                        display_format="YYYY-MM-DD",
                        placeholder="YYYY-MM-DD",
                        className="tl-date",
                    ),
                    html.Button(
                        "Set the date and extract again",
                        id=ids.SET_DATE_BUTTON,
                        className="tl-button",
                    ),
                ],
            ),
        ],
    )


def filter_options(
    actors: Sequence[str], countries: Sequence[str], places: Sequence[str]
) -> dict[str, list[str]]:
    """What the OPTIONS store holds: the names each name dropdown offers.

    >>> filter_options(["Putin"], ["Russia"], [])
    {'actors': ['Putin'], 'countries': ['Russia'], 'places': []}
    """
    return {"actors": list(actors), "countries": list(countries), "places": list(places)}


def article_to_date(options: list[dict[str, Any]], picked: str | None = None) -> str | None:
    """The article the date form offers: the one picked while it has no date, else the first
    without a date, else the one picked (if still there).

    >>> options = [{"value": "a", "undated": True}, {"value": "b", "undated": False}]
    >>> article_to_date(options), article_to_date(options, "b"), article_to_date(options[1:], "b")
    ('a', 'a', 'b')
    """
    undated = [o["value"] for o in options if o.get("undated")]
    if picked in undated or (picked and not undated and any(o["value"] == picked for o in options)):
        return picked
    return undated[0] if undated else None


def dropdown_options(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dropdown options without the private `undated` flag."""
    return [{"label": o["label"], "value": o["value"]} for o in options]


def article_options(articles: Mapping[str, Article]) -> list[dict[str, Any]]:
    """The articles as dropdown options, undated first ({"label", "value", "undated"})."""
    ordered = sorted(articles.values(), key=lambda a: (a.published is not None, _title(a)))
    return [
        {
            "label": f"{_title(a)} ({_published(a)})",
            "value": a.doc_id,
            "undated": a.published is None,
        }
        for a in ordered[:_LIST_LIMIT]
    ]


def _title(article: Article) -> str:
    """An article's name for people: its title, else its source, else its id."""
    return plain_name(article.title or article.source or article.doc_id, limit=120)


def _published(article: Article) -> str:
    """'2023-09-13, from the dateline' or 'no publication date'."""
    if article.published is None:
        return "no publication date"
    how = PUBLISHED_LABELS.get(article.published_source, article.published_source)
    return f"{article.published:%Y-%m-%d}, {how}"


def article_list(articles: Mapping[str, Article], counts: Mapping[str, int]) -> list[Any]:
    """A summary line and one line per article: title, source, date and where it came from,
    events; an article without a date says so."""
    if not articles:
        return [article_summary(articles)]
    ordered = sorted(articles.values(), key=lambda a: (a.published is not None, _title(a)))
    items = []
    for article in ordered[:_LIST_LIMIT]:
        # two components a line (the page renders 200 lines at load: each component costs
        # the browser about a millisecond), the rest plain text
        n = counts.get(article.doc_id, 0)
        source = f" · {plain_name(article.source)}" if article.source else ""
        facts = f"{source} · {n} event{'s' if n != 1 else ''} · "
        parts: list[Any] = [html.Span(_title(article), className="tl-article-title"), facts]
        if article.published is None:
            parts.append(html.Span("no publication date: set it below", className="tl-undated"))
        else:
            parts.append(f"published {_published(article)}")
        items.append(html.Li(parts, className="tl-article-item"))
    more = len(ordered) - _LIST_LIMIT
    tail = [html.P(f"… and {more:,} more.", className="tl-note")] if more > 0 else []
    return [article_summary(articles), html.Ul(items), *tail]


def article_summary(articles: Mapping[str, Article]) -> html.P:
    """How many articles there are, and how many have no publication date."""
    if not articles:
        return html.P("No articles loaded yet: paste or upload one.", className="tl-note")
    undated = sum(1 for a in articles.values() if a.published is None)
    summary = f"{len(articles):,} article{'s' if len(articles) != 1 else ''}"
    if undated:
        summary += f", {undated:,} without a publication date (their relative dates are unresolved)"
    return html.P(summary, className="tl-articles-summary")


def sources_list(sources: pd.DataFrame) -> html.Div:
    """The reports of one merged event, earliest first: title, publisher, date, sentence."""
    items = []
    for i, row in enumerate(sources.to_dict(orient="records")):
        published = row.get(Col.PUBLISHED)
        date = (
            f"{pd.Timestamp(published):%Y-%m-%d}"
            if published is not None and not pd.isna(published)
            else "no date"
        )
        title = plain_name(str(row.get(Col.TITLE) or row.get(Col.DOC_ID) or "untitled"))
        source = row.get(Col.SOURCE)
        head = f"{title} · {plain_name(str(source))} · {date}" if source else f"{title} · {date}"
        items.append(
            html.Li(
                [
                    html.Span(head + (" (earliest report)" if i == 0 else ""),
                              className="tl-article-title"),
                    html.Br(),
                    html.Span(str(row.get(Col.SENTENCE) or ""), className="tl-muted"),
                ]
            )
        )  # fmt: skip
    return html.Div(
        className="tl-sources",
        children=[html.H4(f"Told by {len(sources)} sources"), html.Ol(items)],
    )


def empty_detail() -> list[Any]:
    """The detail panel before anything is selected."""
    return [html.H3("Event"), html.P("Click an event on the timeline or in the table.")]


def _label(start: object, end: object, precision: object) -> str:
    """A resolved date as text: '2023-09-13', '1948-01-01 to 1948-12-31', and for a range of
    days (precision "day" over several days) '12–22 Jan 2024'.

    >>> _label(pd.Timestamp("2024-01-12"), pd.Timestamp("2024-01-23"), "day")
    '12–22 Jan 2024'
    >>> _label(pd.Timestamp("2024-01-30"), pd.Timestamp("2024-02-03"), "day")
    '30 Jan – 2 Feb 2024'
    >>> _label(pd.Timestamp("2023-09-13"), pd.Timestamp("2023-09-14"), "day")
    '2023-09-13'
    """
    if not isinstance(start, pd.Timestamp) or pd.isna(start):
        return "unresolved"
    first = start.strftime("%Y-%m-%d %H:%M" if precision == "time" else "%Y-%m-%d")
    if not isinstance(end, pd.Timestamp) or pd.isna(end) or precision == "time":
        return first
    last_day = end - pd.Timedelta(seconds=1)
    last = last_day.strftime("%Y-%m-%d")
    if last == first:
        return first
    if precision == "day":
        return _day_range(start, last_day)
    return f"{first} to {last}"


def _day_range(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """Two different days as a range: '12–22 Jan 2024', '30 Jan – 2 Feb 2024',
    '30 Dec 2023 – 2 Jan 2024'."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


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


def _published_fact(event: dict[str, Any], article: Article | None) -> str | list[Any]:
    """The publication date and where it came from; for an article without one, the warning
    and a link to the form that sets it."""
    published = event.get(Col.PUBLISHED)
    how = event.get(Col.PUBLISHED_SOURCE) or (article.published_source if article else None)
    if isinstance(published, pd.Timestamp) and not pd.isna(published):
        label = PUBLISHED_LABELS.get(str(how), "")
        return f"{published:%Y-%m-%d}" + (f" ({label})" if label else "")
    return [
        html.Span(_UNDATED_NOTE, className="tl-undated"),
        " ",
        html.A("Set it under Articles.", href=f"#{ids.ARTICLES}", className="tl-link"),
    ]


def detail_panel(
    event: dict[str, Any], mentions: pd.DataFrame | None, article: Article | None
) -> list[Any]:
    """The selected event: its highlighted sentence, how its date was resolved, its article."""
    sentence = str(event.get(Col.SENTENCE) or "")
    title = event.get(Col.TITLE) or (article.title if article else None) or "untitled"
    source = event.get(Col.SOURCE) or (article.source if article else None) or "unknown"
    facts: list[tuple[str, Any]] = [
        ("Date", describe_resolution(event)),
        ("Date from", _SOURCE_LABELS.get(str(event.get(Col.DATE_SOURCE)), "?")),
        ("Actors", event.get(Col.ACTORS) or "none named"),
        ("Places", event.get(Col.PLACES) or event.get(Col.PLACE) or "none found"),
        ("Article", plain_name(title)),
        ("Source", plain_name(source)),
        ("Published", _published_fact(event, article)),
    ]
    if article is not None and article.url:
        facts.append(("URL", plain_name(article.url, limit=400)))
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
        html.Dl(
            [
                item
                for key, value in facts
                for item in (
                    html.Dt(key),
                    html.Dd(value if isinstance(value, list) else str(value)),
                )
            ]
        ),
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
