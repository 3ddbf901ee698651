"""Each format's reader: the metadata it carries, and one bad item reported while the rest are kept."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from timeline.errors import InputError
from timeline.ingest import (
    Columns,
    articles_from_upload,
    iter_article_paths,
    read_file,
    read_upload,
)

BODY = (
    "KYIV, Ukraine — Air raid sirens sounded across the capital on Monday night as drones "
    "approached from the south. The mayor said debris fell on two districts on Tuesday."
)


def _page(
    head: str = "", body: str = f"<p>{BODY}</p><p>Rescuers worked through the night.</p>"
) -> bytes:
    return (
        "<!doctype html><html><head><title>Sirens in Kyiv | Example News</title>"
        f"{head}</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Sirens in Kyiv</h1>{body}</article>"
        "<footer>© 2024 Example News. All rights reserved.</footer></body></html>"
    ).encode()


# --- web pages ------------------------------------------------------------------------------


def test_html_metadata() -> None:
    head = (
        '<meta property="article:published_time" content="2023-09-13T23:41:00-05:00">'
        '<meta property="og:site_name" content="Example News">'
        '<meta name="author" content="Jane Doe">'
        '<link rel="canonical" href="https://news.example.com/world/sirens-kyiv">'
    )
    (article,) = articles_from_upload("page.html", _page(head))
    assert article.title == "Sirens in Kyiv"
    # The day as written on the page (its own time zone), not the UTC day after.
    assert (article.published, article.published_source) == (dt.date(2023, 9, 13), "metadata")
    assert (article.site, article.author, article.url) == (
        "Example News",
        "Jane Doe",
        "https://news.example.com/world/sirens-kyiv",
    )
    assert article.source == "page.html"
    assert article.dateline_place == "Kyiv"
    # The <h1> heads the text and is marked as the title, so it is no event sentence.
    assert article.text.startswith("Sirens in Kyiv\n\nKYIV, Ukraine")
    assert article.title_span == (0, len("Sirens in Kyiv"))
    assert "Home" not in article.text and "rights reserved" not in article.text


def test_html_date_from_json_ld_and_visible_text() -> None:
    json_ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-03-04T10:00:00Z"}</script>'
    assert articles_from_upload("a.html", _page(json_ld))[0].published == dt.date(2021, 3, 4)
    visible = _page(body=f"<p>Posted on March 4, 2021</p><p>{BODY}</p>")
    assert articles_from_upload("b.html", visible)[0].published == dt.date(2021, 3, 4)


def test_html_copyright_year_is_not_a_publication_date() -> None:
    # htmldate's last resort is the footer's "© 2024" as 2024-01-01: not a day to anchor to.
    (article,) = articles_from_upload("page.html", _page())
    assert article.published is None and article.published_source == "none"


@pytest.mark.parametrize(
    ("page", "message"),
    [
        (
            b"<html><head><title>Only a title</title></head><body></body></html>",
            "has no article text",
        ),
        (
            b"<html><head><title>Only a title</title></head><body><h1>Only a title</h1></body></html>",
            "has no article text (only its title 'Only a title')",
        ),
        (
            b"<html><head><title>T</title><script>var x = 1;</script></head></html>",
            "has no article text",
        ),
        (b"plain words saved with the wrong suffix", "is not an HTML page"),
    ],
)
def test_html_without_an_article_body_is_reported(page: bytes, message: str) -> None:
    with pytest.raises(InputError, match=r"^page\.html ") as caught:
        articles_from_upload("page.html", page)
    assert message in str(caught.value)


def test_url_looking_page_is_parsed_never_fetched() -> None:
    # htmldate and trafilatura download a string that looks like a URL; the conftest refuses
    # every connection, so reaching the network would fail here.
    result = read_upload("page.html", b"http://example.com/2023/09/13/story.html")
    assert [a.text for a in result.articles] == ["http://example.com/2023/09/13/story.html"]


# --- feeds ----------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example World</title><link>https://example.com/</link>
<item><title>First</title><link>https://example.com/1</link>
<pubDate>Thu, 14 Sep 2023 23:30:00 -0500</pubDate>
<description>&lt;p&gt;PARIS, Sept 14 (AFP) - Ministers met on &lt;b&gt;Thursday&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;They agreed.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://example.com/2</link><pubDate>Fri, 15 Sep 2023 08:00:00 GMT</pubDate>
<description>A short teaser.</description>
<content:encoded><![CDATA[<p>The full text of the second story.</p><p>Its second paragraph.</p>]]></content:encoded></item>
<item><title>Third</title><pubDate>Thu, 31 Feb 2023 10:00:00 GMT</pubDate><description>Third story.</description></item>
<item><title>Fourth</title><description>An item with no date.</description></item>
"""


def test_rss_items() -> None:
    result = read_upload("feed.xml", (RSS + "</channel></rss>").encode())
    first, second, fourth = result.articles
    assert (first.title, first.url, first.site) == (
        "First",
        "https://example.com/1",
        "Example World",
    )
    # 23:30 at -0500 is the 14th where it was written (feedparser's UTC says the 15th).
    assert (first.published, first.published_source) == (dt.date(2023, 9, 14), "metadata")
    assert first.text == "PARIS, Sept 14 (AFP) - Ministers met on Thursday.\n\nThey agreed."
    assert second.text == "The full text of the second story.\n\nIts second paragraph."
    assert fourth.published is None and fourth.published_source == "none"
    (problem,) = result.problems
    assert str(problem).startswith("feed.xml item 3 has a bad publication date:")
    assert "day is out of range for month" in str(problem)


def test_truncated_feed_keeps_complete_items_and_reports_the_last() -> None:
    cut = RSS[: RSS.index("An item with no date")]
    result = read_upload("feed.rss", cut.encode())
    assert [a.title for a in result.articles] == ["First", "Second"]
    assert [str(p).split(" has ")[0].split(" was ")[0] for p in result.errors] == [
        "feed.rss item 3",
        "feed.rss item 4",
    ]
    assert "the feed is cut off" in str(result.errors[-1])


def test_feed_damaged_in_the_middle_keeps_every_item() -> None:
    broken = RSS.replace("<title>Second</title>", "<title>Second & more</title>")
    result = read_upload("feed.xml", (broken + "</channel></rss>").encode())
    assert [a.title for a in result.articles] == ["First", "Second & more", "Fourth"]
    first = result.problems[0]
    assert (first.severity, str(first)) == (
        "warning",
        "feed.xml is not well-formed XML (not well-formed (invalid token)); its items were read leniently",
    )


def test_atom_entry_with_only_updated() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
    <title>Atom News</title><entry><title>A</title><link href="https://example.com/a"/>
    <updated>2023-09-13T07:41:00Z</updated><author><name>Jane Doe</name></author>
    <content type="html">&lt;p&gt;Kim arrived on Tuesday.&lt;/p&gt;</content></entry></feed>"""
    (article,) = articles_from_upload("news.atom", atom)
    assert (article.published, article.url, article.author, article.site) == (
        dt.date(2023, 9, 13),
        "https://example.com/a",
        "Jane Doe",
        "Atom News",
    )
    assert article.text == "Kim arrived on Tuesday."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<?xml version='1.0'?><config><a>1</a></config>", "is not an RSS or Atom feed;"),
        (b"not xml at all", "is not an RSS or Atom feed (syntax error)"),
        (b"<rss><channel", "is a feed with no items (unclosed token)"),
    ],
)
def test_xml_that_is_not_a_feed(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=r"^data\.xml ") as caught:
        articles_from_upload("data.xml", data)
    assert message in str(caught.value)


# --- records --------------------------------------------------------------------------------


def test_jsonl_bad_lines_are_reported_and_the_rest_kept() -> None:
    lines = [
        json.dumps({"text": "PARIS (AFP) - Ministers met on Monday.", "published": "2024-02-07"}),
        "{not json",
        "",
        json.dumps(["a list"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Second good one.", "published": 2024}),
    ]
    result = read_upload("a.jsonl", "\n".join(lines).encode())
    assert [a.text for a in result.articles] == [
        "PARIS (AFP) - Ministers met on Monday.",
        "Second good one.",
    ]
    assert [str(p) for p in result.problems] == [
        "a.jsonl line 2 is not valid JSON (column 2: Expecting property name enclosed in double quotes)",
        "a.jsonl line 4 is a JSON list, not an object with a 'text' field and optional 'published', 'title', 'url', 'source', 'author'",
        "a.jsonl line 5 has no 'text' string; expected a 'text' field and optional 'published', 'title', 'url', 'source', 'author'",
    ]
    # A year alone is not a publication day, and this text has no dateline to complete.
    assert result.articles[1].published is None


def test_one_bad_csv_row_no_longer_drops_the_file() -> None:
    data = b"text,published\nFirst.,2023-09-13\n,2023-09-14\nThird.,2023-02-30\nFourth.,\n"
    result = read_upload("rows.csv", data)
    assert [a.text for a in result.articles] == ["First.", "Fourth."]
    assert [str(p) for p in result.errors] == [
        "rows.csv line 3 has an empty 'text'",
        "rows.csv line 4 has a bad publication date: published='2023-02-30' is not a valid date (day is out of range for month); expected YYYY-MM-DD",
    ]
    with pytest.raises(InputError, match=r"^rows\.csv: line 3 has an empty 'text'; line 4 has"):
        result.articles_or_raise()


def test_csv_columns_are_configurable() -> None:
    data = (
        b'Body,Date,Headline,Link,Outlet\n"Kim arrived on Tuesday.",2023-09-13,Kim,http://x,Wire\n'
    )
    columns = Columns(text="body", published="date", title="headline", url="link", source="outlet")
    (article,) = articles_from_upload("a.csv", data, columns=columns)
    assert (article.text, article.title, article.url, article.source) == (
        "Kim arrived on Tuesday.",
        "Kim",
        "http://x",
        "Wire",
    )
    assert article.published == dt.date(2023, 9, 13)
    with pytest.raises(InputError, match="has no 'text' column; found columns"):
        articles_from_upload("a.csv", data)
    with pytest.raises(ValueError, match="share a column name"):
        Columns(text="body", title="body")


def test_csv_field_longer_than_csv_default_limit() -> None:
    long_text = "Ministers met on Monday. " * 8000  # 200 KB, over csv's 128 KiB field limit
    (article,) = articles_from_upload("big.csv", f'text\n"{long_text}"\n'.encode())
    assert len(article.text) == len(long_text)


def test_json_lone_surrogate_is_one_item_error() -> None:
    data = b'[{"text": "Bad \\ud800 text."}, {"text": "Good text.", "title": "x\\udfff"}, {"text": "Kept."}]'
    result = read_upload("items.json", data)
    assert [a.text for a in result.articles] == ["Kept."]
    assert [str(p) for p in result.errors] == [
        "items.json item 1 has a lone surrogate escape ('\\ud800') at character 4 of its 'text': not valid Unicode; fix or remove it",
        "items.json item 2 has a lone surrogate escape ('\\udfff') at character 1 of its 'title': not valid Unicode; fix or remove it",
    ]


def test_given_date_wins_everywhere() -> None:
    data = b'{"text": "PARIS, March 3, 2011 (AFP) - Ministers met.", "published": "2024-02-07"}'
    (article,) = articles_from_upload("2020-01-01-a.json", data, published="2023-09-13")
    assert (article.published, article.published_source) == (dt.date(2023, 9, 13), "given")


def test_markdown_heading_is_the_title() -> None:
    (article,) = articles_from_upload("note.md", b"# Sirens in Kyiv\n\nKYIV (AP) - Sirens sounded.")
    assert article.title == "Sirens in Kyiv"
    assert article.dateline_place == "Kyiv"


# --- encodings ------------------------------------------------------------------------------

RUSSIAN = "Президент России Владимир Путин заявил в среду, что Россия поможет Корее."


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (BODY.encode("utf-16-le"), BODY),
        (BODY.encode("utf-16-be"), BODY),
        ("Kyiv, Україна".encode("utf-16-le"), "Kyiv, Україна"),
        (BODY.encode("utf-32"), BODY),
        ("\ufeffHello".encode(), "Hello"),
        ("Die Regierung hat über die Lage beraten. Größere Änderungen.".encode("cp1252"), None),
        (RUSSIAN.encode("cp1251"), RUSSIAN),
    ],
)
def test_encodings_without_a_bom(data: bytes, text: str | None) -> None:
    (article,) = articles_from_upload("a.txt", data)
    assert article.text == (text if text is not None else data.decode("cp1252"))


def test_binary_is_still_refused() -> None:
    with pytest.raises(InputError, match=r"^a\.txt is not text \(found NUL bytes at offset 8\)"):
        articles_from_upload("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


# --- files ----------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is not a regular file"):
        read_file(fifo)


def test_unreadable_files_are_input_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    long_name = tmp_path / ("a" * 300 + ".txt")
    assert list(iter_article_paths([long_name])) == [long_name]
    with pytest.raises(InputError, match="cannot be read: File name too long"):
        read_file(long_name)
    locked = tmp_path / "locked.txt"
    locked.write_text("Text.")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # tests run as root, where chmod 000 still reads
    with pytest.raises(InputError, match=r"locked\.txt cannot be read: Permission denied"):
        read_file(locked)


def test_file_names_that_are_not_utf8_are_shown_safely(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9-2023-09-13.txt")  # a Latin-1 name on a UTF-8 file system
    path = tmp_path / name
    path.write_bytes(b"Ministers met on Monday.")
    (article,) = read_file(path).articles
    assert article.source == "caf\ufffd-2023-09-13.txt"
    assert (article.published, article.published_source) == (dt.date(2023, 9, 13), "filename")
