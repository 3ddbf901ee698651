"""Progress of a long extraction: a ``rich`` bar on a terminal, plain lines otherwise.

Both show articles done out of the total, events found, articles per second and the time left.
Plain lines (a log file, a pipe, CI) come at most every `interval` seconds, so short runs print
nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

__all__ = ["BarProgress", "LineProgress", "format_duration", "progress_display"]


def format_duration(seconds: float) -> str:
    """Seconds as m:ss or h:mm:ss.

    >>> format_duration(103), format_duration(3723.4)
    ('1:43', '1:02:03')
    """
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class LineProgress:
    """Progress as plain lines, one at most every `interval` seconds, none at the end (the
    caller reports the outcome), so a short run prints nothing.

    >>> lines = []
    >>> progress = LineProgress(lines.append, interval=0)
    >>> progress.start(10)
    >>> progress.advance(4, 12)
    >>> lines[-1].split(", ")[:2]
    ['extract: 4/10 articles', '12 events']
    """

    def __init__(
        self,
        write: Callable[[str], Any],
        *,
        interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._write = write
        self._interval = interval
        self._clock = clock
        self._total = self._done = self._events = 0
        self._started = self._printed = clock()

    def start(self, total: int) -> None:
        """`total` articles are about to be extracted."""
        self._total, self._done, self._events = total, 0, 0
        self._started = self._printed = self._clock()

    def advance(self, articles: int, events: int) -> None:
        """A batch is done."""
        self._done += articles
        self._events += events
        now = self._clock()
        if now - self._printed >= self._interval and self._done < self._total:
            self._printed = now
            self._write(self.line(now))

    def line(self, now: float) -> str:
        """The current state in one line."""
        elapsed = max(now - self._started, 1e-9)
        rate = self._done / elapsed
        left = (self._total - self._done) / rate if rate else 0.0
        return (
            f"extract: {self._done:,}/{self._total:,} articles, {self._events:,} events, "
            f"{rate:,.1f} articles/s, {format_duration(left)} left"
        )


class BarProgress:
    """Progress as a ``rich`` bar on the terminal's standard error."""

    def __init__(self, bar: Progress) -> None:
        self._bar = bar
        self._task = bar.add_task("extract", total=None, events=0)

    def start(self, total: int) -> None:
        """`total` articles are about to be extracted."""
        self._bar.reset(self._task, total=total, events=0)

    def advance(self, articles: int, events: int) -> None:
        """A batch is done."""
        task = next(t for t in self._bar.tasks if t.id == self._task)
        self._bar.update(self._task, advance=articles, events=task.fields["events"] + events)


@contextmanager
def progress_display(
    stream: TextIO, *, interval: float = 10.0
) -> Iterator[BarProgress | LineProgress]:
    """A bar when `stream` is a terminal, else plain lines written to it."""
    if not stream.isatty():
        yield LineProgress(lambda line: print(line, file=stream, flush=True), interval=interval)
        return
    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles, {task.fields[events]:,} events,"),
        _RateColumn(),
        TimeRemainingColumn(),
        TextColumn("left"),
        console=Console(file=stream),
        redirect_stdout=False,  # standard output may carry the CSV
    )
    with bar:
        yield BarProgress(bar)


class _RateColumn(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} articles/s" if speed else "- articles/s")
