"""The dashboard's screen jobs run in a worker process (solidcell.app.jobs): Stop ends the
worker even inside a chunk, a finished screen's table is the engine's own, a refused input
still names its field. Real dashboard, real worker processes, no mocks."""

from __future__ import annotations

import multiprocessing
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import SCREEN_DESIGN, SCREEN_RANGES, screen_dashboard
from pandas.testing import assert_frame_equal

from solidcell.app.jobs import Jobs
from solidcell.app.server import _screen, screen_space
from solidcell.cell.design import CellDesign
from solidcell.screening.screen import screen

DESIGN, RANGES = SCREEN_DESIGN, SCREEN_RANGES
#: seconds allowed for a job to reach a state (a cold worker imports solidcell first)
WAIT_S = 120.0
#: designs of the "big" screen: 3 chunks of the engine's default 250 000, then a Pareto front
#: of 600 000 rows (seconds of numpy work after the last chunk, which nothing interrupts)
BIG = 600_000


def wait_until(jobs: Jobs, job_id: str, done: Any) -> dict[str, Any]:
    end = time.monotonic() + WAIT_S
    while time.monotonic() < end:
        status = jobs.status(job_id)
        assert status is not None
        if done(status):
            return status
        time.sleep(0.02)
    raise AssertionError(f"job {job_id}: {jobs.status(job_id)}")


def workers() -> set[Any]:
    """This test process's live job worker processes."""
    return {p for p in multiprocessing.active_children() if p.name == "solidcell-job-worker"}


def test_a_stopped_big_screen_leaves_no_running_worker_and_frees_the_slot() -> None:
    design = CellDesign.from_yaml(DESIGN)
    space = {**screen_space(design, RANGES, "1"), "n": BIG}  # beyond the form's 20 000
    jobs = Jobs(max_running=1)
    try:
        job_id = jobs.start("screen", partial(_screen, screen, space, "ev"))
        # inside the screen: a chunk reported, the rest and the front to come
        wait_until(jobs, job_id, lambda s: s["message"].endswith("of 3 chunks"))
        worker = jobs.get(job_id).worker
        assert jobs.stop(job_id)  # it was still running
        # stop returns once the worker has ended (SIGTERM, SIGKILL after KILL_AFTER_S)
        assert not worker.process.is_alive() and worker.process.exitcode is not None
        assert worker not in jobs._idle  # a stopped job's worker is never reused
        status = jobs.status(job_id)
        assert (status["state"], status["message"]) == ("stopped", "stopped")
        assert status["fraction"] in (1 / 3, 2 / 3, 1.0)  # the chunks reported before Stop
        # no later progress or result reaches the job
        time.sleep(0.3)
        assert jobs.status(job_id)["message"] == "stopped" and jobs.get(job_id).result is None
        # the one slot is free: a small screen runs to its end in a new worker
        small = jobs.start("screen", partial(_screen, screen, {**space, "n": 50}, "ev"))
        assert wait_until(jobs, small, lambda s: s["state"] != "running")["state"] == "done"
        assert len(jobs.get(small).result.table) == 50
    finally:
        jobs.close()


@pytest.fixture
def dashboard(tmp_path: Path) -> Any:
    """The dashboard (Flask test client, its callbacks' JSON as the page posts it) over the
    EV example; its jobs are closed at the end."""
    app = screen_dashboard(tmp_path)
    try:
        yield app
    finally:
        app.state.jobs.close()


def _run_screen(dashboard: Any, **values: Any) -> str:
    started = dashboard.call("scr-run.n_clicks", "scr-job", **values)
    return started["scr-job"]["data"]


def test_a_screen_run_to_the_end_gives_the_engines_table(dashboard: Any) -> None:
    jobs = dashboard.state.jobs
    job_id = _run_screen(dashboard)
    status = wait_until(jobs, job_id, lambda s: s["state"] != "running")
    assert (status["state"], status["fraction"]) == ("done", 1.0), status
    assert jobs.get(job_id).worker is None and len(jobs._idle) == 1  # kept for the next one
    shown = dashboard.call("scr-poll.n_intervals", "scr-progress", **{"scr-job": job_id})
    assert "300 designs" in str(shown["scr-result"]["children"])
    direct = screen(screen_space(CellDesign.from_yaml(DESIGN), RANGES, "300"),
                    application="ev")
    assert_frame_equal(jobs.get(job_id).result.table, direct.table)


def test_a_stop_click_ends_the_screens_worker(dashboard: Any) -> None:
    before = workers()
    job_id = _run_screen(dashboard, **{"scr-n": "20000"})
    stopped = dashboard.call("scr-stop.n_clicks", "scr-progress", **{"scr-job": job_id})
    assert "screen stopped" in str(stopped["scr-result"]["children"])
    assert dashboard.state.jobs.status(job_id)["state"] == "stopped"
    assert workers() <= before  # its worker has ended: not running, not kept idle
    # the slot is free: the next screen runs to its front
    again = _run_screen(dashboard)
    assert wait_until(dashboard.state.jobs, again,
                      lambda s: s["state"] != "running")["state"] == "done"


def test_a_screen_the_engine_refuses_names_the_field(dashboard: Any) -> None:
    jobs = dashboard.state.jobs
    job_id = _run_screen(dashboard, **{"scr-application": "mars"})
    status = wait_until(jobs, job_id, lambda s: s["state"] != "running")
    assert (status["state"], status["error_field"]) == ("failed", "application")
    assert status["error"].startswith("application: 'mars'")
    shown = dashboard.call("scr-poll.n_intervals", "scr-progress", **{"scr-job": job_id})
    assert "screen failed: application: 'mars'" in str(shown["scr-result"]["children"])
