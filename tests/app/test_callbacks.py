"""The dashboard's callback logic, called as plain functions (no server, no browser)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest
from plotly.utils import PlotlyJSONEncoder

from timeline.app import create_app, ids
from timeline.app.callbacks import (
    MAX_ROWS,
    AppState,
    Controls,
    add_pasted,
    add_upload,
    download,
    render_panel,
    render_timeline,
    sync_view,
    table_rows,
)
from timeline.app.layout import TABLE_COLUMNS, describe_resolution, highlight_spans
from timeline.extract.pipeline import Corpus
from timeline.filters import View, names_in
from timeline.schema import Col


def _event_ids(figure: Any) -> set[str]:
    return {
        str(row[0])
        for trace in figure.data
        if trace.meta.get("kind") != "selected"
        for row in trace.customdata
    }


def test_page_load_follows_the_url() -> None:
    view, redraw = sync_view("?q=Tuesday&lane=country", None, Controls())
    assert redraw and view.text == "Tuesday" and view.lane == "country"
    view, redraw = sync_view("", None, Controls(text="typed early"))
    assert not redraw  # an empty URL leaves the controls alone


def test_controls_update_the_view_and_keep_the_selection() -> None:
    view, redraw = sync_view(
        "?event=ev-1948", ids.ACTORS, Controls(actors=["Kim Jong Un"], start_date="2023-09-01")
    )
    assert not redraw
    assert view.actors == ("Kim Jong Un",) and view.event == "ev-1948"
    assert view.start == dt.datetime(2023, 9, 1)


def test_the_reports_switch_is_kept_in_the_url() -> None:
    view, redraw = sync_view("?q=Kim", ids.REPORTS, Controls(text="Kim", reports=["all"]))
    assert view == View(text="Kim", every_report=True) and not redraw
    assert view.to_query() == "q=Kim&reports=all"
    view, _ = sync_view("?q=Kim&reports=all", ids.REPORTS, Controls(text="Kim", reports=[]))
    assert not view.every_report  # switched off: gone from the URL
    # a page load at a shared URL sets the switch
    view, redraw = sync_view("?reports=all", None, Controls())
    assert view.every_report and redraw and Controls.of(view).reports == ["all"]


def test_every_report_from_the_url_unmerges_the_page(tmp_path: Any) -> None:
    from app.synthetic import synthetic_store

    from timeline.app.callbacks import update

    total = 300
    pairs = sum(1 for i in range(total) if i % 2 == 1 and i % 3 == 0)
    state = AppState(store=synthetic_store(None, total, articles=20))
    merged = update(state, "", None, Controls())
    assert merged["count"].endswith(f"of {total - pairs:,} events (reports merged) in view")
    shown = update(state, "?reports=all", None, Controls())
    assert shown["count"].endswith(f"of {total:,} events in view")
    assert shown[f"{ids.REPORTS}.value"] == ["all"]
    assert "reports=all" in shown["view"] and "reports=all" in shown.get("search", "reports=all")
    # ticking the switch puts it in the URL, and unticking takes it out
    ticked = update(state, "?q=Actor", ids.REPORTS, Controls(text="Actor", reports=["all"]))
    assert ticked["search"] == "?q=Actor&reports=all"
    assert "reports merged" not in ticked["count"]
    unticked = update(state, ticked["search"], ids.REPORTS, Controls(text="Actor", reports=[]))
    assert unticked["search"] == "?q=Actor" and "reports merged" in unticked["count"]


def test_clicks_select_and_clear() -> None:
    click = {"points": [{"customdata": ["ev-tuesday", "early on Tuesday"]}]}
    view, _ = sync_view("", ids.TIMELINE, Controls(), timeline_click=click)
    assert view.event == "ev-tuesday"
    view, _ = sync_view("", ids.TABLE, Controls(), active_cell={"row_id": "ev-1948"})
    assert view.event == "ev-1948"
    place = {"points": [{"customdata": ["Vladivostok", "city", 1]}]}
    view, _ = sync_view("?event=ev-1948", ids.MAP, Controls(), map_click=place)
    assert view.place == "Vladivostok"
    view, _ = sync_view("?at=Vladivostok", ids.MAP, Controls(), map_click=place)
    assert view.place is None  # a second click on the same place lets it go
    view, _ = sync_view("?at=Vladivostok&event=ev-1948&q=Kim", ids.CLEAR, Controls())
    assert (view.place, view.event, view.text) == (None, None, "Kim")


@pytest.mark.parametrize(
    ("relayout", "window"),
    [
        ({"xaxis.range[0]": "2023-09-01 06:00:00.5", "xaxis.range[1]": "2023-09-20"},
         (dt.datetime(2023, 9, 1, 6, 0, 0, 500000), dt.datetime(2023, 9, 20))),
        ({"xaxis.range": [0, 86_400_000]}, (dt.datetime(1970, 1, 1), dt.datetime(1970, 1, 2))),
        ({"xaxis.autorange": True}, None),
        ({"autosize": True}, "unchanged"),
    ],
)  # fmt: skip
def test_time_window_from_the_timeline(relayout: dict[str, Any], window: Any) -> None:
    search = "?window=2000-01-01T00:00:00~2001-01-01T00:00:00"
    view, _ = sync_view(search, ids.TIMELINE + ".relayout", Controls(), relayout=relayout)
    if window == "unchanged":
        assert view == View.from_query(search)
    else:
        assert view.window == window


def _map_places(figure: Any) -> set[str]:
    """The events' places on the map (not the selection ring, nor the articles' datelines)."""
    return {
        str(row[0])
        for trace in figure.data
        if trace.meta.get("kind") not in ("selected", "dateline")
        for row in trace.customdata
    }


def test_render_timeline_and_panel(state: AppState, seed_ids: dict[str, str]) -> None:
    ev_1948 = seed_ids["1948"]
    figure = render_timeline(state, f"lane=country&event={ev_1948}")
    assert _event_ids(figure) == set(state.events[Col.EVENT_ID])
    countries = set(names_in(state.events, Col.COUNTRIES))
    assert {"Russia", "North Korea"} <= countries
    lanes = set(
        figure.layout.meta["lanes"]
    )  # rows of a numeric axis, so that same-day events stack
    assert lanes - {"(none named)"} == countries
    assert ("(none named)" in lanes) == state.events[Col.COUNTRIES].isna().any()
    n = len(state.events)
    panel = render_panel(state, f"event={ev_1948}&q=Kim")
    about_kim = state.events[Col.ACTORS].str.contains("Kim", na=False) | state.events[
        Col.SENTENCE
    ].str.contains("Kim")
    # the source file name (".../putin-kim-...txt") does not count: only what a reader sees
    assert 0 < about_kim.sum() < n
    assert panel.count == f"{about_kim.sum()} of {n} events in view"
    assert "75 years since" in json.dumps(panel.detail, cls=PlotlyJSONEncoder)
    assert panel.rows[0]["id"] == ev_1948  # in date order


def test_window_filters_map_and_table_not_timeline(
    state: AppState, seed_ids: dict[str, str]
) -> None:
    query = "window=1947-01-01T00:00:00~1950-01-01T00:00:00"
    assert len(_event_ids(render_timeline(state, query))) == len(state.events)
    panel = render_panel(state, query)
    assert [row["id"] for row in panel.rows] == [seed_ids["1948"]]
    assert _map_places(panel.map) == {"North Korea"}  # the 1948 event's only place
    assert "time 1947-01-01 to 1950-01-01" in panel.selection


def test_place_filters_timeline_and_table_not_map(
    state: AppState, seed_ids: dict[str, str]
) -> None:
    query = "at=Vostochny+Cosmodrome"
    mentions = state.mentions
    there = set(mentions.loc[mentions[Col.NAME] == "Vostochny Cosmodrome", Col.EVENT_ID])
    assert {seed_ids["caption"], seed_ids["tuesday"], seed_ids["showed"]} <= there
    assert seed_ids["wednesday"] not in there and seed_ids["1948"] not in there
    assert _event_ids(render_timeline(state, query)) == there
    panel = render_panel(state, query)
    assert {row["id"] for row in panel.rows} == there
    places = _map_places(panel.map)
    assert places == _map_places(render_panel(state, "").map)  # the map shows every place
    assert {"Vostochny Cosmodrome", "North Korea"} <= places


def test_response_carries_rows_in_view_not_the_frame(state: AppState) -> None:
    big = pd.concat([state.events] * 300, ignore_index=True)
    big = big.assign(event_id=[f"e{i}" for i in range(len(big))])
    rows = table_rows(big)
    assert len(rows) == MAX_ROWS
    assert set(rows[0]) == {"id", "date", *[column for column, _ in TABLE_COLUMNS]}


def test_csv_download_is_the_view_and_spreadsheet_safe(
    sample: Any, seed_ids: dict[str, str]
) -> None:
    # the data lives in a store now: change the frame before the state is built from it
    events, mentions, articles = sample
    events.loc[events[Col.EVENT_ID] == seed_ids["wednesday"], Col.TITLE] = "=HYPERLINK(1)"
    state = AppState(events=events, mentions=mentions, articles=articles)
    kim = events[Col.ACTORS].fillna("").str.split("; ").map(lambda a: "Kim Jong Un" in a)
    expected = set(events.loc[kim & events[Col.PRECISION].eq("day"), Col.EVENT_ID])
    assert seed_ids["wednesday"] in expected and seed_ids["1948"] not in expected
    assert len(expected) < len(events)
    payload = download(state, "precision=day&actor=Kim+Jong+Un", "csv")
    assert payload["filename"] == "events.csv"
    lines = payload["content"].splitlines()
    assert len(lines) == 1 + len(expected)
    assert set(pd.read_csv(io.StringIO(payload["content"]))[Col.EVENT_ID]) == expected
    assert "'=HYPERLINK(1)" in payload["content"]


@pytest.mark.parametrize("what", ["timeline", "map"])
def test_html_downloads_are_standalone(state: AppState, what: str) -> None:
    payload = download(state, "", what)
    assert payload["filename"] == f"{what}.html"
    assert "window.PlotlyGeoAssets=" in payload["content"]
    assert "<script src=" not in payload["content"]


def test_a_bad_upload_keeps_the_events(state: AppState) -> None:
    before = state.events.copy()
    data = "data:application/json;base64," + base64.b64encode(b'{"title": "x"').decode()
    message, ok = add_upload(state, ["broken.json"], [data])
    assert not ok and "broken.json" in message
    message, ok = add_upload(state, ["junk.txt"], ["not a data url"])
    assert not ok and "junk.txt" in message
    message, ok = add_pasted(state, "   ")
    assert not ok and "paste" in message
    pd.testing.assert_frame_equal(state.events, before)
    assert state.version == 0


def test_added_events_are_appended_once(state: AppState) -> None:
    # AppState.add is store.add: the article is the unit (an article already stored is kept
    # as it is), so the extra event comes with an article of its own
    from timeline.article import Article

    before = state.events.copy()
    article = Article(text="Another text.", doc_id="doc-new", title="New")
    event = state.events.iloc[[0]].drop(columns=["cluster_id"])
    new = event.assign(event_id="ev-new", doc_id="doc-new").astype(
        {"event_id": "string", "doc_id": "string"}
    )
    extra = Corpus(new, state.mentions.iloc[:0], {"doc-new": article})
    assert state.add(extra) == 1
    assert state.add(extra) == 0
    assert state.version == 1 and len(state.events) == len(before) + 1  # nothing changed: no bump
    again = Corpus(event.assign(event_id="ev-other").astype({"event_id": "string"}),
                   state.mentions.iloc[:0], {})  # fmt: skip
    assert state.add(again) == 0 and state.version == 1  # its article is already stored


def _event(state: AppState, event_id: str) -> dict[str, Any]:
    row = state.events[state.events[Col.EVENT_ID] == event_id].iloc[0]
    return {str(k): v for k, v in row.to_dict().items()}


def test_detail_highlights_and_resolution(state: AppState, seed_ids: dict[str, str]) -> None:
    event = _event(state, seed_ids["wednesday"])  # "... said on Wednesday that Russia ..."
    mentions = state.mentions[state.mentions[Col.EVENT_ID] == event[Col.EVENT_ID]]
    spans = highlight_spans(event, mentions)
    sentence = event[Col.SENTENCE]
    assert {(sentence[s:e], kind) for s, e, kind in spans} >= {
        ("Wednesday", "date"), ("Vladimir Putin", "actor"), ("Kim Jong Un", "actor"),
        ("Russia", "place"),
    }  # fmt: skip
    assert describe_resolution(event) == (
        '"Wednesday" → 2023-09-13 (day), relative to the publication date 2023-09-13'
    )
    assert describe_resolution(_event(state, seed_ids["1948"])) == (
        '"1948" → 1948-01-01 to 1948-12-31 (year), written in full'
    )
    showed = _event(state, seed_ids["showed"])  # no date in the sentence
    assert describe_resolution(showed) == (
        "No date in the sentence: the publication date 2023-09-13 (day)"
    )
    # the seed has no date carried over from context: a synthetic one
    carried = {**event, Col.DATE_SOURCE: "context", Col.SENTENCE: showed[Col.SENTENCE]}
    assert "carried over" in describe_resolution(carried)
    fallback = highlight_spans(event, None)  # no mentions table: names found in the sentence
    assert ("Kim Jong Un", "actor") in {(sentence[s:e], k) for s, e, k in fallback}


def test_create_app_uses_the_package_assets(state: AppState) -> None:
    app = create_app(state.events, mentions=state.mentions, articles=state.articles)
    assert app.config.assets_folder.endswith("assets")
    assert app.get_asset_url("topojson/").endswith("/assets/topojson/")
    layout = json.dumps(app.layout(), cls=PlotlyJSONEncoder)  # built at each page load
    assert "Natural Earth" in layout and "Crimea" in layout
    assert "topojsonURL" in layout


def test_an_upload_and_a_paste_add_events(state: AppState) -> None:
    pytest.importorskip("timeline.extract.pipeline")
    text = (
        "Leaders meet in Geneva\n\nGENEVA, March 3, 2021 (Reuters) - The two presidents met "
        "in Geneva on Wednesday and agreed to talk again in 2022."
    )
    data = "data:text/plain;base64," + base64.b64encode(text.encode()).decode()
    before = len(state.events)
    message, ok = add_upload(state, ["geneva.txt"], [data])
    assert ok, message
    assert len(state.events) > before and state.version == 1
    assert "geneva.txt" in message
    message, ok = add_pasted(state, text.replace("Geneva", "Vienna"))
    assert ok, message
    assert state.version == 2


def test_the_page_says_which_recogniser_runs() -> None:
    from timeline.app import create_app
    from timeline.extract.entities import model_status
    from timeline.schema import empty_events

    layout = (
        create_app(empty_events()).server.test_client().get("/_dash-layout").get_data(as_text=True)
    )
    assert f"Entities: {model_status()}" in layout


def test_the_timeline_keeps_the_window_as_its_range(
    state: AppState, seed_ids: dict[str, str]
) -> None:
    window = (dt.datetime(2023, 9, 10), dt.datetime(2023, 9, 16))
    figure = render_timeline(state, f"event={seed_ids['tuesday']}", window)
    assert [str(v)[:10] for v in figure.layout.xaxis.range] == ["2023-09-10", "2023-09-16"]
    assert _event_ids(figure) == set(state.events[Col.EVENT_ID])  # the range does not filter


def test_search_looks_at_the_event_not_the_title(state: AppState) -> None:
    from timeline.app.layout import SEARCH_PLACEHOLDER

    title = str(state.events[Col.TITLE].iloc[0])
    assert "Satellites" in title  # "Putin Says Russia to Help North Korea Build Satellites"
    assert "Says Russia" in title and not state.events[Col.SENTENCE].str.contains("Says").any()
    in_view = render_panel(state, "q=Says+Russia").rows
    assert not in_view  # words only the headline has select nothing ...
    assert "sentence" in SEARCH_PLACEHOLDER and "title" not in SEARCH_PLACEHOLDER  # ... as said
    assert render_panel(state, "q=Vostochny").rows


def _undated(sample: Any) -> tuple[AppState, str]:
    """The seed article made undated (as if no date had been found) in a new state; its doc_id."""
    from dataclasses import replace

    events, mentions, articles = sample
    (doc_id,) = articles
    articles[doc_id] = replace(articles[doc_id], published=None, published_source="none")
    events[Col.PUBLISHED] = pd.NaT
    events[Col.PUBLISHED_SOURCE] = "none"
    return AppState(events=events, mentions=mentions, articles=articles), doc_id


def test_an_undated_article_says_so_and_points_to_the_form(
    state: AppState, sample: Any, seed_ids: dict[str, str]
) -> None:
    from timeline.app.callbacks import undated_article
    from timeline.app.layout import article_list, article_options

    assert undated_article(state, f"event={seed_ids['1948']}") is None
    published = json.dumps(
        render_panel(state, f"event={seed_ids['1948']}").detail, cls=PlotlyJSONEncoder
    )
    assert "2023-09-13 (from the dateline" in published
    state, doc_id = _undated(sample)
    assert undated_article(state, f"event={seed_ids['1948']}") == doc_id
    detail = json.dumps(
        render_panel(state, f"event={seed_ids['1948']}").detail, cls=PlotlyJSONEncoder
    )
    assert "No publication date found" in detail and f"#{ids.ARTICLES}" in detail
    listing = json.dumps(article_list(state.articles, {doc_id: 14}), cls=PlotlyJSONEncoder)
    assert "1 without a publication date" in listing and "14 events" in listing
    assert article_options(state.articles)[0] == {
        "label": "Putin Says Russia to Help North Korea Build Satellites (no publication date)",
        "value": doc_id,
        "undated": True,
    }


def test_titles_and_names_stay_text(sample: Any, seed_ids: dict[str, str]) -> None:
    from dataclasses import replace

    from timeline.app.layout import refused_note

    hostile = '<b>Bold</b> <a href="https://evil.example">x</a> \u202eevil'
    events, mentions, articles = sample
    events[Col.TITLE] = hostile
    (doc_id,) = articles
    articles[doc_id] = replace(articles[doc_id], title=hostile)
    state = AppState(events=events, mentions=mentions, articles=articles)
    panel = render_panel(state, f"event={seed_ids['1948']}")
    assert panel.rows[0][Col.TITLE] == hostile  # the table renders cells as text
    detail = json.dumps(panel.detail, cls=PlotlyJSONEncoder)
    assert "<b>Bold</b>" in detail and "\\u202e" not in detail.lower()  # a string, neutralised
    note = json.dumps(
        refused_note({"files": [{"name": "a\u202etxt.exe", "size": 7_000}]}, 5_000),
        cls=PlotlyJSONEncoder,
    )
    assert "7,000 bytes" in note and "5,000 bytes" in note and "\\u202e" not in note.lower()
    assert refused_note({"files": []}, 5_000) is None
    assert refused_note(None, 5_000) is None


def test_each_page_load_has_the_current_options(state: AppState) -> None:
    app = create_app(state.events.iloc[:0], mentions=state.mentions.iloc[:0])
    client = app.server.test_client()
    before = client.get("/_dash-layout").get_data(as_text=True)
    assert "Kim Jong Un" not in before
    app_state = _app_state(app)
    app_state.add(Corpus(state.events, state.mentions, state.articles))
    after = client.get("/_dash-layout").get_data(as_text=True)
    assert "Kim Jong Un" in after and "Vostochny" in after
    assert f'"data": {app_state.version}' in after.replace('"data":', '"data": ')


def _app_state(app: Any) -> AppState:
    """The AppState a create_app closes over (through its layout function)."""
    cells = [c.cell_contents for c in app.layout.__closure__ or ()]
    return next(c for c in cells if isinstance(c, AppState))


def test_a_click_on_a_dateline_star_filters_nothing(state: AppState) -> None:
    # the star's customdata[0] is empty; it used to be the city, and the events of an article
    # need not name the city it was reported from: the map filtered to 0 events
    star = {"points": [{"customdata": ["", "dateline", 1, "Putin Says Russia"]}]}
    view, _ = sync_view("?q=Kim", ids.MAP, Controls(text="Kim"), map_click=star)
    assert view.place is None and view.text == "Kim"
    panel = render_panel(state, view.to_query())
    assert not panel.count.startswith("0 of")


def test_the_page_opens_on_the_densest_period_everywhere(
    state: AppState, seed_ids: dict[str, str]
) -> None:
    """Map, table and timeline agree on first load: the URL gets the focus window."""
    from timeline.app.callbacks import update
    from timeline.focus import focus_window

    result = update(state, "", None, Controls())
    focus = focus_window(state.events)
    assert focus is not None
    assert result["search"].startswith("?window=2023-09-1")
    view = View.from_query(result["search"])
    assert view.window == (focus[0].to_pydatetime(), focus[1].to_pydatetime())
    low, high = (str(v)[:10] for v in result["timeline"].layout.xaxis.range)
    assert (low, high) == (f"{focus[0]:%Y-%m-%d}", f"{focus[1]:%Y-%m-%d}")
    assert seed_ids["1948"] not in {row["id"] for row in result["rows"]}  # out of the window
    n = len(state.events)
    assert result["count"] == f"{n - 1} of {n} events in view"


def test_large_views_are_counted_in_bins_and_small_windows_drawn(tmp_path: Any) -> None:
    """Past RAW_UP_TO events the timeline sends counts per bin and lane (as many as the
    events, less the response), zoomed in the events; the table pages from the store."""
    from app.synthetic import synthetic_store

    from timeline.app.callbacks import PAGE_SIZE, RAW_UP_TO, render_table

    store = synthetic_store(None, 8_000, articles=100)
    big = AppState(store=store)
    figure = render_timeline(big, "", merged=False)
    assert figure.layout.meta["kind"] == "binned"
    trace, busiest = figure.data
    counts = [int(row[1]) for row in trace.customdata]
    assert sum(counts) >= 8_000  # every event counted (in each of its lanes)
    assert len(counts) < RAW_UP_TO
    # the 30 busiest dots carry their count, in a text trace of their own
    assert busiest.mode == "text" and len(busiest.text) >= 30
    top = sorted(counts)[-30]
    assert sorted(int(t.replace(",", "")) for t in busiest.text) == [
        c for c in sorted(counts) if c >= top
    ]
    assert "Zoom in" in figure.layout.annotations[0].text
    window = (dt.datetime(2023, 11, 10), dt.datetime(2023, 11, 12))
    zoomed = render_timeline(big, "", window, merged=False)
    assert zoomed.layout.meta.get("kind") != "binned" and _event_ids(zoomed)
    rows = render_table(big, "", 3, merged=False)
    assert len(rows) == PAGE_SIZE
    dates = [r["date"] for r in render_table(big, "", 0, merged=False)]
    assert dates == sorted(dates)  # date order, from the store


def test_a_sorted_table_pages_through_every_event_in_view() -> None:
    from app.synthetic import synthetic_store

    from timeline.app.callbacks import PAGE_SIZE, render_table, table_order, update

    state = AppState(store=synthetic_store(None, 200, articles=20))
    query = "reports=all&window=2014-01-01T00:00:00~2024-12-31T00:00:00"
    latest = state.store.events()[Col.START].max()
    order = table_order("-date")  # View.sort, as the URL writes it
    assert order == (Col.START, True)
    first = render_table(state, query, 0, merged=False, order=order)
    assert first[0]["date"] == f"{latest:%Y-%m-%d}"  # the latest of the view, not of a page
    unsorted = render_table(state, query, 0, merged=False)
    assert unsorted[0]["date"] < first[0]["date"]
    pages = [render_table(state, query, p, merged=False, order=order) for p in range(0, 17)]
    dates = [row["date"] for page in pages for row in page]
    assert len(dates) == 200 and dates == sorted(dates, reverse=True)
    assert len(pages[0]) == PAGE_SIZE
    # a click on a sort arrow: the first page of the new order, the order in the URL; paging
    # keeps the order
    arrow = Controls(sort_by=[{"column_id": "date", "direction": "desc", "operator": None}])
    sorted_ = update(state, "?" + query, ids.TABLE + ".sort", arrow)
    assert sorted_["page"] == 0 and sorted_["rows"] == first
    assert View.from_query(sorted_["search"]) == replace(View.from_query(query), sort="-date")
    second = update(state, sorted_["search"], ids.TABLE + ".page", Controls(), page=1)
    assert second["rows"] == pages[1]
    # a page opened at that URL: the table in that order, its arrow shown
    opened = update(state, sorted_["search"], None, Controls())
    assert opened["rows"] == first
    assert opened[f"{ids.TABLE}.sort_by"] == [{"column_id": "date", "direction": "desc"}]


def test_the_dashboard_benchmark_runs() -> None:
    """benchmarks/bench_app.py was broken (its synthetic frame lacked published_source)."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_app.py"
    result = subprocess.run(
        [sys.executable, str(script), "--sizes", "300", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [line for line in result.stdout.splitlines() if line.strip().startswith("300 ")]
    assert len(lines) == 4  # one per query
    assert "no filter" in lines[0] and lines[0].split()[3] == "300"  # every event in view
