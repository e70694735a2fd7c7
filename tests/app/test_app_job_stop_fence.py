"""A page's Stop ends every running job of that kind of the page, and a Run the page
requested before its Stop starts stopped (solidcell.app.jobs.Jobs.stop_owned and
``start(requested_at=)``): Run clicked twice then Stop twice left the second run computing
when its request was answered after the Stops (CI under load, 2026-12-07,
test_run_twice_and_stop_twice_quickly). Real worker processes, no mocks."""

from __future__ import annotations

import time

import pytest
from test_app_job_stop import forever, wait_state

from solidcell.app.jobs import Jobs


@pytest.fixture
def jobs() -> Jobs:
    jobs = Jobs()
    yield jobs
    jobs.close()


def test_stop_owned_ends_every_running_job_of_the_page_and_kind(jobs: Jobs) -> None:
    mine = jobs.start("simulation", forever, owner="page-a")
    other_page = jobs.start("simulation", forever, owner="page-b")
    wait_state(jobs, mine, "running", "looping")
    assert jobs.stop_owned("page-a", "screen") == []  # another kind: nothing stopped
    assert jobs.stop_owned("page-a", "simulation") == [mine]
    assert jobs.status(mine)["state"] == "stopped"
    assert jobs.status(other_page)["state"] == "running"  # another page's run goes on


def test_a_run_requested_before_the_page_s_stop_starts_stopped(jobs: Jobs) -> None:
    requested = time.monotonic()  # the Run's request arrived ...
    jobs.stop_owned("page-a", "simulation")  # ... then the page's Stop
    late = jobs.start("simulation", forever, owner="page-a", requested_at=requested)
    assert jobs.status(late)["state"] == "stopped"
    # it took no slot: two more runs start
    first = jobs.start("simulation", forever, owner="page-b")
    second = jobs.start("simulation", forever, owner="page-c")
    assert {jobs.status(i)["state"] for i in (first, second)} == {"running"}


def test_a_run_requested_after_the_stop_runs(jobs: Jobs) -> None:
    jobs.stop_owned("page-a", "simulation")
    again = jobs.start("simulation", forever, owner="page-a", requested_at=time.monotonic())
    wait_state(jobs, again, "running", "looping")


def test_the_fence_is_per_page_and_kind(jobs: Jobs) -> None:
    requested = time.monotonic()
    jobs.stop_owned("page-a", "simulation")
    screen = jobs.start("screen", forever, owner="page-a", requested_at=requested)
    other = jobs.start("simulation", forever, owner="page-b", requested_at=requested)
    assert jobs.status(screen)["state"] == "running"
    assert jobs.status(other)["state"] == "running"


def test_no_owner_no_fence(jobs: Jobs) -> None:
    assert jobs.stop_owned(None, "simulation") == []
    run = jobs.start("simulation", forever, requested_at=time.monotonic() - 10)
    assert jobs.status(run)["state"] == "running"


def test_a_run_whose_later_request_started_first_starts_stopped(jobs: Jobs) -> None:
    """Run clicked twice: the second request's job started before the first request's
    (the server's threads took them out of order). The page keeps the second request's
    answer (Dash drops an earlier answer of the same callback still under way), so the
    first request's job must not replace it: it replaced the second's and computed out
    of sight while the page showed a stopped run, whose Stop was never enabled
    (test_run_twice_and_stop_twice_quickly, flaky under load, 2026-12-07)."""
    first_request = time.monotonic()
    second_request = first_request + 1e-3
    second = jobs.start("simulation", forever, owner="page-a", requested_at=second_request)
    first = jobs.start("simulation", forever, owner="page-a", requested_at=first_request)
    assert jobs.status(first)["state"] == "stopped"
    wait_state(jobs, second, "running", "looping")
    # another page's earlier request is not superseded by this page's later one
    other = jobs.start("simulation", forever, owner="page-b", requested_at=first_request)
    assert jobs.status(other)["state"] == "running"


def test_runs_started_in_request_order_replace_the_earlier(jobs: Jobs) -> None:
    first_request = time.monotonic()
    first = jobs.start("simulation", forever, owner="page-a", requested_at=first_request)
    second = jobs.start("simulation", forever, owner="page-a",
                        requested_at=first_request + 1e-3)
    assert jobs.status(first)["state"] == "stopped"
    wait_state(jobs, second, "running", "looping")
