"""The pipeline: events from sentences, carried-over dates, mentions, and its invariants."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.article import make_article, normalize_newlines
from timeline.extract.pipeline import (
    extract_article,
    extract_corpus,
    extract_events,
    extract_mentions,
)
from timeline.schema import EVENT_DTYPES, MENTION_DTYPES, validate_events


def test_empty_text_gives_a_valid_empty_frame() -> None:
    for text in ("", "   \n\t "):
        events = extract_events(text)
        assert events.empty and list(events.columns) == list(EVENT_DTYPES)
        validate_events(events)
        assert extract_mentions(text).empty


def test_event_ids_are_stable_and_unique(seed_text: str) -> None:
    first, second = extract_events(seed_text), extract_events(seed_text)
    assert list(first["event_id"]) == list(second["event_id"])
    assert first["event_id"].is_unique


def test_sentence_offsets_hold_their_date(seed_text: str) -> None:
    events = extract_events(seed_text)
    for row in events.itertuples():
        assert seed_text[row.char_start : row.char_end] == row.sentence
        if row.date_source == "explicit":
            assert row.char_start <= row.date_char_start < row.date_char_end <= row.char_end
            assert seed_text[row.date_char_start : row.date_char_end] == row.date_text


def test_headline_credit_and_dateline_are_not_events(seed_text: str) -> None:
    events = extract_events(seed_text)
    assert not events["sentence"].str.contains("Putin Says Russia to Help").any()
    assert not events["sentence"].str.contains("via REUTERS").any()
    assert not events["sentence"].str.startswith("VLADIVOSTOK").any()
    assert events["sentence"].str.startswith("President Vladimir Putin said on Wednesday").any()


def test_dates_carry_over_within_a_paragraph_only() -> None:
    text = (
        "LONDON, May 5, 2021 (Reuters) - Boris Johnson met Joe Biden in Cornwall on Monday. "
        "Johnson then flew to Brussels.\n\n"
        "Emmanuel Macron spoke in Paris."
    )
    events = extract_events(text).set_index("sentence")
    monday = events.loc["Boris Johnson met Joe Biden in Cornwall on Monday."]
    assert (monday["date_source"], str(monday["start"])[:10]) == ("explicit", "2021-05-03")
    then = events.loc["Johnson then flew to Brussels."]
    assert (then["date_source"], str(then["start"])[:10], then["date_text"]) == (
        "context",
        "2021-05-03",
        "Monday",
    )
    assert pd.isna(then["date_char_start"])  # the expression is not in this sentence
    macron = events.loc["Emmanuel Macron spoke in Paris."]
    assert (macron["date_source"], str(macron["start"])[:10]) == ("published", "2021-05-05")


def test_without_a_publication_date_nothing_is_resolved_against_today() -> None:
    events = extract_events("WASHINGTON (AP) — The Senate voted on Tuesday. It met in 1948 too.")
    tuesday = events[events["date_text"] == "Tuesday"]
    assert tuesday.empty or tuesday["start"].isna().all()
    year = events[events["date_text"] == "1948"]
    assert str(year["start"].iloc[0])[:4] == "1948"  # absolute dates need no publication date
    assert events["published"].isna().all()


def test_a_seat_of_power_acts_but_is_not_the_place(seed_text: str) -> None:
    events = extract_events(seed_text)
    peskov = events[events["sentence"].str.contains("Kremlin spokesman Dmitry Peskov")].iloc[0]
    assert "Dmitry Peskov" in peskov["actors"] and "Russia" in peskov["actors"]
    assert pd.isna(peskov["places"]) or "Kremlin" not in peskov["places"]
    assert (peskov["place"], peskov["country"]) == ("Russia", "RU")


def test_mentions_table(seed_text: str) -> None:
    mentions = extract_mentions(seed_text)
    assert list(mentions.columns) == list(MENTION_DTYPES)
    assert set(mentions["kind"]) <= {"person", "country", "organization", "place"}
    for row in mentions.itertuples():
        assert seed_text[row.char_start : row.char_end] == row.text
    peskov = mentions[mentions["name"] == "Dmitry Peskov"]
    assert set(peskov["role"]) == {"Kremlin spokesman"}
    kremlin = mentions[mentions["text"] == "Kremlin"]
    assert set(kremlin["kind"]) == {"country"} and set(kremlin["name"]) == {"Russia"}
    assert kremlin["lat"].notna().all()  # the acting country is on the map, not a Moscow pin


def test_corpus_concatenates_articles(seed_text: str) -> None:
    other = make_article(
        "PARIS, March 3, 2011 (AFP) - Nicolas Sarkozy met Angela Merkel in Berlin on Tuesday."
    )
    corpus = extract_corpus([make_article(seed_text), other])
    assert set(corpus.articles) == set(corpus.events["doc_id"]) == set(corpus.mentions["doc_id"])
    validate_events(corpus.events)
    berlin = corpus.events[corpus.events["doc_id"] == other.doc_id].iloc[0]
    assert (str(berlin["start"])[:10], berlin["place"]) == ("2011-03-01", "Berlin")


def test_single_article_extraction_matches_the_corpus(seed_text: str) -> None:
    article = make_article(seed_text)
    events, _ = extract_article(article)
    pd.testing.assert_frame_equal(events, extract_corpus([article]).events)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=300))
def test_extract_events_never_raises(text: str) -> None:
    events = extract_events(text)
    validate_events(events)
    for row in events.itertuples():
        assert normalize_newlines(text)[row.char_start : row.char_end] == row.sentence
