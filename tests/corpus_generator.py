"""The repository's corpus generator (scripts/generate_corpus.py) for tests: scripts/ is not a
package, so it is loaded from its path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "generate_corpus.py"


def load_generator() -> ModuleType:
    """scripts/generate_corpus.py as a module."""
    if "generate_corpus" in sys.modules:
        return sys.modules["generate_corpus"]
    spec = importlib.util.spec_from_file_location("generate_corpus", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module
