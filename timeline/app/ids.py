"""Component ids of the dashboard, spelled once (layout and callbacks both import them)."""

from __future__ import annotations

from typing import Final

__all__ = [
    "ACTORS", "ADD_ALERT", "ADD_TEXT", "ADD_TEXT_BUTTON", "CLEAR", "COUNT", "COUNTRIES",
    "DATA_VERSION", "DATE_RANGE", "DATE_SOURCES", "DETAIL", "DOWNLOAD", "DOWNLOAD_CSV",
    "DOWNLOAD_MAP", "DOWNLOAD_TIMELINE", "LANE", "MAP", "PLACES", "PRECISIONS", "SELECTION",
    "TABLE", "TEXT", "TIMELINE", "TIMELINE_VIEW", "UPLOAD", "URL", "VIEW",
]  # fmt: skip

URL: Final = "url"
VIEW: Final = "view-store"  # the view's state (filters, selection), mirrored in the URL
TIMELINE_VIEW: Final = "timeline-view-store"  # the view less the time window
DATA_VERSION: Final = "data-version"  # bumped when articles are added
TIMELINE: Final = "timeline-graph"
MAP: Final = "map-graph"
TABLE: Final = "events-table"
DETAIL: Final = "event-detail"
COUNT: Final = "view-count"
SELECTION: Final = "selection-summary"
LANE: Final = "lane-picker"
DATE_RANGE: Final = "date-range"
ACTORS: Final = "filter-actors"
COUNTRIES: Final = "filter-countries"
PLACES: Final = "filter-places"
PRECISIONS: Final = "filter-precisions"
DATE_SOURCES: Final = "filter-date-sources"
TEXT: Final = "filter-text"
CLEAR: Final = "clear-selection"
DOWNLOAD: Final = "download"
DOWNLOAD_CSV: Final = "download-csv"
DOWNLOAD_TIMELINE: Final = "download-timeline-html"
DOWNLOAD_MAP: Final = "download-map-html"
UPLOAD: Final = "upload-articles"
ADD_TEXT: Final = "add-text"
ADD_TEXT_BUTTON: Final = "add-text-button"
ADD_ALERT: Final = "add-alert"
