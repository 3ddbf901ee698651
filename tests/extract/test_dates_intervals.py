"""Golden tests: ranges as one interval, durations anchored to the publication date, and
weekdays in the story's own week (issue 7, part 3). The publication date is pinned."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from timeline.article import make_article
from timeline.extract.dates import DateMention, date_mentions, find_dates
from timeline.extract.pipeline import extract_events

FRIDAY = dt.date(2023, 9, 15)


def mentions(text: str, published: dt.date = FRIDAY, *, ranges: bool = True) -> list[DateMention]:
    return date_mentions(make_article(text, published=published), ranges=ranges)


def only(text: str, published: dt.date = FRIDAY) -> DateMention:
    found = mentions(text, published)
    assert len(found) == 1, [(m.text, m.value) for m in found]
    return found[0]


def row(m: DateMention) -> tuple[str, str, str, str, str, str]:
    """(text, type, value, precision, start, end) with the bounds as ISO days."""
    return (
        m.text,
        m.type,
        m.value,
        m.precision,
        str(m.interval_start)[:10],
        str(m.interval_end)[:10],
    )


# --- ranges ----------------------------------------------------------------------------------

RANGES = [
    # (sentence, published, span, value, precision, start, end exclusive)
    ("The festival runs from May to September.", FRIDAY, "May to September",
     "2023-05/2023-09", "month", "2023-05-01", "2023-10-01"),
    ("Prices rose between 2014 and 2018.", FRIDAY, "2014 and 2018",
     "2014/2018", "year", "2014-01-01", "2019-01-01"),
    ("The trial ran Jan. 12-22.", FRIDAY, "Jan. 12-22",
     "2023-01-12/2023-01-22", "day", "2023-01-12", "2023-01-23"),
    ("The trial ran Jan. 12 to 22.", FRIDAY, "Jan. 12 to 22",
     "2023-01-12/2023-01-22", "day", "2023-01-12", "2023-01-23"),
    ("The trial ran 12-22 January.", FRIDAY, "12-22 January",
     "2023-01-12/2023-01-22", "day", "2023-01-12", "2023-01-23"),
    ("The trial ran from 12 to 22 January 2021.", FRIDAY, "12 to 22 January 2021",
     "2021-01-12/2021-01-22", "day", "2021-01-12", "2021-01-23"),
    ("Output fell in 2014-2018.", FRIDAY, "2014-2018",
     "2014/2018", "year", "2014-01-01", "2019-01-01"),
    ("Output fell in 2014–18.", FRIDAY, "2014–18",
     "2014/2018", "year", "2014-01-01", "2019-01-01"),
    ("He scored 30 goals in the 1997-98 season.", FRIDAY, "1997-98",
     "1997/1998", "year", "1997-01-01", "1999-01-01"),
    ("It happened in 1999-2000.", FRIDAY, "1999-2000",
     "1999/2000", "year", "1999-01-01", "2001-01-01"),
    ("It was open from Aug. 26 to Oct. 20.", FRIDAY, "Aug. 26 to Oct. 20",
     "2023-08-26/2023-10-20", "day", "2023-08-26", "2023-10-21"),
    ("He was jailed from January 2014 to March 2015.", FRIDAY, "January 2014 to March 2015",
     "2014-01/2015-03", "month", "2014-01-01", "2015-04-01"),
    ("It ran Jan. 30-Feb. 3, 2014.", FRIDAY, "Jan. 30-Feb. 3, 2014",
     "2014-01-30/2014-02-03", "day", "2014-01-30", "2014-02-04"),
    # A yearless end crosses the new year after the first one.
    ("The fair ran Dec. 28-Jan. 3.", dt.date(2023, 1, 10), "Dec. 28-Jan. 3",
     "2022-12-28/2023-01-03", "day", "2022-12-28", "2023-01-04"),
    ("The show runs from Nov. 20 to Jan. 15.", FRIDAY, "Nov. 20 to Jan. 15",
     "2023-11-20/2024-01-15", "day", "2023-11-20", "2024-01-16"),
    ("Talks ran Monday through Wednesday.", FRIDAY, "Monday through Wednesday",
     "2023-09-11/2023-09-13", "day", "2023-09-11", "2023-09-14"),
    ("The index rose 5% this year through August.", FRIDAY, "this year through August",
     "2023/2023-08", "year", "2023-01-01", "2023-09-01"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "published", "span", "value", "precision", "start", "end"), RANGES
)
def test_range_is_one_interval(
    text: str, published: dt.date, span: str, value: str, precision: str, start: str, end: str
) -> None:
    m = only(text, published)
    assert row(m) == (span, "DATE", value, precision, start, end)
    assert m.ends is not None
    first, second = m.ends
    assert (first.start, second.end) == (m.start, m.end)
    assert m.value == f"{first.value}/{second.value}"


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("The trial ran Jan. 12-22.", [("Jan. 12", "2023-01-12"), ("22", "2023-01-22")]),
        ("The trial ran 12-22 January.", [("12", "2023-01-12"), ("22 January", "2023-01-22")]),
        ("He scored in the 1997-98 season.", [("1997", "1997"), ("98", "1998")]),
        ("Prices rose between 2014 and 2018.", [("2014", "2014"), ("2018", "2018")]),
        (
            "It ran Jan. 30-Feb. 3, 2014.",
            [("Jan. 30", "2014-01-30"), ("Feb. 3, 2014", "2014-02-03")],
        ),
    ],
)
def test_tempeval_view_keeps_the_two_ends(text: str, ends: list[tuple[str, str]]) -> None:
    """TempEval-3 annotates each end of a range as its own TIMEX3."""
    found = mentions(text, ranges=False)
    assert [(m.text, m.value) for m in found] == ends
    assert all(m.ends is None for m in found)
    frame = find_dates(text, published=FRIDAY, ranges=False)
    assert [tuple(r) for r in frame[["text", "value"]].to_numpy()] == ends


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A change of date, not a period.
        (
            "The vote was moved from May to September.",
            [("May", "2023-05"), ("September", "2023-09")],
        ),
        (
            "The summit was postponed from Jan. 12 to 22.",
            [("Jan. 12", "2023-01-12"), ("22", "2023-01-22")],
        ),
        # "and" without "between" lists two dates (gold: "[April 24] and [25]").
        (
            "The summit on April 24 and 25 ended.",
            [("April 24", "2023-04-24"), ("25", "2023-04-25")],
        ),
        ("Profit rose in 1990 and 1991.", [("1990", "1990"), ("1991", "1991")]),
        # "to" needs "from".
        (
            "The report revised Friday to December.",
            [("Friday", "2023-09-15"), ("December", "2023-12")],
        ),
        # Not a date at all: a score, a measure, money.
        ("The team won 3-2 May 5.", [("May 5", "2023-05-05")]),
        ("They sold 1990-2000 tons.", []),
        ("It cost $1990-2000.", []),
    ],
)
def test_not_ranges(text: str, expected: list[tuple[str, str]]) -> None:
    found = mentions(text)
    assert [(m.text, m.value) for m in found if m.type in {"DATE", "TIME"}] == expected
    assert all(m.ends is None for m in found)


def test_range_event_has_one_interval() -> None:
    events = extract_events(
        "GENEVA, Sept. 15, 2023 (Reuters) - Russia and Ukraine held talks in Geneva from May "
        "to September, officials said."
    )
    dated = events[events["date_source"] == "explicit"]
    assert len(dated) == 1
    event = dated.iloc[0]
    assert (event["date_text"], event["date_value"], event["precision"]) == (
        "May to September",
        "2023-05/2023-09",
        "month",
    )
    assert (str(event["start"])[:10], str(event["end"])[:10]) == ("2023-05-01", "2023-10-01")


# --- anchored durations and relative periods -------------------------------------------------

ANCHORED = [
    # (sentence, span, type, value, precision, start, end exclusive)
    ("Rain is expected over the next three days.", "the next three days", "DURATION", "P3D",
     "day", "2023-09-16", "2023-09-19"),
    ("Prices doubled over the past two years.", "the past two years", "DURATION", "P2Y",
     "year", "2021-09-15", "2023-09-15"),
    ("Shares fell in the past two months.", "the past two months", "DURATION", "P2M",
     "month", "2023-07-15", "2023-09-15"),
    ("Talks will go on for the next two weeks.", "the next two weeks", "DURATION", "P2W",
     "week", "2023-09-16", "2023-09-30"),
    ("He will return in two weeks.", "two weeks", "DURATION", "P2W",
     "day", "2023-09-29", "2023-09-30"),
    ("The law will take effect in three months.", "three months", "DURATION", "P3M",
     "month", "2023-12-01", "2024-01-01"),
    ("The bonds will be redeemed in five years.", "five years", "DURATION", "P5Y",
     "year", "2028-01-01", "2029-01-01"),
    ("Sales will improve this quarter.", "this quarter", "DATE", "2023-Q3",
     "quarter", "2023-07-01", "2023-10-01"),
    ("They meet next month.", "next month", "DATE", "2023-10",
     "month", "2023-10-01", "2023-11-01"),
    ("The coming week is key.", "The coming week", "DATE", "2023-W38",
     "week", "2023-09-18", "2023-09-25"),
    ("Profits fell last quarter.", "last quarter", "DATE", "2023-Q2",
     "quarter", "2023-04-01", "2023-07-01"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "span", "kind", "value", "precision", "start", "end"), ANCHORED)
def test_anchored_to_the_publication_date(
    text: str, span: str, kind: str, value: str, precision: str, start: str, end: str
) -> None:
    assert row(only(text)) == (span, kind, value, precision, start, end)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("It took 75 years.", "75 years", "P75Y"),
        ("Sales doubled in two years.", "two years", "P2Y"),  # a length, not a point
        ("He spent the next two years in jail.", "the next two years", "P2Y"),  # narrative
        ("The last two years of his term were hard.", "The last two years", "P2Y"),
        ("In the past 24 hours, 30 people died.", "the past 24 hours", "PT24H"),  # clock unit
        ("He signed a two-year contract.", "two-year", "P2Y"),
    ],
)
def test_durations_left_unanchored(text: str, span: str, value: str) -> None:
    m = only(text)
    assert (m.text, m.type, m.value, m.precision) == (span, "DURATION", value, "none")
    assert m.interval_start is None and m.interval_end is None


def test_anchored_duration_dates_an_event_and_a_bare_one_does_not() -> None:
    events = extract_events(
        "Prices in Kyiv doubled over the past two years, the Ukrainian central bank said. "
        "The Russian war has lasted 75 years, Ukraine's president said.",
        published=FRIDAY,
    )
    dated = events[events["date_source"] == "explicit"]
    assert list(dated["date_text"]) == ["the past two years"]
    event = dated.iloc[0]
    assert (event["date_value"], event["precision"]) == ("P2Y", "year")
    assert (event["start"], event["end"]) == (
        np.datetime64("2021-09-15"),
        np.datetime64("2023-09-15"),
    )


# --- weekdays in the story's own week --------------------------------------------------------

TALKS = "On Monday 11 September the talks opened. On Wednesday, the leaders met."


@pytest.mark.parametrize(
    ("text", "published", "weekday_value"),
    [
        # Published that Friday: the same Wednesday either way.
        (TALKS, FRIDAY, "2023-09-13"),
        # Published a week later: the story set its own week with "Monday 11 September".
        (TALKS, dt.date(2023, 9, 22), "2023-09-13"),
        ("On Monday, Sept. 11, the talks opened. On Wednesday, the leaders met.",
         dt.date(2023, 9, 22), "2023-09-13"),
        # Not past tense, or another paragraph: the publication date rules.
        ("On Monday, Sept. 11, the talks opened. On Wednesday, the leaders will meet.",
         dt.date(2023, 9, 22), "2023-09-20"),
        ("On Monday, Sept. 11, the talks opened.\nOn Wednesday, the leaders met.",
         dt.date(2023, 9, 22), "2023-09-20"),
        # A full date without its weekday does not move the week (measured on TempEval-3: it
        # breaks four weekdays for each one it fixes).
        ("Police said the suspect fled on Jan. 3. On Tuesday he was arrested.",
         dt.date(2023, 1, 20), "2023-01-17"),
    ],
)  # fmt: skip
def test_weekday_in_the_story_week(text: str, published: dt.date, weekday_value: str) -> None:
    found = mentions(text, published)
    weekday = next(m for m in found if m.text in {"Wednesday", "Tuesday"})
    assert weekday.value == weekday_value
    if "story's own week" in weekday.resolution:
        assert published - dt.date.fromisoformat(weekday_value) >= dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Voting ran Feb. 29-March 1, 2000.", "2000-02-29/2000-03-01"),
        ("It snowed on Feb. 29.", "2000-02-29"),  # the latest 29 February before the article
    ],
)
def test_leap_day_without_its_year(text: str, value: str) -> None:
    # Found by the range property: a yearless 29 February first took the article's common year.
    found = find_dates(text, published=dt.date(2001, 5, 5))
    assert list(found["value"]) == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # The leap day moved from the last leap year (2020) to the range's year stays the 29th.
        ("Voting ran Feb. 29-March 1, 2000.", "2000-02-29/2000-03-01"),
        # Both ends without a year: one year, not 2020-02-29 to 2023-03-01.
        ("Voting ran Feb. 29-March 1.", "2020-02-29/2020-03-01"),
    ],
)
def test_leap_day_range_in_a_common_year(text: str, value: str) -> None:
    found = find_dates(text, published=dt.date(2023, 9, 13))
    assert list(found["value"]) == [value]
