"""Cues around a span: the word before it, sentence starts, future and past-tense cues.

>>> word_before("prices fell in March", 15)
'in'
>>> future_cue("The leaders will meet on Friday", 25)
True
"""

from __future__ import annotations

import re

__all__ = [
    "future_cue",
    "month_future_cue",
    "past_tense_near",
    "sentence_start",
    "word_before",
]


# A future cue within a few words before a weekday: "will meet on Friday".
_FUTURE_CUE = re.compile(
    r"(?:\b(?:will|shall|scheduled|(?:plans?|planned|planning)\s+to|expected|due|set\s+to|"
    r"going\s+to|is\s+to|are\s+to|as\s+(?:soon|early)\s+as|wo?n'?t)\b|['’]ll\b)",
    re.I,
)


_MONTH_FUTURE_CUE = re.compile(
    r"(?:\b(?:will|shall|expected|expects|scheduled|plans?\s+to|due|by|next|payable|"
    r"set\s+to|to\s+be|effective|begin|starting|upcoming|coming)\b|['’]ll\b)",
    re.I,
)


def word_before(text: str, start: int) -> str:
    """The word just before `start`, lowercased ("" at the start)."""
    match = re.search(r"([A-Za-z']+)\W*$", text[max(0, start - 30) : start])
    return match.group(1).lower() if match else ""


def sentence_start(text: str, start: int) -> bool:
    """Whether `start` begins a sentence, a line or a quotation."""
    before = text[max(0, start - 4) : start].rstrip(" \t\"'“‘`")
    return not before or before[-1] in '.!?:;\n("“'


def future_cue(text: str, start: int) -> bool:
    """A will/scheduled/plans cue within six words before `start`, in the same sentence."""
    window = re.split(r"[.!?;]\s", text[max(0, start - 100) : start])[-1]
    words = re.findall(r"[\w'’]+", window)[-6:]
    return bool(_FUTURE_CUE.search(" ".join(words)))


def month_future_cue(text: str, start: int) -> bool:
    """A future cue earlier in the sentence, before a month name without a year."""
    window = re.split(r"[.!?\n]\s", text[max(0, start - 80) : start])[-1]
    return bool(_MONTH_FUTURE_CUE.search(window))


def past_tense_near(text: str, end: int) -> bool:
    return bool(re.search(r"\b(?:was|were|had|did|\w+ed)\b", text[max(0, end - 80) : end + 40]))
