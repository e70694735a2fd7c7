"""Architectures of the review's Table 7 as numbers: geometric identities that must hold."""

from __future__ import annotations

import math

import numpy as np
import pytest
from cellhelpers import composite_anode, ref1_design, ref_materials

from solidcell import evaluate
from solidcell.cell.architectures import bipolar_gain, compare, crossover
from solidcell.cell.design import particle_bounds
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


def test_cylindrical_cell_energy_does_not_depend_on_the_state_of_charge():
    """The jelly roll is wound as built: its electrode area (pi/4 (D_in^2 - d^2) H_in over
    the discharged stack thickness) and so the cell's energy and mass are those of the same
    cell in both states. Before, the charged state re-wound the can with the thicker charged
    stack: 30 um of plated Li cut the cell energy by about 15 %."""
    fmt = {"kind": "cylindrical", "diameter_m": 0.021, "height_m": 0.070,
           "mandrel_diameter_m": 0.002, "headspace_m": 0.004, **CASE}
    d = ref1_design(format=fmt)
    disc, charged = evaluate(d), evaluate(d, charged=True)
    d_in, h_in = 0.021 - 2e-4, 0.070 - 2e-4 - 0.004
    roll = math.pi / 4 * (d_in**2 - 0.002**2) * h_in
    for r in (disc, charged):
        assert r["Electrode area [m2]"] == pytest.approx(roll / disc["Stack thickness [m]"])
    assert charged["Cell energy [W.h]"] == pytest.approx(disc["Cell energy [W.h]"])
    assert charged["Cell mass [kg]"] == pytest.approx(disc["Cell mass [kg]"])
    assert charged["Stack thickness [m]"] > disc["Stack thickness [m]"]


def test_crossover_band_ends_where_the_3d_design_cannot_carry_the_rate():
    """3D stores more only between the crossover and the lowest conductivity of that run:
    below it the 3D design does not meet the rate (NaN) while the thinned planar cell still
    does. Before, only the upper end was given and read 'below it 3D stores more'."""
    sig = np.logspace(-6, 0, 241)
    c = crossover(ref1_design(), interdigitated(), c_rate_h=2.0, conductivity_S_m=sig)
    hi, lo = c.crossover_conductivity_S_m, c.crossover_low_conductivity_S_m
    assert hi is not None and lo is not None and lo < hi
    band = (sig >= lo) & (sig <= hi)
    assert (c.three_d_Wh_kg[band] > c.planar_Wh_kg[band]).all()
    below = sig < lo
    assert below.any() and np.isnan(c.three_d_Wh_kg[below]).all()
    # the thinned planar cell exists down to one particle diameter (particle bound)
    bound = particle_bounds(ref1_design().resolved())[0].min_thickness_m
    made = c.planar_cathode_thickness_m >= bound
    assert (c.planar_Wh_kg[below & made] > 0).all() and (below & made).any()
    assert (c.planar_Wh_kg[~made] == 0).all()
    assert c.to_json()["Crossover band low conductivity [S.m-1]"] == lo
    # the grid given in any order gives the same band
    shuffled = crossover(ref1_design(), interdigitated(), c_rate_h=2.0,
                         conductivity_S_m=sig[::-1])
    assert (shuffled.crossover_low_conductivity_S_m, shuffled.crossover_conductivity_S_m) == \
        (lo, hi)


@pytest.mark.parametrize("anode", ["li_metal", "composite"])
def test_thinned_planar_cathode_meets_the_rate_exactly_with_loss_and_porous_separator(anode):
    """The closed form t* (module docstring) with the delivered capacity and the separator's
    Bruggeman conductivity (and a composite anode that thins with the cathode): where the
    cathode is thinned, core's maximum C-rate equals the required rate (the two use the same
    R and the same capacity)."""
    planar = ref1_design(first_cycle_loss=0.2, **{"separator.porosity": 0.3})
    if anode == "composite":
        planar = planar.replace(anode=composite_anode())
    assert_thinned_cathode_meets_the_rate(planar)


def assert_thinned_cathode_meets_the_rate(planar, c_rate_h: float = 2.0):
    """Where ``crossover`` thins ``planar``'s 100 um cathode to meet ``c_rate_h``, core's
    maximum C-rate of the thinned design equals that rate; returns (crossover result, the
    thinned rows, the conductivities swept)."""
    from solidcell.cell.energy import core, design_parameters

    sig = np.logspace(-4, -1, 7)
    c = crossover(planar, interdigitated(), c_rate_h=c_rate_h, conductivity_S_m=sig)
    thinned = c.planar_cathode_thickness_m < 100e-6 * (1 - 1e-9)
    assert thinned.any()
    p = design_parameters(planar.resolved())
    out = core({**p, "separator_conductivity_S_m": sig[thinned],
                "cathode_electrolyte_conductivity_S_m": sig[thinned],
                "anode_electrolyte_conductivity_S_m": sig[thinned],
                "cathode_thickness_m": c.planar_cathode_thickness_m[thinned]})
    assert out["Maximum C-rate [h-1]"] == pytest.approx(c_rate_h, rel=1e-9)
    return c, thinned, sig
