"""Adding articles in a real browser: the background job, its progress and cancel, uploads
(several files, files over the limit), and dating an undated article (headless Chromium).

Waits poll the page; nothing asserts on time.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pandas as pd
import psutil
import pytest
from selenium.webdriver.common.keys import Keys

from timeline.app import create_app, ids
from timeline.article import Article
from timeline.config import Settings
from timeline.schema import Col

# the helpers of the dashboard's browser tests (tests/ is on sys.path, see conftest.py)
from app.test_browser import _until  # isort: skip

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]

Sample = tuple[pd.DataFrame, pd.DataFrame, dict[str, Article]]

# No dateline, no year: only a given date says which Wednesday "on Wednesday" is.
GENEVA = (
    "Leaders meet in Geneva\n\nThe two presidents met in Geneva on Wednesday and agreed that "
    "their foreign ministers would talk again soon."
)

_TIMELINE_DAYS_JS = """
const gd = document.querySelector('#timeline-graph .js-plotly-plot');
if (!gd || !gd._fullData) { return null; }
const out = [];
gd._fullData.forEach((t) => { if (t.meta && t.meta.kind === 'selected') { return; }
  Array.from(t.customdata || []).forEach((row, i) => {
    const x = t.type === 'bar' ? t.base[i] : t.x[i];
    out.push([row[0], typeof x === 'number' ? new Date(x).toISOString() : String(x)]); }); });
return out;
"""


def _start(dash_duo: Any, sample: Sample, settings: Settings | None = None) -> Any:
    events, mentions, articles = sample
    app = create_app(events, settings, mentions=mentions, articles=articles)
    dash_duo.start_server(app)
    n = len(events)
    # the page opens on the densest period (map, table and timeline agree): all but "in 1948"
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", f"{n - 1} of {n} events in view")
    return app


def _alert(dash_duo: Any) -> str:
    return str(dash_duo.find_element(f"#{ids.ADD_ALERT}").text)


def _type_date(dash_duo: Any, picker: str, date: str) -> None:
    """Type a date into a DatePickerSingle and close its calendar."""
    field = dash_duo.find_element(f"#{picker}")
    field.click()
    field.send_keys(date, Keys.ENTER)
    field.send_keys(Keys.ESCAPE)
    _until(lambda: field.get_attribute("value") == date, f"{picker} did not take {date}")


def _until_idle(dash_duo: Any) -> None:
    """Wait for the running job to end: its alert can come a poll (0.5 s) before the job is
    over, and until then the buttons and the upload box are disabled (a user cannot start
    another job; a test that does anyway races the running one)."""
    _until(lambda: not dash_duo.find_element(f"#{ids.JOB_BOX}").is_displayed(), "job running")


def _days_drawn(dash_duo: Any) -> dict[str, set[str]]:
    """The timeline's events by id, with the days they are drawn on."""
    days: dict[str, set[str]] = {}
    for event_id, iso in dash_duo.driver.execute_script(_TIMELINE_DAYS_JS) or []:
        days.setdefault(str(event_id), set()).add(iso[:10])
    return days


def test_a_paste_with_a_date_lands_on_that_day(dash_duo: Any, sample: Sample) -> None:
    _start(dash_duo, sample)
    before = set(_days_drawn(dash_duo))
    dash_duo.find_element(f"#{ids.ADD_TEXT}").send_keys(GENEVA)
    _type_date(dash_duo, ids.ADD_DATE, "2021-03-03")
    dash_duo.find_element(f"#{ids.ADD_TEXT_BUTTON}").click()
    dash_duo.wait_for_contains_text(f"#{ids.ADD_ALERT}", "added from 1 article", timeout=60)

    def new_days() -> set[str]:
        drawn = _days_drawn(dash_duo)
        return {day for event_id, days in drawn.items() if event_id not in before for day in days}

    _until(lambda: new_days() == {"2021-03-03"}, "the pasted event is not on 2021-03-03")
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_LIST}", "published 2021-03-03, given by you")
    # the same text again: nothing new, and the page says why
    _until_idle(dash_duo)
    dash_duo.find_element(f"#{ids.ADD_TEXT_BUTTON}").click()
    dash_duo.wait_for_contains_text(f"#{ids.ADD_ALERT}", "already loaded", timeout=60)
    assert "2 articles" in dash_duo.find_element(f"#{ids.ARTICLE_LIST}").text
    assert dash_duo.get_logs() == []


def _extraction_children() -> list[psutil.Process]:
    """Worker processes forked from this one (they run the same command line)."""
    me = psutil.Process()
    return [p for p in me.children() if p.is_running() and p.cmdline() == me.cmdline()]


def test_a_long_job_shows_progress_can_be_cancelled_and_the_page_answers_meanwhile(
    dash_duo: Any, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.extract import pipeline

    def stuck(*_args: Any, **_kwargs: Any) -> Any:  # an extraction that never ends
        time.sleep(3600)

    # the worker is a fork of this process: it runs the patched pipeline
    monkeypatch.setattr(pipeline, "extract_corpus", stuck)
    _start(dash_duo, sample)
    n = len(sample[0])
    big = GENEVA + "\n\n" + "The talks went on. " * 20_000  # ~380,000 characters
    dash_duo.driver.execute_script(
        "window.dash_clientside.set_props(arguments[0], {value: arguments[1]});", ids.ADD_TEXT, big
    )
    dash_duo.find_element(f"#{ids.ADD_TEXT_BUTTON}").click()
    dash_duo.wait_for_contains_text(f"#{ids.PROGRESS_TEXT}", "0 of 1 article done", timeout=60)
    status = dash_duo.find_element(f"#{ids.PROGRESS_TEXT}").text
    assert "now: “Leaders meet in Geneva”" in status and f"({len(big):,} characters)" in status
    assert dash_duo.find_element(f"#{ids.JOB_BOX}").is_displayed()
    assert dash_duo.find_element(f"#{ids.ADD_TEXT_BUTTON}").get_attribute("disabled")
    assert dash_duo.find_element(f"#{ids.PROGRESS}").get_attribute("max") == "1"
    assert _extraction_children(), "no worker process runs the extraction"
    # meanwhile the page answers: a filter narrows the view
    dash_duo.find_element(f"#{ids.TEXT}").send_keys("Tuesday", Keys.ENTER)
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", f"1 of {n} events in view")
    dash_duo.find_element(f"#{ids.CANCEL}").click()
    dash_duo.wait_for_contains_text(f"#{ids.ADD_ALERT}", "Cancelled: nothing was added")
    _until(lambda: not dash_duo.find_element(f"#{ids.JOB_BOX}").is_displayed(), "still running")
    _until(lambda: not _extraction_children(), "the worker process was not stopped")
    assert not dash_duo.find_element(f"#{ids.ADD_TEXT_BUTTON}").get_attribute("disabled")
    dash_duo.find_element(f"#{ids.TEXT}").clear()
    dash_duo.find_element(f"#{ids.TEXT}").send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal(f"#{ids.COUNT}", f"{n - 1} of {n} events in view")
    assert dash_duo.get_logs() == []


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_several_files_one_bad_keeps_the_good_ones(
    dash_duo: Any, sample: Sample, tmp_path: Path
) -> None:
    _start(dash_duo, sample)
    n = len(sample[0])
    files = [
        _write(
            tmp_path, "vienna.txt", "VIENNA, March 3, 2021 (Reuters) - " + GENEVA.split("\n\n")[1]
        ),
        _write(tmp_path, "broken.json", '{"title": "no text field here"'),
        _write(
            tmp_path, "oslo.txt", "OSLO, May 5, 2022 (Reuters) - The ministers met on Thursday."
        ),
    ]
    upload = dash_duo.find_element(f"#{ids.UPLOAD} input[type=file]")
    upload.send_keys("\n".join(str(f) for f in files))
    dash_duo.wait_for_element(f"#{ids.ADD_ALERT} .tl-alert-error", timeout=60)
    lines = [li.text for li in dash_duo.find_elements(f"#{ids.ADD_ALERT} li")]
    assert len(lines) == 3, lines
    assert sum("vienna.txt: " in line and "added from 1 article" in line for line in lines) == 1
    assert sum("oslo.txt: " in line and "added from 1 article" in line for line in lines) == 1
    assert sum(line.startswith("broken.json") for line in lines) == 1
    _until(lambda: f"of {n} events" not in dash_duo.find_element(f"#{ids.COUNT}").text, "no events")
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_LIST}", "3 articles")
    assert dash_duo.get_logs() == []


def test_a_file_over_the_limit_is_named_and_the_others_still_added(
    dash_duo: Any, sample: Sample, tmp_path: Path
) -> None:
    _start(dash_duo, sample, Settings(max_file_bytes=2_000))
    big = _write(tmp_path, "big.txt", "VIENNA, March 3, 2021 - " + "word " * 1_000)
    small = _write(
        tmp_path, "small.txt", "OSLO, May 5, 2022 (Reuters) - The ministers met on Thursday."
    )
    dash_duo.find_element(f"#{ids.UPLOAD} input[type=file]").send_keys(f"{big}\n{small}")
    dash_duo.wait_for_contains_text(
        f"#{ids.UPLOAD_NOTE}",
        f"big.txt was not uploaded: {big.stat().st_size:,} bytes; the limit is 2,000 bytes per file.",
    )
    dash_duo.wait_for_contains_text(f"#{ids.ADD_ALERT}", "small.txt: ", timeout=60)
    assert "big.txt" not in _alert(dash_duo)  # never sent: the browser refused it
    # the next choice of files clears the note; the same file again is "already loaded"
    _until_idle(dash_duo)
    dash_duo.find_element(f"#{ids.UPLOAD} input[type=file]").send_keys(str(small))
    _until(lambda: not dash_duo.find_element(f"#{ids.UPLOAD_NOTE}").text, "stale note")
    dash_duo.wait_for_contains_text(f"#{ids.ADD_ALERT}", "small.txt: already loaded", timeout=60)
    assert dash_duo.get_logs() == []


def test_an_undated_article_is_flagged_and_dated_from_the_page(
    dash_duo: Any, sample: Sample
) -> None:
    _start(dash_duo, sample)
    dash_duo.find_element(f"#{ids.ADD_TEXT}").send_keys(GENEVA)  # no date given, none found
    dash_duo.find_element(f"#{ids.ADD_TEXT_BUTTON}").click()
    dash_duo.wait_for_contains_text(f"#{ids.ADD_ALERT}", "no publication date", timeout=60)
    listing = f"#{ids.ARTICLE_LIST}"
    dash_duo.wait_for_contains_text(listing, "1 without a publication date")
    dash_duo.wait_for_contains_text(listing, "Leaders meet in Geneva")
    # the undated article is offered first in the form
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_PICK}", "Leaders meet in Geneva")
    _type_date(dash_duo, ids.ARTICLE_DATE, "2021-03-03")
    _until_idle(dash_duo)
    dash_duo.find_element(f"#{ids.SET_DATE_BUTTON}").click()
    dash_duo.wait_for_contains_text(
        f"#{ids.ADD_ALERT}", "extracted again with the publication date 2021-03-03", timeout=60
    )
    dash_duo.wait_for_contains_text(listing, "published 2021-03-03, given by you")
    assert "without a publication date" not in dash_duo.find_element(listing).text
    seed = set(sample[0][Col.EVENT_ID])
    _until(
        lambda: (
            {d for e, days in _days_drawn(dash_duo).items() if e not in seed for d in days}
            == {"2021-03-03"}
        ),
        "the dated article's events are not on 2021-03-03",
    )
    assert dt.date(2021, 3, 3).weekday() == 2  # a Wednesday, as the text says
    assert dash_duo.get_logs() == []


def test_the_detail_panel_says_when_an_article_has_no_date(
    dash_duo: Any, sample: Sample, seed_ids: dict[str, str]
) -> None:
    from dataclasses import replace

    events, mentions, articles = sample
    (doc_id,) = articles
    undated = {doc_id: replace(articles[doc_id], published=None, published_source="none")}
    events = events.assign(
        published=pd.Series(pd.NaT, index=events.index, dtype="datetime64[s]"),
        published_source=pd.Series("none", index=events.index, dtype="string"),
    )
    dash_duo.start_server(create_app(events, mentions=mentions, articles=undated))
    dash_duo.driver.get(f"{dash_duo.server_url}/?event={seed_ids['1948']}")
    dash_duo.wait_for_contains_text(f"#{ids.DETAIL}", "No publication date found")
    link = dash_duo.find_element(f"#{ids.DETAIL} a[href='#{ids.ARTICLES}']")
    assert "Set it" in link.text
    # the form below is ready for that article
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_PICK}", "no publication date")
    assert dash_duo.get_logs() == []


def test_a_link_to_an_event_readies_the_form_for_its_undated_article(
    dash_duo: Any, sample: Sample, seed_ids: dict[str, str]
) -> None:
    from dataclasses import replace

    events, mentions, articles = sample
    (doc_id,) = articles
    undated = replace(articles[doc_id], published=None, published_source="none")
    # a second undated article, whose title comes first in the form
    other = replace(undated, doc_id="other-article", title="Aaa, an earlier title")
    events = events.assign(
        published=pd.Series(pd.NaT, index=events.index, dtype="datetime64[s]"),
        published_source=pd.Series("none", index=events.index, dtype="string"),
    )
    copies = events.assign(
        doc_id=other.doc_id, event_id=events[Col.EVENT_ID] + "-other", title=other.title
    )
    both = pd.concat([events, copies], ignore_index=True)
    app = create_app(both, mentions=mentions, articles={doc_id: undated, other.doc_id: other})
    dash_duo.start_server(app)
    dash_duo.driver.get(f"{dash_duo.server_url}/?event={seed_ids['1948']}")
    dash_duo.wait_for_contains_text(f"#{ids.DETAIL}", "No publication date found")
    # the form is ready for the selected event's article, not the first undated one
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_LIST}", "2 without a publication date")
    dash_duo.wait_for_contains_text(f"#{ids.ARTICLE_PICK}", "Putin Says")
    assert "Aaa" not in dash_duo.find_element(f"#{ids.ARTICLE_PICK}").text
    assert dash_duo.get_logs() == []


def test_an_upload_the_server_refuses_as_too_large_is_explained(
    dash_duo: Any, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.app import server

    # each file is under the per-file limit, but together they pass the request limit
    monkeypatch.setattr(server, "request_limit", lambda _settings: 6_000)
    _start(dash_duo, sample, Settings(max_file_bytes=2_000))
    files = [
        _write(tmp_path, f"{i}.txt", f"OSLO, May {i}, 2022 - " + "word " * 370) for i in range(3)
    ]
    assert all(f.stat().st_size < 2_000 for f in files)
    dash_duo.find_element(f"#{ids.UPLOAD} input[type=file]").send_keys("\n".join(map(str, files)))
    dash_duo.wait_for_contains_text(f"#{ids.UPLOAD_NOTE}", "413 Request Entity Too Large")
    assert "upload fewer files at once" in dash_duo.find_element(f"#{ids.UPLOAD_NOTE}").text
    n = len(sample[0])
    assert dash_duo.find_element(f"#{ids.COUNT}").text == f"{n - 1} of {n} events in view"
    # the browser logs the refused request (and the renderer its failed callback), nothing else
    logs = dash_duo.get_logs()
    assert any(e["source"] == "network" and "413" in e["message"] for e in logs), logs
    assert all("413" in e["message"] or "dash_renderer" in e["message"] for e in logs), logs
