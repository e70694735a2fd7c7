"""``CellDesign.replace`` keeps one sizing per layer (``one_sizing``, the rule of a screen's
rows), and the design model and the energy core share one areal-capacity overflow rule.

Before: ``replace(**{"anode.np_ratio": x})`` on a foil given by its thickness kept the stale
thickness, and ``resolved()`` refused the design as disagreeing with it (the EV example with
N/P 1.5: "disagrees with anode.thickness_m, which gives N/P = 1.72"); a screen's row of the
same change (``row_design``) sized the foil by N/P."""

from __future__ import annotations

import math

import numpy as np
import pytest
from cellhelpers import composite_anode, ref1_design
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell import units
from solidcell.cell.design import (
    CellDesign,
    capacity_overflows,
    cathode_areal_capacity_A_h_m2,
    li_metal_capacity_mAh_g,
    one_sizing,
)
from solidcell.cell.energy import REASONS, core, design_parameters, evaluate
from solidcell.errors import ValidationError
from solidcell.screening.screen import row_design

UM = 1e-6  # cathodes from 10 um: the particle bound of case_nmc811 (particle_size 10 um)


def _um(x: float) -> float:
    """``x`` um in m as the particle size '10 um' is read (the exact decimal: 10 um is 1e-05
    m, while 10 * 1e-6 is 9.999999999999999e-06, below the bound; tests/test_units_exact.py)."""
    return units.parse(x, "length", "um")


REF1 = ref1_design()  # foil given by its thickness (30 um), cathode by its thickness (100 um)
REF1_NP = REF1.replace(**{"anode.np_ratio": 1.2})  # the same cell, its foil sized by N/P


def _n_p(design: CellDesign) -> float:
    """Anode / cathode areal capacity of ``design``: the lithium of the foil (thickness x
    density x Faraday's 3862 mAh/g, codata2018) over the cathode's loading x specific
    capacity, both in mAh/cm2."""
    rd = design.resolved()
    li_mAh_cm2 = rd.anode_thickness_m * rd.li_density_kg_m3 * li_metal_capacity_mAh_g() / 10.0
    return li_mAh_cm2 / rd.areal_capacity_mAh_cm2


@settings(max_examples=40, deadline=None)
@given(n_p=st.floats(1.0, 20.0), cathode_um=st.floats(10.0, 400.0),
       foil_um=st.floats(20.0, 300.0))
def test_a_replaced_n_p_sizes_the_foil_whatever_it_was_given_by(n_p, cathode_um, foil_um):
    """replace(N/P = x) then anode / cathode capacity == x, from a foil given by thickness
    or by another N/P; and replacing the foil thickness back gives the design back."""
    by_foil = REF1.replace(**{"cathode.thickness_m": _um(cathode_um),
                              "anode.thickness_m": _um(foil_um)})
    for start in (by_foil, by_foil.replace(**{"anode.np_ratio": 3.0})):
        d = start.replace(**{"anode.np_ratio": n_p})
        assert d.anode.thickness_m is None and d.anode.np_ratio == n_p
        assert _n_p(d) == pytest.approx(n_p, rel=1e-12)
        assert d.resolved().np_ratio == n_p
    assert by_foil.replace(**{"anode.np_ratio": n_p}).replace(
        **{"anode.thickness_m": _um(foil_um)}) == by_foil  # round trip


@settings(max_examples=40, deadline=None)
@given(n_p=st.floats(1.0, 20.0), cathode_um=st.floats(10.0, 400.0))
def test_a_replaced_foil_thickness_keeps_the_n_p_it_makes(n_p, cathode_um):
    """The foil an N/P sizes, given back as a thickness (N/P left out), makes that N/P; and
    replacing the N/P back gives the design back."""
    by_np = REF1.replace(**{"cathode.thickness_m": _um(cathode_um), "anode.np_ratio": n_p})
    foil = by_np.resolved().anode_thickness_m
    d = by_np.replace(**{"anode.thickness_m": foil})
    assert d.anode.np_ratio is None and d.anode.thickness_m == foil
    assert d.resolved().np_ratio == pytest.approx(n_p, rel=1e-12)
    assert _n_p(d) == pytest.approx(n_p, rel=1e-12)
    assert d.replace(**{"anode.np_ratio": n_p}) == by_np


@settings(max_examples=40, deadline=None)
@given(cathode_um=st.floats(10.0, 400.0), loading_mg_cm2=st.floats(5.0, 100.0))
def test_the_foil_an_n_p_sizes_follows_a_replaced_cathode(cathode_um, loading_mg_cm2):
    """A cathode's thickness or loading replaced on a cathode given the other way: the other
    is left out, and an N/P-sized foil follows (its N/P stays; the foil scales with the
    cathode's capacity)."""
    base = REF1_NP.replace(**{"cathode.thickness_m": None,
                              "cathode.active_loading_kg_m2": "30 mg/cm2"})
    by_t = base.replace(**{"cathode.thickness_m": _um(cathode_um)})
    assert by_t.cathode.active_loading_kg_m2 is None
    by_l = REF1_NP.replace(**{"cathode.active_loading": f"{loading_mg_cm2} mg/cm2"})
    assert by_l.cathode.thickness_m is None
    ref = REF1_NP.resolved()
    for d in (by_t, by_l):
        rd = d.resolved()
        assert rd.np_ratio == 1.2 and _n_p(d) == pytest.approx(1.2, rel=1e-12)
        assert rd.anode_thickness_m / ref.anode_thickness_m == pytest.approx(
            rd.cathode_active_loading_kg_m2 / ref.cathode_active_loading_kg_m2, rel=1e-12)
    assert by_t.resolved().cathode_thickness_m == _um(cathode_um)
    assert by_l.resolved().cathode_active_loading_kg_m2 == pytest.approx(
        loading_mg_cm2 * 1e-2, rel=1e-12)


def test_a_given_foil_stays_under_a_replaced_cathode():
    """A foil given by its thickness is the designer's: a thicker cathode lowers its N/P."""
    d = REF1.replace(**{"cathode.thickness_m": 50 * UM})
    assert d.anode == REF1.anode
    assert d.resolved().np_ratio == pytest.approx(2 * REF1.resolved().np_ratio, rel=1e-12)


@pytest.mark.parametrize(("changes", "field", "other"), [
    ({"anode.np_ratio": 1.5, "anode.thickness_m": 40 * UM}, "anode.thickness_m",
     "anode.np_ratio"),
    ({"anode.thickness": "40 um", "anode.np_ratio": 1.5}, "anode.thickness_m", "anode.np_ratio"),
    ({"cathode.thickness_m": 80 * UM, "cathode.active_loading": "20 mg/cm2"},
     "cathode.thickness_m", "cathode.active_loading_kg_m2"),
])
def test_both_sizings_of_a_layer_in_one_replace_are_refused(changes, field, other):
    with pytest.raises(ValidationError) as err:
        REF1.replace(**changes)
    assert err.value.field == field
    assert other in err.value.allowed and "give one" in err.value.allowed


def test_a_section_given_whole_may_give_both_sizings():
    rd = REF1.resolved()
    both = REF1.replace(anode={**REF1.anode.model_dump(), "np_ratio": rd.np_ratio})
    assert both.anode.thickness_m == REF1.anode.thickness_m
    assert both.resolved().np_ratio == pytest.approx(rd.np_ratio, rel=1e-12)


def test_a_cathode_replaced_under_a_foil_given_both_ways_says_which_follows():
    rd = REF1.resolved()
    both = REF1.replace(anode={**REF1.anode.model_dump(), "np_ratio": rd.np_ratio})
    with pytest.raises(ValidationError) as err:
        both.replace(**{"cathode.thickness_m": 50 * UM})
    assert err.value.field == "anode.np_ratio"
    assert "anode.thickness_m" in err.value.allowed and "cathode.thickness_m" in \
        err.value.allowed
    keep_np = both.replace(**{"cathode.thickness_m": 50 * UM, "anode.thickness_m": None})
    assert keep_np.resolved().np_ratio == pytest.approx(rd.np_ratio, rel=1e-12)
    keep_foil = both.replace(**{"cathode.thickness_m": 50 * UM, "anode.np_ratio": None})
    assert keep_foil.resolved().anode_thickness_m == REF1.anode.thickness_m
    assert keep_foil.resolved().np_ratio == pytest.approx(2 * rd.np_ratio, rel=1e-12)
    # a field that leaves the cathode's sizing alone, or one that leaves a value out
    assert both.replace(**{"separator.thickness_m": 20 * UM}).resolved()
    assert both.replace(**{"anode.np_ratio": None}).anode.thickness_m == REF1.anode.thickness_m


def test_composite_and_anode_free_anodes_have_no_choice_of_sizing():
    graphite = REF1.replace(anode=composite_anode())
    assert graphite.replace(**{"anode.np_ratio": 1.3}).resolved().np_ratio == 1.3
    with pytest.raises(ValidationError, match="give np_ratio only"):
        graphite.replace(**{"anode.thickness_m": 50 * UM})
    free = REF1.replace(anode={"kind": "anode_free", "material": REF1.anode.material})
    with pytest.raises(ValidationError, match="anode_free cell has no anode thickness or N/P"):
        free.replace(**{"anode.np_ratio": 1.5})
    # a change to a composite kind with its N/P leaves the foil's thickness out
    assert REF1.replace(**{**{f"anode.{k}": v for k, v in composite_anode().items()
                              if k != "kind"}, "anode.kind": "graphite"}).resolved()


@settings(max_examples=30, deadline=None)
@given(values=st.dictionaries(
    st.sampled_from(["anode.np_ratio", "anode.thickness_m", "cathode.thickness_m",
                     "cathode.active_loading_kg_m2"]),
    st.floats(1.0, 3.0), min_size=1, max_size=3))
def test_a_screen_row_is_the_replaced_design(values):
    """row_design (screening) and replace apply one rule: the same design, or the same
    refusal."""
    values = {k: v * (UM * 40 if k.endswith("_m") else 0.1 if "loading" in k else 1.0)
              for k, v in values.items()}
    try:
        expected: object = REF1.replace(**values)
    except ValidationError as exc:
        expected = (exc.field, exc.allowed)
    try:
        got: object = row_design(REF1, values)
    except ValidationError as exc:
        got = (exc.field, exc.allowed)
    assert got == expected
    if not isinstance(expected, tuple):  # the rule applied twice changes nothing
        assert one_sizing(REF1, one_sizing(REF1, values)) == one_sizing(REF1, values)


# --- one areal-capacity overflow rule (design model and core's reason 7) --------------------

def _ref1_params() -> dict:
    return design_parameters(REF1.resolved())


def _overflow_boundary() -> float:
    """The least cathode thickness [m] of SSB-REF-1 whose areal capacity overflows
    (bisection on the bit patterns of the positive floats)."""
    p = _ref1_params()

    def over(t: float) -> bool:
        return bool(capacity_overflows(cathode_areal_capacity_A_h_m2(
            p["cathode_active_volume_fraction"], p["cathode_active_density_kg_m3"],
            p["cathode_capacity_Ah_kg"], t)))

    lo, hi = (int(np.float64(x).view(np.int64)) for x in (1.0, 1e308))
    assert not over(1.0) and over(1e308)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if over(float(np.int64(mid).view(np.float64))):
            hi = mid
        else:
            lo = mid
    return float(np.int64(hi).view(np.float64))


BOUNDARY_M = _overflow_boundary()


#: SSB-REF-1 on an electrode of 1e300 m x 1e300 m: a stacked cell refuses a layer at least as
#: thick as its electrode is wide first (test_cell_geometry_sanity.py), so the overflow of a
#: 3e299 m cathode is reached on a format wider than it (whose cell, 1e600 m2, is infinite:
#: core's reason 8 below the boundary, 7 at it)
WIDE = {"format.electrode_width_m": 1e300, "format.electrode_height_m": 1e300}


def _design_says_overflow(thickness_m: float) -> bool:
    """Whether the design model refuses SSB-REF-1 with this cathode for an overflow (it
    refuses the 30 um foil's N/P below 1 otherwise)."""
    try:
        REF1.replace(**{**WIDE, "cathode.thickness_m": thickness_m}).resolved()
    except ValidationError as exc:
        return "beyond the range of a float" in exc.allowed
    return False


def _core_code(thickness_m: float) -> int:
    return int(core({**_ref1_params(), "electrode_width_m": 1e300, "electrode_height_m": 1e300,
                     "cathode_thickness_m": thickness_m})["Reason code"])


def test_design_model_and_core_agree_on_both_sides_of_the_overflow():
    below = math.nextafter(BOUNDARY_M, 0.0)
    # the boundary is where the capacity in mAh/m2 leaves the floats (about 2.9e299 m here)
    assert 1e299 < BOUNDARY_M < 1e300
    assert [_design_says_overflow(t) for t in (below, BOUNDARY_M)] == [False, True]
    assert [_core_code(t) for t in (below, BOUNDARY_M)] == [8, 7]  # (WIDE: an infinite cell)
    assert REASONS[7].endswith("gives an areal capacity beyond the range of a float; give a "
                               "thickness and loading of a real electrode")


@settings(max_examples=40, deadline=None)
@given(scale=st.floats(0.25, 4.0) | st.sampled_from([1.0, 1e4, 1e8]))
def test_design_model_and_core_agree_near_and_beyond_the_overflow(scale):
    """Before, a capacity that overflowed already in A h/m2 (a 1e304 m cathode) got reason 1
    (N/P below 1) in core while the design model refused the overflow."""
    t = BOUNDARY_M * scale
    if not math.isfinite(t):
        return
    assert _design_says_overflow(t) == (_core_code(t) == 7)


def test_an_overflowing_thickness_is_shown_in_metres_not_as_inf_um():
    """1e304 m is 1e310 um, beyond the floats: the refusal showed 'inf um', then '1e+304 m';
    since 2026-12-07 it shows the number the design keeps, in metres (docs/cell.md)."""
    with pytest.raises(ValidationError) as err:
        evaluate(REF1.replace(**{"cathode.thickness_m": 1e304}))
    assert err.value.value == 1e304
    assert "inf" not in str(err.value)
