"""How spaCy runs (``timeline.extract.spacy_run``): faster, never different.

Speed itself lives in ``benchmarks/bench_extract.py``; here, what the choices must keep.
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from threadpoolctl import threadpool_info

from timeline.extract import spacy_run
from timeline.extract.entities import find_entities, load_pipeline
from timeline.extract.spacy_run import one_blas_thread, remember_words

_TEXT = (
    "U.S. officials didn't say (on Monday) whether Kim's envoy, Mr. Choe, would fly to "
    "Moscow; the talks -- held in Geneva -- ended at 10 a.m. #news @user http://x.org 3.5%"
)


def _tokens(nlp: Any, text: str) -> list[tuple[object, ...]]:
    with nlp.memory_zone():
        return [
            (t.text, t.idx, t.norm_, t.shape_, t.prefix_, t.suffix_, t.is_title, t.is_stop,
             t.like_num, t.like_url, t.is_punct, t.whitespace_)
            for t in nlp(text)
        ]  # fmt: skip


def test_a_warm_vocabulary_gives_the_same_tokens() -> None:
    nlp = spacy.blank("en")
    cold = _tokens(nlp, _TEXT)
    remember_words(nlp, [_TEXT, _TEXT])
    assert len(nlp.vocab) > 100  # the words' lexemes are kept ...
    assert _tokens(nlp, _TEXT) == cold  # ... and read as before


def test_the_warm_vocabulary_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spacy_run, "WARM_WORDS", 5)
    nlp = spacy.blank("en")
    words = " ".join(f"word{i}" for i in range(50))
    remember_words(nlp, [words, words])
    remember_words(nlp, [words, words])
    assert len(spacy_run._REMEMBERED[nlp]) == 5
    # Words seen once in a batch are not kept.
    other = spacy.blank("en")
    remember_words(other, ["alpha beta gamma"])
    assert not spacy_run._REMEMBERED.get(other)


def test_the_model_multiplies_with_numpy_and_gives_the_same_entities() -> None:
    nlp = load_pipeline()
    if nlp is None:
        pytest.skip("no spaCy model installed")
    ops = {type(node.ops).__name__ for node in nlp.get_pipe("ner").model.walk()}
    assert ops == {"NumpyOps"}
    assert not any(node.ops.use_blis for node in nlp.get_pipe("ner").model.walk())
    first = find_entities(_TEXT)
    assert {"Moscow", "Geneva"} <= {e.text for e in first}
    assert find_entities(_TEXT) == first  # the second run reads warm words


def test_one_blas_thread_inside_only() -> None:
    blas = [i for i in threadpool_info() if i["user_api"] == "blas"]
    if not blas:
        pytest.skip("no BLAS library loaded")
    before = [i["num_threads"] for i in blas]
    with one_blas_thread():
        assert all(i["num_threads"] == 1 for i in threadpool_info() if i["user_api"] == "blas")
    assert [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"] == before


def test_a_long_running_server_holds_bounded_caches() -> None:
    """Issue 8.7: what a server keeps of the texts it has read is bounded. A run of 16,000
    pasted texts with new words levelled 105 MB over its start with 20,000 warm words per
    pipeline and 65,536 normalised names (``benchmarks/bench_memory.py``); now at most
    10,000 and 16,384."""
    import importlib
    import pkgutil

    import timeline

    assert spacy_run.WARM_WORDS <= 10_000
    budget = 0
    for info in pkgutil.walk_packages(timeline.__path__, "timeline."):
        if not info.name.startswith(("timeline.extract", "timeline.geo")):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            cache_info = getattr(value, "cache_info", None)
            if callable(cache_info) and getattr(value, "__module__", None) == info.name:
                maxsize = cache_info().maxsize
                assert maxsize is not None, f"{info.name}.{value.__name__} is unbounded"
                budget += maxsize
    assert budget <= 90_000  # entries of every lru_cache text reaches (135,755 before)
