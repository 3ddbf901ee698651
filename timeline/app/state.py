"""The app's data on the server: events, mentions, articles, and the one way to add to them.

``AppState.add(corpus)`` is the only place the dashboard changes its data. When the DuckDB store
becomes the app's data source, this method becomes ``store.add(corpus)``.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from timeline.article import Article
from timeline.config import Settings
from timeline.datelines import dateline_places
from timeline.filters import names_in
from timeline.schema import Col, empty_mentions

if TYPE_CHECKING:
    from timeline.extract.pipeline import Corpus

__all__ = ["AppState"]


@dataclass
class AppState:
    """The app's data, kept on the server: events, mentions, articles. Added to (or an
    article's events replaced), never lost to a failed upload."""

    events: pd.DataFrame
    mentions: pd.DataFrame = field(default_factory=empty_mentions)
    articles: dict[str, Article] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    version: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _datelines: tuple[int, pd.DataFrame] | None = field(default=None, repr=False, compare=False)
    _names: tuple[int, dict[str, list[str]]] | None = field(default=None, repr=False, compare=False)

    def datelines(self) -> pd.DataFrame:
        """Where each article was reported from, geocoded once per version of the articles."""
        if self._datelines is None or self._datelines[0] != self.version:
            self._datelines = (self.version, dateline_places(self.articles))
        return self._datelines[1]

    def names(self) -> dict[str, list[str]]:
        """The filters' options: the distinct actors, countries and places, by column; computed
        once per version (every page load asks for them)."""
        if self._names is None or self._names[0] != self.version:
            columns = (Col.ACTORS, Col.COUNTRIES, Col.PLACES)
            self._names = (self.version, {c: names_in(self.events, c) for c in columns})
        return self._names[1]

    def add(self, corpus: Corpus, *, replace: Collection[str] = ()) -> int:
        """Add an extracted corpus; the number of events that were not here before.

        An event already here is kept once. The events and mentions of the articles whose
        doc_id is in `replace` are dropped first (an article extracted again, with a date).
        The version is bumped whenever the data changed.
        """
        with self.lock:
            events, mentions = self.events, self.mentions
            if replace:
                gone = events[Col.DOC_ID].isin(list(replace)).fillna(False).astype(bool)
                events = events[~gone]
                mentions = mentions[~mentions[Col.DOC_ID].isin(list(replace)).fillna(False)]
            before = len(events)
            # concat of an empty frame is deprecated in pandas: join only the non-empty ones
            frames = [frame for frame in (events, corpus.events) if not frame.empty]
            merged = pd.concat(frames, ignore_index=True) if frames else events
            merged = merged.drop_duplicates(Col.EVENT_ID, keep="first").reset_index(drop=True)
            parts = [frame for frame in (mentions, corpus.mentions) if not frame.empty]
            if parts:
                mentions = pd.concat(parts, ignore_index=True).drop_duplicates(
                    [Col.EVENT_ID, Col.KIND, Col.NAME, Col.CHAR_START]
                )
            changed = len(merged) != len(self.events) or bool(replace)
            new_articles = {k: v for k, v in corpus.articles.items() if self.articles.get(k) != v}
            self.events, self.mentions = merged, mentions.reset_index(drop=True)
            if new_articles:
                self.articles = {**self.articles, **new_articles}
            if changed or new_articles:
                self.version += 1
            return len(merged) - before

    def known(self) -> dict[str, dt.date | None]:
        """Each loaded article's publication date (or None), by doc_id."""
        return {doc_id: article.published for doc_id, article in self.articles.items()}
