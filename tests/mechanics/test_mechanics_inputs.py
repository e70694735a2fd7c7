"""Argument checks of the mechanics functions, and monotonicity properties of the plating CCD.

Every refused value used to be accepted (bools as 1, text as numbers, overflowing results as
inf) or to escape as a ValueError/TypeError/AttributeError; each case names the old outcome.
The properties follow from the model of docs/interfaces.md (Porz et al. 2017 with Griffith's
criterion, ``porz2017_li_penetration``, ``tada2000_cracks``; ASR ~ p^-0.5,
``arxiv2501_00600_constriction``): i_c = K_IC Omega_Li / (F Y sqrt(pi a) f ASR(p)).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.mechanics.dendrite import (
    asr_at_pressure,
    critical_current_density,
    electrochemical_pressure_Pa,
)
from solidcell.mechanics.lithium import lithium_thickness_change, monroe_newman
from solidcell.mechanics.pressure import stack_pressure
from solidcell.mechanics.volume import mechanics_check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LI_DESIGN = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")


def _field(call) -> str:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.field


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"areal_capacity_mAh_cm2": True}, "areal_capacity_mAh_cm2"),      # was 1 mAh/cm2
    ({"areal_capacity_mAh_cm2": "5"}, "areal_capacity_mAh_cm2"),       # was 5 mAh/cm2
    ({"areal_capacity_mAh_cm2": ["1", "2"]}, "areal_capacity_mAh_cm2"),
    ({"areal_capacity_mAh_cm2": 1.0, "li_density_kg_m3": True}, "li_density_kg_m3"),
    ({"areal_capacity_mAh_cm2": 1.0, "li_density_kg_m3": "abc"}, "li_density_kg_m3"),  # ValueError
])
def test_lithium_thickness_arguments(kwargs: dict, field: str) -> None:
    assert _field(lambda: lithium_thickness_change(**kwargs)) == field


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"shear_modulus_electrolyte_Pa": "abc"}, "shear_modulus_electrolyte_Pa"),  # ValueError
    ({"shear_modulus_electrolyte_Pa": True}, "shear_modulus_electrolyte_Pa"),   # was 1 Pa
    ({"shear_modulus_electrolyte_Pa": [1e9, 2e9]}, "shear_modulus_electrolyte_Pa"),  # TypeError
    ({"shear_modulus_li_Pa": True}, "shear_modulus_li_Pa"),
])
def test_monroe_newman_arguments(kwargs: dict, field: str) -> None:
    assert _field(lambda: monroe_newman("llzo", **kwargs)) == field


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"flaw_size_m": True}, "flaw_size_m"),                 # was a 1 m flaw
    ({"flaw_size_m": ["1e-6"]}, "flaw_size_m"),             # was read as a number
    ({"asr_ohm_m2": True}, "asr_ohm_m2"),
    ({"asr_ohm_m2": 1e-320}, "asr_ohm_m2"),                 # was an infinite CCD
    ({"focusing_factor": True}, "focusing_factor"),
    ({"focusing_factor": [1.0, 2.0]}, "focusing_factor"),   # was TypeError
    ({"geometry_factor": True}, "geometry_factor"),
    ({"fracture_toughness_Pa_m05": True}, "fracture_toughness_Pa_m05"),
])
def test_ccd_arguments(kwargs: dict, field: str) -> None:
    args = {"flaw_size_m": 5e-6, **kwargs}
    assert _field(lambda: critical_current_density("li6ps5cl", **args)) == field


@pytest.mark.parametrize(("call", "field"), [
    (lambda: electrochemical_pressure_Pa("abc"), "overpotential_V"),      # was ValueError
    (lambda: electrochemical_pressure_Pa(True), "overpotential_V"),       # was 1 V
    (lambda: electrochemical_pressure_Pa(1e308), "overpotential_V"),      # was inf
    (lambda: asr_at_pressure(1e-3, 1e6, 2e6, "x"), "exponent"),           # was TypeError
    (lambda: asr_at_pressure(1e-3, 1e6, 2e6, True), "exponent"),
    (lambda: asr_at_pressure(1e-3, 1e6, 1e-320), "pressure_Pa"),          # was inf
    (lambda: asr_at_pressure(1e-3, [1e6, 2e6], 2e6), "reference_pressure_Pa"),
])
def test_pressure_and_asr_arguments(call, field: str) -> None:
    assert _field(call) == field


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"stack_pressure_Pa": True}, "stack_pressure_Pa"),     # was 1 Pa
    ({"stack_pressure_Pa": 5e6, "fixture_stiffness_Pa_m": 1e9,
      "thickness_change_m": (float("nan"), 0.0)}, "thickness_change_m"),   # was NaN pressures
    ({"stack_pressure_Pa": 5e6, "fixture_stiffness_Pa_m": 1e9,
      "thickness_change_m": (1e-5, -1e-5)}, "thickness_change_m"),         # low > high
    ({"stack_pressure_Pa": 5e6, "thickness_change_m": "ab"}, "thickness_change_m"),
    ({"stack_pressure_Pa": 5e6, "thickness_change_m": (1, 2, 3)}, "thickness_change_m"),
    ({"stack_pressure_Pa": 5e6, "fixture_stiffness_Pa_m": 1e308}, "fixture_stiffness_Pa_m"),
])
def test_stack_pressure_arguments(kwargs: dict, field: str) -> None:
    assert _field(lambda: stack_pressure(LI_DESIGN, **kwargs)) == field


@pytest.mark.parametrize("design", [None, "examples/ev-nmc811-lpscl-li.yaml"])
def test_design_must_be_a_cell_design(design: object) -> None:
    """Was AttributeError ('NoneType' object has no attribute 'resolved')."""
    assert _field(lambda: mechanics_check(design)) == "design"
    assert _field(lambda: stack_pressure(design, stack_pressure_Pa=5e6)) == "design"


@settings(max_examples=30, deadline=None)
@given(flaws=st.lists(st.floats(1e-8, 1e-3), min_size=2, max_size=10),
       r=st.floats(1e-5, 1e-1), f=st.floats(1.0, 10.0))
def test_ccd_falls_with_flaw_size(flaws: list[float], r: float, f: float) -> None:
    a = np.sort(np.asarray(flaws))
    c = critical_current_density("li6ps5cl", a, asr_ohm_m2=r, focusing_factor=f)
    ccd = np.asarray(c.critical_current_density_A_m2)
    assert np.all(ccd > 0) and np.all(np.isfinite(ccd))
    assert np.all(np.diff(ccd) <= 1e-12 * ccd[:-1])


@settings(max_examples=30, deadline=None)
@given(pressures=st.lists(st.floats(1e4, 1e8), min_size=2, max_size=10),
       r=st.floats(1e-5, 1e-1), p_ref=st.floats(1e5, 1e7))
def test_ccd_rises_with_stack_pressure(pressures: list[float], r: float, p_ref: float) -> None:
    p = np.sort(np.asarray(pressures))
    asr = asr_at_pressure(r, p_ref, p)
    ccd = np.asarray(critical_current_density("llzo", 5e-6, asr_ohm_m2=asr)
                     .critical_current_density_A_m2)
    assert np.all(np.diff(ccd) >= -1e-12 * ccd[1:])


@settings(max_examples=30, deadline=None)
@given(p0=st.floats(0, 1e8), k=st.floats(0, 1e11), a=st.floats(-1e-4, 1e-4),
       b=st.floats(-1e-4, 1e-4))
def test_pressure_range_brackets_the_assembly_pressure(p0: float, k: float, a: float,
                                                       b: float) -> None:
    """Whatever the sign of the thickness change on charge (a stack that shrinks, grows or
    both within its range), p_min <= p0 <= p_max, and assembling at the required pressure
    keeps p_min at the yield strength of lithium."""
    low, high = min(a, b), max(a, b)
    r = stack_pressure(LI_DESIGN, stack_pressure_Pa=p0, fixture_stiffness_Pa_m=k,
                       thickness_change_m=(low, high))
    assert r.pressure_min_Pa <= p0 <= r.pressure_max_Pa
    again = stack_pressure(LI_DESIGN, stack_pressure_Pa=r.required_assembly_pressure_Pa,
                           fixture_stiffness_Pa_m=k, thickness_change_m=(low, high))
    assert again.pressure_min_Pa == pytest.approx(r.contact_pressure_Pa, rel=1e-9, abs=1e-3)


def test_flaws_and_asr_of_shapes_that_do_not_broadcast_are_named() -> None:
    """Was a NumPy ValueError ('operands could not be broadcast together')."""
    assert _field(lambda: critical_current_density(
        "li6ps5cl", [1e-6, 2e-6, 3e-6], asr_ohm_m2=[1e-3, 2e-3])) == "asr_ohm_m2"
