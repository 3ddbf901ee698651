"""``timeline export``: one real subprocess, and option handling through CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.export.tables import read_events, write_events

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "reuters-2023-09-13-putin-kim-vostochny.txt"


def test_export_subprocess_geojson(tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "export", str(SEED), "-o", str(out), "--no-model"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection" and document["features"]
    assert f"{len(document['features'])} events -> {out}" in result.stderr


@pytest.fixture
def events_file(tmp_path: Path, sample: tuple[pd.DataFrame, pd.DataFrame]) -> Path:
    return write_events(sample[0], tmp_path / "events.parquet")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_filters_are_the_dashboards(events_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    code, output = _run("--events", str(events_file), "-o", str(out), "--precision", "year")
    assert code == 0, output
    assert read_events(out)["date_text"].tolist() == ["in 1948"]
    code, _ = _run("--events", str(events_file), "-o", str(out), "--from", "2023-09-13",
                   "--to", "2023-09-13", "--date-source", "explicit", "--place", "Vladivostok")  # fmt: skip
    assert code == 0 and read_events(out)["event_id"].tolist() == ["ev-wednesday"]
    code, _ = _run("--events", str(events_file), "-o", str(out), "--actor", "Kim Jong Un",
                   "--country", "Russia", "--text", "cosmodrome")  # fmt: skip
    assert code == 0 and set(read_events(out)["event_id"]) == {"ev-caption", "ev-showed"}


@pytest.mark.parametrize(
    ("name", "format_", "check"),
    [("t.json", "timelinejs", lambda text: '"start_date"' in text),
     ("e.json", None, lambda text: text.startswith("[")),
     ("r.html", "report", lambda text: "<h1>timeline</h1>" in text and "<table>" in text),
     ("m.html", None, lambda text: text.count("Plotly.newPlot") == 1)],
)  # fmt: skip
def test_formats_by_name_or_suffix(events_file: Path, tmp_path: Path, name: str,
                                   format_: str | None, check: Any) -> None:  # fmt: skip
    out = tmp_path / name
    args = ["--events", str(events_file), "-o", str(out), *(["-f", format_] if format_ else [])]
    code, output = _run(*args)
    assert code == 0, output
    assert check(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("args", "message"),
    [((), "give article files or folders (PATH...), --events FILE or --store FILE"),
     (("x.txt", "--events", "e.csv"), "give article files or folders (PATH...), --events FILE or --store FILE"),
     (("--events", "{events}", "-o", "{tmp}/out.xlsx"), "cannot tell the format from the suffix '.xlsx'"),
     (("--events", "{events}", "-o", "{tmp}/no/such/out.csv"), "the folder"),
     (("--events", "{tmp}/missing.csv"), "missing.csv cannot be read"),
     (("--events", "{events}", "--from", "13/09/2023"), "Invalid value for '--from'")],
)  # fmt: skip
def test_bad_input_is_one_clear_line(events_file: Path, tmp_path: Path, args: tuple[str, ...],
                                     message: str) -> None:  # fmt: skip
    filled = [a.format(events=events_file, tmp=tmp_path) for a in args]
    if "-o" not in filled:
        filled += ["-o", str(tmp_path / "out.csv")]
    code, output = _run(*filled)
    assert code in (1, 2) and message in output and "Traceback" not in output


def test_bidi_controls_leave_file_names(events_file: Path, tmp_path: Path) -> None:
    code, output = _run("--events", str(events_file), "-o", str(tmp_path / "map\u202egnp.csv"))
    assert code == 0, output
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".csv"] == ["mapgnp.csv"]


def test_year_9999_publication_round_trips(tmp_path: Path) -> None:
    """Issue 8 part 5: --published 9999-12-31 puts `end` in year 10000; every data export reads back."""
    article = tmp_path / "a.txt"
    article.write_text("Leaders met in Geneva today and agreed to meet again.", encoding="utf-8")
    for name in ("e.csv", "e.json", "e.parquet"):
        out = tmp_path / name
        code, output = _run(str(article), "--published", "9999-12-31", "--no-model", "-o", str(out))
        assert code == 0, output
        events = read_events(out)
        assert not events.empty and events["end"].max() == pd.Timestamp("9999-12-31") + pd.Timedelta(days=1)
