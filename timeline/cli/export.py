"""``timeline export``: articles (or an events file) -> CSV, JSON, Parquet, GeoJSON, TimelineJS,
charts (HTML, PNG, SVG, PDF) or a one-file HTML report, with the dashboard's filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pandas as pd

from timeline.config import LANES, Settings
from timeline.errors import TimelineError
from timeline.export.formats import FORMATS
from timeline.schema import DATE_SOURCES, PRECISIONS

__all__ = ["export", "load_events"]

_DATE = click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"])
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
    help="Publication date for every article, overriding the dateline.",
)
@click.option("--no-model", is_flag=True, envvar="TIMELINE_NO_MODEL",
              help="Find people and places with rules and the gazetteer only.")  # fmt: skip
def export(
    paths: tuple[Path, ...], output: Path, format_: str | None, events_file: Path | None,
    chart: str, lane: str, title: str, published: str | None, no_model: bool, **filters: Any,
) -> None:  # fmt: skip
    """Export the events of article files and folders (or of --events FILE) to another tool."""
    from timeline.export.formats import export_events
    from timeline.filters import View, filter_events

    if bool(paths) == (events_file is not None):
        raise click.UsageError(
            "give article files or folders (PATH...), or --events FILE: one of them"
        )
    settings = Settings(use_model=not no_model)
    try:
        events, mentions, failures = load_events(paths, events_file, published, settings)
        events = filter_events(events, View(lane=lane, **filters), mentions=mentions)
        done = export_events(events, output, format_, mentions=mentions, charts=_CHARTS[chart],
                             lane=lane, title=title)  # fmt: skip
    except TimelineError as err:
        raise click.ClickException(str(err)) from None
    left = f" ({done.left_out} left out: {done.why})" if done.left_out else ""
    click.echo(f"{done.events} events -> {', '.join(map(str, done.paths))}{left}", err=True)
    if failures:
        raise click.ClickException(f"{failures} inputs could not be read")


def load_events(
    paths: tuple[Path, ...], events_file: Path | None, published: str | None, settings: Settings
) -> tuple[pd.DataFrame, pd.DataFrame | None, int]:
    """The events to export, their mentions (None from an events file) and the count of
    article files that could not be read (each reported on standard error).

    The one place events come from: a ``--store FILE`` input adds a branch here
    (``Store.open(path, read_only=True)``, then ``.events()`` and ``.mentions()``).
    """
    if events_file is not None:
        from timeline.export.tables import read_events

        return read_events(events_file), None, 0
    from timeline.extract.pipeline import extract_corpus
    from timeline.ingest import iter_article_paths, read_articles

    articles, failures = [], 0
    for path in iter_article_paths(paths):
        try:
            articles.extend(read_articles(path, published=published, settings=settings))
        except TimelineError as err:
            failures += 1
            click.echo(f"error: {err}", err=True)
    corpus = extract_corpus(articles, settings)
    return corpus.events, corpus.mentions, failures
