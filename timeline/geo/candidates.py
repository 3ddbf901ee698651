"""Candidate readings of one surface name, each with its prior, and the lookups built on them.

The prior: primary name before alternate name, continent > country > curated site > admin1 >
city > admin2, then population; a generic suffix word ("Washington state") and a demonym
("Canadian") also count. When a name has no match, simpler forms are tried ("Iraq-based" ->
Iraq, "Moscow region" -> Moscow Oblast) and then a place inside an organisation's name.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from timeline.geo.gazetteer import Place, _Entry, _gazetteer
from timeline.geo.names import code_key, normalize_name

__all__ = ["demonym_country", "is_place_name", "lookup"]

# Ranking class -> prior rank (docs/GEO.md 1: continent > country > admin1 > city, then
# population; admin2 areas only below cities of the same name).
_CLASS_RANK: Final[dict[str, float]] = {
    "continent": 60.0, "country": 50.0, "site": 45.0, "adm1": 40.0, "city": 20.0, "adm2": 10.0,
}  # fmt: skip

_PRIMARY_BONUS: Final = 100.0
_PREFERRED_BONUS: Final = 30.0
_DEMONYM_BONUS: Final = 100.0  # curated "P" flag: Washington means DC (GEO.md 2)


@dataclass(frozen=True)
class _Candidate:
    """One reading of a surface name, with its prior score."""

    number: int
    entry: _Entry
    primary: bool
    prior: float


_SUFFIX_WORDS: Final = re.compile(
    r"\s+(state|province|region|oblast|governorate|prefecture|city|area|district)$", re.I
)
# "Washington state" is the state, "Kansas City" is a city: a generic word the name does not
# carry itself says which kind of place is meant.
_ADMIN_CLASSES: Final = frozenset({"adm1", "adm2"})
_SUFFIX_CLASSES: Final[dict[str, frozenset[str]]] = {
    "state": _ADMIN_CLASSES, "province": _ADMIN_CLASSES, "region": _ADMIN_CLASSES,
    "oblast": _ADMIN_CLASSES, "governorate": _ADMIN_CLASSES, "prefecture": _ADMIN_CLASSES,
    "district": _ADMIN_CLASSES, "city": frozenset({"city"}),
}  # fmt: skip
_SUFFIX_BONUS: Final = 60.0
_ADMIN_WORDS: Final = ("Oblast", "Province", "Region", "Governorate", "Krai", "Prefecture")
_HYPHEN_AFFIX: Final = re.compile(
    r"^(.+?)[\-‐‑–](?:based|born|led|backed|made|bound|owned|"
    r"run|controlled|held|occupied|registered|flagged|style)$",
    re.I,
)


def _keys_for(surface: str) -> list[str]:
    """Lookup keys for a surface form, most specific first."""
    keys = []
    code = code_key(surface)
    if code is not None:
        keys.append(code)
    key = normalize_name(surface)
    if key:
        keys.append(key)
    return keys


def _raw_candidates(surface: str) -> list[tuple[int, bool]]:
    """(entry, primary) pairs for a surface form, trying simpler forms when nothing matches."""
    forms = [surface]
    affix = _HYPHEN_AFFIX.match(surface.strip())
    if affix:
        forms.append(affix.group(1))
    suffix = _SUFFIX_WORDS.search(surface.strip())
    if suffix:
        base = surface.strip()[: suffix.start()]
        if _SUFFIX_CLASSES.get(suffix.group(1).casefold()) is _ADMIN_CLASSES:
            # "Moscow region" is GeoNames' "Moscow Oblast"; "Idlib province" its governorate.
            forms += [f"{base} {word}" for word in _ADMIN_WORDS if word != suffix.group(1)]
        forms.append(base)
    for form in forms:
        found = _ids_for(form)
        if found:
            return found
    return _embedded(surface)


def _ids_for(form: str) -> list[tuple[int, bool]]:
    """(entry, primary) pairs of one form; a code ("UK") hides its namesakes ("Uk")."""
    gazetteer = _gazetteer()
    for key in _keys_for(form):
        found: dict[int, bool] = {}
        for number, primary in gazetteer.ids(key):
            found[number] = found.get(number, False) or primary
        if found:
            return list(found.items())
    return []


_EMBEDDED_SKIP: Final = frozenset({
    "the", "of", "and", "for", "in", "at", "on", "a", "an", "de", "la", "le", "el", "new",
    "old", "saint", "st", "mount", "university", "college", "school", "hospital", "church",
    "street", "road", "avenue", "state", "national", "city", "county", "center", "centre",
    "bank", "airport", "company", "police", "court",
})  # fmt: skip


def _embedded(surface: str) -> list[tuple[int, bool]]:
    """The place named inside an organisation or facility name ("Colorado State University"
    -> Colorado, "US Federal Reserve" -> US): the longest run of capitalised words that is a
    primary gazetteer name, leftmost first (GEO.md 6: GeoWebNews annotates these)."""
    words = surface.split()
    if len(words) < 2:
        return []
    for size in range(len(words) - 1, 0, -1):
        for at in range(len(words) - size + 1):
            part = words[at : at + size]
            if not part[0][:1].isupper() or part[-1].casefold() in _EMBEDDED_SKIP:
                continue
            if all(w.casefold() in _EMBEDDED_SKIP for w in part):
                continue
            found: list[tuple[int, bool]] = [(n, p) for n, p in _ids_for(" ".join(part)) if p]
            if found:
                return found
    return []


def _candidates(surface: str) -> list[_Candidate]:
    """All readings of `surface`, best prior first (a fresh list of cached readings)."""
    return list(_cached_candidates(surface))


@lru_cache(maxsize=32768)
def _cached_candidates(surface: str) -> tuple[_Candidate, ...]:
    """All readings of `surface`, best prior first.

    An alternate-name match ranks as a primary one when it is a city of 100k+ at least ten
    times bigger than every primary match ("St. Petersburg" is only an alternate name of
    Saint Petersburg, Russia: GEO.md 7).
    """
    gazetteer = _gazetteer()
    pairs = _raw_candidates(surface)
    suffix = _SUFFIX_WORDS.search(surface.strip())
    wanted = _SUFFIX_CLASSES.get(suffix.group(1).casefold()) if suffix else None
    if not pairs:
        return ()
    entries = [(n, gazetteer.entry(n), primary) for n, primary in pairs]
    demonym_of = gazetteer.demonym(normalize_name(surface))
    biggest_primary = max((e.place.population for _, e, p in entries if p), default=0)
    candidates = []
    for number, entry, primary in entries:
        population = entry.place.population
        promoted = primary or (population >= 100_000 and population >= 10 * biggest_primary)
        prior = _CLASS_RANK.get(entry.cls, 0.0) + 0.5 * math.log10(population + 1)
        if promoted:
            prior += _PRIMARY_BONUS
        if entry.preferred:
            prior += _PREFERRED_BONUS
        if wanted is not None and entry.cls in wanted:
            prior += _SUFFIX_BONUS
        if number == demonym_of:
            prior += _DEMONYM_BONUS  # "Canadian" is Canada, not Canadian, Texas
        candidates.append(_Candidate(number, entry, promoted, prior))
    candidates.sort(key=lambda c: -c.prior)
    return tuple(candidates)


def lookup(name: str) -> list[Place]:
    """All gazetteer candidates for a surface name, best first by prior.

    >>> lookup("Kiev")[0].country
    'UA'
    """
    return [c.entry.place for c in _candidates(name)]


def is_place_name(name: str) -> bool:
    """Whether `name` itself is a gazetteer name (cheap: no ranking, no fallback forms).

    `lookup` also tries simpler forms ("Iraq-based", "Washington state") and a place inside
    an organisation's name ("Colorado State University"); this check does not, so that a
    recogniser does not take every organisation for a place.

    >>> is_place_name("Vladivostok"), is_place_name("Qwxz")
    (True, False)
    """
    gazetteer = _gazetteer()
    return any(gazetteer.has(key) for key in _keys_for(name))


def demonym_country(word: str) -> Place | None:
    """The place a demonym or adjective refers to ("North Korean" -> North Korea).

    >>> demonym_country("North Koreans").country
    'KP'
    """
    gazetteer = _gazetteer()
    number = gazetteer.demonym(normalize_name(word))
    return None if number is None else gazetteer.entry(number).place
