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


def check_timeout_waited_and_named(connect: Any) -> None:
    """``connect(address, **kwargs)`` (a caller that takes ``scheduler=address``) against a
    closed port: with ``scheduler_timeout_s=0.2`` it waits that timeout and names it, without
    one Dask's setting ``distributed.comm.timeouts.connect`` (set to 300 ms here), named as
    such; both refusals name the address."""
    import dask.config
    import pytest

    from solidcell.dask_adapter import CONNECT_TIMEOUT_KEY
    from solidcell.errors import ValidationError

    address = closed_port_address()
    with pytest.raises(ValidationError) as err:
        connect(address, scheduler_timeout_s=0.2)
    assert dask_waited(err.value.allowed, "0.2 s"), err.value.allowed
    assert (err.value.field, err.value.value) == ("scheduler", address)
    assert "within the connect timeout of 0.2 s (scheduler_timeout_s)" in err.value.allowed
    with dask.config.set({CONNECT_TIMEOUT_KEY: "300ms"}), \
            pytest.raises(ValidationError) as err:
        connect(address)
    assert dask_waited(err.value.allowed, "0.3 s"), err.value.allowed
    assert (err.value.field, err.value.value) == ("scheduler", address)
    assert f"0.3 s (Dask's {CONNECT_TIMEOUT_KEY}; set scheduler_timeout_s)" in err.value.allowed


def check_cli_timeout_named(command: list[str], capsys: Any) -> None:
    """``solidcell <command> --scheduler <closed port> --scheduler-timeout T`` for T as a
    plain number and with a unit: one error line naming the address and the option, with the
    timeout Dask waited."""
    from clirun import assert_one_line_error, run

    for typed, shown in (("0.2", "0.2 s"), ("200 ms", "0.2 s")):
        address = closed_port_address()
        code, out, err = run([*command, "--scheduler", address, "--scheduler-timeout", typed],
                             capsys)
        assert dask_waited(err, shown), err
        assert_one_line_error(code, out, err, "--scheduler:", repr(address),
                              f"within the connect timeout of {shown} (--scheduler-timeout)")
