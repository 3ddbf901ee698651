"""The dashboard in a real browser (headless Chromium via dash_duo; run with --headless).

Assertions read the figures plotly.js drew (``gd._fullData``), the DOM and the downloaded file;
never pixels or timings.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from timeline.app import create_app, ids
from timeline.article import Article
from timeline.figures import WEBGL_ABOVE

pytestmark = [
    pytest.mark.browser,
    # dash_duo stops its server thread with SystemExit, which a request still in flight at
    # teardown reports as an unhandled thread exception: the server's end, not the app's.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]

Sample = tuple[pd.DataFrame, pd.DataFrame, dict[str, Article]]

_TRACES_JS = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
if (!gd || !gd._fullData) { return null; }
const list = (v) => (v === undefined || v === null) ? null : Array.from(v, (x) =>
    (x !== null && typeof x === 'object' && x.length !== undefined) ? Array.from(x) : x);
return gd._fullData.map((t) => ({
    type: t.type, name: t.name, kind: t.meta && t.meta.kind, x: list(t.x), base: list(t.base),
    lat: list(t.lat), lon: list(t.lon), customdata: list(t.customdata),
}));
"""


def _traces(dash_duo: Any, graph: str, *, wait: bool = True) -> list[dict[str, Any]]:
    """The drawn traces of a dcc.Graph (once it has some, unless `wait` is False)."""
    found: list[dict[str, Any]] = []

    def ready() -> bool:
        nonlocal found
        found = dash_duo.driver.execute_script(_TRACES_JS, graph) or []
        return bool(found)

    dash_duo.wait_for_element(f"#{graph} .js-plotly-plot")
    if wait:
        _until(ready, f"{graph} has no traces")
    else:
        ready()
    return found


def _until(condition: Any, message: str, timeout: float = 30.0) -> None:
    """Wait for a condition (polling; the browser updates asynchronously)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(message)


def _event_ids(traces: list[dict[str, Any]]) -> set[str]:
    """Event ids drawn on the timeline (the selection ring left out)."""
    return {
        str(row[0])
        for trace in traces
        if trace["kind"] != "selected"
        for row in trace["customdata"] or []
    }


def _map_places(traces: list[dict[str, Any]]) -> set[str]:
    """Place names drawn on the map (the selection ring left out)."""
    return {
        str(row[0])
        for trace in traces
        if trace["kind"] != "selected"
        for row in trace["customdata"] or []
    }


def _wait_timeline(dash_duo: Any, expected: set[str]) -> None:
    """Wait until the timeline shows exactly these events."""
    _until(
        lambda: _event_ids(_traces(dash_duo, ids.TIMELINE)) == expected,
        f"timeline never showed {expected}",
    )


def _start(dash_duo: Any, sample: Sample, query: str = "") -> None:
    """Serve the app on the sample and open it (optionally at a bookmarked query)."""
    events, mentions, articles = sample
    dash_duo.start_server(create_app(events, mentions=mentions, articles=articles))
    if query:
        dash_duo.driver.get(dash_duo.server_url + "/?" + query)
    dash_duo.wait_for_element(f"#{ids.TIMELINE} .js-plotly-plot")
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "events in view")
    if not query:
        _wait_timeline(dash_duo, set(events["event_id"]))


def _assert_offline_and_clean(dash_duo: Any) -> None:
    """No console error, and every resource the page loaded came from this machine."""
    urls = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map((e) => e.name)"
        ".concat([window.location.href]);"
    )
    hosts = {urlparse(url).hostname for url in urls if not url.startswith(("data:", "blob:"))}
    assert hosts <= {"127.0.0.1", "localhost"}, hosts
    assert dash_duo.get_logs() == []


def test_timeline_and_map_show_the_sample(dash_duo: Any, sample: Sample) -> None:
    _start(dash_duo, sample)
    traces = _traces(dash_duo, ids.TIMELINE)
    assert _event_ids(traces) == set(sample[0]["event_id"])
    # "in 1948" is a bar spanning the whole year, in both actors' lanes
    bars = [t for t in traces if t["type"] == "bar"]
    spans = [
        (base, base + width)
        for t in bars
        for base, width, row in zip(t["base"], t["x"], t["customdata"], strict=True)
        if row[0] == "ev-1948"
    ]
    year = (dt.datetime(1948, 1, 1), dt.datetime(1949, 1, 1))
    epoch = dt.datetime(1970, 1, 1)
    expected = tuple((d - epoch).total_seconds() * 1000 for d in year)
    assert len(spans) == 2
    assert all(span == pytest.approx(expected) for span in spans)
    # exact days are points, not bars
    points = [t for t in traces if t["kind"] == "point"]
    assert {"ev-wednesday", "ev-tuesday"} <= _event_ids(points)

    geo = _traces(dash_duo, ids.MAP)
    markers = {
        row[0]: (lat, lon)
        for t in geo
        for row, lat, lon in zip(t["customdata"], t["lat"], t["lon"], strict=True)
    }
    assert markers["Vostochny Cosmodrome"] == pytest.approx((51.884, 128.334))
    # countries and regions are approximate markers, not pins
    approximate = next(t for t in geo if t["kind"] == "approximate")
    assert {row[0] for row in approximate["customdata"]} == {"Russia", "Amur region"}
    # the outline was drawn from the app's own topojson
    assert dash_duo.find_elements(f"#{ids.MAP} .geo .countries path")
    assert "Natural Earth" in dash_duo.find_element(".tl-note").text
    _assert_offline_and_clean(dash_duo)


def _click_center(dash_duo: Any, element: Any) -> None:
    """A real mouse click at an element's centre."""
    ActionChains(dash_duo.driver).move_to_element(element).pause(0.2).click().perform()


def test_clicking_an_event_shows_its_sentence(dash_duo: Any, sample: Sample) -> None:
    _start(dash_duo, sample)
    bars = dash_duo.find_elements(f"#{ids.TIMELINE} .barlayer .point path")
    assert bars, "no bar drawn"
    _click_center(dash_duo, bars[0])
    dash_duo.wait_for_contains_text(f"#{ids.DETAIL}", "75 years since the establishment")
    marks = dash_duo.find_elements(f"#{ids.DETAIL} .tl-sentence mark.hl-date")
    assert [m.text for m in marks] == ["in 1948"]
    assert "written in full" in dash_duo.find_element(f"#{ids.DETAIL}").text
    assert "event=ev-1948" in dash_duo.driver.current_url
    # the selection is shown on the timeline too
    _until(
        lambda: any(t["kind"] == "selected" for t in _traces(dash_duo, ids.TIMELINE)),
        "the timeline does not ring the selected event",
    )
    # the whole article is one click away
    dash_duo.find_element(f"#{ids.DETAIL} details summary").click()
    dash_duo.wait_for_contains_text(f"#{ids.DETAIL} .tl-article", "Kremlin spokesman")
    _assert_offline_and_clean(dash_duo)


def test_a_filter_narrows_both_charts_and_lives_in_the_url(dash_duo: Any, sample: Sample) -> None:
    _start(dash_duo, sample)
    search = dash_duo.find_element(f"#{ids.TEXT}")
    search.send_keys("Tuesday", Keys.ENTER)
    _wait_timeline(dash_duo, {"ev-tuesday"})
    _until(lambda: _map_places(_traces(dash_duo, ids.MAP)) == {"Russia"}, "map not filtered")
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", "1 of 5 events in view")
    assert "q=Tuesday" in dash_duo.driver.current_url
    # the bookmarked view comes back, controls included
    dash_duo.driver.get(dash_duo.driver.current_url)
    _wait_timeline(dash_duo, {"ev-tuesday"})
    _until(lambda: dash_duo.find_element(f"#{ids.TEXT}").get_attribute("value") == "Tuesday",
           "the search box did not follow the URL")  # fmt: skip
    _assert_offline_and_clean(dash_duo)


def test_a_time_window_filters_the_map_and_clicking_a_place_the_timeline(
    dash_duo: Any, sample: Sample
) -> None:
    _start(dash_duo, sample)
    dash_duo.driver.execute_script(
        "const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "Plotly.relayout(gd, {'xaxis.range': ['1947-06-01', '1950-01-01']});",
        ids.TIMELINE,
    )
    # the 1948 event has no place: the map empties, the timeline keeps every event
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "1 of 5 events in view")
    _until(
        lambda: not _map_places(_traces(dash_duo, ids.MAP, wait=False)),
        "map not filtered by window",
    )
    dash_duo.wait_for_contains_text(f"#{ids.MAP}", "No located places in view")
    assert len(_event_ids(_traces(dash_duo, ids.TIMELINE))) == 5
    dash_duo.find_element(f"#{ids.CLEAR}").click()
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "5 of 5 events in view")
    _until(lambda: "Vladivostok" in _map_places(_traces(dash_duo, ids.MAP)), "map not reset")
    # click the Vladivostok marker: the timeline narrows to events there
    places = _map_places(_traces(dash_duo, ids.MAP))
    assert len(dash_duo.find_elements(f"#{ids.MAP} .scattergeo .point")) >= len(places)
    dash_duo.driver.execute_script(
        "const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "const t = gd._fullData.findIndex((t) => Array.from(t.customdata).some((r) => r[0] === "
        "'Vladivostok'));"
        "const i = Array.from(gd._fullData[t].customdata).findIndex((r) => r[0] === "
        "'Vladivostok');"
        "gd.emit('plotly_click', {points: [{curveNumber: t, pointNumber: i, pointIndex: i,"
        " customdata: gd._fullData[t].customdata[i], data: gd.data[t],"
        " fullData: gd._fullData[t]}]});",
        ids.MAP,
    )
    _wait_timeline(dash_duo, {"ev-wednesday"})
    dash_duo.wait_for_contains_text(f"#{ids.SELECTION}", "place Vladivostok")
    _assert_offline_and_clean(dash_duo)


def test_csv_download_holds_the_events_in_view(dash_duo: Any, sample: Sample) -> None:
    _start(dash_duo, sample, "actor=Kim+Jong+Un&precision=day")
    _wait_timeline(dash_duo, {"ev-wednesday", "ev-caption", "ev-tuesday", "ev-showed"})
    dash_duo.find_element(f"#{ids.DOWNLOAD_CSV}").click()
    target = Path(dash_duo.download_path) / "events.csv"
    _until(target.exists, "no CSV downloaded")
    _until(lambda: target.stat().st_size > 0, "empty CSV")
    downloaded = pd.read_csv(target)
    assert set(downloaded["event_id"]) == {"ev-wednesday", "ev-caption", "ev-tuesday", "ev-showed"}
    _assert_offline_and_clean(dash_duo)


def test_a_bad_upload_shows_an_error_and_keeps_the_events(
    dash_duo: Any, sample: Sample, tmp_path: Path
) -> None:
    _start(dash_duo, sample)
    bad = tmp_path / "broken.json"
    bad.write_text('{"title": "no text field here"', encoding="utf-8")
    dash_duo.find_element(f"#{ids.UPLOAD} input[type=file]").send_keys(str(bad))
    dash_duo.wait_for_element(f"#{ids.ADD_ALERT} .tl-alert-error")
    message = dash_duo.find_element(f"#{ids.ADD_ALERT}").text
    assert "broken.json" in message
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", "5 of 5 events in view")
    assert _event_ids(_traces(dash_duo, ids.TIMELINE)) == set(sample[0]["event_id"])
    _assert_offline_and_clean(dash_duo)


def test_pasted_text_adds_events(dash_duo: Any, sample: Sample) -> None:
    _start(dash_duo, sample)
    text = (
        "Leaders meet in Geneva\n\nGENEVA, March 3, 2021 (Reuters) - The two presidents met "
        "in Geneva on Wednesday and agreed to talk again in 2022."
    )
    dash_duo.find_element(f"#{ids.ADD_TEXT}").send_keys(text)
    dash_duo.find_element(f"#{ids.ADD_TEXT_BUTTON}").click()
    dash_duo.wait_for_element(f"#{ids.ADD_ALERT} .tl-alert-ok", timeout=60)
    _until(
        lambda: len(_event_ids(_traces(dash_duo, ids.TIMELINE))) > len(sample[0]),
        "the pasted article's events are not drawn",
    )
    assert "of 5 events" not in dash_duo.find_element(f"#{ids.COUNT}").text
    _assert_offline_and_clean(dash_duo)


def test_standalone_map_html_draws_offline(dash_duo: Any, sample: Sample, tmp_path: Path) -> None:
    from timeline.figures import figure_html, map_figure

    page = tmp_path / "map.html"
    page.write_text(figure_html(map_figure(sample[0])), encoding="utf-8")
    dash_duo.driver.get(page.as_uri())
    dash_duo.wait_for_element(".geo .countries path")
    assert (
        dash_duo.driver.execute_script("return performance.getEntriesByType('resource').length")
        == 0
    )
    assert dash_duo.find_elements(".scattergeo .point")
    assert dash_duo.get_logs() == []


def test_large_frames_draw_with_webgl(dash_duo: Any) -> None:
    from timeline_sample import synthetic_events

    events = synthetic_events(WEBGL_ABOVE + 2_000)
    dash_duo.start_server(create_app(events))
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "12,000 of 12,000 events in view")
    traces = _traces(dash_duo, ids.TIMELINE)
    assert {t["type"] for t in traces} == {"scattergl"}
    assert len(_event_ids(traces)) == len(events)
    assert dash_duo.find_elements(f"#{ids.TIMELINE} canvas")
    _assert_offline_and_clean(dash_duo)
