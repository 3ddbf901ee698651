"""Progress: a rich bar on a terminal, plain lines (at most every `interval` s) otherwise."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from timeline.progress import (
    BarProgress,
    LineProgress,
    _RateColumn,
    format_duration,
    progress_display,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_lines_come_at_most_every_interval() -> None:
    lines: list[str] = []
    clock = _Clock()
    progress = LineProgress(lines.append, interval=10, clock=clock)
    progress.start(1000)
    clock.now += 4
    progress.advance(100, 1500)
    assert lines == []  # a short run prints nothing
    clock.now += 6
    progress.advance(100, 1500)
    assert lines == ["extract: 200/1,000 articles, 3,000 events, 20.0 articles/s, 0:40 left"]
    clock.now += 1
    progress.advance(100, 10)
    assert len(lines) == 1
    clock.now += 60
    progress.advance(700, 10)  # the end: the command's summary line says it
    assert len(lines) == 1


def test_durations() -> None:
    assert [format_duration(s) for s in (0, 59.6, 61, 3600)] == ["0:00", "1:00", "1:01", "1:00:00"]


def test_bar_shows_articles_events_rate_and_time_left() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=160, color_system=None)
    with Progress(_RateColumn(), console=console, auto_refresh=False) as bar:
        progress = BarProgress(bar)
        progress.start(10)
        progress.advance(4, 37)
        task = bar.tasks[0]
        assert (task.completed, task.total, task.fields["events"]) == (4, 10, 37)
        bar.refresh()
    assert "articles/s" in out.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_display_is_a_bar_on_a_terminal_and_lines_elsewhere() -> None:
    with progress_display(io.StringIO()) as plain:
        assert isinstance(plain, LineProgress)
    terminal = _Terminal()
    with progress_display(terminal) as fancy:
        assert isinstance(fancy, BarProgress)
        fancy.start(3)
        fancy.advance(3, 12)
    text = terminal.getvalue()
    assert "3/3" in text and "12 events" in text and "left" in text


def test_the_cli_draws_a_bar_on_a_real_terminal(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "extract", str(SEEDS), "--store", str(tmp_path / "s.duckdb"), "--no-model"],
        stdin=follower, stdout=follower, stderr=follower, env={**os.environ, "COLUMNS": "150"},
    )  # fmt: skip
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=300) == 0
    text = output.decode("utf-8", "replace")
    assert "━" in text and "1/1" in text and "articles/s" in text and "left" in text
    assert "1 new articles, 0 already in the store" in text
