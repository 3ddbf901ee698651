"""Shared fixtures: the sample article, a guard that refuses every non-loopback connection, and
hypothesis without deadlines."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# No timing asserts in tests: hypothesis's per-example deadline and its too-slow health check
# are timings, and CI shares its cores. Properties say what holds, benchmarks say how fast.
settings.register_profile("timeline", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("timeline")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "reuters-2023-09-13-putin-kim-vostochny.txt"
PUBLISHED = dt.date(2023, 9, 13)  # the sample's publication date: a Wednesday

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: Any) -> Any:
    """socket.connect that refuses anything but 127.0.0.0/8, ::1 and Unix sockets."""
    if isinstance(address, tuple):
        host = address[0]
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise OSError(f"test tried to reach {host}: tests may only use 127.0.0.1")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)
    yield


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
