"""Actors: the people, countries and organisations that act in an article.

People are resolved within the document: a surname or first name alone ("Putin", "Kim")
is the fullest name that contains it ("Vladimir Putin", "Kim Jong Un"), and a title written just
before a name is kept as the person's role ("Kremlin spokesman Dmitry Peskov"). Countries act
when named as countries, through their nationality adjective ("North Korean"), or through a
seat of government or a capital used as a metonym ("the Kremlin", "Moscow said").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final

from timeline import geo
from timeline.article import Article
from timeline.extract.entities import PERSON_TITLES, EntityMention, entity_mentions
from timeline.extract.places import PlaceMention, place_mentions
from timeline.extract.spans import SpanIndex

__all__ = ["ACTOR_KINDS", "ActorMention", "actor_mentions"]

ACTOR_KINDS: Final = ("person", "country", "organization")

# Seats of government standing for their state, whatever follows them.
_SEATS: Final[dict[str, str]] = {
    "kremlin": "RU", "white house": "US", "pentagon": "US", "downing street": "GB",
    "elysee palace": "FR", "elysee": "FR", "zhongnanhai": "CN", "blue house": "KR",
}  # fmt: skip
# Capitals that stand for their state when they act ("Moscow said", "Pyongyang's missiles").
_CAPITALS: Final[dict[str, str]] = {
    "moscow": "RU", "washington": "US", "beijing": "CN", "pyongyang": "KP", "seoul": "KR",
    "tokyo": "JP", "kyiv": "UA", "kiev": "UA", "london": "GB", "paris": "FR", "berlin": "DE",
    "tehran": "IR", "ankara": "TR", "taipei": "TW", "new delhi": "IN", "islamabad": "PK",
    "kabul": "AF", "damascus": "SY", "baghdad": "IQ", "riyadh": "SA", "cairo": "EG",
    "minsk": "BY", "havana": "CU", "caracas": "VE", "canberra": "AU", "ottawa": "CA",
    "rome": "IT", "madrid": "ES", "warsaw": "PL", "budapest": "HU", "manila": "PH",
    "hanoi": "VN", "jerusalem": "IL", "tbilisi": "GE", "yerevan": "AM", "baku": "AZ",
    "doha": "QA", "abu dhabi": "AE", "beirut": "LB", "amman": "JO", "tripoli": "LY",
    "khartoum": "SD", "addis ababa": "ET", "nairobi": "KE", "pretoria": "ZA", "brasilia": "BR",
    "mexico city": "MX", "bogota": "CO", "buenos aires": "AR", "jakarta": "ID",
    "naypyitaw": "MM", "bangkok": "TH", "vienna": "AT", "stockholm": "SE", "helsinki": "FI",
    "oslo": "NO", "copenhagen": "DK", "athens": "GR", "belgrade": "RS", "bucharest": "RO",
}  # fmt: skip
# Names of the countries above, to find them in the gazetteer (which has no code index).
_COUNTRY_NAMES: Final[dict[str, str]] = {
    "RU": "Russia", "US": "United States", "GB": "United Kingdom", "FR": "France",
    "CN": "China", "KR": "South Korea", "KP": "North Korea", "JP": "Japan", "UA": "Ukraine",
    "DE": "Germany", "IR": "Iran", "TR": "Turkey", "TW": "Taiwan", "IN": "India",
    "PK": "Pakistan", "AF": "Afghanistan", "SY": "Syria", "IQ": "Iraq", "SA": "Saudi Arabia",
    "EG": "Egypt", "BY": "Belarus", "CU": "Cuba", "VE": "Venezuela", "AU": "Australia",
    "CA": "Canada", "IT": "Italy", "ES": "Spain", "PL": "Poland", "HU": "Hungary",
    "PH": "Philippines", "VN": "Vietnam", "IL": "Israel", "GE": "Georgia", "AM": "Armenia",
    "AZ": "Azerbaijan", "QA": "Qatar", "AE": "United Arab Emirates", "LB": "Lebanon",
    "JO": "Jordan", "LY": "Libya", "SD": "Sudan", "ET": "Ethiopia", "KE": "Kenya",
    "ZA": "South Africa", "BR": "Brazil", "MX": "Mexico", "CO": "Colombia", "AR": "Argentina",
    "ID": "Indonesia", "MM": "Myanmar", "TH": "Thailand", "AT": "Austria", "SE": "Sweden",
    "FI": "Finland", "NO": "Norway", "DK": "Denmark", "GR": "Greece", "RS": "Serbia",
    "RO": "Romania",
}  # fmt: skip
# Words after a capital that make it act: speech, decisions, modal verbs.
_ACTING: Final = frozenset(
    {
        "said", "says", "say", "has", "have", "had", "is", "was", "will", "would", "could",
        "should", "may", "might", "must", "can", "accused", "accuses", "denied", "denies",
        "warned", "warns", "rejected", "rejects", "announced", "announces", "urged", "urges",
        "called", "calls", "condemned", "condemns", "responded", "wants", "sent", "sends",
        "launched", "claimed", "claims", "insisted", "agreed", "refused", "signed", "imposed",
        "ordered", "threatened", "blamed", "demanded", "expelled", "recognised", "recognized",
        "sought", "seeks", "plans", "hopes", "fears", "believes", "considers", "did", "does",
    }
)  # fmt: skip
_HONORIFICS: Final = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "sir"})
# Lower-case words that belong to a title: "foreign minister", "deputy prime minister".
_ROLE_MODIFIERS: Final = frozenset(
    {
        "foreign", "defense", "defence", "interior", "finance", "economy", "prime", "deputy",
        "vice", "former", "acting", "chief", "senior", "top", "state", "press", "supreme",
        "first", "national", "security", "military", "opposition", "army", "party",
        "government", "presidential", "parliament", "parliamentary", "general", "executive",
        "trade", "justice", "health", "energy", "nuclear", "space", "intelligence", "police",
    }
)  # fmt: skip
# Words a role never starts with, even capitalised: sentence openers and conjunctions.
_ROLE_STOPS: Final = frozenset(
    {
        "the", "a", "an", "and", "but", "or", "when", "while", "as", "by", "with", "said",
        "says", "told", "to", "of", "in", "on", "at", "for", "from", "that", "this", "if",
        "then", "also", "both", "after", "before", "his", "her", "their", "its", "our",
    }
)  # fmt: skip
_ABBREVIATION: Final = re.compile(r"(?:[A-Z]\.){2,}")
_ROLE_BREAK: Final = re.compile(r"[,;:()\"“”\[\]\n–—]")
_SPACES: Final = re.compile(r"\s+")


@dataclass(frozen=True)
class ActorMention:
    """One mention of an actor: `article.text[start:end] == text`.

    Attributes:
        kind: "person", "country" or "organization" (see ACTOR_KINDS).
        name: the canonical name ("Vladimir Putin" for "Putin", "North Korea" for
            "North Korean", "Russia" for "the Kremlin").
        role: the title written before a person's name ("President"), else that person's
            role elsewhere in the text, else None.
        country: the ISO 3166 alpha-2 code of a country actor, else None.
    """

    start: int
    end: int
    text: str
    kind: str
    name: str
    role: str | None = None
    country: str | None = None


def actor_mentions(
    article: Article,
    places: list[PlaceMention] | None = None,
    *,
    use_model: bool = True,
    entities: list[EntityMention] | None = None,
) -> list[ActorMention]:
    """People, countries and organisations acting in `article`, sorted by offset.

    Args:
        article: the article.
        places: its place mentions, if already found (they share one spaCy run anyway).
        use_model: False forces the rule-based recogniser even when a model is installed.
        entities: its entity mentions, if already found (``entities.entity_mentions_of``).
    """
    text = article.text
    if entities is None:
        entities = entity_mentions(article, use_model=use_model)
    if places is None:
        places = place_mentions(article, use_model=use_model, entities=entities)
    place_spans = SpanIndex((p.start, p.end) for p in places)
    metadata = article.dateline_span

    def is_place(e: EntityMention) -> bool:
        return place_spans.overlaps(e.start, e.end)

    def in_dateline(e: EntityMention) -> bool:
        return metadata is not None and metadata[0] <= e.start and e.end <= metadata[1]

    people = [e for e in entities if e.label == "PERSON" and not is_place(e)]
    actors = _people(text, people, taken=entities)
    actors += _countries(text, places, entities)
    taken = {(a.start, a.end) for a in actors}
    # Inside a title, an organisation's name is part of the role ("Secretary of State"),
    # except where the title starts with it ("NATO Secretary-General").
    role_tails = SpanIndex(
        (a.start - len(a.role or "") - 1 + len(a.role.split()[0]), a.start)
        for a in actors
        if a.kind == "person" and a.role and _written_before(text, a.start, a.role)
    )
    blocs = {(p.start, p.end) for p in places if p.place.kind in ("area", "continent")}
    orgs = [
        e
        for e in entities
        if e.label == "ORG"
        and (not is_place(e) or (e.start, e.end) in blocs)  # the European Union acts
        and not in_dateline(e)
        and (e.start, e.end) not in taken
        and "/" not in e.text  # "Sputnik/Artem Geodakyan/Pool": a photo credit
        and not role_tails.contains(e.start, e.end)
    ]
    names = _org_names(orgs)
    actors += [
        ActorMention(e.start, e.end, e.text, "organization", names[e.text.casefold()]) for e in orgs
    ]
    return sorted(actors, key=lambda a: (a.start, a.end))


def _written_before(text: str, start: int, words: str) -> bool:
    """Whether `words` stand right before `start`, whitespace between."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text.endswith(words, 0, end)


def _org_names(orgs: list[EntityMention]) -> dict[str, str]:
    """One name per organisation however it is cased: "REUTERS" is "Reuters" when the text
    also writes it so; otherwise the first spelling."""
    names: dict[str, str] = {}
    for e in orgs:
        key = e.text.casefold()
        if key not in names or (names[key].isupper() and not e.text.isupper()):
            names[key] = _clean(e.text)
    return names


# --------------------------------------------------------------------------- people


def _people(
    text: str, people: list[EntityMention], taken: list[EntityMention]
) -> list[ActorMention]:
    """Person mentions, each linked to the fullest name it is part of, with its role."""
    mentions = [(e.start, e.end) for e in people]
    mentions += _unlabelled_repeats(text, people, taken)
    mentions.sort()
    full_names = _FullNames(
        [(s, _clean(text[s:e])) for s, e in mentions if len(text[s:e].split()) > 1]
    )
    named = [(s, e, full_names.canonical(s, _clean(text[s:e]))) for s, e in mentions]
    roles: dict[str, str] = {}
    found = []
    for start, end, name in named:
        role = _role_before(text, start)
        if role is not None:
            roles.setdefault(name, role)
        found.append((start, end, name, role))
    return [
        ActorMention(s, e, text[s:e], "person", name, role or roles.get(name))
        for s, e, name, role in found
    ]


def _unlabelled_repeats(
    text: str, people: list[EntityMention], taken: list[EntityMention]
) -> list[tuple[int, int]]:
    """First and last names of the text's people where NER missed them ("Kim arrived")."""
    words = {
        word
        for e in people
        if len(e.text.split()) > 1
        for word in (e.text.split()[0], e.text.split()[-1])
        if len(word) > 2 and word[:1].isupper()
    }
    if not words:
        return []
    spans = SpanIndex((e.start, e.end) for e in taken)
    return [span for span in _whole_words(text, words) if not spans.overlaps(*span)]


def _whole_words(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Where the `words` stand whole (no letter, digit, "_" or "-" touching them), left to
    right without overlaps; at one position the first word in sorted order wins. A regex
    alternation of the words would try every word at every position: slow with many people.
    """
    lengths = sorted({len(w) for w in words})
    starts = re.compile(r"(?<![\w-])[" + re.escape("".join({w[0] for w in words})) + "]")
    found: list[tuple[int, int]] = []
    last = 0
    for match in starts.finditer(text):
        start = match.start()
        if start < last:
            continue
        whole = [
            text[start : start + n]
            for n in lengths
            if text[start : start + n] in words and not _word_char(text, start + n)
        ]
        if whole:
            last = start + len(min(whole))
            found.append((start, last))
    return found


def _word_char(text: str, at: int) -> bool:
    """Whether text[at] exists and is a letter, digit, "_" or "-" (regex ``[\\w-]``)."""
    return at < len(text) and (text[at].isalnum() or text[at] in "_-")


class _FullNames:
    """The multi-word person names of a text with where each is written, indexed by word so
    that a short name is compared with the few full names sharing its first word only."""

    def __init__(self, full_names: list[tuple[int, str]]) -> None:
        self._where: dict[str, list[int]] = {}
        for where, full in sorted(full_names):
            self._where.setdefault(full, []).append(where)
        self._by_word: dict[str, list[str]] = {}
        for full in self._where:
            for word in dict.fromkeys(full.split()):
                self._by_word.setdefault(word, []).append(full)

    def canonical(self, start: int, name: str) -> str:
        """The fullest name in the text holding all of `name`'s words in order; the nearest
        earlier one wins a tie, then the nearest later one."""
        words = name.split()
        best: tuple[int, int, str] | None = None
        for full in self._by_word.get(words[0], []) if words else []:
            if not _subsequence(words, full.split()):
                continue
            where = self._where[full]
            at = bisect.bisect_right(where, start)
            distance = start - where[at - 1] if at else 10**9 + where[0] - start
            key = (-len(full.split()), distance, full)
            if best is None or key < best:
                best = key
        return best[2] if best is not None else name


def _subsequence(words: list[str], full: list[str]) -> bool:
    """Whether `words` appear in `full` in the same order."""
    it = iter(full)
    return all(any(w == f for f in it) for w in words)


def _role_before(text: str, start: int) -> str | None:
    """The title written right before a name: "Kremlin spokesman", "President"."""
    window = text[max(0, start - 80) : start]
    breaks = list(_ROLE_BREAK.finditer(window))
    segment = window[breaks[-1].end() :] if breaks else window
    words = segment.split()
    if not words or segment[-1:] not in (" ", "\t"):
        return None
    head = _title_head(words)
    if head is None:
        return None
    first = head
    while first > 0 and _role_word(words[first - 1]):
        first -= 1
    role = " ".join(words[first:])
    return None if role.casefold() in _HONORIFICS else role


def _title_head(words: list[str]) -> int | None:
    """Index of the title word ending the words ("spokesman"; "Secretary" in "Secretary of
    State"), or None if they do not end with a title."""
    for back in range(1, min(4, len(words)) + 1):
        index = len(words) - back
        word = words[index].casefold()
        if _is_title(word) and word not in _HONORIFICS:
            tail = words[index + 1 :]
            if not tail or (tail[0] == "of" and all(w[:1].isupper() for w in tail[1:])):
                return index
            return None
        if word in _HONORIFICS and back == 1:
            return None
    return None


def _is_title(word: str) -> bool:
    """A title word, hyphenated ones included ("Secretary-General", "President-elect")."""
    return word in PERSON_TITLES or any(part in PERSON_TITLES for part in word.split("-"))


def _role_word(word: str) -> bool:
    """Whether a word before a title belongs to it (not a possessive, not a sentence opener)."""
    lower = word.casefold()
    if lower in _ROLE_STOPS or word.endswith(("'s", "’s", "'", "’")):
        return False
    # A word ending a sentence ("... on Thursday. President Zelenskyy") starts no role; an
    # abbreviation ("U.S. Secretary of State") does belong to it.
    if word.endswith((".", "!", "?")) and not _ABBREVIATION.fullmatch(word):
        return False
    return lower in _ROLE_MODIFIERS or lower in PERSON_TITLES or word[:1].isupper()


# --------------------------------------------------------------------------- countries


def _countries(
    text: str, places: list[PlaceMention], entities: list[EntityMention]
) -> list[ActorMention]:
    """Countries named, by adjective, by seat of government, or by an acting capital."""
    found = []
    seen: set[tuple[int, int]] = set()
    for p in places:
        code = _metonym(text, p.start, p.end)
        if p.place.kind == "country":
            found.append(_country(p.start, p.end, p.text, p.place.name, p.place.country))
        elif code is not None:
            found.append(_country(p.start, p.end, p.text, _country_name(code), code))
        else:
            continue
        seen.add((p.start, p.end))
    for e in entities:
        code = _SEATS.get(geo.normalize_name(e.text))
        if code is not None and (e.start, e.end) not in seen:
            found.append(_country(e.start, e.end, e.text, _country_name(code), code))
    return found


def _country(start: int, end: int, text: str, name: str, code: str | None) -> ActorMention:
    """A country actor mention."""
    return ActorMention(start, end, text, "country", name, None, code)


def _metonym(text: str, start: int, end: int) -> str | None:
    """The country a seat of government or an acting capital stands for, if it does."""
    key = geo.normalize_name(text[start:end])
    if key in _SEATS:
        return _SEATS[key]
    if key not in _CAPITALS:
        return None
    after = text[end : end + 30]
    if after.startswith(("'s", "’s")):
        return _CAPITALS[key]
    next_word = after.split(maxsplit=1)[0].casefold() if after.split() else ""
    return _CAPITALS[key] if next_word in _ACTING else None


def _country_name(code: str) -> str:
    """The gazetteer's name of a country from its ISO code ("RU" -> "Russia")."""
    written = _COUNTRY_NAMES.get(code, code)
    for candidate in geo.lookup(written):
        if candidate.kind == "country" and candidate.country == code:
            return candidate.name
    return written


def _clean(name: str) -> str:
    """A name as shown to users: homoglyphs folded, one space between words."""
    return _SPACES.sub(" ", geo.fold_homoglyphs(name)).strip()
