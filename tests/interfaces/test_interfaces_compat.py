"""Compatibility verdicts, buffer layers and design flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.errors import ValidationError
from solidcell.interfaces.compat import (
    check_pair,
    compatibility_matrix,
    electrode_range,
    is_electronic_conductor,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_li3ps4_passivates_at_lithium_but_lgps_does_not() -> None:
    # Zhu, He & Mo 2015; Wenzel et al. 2016: Li3PS4 | Li forms insulating Li2S + Li3P, while
    # LGPS | Li also forms Li-Ge alloy (electronic conductor) and keeps decomposing.
    lps = check_pair("li3ps4", "li_metal")
    lgps = check_pair("lgps", "li_metal")
    assert lps.status == "kinetically limited"
    assert set(lps.sides[0].products) == {"Li2S", "Li3P"}
    assert lgps.status == "unstable"
    assert any(p.startswith("Li15Ge4") or p == "Ge" for p in lgps.sides[0].products)
    assert lgps.fixing_buffers  # a buffer layer is proposed for the unstable pair


def test_garnet_at_lithium_is_kinetically_limited_by_small_driving_force() -> None:
    # Zhu, He & Mo 2015: LLZO reduction limit 0.05 V with a small driving force at 0 V.
    p = check_pair("llzo", "li_metal")
    assert p.status == "kinetically limited"
    assert "small driving force" in p.reason


def test_sulfide_with_nmc811_needs_a_buffer() -> None:
    # Richards et al. 2016 / Zhu et al. 2016: sulfides react with layered oxide cathodes;
    # LiNbO3-type coatings are used (review section 3.1.2).
    p = check_pair("li6ps5cl", "nmc811")
    assert p.status == "unstable"
    assert "reacts chemically" in p.reason
    assert "linbo3" in p.fixing_buffers  # the review's LiNbO3-type coating
    for check in p.buffers:
        assert check.reaction_with_electrolyte_eV_atom <= 0


def test_window_covering_range_is_stable() -> None:
    p = check_pair("llzo", "lto")
    assert p.status == "stable"


def test_uncovered_electrolyte_is_said() -> None:
    """Li3YCl6 is not in the phase data: its window is that of its equilibrium assemblage (said
    in the window's note), and the verdict at Li metal must follow from that window. Li (0 V)
    lies below its reduction limit and the reduced products include Y metal, an electronic
    conductor, so the pair is unstable. (The test used to accept 'not covered', 'stable' and
    'unstable' alike, so it could not fail.)"""
    from solidcell.interfaces.compat import is_electronic_conductor
    from solidcell.interfaces.stability import stability_window

    w = stability_window("Li3YCl6", allow_assemblage=True)
    assert "Li3YCl6 is not in the data" in w.note
    assert w.reduction_limit_V > 0.0  # above Li/Li+: lithium reduces it
    p = check_pair("li3ycl6", "li_metal")
    assert p.status == "unstable", p.reason
    assert f"window {w.reduction_limit_V:.2f}-{w.oxidation_limit_V:.2f} V" in p.reason
    assert "electronic conductor(s) Y" in p.reason and is_electronic_conductor("Y")


def test_electrode_range_comes_from_knowledge_base() -> None:
    r = electrode_range("nmc811")
    assert 3.0 < r.low_V < r.high_V < 4.5
    assert r.sources
    assert electrode_range("li_metal").high_V == 0.0
    with pytest.raises(ValidationError):
        electrode_range("no_such_electrode")
    with pytest.raises(ValidationError):
        check_pair("li3ps4", "li_metal", potential_range=(2.0, 1.0))


def test_electronic_character() -> None:
    assert is_electronic_conductor("Li15Ge4")
    assert is_electronic_conductor("Ge")
    assert is_electronic_conductor("Zr3O")
    assert not is_electronic_conductor("Li2S")
    assert not is_electronic_conductor("Li3P")


def test_matrix_small() -> None:
    m = compatibility_matrix(["li3ps4", "llzo"], ["li_metal", "lto"])
    assert len(m.pairs) == 4
    assert m.pair("llzo", "lto").status == "stable"
    data = m.to_json()
    assert {"Reduction limit [V]", "Oxidation limit [V]"} <= set(data["Pairs"][0])
    with pytest.raises(ValidationError):
        compatibility_matrix(["nope"], ["li_metal"])


def test_design_flags_on_examples() -> None:
    from solidcell.cell.design import CellDesign
    from solidcell.interfaces.design_flags import interface_flags

    design = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    before = design.to_dict()
    flags = interface_flags(design)
    assert design.to_dict() == before  # no mutation
    by_name = {f.interface: f for f in flags.flags}
    assert by_name["cathode active | catholyte"].status == "protected"  # LiNbO3-coated
    assert by_name["separator | anode"].status == "kinetically limited"
    assert flags.to_json()["Problems"] == len(flags.problems)


@pytest.mark.parametrize(("electrolyte", "verdicts"), [
    # the review (srivastava_review), Tables 1 and 2, "key advantages / challenges" vs Li metal
    ("llzo", {"stable", "kinetically limited"}),  # "high stability against Li metal"
    ("latp", {"unstable"}),  # "unstable against Li metal"
    ("lgps", {"unstable"}),  # "unstable against Li metal"
    ("li6ps5cl", {"stable", "kinetically limited"}),  # "good stability against Li metal"
])
def test_verdicts_at_lithium_agree_with_the_review(electrolyte: str, verdicts: set[str]) -> None:
    """LATP is reduced to Ti3P, a metal-rich phosphide (Ti at +1, below its lowest ionic state
    +2): an electronic conductor, so the interphase keeps growing, as the review says."""
    p = check_pair(electrolyte, "li_metal")
    assert p.status in verdicts, p.reason


@pytest.mark.parametrize(("formula", "conductor"), [
    ("Ti3P", True), ("Ti6O", True), ("Zr4O", True),  # metal below its lowest ionic state
    ("TiO", True), ("NbO", True),  # metallic monoxides (listed)
    ("Li3P", False), ("Li2O", False), ("La2O3", False), ("Cu2O", False), ("FeO", False),
    ("Li15Ge4", True), ("Y", True), ("S", False), ("P3N5", False),
])
def test_electronic_character_of_products(formula: str, conductor: bool) -> None:
    from solidcell.interfaces.compat import is_electronic_conductor

    assert is_electronic_conductor(formula) is conductor
