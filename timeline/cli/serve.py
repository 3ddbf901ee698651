"""``timeline serve``: the dashboard on article files and folders, or on a store."""

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
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Explore this DuckDB store (made by `timeline extract --store`; created if missing). "
    "PATHS given are added to it first; pasted and uploaded articles are added to it. The "
    "server is the store's one writer while it runs.",
)
def serve(
    paths: tuple[Path, ...], host: str, port: int, lane: str, debug: bool, store_path: Path | None
) -> None:
    """Open the dashboard on article files and folders (default: the bundled sample articles),
    or on a store."""
    from timeline.app import create_app
    from timeline.app.server import allowed_hosts
    from timeline.cli.reading import read_inputs
    from timeline.database import Store, ingest_articles
    from timeline.ingest import seed_paths
    from timeline.readers import Columns

    settings = _settings(host, port, lane, debug)
    try:
        store = Store.open(store_path)
    except TimelineError as err:
        raise click.ClickException(str(err)) from None
    if store_path is None or paths:
        # without --store: the files (or the samples) in a store in memory, as before
        articles, _failed = read_inputs(
            paths or seed_paths(), published=None, settings=settings, columns=Columns()
        )
        report = ingest_articles(store, articles, settings)
        if store_path is not None:
            click.echo(f"{store_path}: {report.summary()}", err=True)
    app = create_app(settings=settings, store=store)
    stats = store.stats()
    shown = "127.0.0.1" if allowed_hosts(host) is None else host
    where = f" in {store_path}" if store_path is not None else ""
    counted = f"{stats.events:,} event{'' if stats.events == 1 else 's'}"
    stored = f"{stats.articles:,} article{'' if stats.articles == 1 else 's'}"
    click.echo(
        f"timeline: {counted} from {stored}{where} on http://{_url_host(shown)}:{port}/",
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
