"""The public entry points: ``date_mentions`` (an Article -> DateMentions) and ``find_dates``
(text -> a frame with the columns of ``schema.DATE_DTYPES``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from timeline.article import Article, make_article
from timeline.extract.dates.anaphora import ANAPHORIC, Context
from timeline.extract.dates.durations import later_duration
from timeline.extract.dates.grammar import candidates
from timeline.extract.dates.intervals import interval_of, precision_of
from timeline.extract.dates.model import DateMention
from timeline.extract.dates.normalize import normalize
from timeline.schema import DATE_DTYPES, Col, coerce_frame

__all__ = ["date_mentions", "find_dates"]


def _strip_possessive(text: str, start: int, end: int) -> int:
    """End of the span without a trailing "'s" (possessives stay outside)."""
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            return end - 2
    return end


def date_mentions(article: Article) -> list[DateMention]:
    """Temporal expressions in `article`, each normalized against its publication date.

    Args:
        article: the article; ``article.published`` is the reference date (None leaves relative
            expressions unresolved, with a resolution saying so).

    Returns:
        The mentions, sorted by start offset.

    >>> from timeline.article import make_article
    >>> [m.value for m in date_mentions(make_article("He left on Friday.", published="2023-09-13"))]
    ['2023-09-08']
    """
    text = article.text
    if not text or text.isspace():
        return []
    ctx = Context(published=article.published)
    mentions: list[DateMention] = []
    for cand in candidates(text):
        value = normalize(cand, text, ctx)
        if value is None:
            later = later_duration(cand, text)
            if later is None:
                continue
            cand, value = later
        end = _strip_possessive(text, cand.start, cand.end)
        precision = precision_of(value.value)
        lo, hi = interval_of(value.value)
        if precision != "none" and value.type in {"DATE", "TIME"} and cand.rule not in ANAPHORIC:
            ctx.remember(value.value, cand.end)
        mentions.append(
            DateMention(
                start=cand.start,
                end=end,
                text=text[cand.start : end],
                type=value.type,
                value=value.value,
                precision=precision,
                interval_start=lo,
                interval_end=hi,
                resolution=value.resolution,
            )
        )
    return mentions


def find_dates(text: str, published: dt.date | str | None = None) -> pd.DataFrame:
    """Every temporal expression in `text`, one row each (columns of ``schema.DATE_DTYPES``).

    Args:
        text: article text.
        published: the publication date; None infers it from a wire dateline, if any.

    Returns:
        A frame sorted by ``char_start``; empty (but valid) when nothing is found. It never
        raises on the text itself: impossible dates ("February 30") are skipped.

    Raises:
        ValueError: `published` is a string that is not an ISO date.

    >>> find_dates("Putin said on Wednesday.", published="2023-09-13")["value"].tolist()
    ['2023-09-13']
    """
    if not text or text.isspace():
        return coerce_frame([], DATE_DTYPES)
    article = make_article(text, published=published)
    rows: list[dict[str, object]] = [
        {
            Col.CHAR_START: m.start,
            Col.CHAR_END: m.end,
            Col.TEXT: m.text,
            "type": m.type,
            "value": m.value,
            Col.PRECISION: m.precision,
            Col.START: m.interval_start,
            Col.END: m.interval_end,
            "resolution": m.resolution,
        }
        for m in date_mentions(article)
    ]
    return coerce_frame(rows, DATE_DTYPES)
