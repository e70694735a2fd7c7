"""The Dask scheduler of the MD workflow (run_md, ``solidcell md``) takes a connect timeout as
the screen does (solidcell.dask_adapter): ``scheduler_timeout_s`` / ``--scheduler-timeout``, else
Dask's setting ``distributed.comm.timeouts.connect``. Before, run_md waited Dask's default with
no way to change it, and an unreachable scheduler came back as Dask's bare OSError after the
relaxation. The scheduler is now connected to first, before CHGNet is needed, so these run
with or without the md extra. Every unreachable scheduler is a real closed local port."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run
from daskhelpers import (
    check_cli_timeout_named,
    check_timeout_waited_and_named,
    clients_left,
    closed_port_address,
)
from solidcell.discovery.md import run_md
from solidcell.errors import UnsupportedError, ValidationError

dask_config = pytest.importorskip("dask.config")
distributed = pytest.importorskip("dask.distributed")

CIF = str(Path(__file__).resolve().parents[1] / "data" / "discovery"
          / "obelix_de5_Li3InCl6.cif")
TEMPS = (600.0, 800.0)


def test_the_timeout_given_or_dask_s_setting_is_waited_and_named():
    check_timeout_waited_and_named(
        lambda address, **kw: run_md(CIF, TEMPS, scheduler=address, **kw))


@pytest.mark.parametrize("timeout", [0, -1.0, math.inf, math.nan, "10s", True])
def test_a_bad_timeout_is_refused_naming_it(timeout):
    with pytest.raises(ValidationError) as err:
        run_md(CIF, TEMPS, scheduler=closed_port_address(), scheduler_timeout_s=timeout)
    assert (err.value.field, err.value.value) == ("scheduler_timeout_s", timeout)
    assert "timeout > 0 s" in err.value.allowed


def test_a_timeout_without_an_address_is_refused_not_ignored():
    with pytest.raises(ValidationError) as err:
        run_md(CIF, TEMPS, scheduler_timeout_s=5.0)
    assert (err.value.field, err.value.value) == ("scheduler_timeout_s", 5.0)
    assert "applies only with a scheduler address" in err.value.allowed


@pytest.mark.parametrize("scheduler", ["", "not an address", "udp://127.0.0.1:8786", 8786])
def test_a_malformed_scheduler_is_refused_not_run_locally(scheduler):
    # "" ran the MD locally (`if scheduler:`); 8786 reached Dask's Client
    with pytest.raises(ValidationError) as err:
        run_md(CIF, TEMPS, scheduler=scheduler)
    assert (err.value.field, err.value.value) == ("scheduler", scheduler)
    assert err.value.allowed.startswith("must be a Dask scheduler address")


def test_a_reachable_scheduler_is_connected_first_and_closed_after():
    """A live scheduler is connected to with the timeout given; the run then stops where the
    md extra is missing (or at the species, where it is installed) and the client is closed."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        with pytest.raises((UnsupportedError, ValidationError)) as err:
            run_md(CIF, TEMPS, species="Na", scheduler=cluster.scheduler_address,
                   scheduler_timeout_s=20.0)
        assert clients_left(cluster) == []
    assert "solidcell[md]" in str(err.value) or err.value.field == "species"


def test_cli_names_the_address_and_the_timeout_option(capsys):
    check_cli_timeout_named(["md", CIF, "--temperatures", "600,800"], capsys)


@pytest.mark.parametrize(("typed", "words"), [
    ("-1", ("'-1' is not allowed", "must be a finite timeout > 0 s")),
    ("0", ("'0' is not allowed", "must be a finite timeout > 0 s")),
    ("nan", ("'nan' is not allowed", "finite timeout > 0 s")),
    ("5 m", ("'5 m' is a length, not a time",)),
])
def test_cli_refuses_a_bad_timeout_by_its_option(typed, words, capsys):
    code, out, err = run(["md", CIF, "--temperatures", "600,800", "--scheduler",
                          closed_port_address(), "--scheduler-timeout", typed], capsys)
    assert_one_line_error(code, out, err, "--scheduler-timeout: ", *words)


def test_cli_refuses_a_timeout_without_a_scheduler(capsys):
    code, out, err = run(["md", CIF, "--temperatures", "600,800", "--scheduler-timeout", "5"],
                         capsys)
    assert_one_line_error(code, out, err, "--scheduler-timeout: '5'",
                          "applies only with --scheduler ADDRESS")
