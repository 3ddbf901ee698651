"""Fixtures for the dashboard tests: the sample events, an AppState, and Chromium options.

The whole test session already refuses non-loopback sockets (tests/conftest.py); the browser is
started with a host-resolver rule that sends every name but localhost nowhere, so any request
leaving 127.0.0.1 fails loudly (console error) instead of silently succeeding.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared sample

from timeline_sample import sample_frames

from timeline.app.callbacks import AppState
from timeline.article import Article

os.environ["HOST"] = "127.0.0.1"  # dash_duo serves on $HOST


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the browser tests where no browser can start (no chromedriver, or no display and
    no --headless), instead of failing on the machine rather than the code."""
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


@pytest.fixture
def sample() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Article]]:
    """(events, mentions, articles) of the seed article."""
    return sample_frames()


@pytest.fixture
def state(sample: tuple[pd.DataFrame, pd.DataFrame, dict[str, Article]]) -> AppState:
    """The app's server-side state over the sample."""
    events, mentions, articles = sample
    return AppState(events=events, mentions=mentions, articles=articles)
