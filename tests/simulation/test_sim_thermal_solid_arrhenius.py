"""Under ``thermal="lumped"`` the active materials' solid diffusivities follow the cell
temperature by Arrhenius, ``exp(E_D/R (1/T_start - 1/T))`` times the isothermal model's value
(itself taken at the start temperature from the table's 298.15 K value since 2026-12-07,
test_sim_diffusivity_at_temperature.py), with the activation energies of
``active_materials.yaml`` (nmc811 and graphite: oregan2022; lco: ai2019; nca: kim2011; lfp:
none); the lumped factor leaves isothermal runs unchanged. The exchange currents already
followed T (their Arrhenius factor in ``_j0_function``, PyBaMM's T argument)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simhelpers import half_cell

from solidcell.errors import ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.ocp import active_material_table
from solidcell.simulation.parameters import (
    GAS_CONSTANT,
    T_REF,
    CellParameters,
    ThermalParameters,
    arrhenius_exponent,
    electrode_from_material,
    solid_diffusivity_factor,
    solid_diffusivity_notes,
)
from solidcell.simulation.runs import rate_capability

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = str(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
D_KEY = "Positive particle diffusivity [m2.s-1]"
#: a handmade lumped model (the numbers of test_sim_lumped_thermal's full cell)
HOT = ThermalParameters(heat_transfer_coefficient_W_m2_K=10.0, cooling_area_m2=2e-4,
                        cell_volume_m3=2e-8, heat_capacity_J_K=0.04)


def _without(p: CellParameters) -> CellParameters:
    """``p`` with a constant solid diffusivity (no activation energy)."""
    return p.with_changes(positive=replace(p.positive, diffusivity_activation_energy_J_mol=None))


def _pybamm_ratio(module: str, function: str, temperature_K: float) -> float:
    """D(T) / D(298.15 K) of a diffusivity function of PyBaMM's own parameter sets."""
    import importlib

    import pybamm

    f = getattr(importlib.import_module(f"pybamm.input.parameters.lithium_ion.{module}"),
                function)
    sto = pybamm.Scalar(0.5)
    hot, ref = f(sto, pybamm.Scalar(temperature_K)), f(sto, pybamm.Scalar(T_REF))
    return float(np.ravel(hot.evaluate())[0] / np.ravel(ref.evaluate())[0])


@pytest.mark.parametrize(("material", "module", "function", "key"), [
    # O'Regan et al. 2022, PyBaMM's ORegan2022.py: E_D_s = d R, d = 1449 K (NMC811), 2092 K
    ("nmc811", "ORegan2022", "nmc_LGM50_diffusivity_ORegan2022", "oregan2022"),
    ("graphite", "ORegan2022", "graphite_LGM50_diffusivity_ORegan2022", "oregan2022"),
    # PyBaMM's Ai2020 set (ai2019): E_D_s = 5000 J/mol; NCA_Kim2011 (kim2011): 2e4 J/mol
    ("lco", "Ai2020", "lico2_diffusivity_Dualfoil1998", "ai2019"),
    ("nca", "NCA_Kim2011", "nca_diffusivity_Kim2011", "kim2011"),
])
def test_activation_energy_is_the_sources(material: str, module: str, function: str,
                                          key: str) -> None:
    entry = active_material_table()[material]["diffusivity_activation_energy_J_mol"]
    assert entry["source"] == key
    want = {"nmc811": 1449 * GAS_CONSTANT, "graphite": 2092 * GAS_CONSTANT, "lco": 5000.0,
            "nca": 2e4}[material]
    assert entry["value"] == pytest.approx(want, rel=1e-12)
    # the installed source's own Arrhenius factor at 330 K
    assert np.exp(arrhenius_exponent(entry["value"], 330.0)) == pytest.approx(
        _pybamm_ratio(module, function, 330.0), rel=1e-9)


def test_lfp_has_none_and_stays_constant() -> None:
    # Prada2013's LiFePO4 diffusivity is a constant number (no activation energy read)
    assert "diffusivity_activation_energy_J_mol" not in active_material_table()["lfp"]
    p = half_cell("lfp").with_changes(thermal=HOT)
    assert p.positive.diffusivity_activation_energy_J_mol is None
    assert D_KEY not in pa.solid_diffusivity_functions(p, {D_KEY: "[input]"})
    assert any("lfp stays at its value" in n for n in solid_diffusivity_notes(p))


def test_factor_is_one_at_the_reference() -> None:
    e, _ = electrode_from_material("nmc811", thickness_m=60e-6, active_volume_fraction=0.6,
                                   electrolyte_volume_fraction=0.35,
                                   electrolyte_conductivity_S_m=0.3)
    assert arrhenius_exponent(12e3, T_REF) == 0.0
    assert solid_diffusivity_factor(e, 333.15, 333.15) == 1.0


@settings(max_examples=50, deadline=None)
@given(e_d=st.floats(1.0, 2e5), t0=st.floats(200.0, 450.0), dt=st.floats(0.01, 150.0))
def test_higher_temperature_higher_diffusivity(e_d: float, t0: float, dt: float) -> None:
    e = replace(half_cell().positive, diffusivity_activation_energy_J_mol=e_d)
    assert solid_diffusivity_factor(e, t0 + dt, t0) > 1.0
    assert solid_diffusivity_factor(e, t0 - dt / 2, t0) < 1.0


def test_bad_activation_energy_is_refused() -> None:
    with pytest.raises(ValidationError, match="diffusivity_activation_energy_J_mol"):
        replace(half_cell().positive, diffusivity_activation_energy_J_mol=-1.0)


@pytest.mark.parametrize("value", ["[input]", 4e-15])
def test_pybamm_function_is_the_factor(value: object) -> None:
    # PyBaMM's "Positive particle diffusivity [m2.s-1]" (sto, T) at a cell temperature: the
    # number (or the input) times solid_diffusivity_factor from the start temperature
    import pybamm

    p = half_cell(temperature=310.0).with_changes(thermal=HOT)
    d = pa.solid_diffusivity_functions(p, {D_KEY: value})[D_KEY]
    out = d(pybamm.Scalar(0.5), pybamm.Scalar(330.0))
    got = float(np.ravel(out.evaluate(inputs={D_KEY: 4e-15}))[0])
    assert got == pytest.approx(4e-15 * solid_diffusivity_factor(p.positive, 330.0, 310.0),
                                rel=1e-12)


def test_isothermal_is_unchanged() -> None:
    # the activation energy is the lumped model's only: isothermal, the diffusivity stays the
    # input (a number in a rate sweep) and the numbers are those of a cell without it
    p = half_cell()
    import pybamm

    assert isinstance(pa.parameter_values(p)[D_KEY], pybamm.InputParameter)  # as before
    assert pa.parameter_values(p, inputs=False)[D_KEY] == p.positive.diffusivity_m2_s
    with_e = rate_capability(p, [2.0], mesh="coarse")
    without = rate_capability(_without(p), [2.0], mesh="coarse")
    assert with_e.capacity_A_h[0] == without.capacity_A_h[0]
    assert not any("solid diffusivity" in n for n in with_e.notes)


def test_lumped_run_gains_capacity_from_the_warmer_particles() -> None:
    # the NMC811 particles diffuse faster as the cell heats: more capacity at 2C than the same
    # lumped run with a constant diffusivity (and the isothermal run at the start temperature)
    res = rate_capability(EV, [2.0], mesh="coarse", thermal="lumped",
                          heat_transfer_coefficient=10.0)
    from solidcell.simulation.runs import cell_parameters, with_thermal

    p = with_thermal(EV, cell_parameters(EV), "lumped", 10.0)
    const = rate_capability(_without(p), [2.0], mesh="coarse")
    assert float(res.max_temperature_rise_K[0]) > 1.0
    assert res.capacity_A_h[0] > const.capacity_A_h[0]
    assert any("nmc811 12.05 kJ/mol follows the cell temperature" in n for n in res.notes)
    # oregan2022 is the source of nmc811's E_D and (since 2026-12-07) of its exchange current's
    # E_r: a lumped run cites each that follows T, so the constant-D run still cites it for E_r
    from solidcell.simulation.runs import _diffusivity_sources

    assert "oregan2022" in res.sources and "oregan2022" in const.sources
    assert _diffusivity_sources(p) == ("oregan2022", "oregan2022")
    assert _diffusivity_sources(_without(p)) == ("oregan2022",)
    no_er = replace(p.positive, diffusivity_activation_energy_J_mol=None,
                    exchange_current_activation_energy_J_mol=0.0)
    assert _diffusivity_sources(p.with_changes(positive=no_er)) == ()


def test_huge_heat_transfer_equals_isothermal_away_from_25_degc() -> None:
    # from the start temperature: a lumped cell held at 60 degC (h = 1e7 W/(m2 K)) starts and
    # stays where the isothermal model is
    p = half_cell(temperature=333.15)
    iso = rate_capability(p, [2.0], mesh="coarse")
    cold = rate_capability(p.with_changes(thermal=replace(
        HOT, heat_transfer_coefficient_W_m2_K=1e7)), [2.0], mesh="coarse")
    # solver tolerance: RTOL 1e-4 of pybamm_adapter
    assert cold.capacity_A_h[0] == pytest.approx(iso.capacity_A_h[0], rel=1e-3)


def test_full_cell_both_electrodes_follow() -> None:
    from test_sim_pybamm import _full_cell

    p = _full_cell().with_changes(thermal=HOT)
    funcs = pa.solid_diffusivity_functions(p, pa.input_values(p))
    assert set(funcs) == {D_KEY, "Negative particle diffusivity [m2.s-1]"}
    note = solid_diffusivity_notes(p)[0]
    assert "nmc811 12.05 kJ/mol" in note and "graphite 17.39 kJ/mol" in note


def test_temperature_sweep_lumped() -> None:
    # each sweep temperature is the start and the ambient of a lumped run: the cell heats, and
    # held at it (h = 1e7 W/(m2 K)) it delivers what the isothermal sweep does
    from solidcell.simulation.runs import temperature_sweep

    temps = [298.15, 318.15]
    iso = temperature_sweep(EV, temps, 2.0, mesh="coarse")
    hot = temperature_sweep(EV, temps, 2.0, mesh="coarse", thermal="lumped",
                            heat_transfer_coefficient=10.0)
    held = temperature_sweep(EV, temps, 2.0, mesh="coarse", thermal="lumped",
                             heat_transfer_coefficient=1e7)
    assert iso.thermal == "isothermal" and iso.max_temperature_rise_K is None
    assert "Maximum temperature rise [K]" not in iso.to_json()
    assert hot.thermal == "lumped" and np.all(hot.max_temperature_rise_K > 1.0)
    assert np.all(hot.capacity_A_h > iso.capacity_A_h)
    assert hot.to_json()["Thermal model"] == "lumped"
    # since 2026-12-07 the isothermal run at 318.15 K takes D at T too (oregan2022 cited)
    assert "oregan2022" in hot.sources and "oregan2022" in iso.sources
    # solver tolerance: RTOL 1e-4 of pybamm_adapter
    np.testing.assert_allclose(held.capacity_A_h, iso.capacity_A_h, rtol=1e-3)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"thermal": "lumped"}, "heat_transfer_coefficient"),
    ({"thermal": "lumped", "heat_transfer_coefficient": -1.0}, "heat_transfer_coefficient"),
    ({"thermal": "hot"}, "thermal"),
    ({"heat_transfer_coefficient": 10.0}, "heat_transfer_coefficient"),
])
def test_temperature_sweep_bad_thermal_is_refused(kwargs: dict, field: str) -> None:
    from solidcell.simulation.runs import temperature_sweep

    with pytest.raises(ValidationError) as err:
        temperature_sweep(EV, [298.15], 1.0, mesh="coarse", **kwargs)
    assert err.value.field == field
