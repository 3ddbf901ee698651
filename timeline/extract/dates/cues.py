"""Cues around a span: the word before it, sentence starts, future and past-tense cues.

>>> word_before("prices fell in March", 15)
'in'
>>> future_cue("The leaders will meet on Friday", 25)
True
>>> past_tense("Police said he fled. He will be tried on Tuesday.", 40, 47)
False
>>> past_tense("Police said he fled. On Tuesday he was arrested.", 24, 31)
True
"""

from __future__ import annotations

import re

__all__ = [
    "future_cue",
    "month_future_cue",
    "past_tense",
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


# Past-tense verbs: regular "-ed" forms and the irregular ones news narrates with.
_PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|said|told|went|came|took|spent|left|began|met|made|gave|held|fled|"
    r"saw|won|lost|fell|rose|got|became|ran|found|brought|kept|sent|struck|broke|drove|flew|"
    r"wrote|spoke|chose|led|shot|hit|fought|sought|stood|sat|set\s+off|[a-z]{2,}ed)\b",
    re.I,
)
_FUTURE_VERB = re.compile(r"\b(?:will|shall|would|going\s+to)\b|['’]ll\b", re.I)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (split at . ! ? and line ends; a rough cut)."""
    before = re.split(r"[.!?]\s|\n", text[max(0, start - 200) : start])[-1]
    after = re.split(r"[.!?](?:\s|$)|\n", text[end : end + 200])[0]
    return before + text[start:end] + after


_PRESENT_AUX = re.compile(r"(?:\b(?:is|are|am|be|been|being|has|have)|['’](?:s|re|ve))\s+$", re.I)


def past_tense(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] narrates the past: a past-tense verb (a
    participle after "is", "has"... does not count) and no future or conditional cue. A rough
    reading without a part-of-speech tagger: "-ed" words count as past verbs."""
    sentence = sentence_around(text, start, end)
    if _FUTURE_VERB.search(sentence) or _FUTURE_CUE.search(sentence):
        return False
    return any(
        not _PRESENT_AUX.search(sentence[max(0, verb.start() - 8) : verb.start()])
        for verb in _PAST_VERB.finditer(sentence)
    )
