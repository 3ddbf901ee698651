"""Place recognition and resolution on the sample article and on small texts."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.article import Article, make_article
from timeline.extract import entities
from timeline.extract.places import PlaceMention, find_places, place_mentions
from timeline.geo import haversine_km
from timeline.schema import PLACE_DTYPES


@pytest.fixture(scope="module")
def seed_article(seed_text: str) -> Article:
    return make_article(seed_text)


@pytest.fixture(scope="module")
def seed_places(seed_article: Article) -> list[PlaceMention]:
    return place_mentions(seed_article)


def _at(places: list[PlaceMention], text: str, needle: str, offset: int = 0) -> PlaceMention:
    """The place mention that starts where `needle` (its first character) is in `text`."""
    start = text.index(needle) + offset
    matches = [p for p in places if p.start == start]
    assert matches, f"no place mention at {needle!r}"
    return matches[0]


def _near(place: PlaceMention, lat: float, lon: float, within: float) -> bool:
    return haversine_km(place.place.lat, place.place.lon, lat, lon) <= within


def test_offsets_and_texts(seed_article: Article, seed_places: list[PlaceMention]) -> None:
    for p in seed_places:
        assert seed_article.text[p.start : p.end] == p.text


@pytest.mark.parametrize(
    "needle", ["Vostochny \u0421osmodrome", "Vostochny Cosmodrome", "Vostochny by train"]
)
def test_vostochny_cosmodrome_in_every_spelling(
    seed_article: Article, seed_places: list[PlaceMention], needle: str
) -> None:
    place = _at(seed_places, seed_article.text, needle)
    assert _near(place, 51.884, 128.334, 25)


def test_dateline_city(seed_article: Article, seed_places: list[PlaceMention]) -> None:
    place = _at(seed_places, seed_article.text, "VLADIVOSTOK")
    assert place.text == "VLADIVOSTOK"
    assert _near(place, 43.116, 131.882, 25)


def test_amur_region(seed_article: Article, seed_places: list[PlaceMention]) -> None:
    place = _at(seed_places, seed_article.text, "Amur region")
    assert place.text == "Amur region"
    assert _near(place, 52.5, 128.0, 300)


def test_countries(seed_article: Article, seed_places: list[PlaceMention]) -> None:
    text = seed_article.text
    russia = _at(seed_places, text, "Russia would help")
    assert (russia.place.kind, russia.place.country) == ("country", "RU")
    korea = _at(seed_places, text, "North Korea build")
    assert (korea.place.kind, korea.place.country) == ("country", "KP")
    dprk = _at(seed_places, text, "DPRK")
    assert (dprk.place.kind, dprk.place.country) == ("country", "KP")
    # "the" stays outside, and so does a possessive.
    us = _at(seed_places, text, "United States")
    assert us.place.country == "US"
    possessive = _at(seed_places, text, "Russia’s most modern")
    assert possessive.text == "Russia"


def test_demonyms_are_their_country(seed_article: Article, seed_places: list[PlaceMention]) -> None:
    korean = _at(seed_places, seed_article.text, "North Korean anniversaries")
    assert korean.text == "North Korean"
    assert (korean.place.kind, korean.place.country) == ("country", "KP")
    russian = _at(seed_places, seed_article.text, "Russian state television")
    assert russian.place.country == "RU"


def test_people_are_never_places(seed_article: Article, seed_places: list[PlaceMention]) -> None:
    texts = {p.text for p in seed_places}
    assert not texts & {"Vladimir", "Kim", "Putin", "Peskov", "Vladimir Putin", "Kim Jong Un"}


def test_kim_arrived_at_vostochny() -> None:
    text = (
        "Putin showed Kim around the Vostochny Cosmodrome in the Amur region.\n\n"
        "Kim arrived at Vostochny by train."
    )
    found = place_mentions(make_article(text))
    vostochny = [p for p in found if p.start == text.rindex("Vostochny")]
    assert vostochny and _near(vostochny[0], 51.884, 128.334, 25)
    assert not [p for p in found if p.text == "Kim"]


@pytest.mark.parametrize(
    ("text", "needle", "country"),
    [
        ("Sen. Frank Lautenberg, D-N.J., reintroduced the bill.", "N.J.", "US"),
        ("The anti-Russian rhetoric grew, the embassy said.", "Russian", "RU"),
        ("Passengers complained about Air Zimbabwe again.", "Zimbabwe", "ZW"),
        ("The 2011 Lebanon-Syria treaty was signed in Damascus.", "Lebanon", "LB"),
    ],
)
def test_places_inside_hyphens_and_names(text: str, needle: str, country: str) -> None:
    frame = find_places(text)
    rows = frame[frame["text"] == needle]
    assert not rows.empty, f"{needle!r} not found in {list(frame['text'])}"
    assert rows.iloc[0]["country"] == country


def test_person_and_title_context_vetoes() -> None:
    text = (
        "Coach Paris Smith praised the team. Officer Lincoln said the road was closed. "
        "Murmansk Governor Yury Yevdokimov resigned."
    )
    found = set(find_places(text)["text"])
    assert "Paris" not in found and "Lincoln" not in found
    assert "Murmansk" in found  # a title after a city makes it a modifier, not a first name


def test_text_without_places_gives_an_empty_valid_frame() -> None:
    frame = find_places("Nobody said anything about the weather today.")
    assert frame.empty
    assert list(frame.columns) == list(PLACE_DTYPES)
    assert {c: str(t) for c, t in frame.dtypes.items()} == PLACE_DTYPES


def test_find_places_frame(seed_text: str) -> None:
    frame = find_places(seed_text)
    assert list(frame.columns) == list(PLACE_DTYPES)
    assert {c: str(t) for c, t in frame.dtypes.items()} == PLACE_DTYPES
    assert {"RU", "KP"} <= set(frame["country"].dropna())
    for start, end, found in zip(
        frame["char_start"], frame["char_end"], frame["text"], strict=True
    ):
        assert seed_text[int(start) : int(end)] == found
    assert frame["lat"].between(-90, 90).all()


def test_degraded_mode_still_finds_countries_and_cities(
    monkeypatch: pytest.MonkeyPatch, seed_article: Article
) -> None:
    monkeypatch.setattr(entities, "load_pipeline", lambda: None)
    found = place_mentions(seed_article)
    by_name = {p.place.name for p in found}
    assert "Russia" in by_name
    vladivostok = _at(found, seed_article.text, "VLADIVOSTOK")
    assert _near(vladivostok, 43.116, 131.882, 25)
    assert not {p.text for p in found} & {"Vladimir", "Kim", "Putin"}


_PIECES = [
    *"abcdefghij ABCDEFGHIJKLMNOPRSTUVW.,'’\n-",
    *[
        "Russia",
        " Paris",
        " the ",
        "North Korea",
        "’s",
        "Сosmodrome",
        "U.S.",
        "Kim ",
        "VLADIVOSTOK, ",
    ],
]


def test_use_model_false_forces_the_rules(seed_article: Article) -> None:
    found = place_mentions(seed_article, use_model=False)
    assert {"Russia", "Vladivostok"} <= {p.place.name for p in found}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_find_places_offsets_hold_and_it_never_raises(
    caplog: pytest.LogCaptureFixture, text: str
) -> None:
    frame = find_places(text)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]  # no swallowed crash
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == list(PLACE_DTYPES)
    for start, end, found in zip(
        frame["char_start"], frame["char_end"], frame["text"], strict=True
    ):
        assert text[int(start) : int(end)] == found


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=120))
def test_find_places_on_arbitrary_unicode(text: str) -> None:
    frame = find_places(text)
    for start, end, found in zip(
        frame["char_start"], frame["char_end"], frame["text"], strict=True
    ):
        assert text[int(start) : int(end)] == found


def test_a_capital_division_is_drawn_as_its_city() -> None:
    places = find_places("KYIV, Ukraine (AP) — Missiles hit Kyiv and Lagos, officials said.")
    kyiv = places[places["text"].str.lower() == "kyiv"]
    assert set(kyiv["kind"]) == {"city"} and set(kyiv["country"]) == {"UA"}
    assert set(places.loc[places["text"] == "Lagos", "kind"]) == {"city"}


def test_product_names_are_not_places() -> None:
    text = "The 42.7-meter Angara rocket flew. Russia’s new rocket, the Angara, is assembled in Moscow."
    places = find_places(text)
    assert "Angara" not in set(places["text"])
    assert {"Russia", "Moscow"} <= set(places["text"])


def test_a_possessive_before_a_weapon_keeps_the_place() -> None:
    places = find_places("Pyongyang’s missiles flew over Japan. Iran's drones hit Kyiv.")
    assert {"Pyongyang", "Japan", "Iran", "Kyiv"} <= set(places["text"])


def test_a_town_after_a_locative_preposition_is_a_place_whatever_its_label() -> None:
    places = find_places("In the summer of 2023 fighting moved to Bakhmut. Shares of Boeing fell.")
    assert set(places["text"]) == {"Bakhmut"}
    assert places["country"].iloc[0] == "UA"
