"""The memo of rate discharges (solidcell.simulation.runs): a discharge with the same inputs is
solved once per process, one with any input changed is solved anew (coarse mesh)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from simhelpers import half_cell

from solidcell.cell.design import CellDesign
from solidcell.report.demo_steps import DEMO_RATES, EV_EXAMPLE
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.runs import DEFAULT_RATES, clear_solved, rate_capability


@pytest.fixture
def solves(monkeypatch) -> list[float]:
    """The currents [A] of the PyBaMM solves made (BuiltCell.solve wrapped), memo emptied."""
    made: list[float] = []
    solve = pa.BuiltCell.solve

    def counted(self, params, **kw):
        made.append(kw["current_A"])
        return solve(self, params, **kw)

    monkeypatch.setattr(pa.BuiltCell, "solve", counted)
    clear_solved()
    yield made
    clear_solved()


def test_the_same_discharge_is_solved_once(solves) -> None:
    cp = half_cell()
    first = rate_capability(cp, [0.5, 1.0], mesh="coarse")
    again = rate_capability(cp, [1.0, 0.5], mesh="coarse")
    assert len(solves) == 2
    assert again.capacity_A_h.tolist() == first.capacity_A_h[::-1].tolist()
    assert again.terminations == first.terminations[::-1]


@pytest.mark.parametrize("change", [
    {"rate": 2.0},
    {"lower_cutoff": 3.7},
    {"mesh": "default"},
    {"params": {"interface_resistance_ohm_m2": 60e-4}},  # an input of the built model
    {"params": {"separator_thickness_m": 60e-6}},  # the model's structure
    {"params": {"temperature_K": 318.15}},
], ids=["rate", "cut-off", "mesh", "interface resistance", "separator", "temperature"])
def test_a_changed_input_is_solved_anew(solves, change) -> None:
    cp = half_cell()
    before = rate_capability(cp, [1.0], mesh="coarse")
    other = cp.with_changes(**change.get("params", {}))
    kw = {"mesh": change.get("mesh", "coarse"), "lower_cutoff": change.get("lower_cutoff")}
    after = rate_capability(other, [change.get("rate", 1.0)], **kw)
    assert len(solves) == 2
    assert after.energy_W_h[0] != before.energy_W_h[0]


def test_a_changed_material_value_is_solved_anew(solves) -> None:
    # a slower solid diffusion, same structure otherwise: the whole params are the key
    cp = half_cell()
    slower = cp.with_changes(positive=replace(cp.positive,
                                              diffusivity_m2_s=cp.positive.diffusivity_m2_s / 10))
    a = rate_capability(cp, [2.0], mesh="coarse")
    b = rate_capability(slower, [2.0], mesh="coarse")
    assert len(solves) == 2
    assert b.capacity_A_h[0] < a.capacity_A_h[0]  # slower diffusion delivers less


def test_the_memo_answers_as_a_new_solve_does(solves) -> None:
    # the remembered discharge of 1C (solved first) is the one a solve after 0.2C gives: each
    # solve starts from the charged state whatever was solved before
    cp = half_cell()
    remembered = rate_capability(cp, [1.0, 0.2], mesh="coarse")
    clear_solved()
    fresh = rate_capability(cp, [0.2, 1.0], mesh="coarse")
    assert len(solves) == 4
    assert fresh.capacity_A_h[1] == remembered.capacity_A_h[0]
    np.testing.assert_array_equal(fresh.curves[1][1], remembered.curves[0][1])


def test_a_changed_result_does_not_change_the_memo(solves) -> None:
    cp = half_cell()
    first = rate_capability(cp, [1.0], mesh="coarse")
    voltage = first.curves[0][1].copy()
    first.curves[0][1][:] = 0.0
    assert np.array_equal(rate_capability(cp, [1.0], mesh="coarse").curves[0][1], voltage)
    assert len(solves) == 1


def test_the_demo_rates_are_not_solved_again_for_the_report(solves) -> None:
    # `solidcell demo`: the rate capability at DEMO_RATES, then the report's at DEFAULT_RATES
    design = CellDesign.from_yaml(Path(__file__).resolve().parents[2] / EV_EXAMPLE)
    rate_capability(design, DEMO_RATES, mesh="coarse")
    rate_capability(design, mesh="coarse")
    assert len(solves) == len(set(DEMO_RATES) | set(DEFAULT_RATES)) == 6
