"""``timeline extract --store`` (merging on and off), ``timeline merge`` and ``timeline export
--store``: the commands run as subprocesses on a small store of articles written here."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.database import Store
from timeline.export.tables import read_events

# The summit told by three outlets (the third with an "=" title, for the CSV's formula guard)
# and one event elsewhere; Geneva's two are 16 and 17 June.
ARTICLES = {
    "a.txt": "GENEVA, June 16, 2021 (Reuters) - U.S. President Joe Biden and Russian President Vladimir Putin opened their first summit in Geneva on Wednesday, with arms control and cyber attacks on the agenda.",
    "b.txt": "GENEVA, June 17, 2021 (AP) - Vladimir Putin and Joe Biden held their first summit on Wednesday in Geneva, Switzerland, talking about arms control and cyber attacks for four hours.",
    "c.json": json.dumps({"text": "Biden and Putin met at a villa in Geneva on Wednesday for a summit on arms control and cyber attacks.", "title": "=HYPERLINK(\"x\") summit", "url": "https://news.example/c", "published": "2021-06-18"}),
    "d.txt": "TOKYO, June 16, 2021 (Kyodo) - Japan's Prime Minister Yoshihide Suga opened a vaccination centre in Tokyo on Wednesday.",
}  # fmt: skip
SUMMIT = "opened their first summit"


def _timeline(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "timeline", *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def store(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The articles added in two runs, merging on: the second run merges into the first."""
    path = tmp_path_factory.mktemp("store") / "news.duckdb"
    first = _timeline("extract", folder / "a.txt", folder / "d.txt", "--store", path, "--no-model")
    assert first.returncode == 0 and "0 merged into stored events" in first.stderr
    second = _timeline("extract", folder, "--store", path, "--no-model")
    assert second.returncode == 0, second.stderr
    assert "2 new articles, 2 already in the store" in second.stderr
    assert "2 merged into stored events" in second.stderr
    return path


def test_export_csv_of_a_merged_store(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "merged.csv"
    result = _timeline("export", "--store", store, "-f", "csv", "-o", out)
    assert result.returncode == 0, result.stderr
    assert f"2 events -> {out}" in result.stderr  # the summit once, Tokyo once
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    summit = next(r for r in rows if SUMMIT in r["sentence"])
    assert summit["n_sources"] == "3"
    titles = summit["source_titles"].split("\n")
    assert len(titles) == 3 and titles[2] == '=HYPERLINK("x") summit'
    urls = summit["source_urls"].split("\n")
    assert urls == ["a.txt", "b.txt", "https://news.example/c"]
    lone = next(r for r in rows if "Tokyo" in r["sentence"])
    assert lone["n_sources"] == "1" and lone["source_titles"] == "d.txt"  # no title: the file
    events = read_events(out)  # the event columns read back
    assert len(events) == 2 and events["sentence"].str.contains(SUMMIT).any()


def test_formula_titles_are_guarded_in_csv(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    code = CliRunner().invoke(main, ["export", "--store", str(store), "-o", str(out),
                                     "--text", "villa", "--no-merged"])  # fmt: skip
    assert code.exit_code == 0, code.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [r["title"] for r in rows] == ['\'=HYPERLINK("x") summit']
    assert "n_sources" not in rows[0]


def test_json_parquet_geojson_timelinejs_report(store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = {}
    for format_ in ("json", "parquet", "geojson", "timelinejs", "report"):
        out = outputs[format_] = tmp_path / f"out.{format_}"
        result = runner.invoke(
            main, ["export", "--store", str(store), "-f", format_, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
    records = json.loads(outputs["json"].read_text(encoding="utf-8"))
    summit = next(r for r in records if SUMMIT in r["sentence"])
    assert summit["n_sources"] == 3
    assert summit["source_urls"] == ["a.txt", "b.txt", "https://news.example/c"]
    frame = pd.read_parquet(outputs["parquet"])
    assert sorted(frame["n_sources"]) == [1, 3]
    row = frame[frame["n_sources"] == 3].iloc[0]
    assert list(row["source_urls"]) == ["a.txt", "b.txt", "https://news.example/c"]
    assert len(read_events(outputs["parquet"])) == 2
    features = json.loads(outputs["geojson"].read_text(encoding="utf-8"))["features"]
    props = next(f["properties"] for f in features if SUMMIT in f["properties"]["sentence"])
    assert props["n_sources"] == 3 and props["source_urls"][2] == "https://news.example/c"
    slides = json.loads(outputs["timelinejs"].read_text(encoding="utf-8"))["events"]
    text = next(s["text"]["text"] for s in slides if "summit" in s["text"]["headline"])
    assert "Reported by 3 sources:" in text
    assert '<a href="https://news.example/c">=HYPERLINK(&quot;x&quot;) summit</a>' in text
    report = outputs["report"].read_text(encoding="utf-8")
    assert "3 sources: " in report and 'href="https://news.example/c"' in report


def test_no_merged_exports_every_event(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    result = CliRunner().invoke(
        main, ["export", "--store", str(store), "-o", str(out), "--no-merged"]
    )
    assert result.exit_code == 0, result.output
    assert len(read_events(out)) == 4


def test_no_merge_store_exports_every_event_until_merged(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "plain.duckdb"
    added = _timeline("extract", folder, "--store", path, "--no-model", "--no-merge")
    assert added.returncode == 0 and "4 events added, not merged" in added.stderr
    out = tmp_path / "plain.csv"
    assert _timeline("export", "--store", path, "-o", out).returncode == 0
    assert len(read_events(out)) == 4 and "n_sources" not in out.read_text(encoding="utf-8-sig")
    merged = _timeline("merge", "--store", path)
    assert merged.returncode == 0, merged.stderr
    assert "4 events in 2 clusters (1 with two or more sources)" in merged.stderr
    assert _timeline("export", "--store", path, "-o", out).returncode == 0
    assert len(read_events(out)) == 2 and "n_sources" in out.read_text(encoding="utf-8-sig")
    with Store.open(path, read_only=True) as opened:
        assert opened.stats().clusters == 2


def test_merged_export_of_files_clusters_in_memory(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "files.json"
    result = CliRunner().invoke(
        main, ["export", str(folder), "--no-model", "--merged", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    records = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(r["n_sources"] for r in records) == [1, 3]


@pytest.mark.parametrize(
    ("args", "message"),
    [(("--store", "{tmp}/none.duckdb"), "none.duckdb does not exist"),
     (("--store", "{tmp}/x.duckdb", "--events", "e.csv"), "--events FILE or --store FILE"),
     (("--store", "{tmp}/x.txt"), "not a timeline store")],
)  # fmt: skip
def test_bad_store_is_one_clear_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "x.txt").write_text("not a database", encoding="utf-8")
    filled = [a.format(tmp=tmp_path) for a in args]
    result = CliRunner().invoke(main, ["export", *filled, "-o", str(tmp_path / "o.csv")])
    assert result.exit_code in (1, 2) and message in result.output, result.output
    assert "Traceback" not in result.output


def test_merge_command_errors(tmp_path: Path) -> None:
    missing = CliRunner().invoke(main, ["merge", "--store", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "none.duckdb" in missing.output
    empty = tmp_path / "empty.duckdb"
    with Store.open(empty):
        pass
    nothing = CliRunner().invoke(main, ["merge", "--store", str(empty)])
    assert nothing.exit_code == 1 and "holds no events" in nothing.output


@pytest.mark.browser  # kaleido drives a headless Chromium
def test_charts_of_a_merged_store(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "chart.png"
    result = CliRunner().invoke(
        main, ["export", "--store", str(store), "-o", str(out), "--chart", "both"]
    )
    assert result.exit_code == 0, result.output
    for name in ("chart-timeline.png", "chart-map.png"):
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert "2 events ->" in result.output
