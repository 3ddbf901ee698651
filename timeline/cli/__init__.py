"""The command line: ``timeline extract``, ``timeline serve``, ``timeline evaluate``,
``timeline export``, ``timeline merge``.

One module per command; each parses its options, calls the library and writes its output. A TimelineError becomes one clear line and exit code 1, never a
traceback.
"""

from __future__ import annotations

import logging

import click

from timeline import __version__

__all__ = ["main"]


@click.group()
@click.version_option(__version__, prog_name="timeline")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Turn news articles into a timeline of dated geopolitical events, on a map."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    """Attach the commands (imported here: each module imports ``main``'s siblings only)."""
    from timeline.cli.evaluate import evaluate
    from timeline.cli.export import export
    from timeline.cli.extract import extract
    from timeline.cli.merge import merge
    from timeline.cli.serve import serve

    for command in (extract, serve, evaluate, export, merge):
        main.add_command(command)


_register()
