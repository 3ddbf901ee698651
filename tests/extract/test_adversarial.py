"""Crafted text that used to take quadratic time (issue 8.1), checked by structure, not time.

The timings live in ``benchmarks/bench_adversarial.py``. Here: spaCy never sees a long run
(its tokenizer is quadratic in them), the regexes that backtracked are bounded, and the
stages that compared every pair of mentions give the same answers through their indexes.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.article import make_article
from timeline.extract import entities, places, sentences
from timeline.extract.actors import _whole_words
from timeline.extract.pipeline import extract_corpus
from timeline.extract.spacy_text import (
    MAX_PACKED,
    MAX_TOKEN,
    MIN_PACKED,
    MIN_REPEATED,
    MIN_SHORT_RUN,
    MIN_SYMBOL_RUN,
    MIN_TIGHT_RUN,
    mask_noise,
    packed,
    repeated,
)
from timeline.extract.spans import SpanIndex

REPRODUCERS = {
    "capitals": "A" * 20_000,
    "yen": "¥" * 8_000,
    "guillemets": "»¿" * 12_000,
    "emoji": "😀" * 5_000,
    "one token": "x" * 100_000,
    "spaced symbols": "¥ " * 5_000,
}
_LONG = re.compile(rf"\S{{{MAX_TOKEN + 1},}}")
_SYMBOLS = re.compile(rf"[^\w\s](?:[^\S\n]*[^\w\s]){{{MIN_SYMBOL_RUN - 1},}}")


class _Recorder:
    """A spaCy pipeline that records every text it is given."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.seen: list[str] = []

    def pipe(self, texts: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        self.seen.extend(texts)
        return self.nlp.pipe(texts, **kwargs)

    def memory_zone(self) -> Any:
        return self.nlp.memory_zone()

    def __getattr__(self, name: str) -> Any:  # the tokenizer, for the warm vocabulary
        return getattr(self.nlp, name)


def _assert_no_long_runs(seen: list[str]) -> None:
    assert seen, "spaCy was not called"
    for text in seen:
        assert not _LONG.search(text), text[:80]
        assert not _SYMBOLS.search(text), text[:80]


@pytest.mark.parametrize("name", sorted(REPRODUCERS))
def test_spacy_never_reads_a_long_run(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Paris is calm. " + REPRODUCERS[name] + " Officials met in Geneva."
    sentencizer = _Recorder(sentences._sentencizer())
    monkeypatch.setattr(sentences, "_sentencizer", lambda: sentencizer)
    model = entities.load_pipeline()
    ner = _Recorder(model) if model is not None else None
    if ner is not None:
        monkeypatch.setattr(entities, "load_pipeline", lambda: ner)
    corpus = extract_corpus([make_article(text)])
    _assert_no_long_runs(sentencizer.seen)
    if ner is not None:
        _assert_no_long_runs(ner.seen)
    # The ordinary words on either side are still read.
    assert {"Paris", "Geneva"} <= set(corpus.mentions["text"])


@given(st.text(alphabet=st.sampled_from("ab ¥»¿😀.-\n\t\r"), max_size=300))
def test_masking_keeps_length_lines_and_ends(text: str) -> None:
    masked = mask_noise(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    for i, (a, b) in enumerate(zip(text, masked, strict=True)):
        assert b == a or (b == " " and not a.isspace()), i
    assert not _LONG.search(masked) and not _SYMBOLS.search(masked)


def test_ordinary_text_is_not_masked(seed_text: str) -> None:
    assert mask_noise(seed_text) == seed_text
    assert mask_noise(seed_text, tight=True) == seed_text


_TIGHT = re.compile(rf"[^\w\s]{{{MIN_TIGHT_RUN},}}")


def test_ner_never_reads_a_tight_symbol_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fifteen symbols before every word cost six times what news costs: NER reads their ends."""
    model = entities.load_pipeline()
    if model is None:
        pytest.skip("no spaCy model installed")
    ner = _Recorder(model)
    monkeypatch.setattr(entities, "load_pipeline", lambda: ner)
    text = "Officials met in Geneva. " + "¥" * 15 + " a " + "¥" * 15 + " Paris is calm."
    found = entities.find_entities(text)
    assert ner.seen and not any(_TIGHT.search(line) for line in ner.seen)
    assert {"Geneva", "Paris"} <= {e.text for e in found}
    # The sentencizer still reads them: '..."' may end a sentence.
    assert mask_noise('he said..." Then', tight=False) == 'he said..." Then'
    assert mask_noise('he said..." Then', tight=True) == 'he said.  " Then'


_SHORT = re.compile(rf"(?<!\S)\S{{1,2}}(?!\S)(?:\s+\S{{1,2}}(?!\S)){{{MIN_SHORT_RUN - 1},}}")


@given(st.text(alphabet=st.sampled_from("ab Paris.,\n\t"), max_size=300))
def test_tight_masking_leaves_no_run_of_short_words(text: str) -> None:
    masked = mask_noise(text, tight=True)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]
    assert not _SHORT.search(masked)
    assert mask_noise(text) == mask_noise(text, tight=False)  # the sentencizer's text


@pytest.mark.parametrize("unit", ["a ", "a\r\n\t", "7 ", "ab\r\n\t", "a 12 "])
def test_ner_never_reads_a_run_of_short_words(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A token every two characters cost NER 2.3 to 3.2 times news' time per character."""
    model = entities.load_pipeline()
    if model is None:
        pytest.skip("no spaCy model installed")
    ner = _Recorder(model)
    monkeypatch.setattr(entities, "load_pipeline", lambda: ner)
    text = "Officials met in Geneva.\n" + unit * 500 + "\nPresident Macron left Paris."
    found = entities.find_entities(text)
    read = "".join(ner.seen)
    assert not _SHORT.search(read)
    # Blanked but for its ends: a blank stretch is one token, and a line without a letter
    # is not read at all.
    assert sum(not c.isspace() for c in read) < 100
    assert {"Geneva", "Paris", "Macron"} <= {e.text for e in found}
    # Fewer than MIN_SHORT_RUN in a row are read as they are (initials, "3 to 4 / 3 to 4").
    for ordinary in ("J. R. R. Tolkien and a b c", "it is as if he is to go on: 3 to 4 / 3 to 4."):
        assert mask_noise(ordinary, tight=True) == ordinary


@pytest.mark.parametrize(
    ("unit", "per_unit"),
    [
        ("PARIS, May 2 (AFP) -", 0),  # NER finds nothing but the dateline city
        ("Vladimir Putin met Kim Jong Un and Kim said Putin would visit. ", 4),
    ],
)
def test_a_line_repeating_a_unit_is_read_once(
    unit: str, per_unit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "PARIS, May 2 (AFP) -" * 3000 cost NER 1.8 times news' time per character (a token
    every 2.5 characters); its pieces are now the same text, read once, with the entities
    that reading the whole line gives."""
    model = entities.load_pipeline()
    if model is None:
        pytest.skip("no spaCy model installed")
    text = unit * (60_000 // len(unit))
    ner = _Recorder(model)
    monkeypatch.setattr(entities, "load_pipeline", lambda: ner)
    found = entities.find_entities(text)
    assert sum(map(len, ner.seen)) < 3 * MAX_PACKED  # of 60,000 characters
    monkeypatch.setattr(entities, "repeated", lambda _text, spans: spans)
    assert found == entities.find_entities(text)  # the line read whole, as before
    assert all(text[e.start : e.end] == e.text for e in found)
    assert len(found) >= per_unit * (len(text) // len(unit))


def test_a_line_shared_by_articles_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    model = entities.load_pipeline()
    if model is None:
        pytest.skip("no spaCy model installed")
    byline = "Reporting by Guy Faulconbridge in London; editing by Angus MacSwan."
    texts = [
        f"{story}\n{byline}"
        for story in ("Vladimir Putin met Kim Jong Un in Vostochny.", "Olaf Scholz flew to Kyiv.")
    ]
    articles = [make_article(text, published="2023-09-13") for text in texts]
    alone = [entities.entity_mentions_of([article])[0] for article in articles]
    ner = _Recorder(model)
    monkeypatch.setattr(entities, "load_pipeline", lambda: ner)
    together = entities.entity_mentions_of(articles)
    assert ner.seen.count(byline) == 1  # not once per article
    assert together == alone
    assert any(e.text == "London" for e in together[1])  # the second article's byline kept


@given(
    st.text(alphabet=st.sampled_from("ab .\t"), min_size=1, max_size=40),
    st.integers(0, 400),
    st.text(alphabet=st.sampled_from("xy ."), max_size=30),
    st.text(alphabet=st.sampled_from("xy ."), max_size=30),
)
def test_repeated_cuts_a_repeat_into_pieces_of_one_text(
    unit: str, times: int, before: str, after: str
) -> None:
    text = before + unit * times + after
    cut = repeated(text, [(0, len(text))])
    # The pieces cover the span, in order, without gap or overlap.
    assert cut[0][0] == 0 and cut[-1][1] == len(text)
    assert all(a[1] == b[0] and a[0] < a[1] for a, b in itertools.pairwise(cut))
    middle = {text[s:e] for s, e in cut[1:-1]}
    assert len(middle) <= 1 and all(len(m) <= MAX_PACKED for m in middle)
    if len(unit * times) > MIN_REPEATED + 2 * len(unit) and " " in unit and len(unit) <= 40:
        assert len(cut) > 2  # cut, so that NER reads one of them


def test_repeated_leaves_ordinary_lines_whole(seed_text: str) -> None:
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", seed_text * 3)]
    assert repeated(seed_text * 3, lines) == lines


@given(st.lists(st.sampled_from(["a", "Paris", "¥", "Kim", "", "  ", "x" * 40]), max_size=40))
def test_packed_joins_only_runs_of_short_lines(lines: list[str]) -> None:
    text = "\n".join(lines)
    spans, offset = [], 0
    for line in lines:
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    out = packed(text, spans)
    # Same text covered, in order, each span within the limit unless it is one line.
    assert [text[s:e] for s, e in out] == [
        text[s:e] for s, e in out if any(a >= s and b <= e for a, b in spans)
    ]
    assert sorted(out) == out
    inside = [[(a, b) for a, b in spans if s <= a and b <= e] for s, e in out]
    assert [span for group in inside for span in group] == spans
    for (s, e), group in zip(out, inside, strict=True):
        if len(group) > 1:  # a packed run: short lines only, at least MIN_PACKED in its run
            assert all(len(text[a:b].strip()) <= 16 for a, b in group)
            assert e - s <= MAX_PACKED
        else:
            assert (s, e) == group[0]
    long_runs = sum(len(g) for g in inside if len(g) > 1)
    assert long_runs == 0 or long_runs >= MIN_PACKED


def test_many_short_lines_are_one_document_and_nothing_crosses_a_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Thousands of four-character lines: one spaCy document per line cost 4.8 times news."""
    text = "Talks in Geneva ended on Monday.\n" + "a\r\n\t" * 200 + "Paris.\nLondon.\n" * 10
    sentencizer = _Recorder(sentences._sentencizer())
    monkeypatch.setattr(sentences, "_sentencizer", lambda: sentencizer)
    found = sentences.sentences(make_article(text, published="2023-09-13"))
    assert len(sentencizer.seen) < 10
    assert all("\n" not in s.text for s in found[1:])
    assert [s.text for s in found].count("a") == 200
    events = extract_corpus([make_article(text, published="2023-09-13")]).mentions
    assert all("\n" not in t for t in events["text"])
    names = entities.find_entities(text)
    assert all("\n" not in e.text for e in names)
    if entities.load_pipeline() is not None:
        assert {"Paris", "London"} <= {e.text for e in names}


def test_product_noun_regex_starts_at_words_and_is_bounded() -> None:
    """The old pattern, unbounded and tried at every position, took 16 s on "A" * 20000."""
    parsed = re._parser.parse(places._PRODUCT_NOUN.pattern)  # type: ignore[attr-defined]
    first, _ = parsed[0]
    assert str(first) == "ASSERT_NOT"  # a lookbehind: no start inside a word
    unbounded = [
        item
        for item in _repeats(parsed.data)
        if item[1] == re._constants.MAXREPEAT  # type: ignore[attr-defined]
    ]
    # Only the whitespace between words may be unbounded (it cannot start a match).
    assert all(
        str(body[0][0]) == "IN" and "CATEGORY_SPACE" in str(body) for _, _, body in unbounded
    )
    assert places._product_names("the Angara rocket and the Soyuz capsules") >= {
        "angara",
        "soyuz",
    }
    assert places._product_names("A" * 50_000) == frozenset()


def _repeats(items: Any) -> list[tuple[int, int, Any]]:
    """Every (min, max, body) repeat in a parsed regex."""
    found = []
    for op, value in items:
        if str(op) in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, body = value
            found.append((low, high, list(body)))
            found += _repeats(body)
        elif str(op) == "SUBPATTERN":
            found += _repeats(value[-1])
        elif str(op) == "BRANCH":
            for branch in value[1]:
                found += _repeats(branch)
    return found


def test_generic_place_regex_starts_at_words() -> None:
    assert entities._GENERIC_PLACE.pattern.startswith("(?<!")


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)), max_size=12),
    st.integers(0, 70),
    st.integers(1, 15),
)
def test_span_index_answers_as_a_scan_would(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    spans = [(s, s + n) for s, n in spans]
    end = start + length
    index = SpanIndex(spans)
    assert index.overlaps(start, end) == any(s < end and start < e for s, e in spans)
    assert index.contains(start, end) == any(s <= start and end <= e for s, e in spans)


@given(st.text(alphabet=st.sampled_from("Kim Putin-_x.\n"), max_size=80))
def test_whole_words_finds_what_the_regex_alternation_found(text: str) -> None:
    words = {"Kim", "Kimo", "Putin"}
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(words)) + r")(?![\w-])")
    assert _whole_words(text, words) == [m.span() for m in pattern.finditer(text)]
