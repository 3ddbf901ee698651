"""Adding articles: the background job's steps called as plain functions (no server, no fork)."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

import pandas as pd
import pytest

from timeline.app import jobs
from timeline.app.callbacks import add_pasted, add_upload
from timeline.app.state import AppState
from timeline.config import Settings
from timeline.schema import Col

# A yearless, dateline-less story: only the date given says which Wednesday it is.
GENEVA = (
    "Leaders meet in Geneva\n\nThe two presidents met in Geneva on Wednesday and agreed that "
    "their foreign ministers would talk again soon."
)


def data_url(text: str | bytes) -> str:
    raw = text.encode() if isinstance(text, str) else text
    return "data:text/plain;base64," + base64.b64encode(raw).decode()


def _days(state: AppState, doc_id: str) -> set[dt.date]:
    rows = state.events[state.events[Col.DOC_ID] == doc_id]
    return {d.date() for d in rows[Col.START].dropna()}


def test_a_paste_with_a_date_puts_its_events_on_that_day(state: AppState) -> None:
    source = jobs.pasted_source(GENEVA, "2021-03-03")  # a Wednesday
    (article,) = source.articles
    assert (article.published, article.published_source) == (dt.date(2021, 3, 3), "given")
    message, ok = add_pasted(state, GENEVA, "2021-03-03")
    assert ok, message
    assert _days(state, article.doc_id) == {dt.date(2021, 3, 3)}


def test_a_bad_paste_date_is_one_clear_line(state: AppState) -> None:
    message, ok = add_pasted(state, GENEVA, "13/09/2023")
    assert not ok and "13/09/2023" in message and "YYYY-MM-DD" in message
    assert state.version == 0


def test_pasting_twice_adds_once_and_says_so(state: AppState) -> None:
    message, ok = add_pasted(state, GENEVA, "2021-03-03")
    assert ok and "added" in message
    version, events = state.version, state.events.copy()
    message, ok = add_pasted(state, GENEVA, "2021-03-03")
    assert ok and "already loaded" in message and "added from" not in message
    assert state.version == version  # nothing changed: the page does not redraw
    pd.testing.assert_frame_equal(state.events, events)
    message, _ = add_pasted(state, GENEVA)  # the same text without a date: still the same
    assert "already loaded" in message


def test_the_job_skips_what_is_loaded_without_extracting(state: AppState) -> None:
    (article,) = jobs.pasted_source(GENEVA, "2021-03-03").articles
    calls: list[tuple[int, int, str]] = []
    known = {**state.known(), article.doc_id: dt.date(2021, 3, 3)}
    source = jobs.Source("again", (article,))
    (outcome,) = jobs.run_job([source], known, state.settings, lambda *a: calls.append(a))
    assert outcome.corpus is None and outcome.already == 1 and outcome.articles == 0
    assert calls[-1][:2] == (1, 1)


def test_progress_counts_articles_and_events(state: AppState) -> None:
    texts = [GENEVA, GENEVA.replace("Geneva", "Vienna"), GENEVA.replace("Geneva", "Oslo")]
    sources = jobs.upload_sources(
        [f"{i}.txt" for i in range(3)], [data_url(t) for t in texts], state.settings, "2021-03-03"
    )
    calls: list[tuple[int, int, str]] = []
    outcomes = jobs.run_job(sources, state.known(), state.settings, lambda *a: calls.append(a))
    # before and after each batch (the three articles are one batch now: spaCy's batching)
    assert [c[0] for c in calls] == [0, 3]
    assert {c[1] for c in calls} == {3}
    found = sum(len(o.corpus.events) for o in outcomes if o.corpus is not None)
    assert calls[-1][2].startswith(f"3 of 3 articles done, {found} events found")
    assert "now: “Leaders meet in Geneva”" in calls[0][2] and "and 2 more" in calls[0][2]


def test_one_bad_file_does_not_reject_the_good_ones(state: AppState) -> None:
    before = len(state.events)
    names = ["good.txt", "broken.json", "bad.bin", "notbase64.txt"]
    contents = [data_url(GENEVA), data_url('{"title": "x"'), data_url(b"\x00\x01"), "garbage"]
    message, ok = add_upload(state, names, contents, "2021-03-03")
    assert not ok  # some failed: said so ...
    assert len(state.events) > before  # ... and the good file is in
    lines = jobs.commit(state, [])  # nothing: no line
    assert lines == []
    for name in names:
        assert name in message


def test_each_file_gets_its_line(state: AppState) -> None:
    names = ["good.txt", "broken.json"]
    contents = [data_url(GENEVA), data_url('{"title": "x"')]
    sources = jobs.upload_sources(names, contents, state.settings, "2021-03-03")
    lines = jobs.commit(state, jobs.run_job(sources, state.known(), state.settings))
    assert [level for _, level in lines] == ["ok", "error"]
    assert lines[0][0].startswith("good.txt: ") and "added from 1 article" in lines[0][0]
    assert lines[1][0].startswith("broken.json")


def test_file_names_cannot_reorder_the_message(state: AppState) -> None:
    name = "report\u202etxt.exe"  # shows as "reportexe.txt" unless neutralised
    (source,) = jobs.upload_sources([name], [data_url(b"")], state.settings)
    assert source.error is not None
    assert "\u202e" not in source.name + source.error
    assert "reporttxt.exe" in source.error  # the override removed, as in exported names


def test_a_file_over_the_limit_is_refused_with_the_numbers(state: AppState) -> None:
    settings = Settings(max_file_bytes=100)
    (source,) = jobs.upload_sources(["big.txt"], [data_url("x" * 150)], settings)
    assert source.error is not None and "150" in source.error and "100" in source.error


def test_an_undated_article_is_flagged_and_can_be_dated(state: AppState) -> None:
    message, ok = add_pasted(state, GENEVA)  # no date anywhere: "on Wednesday" stays unresolved
    assert ok and "no publication date" in message
    (doc_id,) = [d for d, a in state.articles.items() if a.published is None]
    assert (state.events[Col.DOC_ID] == doc_id).any() and _days(state, doc_id) == set()
    old_ids = set(state.events.loc[state.events[Col.DOC_ID] == doc_id, Col.EVENT_ID])
    source = jobs.redated_source(state.articles[doc_id], "2021-03-03")
    assert source.redate and source.articles[0].published_source == "given"
    version = state.version
    lines = jobs.commit(state, jobs.run_job([source], state.known(), state.settings))
    assert lines[0][1] == "ok" and "2021-03-03" in lines[0][0]
    assert state.version > version
    assert _days(state, doc_id) == {dt.date(2021, 3, 3)}
    assert not old_ids & set(state.events[Col.EVENT_ID])  # the undated events were replaced
    assert state.articles[doc_id].published == dt.date(2021, 3, 3)
    assert state.articles[doc_id].published_source == "given"
    mentions = state.mentions[state.mentions[Col.DOC_ID] == doc_id]
    assert set(mentions[Col.EVENT_ID]) <= set(state.events[Col.EVENT_ID])


def test_a_paste_with_a_date_dates_an_undated_article_too(state: AppState) -> None:
    add_pasted(state, GENEVA)
    message, ok = add_pasted(state, GENEVA, "2021-03-03")  # the same text, now with its date
    assert ok and "extracted again" in message
    (article,) = [a for a in state.articles.values() if a.source == "pasted text"]
    assert _days(state, article.doc_id) == {dt.date(2021, 3, 3)}


@pytest.mark.parametrize(
    ("doc", "date", "expected"),
    [(None, "2021-03-03", "Choose an article"), ("seed", None, "choose its publication date"),
     ("seed", "March 3", "is not a date")],
)  # fmt: skip
def test_dating_needs_an_article_and_a_date(
    state: AppState, doc: str | None, date: str | None, expected: str
) -> None:
    article = next(iter(state.articles.values())) if doc else None
    source = jobs.redated_source(article, date)
    assert source.error is not None and expected in source.error


def test_the_worker_outcome_survives_the_job_cache(state: AppState, tmp_path: Any) -> None:
    # the worker hands its outcomes to the server through the diskcache: they must pickle
    import diskcache

    outcomes = jobs.run_job([jobs.pasted_source(GENEVA, "2021-03-03")], {}, state.settings)
    with diskcache.Cache(str(tmp_path)) as cache:
        cache.set("k", outcomes)
        back = cache.get("k")
    assert back[0].corpus is not None
    pd.testing.assert_frame_equal(back[0].corpus.events, outcomes[0].corpus.events)
    assert jobs.commit(state, back)[0][1] == "ok"


def test_a_bad_item_of_a_table_is_listed_and_the_good_ones_kept(state: AppState) -> None:
    rows = (
        "title,published,text\n"
        f'Geneva,2021-03-03,"{GENEVA.split(chr(10))[-1]}"\n'
        "Empty,2021-03-04,\n"
    )
    (source,) = jobs.upload_sources(["rows.csv"], [data_url(rows)], state.settings)
    assert source.error is None and len(source.articles) == 1
    assert len(source.notes) == 1 and "rows.csv" in source.notes[0] and "3" in source.notes[0]
    lines = jobs.commit(state, jobs.run_job([source], state.known(), state.settings))
    assert [level for _, level in lines] == ["ok", "warning"]
    assert lines[0][0].startswith("rows.csv: ") and lines[1][0] == source.notes[0]


def test_the_articles_of_an_upload_are_extracted_as_one_batch(
    state: AppState, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Extraction per article lost spaCy's batching: the files of one upload go together."""
    from timeline.extract import pipeline

    calls: list[int] = []
    real = pipeline.extract_corpus

    def counting(articles: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(articles))
        return real(articles, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_corpus", counting)
    texts = [GENEVA.replace("Geneva", city) for city in ("Vienna", "Oslo", "Rome")]
    sources = jobs.upload_sources(
        [f"{i}.txt" for i in range(3)], [data_url(t) for t in texts], Settings(), "2021-03-03"
    )
    steps: list[str] = []
    outcomes = jobs.run_job(sources, state.known(), Settings(), lambda d, t, s: steps.append(s))
    assert calls == [3]  # one corpus for the three files' articles, not three
    assert [o.articles for o in outcomes] == [1, 1, 1]
    for outcome, text in zip(outcomes, texts, strict=True):  # each file keeps its own events
        assert outcome.corpus is not None and len(outcome.corpus.articles) == 1
        (article,) = outcome.corpus.articles.values()
        assert article.text.startswith(text[:20])
        assert set(outcome.corpus.events[Col.DOC_ID]) <= {article.doc_id}
    assert "and 2 more" in steps[0] and steps[-1].startswith("3 of 3 articles done")
