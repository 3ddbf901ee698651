"""Property-based tests for the readers: dates written in several styles parse back, and no
bytes make a reader raise anything but InputError."""

from __future__ import annotations

import datetime as dt
import json
from email.utils import format_datetime

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from timeline.article import filename_date, parse_published
from timeline.errors import InputError
from timeline.extract.dateline import full_dates
from timeline.ingest import ARTICLE_SUFFIXES, read_upload

days = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2199, 12, 31))
# Name parts that hold no digit, so the only date in the name is the one written.
words = st.text(st.sampled_from("abcxyz-_ .é"), max_size=12)


@given(days, st.sampled_from(["-", "_", ".", ""]), words, words, st.sampled_from(ARTICLE_SUFFIXES))
def test_file_name_dates_parse_back(
    day: dt.date, sep: str, before: str, after: str, suffix: str
) -> None:
    stamp = f"{day.year}{sep}{day.month:02d}{sep}{day.day:02d}"
    name = f"{before}{'-' if before else ''}{stamp}{'_' if after else ''}{after}{suffix}"
    assert filename_date(name) == day


@given(st.text(st.characters(blacklist_categories=["Nd"]), max_size=40))
def test_names_without_digits_have_no_date(name: str) -> None:
    assert filename_date(name) is None


def _styles(day: dt.date) -> list[str]:
    moment = dt.datetime(
        day.year, day.month, day.day, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))
    )
    return [
        day.isoformat(),
        moment.isoformat(),
        format_datetime(moment),  # RFC 2822, as in RSS pubDate
        f"{day:%B} {day.day}, {day.year}",
        f"{day.day} {day:%b} {day.year}",
    ]


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_published_styles_parse_back_to_the_written_day(day: dt.date) -> None:
    for text in _styles(day):
        assert parse_published(text) == day, text


@given(days, st.sampled_from(["{B} {d}, {Y}", "{b}. {d} {Y}", "{d} {B} {Y}"]), words)
def test_full_dates_in_text_parse_back(day: dt.date, style: str, context: str) -> None:
    written = style.format(B=f"{day:%B}", b=f"{day:%b}", d=day.day, Y=day.year)
    text = f"On {written} {context}."
    assert full_dates(text) == [(3, day)]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(ARTICLE_SUFFIXES))
@example(b"\xff\xfe\x00\xd8", ".txt")  # a UTF-16 BOM and a lone surrogate
@example(b'{"text": "\\ud800"}', ".json")
@example(b"<rss><channel><item><title>x</title></item>", ".xml")
@example(b"\xef\xbb\xbf", ".csv")
def test_any_bytes_give_articles_or_an_input_error(data: bytes, suffix: str) -> None:
    try:
        result = read_upload(f"upload{suffix}", data)
    except InputError as err:
        assert "\n" not in str(err)  # one line
        return
    for article in result.articles:
        article.text.encode("utf-8")  # every article can be written out
    for problem in result.problems:
        assert "\n" not in str(problem)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "text": json_values,
        "title": json_values,
        "published": json_values,
        "url": json_values,
    },
)


@settings(max_examples=200, deadline=None)
@given(st.lists(records | json_values, max_size=5), st.sampled_from([".json", ".jsonl", ".csv"]))
def test_any_records_give_articles_and_problems_never_a_crash(
    items: list[object], suffix: str
) -> None:
    if suffix == ".json":
        data = json.dumps(items)
    elif suffix == ".jsonl":
        data = "\n".join(json.dumps(item) for item in items)
    else:
        data = "text,title,published\n" + "\n".join(str(item).replace("\n", " ") for item in items)
    try:
        result = read_upload(f"upload{suffix}", data.encode())
    except InputError:
        return
    if suffix != ".csv":  # every item is an article or a problem, never silently dropped
        assert len(result.articles) + len(result.errors) == len(items)
