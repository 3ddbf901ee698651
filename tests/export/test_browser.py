"""The standalone chart pages and the report, opened from disk in headless Chromium with every
request that is not file:// aborted: both charts draw, the map has its countries, and nothing
failed or logged an error. (Playwright drives Debian's /usr/bin/chromium.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from timeline.export.formats import export_events

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=_ARGS)
        yield chromium
        chromium.close()


def _open_offline(browser: Any, page_path: Path) -> tuple[Any, dict[str, list[str]]]:
    """The page opened from disk; every request not to file:// is aborted and recorded."""
    page = browser.new_page()
    seen: dict[str, list[str]] = {"blocked": [], "failed": [], "errors": []}

    def route(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            seen["blocked"].append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda request: seen["failed"].append(request.url))
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.goto(page_path.as_uri())
    return page, seen


def _check_drawn(page: Any, charts: int) -> None:
    """`charts` plotly divs, each with its SVG, and a geo subplot with country outlines."""
    page.wait_for_selector(".geo .countries path", timeout=60_000)
    page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=60_000
    )
    plots = page.eval_on_selector_all(
        ".js-plotly-plot", "els => els.map(e => e.querySelectorAll('.main-svg').length)"
    )
    assert len(plots) == charts and all(count > 0 for count in plots)
    outline = page.eval_on_selector(".geo .countries path", "e => e.getAttribute('d').length")
    assert outline > 10_000
    assert page.locator(".scattergeo .point").count() >= 3


def test_report_draws_offline(browser: Any, sample: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path) -> None:
    events, mentions = sample
    done = export_events(events, tmp_path / "report.html", "report", mentions=mentions)
    page, seen = _open_offline(browser, done.paths[0])
    _check_drawn(page, charts=2)
    assert page.locator("#chart-timeline .main-svg").count() > 0
    assert page.locator("table tbody tr").count() == len(events)
    titles = page.eval_on_selector_all(".modebar-btn", "els => els.map(e => e.dataset.title)")
    assert titles and not [t for t in titles if "Chart Studio" in t or "Cloud" in t]
    assert seen == {"blocked": [], "failed": [], "errors": []}


def test_standalone_charts_draw_offline(
    browser: Any, sample: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    events, mentions = sample
    done = export_events(events, tmp_path / "chart.html", mentions=mentions, charts=("timeline", "map"))
    timeline_page, map_page = done.paths
    page, seen = _open_offline(browser, timeline_page)
    page.wait_for_selector(".js-plotly-plot .main-svg .scatterlayer .point", timeout=60_000)
    assert page.locator(".js-plotly-plot").count() == 1
    assert seen == {"blocked": [], "failed": [], "errors": []}
    page, seen = _open_offline(browser, map_page)
    _check_drawn(page, charts=1)
    assert seen == {"blocked": [], "failed": [], "errors": []}


def test_blocking_is_real(browser: Any, tmp_path: Path) -> None:
    """The route really aborts the network: a page asking for a CDN script records it."""
    page_path = tmp_path / "cdn.html"
    page_path.write_text('<script src="https://cdn.plot.ly/plotly-3.0.0.min.js"></script>', encoding="utf-8")
    page, seen = _open_offline(browser, page_path)
    page.wait_for_load_state("load")
    assert seen["blocked"] == ["https://cdn.plot.ly/plotly-3.0.0.min.js"] and seen["failed"]
