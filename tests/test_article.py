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


def test_yearless_dateline_takes_the_metadata_year() -> None:
    article = make_article(
        "PARIS, Sept 13 (AFP) - Ministers met on Monday.", metadata_published="2023"
    )
    assert (article.published, article.published_source) == (dt.date(2023, 9, 13), "dateline+year")


def test_yearless_dateline_takes_the_year_of_the_closest_whole_date() -> None:
    # No date with the dateline's own month and day: the nearest whole date decides, and a
    # "Jan 2" dateline beside "December 30, 2023" is in the next year.
    text = (
        "Headline\n\nBERLIN, Jan 2 (Reuters) - The talks of December 30, 2023 ended without a deal."
        " The war began on Feb. 24, 2022."
    )
    article = make_article(text)
    assert (article.published, article.published_source) == (dt.date(2024, 1, 2), "dateline+year")


def test_file_name_date_is_the_last_fallback() -> None:
    yearless = "PARIS, Sept 13 (AFP) - Ministers met on Monday."
    article = make_article(yearless, filename="20230914_paris.txt")
    assert (article.published, article.published_source) == (dt.date(2023, 9, 14), "filename")
    dated = make_article("PARIS, March 3, 2011 (AFP) - Ministers met.", filename="2023-09-14-x.txt")
    assert (dated.published, dated.published_source) == (dt.date(2011, 3, 3), "dateline")
    metadata = make_article(yearless, metadata_published="2022-05-06", filename="2023_09_14.txt")
    assert metadata.published_source == "metadata"


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2023-09-13", dt.date(2023, 9, 13)),
        ("2023-09-13T23:41:00-05:00", dt.date(2023, 9, 13)),  # the day where it was written
        ("2023-09-13T07:41:00.000Z", dt.date(2023, 9, 13)),
        ("Wed, 13 Sep 2023 07:41:00 GMT", dt.date(2023, 9, 13)),
        ("September 13, 2023", dt.date(2023, 9, 13)),
        ("13 Sept. 2023 07:41", dt.date(2023, 9, 13)),
        (dt.datetime(2023, 9, 13, 23, 59), dt.date(2023, 9, 13)),
    ],
)
def test_metadata_date_formats(value: str | dt.datetime, day: dt.date) -> None:
    assert make_article("Text.", metadata_published=value).published == day


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2023-02-30", r"'2023-02-30' is not a valid date \(day is out of range for month\)"),
        ("2023-13-01", r"not a valid date \(month must be in 1\.\.12\)"),
        ("Thu, 31 Feb 2023 10:00:00 GMT", r"not a valid date \(day is out of range for month\)"),
        ("yesterday", r"'yesterday' is not a date; expected YYYY-MM-DD"),
    ],
)
def test_impossible_dates_say_why(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_article("Text.", published=value)
    with pytest.raises(ValueError, match=message):
        make_article("Text.", metadata_published=value)


def test_a_year_is_no_publication_date_when_given() -> None:
    with pytest.raises(ValueError, match="not a whole date"):
        make_article("Text.", published="2023")


def test_given_title_on_the_first_line_is_metadata() -> None:
    # A headline ending in a full stop is no title by the text's own layout, but it is the
    # title the page gave.
    article = make_article(
        "Kim arrives in Russia.\n\nKim arrived on Tuesday.", title="Kim arrives in Russia."
    )
    assert article.title_span == (0, len("Kim arrives in Russia."))


def test_with_published_sets_a_date_the_reader_did_not_find() -> None:
    from timeline.article import with_published

    article = make_article("WASHINGTON (AP) — The senate voted on Tuesday.", source="pasted text")
    dated = with_published(article, "2023-09-13")
    assert (dated.published, dated.published_source) == (dt.date(2023, 9, 13), "given")
    assert (dated.text, dated.doc_id, dated.source) == (
        article.text,
        article.doc_id,
        article.source,
    )
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        with_published(article, "2023-02-30")
