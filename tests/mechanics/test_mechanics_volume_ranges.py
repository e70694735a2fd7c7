"""A volume change the knowledge base gives as a range ("4-5 %", review Table 5) carried
through the thickness change: low and high from the range's ends, not one midpoint.

The rule (docs/interfaces.md, Mechanics): a layer of thickness t and active fraction phi
changes thickness on charge by s t phi |dV/V| at each end of the |dV/V| range (s = +1 expands,
-1 contracts, after koerver2018_chemomechanics); low/high are the smaller/larger of the two
ends; an unknown sign gives -t phi |dV/V|max .. +t phi |dV/V|max; a single value gives
low == high. Ranges from srivastava_review Table 5: LCO 2-3 %, NMC811 4-5 %.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.errors import SolidcellError
from solidcell.materials import get
from solidcell.materials.schema import PropertyValue
from solidcell.mechanics.volume import _composite_change, electrode_volume_change, mechanics_check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
REL = 1e-12


def _material_with(volume_change: PropertyValue, material_id: str = "my_oxide"):
    """NMC811's record under a new id (so its sign on charge is unknown) with only
    ``volume_change``: a user's material."""
    return get("nmc811").model_copy(update={"id": material_id, "properties": [volume_change]})


def _range(lo_percent: float, hi_percent: float) -> PropertyValue:
    return PropertyValue(name="volume_change", min=lo_percent, max=hi_percent, unit="%",
                         method="estimated", source="materials_data_estimate")


@pytest.mark.parametrize(("material", "sign", "lo", "hi"), [
    ("nmc811", -1, 0.04, 0.05),  # review Table 5: 4-5 %, contracts on charge
    ("lco", +1, 0.02, 0.03),     # review Table 5: 2-3 %, expands on charge
])
def test_a_range_gives_the_layer_change_at_both_ends(material: str, sign: int, lo: float,
                                                     hi: float) -> None:
    vc = electrode_volume_change(material)
    assert vc.sign_on_charge == sign and vc.bound is None
    assert vc.magnitude_range == (pytest.approx(lo), pytest.approx(hi))
    assert vc.magnitude == pytest.approx((lo + hi) / 2)  # the midpoint the model used before
    assert vc.to_json()["Volume change, low"] == pytest.approx(lo)
    assert vc.to_json()["Volume change, high"] == pytest.approx(hi)
    t, phi = 80e-6, 0.6
    layer = _composite_change("cathode", material, t, phi, [], [])
    ends = sorted((sign * t * phi * lo, sign * t * phi * hi))
    assert (layer.change_low_m, layer.change_high_m) == (pytest.approx(ends[0]),
                                                         pytest.approx(ends[1]))
    assert f"{lo * 100:g}-{hi * 100:g} %" in layer.basis


def test_lco_example_expands_between_2_and_3_percent() -> None:
    """examples/oxide-lco-llzo-li.yaml: LCO cathode, t phi = 28.5 um. Before, the midpoint
    2.5 % gave +0.7125 um at both ends; now 2 % and 3 % give +0.570 and +0.855 um."""
    design = CellDesign.from_yaml(EXAMPLES / "oxide-lco-llzo-li.yaml")
    (cathode,) = [c for c in mechanics_check(design).layers if c.layer == "cathode"]
    t_phi = cathode.thickness_m * design.resolved().cathode.active_volume_fraction
    assert (cathode.change_low_m, cathode.change_high_m) == (pytest.approx(t_phi * 0.02),
                                                             pytest.approx(t_phi * 0.03))
    assert (cathode.change_low_m + cathode.change_high_m) / 2 == pytest.approx(t_phi * 0.025)


def test_a_range_of_unknown_sign_spans_both_signs_to_its_top() -> None:
    """A user's material with 1-3 % and no sign on charge: the change may be either way, up to
    t phi 3 % (the convention of an unknown sign, kept)."""
    mat = _material_with(_range(1, 3))
    vc = electrode_volume_change(mat)
    assert vc.sign_on_charge is None
    assert vc.magnitude_range == (pytest.approx(0.01), pytest.approx(0.03))
    layer = _composite_change("cathode", mat, 100e-6, 0.5, [], [])
    assert (layer.change_low_m, layer.change_high_m) == (pytest.approx(-1.5e-6),
                                                         pytest.approx(1.5e-6))
    assert "sign unknown" in layer.basis


def test_a_range_through_zero_starts_at_no_change() -> None:
    """-1 to 2 %: |dV/V| lies between 0 and 2 %, not between 1 and 2 %."""
    vc = electrode_volume_change(_material_with(_range(-1, 2)))
    assert vc.magnitude_range == (0.0, pytest.approx(0.02))


def test_a_range_reaching_the_large_volume_change_is_warned_with_both_ends() -> None:
    """The review's large volume change (>= 80 %, srivastava_review) reached by the top of a
    70-90 % range: warned, naming the range."""
    warnings: list[str] = []
    _composite_change("cathode", _material_with(_range(70, 90)), 50e-6, 0.5, [], warnings)
    assert any("70% to 90%" in w and "large volume change" in w for w in warnings)
    quiet: list[str] = []
    _composite_change("cathode", _material_with(_range(60, 70)), 50e-6, 0.5, [], quiet)
    assert not any("large volume change" in w for w in quiet)


@settings(max_examples=40, deadline=None)
@given(material=st.sampled_from(["nmc811", "lco", "lfp", "graphite", "silicon", "lto",
                                 "sulfur"]),
       t=st.floats(1e-6, 5e-4), phi=st.floats(0.05, 1.0))
def test_layer_change_properties(material: str, t: float, phi: float) -> None:
    """low <= high; a single value (no range, no bound, known sign) gives low == high, the
    model's s t phi |dV/V|; the midpoint of a range's layer change is the midpoint model's."""
    vc = electrode_volume_change(material)
    layer = _composite_change("electrode", material, t, phi, [], [])
    assert layer.change_low_m <= layer.change_high_m
    lo, hi = vc.magnitude_range
    assert layer.change_high_m - layer.change_low_m == pytest.approx(
        t * phi * (hi - lo) if vc.sign_on_charge is not None else 2 * t * phi * hi, rel=REL)
    if vc.sign_on_charge is not None and vc.bound is None:
        midpoint = vc.sign_on_charge * t * phi * vc.magnitude
        assert (layer.change_low_m + layer.change_high_m) / 2 == pytest.approx(midpoint, rel=REL)
        if vc.given_range is None:
            assert layer.change_low_m == layer.change_high_m == pytest.approx(midpoint, rel=REL)


ANODES = {
    "li_metal": {"kind": "li_metal", "thickness": "40 um"},
    "anode_free": {"kind": "anode_free"},
    **{kind: {"kind": kind, "np_ratio": 1.1, "electrolyte": "li6ps5cl", "active_fraction": 0.6,
              "electrolyte_fraction": 0.4} for kind in ("graphite", "silicon", "lto")},
}


@settings(max_examples=30, deadline=None)
@given(cathode=st.sampled_from(["nmc811", "lco", "lfp", "nca", "sulfur"]),
       anode=st.sampled_from(sorted(ANODES)), thickness_um=st.floats(20, 150),
       np_ratio=st.floats(1.0, 2.0))
def test_design_ranges_hold_for_any_design(cathode: str, anode: str, thickness_um: float,
                                           np_ratio: float) -> None:
    """For any design: every layer and the repeat unit have low <= high; a layer of a single
    value has low == high; the repeat unit's range is the sum of the layers' and contains the
    sum of their midpoints; with a fixture, p_min <= p0 <= p_max."""
    spec = dict(ANODES[anode])
    if "np_ratio" in spec:
        spec["np_ratio"] = np_ratio
    try:
        design = EV.replace(**{"cathode.active_material": cathode,
                               "cathode.thickness_m": thickness_um * 1e-6}, anode=spec)
        rep = mechanics_check(design, stack_pressure_Pa=5e6, fixture_stiffness_Pa_m=1e9)
    except SolidcellError:
        reject()
    for layer in rep.layers:
        assert layer.change_low_m <= layer.change_high_m
        if layer.layer != "separator" and layer.material not in ("li_metal",):
            try:
                vc = electrode_volume_change(layer.material)
            except SolidcellError:  # no data: counted as no change
                assert layer.change_low_m == layer.change_high_m == 0.0
                continue
            if vc.given_range is None and vc.bound is None and vc.sign_on_charge is not None:
                assert layer.change_low_m == layer.change_high_m
        else:
            assert layer.change_low_m == layer.change_high_m
    assert rep.stack_change_low_m <= rep.stack_change_high_m
    assert rep.stack_change_low_m == pytest.approx(sum(c.change_low_m for c in rep.layers))
    assert rep.stack_change_high_m == pytest.approx(sum(c.change_high_m for c in rep.layers))
    mid = sum((c.change_low_m + c.change_high_m) / 2 for c in rep.layers)
    slack = 1e-12 * sum(abs(c.change_low_m) + abs(c.change_high_m) for c in rep.layers)
    assert rep.stack_change_low_m - slack <= mid <= rep.stack_change_high_m + slack
    if rep.pressure is not None:
        p = rep.pressure
        assert (p.thickness_change_low_m, p.thickness_change_high_m) == (
            rep.stack_change_low_m, rep.stack_change_high_m)
        assert p.pressure_min_Pa <= 5e6 <= p.pressure_max_Pa


def test_ev_stack_pressure_uses_the_range() -> None:
    """EV example (20 repeat units) at 5 MPa in a 1 GPa/m fixture. The repeat unit grows by
    20.78-21.27 um (before, one 21.02 um from the 4.5 % midpoint), so the fixture's maximum
    rises to p0 + k N high = 5.4254 MPa (before 5.4205 MPa); it never shrinks, so p_min = p0."""
    rep = mechanics_check(EV, stack_pressure_Pa=5e6, fixture_stiffness_Pa_m=1e9)
    assert (rep.stack_change_low_m, rep.stack_change_high_m) == (
        pytest.approx(20.777e-6, rel=1e-4), pytest.approx(21.271e-6, rel=1e-4))
    p = rep.pressure
    assert p is not None and p.repeat_units == 20
    assert p.pressure_max_Pa == pytest.approx(5e6 + 1e9 * 20 * rep.stack_change_high_m)
    assert p.pressure_max_Pa == pytest.approx(5.4254e6, rel=1e-4)
    assert p.pressure_min_Pa == 5e6


def test_interfaces_table_shows_the_range_and_the_repeat_unit(capsys) -> None:
    """`solidcell interfaces` printed only the layers, each at the 4.5 % midpoint (-2.223 um at
    both ends); it now shows both ends, the basis that names the range, and the repeat unit's
    sum (20.78 to 21.27 um), which only the JSON carried."""
    code, out, err = run(["interfaces", str(EXAMPLES / "ev-nmc811-lpscl-li.yaml")], capsys)
    assert code == 0, err
    (cathode,) = [line for line in out.splitlines() if "nmc811" in line and "-2.47" in line]
    assert "-1.976" in cathode
    assert "4-5 %" in out
    (unit,) = [line for line in out.splitlines() if "repeat unit" in line and "20.78" in line]
    assert "21.27" in unit and "150" in unit
