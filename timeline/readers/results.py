"""What a reader returns: the records it found, and a problem for each item it could not read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from timeline.article import Article
from timeline.errors import InputError

__all__ = ["Problem", "ReadResult", "Record"]

_SHOWN = 10  # problems named in one InputError message; the rest are counted


@dataclass(frozen=True)
class Record:
    """One article's fields as a format gives them, before `make_article` reads the text.

    Attributes:
        where: the item's place in its file ("line 4", "item 2"), or "" when the file is one
            article (then a problem with it is the file's, an InputError).
        text: the article text; the other fields are None when the format has no value.
        published: the format's own date, as written (ISO 8601, RFC 2822...).
    """

    where: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Problem:
    """One item that could not be read (an error: it is left out) or a remark (a warning).

    ``str(problem)`` is one line that names the file and the item:
    ``feed.xml item 3 has a bad publication date: ...``.
    """

    name: str
    where: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return " ".join(part for part in (self.name, self.where, self.message) if part)

    @property
    def position(self) -> int:
        """The number in `where` ("line 12" -> 12; 0 for the whole file), for file order."""
        number = self.where.rsplit(" ", 1)[-1]
        return int(number) if number.isdigit() else 0


@dataclass(frozen=True)
class ReadResult:
    """The articles read from one file, and the problems met on the way.

    Attributes:
        name: the file's name as shown in messages.
        articles: every item that could be read, in file order.
        problems: one per item left out (severity "error") or worth a remark ("warning").
    """

    name: str
    articles: tuple[Article, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The items left out."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def undated(self) -> tuple[Article, ...]:
        """The articles with no publication date (their relative dates stay unresolved)."""
        return tuple(a for a in self.articles if a.published is None)

    def articles_or_raise(self) -> list[Article]:
        """The articles, or an InputError listing the items left out when there are any.

        Raises:
            InputError: one message naming the file and (up to ten of) its bad items.
        """
        errors = self.errors
        if not errors:
            return list(self.articles)
        listed = "; ".join(" ".join(filter(None, (p.where, p.message))) for p in errors[:_SHOWN])
        more = f" (and {len(errors) - _SHOWN} more)" if len(errors) > _SHOWN else ""
        raise InputError(f"{self.name}: {listed}{more}")
