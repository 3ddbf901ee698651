"""Files and uploads -> Articles: size and file checks, then the reader of each format.

Formats: ``.txt``/``.md`` (plain text), ``.html``/``.htm`` (a saved web page), ``.xml``/``.rss``/
``.atom`` (a saved feed: one article per item), ``.json`` (one object or a list), ``.jsonl``
(one object a line) and ``.csv`` (a text column and optional title, published, url, source,
author columns; see `Columns`). A file that cannot be read at all is an InputError naming it;
one bad item of a feed, JSON or CSV file is a `Problem` in the `ReadResult`, and the others are
kept. The publication date of each article follows `timeline.article.make_article`'s order, the
file name's date last.
"""

from __future__ import annotations

import datetime as dt
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from timeline.article import Article, make_article
from timeline.config import Settings
from timeline.errors import InputError
from timeline.readers import Columns, Problem, ReadResult, Record, decode_text, display_name
from timeline.readers.feeds import read_feed
from timeline.readers.pages import read_page
from timeline.readers.plain import read_plain
from timeline.readers.records import read_csv, read_json, read_jsonl

__all__ = [
    "ARTICLE_SUFFIXES",
    "Columns",
    "Problem",
    "ReadResult",
    "articles_from_upload",
    "decode_text",
    "iter_article_paths",
    "read_article",
    "read_articles",
    "read_file",
    "read_upload",
    "seed_paths",
]

_Published = dt.date | dt.datetime | str | None
_Reader = Callable[[str, bytes, str, Columns], tuple[list[Record], list[Problem]]]

_READERS: dict[str, _Reader] = {
    ".txt": lambda name, data, text, columns: ([read_plain(text)], []),
    ".md": lambda name, data, text, columns: ([read_plain(text, markdown=True)], []),
    ".html": lambda name, data, text, columns: ([read_page(name, text)], []),
    ".htm": lambda name, data, text, columns: ([read_page(name, text)], []),
    ".xml": lambda name, data, text, columns: read_feed(name, data),
    ".rss": lambda name, data, text, columns: read_feed(name, data),
    ".atom": lambda name, data, text, columns: read_feed(name, data),
    ".json": lambda name, data, text, columns: read_json(name, text, columns),
    ".jsonl": lambda name, data, text, columns: read_jsonl(name, text, columns),
    ".csv": lambda name, data, text, columns: read_csv(name, text, columns),
}
ARTICLE_SUFFIXES = tuple(_READERS)
_SEEDS = Path(__file__).parent / "_seeds"  # where an installed wheel keeps the samples
_REPO_SEEDS = Path(__file__).parent.parent / "seeds"


def seed_paths() -> list[Path]:
    """The sample articles shipped with timeline (the project's ``seeds/``)."""
    folder = _SEEDS if _SEEDS.is_dir() else _REPO_SEEDS
    return (
        sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES)
        if folder.is_dir()
        else []
    )


def iter_article_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and the article files inside folders (recursively, sorted). A path that
    cannot even be looked at is passed on as it is, for its reader to report."""
    for path in paths:
        try:
            found = (
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
                )
                if path.is_dir()
                else [path]
            )
        except OSError:  # a name too long, a folder that cannot be listed
            found = [path]
        yield from found


def read_file(
    path: str | Path,
    *,
    published: _Published = None,
    settings: Settings | None = None,
    columns: Columns | None = None,
) -> ReadResult:
    """All articles in one file, with a problem for each item that could not be read.

    Args:
        path: a file in one of ARTICLE_SUFFIXES.
        published: the publication date of every article, before any the file gives.
        settings: `max_file_bytes` refuses bigger files.
        columns: the field names of .json, .jsonl and .csv records.

    Raises:
        InputError: the file itself cannot be read: missing, a folder or a pipe, too big,
            empty, binary, undecodable, or not the format its suffix says.
    """
    path = Path(path)
    name = display_name(str(path))
    data = _read_bytes(path, name, (settings or Settings()).max_file_bytes)
    return _read(name, data, path=path, published=published, columns=columns)


def read_upload(
    filename: str,
    data: bytes,
    *,
    published: _Published = None,
    settings: Settings | None = None,
    columns: Columns | None = None,
) -> ReadResult:
    """The articles in an uploaded file's bytes (the dashboard's upload box), as `read_file`.

    Raises:
        InputError: the upload cannot be read at all; the message names it.
    """
    name = display_name(filename)
    limit = (settings or Settings()).max_file_bytes
    if len(data) > limit:
        raise InputError(f"{name} is too big ({len(data):,} bytes); the limit is {limit:,} bytes")
    return _read(name, data, path=None, published=published, columns=columns)


def read_articles(
    path: str | Path,
    *,
    published: _Published = None,
    settings: Settings | None = None,
    columns: Columns | None = None,
) -> list[Article]:
    """All articles in one file; any item that cannot be read makes it an InputError (use
    `read_file` to keep the good items and get the bad ones as problems).

    Raises:
        InputError: the file or one of its items cannot be read; the message names them.
    """
    return read_file(
        path, published=published, settings=settings, columns=columns
    ).articles_or_raise()


def read_article(
    path: str | Path, *, published: _Published = None, settings: Settings | None = None
) -> Article:
    """The one article in a file (.txt, .md, .html, or a feed or record file with one item).

    Raises:
        InputError: the file cannot be read, or holds more or fewer than one article.
    """
    articles = read_articles(path, published=published, settings=settings)
    if len(articles) != 1:
        raise InputError(f"{path} holds {len(articles)} articles; use read_articles() for it")
    return articles[0]


def articles_from_upload(
    filename: str,
    data: bytes,
    *,
    published: _Published = None,
    settings: Settings | None = None,
    columns: Columns | None = None,
) -> list[Article]:
    """The articles of an upload; any bad item makes it an InputError (`read_upload` keeps
    the good ones).

    Raises:
        InputError: the upload or one of its items cannot be read; the message names them.
    """
    result = read_upload(filename, data, published=published, settings=settings, columns=columns)
    return result.articles_or_raise()


def _read_bytes(path: Path, name: str, limit: int) -> bytes:
    """The file's bytes, after checking that it is a regular file within the size limit."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name} is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            raise InputError(
                f"{name} is not a regular file (a pipe, socket or device); save the article to a file"
            )
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{name} does not exist") from None
    except OSError as err:
        raise InputError(f"{name} cannot be read: {err.strerror or err}") from None
    if len(data) > limit:
        size = max(info.st_size, len(data))
        raise InputError(f"{name} is too big ({size:,} bytes); the limit is {limit:,} bytes")
    return data


def _read(
    name: str, data: bytes, *, path: Path | None, published: _Published, columns: Columns | None
) -> ReadResult:
    """Decode, dispatch on the suffix, and make an Article of each record."""
    suffix = Path(name).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise InputError(
            f"{name}: unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(ARTICLE_SUFFIXES)}"
        )
    text = decode_text(name, data)
    records, problems = reader(name, data, text, columns or Columns())
    articles = []
    for record in records:
        try:
            articles.append(_article(name, record, path=path, published=published))
        except ValueError as err:
            if not record.where:
                raise InputError(f"{name} {err}") from None
            problems.append(Problem(name, record.where, str(err)))
    if not articles and not problems:
        raise InputError(f"{name} holds no articles")
    problems.sort(key=lambda problem: problem.position)
    return ReadResult(name, tuple(articles), tuple(problems))


def _article(name: str, record: Record, *, path: Path | None, published: _Published) -> Article:
    """make_article on one record. ValueError says, after the item's name, what is wrong."""
    for field, value in vars(record).items():
        offset = _lone_surrogate(value) if isinstance(value, str) else None
        if offset is not None:
            raise ValueError(
                f"has a lone surrogate escape ({value[offset]!r}) at character {offset} of its "
                f"{field!r}: not valid Unicode; fix or remove it"
            )
    if not record.text.strip():
        raise ValueError("has no article text")
    try:
        return make_article(
            record.text,
            published=published,
            metadata_published=record.published,
            title=record.title,
            source=record.source or Path(name).name,
            path=path,
            url=record.url,
            author=record.author,
            site=record.site,
            filename=Path(name).name,
        )
    except ValueError as err:
        raise ValueError(f"has a bad publication date: {err}") from None


def _lone_surrogate(value: str) -> int | None:
    """The offset of the first lone surrogate in `value` (JSON's "\\ud800"), if any."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        return err.start
    return None
