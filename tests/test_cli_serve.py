"""`timeline serve` as a real subprocess: bad ports, the warning for every interface, and the
Host check over a real socket."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest


class _Server:
    """`python -m timeline serve ARGS` with its output read in a thread (no blocking read)."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "timeline", "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def output_until(self, needle: str, timeout: float = 300) -> str:
        """The output so far, once it holds `needle` (or the server ended, or time ran out)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            if needle in "".join(self.lines):
                break
            time.sleep(0.1)
        return "".join(self.lines)

    def stop(self) -> None:
        """Kill the server (this test started it) and close its pipe."""
        self.process.kill()
        self.process.wait(timeout=30)
        self.reader.join(timeout=30)
        assert self.process.stdout is not None
        self.process.stdout.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve_fails(*args: str) -> subprocess.CompletedProcess[str]:
    """`timeline serve ARGS` run as a subprocess, for options it refuses before serving."""
    return subprocess.run(
        [sys.executable, "-m", "timeline", "serve", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("port", ["70000", "0", "-1"])
def test_a_port_out_of_range_is_one_clear_line(port: str) -> None:
    result = _serve_fails("--port", port)
    assert result.returncode == 2
    assert f"Invalid value for '--port': {port} is not in the range 1<=x<=65535" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_interface_gets_a_warning() -> None:
    server = _Server("--host", "0.0.0.0", "--port", str(_free_port()))
    try:
        output = server.output_until("paste or upload", timeout=120)
    finally:
        server.stop()
    assert "warning: --host 0.0.0.0 listens on every network interface" in output
    assert "paste or upload articles" in output


def test_the_served_page_refuses_foreign_host_names(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("GENEVA, March 3, 2021 (Reuters) - The presidents met on Wednesday.")
    port = _free_port()
    server = _Server(str(article), "--port", str(port))
    try:
        output = server.output_until(f"http://127.0.0.1:{port}/")
        assert f"on http://127.0.0.1:{port}/" in output, output
        assert "warning" not in output

        def get(host: str) -> tuple[int, str]:
            for _ in range(100):  # the URL is printed just before the server listens
                try:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    connection.request("GET", "/", headers={"Host": host})
                    response = connection.getresponse()
                    return response.status, response.read().decode()
                except ConnectionRefusedError:
                    time.sleep(0.2)
            raise AssertionError("the server never listened")

        assert get(f"127.0.0.1:{port}")[0] == 200
        assert get(f"localhost:{port}")[0] == 200
        status, text = get(f"rebind.example:{port}")
        assert status == 400 and "DNS rebinding" in text
    finally:
        server.stop()


def _get(port: str | int, path: str) -> tuple[int, str]:
    for _ in range(100):  # the URL is printed just before the server listens
        try:
            connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode()
        except ConnectionRefusedError:
            time.sleep(0.2)
    raise AssertionError("the server never listened")


def test_serve_store_explores_a_store_file_and_adds_paths_to_it(tmp_path: Path) -> None:
    from timeline.database import Store

    store = tmp_path / "news.duckdb"
    article = tmp_path / "a.txt"
    article.write_text("GENEVA, March 3, 2021 (Reuters) - The presidents met on Wednesday.")
    port = _free_port()
    server = _Server(str(article), "--store", str(store), "--port", str(port))
    try:
        output = server.output_until(f"http://127.0.0.1:{port}/")
        assert "1 new articles, 0 already in the store" in output, output
        assert f" from 1 article in {store} on http://127.0.0.1:{port}/" in output, output
        status, layout = _get(port, "/_dash-layout")
        # the articles and events come from the store (the list of articles comes after the
        # charts, by a request; the page counts them)
        assert status == 200 and "1 article" in layout and "The presidents met" in layout
    finally:
        server.stop()
    with Store.open(store) as stored:  # the run stored the article (and its events)
        assert stored.stats().articles == 1 and stored.stats().events >= 1
    # again, on the store alone: nothing extracted, the same events shown
    port = _free_port()
    server = _Server("--store", str(store), "--port", str(port))
    try:
        output = server.output_until(f"http://127.0.0.1:{port}/")
        assert "new articles" not in output and f"from 1 article in {store}" in output, output
        assert _get(port, "/")[0] == 200
    finally:
        server.stop()


def test_serve_store_on_a_file_that_is_no_store_is_one_clear_line(tmp_path: Path) -> None:
    other = tmp_path / "notes.csv"
    other.write_text("a,b\n1,2\n")
    result = _serve_fails("--store", str(other))
    assert result.returncode == 1
    assert f"{other} is not a timeline store" in result.stderr
    assert "Traceback" not in result.stderr
