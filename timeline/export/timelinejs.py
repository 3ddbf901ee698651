"""Events as TimelineJS JSON (Knight Lab's documented format), for story timelines.

``{"title": slide, "events": [slide...], "scale": "human"}``, where a slide is
``{"start_date": date, "end_date": date, "text": {"headline", "text"}, "unique_id"}`` and a date
is ``{"year", "month", "day", "hour", "minute", "second"}`` with only ``year`` required. Dates
keep their precision: "in 1948" is ``{"year": 1948}``, "September 2023" ``{"year": 2023,
"month": 9}``, and an interval gets an ``end_date`` (its last day, month or year, inclusive, as
TimelineJS reads it) only when that differs from the start at that precision. The text fields
are HTML: every value from an article is escaped, and the source is a link only when it is an
http(s) URL (``autolink`` is off). Undated events cannot be placed on a timeline: they are left out and counted.
"""

from __future__ import annotations

import json
from typing import Any, Final, NamedTuple

import pandas as pd

from timeline.export.labels import (
    Row,
    credit,
    date_fields,
    date_parts,
    is_missing,
    marked_sentence,
    sources_html,
    text_of,
)
from timeline.export.safety import html_text
from timeline.schema import Col

__all__ = ["TimelineJS", "events_to_timelinejs", "timelinejs_text"]

# TimelineJS' "human" scale is JavaScript's Date range; beyond it only "cosmological" works
_HUMAN_YEARS: Final = (-271_820, 275_759)
_HEADLINE_CHARS: Final = 90
_SOURCES: Final = {
    "explicit": "written in the sentence",
    "context": "carried over from an earlier sentence",
    "published": "the publication date",
}


class TimelineJS(NamedTuple):
    """A TimelineJS document and how many undated events were left out."""

    document: dict[str, Any]
    left_out: int


def events_to_timelinejs(events: pd.DataFrame, *, title: str = "timeline") -> TimelineJS:
    """The dated events as a TimelineJS JSON document, earliest first.

    Args:
        events: an events frame.
        title: the title slide's headline.

    >>> from timeline.schema import empty_events
    >>> events_to_timelinejs(empty_events()).document["events"]
    []
    """
    dated = events[events[Col.START].notna()].sort_values(Col.START, kind="stable")
    starts = date_parts(dated[Col.START])
    last = (dated[Col.END] - pd.Timedelta(seconds=1)).where(dated[Col.END].notna())
    lasts = date_parts(last.fillna(dated[Col.START]))
    slides, seen = [], set[str]()
    for i, row in enumerate(dated.to_dict(orient="records")):
        fields = date_fields(row[Col.PRECISION], int(starts["second"][i]))
        start = {name: int(starts[name][i]) for name in fields}
        end = {name: int(lasts[name][i]) for name in fields}
        slide: dict[str, Any] = {"start_date": start}
        if end != start and not is_missing(row[Col.END]):
            slide["end_date"] = end
        slide["text"] = {"headline": _headline(row), "text": _text(row)}
        slide["autolink"] = False  # our own links only: TimelineJS would link any URL-like text
        slide["unique_id"] = _unique(text_of(row[Col.EVENT_ID]) or "event", seen)
        slides.append(slide)
    years = [*starts["year"], *lasts["year"]]
    human = all(_HUMAN_YEARS[0] <= year <= _HUMAN_YEARS[1] for year in years)
    document = {
        "title": {"text": {"headline": html_text(title), "text": _summary(dated, years)}},
        "events": slides,
        "scale": "human" if human else "cosmological",
    }
    return TimelineJS(document, len(events) - len(dated))


def timelinejs_text(events: pd.DataFrame, *, title: str = "timeline") -> tuple[str, int]:
    """The TimelineJS document as JSON text, and the count of undated events left out."""
    document, left_out = events_to_timelinejs(events, title=title)
    return json.dumps(document, ensure_ascii=False, indent=1), left_out


def _unique(name: str, seen: set[str]) -> str:
    """`name`, or `name-2`, `name-3`... if taken: TimelineJS needs unique ids (two files of the
    same article, concatenated, repeat event_ids)."""
    candidate, n = name, 1
    while candidate in seen:
        n += 1
        candidate = f"{name}-{n}"
    seen.add(candidate)
    return candidate


def _headline(row: Row) -> str:
    """The sentence, cut at a word before _HEADLINE_CHARS."""
    sentence = " ".join((text_of(row[Col.SENTENCE]) or text_of(row[Col.DATE_TEXT])).split())
    if len(sentence) > _HEADLINE_CHARS:
        sentence = sentence[:_HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"
    return html_text(sentence or "event")


def _text(row: Row) -> str:
    """The slide's body: the sentence with its date marked, how it was dated, and the source
    (of a merged event, the earliest report, then every source with its link)."""
    date_text = text_of(row[Col.DATE_TEXT])
    how = html_text(_SOURCES.get(str(row[Col.DATE_SOURCE]), ""))
    dating = f"“{html_text(date_text)}”, {how}" if date_text else how
    sources = sources_html(row)
    told = f"<p><small>Reported by {sources}</small></p>" if sources else ""
    return (
        f"<p>{marked_sentence(row)}</p><p><small>Date: {dating}.</small></p>"
        f"<p><small>Source: {credit(row)}</small></p>{told}"
    )


def _summary(events: pd.DataFrame, years: list[int]) -> str:
    """The title slide's text: how many events, from how many articles, over which years."""
    if events.empty:
        return "No dated events."
    span = f"{min(years)}" if min(years) == max(years) else f"{min(years)} to {max(years)}"
    articles = events[Col.DOC_ID].nunique()
    return f"{len(events)} dated events from {articles} article(s), {span}. Made offline with timeline."
