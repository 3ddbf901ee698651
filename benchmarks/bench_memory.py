"""Memory of a long-running server: many pasted texts, each with new words, one at a time.

    python benchmarks/bench_memory.py [--texts 10000] [--every 1000]

Each text goes through what the dashboard's paste runs (``extract_corpus([make_article(text,
source="pasted text")])``) and its result is dropped, as the app keeps events, not spaCy's
state. Prints the process's resident memory (RSS) and the size of spaCy's string stores as
they go; the goal is to end within 100 MB of where the process started (after loading the
models). Before spaCy's memory zones, every new word stayed in the string store forever
(about 42 KB per text). Linux only (reads /proc/self/status).
"""

from __future__ import annotations

import argparse
import gc
import random
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.article import make_article
from timeline.extract.pipeline import extract_corpus

_RANDOM = random.Random(8)
_TEMPLATE = (
    "{CITY}, May {day}, 2021 (Reuters) - President {First} {Last} of {Country} met "
    "{First2} {Last2}, the {word} minister, in {Town} on Monday, officials said.\n\n"
    "The talks on {word2} and {word3} lasted three hours, and {Last} said {Country} "
    "would send {word4} to {Town2} next week. {Org} Group called the meeting "
    "{word5}.\n"
)


def _word(capital: bool = True) -> str:
    """A made-up word: new to spaCy's string store."""
    letters = "".join(_RANDOM.choices(string.ascii_lowercase, k=_RANDOM.randint(5, 10)))
    return letters.capitalize() if capital else letters


def pasted_text() -> str:
    """A short news-like text whose names and several words are new."""
    names = ("First", "Last", "Country", "First2", "Last2", "Town", "Town2", "Org")
    words = ("word", "word2", "word3", "word4", "word5")
    fields = {key: _word(capital=key in names) for key in names + words}
    city = _word().upper()
    return _TEMPLATE.format(CITY=city, day=_RANDOM.randint(1, 28), **fields)


def rss_mb() -> float:
    """Resident memory of this process in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _strings() -> str:
    """Sizes of the spaCy string stores in use."""
    from timeline.extract.entities import load_pipeline
    from timeline.extract.sentences import _sentencizer

    nlp = load_pipeline()
    model = len(nlp.vocab.strings) if nlp is not None else 0
    return f"strings: model {model:,}, sentencizer {len(_sentencizer().vocab.strings):,}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=1_000)
    args = parser.parse_args()
    for _ in range(20):  # load the models, the gazetteer and the caches that stay bounded
        extract_corpus([make_article(pasted_text(), source="pasted text")])
    gc.collect()
    start = rss_mb()
    print(f"after warm-up: RSS {start:.0f} MB, {_strings()}")
    began = time.perf_counter()
    for i in range(1, args.texts + 1):
        extract_corpus([make_article(pasted_text(), source="pasted text")])
        if i % args.every == 0:
            gc.collect()
            print(
                f"{i:6,d} texts: RSS {rss_mb():.0f} MB ({rss_mb() - start:+.0f} MB), "
                f"{_strings()}, {(time.perf_counter() - began) / i * 1000:.0f} ms per text",
                flush=True,
            )
    growth = rss_mb() - start
    print(f"growth over {args.texts:,} texts: {growth:+.0f} MB (goal: within 100 MB)")


if __name__ == "__main__":
    main()
