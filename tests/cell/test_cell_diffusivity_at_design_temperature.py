"""A user's active-material ``diffusivity`` enters the diffusion C-rate limit at the design's
temperature, by the simulation's rule (one function, ``simulation.parameters.
solid_diffusivity_at``): Arrhenius from the value's own temperature with the material's
activation energy of the simulation's table (NMC811: oregan2022). Before 2026-12-07 evaluate
took it at its stored temperature at every design temperature.

Test input: NMC811's diffusivity 4.0e-15 m2/s (chen2020, the simulation's table value) added
to a user store as ``solidcell materials measure`` adds it, at 298.15 K or at 333.15 K."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import design_parameters, evaluate, evaluate_many
from solidcell.materials.schema import PropertyValue
from solidcell.screening.screen import screen
from solidcell.simulation.parameters import electrode_from_material

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
LIMIT = "Diffusion C-rate limit [h-1]"
D_CHEN = 4.0e-15  # m2/s, chen2020 (NMC811, 298.15 K)
TEMPS = (273.15, 298.15, 333.15)


def _store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_store, t_k: float) -> None:
    db = str(tmp_path / "user.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", db)
    open_store(db).add_measurement("nmc811", PropertyValue(
        name="diffusivity", value=D_CHEN, unit="m2/s", temperature=t_k, method="measured",
        source="chen2020"))


@pytest.fixture
def at_room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_store) -> None:
    _store(tmp_path, monkeypatch, open_store, 298.15)


def _sim_d(t_k: float) -> float:
    """The simulation's NMC811 diffusivity at ``t_k`` (its table's D, taken there)."""
    electrode, _ = electrode_from_material(
        "nmc811", thickness_m=8e-5, active_volume_fraction=0.6, electrolyte_volume_fraction=0.3,
        electrolyte_conductivity_S_m=0.1, temperature_K=t_k)
    return electrode.diffusivity_m2_s


def _design(t_k: float) -> CellDesign:
    return CellDesign.from_file(EV).replace(temperature_K=t_k)


def test_evaluate_takes_the_diffusivity_at_the_design_temperature(at_room: None) -> None:
    for t_k in TEMPS:
        d = _design(t_k)
        length = design_parameters(d.resolved())["diffusion_length_m"]
        assert evaluate(d).values[LIMIT] == pytest.approx(
            3600.0 * D_CHEN * _sim_d(t_k) / _sim_d(298.15) / length**2, rel=1e-12)
    assert _sim_d(333.15) > 1.5 * _sim_d(298.15)  # the limit does move (oregan2022's E_D)
    assert "oregan2022" in evaluate(_design(333.15)).sources
    assert "oregan2022" not in evaluate(_design(298.15)).sources


def test_a_value_measured_elsewhere_is_moved_from_its_own_temperature(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_store) -> None:
    _store(tmp_path, monkeypatch, open_store, 333.15)
    hot, room = evaluate(_design(333.15)).values[LIMIT], evaluate(_design(298.15)).values[LIMIT]
    length = design_parameters(_design(333.15).resolved())["diffusion_length_m"]
    assert hot == pytest.approx(3600.0 * D_CHEN / length**2, rel=1e-12)
    assert room / hot == pytest.approx(_sim_d(298.15) / _sim_d(333.15), rel=1e-12)


def test_evaluate_many_and_a_screen_equal_evaluate(at_room: None) -> None:
    designs = [_design(t) for t in TEMPS]
    batch = evaluate_many(designs)
    for i, d in enumerate(designs):
        assert batch.columns[LIMIT][i] == pytest.approx(evaluate(d).values[LIMIT], rel=1e-12)
    space = {"base": json.loads(_design(298.15).to_json()), "method": "grid",
             "parameters": {"temperature_K": {"values": list(TEMPS)}}}
    table = screen(space, with_cost=False).table
    assert len(table) == len(TEMPS)
    for _, row in table.iterrows():
        want = evaluate(_design(float(row["temperature_K"]))).values[LIMIT]
        assert row[LIMIT] == pytest.approx(want, rel=1e-12)
    assert np.unique(table[LIMIT].to_numpy()).size == len(TEMPS)
