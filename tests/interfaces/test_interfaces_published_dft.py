"""Windows, decomposition staircases and reaction energies against published first-principles
values that are not in the shared reference data (Zhu, He & Mo 2015 Table 1 is covered by
``test_interfaces_window.py``).

solidcell's numbers come from the shipped Materials Project ~2019 energies (Matbench
``mp_e_form``, legacy corrections); the papers used other data sets (Materials Project of
2014-2015, or DFT energies anchored to experimental thermochemistry), so agreement is expected
within the scatter between data sets, not to the last digit. Each case states its source, the
value read there, the tolerance and, for a disagreement, its measured size and cause.
docs/validation.md ("Stability windows, interfaces and mechanics") lists the same rows.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from solidcell.interfaces.energies import shipped_table
from solidcell.interfaces.reactivity import interface_reaction
from solidcell.interfaces.stability import equilibrium_at, stability_window

# --- Zhu, He & Mo 2016 (zhu2016_interfaces), ESI Table S1: phase equilibria of two LiPON
# compositions against the applied potential (V vs Li/Li+, printed to 2 decimals, Materials
# Project energies). Each row: (potential, phases below it, phases above it). The printed
# table lists, below the window, the phases holding up to the potential and, above it, the
# phases holding from the potential on; a row here joins two neighbouring lines.
#: Li2.88PO3.73N0.14: stable 0.69-1.07 V.
LIPON_A = "Li2.88PO3.73N0.14"
LIPON_A_STEPS = [
    (0.68, {"LiPN2", "Li2O", "Li3P"}, {"Li2PO2N", "Li2O", "Li3P"}),
    (1.67, {"Li2PO2N", "LiN3", "Li3PO4"}, {"Li2PO2N", "N2", "Li3PO4"}),
    (2.60, {"Li2PO2N", "N2", "Li3PO4"}, {"N2", "Li4P2O7", "Li3PO4"}),
    (3.58, {"N2", "Li4P2O7", "Li3PO4"}, {"N2", "Li4P2O7", "LiNO3"}),
    (3.66, {"N2", "Li4P2O7", "LiNO3"}, {"N2", "Li4P2O7", "NO2"}),
    (3.71, {"N2", "Li4P2O7", "NO2"}, {"Li4P2O7", "LiPO3", "NO2"}),
    (3.77, {"Li4P2O7", "LiPO3", "NO2"}, {"Li4P2O7", "LiPO3", "LiNO3"}),
    (4.33, {"Li4P2O7", "LiPO3", "LiNO3"}, {"LiPO3", "O2", "LiNO3"}),
]
#: Li2.98PO3.3N0.46: stable 0.69-1.07 V.
LIPON_B = "Li2.98PO3.3N0.46"
LIPON_B_STEPS = [
    (0.68, {"LiPN2", "Li2O", "Li3P"}, {"Li2PO2N", "Li2O", "Li3P"}),
    (1.67, {"Li2PO2N", "LiN3", "Li3PO4"}, {"Li2PO2N", "N2", "Li3PO4"}),
    (2.60, {"Li2PO2N", "N2", "Li3PO4"}, {"Li2PO2N", "N2", "Li4P2O7"}),
    (2.63, {"Li2PO2N", "N2", "Li4P2O7"}, {"P3N5", "N2", "Li4P2O7"}),
    (2.75, {"P3N5", "N2", "Li4P2O7"}, {"P4ON6", "N2", "Li4P2O7"}),
    (2.77, {"P4ON6", "N2", "Li4P2O7"}, {"LiPO3", "N2", "Li4P2O7"}),
    (3.71, {"LiPO3", "N2", "Li4P2O7"}, {"LiPO3", "NO2", "N2"}),
    (4.38, {"LiPO3", "NO2", "N2"}, {"P2O5", "NO2", "N2"}),
]
LIPON_WINDOW_V = (0.69, 1.07)
#: Tolerance: the 2-decimal printing (0.005 V) plus the data-set scatter seen elsewhere in
#: these rows; the largest difference measured is 0.008 V (2.608 V against 2.60 V).
STAIRCASE_TOL_V = 0.01

#: The same formula as printed (Li2PO2N) and as the Materials Project names it (Li2PNO2).
_ALIASES = {"Li2PNO2": "Li2PO2N", "P4N6O": "P4ON6"}


def _phases(formula: str, potential_V: float) -> set[str]:
    products, _ = equilibrium_at(formula, potential_V)
    return {_ALIASES.get(name, name) for name, _ in products}


def _transition(formula: str, lo: float, hi: float) -> float:
    """Potential (to 0.1 mV) where the equilibrium phases change between ``lo`` and ``hi``."""
    below = _phases(formula, lo)
    for _ in range(10):
        mid = 0.5 * (lo + hi)
        if _phases(formula, mid) == below:
            lo = mid
        else:
            hi = mid
    return hi


@pytest.mark.parametrize("formula", [LIPON_A, LIPON_B])
def test_lipon_windows_against_zhu2016_table_s1(formula: str) -> None:
    w = stability_window(formula, allow_assemblage=True)  # LiPON glasses are not in the data
    assert (w.reduction_limit_V, w.oxidation_limit_V) == pytest.approx(
        LIPON_WINDOW_V, abs=STAIRCASE_TOL_V)  # 0.689-1.071 V
    assert {n for n, _ in w.reduction_products} == {"Li2O", "Li3P", "Li2PNO2"}
    assert {n for n, _ in w.oxidation_products} == {"Li3PO4", "Li2PNO2", "LiN3"}


@pytest.mark.parametrize("formula, steps", [(LIPON_A, LIPON_A_STEPS),
                                            (LIPON_B, LIPON_B_STEPS)])
def test_lipon_decomposition_staircase_against_zhu2016_table_s1(formula, steps) -> None:
    """Every step of the printed staircase from 0.68 to 4.4 V: the same phases on both
    sides, and the step within 0.01 V of the printed potential."""
    potentials = [v for v, _, _ in steps] + list(LIPON_WINDOW_V)
    for v, before, after in steps:
        gaps = [abs(v - u) for u in potentials if u != v] + [0.04]
        d = min(0.02, 0.5 * min(gaps))
        assert _phases(formula, v - d) == before, (formula, v)
        assert _phases(formula, v + d) == after, (formula, v)
        assert _transition(formula, v - d, v + d) == pytest.approx(v, abs=STAIRCASE_TOL_V)


def test_lipon_staircase_differences_are_phases_of_the_2019_snapshot() -> None:
    """Where the staircases differ, a compound of the newer data takes part. Zhu, He & Mo
    give Li7PN4 + Li2O + Li3P from 0.01 to 0.61 V and LiPN2 + Li2O + Li3P from 0.61 to 0.68 V;
    here Li14P2N6O3 ('Li14P2(N2O)3') comes in between (0.526-0.652 V). Above 4.68 V 'NO3'
    takes the place of their N2O5 (4.82 V)."""
    assert _phases(LIPON_A, 0.30) == {"Li7PN4", "Li2O", "Li3P"}
    assert _phases(LIPON_A, 0.60) == {"Li14P2(N2O)3", "Li2O", "Li3P"}
    assert _phases(LIPON_A, 0.665) == {"LiPN2", "Li2O", "Li3P"}
    assert _phases(LIPON_A, 4.90) == {"LiPO3", "O2", "NO3"}


# --- Richards et al. 2016 (richards2016_interface), main text, as transcribed in a public
# third-party digest of the paper (the paper itself was not found with the search tool):
# ZnCl2 | Li2S reacts completely, ZnCl2 + Li2S -> 2 LiCl + ZnS, most negative at x = 0.5 with
# 0.27 eV/atom (Fig. 3); crystalline Li2PO2N oxidises above 2.75 V to Li4P2O7; the LiPON
# stand-in Li3.2PO3.8N0.2 (= Li16P5O19N) above 1.2 V to Li3PO4 + Li2PO2N (+ N2, Table S1).
RICHARDS_ZNCL2_LI2S_EV_ATOM = -0.27
#: Tolerance 0.03 eV/atom: Richards et al. anchored formation energies to experimental
#: thermochemistry (NIST-JANAF / Kubaschewski) where solidcell uses MP GGA(+U) energies.
REACTION_TOL_EV_ATOM = 0.03


def test_zncl2_li2s_reaction_against_richards2016() -> None:
    r = interface_reaction("ZnCl2", "Li2S")  # closed, mp2019-legacy
    assert r.most_negative_ratio == pytest.approx(0.5, abs=0.01)
    assert {n for n, _ in r.products} == {"LiCl", "ZnS"}
    assert r.most_negative_energy_eV_atom == pytest.approx(
        RICHARDS_ZNCL2_LI2S_EV_ATOM, abs=REACTION_TOL_EV_ATOM)  # -0.249: +0.021 eV/atom


def test_li2po2n_oxidation_differs_from_richards2016_by_its_data() -> None:
    """Richards et al.: > 2.75 V, to Li4P2O7. solidcell: 2.638 V (Li4P2O7 + P3N5 + N2), as
    Zhu, He & Mo 2015 Table 1 (2.63 V, Materials Project energies): the -0.11 V between the two
    papers is their data, and solidcell sits with the Materials Project one."""
    w = stability_window("Li2PO2N")
    assert "Li4P2O7" in {n for n, _ in w.oxidation_products}
    assert w.oxidation_limit_V - 2.75 == pytest.approx(-0.11, abs=0.01)


def test_lipon_stand_in_oxidation_against_richards2016_is_lin3() -> None:
    """Li16P5O19N: Richards et al. > 1.2 V to Li3PO4 + Li2PO2N + N2; solidcell 1.071 V to
    Li3PO4 + Li2PO2N + LiN3 (Zhu, He & Mo 2016 find LiN3 at 1.07 V too). Without LiN3 the same
    data give Richards' products at 1.137 V (-0.06 V): the difference is the azide."""
    w = stability_window("Li16P5O19N", allow_assemblage=True)
    assert w.oxidation_limit_V == pytest.approx(1.071, abs=0.002)
    assert {n for n, _ in w.oxidation_products} == {"Li3PO4", "Li2PNO2", "LiN3"}
    table = shipped_table("zhu2015").subsystem({"Li", "P", "O", "N"})
    keep = [i for i, f in enumerate(table.formulas) if f != "LiN3"]
    assert len(keep) == len(table.formulas) - 1
    no_azide = dataclasses.replace(
        table, formulas=tuple(table.formulas[i] for i in keep), counts=table.counts[keep],
        energies=table.energies[keep],
        stable=None if table.stable is None else table.stable[keep])
    w2 = stability_window("Li16P5O19N", table=no_azide, allow_assemblage=True)
    assert {n for n, _ in w2.oxidation_products} == {"Li3PO4", "Li2PNO2", "N2"}
    assert w2.oxidation_limit_V - 1.2 == pytest.approx(-0.063, abs=0.01)


# --- Li3OCl: "susceptible to decomposition into Li2O2, LiCl and LiClO4 above an applied
# voltage of 2.5 V" (first principles; mrs2014_li3ocl_transport, abstract).
LI3OCL_OXIDATION_V = 2.5


def test_li3ocl_oxidation_is_0p3_v_above_the_mrs2014_abstract() -> None:
    """A disagreement, not within tolerance: solidcell gives 2.799 V (LiCl + LiClO4, no
    Li2O2). Li3OCl lies 30 meV/atom above the hull of these data, so solidcell reports the
    window of its assemblage (Li2O + LiCl, Zhu, He & Mo 2015 convention); with Li3OCl's own
    energy the reaction Li3OCl -> 3/4 LiCl + 1/4 LiClO4 + 2 Li has its voltage at 2.724 V,
    which still leaves 0.22 V to the 2014 energies (not stated in the abstract)."""
    w = stability_window("Li3OCl")
    assert w.energy_above_hull_eV_atom == pytest.approx(0.030, abs=0.001)
    assert w.reduction_limit_V == 0.0
    assert {n for n, _ in w.oxidation_products} == {"LiCl", "LiClO4"}
    assert w.oxidation_limit_V - LI3OCL_OXIDATION_V == pytest.approx(0.30, abs=0.01)
    table = shipped_table("zhu2015").subsystem({"Li", "O", "Cl"})

    def energy(comp: dict[str, float]) -> float:  # formation energy of ``comp`` [eV]
        i = table.index(comp)
        assert i is not None
        return float(table.energies[i] / table.counts[i].sum()) * sum(comp.values())

    own = (0.75 * energy({"Li": 1, "Cl": 1}) + 0.25 * energy({"Li": 1, "Cl": 1, "O": 4})
           - energy({"Li": 3, "O": 1, "Cl": 1})) / 2  # eV per Li released = V
    assert own == pytest.approx(2.724, abs=0.001)


# --- Yang et al. 2016 (yang2016_li3ps4_window, abstract): "The electrochemical window of
# Li3PS4 ranges from 0.6 to 3.7 V" (first principles).
YANG_LI3PS4_WINDOW_V = (0.6, 3.7)


def test_li3ps4_window_is_much_narrower_than_yang2016() -> None:
    """A disagreement: solidcell 1.721-2.302 V (as Zhu, He & Mo 2015, 1.71-2.31 V), +1.12 /
    -1.40 V against Yang et al. Their abstract does not say how the window was computed; it is
    not the average voltage of the full reduction to Li3P + Li2S (1.42 V in these data) nor of
    the oxidation to the elements (2.49 V), so the gap is left unexplained here."""
    w = stability_window("Li3PS4")
    lo, hi = YANG_LI3PS4_WINDOW_V
    assert w.reduction_limit_V - lo == pytest.approx(1.12, abs=0.01)
    assert w.oxidation_limit_V - hi == pytest.approx(-1.40, abs=0.01)
    table = shipped_table("zhu2015").subsystem({"Li", "P", "S"})

    def energy(comp: dict[str, float]) -> float:  # formation energy of ``comp`` [eV]
        i = table.index(comp)
        assert i is not None
        return float(table.energies[i] / table.counts[i].sum()) * sum(comp.values())

    li3ps4 = energy({"Li": 3, "P": 1, "S": 4})
    full_reduction = -(energy({"Li": 3, "P": 1}) + 4 * energy({"Li": 2, "S": 1}) - li3ps4) / 8
    to_elements = -li3ps4 / 3
    assert (full_reduction, to_elements) == pytest.approx((1.42, 2.49), abs=0.01)


# --- Xiao, Miara, Wang & Ceder 2019 (xiao2019_coatings), SI Table S1 (windows, V vs Li/Li+)
# and Table S2 (closed pseudo-binary reaction energies, meV/atom, cathodes fully lithiated;
# NCM = LiNi1/3Co1/3Mn1/3O2), as transcribed in a public third-party digest that states it
# re-checked every value against the SI (the SI itself was not found with the search tool).
# Their energies: an in-house DFT database of the Materials Project kind (GGA/GGA+U, ICSD
# plus data-mined compounds), of about 2018.
#: Windows within 0.05 V (the tolerance of the Zhu, He & Mo 2015 rows).
XIAO_WINDOWS = {
    "LiLa(PO3)4": (2.51, 5.03), "LiPO3": (2.52, 5.01), "LiBa(B3O5)3": (1.30, 4.83),
    "LiH2PO4": (2.23, 4.58), "Li3PO4": (0.71, 4.22), "LiAlSiO4": (1.14, 4.09),
    "Li4P2O7": (2.33, 4.36), "LiAl5O8": (0.85, 4.09),
}
WINDOW_TOL_V = 0.05

#: Closed reaction energies [eV/atom] within 0.03 eV/atom: the scatter between Materials
#: Project data versions (tens of meV/atom, docs/interfaces.md). NCM as the table's
#: Li3NiCoMnO6 (LiNi1/3Co1/3Mn1/3O2 per 2 formula units).
NCM = "Li3NiCoMnO6"
XIAO_REACTIONS_EV_ATOM = {
    ("Li2ZrO3", "LiCoO2"): 0.0, ("Li2ZrO3", "LiMn2O4"): -0.033,
    ("Li2ZrO3", "LiFePO4"): -0.066, ("Li2ZrO3", "Li6PS5Cl"): -0.088,
    ("Li2ZrO3", "Li10GeP2S12"): -0.090, ("Li2ZrO3", "Li3PS4"): -0.115,
    ("Li2ZrO3", "Li7La3Zr2O12"): -0.004, ("Li2ZrO3", NCM): 0.0,
    ("LiNbO3", "LiCoO2"): 0.0, ("LiNbO3", "LiMn2O4"): 0.0, ("LiNbO3", "LiFePO4"): -0.023,
    ("LiNbO3", "Li6PS5Cl"): -0.123, ("LiNbO3", "Li10GeP2S12"): -0.126,
    ("LiNbO3", "Li3PS4"): -0.164, ("LiNbO3", "Li7La3Zr2O12"): -0.069, ("LiNbO3", NCM): -0.004,
    ("LiTaO3", "LiCoO2"): 0.0, ("LiTaO3", "LiMn2O4"): 0.0, ("LiTaO3", "LiFePO4"): -0.020,
    ("LiTaO3", "Li7La3Zr2O12"): -0.062, ("LiTaO3", NCM): 0.0,
    ("LiPO3", "LiCoO2"): -0.076, ("LiPO3", "LiMn2O4"): -0.036, ("LiPO3", "LiFePO4"): -0.010,
    ("LiPO3", "Li6PS5Cl"): -0.052, ("LiPO3", "Li10GeP2S12"): -0.043,
    ("LiPO3", "Li3PS4"): -0.030, ("LiPO3", "Li7La3Zr2O12"): -0.202, ("LiPO3", NCM): -0.089,
    ("LiTi2(PO4)3", "LiCoO2"): -0.058, ("LiTi2(PO4)3", "Li3PS4"): -0.046,
    ("LiTi2(PO4)3", "Li7La3Zr2O12"): -0.186, ("LiTi2(PO4)3", NCM): -0.072,
    ("LiBa(B3O5)3", "Li3PS4"): -0.001, ("LiBa(B3O5)3", NCM): -0.010,
    ("LiH2PO4", "Li3PS4"): -0.021, ("LiH2PO4", NCM): -0.058,
    ("LiLa(PO3)4", NCM): -0.095, ("LiCs(PO3)2", NCM): -0.062,
    ("Li6PS5Cl", "LiCoO2"): -0.339, ("Li6PS5Cl", "LiFePO4"): -0.101, ("Li6PS5Cl", NCM): -0.330,
    ("Li10GeP2S12", "LiCoO2"): -0.362, ("Li10GeP2S12", "LiFePO4"): -0.094,
    ("Li10GeP2S12", NCM): -0.351,
    ("Li3PS4", "LiCoO2"): -0.426, ("Li3PS4", "LiFePO4"): -0.084, ("Li3PS4", NCM): -0.422,
    ("Li7La3Zr2O12", "LiCoO2"): -0.002, ("Li7La3Zr2O12", "LiMn2O4"): -0.063,
    ("Li7La3Zr2O12", "LiFePO4"): -0.094, ("Li7La3Zr2O12", NCM): -0.001,
}


def test_reactions_default_to_the_scheme_the_docs_and_the_cli_use() -> None:
    """Bug found here: ``interface_reaction`` defaulted to ``zhu2015`` (sulfide correction
    undone, S8O among the products) while docs/interfaces.md, ``solidcell react`` and the
    compatibility matrix use ``mp2019-legacy``: Li3PS4 | LiCoO2 gave -0.423 eV/atom in Python
    and -0.402 eV/atom on the command line. Xiao et al. give -0.426 eV/atom."""
    from typer.testing import CliRunner

    from solidcell.cli import app

    r = interface_reaction("Li3PS4", "LiCoO2")
    assert r.scheme == "mp2019-legacy"
    assert "S8O" not in {n for n, _ in r.products}
    res = CliRunner().invoke(app, ["react", "Li3PS4", "LiCoO2", "--json"])
    assert res.exit_code == 0, res.output
    cli = json.loads(res.output)["Most negative reaction energy [eV.atom-1]"]
    assert r.most_negative_energy_eV_atom == pytest.approx(cli, abs=1e-12)


@pytest.mark.parametrize("formula", sorted(XIAO_WINDOWS))
def test_coating_windows_against_xiao2019_table_s1(formula: str) -> None:
    w = stability_window(formula)
    assert (w.reduction_limit_V, w.oxidation_limit_V) == pytest.approx(
        XIAO_WINDOWS[formula], abs=WINDOW_TOL_V)


def _without(elements: set[str], drop: set[str]):
    """The shipped compounds of ``elements`` less the formulas in ``drop``."""
    table = shipped_table("zhu2015").subsystem(elements)
    keep = [i for i, f in enumerate(table.formulas) if f not in drop]
    assert len(keep) == len(table.formulas) - len(drop)
    return dataclasses.replace(
        table, formulas=tuple(table.formulas[i] for i in keep), counts=table.counts[keep],
        energies=table.energies[keep],
        stable=None if table.stable is None else table.stable[keep])


def test_licspo32_oxidation_differs_from_xiao2019_by_cspo3() -> None:
    """Xiao et al.: 2.15-6.23 V. Here 2.375-5.071 V, oxidising to CsPO3 + P2O5 + O2; without
    CsPO3 (a compound of these data that their hull evidently lacks) the same energies give
    2.119-6.220 V, within 0.05 V of theirs."""
    w = stability_window("LiCs(PO3)2")
    assert (w.reduction_limit_V, w.oxidation_limit_V) == pytest.approx((2.375, 5.071), abs=0.002)
    assert "CsPO3" in {n for n, _ in w.oxidation_products}
    w2 = stability_window("LiCs(PO3)2", table=_without({"Li", "Cs", "P", "O"}, {"CsPO3"}))
    assert (w2.reduction_limit_V, w2.oxidation_limit_V) == pytest.approx(
        (2.15, 6.23), abs=WINDOW_TOL_V)


@pytest.mark.parametrize("formula, paper, difference", [
    # the NASICON phosphates: reduction lower, oxidation higher than Xiao et al. For
    # LiTi2(PO4)3, 2.168 V is Zhu, He & Mo 2015's LATP reduction (2.17 V); the Ti3+
    # phosphates (Li3Ti2(PO4)3, LiTiPO4) lie above the hull of these data
    ("LiTi2(PO4)3", (2.37, 4.59), (-0.202, +0.068)),
    ("LiZr2(PO4)3", (2.06, 4.52), (-0.086, +0.074)),
    # a hydrate 5 meV/atom above the hull here (on it in theirs): its assemblage's window
    ("Li3V(H4O3)4", (1.92, 4.17), (-0.067, -0.213)),
])
def test_windows_that_differ_from_xiao2019(formula, paper, difference) -> None:
    """Disagreements beyond 0.05 V, measured and kept here so that a change shows."""
    w = stability_window(formula)
    measured = (w.reduction_limit_V - paper[0], w.oxidation_limit_V - paper[1])
    assert measured == pytest.approx(difference, abs=0.002)


@pytest.mark.parametrize(("a", "b"), sorted(XIAO_REACTIONS_EV_ATOM))
def test_closed_reaction_energies_against_xiao2019_table_s2(a: str, b: str) -> None:
    r = interface_reaction(a, b)  # closed, mp2019-legacy
    assert r.most_negative_energy_eV_atom == pytest.approx(
        XIAO_REACTIONS_EV_ATOM[(a, b)], abs=REACTION_TOL_EV_ATOM)


def test_li6ps5cl_lco_products_contain_those_of_xiao2019() -> None:
    """Xiao et al. (Table S4, fully lithiated LCO): Li3PO4, Li2S, Co9S8, Li2SO4, LiCl; here
    the same five and Co3S4."""
    r = interface_reaction("Li6PS5Cl", "LiCoO2")
    assert {n for n, _ in r.products} >= {"Li3PO4", "Li2S", "Co9S8", "Li2SO4", "LiCl"}


@pytest.mark.parametrize("a, b, paper, difference", [
    # a transition metal moved from the oxide into sulfides: Mn from spinel LiMn2O4 ...
    ("Li6PS5Cl", "LiMn2O4", -0.421, +0.158),
    ("Li10GeP2S12", "LiMn2O4", -0.464, +0.191),
    ("Li3PS4", "LiMn2O4", -0.531, +0.180),
    # ... and Ta from LiTaO3 (products here TaS3, Li2(TaS2)3; LiNbO3, whose Nb goes the same
    # way, agrees within 0.02 eV/atom)
    ("LiTaO3", "Li6PS5Cl", -0.115, +0.079),
    ("LiTaO3", "Li10GeP2S12", -0.108, +0.071),
    ("LiTaO3", "Li3PS4", -0.139, +0.091),
])
def test_reactions_that_differ_from_xiao2019(a, b, paper, difference) -> None:
    """Disagreements beyond 0.03 eV/atom, all less negative here, all where Mn or Ta ends up
    in a sulfide; reactions of the same oxides that keep the metal an oxide agree (LiMn2O4
    with Li2ZrO3, LiPO3 and LLZO within 0.004 eV/atom). pymatgen's InterfacialReactivity gives
    the same numbers on these energies (-0.3511 for Li3PS4 | LiMn2O4, -0.0484 for
    LiTaO3 | Li3PS4), so the gap is in the data: the energies of Mn and Ta sulfides relative
    to their oxides differ between the two data sets."""
    r = interface_reaction(a, b)
    assert r.most_negative_energy_eV_atom - paper == pytest.approx(difference, abs=0.002)
