"""The public entry points: ``date_mentions`` (an Article -> DateMentions) and ``find_dates``
(text -> a frame with the columns of ``schema.DATE_DTYPES``).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import pandas as pd

from timeline.article import Article, make_article
from timeline.extract.dates.anaphora import ANAPHORIC, Context
from timeline.extract.dates.durations import later_duration
from timeline.extract.dates.grammar import SPAN_RULES, candidates
from timeline.extract.dates.intervals import interval_of, precision_of
from timeline.extract.dates.model import Candidate, DateMention
from timeline.extract.dates.normalize import normalize
from timeline.extract.dates.ranges import Linked, join_range, split_span
from timeline.schema import DATE_DTYPES, Col, coerce_frame

__all__ = ["date_mentions", "find_dates"]

# Rules of a day written in full; with a weekday ("Monday, Sept. 4") it sets the story's week.
_WRITTEN_DAYS: Final = frozenset({"month_day", "day_month"})


def _strip_possessive(text: str, start: int, end: int) -> int:
    """End of the span without a trailing "'s" (possessives stay outside)."""
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            return end - 2
    return end


def date_mentions(article: Article, *, ranges: bool = True) -> list[DateMention]:
    """Temporal expressions in `article`, each normalized against its publication date.

    Args:
        article: the article; ``article.published`` is the reference date (None leaves relative
            expressions unresolved, with a resolution saying so).
        ranges: give a range ("from May to September", "Jan. 12-22") as one mention spanning
            both ends, whose interval runs from the start of the first to the end of the
            second (``DateMention.ends`` keeps the two). False gives the two ends instead, as
            TempEval-3 annotates them.

    Returns:
        The mentions, sorted by start offset.

    >>> from timeline.article import make_article
    >>> [m.value for m in date_mentions(make_article("He left on Friday.", published="2023-09-13"))]
    ['2023-09-08']
    >>> article = make_article("It ran from May to September.", published="2023-09-13")
    >>> [m.value for m in date_mentions(article)]
    ['2023-05/2023-09']
    >>> [m.value for m in date_mentions(article, ranges=False)]
    ['2023-05', '2023-09']
    """
    text = article.text
    if not text or text.isspace():
        return []
    ctx = Context(published=article.published)
    timexes: list[tuple[Linked, int]] = []  # each with the index of its grammar match
    for index, cand in enumerate(candidates(text)):
        ends = split_span(cand) if cand.rule in SPAN_RULES else (cand,)
        for end in ends:
            linked = _mention(end, text, ctx)
            if linked is not None:
                timexes.append((linked, index))
    return _joined(timexes, text, ranges)


def _mention(cand: Candidate, text: str, ctx: Context) -> Linked | None:
    """One candidate normalized into a mention (None if it is not a date after all)."""
    value = normalize(cand, text, ctx)
    if value is None:
        later = later_duration(cand, text)
        if later is None:
            return None
        cand, value = later
    end = _strip_possessive(text, cand.start, cand.end)
    precision = value.precision or precision_of(value.value)
    lo, hi = value.interval or interval_of(value.value)
    if precision != "none" and value.type in {"DATE", "TIME"} and cand.rule not in ANAPHORIC:
        ctx.remember(value.value, cand.end)
    if cand.rule in _WRITTEN_DAYS and precision == "day" and cand.groups.get("wd"):
        ctx.remember_story_day(value.value, cand.end)
    mention = DateMention(
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
    return cand, mention


def _joined(timexes: list[tuple[Linked, int]], text: str, ranges: bool) -> list[DateMention]:
    """The mentions, each pair of range ends agreeing on their year; with `ranges`, each range
    replaces its two ends."""
    out: list[DateMention] = []
    i = 0
    while i < len(timexes):
        (first, index) = timexes[i]
        if i + 1 < len(timexes):
            second, next_index = timexes[i + 1]
            found = join_range(first, second, text, one_span=index == next_index)
            if found is not None:
                a, b, whole = found
                out.extend([whole] if ranges else [a, b])
                i += 2
                continue
        out.append(first[1])
        i += 1
    return out


def find_dates(
    text: str, published: dt.date | str | None = None, *, ranges: bool = True
) -> pd.DataFrame:
    """Every temporal expression in `text`, one row each (columns of ``schema.DATE_DTYPES``).

    Args:
        text: article text.
        published: the publication date; None infers it from a wire dateline, if any.
        ranges: one row per range ("from May to September": value ``2023-05/2023-09``, start
            and end covering both ends); False gives a row per end, as TempEval-3 does.

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
            Col.TEXT: text[m.start : m.end],  # the caller's text: "\r\n" stays as written
            "type": m.type,
            "value": m.value,
            Col.PRECISION: m.precision,
            Col.START: m.interval_start,
            Col.END: m.interval_end,
            "resolution": m.resolution,
        }
        for m in date_mentions(article, ranges=ranges)
    ]
    return coerce_frame(rows, DATE_DTYPES)
