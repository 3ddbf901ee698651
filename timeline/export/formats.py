"""One entry point for every export format: events (and their mentions) -> files.

The format is named, or read from the output's suffix. Chart formats write one file per chart
(``out.png`` for one chart; ``out-timeline.png`` and ``out-map.png`` for both), all images in one
browser session. Output file names lose bidirectional controls and control characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd

from timeline.errors import ExportError
from timeline.export.safety import safe_filename

__all__ = ["CHART_FORMATS", "FORMATS", "Exported", "export_events", "format_for"]

FORMATS: Final = (
    "csv", "json", "parquet", "geojson", "timelinejs", "html", "png", "svg", "pdf", "report",
)  # fmt: skip
CHART_FORMATS: Final = ("html", "png", "svg", "pdf")
_BY_SUFFIX: Final = {".csv": "csv", ".json": "json", ".parquet": "parquet", ".geojson": "geojson",
                     ".html": "html", ".htm": "html", ".png": "png", ".svg": "svg", ".pdf": "pdf"}  # fmt: skip


@dataclass(frozen=True)
class Exported:
    """What an export wrote: the files, the events in them, and the events left out (without
    coordinates for GeoJSON, without a date for TimelineJS)."""

    paths: tuple[Path, ...]
    events: int
    left_out: int = 0
    why: str = ""  # why events were left out


def format_for(path: Path, format: str | None = None) -> str:
    """The export format: `format` when given, else the one the suffix names.

    >>> format_for(Path("events.geojson")), format_for(Path("x.json"), "timelinejs")
    ('geojson', 'timelinejs')
    """
    if format is not None:
        if format not in FORMATS:
            raise ExportError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
        return format
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        raise ExportError(
            f"{path}: cannot tell the format from the suffix {path.suffix or '(none)'!r}; "
            f"name one with --format ({', '.join(FORMATS)})"
        )
    return found


def export_events(
    events: pd.DataFrame,
    output: str | Path,
    format: str | None = None,
    *,
    mentions: pd.DataFrame | None = None,
    charts: Sequence[str] = ("timeline",),
    lane: str = "actor",
    title: str = "timeline",
) -> Exported:
    """Write `events` to `output` in one format.

    Args:
        events: an events frame (filter it first: everything in it is exported).
        output: the file to write (chart formats with two charts: its stem plus the chart name).
        format: one of FORMATS; by default from the output's suffix.
        mentions: the mentions table, so the map shows every place an event mentions.
        charts: for chart formats, "timeline" and/or "map".
        lane: the timeline's lanes: "actor", "country" or "article".
        title: the title of the report, of the HTML pages and of the TimelineJS document.

    Returns:
        The files written, and the count of events exported and left out.

    Raises:
        ExportError: an unknown format, a missing folder, an unwritable file, no browser.
    """
    path = Path(output)
    chosen = format_for(path, format)
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist; create it first")
    path = path.with_name(safe_filename(path.name))
    if chosen in CHART_FORMATS:
        return _charts(
            events, path, chosen, mentions=mentions, charts=charts, lane=lane, title=title
        )
    if chosen in ("csv", "json", "parquet"):
        from timeline.export.tables import write_events

        write_events(events, path, format=chosen)
        return Exported((path,), len(events))
    if chosen == "geojson":
        from timeline.export.geojson import geojson_text

        text, left_out = geojson_text(events)
        why = "no coordinates"
    elif chosen == "timelinejs":
        from timeline.export.timelinejs import timelinejs_text

        text, left_out = timelinejs_text(events, title=title)
        why = "no date"
    else:
        from timeline.export.report import report_html

        text, left_out, why = report_html(events, title=title, mentions=mentions, lane=lane), 0, ""
    _write_text(path, text)
    return Exported((path,), len(events) - left_out, left_out, why)


def _charts(
    events: pd.DataFrame, path: Path, format: str, *, mentions: pd.DataFrame | None,
    charts: Sequence[str], lane: str, title: str,
) -> Exported:  # fmt: skip
    """The charts as standalone HTML pages or images, one file per chart."""
    from timeline.export.charts import chart_figures, figure_html, write_images

    figures = chart_figures(events, list(dict.fromkeys(charts)), mentions=mentions, lane=lane)
    if len(figures) == 1:
        paths = [path]
    else:
        paths = [path.with_name(f"{path.stem}-{name}{path.suffix}") for name in figures]
    if format == "html":
        for (name, fig), target in zip(figures.items(), paths, strict=True):
            _write_text(target, figure_html(fig, title=f"{title}: {name}"))
    else:
        write_images(list(figures.values()), paths, format=format)
    return Exported(tuple(paths), len(events))


def _write_text(path: Path, text: str) -> None:
    """Write UTF-8 text, or say in one line why it could not be written."""
    try:
        path.write_text(text, encoding="utf-8", newline="")
    except OSError as err:
        raise ExportError(f"{path} cannot be written: {err.strerror or err}") from None
