"""Articles: headline, dateline styles and the publication date's sources."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.article import doc_id_for, make_article
from timeline.extract.dateline import find_dateline

PUBLISHED = dt.date(2023, 9, 13)  # the sample's dateline day; its year comes from the caption


def test_sample_metadata(seed_text: str) -> None:
    article = make_article(seed_text)
    assert article.title == "Putin Says Russia to Help North Korea Build Satellites"
    assert article.published == PUBLISHED
    assert article.published_source == "dateline+year"
    assert article.dateline_place == "Vladivostok"
    assert article.dateline_region == "Russia"
    assert article.agency == "Reuters"
    assert article.doc_id == doc_id_for(seed_text) and len(article.doc_id) == 16


@pytest.mark.parametrize(
    ("line", "place", "region", "agency"),
    [
        ("VLADIVOSTOK, Russia, Sept 13 (Reuters) – Putin said", "Vladivostok", "Russia", "Reuters"),
        ("WASHINGTON (AP) — The president said", "Washington", None, "AP"),
        ("PARIS, March 3 (AFP) - Ministers met", "Paris", None, "AFP"),
        ("KYIV, Ukraine — Sirens sounded", "Kyiv", "Ukraine", None),
        ("CHARLESTON, W.Va. - Lawmakers voted", "Charleston", "W.Va.", None),
        ("NEW YORK, Jan. 5, 2020 (Reuters) - Stocks rose", "New York", None, "Reuters"),
    ],
)
def test_dateline_styles(line: str, place: str, region: str | None, agency: str | None) -> None:
    text = f"A headline\n\nBy Jane Doe\n\nPhoto: someone via AP\n\n{line} on Monday."
    dateline = find_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.region, dateline.agency) == (place, region, agency)
    assert text[dateline.end :].startswith(line.split(" - ")[-1].split(" – ")[-1].split(" — ")[-1])


@pytest.mark.parametrize(
    "text",
    ["In Kyiv - people gathered.", "Putin said - and repeated - that", "UN - a statement", ""],
)
def test_not_a_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_published_sources_in_order(seed_text: str) -> None:
    assert make_article(seed_text, published="2020-01-02").published == dt.date(2020, 1, 2)
    from_metadata = make_article(seed_text, metadata_published="2021-05-06")
    assert (from_metadata.published, from_metadata.published_source) == (
        dt.date(2021, 5, 6),
        "metadata",
    )
    dateline_year = make_article("PARIS, March 3, 2011 (AFP) - Ministers met.")
    assert dateline_year.published == dt.date(2011, 3, 3)


def test_no_publication_date_is_none_not_today() -> None:
    article = make_article("WASHINGTON (AP) — The senate voted on Tuesday.")
    assert article.published is None and article.published_source == "none"
    # A dateline day without a year anywhere in the text gives no date either.
    assert make_article("PARIS, March 3 (AFP) - Ministers met.").published is None


def test_bad_published_argument_says_what_is_allowed() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        make_article("text", published="13/09/2023")
