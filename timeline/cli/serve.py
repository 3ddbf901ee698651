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
    help="Address to listen on. The page answers only to this name and 127.0.0.1/localhost; "
    "0.0.0.0 opens it (paste and upload included) to the network.",
)
@click.option(
    "--port",
    default=8050,
    show_default=True,
    type=click.IntRange(1, 65535),
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
    from timeline.app.server import allowed_hosts
    from timeline.extract.pipeline import extract_corpus
    from timeline.ingest import iter_article_paths, read_articles, seed_paths

    settings = _settings(host, port, lane, debug)
    articles = []
    for path in iter_article_paths(paths or seed_paths()):
        try:
            articles.extend(read_articles(path, settings=settings))
        except TimelineError as err:
            click.echo(f"error: {err}", err=True)
    corpus = extract_corpus(articles, settings)
    app = create_app(corpus.events, settings, mentions=corpus.mentions, articles=corpus.articles)
    shown = "127.0.0.1" if allowed_hosts(host) is None else host
    click.echo(
        f"timeline: {len(corpus.events)} events from {len(articles)} articles on "
        f"http://{_url_host(shown)}:{port}/",
        err=True,
    )
    try:
        app.run(host=host, port=port, debug=debug)
    except OSError as err:
        raise click.ClickException(
            f"cannot listen on {host}:{port}: {err.strerror or err}"
        ) from None


def _settings(host: str, port: int, lane: str, debug: bool) -> Settings:
    """The server's settings; a warning when the page is open to the network."""
    from timeline.app.server import allowed_hosts

    try:
        settings = Settings(host=host, port=port, lane=lane, debug=debug)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None
    if allowed_hosts(host) is None:
        click.echo(
            f"warning: --host {host} listens on every network interface: anyone who can reach "
            "this machine can read the events and paste or upload articles (and the Host check "
            "is off); use --host 127.0.0.1 unless you mean it.",
            err=True,
        )
    return settings


def _url_host(host: str) -> str:
    """A host as written in a URL (IPv6 in brackets)."""
    return f"[{host}]" if ":" in host else host
