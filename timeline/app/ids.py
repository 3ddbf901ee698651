"""Component ids of the dashboard, spelled once (layout and callbacks both import them)."""

from __future__ import annotations

from typing import Final

__all__ = [
    "ACTORS",
    "ADD_ALERT",
    "ADD_DATE",
    "ADD_TEXT",
    "ADD_TEXT_BUTTON",
    "ARTICLES",
    "ARTICLE_DATE",
    "ARTICLE_LIST",
    "ARTICLE_PICK",
    "CANCEL",
    "CLEAR",
    "COUNT",
    "COUNTRIES",
    "DATA_VERSION",
    "DATE_RANGE",
    "DATE_SOURCES",
    "DETAIL",
    "DOWNLOAD",
    "DOWNLOAD_CSV",
    "DOWNLOAD_MAP",
    "DOWNLOAD_TIMELINE",
    "DRAWN",
    "JOB_BOX",
    "JOB_DONE",
    "JOB_RESULT",
    "LANE",
    "MAP",
    "NARROW_PX",
    "OPTIONS",
    "PAINTED",
    "PLACES",
    "PRECISIONS",
    "PROGRESS",
    "PROGRESS_TEXT",
    "REPORTS",
    "SELECTION",
    "SET_DATE_BUTTON",
    "SIDEBAR",
    "TABLE",
    "TEXT",
    "TIMELINE",
    "TIMELINE_VIEW",
    "UPLOAD",
    "UPLOAD_BATCH",
    "UPLOAD_LIMIT",
    "UPLOAD_NOTE",
    "UPLOAD_REFUSED",
    "URL",
    "VIEW",
]  # fmt: skip

URL: Final = "url"
DRAWN: Final = "drawn-for"  # the query string whose view the page was built showing
VIEW: Final = "view-store"  # the view's state (filters, selection), mirrored in the URL
TIMELINE_VIEW: Final = "timeline-view-store"  # the view less the time window
DATA_VERSION: Final = "data-version"  # bumped when articles are added
OPTIONS: Final = "filter-options"  # the names the dropdowns offer, given to them once drawn
PAINTED: Final = "charts-painted"  # true once both charts are drawn: the articles list comes then
TIMELINE: Final = "timeline-graph"
ZOOM: Final = "timeline-zoom"  # the timeline's relayoutData, when it is a zoom (set in the page)
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
# ["all"]: every report ("reports=all" in the URL); [] (default): one row per event told
REPORTS: Final = "show-reports"
CLEAR: Final = "clear-selection"
DOWNLOAD: Final = "download"
DOWNLOAD_CSV: Final = "download-csv"
DOWNLOAD_TIMELINE: Final = "download-timeline-html"
DOWNLOAD_MAP: Final = "download-map-html"
UPLOAD: Final = "upload-articles"
ADD_TEXT: Final = "add-text"
ADD_TEXT_BUTTON: Final = "add-text-button"
ADD_ALERT: Final = "add-alert"
ADD_DATE: Final = "add-published"  # the paste box's optional publication date
UPLOAD_BATCH: Final = "upload-batch"  # the key of an upload's files, staged in the job cache
UPLOAD_LIMIT: Final = "upload-limit"  # carries data-max-bytes for assets/upload_limit.js
UPLOAD_REFUSED: Final = "upload-refused"  # files the browser refused to send (too big), set by JS
UPLOAD_NOTE: Final = "upload-note"  # the message about refused files
JOB_RESULT: Final = "job-result"  # the key of a finished extraction's outcomes in the job cache
JOB_DONE: Final = "job-done"  # the background callback's declared output, which nothing reads
JOB_BOX: Final = "job-box"  # progress bar, status and cancel button, shown while a job runs
PROGRESS: Final = "job-progress"
PROGRESS_TEXT: Final = "job-status"
CANCEL: Final = "job-cancel"
ARTICLES: Final = "articles"  # the articles section (also the anchor the detail panel links to)
ARTICLE_LIST: Final = "article-list"
ARTICLE_PICK: Final = "article-pick"
ARTICLE_DATE: Final = "article-date"
SET_DATE_BUTTON: Final = "article-date-button"
SIDEBAR: Final = "sidebar"  # the filters' <details>: open on wide screens, closed on phones
NARROW_PX: Final = 760  # the width below which the page stacks (assets/style.css says the same)
