"""The ECB+ scorer: known numbers on hand-made labels, and a tiny corpus in the ECB+ format
written here, run through the extractor, the merge and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.errors import InputError
from timeline.evaluate.ecb import evaluate_ecb, format_ecb, link_scores, load_ecb

ROOT = Path(__file__).resolve().parent.parent


def test_pairwise_counts_only_pairs_of_different_documents_in_one_topic() -> None:
    items = [(1, "a"), (1, "a"), (1, "b"), (2, "c")]
    gold = [frozenset({"x"}), frozenset({"x"}), frozenset({"x"}), frozenset({"x"})]
    system = [frozenset({"1"})] * 4
    scores = link_scores(items, gold, system)
    # (a, b) twice; the pair inside document a and the pairs across topics are not candidates
    assert (scores["pairs"], scores["tp"], scores["fp"], scores["fn"]) == (2, 2, 0, 0)


def test_known_pairwise_and_bcubed_numbers() -> None:
    items = [(1, "a"), (1, "b"), (1, "c"), (1, "d")]
    gold = [frozenset({"x"}), frozenset({"x"}), frozenset({"x"}), frozenset({"y"})]
    system = [frozenset({"1"}), frozenset({"1"}), frozenset({"2"}), frozenset({"2"})]
    s = link_scores(items, gold, system)
    assert (s["tp"], s["fp"], s["fn"]) == (1, 1, 2)
    assert s["pairwise_p"] == pytest.approx(1 / 2)
    assert s["pairwise_r"] == pytest.approx(1 / 3)
    assert s["pairwise_f1"] == pytest.approx(2 / 5)
    # precision per sentence: a 2/2, b 2/2, c 1/2, d 1/2; recall: a 2/3, b 2/3, c 1/3, d 1/1
    assert s["bcubed_p"] == pytest.approx(3 / 4)
    assert s["bcubed_r"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)


def test_a_sentence_in_two_clusters_counts_each_link_by_its_share() -> None:
    items = [(1, "a"), (1, "b")]
    gold = [frozenset({"x", "y"}), frozenset({"x"})]
    system = [frozenset({"1", "2"}), frozenset({"1", "2"})]
    s = link_scores(items, gold, system)
    assert s["tp"] == 1
    # the link shares two system clusters but one gold cluster: half right
    assert s["bcubed_p"] == pytest.approx((1 + 1 / 2) / 2)
    assert s["bcubed_r"] == pytest.approx(1.0)


def _document(
    doc_id: str, topic: int, sentences: list[str], events: list[tuple[int, str, str | None]]
) -> dict[str, Any]:
    """A document in the ECB+ JSONL format: `events` are (sentence, trigger, cluster)."""
    text = "\n".join(sentences)
    spans, offset = [], 0
    for i, sentence in enumerate(sentences):
        spans.append({"i": i, "start": offset, "end": offset + len(sentence)})
        offset += len(sentence) + 1
    mentions = []
    for number, trigger, cluster in events:
        start = text.index(trigger, spans[number]["start"])
        mentions.append(
            {
                "sentence": number,
                "start": start,
                "end": start + len(trigger),
                "text": trigger,
                "cluster": cluster,
            }
        )
    return {
        "id": doc_id,
        "topic": topic,
        "subtopic": "ecb",
        "text": text,
        "sentences": spans,
        "annotated_sentences": sorted({n for n, _, _ in events}),
        "events": mentions,
        "times": [],
        "locations": [],
    }


CORPUS = [
    _document(
        "1_1ecb",
        1,
        [
            "Tara Reid checked into the Promises Treatment Center in Malibu on Friday, her publicist Jack Ketsoyan said."
        ],
        [(0, "checked into", "REHAB")],
    ),
    _document(
        "1_2ecb",
        1,
        [
            "Actress Tara Reid has checked into the Promises Treatment Center in Malibu, publicist Jack Ketsoyan said."
        ],
        [(0, "checked into", "REHAB")],
    ),
    _document(
        "1_3ecbplus",
        1,
        ["Lindsay Lohan left the Betty Ford Center in Rancho Mirage after a court-ordered stay."],
        [(0, "left", "LEFT")],
    ),
    _document(
        "12_1ecb",
        12,
        ["An earthquake of magnitude 5.9 struck the Iranian island of Qeshm, killing ten people."],
        [(0, "struck", "QUAKE")],
    ),
    _document(
        "12_2ecb",
        12,
        ["Ten people died when a magnitude 5.9 earthquake struck Qeshm island in Iran."],
        [(0, "struck", "QUAKE"), (0, "died", None)],
    ),
]


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ecb") / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in CORPUS) + "\n", encoding="utf-8")
    return path


def test_load_keeps_annotated_sentences_and_their_events(corpus_path: Path) -> None:
    corpus = load_ecb(corpus_path)
    assert [s.doc for s in corpus.sentences] == [d["id"] for d in CORPUS]
    assert corpus.gold[0] == frozenset({"REHAB"}) and corpus.gold[4] == frozenset({"QUAKE"})
    assert set(corpus.events["doc_id"]) <= {d["id"] for d in CORPUS}
    assert len(corpus.baseline) == len(corpus.sentences)


def test_evaluate_scores_the_merge_the_baseline_and_the_ceiling(corpus_path: Path) -> None:
    result = evaluate_ecb(corpus_path)
    assert result["sentences"] == 5 and result["documents"] == 5
    assert set(result["scores"]) == {"tune", "report", "all"}
    merge = result["scores"]["all"]["merge"]
    # two gold pairs (the two rehab reports, the two quake reports), one per topic
    assert merge["gold_pairs"] == 2
    assert merge["pairwise_p"] == 1.0 and merge["pairwise_r"] == 1.0
    assert result["scores"]["all"]["ceiling"]["pairwise_r"] == 1.0
    assert result["cross_topic_links"] == 0
    text = format_ecb(result)
    assert "merge" in text and "lemma" in text and "ceiling" in text


def test_a_document_without_events_field_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    document = dict(CORPUS[0])
    del document["events"]
    bad.write_text(json.dumps(document) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:1 has no events field"):
        load_ecb(bad)


def test_cli_rejects_a_zero_threshold(corpus_path: Path) -> None:
    result = CliRunner().invoke(main, ["evaluate", "ecb", str(corpus_path), "--threshold", "0"])
    assert result.exit_code == 2 and "threshold" in result.output


def test_cli_bad_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "ecb", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {bad}:1 is not valid JSON (Expecting property name enclosed in double quotes)"
    ]


def test_cli_runs_as_a_subprocess(corpus_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "evaluate", "ecb", str(corpus_path), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["scores"]["all"]["merge"]["pairwise_f1"] == 1.0
    assert result["threshold"] == pytest.approx(0.45)
