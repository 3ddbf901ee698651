"""Exports that drop into other tools, offline: one module per job.

    tables.py      CSV (spreadsheet-safe), JSON and Parquet, written and read back
    geojson.py     RFC 7946 points, for QGIS and kepler.gl
    timelinejs.py  TimelineJS JSON, dates at their precision
    charts.py      the dashboard's figures as standalone HTML, PNG, SVG and PDF (kaleido)
    report.py      a one-file HTML report: title, timeline, map, events with sources
    formats.py     export_events: any of the above, by format name or file suffix
    labels.py, safety.py   what an exported event says, escaped and without bidi controls

Names are imported lazily, so that ``timeline.store`` (tables) does not import plotly.
"""

from __future__ import annotations

import importlib
from typing import Any

_PUBLIC = {
    "CHART_FORMATS": "timeline.export.formats",
    "FORMATS": "timeline.export.formats",
    "Exported": "timeline.export.formats",
    "export_events": "timeline.export.formats",
    "format_for": "timeline.export.formats",
    "events_to_csv": "timeline.export.tables",
    "events_to_json": "timeline.export.tables",
    "events_to_records": "timeline.export.tables",
    "read_events": "timeline.export.tables",
    "safe_cell": "timeline.export.tables",
    "write_events": "timeline.export.tables",
    "events_to_geojson": "timeline.export.geojson",
    "events_to_timelinejs": "timeline.export.timelinejs",
    "chart_figures": "timeline.export.charts",
    "figure_html": "timeline.export.charts",
    "write_images": "timeline.export.charts",
    "report_html": "timeline.export.report",
    "safe_filename": "timeline.export.safety",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline.export' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
