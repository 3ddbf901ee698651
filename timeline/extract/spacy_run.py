"""How spaCy runs: the same output, for less CPU.

Three choices, none of which changes what spaCy finds:

* **numpy's matrix product.** thinc multiplies matrices with blis; numpy's OpenBLAS is faster
  on the NER model's shapes (``use_numpy_matmul``). The parser's own per-step product (C code
  inside spaCy) still uses blis.
* **one BLAS thread.** OpenBLAS would start a thread per core in every process, so
  ``timeline extract --jobs N`` would run N x cores threads on N cores. Inside
  ``one_blas_thread()`` it uses the calling thread only (threadpoolctl; without it, nothing
  changes).
* **a warm vocabulary.** Inside ``nlp.memory_zone()`` spaCy neither caches how it split a
  word nor keeps the word's lexeme, so every batch splits "the" and builds its lexeme anew.
  ``remember_words`` splits the batch's frequent words again outside the zone, where the
  tokenizer caches them: later batches find them ready. The cache and the lexemes give the
  tokens that splitting would, so only time changes; memory is bounded by ``WARM_WORDS``.
"""

from __future__ import annotations

import contextlib
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Final

__all__ = ["WARM_WORDS", "one_blas_thread", "remember_words", "use_numpy_matmul"]

# Whitespace-delimited words each pipeline keeps ready, at most: with made-up words, about
# 3 MB of strings, lexemes and cache entries in the model's pipeline and 5 MB in the
# sentencizer's, against about 42 KB per text without a memory zone. 20,000 took 27 MB
# and left a server 105 MB over its start after 16,000 new texts (bench_memory.py).
WARM_WORDS: Final = 10_000
# A word is remembered when it occurs this often in one batch (names and numbers seldom do).
_MIN_COUNT: Final = 2


def use_numpy_matmul(nlp: Any) -> None:
    """Make every model of `nlp` multiply matrices with numpy rather than blis."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


@lru_cache(maxsize=1)
def _controller() -> Any | None:
    """threadpoolctl's view of the BLAS libraries loaded, or None without threadpoolctl."""
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return ThreadpoolController()


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Inside, BLAS libraries (numpy's OpenBLAS) compute on the calling thread only."""
    controller = _controller()
    if controller is None:  # pragma: no cover
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield


def remember_words(nlp: Any, texts: Iterable[str]) -> None:
    """Let `nlp`'s tokenizer keep the words that occur at least twice in `texts` ready
    for later texts, up to WARM_WORDS words in all. Call it outside any memory zone."""
    known = _REMEMBERED.setdefault(nlp, set())
    room = WARM_WORDS - len(known)
    if room <= 0:
        return
    counts = Counter(word for text in texts for word in text.split())
    new = [w for w, n in counts.most_common() if n >= _MIN_COUNT and w not in known][:room]
    if not new:
        return
    tokenizer = nlp.tokenizer
    tokenizer.max_cache_size = max(tokenizer.max_cache_size, 2 * WARM_WORDS)
    for word in new:  # one call each: a special case ("don't") stops the caching of its doc
        tokenizer(word)
    known.update(new)


# The words each pipeline has remembered (gone with the pipeline).
_REMEMBERED: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()
