"""Sentences: the unit an event comes from. Blocks of text first, then spaCy's sentencizer.

The headline and the dateline prefix are metadata: they are left out, so the sample's first
event sentence starts at "President Vladimir Putin".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from timeline.article import Article

__all__ = ["Sentence", "sentences"]

# A block is a line, joined with the next one only where the line break looks like a hard wrap
# inside a sentence (the line ends in a lower-case letter, a comma or a hyphen). A photo credit
# ("... via REUTERS") and the caption under it stay apart.
_PARAGRAPH = re.compile(r"[^\n]+(?:(?<=[a-z,;\-])\n(?![ \t]*\n)[^\n]+)*")


@dataclass(frozen=True)
class Sentence:
    """A sentence's span in the article text, end exclusive."""

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
    text = article.text
    blocks: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        start, end = paragraph.span()
        if article.title_span and start < article.title_span[1] and end > article.title_span[0]:
            continue
        if article.dateline_span and start <= article.dateline_span[0] < end:
            start = max(start, article.dateline_span[1])
        if text[start:end].strip():
            blocks.append((start, end))
    nlp = _sentencizer()
    found: list[Sentence] = []
    for (start, _end), doc in zip(blocks, nlp.pipe(text[s:e] for s, e in blocks), strict=True):
        for sent in doc.sents:
            piece = sent.text.strip()
            if piece:
                begin = start + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                found.append(Sentence(begin, begin + len(piece), piece))
    return found
