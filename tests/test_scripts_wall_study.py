"""scripts/wall_robustness_study.py (the OCP wall's robustness study, docs/simulation.md, OCP
ends): its grid, its summary and one quick solve, so the script cannot rot."""

from __future__ import annotations

import csv
import importlib.util
import math
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "wall_robustness_study.py"


@pytest.fixture(scope="module")
def study():
    spec = importlib.util.spec_from_file_location("wall_robustness_study", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_the_grids_are_the_documented_ones(study):
    """567 full-cell cases (3 designs) and 378 half-cell cases (2 designs): 7 rates x 3 meshes
    x 3 temperatures x 3 starts each (docs/simulation.md); every case once."""
    full = study.build_grid(list(study.full_cells()))
    half = study.build_grid(list(study.half_cells()))
    assert (len(full), len(half)) == (567, 378)
    assert len(set(full)) == 567 and len(set(half)) == 378
    assert {c.c_rate for c in full} == {0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 3.0}
    assert {c.start for c in full} == {None, "4.02 V", "3.8 V"}


def test_the_quick_subset_is_evenly_spread(study):
    """--quick keeps every 9th case: each design, mesh, start, temperature and rate appears;
    the order keeps one built model per (design, mesh, start) together."""
    grid = study.build_grid(list(study.full_cells()))
    quick = study.build_grid(list(study.full_cells()), study.QUICK_EVERY)
    assert quick == grid[::study.QUICK_EVERY]
    for attr in ("cell", "mesh", "start", "temperature_K", "c_rate"):
        assert {getattr(c, attr) for c in quick} == {getattr(c, attr) for c in grid}
    keys = [(c.cell, c.mesh, c.start) for c in grid]
    block = len(study.RATES) * len(study.TEMPERATURES_K)
    assert all(keys.index(k) + block == len(keys) - keys[::-1].index(k) for k in set(keys))
    with pytest.raises(ValueError, match="every=0"):
        study.build_grid(["A"], 0)


def test_the_summary_counts_what_it_names(study):
    def row(a, b, share_a, share_b, retry=False, error=""):
        return {"a_ended": a, "b_ended": b, "a_share_pct": share_a, "b_share_pct": share_b,
                "a_retry": retry, "a_error": error, "diff_pct": abs(share_a - share_b)}

    rows = [row("cut-off", "cut-off", 99.0, 99.5),
            row("wall event", "cut-off", 97.0, 100.2, retry=True),
            row("failed", "failed", math.nan, math.nan, error="SimulationFailed: x"),
            row("cut-off at start", "cut-off at start", 0.0, 0.0)]
    s = study.summary(rows)
    assert (s["cases"], s["a_failed"], s["a_wall_event"], s["a_other_end"]) == (4, 1, 1, 2)
    assert (s["a_retry_used"], s["a_error_text"], s["b_failed"], s["b_other_end"]) == (
        1, 1, 1, 1)
    assert (s["a_cut_off_at_start"], s["b_cut_off_at_start"]) == (1, 1)
    assert s["max_diff_pct"] == pytest.approx(3.2) and s["max_share_pct"] == 100.2
    assert math.isnan(study.summary([])["max_diff_pct"])


def test_how_a_discharge_ended_is_named(study):
    assert study.ended("event: Minimum voltage [V]") == "cut-off"
    assert study.ended("event: Positive particle surface reached the upper end of its OCP "
                       "data") == "wall event"
    assert study.ended("no capacity: x") == "cut-off at start"
    from solidcell.simulation.pybamm_adapter import CutoffAtStart, SimulationFailed

    assert study.failed(CutoffAtStart("f", "x")) == "cut-off at start"
    assert study.failed(SimulationFailed("f", "IDA_CONV_FAIL")) == "failed"


def test_the_retry_counter_leaves_the_model_as_it_was(study):
    from solidcell.simulation import pybamm_adapter as pa

    real = pa.BuiltCell.tight_twin, pa.BuiltCell._solve_once
    with study.retries_counted() as seen:
        assert pa.BuiltCell.tight_twin is not real[0] and seen == [0, ""]
    assert (pa.BuiltCell.tight_twin, pa.BuiltCell._solve_once) == real


def test_one_quick_case_writes_its_row(study, tmp_path, capsys):
    """The grid's first case (design A, coarse mesh, 273.15 K, charged end, 0.05C), both
    tolerances: it ends at the cut-off within the window plus the wall's reach
    (WALL_WIDTH of the cathode's OCP data window)."""
    from solidcell.simulation.ocp import WALL_WIDTH

    out = tmp_path / "wall.csv"
    assert study.main(["--every", "567", "--out", str(out)]) == 0
    (row,) = list(csv.DictReader(out.open()))
    assert (row["cell"], row["mesh"], row["start"], row["c_rate"]) == (
        "A 60|80um r3um", "coarse", "charged", "0.05")
    pos = study.full_cells()["A 60|80um r3um"].positive.ocp
    reach = 100.0 * WALL_WIDTH / (pos.upper - pos.lower)
    for side in "ab":
        assert row[f"{side}_ended"] == "cut-off"
        assert 0.0 < float(row[f"{side}_share_pct"]) <= 100.0 + reach
    assert row["a_loose_ended"] == "cut-off" and row["a_retry"] == "False"
    assert "a_failed: 0" in capsys.readouterr().out
