"""Is the dashboard responsive while it extracts a long paste? (headless chromium, selenium)

Serves the app on the sample articles, then in a real browser: times a filter change on an idle
server, pastes a long text (ARTICLE repeated to --chars characters; the sample by default),
times the same filter change while the background job extracts it, and the job to its end.
Prints the times and the ratio busy / idle (1.0: the job does not slow the page at all; before
the background jobs, the filter waited for the whole extraction).

    python benchmarks/bench_jobs.py [ARTICLE] [--chars 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled


def main() -> None:
    """Print the idle and busy filter times, their ratio, and the extraction time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, help="text to repeat (default: sample)")
    parser.add_argument("--chars", type=int, default=1_000_000, help="length of the paste")
    parser.add_argument("--repeat", type=int, default=3, help="filter changes timed per state")
    options = parser.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from werkzeug.serving import make_server

    from timeline.app import create_app, ids
    from timeline.extract.pipeline import extract_corpus
    from timeline.ingest import read_articles, seed_paths

    seeds = [a for path in seed_paths() for a in read_articles(path)]
    corpus = extract_corpus(seeds)
    base = options.article.read_text(encoding="utf-8") if options.article else seeds[0].text
    paste = "Long paste\n\n" + (base + "\n\n") * (options.chars // (len(base) + 2) + 1)
    paste = paste[: options.chars]
    app = create_app(corpus.events, mentions=corpus.mentions, articles=corpus.articles)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    browser_options = Options()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        browser_options.add_argument(flag)
    driver = webdriver.Chrome(options=browser_options)
    n = len(corpus.events)
    try:
        driver.get(f"http://127.0.0.1:{server.server_port}/")
        _wait(driver, ids.COUNT, f"{n} of {n} events in view")
        idle = [_filter_change(driver, ids, n) for _ in range(options.repeat)]
        driver.execute_script(
            "window.dash_clientside.set_props(arguments[0], {value: arguments[1]});",
            ids.ADD_TEXT,
            paste,
        )
        began = time.perf_counter()
        driver.find_element("id", ids.ADD_TEXT_BUTTON).click()
        _wait(driver, ids.PROGRESS_TEXT, "0 of 1 article done")
        busy = [_filter_change(driver, ids, n) for _ in range(options.repeat)]
        running = "article done" in driver.find_element("id", ids.PROGRESS_TEXT).text
        _wait(driver, ids.ADD_ALERT, "Pasted text", timeout=3600)
        extraction = time.perf_counter() - began
    finally:
        driver.quit()
        server.shutdown()
    idle_s, busy_s = statistics.median(idle), statistics.median(busy)
    print(f"paste: {len(paste):,} characters; extraction in the background: {extraction:.1f} s")
    print(f"filter change, idle server:      {idle_s:.2f} s (median of {options.repeat})")
    print(f"filter change, during the job:   {busy_s:.2f} s (median of {options.repeat})"
          f"{'' if running else ' (the job ended before the last one)'}")  # fmt: skip
    print(f"ratio busy / idle: {busy_s / idle_s:.2f}")


def _filter_change(driver: Any, ids: Any, n: int) -> float:
    """Seconds from typing a search to the count showing it, then clearing it again."""
    from selenium.webdriver.common.keys import Keys

    box = driver.find_element("id", ids.TEXT)
    began = time.perf_counter()
    box.send_keys("Tuesday", Keys.ENTER)
    _wait(driver, ids.COUNT, f"1 of {n} events in view")
    elapsed = time.perf_counter() - began
    box.clear()
    box.send_keys(Keys.ENTER)
    _wait(driver, ids.COUNT, f"{n} of {n} events in view")
    return elapsed


def _wait(driver: Any, element: str, text: str, timeout: float = 120) -> None:
    """Until the element (once on the page) shows `text`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = driver.find_elements("id", element)
        if found and text in found[0].text:
            return
        time.sleep(0.02)
    raise TimeoutError(f"#{element} never showed {text!r}")


if __name__ == "__main__":
    main()
