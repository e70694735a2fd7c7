"""The Dask scheduler of rate_capability_many takes a connect timeout as the screen does
(solidcell.dask_adapter): ``scheduler_timeout_s``, else Dask's setting
``distributed.comm.timeouts.connect``. Before, it waited Dask's default (30 s) with no way to
change it, an unreachable scheduler came back as Dask's bare OSError, and a Client it opened
from an address was never closed. Every unreachable scheduler is a real closed local port."""

from __future__ import annotations

import math

import pytest
from simhelpers import half_cell

from daskhelpers import (
    check_timeout_waited_and_named,
    clients_left,
    closed_port_address,
)
from solidcell.errors import ValidationError
from solidcell.simulation.runs import rate_capability_many

dask_config = pytest.importorskip("dask.config")
distributed = pytest.importorskip("dask.distributed")

CP = half_cell()


def test_the_timeout_given_or_dask_s_setting_is_waited_and_named():
    check_timeout_waited_and_named(
        lambda address, **kw: rate_capability_many([CP], [1.0], scheduler=address, **kw))


@pytest.mark.parametrize("timeout", [0, -1.0, math.inf, math.nan, "10s", True])
def test_a_bad_timeout_is_refused_naming_it(timeout):
    with pytest.raises(ValidationError) as err:
        rate_capability_many([CP], [1.0], scheduler=closed_port_address(),
                             scheduler_timeout_s=timeout)
    assert (err.value.field, err.value.value) == ("scheduler_timeout_s", timeout)
    assert "timeout > 0 s" in err.value.allowed


def test_a_timeout_without_an_address_is_refused_not_ignored():
    with pytest.raises(ValidationError) as err:
        rate_capability_many([CP], [1.0], workers=1, scheduler_timeout_s=5.0)
    assert (err.value.field, err.value.value) == ("scheduler_timeout_s", 5.0)
    assert "applies only with a scheduler address" in err.value.allowed


@pytest.mark.parametrize("scheduler", ["not an address", "udp://127.0.0.1:8786", 8786])
def test_a_malformed_scheduler_is_refused_as_such(scheduler):
    # 8786 reached Dask's Client; the strings came back as Dask's ValueError
    with pytest.raises(ValidationError) as err:
        rate_capability_many([CP], [1.0], scheduler=scheduler)
    assert (err.value.field, err.value.value) == ("scheduler", scheduler)
    assert err.value.allowed.startswith("must be a Dask scheduler address")


def test_an_address_with_a_timeout_runs_and_its_client_is_closed():
    """The Client opened from the address was left connected after the results came back."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        (res,) = rate_capability_many([CP], [1.0], mesh="coarse",
                                      scheduler=cluster.scheduler_address,
                                      scheduler_timeout_s=20.0)
        assert clients_left(cluster) == []
        with distributed.Client(cluster) as given:  # a Client given stays open
            rate_capability_many([CP], [1.0], mesh="coarse", scheduler=given)
            assert given.status == "running"
    # the delivered capacity is a share of the cell's utilisable capacity
    assert 0.0 < res.capacity_A_h[0] <= res.utilisable_capacity_A_h
