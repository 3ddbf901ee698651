"""The dashboard in a real browser (headless Chromium via dash_duo; run with --headless).

Assertions read the figures plotly.js drew (``gd._fullData``), the DOM and the downloaded file;
never pixels or timings.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pandas as pd
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from timeline.app import create_app, ids
from timeline.article import Article
from timeline.figures import APPROXIMATE_PLACE_KINDS, WEBGL_ABOVE
from timeline.schema import Col

pytestmark = [
    pytest.mark.browser,
    # dash_duo stops its server thread with SystemExit, which a request still in flight at
    # teardown reports as an unhandled thread exception: the server's end, not the app's.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]

Sample = tuple[pd.DataFrame, pd.DataFrame, dict[str, Article]]
VOSTOCHNY = "Vostochny Cosmodrome"

_TRACES_JS = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
if (!gd || !gd._fullData) { return null; }
const list = (v) => (v === undefined || v === null) ? null : Array.from(v, (x) =>
    (x !== null && typeof x === 'object' && x.length !== undefined) ? Array.from(x) : x);
return gd._fullData.map((t) => ({
    type: t.type, name: t.name, kind: t.meta && t.meta.kind, x: list(t.x), y: list(t.y),
    base: list(t.base),
    lat: list(t.lat), lon: list(t.lon), customdata: list(t.customdata),
    hovertext: list(t.hovertext),
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
    """Place names drawn on the map (the selection ring and the articles' datelines left out)."""
    return {
        str(row[0])
        for trace in traces
        if trace["kind"] not in ("selected", "dateline")
        for row in trace["customdata"] or []
    }


def _places_of(sample: Sample, event_ids: set[str]) -> set[str]:
    """The located places and countries these events mention: what the map draws for them."""
    mentions = sample[1]
    rows = mentions[
        mentions[Col.EVENT_ID].isin(event_ids)
        & mentions[Col.KIND].isin(("place", "country"))
        & mentions[Col.LAT].notna()
    ]
    return set(rows[Col.NAME].astype(str))


def _events_at(sample: Sample, place: str) -> set[str]:
    """The events mentioning a place: what clicking it on the map keeps."""
    mentions = sample[1]
    return set(mentions.loc[mentions[Col.NAME] == place, Col.EVENT_ID].astype(str))


def _lane_names(dash_duo: Any) -> list[str]:
    """The timeline's lanes, bottom row first (the figure's layout.meta)."""
    return list(
        dash_duo.driver.execute_script(
            "return document.querySelector('#' + arguments[0] + ' .js-plotly-plot')"
            ".layout.meta.lanes;",
            ids.TIMELINE,
        )
    )


def show_all(dash_duo: Any) -> None:
    """Click the timeline's "all" range button (it opens on the densest period)."""
    button = next(
        b
        for b in dash_duo.find_elements(f"#{ids.TIMELINE} .updatemenu-button")
        if b.text.strip() == "all"
    )
    ActionChains(dash_duo.driver).move_to_element(button).pause(0.2).click().perform()


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
    # the first page of a session loads plotly.js: on a loaded shared machine, past 10 s
    dash_duo.wait_for_element(f"#{ids.TIMELINE} .js-plotly-plot", timeout=30)
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "events in view", timeout=30)
    if not query:
        _wait_timeline(dash_duo, set(events[Col.EVENT_ID]))


def _assert_offline_and_clean(dash_duo: Any) -> None:
    """No console error, and every resource the page loaded came from this machine."""
    urls = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map((e) => e.name)"
        ".concat([window.location.href]);"
    )
    hosts = {urlparse(url).hostname for url in urls if not url.startswith(("data:", "blob:"))}
    assert hosts <= {"127.0.0.1", "localhost"}, hosts
    assert dash_duo.get_logs() == []


def test_timeline_and_map_show_the_sample(
    dash_duo: Any, sample: Sample, seed_ids: dict[str, str]
) -> None:
    _start(dash_duo, sample)
    traces = _traces(dash_duo, ids.TIMELINE)
    events = sample[0]
    assert events[Col.START].notna().all()  # every event of the seed article is dated
    assert _event_ids(traces) == set(events[Col.EVENT_ID])
    # "in 1948" is a bar spanning the whole year, in each of its actors' lanes
    bars = [t for t in traces if t["type"] == "bar"]
    lanes = _lane_names(dash_duo)  # lanes are rows 0, 1, ... of a numeric axis (stacking)
    spans = {
        lanes[round(y)]: (base, base + width)
        for t in bars
        for base, width, y, row in zip(t["base"], t["x"], t["y"], t["customdata"], strict=True)
        if row[0] == seed_ids["1948"]
    }
    year = (dt.datetime(1948, 1, 1), dt.datetime(1949, 1, 1))
    epoch = dt.datetime(1970, 1, 1)
    expected = tuple((d - epoch).total_seconds() * 1000 for d in year)
    actors = events.set_index(Col.EVENT_ID).loc[seed_ids["1948"], Col.ACTORS].split("; ")
    assert {"Vladimir Putin", "Kim Jong Un"} <= set(actors)
    assert set(spans) == set(actors)
    assert all(span == pytest.approx(expected) for span in spans.values())
    # exact days are points, not bars
    points = [t for t in traces if t["kind"] == "point"]
    assert {seed_ids["wednesday"], seed_ids["tuesday"]} <= _event_ids(points)
    assert seed_ids["1948"] not in _event_ids(points)

    geo = _traces(dash_duo, ids.MAP)
    markers = {
        row[0]: (lat, lon)
        for t in geo
        if t["kind"] in ("precise", "approximate")  # countries are areas (no lat, lon)
        for row, lat, lon in zip(t["customdata"], t["lat"], t["lon"], strict=True)
    }
    assert markers[VOSTOCHNY] == pytest.approx((51.884, 128.334))
    assert set(markers) | _map_places(geo) == _places_of(sample, set(events[Col.EVENT_ID]))
    # countries (shaded areas) and regions (hollow circles) are approximate, not pins
    kinds = {t["kind"]: {row[0]: row[1] for row in t["customdata"]} for t in geo}
    approximate = {**kinds["approximate"], **kinds["country"]}
    assert {"Russia", "North Korea"} <= set(kinds["country"])
    assert {"Russia", "North Korea", "Amur Oblast"} <= set(approximate)
    assert set(approximate.values()) <= set(APPROXIMATE_PLACE_KINDS)
    assert kinds["precise"][VOSTOCHNY] == "site"
    assert not set(kinds["precise"].values()) & set(APPROXIMATE_PLACE_KINDS)
    # the outline was drawn from the app's own topojson
    assert dash_duo.find_elements(f"#{ids.MAP} .geo .countries path")
    assert "Natural Earth" in dash_duo.find_element(".tl-note").text
    _assert_offline_and_clean(dash_duo)


def _click_center(dash_duo: Any, element: Any) -> None:
    """A real mouse click at an element's centre."""
    ActionChains(dash_duo.driver).move_to_element(element).pause(0.2).click().perform()


def test_clicking_an_event_shows_its_sentence(
    dash_duo: Any, sample: Sample, seed_ids: dict[str, str]
) -> None:
    _start(dash_duo, sample)
    show_all(dash_duo)  # the timeline opens on September 2023: 1948 is one click away
    _until(lambda: (_x_range(dash_duo) or ["9999"])[0] <= "1948-01-01", "1948 not shown")
    dash_duo.wait_for_text_to_equal(
        f"#{ids.COUNT}", f"{len(sample[0])} of {len(sample[0])} events in view"
    )  # the page has answered the zoom: the bar stays where it is
    bars = dash_duo.find_elements(f"#{ids.TIMELINE} .barlayer .point path")
    assert bars, "no bar drawn"  # the seed's only interval is the year 1948
    _click_center(dash_duo, bars[0])
    dash_duo.wait_for_contains_text(f"#{ids.DETAIL}", "75 years since the establishment")
    marks = dash_duo.find_elements(f"#{ids.DETAIL} .tl-sentence mark.hl-date")
    assert [m.text for m in marks] == ["1948"]
    assert (
        '"1948" → 1948-01-01 to 1948-12-31 (year), written in full'
        in dash_duo.find_element(f"#{ids.DETAIL}").text
    )
    assert f"event={seed_ids['1948']}" in dash_duo.driver.current_url
    # the selection is shown on the timeline too
    _until(
        lambda: any(t["kind"] == "selected" for t in _traces(dash_duo, ids.TIMELINE)),
        "the timeline does not ring the selected event",
    )
    # the whole article is one click away
    dash_duo.find_element(f"#{ids.DETAIL} details summary").click()
    dash_duo.wait_for_contains_text(f"#{ids.DETAIL} .tl-article", "Kremlin spokesman")
    _assert_offline_and_clean(dash_duo)


def test_a_filter_narrows_both_charts_and_lives_in_the_url(
    dash_duo: Any, sample: Sample, seed_ids: dict[str, str]
) -> None:
    _start(dash_duo, sample)
    everywhere = _map_places(_traces(dash_duo, ids.MAP))
    tuesday = {seed_ids["tuesday"]}
    there = _places_of(sample, tuesday)
    assert {VOSTOCHNY, "Russia"} <= there < everywhere
    search = dash_duo.find_element(f"#{ids.TEXT}")
    search.send_keys("Tuesday", Keys.ENTER)
    _wait_timeline(dash_duo, tuesday)
    _until(lambda: _map_places(_traces(dash_duo, ids.MAP)) == there, "map not filtered")
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", f"1 of {len(sample[0])} events in view")
    assert "q=Tuesday" in dash_duo.driver.current_url
    # the bookmarked view comes back, controls included
    dash_duo.driver.get(dash_duo.driver.current_url)
    _wait_timeline(dash_duo, tuesday)
    _until(lambda: dash_duo.find_element(f"#{ids.TEXT}").get_attribute("value") == "Tuesday",
           "the search box did not follow the URL")  # fmt: skip
    _assert_offline_and_clean(dash_duo)


def test_a_time_window_filters_the_map_and_clicking_a_place_the_timeline(
    dash_duo: Any, sample: Sample, seed_ids: dict[str, str]
) -> None:
    _start(dash_duo, sample)
    n = len(sample[0])
    in_1948 = _places_of(sample, {seed_ids["1948"]})
    assert in_1948 == {"North Korea"}
    dash_duo.driver.execute_script(
        "const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "Plotly.relayout(gd, {'xaxis.range': ['1947-06-01', '1950-01-01']});",
        ids.TIMELINE,
    )
    # only the 1948 event is in the window: the map keeps its place, the timeline every event
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", f"1 of {n} events in view")
    _until(
        lambda: _map_places(_traces(dash_duo, ids.MAP, wait=False)) == in_1948,
        "map not filtered by window",
    )
    assert len(_event_ids(_traces(dash_duo, ids.TIMELINE))) == n
    dash_duo.find_element(f"#{ids.CLEAR}").click()
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", f"{n} of {n} events in view")
    _until(lambda: VOSTOCHNY in _map_places(_traces(dash_duo, ids.MAP)), "map not reset")
    # click the Vostochny Cosmodrome marker: the timeline narrows to events there
    at_vostochny = _events_at(sample, VOSTOCHNY)
    assert {seed_ids["caption"], seed_ids["tuesday"], seed_ids["showed"]} <= at_vostochny
    assert not {seed_ids["1948"], seed_ids["wednesday"]} & at_vostochny
    places = _map_places(_traces(dash_duo, ids.MAP))
    drawn = dash_duo.find_elements(f"#{ids.MAP} .scattergeo .point") + dash_duo.find_elements(
        f"#{ids.MAP} .choroplethlocation"
    )  # sites and regions are points, countries areas
    assert len(drawn) >= len(places)
    dash_duo.driver.execute_script(
        "const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "const t = gd._fullData.findIndex((t) => Array.from(t.customdata).some((r) => r[0] === "
        "arguments[1]));"
        "const i = Array.from(gd._fullData[t].customdata).findIndex((r) => r[0] === "
        "arguments[1]);"
        "gd.emit('plotly_click', {points: [{curveNumber: t, pointNumber: i, pointIndex: i,"
        " customdata: gd._fullData[t].customdata[i], data: gd.data[t],"
        " fullData: gd._fullData[t]}]});",
        ids.MAP,
        VOSTOCHNY,
    )
    _wait_timeline(dash_duo, at_vostochny)
    dash_duo.wait_for_contains_text(f"#{ids.SELECTION}", f"place {VOSTOCHNY}")
    _assert_offline_and_clean(dash_duo)


def test_csv_download_holds_the_events_in_view(
    dash_duo: Any, sample: Sample, seed_ids: dict[str, str]
) -> None:
    events = sample[0]
    kim = events[Col.ACTORS].fillna("").str.split("; ").map(lambda a: "Kim Jong Un" in a)
    expected = set(events.loc[kim & events[Col.PRECISION].eq("day"), Col.EVENT_ID])
    assert {seed_ids[k] for k in ("wednesday", "caption", "tuesday", "showed")} <= expected
    assert seed_ids["1948"] not in expected and len(expected) < len(events)
    _start(dash_duo, sample, "actor=Kim+Jong+Un&precision=day")
    _wait_timeline(dash_duo, expected)
    dash_duo.find_element(f"#{ids.DOWNLOAD_CSV}").click()
    target = Path(dash_duo.download_path) / "events.csv"
    _until(target.exists, "no CSV downloaded")
    _until(lambda: target.stat().st_size > 0, "empty CSV")
    downloaded = pd.read_csv(target)
    assert set(downloaded["event_id"]) == expected
    assert len(downloaded) == len(expected)
    _assert_offline_and_clean(dash_duo)


def test_a_shared_link_keeps_its_names_even_one_the_articles_lack(
    dash_duo: Any, sample: Sample
) -> None:
    # A Dropdown drops the values missing from its options: the page gives the name dropdowns
    # their options at once when the URL names one (else a value set before they came was
    # lost), and offers a name these articles lack, which shows no events and stays in the box
    events = sample[0]
    kim = events[Col.ACTORS].fillna("").str.split("; ").map(lambda a: "Kim Jong Un" in a)
    expected = set(events.loc[kim & events[Col.PRECISION].eq("day"), Col.EVENT_ID])
    _start(dash_duo, sample, "actor=Kim+Jong+Un&actor=Nobody+Here&precision=day")
    _wait_timeline(dash_duo, expected)
    dash_duo.find_element(f"#{ids.ACTORS}").click()
    _until(
        lambda: (
            {"Vladimir Putin", "Nobody Here"}
            <= {o.text for o in dash_duo.find_elements("[role=option]")}
        ),
        "the Actors dropdown does not offer the URL's names",
    )
    # the options have come: had they dropped a value, it would no longer be ticked
    ticked = {o.text for o in dash_duo.find_elements("[role=option][aria-selected=true]")}
    assert {"Kim Jong Un", "Nobody Here"} <= ticked and "Vladimir Putin" not in ticked
    assert {"actor=Kim+Jong+Un", "actor=Nobody+Here"} <= set(
        dash_duo.driver.current_url.split("?")[1].split("&")
    )
    _wait_timeline(dash_duo, expected)
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
    n = len(sample[0])
    # the page opened on the densest period: all but "in 1948"
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", f"{n - 1} of {n} events in view")
    assert _event_ids(_traces(dash_duo, ids.TIMELINE)) == set(sample[0][Col.EVENT_ID])
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
    assert f"of {len(sample[0])} events" not in dash_duo.find_element(f"#{ids.COUNT}").text
    # the Places dropdown (its options given after the charts are drawn) offers the new place
    dash_duo.find_element(f"#{ids.PLACES}").click()
    _until(
        lambda: "Geneva" in {o.text for o in dash_duo.find_elements("[role=option]")},
        "the Places dropdown does not offer the added article's place",
    )
    _assert_offline_and_clean(dash_duo)


def _components(node: Any) -> list[dict[str, Any]]:
    """Every component of a /_dash-layout answer."""
    if isinstance(node, list):
        return [c for child in node for c in _components(child)]
    if isinstance(node, dict) and "props" in node:
        return [node, *_components(node["props"].get("children"))]
    return []


def test_the_name_dropdowns_and_the_articles_come_once_the_charts_are_drawn(
    dash_duo: Any, sample: Sample
) -> None:
    _start(dash_duo, sample)
    # the page comes with the names in a store, the dropdowns empty (nothing to index yet),
    # and the articles counted but not listed
    layout = json.loads(dash_duo.driver.execute_script(
        "return fetch('/_dash-layout').then((r) => r.text());"
    ))  # fmt: skip
    props = {c["props"]["id"]: c["props"] for c in _components(layout) if "id" in c["props"]}
    assert props[ids.COUNTRIES]["options"] == [] and props[ids.ACTORS]["options"] == []
    assert "Russia" in props[ids.OPTIONS]["data"]["countries"]
    assert props[ids.ARTICLE_PICK]["options"] == []
    assert "Putin Says" not in json.dumps(props[ids.ARTICLE_LIST]["children"])
    assert "1 article" in json.dumps(props[ids.ARTICLE_LIST]["children"])
    title = "Putin Says Russia to Help North Korea Build Satellites"
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_LIST}", title)
    dash_duo.find_element(f"#{ids.ARTICLE_PICK}").click()
    _until(
        lambda: any(title in o.text for o in dash_duo.find_elements("[role=option]")),
        "the date form offers no article",
    )
    dash_duo.find_element(f"#{ids.ARTICLE_PICK}").click()  # closed again
    dash_duo.find_element(f"#{ids.COUNTRIES}").click()
    _until(
        lambda: (
            {"Russia", "North Korea"} <= {o.text for o in dash_duo.find_elements("[role=option]")}
        ),
        "the Countries dropdown offers no country",
    )
    _assert_offline_and_clean(dash_duo)


def test_standalone_map_html_draws_offline(dash_duo: Any, sample: Sample, tmp_path: Path) -> None:
    from timeline.export.charts import figure_html
    from timeline.figures import map_figure

    page = tmp_path / "map.html"
    page.write_text(figure_html(map_figure(sample[0])), encoding="utf-8")
    dash_duo.driver.get(page.as_uri())
    dash_duo.wait_for_element(".geo .countries path")
    assert (
        dash_duo.driver.execute_script("return performance.getEntriesByType('resource').length")
        == 0
    )
    drawn = dash_duo.find_elements(".scattergeo .point") + dash_duo.find_elements(
        ".choroplethlocation"
    )  # sites and regions are points, countries areas
    assert len(drawn) >= sample[0][Col.PLACE].nunique()
    assert dash_duo.get_logs() == []


def test_large_frames_draw_counts_then_events(dash_duo: Any) -> None:
    # (was: 12,000 events drawn one by one in WebGL. The page now sends counts per time bin and
    # lane past RAW_UP_TO events in the window, and the events once zoomed in under it.)
    from timeline_sample import synthetic_events

    from timeline.app.callbacks import RAW_UP_TO

    events = synthetic_events(WEBGL_ABOVE + 2_000)
    dash_duo.start_server(create_app(events))
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "12,000 of 12,000 events in view")
    traces = _traces(dash_duo, ids.TIMELINE)
    assert {t["kind"] for t in traces} == {"aggregate", "aggregate-count"}
    assert 0 < sum(len(t["x"]) for t in traces if t["kind"] == "aggregate") < RAW_UP_TO
    dash_duo.driver.execute_script(
        "const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "Plotly.relayout(gd, {'xaxis.range': ['2016-01-01', '2016-03-01']});",
        ids.TIMELINE,
    )
    _until(lambda: "point" in {t["kind"] for t in _traces(dash_duo, ids.TIMELINE)},
           "zooming in does not draw the events")  # fmt: skip
    in_window = events[(events[Col.START] <= "2016-03-01") & (events[Col.END] > "2016-01-01")]
    _until(lambda: _event_ids(_traces(dash_duo, ids.TIMELINE)) == set(in_window[Col.EVENT_ID]),
           "the zoomed timeline does not draw the window's events")  # fmt: skip
    _assert_offline_and_clean(dash_duo)


_RANGE_JS = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
return gd && gd._fullLayout ? gd._fullLayout.xaxis.range.map(String) : null;
"""


def _x_range(dash_duo: Any) -> list[str]:
    """The timeline's drawn x range, as ISO dates (day precision)."""
    return [str(v)[:10] for v in dash_duo.driver.execute_script(_RANGE_JS, ids.TIMELINE) or []]


def test_the_zoom_survives_a_click_and_a_reload(
    dash_duo: Any, sample: Sample, seed_ids: dict[str, str]
) -> None:
    _start(dash_duo, sample)
    n = len(sample[0])
    dash_duo.driver.execute_script(
        "const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "Plotly.relayout(gd, {'xaxis.range': ['2023-09-10', '2023-09-16']});",
        ids.TIMELINE,
    )
    in_window = n - 1  # all but "in 1948"
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", f"{in_window} of {n} events in view")
    # (the page opened on the densest period, which holds the same events: wait for the URL)
    _until(lambda: "window=2023-09-10" in dash_duo.driver.current_url, "the window is not kept")
    # a real click on a point of the main plot (not the range slider under it)
    points = dash_duo.find_elements(
        f"#{ids.TIMELINE} .cartesianlayer .subplot.xy .scatterlayer .point"
    )
    assert points, "no point drawn in the window"
    _click_center(dash_duo, points[0])
    _until(lambda: "event=" in dash_duo.driver.current_url, "the click selected nothing")
    _until(
        lambda: any(t["kind"] == "selected" for t in _traces(dash_duo, ids.TIMELINE)),
        "the timeline was not redrawn with the selection",
    )
    assert _x_range(dash_duo) == ["2023-09-10", "2023-09-16"]  # the zoom is kept ...
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", f"{in_window} of {n} events in view")
    # ... and comes back with the URL
    dash_duo.driver.get(dash_duo.driver.current_url)
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", f"{in_window} of {n} events in view")
    _until(lambda: _x_range(dash_duo) == ["2023-09-10", "2023-09-16"], "the zoom was not restored")
    _assert_offline_and_clean(dash_duo)


@contextlib.contextmanager
def _phone(driver: Any) -> Iterator[None]:
    """The page as a 390x844 phone shows it (Chrome's device emulation), then as before."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        yield
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_phone_sized_page_has_no_horizontal_scroll(
    dash_duo: Any, sample: Sample, tmp_path: Path
) -> None:
    driver = dash_duo.driver
    with _phone(driver):
        _start(dash_duo, sample)
        _traces(dash_duo, ids.MAP)
        assert driver.execute_script("return window.innerWidth") == 390
        # the filters fold away above the charts: the timeline is on the first screen
        sidebar = dash_duo.find_element(f"#{ids.SIDEBAR}")
        assert sidebar.get_attribute("open") is None
        timeline = dash_duo.find_element(f"#{ids.TIMELINE}")
        assert timeline.rect["y"] < 844 / 2
        assert dash_duo.find_element(f"#{ids.SIDEBAR} summary").rect["y"] < timeline.rect["y"]
        # the charts take the width; nothing makes the page scroll sideways
        for graph in (ids.TIMELINE, ids.MAP):
            width = dash_duo.find_element(f"#{graph} .js-plotly-plot").rect["width"]
            assert width >= 390 - 40, (graph, width)
        # the range buttons fit in the timeline (they overflowed it at 390 px)
        right = driver.execute_script(
            "const r = (s) => document.querySelector(s).getBoundingClientRect().right;"
            "return [r('#timeline-graph .updatemenu-container'), r('#timeline-graph .main-svg')];"
        )
        assert right[0] <= right[1] + 0.5, right
        dash_duo.find_element(f"#{ids.SIDEBAR} summary").click()  # unfolded: still no scroll
        dash_duo.wait_for_element(f"#{ids.ADD_TEXT}")
        # a responsive plot takes its container's height: a container without one collapsed
        # (after a resize) and the map drew over the table
        for graph in (ids.TIMELINE, ids.MAP):
            plot = dash_duo.find_element(f"#{graph} .js-plotly-plot").rect
            svg = dash_duo.find_element(f"#{graph} .main-svg").rect
            assert plot["height"] >= svg["height"] - 1, (graph, plot, svg)
        svg = dash_duo.find_element(f"#{ids.MAP} .main-svg").rect
        table = dash_duo.find_element(f"#{ids.TABLE}").rect
        assert table["y"] >= svg["y"] + svg["height"], (svg, table)
        scroll = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.body.scrollWidth]"
        )
        assert max(scroll) <= 390, scroll
        driver.save_screenshot(str(tmp_path / "phone.png"))
        assert (tmp_path / "phone.png").stat().st_size > 0
        _assert_offline_and_clean(dash_duo)


_BUTTONS_JS = """
const box = (e) => { const r = e.getBoundingClientRect();
                     return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
const graph = document.querySelector('#' + arguments[0]);
return {
    graph: box(graph),
    viewport: {left: 0, right: window.innerWidth, top: 0, bottom: window.innerHeight},
    buttons: Array.from(graph.querySelectorAll('.updatemenu-button'), (b) => {
        const r = box(b);
        const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
        return {label: b.textContent, ...r, reachable: !!hit && b.contains(hit)};
    }),
};
"""


@pytest.mark.parametrize("lane", ["actor", "article"])
def test_on_a_phone_every_range_button_is_inside_the_timeline_and_works(
    dash_duo: Any, sample: Sample, lane: str
) -> None:
    # article lanes have the widest labels: the buttons started after them and ran off the
    # right edge of the phone
    driver = dash_duo.driver
    with _phone(driver):
        _start(dash_duo, sample, f"lane={lane}")
        _traces(dash_duo, ids.TIMELINE)
        found = driver.execute_script(_BUTTONS_JS, ids.TIMELINE)
        labels = [b["label"] for b in found["buttons"]]
        assert labels[0] == "focus" and labels[-1] == "all" and len(labels) >= 3, labels
        for button in found["buttons"]:
            for outer in (found["graph"], found["viewport"]):
                assert outer["left"] <= button["left"] and button["right"] <= outer["right"], (
                    button, outer)  # fmt: skip
                assert outer["top"] <= button["top"] and button["bottom"] <= outer["bottom"], (
                    button, outer)  # fmt: skip
            assert button["reachable"], button  # nothing drawn over it
        focused = _x_range(dash_duo)
        last = dash_duo.find_elements(f"#{ids.TIMELINE} .updatemenu-button")[-1]
        ActionChains(driver).move_to_element(last).click().perform()
        _until(lambda: _x_range(dash_duo) != focused, "the last range button changed nothing")
        assert _x_range(dash_duo)[0] <= "1948-01-01"  # "all" reaches back to 1948
        _assert_offline_and_clean(dash_duo)


def test_no_share_to_cloud_anywhere(dash_duo: Any, sample: Sample) -> None:
    _start(dash_duo, sample)
    _traces(dash_duo, ids.MAP)
    for graph in (ids.TIMELINE, ids.MAP):
        context = dash_duo.driver.execute_script(
            "const c = document.querySelector('#' + arguments[0] + ' .js-plotly-plot')._context;"
            "return [c.showSendToCloud, !!c.showEditInChartStudio, !!c.showLink];",
            graph,
        )
        assert context == [False, False, False], (graph, context)
        titles = [
            b.get_attribute("data-title") or ""
            for b in dash_duo.find_elements(f"#{graph} .modebar-btn")
        ]
        assert titles, f"{graph} has no modebar"
        assert not [t for t in titles if "cloud" in t.lower() or "chart studio" in t.lower()]
        assert not dash_duo.find_elements(f"#{graph} .js-plot-link-container")
    page = dash_duo.driver.execute_script("return fetch('/_dash-layout').then((r) => r.text());")
    assert '"showSendToCloud": true' not in page.replace('":true', '": true')
    _assert_offline_and_clean(dash_duo)


def test_titles_render_as_text(dash_duo: Any, sample: Sample, seed_ids: dict[str, str]) -> None:
    from dataclasses import replace

    hostile = '<b id="injected">Bold</b> <img src=x onerror="document.title=1"> \u202eevil'
    events, mentions, articles = sample
    (doc_id,) = articles
    articles = {doc_id: replace(articles[doc_id], title=hostile)}
    events = events.assign(title=pd.Series(hostile, index=events.index, dtype="string"))
    dash_duo.start_server(create_app(events, mentions=mentions, articles=articles))
    dash_duo.driver.get(f"{dash_duo.server_url}/?event={seed_ids['1948']}")
    dash_duo.wait_for_contains_text(f"#{ids.DETAIL}", '<b id="injected">Bold</b>')
    dash_duo.wait_for_contains_text(f"#{ids.TABLE}", '<b id="injected">Bold</b>')
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_LIST}", '<b id="injected">Bold</b>')
    assert not dash_duo.find_elements("#injected") and not dash_duo.find_elements("img[src=x]")
    assert dash_duo.driver.title == "timeline"
    assert "\u202e" not in dash_duo.find_element(f"#{ids.DETAIL}").text
    _assert_offline_and_clean(dash_duo)


_SAME_SIZE_RESIZE_JS = """
const done = arguments[arguments.length - 1];
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
let drawn = 0;
gd.on('plotly_afterplot', () => { drawn += 1; });
Plotly.Plots.resize(gd).then(() => setTimeout(() => done(drawn), 300));
"""

_PAGE_LOAD_ANSWERS_JS = """
return performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('_dash-update-component')).map((e) => e.decodedBodySize);
"""


def test_the_first_view_comes_with_the_page_and_only_a_new_size_redraws(
    dash_duo: Any, sample: Sample
) -> None:
    _start(dash_duo, sample)
    # the layout held the charts: the page-load answer only put the opening window in the URL
    assert "window=" in dash_duo.driver.current_url
    answers = dash_duo.driver.execute_script(_PAGE_LOAD_ANSWERS_JS)
    assert answers and max(answers) < 2_000, answers
    # a resize to the size a chart has draws nothing (dcc.Graph asks for one after each draw)
    assert dash_duo.driver.execute_async_script(_SAME_SIZE_RESIZE_JS, ids.TIMELINE) == 0
    width = dash_duo.driver.execute_script(
        "return document.querySelector('#' + arguments[0] + ' .js-plotly-plot')._fullLayout.width;",
        ids.TIMELINE,
    )
    dash_duo.driver.set_window_size(1000, 900)  # a narrower window: the charts follow it
    _until(
        lambda: (
            dash_duo.driver.execute_script(
                "const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
                "return gd._fullLayout.width;",
                ids.TIMELINE,
            )
            < width - 50
        ),
        "the timeline kept its width in a narrower window",
    )
    _assert_offline_and_clean(dash_duo)
