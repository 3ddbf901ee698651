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
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final, TypeVar

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped]

from timeline.article import Article
from timeline.config import Settings
from timeline.database import Store, aggregate
from timeline.datelines import dateline_places
from timeline.filters import View
from timeline.mapdata import DatelineIndex, dateline_index
from timeline.schema import EVENT_DTYPES, Col, empty_mentions

if TYPE_CHECKING:
    from timeline.extract.pipeline import Corpus

__all__ = ["AppState"]

_T = TypeVar("_T")
_NO_ARTICLE: Final = "(no article)"  # the stand-in article of events that name none
RECENT: Final = 6  # views whose hits are kept (a few MB each at a million events)
# their windowed or placed parts kept: one request asks for at most two (with and without the
# clicked place), up to 40 MB each at a million events
SHOWN: Final = 2


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
        self.lock = threading.Lock()  # one writer
        self._cache_lock = threading.Lock()
        self._cache: dict[Hashable, tuple[int, Any]] = {}
        self._recent: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._shown: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self.scratch = aggregate.scratch()  # queries over the hits tables
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

    def recent(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """`compute()`, kept for this data version among the RECENT last keys asked for (the
        views a user goes back and forth between)."""
        return self._kept(self._recent, RECENT, key, compute)

    def _kept(
        self,
        pool: OrderedDict[Hashable, tuple[int, Any]],
        size: int,
        key: Hashable,
        compute: Callable[[], _T],
    ) -> _T:
        """`compute()`, kept in `pool` for this data version among its `size` last keys."""
        with self._cache_lock:
            hit = pool.get(key)
            if hit is not None and hit[0] == self.version:
                pool.move_to_end(key)
                return hit[1]  # type: ignore[no-any-return]
        value = compute()
        with self._cache_lock:
            pool[key] = (self.version, value)
            pool.move_to_end(key)
            while len(pool) > size:
                pool.popitem(last=False)
        return value

    def hits(self, view: View, merged: bool) -> pa.Table:
        """The events matching the view's filters (not its window, place or selection), as a
        compact table (:func:`timeline.database.aggregate.hits`), kept for recent views."""
        key = (
            "hits",
            replace(view, window=None, place=None, event=None, lane="actor", sort=""),
            merged,
        )
        clusters = self.clusters()
        if clusters is not None and not merged:  # every report: asked of the store in full
            return self.recent(key, lambda: aggregate.hits(self.store, view))
        # else a view's hits are rows of the hits of every event, which are kept
        everything = self.cached(  # one chunk: taking rows across chunks is 20x slower
            "everything", lambda: aggregate.hits(self.store, None, merged=clusters).combine_chunks()
        )
        return self.recent(
            key, lambda: aggregate.narrow(self.store, view, everything, merged=clusters)
        )

    def shown(self, view: View, merged: bool, *, window: bool, place: bool) -> pa.Table:
        """The hits of the view with its time window and its clicked place applied as asked
        (:func:`timeline.database.aggregate.in_window`); the map, the table, the counter and
        the timeline of one request ask for the same, so the last SHOWN are kept."""
        table = self.hits(view, merged)
        shown = view.window if window else None
        at = self.at_place(view.place) if place and view.place else None
        if shown is None and at is None:
            return table
        # the view as it is filtered here: its window and place only where they apply
        asked = replace(view, window=shown, place=view.place if at is not None else None)
        key = (replace(asked, event=None, lane="actor", sort=""), merged)
        return self._kept(
            self._shown, SHOWN, key, lambda: aggregate.in_window(self.scratch, table, shown, at)
        )

    def at_place(self, place: str) -> pa.Table:
        """The seq of the events at a place (the map's click), kept for recent places."""
        return self.recent(("place", place), lambda: aggregate.place_seqs(self.store, place))

    def place_index(self) -> aggregate.PlaceIndex:
        """Every (event, located place) pair, once per version."""
        return self.cached(
            "place_index",
            lambda: aggregate.place_index(self.store, self.scratch, mentions=self.has_mentions()),
        )

    def warm(self) -> None:
        """Compute what every page load needs (options, clusters, the map's index, the view
        of everything), so that the first visitor does not wait for it."""
        self.names()
        self.clusters()
        self.place_index()
        self.hits(View(lane=self.settings.lane), merged=True)

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

    def datelines(self) -> tuple[DatelineIndex, pa.Table]:
        """Where each article was reported from, geocoded and coded once per version of the
        articles; with the doc_id and position of each located one, to join in DuckDB."""

        def compute() -> tuple[DatelineIndex, pa.Table]:
            index = dateline_index(dateline_places(self.articles))
            return index, aggregate.dateline_docs(index)

        return self.cached("datelines", compute)

    def names(self) -> dict[str, list[str]]:
        """The filters' options: the distinct actors, countries and places, by column; computed
        in SQL once per version (every page load asks for them)."""
        columns = (Col.ACTORS, Col.COUNTRIES, Col.PLACES)
        return self.cached("names", lambda: aggregate.name_options(self.store, columns))

    def counts(self) -> dict[str, int]:
        """The number of events of each article, by doc_id, once per version."""
        return self.cached("counts", lambda: aggregate.article_counts(self.store))

    def clusters(self) -> aggregate.Clusters | None:
        """Each cluster's earliest report, once per version; None when no event is told by
        several articles (then merged and every report are the same)."""

        def compute() -> aggregate.Clusters | None:
            return aggregate.clusters(self.store) if aggregate.has_clusters(self.store) else None

        return self.cached("clusters", compute)

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
    # a frame changed by hand (a test, a notebook) may have lost the schema's dtypes
    events = events.astype({c: t for c, t in EVENT_DTYPES.items() if c in events.columns})
    if events[Col.DOC_ID].isna().any():  # the store keeps events with their article
        events = events.assign(**{Col.DOC_ID: events[Col.DOC_ID].fillna(_NO_ARTICLE)})
    missing = events.loc[~events[Col.DOC_ID].isin(list(articles)) & events[Col.DOC_ID].notna()]
    for doc_id, title in missing.groupby(Col.DOC_ID, sort=False)[Col.TITLE].first().items():
        articles[str(doc_id)] = Article(
            text="", doc_id=str(doc_id), title=None if pd.isna(title) else str(title)
        )
    return Corpus(events, mentions if mentions is not None else empty_mentions(), articles)
