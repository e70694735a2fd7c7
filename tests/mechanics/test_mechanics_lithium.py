"""Lithium thickness per capacity, Monroe-Newman criterion, volume change of designs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.errors import SolidcellError, ValidationError
from solidcell.mechanics.lithium import lithium_thickness_change, monroe_newman
from solidcell.mechanics.volume import electrode_volume_change, mechanics_check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_lithium_per_mah_cm2_is_4_85_um() -> None:
    # Faraday's law with M_Li = 6.94 g/mol and rho = 0.534 g/cm3 (CRC Handbook):
    # 3.6 C * 6.94 / (96485 * 0.534) cm = 4.85 um per mAh/cm2.
    r = lithium_thickness_change(1.0)
    assert r.um_per_mAh_cm2 == pytest.approx(4.85, abs=0.01)
    assert r.thickness_change_m == pytest.approx(4.85e-6, rel=2e-3)
    assert "haynes2016_crc" in r.sources


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 50), min_size=1, max_size=20))
def test_lithium_thickness_is_linear_and_vectorised(q: list[float]) -> None:
    r = lithium_thickness_change(np.array(q))
    assert np.allclose(r.thickness_change_m, np.array(q) * r.um_per_mAh_cm2 * 1e-6)


@pytest.mark.parametrize("bad", [-1.0, float("nan"), [1.0, -2.0]])
def test_lithium_thickness_rejects_bad_input(bad: object) -> None:
    with pytest.raises(ValidationError):
        lithium_thickness_change(bad)


def test_monroe_newman_ratio() -> None:
    # LLZO shear modulus 59.6 GPa (Ni et al. 2012, knowledge base); the lithium modulus is a
    # test input here: the property checked is the ratio against Monroe & Newman's 2.
    r = monroe_newman("llzo", shear_modulus_li_Pa=4e9)
    assert r.ratio == pytest.approx(59.6e9 / 4e9)
    assert r.meets_criterion
    soft = monroe_newman("x", shear_modulus_electrolyte_Pa=1e6, shear_modulus_li_Pa=4e9)
    assert not soft.meets_criterion
    with pytest.raises(ValidationError):
        monroe_newman("x", shear_modulus_electrolyte_Pa=-1.0, shear_modulus_li_Pa=4e9)


def test_missing_modulus_is_named() -> None:
    # li3incl6: an electrolyte of the knowledge base without a shear modulus (carbon_black,
    # used here before, is no separator and is now refused as such)
    with pytest.raises(SolidcellError, match="shear_modulus"):
        monroe_newman("li3incl6", shear_modulus_li_Pa=4e9)


@pytest.mark.parametrize("material", ["li_metal", "nmc811", "carbon_black"])
def test_monroe_newman_of_a_material_that_is_no_separator_is_refused(material: str) -> None:
    """monroe_newman("li_metal") answered a ratio of 1 for a Li | Li 'separator'."""
    with pytest.raises(ValidationError) as info:
        monroe_newman(material, shear_modulus_li_Pa=4e9)
    assert (info.value.field, info.value.value) == ("electrolyte", material)


@pytest.mark.parametrize("kwargs, field", [
    ({"shear_modulus_li_Pa": 1e-320}, "shear_modulus_li_Pa"),  # ratio inf
    ({"shear_modulus_electrolyte_Pa": 1e-320}, "shear_modulus_electrolyte_Pa"),  # ratio 0
])
def test_a_ratio_that_is_no_number_names_the_modulus(kwargs, field) -> None:
    with pytest.raises(ValidationError) as info:
        monroe_newman("llzo", **kwargs)
    assert (info.value.field, info.value.value) == (field, 1e-320)


def test_volume_change_from_review_tables() -> None:
    # Review Table 6: graphite 10 %, Table 5: NMC811 4-5 % (mean 4.5 %).
    g = electrode_volume_change("graphite")
    assert g.magnitude == pytest.approx(0.10)
    assert g.sign_on_charge == +1
    n = electrode_volume_change("nmc811")
    assert n.magnitude == pytest.approx(0.045)
    assert n.sign_on_charge == -1


def test_design_thickness_change_and_warnings() -> None:
    from solidcell.cell.design import CellDesign

    design = CellDesign.from_yaml(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
    before = design.to_dict()
    r = mechanics_check(design, stack_pressure_Pa=1e6)
    assert design.to_dict() == before
    anode = next(c for c in r.layers if c.layer == "anode")
    q = design.resolved().areal_capacity_mAh_cm2
    assert anode.change_high_m == pytest.approx(q * 4.85e-6, rel=3e-3)
    cathode = next(c for c in r.layers if c.layer == "cathode")
    assert cathode.change_high_m < 0  # NMC811 contracts on charge
    assert r.stack_change_low_m <= r.stack_change_high_m
    assert any("5 MPa" in w for w in r.warnings)
    assert "warnings" in r.to_json()


@pytest.mark.parametrize("g_se, g_li, field", [(1e-320, 4e9, "shear_modulus_electrolyte_Pa"),
                                               (6e10, 1e-320, "shear_modulus_li_Pa")])
def test_both_moduli_given_the_one_at_fault_is_named(g_se, g_li, field) -> None:
    with pytest.raises(ValidationError) as info:
        monroe_newman("x", shear_modulus_electrolyte_Pa=g_se, shear_modulus_li_Pa=g_li)
    assert (info.value.field, info.value.value) == (field, 1e-320)


def test_a_lithium_modulus_with_no_ratio_is_refused_by_the_design_check(capsys) -> None:
    """--li-shear-modulus '1e-320 Pa' gave G_SE/G_Li = inf, 'criterion met'."""
    ev = str(Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml")
    assert_one_line_error(*run(["interfaces", ev, "--li-shear-modulus", "1e-320 Pa"], capsys),
                          "--li-shear-modulus: '1e-320 Pa' is not allowed")
