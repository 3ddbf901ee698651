"""Reading files and uploads: formats, and a clear error for every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.config import Settings
from timeline.errors import InputError
from timeline.ingest import (
    articles_from_upload,
    iter_article_paths,
    read_article,
    read_articles,
    seed_paths,
)


def test_seeds_are_shipped() -> None:
    names = [p.name for p in seed_paths()]
    assert "reuters-2023-09-13-putin-kim-vostochny.txt" in names


def test_read_seed() -> None:
    article = read_article(seed_paths()[0])
    assert article.source == seed_paths()[0].name
    assert article.path == seed_paths()[0]
    assert article.text.startswith("Putin Says Russia")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\t\n", "is empty"),
        ("nul.txt", b"text\x00with a NUL", "not text (found NUL bytes at offset 4)"),
        ("controls.txt", bytes(range(1, 30)) * 20, "control characters"),
        ("undefined.txt", b"\x81\x8d\x8f\x90\x9d" * 3, "not decodable"),
        ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
        ("bad.json", b"{not json", "not valid JSON (line 1"),
        ("notext.json", b'[{"title": "x"}]', "item 1 has no 'text'"),  # items count from 1
        ("notext.csv", b"title,url\na,b\n", "no 'text' column"),
        (
            "rows.csv",
            b"text,title\nok,a\n,b\nx,y,z\n",
            "line 3 has an empty 'text'; line 4 has more fields",
        ),
        ("date.json", b'{"text": "Hi.", "published": "yesterday"}', "'yesterday' is not a date"),
    ],
)
def test_bad_uploads_say_what_is_wrong(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match="^" + name.replace(".", r"\.")) as caught:
        articles_from_upload(name, data)
    assert message in str(caught.value)


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 100)
    with pytest.raises(InputError, match=r"too big \(500 bytes\); the limit is 100 bytes"):
        read_articles(big, settings=Settings(max_file_bytes=100))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_article(tmp_path / "nope.txt")


def test_encodings() -> None:
    latin = articles_from_upload("old.txt", "café “quoted”".encode("cp1252"))[0]
    assert latin.text == "café “quoted”"
    utf16 = articles_from_upload("wide.txt", "Kyiv, Україна".encode("utf-16"))[0]
    assert utf16.text == "Kyiv, Україна"
    bom = articles_from_upload("bom.txt", "\ufeffHello".encode())[0]
    assert bom.text == "Hello"


def test_json_and_csv_articles() -> None:
    payload = [
        {
            "text": "PARIS (AFP) - Ministers met on Monday.",
            "title": "Met",
            "published": "2024-02-07",
            "url": "http://x",
        },
        {"text": "Second article.", "source": "Le Monde"},
    ]
    first, second = articles_from_upload("many.json", json.dumps(payload).encode())
    assert (first.title, first.published.isoformat(), first.url) == (
        "Met",
        "2024-02-07",
        "http://x",
    )
    assert first.published_source == "metadata"
    assert second.source == "Le Monde"
    rows = articles_from_upload("a.csv", b'Text,Title\n"Hello, world.",Greeting\n')
    assert (rows[0].text, rows[0].title) == ("Hello, world.", "Greeting")


def test_html_main_text() -> None:
    html = b"<html><head><title>T</title><script>var x</script></head><body><nav>menu</nav><article><p>KYIV, Ukraine \xe2\x80\x94 Sirens.</p><p>More.</p></article></body></html>"
    article = articles_from_upload("page.html", html)[0]
    assert article.title == "T"
    assert article.text == "KYIV, Ukraine — Sirens.\n\nMore."
    assert article.dateline_place == "Kyiv"


def test_folders_are_walked(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A.")
    (tmp_path / "b.md").write_text("B.")
    (tmp_path / "c.bin").write_bytes(b"\x00")
    assert [p.name for p in iter_article_paths([tmp_path])] == ["b.md", "a.txt"]
