"""Named entities: the curated ruler, the prepared text, and the degraded mode."""

from __future__ import annotations

import pytest

from timeline.article import Article, make_article
from timeline.extract import entities
from timeline.extract.entities import (
    DEGRADED_STATUS,
    ENTITY_LABELS,
    EntityMention,
    entity_mentions,
    find_entities,
    load_pipeline,
    model_status,
)

needs_model = pytest.mark.skipif(load_pipeline() is None, reason="no spaCy model installed")


@pytest.fixture(scope="module")
def seed_article(seed_text: str) -> Article:
    return make_article(seed_text)


def _texts(found: list[EntityMention], label: str) -> set[str]:
    return {e.text for e in found if e.label == label}


@needs_model
def test_model_is_the_faithful_small_english_model() -> None:
    nlp = load_pipeline()
    assert nlp is not None
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["spacy_git_version"] == "5010fcbd3"
    names = nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner")
    assert "lemmatizer" not in names and "parser" not in names


def test_offsets_point_into_the_text(seed_article: Article) -> None:
    found = entity_mentions(seed_article)
    assert found
    for e in found:
        assert seed_article.text[e.start : e.end] == e.text
        assert e.label in ENTITY_LABELS
        assert "\n" not in e.text
        assert not e.text.lower().startswith("the ")
        assert not e.text.endswith(("’s", "'s"))


@needs_model
def test_what_the_bare_model_misses_is_found(seed_article: Article) -> None:
    found = entity_mentions(seed_article)
    assert "VLADIVOSTOK" in _texts(found, "GPE")  # the upper-case dateline
    assert "Amur region" in _texts(found, "GPE")  # not cut to "Amur"
    facilities = _texts(found, "FAC")
    assert "Vostochny \u0421osmodrome" in facilities  # Cyrillic Es in the caption
    assert "Vostochny Cosmodrome" in facilities
    assert "Kremlin" in facilities
    assert {"Vladimir Putin", "Kim Jong Un", "Dmitry Peskov"} <= _texts(found, "PERSON")
    # The headline is read in sentence case, so no entity swallows "Help ... Satellites".
    assert "North Korea" in {
        e.text for e in found if e.end <= len("Putin Says Russia to Help North Korea")
    }


def test_find_entities_on_a_bare_text() -> None:
    found = find_entities("KYIV, Ukraine (AP) — President Volodymyr Zelenskyy met the mayor.")
    assert ("Kyiv".upper(), "GPE") in {(e.text, e.label) for e in found}


def test_degraded_mode_without_a_model(
    monkeypatch: pytest.MonkeyPatch, seed_article: Article
) -> None:
    monkeypatch.setattr(entities, "load_pipeline", lambda: None)
    assert model_status() == DEGRADED_STATUS
    found = entity_mentions(seed_article)
    places = _texts(found, "GPE")
    assert {"Russia", "VLADIVOSTOK"} <= places
    assert "Vladimir Putin" in _texts(found, "PERSON")
    assert "Dmitry Peskov" in _texts(found, "PERSON")
    assert "Putin" in _texts(found, "PERSON")
    assert not {"Vladimir", "Kim", "Putin"} & places
    for e in found:
        assert seed_article.text[e.start : e.end] == e.text


def test_status_names_the_model_when_installed() -> None:
    status = model_status()
    assert status == DEGRADED_STATUS or status.startswith("spaCy ")


def test_missing_model_logs_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(entities, "_MODEL_PACKAGES", ("timeline_no_such_model",))
    with caplog.at_level("WARNING", logger=entities.__name__):
        assert entities.load_pipeline.__wrapped__() is None
    assert DEGRADED_STATUS in caplog.text


def test_use_model_false(seed_article: Article) -> None:
    found = entity_mentions(seed_article, use_model=False)
    assert {"Russia", "VLADIVOSTOK"} <= _texts(found, "GPE")
