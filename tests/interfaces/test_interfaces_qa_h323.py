"""Sulfide and halide electrolytes no longer "react chemically" with a sulfur cathode (H323).

Closed reactions took ``mp2019-legacy`` energies, whose sulfide correction (-0.66346 eV per S
atom of every compound with S and no O) went to polysulfides and S-halides but not to elemental
sulfur: Li6PS5Cl | S gave -0.217 eV/atom to LiS4 + SCl + P2S7, below the -0.15 eV/atom limit,
and `solidcell compat` marked every sulfide (and Li3InCl6) "NO" against sulfur, although
Li6PS5Cl/S/C composite cathodes cycle (zheng2021_lpscl_sulfur: 962 mAh/g first discharge,
about 99.5 % Coulombic efficiency over 100 cycles). A pair with S and no O now takes
``zhu2015`` (no S compound corrected, so no anion mixing); pairs with O keep ``mp2019-legacy``.
"""

from __future__ import annotations

import pytest

from solidcell.interfaces.compat import CHEMICAL_LIMIT, check_pair, reaction_scheme
from solidcell.interfaces.reactivity import REACTION_SCHEME, interface_reaction

SULFIDES = ["li6ps5cl", "li6ps5br", "lgps", "li3ps4", "li7p3s11", "lsipscl"]


@pytest.mark.parametrize(("a", "b", "scheme"), [
    ("li6ps5cl", "sulfur", "zhu2015"), ("li3incl6", "sulfur", "zhu2015"),
    ("li6ps5cl", "li3incl6", "zhu2015"),
    ("li6ps5cl", "nmc811", REACTION_SCHEME), ("llzo", "sulfur", REACTION_SCHEME),
    ("llzo", "nmc811", REACTION_SCHEME), ("li3incl6", "nmc811", REACTION_SCHEME),
])
def test_scheme_of_a_pair(a: str, b: str, scheme: str) -> None:
    assert reaction_scheme(a, b) == scheme


@pytest.mark.parametrize("electrolyte", [*SULFIDES, "li3incl6"])
def test_no_chemical_reaction_with_sulfur(electrolyte: str) -> None:
    """zheng2021_lpscl_sulfur: Li6PS5Cl and sulfur cycle in one composite cathode."""
    pair = check_pair(electrolyte, "sulfur")
    assert "reacts chemically" not in pair.reason, pair.reason
    assert all(side.side != "chemical" for side in pair.sides)


def test_argyrodite_with_sulfur_is_not_unstable() -> None:
    assert check_pair("li6ps5cl", "sulfur").status != "unstable"


def test_oxide_and_mixed_pairs_keep_the_legacy_reaction() -> None:
    """Li6PS5Cl | NMC811 reacts (about -0.45 eV/atom, docs/interfaces.md) and the reason
    names the scheme that gave it."""
    pair = check_pair("li6ps5cl", "nmc811")
    assert pair.status == "unstable"
    assert f"closed system, {REACTION_SCHEME}" in pair.reason


@pytest.mark.parametrize(("a", "b"), [("li6ps5cl", "li3incl6"), ("li3ps4", "li3ycl6"),
                                      ("lgps", "silicon"), ("li7p3s11", "graphite")])
def test_pairs_with_s_and_no_o_without_sulfur_get_the_same_energy_in_both_schemes(
        a: str, b: str) -> None:
    """The scheme change moves only the sulfur pairs (docs/interfaces.md, Energy schemes)."""
    legacy = interface_reaction(a, b, scheme="mp2019-legacy", points=21)
    zhu = interface_reaction(a, b, scheme="zhu2015", points=21)
    assert zhu.most_negative_energy_eV_atom == pytest.approx(
        legacy.most_negative_energy_eV_atom, abs=0.002)


def test_the_legacy_energy_of_the_sulfur_pair_was_the_artefact() -> None:
    """Below the limit only through corrected polysulfides and S-halides."""
    legacy = interface_reaction("li6ps5cl", "sulfur", scheme="mp2019-legacy", points=21)
    zhu = interface_reaction("li6ps5cl", "sulfur", scheme="zhu2015", points=21)
    assert legacy.most_negative_energy_eV_atom < CHEMICAL_LIMIT
    assert {"LiS4", "SCl"} <= {f for f, _ in legacy.products}
    assert zhu.most_negative_energy_eV_atom >= CHEMICAL_LIMIT
