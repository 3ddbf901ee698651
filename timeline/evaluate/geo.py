"""Score toponym recognition and resolution on the geoparsing gold sets (JSONL, one document a line).

The scoring follows the data README (``../shared/data/geo/README.md``, after Gritta et al. 2018):

* matching, per document and one to one: identical spans first, then by overlap length; an
  unmatched prediction that overlaps an ``ignore`` span is neither right nor wrong;
* recognition: precision = matched / predicted, recall = matched / gold, F1;
* resolution on matched spans, a match without coordinates counting as 20,039 km: acc@161,
  median and mean error (km), AUC = mean of ln(1 + km) / ln(20039) (0 is perfect);
* end-to-end: share of all gold toponyms found and resolved within 161 km.

With ``gold_spans=True`` the resolver is handed every gold span (``timeline.geo.geocode``), so
every gold toponym is matched and a span it leaves unresolved counts as the largest error.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pandas as pd

from timeline.errors import InputError
from timeline.evaluate.jsonl import read_jsonl
from timeline.geo import geocode, haversine_km

__all__ = ["evaluate_geo", "format_geo"]

MAX_ERROR_KM: Final = 20039.0
ACCURACY_KM: Final = 161.0


@dataclass(frozen=True)
class _Span:
    """A predicted or gold span, with its point if it has one."""

    start: int
    end: int
    lat: float | None
    lon: float | None


def _overlap(a: _Span, b: _Span | tuple[int, int]) -> int:
    """Characters two spans share."""
    start, end = (b.start, b.end) if isinstance(b, _Span) else b
    return max(0, min(a.end, end) - max(a.start, start))


def _match(predicted: list[_Span], gold: list[_Span]) -> list[tuple[int, int]]:
    """One-to-one (predicted, gold) index pairs: identical spans first, then by overlap."""
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    by_span = {(g.start, g.end): j for j, g in enumerate(gold)}
    for i, p in enumerate(predicted):
        j = by_span.get((p.start, p.end))
        if j is not None and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    overlaps = sorted(
        (
            (_overlap(p, g), i, j)
            for i, p in enumerate(predicted)
            if i not in used_p
            for j, g in enumerate(gold)
            if j not in used_g and _overlap(p, g) > 0
        ),
        reverse=True,
    )
    for _, i, j in overlaps:
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


def _spans(frame: pd.DataFrame) -> list[_Span]:
    """Spans of a places frame (char_start, char_end, lat, lon)."""
    spans = []
    for start, end, lat, lon in zip(
        frame["char_start"], frame["char_end"], frame["lat"], frame["lon"], strict=True
    ):
        has_point = not (pd.isna(lat) or pd.isna(lon))
        spans.append(
            _Span(
                int(start),
                int(end),
                float(lat) if has_point else None,
                float(lon) if has_point else None,
            )
        )
    return spans


def _predict(text: str, gold: list[_Span], *, gold_spans: bool) -> list[_Span]:
    """The system's spans for one document."""
    if gold_spans:
        frame = geocode(text, [(g.start, g.end) for g in gold])
        found = {(s.start, s.end): s for s in _spans(frame)}
        return [found.get((g.start, g.end), _Span(g.start, g.end, None, None)) for g in gold]
    try:
        from timeline.extract.places import find_places
    except ImportError as err:
        raise InputError(
            "end-to-end geo evaluation needs timeline.extract.places.find_places, which is not "
            f"importable yet ({err}); use gold_spans=True to score resolution alone"
        ) from err
    return _spans(find_places(text))


def evaluate_geo(path: Path, *, gold_spans: bool) -> dict[str, Any]:
    """Score the geocoder on one gold JSONL file.

    Args:
        path: a ``*_dev.jsonl`` file in the format of ``../shared/data/geo/README.md``.
        gold_spans: hand the resolver the gold spans (resolution only) instead of running
            recognition (``timeline.extract.places.find_places``).

    Returns:
        A dict with ``corpus``, ``documents``, ``gold``, ``predicted``, ``matched``,
        ``precision``, ``recall``, ``f1``, ``acc161``, ``median_km``, ``mean_km``, ``auc``,
        ``end_to_end`` and ``gold_spans``.
    """
    errors: list[float] = []
    gold_total = predicted_total = 0
    documents = read_jsonl(path, required=("text", "toponyms"))
    for document in documents:
        text = document["text"]
        gold = [
            _Span(t["start"], t["end"], t.get("lat"), t.get("lon"))
            for t in document.get("toponyms", [])
        ]
        ignore = [(t["start"], t["end"]) for t in document.get("ignore", [])]
        predicted = _predict(text, gold, gold_spans=gold_spans)
        pairs = _match(predicted, gold)
        matched_predictions = {i for i, _ in pairs}
        neutral = {
            i
            for i, p in enumerate(predicted)
            if i not in matched_predictions and any(_overlap(p, span) > 0 for span in ignore)
        }
        gold_total += len(gold)
        predicted_total += len(predicted) - len(neutral)
        for i, j in pairs:
            p, g = predicted[i], gold[j]
            if p.lat is None or p.lon is None or g.lat is None or g.lon is None:
                errors.append(MAX_ERROR_KM)
            else:
                errors.append(haversine_km(p.lat, p.lon, g.lat, g.lon))
    matched = len(errors)
    precision = matched / predicted_total if predicted_total else 0.0
    recall = matched / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    within = sum(1 for e in errors if e <= ACCURACY_KM)
    return {
        "corpus": path.name.split("_")[0],
        "documents": len(documents),
        "gold": gold_total,
        "predicted": predicted_total,
        "matched": matched,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "acc161": within / matched if matched else 0.0,
        "median_km": statistics.median(errors) if errors else math.nan,
        "mean_km": statistics.fmean(errors) if errors else math.nan,
        "auc": (
            statistics.fmean(math.log1p(e) / math.log(MAX_ERROR_KM) for e in errors)
            if errors
            else math.nan
        ),
        "end_to_end": within / gold_total if gold_total else 0.0,
        "gold_spans": gold_spans,
    }


def format_geo(result: dict[str, Any]) -> str:
    """One line of a geo evaluation result.

    >>> format_geo({"corpus": "lgl", "gold": 10, "matched": 10, "precision": 1.0, "recall": 1.0,
    ...             "f1": 1.0, "acc161": 0.8, "auc": 0.2, "median_km": 5.0, "mean_km": 100.0,
    ...             "end_to_end": 0.8, "gold_spans": True})
    'lgl (gold spans): acc@161 0.800  AUC 0.200  median 5 km  mean 100 km  P/R/F1 1.000/1.000/1.000  end-to-end 0.800  (10 gold, 10 matched)'
    """
    mode = "gold spans" if result["gold_spans"] else "end to end"
    return (
        f"{result['corpus']} ({mode}): acc@161 {result['acc161']:.3f}  AUC {result['auc']:.3f}  "
        f"median {result['median_km']:.0f} km  mean {result['mean_km']:.0f} km  "
        f"P/R/F1 {result['precision']:.3f}/{result['recall']:.3f}/{result['f1']:.3f}  "
        f"end-to-end {result['end_to_end']:.3f}  ({result['gold']} gold, {result['matched']} matched)"
    )
