"""The timeline and the map as a reader sees them, in a real browser (headless Chromium via
dash_duo; run with --headless): where the timeline opens, what its buttons show, whether the map's
view holds every marker, whether labels collide, and whether a title's markup stays text.

Assertions read what plotly.js drew (``gd._fullLayout``, its projection, the DOM's boxes); never
pixels of a screenshot, never timings.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from selenium.webdriver.common.action_chains import ActionChains

from timeline.app import create_app, ids
from timeline.schema import Col

# the helpers of the dashboard's browser tests (tests/ is on sys.path, see conftest.py)
from app.test_browser import (  # isort: skip
    Sample,
    _assert_offline_and_clean,
    _event_ids,
    _traces,
    _until,
    show_all,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]

SEPTEMBER_2023 = (dt.datetime(2023, 9, 1), dt.datetime(2023, 10, 1))

_X_RANGE_JS = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd._fullLayout.xaxis) { return null; }
return gd._fullLayout.xaxis.range.map((v) => String(v));
"""

# Where plotly.js drew each map marker, and the drawn box of the map (same coordinates).
_MAP_VIEW_JS = """
const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
const geo = gd._fullLayout.geo._subplot;
const box = geo.bounds;
const middle = geo.projection.invert([(box[0][0] + box[1][0]) / 2, (box[0][1] + box[1][1]) / 2]);
const markers = [];
gd._fullData.forEach((t) => {
  const kind = t.meta && t.meta.kind;
  if (t.type !== 'scattergeo' || !['precise', 'approximate', 'dateline'].includes(kind)) return;
  Array.from(t.lat).forEach((lat, i) => {
    // a dateline star's customdata[0] is empty (a click on it filters nothing): its hover names it
    const name = kind === 'dateline' ? t.hovertext[i] : t.customdata[i][0];
    markers.push({kind: kind, name: name, xy: geo.projection([t.lon[i], lat])});
  });
});
const size = gd._fullLayout._size;
return {box: box, middle: middle, markers: markers, plot: [size.w, size.h]};
"""

# The on-screen boxes of the map's labels and markers.
_MAP_BOXES_JS = """
const root = document.querySelector('#' + arguments[0]);
const rect = (e) => { const r = e.getBoundingClientRect();
                      return [r.left, r.top, r.right, r.bottom]; };
return {
  labels: Array.from(root.querySelectorAll('.scattergeo text'))
    .filter((e) => e.textContent.trim() && getComputedStyle(e).opacity !== '0')
    .map((e) => ({text: e.textContent, box: rect(e)})),
  dots: Array.from(root.querySelectorAll('.scattergeo path.point')).map(rect),
};
"""


def _start(dash_duo: Any, sample: Sample, query: str = "") -> None:
    """Serve the app on the sample (with its datelines) and wait until both charts are drawn."""
    events, mentions, articles = sample
    dash_duo.start_server(create_app(events, mentions=mentions, articles=articles))
    if query:
        dash_duo.driver.get(dash_duo.server_url + "/?" + query)
    dash_duo.wait_for_contains_text(f"#{ids.COUNT}", "events in view")
    _until(lambda: _event_ids(_traces(dash_duo, ids.TIMELINE)), "timeline not drawn")
    _until(lambda: dash_duo.find_elements(f"#{ids.MAP} .geo .countries path"), "no map")


def _x_range(dash_duo: Any) -> tuple[dt.datetime, dt.datetime]:
    """The timeline's visible range."""
    low, high = dash_duo.driver.execute_script(_X_RANGE_JS, ids.TIMELINE)
    return (dt.datetime.fromisoformat(low[:19].strip()),
            dt.datetime.fromisoformat(high[:19].strip()))  # fmt: skip


def _click_button(dash_duo: Any, label: str) -> None:
    """Click one of the timeline's range buttons."""
    if label == "all":
        show_all(dash_duo)
        return
    button = next(
        b
        for b in dash_duo.find_elements(f"#{ids.TIMELINE} .updatemenu-button")
        if b.text.strip() == label
    )
    ActionChains(dash_duo.driver).move_to_element(button).pause(0.2).click().perform()


def test_the_timeline_opens_on_september_2023_and_1948_is_one_click_away(
    dash_duo: Any, sample: Sample, seed_ids: dict[str, str]
) -> None:
    _start(dash_duo, sample)
    low, high = _x_range(dash_duo)
    assert SEPTEMBER_2023[0] <= low < high <= SEPTEMBER_2023[1], (low, high)
    assert seed_ids["1948"] in _event_ids(_traces(dash_duo, ids.TIMELINE))  # drawn, out of view
    # the overview strip under the axis shows every event, 1948 included
    assert dash_duo.find_elements(f"#{ids.TIMELINE} .rangeslider-container")
    _click_button(dash_duo, "all")
    _until(lambda: _x_range(dash_duo)[0] <= dt.datetime(1948, 1, 1), "1948 not in view")
    assert _x_range(dash_duo)[1] >= dt.datetime(2023, 9, 13)
    n = len(sample[0])
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", f"{n} of {n} events in view")
    # "month" is a month up to the last event, not a month back from today
    _click_button(dash_duo, "month")
    _until(lambda: _x_range(dash_duo)[1] < dt.datetime(2023, 9, 16), "month not around the news")
    low, high = _x_range(dash_duo)
    assert dt.timedelta(days=28) <= high - low <= dt.timedelta(days=32)
    assert high >= dt.datetime(2023, 9, 14)
    _until(lambda: "window=" in dash_duo.driver.current_url, "the window is not in the URL")
    _assert_offline_and_clean(dash_duo)


def test_the_zoom_survives_a_click_on_an_event(
    dash_duo: Any, sample: Sample, seed_ids: dict[str, str]
) -> None:
    _start(dash_duo, sample)
    _click_button(dash_duo, "week")
    _until(lambda: _x_range(dash_duo)[1] - _x_range(dash_duo)[0] > dt.timedelta(days=6),
           "week not shown")  # fmt: skip
    week = _x_range(dash_duo)
    dash_duo.driver.execute_script(
        "const gd = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');"
        "const t = gd._fullData.findIndex((t) => t.meta && t.meta.kind === 'point' &&"
        " Array.from(t.customdata).some((r) => r[0] === arguments[1]));"
        "const i = Array.from(gd._fullData[t].customdata).findIndex((r) => r[0] === arguments[1]);"
        "gd.emit('plotly_click', {points: [{curveNumber: t, pointNumber: i, pointIndex: i,"
        " customdata: gd._fullData[t].customdata[i], data: gd.data[t],"
        " fullData: gd._fullData[t]}]});",
        ids.TIMELINE,
        seed_ids["tuesday"],
    )
    _until(lambda: any(t["kind"] == "selected" for t in _traces(dash_duo, ids.TIMELINE)),
           "the selection is not drawn")  # fmt: skip
    assert _x_range(dash_duo) == week
    _assert_offline_and_clean(dash_duo)


def test_the_map_view_holds_every_marker_around_north_east_asia(
    dash_duo: Any, sample: Sample
) -> None:
    _start(dash_duo, sample)
    view = dash_duo.driver.execute_script(_MAP_VIEW_JS, ids.MAP)
    (x0, y0), (x1, y1) = view["box"]
    names = {m["name"] for m in view["markers"]}
    assert {"Vostochny Cosmodrome", "Amur Oblast", "Vladivostok"} <= names
    for marker in view["markers"]:
        x, y = marker["xy"]
        assert x0 <= x <= x1 and y0 <= y <= y1, marker
    lon, lat = view["middle"]
    assert 110 <= lon <= 150 and 35 <= lat <= 60, view["middle"]
    # no blank bands: the map fills its box (the frame has the container's aspect)
    width, height = view["plot"]
    assert (x1 - x0) / width > 0.85 and (y1 - y0) / height > 0.85, (view["box"], view["plot"])
    # the dateline city is drawn, with its own legend entry
    datelines = [t for t in _traces(dash_duo, ids.MAP) if t["kind"] == "dateline"]
    assert [name for t in datelines for name in t["hovertext"]] == ["Vladivostok"]
    assert [row[1] for t in datelines for row in t["customdata"]] == ["dateline"]
    legend = dash_duo.find_element(f"#{ids.MAP} .legend").text
    assert "dateline (where it was reported from)" in legend
    _assert_offline_and_clean(dash_duo)


def _overlap(a: list[float], b: list[float], slack: float = 1.0) -> bool:
    """Whether two screen boxes overlap by more than `slack` pixels."""
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


def test_map_labels_do_not_collide(dash_duo: Any, sample: Sample) -> None:
    _start(dash_duo, sample)
    boxes = dash_duo.driver.execute_script(_MAP_BOXES_JS, ids.MAP)
    labels, dots = boxes["labels"], boxes["dots"]
    assert {"Vostochny Cosmodrome", "Vladivostok"} <= {label["text"] for label in labels}
    for a, b in itertools.combinations(labels, 2):
        assert not _overlap(a["box"], b["box"]), (a, b)
    for label in labels:  # "North Korea" must not sit on the Vostochny dot
        for dot in dots:
            assert not _overlap(label["box"], dot), (label, dot)
    _assert_offline_and_clean(dash_duo)


def test_a_title_with_markup_is_shown_as_text(dash_duo: Any, sample: Sample) -> None:
    events, mentions, articles = sample
    title = "<b>Bold</b> & <a href='http://example.com/'>link</a> \u202eevil"
    titled = events.assign(**{Col.TITLE: title}).astype({Col.TITLE: "string"})
    _start(dash_duo, (titled, mentions, articles), "lane=article")
    _until(
        lambda: any("Bold" in e.text for e in dash_duo.find_elements(f"#{ids.TIMELINE} .ytick")),
        "the article lane is not drawn",
    )
    tick = next(e for e in dash_duo.find_elements(f"#{ids.TIMELINE} .ytick text")
                if "Bold" in e.text)  # fmt: skip
    # the markup as written (a long title is on two lines, cut: "<b>Bold</b> & <a href=…")
    assert tick.get_attribute("textContent").startswith("<b>Bold</b> & <a href=")
    assert "\u202e" not in tick.get_attribute("textContent")
    # no link and no bold run was made of it
    assert not dash_duo.find_elements(f"#{ids.TIMELINE} .ytick a")
    assert not dash_duo.find_elements(f"#{ids.TIMELINE} .ytick tspan[style*='bold']")
    _assert_offline_and_clean(dash_duo)
