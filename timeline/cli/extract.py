"""``timeline extract``: article files and folders -> an events file, or into a store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from timeline.cli.reading import check_published, column_options, columns_from_options, read_inputs
from timeline.config import Settings
from timeline.errors import TimelineError

if TYPE_CHECKING:
    from timeline.article import Article
    from timeline.database import Store
    from timeline.extract.pipeline import Corpus
    from timeline.runner import Failure, Parallelism

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
@click.option(
    "--store",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="TIMELINE_STORE",
    help="Add to this DuckDB store (created if missing) instead of writing events; only "
    "articles not in it yet are extracted, so a re-run adds nothing and a killed run resumes.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    envvar="TIMELINE_JOBS",
    help="Extract in this many processes (same events, same order).",
)
@click.option(
    "--dask",
    metavar="ADDRESS",
    envvar="TIMELINE_DASK",
    help="Extract on this dask.distributed scheduler (tcp://host:8786) instead.",
)
@click.option(
    "--merge/--no-merge",
    default=True,
    show_default=True,
    envvar="TIMELINE_MERGE",
    help="With --store: merge each new event with the stored events reporting the same "
    "happening as it is added.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    help="Articles per batch and per store transaction (default: 64 per transaction, "
    "extraction batches from the corpus size).",
)
@column_options
def extract(
    paths: tuple[Path, ...],
    output: Path | None,
    published: str | None,
    max_bytes: int,
    no_model: bool,
    store: Path | None,
    jobs: int,
    dask: str | None,
    merge: bool,
    batch_size: int | None,
    **column_names: str,
) -> None:
    """Extract dated events from article files and folders (.txt .md .html .htm .xml .rss
    .atom .json .jsonl .csv)."""
    columns = columns_from_options(column_names)
    how, database = _prepare(store, output, jobs, dask, batch_size)
    settings = Settings(max_file_bytes=max_bytes, use_model=not no_model)
    articles, failures = read_inputs(paths, published=published, settings=settings, columns=columns)
    report = _Failures()
    try:
        corpus = _extract(articles, settings, how, database, report, merge=merge)
        if corpus is not None:  # else it went to the store
            _write(corpus, output, len(articles))
    except TimelineError as err:
        raise click.ClickException(str(err)) from None
    if failures or report.count:
        raise click.ClickException(
            f"{failures} of {failures + len(articles)} inputs could not be read"
            if failures
            else f"{report.count} of {len(articles)} articles could not be extracted"
        )


def _prepare(
    store: Path | None, output: Path | None, jobs: int, dask: str | None, batch_size: int | None
) -> tuple[Parallelism, Store | None]:
    """The options checked, and the store opened before any file is read (so a store in use
    fails at once); it closes when the command ends."""
    from timeline.database import Store
    from timeline.runner import Parallelism, start_workers

    if store is not None and output is not None:
        raise click.UsageError("give --store or -o, not both")
    try:
        how = Parallelism(jobs=jobs, dask=dask, batch_size=batch_size)
        start_workers(how)  # the workers' models load while the inputs are read
        database = None if store is None else Store.open(store)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    except TimelineError as err:
        raise click.ClickException(str(err)) from None
    if database is not None:
        click.get_current_context().call_on_close(database.close)
    return how, database


def _extract(
    articles: list[Article],
    settings: Settings,
    how: Parallelism,
    database: Store | None,
    report: _Failures,
    *,
    merge: bool,
) -> Corpus | None:
    """The events of all articles, or None after adding the new ones to the store."""
    from timeline.database.ingest import ingest_articles
    from timeline.progress import progress_display
    from timeline.runner import extract_all

    with progress_display(sys.stderr) as progress:
        if database is None:
            return extract_all(articles, settings, how, progress=progress, on_failure=report)
        done = ingest_articles(
            database,
            articles,
            settings,
            how,
            progress=progress,
            on_failure=report,
            merge=merge,
        )
    click.echo(f"{done.summary()} -> {database.path}", err=True)
    return None


def _write(corpus: Corpus, output: Path | None, articles: int) -> None:
    """The events as CSV on standard output, or to the -o file."""
    from timeline.store import events_to_csv, write_events

    if output is None:
        click.echo(events_to_csv(corpus.events), nl=False)
    else:
        write_events(corpus.events, output)
        click.echo(f"{len(corpus.events)} events from {articles} articles -> {output}", err=True)


class _Failures:
    """Reports each article whose extraction failed in one line, and counts them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, failure: Failure) -> None:
        self.count += 1
        click.echo(f"error: {failure}", err=True)
