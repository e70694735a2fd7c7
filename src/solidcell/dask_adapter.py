"""The one place where solidcell talks to Dask distributed (an optional scheduler of the
screen, of :func:`solidcell.discovery.md.run_md` and of
:func:`solidcell.simulation.runs.rate_capability_many`).

A caller takes ``scheduler`` (an address ``tcp://host:8786``, a ``dask.distributed.Client`` or
None: local) and ``scheduler_timeout_s`` (how long to wait for the scheduler at that address
to answer [s]; None: Dask's own setting ``distributed.comm.timeouts.connect``), checks both with
:func:`check_scheduler` before any work, and opens the client with :func:`connected`, which
closes a client it opened. A scheduler that does not answer in time is refused naming its
address and the timeout waited; a malformed address is refused as such, not as unreachable.

Dask is imported only when a client is opened or a setting read: ``import solidcell`` and the
modules that take a scheduler import none of it. Nothing else in solidcell imports
``dask.distributed``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from solidcell.checks import positive
from solidcell.errors import ValidationError

#: What a scheduler timeout must be (the reason of its refusal).
TIMEOUT_ALLOWED = ("a finite timeout > 0 s; without one, Dask's setting "
                   "distributed.comm.timeouts.connect applies")
#: Dask's configuration key of the time to wait for a scheduler to answer.
CONNECT_TIMEOUT_KEY = "distributed.comm.timeouts.connect"
#: What a scheduler must be (the reason of its refusal).
SCHEDULER_ALLOWED = ("must be a Dask scheduler address ('tcp://host:8786'), a "
                     "dask.distributed.Client or None")
_TIMEOUT_FIELD: ContextVar[str] = ContextVar("timeout_field", default="scheduler_timeout_s")


@contextmanager
def timeout_field(name: str) -> Iterator[None]:
    """Within it, the refusal of an unreachable scheduler names ``name``, the way the calling
    edge takes the timeout (``"--scheduler-timeout"`` at the command line), instead of the
    Python API's ``scheduler_timeout_s`` (as :func:`solidcell.manufacturing.cost.price_field`
    does for a price)."""
    token = _TIMEOUT_FIELD.set(name)
    try:
        yield
    finally:
        _TIMEOUT_FIELD.reset(token)


def is_client(obj: Any) -> bool:
    """Whether ``obj`` is a ``dask.distributed.Client`` (without importing Dask: a Client
    exists only where Dask was imported)."""
    distributed = sys.modules.get("dask.distributed")
    return distributed is not None and isinstance(obj, distributed.Client)


def check_scheduler(scheduler: Any, timeout_s: Any) -> None:
    """Refuse, before any work, a ``scheduler`` that is no address, Client or None, and a
    ``timeout_s`` [s] that is not finite and > 0 or is given without an address (a Client was
    connected when it was made; a local run connects to nothing). Imports no Dask."""
    if scheduler is not None and not isinstance(scheduler, str) and not is_client(scheduler):
        raise ValidationError("scheduler", scheduler, SCHEDULER_ALLOWED)
    if timeout_s is not None:
        positive("scheduler_timeout_s", timeout_s, TIMEOUT_ALLOWED)
        if timeout_s > max_timeout_s():  # 1e300 s: OverflowError from the thread's join
            raise ValidationError("scheduler_timeout_s", timeout_s, timeout_allowed())
        if not isinstance(scheduler, str):
            raise ValidationError("scheduler_timeout_s", timeout_s,
                                  "applies only with a scheduler address (scheduler="
                                  "'tcp://host:8786'); a dask.distributed.Client keeps the "
                                  "timeout it was made with, and a local run has none")


def max_timeout_s() -> float:
    """The longest scheduler timeout [s] this platform can wait: Python's
    ``threading.TIMEOUT_MAX`` (the largest timeout of a lock's or a thread's wait; a larger
    one raises OverflowError, Python's threading documentation) less the 2 s the probe's
    thread is given beyond the timeout (:func:`_handshake`)."""
    import threading

    return threading.TIMEOUT_MAX - 2.0


def timeout_allowed() -> str:
    """What a scheduler timeout may be, with the platform's upper bound (:func:`max_timeout_s`;
    about 292 years where ``TIMEOUT_MAX`` is 2**63 ns)."""
    return (f"a finite timeout > 0 s and at most {max_timeout_s():.4g} s (the longest wait "
            "Python's threads take on this platform, threading.TIMEOUT_MAX, less 2 s); "
            "without one, Dask's setting distributed.comm.timeouts.connect applies")


def connect_timeout_s() -> float:
    """Dask's connect timeout [s]: the setting ``distributed.comm.timeouts.connect`` (a Dask
    YAML file, the environment variable ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT`` or
    ``dask.config.set``), which ``dask.distributed.Client`` uses when given no timeout. A
    setting that is no duration > 0 raises :class:`ValidationError` naming the key."""
    import dask.config
    from dask.utils import parse_timedelta

    raw = dask.config.get(CONNECT_TIMEOUT_KEY, None)
    allowed = "a duration > 0 such as '30s' or '2 minutes' (Dask's configuration)"
    try:
        seconds = parse_timedelta(raw, "s")
    except (KeyError, ValueError, TypeError, OverflowError):
        raise ValidationError(CONNECT_TIMEOUT_KEY, raw, allowed) from None
    if seconds is None or not math.isfinite(seconds) or not seconds > 0:
        raise ValidationError(CONNECT_TIMEOUT_KEY, raw, allowed)
    return float(seconds)


def open_client(scheduler: Any, timeout_s: float | None = None) -> Any:
    """A Client of the scheduler at the address ``scheduler`` (a Client as it is), waiting
    ``timeout_s`` [s] for it to answer (None: :func:`connect_timeout_s`); a scheduler that does
    not answer in time is refused naming the address and the timeout. The caller closes a
    Client this opened (:func:`connected` does)."""
    from dask.distributed import Client

    if isinstance(scheduler, Client):
        return scheduler
    given = timeout_s is not None
    seconds = float(timeout_s) if timeout_s is not None else connect_timeout_s()
    try:
        if isinstance(scheduler, str):  # a Cluster object (LocalCluster) is Dask's to open
            _handshake(scheduler, seconds)
        return Client(scheduler, timeout=seconds)
    except ValidationError:  # the probe's own refusal (a tls:// address without certificates)
        raise
    except ValueError as exc:  # no address: "missing port number", "unknown address scheme"
        error = ValidationError("scheduler", scheduler, "must be a Dask scheduler address "
                                f"such as 'tcp://host:8786' ({exc})")
    except (OSError, TimeoutError) as exc:
        source = (_TIMEOUT_FIELD.get() if given
                  else f"Dask's {CONNECT_TIMEOUT_KEY}; set {_TIMEOUT_FIELD.get()}")
        error = ValidationError(
            "scheduler", scheduler,
            f"no Dask scheduler answered there within the connect timeout of {seconds:g} s "
            f"({source}); check the address, or give a slow or remote cluster more time "
            f"({exc})")
    except (MemoryError, _NotOpened) as exc:  # a server that is no Dask scheduler answered
        # (an HTTP proxy: Dask read its first bytes as a frame length and asked for exabytes;
        # other bytes: struct.error), or the transport cannot be opened here (ucx:// without
        # UCX: TypeError)
        cause = exc.__cause__ if isinstance(exc, _NotOpened) else exc
        error = ValidationError(
            "scheduler", scheduler, "must be the address of a Dask scheduler that solidcell "
            "can open; what answered there does not speak Dask's protocol, or its transport "
            "cannot be opened here (a tls:// or ucx:// scheduler: give a dask.distributed."
            f"Client made with its security or transport) ({type(cause).__name__}: {cause})")
    _finalise_failed_clients()
    raise error


def _handshake(address: str, seconds: float) -> None:
    """Connect to ``address`` and exchange Dask's handshake within ``seconds`` [s], then close.
    ``Client(address, timeout=...)`` bounds only the connection: a server that accepts it and
    then says nothing (a stopped scheduler process, a proxy holding the line) kept it waiting
    without end; here that is an OSError after ``seconds`` + 1 s. Runs its own event loop in a
    thread (the caller may be inside one, e.g. Jupyter)."""
    import asyncio
    import threading

    from distributed.comm import connect
    from distributed.comm.addressing import parse_address, parse_host_port
    from distributed.comm.registry import get_backend
    from distributed.security import Security

    # a malformed address is a ValueError here, before any connection: a ValueError later is
    # the reply of a server (or a transport) and is refused as such, not as the address
    scheme, location = parse_address(address)
    get_backend(scheme)  # "unknown address scheme"
    if scheme != "inproc":
        parse_host_port(location)  # "missing port number"
    # the TLS certificates of Dask's configuration, as Client(address) uses them (without,
    # a tls:// scheduler Client reaches with configured certificates was refused)
    args = Security().get_connection_args("client")
    if scheme == "tls" and args.get("ssl_context") is None:
        raise ValidationError("scheduler", address, "a tls:// scheduler needs certificates: "
                              "set Dask's distributed.comm.tls (ca-file, client.cert, "
                              "client.key) or give a dask.distributed.Client made with a "
                              "Security; none is configured")

    async def probe() -> None:
        comm = await connect(address, timeout=seconds, **args)
        await comm.close()

    async def bounded() -> None:
        # 1 s more than Dask's own bound of the connection, whose refusal ("Timed out trying
        # to connect ...") is the one to give when no connection is made
        try:
            await asyncio.wait_for(probe(), seconds + 1.0)
        except TimeoutError:
            raise OSError(f"connected, but no Dask handshake from {address} within "
                          f"{seconds + 1.0:g} s") from None

    # a daemon thread waited for at most the bound: a name lookup runs in a thread of the
    # event loop that neither wait_for nor asyncio.run's shutdown can stop (a resolver that
    # does not answer held the probe, and then Client, for its own timeout of 5-30 s a try)
    outcome: list[BaseException | None] = []
    thread = threading.Thread(target=lambda: outcome.append(_run(bounded())), daemon=True,
                              name="solidcell-dask-probe")
    thread.start()
    thread.join(seconds + 2.0)
    if not outcome:
        raise OSError(f"no answer from {address} within {seconds + 2.0:g} s (name lookup "
                      "or connection)")
    exc = outcome[0]
    if exc is None:
        return
    if isinstance(exc, (OSError, TimeoutError, MemoryError)):
        raise exc
    # garbage bytes (struct.error, msgpack's ValueError, ...), a transport not installed
    # (ucx://: TypeError): each was a traceback
    raise _NotOpened(str(exc)) from exc


def _run(coroutine: Any) -> BaseException | None:
    """Run ``coroutine`` in a new event loop; the exception it raised, or None."""
    import asyncio

    try:
        asyncio.run(coroutine)
    except BaseException as exc:  # handed to the waiting thread, which raises it
        return exc
    return None


class _NotOpened(Exception):
    """No Dask connection could be made at an address for another reason than a timeout or a
    refused connection (the cause is the original exception)."""


def _finalise_failed_clients() -> None:
    """Finalise, here and now, the Client whose constructor just failed: it lies in a
    reference cycle, and its ``__del__`` (``close``, which takes Dask's class-wide LoopRunner
    lock) otherwise ran whenever the garbage collector next did, in whatever thread. When that
    was inside the next Client's loop start-up (which holds the lock), it deadlocked: the
    next Client hung, or failed after 10 s with Dask's bare AssertionError (tests of malformed
    and unreachable schedulers before a LocalCluster run, about 1 run in 8 under xdist)."""
    import gc

    gc.collect()


@contextmanager
def connected(scheduler: Any, timeout_s: float | None = None) -> Iterator[Any]:
    """:func:`open_client` for the block: yields the Client (None for ``scheduler`` None: a
    local run) and closes it at the end if it was opened here from an address (a Client the
    caller gave stays open)."""
    if scheduler is None:
        yield None
        return
    client = open_client(scheduler, timeout_s)
    try:
        yield client
    finally:
        if client is not scheduler:
            client.close()


def as_completed(futures: Iterable[Any]) -> Iterator[Any]:
    """The ``futures`` of a Client in the order they finish (``dask.distributed.as_completed``)."""
    from dask.distributed import as_completed as completed

    yield from completed(futures)


__all__ = ["CONNECT_TIMEOUT_KEY", "SCHEDULER_ALLOWED", "TIMEOUT_ALLOWED", "as_completed",
           "check_scheduler", "connect_timeout_s", "connected", "is_client", "open_client",
           "timeout_field"]
