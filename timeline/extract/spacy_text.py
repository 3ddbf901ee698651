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
  them as they are, since ``..."`` may end a sentence;
* for NER only, ``MIN_SHORT_RUN`` or more words of one or two characters in a row, any
  whitespace between (``"a a a"``, ``"a\r\n\t"`` or ``"ab\r\n\t"`` lines): NER costs
  about the same per token whatever the token, and these hold a token every two to three
  characters where news holds one every five (2.3 to 3.2 times news' time). The dev corpora
  have no run of more than 8 (``": 3 to 4 / 3 to 4."``), and none of one-character words
  longer than 4.

Lines are what NER and the sentencizer read, one spaCy document each, and spaCy costs about
as much per document as per 40 words: ``packed`` joins runs of ``MIN_PACKED`` or more short
lines (thousands of ``"a"`` lines; news has none) into one document, from which callers cut
what crosses a line break.

A long line that repeats one short unit (``"PARIS, May 2 (AFP) -" * 3000``; no line of the
dev corpora repeats a unit even twice in a row) is read as ``repeated`` pieces of the same
text, cut where the unit starts a word, so that the reader can run NER on one of them only.

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
    "MIN_SHORT_RUN",
    "MIN_SYMBOL_RUN",
    "MIN_TIGHT_RUN",
    "SHORT_LINE",
    "mask_noise",
    "packed",
    "pieces",
    "repeated",
]

MAX_TOKEN: Final = 64
MIN_SYMBOL_RUN: Final = 16
MIN_TIGHT_RUN: Final = 4
MIN_SHORT_RUN: Final = 16
# Lines of at most SHORT_LINE characters (spaces aside), MIN_PACKED or more in a row, are
# read as one document of at most MAX_PACKED characters.
SHORT_LINE: Final = 16
MIN_PACKED: Final = 8
MAX_PACKED: Final = 2_000
# spaCy refuses texts longer than nlp.max_length (1,000,000); longer stretches go in pieces.
MAX_PIECE: Final = 100_000
# A line longer than MIN_REPEATED that repeats a unit of at most MAX_PERIOD characters is cut
# into pieces of about MAX_PACKED characters that are all the same text.
MIN_REPEATED: Final = 2 * MAX_PACKED
MAX_PERIOD: Final = 256

# The lookbehinds make every start inside a run fail at once, so each scan is linear.
_LONG_RUN: Final = re.compile(rf"(?<!\S)\S{{{MAX_TOKEN + 1},}}")
_SYMBOL_RUN: Final = re.compile(rf"(?<![^\w\s])[^\w\s](?:[^\S\n]*[^\w\s]){{{MIN_SYMBOL_RUN - 1},}}")
_TIGHT_RUN: Final = re.compile(rf"(?<![^\w\s])[^\w\s]{{{MIN_TIGHT_RUN},}}")
# Possessive whitespace: a failed attempt never backtracks into a long blank stretch.
_SHORT_RUN: Final = re.compile(
    rf"(?<!\S)\S{{1,2}}(?!\S)(?:\s++\S{{1,2}}(?!\S)){{{MIN_SHORT_RUN - 1},}}"
)
_NOT_SPACE: Final = re.compile(r"\S")
_SENTENCE_END: Final = re.compile(r"[.!?][\"'”’)\]]*\s")
_BLANK: Final = re.compile(r"\s")


def mask_noise(text: str, *, tight: bool = False) -> str:
    """`text` with long tokens and symbol runs blanked but for their ends; same length.
    `tight` also blanks runs of MIN_TIGHT_RUN symbols without a space and runs of
    MIN_SHORT_RUN words of one or two characters.

    >>> mask_noise("Paris " + "¥" * 20 + " London")
    'Paris ¥                  ¥ London'
    >>> mask_noise("ordinary text, with punctuation: (untouched)...")
    'ordinary text, with punctuation: (untouched)...'
    >>> mask_noise("a rule ---- and [...] an ellipsis", tight=True)
    'a rule -  - and [   ] an ellipsis'
    >>> mask_noise("x " * 8 + "yz " * 8 + "end", tight=True)
    'x                                     z end'
    """
    spans = sorted(
        [m.span() for m in _LONG_RUN.finditer(text)]
        + [m.span() for m in _SYMBOL_RUN.finditer(text)]
        + ([m.span() for m in _TIGHT_RUN.finditer(text)] if tight else [])
        + ([m.span() for m in _SHORT_RUN.finditer(text)] if tight else [])
    )
    if not spans:
        return text
    merged = [spans[0]]
    for start, end in spans[1:]:
        if start < merged[-1][1]:  # a long token that is also a symbol run, ...
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


def repeated(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` with the repeating stretch of each (``_repeat``) cut into pieces of about
    MAX_PACKED characters, all the same text, each starting after a sentence end of the
    unit if it has one, else after its first blank (so a cut splits no name); what comes
    before and after the stretch stays a piece of its own.

    >>> text = "Paris, May 2 (AFP) -" + "PARIS, May 2 (AFP) -" * 300 + " Talks went on."
    >>> cut = repeated(text, [(0, len(text))])
    >>> len(cut), len({text[s:e] for s, e in cut[1:-1]}), cut[0], cut[-1]
    (5, 1, (0, 7), (6007, 6035))
    >>> cut = repeated("He met Kim Jong Un. " * 300, [(0, 6000)])
    >>> cut[:2]
    [(0, 20), (20, 2020)]
    >>> repeated("no repeats here", [(0, 15)])
    [(0, 15)]
    """
    out: list[tuple[int, int]] = []
    for start, end in spans:
        first, last, period = _repeat(text, start, end)
        cut = period and (
            _SENTENCE_END.search(text, first, first + period + 1)
            or _BLANK.search(text, first, first + period)
        )
        if not cut:  # no repeat, or a unit without a word start: one piece
            out.append((start, end))
            continue
        first = cut.end()
        size = period * max(1, MAX_PACKED // period)
        stop = first + (last - first) // size * size
        if start < first:
            out.append((start, first))
        out.extend((at, at + size) for at in range(first, stop, size))
        if stop < end:
            out.append((stop, end))
    return out


def _repeat(text: str, start: int, end: int) -> tuple[int, int, int]:
    """(first, last, period): ``text[first:last]``, more than MIN_REPEATED characters of
    ``text[start:end]``, repeats a unit of `period` characters, at most MAX_PERIOD; or
    (start, start, 0). Linear: the unit is sought in a window of at most 16 * MAX_PERIOD
    characters in the middle (its smallest period is the whole stretch's: a string with
    periods p and q, p + q long, has their gcd as a period), then the stretch is grown block
    by block."""
    if end - start <= MIN_REPEATED:
        return start, start, 0
    window = min(16 * MAX_PERIOD, (end - start) // 2)
    middle = start + (end - start - window) // 2
    head = text[middle : middle + window]
    probe = head[:16]
    period = head.find(probe, 1, MAX_PERIOD + len(probe))
    while 0 < period <= MAX_PERIOD and head[period:] != head[:-period]:
        period = head.find(probe, period + 1, MAX_PERIOD + len(probe))
    if not 0 < period <= MAX_PERIOD:
        return start, start, 0
    # text[i] == text[i + period] for first <= i < last - period
    first, last = middle, middle + window
    block = 4096
    while (
        first - block >= start
        and text[first - block : first] == text[first - block + period : first + period]
    ):
        first -= block
    while first > start and text[first - 1] == text[first - 1 + period]:
        first -= 1
    while (
        last + block <= end
        and text[last : last + block] == text[last - period : last - period + block]
    ):
        last += block
    while last < end and text[last] == text[last - period]:
        last += 1
    if last - first <= MIN_REPEATED:
        return start, start, 0
    return first, last, period
