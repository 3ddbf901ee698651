"""A synthetic corpus for the dashboard at scale: n events over a few hundred articles, built
with numpy (a million rows in seconds) and stored with ``Store.add``, no extraction.

Events cluster around a recent month (most news is about the week it is written) with a tail
over ten years, in a few dozen actor lanes, at 60 places; every third event of an article
pair is the same happening told twice (one cluster, two sources).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from timeline.article import Article
from timeline.database import Store
from timeline.schema import EVENT_DTYPES, MENTION_DTYPES

ACTORS = [f"Actor {i:02d}" for i in range(30)]
PLACES = [(f"City {i:02d}", 30.0 + (i % 10) * 2.5, 100.0 + (i // 10) * 4.0) for i in range(60)]


def synthetic_corpus(n: int, *, articles: int = 200, seed: int = 0) -> tuple[
    pd.DataFrame, pd.DataFrame, dict[str, Article]
]:  # fmt: skip
    """(events, mentions, articles) of n synthetic events; events with odd index i and i - 1
    in different articles share a cluster."""
    rng = np.random.default_rng(seed)
    recent = rng.random(n) < 0.8
    day = np.where(
        recent, 3_600 + rng.integers(0, 30, n), rng.integers(0, 3_650, n)
    )  # days after 2014-01-01: 80% in one month of 2023
    start = (np.datetime64("2014-01-01", "s") + day.astype("timedelta64[D]")).astype(
        "datetime64[s]"
    )
    end = start + np.timedelta64(1, "D")
    doc = rng.integers(0, articles, n)
    ids = np.char.add("e", np.arange(n).astype(str))
    cluster = ids.copy()
    pair = (np.arange(n) % 2 == 1) & (np.arange(n) % 3 == 0)
    cluster[pair] = ids[np.flatnonzero(pair) - 1]
    doc[pair] = (doc[np.flatnonzero(pair) - 1] + 1) % articles  # another article
    actor_a = rng.integers(0, len(ACTORS), n)
    actor_b = rng.integers(0, len(ACTORS), n)
    actors = np.char.add(np.char.add(np.array(ACTORS)[actor_a], "; "), np.array(ACTORS)[actor_b])
    place = rng.integers(0, len(PLACES), n)
    names = np.array([p[0] for p in PLACES])
    lat = np.array([p[1] for p in PLACES])[place]
    lon = np.array([p[2] for p in PLACES])[place]
    doc_ids = np.char.add("doc", doc.astype(str))
    events = pd.DataFrame(
        {
            "event_id": ids, "doc_id": doc_ids, "title": np.char.add("Report ", doc.astype(str)),
            "source": "synthetic", "published": start, "published_source": "given",
            "start": start, "end": end, "precision": "day", "date_text": "on Monday",
            "date_value": None, "date_source": rng.choice(["explicit", "context"], n),
            "date_char_start": pd.array([None] * n, dtype="Int64"),
            "date_char_end": pd.array([None] * n, dtype="Int64"),
            "sentence": np.char.add("Something happened, number ", ids),
            "char_start": 0, "char_end": 10, "actors": actors, "places": names[place],
            "countries": "Russia", "place": names[place], "place_kind": "city", "lat": lat,
            "lon": lon, "country": "RU",
        }
    ).astype(EVENT_DTYPES)  # fmt: skip
    events["cluster_id"] = pd.array(cluster, dtype="string")
    mentions = pd.DataFrame(
        {
            "event_id": ids, "doc_id": doc_ids, "kind": "place", "name": names[place],
            "text": names[place], "char_start": 0, "char_end": 4, "place_kind": "city",
            "lat": lat, "lon": lon, "country": "RU", "role": None,
        }
    ).astype(MENTION_DTYPES)  # fmt: skip
    texts = {
        f"doc{i}": Article(
            text=f"Synthetic report {i}.",
            doc_id=f"doc{i}",
            title=f"Report {i}",
            source="synthetic",
            published=None,
            published_source="none",
        )
        for i in range(articles)
    }
    return events, mentions, texts


def synthetic_store(path: Path | None, n: int, *, articles: int = 200, seed: int = 0) -> Store:
    """A store (a file, or in memory) holding `synthetic_corpus(n)`; open for writing."""
    from timeline.extract.pipeline import Corpus

    events, mentions, texts = synthetic_corpus(n, articles=articles, seed=seed)
    store = Store.open(path)
    store.add(Corpus(events.drop(columns=["cluster_id"]), mentions, texts), merge=False)
    store.set_clusters(events[["event_id", "cluster_id"]])  # the pairs made above
    return store
