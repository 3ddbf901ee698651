"""Bytes -> text: byte-order marks, UTF-8, then Windows-1252 and charset-normalizer's guess;
binary data and empty files are InputErrors that say what was found."""

from __future__ import annotations

import codecs
import os
import re

from timeline.errors import InputError

__all__ = ["decode_text", "display_name"]

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# control characters other than tab, line feed, form feed and carriage return
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_WIDE = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]


def display_name(name: str) -> str:
    """A file name fit for messages and for the `source` column: bytes that are not UTF-8
    (kept by Python as lone surrogates) become U+FFFD, so writing it out cannot fail."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "replace")
    return name


def decode_text(name: str, data: bytes) -> str:
    """Bytes as text: a BOM decides; else UTF-8; else UTF-16/32 without a BOM when the data
    has NUL bytes; else Windows-1252 (old Western news); else charset-normalizer's best guess.

    Raises:
        InputError: empty, binary (NUL or control bytes) or undecodable data.

    >>> decode_text("a.txt", "Kyiv, Україна".encode("utf-16-le"))
    'Kyiv, Україна'
    """
    if not data.strip():
        raise InputError(f"{name} is empty; expected article text")
    text = _decode(name, data)
    controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError(
            f"{name} is not text ({controls} control characters); expected article text"
        )
    return text


def _decode(name: str, data: bytes) -> str:
    """The text of `data`, in the first encoding that fits (see decode_text)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(
                    f"{name} starts with a {encoding.upper()} byte-order mark but is not "
                    f"{encoding.upper()} (byte {err.start}); save it as UTF-8"
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        wide = _guess(data, _WIDE)
        if wide is None:
            raise InputError(
                f"{name} is not text (found NUL bytes at offset {nul}); expected UTF-8, UTF-16 "
                "or Latin-1 article text"
            )
        return wide
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # charset-normalizer alone reads short Western text as cp775 or cp1125 (see the tests):
    # Windows-1252 is the likelier encoding of an English article, so it is tried first.
    guess = _guess(data, ["cp1252"]) or _guess(data, None)
    if guess is None or not any(c.isspace() for c in guess):  # a guess without words is noise
        raise InputError(
            f"{name} is not decodable text (not UTF-8, and no encoding fits it); save it as UTF-8"
        )
    return guess


def _guess(data: bytes, encodings: list[str] | None) -> str | None:
    """charset-normalizer's best reading of `data` among `encodings` (None: all it knows)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=encodings).best()
    return None if best is None else str(best)
