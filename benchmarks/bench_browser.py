"""The dashboard in a real browser: start, first paint, bytes, a filter change and server memory.

For each size (10k, 100k, 1M events by default) it makes a store with
``scripts/generate_events.py`` (or takes one given), starts the server as a subprocess, opens the
page in headless Chromium (Debian's ``/usr/bin/chromium`` through Playwright, every host but
127.0.0.1 unresolvable), and measures, median of ``--repeat`` runs, each on a fresh server and a
fresh browser profile (nothing cached):

* **start**: from launching the server to its page answering (one request, waited for);
* **first paint**: from navigation start to the timeline and the map drawn with data (both
  graphs hold data traces and their SVG; a map on a ``geo`` subplot also its outlines);
* **same figures, no Dash**: the two figures the page opens on (taken from its layout), drawn
  by plotly.js alone on a static page: first paint less everything Dash adds;
* **bytes**: what crossed the wire until then (Resource Timing ``transferSize``: compressed,
  headers included) and the same uncompressed (``decodedBodySize``);
* **reload**: the same page opened again in the same browser (its cache warm): first paint and
  bytes sent;
* **filter**: from choosing a country in the Countries dropdown (or pressing Enter in the search
  box, ``--filter text:WORD``) until the callbacks it triggers have answered and both graphs have
  redrawn, and how many ``_dash-update-component`` requests it took;
* **RSS**: the server process and its children after the page load (or when it failed) and
  after the filter;
* requests to anything but 127.0.0.1 and console errors (each a failure of the run).

Ratios, per the project's convention, are against baselines measured in the same process: the
time a static page takes to load plotly.js and draw one plot (``static``), and the first size.

Servers: ``store`` runs ``timeline serve --store FILE``; ``app`` (today's in-memory path, for
code without ``--store``) runs this file's ``serve-app``, which reads the store into frames and
calls ``create_app``; ``auto`` (default) picks ``store`` when ``timeline serve --help`` offers it.
``--pythonpath DIR`` runs the server with another checkout's code (a worktree).

    python benchmarks/bench_browser.py --sizes 10000 100000 1000000 --stores /tmp/bench
    python benchmarks/bench_browser.py --store 10000=/tmp/s10k.duckdb --pythonpath ../wt-dash2 \\
        --json /tmp/bench.json
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
GENERATOR = ROOT / "scripts" / "generate_events.py"
LOOPBACK = ("127.0.0.1", "localhost")
GRAPHS = ("timeline-graph", "map-graph")
_BLOCK_NETWORK = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"

# Installed before any page script: counts Dash's callback requests (dash-renderer uses fetch)
# and notes when each graph last finished drawing (plotly_afterplot).
PROBE_JS = """
(() => {
  const tl = window.__tl = {inflight: 0, started: 0, lastActivity: 0, plots: {}, hooked: new Set()};
  const original = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!url.includes('_dash-update-component')) return original.apply(this, arguments);
    tl.inflight += 1; tl.started += 1; tl.lastActivity = performance.now();
    const done = () => { tl.inflight -= 1; tl.lastActivity = performance.now(); };
    return original.apply(this, arguments).then(
      (r) => { r.clone().arrayBuffer().then(done, done); return r; },
      (e) => { done(); throw e; });
  };
  const hook = () => {
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      const id = (gd.closest('[id]') || gd).id || 'graph';
      if (tl.hooked.has(gd) || typeof gd.on !== 'function') continue;
      tl.hooked.add(gd);
      gd.on('plotly_afterplot', () => { tl.plots[id] = performance.now();
                                        tl.lastActivity = performance.now(); });
    }
    if (tl.firstPaint === undefined && window.__tlReady && window.__tlReady()) {
      tl.firstPaint = performance.now();
    }
  };
  new MutationObserver(hook).observe(document, {childList: true, subtree: true,
                                                attributes: true, attributeFilter: ['class']});
  window.__tlHook = hook;
})();
"""

# A graph is drawn when it holds a trace with points and its SVG, and a geo map its outlines.
READY_JS = """
window.__tlReady = () => {
  const ids = %s;
  const drawn = (id) => {
    const root = document.getElementById(id);
    const gd = root && (root.classList.contains('js-plotly-plot') ? root
                        : root.querySelector('.js-plotly-plot'));
    if (!gd || !gd._fullData || !gd.querySelector('.main-svg')) return false;
    const sizes = (t) => ['x', 'y', 'lat', 'lon', 'locations', 'z', 'base']
        .some((k) => t[k] && t[k].length > 0);
    if (!gd._fullData.some((t) => t.visible !== false && sizes(t))) return false;
    const geo = gd._fullLayout && gd._fullLayout._subplots && gd._fullLayout._subplots.geo;
    return !(geo && geo.length) || !!gd.querySelector('.geo path');
  };
  return ids.every(drawn);
};
"""

STATIC_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>baseline</title>
<script src="/plotly.min.js"></script></head><body><div id="g" style="height:400px"></div>
<script>
const x = Array.from({length: 1000}, (_, i) => i), y = x.map((i) => Math.sin(i / 50));
Plotly.newPlot('g', [{type: 'scatter', mode: 'markers', x: x, y: y}]).then(() => {
  window.__painted = performance.now(); });
</script></body></html>"""


# The dashboard's first two figures (from its layout), drawn by plotly.js alone.
FIGURES_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>figures</title>
<script src="/plotly.min.js"></script><script src="/figures.js"></script></head><body>
<div id="a" style="height:440px"></div><div id="b" style="height:480px"></div>
<script>
const config = (c) => Object.assign({}, c || {}, {topojsonURL: '/topojson/'});
Promise.all(window.FIGURES.map((f, i) => Plotly.newPlot(['a', 'b'][i], f.figure.data,
    f.figure.layout, config(f.config)))).then(() => { window.__painted = performance.now(); });
</script></body></html>"""


@dataclass
class Run:
    """One measured run of one size (seconds, bytes, MB); None where it did not get that far."""

    start_s: float | None = None
    first_paint_s: float | None = None
    figures_paint_s: float | None = None  # the same two figures on a page without Dash
    transfer_bytes: int | None = None
    decoded_bytes: int | None = None
    requests: int | None = None
    reload_paint_s: float | None = None
    reload_bytes: int | None = None
    filter_s: float | None = None
    filter_requests: int | None = None
    rss_load_mb: float | None = None
    rss_filter_mb: float | None = None
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class SizeResult:
    """The runs of one size and their medians."""

    size: int
    store: str
    mode: str
    runs: list[Run]

    def median(self, name: str) -> float | None:
        """The median of a measure over the runs that have it."""
        values = [getattr(r, name) for r in self.runs if getattr(r, name) is not None]
        return statistics.median(values) if values else None

    @property
    def errors(self) -> list[str]:
        """Every failure: errors, outside requests and console errors, once each."""
        found: list[str] = []
        for run in self.runs:
            found += [run.error] if run.error else []
            found += [f"request left 127.0.0.1: {url}" for url in run.outside]
            found += [f"console: {message}" for message in run.console_errors]
        return list(dict.fromkeys(found))


MEASURES = (
    "start_s", "first_paint_s", "figures_paint_s", "transfer_bytes", "decoded_bytes", "requests", "reload_paint_s",
    "reload_bytes", "filter_s", "filter_requests", "rss_load_mb", "rss_filter_mb",
)  # fmt: skip


# ---------------------------------------------------------------------------- reporting


def summary(result: SizeResult) -> dict[str, Any]:
    """A size's medians, failures and runs as plain data (for JSON)."""
    return {
        "size": result.size,
        "store": result.store,
        "mode": result.mode,
        "median": {name: result.median(name) for name in MEASURES},
        "errors": result.errors,
        "runs": [dataclasses.asdict(run) for run in result.runs],
    }


def _seconds(value: float | None, base: float | None = None) -> str:
    """Seconds with a ratio to a base ("12.3 s (x41)"), or the dash of a missing value."""
    if value is None:
        return "-"
    text = f"{value:.2f} s" if value < 10 else f"{value:.1f} s"
    if base:
        text += f" (x{value / base:.1f})"
    return text


def _megabytes(value: float | None) -> str:
    return "-" if value is None else f"{value / 1e6:.2f} MB"


def format_table(results: Sequence[SizeResult], static_s: float | None) -> str:
    """The results as a text table: medians, ratios of first paint to the static plotly page
    and of every time to the first size's, and the failures under it."""
    header = ("events", "server", "start", "first paint (x static)", "same figures, no Dash",
              "x first size", "sent",
              "uncompressed", "reload", "reload sent", "filter", "x first size", "callbacks",
              "RSS load", "RSS filter")  # fmt: skip
    rows = [header]
    first = results[0] if results else None
    for result in results:
        paint, base_paint = result.median("first_paint_s"), first and first.median("first_paint_s")
        filt, base_filter = result.median("filter_s"), first and first.median("filter_s")
        rows.append(
            (
                f"{result.size:,}",
                result.mode,
                _seconds(result.median("start_s")),
                _seconds(paint, static_s),
                _seconds(result.median("figures_paint_s")),
                f"x{paint / base_paint:.1f}" if paint and base_paint else "-",
                _megabytes(result.median("transfer_bytes")),
                _megabytes(result.median("decoded_bytes")),
                _seconds(result.median("reload_paint_s")),
                _megabytes(result.median("reload_bytes")),
                _seconds(filt),
                f"x{filt / base_filter:.1f}" if filt and base_filter else "-",
                _count(result.median("filter_requests")),
                _mb(result.median("rss_load_mb")),
                _mb(result.median("rss_filter_mb")),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if static_s is not None:
        lines.append(f"static page (plotly.js + one plot), first paint: {static_s:.2f} s")
    for result in results:
        lines += [f"{result.size:,}: {error}" for error in result.errors]
    return "\n".join(lines)


def _count(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f} MB"


def parse_stores(items: Sequence[str]) -> dict[int, Path]:
    """``SIZE=PATH`` arguments as a mapping ("10k", "1M" and "1_000_000" are sizes too).

    >>> parse_stores(["10k=/tmp/a.duckdb", "1M=/tmp/b.duckdb"])
    {10000: PosixPath('/tmp/a.duckdb'), 1000000: PosixPath('/tmp/b.duckdb')}
    """
    stores = {}
    for item in items:
        size, sep, path = item.partition("=")
        if not sep or not path:
            raise argparse.ArgumentTypeError(f"--store {item!r}: expected SIZE=PATH")
        stores[parse_size(size)] = Path(path)
    return stores


def parse_size(text: str) -> int:
    """An event count: ``10000``, ``10_000``, ``10k``, ``1M``.

    >>> parse_size("100k"), parse_size("1M"), parse_size("2_500")
    (100000, 1000000, 2500)
    """
    clean = text.strip().replace("_", "").replace(",", "")
    scale = {"k": 1_000, "m": 1_000_000}.get(clean[-1:].lower(), 1)
    number = clean[:-1] if scale > 1 else clean
    try:
        value = int(float(number) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of events") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: the number of events must be at least 1")
    return value


# ---------------------------------------------------------------------------- servers


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(pythonpath: Path) -> dict[str, str]:
    """The environment of a server running `pythonpath`'s code."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(pythonpath)
    return env


def pick_mode(mode: str, pythonpath: Path) -> str:
    """``store`` if this code's ``timeline serve`` takes ``--store``, else ``app``."""
    if mode != "auto":
        return mode
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "serve", "--help"],
        capture_output=True, text=True, env=server_env(pythonpath), cwd=pythonpath, check=False,
    )  # fmt: skip
    return "store" if "--store" in done.stdout else "app"


def server_command(mode: str, store: Path, port: int) -> list[str]:
    """The command that serves `store` on `port`."""
    if mode == "store":
        return [sys.executable, "-m", "timeline", "serve", "--store", str(store), "--port",
                str(port)]  # fmt: skip
    return [sys.executable, str(Path(__file__).resolve()), "serve-app", str(store), "--port",
            str(port)]  # fmt: skip


@contextlib.contextmanager
def running_server(
    command: list[str], pythonpath: Path, url: str, timeout: float, log: Path
) -> Iterator[tuple[subprocess.Popen[bytes], float]]:
    """Start a server, wait until `url` answers; yields it and its start time. Stops it (the
    process group, so background workers too) afterwards."""
    began = time.perf_counter()
    with log.open("wb") as out:
        server = subprocess.Popen(
            command, cwd=pythonpath, env=server_env(pythonpath), stdout=out, stderr=out,
            start_new_session=True,
        )  # fmt: skip
    try:
        deadline = began + timeout
        while True:
            if server.poll() is not None:
                tail = log.read_text(errors="replace").strip().splitlines()[-1:]
                raise RuntimeError(f"server exited with {server.returncode}: {' '.join(tail)}")
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(
                    f"server did not answer within {timeout:.0f} s "
                    f"(its memory then: {rss_mb(server.pid):,.0f} MB)"
                )
            try:
                # one patient request: a page that takes long to build must not be asked again
                # and again (each retry would start the work anew on a threaded server)
                with urllib.request.urlopen(url, timeout=max(left, 1)) as response:
                    response.read()
                break
            except OSError:  # not listening yet
                time.sleep(0.2)
        yield server, time.perf_counter() - began
    finally:
        _stop(server)


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Terminate the server's process group; kill it if it lingers."""
    import signal

    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=20)


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its children, in MB."""
    import psutil

    try:
        process = psutil.Process(pid)
        processes = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for each in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += each.memory_info().rss
    return total / 1e6


def serve_app(store: Path, port: int) -> None:
    """Today's in-memory path: the store's events, mentions and articles into ``create_app``."""
    from timeline.app import create_app
    from timeline.config import Settings
    from timeline.database import Store
    from timeline.schema import EVENT_DTYPES

    with Store.open(store, read_only=True) as opened:
        events = opened.events()[list(EVENT_DTYPES)]
        mentions, articles = opened.mentions(), opened.articles()
    settings = Settings(port=port)
    app = create_app(events, settings, mentions=mentions, articles=articles)
    print(f"serve-app: {len(events)} events on http://127.0.0.1:{port}/", file=sys.stderr)
    app.run(host="127.0.0.1", port=port, debug=False)


# ---------------------------------------------------------------------------- the browser


def _launch(playwright: Any) -> Any:
    """Headless Debian Chromium that can reach only 127.0.0.1."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[_BLOCK_NETWORK])


def _watch(page: Any, run: Run) -> None:
    """Record requests leaving 127.0.0.1 and console errors into `run`."""

    def request(req: Any) -> None:
        host = urllib.parse.urlsplit(req.url).hostname
        if req.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOOPBACK:
            run.outside.append(req.url)

    page.on("request", request)
    page.on("console", lambda m: m.type == "error" and run.console_errors.append(m.text[:300]))
    page.on("pageerror", lambda e: run.console_errors.append(f"page error: {str(e)[:300]}"))


def _settle(page: Any, since: float, timeout: float, quiet_ms: float = 700) -> float:
    """Wait until no Dash request is in flight and nothing happened for `quiet_ms`; returns
    the page time of the last callback answer or redraw after `since`."""
    page.wait_for_function(
        "([q]) => { window.__tlHook(); const t = window.__tl;"
        " return t.inflight === 0 && performance.now() - t.lastActivity > q; }",
        arg=[quiet_ms],
        timeout=timeout * 1000,
        polling=100,
    )
    return float(page.evaluate("() => window.__tl.lastActivity"))


def _choose(page: Any, target: str, timeout: float) -> tuple[float, int]:
    """Apply the filter; returns the page time just before the deciding key press and the
    number of Dash requests made until then."""
    kind, _, value = target.partition(":")
    if kind == "country":
        # Dash 4's dropdown: a button opening a list with a search box that takes the focus
        page.locator("#filter-countries").first.click(timeout=timeout * 1000)
        page.keyboard.type(value, delay=20)
        option = page.locator("[role=option]", has_text=value).first
        option.wait_for(timeout=timeout * 1000)
    else:
        box = page.locator("#filter-text").first
        box.click(timeout=timeout * 1000)
        box.type(value, delay=20)
    page.wait_for_timeout(300)  # the dropdown's own rendering is not what we measure
    began, started = page.evaluate("() => [performance.now(), window.__tl.started]")
    page.keyboard.press("Enter")
    return float(began), int(started)


def measure_page(
    browser: Any, url: str, server_pid: int, run: Run, *, graphs: Sequence[str], target: str,
    timeout: float, shot: Path | None = None,
) -> None:  # fmt: skip
    """First paint, bytes, a filter change and the server's memory, into `run`; on a failure a
    screenshot to `shot` and the graphs' traces beside it."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    _watch(page, run)
    page.add_init_script(PROBE_JS + READY_JS % json.dumps(list(graphs)))
    try:
        run.first_paint_s, run.transfer_bytes, run.decoded_bytes, run.requests = _load(
            page, url, timeout
        )
        _settle(page, 0, timeout)
        run.rss_load_mb = rss_mb(server_pid)
        # the same page again, with the browser's cache: what a returning reader waits for
        run.reload_paint_s, run.reload_bytes, _, _ = _load(page, url, timeout)
        _settle(page, 0, timeout)
        began, before = _choose(page, target, timeout)
        page.wait_for_function(
            "([b, ids]) => ids.every((id) => (window.__tl.plots[id] || 0) > b)",
            arg=[began, list(graphs)],
            timeout=timeout * 1000,
            polling=50,
        )
        ended = _settle(page, began, timeout)
        run.filter_s = (ended - began) / 1000
        run.filter_requests = int(page.evaluate("() => window.__tl.started")) - before
        run.rss_filter_mb = rss_mb(server_pid)
    except Exception:
        if run.rss_load_mb is None:  # the memory of a server that could not serve in time
            run.rss_load_mb = rss_mb(server_pid)
        if shot is not None:
            _post_mortem(page, graphs, shot)
        raise
    finally:
        context.close()


def _post_mortem(page: Any, graphs: Sequence[str], shot: Path) -> None:
    """What the page showed when a step timed out: a screenshot and each graph's traces."""
    with contextlib.suppress(Exception):
        page.screenshot(path=str(shot))
        state = page.evaluate(
            """(ids) => ids.map((id) => { const root = document.getElementById(id);
                 const gd = root && root.querySelector('.js-plotly-plot');
                 return [id, !!root, !!gd, gd && gd._fullData ? gd._fullData.map((t) =>
                   t.type + ':' + ['x', 'lat', 'z'].map((k) => t[k] ? t[k].length : 0)) : null,
                   !!(gd && gd.querySelector('.main-svg'))]; })""",
            list(graphs),
        )
        shot.with_suffix(".json").write_text(json.dumps(state, indent=1) + "\n")


def _load(page: Any, url: str, timeout: float) -> tuple[float, int, int, int]:
    """Open `url`; (first paint in seconds, bytes sent compressed and uncompressed, requests)
    until the graphs are drawn."""
    page.goto(url, wait_until="commit", timeout=timeout * 1000)
    page.wait_for_function(
        "() => { window.__tlHook(); return window.__tl.firstPaint !== undefined; }",
        timeout=timeout * 1000,
        polling=50,
    )
    paint = float(page.evaluate("() => window.__tl.firstPaint")) / 1000
    sizes = page.evaluate(
        "() => performance.getEntriesByType('navigation')"
        ".concat(performance.getEntriesByType('resource'))"
        ".filter((e) => e.startTime <= window.__tl.firstPaint)"
        ".reduce((s, e) => [s[0] + e.transferSize, s[1] + e.decodedBodySize, s[2] + 1],"
        " [0, 0, 0])"
    )
    sent, decoded, requests = (int(v) for v in sizes)
    return paint, sent, decoded, requests


def static_baseline(browser: Any, repeat: int) -> float:
    """Median time for a static page to load plotly.js (from the installed plotly package,
    over loopback) and draw one scatter plot."""
    return _static_page(browser, repeat, {"/": STATIC_PAGE.encode()})


def figures_baseline(browser: Any, url: str, graphs: Sequence[str]) -> float:
    """The time a page without Dash takes to load plotly.js and draw the two figures the
    dashboard at `url` opens on (its layout carries them): what first paint would be if
    Dash itself cost nothing."""
    from timeline.figure_style import assets_dir

    with urllib.request.urlopen(urllib.parse.urljoin(url, "_dash-layout")) as response:
        layout = json.load(response)
    found = {id_: props for id_, props in _components(layout) if id_ in graphs}
    figures = [
        {"figure": found[id_]["figure"], "config": found[id_].get("config")} for id_ in graphs
    ]
    files = {
        "/": FIGURES_PAGE.encode(),
        "/figures.js": ("window.FIGURES = " + json.dumps(figures) + ";").encode(),
    }
    for outline in (assets_dir() / "topojson").glob("*.json"):
        files[f"/topojson/{outline.name}"] = outline.read_bytes()
    return _static_page(browser, 1, files)


def _components(node: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(id, props) of every component of a Dash layout (JSON)."""
    if isinstance(node, list):
        for item in node:
            yield from _components(item)
    elif isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and "type" in node:  # a component
            yield props.get("id"), props
            node = props
        for value in node.values():
            yield from _components(value)


def _static_page(browser: Any, repeat: int, files: dict[str, bytes]) -> float:
    """Median time until a page served from `files` (plotly.min.js added) sets
    ``window.__painted``, each time in a fresh browser context."""
    import plotly

    script = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    files = {**files, "/plotly.min.js": script.read_bytes()}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            body = files.get(path)
            self.send_response(200 if body else 404)
            kind = {".js": "application/javascript", ".json": "application/json"}
            self.send_header("Content-Type", kind.get(Path(path).suffix, "text/html"))
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    times = []
    try:
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/")
            page.wait_for_function("() => window.__painted !== undefined", timeout=60_000)
            times.append(float(page.evaluate("() => window.__painted")) / 1000)
            context.close()
    finally:
        server.shutdown()
    return statistics.median(times)


# ---------------------------------------------------------------------------- the run


def ensure_store(size: int, folder: Path, seed: int, pythonpath: Path) -> Path:
    """The generated store of `size` events in `folder`, made if missing."""
    path = folder / f"events-{size}-seed{seed}.duckdb"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        print(f"generating {size:,} events into {path} ...", file=sys.stderr)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, str(GENERATOR), str(size), str(partial), "--seed", str(seed)],
            check=True, env=server_env(pythonpath),
        )  # fmt: skip
        partial.rename(path)
    return path


def bench_size(
    size: int, store: Path, mode: str, args: argparse.Namespace, playwright: Any
) -> SizeResult:
    """The runs of one size, on a copy of the store (a server may upgrade or write to its
    store: the original stays as it was for the next code measured); a failing run is
    recorded and ends the size."""
    result = SizeResult(size, str(store), mode, [])
    with _working_copy(store, args.logs) as working:
        _runs(size, working, mode, args, playwright, result)
    return result


@contextlib.contextmanager
def _working_copy(store: Path, folder: Path) -> Iterator[Path]:
    """A copy of a store file (with its write-ahead log) in `folder`, removed afterwards."""
    copy = folder / f"working-{store.name}"
    wal = store.with_name(store.name + ".wal")
    shutil.copyfile(store, copy)
    if wal.exists():
        shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
    try:
        yield copy
    finally:
        copy.unlink(missing_ok=True)
        copy.with_name(copy.name + ".wal").unlink(missing_ok=True)


def _runs(
    size: int, store: Path, mode: str, args: argparse.Namespace, playwright: Any,
    result: SizeResult,
) -> None:  # fmt: skip
    """Measure `args.repeat` runs into `result`, stopping at the first failure."""
    for number in range(args.repeat):
        run = Run()
        result.runs.append(run)
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        log = args.logs / f"server-{size}-{number}.log"
        browser = _launch(playwright)
        try:
            command = server_command(mode, store, port)
            with running_server(command, args.pythonpath, url, args.start_timeout, log) as (
                server,
                started,
            ):
                run.start_s = started
                measure_page(browser, url, server.pid, run, graphs=args.graphs,
                             target=args.filter, timeout=args.timeout,
                             shot=args.logs / f"page-{size}-{number}.png")  # fmt: skip
                run.figures_paint_s = figures_baseline(browser, url, args.graphs)
        except Exception as err:  # any failure is a result to report
            first_line = (str(err).strip().splitlines() or [""])[0]
            run.error = f"run {number + 1}: {type(err).__name__}: {first_line}"
        finally:
            browser.close()
        print(f"  {size:,} run {number + 1}: {_brief(run)}", file=sys.stderr)
        if run.error:
            break


def _brief(run: Run) -> str:
    """One run on one line."""
    if run.error and run.first_paint_s is None:
        return run.error
    return (
        f"start {_seconds(run.start_s)}, paint {_seconds(run.first_paint_s)}, "
        f"{_megabytes(run.transfer_bytes)}, filter {_seconds(run.filter_s)} "
        f"({_count(run.filter_requests)} callbacks), RSS {_mb(run.rss_filter_mb)}"
        + (f"; {run.error}" if run.error else "")
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=parse_size, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--store", nargs="*", default=[], metavar="SIZE=PATH",
                        help="a store to use for a size instead of generating one")  # fmt: skip
    parser.add_argument("--stores", type=Path, default=Path("/tmp/timeline-bench"),
                        help="folder of generated stores (made when missing)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pythonpath", type=Path, default=ROOT,
                        help="the checkout whose code the server runs")  # fmt: skip
    parser.add_argument("--mode", choices=("auto", "store", "app"), default="auto")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--filter", default="country:Russia",
                        help="country:NAME (the Countries dropdown) or text:WORDS (search box)")  # fmt: skip
    parser.add_argument("--graphs", nargs=2, default=list(GRAPHS), metavar="ID")
    parser.add_argument("--timeout", type=float, default=180, help="per page step, seconds")
    parser.add_argument("--start-timeout", type=float, default=300)
    parser.add_argument("--logs", type=Path, default=Path("/tmp/timeline-bench/logs"))
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args(argv)
    stores = parse_stores(args.store)
    args.pythonpath = args.pythonpath.resolve()
    args.logs.mkdir(parents=True, exist_ok=True)
    mode = pick_mode(args.mode, args.pythonpath)
    from playwright.sync_api import sync_playwright

    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    print(f"code: {args.pythonpath} (server: {mode}); load: {' '.join(load)}", file=sys.stderr)
    results = []
    with sync_playwright() as playwright:
        browser = _launch(playwright)
        static_s = static_baseline(browser, args.repeat)
        browser.close()
        for size in args.sizes:
            store = stores.get(size) or ensure_store(size, args.stores, args.seed, args.pythonpath)
            results.append(bench_size(size, store, mode, args, playwright))
    print(format_table(results, static_s))
    after = Path("/proc/loadavg").read_text().split()[:3] if load else []
    print(f"load before: {' '.join(load)}; after: {' '.join(after)}")
    if args.json:
        report = {
            "code": str(args.pythonpath), "mode": mode, "filter": args.filter,
            "static_first_paint_s": static_s, "load_before": load, "load_after": after,
            "when": time.strftime("%Y-%m-%d %H:%M:%S"), "results": [summary(r) for r in results],
        }  # fmt: skip
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "serve-app":
        serving = argparse.ArgumentParser(prog="bench_browser.py serve-app")
        serving.add_argument("store", type=Path)
        serving.add_argument("--port", type=int, required=True)
        options = serving.parse_args(sys.argv[2:])
        serve_app(options.store, options.port)
    else:
        sys.exit(main())
