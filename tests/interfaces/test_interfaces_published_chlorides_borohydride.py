"""Chloride | nickelate reaction energies and the LiBH4 window against published
first-principles values not in the shared reference data.

- Kochetkov et al. 2022 (``kochetkov2022_chloride_ncm``), Table 1: pseudo-binary reaction
  energies [eV/atom] of Li3InCl6, Li3YCl6 and Li2ZrCl6 with LixNiO2 (x = 1, 0.75, 0.5, 0.25),
  DFT with Materials Project compatible settings and their own lowest-energy orderings of the
  chlorides; the most favourable reactions with oxide chloride products (InClO, YClO).
  Also their voltammetric onset of Li3InCl6 oxidation (4.27 V).
- Lu & Ciucci 2017 (``lu2017_borohydrides``): grand-potential window of LiBH4 (Materials
  Project energies plus their own B-H phases), oxidised at about 2 V, reduced below 0.25 V.

solidcell: the shipped Materials Project ~2019 energies (``mp2019-legacy``), both reactants at
their hull energy (docs/interfaces.md). Each disagreement is kept with its measured size and
cause, so that a change shows. docs/validation.md lists the same rows.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from solidcell.interfaces.energies import shipped_table
from solidcell.interfaces.reactivity import interface_reaction
from solidcell.interfaces.stability import stability_window

#: Closed reaction energies within 0.03 eV/atom: the scatter between Materials Project data
#: versions, as for Xiao et al. 2019 (test_interfaces_published_dft.py).
REACTION_TOL_EV_ATOM = 0.03
#: Kochetkov et al. 2022, Table 1 [eV/atom], cathode written as printed.
KOCHETKOV = {
    ("Li3InCl6", "LiNiO2"): -0.060, ("Li3InCl6", "Li0.75NiO2"): -0.064,
    ("Li3InCl6", "Li0.5NiO2"): -0.071, ("Li3InCl6", "Li0.25NiO2"): -0.095,
    ("Li3YCl6", "LiNiO2"): -0.082, ("Li3YCl6", "Li0.75NiO2"): -0.084,
    ("Li3YCl6", "Li0.5NiO2"): -0.087, ("Li3YCl6", "Li0.25NiO2"): -0.106,
    ("Li2ZrCl6", "LiNiO2"): -0.155, ("Li2ZrCl6", "Li0.75NiO2"): -0.148,
    ("Li2ZrCl6", "Li0.5NiO2"): -0.138, ("Li2ZrCl6", "Li0.25NiO2"): -0.140,
}
#: Measured model - paper [eV/atom] (model: solidcell react, mp2019-legacy).
MEASURED = {
    # Li3YCl6 is not in these data: its assemblage (LiCl + YCl3) reacts; agrees within 0.03
    ("Li3YCl6", "LiNiO2"): -0.003, ("Li3YCl6", "Li0.75NiO2"): -0.005,
    ("Li3YCl6", "Li0.5NiO2"): -0.007, ("Li3YCl6", "Li0.25NiO2"): -0.023,
    # Li3InCl6 (on the hull here): In2O3 (+ NiCl2) instead of InClO, and the energies
    ("Li3InCl6", "LiNiO2"): -0.031, ("Li3InCl6", "Li0.75NiO2"): -0.030,
    ("Li3InCl6", "Li0.5NiO2"): -0.027, ("Li3InCl6", "Li0.25NiO2"): -0.036,
    # Li2ZrCl6 is not in these data: 2 LiCl + ZrCl4 reacts in its place (NiCl2, ZrO2)
    ("Li2ZrCl6", "LiNiO2"): -0.047, ("Li2ZrCl6", "Li0.75NiO2"): -0.054,
    ("Li2ZrCl6", "Li0.5NiO2"): -0.065, ("Li2ZrCl6", "Li0.25NiO2"): -0.076,
}


@pytest.mark.parametrize(("a", "b"), sorted(KOCHETKOV))
def test_chloride_nickelate_reactions_against_kochetkov2022(a: str, b: str) -> None:
    """Always more negative here; the size is measured and kept (tolerance 2 meV/atom)."""
    r = interface_reaction(a, b)  # closed, mp2019-legacy
    assert r.most_negative_energy_eV_atom - KOCHETKOV[(a, b)] == pytest.approx(
        MEASURED[(a, b)], abs=0.002)


@pytest.mark.parametrize("b", ["LiNiO2", "Li0.75NiO2", "Li0.5NiO2", "Li0.25NiO2"])
def test_li3ycl6_nickelate_reactions_agree_with_kochetkov2022(b: str) -> None:
    r = interface_reaction("Li3YCl6", b)
    assert r.most_negative_energy_eV_atom == pytest.approx(
        KOCHETKOV[("Li3YCl6", b)], abs=REACTION_TOL_EV_ATOM)
    assert {"LiClO4", "NiO", "LiCl"} <= {n for n, _ in r.products}  # theirs + YClO


def _without(elements: set[str], drop: set[str]):
    """The shipped compounds of ``elements`` less the formulas in ``drop``."""
    sub = shipped_table("mp2019-legacy").subsystem(elements)
    keep = np.array([f not in drop for f in sub.formulas])
    return dataclasses.replace(
        sub, formulas=tuple(f for f, k in zip(sub.formulas, keep, strict=True) if k),
        counts=sub.counts[keep], energies=sub.energies[keep],
        stable=None if sub.stable is None else sub.stable[keep])


def test_li3incl6_linio2_gap_is_part_products_part_energies() -> None:
    """Kochetkov et al.: LiClO4, NiO, LiCl, InClO at -0.060 eV/atom; In2O3 instead of InClO
    is 0.012 eV/atom lower (their text). Here In2O3 + NiCl2 at -0.0907; without those two
    compounds the same energies give InClO among the products at -0.0822, still 0.022
    eV/atom below theirs: the rest is the energies (their own Li3InCl6 ordering)."""
    r = interface_reaction("Li3InCl6", "LiNiO2")
    assert {"In2O3", "NiCl2"} <= {n for n, _ in r.products}
    t = _without({"Li", "In", "Cl", "Ni", "O"}, {"In2O3", "NiCl2"})
    r2 = interface_reaction("Li3InCl6", "LiNiO2", table=t)
    assert {"LiClO4", "NiO", "LiCl", "InClO"} <= {n for n, _ in r2.products}
    assert r2.most_negative_energy_eV_atom == pytest.approx(-0.0822, abs=0.001)


def test_a_reactant_above_the_hull_is_said_to_enter_at_its_hull_energy() -> None:
    """Li0.25NiO2 (LiNi4O8, 0.066 eV/atom above the hull here) reacted as LiNi2O4 + Ni3O4 +
    O2 with an empty note; a reactant on the hull gets no such note."""
    r = interface_reaction("Li3InCl6", "Li0.25NiO2")
    assert "Li0.25NiO2 is 0.0659 eV/atom above the hull" in r.note
    assert "Ni3O4" in r.note and "O2" in r.note
    assert "above the hull" not in interface_reaction("Li3InCl6", "LiNi2O4").note


# --- Lu & Ciucci 2017: LiBH4 ------------------------------------------------------------
#: "the BH4- containing phases are oxidized at ~2 V vs Li/Li+" (one significant figure)
LU_OXIDATION_V = 2.0
WINDOW_TOL_V = 0.05


def test_libh4_oxidation_against_lu2017() -> None:
    """2.024 V, to BH3 (diborane's formula unit) + H2: their BxHy species, e.g. B2H6."""
    w = stability_window("LiBH4")
    assert w.oxidation_limit_V == pytest.approx(LU_OXIDATION_V, abs=WINDOW_TOL_V)
    assert {n for n, _ in w.oxidation_products} == {"BH3", "H2"}


def test_libh4_reduction_differs_from_lu2017() -> None:
    """Theirs: reduced to borides and hydrides (LiBH4 -> Li2B12H12, LiH, LiB with Li) at a
    reduction potential below 0.25 V. Here 0.543 V, to LiH + Li2B12H12 (the table's
    Li(BH)6): 12 LiBH4 + 26 Li -> Li2B12H12 + 36 LiH releases 14.13 eV, and the direct
    LiBH4 + 3 Li -> LiB + 4 LiH 1.67 eV (0.556 V), so these energies cannot give < 0.25 V;
    the difference is their own B-H phases and energies. Disagreement of >= 0.29 V, kept."""
    w = stability_window("LiBH4")
    assert w.reduction_limit_V == pytest.approx(0.5434, abs=0.002)
    assert {n for n, _ in w.reduction_products} == {"LiH", "Li(BH)6"}


def test_li2b12h12_window_is_wider_than_that_of_libh4() -> None:
    """Lu & Ciucci: the windows of the B12H12 phases are much wider than those of their BH4
    counterparts (Fig. 4). Here 0.387-3.154 V against 0.543-2.024 V."""
    lib = stability_window("LiBH4")
    dodeca = stability_window("Li2B12H12")
    assert dodeca.reduction_limit_V < lib.reduction_limit_V
    assert dodeca.oxidation_limit_V > lib.oxidation_limit_V + 1.0


def test_li3incl6_li6ps5cl_forms_indium_sulfides_as_rosenbach2022_found() -> None:
    """Rosenbach et al. (``rosenbach2022_halide_sulfide``): an indium-sulfide-rich region
    where Li3InCl6 touches Li6PS5Cl (ToF-SIMS, XPS). Here the closed reaction (-0.105
    eV/atom) and the one open to Li at the cells' 2.6 V lower cut-off both give indium
    sulfides (In2S3, InPS4; LiInS2 when closed) with LiCl."""
    closed = interface_reaction("Li3InCl6", "Li6PS5Cl")
    assert closed.most_negative_energy_eV_atom == pytest.approx(-0.105, abs=0.002)
    for r in (closed, interface_reaction("Li3InCl6", "Li6PS5Cl", potential_V=2.6)):
        names = {n for n, _ in r.products}
        assert "LiCl" in names and {"In2S3", "InPS4"} <= names


def test_li3incl6_oxidation_against_the_kochetkov2022_voltammetry() -> None:
    """Kochetkov et al.: onset of oxidation of Li3InCl6 mixed with carbon (C65), cyclic
    voltammetry at 0.1 mV/s: 4.27 V vs Li+/Li. Here 4.305 V, to Cl2 + InCl3 (InCl3 is the
    product ToF-SIMS finds in their cycled cathodes): +0.035 V, within 0.05 V."""
    w = stability_window("Li3InCl6")
    assert w.oxidation_limit_V == pytest.approx(4.27, abs=WINDOW_TOL_V)
    assert {n for n, _ in w.oxidation_products} == {"Cl2", "InCl3"}
