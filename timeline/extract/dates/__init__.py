"""Temporal expressions: find them, then normalize each to a TimeML TIMEX3 value.

Spans come from our own regex grammar over a closed trigger lexicon (month names, weekdays,
years, decades, unit words with numbers, REF words, seasons, quarters, clock times...), because
plain ``dateparser.search.search_dates`` reads "we", "may", "$10" and "15%" as dates and returns no
offsets. Each span is then normalized against the publication date with the rules measured on
the TempEval-3 dev set (``../shared/docs/TEMPORAL.md``, section 2); dateparser's
``DateDataParser`` does the calendar work it does well (weekdays, "N units ago", numeric dates).

Modules, in import order (each imports only modules above it):

- ``lexicon``: word tables and the regex fragments of the grammar.
- ``cues``: the word before a span, sentence starts, future and past-tense cues.
- ``intervals``: a value -> its precision and its [start, end) interval.
- ``anaphora``: per-document context, the value last mentioned per granularity.
- ``model``: the records: ``Candidate``, ``Value``, ``DateMention``, the ``Handler`` type.
- ``filters``: false friends (money, percentages, measures, "we", modal "may", titles...).
- ``grammar``: the rules and the non-overlapping candidate spans.
- ``quantities``, ``reckoning``: numbers and durations; calendar arithmetic.
- ``_dateparser``: the only module in timeline that imports dateparser.
- ``explicit``, ``relative``, ``days``, ``durations``: the normalizers, per class of expression.
- ``normalize``: a candidate -> its value, by its rule's normalizer.
- ``ranges``: "from May to September", "Jan. 12-22": two TIMEX3 ends and one range mention.
- ``mentions``: ``date_mentions`` and ``find_dates``.
"""

from timeline.extract.dates._dateparser import baseline_search
from timeline.extract.dates.mentions import date_mentions, find_dates
from timeline.extract.dates.model import DateMention

__all__ = ["DateMention", "baseline_search", "date_mentions", "find_dates"]
