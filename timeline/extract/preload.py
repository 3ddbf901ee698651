"""Imported by the fork server of ``timeline extract --jobs N`` (``timeline.runner``): it
loads the models once, before the worker processes are forked from it, so that each worker
starts with them (shared, copy-on-write) rather than importing spaCy and loading its own.

Importing it loads the spaCy model, the gazetteer and the date parser (a second or two);
nothing else imports it. A model that fails to load is reported by the first batch.
"""

from __future__ import annotations

from timeline.config import Settings
from timeline.runner import warm_up

warm_up(Settings())
