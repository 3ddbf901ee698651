"""Article records: ``.json`` (one object or a list), ``.jsonl`` (one object a line) and ``.csv``
(a text column and optional ones). One bad item is reported with its line or item number; the
others are kept."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from timeline.errors import InputError
from timeline.readers.results import Problem, Record

__all__ = ["Columns", "read_csv", "read_json", "read_jsonl"]


@dataclass(frozen=True)
class Columns:
    """The CSV columns (or JSON keys) that hold an article's fields, matched regardless of case.

    Only `text` is required in the data; a missing optional column leaves its field empty.

    Raises:
        ValueError: a blank name, or one name given to two fields.
    """

    text: str = "text"
    published: str = "published"
    title: str = "title"
    url: str = "url"
    source: str = "source"
    author: str = "author"

    def __post_init__(self) -> None:
        names = {f.name: getattr(self, f.name).strip().lower() for f in fields(self)}
        blank = [field for field, name in names.items() if not name]
        if blank:
            raise ValueError(f"column names must not be blank: {', '.join(blank)}")
        if len(set(names.values())) < len(names):
            raise ValueError(f"two fields share a column name: {names}")

    def describe(self) -> str:
        """The expected layout, for messages."""
        optional = ", ".join(repr(getattr(self, f.name)) for f in fields(self)[1:])
        return f"a {self.text!r} field and optional {optional}"


def read_json(name: str, text: str, columns: Columns) -> tuple[list[Record], list[Problem]]:
    """Records from one JSON object or a list of them; items count from 1.

    Raises:
        InputError: not JSON, or JSON that is neither an object nor a list.
    """
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(
            f"{name} is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})"
        ) from None
    if not isinstance(loaded, dict | list):
        raise InputError(
            f"{name} holds a JSON {type(loaded).__name__}; expected an object or a list of objects with {columns.describe()}"
        )
    items = loaded if isinstance(loaded, list) else [loaded]
    return _collect(name, ((f"item {n}", item) for n, item in enumerate(items, 1)), columns)


def read_jsonl(name: str, text: str, columns: Columns) -> tuple[list[Record], list[Problem]]:
    """Records from JSON Lines: one object a line; blank lines are skipped."""
    problems: list[Problem] = []

    def items() -> Iterator[tuple[str, Any]]:
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                yield f"line {number}", json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(
                    Problem(
                        name, f"line {number}", f"is not valid JSON (column {err.colno}: {err.msg})"
                    )
                )

    records, more = _collect(name, items(), columns)
    return records, [*problems, *more]


def read_csv(name: str, text: str, columns: Columns) -> tuple[list[Record], list[Problem]]:
    """Records from a CSV with a header row. Rows are named by the line they end on.

    Raises:
        InputError: no header with the text column.
    """
    # An article is often longer than csv's default field limit (128 KiB); the limit is
    # process-wide, so it is only ever raised, and only as far as this file needs.
    csv.field_size_limit(max(csv.field_size_limit(), min(len(text) + 1, sys.maxsize)))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as err:
        raise InputError(f"{name} is not valid CSV (line 1: {err})") from None
    if header is None or columns.text.lower() not in [(h or "").strip().lower() for h in header]:
        raise InputError(
            f"{name} has no {columns.text!r} column; found columns {list(header or [])} "
            "(name the text column with --text-column)"
        )
    problems: list[Problem] = []

    def rows() -> Iterator[tuple[str, Any]]:
        try:
            for row in reader:
                where = f"line {reader.line_num}"
                if None in row:
                    problems.append(Problem(name, where, "has more fields than the header"))
                else:
                    yield where, row
        except csv.Error as err:
            problems.append(
                Problem(
                    name,
                    f"line {reader.line_num}",
                    f"is not valid CSV ({err}); the rest of the file was not read",
                )
            )

    records, more = _collect(name, rows(), columns)
    return records, [*problems, *more]


def _collect(
    name: str, items: Iterator[tuple[str, Any]], columns: Columns
) -> tuple[list[Record], list[Problem]]:
    """Records from (where, object) pairs; each object that is not an article is a problem."""
    records, problems = [], []
    for where, item in items:
        try:
            records.append(_record(where, item, columns))
        except ValueError as err:
            problems.append(Problem(name, where, str(err)))
    return records, problems


def _record(where: str, item: Any, columns: Columns) -> Record:
    """One record from a JSON object or a CSV row. ValueError says what is wrong with it."""
    if not isinstance(item, dict):
        raise ValueError(
            f"is a JSON {type(item).__name__}, not an object with {columns.describe()}"
        )
    values = {str(key).strip().lower(): value for key, value in item.items()}
    text = _field(values, columns.text, strip=False)
    if text is None:
        if isinstance(values.get(columns.text.lower()), str):
            raise ValueError(f"has an empty {columns.text!r}")
        raise ValueError(f"has no {columns.text!r} string; expected {columns.describe()}")
    return Record(
        where,
        text,
        title=_field(values, columns.title),
        published=_field(values, columns.published),
        url=_field(values, columns.url),
        source=_field(values, columns.source),
        author=_field(values, columns.author),
    )


def _field(values: dict[str, Any], column: str, *, strip: bool = True) -> str | None:
    """A field as a string (numbers too: a year column); blanks count as missing."""
    value = values.get(column.lower())
    if value is None or isinstance(value, bool):
        return None
    if not isinstance(value, str | int | float):
        raise ValueError(f"has a JSON {type(value).__name__} in {column!r}; expected a string")
    text = str(value)
    if not text.strip():
        return None
    return text.strip() if strip else text
