"""``critical_flaw_size_m(K_IC, p)`` for any input: a_c = (K_IC / (Y p))^2 / pi (Griffith-Irwin,
tada2000_cracks) where K_IC is finite and > 0 and p finite and >= 0 (inf at p = 0), else a
ValidationError naming the argument. Before 2026-12-06 a negative K_IC gave a positive a_c,
a negative pressure inf, NaN NaN and an infinite pressure 0 m."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.errors import ValidationError
from solidcell.mechanics.dendrite import EDGE_CRACK_Y
from solidcell.mechanics.pressure import critical_flaw_size_m

ANY = st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                st.sampled_from([True, "0.23 MPa m0.5", None, np.array([1.0])]))


@settings(max_examples=300, deadline=None)
@given(k=ANY, p=ANY)
def test_any_input_gives_the_formula_or_a_refusal_by_name(k: object, p: object) -> None:
    k_ok = isinstance(k, float) and math.isfinite(k) and k > 0
    p_ok = isinstance(p, float) and math.isfinite(p) and p >= 0
    try:
        a = critical_flaw_size_m(k, p)  # type: ignore[arg-type]
    except ValidationError as exc:
        assert not (k_ok and p_ok)
        assert exc.field == ("fracture_toughness_Pa_m05" if not k_ok else "pressure_Pa")
        return
    assert k_ok and p_ok
    assert a >= 0 and not math.isnan(a)
    if p == 0:
        assert a == math.inf
    elif math.isfinite(a) and a > 0:
        assert a == pytest.approx((k / (EDGE_CRACK_Y * p)) ** 2 / math.pi, rel=1e-12)


@pytest.mark.parametrize(("k", "p", "field"), [
    (0.23e6, -1.0, "pressure_Pa"), (-0.23e6, 75e6, "fracture_toughness_Pa_m05"),
    (0.0, 75e6, "fracture_toughness_Pa_m05"), (0.23e6, math.nan, "pressure_Pa"),
    (0.23e6, math.inf, "pressure_Pa"), (math.inf, 75e6, "fracture_toughness_Pa_m05")])
def test_the_cases_that_answered_before(k: float, p: float, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        critical_flaw_size_m(k, p)
    assert info.value.field == field


def test_numpy_scalars_equal_floats() -> None:
    assert critical_flaw_size_m(np.float64(0.23e6), np.array(75e6)) == \
        critical_flaw_size_m(0.23e6, 75e6)
