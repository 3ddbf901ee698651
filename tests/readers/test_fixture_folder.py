"""The sample article saved the five ways people keep news, built here at run time from the seed:
every one is published 2023-09-13, says where that date came from, and yields the sample's dated
events that do not depend on the photo caption (the caption, with its "September 13, 2023", is
left out of every copy, so the date must come from the format)."""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from timeline.article import Article
from timeline.extract.pipeline import extract_events
from timeline.ingest import read_file

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "reuters-2023-09-13-putin-kim-vostochny.txt"
GOLD = ROOT / "tests" / "golden" / "reuters-2023-09-13-putin-kim-vostochny.expected.json"
CAPTION_DATE = "September 13, 2023"
PUBLISHED = dt.date(2023, 9, 13)


def _seed_parts() -> tuple[str, list[str]]:
    """The headline and the paragraphs after the photo credit and caption."""
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    title, caption, *body = paragraphs
    assert CAPTION_DATE in caption and "REUTERS" in caption  # the seed's layout, checked
    assert not any(CAPTION_DATE in p for p in body)
    return title, body


def _write_folder(folder: Path) -> dict[str, str]:
    """The fixture files, and the published_source each must give."""
    title, body = _seed_parts()
    text = "\n\n".join(body)
    # The dateline says "Sept 13" with no year, and no whole date is left in the text: only
    # the file name dates it.
    (folder / "20230913_putin-kim.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    (folder / "putin-kim.html").write_text(
        f"""<!doctype html><html><head><title>{html.escape(title)} | Reuters</title>
<meta property="article:published_time" content="2023-09-13T10:41:00+10:00">
<meta property="og:site_name" content="Reuters"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{html.escape(title)}</h1>{paragraphs}</article>
<footer>© 2024 Reuters. All rights reserved.</footer></body></html>""",
        encoding="utf-8",
    )
    (folder / "world.rss").write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Reuters World News</title><link>https://example.com/</link>
<item><title>{html.escape(title)}</title><link>https://example.com/putin-kim</link>
<pubDate>Wed, 13 Sep 2023 07:41:00 GMT</pubDate>
<description>{html.escape(paragraphs)}</description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    record = {
        "title": title,
        "text": text,
        "published": "2023-09-13",
        "url": "https://example.com/a",
    }
    (folder / "articles.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    with (folder / "articles.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=["title", "published", "text"])
        writer.writeheader()
        writer.writerow({"title": title, "published": "2023-09-13", "text": text})
    return {
        "20230913_putin-kim.txt": "filename",
        "putin-kim.html": "metadata",
        "world.rss": "metadata",
        "articles.jsonl": "metadata",
        "articles.csv": "metadata",
    }


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("articles")
    return path, _write_folder(path)


def _expected_events() -> list[dict[str, Any]]:
    """The golden file's dated events, less the caption's."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    items = [e for e in gold["dated_events"] if e["date_text"] != CAPTION_DATE]
    assert {e["date_text"] for e in items} == {"on Wednesday", "early on Tuesday", "in 1948"}
    return items


def _core(date_text: str) -> str:
    """The expression without its preposition ("on Wednesday" and "Wednesday" are one)."""
    words = date_text.lower().split()
    return " ".join(words[1:] if words[0] in ("on", "in") else words)


def _same(wanted: str, found: str) -> bool:
    """One expression, written with or without its modifiers ("early on Tuesday", "Tuesday")."""
    found = _core(found)
    return wanted in found or found in wanted


@pytest.fixture(scope="module")
def read(folder: tuple[Path, dict[str, str]]) -> dict[str, Article]:
    path, expected = folder
    articles = {}
    for name in expected:
        result = read_file(path / name)
        assert result.problems == (), name
        (articles[name],) = result.articles
    return articles


@pytest.mark.parametrize(
    "name",
    ["20230913_putin-kim.txt", "putin-kim.html", "world.rss", "articles.jsonl", "articles.csv"],
)
def test_every_format_is_dated_and_yields_the_dated_events(
    name: str, folder: tuple[Path, dict[str, str]], read: dict[str, Article]
) -> None:
    article = read[name]
    assert (article.published, article.published_source) == (PUBLISHED, folder[1][name])
    assert article.title == "Putin Says Russia to Help North Korea Build Satellites"
    assert article.dateline_place == "Vladivostok"
    events = extract_events(article.text, published=article.published, title=article.title)
    explicit = events[events["date_source"] == "explicit"]
    for item in _expected_events():
        wanted = _core(item["date_text"])
        rows = explicit[
            explicit["sentence"].str.contains(item["quote"], regex=False)
            & explicit["date_text"].map(lambda found, wanted=wanted: _same(wanted, found))
        ]
        assert not rows.empty, (name, item["date_text"])
        row = rows.iloc[0]
        assert row["precision"] == item["precision"], (name, item["date_text"])
        assert str(row["start"]).startswith(item["date"]), (name, item["date_text"], row["start"])
    # The headline is the article's title, never an event sentence.
    assert not events["sentence"].str.contains("Build Satellites", regex=False).any(), name


def test_the_caption_was_what_dated_the_text(read: dict[str, Article]) -> None:
    """Without the caption and without a date from the format, "on Wednesday" stays unresolved:
    the dates above come from the file name and the metadata, not from the text."""
    article = read["20230913_putin-kim.txt"]
    undated = extract_events(article.text, title=article.title)
    assert set(undated["published_source"]) == {"none"}
    dated = undated[undated["start"].notna()]
    assert list(dated["date_text"]) == ["1948"]  # the "1 of its 13 events is dated"


def test_published_source_reaches_the_events(read: dict[str, Article]) -> None:
    from timeline.extract.pipeline import extract_corpus

    corpus = extract_corpus([read["20230913_putin-kim.txt"], read["world.rss"]])
    by_source = corpus.events.groupby("source")["published_source"].unique()
    assert list(by_source["20230913_putin-kim.txt"]) == ["filename"]
    assert list(by_source["world.rss"]) == ["metadata"]
    assert (corpus.events["published"] == pd.Timestamp(PUBLISHED)).all()
