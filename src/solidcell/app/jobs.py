"""Long work (simulations, screens) run in the background; the page polls progress and may stop it.

A job is a function ``fn(progress)`` where ``progress(fraction, message)`` reports how far it
is. The dashboard starts a job with :meth:`Jobs.start`, reads :meth:`Jobs.status` from a
``dcc.Interval`` callback (so an HTTP request never waits for the work itself) and ends it with
:meth:`Jobs.stop` (the page's Stop button).

Every job (simulation or screen) runs in a worker process (multiprocessing, 'spawn' context:
the server has threads, so no fork); its ``progress`` calls come back over the worker's pipe.
Neither a PyBaMM solve nor a screen's numpy chunk (or its Pareto front) can be interrupted
from inside, so :meth:`Jobs.stop` terminates the worker (SIGTERM, then SIGKILL after
:data:`KILL_AFTER_S`): no CPU is spent on a stopped job. ``fn`` and its result must pickle
(a module-level function or a ``functools.partial`` of one; solidcell's own objects do). Idle
workers are kept (at most ``max_running``), so only the first job pays the worker's start and
imports, and the second simulation of a design finds PyBaMM imported and its model built; a
stopped job's worker is replaced by a fresh one.

A stopped job shows state ``stopped`` at once and its slot is free at once; whatever it
reported or returned meanwhile is ignored.

A page's Stop also fences the Runs that page requested before it (:meth:`Jobs.stop_owned`,
:meth:`Jobs.start`'s ``requested_at``): a Run request is timed and kept as under way by
:meth:`Jobs.request`. A Stop's time is kept only while a request that arrived at or before it
is under way (the only ones its fence can hold back), so the times kept do not grow with the
pages served.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from solidcell.errors import ValidationError
from solidcell.report.summary import describe_error

#: seconds a stopped worker process gets to end on SIGTERM before it is killed
KILL_AFTER_S = 2.0

Progress = Callable[[float | None, str], None]


@dataclass
class Job:
    id: str
    kind: str
    started: float
    state: str = "running"  # running, done, failed, stopped
    fraction: float | None = None
    message: str = "started"
    result: Any = None
    error: str = ""
    #: the input field a failed job's error names (a ValidationError's ``field``), else ""
    error_field: str = ""
    finished: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: the worker process running the job (None: not started yet, or ended)
    worker: Any = field(default=None, repr=False)
    #: who started it (a page's id), or None
    owner: str | None = None
    #: what it was run on (the dashboard: the design's JSON), or None
    subject: str | None = None
    #: the run's own inputs as it read them (the dashboard: input name -> value read from
    #: its box), or None
    inputs: dict[str, Any] | None = None
    #: when the Run's request that started it arrived (:meth:`Jobs.request`), or None
    requested_at: float | None = None

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            end = self.finished or time.monotonic()
            return {"id": self.id, "kind": self.kind, "state": self.state,
                    "fraction": self.fraction, "message": self.message,
                    "elapsed_s": end - self.started, "error": self.error,
                    "error_field": self.error_field}

    def report(self, fraction: float | None, message: str) -> bool:
        """Record progress while the job runs; False (nothing recorded) once it has ended."""
        with self.lock:
            if self.state != "running":
                return False
            self.fraction, self.message = fraction, message
            return True

    def finish(self, state: str, result: Any = None, error: str = "",
               error_field: str = "") -> bool:
        """End a running job (``done``, ``failed`` or ``stopped``); False when it had
        already ended (a result arriving after Stop is dropped)."""
        with self.lock:
            if self.state != "running":
                return False
            self.state, self.result, self.error, self.error_field = (state, result, error,
                                                                     error_field)
            if state == "done":
                self.fraction = 1.0
            # the last progress message ("solving ...") no longer holds
            self.message, self.finished = state, time.monotonic()
            return True


def _failure(exc: BaseException) -> tuple[str, str]:
    return describe_error(exc), str(getattr(exc, "field", "") or "")


def _worker_main(conn: Any) -> None:
    """A worker process: run each pickled ``fn(progress)`` it receives, one at a time, and
    send back ``("progress", fraction, message)`` messages, then ``("done", result)`` or
    ``("failed", error, field)``. Ends when the server's end of the pipe closes."""
    # Ctrl+C in the terminal reaches the whole process group: the server ends its workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return

        def progress(fraction: float | None, message: str) -> None:
            conn.send(("progress", fraction, message))

        try:
            result = pickle.loads(data)(progress)
        except Exception as exc:  # reported on the page, never swallowed
            conn.send(("failed", *_failure(exc)))
            continue
        try:  # pickled before a byte is sent: a result that does not pickle leaves the
            conn.send(("done", result))  # pipe clean for the failure message
        except Exception as exc:
            conn.send(("failed", f"the result could not be returned ({describe_error(exc)})",
                       ""))


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context: Any) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child,), daemon=True,
                                       name="solidcell-job-worker")
        self.process.start()
        child.close()
        # one thread at a time waits for the process: when two call waitpid, the one that
        # loses sees no child and multiprocessing then reports the ended process as alive
        self._wait = threading.Lock()

    def alive(self) -> bool:
        with self._wait:
            return self.process.is_alive()

    def terminate(self) -> None:
        """End the process (SIGTERM, SIGKILL after :data:`KILL_AFTER_S`) and wait for it."""
        with self._wait:
            if self.process.is_alive():
                self.process.terminate()
                self.process.join(KILL_AFTER_S)
                if self.process.is_alive():
                    self.process.kill()
            self.process.join(KILL_AFTER_S)

    def end(self) -> None:
        """Terminate the process and close the pipe (by the one thread that reads it)."""
        self.terminate()
        self.conn.close()


class Jobs:
    """Background jobs of one dashboard process (at most ``max_running`` at once)."""

    def __init__(self, max_running: int = 2, keep: int = 50) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._context = multiprocessing.get_context("spawn")
        self._closed = False
        #: (owner, kind) -> when its page last pressed Stop (time.monotonic()): a Run whose
        #: request came before it starts stopped (:meth:`start`'s ``requested_at``); kept
        #: while a request that can be fenced by it is under way (:meth:`_prune_stops`)
        self._stopped_at: dict[tuple[str, str], float] = {}
        #: arrival time (time.monotonic()) -> how many Run requests of it are under way
        #: (:meth:`request`)
        self._under_way: Counter[float] = Counter()
        self.max_running = max_running
        self.keep = keep

    @contextmanager
    def request(self) -> Iterator[float]:
        """A Run's request under way while the block runs: its arrival time
        (time.monotonic(), taken under the lock that orders it with :meth:`stop_owned`), to
        give :meth:`start` as ``requested_at``. When it ends, the Stop times older than the
        oldest request still under way are dropped (:meth:`_prune_stops`): a request arriving
        later arrives after them, so they fence nothing any more."""
        with self._lock:
            arrived = time.monotonic()
            self._under_way[arrived] += 1
        try:
            yield arrived
        finally:
            with self._lock:
                self._under_way[arrived] -= 1
                if self._under_way[arrived] <= 0:
                    del self._under_way[arrived]
                self._prune_stops()

    def _prune_stops(self) -> None:
        """(Under the lock.) Drop each Stop time earlier than every request under way (all of
        them when none is): :meth:`_stopped_since` holds back only a request that arrived at
        or before the Stop, and each request that arrives from now on arrives after it. A
        ``requested_at`` not from :meth:`request` may thus find its page's Stop dropped once
        a request ends."""
        oldest = min(self._under_way, default=float("inf"))
        self._stopped_at = {key: t for key, t in self._stopped_at.items() if t >= oldest}

    def stops_kept(self) -> list[tuple[str, str]]:
        """The (owner, kind) pairs whose last Stop time is kept (:meth:`_prune_stops`)."""
        with self._lock:
            return list(self._stopped_at)

    def start(self, kind: str, fn: Callable[[Progress], Any], owner: str | None = None,
              subject: str | None = None, inputs: dict[str, Any] | None = None,
              requested_at: float | None = None) -> str:
        """Start ``fn(progress)`` in a worker process (``fn`` must pickle), so that
        :meth:`stop` ends it even inside a solver; its id. ``owner`` (a page's id): a
        running ``kind`` job of the same owner is stopped, since the page shows only its
        latest job (Run clicked twice quickly sent two requests with no job id yet; the
        page kept the second job's id and the first computed on out of reach of Stop).
        ``subject``: what it is run on, kept as the job's ``subject``; ``inputs``: the
        run's own inputs, kept as the job's ``inputs``. ``requested_at`` (the arrival time of
        the Run's request, :meth:`request`, called while it is under way): a job whose owner
        pressed Stop since (:meth:`stop_owned`) starts stopped, no worker started (Run clicked
        twice, then Stop twice: the second Run's request, answered after the Stops, left a
        run computing). A job of the same owner and kind whose request arrived after
        ``requested_at`` and that started first also makes it start stopped, replacing
        nothing: the page keeps the later request's answer (Dash drops an earlier answer of
        the same callback still under way), so the earlier request's job would compute out
        of sight while the page showed the later one stopped."""
        data = pickle.dumps(fn)  # fails here (PicklingError), not later
        with self._lock:
            mine = [j for j in self._jobs.values()
                    if owner is not None and j.owner == owner and j.kind == kind]
            superseded = requested_at is not None and any(
                j.requested_at is not None and j.requested_at > requested_at for j in mine)
            replaced = [] if superseded else [j for j in mine if j.state == "running"]
            for prior in replaced:  # its slot is free at once; its worker is ended below
                prior.finish("stopped")
            job = Job(id=uuid.uuid4().hex, kind=kind, started=time.monotonic(), owner=owner,
                      subject=subject, inputs=inputs, requested_at=requested_at)
            stopped_before = superseded or self._stopped_since(owner, kind, requested_at)
            if stopped_before:  # Stop pressed, or a later Run started: born stopped, no slot
                self._register(job).finish("stopped")
            running = sum(j.state == "running" for j in self._jobs.values())
            if running >= self.max_running and not stopped_before:
                for prior in replaced:
                    self._end_worker(prior)
                raise ValidationError("job", kind, f"{running} jobs are running; wait for one "
                                      "to finish")
            worker = None
            if not stopped_before:
                self._register(job)
            while self._idle and worker is None and not stopped_before:
                candidate = self._idle.pop()
                if candidate.alive():
                    worker = candidate
                else:
                    candidate.end()
        for prior in replaced:
            self._end_worker(prior)
        if stopped_before:
            return job.id
        try:
            worker = worker or _Worker(self._context)
            worker.conn.send_bytes(data)
        except Exception as exc:  # no process could be started: the job failed, slot freed
            job.finish("failed", error=describe_error(exc))
            if worker is not None:
                worker.end()
            return job.id
        with job.lock:
            stopped_meanwhile = job.state != "running"
            job.worker = None if stopped_meanwhile else worker
        if stopped_meanwhile:  # Stop pressed while the worker started
            worker.end()
            return job.id
        threading.Thread(target=self._watch, args=(job, worker),
                         name=f"solidcell-{kind}-{job.id[:8]}", daemon=True).start()
        return job.id

    def _watch(self, job: Job, worker: _Worker) -> None:
        """Read a worker's messages into ``job`` until it has finished; then the worker goes
        back to the idle ones (or ends, when the job was stopped or too many are idle)."""
        try:
            while True:
                message = worker.conn.recv()
                if message[0] == "progress":
                    job.report(message[1], message[2])
                elif message[0] == "done":
                    job.finish("done", result=message[1])
                    break
                else:
                    job.finish("failed", error=message[1], error_field=message[2])
                    break
        except (EOFError, OSError):  # the process ended: stopped, or killed by the system
            worker.end()
            job.finish("failed", error=f"the {job.kind} process ended unexpectedly (exit "
                                       f"code {worker.process.exitcode})")
            return
        with job.lock:
            job.worker = None
            stopped = job.state == "stopped"
        if not stopped:
            with self._lock:
                if not self._closed and len(self._idle) < self.max_running:
                    self._idle.append(worker)
                    return
        worker.end()

    def _register(self, job: Job) -> Job:
        """Keep ``job`` (under the lock), the oldest ended jobs beyond ``keep`` dropped."""
        self._jobs[job.id] = job
        old = sorted((j for j in self._jobs.values() if j.state != "running"),
                     key=lambda j: j.started)
        for j in old[: max(0, len(self._jobs) - self.keep)]:
            self._jobs.pop(j.id, None)
        return job

    def _stopped_since(self, owner: str | None, kind: str, requested_at: float | None) -> bool:
        """Whether ``owner`` pressed Stop on its ``kind`` jobs at or after ``requested_at``."""
        if owner is None or requested_at is None:
            return False
        return self._stopped_at.get((owner, kind), float("-inf")) >= requested_at

    def stop_owned(self, owner: str | None, kind: str) -> list[str]:
        """Stop every running ``kind`` job of ``owner`` (a page's Stop: the page's store may
        still name an earlier job while a later Run's answer is under way) and remember when,
        so that a Run requested before this starts stopped (:meth:`start`); the ids stopped."""
        if owner is None:
            return []
        with self._lock:
            self._stopped_at[(owner, kind)] = time.monotonic()
            ids = [j.id for j in self._jobs.values()
                   if j.owner == owner and j.kind == kind and j.state == "running"]
        return [i for i in ids if self.stop(i)]

    def stop(self, job_id: str) -> bool:
        """Stop a running job: state ``stopped`` and its slot free at once, its worker
        process terminated (ended when this returns). False when the job is unknown or has
        already ended."""
        job = self.get(job_id)
        if job is None or not job.finish("stopped"):
            return False
        self._end_worker(job)
        return True

    @staticmethod
    def _end_worker(job: Job) -> None:
        """Terminate the worker of the stopped ``job`` (none yet: its start ends it)."""
        with job.lock:
            worker, job.worker = job.worker, None
        if worker is not None:  # its reader sees the pipe close and closes its end
            worker.terminate()

    def close(self) -> None:
        """Stop every running job and end the idle workers (the server is shutting down)."""
        with self._lock:
            self._closed = True
            ids = [j.id for j in self._jobs.values() if j.state == "running"]
            idle, self._idle = self._idle, []
        for job_id in ids:
            self.stop(job_id)
        for worker in idle:
            worker.end()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def status(self, job_id: str) -> dict[str, Any] | None:
        job = self.get(job_id)
        return None if job is None else job.snapshot()


__all__ = ["KILL_AFTER_S", "Job", "Jobs"]
