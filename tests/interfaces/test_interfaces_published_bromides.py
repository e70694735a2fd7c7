"""Bromide electrochemical stability windows against Li et al. 2024
(``li2024_li3ybr6_li3labr6_dft``, abstract): "Both materials have wide electrochemical
stability windows (ESW): 2.64 V and 2.57 V" for Li3YBr6 and Li3LaBr6 (DFT), and "The
experimental ESW for Li3YBr6 is 2.50 V". Only the widths are printed, not the limits nor the
method of the computed ones.

solidcell: grand-potential windows (Zhu, He & Mo 2015 method) on the shipped Materials Project
~2019 energies. Li3YBr6 is in the data, 0.026 eV/atom above the hull; Li3LaBr6 is not, so its
equilibrium assemblage (LiBr + LaBr3) gives the window (``allow_assemblage``). Both oxidise at
3.147 V, the bromide (Br- -> Br) limit, and are reduced at the trivalent cation (to Y2Br3,
La2Br5). docs/validation.md lists the same rows.
"""

from __future__ import annotations

import pytest

from solidcell.interfaces.stability import stability_window

#: li2024_li3ybr6_li3labr6_dft (abstract): ESW widths [V], DFT and (Li3YBr6) experiment
LI2024_DFT = {"Li3YBr6": 2.64, "Li3LaBr6": 2.57}
LI2024_EXPERIMENT_LI3YBR6 = 2.50
#: measured model - paper [V] (model: width of the solidcell window, scheme zhu2015)
MEASURED = {"Li3YBr6": -0.083, "Li3LaBr6": -0.030}
#: widths within 0.1 V of theirs: Materials Project energies of another vintage and their own
#: lowest-energy Li orderings (abstract) move each limit by a few 0.01 V (cf. the 0.05 V
#: tolerance of the Zhu, He & Mo 2015 limits, which share the method and, nearly, the data)
WIDTH_TOL_V = 0.1


def _window(formula: str):
    return stability_window(formula, allow_assemblage=True)


@pytest.mark.parametrize("formula", sorted(LI2024_DFT))
def test_bromide_window_widths_against_li2024(formula: str) -> None:
    w = _window(formula)
    width = w.oxidation_limit_V - w.reduction_limit_V
    assert width == pytest.approx(LI2024_DFT[formula], abs=WIDTH_TOL_V)
    assert width - LI2024_DFT[formula] == pytest.approx(MEASURED[formula], abs=2e-3)


def test_li3ybr6_window_width_against_the_measured_one() -> None:
    """The thermodynamic width, 2.557 V, is 0.057 V wider than the measured 2.50 V (2.3 %);
    the measured limits themselves are not in the abstract."""
    w = _window("Li3YBr6")
    width = w.oxidation_limit_V - w.reduction_limit_V
    assert width - LI2024_EXPERIMENT_LI3YBR6 == pytest.approx(0.057, abs=2e-3)


def test_bromides_oxidise_at_the_bromide_limit_and_reduce_at_the_cation() -> None:
    """Same oxidation limit for both (Br- -> Br, 3.147 V): the widths differ by the
    reduction limit alone, Y3+ (0.590 V) against La3+ (0.607 V), as their 2.64 and 2.57 V do
    in sign (Li3YBr6 the wider), though by 0.017 V here against 0.07 V there."""
    y, la = _window("Li3YBr6"), _window("Li3LaBr6")
    assert y.oxidation_limit_V == pytest.approx(la.oxidation_limit_V, abs=1e-9)
    assert y.oxidation_limit_V == pytest.approx(3.147, abs=1e-3)
    assert "Br" in {f for f, _ in y.oxidation_products}
    assert {f for f, _ in y.reduction_products} == {"LiBr", "Y2Br3"}
    assert {f for f, _ in la.reduction_products} == {"LiBr", "La2Br5"}
    assert y.reduction_limit_V < la.reduction_limit_V  # Li3YBr6 the wider, as published
    assert "assemblage" in la.note
