"""Unphysical inputs of the transport formulas are refused by name (solidcell.chemistry.transport).

Before: a Haven ratio of -1 gave a negative Nernst-Einstein conductivity (-0.062 S/m for
D = 1e-12 m2/s, n = 1e28 /m3, 300 K), 0 an infinite one; a charge number 0 an infinite
diffusivity; arrhenius_prefactor at -300 K a negative prefactor and at 0 K NaN; a misspelt
``form="Sigma_T"`` silently the plain form; fit_arrhenius of one temperature twice an
"activation energy" of 0.011 eV from rounding noise, of 3 temperatures and 2 conductivities a
NumPy broadcast error; vtf with T0 = NaN a NaN conductivity.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.chemistry import transport as tr
from solidcell.errors import ValidationError

NAN = float("nan")


@pytest.mark.parametrize(("field", "call"), [
    ("haven_ratio", lambda: tr.nernst_einstein_conductivity(1e-12, 1e28, 300, haven_ratio=-1)),
    ("haven_ratio", lambda: tr.nernst_einstein_conductivity(1e-12, 1e28, 300, haven_ratio=0)),
    ("haven_ratio", lambda: tr.nernst_einstein_diffusivity(1e-2, 1e28, 300, haven_ratio=NAN)),
    ("charge_number", lambda: tr.nernst_einstein_diffusivity(1e-2, 1e28, 300,
                                                             charge_number=0)),
    ("charge_number", lambda: tr.nernst_einstein_conductivity(1e-12, 1e28, 300,
                                                              charge_number="2")),
    ("temperature", lambda: tr.arrhenius_prefactor(1e-2, 0.3, -300)),
    ("temperature", lambda: tr.arrhenius_prefactor(1e-2, 0.3, 0)),
    ("sigma", lambda: tr.arrhenius_prefactor("a", 0.3, 300)),
    ("form", lambda: tr.arrhenius_prefactor(1e-2, 0.3, 300, form="Sigma_T")),
    ("form", lambda: tr.fit_arrhenius([300, 350], [1e-3, 2e-3], form="x")),
    ("sigma", lambda: tr.fit_arrhenius([300, 350, 400], [1e-3, 2e-3])),
    ("temperature", lambda: tr.fit_arrhenius([300, 300], [1e-3, 2e-3])),
    ("t0", lambda: tr.vtf(1.0, 0.05, NAN, 300.0)),
    ("t0", lambda: tr.vtf(1.0, 0.05, -10.0, 300.0)),
])
def test_unphysical_input_is_refused_by_name(field: str, call) -> None:
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.field == field


def test_anion_charge_is_its_magnitude_and_z2_scales() -> None:
    """sigma = n (z e)^2 D / (H_R k T): z = 2 gives 4 times z = 1 (a divalent ion)."""
    one = tr.nernst_einstein_conductivity(1e-12, 1e28, 300.0)
    assert tr.nernst_einstein_conductivity(1e-12, 1e28, 300.0, charge_number=2) == \
        pytest.approx(4 * one, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.floats(0.05, 1.0), st.floats(1e-4, 1e2), st.floats(0.1, 1.0))
def test_prefactor_and_arrhenius_invert_each_other(ea: float, sigma: float, haven: float
                                                   ) -> None:
    """Property: A from (sigma, Ea, T) reproduces sigma at T through sigma T = A exp(-Ea/kT),
    and the Nernst-Einstein pair inverts for any valid Haven ratio."""
    for form in tr.FORMS:
        a = tr.arrhenius_prefactor(sigma, ea, 350.0, form=form)
        back = a * np.exp(-ea / (tr.K_B_EV * 350.0)) / (350.0 if form == "sigma_T" else 1.0)
        assert back == pytest.approx(sigma, rel=1e-10)
    d = tr.nernst_einstein_diffusivity(sigma, 1e28, 350.0, haven_ratio=haven)
    assert tr.nernst_einstein_conductivity(d, 1e28, 350.0, haven_ratio=haven) == \
        pytest.approx(sigma, rel=1e-12)
