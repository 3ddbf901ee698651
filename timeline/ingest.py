"""Files and uploads -> Articles: size, binary and encoding checks, and the article formats.

Formats: ``.txt`` and ``.md`` (plain text), ``.html``/``.htm`` (the page's main text), ``.json``
(one article object or a list: ``text`` and optional ``title``, ``published``, ``source``,
``url``) and ``.csv`` (a ``text`` column and the same optional columns). Every problem is an
InputError whose message names the file and says what is wrong.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from timeline.article import Article, make_article
from timeline.config import Settings
from timeline.errors import InputError

__all__ = [
    "ARTICLE_SUFFIXES",
    "articles_from_upload",
    "decode_text",
    "iter_article_paths",
    "read_article",
    "read_articles",
    "seed_paths",
]

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".csv")
_OPTIONAL_FIELDS = ("title", "published", "source", "url")
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
    """Files as given, and the article files inside folders (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
        else:
            yield path


def read_article(
    path: str | Path, *, published: str | None = None, settings: Settings | None = None
) -> Article:
    """One article from a text file (.txt, .md or .html).

    Raises:
        InputError: the file is missing, empty, too big, binary or not decodable text.
    """
    articles = read_articles(path, published=published, settings=settings)
    if len(articles) != 1:
        raise InputError(f"{path} holds {len(articles)} articles; use read_articles() for it")
    return articles[0]


def read_articles(
    path: str | Path, *, published: str | None = None, settings: Settings | None = None
) -> list[Article]:
    """All articles in one file, in any supported format.

    Raises:
        InputError: the file cannot be read; the message names it and the problem.
    """
    path = Path(path)
    settings = settings or Settings()
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise InputError(
                f"{path} is too big ({size:,} bytes); the limit is {settings.max_file_bytes:,} bytes"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file") from None
    except OSError as err:
        raise InputError(f"{path} cannot be read: {err.strerror or err}") from None
    return _parse(str(path), data, path=path, published=published)


def articles_from_upload(
    filename: str, data: bytes, *, published: str | None = None, settings: Settings | None = None
) -> list[Article]:
    """Articles from an uploaded file's name and bytes (the dashboard's upload box).

    Raises:
        InputError: the upload cannot be read; the message names it and the problem.
    """
    settings = settings or Settings()
    if len(data) > settings.max_file_bytes:
        raise InputError(
            f"{filename} is too big ({len(data):,} bytes); the limit is {settings.max_file_bytes:,} bytes"
        )
    return _parse(filename, data, path=None, published=published)


def decode_text(name: str, data: bytes) -> str:
    """Bytes as text: UTF-16 with a BOM, UTF-8 (with or without BOM), else Windows-1252.

    Raises:
        InputError: empty, binary (NUL bytes) or undecodable data.
    """
    if not data.strip():
        raise InputError(f"{name} is empty; expected article text")
    nul = data.find(b"\x00")
    if nul >= 0 and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            f"{name} is not text (found NUL bytes at offset {nul}); expected UTF-8 or Latin-1 article text"
        )
    for encoding in _encodings(data):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
        if controls > max(8, len(text) // 100):
            raise InputError(
                f"{name} is not text ({controls} control characters); expected article text"
            )
        return text
    raise InputError(
        f"{name} is not decodable text (neither UTF-8 nor Windows-1252); save it as UTF-8"
    )


def _encodings(data: bytes) -> list[str]:
    """Encodings to try, in order: a BOM decides; else UTF-8, then Windows-1252 (old Western news)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ["utf-16"]
    return ["utf-8-sig", "cp1252"]


def _parse(name: str, data: bytes, *, path: Path | None, published: str | None) -> list[Article]:
    """Dispatch on the file's suffix."""
    suffix = Path(name).suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise InputError(
            f"{name}: unsupported file type {suffix or '(none)'!r}; expected one of {', '.join(ARTICLE_SUFFIXES)}"
        )
    text = decode_text(name, data)
    source = Path(name).name
    if suffix in (".txt", ".md"):
        return [_article(name, text, published=published, source=source, path=path)]
    if suffix in (".html", ".htm"):
        title, body = _html_text(text)
        return [_article(name, body, published=published, title=title, source=source, path=path)]
    records = _json_records(name, text) if suffix == ".json" else _csv_records(name, text)
    return [
        _article(
            f"{name} ({where})",
            str(record["text"]),
            published=published,
            metadata_published=_field(record, "published"),
            title=_field(record, "title"),
            source=_field(record, "source") or source,
            url=_field(record, "url"),
            path=path,
        )
        for where, record in records
    ]


def _article(
    name: str,
    text: str,
    *,
    published: str | None,
    metadata_published: str | None = None,
    **fields: Any,
) -> Article:
    """make_article, with its ValueError (a bad date) reported as an InputError naming the input."""
    if not text.strip():
        raise InputError(f"{name} has no article text")
    try:
        return make_article(
            text, published=published, metadata_published=metadata_published, **fields
        )
    except ValueError as err:
        raise InputError(f"{name}: {err}") from None


def _field(record: dict[str, Any], key: str) -> str | None:
    """An optional string field; blanks count as missing."""
    value = record.get(key)
    return None if value is None or str(value).strip() == "" else str(value).strip()


def _json_records(name: str, text: str) -> list[tuple[str, dict[str, Any]]]:
    """(where, record) pairs from one article object or a list of them."""
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"{name} is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})"
        ) from None
    items = loaded if isinstance(loaded, list) else [loaded]
    records, problems = [], []
    for index, item in enumerate(items):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("text"), str)
            or not item["text"].strip()
        ):
            problems.append(f"item {index}")
        else:
            records.append((f"item {index}", item))
    if problems:
        raise InputError(
            f"{name}: {', '.join(problems[:10])} {'has' if len(problems) == 1 else 'have'} no "
            "'text' string; expected an object or a list of objects with 'text' and optional "
            + ", ".join(repr(f) for f in _OPTIONAL_FIELDS)
        )
    if not records:
        raise InputError(f"{name} holds no articles")
    return records


def _csv_records(name: str, text: str) -> list[tuple[str, dict[str, Any]]]:
    """(where, record) pairs from a CSV with a 'text' column; malformed rows are reported by line."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or "text" not in [f.strip().lower() for f in reader.fieldnames]:
        raise InputError(f"{name} has no 'text' column; found columns {reader.fieldnames or []}")
    records, problems = [], []
    try:
        for row in reader:
            line = reader.line_num
            clean = {(k or "").strip().lower(): v for k, v in row.items() if k is not None}
            if None in row:
                problems.append(f"line {line} has more fields than the header")
            elif not (clean.get("text") or "").strip():
                problems.append(f"line {line} has an empty 'text'")
            else:
                records.append((f"line {line}", clean))
    except csv.Error as err:
        raise InputError(f"{name} is not valid CSV (line {reader.line_num}: {err})") from None
    if problems:
        raise InputError(
            f"{name}: {'; '.join(problems[:10])}"
            + (f" (and {len(problems) - 10} more)" if len(problems) > 10 else "")
        )
    if not records:
        raise InputError(f"{name} holds no articles")
    return records


def _html_text(html: str) -> tuple[str | None, str]:
    """The page's title and main text (the <article> or <main> element, else <body>), one
    paragraph per block element."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks = [
        block.get_text(" ", strip=True)
        for block in root.find_all(["h1", "h2", "h3", "p", "li", "blockquote", "figcaption"])
    ]
    text = "\n\n".join(b for b in blocks if b) or root.get_text("\n", strip=True)
    return title or None, text
