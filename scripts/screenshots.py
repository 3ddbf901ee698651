"""Screenshots of the dashboard for the README: desktop (1400 x 1000) and phone (390 x 844).

Serves the app on the sample articles (or the files given) on a free loopback port and drives
Debian's chromium headless through selenium (the test extras):

    python scripts/screenshots.py [ARTICLE...] [--out docs/]

Writes ``screenshot.png`` and ``screenshot-390.png`` (the phone's first screen) into --out.
"""

from __future__ import annotations

import argparse
import base64
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

SIZES = {"screenshot.png": (1400, 1000, False), "screenshot-390.png": (390, 844, True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path, help="article files (default: seeds)")
    parser.add_argument("--out", type=Path, default=Path("docs"), help="folder for the PNGs")
    args = parser.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from werkzeug.serving import make_server

    from timeline.app import create_app
    from timeline.extract.pipeline import extract_corpus
    from timeline.ingest import iter_article_paths, read_articles, seed_paths

    paths = iter_article_paths(args.articles or seed_paths())
    corpus = extract_corpus([a for path in paths for a in read_articles(path)])
    app = create_app(corpus.events, mentions=corpus.mentions, articles=corpus.articles)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    options = Options()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        for name, (width, height, mobile) in SIZES.items():
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
            )
            driver.get(url)
            _wait_for_charts(driver)
            png = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
            (args.out / name).write_bytes(base64.b64decode(png))
            print(f"{args.out / name}: {width}x{height}")
    finally:
        driver.quit()
        server.shutdown()


def _wait_for_charts(driver: object, timeout: float = 60) -> None:
    """Until both charts are drawn (the map's outlines included), then a moment to settle."""
    script = (
        "return document.querySelectorAll('.js-plotly-plot').length === 2 &&"
        " document.querySelector('#map-graph .geo .countries path') !== null &&"
        " (document.getElementById('view-count') || {}).textContent !== '';"
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not driver.execute_script(script):  # type: ignore[attr-defined]
        time.sleep(0.2)
    time.sleep(4)  # the map finishes its layout after the first paint


if __name__ == "__main__":
    main()
