"""What the comparison of two events needs, computed once per frame as arrays.

Dates become integer days (end exclusive); a publication date (``date_source`` "published")
becomes the window of the week up to it. Wording becomes TF-IDF rows of content words, names
(actors, places, countries) IDF-weighted rows; both are L2-normalized so a dot product is a
cosine, and the sum of a group's rows gives its average similarity to another group.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from timeline.merge.words import content_words, fold
from timeline.schema import Col

__all__ = [
    "EventRow",
    "Features",
    "Places",
    "Rows",
    "compute_rows",
    "matrix",
    "prepare",
    "rows_for",
    "sorted_unique",
]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

# How much a date counts, by where it came from.
SOURCE_WEIGHT: Final[dict[str, float]] = {"explicit": 1.0, "context": 0.7, "published": 0.4}
PUBLISHED_WINDOW_DAYS: Final = 7  # a publication date stands for the week up to it
_KEY_WORDS: Final = 2  # the longest content words of a sentence also block
_MAX_NAMES: Final = 6  # names per event used as blocking keys
_SEP: Final = "; "


@dataclass(frozen=True)
class Rows:
    """A sparse matrix, one row per event: sorted (row, column) keys and their weights."""

    indptr: Ints
    columns: Ints
    weights: Floats
    keys: Ints  # row * width + column, sorted
    width: int

    def dot(self, a: Ints, b: Ints) -> Floats:
        """Dot products of rows a[i] and b[i]: the shorter row's entries are looked up in
        the other by binary search over the sorted keys."""
        lengths_a = self.indptr[a + 1] - self.indptr[a]
        lengths_b = self.indptr[b + 1] - self.indptr[b]
        swap = lengths_b < lengths_a
        short, long = np.where(swap, b, a), np.where(swap, a, b)
        counts = np.minimum(lengths_a, lengths_b)
        pair = np.repeat(np.arange(len(a)), counts)
        offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        entry = np.repeat(self.indptr[short], counts) + offsets
        query = long[pair] * self.width + self.columns[entry]
        found = np.minimum(np.searchsorted(self.keys, query), max(len(self.keys) - 1, 0))
        hit = self.keys[found] == query if len(self.keys) else np.zeros(len(query), dtype=bool)
        products = self.weights[entry[hit]] * self.weights[found[hit]]
        sums = np.bincount(pair[hit], weights=products, minlength=len(a))
        return sums.astype(np.float64, copy=False)

    def row(self, index: int, *, offset: int = 0, scale: float = 1.0) -> dict[int, float]:
        """One row as {column + offset: weight * scale}."""
        start, end = self.indptr[index], self.indptr[index + 1]
        columns = (self.columns[start:end] + offset).tolist()
        return dict(zip(columns, (self.weights[start:end] * scale).tolist(), strict=True))

    def lengths(self) -> Ints:
        """The number of entries of each row."""
        return np.diff(self.indptr)


def matrix(items: Sequence[Sequence[str]], *, tf_idf: bool, normalize: bool = True) -> Rows:
    """Rows of item weights: TF-IDF (`tf_idf`) or the square root of each distinct item's IDF
    (a dot product then sums the IDF of shared items); `normalize` makes dot products cosines.
    IDF is smoothed over the rows given: ln((1 + n) / (1 + df)) + 1."""
    n = len(items)
    lengths = np.fromiter((len(x) for x in items), dtype=np.int64, count=n)
    flat = np.fromiter((item for row in items for item in row), dtype=object, count=lengths.sum())
    codes, vocabulary = pd.factorize(flat, sort=True)
    width = max(len(vocabulary), 1)
    rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    keys, counts = sorted_unique(rows * width + codes.astype(np.int64))
    rows, columns = keys // width, keys % width
    idf = np.log((1 + n) / (1 + np.bincount(columns, minlength=width))) + 1.0
    weights = (1.0 + np.log(counts)) * idf[columns] if tf_idf else np.sqrt(idf[columns])
    if normalize:
        norms = np.sqrt(np.bincount(rows, weights=weights**2, minlength=n))
        weights = weights / np.where(norms > 0, norms, 1.0)[rows]
    indptr = np.searchsorted(rows, np.arange(n + 1)).astype(np.int64)
    return Rows(indptr, columns.astype(np.int64), weights.astype(np.float64), keys, width)


@dataclass(frozen=True)
class Places:
    """The distinct primary places of a frame, as arrays (an event points to one by index)."""

    name: Ints  # folded name, as a code
    kind: npt.NDArray[np.object_]
    country: Ints  # ISO code as a code, -1 when none
    lat: Floats
    lon: Floats


@dataclass(frozen=True)
class Features:
    """One entry per event of the frame."""

    ids: npt.NDArray[np.object_]
    rank: Ints  # rank of event_id: the tie-break that makes results independent of row order
    doc: Ints
    position: Ints  # where the sentence starts in its article
    published: Ints  # seconds; unknown is the largest value (the latest)
    dated: Bools
    loose: Bools  # a publication date: any overlap is compatible, not only nesting
    low: Ints  # days since 1970
    high: Ints  # end exclusive
    weight: Floats  # how much the date counts
    place: Ints  # index into places, -1 for none
    places: Places
    words: Rows
    names: Rows
    sites: Rows  # place names (not countries): "one sentence names the other's place"
    site_sets: list[frozenset[str]]
    block_names: list[tuple[str, ...]]  # "n:name" and "w:word" keys, specific names first
    specific: Ints  # how many of block_names are people, organizations or places


@dataclass(frozen=True, slots=True)
class EventRow:
    """What the comparison needs of one event that depends on that event alone (its
    sentence and names), so that it can be computed where the event is extracted and kept
    for the next batches: folded names and stems, shared between rows (interned)."""

    words: tuple[str, ...]  # content words of the sentence, in order
    site_set: tuple[str, ...]  # places named, and the primary place unless a country
    names: tuple[str, ...]  # actors, places, countries, primary place
    specific: int  # how many of block_names are people, organizations or places
    block_names: tuple[str, ...]  # "n:name" and "w:word" keys, specific names first
    keys: tuple[str, ...] | None = None  # blocking keys (``timeline.merge.blocking_keys``)

    def kept(self) -> EventRow:
        """The row to keep for later comparisons: without its keys, its strings interned (a
        row that came from another process holds its own copy of every word)."""
        return EventRow(
            words=_interned(self.words),
            site_set=_interned(self.site_set),
            names=_interned(self.names),
            specific=self.specific,
            block_names=_interned(self.block_names),
        )


def rows_for(events: pd.DataFrame, known: Mapping[str, EventRow] | None) -> list[EventRow]:
    """Each event's row, from `known` (by event_id) when there, else computed."""
    if not known:
        return compute_rows(events)
    ids = events[Col.EVENT_ID].tolist()
    found = [known.get(i) for i in ids]
    missing = [at for at, row in enumerate(found) if row is None]
    if missing:
        for at, row in zip(missing, compute_rows(events.iloc[missing]), strict=True):
            found[at] = row
    return [row for row in found if row is not None]


def compute_rows(events: pd.DataFrame) -> list[EventRow]:
    """Each event's :class:`EventRow`, in row order."""
    words = [content_words(s) for s in events[Col.SENTENCE].fillna("").tolist()]
    actors = _split(events[Col.ACTORS])
    sites = _split(events[Col.PLACES])
    countries = _split(events[Col.COUNTRIES])
    primary = [fold(p) if isinstance(p, str) else "" for p in events[Col.PLACE].tolist()]
    kinds = events[Col.PLACE_KIND].fillna("").tolist()
    rows = []
    for w, a, s, c, p, k in zip(words, actors, sites, countries, primary, kinds, strict=True):
        site_set = _unique([*s, *([p] if p and k not in ("country", "continent") else [])])
        specific = _unique([x for x in a if x not in set(c)] + site_set)[:_MAX_NAMES]
        block = ["n:" + x for x in (specific or c[:2])] + ["w:" + x for x in _longest(w)]
        rows.append(
            EventRow(
                words=_interned(w),
                site_set=_interned(site_set),
                names=_interned(_unique([*a, *s, *c, *([p] if p else [])])),
                specific=len(specific),
                block_names=_interned(block),
            )
        )
    return rows


def prepare(events: pd.DataFrame, rows: Sequence[EventRow] | None = None) -> Features:
    """The comparison features of a validated events frame with unique event ids; `rows`
    are its :func:`compute_rows` when they are known already (the same features, less work)."""
    n = len(events)
    if rows is None:
        rows = compute_rows(events)
    ids = events[Col.EVENT_ID].to_numpy(dtype=object)
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(ids.astype(str), kind="stable")] = np.arange(n)
    low, high, dated, loose, weight = _days(events)
    place, places = _places(events)
    return Features(
        ids=ids,
        rank=rank,
        doc=pd.factorize(events[Col.DOC_ID].fillna(""))[0].astype(np.int64),
        position=events[Col.CHAR_START].to_numpy(dtype=np.int64),
        published=_seconds(events[Col.PUBLISHED]),
        dated=dated,
        loose=loose,
        low=low,
        high=high,
        weight=weight,
        place=place,
        places=places,
        words=matrix([r.words for r in rows], tf_idf=True),
        names=matrix([r.names for r in rows], tf_idf=False),
        sites=matrix([r.site_set for r in rows], tf_idf=False, normalize=False),
        site_sets=[frozenset(r.site_set) for r in rows],
        block_names=[r.block_names for r in rows],
        specific=np.array([r.specific for r in rows], dtype=np.int64),
    )


def sorted_unique(values: Ints) -> tuple[Ints, Ints]:
    """The distinct values, sorted, and how often each occurs (a sort, which numpy's hashing
    np.unique is slower than on these mostly ordered arrays)."""
    values = np.sort(values, kind="stable")
    if not len(values):
        return values, np.zeros(0, dtype=np.int64)
    first = np.flatnonzero(np.concatenate([[True], values[1:] != values[:-1]]))
    counts = np.diff(np.concatenate([first, [len(values)]]))
    return values[first], counts.astype(np.int64)


def _seconds(column: pd.Series) -> Ints:
    """Datetimes as seconds, unknown as the largest int64 (sorts last)."""
    values = column.to_numpy(dtype="datetime64[s]")
    return np.where(np.isnat(values), np.iinfo(np.int64).max, values.astype(np.int64))


def _days(events: pd.DataFrame) -> tuple[Ints, Ints, Bools, Bools, Floats]:
    """(low, high, dated, loose, weight): each event's date as whole days, end exclusive; a
    time of day widens to its day; a publication date to the week up to it."""
    source = events[Col.DATE_SOURCE].fillna("explicit").to_numpy(dtype=object)
    start = events[Col.START].to_numpy(dtype="datetime64[s]")
    end = events[Col.END].to_numpy(dtype="datetime64[s]")
    dated = ~np.isnat(start)
    loose = dated & (source == "published")
    low = np.where(dated, start.astype("datetime64[D]").astype(np.int64), 0)
    end_day = end.astype("datetime64[D]")
    partial = (end > end_day.astype("datetime64[s]")).astype(np.int64)  # ends within a day
    high = np.where(np.isnat(end), low + 1, end_day.astype(np.int64) + partial)
    high = np.where(dated, np.maximum(high, low + 1), 0)
    low = np.where(loose, low - PUBLISHED_WINDOW_DAYS, low)
    weight = np.array([SOURCE_WEIGHT.get(s, 1.0) for s in source], dtype=np.float64)
    return low.astype(np.int64), high.astype(np.int64), dated, loose, weight


def _places(events: pd.DataFrame) -> tuple[Ints, Places]:
    """Each event's primary place as an index into the frame's distinct places (-1: none),
    numbered in sorted order so that the numbers do not depend on the order of the rows."""
    keys: list[tuple[str, str, str, float, float] | None] = []
    lat = events[Col.LAT].round(3).to_numpy(dtype=np.float64, na_value=np.nan)
    lon = events[Col.LON].round(3).to_numpy(dtype=np.float64, na_value=np.nan)
    located = ~(np.isnan(lat) | np.isnan(lon))
    folded: dict[str, str] = {}  # places repeat: fold each name once
    for name, kind, country, y, x, usable in zip(
        events[Col.PLACE].tolist(),
        events[Col.PLACE_KIND].fillna("").tolist(),
        events[Col.COUNTRY].fillna("").tolist(),
        lat.tolist(),
        lon.tolist(),
        located.tolist(),
        strict=True,
    ):
        if usable and isinstance(name, str):
            key = folded.get(name)
            if key is None:
                key = folded[name] = fold(name)
            keys.append((key, kind, country, y, x))
        else:
            keys.append(None)
    distinct = sorted({key for key in keys if key is not None})
    number = {key: at for at, key in enumerate(distinct)}
    index = np.array([-1 if key is None else number[key] for key in keys], dtype=np.int64)
    names = pd.factorize(np.array([k[0] for k in distinct], dtype=object))[0]
    countries = pd.factorize(np.array([k[2] for k in distinct], dtype=object))[0]
    places = Places(
        name=names.astype(np.int64),
        kind=np.array([k[1] for k in distinct], dtype=object),
        country=np.where([k[2] == "" for k in distinct], -1, countries).astype(np.int64),
        lat=np.array([k[3] for k in distinct], dtype=np.float64),
        lon=np.array([k[4] for k in distinct], dtype=np.float64),
    )
    return index, places


def _split(column: pd.Series) -> list[list[str]]:
    """A "; "-joined names column as lists of folded names."""
    return [list(_names(value)) if isinstance(value, str) else [] for value in column.tolist()]


@lru_cache(maxsize=1 << 16)
def _names(cell: str) -> tuple[str, ...]:
    """One "; "-joined cell as folded names (cells repeat: "United States")."""
    return tuple(fold(x.strip()) for x in cell.split(_SEP) if x.strip())


def _unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order, once each."""
    return list(dict.fromkeys(items))


def _interned(items: Iterable[str]) -> tuple[str, ...]:
    """The items as a tuple of interned strings: rows kept for many events share them."""
    return tuple(sys.intern(x) for x in items)


def _longest(words: list[str]) -> list[str]:
    """The longest distinct words: a stand-in for the rarest that needs no corpus counts, so
    an event's keys do not depend on the other events."""
    return sorted(set(words), key=lambda w: (-len(w), w))[:_KEY_WORDS]
