"""Architectures of the review's Table 7 as numbers: geometric identities that must hold."""

from __future__ import annotations

import math

import pytest
from cellhelpers import ref1_design, ref_materials

from solidcell import evaluate
from solidcell.cell.architectures import bipolar_gain, compare, crossover
from solidcell.errors import ValidationError

M = ref_materials()
CASE = {"casing_material": M["case_al"], "casing_thickness_m": 100e-6}


def interdigitated(wc=50e-6, wa=15e-6, gap=20e-6, h=200e-6):
    return ref1_design(**{
        "architecture": {"kind": "interdigitated_3d", "cathode_width_m": wc,
                         "anode_width_m": wa, "gap_m": gap},
        "anode": {"kind": "li_metal", "material": M["case_li"]},
        "cathode.thickness_m": h})


def test_interdigitated_geometry():
    wc, wa, gap, h = 50e-6, 15e-6, 20e-6, 200e-6
    r = evaluate(interdigitated(wc, wa, gap, h))
    pitch = wc + wa + 2 * gap
    assert r["Interface area per footprint area"] == pytest.approx(2 * h / pitch)
    assert r["Ion path length [m]"] == pytest.approx(gap + wc / 2)
    # capacity per footprint: cathode share wc/pitch of a 200 um layer (6.175 mAh/cm2/100 um)
    assert r.areal_capacity_mAh_cm2 == pytest.approx(6.175 * 2 * wc / pitch)
    # N/P from the plate widths: Li plate capacity over cathode plate capacity
    li = 534.0 * 3861.2  # kg/m3 x mAh/g -> mAh per m3 / 1000
    cat = 0.65 * 4750.0 * 200.0
    assert r["N/P ratio"] == pytest.approx(wa * li / (wc * cat), rel=1e-3)


def test_vertically_aligned_capacity_and_interface():
    w, g = 50e-6, 10e-6
    d = ref1_design(architecture={"kind": "vertically_aligned", "cathode_width_m": w,
                                  "gap_m": g})
    r = evaluate(d)
    fill = (w / (w + g)) ** 2
    assert r.areal_capacity_mAh_cm2 == pytest.approx(6.175 * fill)
    assert r["Interface area per footprint area"] == pytest.approx(4 * w * 100e-6 / (w + g) ** 2)


def test_bipolar_voltage_and_single_cell_limit():
    planar = evaluate(ref1_design())
    one = evaluate(ref1_design(architecture={"kind": "bipolar", "cells_in_series": 1}))
    assert one["Stack gravimetric energy density [W.h.kg-1]"] == pytest.approx(
        planar["Stack gravimetric energy density [W.h.kg-1]"])
    six = evaluate(ref1_design(architecture={"kind": "bipolar", "cells_in_series": 6}))
    assert six["Cell voltage [V]"] == pytest.approx(6 * 3.8)


def test_bipolar_gain_comes_from_packaging():
    fmt = {"kind": "pouch", "n_layers": 4, "electrode_width_m": 0.1,
           "electrode_height_m": 0.2, "seal_width_m": 0.005, **CASE}
    gain = bipolar_gain(ref1_design(format=fmt, architecture={"kind": "bipolar",
                                                              "cells_in_series": 6}))
    assert gain.gravimetric_gain > 0 and gain.volumetric_gain > 0
    bare = bipolar_gain(ref1_design(architecture={"kind": "bipolar", "cells_in_series": 6}))
    # without casing, the bipolar foil (cathode collector, 12 um Al) replaces half collectors
    assert abs(bare.gravimetric_gain) < 0.05
    with pytest.raises(ValidationError):
        bipolar_gain(ref1_design())


def test_thin_film_substrate_counted_at_cell_level_only():
    fmt = {"kind": "thin_film", "electrode_width_m": 0.01, "electrode_height_m": 0.01,
           "substrate": M["case_al"], "substrate_thickness_m": 20e-6}
    d = ref1_design(format=fmt, architecture={"kind": "thin_film"})
    r = evaluate(d)
    assert r["Substrate mass [kg]"] == pytest.approx(2700 * 20e-6 * 1e-4)
    assert r["Cell gravimetric energy density [W.h.kg-1]"] < \
        r["Stack gravimetric energy density [W.h.kg-1]"]


def test_cylindrical_area_fills_the_can():
    fmt = {"kind": "cylindrical", "diameter_m": 0.021, "height_m": 0.070,
           "mandrel_diameter_m": 0.002, "headspace_m": 0.004, **CASE}
    r = evaluate(ref1_design(format=fmt))
    d_in, h_in = 0.021 - 2e-4, 0.070 - 2e-4 - 0.004
    roll = math.pi / 4 * (d_in**2 - 0.002**2) * h_in
    assert r["Electrode area [m2]"] * r["Stack thickness [m]"] == pytest.approx(roll)
    assert r["Cell volume [m3]"] == pytest.approx(math.pi / 4 * 0.021**2 * 0.070)


def test_crossover_3d_wins_only_at_low_conductivity():
    c = crossover(ref1_design(), interdigitated(), c_rate_h=2.0)
    assert c.crossover_conductivity_S_m is not None
    hi = c.conductivity_S_m > 10 * c.crossover_conductivity_S_m
    assert (c.planar_Wh_kg[hi] >= c.three_d_Wh_kg[hi]).all()  # planar wins when conductive
    # the planar cathode is thinned where the electrolyte cannot carry the rate
    assert c.planar_cathode_thickness_m.min() < 100e-6
    assert c.planar_cathode_thickness_m.max() == pytest.approx(100e-6)


def test_compare_lists_every_design():
    table = compare([ref1_design(), interdigitated()])
    rows = table.to_json()["rows"]
    assert [r["Architecture"] for r in rows] == ["planar", "interdigitated_3d"]
    assert rows[1]["Interface area per footprint area"] > rows[0][
        "Interface area per footprint area"]


def test_thin_film_with_and_without_substrate():
    fmt = {"kind": "thin_film", "electrode_width_m": 0.01, "electrode_height_m": 0.01,
           "substrate": M["case_al"], "substrate_thickness_m": 20e-6}
    r = evaluate(ref1_design(format=fmt, architecture={"kind": "thin_film"}))
    e = r["Stack areal energy [W.h.m-2]"]
    m = r["Stack areal mass [kg.m-2]"] + 2700.0 * 20e-6
    assert r["Stack with substrate gravimetric energy density [W.h.kg-1]"] == pytest.approx(e / m)
    assert r.level("stack")["With substrate gravimetric energy density [W.h.kg-1]"] < \
        r["Stack gravimetric energy density [W.h.kg-1]"]


def test_prismatic_box_and_casing_mass():
    fmt = {"kind": "prismatic", "n_layers": 10, "electrode_width_m": 0.1,
           "electrode_height_m": 0.08, "headspace_m": 0.01, **CASE}
    r = evaluate(ref1_design(format=fmt))
    t = 10 * r["Stack thickness [m]"]
    a, b, c = 0.1 + 2e-4, 0.08 + 0.01 + 2e-4, t + 2e-4
    assert r["Cell volume [m3]"] == pytest.approx(a * b * c)
    assert r["Casing mass [kg]"] == pytest.approx(2700 * 100e-6 * 2 * (a * b + b * c + a * c))


def test_li_in_foil_lowers_the_voltage():
    """A Li-In foil: cell voltage = V_cathode - V_(Li-In vs Li); N/P from its capacity."""
    from solidcell.materials.schema import Material

    li_in = Material(id="case_li_in", name="Li-In (test)", category="anode", properties=[
        {"name": "density", "value": 7.0, "unit": "g/cm3", "method": "estimated",
         "source": "solidcell_energy_cases"},
        {"name": "theoretical_capacity", "value": 1000, "unit": "mAh/g",
         "method": "estimated", "source": "solidcell_energy_cases"},
        {"name": "average_voltage", "value": 0.6, "unit": "V", "method": "estimated",
         "source": "solidcell_energy_cases"}])
    r = evaluate(ref1_design(anode={"kind": "li_in", "material": li_in, "thickness_m": 20e-6}))
    assert r["Cell voltage [V]"] == pytest.approx(3.2)
    assert r["N/P ratio"] == pytest.approx(20e-6 * 7000 * 1000 / 61.75)


@pytest.mark.parametrize("dv", [-0.1, 0.0, float("nan"), 10.0])
def test_crossover_refuses_a_polarisation_outside_0_and_the_voltage(dv):
    """It gave NaN thicknesses (sqrt of a negative) without an error before."""
    from solidcell.errors import ValidationError

    with pytest.raises(ValidationError, match="max_polarisation_V"):
        crossover(ref1_design(), interdigitated(), c_rate_h=2.0, max_polarisation_V=dv)
