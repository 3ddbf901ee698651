"""Fuzz every public extraction function with generated text (not in CI: it takes long).

    python benchmarks/fuzz_public.py [--examples 20000] [--only find_dates,...] [--seed 0]

For each of ``find_dates``, ``find_places``, ``geocode``, ``extract_events`` and
``extract_mentions``, hypothesis generates texts (any Unicode, news words, line ends, tabs,
astral characters, long runs of one character) and the script reports, per function:
exceptions (by type, with the smallest input seen), calls over 5 CPU seconds (interrupted
with SIGPROF, Unix only: CPU time, so a busy shared machine does not look like a hang),
and offsets that do not index the caller's string (the rules of ``tests/test_offsets.py``).
Exits 1 if anything was found.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from timeline import find_dates, find_places, geocode
from timeline.article import normalize_newlines
from timeline.extract.pipeline import extract_events, extract_mentions

HANG_SECONDS = 5
_WORDS = [
    "Paris", "Rome", "Geneva", "President Vladimir Putin", "Kim", "Russia", "North Korean",
    "on Monday", "May 5, 2021", "in 1948", "last week", "the 1990s", "said", ".", ",", "\r\n",
    "\r", "\n", "\t", "😀", "𠀀", "U.S.", "¥", "»¿", "(Reuters) -", "PARIS, May 2 (AFP) -",
]  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(_WORDS) | st.text(max_size=8), max_size=60).map(" ".join),
    st.tuples(st.sampled_from([*_WORDS, "A", "¥", "x", "\n", " "]), st.integers(1, 3000)).map(
        lambda pair: pair[0] * pair[1]
    ),
)


@dataclass
class Report:
    calls: int = 0
    seconds: float = 0.0
    errors: dict[str, str] = field(default_factory=dict)
    hangs: list[str] = field(default_factory=list)
    bad_offsets: list[str] = field(default_factory=list)


class _Hang(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise _Hang


def _check_dates(text: str) -> list[str]:
    return [
        f"{r.char_start}:{r.char_end}"
        for r in find_dates(text, published="2023-09-13").itertuples()
        if text[r.char_start : r.char_end] != r.text
    ]


def _check_places(text: str) -> list[str]:
    return [
        f"{r.char_start}:{r.char_end}"
        for r in find_places(text).itertuples()
        if text[r.char_start : r.char_end] != r.text
    ]


def _check_geocode(text: str) -> list[str]:
    words = [(i, i + n) for i in range(0, len(text), 7) for n in (4, 6)][:40]
    return [
        f"{r.char_start}:{r.char_end}"
        for r in geocode(text, words).itertuples()
        if text[r.char_start : r.char_end] != r.text
    ]


def _check_events(text: str) -> list[str]:
    read = normalize_newlines(text)
    bad = []
    for r in extract_events(text, published="2023-09-13").itertuples():
        if read[r.char_start : r.char_end] != r.sentence:
            bad.append(f"sentence {r.char_start}:{r.char_end}")
        if r.date_source == "explicit":
            start, end = int(r.date_char_start), int(r.date_char_end)
            if read[start:end] != r.date_text:
                bad.append(f"date {start}:{end}")
    return bad


def _check_mentions(text: str) -> list[str]:
    read = normalize_newlines(text)
    return [
        f"{r.char_start}:{r.char_end}"
        for r in extract_mentions(text, published="2023-09-13").itertuples()
        if read[r.char_start : r.char_end] != r.text
    ]


CHECKS: dict[str, Callable[[str], list[str]]] = {
    "find_dates": _check_dates,
    "find_places": _check_places,
    "geocode": _check_geocode,
    "extract_events": _check_events,
    "extract_mentions": _check_mentions,
}


def fuzz(name: str, check: Callable[[str], list[str]], examples: int, at: int) -> Report:
    """Run `check` on `examples` generated texts, collecting what went wrong."""
    report = Report()

    @seed(at)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(TEXTS)
    def run(text: str) -> None:
        report.calls += 1
        signal.setitimer(signal.ITIMER_PROF, HANG_SECONDS)
        began = time.perf_counter()
        try:
            bad = check(text)
        except _Hang:
            report.hangs.append(repr(text[:80]) + f" ({len(text)} chars)")
            return
        except Exception as err:  # every exception is a finding
            key = type(err).__name__
            if key not in report.errors or len(text) < len(report.errors[key]):
                report.errors[key] = text
            return
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            report.seconds += time.perf_counter() - began
        if bad:
            report.bad_offsets.append(f"{text[:60]!r}: {bad[:3]}")
        if report.calls % 1000 == 0:  # a run stopped early still says how far it went
            print(
                f"  {name}: {report.calls:,} inputs, {len(report.errors)} exception types, "
                f"{len(report.hangs)} hangs, {len(report.bad_offsets)} invalid offsets",
                file=sys.stderr,
                flush=True,
            )

    run()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=20_000, help="inputs per function")
    parser.add_argument("--only", default="", help="comma list of function names")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    signal.signal(signal.SIGPROF, _alarm)
    wanted = [n.strip() for n in args.only.split(",") if n.strip()] or list(CHECKS)
    found = False
    for name in wanted:
        report = fuzz(name, CHECKS[name], args.examples, args.seed)
        print(
            f"{name}: {report.calls:,} inputs in {report.seconds:.0f} s; "
            f"{len(report.errors)} exception types, {len(report.hangs)} over {HANG_SECONDS} s, "
            f"{len(report.bad_offsets)} with invalid offsets",
            flush=True,
        )
        for kind, text in report.errors.items():
            print(f"  exception {kind} on {text[:120]!r} ({len(text)} chars)")
        for line in report.hangs[:5] + report.bad_offsets[:5]:
            print(f"  {line}")
        found = found or bool(report.errors or report.hangs or report.bad_offsets)
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
