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
    # stated valid region (composite ohmic number <= 0.04 V); set seed 7, 16 designs, the
    # default ocp_ends "auto" (NMC811 behind the wall, LCO and NCA "stop"). Measured
    # 2026-12-07: max 0.14 % inside (70 cases; "stop" everywhere: 0.99 %), RMSE max 5.4 mV
    # (docs/validation.md)
    cmp = compare_fast_to_pybamm(validation_designs(16, seed=7))
    assert cmp.ocp_ends == ("wall", "stop", "stop") * 5 + ("wall",)
    inside = cmp.valid
    assert inside.sum() >= 60
    assert np.max(np.abs(cmp.capacity_error[inside])) <= 0.02
    assert np.nanmax(cmp.voltage_rmse_V[inside]) <= 0.015
    assert np.max(np.abs(cmp.capacity_error[inside])) == pytest.approx(0.0014, abs=3e-4)


@pytest.mark.slow
def test_every_example_design_simulates_or_says_why(repo_root: Path) -> None:
    from solidcell.simulation.runs import rate_capability

    paths = sorted((repo_root / "examples").glob("*.yaml"))
    simulated = 0
    for path in paths:
        try:
            res = rate_capability(path, [0.1, 0.5, 1.0, 2.0], mesh="coarse")
        except SolidcellError as exc:  # a clear, named reason
            assert str(exc)
            continue
        assert np.all(np.isfinite(res.capacity_A_h))
        assert np.all(np.diff(res.capacity_A_h) <= 1e-9)
        simulated += 1
    # the example designs are part of the repository; the EV example at least simulates
    assert len(paths) >= 1 and simulated >= 1


@pytest.mark.slow
def test_temperature_sweep_follows_the_knowledge_base() -> None:
    from simhelpers import design_dict

    from solidcell.cell.design import CellDesign
    from solidcell.chemistry.conductivity import conductivity_at
    from solidcell.simulation.runs import temperature_sweep

    design = CellDesign(**design_dict(**{"separator.electrolyte": "lgps",
                                         "cathode.electrolyte": "lgps"}))
    temps = [278.15, 298.15, 333.15]
    res = temperature_sweep(design, temps, c_rate=1.0, mesh="coarse")
    expected = conductivity_at("lgps", temps).ionic_conductivity_S_m
    assert np.allclose(res.separator_conductivity_S_m, expected)
    assert np.all(np.isfinite(res.capacity_A_h)) and np.all(res.capacity_A_h > 0)
    assert "Temperature [K]" in res.to_json()


@pytest.mark.slow
def test_batches_over_processes_equal_serial() -> None:
    from simhelpers import half_cell

    from solidcell.simulation.runs import rate_capability, rate_capability_many

    cells = [half_cell(kappa=k) for k in (0.1, 1.0)]
    many = rate_capability_many(cells, [0.5, 2.0], mesh="coarse", workers=2)
    for cp, res in zip(cells, many, strict=True):
        one = rate_capability(cp, [0.5, 2.0], mesh="coarse")
        assert np.allclose(res.capacity_A_h, one.capacity_A_h, rtol=1e-6)


@pytest.mark.slow
def test_batches_over_dask_equal_serial() -> None:
    from dask.distributed import Client, LocalCluster
    from simhelpers import half_cell

    from solidcell.simulation.runs import rate_capability, rate_capability_many

    cell = half_cell(kappa=0.5)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False) as cluster, \
            Client(cluster) as client:
        (res,) = rate_capability_many([cell], [1.0], mesh="coarse", scheduler=client)
    one = rate_capability(cell, [1.0], mesh="coarse")
    assert np.allclose(res.capacity_A_h, one.capacity_A_h, rtol=1e-6)
