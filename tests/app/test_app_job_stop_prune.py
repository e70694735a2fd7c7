"""The Stop times of the pages' fences are dropped once no Run request they can fence is
under way (solidcell.app.jobs.Jobs.request, ``_prune_stops``): one time per page and kind
that pressed Stop was kept for the life of the server. The fence still holds a Run whose
request arrived before its page's Stop (Jobs.stop_owned, ``start(requested_at=)``). Real
worker processes, no mocks; the property test drives the rule with a clock of its own."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_app_job_stop import forever, wait_state

import solidcell.app.jobs as jobs_module
from solidcell.app.jobs import Jobs


@pytest.fixture
def jobs() -> Jobs:
    jobs = Jobs()
    yield jobs
    jobs.close()


def test_a_run_requested_before_the_stop_starts_stopped_and_the_stop_is_then_dropped(
        jobs: Jobs) -> None:
    with jobs.request() as requested:
        jobs.stop_owned("page-a", "simulation")  # the page's Stop, after the Run's request
        late = jobs.start("simulation", forever, owner="page-a", requested_at=requested)
        assert jobs.status(late)["state"] == "stopped"
        assert jobs.stops_kept() == [("page-a", "simulation")]
    # no request is under way: each one to come arrives after the Stop
    assert jobs.stops_kept() == []
    with jobs.request() as requested:
        again = jobs.start("simulation", forever, owner="page-a", requested_at=requested)
    wait_state(jobs, again, "running", "looping")


def test_a_stop_is_kept_while_an_older_request_is_under_way(jobs: Jobs) -> None:
    with jobs.request() as older:
        with jobs.request() as newer:
            jobs.stop_owned("page-a", "screen")
            assert jobs.status(jobs.start("screen", forever, owner="page-a",
                                          requested_at=newer))["state"] == "stopped"
        # the newer request ended; the older one can still reach start: the Stop is kept
        assert jobs.stops_kept() == [("page-a", "screen")]
        late = jobs.start("screen", forever, owner="page-a", requested_at=older)
        assert jobs.status(late)["state"] == "stopped"
    assert jobs.stops_kept() == []


def test_a_stop_after_every_request_under_way_is_kept_until_they_end(jobs: Jobs) -> None:
    with jobs.request():
        pass
    jobs.stop_owned("page-b", "simulation")  # no request under way
    assert jobs.stops_kept() == [("page-b", "simulation")]
    with jobs.request() as requested:  # arrives after the Stop: not fenced
        run = jobs.start("simulation", forever, owner="page-b", requested_at=requested)
    wait_state(jobs, run, "running", "looping")
    assert jobs.stops_kept() == []


def test_the_stops_of_many_pages_do_not_pile_up(jobs: Jobs) -> None:
    run = jobs.start("simulation", forever, owner="page-0")
    wait_state(jobs, run, "running", "looping")
    for page in range(200):  # a page loaded, Stop pressed, gone
        jobs.stop_owned(f"page-{page}", "simulation")
        with jobs.request():
            pass
    assert jobs.stops_kept() == []
    assert jobs.status(run)["state"] == "stopped"  # its page's Stop ended it


def test_a_request_ended_by_an_error_is_no_longer_under_way(jobs: Jobs) -> None:
    with pytest.raises(RuntimeError), jobs.request():
        jobs.stop_owned("page-c", "simulation")
        raise RuntimeError("the callback failed before its start")
    assert jobs.stops_kept() == []


#: one step of the property test: a request arrives, the oldest or newest request under
#: way ends (starting its job), or a page presses Stop
_STEPS = st.lists(st.one_of(st.just(("arrive",)), st.tuples(st.just("end"), st.booleans()),
                            st.tuples(st.just("stop"), st.sampled_from(["p", "q"]))),
                  max_size=40)


@settings(max_examples=300, deadline=None)
@given(steps=_STEPS, owners=st.lists(st.sampled_from(["p", "q"]), min_size=40, max_size=40))
def test_pruning_never_changes_which_runs_are_fenced(steps: list[tuple[object, ...]],
                                                     owners: list[str]) -> None:
    """Each request's start is fenced exactly when its page pressed Stop after the request
    arrived (the rule with every Stop time kept), however the requests and Stops
    interleave; the clock ticks once per reading, so no two events share a time."""
    tick = itertools.count(1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(jobs_module, "time", SimpleNamespace(monotonic=lambda: float(next(tick))))
        jobs = Jobs()
        open_requests: list[tuple[object, float, str, int]] = []  # (block, arrived, owner, i)
        stopped_at: list[tuple[str, int]] = []  # (owner, step) of every Stop
        for i, step in enumerate(steps):
            if step[0] == "arrive":
                block = jobs.request()
                open_requests.append((block, block.__enter__(), owners[i], i))
            elif step[0] == "stop":
                jobs.stop_owned(step[1], "simulation")
                stopped_at.append((step[1], i))
            elif open_requests:
                block, arrived, owner, at = open_requests.pop(-1 if step[1] else 0)
                fenced = any(o == owner and s > at for o, s in stopped_at)
                assert jobs._stopped_since(owner, "simulation", arrived) is fenced
                block.__exit__(None, None, None)
                # pruned: kept is each page's last Stop after the oldest request under way
                oldest = min((at for *_rest, at in open_requests), default=len(steps))
                last = dict(stopped_at)
                assert set(jobs.stops_kept()) == {(o, "simulation") for o, s in last.items()
                                                  if s > oldest}
        jobs.close()
