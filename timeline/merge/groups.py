"""From scored pairs to clusters: best pairs first, each merge checked against the groups.

Two groups merge through a pair only if they share no article, their dated members still have
a day in common, every two of their places can be one place, and the mean content similarity
over every pair of their members (average linkage: the dot product of the groups' summed
vectors over the number of pairs) reaches the linkage bound. So a chain of good pairs cannot
join two stories that merely share a city (the "Los Angeles" story of a celebrity and an
awards host) nor put two events of one article together.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import numpy.typing as npt

from timeline.merge.features import Features, Floats, Ints
from timeline.merge.scoring import ENTITY_WEIGHT, pair_scores, place_relations

__all__ = ["LINKAGE", "Scored", "cluster_ids", "group", "passing"]

LINKAGE: Final = 0.3
_CHUNK: Final = 500_000  # pairs scored at a time (memory)

Scored = tuple[Ints, Ints, Floats]  # pairs (a, b) and their scores
_Where = tuple[int, frozenset[str]]  # a member's primary place and the places it names


class _Groups:
    """Union-find over events with what a merge must respect. Per-group sets are made only
    for events that take part in a merge (most events of a large corpus stay alone)."""

    def __init__(self, features: Features, frozen: Ints, linkage: float) -> None:
        n = len(features.ids)
        self.features = features
        self.linkage = linkage
        self.parent = list(range(n))
        self.size = [1] * n
        self.frozen = (frozen >= 0).tolist()
        self.doc = features.doc.tolist()
        self.place = features.place.tolist()
        self.low = np.where(features.dated, features.low, np.iinfo(np.int64).min).tolist()
        self.high = np.where(features.dated, features.high, np.iinfo(np.int64).max).tolist()
        self.docs: dict[int, set[int]] = {}  # per root of a group of two or more
        self.where: dict[int, set[_Where]] = {}
        self.sums: dict[int, dict[int, float]] = {}
        self._fit_cache: dict[tuple[int, int], bool] = {}
        # A frozen group (a stored cluster) is joined at once, root its first member; what
        # a merge checks of it is gathered only when a pair reaches it (most never do).
        self.pending: dict[int, list[int]] = {}
        members = np.flatnonzero(frozen >= 0)
        members = members[np.argsort(frozen[members], kind="stable")]
        labels = frozen[members]
        for stored in np.split(members, np.flatnonzero(labels[1:] != labels[:-1]) + 1):
            listed = stored.tolist()
            if len(listed) > 1:
                for member in listed[1:]:
                    self.parent[member] = listed[0]
                self.size[listed[0]] = len(listed)
                self.pending[listed[0]] = listed

    def find(self, x: int) -> int:
        """The root of x's group (path halving)."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def try_merge(self, a: int, b: int) -> None:
        """Merge the groups of a and b if they may and can."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb or (self.frozen[ra] and self.frozen[rb]):
            return
        for root in (ra, rb):
            if root in self.pending:
                self._gather(root)
        if not self._docs(ra).isdisjoint(self._docs(rb)):
            return
        if max(self.low[ra], self.low[rb]) >= min(self.high[ra], self.high[rb]):
            return
        if not self._fits(ra, rb):
            return
        if self._linkage(ra, rb) < self.linkage:
            return
        self._union(ra, rb)

    def roots(self) -> Ints:
        """Each event's group root."""
        return np.array([self.find(x) for x in range(len(self.parent))], dtype=np.int64)

    def _gather(self, root: int) -> None:
        """What a merge checks of a frozen group, its members taken in order as if joined
        one by one (so its summed vector is the same to the last bit)."""
        members = self.pending.pop(root)
        total = self._vector(root)
        for member in members[1:]:
            for column, weight in self._vector(member).items():
                total[column] = total.get(column, 0.0) + weight
        self.sums[root] = total
        self.docs[root] = {self.doc[m] for m in members}
        self.where[root] = set().union(*(self._where(m) for m in members))
        self.low[root] = max(self.low[m] for m in members)
        self.high[root] = min(self.high[m] for m in members)

    def _docs(self, root: int) -> set[int]:
        """The articles of a group."""
        return self.docs.get(root) or {self.doc[root]}

    def _where(self, root: int) -> set[_Where]:
        """The places of a group: each member's primary place and the places it names."""
        found = self.where.get(root)
        if found is None:
            place, sites = self.place[root], self.features.site_sets[root]
            found = {(place, sites)} if place >= 0 or sites else set()
        return found

    def _fits(self, ra: int, rb: int) -> bool:
        """Every place of one group can be one with every place of the other: one names the
        other's place, one has none, or their primary places can be one (known per pair of
        primary places; those not known yet are computed together)."""
        unknown = []
        for x in self._where(ra):
            for y in self._where(rb):
                if x[0] < 0 or y[0] < 0 or not x[1].isdisjoint(y[1]):
                    continue
                key = (x[0], y[0]) if x[0] <= y[0] else (y[0], x[0])
                known = self._fit_cache.get(key)
                if known is None:
                    unknown.append(key)
                elif not known:
                    return False
        if not unknown:
            return True
        pairs = np.array(list(dict.fromkeys(unknown)), dtype=np.int64)
        fit = ~np.isnan(place_relations(self.features.places, pairs[:, 0], pairs[:, 1]))
        self._fit_cache.update(zip(map(tuple, pairs.tolist()), fit.tolist(), strict=True))
        return bool(fit.all())

    def _sum(self, root: int) -> dict[int, float]:
        """The sum of the group's content vectors: wording, then names scaled so that a dot
        product is ``wording + ENTITY_WEIGHT * names``."""
        vector = self.sums.get(root)
        if vector is None:
            vector = self.sums[root] = self._vector(root)
        return vector

    def _vector(self, event: int) -> dict[int, float]:
        """One event's content vector."""
        words, names = self.features.words, self.features.names
        vector = words.row(event)
        vector.update(names.row(event, offset=words.width, scale=math.sqrt(ENTITY_WEIGHT)))
        return vector

    def _linkage(self, ra: int, rb: int) -> float:
        """Mean content similarity over every pair of members of two groups."""
        x, y = self._sum(ra), self._sum(rb)
        if len(x) > len(y):
            x, y = y, x
        dot = sum(weight * y.get(column, 0.0) for column, weight in x.items())
        return dot / float(self.size[ra] * self.size[rb])

    def _union(self, ra: int, rb: int) -> None:
        """Join two roots, the smaller group into the larger."""
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        total = self._sum(ra)
        extra = self.sums.pop(rb, None) or self._vector(rb)
        for column, weight in extra.items():
            total[column] = total.get(column, 0.0) + weight
        self.docs[ra] = self._docs(ra) | self.docs.pop(rb, {self.doc[rb]})
        self.where[ra] = self._where(ra) | self._where(rb)
        self.where.pop(rb, None)
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        self.low[ra] = max(self.low[ra], self.low[rb])
        self.high[ra] = min(self.high[ra], self.high[rb])
        self.frozen[ra] = self.frozen[ra] or self.frozen[rb]


def group(features: Features, scored: Scored, *, linkage: float, frozen: Ints) -> Ints:
    """A group root per event after merging the `scored` pairs (:func:`passing`), best first
    (ties by event ids). Events with one `frozen` label (>= 0) start as a group, and two
    frozen groups never merge.

    An article that tells one event twice ("met in Geneva on Wednesday ... In Geneva on
    Wednesday, they also") would otherwise seed two rival clusters that the one-article rule
    keeps apart: the weaker telling (an echo) is merged last, once the clusters have formed.
    An echo is found among the pairs given: a caller that leaves out the pairs of two frozen
    events (placed already) makes no frozen event an echo."""
    a, b, score = scored
    own = features.doc[a] == features.doc[b]
    a, b, score, echo = a[~own], b[~own], score[~own], _echoes(features, a, b, score, own)
    if (frozen >= 0).any():
        keep = (frozen[a] < 0) | (frozen[b] < 0)
        a, b, score = a[keep], b[keep], score[keep]
    groups = _Groups(features, frozen, linkage)
    late = echo[a] | echo[b]
    order = np.lexsort((features.rank[b], features.rank[a], -score, late))
    for x, y in zip(a[order].tolist(), b[order].tolist(), strict=True):
        groups.try_merge(x, y)
    return groups.roots()


def passing(features: Features, pairs: tuple[Ints, Ints], threshold: float) -> Scored:
    """The pairs scoring at least `threshold`, with their scores (scored in chunks)."""
    a, b = pairs
    kept: list[tuple[Ints, Ints, Floats]] = [(a[:0], b[:0], np.zeros(0))]
    for start in range(0, len(a), _CHUNK):
        chunk_a, chunk_b = a[start : start + _CHUNK], b[start : start + _CHUNK]
        scores = pair_scores(features, chunk_a, chunk_b)
        passing = scores >= threshold
        kept.append((chunk_a[passing], chunk_b[passing], scores[passing]))
    return (
        np.concatenate([k[0] for k in kept]),
        np.concatenate([k[1] for k in kept]),
        np.concatenate([k[2] for k in kept]),
    )


def _echoes(
    features: Features, a: Ints, b: Ints, score: Floats, own: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Events that retell another event of their article: of two that pass the threshold
    together, the one whose best match in another article is weaker (ties: later in the
    text, then the larger event id)."""
    best = np.zeros(len(features.ids))
    np.maximum.at(best, a[~own], score[~own])
    np.maximum.at(best, b[~own], score[~own])
    a, b = a[own], b[own]
    first = (best[a], -features.position[a], -features.rank[a])
    second = (best[b], -features.position[b], -features.rank[b])
    a_wins = (first[0] > second[0]) | (
        (first[0] == second[0])
        & ((first[1] > second[1]) | ((first[1] == second[1]) & (first[2] > second[2])))
    )
    echo = np.zeros(len(features.ids), dtype=bool)
    echo[np.where(a_wins, b, a)] = True
    return echo


def cluster_ids(features: Features, roots: Ints) -> npt.NDArray[np.object_]:
    """Per event, the event_id of its group's earliest report (earliest published, unknown
    last, then the smallest event_id)."""
    order = np.lexsort((features.rank, features.published, roots))
    first = np.ones(len(order), dtype=bool)
    first[1:] = roots[order][1:] != roots[order][:-1]
    head = np.zeros(len(roots), dtype=np.int64)
    head[roots[order][first]] = order[first]
    ids: npt.NDArray[np.object_] = features.ids[head[roots]]
    return ids
