"""`timeline extract` reading real inputs, as a subprocess: a warning for an undated article,
one line per bad item or file, and the rest still extracted."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main

UNDATED = "Kim Meets Putin\n\nVLADIVOSTOK, Russia, Sept 13 (Reuters) - Kim arrived on Tuesday."


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", "extract", "--no-model", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


def _lines(stderr: str, kind: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"{kind}: ")]


def test_undated_articles_are_warned_about_once_per_file(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kim.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "2023-09-13-kim.txt").write_text(UNDATED, encoding="utf-8")
    rows = [
        {"text": UNDATED},
        {"text": UNDATED, "published": "2023-09-13"},
        {"text": "Talks resumed on Friday."},
    ]
    (folder / "many.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = run(str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert _lines(result.stderr, "warning") == [
        f"warning: {folder / 'kim.txt'}: no publication date found; relative dates left "
        "unresolved (give --published)",
        f"warning: {folder / 'many.jsonl'}: 2 of 3 articles have no publication date; "
        "relative dates left unresolved (give --published)",
    ]
    with out.open(encoding="utf-8-sig", newline="") as file:
        events = list(csv.DictReader(file))
    dated = {
        (e["source"], e["published_source"], e["start"])
        for e in events
        if e["date_text"] == "Tuesday"
    }
    assert ("2023-09-13-kim.txt", "filename", "2023-09-12") in dated
    assert ("many.jsonl", "metadata", "2023-09-12") in dated
    assert {e["published_source"] for e in events if e["source"] == "kim.txt"} == {"none"}
    # --published dates them all: no warning left.
    again = run(str(folder), "-o", str(out), "--published", "2023-09-13")
    assert again.returncode == 0 and _lines(again.stderr, "warning") == []


def test_bad_items_and_unreadable_files_are_one_line_each(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("PARIS, March 3, 2011 (AFP) - Ministers met on Monday.", encoding="utf-8")
    (tmp_path / "rows.csv").write_text(
        "text,published\nTalks ended on Friday.,2023-09-15\n,2023-09-14\nMet.,2023-02-30\n",
        encoding="utf-8",
    )
    (tmp_path / "items.json").write_bytes(
        b'[{"text": "Bad \\ud800."}, {"text": "Ministers met in Paris on March 3, 2011."}]'
    )
    named = [str(good), str(tmp_path / "rows.csv"), str(tmp_path / "items.json")]
    named.append(str(tmp_path / "missing.txt"))
    named.append(str(tmp_path / ("long" * 80 + ".txt")))
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.txt")
        named.append(str(tmp_path / "pipe.txt"))
    out = tmp_path / "events.json"
    result = run(*named, "-o", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = _lines(result.stderr, "error")
    assert f"error: {tmp_path / 'rows.csv'} line 3 has an empty 'text'" in errors
    assert any(
        "rows.csv line 4 has a bad publication date" in e and "out of range" in e for e in errors
    )
    assert any("items.json item 1 has a lone surrogate escape" in e for e in errors)
    assert f"error: {tmp_path / 'missing.txt'} does not exist" in errors
    assert any("File name too long" in e for e in errors)
    if hasattr(os, "mkfifo"):
        assert any("pipe.txt is not a regular file" in e for e in errors)
    failed = len(errors)
    assert f"{failed} of {failed + 3} inputs could not be read" in result.stderr
    events = json.loads(out.read_text(encoding="utf-8"))
    assert {e["source"] for e in events} == {"good.txt", "rows.csv", "items.json"}


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--max-bytes", "0"], "Invalid value for '--max-bytes': 0 is not in the range x>=1."),
        (["--max-bytes", "-5"], "Invalid value for '--max-bytes': -5 is not in the range x>=1."),
        (
            ["--published", "2023-02-30"],
            "Invalid value for '--published': published='2023-02-30' is not a valid date (day is "
            "out of range for month); expected YYYY-MM-DD",
        ),
    ],
)
def test_bad_options_are_one_clear_line(option: list[str], message: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Text.", encoding="utf-8")
    result = run(str(article), *option)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"Error: {message}" in result.stderr.splitlines()


def test_column_options(tmp_path: Path) -> None:
    data = tmp_path / "wire.csv"
    data.write_text(
        "Body,Date,Headline,Link,Outlet\n"
        '"PARIS (AFP) - Ministers met on Monday.",2024-02-07,Met,http://x,Agence\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    args = ["extract", "--no-model", str(data), "--text-column", "body", "--date-column", "date"]
    args += ["--title-column", "headline", "--url-column", "link", "--source-column", "outlet"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert {(r["title"], r["source"], r["published"]) for r in rows} == {
        ("Met", "Agence", "2024-02-07")
    }
    assert "2024-02-05" in {r["start"] for r in rows}  # "on Monday" before Wednesday 7 February
    clash = runner.invoke(main, ["extract", str(data), "--text-column", "Title"])
    assert clash.exit_code == 2 and "two fields share a column name" in clash.output
