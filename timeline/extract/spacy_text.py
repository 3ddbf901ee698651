"""The text spaCy reads: the article's own length and lines, with runs that are not language
blanked, in pieces spaCy accepts.

spaCy's tokenizer strips prefix and suffix characters one at a time and searches the rest of
the token again after each, so a long run of symbols costs time quadratic in its length
(``"¥" * 8000``: 13 s; 24k characters of ``»¿``: over two minutes), and every symbol it splits
off is a token the NER model must read. Two kinds of run are therefore written as spaces
before spaCy sees them, all but their first and last characters (so a sentence still ends
where it did) and every newline (so lines and paragraphs stay as they were):

* a run without whitespace longer than ``MAX_TOKEN`` characters (in the dev corpora, no word,
  URL or hashtag chain is longer than 64);
* ``MIN_SYMBOL_RUN`` or more punctuation or symbol characters in a row, spaces allowed between
  (``"¥ ¥ ¥ ¥"``, ``"»¿»¿"``, emoji; the dev corpora have none: their longest is a
  ``---------`` rule, which NER reads as it is).

The result has the same length as the input, so every offset spaCy reports indexes the
article. Callers slice the article's own text for what they keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

__all__ = ["MAX_PIECE", "MAX_TOKEN", "MIN_SYMBOL_RUN", "mask_noise", "pieces"]

MAX_TOKEN: Final = 64
MIN_SYMBOL_RUN: Final = 16
# spaCy refuses texts longer than nlp.max_length (1,000,000); longer stretches go in pieces.
MAX_PIECE: Final = 100_000

# The lookbehinds make every start inside a run fail at once, so each scan is linear.
_LONG_RUN: Final = re.compile(rf"(?<!\S)\S{{{MAX_TOKEN + 1},}}")
_SYMBOL_RUN: Final = re.compile(rf"(?<![^\w\s])[^\w\s](?:[^\S\n]*[^\w\s]){{{MIN_SYMBOL_RUN - 1},}}")
_NOT_SPACE: Final = re.compile(r"\S")


def mask_noise(text: str) -> str:
    """`text` with long tokens and symbol runs blanked but for their ends; same length.

    >>> mask_noise("Paris " + "¥" * 20 + " London")
    'Paris ¥                  ¥ London'
    >>> mask_noise("ordinary text, with punctuation: (untouched)...")
    'ordinary text, with punctuation: (untouched)...'
    """
    spans = sorted(
        [m.span() for m in _LONG_RUN.finditer(text)]
        + [m.span() for m in _SYMBOL_RUN.finditer(text)]
    )
    if not spans:
        return text
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start < merged[-1][1]:  # a long token that is also a symbol run
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out: list[str] = []
    last = 0
    for start, end in merged:
        out.append(text[last : start + 1])
        out.append(_NOT_SPACE.sub(" ", text[start + 1 : end - 1]))
        last = end - 1
    out.append(text[last:])
    return "".join(out)


def pieces(text: str, start: int, end: int, limit: int = MAX_PIECE) -> Iterator[tuple[int, int]]:
    """(start, end) pieces of ``text[start:end]`` at most `limit` long, cut after a space
    where there is one.

    >>> list(pieces("aaa bbb ccc", 0, 11, limit=5))
    [(0, 4), (4, 8), (8, 11)]
    """
    while start < end:
        stop = min(end, start + limit)
        if stop < end:
            cut = text.rfind(" ", start, stop)
            stop = cut + 1 if cut > start else stop
        yield start, stop
        start = stop
