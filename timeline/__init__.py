"""timeline: news articles -> a timeline of dated geopolitical events, on a map, offline.

Public names are imported lazily, so ``import timeline`` stays light and never imports Dash.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

__version__ = "0.1.0"

# name -> the module that defines it
_PUBLIC = {
    "Article": "timeline.article",
    "make_article": "timeline.article",
    "read_article": "timeline.ingest",
    "read_articles": "timeline.ingest",
    "read_file": "timeline.ingest",
    "read_upload": "timeline.ingest",
    "ReadResult": "timeline.readers",
    "Columns": "timeline.readers",
    "Store": "timeline.database",
    "cluster_events": "timeline.merge",
    "merged_events": "timeline.merge",
    "find_dates": "timeline.extract.dates",
    "find_places": "timeline.extract.places",
    "geocode": "timeline.geo",
    "extract_events": "timeline.extract.pipeline",
    "extract_mentions": "timeline.extract.pipeline",
    "extract_corpus": "timeline.extract.pipeline",
    "validate_events": "timeline.schema",
    "empty_events": "timeline.schema",
    "read_events": "timeline.store",
    "write_events": "timeline.store",
    "timeline_figure": "timeline.figures",
    "map_figure": "timeline.figures",
    "create_app": "timeline.app",
    "Settings": "timeline.config",
    "TimelineError": "timeline.errors",
    "InputError": "timeline.errors",
    "SchemaError": "timeline.errors",
    "ExportError": "timeline.errors",
    "export_events": "timeline.export",
}

__all__ = [*sorted(_PUBLIC), "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
