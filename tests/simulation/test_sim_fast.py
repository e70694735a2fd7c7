"""The fast reduced model: analytic limits, properties, vectorisation, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simhelpers import half_cell

from solidcell.errors import ValidationError
from solidcell.simulation.fast import FastArrays, fast_discharge


def test_slow_discharge_delivers_the_utilisable_capacity() -> None:
    # analytic limit: with negligible transport losses, at C/20 the capacity is the
    # utilisable theoretical capacity F c_max (s_hi - s_lo) phi L A; with the rule that stops
    # at the end of the OCP data (the wall of the default, "auto", holds a little lithium
    # beyond the data: more, docs/simulation.md, OCP ends)
    cp = half_cell(kappa=50.0, sigma_sep=50.0, r_int=0.0, radius=0.5e-6)
    fd = fast_discharge(cp, [0.05], ocp_ends="stop")
    assert fd.capacity_fraction[0, 0] == pytest.approx(1.0, abs=2e-3)
    walled = fast_discharge(cp, [0.05])
    assert walled.ocp_ends == ("wall",)
    assert walled.capacity_fraction[0, 0] >= fd.capacity_fraction[0, 0]


def test_separator_drop_is_i_l_over_sigma() -> None:
    # two cells that differ only in separator conductivity: the voltage differs by
    # i L (1/sigma_1 - 1/sigma_2) at every depth of discharge (Ohm's law), whatever ends the
    # discharge (each curve's last point is its end, interpolated: left out)
    a = half_cell(sigma_sep=0.1)
    b = half_cell(sigma_sep=1.0)
    for ends in ("stop", "wall"):
        fd = fast_discharge([a, b], [1.0], n_points=60, ocp_ends=ends)
        i = a.capacity_A_h / a.area_m2  # 1C [A/m2]
        expected = i * a.separator_thickness_m * (1 / 0.1 - 1 / 1.0)
        va, vb = fd.voltage_curve_V[0, 0], fd.voltage_curve_V[1, 0]
        both = np.isfinite(va) & np.isfinite(vb)
        both[np.flatnonzero(both)[-1]] = False
        assert both.sum() > 10
        assert np.allclose(vb[both] - va[both], expected, rtol=1e-9, atol=1e-12)


def test_capacity_falls_with_rate_and_is_finite() -> None:
    cps = [half_cell(m) for m in ("nmc811", "lco", "nca", "lfp")]
    for ends in ("auto", "stop"):
        fd = fast_discharge(cps, [0.1, 0.5, 1, 2, 5], ocp_ends=ends)
        assert np.all(np.isfinite(fd.capacity_A_h_m2)) and np.all(fd.capacity_A_h_m2 >= 0)
        assert np.all(np.diff(fd.capacity_A_h_m2, axis=1) <= 1e-12)
    # "auto": the wall where the OCP data leave room for it (NMC811), else stop (LCO, NCA,
    # LFP end within 0.016 of stoichiometry 0 or 1); without the wall never more than the window
    assert fd.ocp_ends == ("stop",) * 4
    assert fast_discharge(cps, [1.0]).ocp_ends == ("wall", "stop", "stop", "stop")
    assert np.all(fd.capacity_fraction <= 1 + 1e-9)


def test_chunks_give_the_same_answer_as_one_batch() -> None:
    cps = [half_cell(kappa=k, r_int=r) for k in (0.05, 0.3, 2.0) for r in (0.0, 50e-4)]
    arrays = FastArrays.from_parameters(cps)
    whole = fast_discharge(arrays, [0.2, 2.0])
    parts = fast_discharge(arrays, [0.2, 2.0], chunk=2)
    assert np.array_equal(whole.capacity_A_h_m2, parts.capacity_A_h_m2)
    one = fast_discharge(cps[3], [0.2, 2.0])
    assert np.allclose(one.capacity_A_h_m2[0], whole.capacity_A_h_m2[3])


def test_li_in_lowers_energy_not_capacity_at_low_rate() -> None:
    li, li_in = half_cell(counter="li_metal"), half_cell(counter="li_in")
    fd = fast_discharge([li, li_in], [0.1], )
    # the cut-off follows the counter electrode (OCV window - 0.3 V), so capacity is equal
    assert fd.capacity_A_h_m2[1, 0] == pytest.approx(fd.capacity_A_h_m2[0, 0], rel=1e-6)
    assert fd.mean_voltage_V[0, 0] - fd.mean_voltage_V[1, 0] == pytest.approx(0.62, abs=1e-6)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.one_of(st.floats(-10, 0), st.just(float("nan")), st.just(float("inf"))),
                min_size=1, max_size=3))
def test_bad_rates_are_rejected(rates: list[float]) -> None:
    with pytest.raises(ValidationError, match="c_rates"):
        fast_discharge(half_cell(), rates)


def test_to_json_has_units_and_sources() -> None:
    out = fast_discharge(half_cell(), [1.0]).to_json()
    assert "Discharge capacity [A.h.m-2]" in out and "carslaw1959" in out["sources"]


def test_sphere_series_roots() -> None:
    from solidcell.simulation.fast import _surface_excess, _tan_roots

    roots = _tan_roots(40)
    # first roots of tan x = x: 4.4934, 7.7253 (carslaw1959, sec. 9.3)
    assert roots[:2] == pytest.approx([4.493409, 7.725252], abs=1e-6)
    assert np.allclose(np.tan(roots), roots, rtol=1e-9)
    # long times: the parabolic steady profile, c_surf - c_avg = N r / (5 D)
    late = _surface_excess(np.array(1.0), np.array(1.0), np.array(1.0), np.array(10.0))
    assert float(late) == pytest.approx(0.2, rel=1e-9)


def test_results_outside_the_valid_region_say_so() -> None:
    from solidcell.simulation.runs import rate_capability
    from solidcell.simulation.validation import composite_ohmic_number

    thick = half_cell(kappa=0.02, thickness=120e-6)
    assert composite_ohmic_number(thick, 2.0) > 0.04
    res = rate_capability(thick, [0.1, 2.0], model="fast")
    assert any("valid region" in n and "2C" in n for n in res.notes)
    thin = half_cell(kappa=2.0, thickness=40e-6)
    assert not any("valid region" in n for n in rate_capability(thin, [1.0], model="fast").notes)
