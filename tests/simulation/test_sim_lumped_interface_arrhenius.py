"""Under ``thermal="lumped"`` the interface resistance follows the cell temperature when it has
an activation energy: PyBaMM's "Contact resistance [Ohm]" is a function of the volume-averaged
cell temperature (``pybamm_adapter.contact_resistance_function``), R(T_start) exp(E_a/R (1/T -
1/T_start)), the exponent of the one formula ``chemistry.transport.interface_resistance_at``.
Without an activation energy it stays the number (held, a note says why); isothermal runs are
unchanged. The interface of the runs: Li | Li6.25Al0.25La3Zr2O12, 50 Ohm cm2 (at 41 MPa) and
0.37 eV (``eckhardt2023``, sec. 3.4, on the data of Krauskopf et al. 2019), on the oxide
example (LiCoO2 | LLZO | Li)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simhelpers import half_cell

from solidcell.chemistry.transport import interface_resistance_at
from solidcell.errors import ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.parameters import FARADAY, ThermalParameters
from solidcell.simulation.runs import (
    _thermal_notes,
    cell_parameters,
    rate_capability,
    run_parameters,
    simulate,
)

OXIDE = str(Path(__file__).resolve().parents[2] / "examples" / "oxide-lco-llzo-li.yaml")
EV = str(Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml")
KEY = "Contact resistance [Ohm]"
#: Li | garnet interface resistance at 41 MPa [Ohm cm2] and its activation energy [eV]
#: (eckhardt2023, sec. 3.4)
R_LI_GARNET = "50 Ohm cm2"
E_LI_GARNET = "0.37 eV"
LUMPED = {"thermal": "lumped", "heat_transfer_coefficient": 10.0}
#: a handmade lumped model (the numbers of test_sim_lumped_thermal's full cell)
HOT = ThermalParameters(heat_transfer_coefficient_W_m2_K=10.0, cooling_area_m2=2e-4,
                        cell_volume_m3=2e-8, heat_capacity_J_K=0.04)


def _lumped(e_a: str | None = E_LI_GARNET, **kw: object) -> dict[str, object]:
    out = {"interface_resistance": R_LI_GARNET, **LUMPED, **kw}
    if e_a is not None:
        out["interface_resistance_activation_energy"] = e_a
    return out


# --- the function PyBaMM gets -----------------------------------------------------------------
@pytest.mark.parametrize("value", ["[input]", 20.0])
@settings(max_examples=20, deadline=None)
@given(e_ev=st.floats(0.0, 1.0), temp=st.floats(250.0, 450.0))
def test_function_is_the_shared_formula(value: object, e_ev: float, temp: float) -> None:
    import pybamm

    p = half_cell(temperature=310.0).with_changes(
        thermal=HOT, interface_resistance_activation_energy_J_mol=e_ev * FARADAY)
    r = pa.contact_resistance_function(p, {KEY: value})[KEY]
    got = float(np.ravel(r(pybamm.Scalar(temp)).evaluate(inputs={KEY: 20.0}))[0])
    want = interface_resistance_at(20.0, e_ev * FARADAY, temp, 310.0)
    assert got == pytest.approx(want, rel=1e-12)


def test_held_and_isothermal_stay_numbers() -> None:
    import pybamm

    p = half_cell()
    with_e = p.with_changes(interface_resistance_activation_energy_J_mol=0.37 * FARADAY)
    # isothermal: the input as before, with or without an activation energy
    assert isinstance(pa.parameter_values(with_e)[KEY], pybamm.InputParameter)
    assert pa.contact_resistance_function(with_e, {KEY: "[input]"}) == {}
    # lumped without an activation energy: held (the input)
    assert pa.contact_resistance_function(p.with_changes(thermal=HOT), {KEY: "[input]"}) == {}
    assert isinstance(pa.parameter_values(p.with_changes(thermal=HOT))[KEY],
                      pybamm.InputParameter)
    # the activation energy is part of the lumped model's structure only
    assert pa.structure_key(with_e) == pa.structure_key(p)
    assert pa.structure_key(with_e.with_changes(thermal=HOT)) != pa.structure_key(
        p.with_changes(thermal=HOT))


def test_isothermal_run_is_unchanged() -> None:
    p = half_cell()
    with_e = p.with_changes(interface_resistance_activation_energy_J_mol=0.37 * FARADAY)
    a = rate_capability(p, [2.0], mesh="coarse")
    b = rate_capability(with_e, [2.0], mesh="coarse")
    assert a.capacity_A_h[0] == b.capacity_A_h[0]


@pytest.mark.parametrize("bad", [-1.0, float("nan"), 4.0 * FARADAY, "0.37 eV", True])
def test_bad_field_is_refused(bad: object) -> None:
    with pytest.raises(ValidationError) as err:
        half_cell().with_changes(interface_resistance_activation_energy_J_mol=bad)
    assert err.value.field == "interface_resistance_activation_energy_J_mol"


def test_field_comes_from_the_design_and_the_keyword() -> None:
    p = cell_parameters(OXIDE, interface_resistance=R_LI_GARNET,
                        interface_resistance_activation_energy=E_LI_GARNET)
    assert p.interface_resistance_activation_energy_J_mol == pytest.approx(0.37 * FARADAY)
    assert p.to_json()["Interface resistance activation energy [J.mol-1]"] == pytest.approx(
        0.37 * FARADAY)
    assert cell_parameters(OXIDE).interface_resistance_activation_energy_J_mol is None
    # CellParameters given directly keep the activation energy given with them
    again = cell_parameters(half_cell(), interface_resistance_activation_energy="0.2 eV")
    assert again.interface_resistance_activation_energy_J_mol == pytest.approx(0.2 * FARADAY)


def test_notes_say_follows_or_held() -> None:
    follows = _thermal_notes(run_parameters(OXIDE, **_lumped()))
    assert any("interface resistance follows the cell temperature" in n and "0.37 eV" in n
               for n in follows)
    held = _thermal_notes(run_parameters(OXIDE, **_lumped(None)))
    assert any("stays at its value at the start temperature: no activation energy given" in n
               for n in held)
    # no interface resistance (the example's own): no note on it
    assert not any("interface resistance" in n
                   for n in _thermal_notes(run_parameters(OXIDE, **LUMPED)))


# --- runs ------------------------------------------------------------------------------------
def test_pybamm_heating_and_drop_are_i2r_and_ir_at_the_cell_temperature() -> None:
    # property: PyBaMM's contact heating and contact overpotential against I^2 R(T(t)) and
    # I R(T(t)) from the solution's own temperature and the shared formula. They are algebraic
    # in the solution's states (no solver error between them): equal to rounding (3e-15
    # measured), asserted to 1e-9
    res = simulate(OXIDE, "Discharge at 2C until 3 V (5 seconds period)", mesh="coarse",
                   **_lumped())
    p = run_parameters(OXIDE, **_lumped())
    temp, i = res.cell_temperature_K, res.current_A
    r = interface_resistance_at(p.interface_resistance_ohm_m2,
                                p.interface_resistance_activation_energy_J_mol, temp,
                                p.temperature_K) / p.area_m2
    assert temp.max() - temp[0] > 5.0  # it heats: R falls by a third
    assert r.min() < 0.7 * r[0]
    np.testing.assert_allclose(res.thermal_curves["Lumped contact resistance heating [W]"],
                               i**2 * r, rtol=1e-9)
    np.testing.assert_allclose(np.abs(res.overpotentials_V["Interface overpotential [V]"]),
                               i * r, rtol=1e-9)


def test_zero_activation_energy_equals_held() -> None:
    held = rate_capability(OXIDE, [2.0], mesh="coarse", **_lumped(None))
    zero = rate_capability(OXIDE, [2.0], mesh="coarse", **_lumped("0 eV"))
    # the same numbers (R exp(0)): equal to rounding
    assert zero.capacity_A_h[0] == pytest.approx(held.capacity_A_h[0], rel=1e-9)
    assert zero.max_temperature_rise_K[0] == pytest.approx(held.max_temperature_rise_K[0],
                                                           rel=1e-9)


def test_huge_heat_transfer_equals_isothermal_at_the_start_temperature() -> None:
    # h = 1e7 W/(m2 K) holds the cell at ambient: the isothermal run at 40 degC, whose
    # resistance is taken there from 25 degC by the same formula (measured 1.2e-6)
    kw = {"interface_resistance": R_LI_GARNET, "interface_resistance_activation_energy":
          E_LI_GARNET, "interface_resistance_temperature": "25 degC", "temperature": "40 degC"}
    iso = rate_capability(OXIDE, [2.0], mesh="coarse", **kw)
    cold = rate_capability(OXIDE, [2.0], mesh="coarse", thermal="lumped",
                           heat_transfer_coefficient=1e7, **kw)
    assert cold.max_temperature_rise_K[0] < 1e-3
    # solver tolerance: RTOL 1e-4 of pybamm_adapter (as test_sim_lumped_thermal)
    assert cold.capacity_A_h[0] == pytest.approx(iso.capacity_A_h[0], rel=1e-3)


def test_li_garnet_interface_at_2c_against_held() -> None:
    # the warming cell's interface resistance falls (0.37 eV): less drop, more capacity and
    # less contact heat than the held one (measured 0.53393 against 0.52974 A h, rise 10.90
    # against 12.30 K, 2026-12-07; docs/validation.md, lumped-thermal row)
    follows = rate_capability(OXIDE, [2.0], mesh="coarse", **_lumped())
    held = rate_capability(OXIDE, [2.0], mesh="coarse", **_lumped(None))
    assert follows.capacity_A_h[0] > held.capacity_A_h[0]
    assert follows.max_temperature_rise_K[0] < held.max_temperature_rise_K[0]
    assert any("follows the cell temperature" in n for n in follows.notes)


# --- the face between the separator and a composite ----------------------------------------
def test_lumped_composite_loss_is_the_isothermal_one() -> None:
    # property: held at ambient (h = 1e7) the lumped model's electrolyte conductivity, a
    # function of T, gives the isothermal composite ohmic loss at the first instant: the face
    # between the separator and the composite takes the harmonic mean in both
    # (pybamm_adapter.spatial_methods; arithmetic before: 46.70 against 53.64 mV, coarse)
    exp = "Discharge at 2C for 10 seconds (10 seconds period)"
    key = "Composite ohmic overpotential [V]"
    iso = simulate(EV, exp, mesh="coarse")
    cold = simulate(EV, exp, mesh="coarse", thermal="lumped", heat_transfer_coefficient=1e7)
    # the same discretised equations at the same state: to rounding (1e-15 V measured)
    assert cold.overpotentials_V[key][0] == pytest.approx(iso.overpotentials_V[key][0],
                                                          rel=1e-9)


def test_h_1e7_equals_isothermal_with_a_flat_end() -> None:
    # a 50 Ohm cm2 interface ends the EV example's 2C discharge on a flat part of its curve,
    # where a few mV move the end: the lumped model held at ambient was 3.2 % above the
    # isothermal capacity with the arithmetic face conductivity, 2.6e-4 below it now
    kw = {"interface_resistance": R_LI_GARNET}
    iso = rate_capability(EV, [2.0], mesh="coarse", **kw)
    cold = rate_capability(EV, [2.0], mesh="coarse", thermal="lumped",
                           heat_transfer_coefficient=1e7, **kw)
    # solver tolerance: RTOL 1e-4 of pybamm_adapter (as test_sim_lumped_thermal)
    assert cold.capacity_A_h[0] == pytest.approx(iso.capacity_A_h[0], rel=1e-3)
