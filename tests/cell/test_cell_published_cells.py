"""Cell energy against published cells other than Lee et al. 2020 (test_cell_published.py).

Kato et al., J. Phys. Chem. Lett. 9, 607 (2018) (``kato2018_thick_electrodes``): LiNbO3-coated
LiCoO2 | sulfide | graphite cells with 75-600 um thick cathodes (L75 ... L600). The paper
states the composition and the densities of both composite electrodes (Table 2), the
loadings and nominal thicknesses of eight cells (Table 3), the capacities used (137 mAh/g
LiCoO2, 370 mAh/g graphite: SI Fig. S1 caption), the separator (~100 um of the LiI-glass SE3,
Fig. 1a) and a calculated energy density of L600, 435 Wh/L and 180 Wh/kg with 20 um Al and
Cu current collectors (SI Fig. S2; both values marked as printed). The values were read in a
section-by-section digest of the paper and its SI (code-search index file id 70726852532:
"kato2018_thick_electrode_assb_cycle_tortuosity", which marks every value as printed, read
from a figure, or its own arithmetic); only values it marks as printed are used, but for the
separator: ~100 um is the label of the schematic Fig. 1a, which the digest lists among the
figures (Table 4's R_o = 8 Ohm cm2 agrees: 100 um / 1.2 mS/cm = 8.3 Ohm cm2). Check them
against the paper before relying on the third digit.

Not stated in what was read: the average voltage used for SI Fig. S2 (the paper gives the
charged-state potentials 4.1 V (LiCoO2) and 0.1 V (graphite), not averages), so the model
uses the knowledge base's average voltages (LiCoO2 3.9 V, graphite 0.1 V,
``srivastava_review``); and what mass and volume Fig. S2 counts beyond the layers and the
collectors. docs/validation.md ("Cell energy") has the comparison and its conventions.
"""

from __future__ import annotations

import pytest

from solidcell import evaluate
from solidcell.cell.design import CellDesign
from solidcell.materials.schema import Material

SRC = "kato2018_thick_electrodes"

#: Table 3 of kato2018_thick_electrodes (as printed): cell -> (cathode thickness [um],
#: LiCoO2 loading [mg/cm2], anode thickness [um], graphite loading [mg/cm2], capacity
#: [mAh/cm2]). The thicknesses are printed with "~" (nominal values).
TABLE3 = {
    "L75": (75, 14.5, 66, 6.4, 2.00),
    "L100": (100, 19.3, 88, 8.6, 2.64),
    "L125": (125, 24.1, 109, 10.7, 3.30),
    "L150": (150, 28.9, 131, 12.8, 3.96),
    "L200": (200, 38.6, 174, 17.1, 5.29),
    "L250": (250, 48.2, 219, 21.4, 6.60),
    "L300": (300, 57.7, 262, 25.6, 7.93),
    "L600": (600, 115.4, 524, 51.3, 15.7),
}

#: SI Fig. S2 of kato2018_thick_electrodes: L600 with 20 um Al and Cu current collectors.
L600_WH_L, L600_WH_KG = 435.0, 180.0
COLLECTOR_UM = 20.0
SEPARATOR_UM = 100.0  # Fig. 1a: "L_s ~ 100 um" of SE3

#: Mass fractions of Table 2: cathode LiCoO2 : acetylene black : SE = 61 : 3 : 36,
#: anode graphite : SE = 46 : 54.
CATHODE_WT = (0.61, 0.36, 0.03)
ANODE_WT = (0.46, 0.54)


def _material(mid: str, category: str, density: float, *extra: dict,
              source: str = SRC, **kw: object) -> Material:
    props = [{"name": "density", "value": density, "unit": "g/cm3", "method": "review",
              "source": source}, *extra]
    return Material(id=mid, name=mid, category=category, properties=props, **kw)


def _prop(name: str, value: float, unit: str, source: str, method: str) -> dict:
    return {"name": name, "value": value, "unit": unit, "method": method, "source": source}


#: Densities of Table 2 (g/cm3; values the paper uses, not said to be measured); capacities
#: of the SI Fig. S1 caption; average voltages of the knowledge base (srivastava_review: the
#: paper states none); collector densities of the SI Fig. S2 text (Al 2.7, Cu 8.9 g/cm3).
MATERIALS = {
    "lco": _material("kato_lco", "cathode", 5.05,
                     _prop("practical_capacity", 137, "mAh/g", SRC, "review"),
                     _prop("average_voltage", 3.9, "V", "srivastava_review", "review")),
    "se": _material("kato_se", "electrolyte", 2.00, electrolyte_class="sulfide"),
    "ab": _material("kato_ab", "additive", 2.00),
    "graphite": _material("kato_graphite", "anode", 2.27,
                          _prop("theoretical_capacity", 370, "mAh/g", SRC, "review"),
                          _prop("average_voltage", 0.1, "V", "srivastava_review", "review")),
    "al": _material("kato_al", "current_collector", 2.7),
    "cu": _material("kato_cu", "current_collector", 8.9),
}


def np_ratio(cell: str) -> float:
    """Anode to cathode capacity from the printed loadings (graphite 370, LiCoO2 137 mAh/g):
    1.19-1.20 for all eight cells."""
    _, lco, _, graphite, _ = TABLE3[cell]
    return graphite * 370.0 / (lco * 137.0)


def kato_design(cell: str, collectors: str = "full") -> CellDesign:
    """The cell of Table 3 as a design, sized by the printed LiCoO2 loading and the N/P of
    the printed graphite loading (thicknesses follow from the Table 2 densities, no porosity:
    the paper's own nominal values are dense too).

    ``collectors``: ``"full"`` counts one 20 um Al and one 20 um Cu foil per cell (the 1 cm2
    single cell of the paper; in the repeat unit's half-collector convention that is 40 um
    each); ``"half"`` counts half of each (a double-sided stack of such cells).
    """
    m = MATERIALS
    factor = {"full": 2.0, "half": 1.0}[collectors]
    _, lco, _, _, _ = TABLE3[cell]
    return CellDesign(
        name=f"KATO2018-{cell}",
        cathode={"active_material": m["lco"], "electrolyte": m["se"], "carbon": m["ab"],
                 "fraction_basis": "mass", "active_fraction": CATHODE_WT[0],
                 "electrolyte_fraction": CATHODE_WT[1], "carbon_fraction": CATHODE_WT[2],
                 "active_loading_kg_m2": lco * 1e-2},
        separator={"electrolyte": m["se"], "thickness_m": SEPARATOR_UM * 1e-6},
        anode={"kind": "graphite", "material": m["graphite"], "electrolyte": m["se"],
               "fraction_basis": "mass", "active_fraction": ANODE_WT[0],
               "electrolyte_fraction": ANODE_WT[1], "np_ratio": np_ratio(cell)},
        cathode_current_collector={"material": m["al"],
                                   "thickness_m": factor * COLLECTOR_UM * 1e-6},
        anode_current_collector={"material": m["cu"],
                                 "thickness_m": factor * COLLECTOR_UM * 1e-6},
    )


@pytest.mark.parametrize("cell", list(TABLE3))
def test_layer_thicknesses_and_capacity_follow_from_the_printed_loadings(cell):
    """KATO2018 Table 3: the model's cathode thickness (loading / mass fraction / composite
    density, Table 2) lies within 0.5 % of the printed nominal thickness, its anode (sized by
    the N/P of the printed graphite loading) within 1 %, and its areal capacity (137 mAh/g x
    loading) within 1 % of the printed capacity, in all eight cells (the thicknesses are
    printed as "~75" ... "~600" um, the capacities to three digits)."""
    t_cat, _, t_an, _, capacity = TABLE3[cell]
    rd = kato_design(cell).resolved()
    assert rd.cathode_thickness_m * 1e6 == pytest.approx(t_cat, rel=0.005)
    assert rd.anode_thickness_m * 1e6 == pytest.approx(t_an, rel=0.01)
    assert rd.areal_capacity_mAh_cm2 == pytest.approx(capacity, rel=0.01)
    assert 1.19 < rd.np_ratio < 1.21


def test_l600_specific_energy_within_five_percent():
    """KATO2018-L600 (SI Fig. S2): 180 Wh/kg printed. The model's stack, with one 20 um Al
    and one 20 um Cu foil (the paper's single cell), gives 174.7 Wh/kg (-2.9 %); with half
    collectors (a double-sided stack) 180.8 (+0.4 %). The energy uses the knowledge base's
    3.8 V (the paper states no average voltage for Fig. S2), so the match is to within the
    voltage: Wh/kg is proportional to it."""
    full = evaluate(kato_design("L600"))
    half = evaluate(kato_design("L600", collectors="half"))
    wh_kg = "Stack gravimetric energy density [W.h.kg-1]"
    assert full[wh_kg] == pytest.approx(L600_WH_KG, rel=0.05)
    assert round(full[wh_kg] / L600_WH_KG - 1, 3) == -0.029
    assert round(half[wh_kg] / L600_WH_KG - 1, 3) == 0.004
    assert full["Cell voltage [V]"] == pytest.approx(3.8, rel=1e-9)


def test_l600_energy_density_exceeds_the_printed_value_by_nine_percent():
    """KATO2018-L600 (SI Fig. S2): 435 Wh/L printed; the model gives 475.1 Wh/L (+9.2 %) with
    full collectors, 482.7 (+11.0 %) with half collectors. The gap does not come from the
    voltage: the printed pair fixes the stack density the paper counted, 435 Wh/L over
    180 Wh/kg = 2.417 kg/L, while the stated loadings, mass fractions and densities (Tables
    2-3, no porosity, as the paper's own nominal thicknesses) give 2.72 kg/L over the model's
    1264.5 um. Any voltage that matches one printed value misses the other by the same
    12.5 % (3.48 V matches 435 Wh/L, 3.92 V matches 180 Wh/kg): Fig. S2 counts about 12 %
    more volume per mass than the stated dense layers (a porous real electrode, or a
    measured thickness, would do it; the digest does not say which)."""
    result = evaluate(kato_design("L600"))
    wh_l = result["Stack volumetric energy density [W.h.L-1]"]
    wh_kg = result["Stack gravimetric energy density [W.h.kg-1]"]
    assert round(wh_l / L600_WH_L - 1, 3) == 0.092
    assert result["Stack thickness [m]"] * 1e6 == pytest.approx(
        597.4 + SEPARATOR_UM + 527.1 + 2 * COLLECTOR_UM, abs=0.1)
    density_model = result["Stack areal mass [kg.m-2]"] / result["Stack thickness [m]"]  # kg/m3
    density_printed = L600_WH_L / L600_WH_KG  # kg/L
    assert density_printed == pytest.approx(2.417, abs=5e-4)
    assert density_model / 1e3 == pytest.approx(2.72, abs=0.005)
    # voltage-free: the ratio of the two relative errors is the ratio of the two densities
    mismatch = (wh_l / L600_WH_L) / (wh_kg / L600_WH_KG)
    assert mismatch == pytest.approx(density_model / 1e3 / density_printed, rel=1e-9)
    assert round(mismatch - 1, 3) == 0.125


def test_published_cells_carry_their_sources():
    result = evaluate(kato_design("L600"))
    assert SRC in result.sources
    assert "srivastava_review" in result.sources
