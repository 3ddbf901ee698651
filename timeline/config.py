"""Settings: the defaults in one place. Nothing here reads the environment (only cli.py does)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["LANES", "Settings"]

LANES = ("actor", "country", "article")


@dataclass(frozen=True)
class Settings:
    """Options shared by the extractor, the CLI and the dashboard.

    Args:
        max_file_bytes: larger input files are refused (InputError), so one huge file cannot
            stall a batch.
        use_model: use the spaCy NER model when installed; False forces the degraded mode.
        lane: the dashboard's default timeline lane, one of LANES.
        host, port, debug: where `timeline serve` listens; the debugger stays off unless asked.
            The dashboard answers only to loopback names and `host` (see timeline.app.server).
        jobs_dir: where the dashboard's background extraction jobs keep their results and
            progress; None: a temporary folder removed at exit.
    """

    max_file_bytes: int = 5_000_000
    use_model: bool = True
    lane: str = "actor"
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    jobs_dir: Path | None = None

    def __post_init__(self) -> None:
        if self.lane not in LANES:
            raise ValueError(f"lane={self.lane!r} is not one of {', '.join(LANES)}")
        if self.max_file_bytes <= 0:
            raise ValueError(f"max_file_bytes={self.max_file_bytes} must be positive")
        if not 0 < self.port < 65536:
            raise ValueError(f"port={self.port} must be between 1 and 65535")
        if not self.host.strip():
            raise ValueError("host='' is empty: give an address such as 127.0.0.1")
