"""Document context: explicit cues, votes of the other names, and scores for each reading.

An explicit "City, ST" / "City, Country" around a name decides. Otherwise the other names in
the document vote for admin1 regions, admin2 areas and countries (closer names weigh more),
with a dateline country hint, on top of each reading's prior (``candidates``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

from timeline.geo.candidates import _Candidate, _candidates

__all__: list[str] = []

# Context weights. An explicit "City, ST" decides. Otherwise every other name in the document
# votes for the admin1 regions, countries and admin2 areas of its readings (all of its vote for
# one reading when it is unambiguous, shared evenly when not), weighted by distance: 1 within
# _NEAR_CHARS, 0.6 within _FAR_CHARS, 0.3 beyond. Votes for a reading's admin1 can overturn the
# class order (a US state named "Georgia" near Atlanta) and population; votes for its country
# only break ties (GEO.md 4: the doc's country alone fixes as much as it breaks). The weights
# were set on the dev sets (docs/GEO.md), on a coarse grid, not per document.
_EXPLICIT_BONUS: Final = 300.0
_NEAR_CHARS: Final = 200
_FAR_CHARS: Final = 1000
_FAR: Final = 0.3  # the weight of a name further away than _FAR_CHARS
_REGION_BONUS: Final = 25.0  # per (distance-weighted) vote for the reading's admin1
_COUNTRY_BONUS: Final = 6.0  # per vote for the reading's country
_COUNTY_BONUS: Final = 20.0  # per vote for the reading's admin2 (Paris and Henry County, TN)
_VOTE_CAP: Final = 3.0
_HINT_BONUS: Final = 5.0
# A namesake in a country where no other place of the document lies needs this much of the
# other names' votes for its region (a fifth of one name's vote nearby: London, Ontario next
# to an ambiguous St. Thomas), not a share of Geneva's eleven (Rome, New York). See _abroad.
_ABROAD_VOTES: Final = 0.15
# A document profile alone never moves a name off a continent, a curated site or a city of
# a million people: only a region named within _FAR_CHARS or an explicit cue does.
_WORLD_CITY: Final = 1_000_000
_PROTECTED_CLASSES: Final = frozenset({"continent", "site"})
# "China" near Houston and Texas is still the country, not China, Texas: for the most populous
# countries only an explicit "China, Texas" moves the name (small ones are towns in local
# news: Palestine and Jordan in LGL).
_BIG_COUNTRY: Final = 30_000_000
_ANY_CONTEXT, _CLOSE_ONLY, _EXPLICIT_ONLY = 0, 1, 2

_AFTER_NAME: Final = re.compile(r"\s*,\s*((?:[A-Z][\w.'’&\-]*)(?:\s+[A-Z][\w.'’&\-]*){0,3})")
_BEFORE_NAME: Final = re.compile(r"((?:[A-Z][\w.'’&\-]*)(?:\s+[A-Z][\w.'’&\-]*){0,3})\s*,\s*$")


@dataclass
class _Group:
    """All mentions of one name in a document."""

    key: str
    surface: str
    candidates: list[_Candidate]
    positions: list[tuple[int, int]]
    admin1_cues: set[tuple[str, str]]
    country_cues: set[str]
    contained_cues: set[tuple[str, str]]  # this name follows a city of these admin1/countries
    anchor: _Candidate | None = None


def _region_of(candidate: _Candidate) -> tuple[str, str]:
    """(country, admin1) of a reading; admin1 is empty for countries and continents."""
    place = candidate.entry.place
    if candidate.entry.cls in ("country", "continent"):
        return (place.country or "", "")
    return (place.country or "", candidate.entry.admin1)


def _following_cues(text: str, end: int) -> tuple[set[tuple[str, str]], set[str]]:
    """Admin1 and country readings of a ", ST" / ", Country" right after a name."""
    match = _AFTER_NAME.match(text, end, min(len(text), end + 60))
    admin1: set[tuple[str, str]] = set()
    countries: set[str] = set()
    if not match:
        return admin1, countries
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[:size]).rstrip(",")
        found = [c for c in _candidates(phrase) if c.primary]
        for cand in found:
            if cand.entry.cls == "adm1":
                admin1.add((_region_of(cand)[0], cand.entry.admin1))
            elif cand.entry.cls == "country":
                countries.add(cand.entry.place.country or "")
        if admin1 or countries:
            break
    return admin1, countries


def _preceding_cues(text: str, start: int) -> set[tuple[str, str]]:
    """(country, admin1) of the cities a name follows ("Atlanta, Georgia" -> US GA)."""
    match = _BEFORE_NAME.search(text, max(0, start - 60), start)
    if not match:
        return set()
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[-size:])
        found = [c for c in _candidates(phrase) if c.entry.cls in ("city", "adm2", "site")]
        if found:
            return {_region_of(c) for c in found}
    return set()


def _anchor(group: _Group) -> _Candidate | None:
    """The reading of a name that is safe to use as context for others, if any."""
    candidates = group.candidates
    if not candidates:
        return None
    if group.admin1_cues or group.country_cues:
        cued = [c for c in candidates if _matches_cue(c, group)]
        if cued:
            return cued[0]
    primaries = [c for c in candidates if c.primary] or candidates
    top = primaries[0]
    regions = {_region_of(c) for c in primaries}
    if len(regions) == 1:
        return top
    if top.entry.cls in ("continent", "country", "adm1"):
        rivals = [c for c in primaries[1:] if c.entry.cls in ("continent", "country", "adm1")]
        return None if rivals else top
    second = primaries[1].entry.place.population
    if top.entry.place.population >= 100_000 and top.entry.place.population >= 10 * second:
        return top
    return None


def _matches_cue(candidate: _Candidate, group: _Group) -> bool:
    """Whether a reading agrees with an explicit ", ST"/", Country" after the name."""
    country, admin1 = _region_of(candidate)
    if candidate.entry.cls in ("country", "continent"):
        return False
    return (country, admin1) in group.admin1_cues or country in group.country_cues


@dataclass
class _Votes:
    """How strongly one name (or, summed, the rest of a document) points at each admin1
    region, country and admin2 area."""

    regional: dict[tuple[str, str], float]
    national: dict[str, float]
    county: dict[str, float]
    close: dict[tuple[str, str], float]  # regional votes from within _FAR_CHARS only


def _votes(group: _Group) -> _Votes:
    """All of a name's vote for an anchored reading, shared evenly among its readings'
    regions otherwise."""
    readings = (
        [group.anchor]
        if group.anchor is not None
        else ([c for c in group.candidates if c.primary] or group.candidates)
    )
    regions = {_region_of(c) for c in readings}
    countries = {r[0] for r in regions}
    counties = {c.entry.admin2 for c in readings if c.entry.admin2}
    return _Votes(
        {r: 1.0 / len(regions) for r in regions if r[1]},
        {c: 1.0 / len(countries) for c in countries if c},
        {c: 1.0 / len(counties) for c in counties},
        {},
    )


def _nearness(groups: list[_Group]) -> list[dict[int, float]]:
    """For each group, the weight of every other group named within _FAR_CHARS of it (1.0
    within _NEAR_CHARS, else 0.6), keyed by index; groups further apart weigh _FAR.

    One sweep over the mentions in text order, keeping the groups named in the last
    _FAR_CHARS characters, so a long document costs time in proportion to its mentions (times
    the names close to each), not to their square.
    """
    mentions = sorted(
        (start, end, index) for index, group in enumerate(groups) for start, end in group.positions
    )
    near: list[dict[int, float]] = [{} for _ in groups]
    recent: dict[int, int] = {}  # group -> the furthest end of its mentions so far
    for start, end, index in mentions:
        while recent:  # the least recently named first
            oldest, oldest_end = next(iter(recent.items()))
            if start - oldest_end <= _FAR_CHARS:
                break
            del recent[oldest]
        for other, other_end in recent.items():
            gap = max(start - other_end, 0)  # mentions come in start order
            if other == index or gap > _FAR_CHARS:
                continue
            weight = 1.0 if gap <= _NEAR_CHARS else 0.6
            if near[index].get(other, 0.0) < weight:
                near[index][other] = near[other][index] = weight
        furthest = max(end, recent.pop(index, end))
        recent[index] = furthest
    return near


@dataclass
class _Support:
    """Distance-weighted votes of the other names in the document for one name: everyone's
    at the far weight (`total`), corrected by `delta` (less this name's own votes, plus the
    extra weight of the names close by; `delta.close` holds the votes from close by).

    Sums are rounded to 1e-9, so that equal votes reached in a different order stay equal.
    """

    total: _Votes
    delta: _Votes

    def regional(self, key: tuple[str, str]) -> float:
        return round(self.total.regional.get(key, 0.0) + self.delta.regional.get(key, 0.0), 9)

    def national(self, key: str) -> float:
        return round(self.total.national.get(key, 0.0) + self.delta.national.get(key, 0.0), 9)

    def county(self, key: str) -> float:
        return round(self.total.county.get(key, 0.0) + self.delta.county.get(key, 0.0), 9)

    def close(self, key: tuple[str, str]) -> float:
        return round(self.delta.close.get(key, 0.0), 9)


def _add(into: _Votes, votes: _Votes, weight: float, close: float) -> None:
    """Add `weight` times `votes` to `into`, and `close` times its regional votes to the
    close ones."""
    for region, vote in votes.regional.items():
        into.regional[region] = into.regional.get(region, 0.0) + weight * vote
        if close:
            into.close[region] = into.close.get(region, 0.0) + close * vote
    for country, vote in votes.national.items():
        into.national[country] = into.national.get(country, 0.0) + weight * vote
    for county, vote in votes.county.items():
        into.county[county] = into.county.get(county, 0.0) + weight * vote


def _support(
    index: int, near: dict[int, float], voters: dict[int, _Votes], total: _Votes
) -> _Support:
    """The support of the other names for group `index` (see _Support)."""
    delta = _Votes({}, {}, {}, {})
    if index in voters:
        _add(delta, voters[index], -_FAR, 0.0)
    for other, weight in near.items():
        if other in voters:
            _add(delta, voters[other], weight - _FAR, weight)
    return _Support(total, delta)


def _contains_cue(candidate: _Candidate, group: _Group) -> bool:
    """Whether a region or country reading holds a city written right before the name
    ("Atlanta, Georgia")."""
    country, admin1 = _region_of(candidate)
    cls = candidate.entry.cls
    return cls in ("adm1", "country") and any(
        (country, admin1) == cue or (cls == "country" and country == cue[0])
        for cue in group.contained_cues
    )


def _score(
    candidate: _Candidate,
    group: _Group,
    support: _Support,
    hint_country: str | None,
    protection: int,
) -> float:
    """Prior plus context bonuses for one reading of one name."""
    score = candidate.prior
    country, admin1 = _region_of(candidate)
    cls = candidate.entry.cls
    if _matches_cue(candidate, group):
        score += _EXPLICIT_BONUS
    if _contains_cue(candidate, group):
        score += _EXPLICIT_BONUS
    if cls in ("country", "continent"):
        region_votes = support.national(country)
        close_votes = region_votes
    else:
        region_votes = support.regional((country, admin1)) if admin1 else 0.0
        close_votes = support.close((country, admin1)) if admin1 else 0.0
    if protection == _EXPLICIT_ONLY:
        pass
    elif protection == _CLOSE_ONLY:
        score += _REGION_BONUS * min(close_votes, _VOTE_CAP)
    else:
        score += _REGION_BONUS * min(region_votes, _VOTE_CAP)
        score += _COUNTRY_BONUS * min(support.national(country), _VOTE_CAP)
        if candidate.entry.admin2:
            county_votes = support.county(candidate.entry.admin2)
            score += _COUNTY_BONUS * min(county_votes, _VOTE_CAP)
    if hint_country and country == hint_country:
        score += _HINT_BONUS
    return score


def _protection(top: _Candidate) -> int:
    """How much context it takes to move a name off its best prior reading."""
    if not top.primary:
        return _ANY_CONTEXT
    place = top.entry.place
    if top.entry.cls == "country" and place.population >= _BIG_COUNTRY:
        return _EXPLICIT_ONLY
    if top.entry.cls in _PROTECTED_CLASSES or (
        top.entry.cls == "city" and place.population >= _WORLD_CITY
    ):
        return _CLOSE_ONLY
    return _ANY_CONTEXT


def _choose(groups: dict[str, _Group], hint_country: str | None) -> dict[str, _Candidate | None]:
    """The best reading of every name, given the votes of all the others; then a namesake
    abroad must show evidence (see _abroad)."""
    ordered = list(groups.values())
    voters = {i: _votes(group) for i, group in enumerate(ordered) if group.candidates}
    total = _Votes({}, {}, {}, {})
    for votes in voters.values():
        _add(total, votes, _FAR, 0.0)
    near = _nearness(ordered)
    chosen: dict[str, _Candidate | None] = {}
    supports: dict[str, _Support] = {}
    for index, group in enumerate(ordered):
        if not group.candidates:
            chosen[group.key] = None
            continue
        supports[group.key] = support = _support(index, near[index], voters, total)
        protection = _protection(group.candidates[0])
        chosen[group.key] = max(
            group.candidates, key=lambda c: _score(c, group, support, hint_country, protection)
        )
    first = {key: c for key, c in chosen.items() if c is not None}
    countries = Counter(_region_of(c)[0] for c in first.values())
    regions = Counter(region for votes in voters.values() for region in votes.regional)
    for index, group in enumerate(ordered):
        reading = first.get(group.key)
        if reading is None:
            continue
        others = _Others(countries.copy(), regions.copy())
        others.countries[_region_of(reading)[0]] -= 1
        others.regions.subtract(voters[index].regional.keys())
        support = supports[group.key]
        if not _abroad(reading, group, others, support, hint_country):
            continue
        protection = _protection(group.candidates[0])
        kept = [c for c in group.candidates if not _abroad(c, group, others, support, hint_country)]
        chosen[group.key] = max(
            kept, key=lambda c: _score(c, group, support, hint_country, protection)
        )
    return chosen


@dataclass
class _Others:
    """What the other names of a document say: the countries of their first choices, and
    how many of them have a reading in each admin1 region."""

    countries: Counter[str]
    regions: Counter[tuple[str, str]]


def _abroad(
    candidate: _Candidate,
    group: _Group,
    others: _Others,
    support: _Support,
    hint_country: str | None,
) -> bool:
    """Whether a reading is a namesake in a country where no other place of the document lies
    (by the other names' first choices), with no evidence for it: no explicit cue, fewer than
    two other names with a reading in its region, and less than _ABROAD_VOTES of their votes
    for that region. "Rome" in a story about France,
    Germany, Italy and Ukraine meeting in Geneva is not Rome, New York, whatever a namesake of
    Geneva says; "London" beside St. Thomas and Middlesex is London, Ontario, even where those
    two went elsewhere. The name's best prior reading is never abroad."""
    top = group.candidates[0]
    country, admin1 = _region_of(candidate)
    if candidate is top or country == _region_of(top)[0] or country == hint_country:
        return False
    if others.countries[country] > 0 or others.regions[(country, admin1)] >= 2:
        return False
    if admin1 and support.regional((country, admin1)) >= _ABROAD_VOTES:
        return False
    return not (_matches_cue(candidate, group) or _contains_cue(candidate, group))
