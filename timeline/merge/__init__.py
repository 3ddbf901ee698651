"""The same event told by many sources, shown once: events of different articles merged.

Two events merge when they come from **different articles** and, taken together:

* their **dates** are compatible: the same day, or one interval inside the other ("on 12
  September" inside "in September"). A date carried over from the paragraph counts for less
  than one written in the sentence; a publication date stands for "in the week up to the
  publication" and counts for less still. Disjoint dates never merge;
* their **places** are compatible: the same place, one within 50 km of the other, a place
  inside its country or region. Cities or sites of different countries, or far apart in one
  country, never merge; a country named as primary place supports a merge but never forbids
  one (it is often an actor: "Russia said");
* their **wording** is similar (TF-IDF cosine of the sentences' content words, see
  :func:`content_words`) and their **names** overlap (IDF-weighted cosine of actors, places
  and countries).

The score is ``wording + 0.5 names + 0.2 date + 0.1 place`` (``timeline.merge.scoring``); a
missing date or place adds nothing, so an undated or placeless event merges only on strong
wording and names, and no pair with wording below 0.15 merges. Pairs at or above the
threshold are taken best first (ties by event id) and join two groups only if the groups share
no article, their dated members still have a day in common, their places can all be one, and
the mean content similarity over every pair of their members reaches `LINKAGE`
(``timeline.merge.groups``). Never merged: two events of one article; disjoint dates; distant
cities; two events that share only a date and a place.

Only events sharing a blocking key are compared (``timeline.merge.blocking``), so the cost
grows linearly with the number of events.

A cluster's id is the ``event_id`` of its earliest report (earliest ``published``, an unknown
date last, then the smallest ``event_id``). Results do not depend on the order of the rows.

Modules, in import order: ``words`` (content words), ``features`` (arrays per frame),
``blocking`` (candidate pairs), ``scoring`` (pair scores), ``groups`` (clusters),
``sources`` (the merged view).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import Final

import numpy as np
import pandas as pd

from timeline.errors import SchemaError
from timeline.merge.blocking import candidate_pairs, key_labels
from timeline.merge.features import EventRow, prepare, rows_for
from timeline.merge.groups import LINKAGE, cluster_ids, group, passing
from timeline.merge.sources import event_sources, merged_events
from timeline.merge.words import content_words
from timeline.schema import CLUSTER_DTYPES, EVENT_DTYPES, Col, isin_text, validate_events

__all__ = [
    "LINKAGE",
    "THRESHOLD",
    "EventRow",
    "assign_clusters",
    "blocking_keys",
    "cluster_events",
    "content_words",
    "event_rows",
    "event_sources",
    "merged_events",
]

# Chosen on ECB+ topics 1-11 (benchmarks/bench_merge.py --tune): the best F0.5.
THRESHOLD: Final = 0.45


def cluster_events(
    events: pd.DataFrame, *, threshold: float = THRESHOLD, linkage: float = LINKAGE
) -> pd.Series:
    """Which events report the same happening: a cluster id for every event.

    Args:
        events: an events frame (``timeline.schema.EVENT_DTYPES``) with unique ``event_id``.
        threshold: the score a pair needs to merge (higher merges less).
        linkage: the mean content similarity two groups need to merge.

    Returns:
        A string Series named ``cluster_id``, aligned with `events`: the ``event_id`` of the
        earliest report of the event's cluster (its own id when nothing merged with it).

    Raises:
        SchemaError: a frame that breaks the schema or repeats an event_id.
        ValueError: a threshold or linkage that is not a positive number.

    >>> from timeline.schema import empty_events
    >>> cluster_events(empty_events()).tolist()
    []
    """
    _check_bounds(threshold, linkage)
    found = prepare(_checked(events, "events"))
    roots = group(
        found,
        passing(found, candidate_pairs(found), threshold),
        linkage=linkage,
        frozen=np.full(len(events), -1, dtype=np.int64),
    )
    ids = cluster_ids(found, roots)
    return pd.Series(ids, index=events.index, dtype="string", name=Col.CLUSTER_ID)


def assign_clusters(
    new: pd.DataFrame,
    existing: pd.DataFrame,
    *,
    threshold: float = THRESHOLD,
    linkage: float = LINKAGE,
    known: Mapping[str, EventRow] | None = None,
) -> pd.DataFrame:
    """New events joined to existing clusters, without re-clustering the existing ones.

    Existing clusters never split nor merge with each other; a new event joins at most one
    (the best-scoring one it is compatible with) or forms a cluster with other new events.
    This is what a store calls on each ingest. It can differ from :func:`cluster_events` over
    all events: a later report does not bridge two existing clusters, IDF weights come from
    the events passed, and only pairs with a new event are scored, so no existing event is
    an echo (the weaker telling of its article, which :func:`cluster_events` merges last).

    Args:
        new: the events to place (``EVENT_DTYPES``).
        existing: stored events with their ``cluster_id`` column: every member of every
            cluster that has an event sharing a :func:`blocking_keys` key with `new`.
        threshold, linkage: as for :func:`cluster_events`.
        known: :func:`event_rows` of some of the events by event_id (computed where they
            were extracted, or kept from an earlier call): the same result, less work.

    Returns:
        ``event_id, cluster_id`` rows (``timeline.schema.CLUSTER_DTYPES``): every new event,
        then every existing event whose cluster id changes because a new event became its
        cluster's earliest report.

    Raises:
        SchemaError: a frame that breaks the schema; an event_id repeated or in both frames;
            an existing cluster_id that is not the event_id of one of its members.
        ValueError: a threshold or linkage that is not a positive number.
    """
    _check_bounds(threshold, linkage)
    new = _checked(new, "new events")
    existing = _checked(existing, "existing events")
    stored = _stored_clusters(existing)
    both_ids = set(new[Col.EVENT_ID]) & set(existing[Col.EVENT_ID])
    if both_ids:
        raise SchemaError(
            f"new events {sorted(both_ids)[:5]} are already stored; pass only new events"
        )
    both = pd.concat([existing[list(EVENT_DTYPES)], new[list(EVENT_DTYPES)]], ignore_index=True)
    found = prepare(both, rows_for(both, known))
    frozen = np.concatenate(
        [pd.factorize(stored)[0].astype(np.int64), np.full(len(new), -1, dtype=np.int64)]
    )
    # only the pairs with a new event: stored events are placed already (none is an echo)
    scored = passing(found, candidate_pairs(found, frozen < 0), threshold)
    roots = group(found, scored, linkage=linkage, frozen=frozen)
    ids = cluster_ids(found, roots)
    before = np.concatenate([stored.to_numpy(dtype=object), np.full(len(new), None)])
    changed = np.fromiter(
        (old is None or old != now for old, now in zip(before, ids, strict=True)),
        dtype=bool,
        count=len(ids),
    )
    frame = pd.DataFrame(
        {Col.EVENT_ID: both[Col.EVENT_ID].to_numpy(dtype=object), Col.CLUSTER_ID: ids}
    )
    is_new = np.arange(len(both)) >= len(existing)
    frame = pd.concat([frame[is_new], frame[changed & ~is_new]], ignore_index=True)
    return frame.astype(CLUSTER_DTYPES)


def event_rows(events: pd.DataFrame) -> dict[str, EventRow]:
    """What merging needs of each event that depends on that event alone, its blocking keys
    included, by event_id: computed beside the extraction (in the worker processes), so the
    process that stores the events only looks them up (:func:`assign_clusters`'s `known`,
    :func:`blocking_keys`' `known`).

    >>> from timeline.schema import empty_events
    >>> event_rows(empty_events())
    {}
    """
    events = _checked(events, "events")
    rows = rows_for(events, None)
    found = prepare(events, rows)
    keys: dict[int, list[str]] = {}
    for row, key in key_labels(found):
        keys.setdefault(row, []).append(key)
    return {
        str(found.ids[at]): replace(row, keys=tuple(dict.fromkeys(keys.get(at, ()))))
        for at, row in enumerate(rows)
    }


def blocking_keys(
    events: pd.DataFrame, known: Mapping[str, EventRow] | None = None
) -> pd.DataFrame:
    """The keys under which each event is compared with others: ``event_id, key`` rows.

    A key is a calendar bucket (``M:2023-09``, ``Y:2023``, or ``U`` for undated and very
    wide dates) and a name of the event or one of its two longest content words
    (``M:2023-09|n:vladimir putin``, ``U|w:cosmodrome``). Two events are compared only if
    they share a key, and an event's keys depend on that event alone: a store can keep them in
    a table and fetch the candidates of new events with ``WHERE key IN (...)``.

    `known` holds :func:`event_rows` of some of the events (by event_id): their keys are
    taken from there, in another row order.

    >>> from timeline.schema import empty_events
    >>> list(blocking_keys(empty_events()).columns)
    ['event_id', 'key']
    """
    events = _checked(events, "events")
    ids = events[Col.EVENT_ID].tolist()
    given = [known.get(i) for i in ids] if known else []
    keys = [row.keys for row in given if row is not None and row.keys is not None]
    if ids and len(keys) == len(ids):
        pairs = [(i, key) for i, row in zip(ids, keys, strict=True) for key in row]
        return pd.DataFrame(pairs, columns=[Col.EVENT_ID, "key"], dtype="string")
    found = prepare(events, rows_for(events, known))
    pairs = [(str(found.ids[row]), key) for row, key in key_labels(found)]
    frame = pd.DataFrame(pairs, columns=[Col.EVENT_ID, "key"], dtype="string")
    return frame.drop_duplicates(ignore_index=True)


def _check_bounds(threshold: float, linkage: float) -> None:
    """Positive, finite threshold and linkage."""
    for name, value in (("threshold", threshold), ("linkage", linkage)):
        if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
            raise ValueError(f"{name}={value!r} must be a positive number")


def _checked(events: pd.DataFrame, what: str) -> pd.DataFrame:
    """The frame, validated, with unique event ids."""
    validate_events(events)
    repeated = events[Col.EVENT_ID].duplicated() | events[Col.EVENT_ID].isna()
    if repeated.any():
        bad = sorted(set(events.loc[repeated, Col.EVENT_ID].dropna()))[:5]
        raise SchemaError(f"{what}: event_id must be set and unique; repeated or missing: {bad}")
    return events


def _stored_clusters(existing: pd.DataFrame) -> pd.Series:
    """The existing events' cluster ids, each the event_id of one of its members."""
    if Col.CLUSTER_ID not in existing.columns:
        raise SchemaError(
            "existing events have no cluster_id column; pass the stored events with theirs"
        )
    clusters = existing[Col.CLUSTER_ID].astype("string")
    orphans = clusters.isna() | ~isin_text(clusters, existing[Col.EVENT_ID])
    if orphans.any():
        bad = sorted(set(clusters[orphans].fillna("<NA>")))[:5]
        raise SchemaError(
            f"existing events: cluster ids {bad} are not the event_id of one of their members; "
            "pass every member of each cluster"
        )
    return clusters
