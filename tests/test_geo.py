"""The offline gazetteer and toponym resolver (timeline.geo)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import geo
from timeline.geo import haversine_km
from timeline.schema import PLACE_DTYPES


def spans_of(text: str, *names: str) -> list[tuple[int, int]]:
    """The first occurrence of each name, as a span."""
    spans = []
    for name in names:
        start = text.index(name)
        spans.append((start, start + len(name)))
    return spans


def resolve_names(text: str, *names: str) -> list[geo.Place | None]:
    """Resolve the first occurrence of each name in `text`."""
    return geo.resolve(text, spans_of(text, *names))


# ------------------------------------------------------------------ homoglyphs, normalisation


def test_fold_homoglyphs_keeps_length_and_maps_cyrillic_es() -> None:
    text = "Vostochny \u0421osmodrome"
    folded = geo.fold_homoglyphs(text)
    assert folded == "Vostochny Cosmodrome"
    assert len(folded) == len(text)


def test_fold_homoglyphs_leaves_real_cyrillic_alone() -> None:
    assert geo.fold_homoglyphs("Владивосток and Москва") == "Владивосток and Москва"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the U.S.’s", "us"),
        ("St. Petersburg", "saint petersburg"),
        ("Mt. Vernon", "mount vernon"),
        ("Ft. Worth", "fort worth"),
        ("Zürich", "zurich"),
        ("Russia's", "russia"),
    ],
)
def test_normalize_name(name: str, key: str) -> None:
    assert geo.normalize_name(name) == key


# ------------------------------------------------------------------ lookup and aliases


@pytest.mark.parametrize(
    ("name", "country"),
    [("Kiev", "UA"), ("Kyiv", "UA"), ("Burma", "MM"), ("DPRK", "KP"), ("U.S.", "US"),
     ("UK", "GB"), ("the DRC", "CD")],
)  # fmt: skip
def test_aliases(name: str, country: str) -> None:
    best = geo.lookup(name)[0]
    assert best.country == country


def test_countries_are_countries() -> None:
    russia = geo.lookup("Russia")[0]
    north_korea = geo.lookup("North Korea")[0]
    assert (russia.kind, russia.country) == ("country", "RU")
    assert (north_korea.kind, north_korea.country) == ("country", "KP")


def test_codes_are_case_sensitive() -> None:
    assert geo.lookup("US")[0].country == "US"
    assert all(p.country != "US" or p.kind != "country" for p in geo.lookup("us"))


def test_is_place_name() -> None:
    assert geo.is_place_name("Vladivostok")
    assert geo.is_place_name("Strait of Hormuz")
    assert not geo.is_place_name("Qwxzq")
    assert not geo.is_place_name("")


@pytest.mark.parametrize(
    ("word", "country"),
    [("North Korean", "KP"), ("North Koreans", "KP"), ("Russian", "RU"), ("American", "US"),
     ("Americans", "US"), ("Iranian", "IR"), ("British", "GB")],
)  # fmt: skip
def test_demonyms(word: str, country: str) -> None:
    place = geo.demonym_country(word)
    assert place is not None
    assert (place.kind, place.country) == ("country", country)


def test_demonym_unknown() -> None:
    assert geo.demonym_country("Table") is None


# ------------------------------------------------------------------ the sample article


def test_cosmodrome_with_a_cyrillic_es() -> None:
    text = "Kim and Putin met at the Vostochny \u0421osmodrome in the Amur region."
    cosmodrome, amur = resolve_names(text, "Vostochny \u0421osmodrome", "Amur region")
    assert cosmodrome is not None and amur is not None
    assert haversine_km(cosmodrome.lat, cosmodrome.lon, 51.884, 128.334) < 25
    assert haversine_km(amur.lat, amur.lon, 52.5, 128.0) < 300
    assert amur.country == "RU"


def test_vladivostok() -> None:
    text = "VLADIVOSTOK, Russia, Sept 13 (Reuters) - Putin said Russia would help North Korea."
    vladivostok, russia, north_korea = resolve_names(text, "VLADIVOSTOK", "Russia,", "North Korea")
    assert vladivostok is not None
    assert haversine_km(vladivostok.lat, vladivostok.lon, 43.116, 131.882) < 25
    assert russia is not None and (russia.kind, russia.country) == ("country", "RU")
    assert north_korea is not None and (north_korea.kind, north_korea.country) == ("country", "KP")


# ------------------------------------------------------------------ ambiguity and context


def test_georgia_near_tbilisi_is_the_country() -> None:
    _, georgia = resolve_names("Protests filled Tbilisi as Georgia voted.", "Tbilisi", "Georgia")
    assert georgia is not None and georgia.country == "GE"


def test_georgia_near_atlanta_is_the_state() -> None:
    _, georgia = resolve_names("Traffic in Atlanta snarled as Georgia voted.", "Atlanta", "Georgia")
    assert georgia is not None
    assert (georgia.kind, georgia.country) == ("region", "US")


def test_paris_alone_is_france() -> None:
    (paris,) = resolve_names("She moved to Paris last year.", "Paris")
    assert paris is not None and paris.country == "FR"


def test_paris_texas() -> None:
    (paris,) = resolve_names("She moved to Paris, Texas, last year.", "Paris")
    assert paris is not None and paris.country == "US"
    assert haversine_km(paris.lat, paris.lon, 33.66, -95.56) < 50


def test_washington_is_dc() -> None:
    (washington,) = resolve_names("Officials in Washington said on Monday.", "Washington")
    assert washington is not None
    assert haversine_km(washington.lat, washington.lon, 38.895, -77.036) < 25


@pytest.mark.parametrize(
    "text",
    ["SPRINGFIELD, Ill. - Lawmakers met.", "Lawmakers met in Springfield, Illinois, today."],
)
def test_springfield_illinois(text: str) -> None:
    start = text.casefold().index("springfield")
    (springfield,) = geo.resolve(text, [(start, start + len("Springfield"))])
    assert springfield is not None
    assert haversine_km(springfield.lat, springfield.lon, 39.80, -89.64) < 25


_MEETING = (
    "Foreign ministers of France, Germany, Italy and Ukraine met in Geneva on Tuesday. "
    "The Italian minister flew back to Rome on Wednesday."
)


def test_a_namesake_abroad_needs_evidence() -> None:
    """Issue 7.4: Geneva has namesakes in New York, and one of their votes made "Rome" Rome,
    New York, a country where no other place of the story lies."""
    names = ["France", "Germany", "Italy", "Ukraine", "Geneva", "Rome"]
    found = dict(zip(names, resolve_names(_MEETING, *names), strict=True))
    assert {name: p.country for name, p in found.items() if p} == {
        "France": "FR", "Germany": "DE", "Italy": "IT", "Ukraine": "UA", "Geneva": "CH",
        "Rome": "IT",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("text", "names", "state"),
    [
        ("Police in Rome, N.Y., said the road was closed.", ["Rome"], "NY"),  # an explicit cue
        (  # another place of the story is in the United States
            "Floyd County commissioners said Rome would pave the road.",
            ["Floyd County", "Rome"],
            "GA",
        ),
    ],
)
def test_a_namesake_with_evidence_stays(text: str, names: list[str], state: str) -> None:
    rome = resolve_names(text, *names)[-1]
    assert rome is not None and rome.country == "US"
    expected = {"NY": (43.21, -75.46), "GA": (34.26, -85.16)}[state]
    assert haversine_km(rome.lat, rome.lon, *expected) < 50


def test_one_reading_per_name() -> None:
    text = "Paris, Texas, is small. Later, Paris held a parade."
    first, second = geo.resolve(text, [(0, 5), (31, 36)])
    assert first == second


def test_unknown_name_resolves_to_none() -> None:
    assert geo.resolve("Qwxzq is here.", [(0, 5)]) == [None]


# ------------------------------------------------------------------ geocode frame


def test_geocode_frame() -> None:
    text = "The Kremlin said Russia would talk to the DPRK."
    df = geo.geocode(text, spans_of(text, "Kremlin", "Russia", "DPRK"))
    assert list(df.columns) == list(PLACE_DTYPES)
    assert {c: str(t) for c, t in df.dtypes.items()} == PLACE_DTYPES
    assert list(df["country"]) == ["RU", "RU", "KP"]
    assert list(df["text"]) == ["Kremlin", "Russia", "DPRK"]


def test_geocode_empty_input() -> None:
    for df in (geo.geocode("", []), geo.geocode("Some text", [])):
        assert df.empty
        assert list(df.columns) == list(PLACE_DTYPES)


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """Arbitrary text mixing place names and noise, with arbitrary (even odd) spans."""
    words = st.sampled_from(
        [
            "Paris",
            "Texas",
            "Georgia",
            "U.S.",
            "the",
            "Сosmodrome",
            "Kyiv's",
            ",",
            "ä",
            " ",
            "\n",
            "area",
            "region",
            "state",
            "City",
            "-based",
            "County",
            "Colorado State University",
        ]
    )
    text = draw(st.one_of(st.text(max_size=80), st.lists(words, max_size=20).map(" ".join)))
    bound = st.integers(min_value=-3, max_value=len(text) + 3)
    spans = draw(st.lists(st.tuples(bound, bound), max_size=6))
    return text, spans


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_spans())
def test_geocode_never_raises_and_offsets_stay_valid(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    text, spans = case
    df = geo.geocode(text, spans)
    for start, end, surface in zip(df["char_start"], df["char_end"], df["text"], strict=True):
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == surface
    assert len(geo.fold_homoglyphs(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_lookups_never_raise(name: str) -> None:
    if geo.is_place_name(name):
        assert geo.lookup(name)  # lookup may also find more, through its fallback forms
    geo.demonym_country(name)
    assert len(geo.fold_homoglyphs(name)) == len(name)


def test_washington_state_and_region_suffixes() -> None:
    state = geo.lookup("Washington state")[0]
    assert (state.kind, state.country) == ("region", "US")
    moscow_region = geo.lookup("Moscow region")[0]
    assert (moscow_region.kind, moscow_region.country) == ("region", "RU")


def test_place_inside_an_organisation_name() -> None:
    best = geo.lookup("Colorado State University")[0]
    assert (best.kind, best.country) == ("region", "US")


def test_list_of_countries_is_not_city_country() -> None:
    text = "Cases were found in Mexico, China, Japan and Brazil."
    places = resolve_names(text, "Mexico", "China", "Japan", "Brazil")
    assert [p.country if p else None for p in places] == ["MX", "CN", "JP", "BR"]
    assert all(p is not None and p.kind == "country" for p in places)


def test_supplement_rows_are_sourced_and_valid() -> None:
    import csv
    from importlib import resources

    from timeline.schema import PLACE_KINDS

    text = resources.files("timeline.data").joinpath("supplement.csv").read_text("utf-8")
    rows = [r for r in csv.DictReader(text.splitlines()) if not r["name"].startswith("#")]
    assert len(rows) > 200
    for row in rows:
        assert row["source"].strip(), row["name"]
        assert row["kind"] in PLACE_KINDS, row["name"]
        if row["lat"]:
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
