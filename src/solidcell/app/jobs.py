"""Long work (simulations, screens) run in background threads; the page polls their progress.

A job is a function ``fn(progress)`` where ``progress(fraction, message)`` reports how far it
is. The dashboard starts a job with :meth:`Jobs.start` and reads :meth:`Jobs.status` from a
``dcc.Interval`` callback, so an HTTP request never waits for the work itself.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from solidcell.errors import ValidationError
from solidcell.report.summary import describe_error


@dataclass
class Job:
    id: str
    kind: str
    started: float
    state: str = "running"  # running, done, failed
    fraction: float | None = None
    message: str = "started"
    result: Any = None
    error: str = ""
    #: the input field a failed job's error names (a ValidationError's ``field``), else ""
    error_field: str = ""
    finished: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            end = self.finished or time.monotonic()
            return {"id": self.id, "kind": self.kind, "state": self.state,
                    "fraction": self.fraction, "message": self.message,
                    "elapsed_s": end - self.started, "error": self.error,
                    "error_field": self.error_field}


class Jobs:
    """Background jobs of one dashboard process (at most ``max_running`` at once)."""

    def __init__(self, max_running: int = 2, keep: int = 50) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self.max_running = max_running
        self.keep = keep

    def start(self, kind: str, fn: Callable[[Callable[[float | None, str], None]], Any]) -> str:
        with self._lock:
            running = sum(j.state == "running" for j in self._jobs.values())
            if running >= self.max_running:
                raise ValidationError("job", kind, f"{running} jobs are running; wait for one "
                                      "to finish")
            job = Job(id=uuid.uuid4().hex, kind=kind, started=time.monotonic())
            self._jobs[job.id] = job
            old = sorted((j for j in self._jobs.values() if j.state != "running"),
                         key=lambda j: j.started)
            for j in old[: max(0, len(self._jobs) - self.keep)]:
                self._jobs.pop(j.id, None)

        def progress(fraction: float | None, message: str) -> None:
            with job.lock:
                job.fraction, job.message = fraction, message

        def run() -> None:
            try:
                result = fn(progress)
            except Exception as exc:  # reported on the page, never swallowed
                with job.lock:
                    job.state, job.error = "failed", describe_error(exc)
                    job.error_field = str(getattr(exc, "field", "") or "")
                    # the last progress message ("solving ...") no longer holds
                    job.message, job.finished = "failed", time.monotonic()
                return
            with job.lock:
                job.state, job.result, job.fraction = "done", result, 1.0
                job.message, job.finished = "done", time.monotonic()

        threading.Thread(target=run, name=f"solidcell-{kind}-{job.id[:8]}", daemon=True).start()
        return job.id

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def status(self, job_id: str) -> dict[str, Any] | None:
        job = self.get(job_id)
        return None if job is None else job.snapshot()


__all__ = ["Job", "Jobs"]
