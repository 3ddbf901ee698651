"""The web server's guards, through Flask's test client: Host names, request size, compression,
and the background-job manager."""

from __future__ import annotations

import json
from typing import Any

import pytest
from plotly.utils import PlotlyJSONEncoder

from timeline.app import create_app, ids
from timeline.app.server import JobManager, allowed_hosts, host_name, request_limit
from timeline.app.state import AppState
from timeline.config import Settings
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
    # the path dcc.Graph loads plotly.js from
    script = client.get(
        "/_dash-component-suites/plotly/package_data/plotly.min.js", headers=headers
    )
    assert script.status_code == 200
    assert script.headers.get("Content-Encoding") == "br"
    assert len(script.get_data()) < 2_000_000  # 4.8 MB plain


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
