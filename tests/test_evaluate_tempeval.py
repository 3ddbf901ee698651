"""The TempEval-3 scorer on a tiny hand-made corpus with known numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.evaluate.tempeval import Span, evaluate_tempeval, format_tempeval, score


def test_score_known_numbers() -> None:
    gold = [
        Span(0, 6, "DATE", "1998"),
        Span(10, 20, "DATE", "1998-08"),
        Span(30, 35, "DURATION", "P3D"),
    ]
    pred = [
        Span(0, 6, "DATE", "1998"),  # strict, value right
        Span(12, 20, "DATE", "1997-08"),  # relaxed only, value wrong
        Span(40, 45, "DATE", "1999"),  # spurious
        Span(50, 52, "DATE", "1999"),  # spurious
    ]
    result = score([(gold, pred)])
    strict, relaxed = result["strict"], result["relaxed"]
    assert isinstance(strict, dict) and isinstance(relaxed, dict)
    assert strict["precision"] == pytest.approx(1 / 4)
    assert strict["recall"] == pytest.approx(1 / 3)
    assert strict["f1"] == pytest.approx(2 / 7)
    assert relaxed["precision"] == pytest.approx(2 / 4)
    assert relaxed["recall"] == pytest.approx(2 / 3)
    assert relaxed["f1"] == pytest.approx(4 / 7)
    assert result["value_accuracy"] == pytest.approx(1 / 2)
    assert result["value_f1"] == pytest.approx(2 / 7)
    assert result["type_f1"] == pytest.approx(4 / 7)


def test_matching_is_one_to_one() -> None:
    gold = [Span(0, 10, "DATE", "1998")]
    pred = [Span(0, 4, "DATE", "1998"), Span(5, 10, "DATE", "1998")]
    result = score([(gold, pred)])
    relaxed = result["relaxed"]
    assert isinstance(relaxed, dict)
    assert relaxed["precision"] == pytest.approx(1 / 2)
    assert relaxed["recall"] == pytest.approx(1.0)


def _doc(
    doc_id: str, dct: str, text: str, timexes: list[tuple[str, str, str]]
) -> dict[str, object]:
    rows = []
    for span, kind, value in timexes:
        start = text.index(span)
        rows.append(
            {"start": start, "end": start + len(span), "text": span, "type": kind, "value": value}
        )
    return {"id": doc_id, "corpus": "test", "dct": dct, "text": text, "timexes": rows}


def test_evaluate_tempeval_on_tiny_corpus(tmp_path: Path) -> None:
    docs = [
        _doc(
            "a",
            "1998-08-07",
            "Officials said on Friday that the talks, held in 1997, lasted three days.",
            [
                ("Friday", "DATE", "1998-08-07"),
                ("1997", "DATE", "1997"),
                ("three days", "DURATION", "P3D"),
            ],
        ),
        _doc(
            "b",
            "1989-10-26",
            "Profit rose in the third quarter from a year earlier.",
            [("the third quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3")],
        ),
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    result = evaluate_tempeval(path)
    assert result["docs"] == 2 and result["timexes"] == 5
    system = result["system"]
    assert isinstance(system, dict)
    for key in ("strict", "relaxed"):
        assert system[key] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert system["value_f1"] == 1.0 and system["type_f1"] == 1.0
    baseline = result["baseline"]
    assert isinstance(baseline, dict)
    assert baseline["gold"] == 5
    table = format_tempeval(result)
    assert "system" in table and "baseline" in table
