"""One module per article format, and the pieces they share.

    decoding   bytes -> text (BOMs, UTF-8, UTF-16 without BOM, Windows-1252, charset-normalizer)
    plain      .txt .md
    pages      .html .htm (trafilatura, htmldate)
    feeds      .xml .rss .atom (feedparser)
    records    .json .jsonl .csv (Columns names the fields)
    results    Record (one article's fields), Problem (one bad item), ReadResult

``timeline.ingest`` reads files and uploads with them.
"""

from __future__ import annotations

from timeline.readers.decoding import decode_text, display_name
from timeline.readers.records import Columns
from timeline.readers.results import Problem, ReadResult, Record

__all__ = ["Columns", "Problem", "ReadResult", "Record", "decode_text", "display_name"]
