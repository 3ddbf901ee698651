"""``timeline extract``: article files and folders -> an events file."""

from __future__ import annotations

from pathlib import Path

import click

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
    help="Publication date for every article, overriding the dateline.",
)
@click.option(
    "--max-bytes",
    type=int,
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
def extract(
    paths: tuple[Path, ...],
    output: Path | None,
    published: str | None,
    max_bytes: int,
    no_model: bool,
) -> None:
    """Extract dated events from article files and folders (.txt .md .html .json .csv)."""
    from timeline.extract.pipeline import extract_corpus
    from timeline.ingest import iter_article_paths, read_articles
    from timeline.store import events_to_csv, write_events

    settings = Settings(max_file_bytes=max_bytes, use_model=not no_model)
    articles, failures = [], 0
    for path in iter_article_paths(paths):
        try:
            articles.extend(read_articles(path, published=published, settings=settings))
        except TimelineError as err:
            failures += 1
            click.echo(f"error: {err}", err=True)
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
