"""Whole-article extraction speed: start-up (model and gazetteer loading) and the sample article.

    python benchmarks/bench_extract.py [PATH...]     (default: the shipped seeds)

Prints the one-off start-up cost (measured on a short warm-up text), then the time to extract
each article for the first time (the pipeline caches per text, so a repeat would be free) and the
throughput in characters per second. Speed lives here, never in tests.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from timeline.article import make_article
from timeline.extract.pipeline import extract_article
from timeline.ingest import read_articles, seed_paths

_WARM_UP = (
    "PARIS, May 2, 2021 (AFP) - President Emmanuel Macron met Olaf Scholz in Berlin on Monday."
)


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or seed_paths()
    articles = [a for p in paths for a in read_articles(p)]
    started = time.perf_counter()
    extract_article(make_article(_WARM_UP))  # loads spaCy, the gazetteer and dateparser's data
    print(f"start-up (models, gazetteer, warm-up text): {time.perf_counter() - started:.2f} s")
    for article in articles:
        started = time.perf_counter()
        events, mentions = extract_article(article)
        elapsed = time.perf_counter() - started
        print(
            f"{article.source}: {len(article.text):,} chars, {len(events)} events, "
            f"{len(mentions)} mentions: {elapsed * 1000:.0f} ms "
            f"({len(article.text) / elapsed / 1000:.0f}k chars/s)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
