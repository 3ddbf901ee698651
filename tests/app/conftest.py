"""Fixtures for the dashboard tests: the seed article as the extractor sees it, an AppState, and
Chromium options.

The whole test session already refuses non-loopback sockets (tests/conftest.py); the browser is
started with a host-resolver rule that sends every name but localhost nowhere, so any request
leaving 127.0.0.1 fails loudly (console error) instead of silently succeeding.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from dash.testing.application_runners import BaseDashRunner

from timeline.app.callbacks import AppState
from timeline.article import Article
from timeline.schema import Col

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: synthetic_events

os.environ["HOST"] = "127.0.0.1"  # dash_duo serves on $HOST


def _free_port_block(size: int = 200) -> int:
    """The first of `size` ports to hand to dash_duo's servers, so that two test runs on one
    machine (dash_duo counts up from 8050 in every run) do not take each other's port."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if port + size < 65536:
            return port


BaseDashRunner._next_port = _free_port_block()

SEED = Path(__file__).resolve().parents[2] / "seeds" / "reuters-2023-09-13-putin-kim-vostochny.txt"
VOSTOCHNY = "Vostochny Cosmodrome"

Sample = tuple[pd.DataFrame, pd.DataFrame, dict[str, Article]]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the browser tests where no browser can start (no chromedriver, or no display and
    no --headless), instead of failing on the machine rather than the code. In CI, and
    whenever --headless is asked for, a missing browser is an error, never a silent skip."""
    if os.environ.get("CI") or config.getoption("headless", default=False):
        if shutil.which("chromedriver") is None and any("browser" in i.keywords for i in items):
            raise pytest.UsageError(
                "--headless browser tests need chromedriver: apt-get install chromium chromium-driver"
            )
        return
    reason = None
    if shutil.which("chromedriver") is None:
        reason = "chromedriver not installed (apt-get install chromium chromium-driver)"
    elif not config.getoption("headless", default=False) and not os.environ.get("DISPLAY"):
        reason = "no display: run the browser tests with --headless"
    if reason:
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_setup_options() -> Any:
    """Chromium options for dash_duo: a fixed window, and no way out of the machine."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.add_argument("--window-size=1400,1000")
    options.add_argument(
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
    )
    for flag in ("--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-default-apps", "--disable-extensions"):  # fmt: skip
        options.add_argument(flag)
    return options


@pytest.fixture(scope="session")
def seed_corpus() -> Sample:
    """(events, mentions, articles) of the seed article, as the extraction pipeline gives them
    (once per session: spaCy takes a couple of seconds to load). Do not modify: use `sample`."""
    from timeline.extract.pipeline import extract_corpus
    from timeline.ingest import read_article

    corpus = extract_corpus([read_article(SEED)])
    return corpus.events, corpus.mentions, corpus.articles


def _one(events: pd.DataFrame, mask: pd.Series, what: str) -> str:
    """The event_id of the one event matching `mask`."""
    found = events.loc[mask.fillna(False).astype(bool), Col.EVENT_ID].tolist()
    assert len(found) == 1, f"{len(found)} events are {what} in the seed extraction"
    return str(found[0])


@pytest.fixture(scope="session")
def seed_ids(seed_corpus: Sample) -> dict[str, str]:
    """The seed events the tests talk about, found by content (event ids are hashes):

    - "wednesday": "President Vladimir Putin said on Wednesday..." (2023-09-13, explicit)
    - "tuesday": "... crossing into Russia early on Tuesday." (2023-09-12, explicit)
    - "1948": "... the establishment of North Korea in 1948." (the year 1948)
    - "caption": the photo caption, "... Russia, September 13, 2023." (at the Vostochny Cosmodrome)
    - "showed": "Putin then showed Kim around the Vostochny Cosmodrome." (no date of its own)
    """
    events = seed_corpus[0]
    date_text, sentence = events[Col.DATE_TEXT], events[Col.SENTENCE]
    return {
        "wednesday": _one(events, date_text == "Wednesday", 'dated "Wednesday"'),
        "tuesday": _one(events, date_text == "Tuesday", 'dated "Tuesday"'),
        "1948": _one(events, date_text == "1948", 'dated "1948"'),
        "caption": _one(events, date_text == "September 13, 2023", 'dated "September 13, 2023"'),
        "showed": _one(
            events, sentence.str.startswith("Putin then showed Kim"), '"Putin then showed Kim"'
        ),
    }


@pytest.fixture
def sample(seed_corpus: Sample) -> Sample:
    """A copy of the seed extraction (events, mentions, articles) that a test may change."""
    events, mentions, articles = seed_corpus
    return events.copy(), mentions.copy(), dict(articles)


@pytest.fixture
def state(sample: Sample) -> AppState:
    """The app's server-side state over the seed extraction."""
    events, mentions, articles = sample
    return AppState(events=events, mentions=mentions, articles=articles)
