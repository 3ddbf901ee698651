"""Events on disk, kept under its old name: the code lives in :mod:`timeline.export.tables`.

``timeline.read_events`` and ``timeline.write_events`` and every ``from timeline.store import``
keep working.
"""

from __future__ import annotations

from timeline.export.tables import (
    events_to_csv,
    events_to_records,
    read_events,
    safe_cell,
    write_events,
)

__all__ = ["events_to_csv", "events_to_records", "read_events", "safe_cell", "write_events"]
