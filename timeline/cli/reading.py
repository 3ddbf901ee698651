"""What commands that read articles share: the record column options, the ``--published``
check, and reading files with one line per problem (``error:``/``warning:`` on stderr)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

import click

from timeline.article import Article, parse_published
from timeline.config import Settings
from timeline.errors import TimelineError
from timeline.readers import Columns, ReadResult

__all__ = ["check_published", "column_options", "columns_from_options", "read_inputs"]

_F = TypeVar("_F", bound=Callable[..., object])
# (option, Columns field, what it names)
_COLUMNS = (
    ("--text-column", "text", "the article text"),
    ("--date-column", "published", "the publication date"),
    ("--title-column", "title", "the headline"),
    ("--url-column", "url", "the article's address"),
    ("--source-column", "source", "the publisher"),
)


def column_options(command: _F) -> _F:
    """Add ``--text-column``, ``--date-column``... (the fields of .csv, .json and .jsonl)."""
    for option, field, what in reversed(_COLUMNS):
        command = click.option(
            option,
            metavar="NAME",
            default=getattr(Columns(), field),
            show_default=True,
            help=f"The CSV column or JSON key holding {what}.",
        )(command)
    return command


def columns_from_options(options: Mapping[str, str]) -> Columns:
    """The Columns named by the options `column_options` added.

    Raises:
        click.UsageError: a blank name, or one name given to two fields.
    """
    names = {field: options[option[2:].replace("-", "_")] for option, field, _ in _COLUMNS}
    try:
        return Columns(**names)
    except ValueError as err:
        raise click.UsageError(str(err)) from None


def check_published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A click callback: ``--published`` must be a real date (no February 30)."""
    if value is not None:
        try:
            parse_published(value)
        except ValueError as err:
            raise click.BadParameter(str(err)) from None
    return value


def read_inputs(
    paths: Iterable[Path], *, published: str | None, settings: Settings, columns: Columns
) -> tuple[list[Article], int]:
    """Every article in `paths` (files and folders), and how many files or items failed.
    Each problem is one line on stderr; so is a file whose articles have no date."""
    from timeline.ingest import iter_article_paths, read_file

    articles: list[Article] = []
    failures = 0
    for path in iter_article_paths(paths):
        try:
            result = read_file(path, published=published, settings=settings, columns=columns)
        except TimelineError as err:
            failures += 1
            click.echo(f"error: {err}", err=True)
            continue
        for problem in result.problems:
            click.echo(f"{problem.severity}: {problem}", err=True)
        if result.undated:
            click.echo(f"warning: {_undated(result)}", err=True)
        failures += len(result.errors)
        articles.extend(result.articles)
    return articles, failures


def _undated(result: ReadResult) -> str:
    """The warning for a file with articles that have no publication date."""
    advice = "relative dates left unresolved (give --published)"
    if len(result.articles) == 1:
        return f"{result.name}: no publication date found; {advice}"
    return (
        f"{result.name}: {len(result.undated)} of {len(result.articles)} articles have no "
        f"publication date; {advice}"
    )
