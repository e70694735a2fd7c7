"""The lithium a Li-In foil holds: its N/P must be that of its indium.

A ``li_in`` foil is the indium host of the discharged cell (the knowledge base stores the
density of indium metal, 7.31 g/cm3, haynes2016_crc, "the host before lithiation"), and its
mass is that of the indium. Alloying to LiIn takes one Li per In atom, so a foil of thickness
``t`` holds ``t rho_In / M_In`` mol of In and ``t rho_In F / M_In`` of charge (Faraday's law,
codata2018; M_In from the project's composition module). The knowledge base stored the
capacity per mass of LiIn (220.1 mAh/g, F / (3.6 M_LiIn)), which the cell bookkeeping
multiplied by the indium's density: the foil's capacity density came out 1609 instead of 1706
mAh/cm3 (M_LiIn / M_In = 1.0604), its N/P 5.7 % low and a foil sized by N/P 6 % too thick.
The record now stores both on the indium host (233.4 mAh/g, formula In), as graphite (C6)
and silicon are stored on theirs.
"""

from __future__ import annotations

import pytest
from cellhelpers import ref1_design

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.chemistry.capacity import FARADAY
from solidcell.chemistry.composition import molar_mass


def test_li_in_foil_holds_one_lithium_per_indium_atom() -> None:
    design: CellDesign = ref1_design(anode={"kind": "li_in", "thickness": "60 um"})
    rd = design.resolved()
    rho_in = rd.anode.densities_kg_m3["active"]  # kg/m3, the indium host
    assert rho_in == pytest.approx(7310.0)
    charge_A_h_m2 = 60e-6 * rho_in / molar_mass("In") * FARADAY / 3600.0
    r = evaluate(design)
    # the knowledge base stores capacities to 0.1 mAh/g (2e-4 of 233.4); the gap is 5.7 %
    assert r["N/P ratio"] == pytest.approx(charge_A_h_m2 / r["Areal capacity [A.h.m-2]"],
                                           rel=5e-4)
