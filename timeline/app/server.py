"""The dashboard's web server: who may talk to it, how much they may send, where jobs run.

- **Host check** (DNS rebinding): a page on another site can make the browser resolve its own
  name to 127.0.0.1 and then read the local dashboard or paste into it. Requests whose ``Host``
  is not a loopback name or the address the server was told to listen on get a 400 with a plain
  explanation. The port is not checked: ssh port forwarding legitimately changes it, and the
  attacker's page cannot choose the *name* the browser sends. Listening on every interface
  (``0.0.0.0``, ``::``) turns the check off: then any name may reach the server anyway.
- **Request size**: an upload arrives base64-encoded, every file of a multi-file upload in one
  request; past the limit Flask answers 413, with a message saying what the limits are.
- **Background jobs** run in worker processes managed by :class:`JobManager`, whose results
  and progress live in a ``diskcache.Cache`` in a temporary folder.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import diskcache
import plotly
from dash import DiskcacheManager
from flask import Flask, Request, Response, request
from plotly.offline import get_plotlyjs_version

from timeline.config import Settings

__all__ = [
    "ANY_ADDRESS",
    "BUNDLES_PATH",
    "FILES_PER_UPLOAD",
    "LOOPBACK_NAMES",
    "PLOTLY_JS_ASSET",
    "PLOTLY_JS_MAX_AGE",
    "PLOTLY_JS_PATH",
    "JobManager",
    "allowed_hosts",
    "compressing_server",
    "host_name",
    "job_manager",
    "load_plotly_js_early",
    "plotly_js_file",
    "protect",
    "request_limit",
    "serve_plotly_js",
    "warm_plotly_js",
]

LOOPBACK_NAMES: Final = frozenset({"127.0.0.1", "localhost", "::1"})
ANY_ADDRESS: Final = frozenset({"0.0.0.0", "::"})
FILES_PER_UPLOAD: Final = 10  # files at the size limit that one upload request may carry


def allowed_hosts(host: str) -> frozenset[str] | None:
    """The names a server listening on `host` answers to; None when it listens everywhere.

    >>> sorted(allowed_hosts("192.168.1.20"))
    ['127.0.0.1', '192.168.1.20', '::1', 'localhost']
    >>> allowed_hosts("0.0.0.0") is None
    True
    """
    if host.strip() in ANY_ADDRESS:
        return None
    return LOOPBACK_NAMES | {host_name(host)}


def host_name(header: str) -> str:
    """The name in a Host header: lower case, without the port (IPv6 without brackets).

    >>> host_name("LocalHost:8050"), host_name("[::1]:8050"), host_name("::1")
    ('localhost', '::1', '::1')
    """
    value = header.strip().lower()
    if value.startswith("["):
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")  # "localhost." is localhost


def request_limit(settings: Settings) -> int:
    """The largest request body accepted: FILES_PER_UPLOAD files at the size limit, base64."""
    return FILES_PER_UPLOAD * (settings.max_file_bytes * 4 // 3 + 4_096) + 1_000_000


PLOTLY_JS_PATH: Final = "/_timeline/plotly-timeline.min.js"
PLOTLY_JS_MAX_AGE: Final = 7 * 86_400  # seconds
# the dashboard's plotly.js, in the assets: built by scripts/plotly_bundle with only the trace
# types the dashboard draws (1.9 MB against the full bundle's 4.8 MB, started in a third of
# the time); its version is the Python plotly package's, which made the figures
PLOTLY_JS_ASSET: Final = "vendor/plotly-timeline.min.js"


def load_plotly_js_early(index: str, prefix: str = "/") -> str:
    """A Dash index page template that fetches plotly.js from its ``<head>`` and runs it just
    before Dash starts.

    dcc.Graph asks for plotly.js only once Dash has started, fetched the layout and loaded
    the graph's own code (1.3 s into the page), and it fetches its own copy (the package's
    full bundle) unless ``window.Plotly`` is already there when it does. So the script is
    preloaded from the head, to arrive while Dash's own scripts run, and run, parser-blocking,
    right before the renderer: Dash cannot start without it (a ``defer`` script ran after
    the renderer started, and on a loaded machine after the graph had sent for the full
    bundle).

    >>> page = load_plotly_js_early("<head>{%css%}</head><body>{%scripts%}{%renderer%}</body>")
    >>> page.count("plotly-timeline.min.js")
    2
    >>> page.index('rel="preload"') < page.index("<script src=") < page.index("{%renderer%}")
    True
    """
    url = f"{prefix.rstrip('/')}{PLOTLY_JS_PATH}"
    index = index.replace("{%css%}", f'{{%css%}}\n<link rel="preload" href="{url}" as="script">', 1)
    return index.replace("{%renderer%}", f'<script src="{url}"></script>\n{{%renderer%}}', 1)


def plotly_js_file(assets: Path) -> Path:
    """The plotly.js the page loads: the dashboard's own build (PLOTLY_JS_ASSET) when it is of
    the version the installed Python plotly package makes figures for, else that package's
    full bundle (another plotly than the one the build was made for: slower, never wrong)."""
    built = assets / PLOTLY_JS_ASSET
    if built.is_file():
        with built.open(encoding="utf-8") as script:
            header = script.readline()
        if f"plotly.js v{get_plotlyjs_version()} " in header:
            return built
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def serve_plotly_js(server: Flask, script: Path) -> None:
    """Serve the dashboard's plotly.js at PLOTLY_JS_PATH, kept by the browser for a week.

    The file is read once and answered from memory, so that flask-compress compresses it
    (once per encoding: see :func:`compressing_server`), which it does not do for files
    streamed from the assets folder. The URL names no version, so the cache is a week, not a
    year: a new build reaches the browser within a week (its ETag changes).
    """
    body = script.read_bytes()
    etag = hashlib.sha256(body).hexdigest()[:20]

    def _plotly_js() -> Response:
        response = Response(body, mimetype="text/javascript")
        response.set_etag(etag)
        response.headers["Cache-Control"] = f"public, max-age={PLOTLY_JS_MAX_AGE}"
        response.make_conditional(request)  # a 304 when the browser's copy is this one
        return response

    server.add_url_rule(PLOTLY_JS_PATH, "timeline_plotly_js", _plotly_js)


BUNDLES_PATH: Final = "/_dash-component-suites/"


class _BundleCache:
    """flask-compress's cache (``COMPRESS_CACHE_BACKEND``), keeping only the JavaScript
    bundles: they never change while the server runs, so each is compressed once per
    encoding. Other responses (callbacks, the page) are compressed anew each time."""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self._kept.get(key)

    def set(self, key: str, value: bytes) -> None:
        if BUNDLES_PATH in key or key.endswith(PLOTLY_JS_PATH):  # the key is "encoding;path"
            self._kept[key] = value


def _request_path(asked: Request) -> str:
    """flask-compress's cache key of a request (``COMPRESS_CACHE_KEY``)."""
    return asked.path


def compressing_server(name: str) -> Flask:
    """The Flask server to give Dash (``compress=True``): flask-compress keeps the compressed
    bundles and plotly.js (the full one, 4.8 MB, compressed anew at every page load cost the
    server 0.3 s of CPU, which the browser shares on a small machine), and sends streamed
    responses as they are (flask-compress 1.25 never closes the file of a streamed response it
    compresses: the assets, 0.2 MB in all). It reads these settings when Dash starts it."""
    flask_server = Flask(name)
    flask_server.config.update(
        COMPRESS_CACHE_BACKEND=_BundleCache,
        COMPRESS_CACHE_KEY=_request_path,
        COMPRESS_STREAMS=False,
        # brotli before zstd, which Chromium also accepts: plotly.js is 1.29 MB at quality 5
        # against 1.44 MB as zstd at flask-compress's level
        COMPRESS_ALGORITHM=["br", "zstd", "gzip", "deflate"],
        COMPRESS_BR_LEVEL=5,
    )
    return flask_server


def warm_plotly_js(server: Flask, encodings: tuple[str, ...] = ("br", "gzip")) -> None:
    """Have plotly.js compressed in each encoding (through the server's own handlers, into
    flask-compress's cache) in a background thread, so that the first visitor does not wait
    for it. The page is asked for first, here: Dash sets itself up at its first request and
    two first requests at once race (a bundle asked during the setup is refused)."""
    client = server.test_client()
    local = {"Host": "127.0.0.1"}
    client.get("/", headers=local)

    def _warm() -> None:
        for encoding in encodings:
            client.get(PLOTLY_JS_PATH, headers={**local, "Accept-Encoding": encoding})

    threading.Thread(target=_warm, name="compress-plotly-js", daemon=True).start()


def protect(server: Flask, settings: Settings) -> None:
    """Refuse unknown Host names (unless listening everywhere) and oversized requests."""
    hosts = allowed_hosts(settings.host)
    server.config["MAX_CONTENT_LENGTH"] = request_limit(settings)
    if hosts is not None:
        names = ", ".join(sorted(hosts))

        @server.before_request
        def _check_host() -> Response | None:
            name = host_name(request.headers.get("Host", ""))
            if name in hosts:
                return None
            shown = repr(name[:80]) if name else "(none)"
            return Response(
                f"400 Bad Request: this timeline server answers to {names}, not to the host "
                f"name {shown} (a protection against DNS rebinding). To reach it under that "
                "name, restart it with `timeline serve --host NAME`.\n",
                status=400,
                mimetype="text/plain",
            )

    limit_mb = settings.max_file_bytes / 1e6

    @server.errorhandler(413)
    def _too_large(_error: Exception) -> Response:
        return Response(
            f"413 Request Entity Too Large: an upload may hold files of at most {limit_mb:g} MB "
            f"each, about {FILES_PER_UPLOAD} such files at a time; upload fewer files at once.\n",
            status=413,
            mimetype="text/plain",
        )


class JobManager(DiskcacheManager):
    """Dash's DiskcacheManager, running only the background functions it was given.

    Dash registers every background callback of every app in the process with every manager,
    keyed by the function's source: two apps in one process (tests) would run each other's
    jobs. ``own(fn)`` marks a function as this manager's before it is registered.
    """

    def __init__(self, cache: diskcache.Cache) -> None:
        self.owned: set[Callable[..., Any]] = set()
        super().__init__(cache)  # type: ignore[no-untyped-call]

    def own(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Mark `fn` as one of this manager's jobs; returns it."""
        self.owned.add(fn)
        return fn

    def register(self, key: str, fn: Callable[..., Any], progress: Any) -> None:
        """Register `fn` only when it is this manager's."""
        if fn in self.owned:
            super().register(key, fn, progress)  # type: ignore[no-untyped-call]

    def call_job_fn(self, key: str, job_fn: Callable[..., Any], args: Any, context: Any) -> int:
        """Start a job in a forked worker process, as Dash does, but a daemon one.

        A fork of a threaded server can inherit a lock another thread held (a stream's, say),
        and hang on it. Dash's workers are not daemons: the server's exit then waits for the
        hung worker forever. A daemon worker is ended with the server; a cancel ends it before.
        """
        from multiprocess import Process  # type: ignore[import-untyped]  # Dash's own choice

        progress_key = self._make_progress_key(key)  # type: ignore[no-untyped-call]
        worker = Process(target=job_fn, args=(key, progress_key, args, context), daemon=True)
        worker.start()
        return int(worker.pid)


def job_manager(settings: Settings) -> JobManager:
    """A JobManager over a cache in `settings.jobs_dir`, or in a fresh temporary folder that is
    removed when the process exits."""
    if settings.jobs_dir is not None:
        folder = Path(settings.jobs_dir)
        folder.mkdir(parents=True, exist_ok=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="timeline-jobs-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return JobManager(diskcache.Cache(str(folder)))
