"""``timeline merge --store FILE``: cluster every event of a store again (after adding with
``--no-merge``, or to let later reports bridge clusters that grew one batch at a time)."""

from __future__ import annotations

from pathlib import Path

import click

from timeline.errors import TimelineError

__all__ = ["merge"]


@click.command()
@click.option(
    "--store",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="TIMELINE_STORE",
    help="The DuckDB store whose events to merge.",
)
def merge(store: Path) -> None:
    """Merge the events of a store that report the same happening (all of them, at once)."""
    from timeline.database import Store

    if not store.exists():
        raise click.ClickException(
            f"store {store} does not exist; create it with timeline extract --store"
        )
    try:
        with Store.open(store) as database:
            if database.stats().events == 0:
                raise click.ClickException(
                    f"store {store} holds no events; add articles with timeline extract --store"
                )
            changed = database.merge_all()
            stats = database.stats()
    except TimelineError as err:
        raise click.ClickException(str(err)) from None
    click.echo(
        f"{stats.events:,} events in {stats.clusters:,} clusters "
        f"({stats.shared:,} with two or more sources); {changed:,} events changed cluster "
        f"-> {store}",
        err=True,
    )
