"""``timeline extract``: article files and folders -> an events file."""

from __future__ import annotations

from pathlib import Path

import click

from timeline.cli.reading import check_published, column_options, columns_from_options, read_inputs
from timeline.config import Settings
from timeline.errors import TimelineError

__all__ = ["extract"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write events to this .csv or .json file (default: CSV on standard output).",
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
    help="Find people and places with rules and the gazetteer only (faster, less accurate).",
)
@column_options
def extract(
    paths: tuple[Path, ...],
    output: Path | None,
    published: str | None,
    max_bytes: int,
    no_model: bool,
    **column_names: str,
) -> None:
    """Extract dated events from article files and folders (.txt .md .html .htm .xml .rss
    .atom .json .jsonl .csv)."""
    from timeline.extract.pipeline import extract_corpus
    from timeline.store import events_to_csv, write_events

    settings = Settings(max_file_bytes=max_bytes, use_model=not no_model)
    columns = columns_from_options(column_names)
    articles, failures = read_inputs(paths, published=published, settings=settings, columns=columns)
    corpus = extract_corpus(articles, settings)
    try:
        if output is None:
            click.echo(events_to_csv(corpus.events), nl=False)
        else:
            write_events(corpus.events, output)
            click.echo(
                f"{len(corpus.events)} events from {len(articles)} articles -> {output}", err=True
            )
    except TimelineError as err:
        raise click.ClickException(str(err)) from None
    if failures:
        raise click.ClickException(
            f"{failures} of {failures + len(articles)} inputs could not be read"
        )
