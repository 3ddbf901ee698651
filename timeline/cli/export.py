"""``timeline export``: articles (or an events file) -> CSV, JSON, Parquet, GeoJSON, TimelineJS,
charts (HTML, PNG, SVG, PDF) or a one-file HTML report, with the dashboard's filters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import pandas as pd

from timeline.cli.reading import check_published, column_options, columns_from_options, read_inputs
from timeline.config import LANES, Settings
from timeline.errors import TimelineError
from timeline.export.formats import FORMATS
from timeline.readers import Columns
from timeline.schema import DATE_SOURCES, PRECISIONS

__all__ = ["Source", "export", "load_events"]

_DATE = click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"])
_FILTERS = ("start", "end", "actors", "countries", "places", "precisions", "date_sources", "text")
_CHARTS = {"timeline": ("timeline",), "map": ("map",), "both": ("timeline", "map")}


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The file to write (two charts: its name plus -timeline and -map).",
)
@click.option(
    "-f",
    "--format",
    "format_",
    type=click.Choice(FORMATS),
    help="Output format (default: from the output's suffix).",
)
@click.option(
    "--events",
    "events_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Export an events file (.csv, .json, .parquet) instead of extracting articles.",
)
@click.option(
    "--chart",
    type=click.Choice(tuple(_CHARTS)),
    default="timeline",
    show_default=True,
    help="Which chart html, png, svg and pdf draw.",
)
@click.option(
    "--lane",
    type=click.Choice(LANES),
    default=Settings().lane,
    show_default=True,
    help="The timeline's lanes.",
)
@click.option(
    "--title",
    default="timeline",
    show_default=True,
    help="Title of the report, the HTML pages and the TimelineJS document.",
)
@click.option(
    "--from",
    "start",
    type=_DATE,
    metavar="YYYY-MM-DD",
    help="Only events on or after this date (YYYY-MM-DD).",
)
@click.option(
    "--to", "end", type=_DATE, metavar="YYYY-MM-DD", help="Only events on or before this date."
)
@click.option(
    "--actor", "actors", multiple=True, help="Only events naming this actor (repeatable)."
)
@click.option("--country", "countries", multiple=True, help="Only events involving this country.")
@click.option("--place", "places", multiple=True, help="Only events mentioning this place.")
@click.option(
    "--precision",
    "precisions",
    multiple=True,
    type=click.Choice(PRECISIONS),
    help="Only dates of this precision.",
)
@click.option(
    "--date-source",
    "date_sources",
    multiple=True,
    type=click.Choice(DATE_SOURCES),
    help="Only dates from this source.",
)
@click.option(
    "--text", default="", help="Only events whose sentence, date, title or names contain this."
)
@click.option(
    "--published",
    metavar="YYYY-MM-DD",
    envvar="TIMELINE_PUBLISHED",
    callback=check_published,
    help="Publication date for every article, before any the files give.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=Settings().max_file_bytes,
    show_default=True,
    envvar="TIMELINE_MAX_BYTES",
    help="Refuse input files larger than this.",
)
@click.option(
    "--no-model",
    is_flag=True,
    envvar="TIMELINE_NO_MODEL",
    help="Find people and places with rules and the gazetteer only.",
)
@column_options
def export(
    paths: tuple[Path, ...], output: Path, format_: str | None, events_file: Path | None,
    chart: str, lane: str, title: str, published: str | None, max_bytes: int, no_model: bool,
    **options: Any,
) -> None:  # fmt: skip
    """Export the events of article files and folders (or of --events FILE) to another tool."""
    from timeline.export.formats import export_events
    from timeline.filters import View, filter_events

    if bool(paths) == (events_file is not None):
        raise click.UsageError("give article files or folders (PATH...), or --events FILE")
    settings = Settings(max_file_bytes=max_bytes, use_model=not no_model)
    source = Source(paths, events_file, published, settings, columns_from_options(options))
    view = View(lane=lane, **{name: options[name] for name in _FILTERS})
    try:
        events, mentions, failures = load_events(source)
        events = filter_events(events, view, mentions=mentions)
        done = export_events(events, output, format_, mentions=mentions, charts=_CHARTS[chart],
                             lane=lane, title=title)  # fmt: skip
    except TimelineError as err:
        raise click.ClickException(str(err)) from None
    left = f" ({done.left_out} left out: {done.why})" if done.left_out else ""
    click.echo(f"{done.events} events -> {', '.join(map(str, done.paths))}{left}", err=True)
    if failures:
        raise click.ClickException(f"{failures} inputs could not be read")


@dataclass(frozen=True)
class Source:
    """Where the events to export come from: article files, or an events file."""

    paths: tuple[Path, ...]
    events_file: Path | None
    published: str | None
    settings: Settings
    columns: Columns


def load_events(source: Source) -> tuple[pd.DataFrame, pd.DataFrame | None, int]:
    """The events to export, their mentions (None from an events file) and the count of files
    or items that could not be read (each reported on standard error).

    The one place events come from: a ``--store FILE`` input is one more branch here
    (``Store.open(path, read_only=True)``, then ``.events()`` and ``.mentions()``).
    """
    if source.events_file is not None:
        from timeline.export.tables import read_events

        return read_events(source.events_file), None, 0
    from timeline.extract.pipeline import extract_corpus

    articles, failures = read_inputs(
        source.paths, published=source.published, settings=source.settings, columns=source.columns
    )
    corpus = extract_corpus(articles, source.settings)
    return corpus.events, corpus.mentions, failures
