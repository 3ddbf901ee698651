"""Extraction speed: words per second per core on real news, and time against document length.

    python benchmarks/bench_extract.py [--batch 64] [--scaling 8000,...] [PATH ...]

PATHs are JSONL files with a ``text`` field (TempEval-3 ``tbaq.jsonl`` with its ``dct`` as the
publication date, ``../shared/data/geo/*_dev.jsonl``) or article files (default: the shipped
seeds). It prints:

* start-up: loading the model, the gazetteer and dateparser's data (a warm-up text);
* throughput: all documents through ``extract_corpus`` in batches of ``--batch`` articles (as
  a worker of ``timeline extract --jobs`` would run them), in words per CPU-second of this
  one process, that is per core (words: whitespace-separated tokens), beside the time in
  spaCy;
* with ``--baseline``, the same throughput first with spaCy as it comes (blis for the NER
  model's matrix products, no warm vocabulary: ``timeline.extract.spacy_run``), and the ratio
  of the two, measured in this one process;
* scaling: one article made of the documents joined to each length, per stage, with the
  time per 1,000 characters: a stage that is linear keeps it flat as the length grows.

Times are CPU seconds (``time.process_time``), which other processes on a shared machine
change less than wall time. Speed lives here, never in tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.article import Article, make_article
from timeline.extract.actors import actor_mentions
from timeline.extract.dates import date_mentions
from timeline.extract.entities import entity_mentions_of
from timeline.extract.pipeline import extract_corpus
from timeline.extract.places import place_mentions
from timeline.extract.sentences import sentences_of
from timeline.extract.spacy_run import WARM_WORDS as _WARM_WORDS
from timeline.ingest import read_articles, seed_paths

_WARM_UP = (
    "PARIS, May 2, 2021 (AFP) - President Emmanuel Macron met Olaf Scholz in Berlin on Monday."
)


def load(paths: list[Path]) -> list[Article]:
    """Articles from JSONL gold files (text, optional dct) or from article files."""
    articles: list[Article] = []
    for path in paths:
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as handle:
                for line in handle:
                    if line.strip():
                        row = json.loads(line)
                        articles.append(make_article(row["text"], published=row.get("dct")))
        else:
            articles.extend(read_articles(path))
    return articles


def spacy_as_it_comes(on: bool) -> None:
    """Undo (on=True) or redo timeline's spaCy choices: numpy's matrix product, warm words."""
    from thinc.api import NumpyOps

    from timeline.extract import spacy_run
    from timeline.extract.entities import load_pipeline

    nlp = load_pipeline()
    if nlp is None:
        return
    if on:
        for _, component in nlp.pipeline:
            if hasattr(component, "model"):
                for node in component.model.walk():
                    node.ops = NumpyOps()
        spacy_run._REMEMBERED.clear()
        setattr(spacy_run, "WARM_WORDS", 0)  # noqa: B010 - a Final constant, for this run
    else:
        spacy_run.use_numpy_matmul(nlp)
        setattr(spacy_run, "WARM_WORDS", _WARM_WORDS)  # noqa: B010


def throughput(articles: list[Article], batch: int) -> float:
    """Words per CPU-second through extract_corpus, in batches."""
    words = sum(len(a.text.split()) for a in articles)
    characters = sum(len(a.text) for a in articles)
    began, wall = time.process_time(), time.perf_counter()
    events = 0
    for at in range(0, len(articles), batch):
        events += len(extract_corpus(articles[at : at + batch]).events)
    seconds = time.process_time() - began
    print(
        f"throughput: {len(articles):,} articles, {words:,} words, {characters:,} chars, "
        f"{events:,} events in {seconds:.1f} CPU s ({time.perf_counter() - wall:.1f} s wall): "
        f"{words / seconds:,.0f} words/s per core"
    )
    began = time.process_time()
    for at in range(0, len(articles), batch):
        entity_mentions_of(articles[at : at + batch])
    ner = time.process_time() - began
    print(f"  of which spaCy NER alone: {ner:.1f} CPU s ({words / ner:,.0f} words/s), "
          f"{ner / seconds:.0%}")  # fmt: skip
    return words / seconds


def scaling(articles: list[Article], lengths: list[int]) -> None:
    """Time per stage against the length of one article made of the documents joined."""
    joined = "\n\n".join(a.text for a in articles)
    while len(joined) < max(lengths):
        joined += "\n\n" + joined
    print(f"{'chars':>9s} {'ms per 1,000 chars':>60s}")
    print(f"{'':9s} {'NER':>8s} {'sentences':>10s} {'dates':>8s} {'places':>8s} "
          f"{'actors':>8s} {'frames+rest':>12s} {'total':>8s}")  # fmt: skip
    for length in lengths:
        cut = joined.rfind("\n\n", 0, length)
        article = make_article(joined[: cut if cut > 0 else length], published="2023-09-13")
        size = len(article.text)
        times = []
        began = time.process_time()
        (entities,) = entity_mentions_of([article])
        times.append(time.process_time() - began)
        stage = time.process_time()
        sentences_of([article])
        times.append(time.process_time() - stage)
        stage = time.process_time()
        date_mentions(article)
        times.append(time.process_time() - stage)
        stage = time.process_time()
        places = place_mentions(article, entities=entities)
        times.append(time.process_time() - stage)
        stage = time.process_time()
        actor_mentions(article, places, entities=entities)
        times.append(time.process_time() - stage)
        stage = time.process_time()
        extract_corpus([article])
        whole = time.process_time() - stage
        times.append(max(0.0, whole - sum(times)))
        times.append(whole)
        cells = " ".join(f"{t / size * 1e6:8.1f}" for t in times[:5])
        print(f"{size:9,d} {cells} {times[5] / size * 1e6:12.1f} {whole / size * 1e6:8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="JSONL gold files or articles")
    parser.add_argument("--batch", type=int, default=64, help="articles per extract_corpus")
    parser.add_argument(
        "--baseline", action="store_true", help="first with spaCy as it comes, then the ratio"
    )
    parser.add_argument(
        "--scaling", default="8000,32000,128000,512000", help="lengths (chars), comma list"
    )
    args = parser.parse_args()
    articles = load(args.paths or seed_paths())
    began = time.perf_counter()
    extract_corpus([make_article(_WARM_UP)])
    print(f"start-up (models, gazetteer, warm-up text): {time.perf_counter() - began:.2f} s")
    if args.baseline:
        print("spaCy as it comes (blis, no warm vocabulary):")
        spacy_as_it_comes(True)
        before = throughput(articles, args.batch)
        spacy_as_it_comes(False)
        print("timeline's choices:")
        after = throughput(articles, args.batch)
        print(f"speed-up in this process: {after / before:.2f}x")
    else:
        throughput(articles, args.batch)
    if args.scaling:
        scaling(articles, [int(n) for n in args.scaling.split(",")])


if __name__ == "__main__":
    main()
