"""The thinnest cell of Kato et al. 2018 against SI Fig. S2, and the thickness trend of the
stack energy, which no single cell shows (the L600 values are in test_cell_published_cells.py).

Kato et al., J. Phys. Chem. Lett. 9, 607 (2018) (``kato2018_thick_electrodes``), SI Fig. S2:
calculated energy density and specific energy against the cathode thickness, with 20 um Al
and Cu current collectors. Printed: L600 435 Wh/L and 180 Wh/kg. The L75 values, about
245 Wh/L and 117 Wh/kg, are READ FROM THE FIGURE by the digest of the paper and its SI that
test_cell_published_cells.py uses (code-search index file id 70726852532, section 3-9, marked
"판독", read from a figure; the paper prints no number for them): they carry the figure's
reading error, which the digest does not state. They are compared here because they test
what the L600 pair cannot: how the energy falls as the cathode thins, which the average
voltage (not stated in the paper) does not set, since it cancels in the ratio L75 / L600.
"""

from __future__ import annotations

import pytest
from test_cell_published_cells import L600_WH_KG, L600_WH_L, SRC, kato_design

from solidcell import evaluate

#: SI Fig. S2 of kato2018_thick_electrodes, L75, as read from the figure (see above).
L75_WH_L_READ, L75_WH_KG_READ = 245.0, 117.0

WH_KG = "Stack gravimetric energy density [W.h.kg-1]"
WH_L = "Stack volumetric energy density [W.h.L-1]"
ELECTRODES = ("Cathode areal mass [kg.m-2]", "Anode areal mass [kg.m-2]")
FIXED = ("Separator areal mass [kg.m-2]", "Current collector areal mass [kg.m-2]")


def _relative_errors(cell: str, collectors: str) -> tuple[float, float]:
    r = evaluate(kato_design(cell, collectors))
    return r[WH_KG] / L75_WH_KG_READ - 1, r[WH_L] / L75_WH_L_READ - 1


def test_l75_against_the_figure():
    """KATO2018-L75 (SI Fig. S2, read): about 117 Wh/kg and 245 Wh/L. The model, with the
    inputs and conventions that give L600 within 3 % (174.7 against 180 Wh/kg, full
    collectors), gives 93.3 Wh/kg (-20 %) and 268.8 Wh/L (+9.7 %); with half collectors
    109.0 (-6.9 %) and 289.4 (+18 %). At L75 the fixed parts (100 um separator at 2.0 g/cm3,
    0.200 kg/m2, and the two 20 um foils, 0.232 kg/m2) are 53 % of the stack's mass, against
    13 % at L600, so what Fig. S2 counts of them decides the thin cells."""
    wh_kg_full, wh_l_full = _relative_errors("L75", "full")
    wh_kg_half, wh_l_half = _relative_errors("L75", "half")
    assert round(wh_kg_full, 3) == -0.202 and round(wh_l_full, 3) == 0.097
    assert round(wh_kg_half, 3) == -0.069 and round(wh_l_half, 3) == 0.181
    for cell, share in (("L75", 0.534), ("L600", 0.126)):
        r = evaluate(kato_design(cell))
        fixed = sum(r[k] for k in FIXED)
        assert fixed == pytest.approx(0.432, abs=5e-4)
        assert round(fixed / r["Stack areal mass [kg.m-2]"], 3) == share


def test_voltage_free_thickness_trend_shows_less_fixed_mass_than_stated():
    """The ratio of the specific energies of L75 and L600 does not depend on the average
    voltage (both cells use the same one): Fig. S2 gives 117 / 180 = 0.650 (read / printed),
    the model 0.534 with the stated separator and full collectors, 0.603 with half
    collectors. Solving the ratio for the fixed areal mass per cell (separator plus
    collectors) that Fig. S2 must have counted next to the stated electrodes gives
    0.253 kg/m2 against the stated 0.432 kg/m2 (what is left out, or lighter, is not said in
    what was read). With that mass, L600's printed 180 Wh/kg needs an average voltage of
    3.71 V (the knowledge base's 3.8 V is not the paper's); and the volume per mass Fig. S2
    counts is 245 / 117 = 2.09 kg/L at L75 against the model's 2.88, i.e. 37 % more volume
    per kilogram, where at L600 it is 12.5 % (test_cell_published_cells.py): no single
    porosity of the electrodes explains both, so Fig. S2's volume is not the stated stack's
    either. No model change: the model's stack algebra reproduces the paper's stated layer
    thicknesses and capacities (test_cell_published_cells.py); the difference is what the
    figure counts."""
    r75, r600 = evaluate(kato_design("L75")), evaluate(kato_design("L600"))
    half75, half600 = evaluate(kato_design("L75", "half")), evaluate(kato_design("L600", "half"))
    read_ratio = L75_WH_KG_READ / L600_WH_KG
    assert round(read_ratio, 3) == 0.650
    assert round(r75[WH_KG] / r600[WH_KG], 3) == 0.534
    assert round(half75[WH_KG] / half600[WH_KG], 3) == 0.603
    q75, q600 = (r["Areal capacity [A.h.m-2]"] for r in (r75, r600))
    m75, m600 = (sum(r[k] for k in ELECTRODES) for r in (r75, r600))
    fixed = (q75 * m600 - read_ratio * q600 * m75) / (read_ratio * q600 - q75)
    assert fixed == pytest.approx(0.253, abs=5e-4)
    assert sum(r75[k] for k in FIXED) == pytest.approx(0.432, abs=5e-4)
    voltage = L600_WH_KG * (m600 + fixed) / q600
    assert voltage == pytest.approx(3.71, abs=5e-3)
    assert voltage * q75 / (m75 + fixed) == pytest.approx(L75_WH_KG_READ, rel=1e-9)
    density_read = L75_WH_L_READ / L75_WH_KG_READ  # kg/L
    density_model = r75["Stack areal mass [kg.m-2]"] / r75["Stack thickness [m]"] / 1e3
    assert round(density_read, 3) == 2.094 and round(density_model, 2) == 2.88
    assert round(density_model / density_read - 1, 3) == 0.375
    assert round(L600_WH_L / L600_WH_KG, 3) == 2.417


def test_model_energy_rises_with_the_cathode_thickness_as_fig_s2_does():
    """SI Fig. S2 rises from L75 to L600 in both Wh/kg (117 -> 180) and Wh/L (245 -> 435):
    so does the model over all eight cells of Table 3 (a property of the stack algebra with
    a fixed overhead per cell)."""
    cells = ("L75", "L100", "L125", "L150", "L200", "L250", "L300", "L600")
    results = [evaluate(kato_design(c)) for c in cells]
    for key in (WH_KG, WH_L):
        values = [r[key] for r in results]
        assert values == sorted(values) and len(set(values)) == len(values)
    assert SRC in results[0].sources
