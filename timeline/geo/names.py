"""Place-name keys: homoglyph folding, normalisation, and case-sensitive abbreviation keys.

Every gazetteer key, in the shipped file and at lookup time, is made here, so
``scripts/build_gazetteer.py`` and the resolver agree on what a name is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

__all__ = ["code_key", "fold_homoglyphs", "normalize_name"]


# Cyrillic and Greek letters that look like Latin ones (from the Unicode confusables table,
# checked by hand: I-like letters map to "I", not "l"). One character to one character, so
# offsets survive folding.
_CONFUSABLES: Final[dict[str, str]] = {
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ρ": "p",
    "ϲ": "c", "ϳ": "j", "Ϲ": "C", "Ϻ": "M",
    "Ѕ": "S", "І": "I", "Ј": "J", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M",
    "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "а": "a",
    "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s", "і": "i",
    "ј": "j", "Ү": "Y", "һ": "h", "Ӏ": "I", "ӏ": "l", "ԁ": "d", "ԛ": "q", "Ԝ": "W",
    "ԝ": "w",
}  # fmt: skip
_CONFUSABLE_CLASS: Final = "".join(_CONFUSABLES)
_MIXED_WORD: Final = re.compile(rf"[^\W\d_]*[{_CONFUSABLE_CLASS}][^\W\d_]*")
_LATIN_LETTER: Final = re.compile(r"[A-Za-z\u00C0-\u024F]")


def fold_homoglyphs(text: str) -> str:
    """`text` with Cyrillic/Greek look-alikes inside Latin words mapped to Latin letters.

    Only words that also hold a Latin letter are touched, so real Cyrillic or Greek text
    stays as it is (folding is not transliteration). The result has the same length.

    >>> fold_homoglyphs("Vostochny \\u0421osmodrome")
    'Vostochny Cosmodrome'
    >>> fold_homoglyphs("Москва")
    'Москва'
    """
    if not any(ch in _CONFUSABLES for ch in text):
        return text

    def fold(match: re.Match[str]) -> str:
        word = match.group(0)
        if not _LATIN_LETTER.search(word):
            return word
        return "".join(_CONFUSABLES.get(ch, ch) for ch in word)

    return _MIXED_WORD.sub(fold, text)


_APOSTROPHES: Final = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_POSSESSIVE: Final = re.compile(r"(?:'s|s'|')$", re.IGNORECASE)
_LEADING_THE: Final = re.compile(r"^the\s+", re.IGNORECASE)
_PUNCT: Final = re.compile(r"[\-‐‑‒–—_/,;:()\"\[\]]+")
_SPACES: Final = re.compile(r"\s+")
_FIRST_WORD: Final = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}
_INITIALS: Final = re.compile(r"\b([a-z])\.(?=[a-z]\b)")
_CODE: Final = re.compile(r"^[A-Z&]{1,5}$")


def _strip_accents(text: str) -> str:
    """Latin letters without diacritics ("Zürich" -> "Zurich")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=16384)  # 65,536 names held 8 MB in a long-running server
def normalize_name(name: str) -> str:
    """The lookup key of a place name: folded, lower case, no accents, no "the", no
    possessive, no periods, and St./Mt./Ft. spelled out.

    >>> normalize_name("the U.S.’s")
    'us'
    >>> normalize_name("St. Petersburg")
    'saint petersburg'
    """
    text = fold_homoglyphs(name).translate(_APOSTROPHES).strip()
    text = _LEADING_THE.sub("", text)
    text = _POSSESSIVE.sub("", text) if len(text) > 3 else text
    text = _strip_accents(text).casefold()
    text = _INITIALS.sub(r"\1", text)  # "u.s." -> "us", "d.c." -> "dc"
    text = text.replace(".", " ").replace("'", "")
    text = _PUNCT.sub(" ", text)
    words = _SPACES.sub(" ", text).strip().split(" ")
    if len(words) > 1 and words[0] in _FIRST_WORD:
        words[0] = _FIRST_WORD[words[0]]
    return " ".join(words)


def code_key(name: str) -> str | None:
    """The case-sensitive key of an abbreviation ("U.S." -> "=US"), or None if it is not one.

    Codes are matched case-sensitively: "US" is the country, "us" is a pronoun.
    """
    text = fold_homoglyphs(name).translate(_APOSTROPHES).strip()
    text = _LEADING_THE.sub("", text)
    text = re.sub(r"(?:'s|')$", "", text)
    compact = text.replace(".", "").replace(" ", "")
    return "=" + compact if _CODE.match(compact) else None
