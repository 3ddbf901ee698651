"""The CLI, run as a real subprocess (python -m timeline) and through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import __version__
from timeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "reuters-2023-09-13-putin-kim-vostochny.txt"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_extract_seed_to_csv(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = run("extract", str(SEED), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with out.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    explicit = {
        (r["date_text"], r["start"], r["precision"]) for r in rows if r["date_source"] == "explicit"
    }
    assert ("1948", "1948-01-01", "year") in explicit
    assert any(start == "2023-09-13" and "Wednesday" in text for text, start, _ in explicit)
    assert all(r["published"] == "2023-09-13" for r in rows)


def test_extract_json_and_published_override(tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    result = run("extract", str(SEED), "-o", str(out), "--published", "2023-09-15")
    assert result.returncode == 0, result.stderr
    events = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(events, list) and events
    wednesday = [e for e in events if e["date_text"] == "Wednesday"]
    assert wednesday and wednesday[0]["start"] == "2023-09-13"  # two days before Friday 15th
    assert {e["published"] for e in events} == {"2023-09-15"}


def test_bad_files_are_reported_and_the_rest_kept(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    out = tmp_path / "events.csv"
    result = run("extract", str(tmp_path), "-o", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any("empty.txt is empty" in line for line in errors)
    assert any("binary.txt is not text" in line for line in errors)
    assert "2 of 3 inputs could not be read" in result.stderr
    assert out.read_text(encoding="utf-8-sig").count("good.txt") >= 4


def test_extract_to_stdout_and_bad_output_type(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(SEED)])
    assert result.exit_code == 0
    header = next(csv.reader(io.StringIO(result.output)))
    assert header[:3] == ["event_id", "doc_id", "title"]
    bad = runner.invoke(main, ["extract", str(SEED), "-o", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 1 and "use .csv, .json or .parquet" in bad.output


def test_evaluate_tempeval_json(tmp_path: Path) -> None:
    text = "The talks ended on Friday. Prices rose 5% in 1997."
    doc = {"id": "d1", "dct": "1998-08-07", "text": text, "timexes": [
        {"start": text.index("Friday"), "end": text.index("Friday") + 6, "text": "Friday", "type": "DATE", "value": "1998-08-07"},
        {"start": text.index("1997"), "end": text.index("1997") + 4, "text": "1997", "type": "DATE", "value": "1997"},
    ]}  # fmt: skip
    data = tmp_path / "mini.jsonl"
    data.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    result = run("evaluate", "tempeval", str(data), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["system"]["value_f1"] == pytest.approx(1.0)
    assert "baseline" in report


def test_evaluate_missing_file_is_one_line() -> None:
    result = run("evaluate", "tempeval", "/nonexistent/tbaq.jsonl")
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_binds_loopback_without_debugger(tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "timeline", "serve", "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            page = None
            for _ in range(240):  # start-up extracts the seeds and loads the model
                if server.poll() is not None:
                    break
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                        page = response.read().decode()
                    break
                except OSError:
                    time.sleep(0.5)
            assert page is not None, log.read_text()
            assert "<title>" in page
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/_dash-layout", timeout=5
            ) as response:
                assert response.status == 200
            # Dash's debugger (dev tools UI, hot reload) is off unless --debug is given.
            assert '"ui":false' in page and '"props_check":false' in page
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "http://127.0.0.1:" in log.read_text()


def test_evaluate_malformed_gold_file_names_the_line(tmp_path: Path) -> None:
    data = tmp_path / "broken.jsonl"
    data.write_text(
        '{"id": "d1", "dct": "1998-08-07", "text": "x", "timexes": []}\n{oops\n', encoding="utf-8"
    )
    result = run("evaluate", "tempeval", str(data))
    assert result.returncode == 1
    assert f"{data}:2 is not valid JSON" in result.stderr and "Traceback" not in result.stderr
    geo = run("evaluate", "geo", str(data), "--gold-spans")
    assert geo.returncode == 1 and "has no toponyms field" in geo.stderr


def test_extract_without_the_model_still_finds_who_and_where(tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    result = CliRunner().invoke(main, ["extract", str(SEED), "-o", str(out), "--no-model"])
    assert result.exit_code == 0, result.output
    events = json.loads(out.read_text(encoding="utf-8"))
    assert any(e["date_text"] == "1948" and "North Korea" in (e["countries"] or "") for e in events)
    assert any("Vostochny Cosmodrome" in (e["places"] or "") for e in events)
