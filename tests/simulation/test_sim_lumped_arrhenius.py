"""Under ``thermal="lumped"`` the electrolyte conductivity of the separator and of the composite
layers follows the cell temperature by the knowledge base's own law
(:func:`solidcell.chemistry.conductivity.conductivity_at`); isothermal runs are unchanged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from solidcell.chemistry.conductivity import conductivity_at
from solidcell.simulation.parameters import BRUGGEMAN, solid_diffusivity_notes
from solidcell.simulation.runs import cell_parameters, rate_capability, simulate, with_thermal

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OXIDE = str(EXAMPLES / "oxide-lco-llzo-li.yaml")
SEP = "Separator ohmic overpotential [V]"


def _mixed(tmp_path: Path) -> str:
    """The oxide example with an Li6PS5Cl catholyte (LLZO separator): two laws in one cell."""
    text = Path(OXIDE).read_text()
    path = tmp_path / "mixed.yaml"
    path.write_text(text.replace("electrolyte: llzo", "electrolyte: li6ps5cl", 1))
    return str(path)


def _constant_diffusivity(p: Any) -> Any:
    """``p`` with the cathode's solid diffusivity constant (no activation energy)."""
    return p.with_changes(positive=replace(p.positive, diffusivity_activation_energy_J_mol=None))


def _old_lumped(design: str, h: float) -> Any:
    """The parameters of the lumped model with constant conductivities (no laws)."""
    p = with_thermal(design, cell_parameters(design), "lumped", h)
    return p.with_changes(thermal=replace(p.thermal, conductivity_laws=()))


def test_laws_follow_conductivity_at() -> None:
    p = with_thermal(OXIDE, cell_parameters(OXIDE), "lumped", 10.0)
    laws = dict(p.thermal.conductivity_laws)
    assert set(laws) == {"separator", "positive electrode"}
    t = np.array([298.15, 310.0, 333.3, 420.0])
    for law in laws.values():
        want = (conductivity_at(law.material, t).ionic_conductivity_S_m
                / conductivity_at(law.material, 298.15).ionic_conductivity_S_m)
        assert law.ratio(t) == pytest.approx(want, rel=1e-9)
    assert any("follows the cell temperature" in n for n in p.thermal.conductivity_notes)
    # the solid diffusivities: solid_diffusivity_notes (test_sim_thermal_solid_arrhenius.py)
    assert any("solid diffusivity of lco" in n for n in solid_diffusivity_notes(p))


def test_isothermal_is_unchanged_and_has_no_law() -> None:
    p = with_thermal(OXIDE, cell_parameters(OXIDE), "isothermal", None)
    assert p.thermal is None
    from solidcell.simulation import pybamm_adapter as pa

    pv = pa.parameter_values(p)
    assert pv["Electrolyte conductivity [S.m-1]"] == p.separator_conductivity_S_m


def test_huge_heat_transfer_equals_isothermal() -> None:
    iso = rate_capability(OXIDE, [2.0], mesh="coarse")
    cold = rate_capability(OXIDE, [2.0], mesh="coarse", thermal="lumped",
                           heat_transfer_coefficient=1e7)
    # solver tolerance: RTOL 1e-4 of pybamm_adapter
    assert cold.capacity_A_h[0] == pytest.approx(iso.capacity_A_h[0], rel=1e-3)


@pytest.mark.parametrize("mixed", [False, True])
def test_separator_conductivity_at_the_final_temperature(mixed: bool, tmp_path: Path) -> None:
    # the conductivity PyBaMM used, read from its outputs: the separator's ohmic drop is
    # i L / kappa_eff (uniform current density, PyBaMM's linear potential across it), and
    # kappa_eff = conductivity_at(T) (1 - porosity)^1.5 (parameters_from_design)
    from solidcell.cell.design import CellDesign

    design = _mixed(tmp_path) if mixed else OXIDE
    res = simulate(design, "Discharge at 2C until 3 V", mesh="coarse", thermal="lumped",
                   heat_transfer_coefficient=10.0)
    d = CellDesign.from_file(design).resolved()
    temp = res.cell_temperature_K
    assert temp[-1] > temp[0] + 1.0
    i = res.current_A[-1] / res.area_m2
    kappa_used = i * d.design.separator.thickness_m / res.overpotentials_V[SEP][-1]
    want = (float(conductivity_at(d.separator_electrolyte, temp[-1]).ionic_conductivity_S_m)
            * (1.0 - d.design.separator.porosity) ** BRUGGEMAN)
    assert kappa_used == pytest.approx(want, rel=1e-3)


@pytest.mark.parametrize("mixed", [False, True])
def test_heating_gains_capacity_over_constant_conductivity(mixed: bool, tmp_path: Path) -> None:
    # property: every activation energy here is > 0, so a warmer cell conducts better and
    # delivers at least the capacity of the old lumped model (conductivities at the start).
    # The LCO solid diffusivity is held constant in both: it follows T too (5 kJ/mol, ai2019),
    # and the old model, losing more, runs hotter, so its particles diffuse faster (with it,
    # mixed cell at 2C: 0.536215 A h against 0.536269 A h, 2026-12-07)
    design = _mixed(tmp_path) if mixed else OXIDE
    p = with_thermal(design, cell_parameters(design), "lumped", 10.0)
    new = rate_capability(_constant_diffusivity(p), [2.0], mesh="coarse")
    old = rate_capability(_constant_diffusivity(_old_lumped(design, 10.0)), [2.0],
                          mesh="coarse")
    assert new.capacity_A_h[0] >= old.capacity_A_h[0]
    assert any("follows the cell temperature" in n for n in new.notes)
    assert any("ThermalParameters without conductivity_laws" in n for n in old.notes)


def test_parameter_function_per_layer(tmp_path: Path) -> None:
    # PyBaMM's "Electrolyte conductivity [S.m-1]" evaluated on the cell's one temperature
    # broadcast over both layers (as PyBaMM calls it): in each layer the separator's number
    # times that layer's conductivity_at(T) / conductivity_at(T_start)
    import pybamm

    from solidcell.simulation import pybamm_adapter as pa

    design = _mixed(tmp_path)
    p = with_thermal(design, cell_parameters(design), "lumped", 10.0)
    kappa = pa.parameter_values(p)["Electrolyte conductivity [S.m-1]"]
    t_hot = p.temperature_K + 15.0
    temp = pybamm.PrimaryBroadcast(pybamm.Scalar(t_hot), ["separator", "positive electrode"])
    out = kappa(None, temp)
    got = {c.domain[0]: np.ravel(c.orphans[0].evaluate()).item() for c in out.orphans}
    for domain, material in (("separator", "llzo"), ("positive electrode", "li6ps5cl")):
        ratio = (conductivity_at(material, t_hot).ionic_conductivity_S_m
                 / conductivity_at(material, p.temperature_K).ionic_conductivity_S_m)
        assert got[domain] == pytest.approx(p.separator_conductivity_S_m * ratio, rel=1e-6)


def test_simulate_notes_state_both_capacities() -> None:
    # the utilisable capacity (OCP window) and evaluate's practical capacity of the same
    # design, the numbers the two engines compute (docs/simulation.md, Conventions)
    from solidcell.cell.design import CellDesign
    from solidcell.cell.energy import evaluate

    res = simulate(OXIDE, "Discharge at 1C until 3 V", mesh="coarse")
    areal = evaluate(CellDesign.from_file(OXIDE)).to_json()["Areal capacity [A.h.m-2]"]
    note = next(n for n in res.notes if n.startswith("capacity: "))
    assert f"{res.utilisable_capacity_A_h * 1e3:.4g} mAh" in note
    assert f"{areal * res.area_m2 * 1e3:.4g} mAh" in note
    assert "OCP data window" in note and "practical specific capacity" in note
    params = cell_parameters(OXIDE)
    assert not any(n.startswith("capacity: ") for n in simulate(
        params, "Discharge at 1C until 3 V", mesh="coarse").notes)
