"""Gold files in JSON Lines: one document object per line, read with clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from timeline.errors import InputError

__all__ = ["read_jsonl"]


def read_jsonl(path: Path, *, required: tuple[str, ...] = ("text",)) -> list[dict[str, Any]]:
    """The documents of a JSONL file, each checked for the `required` fields.

    Raises:
        InputError: a missing or unreadable file, a line that is not JSON, or a document
            without a required field; the message names the file and the line.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} does not exist; expected a JSONL gold file")
    documents = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    document = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(f"{path}:{number} is not valid JSON ({err.msg})") from None
                missing = [
                    f for f in required if not isinstance(document, dict) or f not in document
                ]
                if missing:
                    raise InputError(f"{path}:{number} has no {', '.join(missing)} field")
                documents.append(document)
    except UnicodeDecodeError as err:
        raise InputError(f"{path} is not UTF-8 text ({err.reason} at byte {err.start})") from None
    return documents
