"""``timeline export``: articles (or an events file, or a store) -> CSV, JSON, Parquet, GeoJSON,
TimelineJS, charts (HTML, PNG, SVG, PDF) or a one-file HTML report, with the dashboard's
filters; merged events (one row per happening, with its sources) or every event."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import pandas as pd

from timeline.cli.reading import check_published, column_options, columns_from_options, read_inputs
from timeline.config import LANES, Settings
from timeline.errors import TimelineError
from timeline.export.formats import FORMATS
from timeline.readers import Columns
from timeline.schema import DATE_SOURCES, PRECISIONS

if TYPE_CHECKING:
    from timeline.article import Article
    from timeline.filters import View

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
    "--store",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="TIMELINE_STORE",
    help="Export the events of this DuckDB store (timeline extract --store) instead.",
)
@click.option(
    "--merged/--no-merged",
    default=None,
    help="One row per event told by several articles, with its sources (default: with "
    "--store, when the store's events were merged; otherwise not).",
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
    store: Path | None, merged: bool | None, chart: str, lane: str, title: str,
    published: str | None, max_bytes: int, no_model: bool, **options: Any,
) -> None:  # fmt: skip
    """Export the events of article files and folders (or of --events FILE, or of --store
    FILE) to another tool."""
    from timeline.export.formats import export_events
    from timeline.filters import View

    if (bool(paths), events_file is not None, store is not None).count(True) != 1:
        raise click.UsageError(
            "give article files or folders (PATH...), --events FILE or --store FILE"
        )
    settings = Settings(max_file_bytes=max_bytes, use_model=not no_model)
    source = Source(paths, events_file, published, settings, columns_from_options(options), store)
    view = View(lane=lane, **{name: options[name] for name in _FILTERS})
    try:
        events, mentions, failures = load_events(source, view, merged=merged)
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
    """Where the events to export come from: article files, an events file, or a store."""

    paths: tuple[Path, ...]
    events_file: Path | None
    published: str | None
    settings: Settings
    columns: Columns
    store: Path | None = None


def load_events(
    source: Source, view: View | None = None, *, merged: bool | None = None
) -> tuple[pd.DataFrame, pd.DataFrame | None, int]:
    """The events to export (those in `view`), their mentions (None from an events file) and
    the count of files or items that could not be read (each reported on standard error).

    Args:
        source: article files, an events file or a store.
        view: the filters; None keeps every event.
        merged: one row per cluster with its sources (``timeline.export.merged``); by default
            for a store whose events were merged, never for files. A store filters in SQL and
            keeps each cluster with a member in `view`; files are clustered in memory.
    """
    from timeline.filters import View, filter_events

    if source.store is not None:
        return (*_from_store(source.store, view, merged), 0)
    if source.events_file is not None:
        from timeline.export.tables import read_events

        events = filter_events(read_events(source.events_file), view or View())
        return (_merged_in_memory(events, {}) if merged else events), None, 0
    from timeline.extract.pipeline import extract_corpus

    articles, failures = read_inputs(
        source.paths, published=source.published, settings=source.settings, columns=source.columns
    )
    corpus = extract_corpus(articles, source.settings)
    events = filter_events(corpus.events, view or View(), mentions=corpus.mentions)
    if merged:
        events = _merged_in_memory(events, corpus.articles)
    return events, corpus.mentions, failures


def _from_store(
    path: Path, view: View | None, merged: bool | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A store's events in `view`, merged or not, and their mentions."""
    from timeline.database import Store
    from timeline.export.merged import merged_table
    from timeline.schema import EVENT_DTYPES, Col

    with Store.open(path, read_only=True) as store:
        if merged is None:
            merged = store.has_clusters()
        if merged:
            rows = store.events(view, merged=True)
            events = merged_table(rows, store.sources(rows[Col.CLUSTER_ID]))
        else:
            events = store.events(view)[list(EVENT_DTYPES)]
        return events, store.mentions(events[Col.EVENT_ID])


def _merged_in_memory(events: pd.DataFrame, articles: Mapping[str, Article]) -> pd.DataFrame:
    """Events clustered here (``timeline.merge``), as a merged export table."""
    from timeline.export.merged import merged_table, with_urls
    from timeline.merge import cluster_events, event_sources, merged_events

    clusters = cluster_events(events)
    sources = with_urls(event_sources(events, clusters), articles)
    return merged_table(merged_events(events, clusters), sources)
