"""The dashboard's screen jobs in worker processes, bad and concurrent use (H106 audit): a
screen whose input fails inside the worker, Run pressed again while a screen runs, a screen
beside a simulation, Stop twice, Stop after done. Real dashboard and workers, no mocks."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from browserhelpers import SCREEN_DESIGN, SCREEN_RANGES, screen_dashboard

DESIGN, RANGES = SCREEN_DESIGN, SCREEN_RANGES
WAIT_S = 120.0


def wait_until(jobs: Any, job_id: str, done: Any) -> dict[str, Any]:
    end = time.monotonic() + WAIT_S
    while time.monotonic() < end:
        status = jobs.status(job_id)
        if done(status):
            return status
        time.sleep(0.02)
    raise AssertionError(f"job {job_id}: {jobs.status(job_id)}")


@pytest.fixture
def dashboard(tmp_path: Path) -> Any:
    app = screen_dashboard(tmp_path, **{"sim-run": 1, "sim-stop": 1,
                                        "sim-experiment": "Discharge at 1C until 3.0 V"})
    try:
        yield app
    finally:
        app.state.jobs.close()


def _run(dashboard: Any, **values: Any) -> str:
    return dashboard.call("scr-run.n_clicks", "scr-job", **values)["scr-job"]["data"]


def test_run_again_stops_the_screen_the_page_no_longer_shows(dashboard: Any) -> None:
    """Run pressed while a screen ran started a second one and left the first computing,
    out of reach of Stop (the page keeps one job id) and holding one of the two slots: with
    a simulation started meanwhile, the next Run was refused ('2 jobs are running')."""
    jobs = dashboard.state.jobs
    first = _run(dashboard, **{"scr-n": "20000"})
    second = _run(dashboard, **{"scr-job": first})
    assert second != first
    assert jobs.status(first)["state"] == "stopped"
    done = wait_until(jobs, second, lambda s: s["state"] != "running")
    assert done["state"] == "done", done


def test_stop_twice_and_stop_after_done_keep_the_first_answer(dashboard: Any) -> None:
    jobs = dashboard.state.jobs
    job_id = _run(dashboard, **{"scr-n": "20000"})
    for _ in range(2):
        shown = dashboard.call("scr-stop.n_clicks", "scr-progress", **{"scr-job": job_id})
        assert "screen stopped" in str(shown["scr-result"]["children"])
    assert jobs.status(job_id)["state"] == "stopped"
    small = _run(dashboard)
    wait_until(jobs, small, lambda s: s["state"] == "done")
    idle = list(jobs._idle)
    shown = dashboard.call("scr-stop.n_clicks", "scr-progress", **{"scr-job": small})
    assert "300 designs" in str(shown["scr-result"]["children"])  # the result stays
    assert jobs.status(small)["state"] == "done" and jobs._idle == idle  # worker kept


def test_a_screen_whose_input_fails_in_the_worker_frees_its_worker(dashboard: Any) -> None:
    jobs = dashboard.state.jobs
    job_id = _run(dashboard, **{"scr-application": "mars"})
    status = wait_until(jobs, job_id, lambda s: s["state"] != "running")
    assert (status["state"], status["error_field"]) == ("failed", "application")
    assert len(jobs._idle) == 1  # the worker survived the refusal and is kept
    again = _run(dashboard)
    assert wait_until(jobs, again, lambda s: s["state"] != "running")["state"] == "done"


def test_a_screen_beside_a_simulation_and_a_second_simulation_run(dashboard: Any) -> None:
    """A screen runs beside a simulation and never stops it (not even given its id); Run
    of the simulation again stops the one it replaces, as for screens."""
    jobs = dashboard.state.jobs
    sim = dashboard.call("sim-run.n_clicks", "sim-job")["sim-job"]["data"]
    screen_id = _run(dashboard, **{"scr-job": sim})
    assert jobs.status(sim)["state"] == "running"
    assert wait_until(jobs, screen_id, lambda s: s["state"] != "running")["state"] == "done"
    asked = time.monotonic()
    again = dashboard.call("sim-run.n_clicks", "sim-job", **{"sim-job": sim})["sim-job"]["data"]
    first = jobs.get(sim)
    # stopped by the second Run, unless it had finished before that Run was pressed
    assert first.state == "stopped" or (first.state == "done" and first.finished < asked)
    assert jobs.status(again)["state"] in ("running", "done")
