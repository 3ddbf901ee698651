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
  ``. ---------`` rule);
* for NER only (``tight=True``), ``MIN_TIGHT_RUN`` or more of them without a space
  (``"¥¥¥¥"``, ``"----"``, ``"[...]"``): spaCy splits each into a token, so fifteen symbols
  before every word cost six times what news costs per character. The sentencizer reads
  them as they are, since ``..."`` may end a sentence.

Lines are what NER and the sentencizer read, one spaCy document each, and spaCy costs about
as much per document as per 40 words: ``packed`` joins runs of ``MIN_PACKED`` or more short
lines (thousands of ``"a"`` lines; news has none) into one document, from which callers cut
what crosses a line break.

The result has the same length as the input, so every offset spaCy reports indexes the
article. Callers slice the article's own text for what they keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

__all__ = [
    "MAX_PACKED",
    "MAX_PIECE",
    "MAX_TOKEN",
    "MIN_PACKED",
    "MIN_SYMBOL_RUN",
    "MIN_TIGHT_RUN",
    "SHORT_LINE",
    "mask_noise",
    "packed",
    "pieces",
]

MAX_TOKEN: Final = 64
MIN_SYMBOL_RUN: Final = 16
MIN_TIGHT_RUN: Final = 4
# Lines of at most SHORT_LINE characters (spaces aside), MIN_PACKED or more in a row, are
# read as one document of at most MAX_PACKED characters.
SHORT_LINE: Final = 16
MIN_PACKED: Final = 8
MAX_PACKED: Final = 2_000
# spaCy refuses texts longer than nlp.max_length (1,000,000); longer stretches go in pieces.
MAX_PIECE: Final = 100_000

# The lookbehinds make every start inside a run fail at once, so each scan is linear.
_LONG_RUN: Final = re.compile(rf"(?<!\S)\S{{{MAX_TOKEN + 1},}}")
_SYMBOL_RUN: Final = re.compile(rf"(?<![^\w\s])[^\w\s](?:[^\S\n]*[^\w\s]){{{MIN_SYMBOL_RUN - 1},}}")
_TIGHT_RUN: Final = re.compile(rf"(?<![^\w\s])[^\w\s]{{{MIN_TIGHT_RUN},}}")
_NOT_SPACE: Final = re.compile(r"\S")


def mask_noise(text: str, *, tight: bool = False) -> str:
    """`text` with long tokens and symbol runs blanked but for their ends; same length.
    `tight` also blanks runs of MIN_TIGHT_RUN symbols without a space.

    >>> mask_noise("Paris " + "¥" * 20 + " London")
    'Paris ¥                  ¥ London'
    >>> mask_noise("ordinary text, with punctuation: (untouched)...")
    'ordinary text, with punctuation: (untouched)...'
    >>> mask_noise("a rule ---- and [...] an ellipsis", tight=True)
    'a rule -  - and [   ] an ellipsis'
    """
    spans = sorted(
        [m.span() for m in _LONG_RUN.finditer(text)]
        + [m.span() for m in _SYMBOL_RUN.finditer(text)]
        + ([m.span() for m in _TIGHT_RUN.finditer(text)] if tight else [])
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


def packed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` (lines of `text`, in order) with each run of MIN_PACKED or more short lines
    apart only by whitespace joined into spans of at most MAX_PACKED characters.

    >>> packed("a\\nb\\nc", [(0, 1), (2, 3), (4, 5)])
    [(0, 1), (2, 3), (4, 5)]
    >>> packed("x\\n" * 9, [(i, i + 1) for i in range(0, 18, 2)])
    [(0, 17)]
    """
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if len(run) < MIN_PACKED:
            out.extend(run)
        else:
            first, last = run[0]
            for start, end in run[1:]:
                if end - first > MAX_PACKED:
                    out.append((first, last))
                    first = start
                last = end
            out.append((first, last))
        run.clear()

    for start, end in spans:
        short = len(text[start:end].strip()) <= SHORT_LINE
        joins = bool(run) and not text[run[-1][1] : start].strip()
        if not (short and (joins or not run)):
            flush()
        if short:
            run.append((start, end))
        else:
            out.append((start, end))
    flush()
    return out
