"""Time per 1,000 characters on crafted text, beside ordinary news, at several sizes.

    python benchmarks/bench_adversarial.py [--sizes 10000,100000,1000000] [--no-model]
        [--only NAME,...] [--stages] [--repeat N] [DATA.jsonl ...]

Each input goes through what the dashboard's paste runs, ``extract_corpus([make_article(text)])``.
Ordinary news is the sample article repeated to the size, and, with data paths (TempEval-3
``tbaq.jsonl``, ``../shared/data/geo/*_dev.jsonl``), their texts joined to the size. The
ratio is the input's time per 1,000 characters over the news' at the same size (the dev news
when given, else the sample): the goal is under 3 everywhere, and a ratio that grows with the
size is a stage that is not linear. ``--stages`` also prints where the time goes.

Times are CPU seconds of this process (``time.process_time``): other processes on a shared
machine change them less than wall time, but not enough for one run to be the answer. With
``--repeat N`` each cell (the news rows too) is the least of N runs. A case over ``--budget``
seconds stops the larger sizes of that case. Speed lives here, never in tests.

Most crafted inputs repeat a unit; NER reads a line that repeats one once
(``spacy_text.repeated``), so the ``(random)`` inputs and the varied datelines are the same
shapes without repeats: their cost is what a token-dense text really costs.
"""

from __future__ import annotations

import argparse
import json
import random
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.article import make_article
from timeline.config import Settings
from timeline.extract.pipeline import extract_corpus
from timeline.ingest import seed_paths

_RANDOM = random.Random(20231)
_PUNCTUATION = string.punctuation + "¥»¿«§¶•…–—‘’“”"


def _cycle(unit: str) -> Callable[[int], str]:
    """`unit` repeated to n characters."""
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _random_punctuation(n: int) -> str:
    return "".join(_RANDOM.choice(_PUNCTUATION) for _ in range(n))


def _joined(unit: Callable[[], str]) -> Callable[[int], str]:
    """Units drawn afresh, joined to n characters (no repeat for NER to read once)."""

    def make(n: int) -> str:
        out: list[str] = []
        size = 0
        while size < n:
            out.append(unit())
            size += len(out[-1])
        return "".join(out)[:n]

    return make


def _letters(k: int) -> str:
    return "".join(_RANDOM.choices(string.ascii_letters, k=k))


_CITIES = ["PARIS", "LONDON", "MOSCOW", "BEIJING", "KYIV", "TOKYO", "SEOUL", "ROME", "BERLIN"]
_MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov"]


def _dateline() -> str:
    agency = _RANDOM.choice(["AFP", "Reuters", "AP"])
    return f"{_RANDOM.choice(_CITIES)}, {_RANDOM.choice(_MONTHS)} {_RANDOM.randint(1, 28)} ({agency}) -"


def _distinct_words(n: int) -> str:
    """Capitalised made-up words, each new (the model's and the gazetteer's worst case)."""
    out: list[str] = []
    size = 0
    while size < n:
        word = _RANDOM.choice(string.ascii_uppercase) + "".join(
            _RANDOM.choices(string.ascii_lowercase, k=_RANDOM.randint(3, 9))
        )
        out.append(word)
        size += len(word) + 1
    return " ".join(out)[:n]


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "capitals A*n": _cycle("A"),
    "capitalised words": _cycle("Aa "),
    "upper-case words": _cycle("ABC DEFG "),
    "new capitalised words": _distinct_words,
    "yen run": _cycle("¥"),
    "guillemets »¿": _cycle("»¿"),
    "quotes": _cycle('"'),
    "parentheses": _cycle("("),
    "emoji": _cycle("😀"),
    "spaced symbols": _cycle("¥ "),
    "short symbol runs": _cycle("¥¥¥¥¥¥¥¥¥¥¥¥¥¥¥ a "),
    "random punctuation": _random_punctuation,
    "one long token": _cycle("x"),
    "digits": _cycle("1"),
    "abbreviations": _cycle("U.S."),
    "hyphen chain": _cycle("a-"),
    "CJK": _cycle("中"),
    "newlines": _cycle("\n"),
    "CR LF and tabs": _cycle("a\r\n\t"),
    "one-letter words": _cycle("a "),
    "no sentence end": _cycle("the talks went on and on "),
    "place names, no sentence end": _cycle("Paris London Berlin Rome Springfield Georgia "),
    "dates, no sentence end": _cycle("on May 5, 2021 and "),
    "names": _cycle("Vladimir Putin met Kim Jong Un and Kim said Putin would visit. "),
    "datelines": _cycle("PARIS, May 2 (AFP) -"),
    "datelines (varied)": _joined(_dateline),
    "one-letter words (random)": _joined(lambda: _letters(1) + " "),
    "CR LF and tabs (random)": _joined(lambda: _letters(1) + "\r\n\t"),
    "two-letter lines (random)": _joined(lambda: _letters(2) + "\r\n\t"),
}


def _seed_news(n: int) -> str:
    """The sample article, repeated to n characters at paragraph boundaries."""
    text = seed_paths()[0].read_text(encoding="utf-8")
    return _cycle(text + "\n\n")(n)


def _dev_news(paths: list[Path]) -> Callable[[int], str]:
    """The texts of JSONL gold files, joined into one article of n characters."""
    texts = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return _cycle("\n\n".join(texts) + "\n\n")


def _time(text: str, settings: Settings, stages: bool, repeat: int = 1) -> tuple[float, str]:
    """CPU seconds for extract_corpus on one pasted text (the least of `repeat` runs), and
    (optionally) a stage breakdown."""
    if not stages:
        runs = []
        for _ in range(repeat):
            began = time.process_time()
            extract_corpus([make_article(text)], settings)
            runs.append(time.process_time() - began)
        return min(runs), ""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    began = time.process_time()
    profile.runcall(extract_corpus, [make_article(text)], settings)
    seconds = time.process_time() - began
    stats = pstats.Stats(profile)
    wanted = ("entity_mentions_of", "sentences_of", "date_mentions", "place_mentions",
              "actor_mentions", "coerce_frame", "make_article", "resolve")  # fmt: skip
    parts = []
    for (_, _, name), row in stats.stats.items():  # type: ignore[attr-defined]
        if name in wanted:
            parts.append(f"{name} {row[3]:.2f}")
    return seconds, "  [" + ", ".join(sorted(parts)) + "]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="*", type=Path, help="gold JSONL files with news texts")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="characters, comma list")
    parser.add_argument("--no-model", action="store_true", help="the rule-based recogniser")
    parser.add_argument("--only", default="", help="comma list of input names to run")
    parser.add_argument("--stages", action="store_true", help="profile the stages")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--repeat", type=int, default=1, help="runs per cell, the least kept")
    args = parser.parse_args()
    settings = Settings(use_model=not args.no_model)
    sizes = [int(s) for s in args.sizes.split(",")]
    extract_corpus([make_article(_seed_news(2000))], settings)  # load models and data
    news: dict[str, Callable[[int], str]] = {"news: the sample, repeated": _seed_news}
    if args.data:
        news["news: dev texts"] = _dev_news(args.data)
    cases = dict(news)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    cases.update({k: v for k, v in ADVERSARIAL.items() if not only or k in only})
    baseline_name = "news: dev texts" if args.data else "news: the sample, repeated"
    print(
        f"use_model={settings.use_model}; ms per 1,000 characters (CPU, least of "
        f"{args.repeat}); ratio to {baseline_name}"
    )
    header = f"{'input':32s}" + "".join(f"{size:>22,d}" for size in sizes)
    print(header)
    baseline: dict[int, float] = {}
    worst = 0.0
    for name, make in cases.items():
        cells = []
        for size in sizes:
            seconds, detail = _time(make(size), settings, args.stages, args.repeat)
            per_k = seconds / size * 1000 * 1000
            if name == baseline_name:
                baseline[size] = per_k
            ratio = per_k / baseline[size] if size in baseline else float("nan")
            if name not in news:
                worst = max(worst, ratio)
            cells.append(f"{per_k:9.1f} ms  x{ratio:5.2f}")
            if detail:
                print(f"    {name} @ {size:,}: {seconds:.2f} s{detail}", flush=True)
            if seconds > args.budget:
                cells.append("skipped (over budget)")
                break
        print(f"{name:32s}" + "".join(f"{c:>22s}" for c in cells), flush=True)
    print(f"worst ratio: {worst:.2f} (goal: under 3)")


if __name__ == "__main__":
    main()
