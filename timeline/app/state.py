"""The app's data on the server: a :class:`~timeline.database.Store`, and the one way to add to it.

``AppState.add(corpus)`` is the only place the dashboard changes its data: it is
``store.add(corpus)`` (after removing the articles a corpus replaces), and bumps the data
version. What the page asks for is answered by the store in SQL (see
:mod:`timeline.database.aggregate`); the answers that only change with the data (the filters'
options, the articles, the datelines) are kept once per version.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Collection, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from timeline.article import Article
from timeline.config import Settings
from timeline.database import Store, aggregate
from timeline.datelines import dateline_places
from timeline.schema import Col, empty_mentions

if TYPE_CHECKING:
    from timeline.extract.pipeline import Corpus

__all__ = ["AppState"]

_T = TypeVar("_T")


class AppState:
    """The app's data, kept on the server in a store: added to (or an article's events
    replaced), never lost to a failed upload.

    Args:
        events, mentions, articles: a corpus to start with (added to a new store in memory
            when `store` is None; events of articles not given get a stand-in article).
        settings: the default lane, the upload limit...
        store: the store to show and add to (``timeline serve --store FILE``).
    """

    def __init__(
        self,
        events: pd.DataFrame | None = None,
        mentions: pd.DataFrame | None = None,
        articles: dict[str, Article] | None = None,
        settings: Settings | None = None,
        *,
        store: Store | None = None,
    ) -> None:
        self.store = store if store is not None else Store.open(None)
        self.settings = settings or Settings()
        self.version = 0
        self.lock = threading.Lock()
        self._cache: dict[Hashable, tuple[int, Any]] = {}
        if events is not None and (not events.empty or articles):
            self.store.add(_corpus(events, mentions, articles or {}))

    def cached(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """`compute()`, once per data version and key."""
        hit = self._cache.get(key)
        if hit is not None and hit[0] == self.version:
            return hit[1]  # type: ignore[no-any-return]
        value = compute()
        self._cache[key] = (self.version, value)
        return value

    # ------------------------------------------------------------------ the data as frames

    @property
    def events(self) -> pd.DataFrame:
        """Every event (a validated frame with cluster_id), once per version: for small data,
        tests and downloads; the page's callbacks ask the store for what they show."""
        return self.cached("events", self.store.events)

    @property
    def mentions(self) -> pd.DataFrame:
        """Every mention, once per version."""
        return self.cached("mentions", self.store.mentions)

    @property
    def articles(self) -> dict[str, Article]:
        """The articles by doc_id, once per version."""
        return self.cached("articles", self.store.articles)

    def datelines(self) -> pd.DataFrame:
        """Where each article was reported from, geocoded once per version of the articles."""
        return self.cached("datelines", lambda: dateline_places(self.articles))

    def names(self) -> dict[str, list[str]]:
        """The filters' options: the distinct actors, countries and places, by column; computed
        in SQL once per version (every page load asks for them)."""
        columns = (Col.ACTORS, Col.COUNTRIES, Col.PLACES)
        return self.cached("names", lambda: aggregate.name_options(self.store, columns))

    def counts(self) -> dict[str, int]:
        """The number of events of each article, by doc_id, once per version."""
        return self.cached("counts", lambda: aggregate.article_counts(self.store))

    def merging(self) -> bool:
        """Whether any event is told by several articles (else merged = every report)."""
        return self.cached("merging", lambda: aggregate.has_clusters(self.store))

    def has_mentions(self) -> bool:
        """Whether the store has mentions (else the map draws the events' primary places)."""
        return self.cached("has_mentions", lambda: aggregate.has_mentions(self.store))

    # ------------------------------------------------------------------ changing it

    def add(self, corpus: Corpus, *, replace: Collection[str] = ()) -> int:
        """Add an extracted corpus to the store; the number of events that were not there.

        An article already in the store is kept as it is (its id is the hash of its text). The
        articles whose doc_id is in `replace` are removed first, with their events (an article
        extracted again, with a date). The version is bumped whenever the data changed.
        """
        with self.lock:
            removed = aggregate.remove_articles(self.store, replace) if replace else 0
            added = self.store.add(_with_articles(corpus))
            if replace or removed or added.articles or added.events:
                self.version += 1
            return added.events

    def known(self) -> dict[str, dt.date | None]:
        """Each loaded article's publication date (or None), by doc_id."""
        return {doc_id: article.published for doc_id, article in self.articles.items()}


def _with_articles(corpus: Corpus) -> Corpus:
    """The corpus, with a stand-in article for any event whose article it does not hold."""
    return _corpus(corpus.events, corpus.mentions, corpus.articles)


def _corpus(
    events: pd.DataFrame, mentions: pd.DataFrame | None, articles: dict[str, Article]
) -> Corpus:
    """A Corpus of these frames; events of unknown articles get an empty stand-in article
    (its title from the events), so that a bare events frame can be shown."""
    from timeline.extract.pipeline import Corpus

    articles = dict(articles)
    missing = events.loc[~events[Col.DOC_ID].isin(list(articles)) & events[Col.DOC_ID].notna()]
    for doc_id, title in (
        missing.groupby(Col.DOC_ID, sort=False)[Col.TITLE].first().items()
    ):
        articles[str(doc_id)] = Article(
            text="", doc_id=str(doc_id), title=None if pd.isna(title) else str(title)
        )
    return Corpus(events, mentions if mentions is not None else empty_mentions(), articles)
