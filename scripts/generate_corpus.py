"""Generate synthetic but realistic news articles, for benchmarks and tests (deterministic).

    python scripts/generate_corpus.py N OUT [--seed 7] [--format txt|json|jsonl]

Each article has a headline, usually a wire dateline (``LAGOS, Nigeria, March 3 (Reuters) -``)
that gives its publication date, and 6 to 16 sentences about people with titles, countries,
cities from the shipped gazetteer and organizations, dated in the ways news dates things: "on
Tuesday", "on March 3", "last week", "in 1998", "earlier this month", "by the end of the year".
The same N and seed always give the same articles.

Formats: ``txt`` (default) writes one ``000001.txt`` per article into the folder OUT; ``json``
writes files of at most 500 articles (``text``, ``title``, ``published``, ``source``, ``url``)
into OUT; ``jsonl`` writes one object per line to the file OUT.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec.")  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_AGENCIES = ("Reuters", "AP", "AFP", "Xinhua", "dpa")
_FIRST = ("Maria", "Ahmed", "Olena", "James", "Li", "Fatima", "Carlos", "Anna", "Kwame", "Sergei",
          "Priya", "Jean", "Yuki", "Omar", "Ingrid", "Mateo", "Amara", "David", "Leila", "Tomasz",
          "Grace", "Hassan", "Sofia", "Viktor", "Nadia", "Kenji", "Elena", "Samuel", "Aisha", "Pablo")  # fmt: skip
_LAST = ("Okafor", "Kovalenko", "Haddad", "Moreau", "Tanaka", "Novak", "Silva", "Rahman", "Petrov",
         "Mensah", "Lindqvist", "Castillo", "Nguyen", "Schneider", "Abdullah", "Ferreira", "Kowalski",
         "Osei", "Ivanova", "Barzani", "Delgado", "Yilmaz", "Achebe", "Romano", "Sato", "Weber",
         "Mbeki", "Horvat", "Alvarez", "Karimi")  # fmt: skip
_TITLES = ("President", "Prime Minister", "Foreign Minister", "Defence Minister",
           "Finance Minister", "Interior Minister", "Energy Minister", "Trade Minister",
           "opposition leader", "central bank governor", "army chief", "government spokesperson")  # fmt: skip
_ORGS = ("the United Nations", "NATO", "the European Union", "the World Health Organization",
         "the International Monetary Fund", "the World Bank", "the African Union",
         "the International Atomic Energy Agency", "the Red Cross", "OPEC", "the World Trade Organization")  # fmt: skip
_TOPICS = ("a ceasefire", "grain exports", "a new trade agreement", "the drought", "fuel prices",
           "the refugee crisis", "border security", "a debt restructuring", "the election results",
           "flood relief", "a prisoner exchange", "nuclear inspections", "a power-sharing deal",
           "vaccine supplies", "the port blockade", "sanctions", "a bridge reconstruction plan")  # fmt: skip
_HEADLINES = ("{country} and {country2} agree on {topic}", "{title} {last} visits {city}",
              "Talks on {topic} stall in {city}", "{org_cap} warns {country} over {topic}",
              "Protests in {city} as {topic} divides {country}", "{country} to hold talks on {topic}")  # fmt: skip
_SENTENCES = (
    "{person} met {person2} in {city} {date} to discuss {topic}.",
    "{Person} said {date} that {country} would not accept {topic} without guarantees.",
    "The talks in {city} {date} were the first of their kind since {year}.",
    "{org_cap} said {date} it had sent a team to {city} to assess {topic}.",
    "Officials in {country} said {number} people had been affected by {topic} {date}.",
    "{Person} told reporters in {city} that talks with {country2} would resume {date}.",
    "The agreement, signed {date}, follows months of negotiations over {topic}.",
    "{country} first raised the issue with {org} in {year}, according to diplomats.",
    "{Person} is expected to travel to {city2} {date} for further meetings.",
    "Thousands of people gathered in {city} {date} to protest against {topic}.",
    "A spokesperson for {org} declined to comment on the meeting.",
    "Prices in {country} rose by {small}% {date}, the statistics office said.",
    "{person} accused {country2} of delaying {topic}.",
    "The last such meeting took place in {city2} in {month} {year}.",
    "{Person} said {country} was ready to work with {org} on {topic}.",
    "Analysts said the dispute over {topic} could last until {next_year}.",
    "Rescue teams reached {city} {date} after heavy rains cut the main road.",
    "Negotiators from {country} and {country2} will meet again {date}.",
    "{org_cap} has called for an independent inquiry into the events of {month} {year}.",
    "{country} recalled its ambassador to {country2} {date}.",
    "The ministry said {number} troops had been moved closer to the border with {country2}.",
    "In a statement {date}, {person} called the decision a mistake.",
    "Markets in {city} fell sharply {date} as investors weighed {topic}.",
    "The plan would cost about ${number} million over five years, officials said.",
    "{Person}, who took office in {year}, has made {topic} a priority.",
    "Residents of {city2} said they had seen no change since the deal.",
    "The vote is scheduled for {month} {day}, {next_year}.",
    "Both sides blamed each other for the collapse of the previous round of talks.",
    "{Person} arrived in {city} {date} at the head of a large delegation.",
    "Aid agencies in {city2} said food stocks would run out {date} unless the roads reopen.",
    "{org_cap} is due to publish its report on {topic} {date}.",
    "The {country} parliament approved the budget {date} by a narrow margin.",
    "{Person} dismissed the claims as baseless during a news conference in {city}.",
    "Diplomats said a compromise on {topic} could be reached {date}, though obstacles remain.",
    "Flights between {city} and {city2} were suspended {date}.",
    "{country2} has denied any involvement, and {person} said the evidence was clear.",
)


@dataclass(frozen=True)
class _World:
    """Places to write about: countries (name, ISO code) and cities (name, country name)."""

    countries: list[tuple[str, str]]
    cities: list[tuple[str, str]]


def load_world() -> _World:
    """Countries and large cities from the gazetteer shipped in the package."""
    data = resources.files("timeline") / "data" / "gazetteer.tsv.gz"
    with gzip.open(str(data), "rt", encoding="utf-8") as file:
        countries: dict[str, str] = {}
        cities: list[tuple[str, str, int]] = []
        for line in file:
            if line.startswith("#names"):
                break
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 9:
                continue
            name, _kind, cls, *_, country, _admin1, _admin2, population = fields[:9]
            if cls == "country" and name.isascii():
                countries[fields[6] or country] = name
            elif cls == "city" and name.isascii() and int(population or 0) >= 400_000:
                cities.append((name, country, int(population)))
    named = sorted(
        (name, countries[code])
        for name, code, _ in cities
        if code in countries and name not in countries.values()
    )
    return _World(sorted((name, code) for code, name in countries.items()), named)


def generate(count: int, seed: int = 7, world: _World | None = None) -> Iterator[dict[str, str]]:
    """`count` articles as dicts (text, title, published, source, url), the same for a seed."""
    world = world or load_world()
    rng = random.Random(seed)
    for number in range(1, count + 1):
        yield _article(rng, world, number)


def _article(rng: random.Random, world: _World, number: int) -> dict[str, str]:
    """One article."""
    published = dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(36 * 365))
    city, country = rng.choice(world.cities)
    slots = _Slots(rng, world, published, city, country)
    title = slots.fill(rng.choice(_HEADLINES))
    title = title[0].upper() + title[1:]
    sentences = [slots.fill(t) for t in rng.sample(_SENTENCES, rng.randint(8, 20))]
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    agency = rng.choice(_AGENCIES)
    if rng.random() < 0.9:
        month = _AP_MONTHS[published.month - 1]
        year = f", {published.year}" if rng.random() < 0.5 else ""
        region = f", {country}" if rng.random() < 0.6 else ""
        dateline = f"{city.upper()}{region}, {month} {published.day}{year} ({agency}) - "
        paragraphs[0] = dateline + paragraphs[0]
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return {
        "text": text,
        "title": title,
        "published": published.isoformat(),
        "source": agency,
        "url": f"https://news.example/{published:%Y/%m/%d}/{number:06d}",
    }


class _Slots:
    """Fills a template's {slots} for one article: a cast of people, places and dates."""

    def __init__(
        self, rng: random.Random, world: _World, published: dt.date, city: str, country: str
    ) -> None:
        self.rng, self.world, self.published = rng, world, published
        self.city, self.country = city, country
        count = rng.randint(2, 4)  # distinct first and last names: no two people share one
        names = zip(rng.sample(_FIRST, count), rng.sample(_LAST, count), strict=True)
        self.people = [(rng.choice(_TITLES), f"{first} {last}") for first, last in names]
        self.named: set[str] = set()
        self.last = ""

    def fill(self, template: str) -> str:
        """The template with its slots filled (only those it uses: a person is introduced
        with title and full name where the text first names them)."""
        slots = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        values = {name: self._value(name) for name in sorted(slots)}
        return template.format(**values)

    def _value(self, slot: str) -> str:
        """One slot's text."""
        rng, world = self.rng, self.world
        capitalized = {"Person": "person", "org_cap": "org", "title": "title"}
        if slot in capitalized:
            value = self._value(capitalized[slot]) if slot != "title" else self.people[0][0]
            return value[0].upper() + value[1:]
        if slot in ("person", "person2"):
            return self._person()
        if slot == "last":
            return self.people[0][1].split()[-1]
        if slot in ("city", "country") and rng.random() < 0.6:
            return self.city if slot == "city" else self.country
        choices = {
            "city": lambda: rng.choice(world.cities)[0], "city2": lambda: rng.choice(world.cities)[0],
            "country": self._country, "country2": self._country,
            "org": lambda: rng.choice(_ORGS), "topic": lambda: rng.choice(_TOPICS),
            "date": self._date, "year": lambda: str(self.published.year - rng.randint(1, 40)),
            "next_year": lambda: str(self.published.year + 1),
            "month": lambda: rng.choice(_MONTHS), "day": lambda: str(rng.randint(1, 28)),
            "number": lambda: f"{rng.randint(2, 900) * 10:,}",
            "small": lambda: f"{rng.randint(1, 90) / 10}",
        }  # fmt: skip
        return choices[slot]()

    def _person(self) -> str:
        """A person: title and full name at first mention, the last name after; never the
        person named just before ("X met Y")."""
        title, name = self.rng.choice([p for p in self.people if p[1] != self.last])
        self.last = name
        if name in self.named:
            return name.split()[-1]
        self.named.add(name)
        return f"{title} {name}"

    def _country(self) -> str:
        """Any country."""
        return self.rng.choice(self.world.countries)[0]

    def _date(self) -> str:
        """A date expression as news writes it, relative to the publication date."""
        p, rng = self.published, self.rng
        day = p - dt.timedelta(days=rng.randint(1, 6))
        other = p - dt.timedelta(days=rng.randint(7, 200))
        options = (
            f"on {_WEEKDAYS[day.weekday()]}",
            f"on {_MONTHS[other.month - 1]} {other.day}",
            f"on {_AP_MONTHS[other.month - 1]} {other.day}, {other.year}",
            "last week", "earlier this month", "next month", "last year", "on Monday",
            f"in {_MONTHS[other.month - 1]}", "this week", "by the end of the year",
            f"in {p.year - rng.randint(2, 30)}", "two days ago", "in the first quarter",
        )  # fmt: skip
        return rng.choice(options)


def write(articles: list[dict[str, str]], out: Path, form: str) -> None:
    """Write the articles in the chosen format."""
    if form == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        return
    out.mkdir(parents=True, exist_ok=True)
    if form == "txt":
        for number, article in enumerate(articles, 1):
            (out / f"{number:06d}.txt").write_text(article["text"], encoding="utf-8")
        return
    for first in range(0, len(articles), 500):
        chunk = articles[first : first + 500]
        (out / f"articles-{first // 500 + 1:04d}.json").write_text(
            json.dumps(chunk), encoding="utf-8"
        )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="folder (txt, json) or file (jsonl)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--format", choices=("txt", "json", "jsonl"), default="txt")
    args = parser.parse_args(argv)
    articles = list(generate(args.count, args.seed))
    write(articles, args.out, args.format)
    words = sum(len(a["text"].split()) for a in articles)
    print(f"{len(articles):,} articles, {words:,} words -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
