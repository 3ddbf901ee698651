"""Reading speed per format, against decoding the same bytes as plain text in the same run.

    python benchmarks/bench_readers.py PATH... [--repeat N]

PATH are article files or folders in any supported format. For each file it prints the articles
read, the problems met, the share of articles with a publication date and where it came from,
and the time to read it: absolute, and as a ratio to `decode_text` on the same bytes (the
baseline every format pays). Speed lives here, never in tests.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from timeline.errors import InputError
from timeline.ingest import iter_article_paths, read_file
from timeline.readers import decode_text


def _best_time(function: Callable[[], object], repeat: int) -> float:
    """The fastest of `repeat` calls, in seconds (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sources: Counter[str] = Counter()
    for path in iter_article_paths(args.paths):
        try:
            result = read_file(path)  # also the warm-up: the first read imports the libraries
        except InputError as err:
            print(f"{path}: {err}")
            continue
        data = path.read_bytes()
        baseline = _best_time(
            lambda data=data, name=path.name: decode_text(name, data), args.repeat
        )
        elapsed = _best_time(lambda path=path: read_file(path), args.repeat)
        dated = sum(a.published is not None for a in result.articles)
        sources.update(a.published_source for a in result.articles)
        print(
            f"{path.name}: {len(result.articles)} articles, {len(result.problems)} problems, "
            f"{dated}/{len(result.articles)} dated; {elapsed * 1000:.1f} ms "
            f"({elapsed / baseline:.0f}x decoding alone, {baseline * 1000:.2f} ms)"
        )
    print("published_source:", dict(sources))


if __name__ == "__main__":
    main()
