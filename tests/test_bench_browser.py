"""benchmarks/bench_browser.py's own logic: argument parsing, the choice of server, the report
(on fake results: nothing here starts a browser or times anything)."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "bench_browser.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    if "bench_browser" in sys.modules:
        return sys.modules["bench_browser"]
    spec = importlib.util.spec_from_file_location("bench_browser", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _result(bench: ModuleType, size: int, paints: list[float | None], **extra: object) -> object:
    runs = [
        bench.Run(
            start_s=2.0,
            first_paint_s=paint,
            transfer_bytes=3_000_000,
            decoded_bytes=9_000_000,
            reload_paint_s=None if paint is None else paint / 2,
            reload_bytes=500_000,
            filter_s=None if paint is None else paint / 4,
            filter_requests=1,
            rss_load_mb=400.0,
            rss_filter_mb=410.0,
            **extra,
        )
        for paint in paints
    ]
    return bench.SizeResult(size, f"/tmp/{size}.duckdb", "store", runs)


@pytest.mark.parametrize(
    ("text", "size"), [("10000", 10_000), ("10k", 10_000), ("1M", 1_000_000), ("2_500", 2_500)]
)
def test_sizes_read_as_written(bench: ModuleType, text: str, size: int) -> None:
    assert bench.parse_size(text) == size


@pytest.mark.parametrize("text", ["ten", "0", "-5k", ""])
def test_a_bad_size_is_a_clear_error(bench: ModuleType, text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="number of events"):
        bench.parse_size(text)


def test_stores_are_size_equals_path(bench: ModuleType) -> None:
    assert bench.parse_stores(["100k=/a/b.duckdb"]) == {100_000: Path("/a/b.duckdb")}
    with pytest.raises(argparse.ArgumentTypeError, match="SIZE=PATH"):
        bench.parse_stores(["/a/b.duckdb"])


def test_medians_skip_missing_values(bench: ModuleType) -> None:
    result = _result(bench, 10_000, [4.0, 2.0, 9.0])
    assert result.median("first_paint_s") == 4.0
    assert result.median("filter_s") == 1.0
    partial = _result(bench, 10_000, [6.0, None])
    assert partial.median("first_paint_s") == 6.0
    assert _result(bench, 10_000, [None]).median("first_paint_s") is None


def test_the_table_shows_medians_ratios_and_every_failure(bench: ModuleType) -> None:
    small = _result(bench, 10_000, [2.0, 3.0, 4.0])
    large = _result(
        bench,
        1_000_000,
        [12.0],
        outside=["https://cdn.plot.ly/x.js"],
        console_errors=["boom"],
    )
    large.runs.append(bench.Run(error="run 2: TimeoutError: page did not draw"))
    table = bench.format_table([small, large], static_s=1.5)
    lines = table.splitlines()
    assert lines[0].split()[0] == "events"
    small_row = next(line for line in lines if line.startswith("10,000"))
    assert "3.00 s (x2.0)" in small_row  # median first paint and its ratio to the static page
    assert "3.00 MB" in small_row and "9.00 MB" in small_row
    assert "1.50 s" in small_row and "0.50 MB" in small_row  # the reload, cache warm
    large_row = next(line for line in lines if line.startswith("1,000,000 "))
    assert "12.0 s (x8.0)" in large_row and "x4.0" in large_row  # 12 s against 10k's 3 s
    assert "1,000,000: request left 127.0.0.1: https://cdn.plot.ly/x.js" in lines
    assert "1,000,000: console: boom" in lines
    assert "1,000,000: run 2: TimeoutError: page did not draw" in lines
    assert "static page (plotly.js + one plot), first paint: 1.50 s" in lines


def test_a_size_that_never_drew_shows_dashes(bench: ModuleType) -> None:
    failed = bench.SizeResult(1_000_000, "/s", "app", [bench.Run(error="run 1: TimeoutError")])
    row = bench.format_table([failed], static_s=None).splitlines()[2]
    assert row.split()[:3] == ["1,000,000", "app", "-"]


def test_the_summary_is_json(bench: ModuleType) -> None:
    data = json.loads(json.dumps(bench.summary(_result(bench, 100_000, [5.0, 7.0]))))
    assert data["size"] == 100_000
    assert data["median"]["first_paint_s"] == 6.0
    assert data["median"]["rss_filter_mb"] == 410.0
    assert len(data["runs"]) == 2 and data["errors"] == []


def test_servers_run_the_given_checkout(bench: ModuleType, tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    assert bench.server_command("store", store, 8123)[1:] == [
        "-m", "timeline", "serve", "--store", str(store), "--port", "8123",
    ]  # fmt: skip
    assert bench.server_command("app", store, 8123)[2:4] == ["serve-app", str(store)]
    assert bench.server_env(tmp_path)["PYTHONPATH"] == str(tmp_path)
    assert bench.pick_mode("app", tmp_path) == "app"
    # this checkout's serve: "store" once it takes --store, the in-memory path before
    from click.testing import CliRunner

    from timeline.cli import main

    takes_store = "--store" in CliRunner().invoke(main, ["serve", "--help"]).output
    assert bench.pick_mode("auto", ROOT) == ("store" if takes_store else "app")


def test_the_graphs_figures_are_found_in_a_dash_layout(bench: ModuleType) -> None:
    graph = {"type": "Graph", "namespace": "dash_core_components",
             "props": {"id": "map-graph", "figure": {"data": [{"props": 1}], "layout": {}}}}  # fmt: skip
    layout = {"type": "Div", "namespace": "dash_html_components",
              "props": {"id": None, "children": [{"type": "Div", "namespace": "x",
                                                   "props": {"children": [graph]}}]}}  # fmt: skip
    found = dict(bench._components(layout))
    assert found["map-graph"]["figure"] == {"data": [{"props": 1}], "layout": {}}
    assert set(found) == {None, "map-graph"}
