"""Score date extraction on TempEval-3 (TE3 Task A) JSONL: strict/relaxed P/R/F1, value and type.

Definitions (TE3; ``../shared/data/tempeval3/README.md``): a predicted span and a gold span
*relaxed*-match when they overlap and *strictly* match when identical; matching is one-to-one per
document. Value accuracy is the share of relaxed matches whose value equals gold exactly, and
value F1 = value accuracy x relaxed F1; type accuracy and type F1 likewise.
The same run scores plain ``dateparser.search.search_dates`` as a baseline (through
``timeline.extract.dates.baseline_search``, so dateparser is still imported in one place only).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from timeline.article import make_article
from timeline.evaluate.jsonl import read_jsonl
from timeline.extract.dates import baseline_search, date_mentions

__all__ = ["Span", "evaluate_tempeval", "format_tempeval", "read_tempeval", "score"]


@dataclass(frozen=True)
class Span:
    """One timex, gold or predicted."""

    start: int
    end: int
    type: str
    value: str


def read_tempeval(path: Path) -> list[dict[str, object]]:
    """The documents of a TE3 JSONL file (one JSON object per line)."""
    return read_jsonl(path, required=("text", "dct", "timexes"))


def _match(gold: list[Span], pred: list[Span]) -> tuple[int, list[tuple[Span, Span]]]:
    """Strict match count and one-to-one relaxed pairs (identical spans first, then overlaps)."""
    gold_spans = {(g.start, g.end) for g in gold}
    strict = len(gold_spans & {(p.start, p.end) for p in pred})
    pairs: list[tuple[Span, Span]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used_pred and (p.start, p.end) == (g.start, g.end):
                pairs.append((g, p))
                used_gold.add(gi)
                used_pred.add(pi)
                break
    for gi, g in enumerate(gold):
        if gi in used_gold:
            continue
        for pi, p in enumerate(pred):
            if pi not in used_pred and p.start < g.end and g.start < p.end:
                pairs.append((g, p))
                used_gold.add(gi)
                used_pred.add(pi)
                break
    return strict, pairs


def _prf(hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = hits / n_pred if n_pred else 0.0
    recall = hits / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score(pairs_of_docs: Iterable[tuple[list[Span], list[Span]]]) -> dict[str, object]:
    """TE3 Task A scores over documents given as (gold, predicted) span lists."""
    n_gold = n_pred = strict = relaxed = value_ok = type_ok = 0
    for gold, pred in pairs_of_docs:
        hits, pairs = _match(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        strict += hits
        relaxed += len(pairs)
        value_ok += sum(g.value == p.value for g, p in pairs)
        type_ok += sum(g.type == p.type for g, p in pairs)
    relaxed_prf = _prf(relaxed, n_pred, n_gold)
    value_accuracy = value_ok / relaxed if relaxed else 0.0
    type_accuracy = type_ok / relaxed if relaxed else 0.0
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "strict": _prf(strict, n_pred, n_gold),
        "relaxed": relaxed_prf,
        "value_accuracy": value_accuracy,
        "value_f1": value_accuracy * relaxed_prf["f1"],
        "type_accuracy": type_accuracy,
        "type_f1": type_accuracy * relaxed_prf["f1"],
    }


def _gold(doc: dict[str, object]) -> list[Span]:
    timexes = doc.get("timexes") or []
    assert isinstance(timexes, list)
    return [Span(int(t["start"]), int(t["end"]), str(t["type"]), str(t["value"])) for t in timexes]


def _system(text: str, dct: dt.date) -> list[Span]:
    article = make_article(text, published=dct)
    # TempEval-3 annotates the two ends of a range as two TIMEX3s: score the ends.
    return [Span(m.start, m.end, m.type, m.value) for m in date_mentions(article, ranges=False)]


def _baseline(text: str, dct: dt.date) -> list[Span]:
    return [Span(start, end, "DATE", value) for start, end, _, value in baseline_search(text, dct)]


def evaluate_tempeval(path: Path, *, baseline: bool = True) -> dict[str, object]:
    """Score the system (and the plain search_dates baseline) on a TE3 JSONL file.

    Returns:
        {"docs", "timexes", "system", "baseline", "seconds": {"system", "baseline"}, "chars"}:
        each of system/baseline is the dict of `score`.
    """
    docs = read_tempeval(path)
    system_pairs: list[tuple[list[Span], list[Span]]] = []
    baseline_pairs: list[tuple[list[Span], list[Span]]] = []
    seconds = {"system": 0.0, "baseline": 0.0}
    chars = 0
    for doc in docs:
        text = str(doc["text"])
        dct = dt.date.fromisoformat(str(doc["dct"])[:10])
        gold = _gold(doc)
        chars += len(text)
        began = time.perf_counter()
        system_pairs.append((gold, _system(text, dct)))
        seconds["system"] += time.perf_counter() - began
        if baseline:
            began = time.perf_counter()
            baseline_pairs.append((gold, _baseline(text, dct)))
            seconds["baseline"] += time.perf_counter() - began
    return {
        "docs": len(docs),
        "timexes": sum(len(g) for g, _ in system_pairs),
        "chars": chars,
        "system": score(system_pairs),
        "baseline": score(baseline_pairs) if baseline else None,
        "seconds": seconds,
    }


def format_tempeval(result: dict[str, object]) -> str:
    """A readable table of `evaluate_tempeval`'s result."""
    lines = [
        f"TempEval-3 Task A: {result['docs']} docs, {result['timexes']} gold timexes",
        f"{'':<10}{'strict P':>9}{'R':>7}{'F1':>7}{'relax P':>9}{'R':>7}{'F1':>7}"
        f"{'val acc':>9}{'val F1':>8}{'type F1':>9}{'ms/1k ch':>10}",
    ]
    seconds = result.get("seconds") or {}
    chars = int(str(result.get("chars") or 0)) or 1
    assert isinstance(seconds, dict)
    for name in ("system", "baseline"):
        scores = result.get(name)
        if not isinstance(scores, dict):
            continue
        strict, relaxed = scores["strict"], scores["relaxed"]
        ms = 1e6 * float(seconds.get(name, 0.0)) / chars
        lines.append(
            f"{name:<10}{strict['precision']:>9.3f}{strict['recall']:>7.3f}{strict['f1']:>7.3f}"
            f"{relaxed['precision']:>9.3f}{relaxed['recall']:>7.3f}{relaxed['f1']:>7.3f}"
            f"{scores['value_accuracy']:>9.3f}{scores['value_f1']:>8.3f}{scores['type_f1']:>9.3f}"
            f"{ms:>10.3f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(format_tempeval(evaluate_tempeval(Path(sys.argv[1]))))
