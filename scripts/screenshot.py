"""Screenshots of the dashboard for the README: desktop width and a 390 px phone.

Starts ``timeline serve`` on the given article files (the bundled seeds by default) on a free
loopback port, opens it in headless Chromium (Debian's ``/usr/bin/chromium`` through Playwright;
every host but 127.0.0.1 unresolvable, so the page cannot reach the network), waits until the
timeline and the map are drawn, and writes the PNGs.

    python scripts/screenshot.py                      # docs/screenshot.png, docs/screenshot-mobile.png
    python scripts/screenshot.py my/articles --out /tmp/desk.png --mobile-out /tmp/phone.png
    python scripts/screenshot.py --query lane=article --out /tmp/a.png --mobile-out /tmp/b.png
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
FULL = True
CHROMIUM = "/usr/bin/chromium"
READY_JS = """() => {
  const drawn = (id) => { const gd = document.querySelector('#' + id + ' .js-plotly-plot');
                          return gd && gd._fullData && gd._fullData.length > 0; };
  const count = document.querySelector('#view-count');
  return drawn('timeline-graph') && drawn('map-graph') && !!document.querySelector('.geo path')
         && count && count.textContent.endsWith(' in view');  // 'events (reports merged) in view' too
}"""


def _free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, server: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    """Wait until the server answers (extraction runs first: spaCy takes a few seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"timeline serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


def _shoot(page: Page, url: str, out: Path, width: int, height: int, *, full: bool) -> None:
    """Open the page at this viewport, wait for both charts, and save the visible part."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.wait_for_function(READY_JS, timeout=60_000)
    page.wait_for_timeout(1500)  # plotly's transitions and the table settle
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=full)
    print(f"wrote {out} ({width}x{height})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="article files or folders (default: the seeds)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--mobile-out", type=Path, default=ROOT / "docs" / "screenshot-mobile.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--full-page", action="store_true", help="the whole page, not the window")
    parser.add_argument("--query", default="", help="a view's URL query, e.g. lane=article")
    args = parser.parse_args()
    port = _free_port()
    url = f"http://127.0.0.1:{port}/" + (f"?{args.query.lstrip('?')}" if args.query else "")
    command = [sys.executable, "-m", "timeline", "serve", "--port", str(port), *args.paths]
    server = subprocess.Popen(command, cwd=ROOT)
    try:
        _wait_for(url, server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
            )
            page = browser.new_page()
            _shoot(page, url, args.out, args.width, args.height, full=args.full_page)
            _shoot(page, url, args.mobile_out, 390, 844, full=args.full_page)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
