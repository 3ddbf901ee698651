"""The web server's guards, through Flask's test client: Host names, request size, compression,
and the background-job manager."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from flask import Response
from flask_compress import Compress
from plotly.offline import get_plotlyjs_version
from plotly.utils import PlotlyJSONEncoder

from timeline.app import create_app, ids, server
from timeline.app.server import JobManager, allowed_hosts, host_name, request_limit
from timeline.app.state import AppState
from timeline.config import Settings
from timeline.figure_style import assets_dir
from timeline.schema import empty_events


def _client(settings: Settings | None = None) -> Any:
    return create_app(empty_events(), settings).server.test_client()


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8050", "localhost:8050", "LOCALHOST", "127.0.0.1", "[::1]:8050",
             "localhost.:9000"],
)  # fmt: skip
def test_loopback_names_are_served(host: str) -> None:
    response = _client().get("/", headers={"Host": host})
    assert response.status_code == 200


@pytest.mark.parametrize("host", ["evil.example:8050", "127.0.0.1.nip.io", "attacker", ""])
def test_other_host_names_are_refused_with_a_clear_text(host: str) -> None:
    client = _client()
    for path in ("/", "/_dash-layout", "/assets/style.css"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400
        assert response.mimetype == "text/plain"
        text = response.get_data(as_text=True)
        assert "DNS rebinding" in text and "--host" in text
    post = client.post("/_dash-update-component", json={}, headers={"Host": host})
    assert post.status_code == 400


def test_the_host_given_is_served_and_every_address_opens_all() -> None:
    lan = _client(Settings(host="192.168.1.20"))
    assert lan.get("/", headers={"Host": "192.168.1.20:8050"}).status_code == 200
    assert lan.get("/", headers={"Host": "localhost:8050"}).status_code == 200
    assert lan.get("/", headers={"Host": "evil.example"}).status_code == 400
    everywhere = _client(Settings(host="0.0.0.0"))
    assert everywhere.get("/", headers={"Host": "my-laptop.lan:8050"}).status_code == 200
    assert allowed_hosts("::") is None and host_name("[FE80::1]:80") == "fe80::1"


def test_an_oversized_request_gets_a_413_that_says_the_limits() -> None:
    settings = Settings(max_file_bytes=1_000)
    client = _client(settings)
    body = json.dumps({"output": "x", "inputs": [], "pad": "a" * request_limit(settings)})
    response = client.post(
        "/_dash-update-component", data=body, content_type="application/json",
        headers={"Host": "127.0.0.1:8050"},
    )  # fmt: skip
    assert response.status_code == 413
    assert "at most 0.001 MB each" in response.get_data(as_text=True)


def test_responses_are_compressed() -> None:
    client = _client()
    headers = {"Host": "127.0.0.1", "Accept-Encoding": "br, gzip"}
    response = client.get("/_dash-layout", headers=headers)
    assert response.headers.get("Content-Encoding") == "br"
    # the page's plotly.js
    script = client.get(server.PLOTLY_JS_PATH, headers=headers)
    assert script.status_code == 200
    assert script.headers.get("Content-Encoding") == "br"
    assert len(script.get_data()) < 700_000  # 1.9 MB plain


def test_each_app_runs_its_own_jobs(state: AppState) -> None:
    first = create_app(state.events, mentions=state.mentions, articles=state.articles)
    second = create_app(state.events)
    managers = [app._background_manager for app in (first, second)]
    assert all(isinstance(m, JobManager) for m in managers)
    jobs_of = [set(m.func_registry.values()) for m in managers]
    assert all(len(j) == 1 for j in jobs_of) and not jobs_of[0] & jobs_of[1]
    assert managers[0].handle.directory != managers[1].handle.directory


def test_the_page_offers_the_limit_and_the_formats() -> None:
    app = create_app(empty_events(), Settings(max_file_bytes=2_000))
    layout = json.dumps(app.layout(), cls=PlotlyJSONEncoder)
    assert '"data-max-bytes": "2000"' in layout
    assert '"max_size": 2000' in layout
    assert ids.JOB_BOX in layout and ids.CANCEL in layout


_LOCAL = {"Host": "127.0.0.1"}


def test_plotly_js_is_fetched_from_the_head_run_before_dash_and_compressed() -> None:
    client = _client()
    head, body = client.get("/", headers=_LOCAL).get_data(as_text=True).split("</head>")
    assert f'<link rel="preload" href="{server.PLOTLY_JS_PATH}" as="script">' in head
    # run before the renderer starts, which is the last script of the page
    tag = f'<script src="{server.PLOTLY_JS_PATH}"></script>'
    assert tag in body and body.index(tag) < body.index("new DashRenderer")
    script = (assets_dir() / server.PLOTLY_JS_ASSET).read_bytes()
    asked = {**_LOCAL, "Accept-Encoding": "gzip, deflate"}
    response = client.get(server.PLOTLY_JS_PATH, headers=asked)
    assert response.headers["Content-Encoding"] == "gzip" and response.headers["Vary"]
    assert gzip.decompress(response.get_data()) == script
    assert response.headers["Cache-Control"] == f"public, max-age={server.PLOTLY_JS_MAX_AGE}"
    plain = client.get(server.PLOTLY_JS_PATH, headers={**_LOCAL, "Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.get_data() == script
    # a browser that has it asks again with its ETag and gets "not modified", no body
    again = client.get(
        server.PLOTLY_JS_PATH, headers={**_LOCAL, "If-None-Match": plain.headers["ETag"]}
    )
    assert again.status_code == 304 and again.get_data() == b""
    # the page names it twice (the preload, the script) and never from the assets (where Dash
    # loads every script)
    page = client.get("/", headers=_LOCAL).get_data(as_text=True)
    assert page.count("plotly-timeline.min.js") == 2 and "plotly.min.js" not in page


def test_the_page_loads_the_built_plotly_js_only_for_its_version(tmp_path: Path) -> None:
    built = server.plotly_js_file(assets_dir())
    assert built == assets_dir() / server.PLOTLY_JS_ASSET  # the build matches plotly here
    header = built.read_text(encoding="utf-8").partition("\n")[0]
    assert f"plotly.js v{get_plotlyjs_version()} " in header
    # a build for another plotly.js than the installed package's: the package's full bundle
    (tmp_path / "vendor").mkdir()
    (tmp_path / server.PLOTLY_JS_ASSET).write_text(
        header.replace(get_plotlyjs_version(), "0.0.1") + "\nwindow.Plotly = {};\n"
    )
    full = server.plotly_js_file(tmp_path)
    assert full.name == "plotly.min.js" and full.stat().st_size > 4_000_000
    assert server.plotly_js_file(tmp_path / "nowhere") == full


def test_bundles_are_compressed_once_per_encoding() -> None:
    served = {"bundle": b"function f() { return 1; }\n" * 2_000, "page": b"<p>page</p>" * 500}
    app = server.compressing_server("bundles")
    app.add_url_rule(
        server.BUNDLES_PATH + "demo/bundle.js", "bundle",
        lambda: Response(served["bundle"], mimetype="application/javascript"),
    )  # fmt: skip
    app.add_url_rule("/page", "page", lambda: Response(served["page"], mimetype="text/html"))
    Compress(app)  # as Dash(compress=True) does
    client = app.test_client()
    path = server.BUNDLES_PATH + "demo/bundle.js"
    first = served["bundle"]
    answers = [client.get(path, headers={"Accept-Encoding": e}) for e in ("gzip", "br")]
    page = client.get("/page", headers={"Accept-Encoding": "gzip"})
    served.update(bundle=b"changed();\n" * 100, page=b"<p>new</p>" * 500)
    again = client.get(path, headers={"Accept-Encoding": "gzip"})
    new_page = client.get("/page", headers={"Accept-Encoding": "gzip"})
    assert [a.headers["Content-Encoding"] for a in [*answers, again]] == ["gzip", "br", "gzip"]
    assert gzip.decompress(answers[0].get_data()) == first
    assert gzip.decompress(again.get_data()) == first  # the third answer came from the cache
    assert gzip.decompress(page.get_data()) == b"<p>page</p>" * 500
    assert gzip.decompress(new_page.get_data()) == b"<p>new</p>" * 500  # pages are not kept


def _component(tree: Any, wanted: str) -> dict[str, Any] | None:
    """The props of the component with this id in a layout's JSON."""
    if isinstance(tree, list):
        return next((f for t in tree if (f := _component(t, wanted)) is not None), None)
    if not isinstance(tree, dict):
        return None
    props = tree.get("props", {})
    if props.get("id") == wanted:
        return dict(props)
    return _component(props.get("children"), wanted)


def test_the_layout_carries_the_first_view_and_the_page_no_data(state: AppState) -> None:
    app = create_app(state.events, mentions=state.mentions, articles=state.articles)
    client = app.server.test_client()
    layout = json.loads(client.get("/_dash-layout", headers=_LOCAL).get_data())
    # both charts drawn from the layout, no callback awaited; the marker the callback spends
    for graph in (ids.TIMELINE, ids.MAP):
        figure = (_component(layout, graph) or {}).get("figure") or {}
        assert figure.get("data"), graph
    assert (_component(layout, ids.DRAWN) or {}).get("data") == ""
    assert "events in view" in str((_component(layout, ids.COUNT) or {}).get("children"))
    assert (_component(layout, ids.VIEW) or {}).get("data", "").startswith("window=")
    # the page itself (Dash's index, sent at every load) carries the components, not the data
    page = client.get("/", headers=_LOCAL).get_data(as_text=True)
    title = next(a.title for a in state.articles.values() if a.title)
    assert title in json.dumps(layout, ensure_ascii=False) and title not in page
    assert ids.TIMELINE in page and len(page) < 50_000


_HUNG_WORKER = """
import time
from timeline.app.server import job_manager
from timeline.config import Settings

def hung(*_args):  # a worker stuck for good (a lock its fork inherited, say)
    time.sleep(3600)

manager = job_manager(Settings())
print(manager.call_job_fn("key", hung, (), {}), flush=True)
"""


def test_a_hung_job_worker_does_not_keep_the_server_from_exiting() -> None:
    import subprocess
    import sys

    import psutil

    # without daemon workers the interpreter's exit waits for the worker: this run would hang
    done = subprocess.run(
        [sys.executable, "-c", _HUNG_WORKER], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    worker = int(done.stdout.split()[-1])
    assert not psutil.pid_exists(worker) or psutil.Process(worker).status() == "zombie"
