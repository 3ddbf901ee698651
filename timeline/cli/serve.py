"""``timeline serve``: the dashboard on article files and folders."""

from __future__ import annotations

from pathlib import Path

import click

from timeline.config import LANES, Settings
from timeline.errors import TimelineError

__all__ = ["serve"]


@click.command()
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
