"""The Dask connect timeout of a screen: ``scheduler_timeout_s`` in Python, ``--scheduler-timeout``
at the command line, else Dask's own setting ``distributed.comm.timeouts.connect`` (it was a
hard-coded 10 s that neither could change). A scheduler that does not answer is refused naming
its address and the timeout waited; a bad timeout is refused before anything is screened.
Every unreachable scheduler here is a real closed port of this machine, no mock."""

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
from solidcell.errors import ValidationError
from solidcell.screening.screen import CONNECT_TIMEOUT_KEY, connect_timeout_s, screen

dask_config = pytest.importorskip("dask.config")
distributed = pytest.importorskip("dask.distributed")

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
SPACE = {"base": str(EV), "parameters": {"cathode.thickness_m": {"values": ["40 um",
                                                                          "80 um"]}}}
SPACE_FILE = str(Path(__file__).resolve().parents[2] / "examples" / "spaces" / "ev.yaml")


def test_the_timeout_given_or_dask_s_setting_is_waited_and_named():
    check_timeout_waited_and_named(
        lambda address, **kw: screen(SPACE, scheduler=address, **kw))


@pytest.mark.parametrize("setting", ["2 minutes", "1.5s", "500ms", 45])
def test_connect_timeout_reads_dask_s_setting_in_seconds(setting):
    expected = {"2 minutes": 120.0, "1.5s": 1.5, "500ms": 0.5, 45: 45.0}[setting]
    with dask_config.set({CONNECT_TIMEOUT_KEY: setting}):
        assert connect_timeout_s() == pytest.approx(expected)


@pytest.mark.parametrize("setting", ["soon", "0s", "-1s", None])
def test_a_bad_dask_setting_is_named_by_its_key(setting):
    with dask_config.set({CONNECT_TIMEOUT_KEY: setting}), \
            pytest.raises(ValidationError) as err:
        screen(SPACE, scheduler=closed_port_address())
    assert (err.value.field, err.value.value) == (CONNECT_TIMEOUT_KEY, setting)
    assert "a duration > 0" in err.value.allowed


@pytest.mark.parametrize("timeout", [0, 0.0, -1.0, -math.inf, math.inf, math.nan, "10s", True,
                                     [5]])
def test_a_bad_timeout_is_refused_naming_it(timeout):
    with pytest.raises(ValidationError) as err:
        screen(SPACE, scheduler=closed_port_address(), scheduler_timeout_s=timeout)
    assert err.value.field == "scheduler_timeout_s"
    assert err.value.value is timeout
    assert "timeout > 0 s" in err.value.allowed


def test_a_timeout_without_an_address_is_refused_not_ignored():
    with pytest.raises(ValidationError) as err:
        screen(SPACE, scheduler_timeout_s=5.0)  # a local screen connects to nothing
    assert (err.value.field, err.value.value) == ("scheduler_timeout_s", 5.0)
    assert "applies only with a scheduler address" in err.value.allowed


def test_a_client_keeps_its_timeout_and_an_address_takes_one():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        result = screen(SPACE, scheduler=cluster.scheduler_address, scheduler_timeout_s=20.0)
        assert len(result.table) == 2 and result.table["Feasible"].all()
        assert clients_left(cluster) == []  # the client the screen opened is closed
        with distributed.Client(cluster) as client, pytest.raises(ValidationError) as err:
            screen(SPACE, scheduler=client, scheduler_timeout_s=20.0)
    assert err.value.field == "scheduler_timeout_s"
    assert "a dask.distributed.Client keeps the timeout it was made with" in err.value.allowed


@pytest.mark.parametrize("address", ["not an address", "tcp://127.0.0.1:port",
                                     "udp://127.0.0.1:8786"])
def test_a_malformed_address_is_not_called_unreachable(address):
    with pytest.raises(ValidationError) as err:
        screen(SPACE, scheduler=address, scheduler_timeout_s=0.2)
    assert (err.value.field, err.value.value) == ("scheduler", address)
    assert err.value.allowed.startswith("must be a Dask scheduler address such as")


def test_cli_names_the_address_and_the_timeout_option(capsys):
    check_cli_timeout_named(["screen", SPACE_FILE], capsys)


@pytest.mark.parametrize(("typed", "words"), [
    ("-1", ("'-1' is not allowed", "must be a finite timeout > 0 s")),
    ("0", ("'0' is not allowed", "must be a finite timeout > 0 s")),
    ("-2 min", ("'-2 min' is not allowed", "must be a finite timeout > 0 s")),
    ("nan", ("'nan' is not allowed", "finite timeout > 0 s")),
    ("soon", ("'soon'", "'s' or 'h'")),
    ("5 m", ("'5 m' is a length, not a time",)),
])
def test_cli_refuses_a_bad_timeout_by_its_option(typed, words, capsys):
    code, out, err = run(["screen", SPACE_FILE, "--scheduler", closed_port_address(),
                          "--scheduler-timeout", typed], capsys)
    assert_one_line_error(code, out, err, "--scheduler-timeout: ", *words)


def test_cli_refuses_a_timeout_without_a_scheduler(capsys):
    code, out, err = run(["screen", SPACE_FILE, "--scheduler-timeout", "5"], capsys)
    assert_one_line_error(code, out, err, "--scheduler-timeout: '5'",
                          "applies only with --scheduler ADDRESS")
