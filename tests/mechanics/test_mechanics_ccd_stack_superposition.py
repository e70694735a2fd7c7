"""The stack pressure loads the flaw the plating pressure loads: the CCD estimate with both.

Lithium flowing above its yield strength carries the stack pressure p_s into the separator's
surface flaws (mechanics/pressure.py: a_c = (K_IC / (Y p_s))^2 / pi), and plating at
overpotential eta builds F |eta| / Omega_Li above the pressure of the lithium electrode, which
is p_s. K is linear in the load (superposition, Tada et al.), so the overpotential that extends
a flaw of critical pressure p_c = K_IC / (Y sqrt(pi a)) is max(0, p_c - p_s) Omega_Li / F.

Before, the stack pressure lowered only the ASR: `solidcell ccd li6ps5cl --flaw-size "5 um"
--asr "10 Ohm cm2" --asr-pressure "5 MPa" --pressure "75 MPa"` gave 2.703 mA/cm2, more than
the 0.698 at 5 MPa, for a flaw that the stack pressure alone extends at 75 MPa (a_c 2.4 um;
Duan et al. 2023 shorted a Li | Li6PS5Cl | Li cell held at 75 MPa without current).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.chemistry.capacity import FARADAY
from solidcell.errors import ValidationError
from solidcell.mechanics.dendrite import (
    critical_current_density,
    lithium_molar_volume_m3_mol,
)
from solidcell.mechanics.pressure import critical_flaw_size_m
from solidcell.mechanics.volume import mechanics_check

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
#: fracture toughness of the Li2S-P2S5 glass that stands in for Li6PS5Cl in the knowledge base
#: (Singh et al. 2022, as solidcell stores it) [Pa m^0.5]
K_LPSCL = 0.23e6


def test_a_flaw_the_stack_alone_extends_has_a_ccd_of_zero() -> None:
    # Duan et al. 2023: 75 MPa shorted Li | Li6PS5Cl | Li without current
    assert critical_flaw_size_m(K_LPSCL, 75e6) < 5e-6
    res = critical_current_density("li6ps5cl", 5e-6, asr_ohm_m2=1e-3, stack_pressure_Pa=75e6)
    assert res.critical_current_density_A_m2 == 0.0
    assert res.critical_overpotential_V == 0.0
    assert res.stack_note.startswith("the stack pressure alone (75 MPa)")
    assert "stack pressure alone" not in res.note  # the model's description only
    assert res.to_json()["Stack pressure in the flaw [Pa]"] == 75e6


@settings(max_examples=40, deadline=None)
@given(flaw=st.floats(1e-7, 2e-5), p_stack=st.floats(0.0, 500e6))
def test_the_overpotential_builds_the_rest_of_the_critical_pressure(flaw: float,
                                                                     p_stack: float) -> None:
    """eta_c(p_s) = max(0, p_c - p_s) Omega_Li / F, and the CCD is 0 exactly where the
    pressure model's a_c says the stack alone extends the flaw."""
    bare = critical_current_density("li6ps5cl", flaw, asr_ohm_m2=1e-3)
    res = critical_current_density("li6ps5cl", flaw, asr_ohm_m2=1e-3, stack_pressure_Pa=p_stack)
    omega, _ = lithium_molar_volume_m3_mol()
    expected = max(0.0, bare.critical_pressure_Pa - p_stack) * omega / FARADAY
    assert res.critical_overpotential_V == pytest.approx(expected, rel=1e-12, abs=1e-15)
    assert res.critical_pressure_Pa == bare.critical_pressure_Pa
    extends = flaw >= critical_flaw_size_m(K_LPSCL, p_stack)
    if abs(p_stack - bare.critical_pressure_Pa) > 1e-6 * bare.critical_pressure_Pa:
        assert (res.critical_current_density_A_m2 == 0.0) == extends
    assert res.critical_current_density_A_m2 <= bare.critical_current_density_A_m2


def test_zero_stack_pressure_changes_nothing() -> None:
    bare = critical_current_density("li6ps5cl", 5e-6, asr_ohm_m2=1e-3)
    res = critical_current_density("li6ps5cl", 5e-6, asr_ohm_m2=1e-3, stack_pressure_Pa=0.0)
    assert res.critical_current_density_A_m2 == bare.critical_current_density_A_m2
    assert res.critical_overpotential_V == bare.critical_overpotential_V


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), 8e9, "5", True])
def test_a_bad_stack_pressure_is_named(bad: object) -> None:
    with pytest.raises(ValidationError) as err:
        critical_current_density("li6ps5cl", 5e-6, asr_ohm_m2=1e-3, stack_pressure_Pa=bad)
    assert err.value.field == "stack_pressure_Pa"


def test_ccd_command_at_75_mpa(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["ccd", "li6ps5cl", "--flaw-size", "5 um", "--asr", "10 Ohm cm2",
                          "--asr-pressure", "5 MPa", "--pressure", "5 MPa,75 MPa", "--json"],
                         capsys)
    assert code == 0, err
    import json

    low, high = json.loads(out)
    # 5 MPa: (51.81 - 5) MPa x 13.0 cm3/mol / F = 6.31 mV over 10 Ohm cm2 -> 0.631 mA/cm2
    assert low["Critical current density [A.m-2]"] == pytest.approx(6.307, rel=1e-3)
    assert high["Critical current density [A.m-2]"] == 0.0  # was 27.03 A/m2
    code, out, err = run(["ccd", "li6ps5cl", "--flaw-size", "5 um", "--asr", "10 Ohm cm2",
                          "--asr-pressure", "5 MPa", "--pressure", "75 MPa"], capsys)
    assert code == 0, err
    assert "note (flaw 5 um, 75 MPa): the stack pressure alone (75 MPa)" in out


def test_mechanics_check_loads_the_flaw_with_the_stack_pressure() -> None:
    design = CellDesign.from_yaml(EXAMPLE)
    rep = mechanics_check(design, stack_pressure_Pa=75e6, flaw_size_m=5e-6,
                          charge_current_density_A_m2=1.0)
    assert rep.critical_current.stack_pressure_Pa == 75e6
    assert any("the stack pressure alone (75 MPa)" in w for w in rep.warnings)
    low = mechanics_check(design, stack_pressure_Pa=5e6, flaw_size_m=5e-6)
    assert low.critical_current.stack_pressure_Pa == 5e6
    assert not any("the stack pressure alone" in w for w in low.warnings)
    # a fixture: the highest pressure of the cycle loads the flaw
    fixed = mechanics_check(design, stack_pressure_Pa=5e6, fixture_stiffness_Pa_m=1e9,
                            flaw_size_m=5e-6)
    assert fixed.critical_current.stack_pressure_Pa == fixed.pressure.pressure_max_Pa
