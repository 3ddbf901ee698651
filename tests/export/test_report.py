"""The report and the standalone chart pages, as text: self-contained, escaped, one row per event."""

from __future__ import annotations

import re

import pandas as pd

from timeline.export.charts import figure_html
from timeline.export.report import report_html
from timeline.export.safety import html_text, safe_filename
from timeline.figures import PLOT_CONFIG, map_figure
from timeline.text import strip_bidi

_EXTERNAL = re.compile(r"<(?:script|img|iframe)[^>]+src=|<link[^>]+href=|@import|url\(http", re.I)


def test_report_is_self_contained(sample: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    events, mentions = sample
    page = report_html(events, title="Putin & Kim", mentions=mentions)
    assert not _EXTERNAL.search(page)
    assert page.count("<script>window.PlotlyGeoAssets=") == 1 and '"world_110m":{"type":"Topology"' in page
    assert page.index("<script>window.PlotlyGeoAssets=") < page.index('<script type="text/javascript">')
    assert len(re.findall(r'Plotly\.newPlot\(\s+"', page)) == 2 and 'id="chart-timeline"' in page and 'id="chart-map"' in page
    assert '"showSendToCloud": false' in page and PLOT_CONFIG["showSendToCloud"] is False
    assert "<title>Putin &amp; Kim</title>" in page and "<h1>Putin &amp; Kim</h1>" in page
    table = page[page.index("<table>") :]
    assert table.count("<tr>") == len(events) + 1  # the header, then one row per event
    assert "<mark>in 1948</mark>" in table and "1948 (year)" in table
    assert "Putin Says Russia to Help North Korea Build Satellites (Reuters) published 2023-09-13" in table
    assert table.index("1948 (year)") < table.index("2023-09-12 (day)")  # earliest first


def test_report_escapes_everything_from_articles(awkward: pd.DataFrame) -> None:
    page = report_html(awkward, title="<script>alert(1)</script>\u202e")
    assert "<script>alert(1)</script>" not in page and "\u202e" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    table = page[page.index("<table>") :]
    assert "<b>Bold</b>" not in table and "&lt;b&gt;Bold&lt;/b&gt;" in table
    assert "href=\"javascript" not in page
    assert '<a href="https://example.org/caesar?a=1&amp;b=2">Caesar</a>' in table
    assert "-0044-03-15 (day)" in table and "9999-12-31 (day)" in table and "undated" in table


def test_standalone_page_title_is_text(sample: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    page = figure_html(map_figure(sample[0]), title='</title><script>alert("x")</script>')
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>" in page
    assert not _EXTERNAL.search(page) and '"showSendToCloud": false' in page


def test_safety_helpers() -> None:
    assert strip_bidi("a\u202bb\u202cc\u2066d\u2069") == "abcd"
    assert strip_bidi("\u200fعربي") == "\u200fعربي"  # a plain mark is legitimate text
    assert html_text("\u202e<a href='x'>") == "&lt;a href=&#x27;x&#x27;&gt;"
    assert safe_filename("report\u202elmth.exe") == "reportlmth.exe"
    assert safe_filename("../../etc/passwd") == ".._.._etc_passwd"
    assert safe_filename("..") == "export" and safe_filename("a\nb\x00c") == "a_b_c"


def test_pdfs_draw_hatching_as_a_tint(sample: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    """Chromium's PDF printer stalls on many hatched bars: PDFs get a lighter tint instead."""
    from timeline.export.charts import _without_hatching
    from timeline.figures import timeline_figure

    events = pd.concat([sample[0]] * 3, ignore_index=True).assign(
        date_source=["context", "published", "explicit"] * len(sample[0]),
        precision="year", end=lambda frame: frame["start"] + pd.Timedelta(days=400),
    )  # fmt: skip
    fig = timeline_figure(events)
    hatched = [t for t in fig.data if t.type == "bar" and t.marker.pattern.shape]
    assert hatched  # the dashboard hatches carried-over dates
    printable = _without_hatching(fig)
    assert not [t for t in printable.data if t.type == "bar" and t.marker.pattern.shape]
    tinted = next(t for t in printable.data if t.type == "bar" and t.name == hatched[0].name)
    assert tinted.opacity < 1 and tinted.marker.pattern.shape is None
    assert [t for t in fig.data if t.type == "bar" and t.marker.pattern.shape] == hatched  # untouched
