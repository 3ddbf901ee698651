"""Export benchmark: images batched in one Chromium session vs one session each, and the time of
every export format at several sizes.

    python benchmarks/bench_export.py [--events FILE] [--sizes 1000 10000] [--charts 10]

Without --events it makes synthetic events (20 years, 300 actors, 2,000 places). The
batched/one-by-one figure is a ratio measured in the same process, so it holds on a busy machine
better than the seconds beside it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled
from timeline.export import read_events
from timeline.export.charts import chart_figures, write_images
from timeline.export.formats import FORMATS, export_events
from timeline.schema import EVENT_DTYPES, validate_events

_PRECISIONS = np.array(["day"] * 6 + ["week", "month", "month", "year"])


def synthetic_events(n: int, seed: int = 0) -> pd.DataFrame:
    """n plausible events: 20 years, 300 actors, 60 countries, 2,000 places, mixed precision."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2005-01-01", "s") + rng.integers(0, 20 * 365, n) * np.timedelta64(1, "D")
    precision = rng.choice(_PRECISIONS, n)
    days = np.select([precision == "week", precision == "month", precision == "year"], [7, 30, 365], 1)
    place = rng.integers(0, 2_000, n)
    actor = rng.integers(0, 300, n)
    frame = pd.DataFrame({
        "event_id": [f"{i:016x}" for i in range(n)], "doc_id": [f"{i // 10:016x}" for i in range(n)],
        "title": [f"Article {i // 10}" for i in range(n)], "source": "https://example.org/news",
        "published": start, "published_source": "metadata", "start": start,
        "end": start + days.astype("timedelta64[D]").astype("timedelta64[s]"),
        "precision": precision, "date_text": "on that day", "date_value": None,
        "date_source": rng.choice(["explicit", "context", "published"], n), "date_char_start": None,
        "date_char_end": None, "sentence": [f"Actor {a:03d} held talks at Place {p:04d} on that day."
                                           for a, p in zip(actor, place, strict=True)],
        "char_start": 0, "char_end": 50, "actors": [f"Actor {a:03d}" for a in actor],
        "places": [f"Place {p:04d}" for p in place], "countries": [f"Country {p % 60:02d}" for p in place],
        "place": [f"Place {p:04d}" for p in place], "place_kind": "city",
        "lat": (place % 170) - 85.0, "lon": (place * 7 % 360) - 180.0, "country": "XX",
    })  # fmt: skip
    return validate_events(frame.astype(EVENT_DTYPES))  # type: ignore[arg-type]


def _timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def bench_batching(events: pd.DataFrame, count: int, folder: Path) -> None:
    """`count` PNGs (timelines and maps alternately) drawn one by one, then in one session."""
    sample = events.head(1_000)
    figures = [chart_figures(sample, [("timeline", "map")[i % 2]])[("timeline", "map")[i % 2]]
               for i in range(count)]  # fmt: skip
    paths = [folder / f"chart{i}.png" for i in range(count)]
    one_by_one = _timed(lambda: [write_images([f], [p]) for f, p in zip(figures, paths, strict=True)])
    batched = _timed(lambda: write_images(figures, paths))
    print(f"{count} charts ({len(sample)} events each), PNG:")
    print(f"  one Chromium session each : {one_by_one:6.1f} s")
    print(f"  one session for all       : {batched:6.1f} s")
    print(f"  batched / one by one      : {batched / one_by_one:6.2f}")


def bench_formats(events: pd.DataFrame, sizes: list[int], folder: Path) -> None:
    """Seconds and bytes of each format at each size (the timeline chart for html and images)."""
    print(f"\n{'format':<11}" + "".join(f"{f'{n:,} events':>24}" for n in sizes))
    for format_ in FORMATS:
        cells = []
        for n in sizes:
            part = events.head(n)
            out = folder / f"out-{n}.{format_}"
            seconds = _timed(lambda: export_events(part, out, format_))  # noqa: B023
            cells.append(f"{seconds:8.2f} s {out.stat().st_size / 1e6:8.2f} MB")
        print(f"{format_:<11}" + "".join(f"{cell:>24}" for cell in cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=Path, help="an events file (.csv, .json, .parquet)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--charts", type=int, default=10)
    args = parser.parse_args()
    events = read_events(args.events) if args.events else synthetic_events(max(args.sizes))
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores\n")
    with tempfile.TemporaryDirectory() as tmp:
        bench_batching(events, args.charts, Path(tmp))
        bench_formats(events, [n for n in args.sizes if n <= len(events)], Path(tmp))


if __name__ == "__main__":
    main()
