"""QA of the mechanics inputs (session 14): a range typed as one text where one value is
expected (``--flaw-size "40-150 um"``) was refused as an "unknown unit '-150 um'"; it is now
named a range, with the single value to give (solidcell.units, so every option and file
field alike). Hand calculations of the CCD and the stack pressure over a large input space."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell import units
from solidcell.cell.design import CellDesign
from solidcell.errors import UnitError, ValidationError
from solidcell.mechanics.dendrite import critical_current_density
from solidcell.mechanics.lithium import monroe_newman
from solidcell.mechanics.pressure import lithium_yield_strength, stack_pressure
from solidcell.mechanics.volume import mechanics_check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
LI_DESIGN = CellDesign.from_yaml(EV)
FARADAY = 96485.33212  # C/mol, CODATA 2018


@pytest.mark.parametrize(("text", "kind", "instead"), [
    ("40-150 um", "length", "'40 um'"),
    ("40\u2013150 \u00b5m", "length", "'40 \u00b5m'"),  # en dash and micro sign, as typeset
    ("40 \u2014 150 um", "length", "'40 um'"),  # em dash
    ("40 to 150 um", "length", "'40 um'"),
    ("40 \u2212150 um", "length", "'40 um'"),  # the minus sign of papers
    ("1e-3-2e-3 S/cm", "ionic conductivity", "'1e-3 S/cm'"),
    ("-5--3 degC", "temperature", "'-5 degC'"),
    ("5~10 MPa", "pressure", "'5 MPa'"),
    ("40..150 um", "length", "'40 um'"),
])
def test_a_range_where_one_value_is_expected_is_named_a_range(text: str, kind: str,
                                                               instead: str) -> None:
    # before: "unknown unit '-150 um' in '40-150 um'; expected a length unit ..."
    with pytest.raises(UnitError) as err:
        units.parse(text, kind)
    message = str(err.value)
    assert "is a range; a single value is expected" in message, message
    assert f"e.g. {instead}" in message, message
    assert "unknown unit" not in message


@pytest.mark.parametrize(("text", "kind", "si"), [
    ("1e-3 S/cm", "ionic conductivity", 0.1),  # an exponent's minus is no range
    ("-5 degC", "temperature", 268.15),
    ("5e-6 m", "length", 5e-6),
    ("1.5 um", "length", 1.5e-6),
])
def test_single_values_with_minus_signs_still_parse(text: str, kind: str, si: float) -> None:
    assert units.parse(text, kind) == pytest.approx(si)


@settings(max_examples=200, deadline=None)
@given(a=st.floats(0.0, 1e6), b=st.floats(0.0, 1e6),
       sep=st.sampled_from(["-", "\u2013", "\u2014", "\u2212", " to ", "..", "~", " - "]))
def test_every_range_is_refused_and_every_single_value_read(a: float, b: float,
                                                            sep: str) -> None:
    """Numbers as Python writes them (``1e-05``, ``12.5``) joined by any separator are a
    range; either number alone with its unit is read as that number."""
    with pytest.raises(UnitError, match="is a range; a single value is expected"):
        units.parse(f"{a!r}{sep}{b!r} um", "length")
    assert units.parse(f"{a!r} um", "length") == pytest.approx(a * 1e-6, rel=1e-12)
    assert units.parse(f"{-b!r} degC", "temperature") == pytest.approx(273.15 - b, rel=1e-12)


def test_a_range_without_a_unit_is_named_a_range_too() -> None:
    with pytest.raises(UnitError, match=r"'40-150' is a range; a single value is expected"):
        units.parse("40-150", "length")
    with pytest.raises(UnitError, match="is a range"):
        units.parse("40-150", "length", "um")  # the unit given apart


def test_ccd_refuses_a_flaw_range_naming_the_option(capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(["ccd", "li6ps5cl", "--flaw-size", "40\u2013150 \u00b5m"], capsys)
    assert_one_line_error(code, out, err, "--flaw-size", "'40\u2013150 \u00b5m'",
                          "is a range; a single value is expected", "'40 \u00b5m'")


def test_interfaces_refuses_a_pressure_range_naming_the_option(
        capsys: pytest.CaptureFixture) -> None:
    code, out, err = run(["interfaces", str(EV), "--stack-pressure", "5-10 MPa"], capsys)
    assert_one_line_error(code, out, err, "--stack-pressure", "'5-10 MPa'",
                          "a single value is expected")


def test_a_design_file_range_names_the_field(tmp_path: Path) -> None:
    text = EV.read_text("utf-8")
    assert "thickness: 30 um" in text  # the separator of the EV example
    path = tmp_path / "range.yaml"
    path.write_text(text.replace("thickness: 30 um", "thickness: 30-50 um", 1), "utf-8")
    with pytest.raises(ValidationError) as err:
        CellDesign.from_file(path)
    assert err.value.field == "separator.thickness"  # the key the file wrote
    assert "'30-50 um' is a range; a single value is expected" in str(err.value)


# ------------------------------------------------------------------ shear moduli
#: the knowledge base's plausible limit of any shear modulus (solidcell.materials.schema), the
#: limit a stored value has
SHEAR_LIMIT_PA = 1e12


@pytest.mark.parametrize("field", ["shear_modulus_li_Pa", "shear_modulus_electrolyte_Pa"])
def test_a_given_shear_modulus_stays_within_the_knowledge_bases_limit(field: str) -> None:
    # before: 1e15 Pa (1e6 GPa) was taken, a ratio G_SE / G_Li of 8e-6 reported
    with pytest.raises(ValidationError) as err:
        monroe_newman("li6ps5cl", **{field: 1e15})
    assert err.value.field == field
    assert "at most 1e+12 Pa" in str(err.value)
    assert monroe_newman("li6ps5cl", **{field: SHEAR_LIMIT_PA}).ratio > 0  # the limit itself


def test_mechanics_check_and_interfaces_refuse_it_too(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(ValidationError) as err:
        mechanics_check(LI_DESIGN, shear_modulus_li_Pa=1e15)
    assert err.value.field == "shear_modulus_li_Pa"
    code, out, err_text = run(["interfaces", str(EV), "--li-shear-modulus", "1e6 GPa"], capsys)
    assert_one_line_error(code, out, err_text, "--li-shear-modulus", "'1e6 GPa'",
                          "plausible limit of any shear modulus")


# ------------------------------------------------------------------ hand calculations
@settings(max_examples=60, deadline=None)
@given(a=st.floats(1e-9, 1e-2), asr=st.floats(1e-7, 1.0), f=st.floats(1.0, 1e3),
       k=st.floats(1e3, 1e7), rho=st.floats(100.0, 2e4))
def test_ccd_is_the_docs_formula(a: float, asr: float, f: float, k: float, rho: float) -> None:
    """docs/interfaces.md, Mechanics: eta_c = K_IC Omega_Li / (F Y sqrt(pi a)), Omega_Li =
    M_Li / rho_Li, Y = 1.12 (Tada et al.), i_c = eta_c / (f ASR), computed here by hand."""
    from pymatgen.core import Element

    r = critical_current_density("x", a, asr_ohm_m2=asr, focusing_factor=f,
                                 fracture_toughness_Pa_m05=k, li_density_kg_m3=rho)
    omega = float(Element("Li").atomic_mass) * 1e-3 / rho
    p_c = k / (1.12 * math.sqrt(math.pi * a))
    eta_c = p_c * omega / FARADAY
    assert r.critical_pressure_Pa == pytest.approx(p_c, rel=1e-12)
    assert r.critical_overpotential_V == pytest.approx(eta_c, rel=1e-12)
    assert r.critical_current_density_A_m2 == pytest.approx(eta_c / (f * asr), rel=1e-12)
    # the lithium pressure that overpotential holds, F eta / Omega, is the critical pressure
    assert FARADAY * r.critical_overpotential_V / omega == pytest.approx(p_c, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(p0=st.floats(0.0, 1e8), k=st.floats(0.0, 1e12), low=st.floats(-1e-4, 1e-4),
       span=st.floats(0.0, 1e-4))
def test_stack_pressure_is_the_docs_formula(p0: float, k: float, low: float,
                                            span: float) -> None:
    """docs/interfaces.md: p_min = max(0, p0 + k N min(0, low)), p_max = p0 + k N max(0,
    high), p0_min = sigma_y - k N min(0, low), N = layers x cells in series; lift-off (a
    negative p_min) included."""
    high = low + span
    r = stack_pressure(LI_DESIGN, stack_pressure_Pa=p0, fixture_stiffness_Pa_m=k,
                       thickness_change_m=(low, high))
    n = LI_DESIGN.format.n_layers * getattr(LI_DESIGN.architecture, "cells_in_series", 1)
    sigma_y, _ = lithium_yield_strength()
    assert r.repeat_units == n
    assert r.pressure_min_Pa == pytest.approx(max(0.0, p0 + k * n * min(0.0, low)),
                                              rel=1e-12, abs=1e-9)
    assert r.pressure_max_Pa == pytest.approx(p0 + k * n * max(0.0, high), rel=1e-12)
    assert r.required_assembly_pressure_Pa == pytest.approx(sigma_y - k * n * min(0.0, low),
                                                            rel=1e-12)
    lifted = p0 + k * n * min(0.0, low) < 0
    assert any("lifts off" in w for w in r.warnings) == lifted
