"""Stopping the dashboard's background jobs (solidcell.app.jobs): real worker processes, no
mocks. The job functions are module-level, so a spawned worker can unpickle them
(pytest puts this folder on sys.path, which the worker inherits)."""

from __future__ import annotations

import os
import signal
import time
from typing import Any

import pytest

from solidcell.app.jobs import Jobs
from solidcell.errors import ValidationError

#: seconds allowed for a job to reach a state (a cold worker imports solidcell first)
WAIT_S = 60.0


def forever(progress: Any) -> None:
    """Reports progress every 50 ms and never returns."""
    i = 0
    while True:
        progress(None, f"looping {i}")
        i += 1
        time.sleep(0.05)


def pid(progress: Any) -> int:
    progress(0.5, "halfway")
    return os.getpid()


def refuse(progress: Any) -> None:
    raise ValidationError("experiment", "Dance at 1C", "a step PyBaMM can read")


def wait_state(jobs: Jobs, job_id: str, state: str, message: str = "") -> dict[str, Any]:
    end = time.monotonic() + WAIT_S
    while time.monotonic() < end:
        status = jobs.status(job_id)
        assert status is not None
        if status["state"] == state and status["message"].startswith(message):
            return status
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} not {state} {message!r}: {jobs.status(job_id)}")


@pytest.fixture
def jobs() -> Any:
    jobs = Jobs()
    yield jobs
    jobs.close()


def test_stop_ends_a_process_job_frees_its_slot_and_a_new_job_runs(jobs: Jobs) -> None:
    first = jobs.start("simulation", forever)
    second = jobs.start("simulation", forever)
    wait_state(jobs, first, "running", "looping")
    wait_state(jobs, second, "running", "looping")
    with pytest.raises(ValidationError, match="2 jobs are running"):
        jobs.start("simulation", pid)
    worker = jobs.get(first).worker
    started = time.monotonic()
    assert jobs.stop(first)
    assert time.monotonic() - started < 5.0  # prompt: SIGTERM, SIGKILL after 2 s at worst
    assert not worker.process.is_alive()
    status = jobs.status(first)
    assert (status["state"], status["message"], status["error"]) == ("stopped", "stopped", "")
    assert not jobs.stop(first)  # already ended: nothing to stop
    # the slot is free: a third job runs to its end beside the second
    third = jobs.start("simulation", pid)
    wait_state(jobs, third, "done")
    assert jobs.get(third).result not in (os.getpid(), worker.process.pid)
    assert jobs.stop(second)


def test_a_stopped_jobs_late_progress_and_result_are_ignored(jobs: Jobs) -> None:
    job_id = jobs.start("simulation", forever)
    wait_state(jobs, job_id, "running", "looping")
    jobs.stop(job_id)
    time.sleep(0.3)  # messages still in the pipe have been read by now
    status = jobs.status(job_id)
    assert (status["state"], status["message"]) == ("stopped", "stopped")
    job = jobs.get(job_id)
    assert not job.report(0.9, "late") and not job.finish("done", result=1)
    assert (jobs.status(job_id)["message"], job.result) == ("stopped", None)


def test_a_jobs_exception_is_still_reported_with_its_field(jobs: Jobs) -> None:
    job_id = jobs.start("simulation", refuse)
    status = wait_state(jobs, job_id, "failed")
    assert status["message"] == "failed"
    assert status["error_field"] == "experiment"
    assert "Dance at 1C" in status["error"] and "a step PyBaMM can read" in status["error"]


def test_an_idle_worker_is_reused_and_a_stopped_one_replaced(jobs: Jobs) -> None:
    first = jobs.start("simulation", pid)
    wait_state(jobs, first, "done")
    second = jobs.start("simulation", pid)
    wait_state(jobs, second, "done")
    # the same process: PyBaMM imported and the model built once, not per simulation
    assert jobs.get(second).result == jobs.get(first).result
    job_id = jobs.start("simulation", forever)
    wait_state(jobs, job_id, "running", "looping")
    jobs.stop(job_id)
    third = jobs.start("simulation", pid)
    wait_state(jobs, third, "done")
    assert jobs.get(third).result != jobs.get(first).result


def test_a_worker_killed_from_outside_fails_its_job(jobs: Jobs) -> None:
    job_id = jobs.start("simulation", forever)
    wait_state(jobs, job_id, "running", "looping")
    os.kill(jobs.get(job_id).worker.process.pid, signal.SIGKILL)
    status = wait_state(jobs, job_id, "failed")
    assert "process ended unexpectedly" in status["error"]


def test_a_process_job_that_cannot_pickle_is_refused_before_it_takes_a_slot() -> None:
    jobs = Jobs(max_running=1)
    with pytest.raises(Exception, match="pickle"):
        jobs.start("simulation", lambda progress: 1)
    job_id = jobs.start("screen", pid)  # the slot is still free
    assert wait_state(jobs, job_id, "done") and jobs.get(job_id).result != os.getpid()
    jobs.close()


def test_close_stops_running_jobs_and_ends_the_workers() -> None:
    jobs = Jobs()
    done = jobs.start("simulation", pid)
    wait_state(jobs, done, "done")
    running = jobs.start("simulation", forever)
    wait_state(jobs, running, "running", "looping")
    workers = [jobs.get(running).worker, *jobs._idle]
    jobs.close()
    assert jobs.status(running)["state"] == "stopped"
    assert workers and not any(w.process.is_alive() for w in workers)
