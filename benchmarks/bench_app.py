"""Dashboard scale benchmark: server time of the filter callbacks and the size of their response.

For 10k and 100k synthetic events (in a store in memory), or for a store file, it calls the
callbacks' logic directly (no browser): ``render_timeline`` (the timeline figure) and
``render_panel`` (map, a table page, counters, detail), as Dash does after a filter changes,
and measures the JSON the browser would receive (numpy arrays travel as base64 typed arrays).

    python benchmarks/bench_app.py [--sizes 10000 100000] [--repeat 3]
    python benchmarks/bench_app.py --store events.duckdb   # e.g. scripts/generate_events.py's
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.io as pio
from plotly.utils import PlotlyJSONEncoder

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled
from timeline.app.callbacks import AppState, render_panel, render_timeline, warm
from timeline.article import Article
from timeline.database import Store
from timeline.extract.pipeline import Corpus
from timeline.filters import View
from timeline.schema import EVENT_DTYPES, empty_events, empty_mentions

QUERIES = {
    "no filter": "",
    "one country": "country=Country+07",
    "text + precision": "q=summit&precision=day",
    "window + place": "window=2015-01-01T00:00:00~2016-01-01T00:00:00&at=Place+0003",
}
_PRECISIONS = np.array(["day", "day", "day", "day", "day", "day", "week", "month", "month", "year"])
_SOURCES = np.array(["explicit"] * 6 + ["context"] * 3 + ["published"])
_KINDS = np.array(["city"] * 6 + ["site"] * 2 + ["region", "country"])
_WORDS = ["summit", "talks", "sanctions", "visit", "launch", "border", "treaty", "strike", "aid"]


def synthetic_events(n: int, seed: int = 0) -> pd.DataFrame:
    """n plausible events: 20 years, 300 actors, 60 countries, 2,000 places, mixed precision."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2005-01-01", "s") + rng.integers(0, 20 * 365, n) * np.timedelta64(1, "D")
    precision = rng.choice(_PRECISIONS, n)
    days = np.select(
        [precision == "week", precision == "month", precision == "year"], [7, 30, 365], 1
    )
    end = start + days.astype("timedelta64[D]").astype("timedelta64[s]")
    actors = [f"Actor {i:03d}" for i in range(300)]
    first, second = rng.integers(0, 300, n), rng.integers(0, 300, n)
    two = rng.random(n) < 0.4
    place_ids = rng.integers(0, 2000, n)
    place_lat = rng.uniform(-50, 65, 2000)
    place_lon = rng.uniform(-170, 170, 2000)
    countries = rng.integers(0, 60, n)
    words = rng.choice(_WORDS, n)
    columns = {
        "event_id": [f"ev{i:07d}" for i in range(n)],
        "doc_id": [f"doc{i // 20:06d}" for i in range(n)],
        "title": [f"Article {i // 20}" for i in range(n)],
        "source": "Wire",
        "published": start,
        "published_source": "given",
        "start": start,
        "end": end,
        "precision": precision,
        "date_text": np.where(precision == "day", "on Tuesday", "last month"),
        "date_value": "",
        "date_source": rng.choice(_SOURCES, n),
        "date_char_start": 10,
        "date_char_end": 20,
        "sentence": [f"Officials met for {w} talks on Tuesday, the ministry said in a statement "
                     f"about the region and its neighbours ({i})." for i, w in enumerate(words)],
        "char_start": 0,
        "char_end": 120,
        "actors": [f"{actors[a]}; {actors[b]}" if t else actors[a]
                   for a, b, t in zip(first, second, two, strict=True)],
        "places": [f"Place {p:04d}" for p in place_ids],
        "countries": [f"Country {c:02d}" for c in countries],
        "place": [f"Place {p:04d}" for p in place_ids],
        "place_kind": _KINDS[place_ids % len(_KINDS)],
        "lat": place_lat[place_ids],
        "lon": place_lon[place_ids],
        "country": [f"C{c:02d}" for c in countries],
    }  # fmt: skip
    frame = pd.DataFrame(columns)
    return frame.astype(EVENT_DTYPES)[list(empty_events().columns)]  # type: ignore[arg-type]


def synthetic_state(n: int) -> AppState:
    """The app's state over `synthetic_events(n)` in a store in memory (not merged)."""
    events = synthetic_events(n)
    articles = {d: Article(text=f"Article {d}", doc_id=d) for d in events["doc_id"].unique()}
    store = Store.open(None)
    store.add(Corpus(events, empty_mentions(), articles), merge=False)
    return AppState(store=store)


def _timed(function: object, *args: object, repeat: int) -> tuple[float, object]:
    """The median wall time of `repeat` calls, in seconds, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = function(*args)  # type: ignore[operator]
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> None:
    """Print one line per size and query."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--store", type=Path, help="a store file to measure instead")
    options = parser.parse_args()
    print(f"{'events':>8} {'query':<18} {'in view':>8} {'timeline s':>10} {'panel s':>8} "
          f"{'timeline KB':>11} {'map KB':>7} {'rows KB':>8} {'total KB':>9}")  # fmt: skip
    states = (
        [(0, AppState(store=Store.open(options.store, read_only=True)))]
        if options.store
        else [(size, synthetic_state(size)) for size in options.sizes]
    )
    for size, state in states:
        began = time.perf_counter()
        warm(state)  # what create_app computes before serving: options, clusters, first page
        print(f"warm-up (at start, once per data version): {time.perf_counter() - began:.2f} s")
        size = size or state.hits(View(), merged=False).num_rows
        for name, query in QUERIES.items():
            t_time, timeline = _timed(render_timeline, state, query, repeat=options.repeat)
            p_time, panel = _timed(render_panel, state, query, repeat=options.repeat)
            timeline_kb = len(pio.to_json(timeline)) / 1024  # type: ignore[arg-type]
            map_kb = len(pio.to_json(panel.map)) / 1024  # type: ignore[attr-defined]
            rows_kb = len(json.dumps(panel.rows, cls=PlotlyJSONEncoder)) / 1024  # type: ignore[attr-defined]
            shown = panel.count.split(" of ")[0]  # type: ignore[attr-defined]
            print(f"{size:>8,} {name:<18} {shown:>8} {t_time:>10.2f} {p_time:>8.2f} "
                  f"{timeline_kb:>11,.0f} {map_kb:>7,.0f} {rows_kb:>8,.0f} "
                  f"{timeline_kb + map_kb + rows_kb:>9,.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
