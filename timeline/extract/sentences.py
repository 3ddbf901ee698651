"""Sentences: the unit an event comes from. Blocks of text first, then spaCy's sentencizer.

The headline and the dateline prefix are metadata: they are left out, so the sample's first
event sentence starts at "President Vladimir Putin". The sentencizer reads the text with noise
blanked (``spacy_text.mask_noise``, same length) and a sentence's text is cut from the article
itself. A "sentence" longer than MAX_SENTENCE characters (none in the dev corpora is over 800)
is cut at a space: every event row carries its sentence, so one endless sentence holding
thousands of dates would otherwise cost time and memory quadratic in its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from timeline.article import Article
from timeline.extract.spacy_run import remember_words
from timeline.extract.spacy_text import mask_noise, packed, pieces

__all__ = ["MAX_SENTENCE", "Sentence", "sentences", "sentences_of"]

MAX_SENTENCE: Final = 1_000

# A block is a line, joined with the next one only where the line break looks like a hard wrap
# inside a sentence (the line ends in a lower-case letter, a comma or a hyphen). A photo credit
# ("... via REUTERS") and the caption under it stay apart.
_PARAGRAPH = re.compile(r"[^\n]+(?:(?<=[a-z,;\-])\n(?![ \t]*\n)[^\n]+)*")


@dataclass(frozen=True)
class Sentence:
    """A sentence's span in the article text, end exclusive: ``article.text[start:end] == text``."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _sentencizer() -> Any:
    """A blank English pipeline with the rule-based sentencizer: fast, and needs no model."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def sentences(article: Article) -> list[Sentence]:
    """The article's sentences in order, without the headline and the dateline prefix."""
    return sentences_of([article])[0]


def sentences_of(articles: Sequence[Article]) -> list[list[Sentence]]:
    """The sentences of each article, from one sentencizer run over all of them.

    spaCy's strings for these texts are freed afterwards (``memory_zone``), so a long-running
    server does not grow with every new text.
    """
    masked = [mask_noise(a.text) for a in articles]
    blocks = [(i, s, e, joined) for i, a in enumerate(articles) for s, e, joined in _packed(a)]
    found: list[list[Sentence]] = [[] for _ in articles]
    nlp = _sentencizer()
    with nlp.memory_zone():
        docs = nlp.pipe(masked[i][s:e] for i, s, e, _ in blocks)
        for (i, start, _end, joined), doc in zip(blocks, docs, strict=True):
            text = articles[i].text
            for sent in doc.sents:
                begin, stop = start + sent.start_char, start + sent.end_char
                for cut in _lines(text, begin, stop) if joined else [(begin, stop)]:
                    found[i].extend(_capped(text, *cut))
    remember_words(nlp, masked)
    return found


def _blocks(article: Article) -> Iterator[tuple[int, int]]:
    """(start, end) of the text blocks the sentencizer reads, metadata left out, each short
    enough for spaCy."""
    text = article.text
    for paragraph in _PARAGRAPH.finditer(text):
        start, end = paragraph.span()
        if article.title_span and start < article.title_span[1] and end > article.title_span[0]:
            continue
        if article.dateline_span and start <= article.dateline_span[0] < end:
            start = max(start, article.dateline_span[1])
        if not text[start:end].isspace():
            yield from pieces(text, start, end)


def _packed(article: Article) -> Iterator[tuple[int, int, bool]]:
    """(start, end, joined) of the documents the sentencizer reads: the blocks, with runs of
    short ones joined (``spacy_text.packed``); a sentence never crosses a joined one's
    line breaks."""
    blocks = list(_blocks(article))
    alone = set(blocks)
    for start, end in packed(article.text, blocks):
        yield start, end, (start, end) not in alone


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """text[start:end] cut at its line breaks (a sentence of packed short lines)."""
    while (cut := text.find("\n", start, end)) >= 0:
        yield start, cut
        start = cut + 1
    yield start, end


def _capped(text: str, start: int, end: int) -> Iterator[Sentence]:
    """The sentence at text[start:end] without surrounding whitespace, in pieces of at most
    MAX_SENTENCE characters."""
    for begin, stop in pieces(text, start, end, limit=MAX_SENTENCE):
        piece = text[begin:stop]
        stripped = piece.strip()
        if stripped:
            first = begin + len(piece) - len(piece.lstrip())
            yield Sentence(first, first + len(stripped), stripped)
