"""Errors raised by timeline.

    TimelineError            anything timeline reports to a user
    ├── InputError           an article or file that cannot be read (empty, binary, undecodable, too big)
    ├── SchemaError          an events frame that breaks the schema (every failure listed at once)
    └── ExportError          an output that cannot be written

The CLI turns a TimelineError into one clear line and a non-zero exit; the dashboard shows it
as an alert and keeps its events.
"""

from __future__ import annotations

__all__ = ["ExportError", "InputError", "SchemaError", "TimelineError"]


class TimelineError(Exception):
    """Base class of every error timeline reports to a user."""


class InputError(TimelineError):
    """An input file or text that cannot be read as an article."""


class SchemaError(TimelineError):
    """An events frame that does not follow the schema."""


class ExportError(TimelineError):
    """An export that cannot be written."""
