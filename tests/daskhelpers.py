"""Helpers of the Dask scheduler tests (screen, MD, rate capability of many designs): a real
closed local port, and the clients a real LocalCluster still holds; no mock."""

from __future__ import annotations

import socket
import time
from typing import Any


def dask_waited(text: str, shown: str) -> bool:
    """Whether Dask's own words in ``text`` (the refusal quotes them) say it gave up after
    ``shown`` ('0.2 s'): the timeout it was given, not its 30 s default (nor the 10 s the
    screen used to wait whatever it was told). Dask's words, not the test's clock: a wall-time
    bound would fail by chance on a slow machine."""
    return "Timed out trying to connect to " in text and f" after {shown})" in text


def closed_port_address() -> str:
    """The address of a local TCP port nothing listens on (bound by the OS, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"tcp://127.0.0.1:{port}"


def clients_left(cluster: Any, wait_s: float = 5.0) -> list[str]:
    """The ids of the clients still connected to the in-process ``cluster`` (a
    ``LocalCluster(processes=False)``) besides the scheduler's own 'fire-and-forget' one,
    after waiting up to ``wait_s`` for closed ones to leave."""
    end = time.monotonic() + wait_s
    while True:
        left = [c for c in cluster.scheduler.clients if c != "fire-and-forget"]
        if not left or time.monotonic() > end:
            return left
        time.sleep(0.02)
