"""Fresh-eyes QA of the mechanics API from a notebook: a pint Quantity is refused, not read
as its magnitude (``Q_(5, "um")`` was a 5 m flaw), a 0-d array or a Quantity as the
thickness change raised a TypeError, a result holding a 0-d array could not be printed, and
the closed forms by hand (docs/interfaces.md)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.chemistry.capacity import FARADAY
from solidcell.errors import SolidcellError, ValidationError
from solidcell.mechanics.dendrite import (
    asr_at_pressure,
    critical_current_density,
    electrochemical_pressure_Pa,
    griffith_pressure_Pa,
)
from solidcell.mechanics.lithium import lithium_thickness_change
from solidcell.mechanics.pressure import stack_pressure

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def _q(magnitude: Any, unit: str) -> Any:
    from solidcell.units import registry

    return registry().Quantity(magnitude, unit)


CALLS = {
    "flaw_size_m": lambda v: critical_current_density("li6ps5cl", v),
    "asr_ohm_m2": lambda v: critical_current_density("li6ps5cl", 5e-6, asr_ohm_m2=v),
    "fracture_toughness_Pa_m05": lambda v: griffith_pressure_Pa(v, 5e-6),
    "overpotential_V": lambda v: electrochemical_pressure_Pa(v),
    "pressure_Pa": lambda v: asr_at_pressure(1e-3, 1e6, v),
    "areal_capacity_mAh_cm2": lambda v: lithium_thickness_change(v),
}


@pytest.mark.parametrize("field", sorted(CALLS))
@pytest.mark.parametrize("quantity", [_q(5.0, "um"), _q([5.0, 6.0], "um"), _q(1.0, "")])
def test_a_pint_quantity_is_refused_not_read_as_its_magnitude(field: str, quantity: Any) -> None:
    with pytest.raises(ValidationError, match="Quantity") as info:
        CALLS[field](quantity)
    assert info.value.field == field


@pytest.mark.parametrize("value", [np.array(1e-6), _q(1e-6, "m"), _q([0.0, 1e-6], "m"),
                                   np.array([[0.0, 1e-6]]), {"low": 0, "high": 1e-6}, 5,
                                   "0 1e-6"])
def test_thickness_change_junk_is_refused(value: Any) -> None:
    design = CellDesign.from_yaml(EV)
    with pytest.raises(ValidationError) as info:  # a 0-d array: "len() of unsized object"
        stack_pressure(design, thickness_change_m=value)
    assert info.value.field == "thickness_change_m"


def test_a_result_holding_a_0d_array_prints() -> None:
    # repr of CriticalCurrent(flaw_size_m=array(5e-06)) raised "'float' object is not iterable"
    res = critical_current_density("li6ps5cl", np.array(5e-6))
    assert "flaw_size_m=5e-06" in repr(res)


JUNK = st.one_of(
    st.none(), st.booleans(), st.text(max_size=4), st.complex_numbers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=3),
    st.sampled_from([np.array(5e-6), np.array([]), {}, _q(5.0, "um"), 5e-324, 1e308]),
)


@settings(max_examples=200)
@given(field=st.sampled_from(sorted(CALLS)), value=JUNK)
def test_junk_gives_a_finite_answer_or_a_solidcell_error(field: str, value: Any) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            out = CALLS[field](value)
        except SolidcellError:
            return
    numbers = [getattr(out, f) for f in ("critical_current_density_A_m2",
                                         "thickness_change_m") if hasattr(out, f)] or [out]
    numbers = [x for x in numbers if x is not None]  # no ASR given: no estimate (documented)
    assert all(np.all(np.isfinite(x)) for x in numbers), (field, value, out)


# --- by hand -----------------------------------------------------------------------------------

def test_lithium_thickness_per_capacity_by_hand() -> None:
    # 1 mAh/cm2 of Li: 1 / (q rho) with q = F / (3.6 M_Li) = 3861 mAh/g and rho = 0.534 g/cm3
    # (haynes2016_crc) is 4.85 um
    res = lithium_thickness_change(1.0)
    q_li = FARADAY / (3.6 * 6.941)
    assert res.um_per_mAh_cm2 == pytest.approx(1e4 / (q_li * 0.534), rel=2e-3)


def test_griffith_and_electrochemical_pressure_by_hand() -> None:
    # Griffith: p = K_IC / (Y sqrt(pi a)) (tada2000_cracks); plating: p = F |eta| / Omega_Li
    assert griffith_pressure_Pa(1e6, 5e-6, 1.12) == pytest.approx(
        1e6 / (1.12 * math.sqrt(math.pi * 5e-6)))
    omega = 6.941e-3 / 534.0
    assert electrochemical_pressure_Pa(0.1) == pytest.approx(FARADAY * 0.1 / omega, rel=2e-3)
