"""The command line: ``timeline extract``, ``timeline serve``, ``timeline evaluate``.

Each command parses its options, calls the library and writes its output. A TimelineError
becomes one clear line and exit code 1, never a traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from timeline import __version__
from timeline.config import LANES, Settings
from timeline.errors import TimelineError

__all__ = ["main"]


@click.group()
@click.version_option(__version__, prog_name="timeline")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Turn news articles into a timeline of dated geopolitical events, on a map."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@main.command()
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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="TIMELINE_HOST",
    help="Address to listen on.",
)
@click.option(
    "--port",
    default=8050,
    show_default=True,
    type=int,
    envvar="TIMELINE_PORT",
    help="Port to listen on.",
)
@click.option(
    "--lane",
    type=click.Choice(LANES),
    default=Settings().lane,
    show_default=True,
    help="The timeline's lanes.",
)
@click.option(
    "--debug",
    is_flag=True,
    help="Run with Dash's debugger and reloader (never on a shared network).",
)
def serve(paths: tuple[Path, ...], host: str, port: int, lane: str, debug: bool) -> None:
    """Open the dashboard on article files and folders (default: the bundled sample articles)."""
    from timeline.app import create_app
    from timeline.extract.pipeline import extract_corpus
    from timeline.ingest import iter_article_paths, read_articles, seed_paths

    settings = Settings(host=host, port=port, lane=lane, debug=debug)
    articles = []
    for path in iter_article_paths(paths or seed_paths()):
        try:
            articles.extend(read_articles(path, settings=settings))
        except TimelineError as err:
            click.echo(f"error: {err}", err=True)
    corpus = extract_corpus(articles, settings)
    app = create_app(corpus.events, settings, mentions=corpus.mentions, articles=corpus.articles)
    click.echo(
        f"timeline: {len(corpus.events)} events from {len(articles)} articles on http://{host}:{port}/",
        err=True,
    )
    app.run(host=host, port=port, debug=debug)


@main.group()
def evaluate() -> None:
    """Score the extractor against gold-standard data (paths to the data as arguments)."""


@evaluate.command("tempeval")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one machine-readable JSON line.")
def evaluate_tempeval_command(path: Path, as_json: bool) -> None:
    """Temporal expressions against TempEval-3 JSONL: strict/relaxed/value/type F1, with plain
    dateparser.search_dates scored beside it."""
    from timeline.evaluate.tempeval import evaluate_tempeval, format_tempeval

    _report(lambda: evaluate_tempeval(path), format_tempeval, as_json)


@evaluate.command("geo")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--gold-spans", is_flag=True, help="Resolve the gold spans only (no recognition).")
@click.option("--json", "as_json", is_flag=True, help="Print one machine-readable JSON line.")
def evaluate_geo_command(path: Path, gold_spans: bool, as_json: bool) -> None:
    """Place recognition and resolution against a geoparsing JSONL corpus: P/R/F1, accuracy
    within 161 km, median and mean error, AUC."""
    from timeline.evaluate.geo import evaluate_geo, format_geo

    _report(lambda: evaluate_geo(path, gold_spans=gold_spans), format_geo, as_json)


def _report(
    run: Callable[[], dict[str, Any]], render: Callable[[dict[str, Any]], str], as_json: bool
) -> None:
    """Run an evaluation and print it as text or one JSON line."""
    try:
        result = run()
    except TimelineError as err:
        raise click.ClickException(str(err)) from None
    click.echo(json.dumps(result, default=str) if as_json else render(result))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
