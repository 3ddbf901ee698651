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
import gzip
import pkgutil
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import diskcache
from dash import DiskcacheManager
from flask import Flask, Response, request

from timeline.config import Settings

__all__ = [
    "ANY_ADDRESS",
    "BUNDLES_PATH",
    "FILES_PER_UPLOAD",
    "LOOPBACK_NAMES",
    "PLOTLY_JS_MAX_AGE",
    "PLOTLY_JS_PATH",
    "JobManager",
    "allowed_hosts",
    "cache_plotly_js",
    "compress_bundles",
    "host_name",
    "job_manager",
    "load_plotly_js_early",
    "protect",
    "request_limit",
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


PLOTLY_JS_PATH: Final = "/_dash-component-suites/plotly/package_data/plotly.min.js"
PLOTLY_JS_MAX_AGE: Final = 7 * 86_400  # seconds


def load_plotly_js_early(index: str, prefix: str = "/") -> str:
    """A Dash index page template that loads plotly.js from its ``<head>``.

    dcc.Graph asks for plotly.js only once Dash has started, fetched the layout and loaded
    the graph's own code (1.3 s into the page); it uses a ``window.Plotly`` already there.
    Loaded from the head (``defer``: run once the page is parsed), the 1.4 MB arrive while
    Dash starts, and the browser compiles them as they arrive.

    >>> load_plotly_js_early("<head>{%css%}</head>").count("plotly.min.js")
    1
    """
    tag = f'<script src="{prefix.rstrip("/")}{PLOTLY_JS_PATH}" defer></script>'
    return index.replace("{%css%}", "{%css%}\n        " + tag, 1)


def cache_plotly_js(server: Flask) -> None:
    """Let the browser keep plotly.js (1.4 MB compressed) for a week.

    Dash fingerprints its own bundles (their URL holds the version: cached a year), but loads
    plotly.js, an "eager" async resource, from a URL without one: the answer carried only an
    ETag, so every page load asked again. The URL names no version, so the cache is a week,
    not a year: an upgraded plotly reaches the browser within a week (its ETag changes).
    """

    @server.after_request
    def _cache(response: Response) -> Response:
        if request.path == PLOTLY_JS_PATH and response.status_code in (200, 304):
            response.headers["Cache-Control"] = f"public, max-age={PLOTLY_JS_MAX_AGE}"
        return response


BUNDLES_PATH: Final = "/_dash-component-suites/"


def _accepted(header: str) -> list[str]:
    """The encodings an Accept-Encoding header accepts (those with q=0 left out).

    >>> _accepted("gzip, deflate, br;q=0"), _accepted("")
    (['gzip', 'deflate'], [])
    """
    found = []
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        if name and params.replace(" ", "") not in ("q=0", "q=0.0"):
            found.append(name.strip().lower())
    return found


def _encode(data: bytes, encoding: str) -> bytes:
    """`data` compressed as `encoding` ("br" or "gzip")."""
    if encoding == "br":
        import brotli  # type: ignore[import-untyped]

        return bytes(brotli.compress(data, quality=5))
    return gzip.compress(data, compresslevel=6, mtime=0)


def compress_bundles(server: Flask) -> None:
    """Compress the JavaScript bundles (plotly.js, Dash's) once per encoding and keep them.

    flask-compress compressed the 4.8 MB of plotly.js anew at every page load: 0.3 s of the
    server's CPU, which the browser shares on a small machine. The bundles never change while
    the server runs, so each is compressed once; other responses are left to flask-compress.
    plotly.js is compressed (brotli and gzip) in a background thread at once, so that the
    first visitor does not wait for it either.
    """
    cache: dict[tuple[str, str], bytes] = {}
    lock = threading.Lock()

    def compressed(path: str, encoding: str, data: bytes) -> bytes:
        with lock:  # one compression at a time: a request waits for the warming of its file
            key = (path, encoding)
            if key not in cache:
                cache[key] = _encode(data, encoding)
            return cache[key]

    @server.after_request
    def _compress(response: Response) -> Response:
        if (
            BUNDLES_PATH not in request.path
            or response.status_code != 200
            or "Content-Encoding" in response.headers
        ):
            return response
        accepted = _accepted(request.headers.get("Accept-Encoding", ""))
        encoding = next((e for e in ("br", "gzip") if e in accepted), None)
        if encoding is None:
            return response
        response.direct_passthrough = False
        data = compressed(request.path, encoding, response.get_data())
        response.set_data(data)
        response.headers["Content-Encoding"] = encoding
        response.headers["Content-Length"] = str(len(data))
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag and not weak:
            response.set_etag(f"{etag}:{encoding}")
        return response

    def _warm() -> None:
        script = pkgutil.get_data("plotly", "package_data/plotly.min.js")
        for encoding in ("br", "gzip"):
            if script is not None:
                compressed(PLOTLY_JS_PATH, encoding, script)

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
