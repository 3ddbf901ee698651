"""Which pairs of events are compared at all: blocking keys and the candidate pairs.

A key is a calendar bucket joined to a name. An event *owns* the key of the smallest bucket
holding its date (the month, else the year; ``U`` when undated or wider) and *probes* the
coarser buckets that could hold an interval containing it (its year; ``U``). A publication
window owns its publication month and probes the month a week before. Names are the people,
organizations and places of the event (its countries only when it names nothing more
specific) and its two longest content words; probes into ``U`` use the specific names only.

Two events are candidates when both own a key, or one probes a key the other owns. Within a
key of at most `ALL_PAIRS` owners every pair is compared; in a larger one (a country in a busy
month) each event meets only its `WINDOW` nearest neighbours in time (ties by event id), so
the number of pairs grows linearly with the number of events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from timeline.merge.features import Bools, Features, Ints, sorted_unique

__all__ = ["ALL_PAIRS", "WINDOW", "candidate_pairs", "key_labels"]

ALL_PAIRS: Final = 64
WINDOW: Final = 8
_UNDATED, _MONTH, _YEAR = 0, 1, 2
_SHIFT: Final = 1 << 32


@dataclass(frozen=True)
class _Entries:
    """(event row, bucket code, own or probe, all names or only specific ones), flattened."""

    rows: Ints
    buckets: Ints
    own: Bools
    specific_only: Bools


def _buckets(features: Features) -> _Entries:
    """Each event's calendar buckets, as parallel arrays."""
    n = len(features.ids)
    rows = np.arange(n, dtype=np.int64)
    low_day = features.low.astype("datetime64[D]")
    high_day = (features.high - 1).astype("datetime64[D]")
    month_low = low_day.astype("datetime64[M]").astype(np.int64)
    month_high = high_day.astype("datetime64[M]").astype(np.int64)
    year_low = low_day.astype("datetime64[Y]").astype(np.int64)
    year_high = high_day.astype("datetime64[Y]").astype(np.int64)
    strict = features.dated & ~features.loose
    in_month = strict & (month_low == month_high)
    in_year = strict & ~in_month & (year_low == year_high)
    loose = features.loose
    undated_own = ~(in_month | in_year | loose)
    parts = [
        (in_month, _code(_MONTH, month_low), True, False),
        (in_month, _code(_YEAR, year_low), False, False),
        (in_year, _code(_YEAR, year_low), True, False),
        (loose, _code(_MONTH, month_high), True, False),
        (loose & (month_low != month_high), _code(_MONTH, month_low), False, False),
        (loose, _code(_YEAR, year_high), False, False),
        (loose & (year_low != year_high), _code(_YEAR, year_low), False, False),
        (undated_own, np.zeros(n, dtype=np.int64), True, False),
        (~undated_own, np.zeros(n, dtype=np.int64), False, True),
    ]
    return _Entries(
        rows=np.concatenate([rows[mask] for mask, _, _, _ in parts]),
        buckets=np.concatenate([codes[mask] for mask, codes, _, _ in parts]),
        own=np.concatenate([np.full(int(mask.sum()), own) for mask, _, own, _ in parts]),
        specific_only=np.concatenate(
            [np.full(int(mask.sum()), specific) for mask, _, _, specific in parts]
        ),
    )


def _code(level: int, values: Ints) -> Ints:
    """A bucket code: the level in the high bits, the month or year number below."""
    return level * _SHIFT + (values + _SHIFT // 2)


def _label(code: int) -> str:
    """A bucket code as text: ``U``, ``M:2023-09`` or ``Y:2023``."""
    level, value = divmod(code, _SHIFT)
    value -= _SHIFT // 2
    if level == _MONTH:
        return f"M:{np.datetime64(value, 'M')}"
    if level == _YEAR:
        return f"Y:{np.datetime64(value, 'Y')}"
    return "U"


@dataclass(frozen=True)
class _Keys:
    """Every (event, key) entry: key codes, event rows, own or probe."""

    keys: Ints
    rows: Ints
    own: Bools
    buckets: Ints
    names: Ints
    vocabulary: list[str]


def _keys(features: Features) -> _Keys:
    """Every bucket of an event joined to every one of its names (specific ones only where
    the bucket asks for them)."""
    entries = _buckets(features)
    names = features.block_names
    counts = np.fromiter((len(x) for x in names), dtype=np.int64, count=len(names))
    flat = np.fromiter((x for row in names for x in row), dtype=object, count=counts.sum())
    codes, vocabulary = pd.factorize(flat)
    starts = np.concatenate([[0], np.cumsum(counts)])[:-1]
    per_entry = np.where(
        entries.specific_only, features.specific[entries.rows], counts[entries.rows]
    )
    entry = np.repeat(np.arange(len(entries.rows)), per_entry)
    offsets = np.arange(int(per_entry.sum())) - np.repeat(
        np.cumsum(per_entry) - per_entry, per_entry
    )
    name = codes[np.repeat(starts[entries.rows], per_entry) + offsets].astype(np.int64)
    bucket = entries.buckets[entry]
    dense = pd.factorize(bucket)[0].astype(np.int64)
    return _Keys(
        keys=dense * (len(vocabulary) + 1) + name,
        rows=entries.rows[entry],
        own=entries.own[entry],
        buckets=bucket,
        names=name,
        vocabulary=[str(v) for v in vocabulary],
    )


def key_labels(features: Features) -> list[tuple[int, str]]:
    """(event row, key text) for every key of every event, own and probe alike."""
    keys = _keys(features)
    labels = {code: _label(int(code)) for code in np.unique(keys.buckets).tolist()}
    return [
        (row, f"{labels[bucket]}|{keys.vocabulary[name]}")
        for row, bucket, name in zip(
            keys.rows.tolist(), keys.buckets.tolist(), keys.names.tolist(), strict=True
        )
    ]


def candidate_pairs(features: Features, touching: Bools | None = None) -> tuple[Ints, Ints]:
    """Pairs (a, b) of events that share a key, a with the smaller event id, each pair once;
    pairs of one article included (the caller tells them apart by ``features.doc``). Given
    `touching` (one flag per event), only the pairs with a flagged event."""
    keys = _keys(features)
    wanted = np.ones(len(features.ids), dtype=bool) if touching is None else touching
    time = np.where(features.dated, features.low, 0)[keys.rows]
    order = np.lexsort((features.rank[keys.rows], time, keys.keys))
    key, row, own, time = keys.keys[order], keys.rows[order], keys.own[order], time[order]
    own_key, own_row, own_time = key[own], row[own], time[own]
    starts = np.searchsorted(own_key, own_key, side="left")
    ends = np.searchsorted(own_key, own_key, side="right")
    small = (ends - starts) <= ALL_PAIRS
    firsts: list[Ints] = []
    seconds: list[Ints] = []
    for step in range(1, ALL_PAIRS):
        same = own_key[:-step] == own_key[step:]
        same &= small[:-step] | (step < WINDOW)
        same &= wanted[own_row[:-step]] | wanted[own_row[step:]]
        firsts.append(own_row[:-step][same])
        seconds.append(own_row[step:][same])
    probe_key, probe_row, probe_time = key[~own], row[~own], time[~own]
    if len(own_key) and len(probe_key):
        first = np.searchsorted(own_key, probe_key, side="left")
        last = np.searchsorted(own_key, probe_key, side="right")
        times = np.unique(np.concatenate([own_time, probe_time]))
        scale = len(times) + 1
        at = np.searchsorted(
            own_key * scale + np.searchsorted(times, own_time),
            probe_key * scale + np.searchsorted(times, probe_time),
        )
        whole = (last - first) <= ALL_PAIRS
        begin = np.where(whole, first, np.maximum(first, at - WINDOW // 2))
        end = np.where(whole, last, np.minimum(last, at + WINDOW // 2))
        for step in range(ALL_PAIRS):
            index = begin + step
            valid = index < end
            valid[valid] &= wanted[probe_row[valid]] | wanted[own_row[index[valid]]]
            firsts.append(probe_row[valid])
            seconds.append(own_row[index[valid]])
    if not firsts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    x, y = np.concatenate(firsts), np.concatenate(seconds)
    keep = x != y
    x, y = x[keep], y[keep]
    swap = features.rank[x] > features.rank[y]
    a, b = np.where(swap, y, x), np.where(swap, x, y)
    n = len(features.ids)
    unique = sorted_unique(a * n + b)[0]
    return unique // n, unique % n
