"""Unit tests for timeline.extract.dates: one group per class of temporal expression."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from timeline.article import make_article
from timeline.extract.dates import DateMention, date_mentions, find_dates
from timeline.schema import DATE_DTYPES

SEED = Path(__file__).resolve().parents[2] / "seeds" / "reuters-2023-09-13-putin-kim-vostochny.txt"
WEDNESDAY = dt.date(2023, 9, 13)  # the seed's publication day


def mentions(text: str, published: dt.date | str | None = WEDNESDAY) -> list[DateMention]:
    return date_mentions(make_article(text, published=published))


def only(text: str, published: dt.date | str | None = WEDNESDAY) -> DateMention:
    found = mentions(text, published)
    assert len(found) == 1, found
    return found[0]


def values(text: str, published: dt.date | str | None = WEDNESDAY) -> list[str]:
    return [m.value for m in mentions(text, published)]


# --- the seed article ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_frame() -> pd.DataFrame:
    return find_dates(SEED.read_text(encoding="utf-8"))


def test_seed_frame_has_the_schema_columns(seed_frame: pd.DataFrame) -> None:
    assert list(seed_frame.columns) == list(DATE_DTYPES)
    assert {c: str(t) for c, t in seed_frame.dtypes.items()} == DATE_DTYPES


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Wednesday", "2023-09-13", "day"),
        ("September 13, 2023", "2023-09-13", "day"),
        ("Tuesday", "2023-09-12", "day"),
        ("1948", "1948", "year"),
    ],
)
def test_seed_dates(seed_frame: pd.DataFrame, text: str, value: str, precision: str) -> None:
    rows = seed_frame[seed_frame["text"].str.endswith(text)]
    assert not rows.empty
    assert rows.iloc[0]["value"] == value
    assert rows.iloc[0]["precision"] == precision


def test_seed_durations_and_non_dates(seed_frame: pd.DataFrame) -> None:
    durations = seed_frame[seed_frame["type"] == "DURATION"]
    assert {"P75Y", "PT40S"} <= set(durations["value"])
    assert (durations["precision"] == "none").all()
    assert durations["start"].isna().all()
    texts = set(seed_frame["text"])
    assert not texts & {"we", "42.7-meter", "42.7"}


def test_seed_year_interval(seed_frame: pd.DataFrame) -> None:
    row = seed_frame[seed_frame["text"] == "1948"].iloc[0]
    assert row["start"] == pd.Timestamp("1948-01-01")
    assert row["end"] == pd.Timestamp("1949-01-01")


def test_seed_publication_inferred_from_dateline() -> None:
    frame = find_dates(SEED.read_text(encoding="utf-8"), published=None)
    assert "2023-09-13" in set(frame[frame["text"] == "Wednesday"]["value"])


# --- weekdays --------------------------------------------------------------------------------


def test_weekday_same_day_is_publication_day() -> None:
    m = only("Putin said on Wednesday that Russia would help.")
    assert (m.text, m.value, m.precision) == ("Wednesday", "2023-09-13", "day")
    assert "publication day" in m.resolution


def test_weekday_before_publication_is_most_recent() -> None:
    assert values("Kim crossed into Russia early on Tuesday.") == ["2023-09-12"]
    assert values("The talks ended on Thursday.") == ["2023-09-07"]


def test_weekday_with_future_cue_is_next_occurrence() -> None:
    assert values("The leaders will meet on Friday.") == ["2023-09-15"]
    assert values("The vote is scheduled for Monday.") == ["2023-09-18"]


def test_last_and_next_weekday() -> None:
    assert values("He left last Friday.") == ["2023-09-08"]
    assert values("They meet next Friday.") == ["2023-09-15"]


def test_weekday_with_part_of_day_is_time() -> None:
    m = only("The rally began Friday night.", published="2000-01-07")
    assert (m.text, m.type, m.value, m.precision) == (
        "Friday night",
        "TIME",
        "2000-01-07TNI",
        "time",
    )


def test_weekday_without_publication_date_is_unresolved() -> None:
    m = only("Putin said on Wednesday that it was over.", published=None)
    assert m.value == "XXXX-WXX-3"
    assert m.interval_start is None
    assert "unresolved" in m.resolution and "no publication date" in m.resolution


# --- relative units, deictic days, REF words -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "precision"),
    [
        ("Sales fell last year.", "last year", "2022", "year"),
        ("Prices rose this month.", "this month", "2023-09", "month"),
        ("They will talk next week.", "next week", "2023-W38", "week"),
        ("He arrived yesterday.", "yesterday", "2023-09-12", "day"),
        ("She leaves tomorrow.", "tomorrow", "2023-09-14", "day"),
        ("It is quiet now.", "now", "PRESENT_REF", "none"),
        ("Officials recently said so.", "recently", "PAST_REF", "none"),
        ("Nobody knows what the future holds.", "the future", "FUTURE_REF", "none"),
    ],
)
def test_relative_expressions(text: str, span: str, value: str, precision: str) -> None:
    m = only(text)
    assert (m.text, m.value, m.precision) == (span, value, precision)


def test_n_units_ago_is_a_date() -> None:
    m = only("The plant closed two years ago.")
    assert (m.text, m.type, m.value) == ("two years ago", "DATE", "2021")
    assert only("He phoned 10 days ago.").value == "2023-09-03"


def test_units_later_is_a_duration_without_later() -> None:
    m = only("Three days later he left.")
    assert (m.text, m.type, m.value) == ("Three days", "DURATION", "P3D")


def test_fortnights_are_two_weeks() -> None:
    m = only("The talks lasted two fortnights.")
    assert (m.text, m.type, m.value) == ("two fortnights", "DURATION", "P4W")


def test_a_year_earlier_follows_the_last_quarter() -> None:
    found = mentions(
        "Profit rose in the third quarter, from $5 million a year earlier.", "1989-10-26"
    )
    assert [(m.text, m.value) for m in found] == [
        ("the third quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
    ]


# --- explicit dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Sept. 13, 2023", "September 13, 2023", "13 September 2023", "2023-09-13", "Sept. 13"],
)
def test_explicit_day(text: str) -> None:
    m = only(f"It happened on {text}.")
    assert (m.text, m.value, m.precision) == (text, "2023-09-13", "day")
    assert m.interval_start == np.datetime64("2023-09-13T00:00:00")
    assert m.interval_end == np.datetime64("2023-09-14T00:00:00")


def test_month_day_without_year_takes_the_nearest_past_occurrence() -> None:
    assert values("He was found on Nov. 25.", "2000-01-07") == ["1999-11-25"]


def test_month_name_alone() -> None:
    assert values("The deal closed in December.", "1998-04-18") == ["1997-12"]
    assert values("Talks resume in May.", "2000-03-29") == ["2000-05"]


def test_years_decades_centuries() -> None:
    assert values("Since 1990 prices rose.") == ["1990"]
    assert values("In the 1990s, it grew.") == ["199"]
    assert values("Prices peaked in mid-2022.") == ["2022"]
    assert only("In mid-2022 it peaked.").text == "mid-2022"
    m = only("Trade boomed in the 20th century.")
    assert (m.value, m.precision) == ("19", "century")


def test_quarters_and_halves() -> None:
    assert values("Third-quarter profit rose.", "1989-10-26") == ["1989-Q3"]
    assert values("Profit rose in the fourth quarter.", "1998-01-26") == ["1997-Q4"]
    m = only("Sales rose in the first half of 2023.")
    assert (m.value, m.precision) == ("2023-H1", "half")


def test_seasons() -> None:
    m = only("The plant opened last fall.", "1999-04-10")
    assert (m.value, m.precision) == ("1998-FA", "season")
    assert values("The talks resume this summer.", "1998-03-22") == ["1998-SU"]


def test_clock_time() -> None:
    m = only("The blast came at 10:35 a.m. on Friday.", "1998-08-07")
    assert (m.type, m.value, m.precision) == ("TIME", "1998-08-07T10:35", "time")


# --- durations and sets ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("It took 75 years.", "75 years", "P75Y"),
        ("They shook hands for 40 seconds.", "40 seconds", "PT40S"),
        ("Shares fell for two months.", "two months", "P2M"),
        ("He signed a two-year contract.", "two-year", "P2Y"),
        ("It lasted 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("Demand grew in recent years.", "recent years", "PXY"),
    ],
)
def test_durations(text: str, span: str, value: str) -> None:
    m = only(text)
    assert (m.text, m.type, m.value, m.precision) == (span, "DURATION", value, "none")
    assert m.interval_start is None and m.interval_end is None


def test_sets() -> None:
    assert [(m.type, m.value) for m in mentions("The paper is published daily.")] == [
        ("SET", "P1D")
    ]
    assert values("They meet every Thursday.") == ["XXXX-WXX-4"]


# --- false friends ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "That's why we came here.",
        "He may leave soon, officials said.",
        "May I ask a question?",
        "Thousands joined the march on the capital.",
        "It was his second visit.",
        "The bill costs $10.",
        "Prices rose 15% in a day of trading.",
        "The 42.7-meter Angara rocket launches objects.",
        "A 44-year-old protester was hurt.",
        "He bought 1,990 shares and 50 cars.",
        "Leaves fall from the trees.",
    ],
)
def test_non_dates(text: str) -> None:
    found = [m for m in mentions(text) if m.type in {"DATE", "TIME"}]
    assert found == []


def test_march_and_may_as_months() -> None:
    assert values("It opened in March.", "1999-04-01") == ["1999-03"]
    assert values("The vote was on May 5.", "1999-06-01") == ["1999-05-05"]


# --- robustness ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["It ended on February 30, 2023.", "In the year 99999 nothing happens.", "On 13/45/2023.", ""],
)
def test_impossible_dates_do_not_raise(text: str) -> None:
    frame = find_dates(text, published="2023-09-13")
    assert list(frame.columns) == list(DATE_DTYPES)
    assert not (frame["value"] == "2023-02-30").any()


def test_empty_text_gives_empty_valid_frame() -> None:
    frame = find_dates("   \n ")
    assert frame.empty
    assert {c: str(t) for c, t in frame.dtypes.items()} == DATE_DTYPES


def test_years_before_1677_and_bc() -> None:
    frame = find_dates(
        "The city was sacked in 1527, and Caesar died in 44 BC.", published="2023-09-13"
    )
    rows = dict(
        zip(
            frame["text"],
            zip(frame["value"], frame["start"], frame["end"], strict=True),
            strict=True,
        )
    )
    assert rows["1527"][0] == "1527"
    assert rows["1527"][1] == np.datetime64("1527-01-01")
    assert rows["44 BC"][0] == "BC0044"
    assert str(frame[frame["text"] == "44 BC"]["start"].to_numpy()[0]).startswith("-043")


def test_offsets_and_sorting() -> None:
    text = "On Friday, 13 September 2023, and in 1948 and last year."
    frame = find_dates(text, published="2023-09-13")
    assert frame["char_start"].is_monotonic_increasing
    rows = zip(frame["char_start"], frame["char_end"], frame["text"], strict=True)
    for start, end, found in rows:
        assert text[int(start) : int(end)] == found


# --- narrative and less common classes -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "span", "value"),
    [
        ("He was found on Thanksgiving Day.", "2000-01-07", "Thanksgiving Day", "1999-11-25"),
        ("The deal should close by year-end.", "1989-11-02", "year-end", "1989-12-31"),
        ("Sales for the year ended March 31 rose.", "1989-11-01", "the year", "P1Y"),
        (
            "The war ended in 1995. The following year he left.",
            WEDNESDAY,
            "The following year",
            "1996",
        ),
        ("They held a day-long meeting.", WEDNESDAY, "day-long", "P1D"),
        ("The order lasted more than 1,000 years.", WEDNESDAY, "more than 1,000 years", "P1000Y"),
        ("Lawyers met over the weekend.", "1990-08-13", "the weekend", "1990-W32-WE"),
    ],
)
def test_less_common_classes(text: str, published: str | dt.date, span: str, value: str) -> None:
    found = {m.text: m.value for m in mentions(text, published)}
    assert found.get(span) == value, found


def test_clock_time_takes_the_weekday_later_in_the_clause() -> None:
    found = mentions("The truce began at 6 a.m. (0400 GMT) on Thursday.", "2013-03-14")
    assert [m.value for m in found] == ["2013-03-14T06:00", "2013-03-14"]


def test_intervals_by_precision() -> None:
    cases = {
        "in 2023-Q3 terms, the third quarter of 2023": ("2023-07-01", "2023-10-01"),
        "in the 1990s": ("1990-01-01", "2000-01-01"),
        "in September 2023": ("2023-09-01", "2023-10-01"),
        "next week": ("2023-09-18", "2023-09-25"),
    }
    for text, (start, end) in cases.items():
        m = mentions(text)[-1]
        assert (m.interval_start, m.interval_end) == (np.datetime64(start), np.datetime64(end)), (
            text
        )
