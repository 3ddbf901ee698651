"""A one-file HTML report: a title, the timeline, the map and the table of events with sources.

plotly.js and the world outlines are inlined once for both charts, the style sheet too: the file
opens from disk, or from an e-mail attachment, with no network. Every value taken from an
article is escaped and loses its bidirectional controls.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from timeline.export.charts import chart_figures, figure_div, plotly_scripts
from timeline.export.labels import (
    credit,
    date_fields,
    date_parts,
    is_missing,
    marked_sentence,
    sources_html,
    text_of,
)
from timeline.export.safety import html_text
from timeline.figures import BOUNDARY_NOTE
from timeline.schema import Col

__all__ = ["report_html"]

CHART_HEIGHT: Final = "540px"
_STYLE: Final = """
body { font: 15px/1.45 system-ui, sans-serif; color: #222; margin: 2rem auto; max-width: 1200px;
       padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
.meta, .note { color: #555; font-size: .9rem; }
.chart { border: 1px solid #ddd; border-radius: 4px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .35rem .5rem; text-align: left;
         vertical-align: top; }
th { background: #f4f4f4; position: sticky; top: 0; }
td.date { white-space: nowrap; }
mark { background: #fde9b7; }
"""
_COLUMNS: Final = ("Date", "As written", "Event", "Actors", "Places", "Source")


def report_html(
    events: pd.DataFrame,
    *,
    title: str = "timeline report",
    mentions: pd.DataFrame | None = None,
    lane: str = "actor",
    topojson: Path | None = None,
) -> str:
    """The report as one self-contained HTML page.

    Args:
        events: an events frame (already filtered to what the report is about).
        title: the report's title (text: escaped, never markup).
        mentions: the mentions table, so the map shows every place an event mentions.
        lane: the timeline's lanes: "actor", "country" or "article".
        topojson: the folder of the world outlines; the package's by default.
    """
    figures = chart_figures(events, mentions=mentions, lane=lane)
    charts = "".join(
        f'<h2>{name.capitalize()}</h2>\n<div class="chart" id="chart-{name}">'
        f"{figure_div(fig, height=CHART_HEIGHT)}</div>\n"
        for name, fig in figures.items()
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html_text(title)}</title>\n<style>{_STYLE}</style>\n"
        f"{plotly_scripts(list(figures.values()), topojson=topojson)}</head><body>\n"
        f'<h1>{html_text(title)}</h1>\n<p class="meta">{_summary(events)}</p>\n'
        f'{charts}<p class="note">{html_text(BOUNDARY_NOTE)}</p>\n'
        f"<h2>Events</h2>\n{_table(events)}\n</body></html>\n"
    )


def _summary(events: pd.DataFrame) -> str:
    """'14 events from 1 article, 1948 to 2023.' as HTML."""
    from timeline import __version__

    articles = events[Col.DOC_ID].nunique()
    dated = events[Col.START].dropna()
    span = ""
    if not dated.empty:
        years = date_parts(pd.Series([dated.min(), dated.max()]).astype("datetime64[s]"))["year"]
        span = f", {years[0]}" + (f" to {years[1]}" if years[1] != years[0] else "")
    return html_text(
        f"{len(events)} events from {articles} article{'s' if articles != 1 else ''}{span}. "
        f"Made offline with timeline {__version__}."
    )


def _table(events: pd.DataFrame) -> str:
    """The events, earliest first (undated last), as an HTML table with their sources."""
    rows = events.sort_values(Col.START, kind="stable", na_position="last")
    labels = _date_labels(rows)
    head = "".join(f"<th>{name}</th>" for name in _COLUMNS)
    body = []
    for label, row in zip(labels, rows.to_dict(orient="records"), strict=True):
        cells = (
            f'<td class="date">{html_text(label)}</td>',
            f"<td>{_text(row[Col.DATE_TEXT])}</td>",
            f"<td>{marked_sentence(row)}</td>",
            f"<td>{_text(row[Col.ACTORS])}</td>",
            f"<td>{_text(row[Col.PLACE] if is_missing(row[Col.PLACES]) else row[Col.PLACES])}</td>",
            f"<td>{_sources(row)}</td>",
        )
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody></table>"
    )


def _sources(row: dict[Hashable, Any]) -> str:
    """The source of an event; of a merged event, its earliest report then every source."""
    sources = sources_html(row)
    return credit(row) if sources is None else f"{credit(row)}<br><small>{sources}</small>"


def _text(value: object) -> str:
    """A cell's text, escaped; empty for missing values."""
    return html_text(text_of(value))


def _date_labels(events: pd.DataFrame) -> list[str]:
    """Each event's date at its precision: '1948 (year)', '2023-09-11 to 2023-09-17 (week)'."""
    dated = events[Col.START].notna().to_numpy()
    start = events[Col.START].fillna(pd.Timestamp(0)).astype("datetime64[s]")
    end = events[Col.END].fillna(events[Col.START]).fillna(pd.Timestamp(0)).astype("datetime64[s]")
    last = (end - pd.Timedelta(seconds=1)).where(events[Col.END].notna(), start)
    first_parts, last_parts = date_parts(start), date_parts(last)
    labels = []
    for i, precision in enumerate(events[Col.PRECISION].to_numpy()):
        if not dated[i]:
            labels.append("undated")
            continue
        fields = date_fields(precision, int(first_parts["second"][i]))
        first, final = _format(first_parts, i, fields), _format(last_parts, i, fields)
        span = first if first == final else f"{first} to {final}"
        labels.append(f"{span} ({text_of(precision) or '?'})")
    return labels


def _format(parts: dict[str, np.ndarray], i: int, fields: tuple[str, ...]) -> str:
    """One date's known fields as ISO text: '1948', '2023-09', '2023-09-13 07:41'."""
    year = int(parts["year"][i])
    text = f"{year:04d}" if year >= 0 else f"-{-year:04d}"
    for name, joiner in (
        ("month", "-"),
        ("day", "-"),
        ("hour", " "),
        ("minute", ":"),
        ("second", ":"),
    ):
        if name in fields:
            text += f"{joiner}{int(parts[name][i]):02d}"
    return text
