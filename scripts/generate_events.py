"""Fill a store with N synthetic but realistic events, fast, without running the extractor.

    python scripts/generate_events.py N STORE.duckdb [--seed 7] [--chunk 4000]

For dashboard benchmarks at 10k to 1M events: the store holds articles (about 10 events each,
with a headline, a wire dateline and the sentences as their text, so every character offset is
true), their events and mentions, as ``timeline extract --store`` would leave them. Dates follow
a news corpus: publication dates over 2021-2024 with most articles in a dense story period
(mid-August to mid-October 2023, about Russia, North Korea, China and the United States), events
a few days before publication, some weeks, months, quarters, ranges and times, and old outliers
("in 1948", "the 1990s"). Countries, cities and sites come from the gazetteer shipped in
``timeline/data`` with their real coordinates; people are generated names with titles.

Articles are added in chunks (``Store.add``, one transaction each), so memory stays flat: 1M
events take a few minutes. The same N and seed give the same articles, events and mentions
(only the store's ``added_at`` times differ), whatever the chunk size. The store must be new.

Importable: ``generate_store(count, path, seed=7)`` and ``generate_corpora(count, seed=7)``
(an iterator of ``Corpus`` chunks).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import gzip
import hashlib
import itertools
import random
import string
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple, TypeVar

import numpy as np
import pandas as pd

sys.path.append(str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled
from timeline.article import Article, doc_id_for
from timeline.extract.pipeline import Corpus
from timeline.schema import EVENT_DTYPES, MENTION_DTYPES, Col

__all__ = ["World", "generate_corpora", "generate_store", "load_world", "main"]

FIRST_DAY = dt.date(2021, 1, 1)
LAST_DAY = dt.date(2024, 6, 30)
STORY = (dt.date(2023, 8, 15), dt.date(2023, 10, 15))  # the dense period
STORY_SHARE = 0.55  # of articles published in the story period
STORY_COUNTRIES = ("RU", "KP", "CN", "US")
MIN_CITY_POPULATION = 150_000

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec.")  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SEASONS = (("spring", 3), ("summer", 6), ("autumn", 9), ("winter", 12))
_AGENCIES = ("Reuters", "AP", "AFP", "Xinhua", "dpa", "Yonhap", "Kyodo")
_FIRST = ("Maria", "Ahmed", "Olena", "James", "Li", "Fatima", "Carlos", "Anna", "Kwame", "Sergei",
          "Priya", "Jean", "Yuki", "Omar", "Ingrid", "Mateo", "Amara", "David", "Leila", "Tomasz",
          "Grace", "Hassan", "Sofia", "Viktor", "Nadia", "Kenji", "Elena", "Samuel", "Aisha",
          "Pablo", "Dmitry", "Min-jun", "Wei", "Ji-woo", "Olga", "Hiroshi", "Chen", "Ivan",
          "Mei", "Andrei", "Rashid", "Lucia", "Tariq", "Hana", "Pierre", "Zainab", "Felix",
          "Irina", "Kofi", "Ana", "Yusuf", "Marta", "Rohan", "Emma", "Bogdan", "Daniela")  # fmt: skip
_LAST = ("Okafor", "Kovalenko", "Haddad", "Moreau", "Tanaka", "Novak", "Silva", "Rahman", "Petrov",
         "Mensah", "Lindqvist", "Castillo", "Nguyen", "Schneider", "Abdullah", "Ferreira",
         "Kowalski", "Osei", "Ivanova", "Barzani", "Delgado", "Yilmaz", "Achebe", "Romano", "Sato",
         "Weber", "Mbeki", "Horvat", "Alvarez", "Karimi", "Kim", "Park", "Zhang", "Wang", "Lavrov",
         "Sokolov", "Choi", "Liu", "Morozov", "Yamamoto", "Suzuki", "Volkov", "Lee", "Huang",
         "Smith", "Johnson", "Garcia", "Miller", "Kuznetsov", "Popescu", "Jovanovic", "Nakamura",
         "Hoang", "Chowdhury", "Mwangi", "Diallo", "Bauer", "Rossi", "Dubois", "Jansen", "Berg",
         "Santos", "Pereira", "Gomez", "Torres", "Aziz", "Hussain", "Farah", "Mohamed", "Otieno",
         "Nowak", "Wojcik", "Fischer", "Eriksen", "Larsen", "Costa", "Reyes", "Cruz", "Ortiz")  # fmt: skip
_TITLES = ("President", "Prime Minister", "Foreign Minister", "Defence Minister",
           "Finance Minister", "Interior Minister", "Energy Minister", "Trade Minister",
           "opposition leader", "central bank governor", "army chief", "spokesperson",
           "ambassador", "envoy", "leader", "Kremlin spokesman")  # fmt: skip
_ORGS = ("the United Nations", "NATO", "the European Union", "the World Health Organization",
         "the International Monetary Fund", "the World Bank", "the African Union",
         "the International Atomic Energy Agency", "the Red Cross", "OPEC", "ASEAN",
         "the World Trade Organization", "the Security Council")  # fmt: skip
_TOPICS = ("a ceasefire", "grain exports", "a new trade agreement", "the drought", "fuel prices",
           "the refugee crisis", "border security", "a debt restructuring", "the election results",
           "flood relief", "a prisoner exchange", "nuclear inspections", "a power-sharing deal",
           "satellite launches", "the port blockade", "sanctions", "weapons supplies",
           "rocket engineering", "a pipeline deal", "missile tests")  # fmt: skip
_HEADLINES = ("{country} and {country2} agree on {topic}", "{title} {last} visits {city}",
              "Talks on {topic} stall in {city}", "{org} warns {country} over {topic}",
              "Protests in {city} as {topic} divides {country}", "{country} to hold talks on {topic}",
              "{last} says {country} will help {country2} with {topic}")  # fmt: skip
# Event sentences. {date} is the dated expression with its preposition ("" when the event takes
# its date from the paragraph or the publication date); people, countries, cities and orgs are
# mentions.
_SENTENCES = (
    "{person} met {person2} in {city}{date} to discuss {topic}.",
    "{person} said{date} that {country} would not accept {topic} without guarantees.",
    "{org} said{date} it had sent a team to {city} to assess {topic}.",
    "Officials in {country} said thousands of people had been affected by {topic}{date}.",
    "{person} told reporters in {city} that talks with {country2} would resume{date}.",
    "The agreement on {topic}, signed in {city}{date}, follows months of negotiations.",
    "{country} first raised the issue with {org}{date}, according to diplomats.",
    "{person} is expected to travel to {city}{date} for further meetings.",
    "Thousands of people gathered in {city}{date} to protest against {topic}.",
    "Prices in {country} rose sharply{date}, the statistics office said.",
    "{person} accused {country2} of delaying {topic}{date}.",
    "{person} said {country} was ready to work with {org} on {topic}.",
    "Rescue teams reached {city}{date} after heavy rains cut the main road.",
    "Negotiators from {country} and {country2} will meet again{date}.",
    "{org} has called for an inquiry into the events{date} in {city}.",
    "{country} recalled its ambassador to {country2}{date}.",
    "{person} arrived in {city}{date} at the head of a large delegation.",
    "{person} showed {person2} around {site}{date}.",
    "Flights between {city} and {city2} were suspended{date}.",
    "{country2} has denied any involvement, and {person} said the evidence was clear.",
    "{person} congratulated {person2} on the anniversary of events{date} in {country}.",
    "Markets in {city} fell{date} as investors weighed {topic}.",
)
_PARSED = tuple(
    tuple((literal, slot) for literal, slot, _, _ in string.Formatter().parse(t))
    for t in _SENTENCES
)
# Date kinds and their weights: explicit days dominate, the rest as in real wire copy.
_DATE_KINDS = (("weekday", 22), ("day", 14), ("published", 24), ("context", 12), ("week", 5),
               ("month", 5), ("range", 3), ("time", 2), ("quarter", 1), ("season", 1),
               ("year", 6), ("years", 1), ("decade", 1), ("next_year", 1), ("old_day", 2))  # fmt: skip
_KIND_NAMES = tuple(k for k, _ in _DATE_KINDS)
_KIND_CUMULATIVE = tuple(itertools.accumulate(w for _, w in _DATE_KINDS))
_EPOCH = dt.date(1970, 1, 1)
_T = TypeVar("_T")


@dataclass(frozen=True)
class Spot:
    """A gazetteer point: name, kind (country, city, site), ISO country code, coordinates."""

    name: str
    kind: str
    country: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Person:
    """Someone the news names: full name, title and country."""

    name: str
    title: str
    country: str


class DateFact(NamedTuple):
    """An event's date: start and end (epoch seconds, end-exclusive), precision, TIMEX value,
    source, and the expression as written with the preposition before it ("" when none)."""

    start: int
    end: int
    precision: str
    value: str
    source: str
    preposition: str = ""
    text: str = ""


class Mention(NamedTuple):
    """A name in an article: kind (person, country, place, organization), offsets, what."""

    kind: str
    start: int
    end: int
    what: Person | Spot | None


class Written(NamedTuple):
    """One event sentence as written: its offsets, mentions, date and the date's offsets."""

    start: int
    end: int
    mentions: tuple[Mention, ...]
    date: DateFact
    date_span: tuple[int, int] | None


@dataclass(frozen=True)
class World:
    """What articles are about, with popularity weights (cumulative, for ``bisect``)."""

    countries: tuple[Spot, ...]
    country_weights: tuple[float, ...]
    cities: dict[str, tuple[Spot, ...]]  # by country code, largest first
    city_weights: dict[str, tuple[float, ...]]
    sites: dict[str, tuple[Spot, ...]]
    people: dict[str, tuple[Person, ...]]  # by country code, the most named first
    by_code: dict[str, Spot]


@lru_cache(maxsize=1)
def load_world(seed: int = 7) -> World:
    """Countries, cities with at least MIN_CITY_POPULATION people, and curated sites from the
    shipped gazetteer (ASCII names only, so any reader can type them), with a cast of people."""
    countries: dict[str, tuple[Spot, int]] = {}
    cities: dict[str, list[tuple[Spot, int]]] = {}
    sites: dict[str, list[Spot]] = {}
    data = resources.files("timeline") / "data" / "gazetteer.tsv.gz"
    with gzip.open(str(data), "rt", encoding="utf-8") as file:
        for line in file:
            if line.startswith("#names"):
                break
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 9 or not fields[0].isascii():
                continue
            name, _kind, cls, lat, lon, code, _admin1, _admin2, population = fields[:9]
            size = int(population or 0)
            if cls == "country" and code:
                countries[code] = (Spot(name, "country", code, float(lat), float(lon)), size)
            elif cls == "city" and size >= MIN_CITY_POPULATION:
                spot = Spot(name, "city", code, float(lat), float(lon))
                cities.setdefault(code, []).append((spot, size))
            elif cls == "site":
                sites.setdefault(code, []).append(Spot(name, "site", code, float(lat), float(lon)))
    codes = sorted(c for c in countries if c in cities)
    country_spots = tuple(countries[c][0] for c in codes)
    # popularity ~ population ** 0.5: big countries make more news, small ones still appear
    country_weights = tuple(
        itertools.accumulate(max(countries[c][1], 10_000) ** 0.5 for c in codes)
    )
    city_lists = {c: sorted(cities[c], key=lambda s: (-s[1], s[0].name)) for c in codes}
    rng = random.Random(seed)
    people: dict[str, tuple[Person, ...]] = {}
    for code in codes:  # 3 to 40 people per country, more in the story's countries
        count = 40 if code in STORY_COUNTRIES else rng.randint(3, 12)
        names = rng.sample(list(itertools.product(_FIRST, _LAST)), count)
        people[code] = tuple(Person(f"{a} {b}", rng.choice(_TITLES), code) for a, b in names)
    return World(
        countries=country_spots,
        country_weights=country_weights,
        cities={c: tuple(s for s, _ in city_lists[c]) for c in codes},
        city_weights={
            c: tuple(itertools.accumulate(p**0.7 for _, p in city_lists[c])) for c in codes
        },
        sites={c: tuple(v) for c, v in sites.items() if c in countries},
        people=people,
        by_code={s.country: s for s in country_spots},
    )


def _pick(rng: random.Random, items: Sequence[_T], cumulative: Sequence[float]) -> _T:
    """One item by cumulative weight."""
    return items[bisect.bisect_right(cumulative, rng.random() * cumulative[-1])]


def _zipf(rng: random.Random, count: int) -> int:
    """An index in range(count), small ones far more often (the famous are named most)."""
    return min(int(count * rng.random() ** 2.5), count - 1)


class _Chunk:
    """Column lists of the events and mentions of a batch of articles."""

    def __init__(self) -> None:
        self.events: dict[str, list[object]] = {name: [] for name in EVENT_DTYPES}
        self.mentions: dict[str, list[object]] = {name: [] for name in MENTION_DTYPES}
        self.articles: dict[str, Article] = {}

    def __len__(self) -> int:
        return len(self.events[Col.EVENT_ID])

    def corpus(self) -> Corpus:
        """The batch as a Corpus with the schema's dtypes."""
        return Corpus(
            events=_frame(self.events, EVENT_DTYPES),
            mentions=_frame(self.mentions, MENTION_DTYPES),
            articles=self.articles,
        )


def _frame(columns: dict[str, list[object]], dtypes: dict[str, str]) -> pd.DataFrame:
    """Lists of values as a frame; dates are given as epoch seconds (None for none)."""
    data = {}
    for name, dtype in dtypes.items():
        values = columns[name]
        if dtype == "datetime64[s]":
            seconds = np.array([np.iinfo(np.int64).min if v is None else v for v in values])
            data[name] = pd.Series(seconds.astype("int64").view("datetime64[s]"))
        else:
            data[name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(data)


def _seconds(day: dt.date) -> int:
    """Epoch seconds of a day's midnight."""
    return (day - _EPOCH).days * 86_400


class _Writer:
    """Writes one article: its text, events and mentions, into a chunk."""

    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng, self.world = rng, world

    def article(self, number: int, events: int, chunk: _Chunk) -> int:
        """Article `number` with at most `events` events; returns how many it wrote."""
        rng, world = self.rng, self.world
        story = rng.random() < STORY_SHARE
        published = _published(rng, story)
        focus = self._focus(story)
        home = self._city(focus)
        cast = self._cast(focus, story)
        agency = rng.choice(_AGENCIES)
        headline = self._headline(cast, focus, home)
        year = f", {published.year}" if rng.random() < 0.6 else ""
        dateline = (
            f"{home.name.upper()}, {world.by_code[home.country].name}, "
            f"{_AP_MONTHS[published.month - 1]} {published.day}{year} ({agency}) - "
        )
        text = headline + "\n\n" + dateline
        rows: list[Written] = []
        introduced: set[str] = set()
        last_date: DateFact | None = None
        count = min(events, rng.randint(6, 14))
        for index in range(count):
            if index and index % 2 == 0:
                text += "\n\n"
            elif index:
                text += " "
            sentence, written = self._sentence(
                published, focus, home, cast, introduced, last_date, len(text)
            )
            if written.date.source == "explicit":
                last_date = written.date
            text += sentence
            rows.append(written)
        text += f"\n\n(Reporting by {rng.choice(cast).name}; ref. TL-{number:07d})\n"
        doc_id = doc_id_for(text)
        chunk.articles[doc_id] = Article(
            text=text,
            title=headline,
            published=published,
            published_source="dateline" if year else "dateline+year",
            dateline_place=home.name.title(),
            dateline_region=world.by_code[home.country].name,
            agency=agency,
            doc_id=doc_id,
            source=agency,
            url=f"https://news.example/{published:%Y/%m/%d}/{number:07d}",
            title_span=(0, len(headline)),
            dateline_span=(len(headline) + 2, len(headline) + 2 + len(dateline)),
        )
        for index, written in enumerate(rows):
            self._add_event(chunk, doc_id, index, headline, agency, published, text, written,
                            year)  # fmt: skip
        return count

    def _focus(self, story: bool) -> list[str]:
        """The countries an article is about: the story's two or three, or any."""
        rng, world = self.rng, self.world
        if story:
            return rng.sample(STORY_COUNTRIES, rng.randint(2, 3))
        spots = {_pick(rng, world.countries, world.country_weights) for _ in range(2)}
        return sorted(spot.country for spot in spots)

    def _city(self, codes: list[str]) -> Spot:
        """A city in one of these countries, the big ones more often."""
        code = self.rng.choice(codes)
        return _pick(self.rng, self.world.cities[code], self.world.city_weights[code])

    def _cast(self, focus: list[str], story: bool) -> list[Person]:
        """Two to five people from the focus countries, the often-named ones more often."""
        rng = self.rng
        cast: dict[str, Person] = {}
        for _ in range(rng.randint(2, 5)):
            people = self.world.people[rng.choice(focus)]
            person = people[_zipf(rng, len(people))] if story else rng.choice(people)
            cast[person.name] = person
        return list(cast.values())

    def _headline(self, cast: list[Person], focus: list[str], home: Spot) -> str:
        """A headline from a template."""
        rng, world = self.rng, self.world
        values = {
            "country": world.by_code[focus[0]].name, "country2": world.by_code[focus[-1]].name,
            "topic": rng.choice(_TOPICS), "title": cast[0].title, "last": cast[0].name.split()[-1],
            "city": home.name, "org": rng.choice(_ORGS),
        }  # fmt: skip
        headline = rng.choice(_HEADLINES).format(**values)
        return headline[0].upper() + headline[1:]

    def _sentence(
        self,
        published: dt.date,
        focus: list[str],
        home: Spot,
        cast: list[Person],
        introduced: set[str],
        last_date: DateFact | None,
        offset: int,
    ) -> tuple[str, Written]:
        """One event sentence starting at `offset` in its article, with what it holds."""
        rng = self.rng
        date = _date(rng, published, last_date)
        parts: list[str] = []
        mentions: list[Mention] = []
        length = offset
        date_span: tuple[int, int] | None = None
        previous: Person | None = None
        for literal, slot in rng.choice(_PARSED):
            parts.append(literal)
            length += len(literal)
            if slot is None:
                continue
            value, kind, what = self._slot(slot, focus, home, cast, introduced, previous, date)
            if kind == "date":
                if value:  # the expression without its preposition
                    date_span = (length + len(date.preposition), length + len(value))
            elif isinstance(what, Person):
                previous = what
                last_name = what.name.split()[-1]
                name = last_name if value == last_name else what.name  # not the title
                end = length + len(value)
                mentions.append(Mention(kind, end - len(name), end, what))
            elif kind:
                mentions.append(Mention(kind, length, length + len(value), what))
            parts.append(value)
            length += len(value)
        sentence = "".join(parts)
        sentence = sentence[0].upper() + sentence[1:]
        return sentence, Written(offset, length, tuple(mentions), date, date_span)

    def _slot(
        self,
        slot: str,
        focus: list[str],
        home: Spot,
        cast: list[Person],
        introduced: set[str],
        previous: Person | None,
        date: DateFact,
    ) -> tuple[str, str, Person | Spot | None]:
        """A slot's text, its mention kind ("" for none) and what it names."""
        rng, world = self.rng, self.world
        if slot in ("person", "person2"):
            choices = [p for p in cast if p is not previous] or cast
            person = rng.choice(choices)
            if person.name in introduced:
                return person.name.split()[-1], "person", person
            introduced.add(person.name)
            return f"{person.title} {person.name}", "person", person
        if slot in ("country", "country2"):
            if rng.random() < 0.8:
                code = rng.choice(focus)
            else:  # now and then a country from elsewhere
                code = _pick(rng, world.countries, world.country_weights).country
            return world.by_code[code].name, "country", world.by_code[code]
        if slot in ("city", "city2"):
            city = home if rng.random() < 0.5 else self._city(focus)
            return city.name, "place", city
        if slot == "site":
            with_site = next((c for c in focus if c in world.sites), None)
            if with_site is None:
                return home.name, "place", home
            site = rng.choice(world.sites[with_site])
            return site.name, "place", site
        if slot == "org":
            return rng.choice(_ORGS), "organization", None
        if slot == "topic":
            return rng.choice(_TOPICS), "", None
        return date.preposition + date.text, "date", None

    def _add_event(
        self,
        chunk: _Chunk,
        doc_id: str,
        index: int,
        headline: str,
        agency: str,
        published: dt.date,
        text: str,
        written: Written,
        year: str,
    ) -> None:
        """The event's row and its mentions' rows."""
        world = self.world
        event_id = hashlib.blake2b(f"{doc_id}:{index}".encode(), digest_size=8).hexdigest()
        actors: dict[str, None] = {}
        places: dict[str, None] = {}
        countries: dict[str, None] = {}
        primary: Spot | None = None
        m = chunk.mentions
        for _, m_start, m_end, what in written.mentions:
            m[Col.EVENT_ID].append(event_id)
            m[Col.DOC_ID].append(doc_id)
            m[Col.TEXT].append(text[m_start:m_end])
            m[Col.CHAR_START].append(m_start)
            m[Col.CHAR_END].append(m_end)
            values: tuple[object, ...]
            if isinstance(what, Person):
                actors[what.name] = None
                values = ("person", what.name, None, np.nan, np.nan, None, what.title)
            elif what is None:  # an organization
                name = text[m_start:m_end]
                name = name[4:] if name.startswith(("the ", "The ")) else name
                actors[name] = None
                values = ("organization", name, None, np.nan, np.nan, None, None)
            else:
                values = ("country" if what.kind == "country" else "place", what.name,
                          what.kind, what.lat, what.lon, what.country, None)  # fmt: skip
                if what.kind == "country":
                    actors[what.name] = None
                    countries[what.name] = None
                    primary = primary or what
                else:
                    places[what.name] = None
                    countries[world.by_code[what.country].name] = None
                    if primary is None or primary.kind == "country":
                        primary = what
            for column, value in zip(
                (Col.KIND, Col.NAME, Col.PLACE_KIND, Col.LAT, Col.LON, Col.COUNTRY, "role"),
                values,
                strict=True,
            ):
                m[column].append(value)
        date, span, start, end = written.date, written.date_span, written.start, written.end
        row = {
            Col.EVENT_ID: event_id, Col.DOC_ID: doc_id, Col.TITLE: headline, Col.SOURCE: agency,
            Col.PUBLISHED: _seconds(published),
            Col.PUBLISHED_SOURCE: "dateline" if year else "dateline+year",
            Col.START: date.start, Col.END: date.end, Col.PRECISION: date.precision,
            Col.DATE_TEXT: text[span[0] : span[1]] if span else None,
            Col.DATE_VALUE: date.value, Col.DATE_SOURCE: date.source,
            Col.DATE_CHAR_START: span[0] if span else None,
            Col.DATE_CHAR_END: span[1] if span else None,
            Col.SENTENCE: text[start:end], Col.CHAR_START: start, Col.CHAR_END: end,
            Col.ACTORS: "; ".join(actors) or None, Col.PLACES: "; ".join(places) or None,
            Col.COUNTRIES: "; ".join(countries) or None,
            Col.PLACE: primary.name if primary else None,
            Col.PLACE_KIND: primary.kind if primary else None,
            Col.LAT: primary.lat if primary else np.nan,
            Col.LON: primary.lon if primary else np.nan,
            Col.COUNTRY: primary.country if primary else None,
        }  # fmt: skip
        for column, cell in row.items():
            chunk.events[column].append(cell)


def _published(rng: random.Random, story: bool) -> dt.date:
    """A publication date: in the story period, or anywhere in FIRST_DAY..LAST_DAY."""
    first, last = STORY if story else (FIRST_DAY, LAST_DAY)
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _month_start(year: int, month: int) -> dt.date:
    """The first day of a month, months past 12 rolling into the next year."""
    return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _date(rng: random.Random, published: dt.date, last: DateFact | None) -> DateFact:
    """(start, end seconds, precision, value, date source, preposition, expression) of one
    event, as news dates it relative to the publication date ("" and "" when the event takes
    its date from the paragraph or the publication date)."""
    kind = _KIND_NAMES[bisect.bisect_right(_KIND_CUMULATIVE, rng.random() * _KIND_CUMULATIVE[-1])]
    p = published
    if kind == "context" and last is not None:  # the date the paragraph gave
        return last._replace(source="context", preposition="", text="")
    if kind in ("published", "context"):
        return DateFact(
            _seconds(p), _seconds(p) + 86_400, "day", p.isoformat(), "published", "", ""
        )
    if kind == "weekday":
        day = p - dt.timedelta(days=rng.randint(0, 6))
        return _day(day, _WEEKDAYS[day.weekday()])
    if kind == "day":
        day = p - dt.timedelta(days=rng.randint(1, 60))
        return _day(day, f"{_AP_MONTHS[day.month - 1]} {day.day}")
    if kind == "old_day":
        day = p - dt.timedelta(days=rng.randint(200, 3000))
        return _day(day, f"{_MONTHS[day.month - 1]} {day.day}, {day.year}")
    if kind == "time":
        hour = rng.randint(7, 18)
        second = _seconds(p) + hour * 3600
        label = f"{(hour - 1) % 12 + 1} {'a.m.' if hour < 12 else 'p.m.'}"
        value = f"{p.isoformat()}T{hour:02d}:00"
        return DateFact(second, second + 60, "time", value, "explicit", " at ", label)
    if kind == "week":
        monday = p - dt.timedelta(days=p.weekday() + 7)
        iso = monday.isocalendar()
        return DateFact(_seconds(monday), _seconds(monday) + 7 * 86_400, "week",
                f"{iso.year}-W{iso.week:02d}", "explicit", " ", "last week")  # fmt: skip
    if kind == "month":
        first = _month_start(p.year, p.month - rng.randint(1, 8))
        end = _month_start(first.year, first.month + 1)
        other_year = f" {first.year}" if first.year != p.year else ""
        return DateFact(_seconds(first), _seconds(end), "month", f"{first:%Y-%m}", "explicit",
                        " in ", f"{_MONTHS[first.month - 1]}{other_year}")  # fmt: skip
    if kind == "range":
        day = p - dt.timedelta(days=rng.randint(3, 40))
        last_day = day + dt.timedelta(days=rng.randint(1, 4))
        text = f"{_MONTHS[day.month - 1]} {day.day} to {last_day.day}, {day.year}"
        if last_day.month != day.month:
            text = f"{_MONTHS[day.month - 1]} {day.day} to {_MONTHS[last_day.month - 1]} {last_day.day}"  # fmt: skip
        return DateFact(_seconds(day), _seconds(last_day) + 86_400, "day",
                f"{day.isoformat()}/{last_day.isoformat()}", "explicit", " from ", text)  # fmt: skip
    if kind == "quarter":
        quarter = rng.randint(1, 4)
        q_year = p.year - (quarter > (p.month - 1) // 3)
        first = dt.date(q_year, 3 * quarter - 2, 1)
        end = _month_start(q_year, 3 * quarter + 1)
        ordinal = ("first", "second", "third", "fourth")[quarter - 1]
        return DateFact(_seconds(first), _seconds(end), "quarter", f"{q_year}-Q{quarter}",
                        "explicit", " in ", f"the {ordinal} quarter of {q_year}")  # fmt: skip
    if kind == "season":
        name, month = rng.choice(_SEASONS)
        first = dt.date(p.year - 1, month, 1)
        end = _month_start(p.year - 1, month + 3)
        code = {"spring": "SP", "summer": "SU", "autumn": "FA", "winter": "WI"}[name]
        return DateFact(_seconds(first), _seconds(end), "season", f"{p.year - 1}-{code}",
                        "explicit", " in ", f"the {name} of {p.year - 1}")  # fmt: skip
    if kind == "next_year":
        first = dt.date(p.year + 1, 1, 1)
        return DateFact(_seconds(first), _seconds(dt.date(p.year + 2, 1, 1)), "year", str(p.year + 1),
                "explicit", " ", "next year")  # fmt: skip
    if kind == "decade":
        decade = rng.choice((1950, 1960, 1970, 1980, 1990, 2000))
        return DateFact(_seconds(dt.date(decade, 1, 1)), _seconds(dt.date(decade + 10, 1, 1)), "decade",
                str(decade // 10), "explicit", " in ", f"the {decade}s")  # fmt: skip
    if kind == "years":
        first_year = p.year - rng.randint(3, 12)
        last_year = first_year + rng.randint(1, 3)
        return DateFact(_seconds(dt.date(first_year, 1, 1)), _seconds(dt.date(last_year + 1, 1, 1)),
                        "year", f"{first_year}/{last_year}", "explicit", " between ",
                        f"{first_year} and {last_year}")  # fmt: skip
    # "in 1948": a year, the recent ones more often, back to 1900
    old = p.year - 1 - min(int(124 * rng.random() ** 2), p.year - 1901)
    return DateFact(_seconds(dt.date(old, 1, 1)), _seconds(dt.date(old + 1, 1, 1)), "year",
                    str(old), "explicit", " in ", str(old))  # fmt: skip


def _day(day: dt.date, text: str) -> DateFact:
    """A day's date tuple."""
    return DateFact(
        _seconds(day), _seconds(day) + 86_400, "day", day.isoformat(), "explicit", " on ", text
    )


def generate_corpora(count: int, seed: int = 7, *, chunk_events: int = 40_000) -> Iterator[Corpus]:
    """Corpora of about `chunk_events` events each, `count` events in all (the last article
    may be cut short). The same count and seed give the same events whatever the chunk size.

    Args:
        count: the number of events.
        seed: the random seed.
        chunk_events: events per corpus (memory grows with it).
    """
    world = load_world()
    writer = _Writer(random.Random(seed), world)
    chunk, written, number = _Chunk(), 0, 0
    while written < count:
        number += 1
        written += writer.article(number, count - written, chunk)
        if len(chunk) >= chunk_events:
            yield chunk.corpus()
            chunk = _Chunk()
    if len(chunk):
        yield chunk.corpus()


def generate_store(
    count: int, path: str | Path | None, seed: int = 7, *, chunk_events: int = 40_000
) -> tuple[int, int, int]:
    """Write `count` synthetic events into a new store; returns (articles, events, mentions).

    Raises:
        FileExistsError: the store file exists (the generator only fills new stores).
    """
    from timeline.database import Store

    if path is not None and Path(path).exists():
        raise FileExistsError(f"{path} exists; give a new store file name")
    articles = events = mentions = 0
    with Store.open(path) as store:
        for corpus in generate_corpora(count, seed, chunk_events=chunk_events):
            added = store.add(corpus, extractor="scripts/generate_events.py")
            articles, events = articles + added.articles, events + added.events
            mentions += added.mentions
    return articles, events, mentions


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of events")
    parser.add_argument("store", type=Path, help="the new .duckdb store file")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--chunk", type=int, default=40_000, help="events per transaction")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error(f"count must be at least 1, not {args.count}")
    began = time.perf_counter()
    try:
        articles, events, mentions = generate_store(
            args.count, args.store, args.seed, chunk_events=args.chunk
        )
    except FileExistsError as err:
        parser.error(str(err))
    print(
        f"{events:,} events, {articles:,} articles, {mentions:,} mentions -> {args.store} "
        f"in {time.perf_counter() - began:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
