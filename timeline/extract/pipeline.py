"""The extraction pipeline: an Article -> dates, places and actors -> the events frame.

Each stage returns mentions with character offsets into ``article.text``; the frames are built
once, at the end. An event is a sentence with a dated expression (one row per dated expression
when a sentence holds several: "75 years since ... in 1948" gives the 1948 row), or a sentence
about someone or somewhere whose date is carried over from the paragraph (``context``) or is the
publication date (``published``), so users can filter those out.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, Protocol, TypeVar

import numpy as np
import pandas as pd

from timeline.article import Article, make_article
from timeline.config import Settings
from timeline.extract.actors import ActorMention, actor_mentions
from timeline.extract.dates import DateMention, date_mentions
from timeline.extract.entities import entity_mentions_of
from timeline.extract.places import PlaceMention, place_mentions
from timeline.extract.sentences import Sentence, sentences_of
from timeline.geo import Place, lookup
from timeline.schema import (
    EVENT_DTYPES,
    MENTION_DTYPES,
    coerce_frame,
    empty_events,
    empty_mentions,
    validate_events,
)

__all__ = ["Corpus", "extract_article", "extract_corpus", "extract_events", "extract_mentions"]

_JOIN = "; "


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


_M = TypeVar("_M", bound=_Spanned)
_DATED_TYPES = ("DATE", "TIME", "DURATION")  # a DURATION dates an event only when anchored
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ")", ":")


@dataclass(frozen=True)
class Corpus:
    """Events and mentions of several articles, with the articles themselves by doc_id."""

    events: pd.DataFrame = field(default_factory=empty_events)
    mentions: pd.DataFrame = field(default_factory=empty_mentions)
    articles: dict[str, Article] = field(default_factory=dict)


def extract_events(
    text: str,
    published: dt.date | str | None = None,
    title: str | None = None,
    source: str | None = None,
    doc_id: str | None = None,
) -> pd.DataFrame:
    """Events of one article text, one row per event (see ``timeline.schema.EVENT_DTYPES``).

    Args:
        text: the article, dateline included.
        published: its publication date; None infers it from the dateline.
        title, source, doc_id: metadata to carry; title and doc_id are inferred when None.

    Returns:
        The validated events frame; empty (with every column) for empty text.
    """
    return _extract_text(text, published, title, source, doc_id)[0]


def extract_mentions(
    text: str,
    published: dt.date | str | None = None,
    title: str | None = None,
    source: str | None = None,
    doc_id: str | None = None,
) -> pd.DataFrame:
    """The long table of who and where, one row per mention in an event's sentence
    (``timeline.schema.MENTION_DTYPES``: event_id, kind, name, offsets, lat, lon...)."""
    return _extract_text(text, published, title, source, doc_id)[1]


def _extract_text(
    text: str,
    published: dt.date | str | None,
    title: str | None,
    source: str | None,
    doc_id: str | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, mentions) of a bare text with its metadata."""
    article = make_article(text, published=published, title=title, source=source, doc_id=doc_id)
    return extract_article(article)


def extract_corpus(articles: Iterable[Article], settings: Settings | None = None) -> Corpus:
    """Events and mentions of many articles, in article order.

    The batch is read by spaCy in one run (``nlp.pipe``, with its strings freed afterwards)
    and each frame is built once, at the end. The result depends only on the articles and
    the settings, never on what ran before in the process, so batches can go to worker
    processes and their corpora be concatenated.

    Args:
        articles: the articles; blank ones give no rows.
        settings: ``settings.use_model`` picks the recogniser (default: the model if installed).
    """
    batch = list(articles)
    use_model = (settings or Settings()).use_model
    readable = [article for article in batch if article.text.strip()]
    event_rows: list[dict[str, object]] = []
    mention_rows: list[dict[str, object]] = []
    found = zip(
        readable,
        entity_mentions_of(readable, use_model=use_model),
        sentences_of(readable),
        strict=True,
    )
    for article, entities, found_sentences in found:
        dates = date_mentions(article)
        places = place_mentions(article, use_model=use_model, entities=entities)
        actors = actor_mentions(article, places, use_model=use_model, entities=entities)
        _add_rows(article, found_sentences, dates, places, actors, event_rows, mention_rows)
    events = validate_events(coerce_frame(event_rows, EVENT_DTYPES))
    return Corpus(events, coerce_frame(mention_rows, MENTION_DTYPES), {a.doc_id: a for a in batch})


def extract_article(
    article: Article, settings: Settings | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(events, mentions) of one article."""
    corpus = extract_corpus([article], settings)
    return corpus.events, corpus.mentions


def _add_rows(
    article: Article,
    found: list[Sentence],
    dates: list[DateMention],
    places: list[PlaceMention],
    actors: list[ActorMention],
    event_rows: list[dict[str, object]],
    mention_rows: list[dict[str, object]],
) -> None:
    """Append one article's event rows and mention rows."""
    actors_by_start = _ByStart(actors)
    places_by_start = _ByStart(places)
    for sentence, date, source in _dated_sentences(article, found, dates):
        people = actors_by_start.inside(sentence)
        where = _located(places_by_start.inside(sentence), people)
        if source != "explicit" and (not (people or where) or not _is_statement(sentence)):
            continue  # carried-over date, and about no one and nowhere, or not a sentence
        event_id = _event_id(article.doc_id, sentence, date)
        event_rows.append(_event_row(article, sentence, date, source, event_id, people, where))
        mention_rows.extend(_mention_rows(article.doc_id, event_id, people, where))


def _dated_sentences(
    article: Article, found: list[Sentence], dates: list[DateMention]
) -> Iterable[tuple[Sentence, DateMention | None, str]]:
    """(sentence, date, date_source) triples: a triple per dated expression in a sentence;
    undated sentences carry the paragraph's last date, else the publication date."""
    carried: DateMention | None = None
    previous_end = -1
    dated = _ByStart([d for d in dates if d.type in _DATED_TYPES and d.interval_start is not None])
    for sentence in found:
        if previous_end >= 0 and "\n" in article.text[previous_end : sentence.start]:
            carried = None  # a new paragraph: its context starts afresh
        previous_end = sentence.end
        own = dated.inside(sentence)
        if own:
            for date in own:
                yield sentence, date, "explicit"
            carried = own[-1]
        elif carried is not None:
            yield sentence, carried, "context"
        else:
            yield sentence, None, "published"


def _located(where: list[PlaceMention], people: list[ActorMention]) -> list[PlaceMention]:
    """The places where something happened. "The Kremlin said", "Kremlin spokesman": a seat
    of power acting for its country is an actor (Russia), not the event's location."""
    acting = {(a.start, a.end) for a in people if a.kind == "country"}
    return [p for p in where if p.place.kind == "country" or (p.start, p.end) not in acting]


class _ByStart(Generic[_M]):
    """Mentions sorted by start offset, to take those inside a sentence without a full scan
    (a long article has thousands of sentences and mentions)."""

    def __init__(self, mentions: Iterable[_M]) -> None:
        self._mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self._mentions]

    def inside(self, sentence: Sentence) -> list[_M]:
        """The mentions that start and end inside `sentence`, in text order."""
        first = bisect.bisect_left(self._starts, sentence.start)
        last = bisect.bisect_left(self._starts, sentence.end)
        return [m for m in self._mentions[first:last] if m.end <= sentence.end]


def _is_statement(sentence: Sentence) -> bool:
    """A sentence ending like one; a photo credit ("Sputnik/Pool via REUTERS") or a subhead does not."""
    return sentence.text.rstrip().endswith(_SENTENCE_ENDS)


def _event_id(doc_id: str, sentence: Sentence, date: DateMention | None) -> str:
    """Stable across runs: the document, the sentence and the date expression's offsets."""
    key = f"{doc_id}:{sentence.start}:{date.start if date else -1}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _event_row(
    article: Article,
    sentence: Sentence,
    date: DateMention | None,
    source: str,
    event_id: str,
    people: list[ActorMention],
    where: list[PlaceMention],
) -> dict[str, object]:
    """One row of the events frame."""
    countries = _unique(
        [p.place.name for p in where if p.place.kind == "country"]
        + [a.name for a in people if a.kind == "country"]
    )
    sites = _unique([p.place.name for p in where if p.place.kind != "country"])
    actors = _unique([a.name for a in people])
    primary = (
        next((p.place for p in where if p.place.kind != "country"), None)
        or next((p.place for p in where), None)
        or next((c for c in map(_country_place, countries, [None] * len(countries)) if c), None)
    )
    row: dict[str, object] = {
        "event_id": event_id,
        "doc_id": article.doc_id,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "published_source": article.published_source,
        "sentence": sentence.text,
        "char_start": sentence.start,
        "char_end": sentence.end,
        "date_source": source,
        "actors": _JOIN.join(actors) or None,
        "countries": _JOIN.join(countries) or None,
        "places": _JOIN.join(sites) or None,
        "place": primary.name if primary else None,
        "place_kind": primary.kind if primary else None,
        "lat": primary.lat if primary else None,
        "lon": primary.lon if primary else None,
        "country": primary.country if primary else None,
    }
    if date is not None:
        row.update(
            start=date.interval_start,
            end=date.interval_end,
            precision=date.precision,
            date_text=date.text,
            date_value=date.value,
        )
        if source == "explicit":
            row.update(date_char_start=date.start, date_char_end=date.end)
    elif article.published is not None:
        day = np.datetime64(article.published, "s")
        row.update(
            start=day,
            end=day + np.timedelta64(1, "D"),
            precision="day",
            date_value=article.published.isoformat(),
        )
    else:
        row.update(precision="none")
    return row


def _mention_rows(
    doc_id: str, event_id: str, people: list[ActorMention], where: list[PlaceMention]
) -> list[dict[str, object]]:
    """The event's mentions for the long table; a country named as a place and as an actor
    at the same offsets is listed once."""
    rows: list[dict[str, object]] = []
    seen: set[tuple[str, int, int]] = set()
    for p in where:
        kind = "country" if p.place.kind == "country" else "place"
        seen.add((kind, p.start, p.end))
        rows.append(
            {
                "event_id": event_id, "doc_id": doc_id, "kind": kind, "name": p.place.name,
                "text": p.text, "char_start": p.start, "char_end": p.end,
                "place_kind": p.place.kind, "lat": p.place.lat, "lon": p.place.lon,
                "country": p.place.country,
            }
        )  # fmt: skip
    for a in people:
        if (a.kind, a.start, a.end) in seen:
            continue
        row: dict[str, object] = {
            "event_id": event_id, "doc_id": doc_id, "kind": a.kind, "name": a.name,
            "text": a.text, "char_start": a.start, "char_end": a.end,
            "country": a.country, "role": a.role,
        }  # fmt: skip
        country = _country_place(a.name, a.country) if a.kind == "country" else None
        if country is not None:  # "the Kremlin said": Russia acts, and has a point on the map
            row.update(place_kind="country", lat=country.lat, lon=country.lon)
        rows.append(row)
    return rows


@lru_cache(maxsize=512)
def _country_place(name: str, iso: str | None) -> Place | None:
    """The gazetteer's country of this name and code, if it has one."""
    return next(
        (p for p in lookup(name) if p.kind == "country" and (iso is None or p.country == iso)),
        None,
    )


def _unique(names: list[str]) -> list[str]:
    """Names in first-seen order, once each."""
    return list(dict.fromkeys(names))
