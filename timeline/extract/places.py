"""Place mentions: which spans of an article name places, and which places they are.

Recognition is label-agnostic: spaCy calls Kyiv a PERSON and DPRK an ORG, so every entity span
is a candidate and the gazetteer decides. Capitalised words the model missed are added when the
gazetteer knows them well (a country, a region, a big city), and nationality adjectives
("North Korean", "Russian") are place mentions of their country. Person context vetoes a
match: "Vladimir" and "Kim" are towns, but not in "Vladimir Putin" or "Kim arrived". The
candidates are then resolved together by `geo.resolve`, with the dateline's country as a hint.
"""

from __future__ import annotations

import itertools
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import pandas as pd

from timeline import geo
from timeline.article import Article, make_article
from timeline.extract.entities import (
    PERSON_TITLES,
    EntityMention,
    capitalised_runs,
    entity_mentions,
    model_available,
)
from timeline.extract.spans import SpanIndex
from timeline.schema import PLACE_DTYPES, Col, coerce_frame

__all__ = ["PlaceMention", "find_places", "place_mentions"]

logger = logging.getLogger(__name__)

# Kinds that are places whatever the label: a country, a region or a sea is rarely anything else.
_STRONG_KINDS: Final = frozenset({"country", "region", "continent", "water", "site", "area"})
# How big a city must be before a span the model did not call a place may name it. A PERSON
# span needs more evidence ("Kyiv" yes, "Kim" never: person context vetoes it first).
_MIN_POPULATION_UNTAGGED: Final = 15_000
_MIN_POPULATION_PERSON: Final = 100_000
_PLACE_LABELS: Final = frozenset({"GPE", "LOC", "FAC"})
_MAX_NGRAM: Final = 5
# Hyphens split words: "anti-Russian", "Watertown-ML", "Rock Hill-based" hold a place name.
_WORD: Final = re.compile(r"[^\W\d_][\w.'’]*")

# Capitalised words that name a place somewhere but in news mostly mean something else:
# sentence openers, calendar words, compass words, institutions, agencies.
_NOT_PLACES: Final = frozenset(
    {
        "a", "an", "the", "it", "in", "of", "on", "at", "by", "to", "as", "is", "he", "she",
        "we", "they", "i", "but", "and", "or", "if", "so", "no", "this", "that", "there",
        "when", "while", "after", "before", "via", "for", "from", "with", "about", "his",
        "her", "our", "their", "its", "both", "all", "most", "some", "many", "more", "also",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "sept", "october", "november", "december", "christmas", "easter",
        "police", "president", "government", "state", "city", "county", "republic", "union",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "earth", "moon", "mars", "sun", "god", "reuters", "ap", "afp", "xinhua",
        "mr", "mrs", "ms", "dr", "said", "says", "new", "great", "photo", "video", "news",
        "media", "press", "today", "university", "college", "school", "hospital", "church",
        "court", "house", "senate", "congress", "parliament", "army", "navy", "party",
        "street", "road", "avenue", "river", "lake", "island", "park", "airport", "station",
        "pool", "post", "centre", "center", "time", "best", "states", "federal", "man",
        "green", "liberal", "metro", "olympic", "gulf", "valley", "town", "bank", "mass",
    }
)  # fmt: skip


# Words before a place that make a part of it: "East Texas", "northern Syria".
_COMPASS: Final = frozenset(
    {
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
        "northern", "southern", "eastern", "western", "central", "upper", "lower", "greater",
        "historic", "downtown", "old",
    }
)  # fmt: skip
# Words that follow a place in an organisation's name ("Seattle Fire", "Boston Globe").
_ORG_WORDS: Final = frozenset(
    {
        "post", "times", "herald", "tribune", "globe", "journal", "news", "daily", "fire",
        "police", "city", "county", "state", "university", "college", "airport", "council",
        "mayor", "port", "zoo", "museum", "hospital", "school", "district", "court", "club",
        "fc", "united", "rangers", "giants", "stock", "exchange", "bank",
    }
)  # fmt: skip


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text: `article.text[start:end] == text`, resolved to `place`."""

    start: int
    end: int
    text: str
    place: geo.Place


@dataclass(frozen=True)
class _Candidate:
    """A span that may name a place; a demonym stands for its country."""

    start: int
    end: int
    demonym: bool = False


def place_mentions(
    article: Article, *, use_model: bool = True, entities: list[EntityMention] | None = None
) -> list[PlaceMention]:
    """The places named in `article`, dateline included, resolved in document context.

    Spans exclude a leading "the" and a trailing possessive. A shortened repeat of a longer
    place name ("Vostochny" after "Vostochny Cosmodrome") is that same place.

    Args:
        article: the article.
        use_model: False forces the rule-based recogniser even when a model is installed.
        entities: its entity mentions, if already found (``entities.entity_mentions_of``,
            with the same `use_model`).
    """
    model = use_model and model_available()
    if entities is None:
        entities = entity_mentions(article, use_model=model)
    return _place_mentions(article, entities, model)


def find_places(text: str, *, use_model: bool = True) -> pd.DataFrame:
    """Place mentions in a bare text, one row per mention, columns `schema.PLACE_DTYPES`.

    Never raises: a text with no places (or one that cannot be read) gives an empty frame.
    A dateline and a headline at the top are recognised as in an Article.

    Args:
        text: any text; offsets in the frame point into it.
        use_model: False forces the rule-based recogniser even when a model is installed.

    >>> find_places("No names here.").empty
    True
    """
    try:
        article = make_article(text)
        mentions = place_mentions(article, use_model=use_model)
    except Exception:  # the public helper must not fail a batch; the log says why
        logger.exception("find_places failed on a text of %d characters", len(text))
        mentions = []
    rows: list[dict[str, object]] = [
        {
            Col.CHAR_START: m.start,
            Col.CHAR_END: m.end,
            Col.TEXT: text[m.start : m.end],
            Col.NAME: m.place.name,
            Col.KIND: m.place.kind,
            Col.LAT: m.place.lat,
            Col.LON: m.place.lon,
            Col.COUNTRY: m.place.country,
            "geonameid": m.place.geonameid,
        }
        for m in mentions
    ]
    return coerce_frame(rows, PLACE_DTYPES)


def _place_mentions(
    article: Article, entities: list[EntityMention], model: bool
) -> list[PlaceMention]:
    """Recognition, then resolution."""
    text = article.text
    candidates = _candidates(text, entities, model=model)
    if not candidates:
        return []
    names = [c for c in candidates if not c.demonym]
    resolved = geo.resolve(
        text, [(c.start, c.end) for c in names], hint_country=_hint_country(article)
    )
    found: dict[_Candidate, geo.Place | None] = dict(zip(names, resolved, strict=True))
    for c in candidates:
        if c.demonym:
            found[c] = geo.demonym_country(text[c.start : c.end])
    mentions = _corefer(text, found)
    return sorted(mentions, key=lambda m: (m.start, m.end))


# --------------------------------------------------------------------------- recognition


def _candidates(text: str, entities: list[EntityMention], *, model: bool) -> list[_Candidate]:
    """Spans that name places: entity spans the gazetteer accepts, then what NER missed."""
    person_words = _person_words(text, entities)
    chosen: list[_Candidate] = []
    for entity in entities:
        chosen.extend(_from_entity(text, entity, person_words, model=model))
    # Short forms of the multi-word places found so far: "Vostochny" for the cosmodrome.
    prefixes = _prefixes(text, chosen)
    chosen_spans = SpanIndex((c.start, c.end) for c in chosen)
    reach = -1  # the furthest end of the entities added here (they come sorted by start)
    for entity in entities:
        if (
            entity.label != "PERSON"
            and _short_form(entity.text, prefixes)
            and not chosen_spans.overlaps(entity.start, entity.end)
            and reach <= entity.start
        ):
            chosen.append(_Candidate(entity.start, entity.end))
            reach = max(reach, entity.end)
    taken = [(e.start, e.end) for e in entities] + [(c.start, c.end) for c in chosen]
    chosen.extend(_from_capitalised(text, taken, person_words, prefixes))
    products = _product_names(text)
    chosen = [
        c
        for c in chosen
        if c.demonym
        or geo.normalize_name(text[c.start : c.end]) not in products
        or _is_country(text[c.start : c.end])
    ]
    return sorted(set(chosen), key=lambda c: (c.start, c.end))


# A name right before one of these is a weapon's or vehicle's, not a place: "the Angara
# rocket" (Angara is also an old name of Ankara), "Iskander missiles", "Soyuz capsule".
_PRODUCT_NOUN: Final = re.compile(
    # No apostrophes in the name: "Pyongyang's missiles" are a country's, not a product name.
    # Bounded words and a name starting at a word start: an unbounded run of capitalised
    # words, tried from every position, took time quadratic in its length ("A" * 20000: 16 s).
    r"(?<![\w\-])([A-Z][\w\-]{0,40}(?:\s+[A-Z][\w\-]{0,40}){0,5})(?:-class)?\s+(?:space\s+)?"
    r"(?:rockets?|missiles?|launchers?|launch\s+vehicles?|spacecraft|capsules?|boosters?|"
    r"drones?|tanks?|howitzers?|fighter\s+jets?|jets?|helicopters?|submarines?|warships?|"
    r"destroyers?|frigates?|vaccines?)\b"
)


def _product_names(text: str) -> frozenset[str]:
    """Names used for products in this document; one reading per name, so every mention of
    them is left out ("the Angara rocket ... the Angara, is assembled")."""
    return frozenset(geo.normalize_name(m.group(1)) for m in _PRODUCT_NOUN.finditer(text))


def _prefixes(text: str, chosen: list[_Candidate]) -> frozenset[tuple[str, ...]]:
    """Leading word sequences of the multi-word, non-demonym place spans chosen."""
    out: set[tuple[str, ...]] = set()
    for c in chosen:
        words = tuple(geo.normalize_name(text[c.start : c.end]).split())
        if not c.demonym and len(words) > 1:
            out.update(words[:k] for k in range(1, len(words)))
    return frozenset(out)


def _short_form(name: str, prefixes: frozenset[tuple[str, ...]]) -> bool:
    """Whether `name` is the first word(s) of a longer place named in the text."""
    return bool(prefixes) and tuple(geo.normalize_name(name).split()) in prefixes


_HONORIFIC_NAME: Final = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+([A-Z][\w'’\-]+)")


def _person_words(text: str, entities: list[EntityMention]) -> frozenset[str]:
    """Words that name people here: those of multi-word person names ("Vladimir", "Putin",
    "Kim") and surnames after an honorific ("Ms. Moayyad"). Longer "names" are misread
    headlines ("Freemason Bogdanov Joins Sochi") and "Alexandria Police" an institution:
    both are left out."""
    words = {
        word
        for e in entities
        if e.label == "PERSON" and len(e.text.split()) in (2, 3) and not _org_like(e.text)
        for word in e.text.split()
    }
    words.update(match.group(1) for match in _HONORIFIC_NAME.finditer(text))
    return frozenset(words)


def _org_like(name: str) -> bool:
    """Whether a name ends like an institution's ("Alexandria Police", "Dublin City")."""
    last = name.split()[-1].casefold()
    return last in _ORG_WORDS or last in _NOT_PLACES


def _from_entity(
    text: str, entity: EntityMention, person_words: frozenset[str], *, model: bool
) -> list[_Candidate]:
    """The place spans in one entity: the whole, or for organisations the place inside."""
    name = entity.text
    if _not_a_place(name):
        return []
    if geo.demonym_country(name) is not None:
        return [_Candidate(entity.start, entity.end, demonym=True)]
    # The model's own place labels outweigh a namesake person ("in Alexandria" next to an
    # "Alexandria Police" it read as a person); a title before the name does not.
    names = person_words if entity.label not in _PLACE_LABELS else frozenset()
    if _person_context(text, entity.start, entity.end, names) and not _is_country(name):
        return []
    if entity.label == "PERSON" and not _org_like(name):
        if not _strong(name, _MIN_POPULATION_PERSON):
            return []
        return [_Candidate(entity.start, entity.end)]
    if entity.label in _PLACE_LABELS and _known(name):
        # Without a model, "GPE" only means "capitalised and in the gazetteer": ask more.
        if model or (
            _strong(name, _MIN_POPULATION_UNTAGGED)
            and not _sentence_opener(text, entity.start, entity.end)
        ):
            return [_Candidate(entity.start, entity.end)]
        return []
    if entity.label in ("ORG", "NORP") and (
        _strong(name, _MIN_POPULATION_PERSON)
        or (_after_locative(text, entity.start) and _strong(name, _MIN_POPULATION_UNTAGGED))
    ):
        return [_Candidate(entity.start, entity.end)]
    # "Help North Korea Build Satellites" (a headline), "Washington Post": the place inside.
    return _inner_places(text, entity, person_words)


def _inner_places(
    text: str, entity: EntityMention, person_words: frozenset[str]
) -> list[_Candidate]:
    """A well-known place name leading a longer entity ("Dublin City Council") or following
    its "of" ("University of California")."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, entity.start, entity.end)]
    if len(words) < 2 or "/" in entity.text:  # "Sputnik/Artem Geodakyan/Pool": a photo credit
        return []
    if any(text[s:e] in person_words for s, e in words):
        return []  # "Nadia Moayyad" labelled ORG: a person, not Nadia district
    found: list[_Candidate] = []
    reach = -1  # the furthest end found so far: every place found starts at an earlier word
    for k in range(len(words)):
        previous = text[words[k - 1][0] : words[k - 1][1]].casefold() if k else ""
        hyphen = k > 0 and text[words[k - 1][1] : words[k][0]] == "-"
        leading = k == 0 or hyphen or previous in ("of", "in", "at")
        leading = leading or (k == 1 and previous in _COMPASS)
        if not leading and words[k][0] < reach:
            continue
        inner = _scan(
            text,
            words[k : k + _MAX_NGRAM],
            person_words,
            whole=(entity.start, entity.end),
            prefixes=frozenset(),
            inside_entity=True,
            only_first=True,
        )
        # Elsewhere in the name, only a country: "Air Zimbabwe", "Royal Bank of Canada".
        kept = [c for c in inner if leading or _is_country(text[c.start : c.end])]
        found.extend(kept)
        reach = max([reach] + [c.end for c in kept])
    return found


def _from_capitalised(
    text: str,
    taken: list[tuple[int, int]],
    person_words: frozenset[str],
    prefixes: frozenset[tuple[str, ...]],
) -> list[_Candidate]:
    """Capitalised words outside every entity that the gazetteer knows well."""
    mask = bytearray(len(text))
    for start, end in taken:
        mask[start:end] = b"\x01" * (end - start)
    found: list[_Candidate] = []
    for run_start, run_end in capitalised_runs(text):
        words = [
            (m.start(), m.end())
            for m in _WORD.finditer(text, run_start, run_end)
            if 1 not in mask[m.start() : m.end()]
        ]
        found.extend(_scan(text, words, person_words, whole=None, prefixes=prefixes))
    return found


def _scan(
    text: str,
    words: list[tuple[int, int]],
    person_words: frozenset[str],
    whole: tuple[int, int] | None,
    prefixes: frozenset[tuple[str, ...]],
    inside_entity: bool = False,
    only_first: bool = False,
) -> list[_Candidate]:
    """Longest-first n-grams of `words` that are well-known places, demonyms or short forms
    of a longer place in the text. Skipped (taken) words break an n-gram."""
    found: list[_Candidate] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _MAX_NGRAM), i, -1):
            start, end = words[i][0], _strip_possessive(text, words[i][0], words[j - 1][1])
            if (start, end) == whole or not _adjacent(text, words[i:j]):
                continue
            name = text[start:end]
            if not name[:1].isupper() or _not_a_place(name):
                continue
            if inside_entity and j - i > 1 and _generic_tail(name):
                continue  # "Dublin City Council": Dublin, unless "X City" is the name itself
            if j - i == 1 and (
                _person_context(text, start, end, person_words)
                or (not inside_entity and _first_name(text, start, end, words[j : j + 1]))
            ):
                continue
            if geo.demonym_country(name) is not None:
                found.append(_Candidate(start, end, demonym=True))
            elif _short_form(name, prefixes) or (
                _strong(name, _MIN_POPULATION_UNTAGGED) and not _sentence_opener(text, start, end)
            ):
                found.append(_Candidate(start, end))
            else:
                continue
            i = j - 1
            break
        if only_first:
            break
        i += 1
    return found


def _adjacent(text: str, words: list[tuple[int, int]]) -> bool:
    """Whether consecutive words are separated only by spaces or "of"/"and"-like joiners."""
    for (_, end), (start, _) in itertools.pairwise(words):
        gap = text[end:start]
        if gap.strip() not in ("", "of", "and", "de", "del", "al", "el", "la", "-") or "\n" in gap:
            return False
    return True


def _strip_possessive(text: str, start: int, end: int) -> int:
    """The end of a span without a trailing "'s", "’s" or "'"."""
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix, start, end) and end - len(suffix) > start + 1:
            return end - len(suffix)
    return end


def _sentence_opener(text: str, start: int, end: int) -> bool:
    """A single word starting a sentence whose lower-case form the text also uses ("Split")."""
    if " " in text[start:end]:
        return False
    before = text[max(0, start - 3) : start].rstrip()
    at_start = not before or before[-1] in '.!?\n"“:'
    return at_start and text[start:end].lower() in _lower_words(text)


@lru_cache(maxsize=8)
def _lower_words(text: str) -> frozenset[str]:
    """The words `text` writes in lower case."""
    return frozenset(w for w in _WORD.findall(text) if w.islower())


def _first_name(text: str, start: int, end: int, following: list[tuple[int, int]]) -> bool:
    """Whether a city name is followed by a capitalised word that is no place, as a first
    name is by a surname ("Artem Geodakyan"); an organisation word or a title after it
    ("Sochi Mayor") makes it a modifier instead."""
    if not following or text[end : following[0][0]] != " ":
        return False
    candidates = geo.lookup(text[start:end])
    if candidates and candidates[0].kind != "city":
        return False  # "Pennsylvania Kennel Association", "Texas Rangers": a state leads
    after = text[following[0][0] : following[0][1]]
    modifier = after.casefold() in _ORG_WORDS or after.casefold() in PERSON_TITLES
    return after[:1].isupper() and not modifier and not _known(after)


def _generic_tail(name: str) -> bool:
    """Whether a name ends with an organisation word and is not a primary place name."""
    if name.split()[-1].casefold() not in _ORG_WORDS:
        return False
    candidates = geo.lookup(name)
    return not candidates or geo.normalize_name(candidates[0].name) != geo.normalize_name(name)


def _not_a_place(name: str) -> bool:
    """A common capitalised word or a title, never a place on its own ("Police", "Officer")."""
    folded = name.casefold()
    return not name.isupper() and (folded in _NOT_PLACES or folded in PERSON_TITLES)


def _is_country(name: str) -> bool:
    """Whether the name's best reading is a country ("Jordan" stays one next to a Jordan)."""
    candidates = geo.lookup(name)
    return bool(candidates) and candidates[0].kind == "country"


def _person_context(text: str, start: int, end: int, person_words: frozenset[str]) -> bool:
    """Whether a span reads as a person: part of a person's name here, or after a title."""
    name = text[start:end]
    if name in person_words:
        return True
    before = text[max(0, start - 40) : start].split()
    return bool(before) and before[-1].casefold() in PERSON_TITLES


# --------------------------------------------------------------------------- gazetteer tests


_LOCATIVE: Final = re.compile(r"\b(?:in|into|to|at|near|from|outside|around|towards?)\s+$", re.I)


def _after_locative(text: str, start: int) -> bool:
    """Whether a locative preposition stands right before: "fighting moved to Bakhmut" names
    a town even when the model calls it an organization."""
    return bool(_LOCATIVE.search(text, max(0, start - 12), start))


@lru_cache(maxsize=16384)
def _known(name: str) -> bool:
    """Whether the gazetteer has the name at all (for spans NER already calls places)."""
    return geo.is_place_name(name)


@lru_cache(maxsize=16384)
def _strong(name: str, min_population: int) -> bool:
    """Whether the name's best reading is a place few would take for anything else."""
    if not geo.is_place_name(name):
        return False
    candidates = geo.lookup(name)
    if not candidates:
        return False
    top = candidates[0]
    if top.kind in _STRONG_KINDS:
        return True
    primary = geo.normalize_name(top.name) == geo.normalize_name(name)
    return top.population >= min_population and primary


def _hint_country(article: Article) -> str | None:
    """The ISO code of the dateline's country ("VLADIVOSTOK, Russia" -> "RU"), if any."""
    for name in (article.dateline_region, article.dateline_place):
        if name:
            candidates = geo.lookup(name)
            if candidates and candidates[0].country:
                return candidates[0].country
    return None


# --------------------------------------------------------------------------- coreference


def _corefer(text: str, found: dict[_Candidate, geo.Place | None]) -> list[PlaceMention]:
    """Mentions with places; a short form of a longer place named in the same text is that
    place: "Vostochny" -> Vostochny Cosmodrome, "Amur" -> Amur region (one sense per text)."""
    longer: list[tuple[tuple[str, ...], geo.Place]] = sorted(
        (
            (tuple(geo.normalize_name(text[c.start : c.end]).split()), place)
            for c, place in found.items()
            if place is not None and not c.demonym and place.kind != "country"
        ),
        key=lambda item: -len(item[0]),
    )
    # The longest place each word sequence starts: ("vostochny",) -> Vostochny Cosmodrome.
    starts: dict[tuple[str, ...], geo.Place] = {}
    for full, longest in longer:
        for k in range(1, len(full)):
            starts.setdefault(full[:k], longest)
    out = []
    for c, place in found.items():
        words = tuple(geo.normalize_name(text[c.start : c.end]).split())
        chosen = place if c.demonym else starts.get(words, place)
        if chosen is not None:
            out.append(PlaceMention(c.start, c.end, text[c.start : c.end], chosen))
    return out
