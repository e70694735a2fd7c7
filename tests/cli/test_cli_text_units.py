"""Text output for people: every column names its unit, tables never show a Python repr
(True, nan, a list), and a progress bar does not end up in a log or a pipe."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import run_main
from solidcell.cli._common import fmt

ROOT = Path(__file__).resolve().parents[2]
THIN_FILM = str(ROOT / "examples" / "thin-film-lco-lipon-li.yaml")


def run(*args: str, db: Path) -> subprocess.CompletedProcess:
    """``python -m solidcell ARGS`` as a real process (stdout and stderr pipes)."""
    env = dict(os.environ, SOLIDCELL_DB=str(db), PYBAMM_DISABLE_TELEMETRY="true",
               MPLBACKEND="Agg", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "solidcell", *args], capture_output=True,
                          text=True, env=env, timeout=300, cwd=ROOT)


def run_in(*args: str, db: Path) -> subprocess.CompletedProcess:
    """``solidcell ARGS`` in this process (``clirun.run_main``), with the environment ``run``
    gives: for the text checks that are not about a process (a process of its own imported
    PyBaMM again: seconds of CPU each, H325)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOLIDCELL_DB", str(db))
        mp.setenv("COLUMNS", "200")
        return run_main(*args)


def test_table_cells_are_never_python_reprs() -> None:
    assert (fmt(True), fmt(False), fmt(None)) == ("yes", "no", "-")
    assert fmt(math.nan) == "-" and fmt(math.inf) == "-" and fmt(-math.inf) == "-"
    assert fmt(0.123456) == "0.1235" and fmt(3) == "3"


def test_rate_capability_of_the_thin_film_cell(tmp_path: Path) -> None:
    """The dense thin-film cell simulates (PyBaMM thin-film model); the table's columns carry
    their units, and the PyBaMM progress bar stays off when stderr is a pipe."""
    res = run("rate-capability", THIN_FILM, "--rates", "0.5,2", db=tmp_path / "m.sqlite")
    assert res.returncode == 0, res.stderr
    assert "thin-film model" in res.stdout
    for header in ("C-rate (1/h)", "capacity (mAh)", "energy (Wh)", "mean voltage (V)",
                   "areal power (W/m2)"):
        assert header in res.stdout, header
    assert "rates:" not in res.stderr and "it/s" not in res.stderr, res.stderr


def test_capacities_of_a_large_cell_are_shown_in_ah() -> None:
    """A 21 Ah pouch read "1.759e+04 mAh": a cell of at least 1 Ah is shown in Ah, a
    thin-film cell (far below 1 Ah) keeps mAh; the JSON stays in A.h either way."""
    from solidcell.cli.simulate import capacity_unit

    assert capacity_unit(21.38) == ("Ah", 1.0) and capacity_unit(1.0) == ("Ah", 1.0)
    assert capacity_unit(0.999) == ("mAh", 1000.0) and capacity_unit(2e-4) == ("mAh", 1000.0)


def test_simulate_of_the_ev_pouch_shows_ah(tmp_path: Path) -> None:
    res = run_in("simulate", str(ROOT / "examples" / "ev-nmc811-lpscl-li.yaml"),
                 db=tmp_path / "m.sqlite")
    assert res.returncode == 0, res.stderr
    assert "delivered capacity (Ah)" in res.stdout and "e+04" not in res.stdout


def test_route_reasons_read_as_text(tmp_path: Path) -> None:
    """A rejected process names the layers that need another atmosphere as words, not as a
    Python list ("layers ['anode'] need ...")."""
    res = run_in("route", THIN_FILM, "--all", db=tmp_path / "m.sqlite")
    assert res.returncode == 0, res.stderr
    assert re.search(r"layers [a-z ,]+ need", res.stdout)
    assert "['" not in res.stdout and "True" not in res.stdout
