"""Long scientific checks: the fast model against PyBaMM, every example design."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from solidcell.errors import SolidcellError
from solidcell.simulation.validation import compare_fast_to_pybamm, validation_designs


@pytest.mark.slow
def test_fast_model_meets_its_goals_inside_the_valid_region() -> None:
    # goals of issue 4: capacity within 2 %, voltage RMSE <= 15 mV over 0.1C-2C, inside the
    # stated valid region (composite ohmic number <= 0.04 V); set seed 7, 16 designs
    cmp = compare_fast_to_pybamm(validation_designs(16, seed=7))
    inside = cmp.valid
    assert inside.sum() >= 60
    assert np.max(np.abs(cmp.capacity_error[inside])) <= 0.02
    assert np.nanmax(cmp.voltage_rmse_V[inside]) <= 0.015


@pytest.mark.slow
def test_every_example_design_simulates_or_says_why(repo_root: Path) -> None:
    from solidcell.simulation.simulate import rate_capability

    for path in sorted((repo_root / "examples").glob("*.yaml")):
        try:
            res = rate_capability(path, [0.1, 0.5, 1.0, 2.0], mesh="coarse")
        except SolidcellError as exc:  # a clear, named reason
            assert str(exc)
            continue
        assert np.all(np.isfinite(res.capacity_A_h))
        assert np.all(np.diff(res.capacity_A_h) <= 1e-9)
