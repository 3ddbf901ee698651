"""One candidate -> its TIMEX3 type and value, by the normalizer of its grammar rule (the rules
measured on the TempEval-3 dev set, ``../shared/docs/TEMPORAL.md``, section 2).
"""

from __future__ import annotations

from typing import Final

from timeline.extract.dates import days, durations, explicit, relative
from timeline.extract.dates.anaphora import Context
from timeline.extract.dates.model import Candidate, Handler, Value

__all__ = ["normalize"]

_HANDLERS: Final[dict[str, Handler]] = {
    **days.HANDLERS,
    **durations.HANDLERS,
    **explicit.HANDLERS,
    **relative.HANDLERS,
}


def normalize(cand: Candidate, text: str, ctx: Context) -> Value | None:
    """The value of one candidate, or None to drop it."""
    handler = _HANDLERS[cand.rule]
    span = text[cand.start : cand.end]
    try:
        return handler(cand, span, text, ctx)
    except (ValueError, OverflowError, KeyError):
        return None
