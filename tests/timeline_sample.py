"""A hand-made events frame, mentions table and article for the seed article (figures, filters
and app tests). It stands in for the extraction pipeline, with the offsets computed from the text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from timeline.article import Article
from timeline.schema import EVENT_DTYPES, MENTION_DTYPES, coerce_frame

SEED = (
    Path(__file__).resolve().parent.parent / "seeds" / "reuters-2023-09-13-putin-kim-vostochny.txt"
)
DOC_ID = "seed0000000000001"
PUBLISHED = dt.date(2023, 9, 13)
TITLE = "Putin Says Russia to Help North Korea Build Satellites"

PLACES = {
    "Vostochny Cosmodrome": ("site", 51.884, 128.334, "RU"),
    "Vladivostok": ("city", 43.116, 131.882, "RU"),
    "Amur region": ("region", 53.0, 127.5, "RU"),
    "Russia": ("country", 61.52, 105.32, "RU"),
}
# event_id, sentence start marker, date_text, start, end, precision, date_source, actors, places
_EVENTS = [
    ("ev-wednesday", "VLADIVOSTOK, Russia, Sept 13", "on Wednesday", "2023-09-13", "2023-09-14",
     "day", "explicit", ["Vladimir Putin", "Kim Jong Un"], ["Vladivostok"]),
    ("ev-caption", "Russia’s President Vladimir Putin and North", "September 13, 2023",
     "2023-09-13", "2023-09-14", "day", "explicit", ["Vladimir Putin", "Kim Jong Un"],
     ["Vostochny Cosmodrome", "Amur region"]),
    ("ev-tuesday", "Kim arrived at Vostochny", "early on Tuesday", "2023-09-12", "2023-09-13",
     "day", "explicit", ["Kim Jong Un"], ["Russia"]),
    ("ev-1948", "Putin also congratulated", "in 1948", "1948-01-01", "1949-01-01", "year",
     "explicit", ["Vladimir Putin", "Kim Jong Un"], []),
    ("ev-showed", "Putin then showed Kim around", "on Wednesday", "2023-09-13", "2023-09-14", "day",
     "context", ["Vladimir Putin", "Kim Jong Un"], ["Vostochny Cosmodrome"]),
]  # fmt: skip
_COUNTRY_OF = {"Vladimir Putin": "Russia", "Kim Jong Un": "North Korea"}


def sample_text() -> str:
    """The seed article's text."""
    return SEED.read_text(encoding="utf-8")


def _sentence_span(text: str, marker: str) -> tuple[int, int]:
    """The span of the sentence (up to the next full stop or line end) starting at `marker`."""
    start = text.index(marker)
    stops = [i for i in (text.find(".\n", start), text.find(". ", start)) if i > 0]
    return start, min(stops) + 1 if stops else len(text)


def sample_frames() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Article]]:
    """(events, mentions, articles) for the seed article."""
    text = sample_text()
    events, mentions = [], []
    for event_id, marker, date_text, start, end, precision, source, actors, places in _EVENTS:
        s_start, s_end = _sentence_span(text, marker)
        sentence = text[s_start:s_end]
        date_at = sentence.find(date_text)  # -1: carried over from an earlier sentence
        countries = sorted({_COUNTRY_OF[a] for a in actors} | ({"Russia"} if places else set()))
        primary = places[0] if places else None
        kind, lat, lon, country = PLACES[primary] if primary else (None, None, None, None)
        events.append({
            "event_id": event_id, "doc_id": DOC_ID, "title": TITLE, "source": "Reuters",
            "published": dt.datetime(2023, 9, 13), "start": start, "end": end,
            "precision": precision, "date_text": date_text,
            "date_value": start[:4] if precision == "year" else start, "date_source": source,
            "date_char_start": s_start + date_at if date_at >= 0 else None,
            "date_char_end": s_start + date_at + len(date_text) if date_at >= 0 else None,
            "sentence": sentence, "char_start": s_start, "char_end": s_end,
            "actors": "; ".join(actors) or None, "places": "; ".join(places) or None,
            "countries": "; ".join(countries) or None, "place": primary, "place_kind": kind,
            "lat": lat, "lon": lon, "country": country,
        })  # fmt: skip
        for name in actors + places:
            for variant in (name, name.split()[0], name.split()[-1]):
                at = sentence.lower().find(variant.replace("Cosmodrome", "").strip().lower())
                if at >= 0:
                    variant = variant.replace("Cosmodrome", "").strip()
                    variant = sentence[at : at + len(variant)]
                    break
            else:
                continue
            place = PLACES.get(name)
            mentions.append({
                "event_id": event_id, "doc_id": DOC_ID, "kind": "place" if place else "person",
                "name": name, "text": variant, "char_start": s_start + at,
                "char_end": s_start + at + len(variant),
                "place_kind": place[0] if place else None, "lat": place[1] if place else None,
                "lon": place[2] if place else None, "country": place[3] if place else None,
                "role": None,
            })  # fmt: skip
    article = Article(text=text, title=TITLE, published=PUBLISHED, doc_id=DOC_ID, source="Reuters")
    return (
        coerce_frame(events, EVENT_DTYPES),  # type: ignore[arg-type]
        coerce_frame(mentions, MENTION_DTYPES),  # type: ignore[arg-type]
        {DOC_ID: article},
    )


def synthetic_events(n: int, seed: int = 0) -> pd.DataFrame:
    """n day-precision events over ten years, in a few actor lanes, at 50 places."""
    import numpy as np

    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2015-01-01") + pd.to_timedelta(rng.integers(0, 3650, n), unit="D")
    precision = rng.choice(["day", "day", "day", "month"], n)
    end = start + pd.to_timedelta(np.where(precision == "day", 1, 30), unit="D")
    place = rng.integers(0, 50, n)
    rows = pd.DataFrame({
        "event_id": [f"e{i}" for i in range(n)], "start": start, "end": end,
        "precision": precision, "date_source": rng.choice(["explicit", "context"], n),
        "actors": rng.choice(["A", "B; C", "D"], n), "date_text": "today", "sentence": "s",
        "char_start": 0, "char_end": 1, "place": [f"P{p}" for p in place],
        "place_kind": "city", "lat": place - 25.0, "lon": place * 3.0,
    })  # fmt: skip
    return coerce_frame(rows.to_dict("records"), EVENT_DTYPES)  # type: ignore[arg-type]
