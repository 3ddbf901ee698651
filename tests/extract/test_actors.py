"""Actors: people linked across the document, roles, countries acting, organisations."""

from __future__ import annotations

import pytest

from timeline.article import Article, make_article
from timeline.extract.actors import ACTOR_KINDS, ActorMention, actor_mentions
from timeline.schema import MENTION_KINDS


@pytest.fixture(scope="module")
def seed_article(seed_text: str) -> Article:
    return make_article(seed_text)


@pytest.fixture(scope="module")
def seed_actors(seed_article: Article) -> list[ActorMention]:
    return actor_mentions(seed_article)


def _in(actors: list[ActorMention], text: str, sentence: str) -> list[ActorMention]:
    start = text.index(sentence)
    return [a for a in actors if start <= a.start and a.end <= start + len(sentence)]


def test_offsets_and_kinds(seed_article: Article, seed_actors: list[ActorMention]) -> None:
    assert set(ACTOR_KINDS) <= set(MENTION_KINDS)
    for a in seed_actors:
        assert seed_article.text[a.start : a.end] == a.text
        assert a.kind in ACTOR_KINDS


def test_people_and_their_short_names(seed_actors: list[ActorMention]) -> None:
    people = {a.name for a in seed_actors if a.kind == "person"}
    assert {"Vladimir Putin", "Kim Jong Un", "Dmitry Peskov"} <= people
    assert people <= {"Vladimir Putin", "Kim Jong Un", "Dmitry Peskov"}
    short = {(a.text, a.name) for a in seed_actors if a.kind == "person"}
    assert ("Putin", "Vladimir Putin") in short
    assert ("Kim", "Kim Jong Un") in short
    assert ("Peskov", "Peskov") not in short


def test_every_mention_of_a_surname_is_linked(seed_actors: list[ActorMention]) -> None:
    for a in seed_actors:
        if a.text in ("Putin", "Kim"):
            assert a.name in ("Vladimir Putin", "Kim Jong Un")


def test_peskov_role_and_later_mentions() -> None:
    text = (
        "Kremlin spokesman Dmitry Peskov said talks went well.\n\nPeskov declined to give details."
    )
    actors = actor_mentions(make_article(text))
    peskov = [a for a in actors if a.name == "Dmitry Peskov"]
    assert len(peskov) == 2
    assert peskov[0].role == "Kremlin spokesman"
    assert peskov[1].role == "Kremlin spokesman"  # the person's role, carried over


def test_roles_in_the_sample(seed_actors: list[ActorMention]) -> None:
    roles = {a.name: a.role for a in seed_actors if a.kind == "person" and a.role}
    assert roles["Dmitry Peskov"] == "Kremlin spokesman"
    assert roles["Vladimir Putin"] == "President"


def test_kim_arrived_by_train(seed_article: Article, seed_actors: list[ActorMention]) -> None:
    sentence = "Kim arrived at Vostochny by train"
    found = _in(seed_actors, seed_article.text, sentence)
    assert [(a.text, a.name, a.kind) for a in found if a.kind == "person"] == [
        ("Kim", "Kim Jong Un", "person")
    ]


def test_countries_acting(seed_article: Article, seed_actors: list[ActorMention]) -> None:
    sentence = "The United States has accused North Korea of providing arms to Russia"
    found = _in(seed_actors, seed_article.text, sentence)
    countries = {a.country for a in found if a.kind == "country"}
    assert {"US", "KP", "RU"} <= countries
    korean = _in(seed_actors, seed_article.text, "North Korean anniversaries")
    assert [(a.kind, a.country) for a in korean] == [("country", "KP")]


def test_metonyms() -> None:
    text = (
        "Moscow said on Monday it would respond. The Kremlin rejected the claim, "
        "while officials in Moscow stayed silent. Pyongyang’s missiles flew."
    )
    actors = actor_mentions(make_article(text))
    countries = [(a.text, a.country) for a in actors if a.kind == "country"]
    assert ("Moscow", "RU") in countries
    assert ("Kremlin", "RU") in countries
    assert ("Pyongyang", "KP") in countries
    # A capital that merely locates something stays a place.
    located = text.index("in Moscow") + 3
    assert not [a for a in actors if a.start == located and a.kind == "country"]


def test_organisations() -> None:
    text = "The International Atomic Energy Agency said inspectors left Iran on Monday."
    actors = actor_mentions(make_article(text))
    orgs = {a.name for a in actors if a.kind == "organization"}
    assert "International Atomic Energy Agency" in orgs
    assert "Iran" not in orgs


def test_titles_with_of_and_hyphens() -> None:
    text = (
        "U.S. Secretary of State Antony Blinken met NATO Secretary-General Jens Stoltenberg. "
        "Mr. Stoltenberg told REUTERS the alliance was united, Reuters said."
    )
    actors = actor_mentions(make_article(text))
    roles = {a.name: a.role for a in actors if a.kind == "person"}
    assert roles["Antony Blinken"] == "U.S. Secretary of State"
    assert roles["Jens Stoltenberg"] == "NATO Secretary-General"
    orgs = [a for a in actors if a.kind == "organization"]
    assert "State" not in {a.name for a in orgs}  # part of a title, not an organisation
    assert "NATO" in {a.name for a in orgs}
    assert {a.name for a in orgs if a.text.casefold() == "reuters"} == {"Reuters"}


def test_use_model_false_still_finds_people(seed_article: Article) -> None:
    actors = actor_mentions(seed_article, use_model=False)
    people = {a.name: a.role for a in actors if a.kind == "person"}
    assert people.get("Dmitry Peskov") == "Kremlin spokesman"
    assert "Vladimir Putin" in people
    assert {"RU", "KP"} <= {a.country for a in actors if a.kind == "country"}


def test_a_role_does_not_cross_a_sentence_end() -> None:
    text = "Drones fell on Thursday. President Volodymyr Zelenskyy spoke. U.S. Secretary of State Antony Blinken listened."
    roles = {a.name: a.role for a in actor_mentions(make_article(text)) if a.kind == "person"}
    assert roles["Volodymyr Zelenskyy"] == "President"
    assert roles["Antony Blinken"] == "U.S. Secretary of State"
