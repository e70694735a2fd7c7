"""Bad input to the mechanics API found by QA: a stack pressure no cell holds (1e12 MPa) and a
flaw deeper than the separator it is in (1 km) were accepted; a plating CCD was computed for a
material that is not an electrolyte (nmc811) when a toughness was given."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.mechanics.dendrite import critical_current_density
from solidcell.mechanics.pressure import (
    check_stack_pressure,
    lithium_youngs_modulus,
    stack_pressure,
)
from solidcell.mechanics.volume import mechanics_check

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
LI_DESIGN = CellDesign.from_yaml(EV)
#: separator thickness of the EV example (examples/ev-nmc811-lpscl-li.yaml: 30 um)
EV_SEPARATOR_M = 30e-6


def test_the_bound_is_the_youngs_modulus_of_lithium() -> None:
    # Masias et al. 2019, acoustic measurement on polycrystalline Li: E = 7.82 GPa
    assert lithium_youngs_modulus() == (pytest.approx(7.82e9), "masias2019_li_mechanics")


@pytest.mark.parametrize("call", [
    lambda p: mechanics_check(LI_DESIGN, stack_pressure_Pa=p),
    lambda p: stack_pressure(LI_DESIGN, stack_pressure_Pa=p),
])
def test_a_stack_pressure_no_cell_holds_is_refused(call) -> None:
    e_li, _ = lithium_youngs_modulus()
    for p in (1e18, e_li):  # '1e12 MPa' was accepted; at E a Li layer is compressed 100 %
        with pytest.raises(ValidationError) as info:
            call(p)
        assert info.value.field == "stack_pressure_Pa"
        assert "Young's modulus of lithium, 7.82 GPa" in info.value.allowed
    assert call(0.99 * e_li) is not None  # below the bound: answered (with its warnings)


@settings(max_examples=80, deadline=None)
@given(p=st.floats(allow_nan=True, allow_infinity=True))
def test_both_refusals_of_a_stack_pressure_have_one_wording(p: float) -> None:
    """Below zero the refusal read "must be a pressure >= 0 Pa ...", at or above E without
    "must be": one rule, one ValidationError(field, value, allowed) wording."""
    e_li, src = lithium_youngs_modulus()
    if 0 <= p < e_li:
        assert check_stack_pressure("stack_pressure_Pa", p) == p
        return
    with pytest.raises(ValidationError) as info:
        check_stack_pressure("stack_pressure_Pa", p)
    assert (info.value.field, info.value.value) == ("stack_pressure_Pa", p)
    assert info.value.allowed == (
        f"must be a pressure >= 0 Pa and below the Young's modulus of lithium, "
        f"{e_li / 1e9:g} GPa [{src}]: at that stress a lithium layer would be compressed by "
        "p/E = 100 %, which no cell holds")


def test_a_flaw_deeper_than_the_separator_is_refused() -> None:
    assert LI_DESIGN.resolved().separator_thickness_m == pytest.approx(EV_SEPARATOR_M)
    for flaw in (1e3, EV_SEPARATOR_M):  # '1 km' was accepted
        with pytest.raises(ValidationError) as info:
            mechanics_check(LI_DESIGN, flaw_size_m=flaw)
        assert info.value.field == "flaw_size_m" and info.value.value == flaw
        assert "separator thickness, 30 um" in info.value.allowed
    ok = mechanics_check(LI_DESIGN, flaw_size_m=0.9 * EV_SEPARATOR_M)
    assert ok.critical_current is not None
    assert ok.critical_current.flaw_size_m == pytest.approx(0.9 * EV_SEPARATOR_M)
    # Griffith edge crack, p_c = K_IC / (1.12 sqrt(pi a)) (test_mechanics_dendrite.py)
    k_ic = ok.critical_current.fracture_toughness_Pa_m05
    assert ok.critical_current.critical_pressure_Pa == pytest.approx(
        k_ic / (1.12 * math.sqrt(math.pi * 0.9 * EV_SEPARATOR_M)), rel=1e-12)


@pytest.mark.parametrize(("material", "words"), [
    ("nmc811", "category 'cathode'"),
    ("li_metal", "category 'anode'"),
    ("cu_foil", "category"),
    (5, "must be the id"),
])
def test_ccd_of_a_material_that_is_not_an_electrolyte_is_refused(material, words) -> None:
    """critical_current_density('nmc811', ..., fracture_toughness_Pa_m05=1e6) gave a CCD."""
    with pytest.raises(ValidationError) as info:
        critical_current_density(material, 5e-6, fracture_toughness_Pa_m05=1e6)
    assert info.value.field == "electrolyte" and info.value.value == material
    assert words in info.value.allowed and "solid electrolyte" in info.value.allowed


def test_ccd_of_a_coating_or_a_new_electrolyte_with_a_given_toughness_is_answered() -> None:
    # LiNbO3 (category coating) can be what lithium plates against; a name the database lacks
    # is a new electrolyte when its toughness is given (1 MPa m^0.5: an input, not data)
    for name in ("linbo3", "my_new_electrolyte"):
        r = critical_current_density(name, 5e-6, fracture_toughness_Pa_m05=1e6)
        assert r.electrolyte == name and r.critical_overpotential_V > 0
    with pytest.raises(ValidationError) as info:  # without a toughness: a typo, named
        critical_current_density("Li6PS5Cl", 5e-6)
    assert info.value.field == "electrolyte" and "did you mean li6ps5cl" in info.value.allowed
