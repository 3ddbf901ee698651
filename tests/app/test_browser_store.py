"""The dashboard on a store, in a real browser (headless Chromium): a store file served and added
to, merged events and the toggle showing every report, counts per time bin when zoomed out over
many events, and one request per user action."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.keys import Keys

from timeline.app import create_app, ids
from timeline.app.callbacks import RAW_UP_TO
from timeline.database import Store
from timeline.extract.pipeline import Corpus

# the helpers of the dashboard's tests (tests/ is on sys.path, see conftest.py)
from app.synthetic import synthetic_store  # isort: skip
from app.test_browser import _assert_offline_and_clean, _traces, _until  # isort: skip
from app.test_browser_jobs import GENEVA, _type_date  # isort: skip

pytestmark = pytest.mark.browser

_UPDATES_JS = """
return performance.getEntriesByType('resource')
  .filter((e) => e.name.includes('_dash-update-component')).length;
"""


def test_a_store_file_is_served_and_a_paste_is_stored(
    dash_duo: Any, sample: Any, tmp_path: Path
) -> None:
    path = tmp_path / "news.duckdb"
    events, mentions, articles = sample
    with Store.open(path) as store:
        store.add(Corpus(events, mentions, articles))
    store = Store.open(path)
    dash_duo.start_server(create_app(store=store))
    n = len(events)
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", f"of {n} events in view")
    drawn = {row[0] for t in _traces(dash_duo, ids.TIMELINE) for row in t["customdata"] or []}
    assert set(events["event_id"]) <= drawn
    dash_duo.find_element(f"#{ids.ADD_TEXT}").send_keys(GENEVA)
    _type_date(dash_duo, ids.ADD_DATE, "2021-03-03")
    dash_duo.find_element(f"#{ids.ADD_TEXT_BUTTON}").click()
    dash_duo.wait_for_contains_text(f"#{ids.ADD_ALERT}", "added from 1 article", timeout=60)
    _until(lambda: f"of {n} events" not in dash_duo.find_element(f"#{ids.COUNT}").text,
           "the count did not grow")  # fmt: skip
    # the paste is in the file: another connection sees it
    with Store.open(path) as again:
        assert again.stats().articles == len(articles) + 1
        assert again.stats().events > n
    _assert_offline_and_clean(dash_duo)


def test_merged_events_by_default_and_every_report_on_demand(dash_duo: Any, tmp_path: Path) -> None:
    store = synthetic_store(tmp_path / "pairs.duckdb", 600, articles=40)
    total = 600
    pairs = sum(1 for i in range(total) if i % 2 == 1 and i % 3 == 0)
    dash_duo.start_server(create_app(store=store))
    dash_duo.wait_for_contains_text(
        f"#{ids.COUNT}", f"of {total - pairs:,} events (reports merged)"
    )
    dash_duo.find_element(f"#{ids.REPORTS} input[type=checkbox]").click()
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", f"of {total:,} events in view")
    # an event told twice lists its sources in the detail
    dash_duo.driver.get(dash_duo.server_url + "/?event=e3")
    dash_duo.wait_for_contains_text(f"#{ids.DETAIL}", "Told by 2 sources")
    assert "earliest report" in dash_duo.find_element(f"#{ids.DETAIL}").text
    _assert_offline_and_clean(dash_duo)


def test_every_report_is_kept_in_the_url_across_a_reload(dash_duo: Any, tmp_path: Path) -> None:
    store = synthetic_store(tmp_path / "pairs.duckdb", 600, articles=40)
    total = 600
    pairs = sum(1 for i in range(total) if i % 2 == 1 and i % 3 == 0)
    merged, every = f"of {total - pairs:,} events (reports merged)", f"of {total:,} events in view"
    dash_duo.start_server(create_app(store=store))
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", merged)
    switch = f"#{ids.REPORTS} input[type=checkbox]"
    dash_duo.find_element(switch).click()
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", every)
    _until(lambda: "reports=all" in dash_duo.driver.current_url, "the switch is not in the URL")
    # a reload (or the URL shared) shows every report again, the switch ticked
    dash_duo.driver.get(dash_duo.driver.current_url)
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", every)
    _until(lambda: dash_duo.find_element(switch).is_selected(), "the switch was not restored")
    dash_duo.find_element(switch).click()  # off again: merged, and gone from the URL
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", merged)
    _until(lambda: "reports=" not in dash_duo.driver.current_url, "the URL kept the switch")
    _assert_offline_and_clean(dash_duo)


def test_sorting_the_table_by_date_sorts_every_page(dash_duo: Any, tmp_path: Path) -> None:
    store = synthetic_store(tmp_path / "sorted.duckdb", 600, articles=40)
    latest = f"{store.events()['start'].max():%Y-%m-%d}"
    dash_duo.start_server(create_app(store=store))
    # every event in view (every report, a window over all of them): 50 pages of 12
    dash_duo.driver.get(dash_duo.server_url + "/?window=2013-01-01T00:00:00~2025-01-01T00:00:00"
                        "&reports=all")  # fmt: skip
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "600 of 600 events in view")
    first_date = f"#{ids.TABLE} td[data-dash-column='date']"
    dash_duo.wait_for_element(first_date)
    assert dash_duo.find_element(first_date).text < latest  # date order: the earliest first
    arrow = f"#{ids.TABLE} th[data-dash-column='date'] .column-header--sort"
    dash_duo.find_element(arrow).click()  # ascending
    dash_duo.find_element(arrow).click()  # descending
    dash_duo.wait_for_text_to_equal(first_date, latest)  # the latest of all 600, not of page 1
    dates = [cell.text for cell in dash_duo.find_elements(first_date)]
    assert len(dates) == 12 and dates == sorted(dates, reverse=True)
    # the order is in the URL: a reload (or the link shared) keeps it, arrow included
    _until(lambda: "sort=-date" in dash_duo.driver.current_url, "the URL lacks the order")
    dash_duo.driver.get(dash_duo.driver.current_url)
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "600 of 600 events in view")
    dash_duo.wait_for_text_to_equal(first_date, latest)
    descending = (
        f"#{ids.TABLE} th[data-dash-column='date'] .column-header--sort [data-icon='sort-down']"
    )
    dash_duo.wait_for_element(descending)
    _assert_offline_and_clean(dash_duo)


def test_zoomed_out_over_many_events_the_timeline_counts_them(
    dash_duo: Any, tmp_path: Path
) -> None:
    n = 12_000
    store = synthetic_store(tmp_path / "many.duckdb", n)
    dash_duo.start_server(create_app(store=store))
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "events (reports merged) in view")
    traces = _traces(dash_duo, ids.TIMELINE)
    # one dot per bin and lane, the busiest dots' counts beside
    assert {t["kind"] for t in traces} == {"aggregate", "aggregate-count"}
    assert sum(len(t["x"]) for t in traces if t["kind"] == "aggregate") < RAW_UP_TO
    note = dash_duo.find_element(f"#{ids.TIMELINE} .annotation-text").text
    assert "Zoom in" in note and "counts per" in note
    # zoomed in on two days: the events themselves, each one clickable
    dash_duo.driver.execute_script(
        "const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "Plotly.relayout(gd, {'xaxis.range': ['2023-11-10', '2023-11-12']});",
        ids.TIMELINE,
    )
    _until(lambda: "point" in {t["kind"] for t in _traces(dash_duo, ids.TIMELINE)},
           "zooming in does not draw the events")  # fmt: skip
    ids_drawn = {row[0] for t in _traces(dash_duo, ids.TIMELINE) if t["kind"] == "point"
                 for row in t["customdata"]}  # fmt: skip
    assert ids_drawn and all(i.startswith("e") for i in ids_drawn)
    _assert_offline_and_clean(dash_duo)


def test_a_filter_change_is_one_request(dash_duo: Any, sample: Any) -> None:
    events, mentions, articles = sample
    dash_duo.start_server(create_app(events, mentions=mentions, articles=articles))
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "events in view")
    _until(lambda: dash_duo.driver.execute_script(_UPDATES_JS) >= 1, "no update at load")
    before = dash_duo.driver.execute_script(_UPDATES_JS)
    dash_duo.find_element(f"#{ids.TEXT}").send_keys("Tuesday", Keys.ENTER)
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", f"1 of {len(events)} events in view")
    assert dash_duo.driver.execute_script(_UPDATES_JS) - before == 1
    _assert_offline_and_clean(dash_duo)


def test_plotly_js_is_served_once_and_cached(dash_duo: Any, sample: Any) -> None:
    events, mentions, articles = sample
    app = create_app(events, mentions=mentions, articles=articles)
    dash_duo.start_server(app)
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "events in view")
    urls = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map((e) => e.name);"
    )
    plotly = [u for u in urls if "plotly" in u and u.endswith(".js")]
    assert len(plotly) == 1, plotly  # from this server, once
    path = plotly[0].split("://", 1)[1].split("/", 1)[1]
    response = app.server.test_client().get("/" + path, headers={"Accept-Encoding": "br"})
    assert response.status_code == 200
    # Dash's own bundles are fingerprinted (a year); plotly.js is not: a week (server.py)
    assert "max-age=604800" in (response.headers.get("Cache-Control") or "")
    assert response.headers.get("Content-Encoding") == "br"
    _assert_offline_and_clean(dash_duo)
