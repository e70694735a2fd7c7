"""solidcell.units: lab units to SI and back; wrong units name the expected quantity."""

import math
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from solidcell import units
from solidcell.errors import UnitError


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("1 S/cm", "ionic conductivity", 100.0),
        ("1 mS/cm", "ionic conductivity", 0.1),
        ("30 um", "length", 30e-6),
        ("30 µm", "length", 30e-6),
        ("3 mg/cm2", "areal mass", 0.03),
        ("200 mAh/g", "specific capacity", 200.0),  # canonical unit is mAh/g (conventions.md)
        ("720 A*s/g", "specific capacity", 200.0),
        ("10 Ohm cm2", "areal resistance", 10e-4),
        ("10 ohm*cm^2", "areal resistance", 10e-4),
        ("5 MPa", "pressure", 5e6),
        ("60 degC", "temperature", 333.15),
        ("60degC", "temperature", 333.15),
        ("298.15 K", "temperature", 298.15),
        ("2.5 g/cm3", "density", 2500.0),
        ("0.3 eV", "activation energy", 0.3),
    ],
)
def test_parse_lab_units(text: str, kind: str, expected: float) -> None:
    assert units.parse(text, kind) == pytest.approx(expected, rel=1e-12)


def test_activation_energy_per_mole() -> None:
    # 96.485 kJ/mol = 1 eV per ion (Faraday constant / 1000)
    assert units.parse("96.48533212 kJ/mol", "activation energy") == pytest.approx(1.0, rel=1e-9)


def test_number_with_separate_unit() -> None:
    assert units.parse(1.0, "ionic conductivity", "mS/cm") == pytest.approx(0.1)
    assert units.parse(0.5, "ionic conductivity") == 0.5


@pytest.mark.parametrize(
    ("text", "kind", "named"),
    [
        ("30 mS/cm", "length", "length"),
        ("1 um", "ionic conductivity", "ionic conductivity"),
        ("3 furlongs/fortnight", "ionic conductivity", "ionic conductivity"),
        ("abc", "temperature", "temperature"),
        ("5 kg", "areal mass", "areal mass"),
    ],
)
def test_wrong_unit_names_expected_quantity(text: str, kind: str, named: str) -> None:
    with pytest.raises(UnitError, match=named):
        units.parse(text, kind)


def test_unknown_kind() -> None:
    with pytest.raises(UnitError, match="unknown kind"):
        units.parse("1 m", "flux capacitance")


def test_format_and_convert_round_trip() -> None:
    assert units.convert(0.1, "ionic conductivity", "mS/cm") == pytest.approx(1.0)
    assert units.format_quantity(0.1, "ionic conductivity", "mS/cm") == "1 mS/cm"


@given(st.floats(min_value=1e-12, max_value=1e6, allow_nan=False),
       st.sampled_from(["S/cm", "mS/cm", "S/m", "uS/cm"]))
def test_conductivity_round_trip(x: float, unit: str) -> None:
    si = units.parse(x, "ionic conductivity", unit)
    assert math.isclose(units.convert(si, "ionic conductivity", unit), x, rel_tol=1e-9)


@given(st.text(max_size=20))
def test_garbage_never_crashes_with_foreign_errors(text: str) -> None:
    """Any text either parses to a finite float or raises UnitError, nothing else."""
    try:
        value = units.parse(text, "length")
    except UnitError:
        return
    assert isinstance(value, float) and math.isfinite(value)


@pytest.mark.parametrize("text", ["1e400 m", "-1e999 um", "inf m", "nan mm"])
def test_overflowing_text_is_refused(text: str) -> None:
    with pytest.raises(UnitError, match="length"):
        units.parse(text, "length")


@pytest.mark.parametrize("kind", sorted(units._FAST))
def test_fast_path_agrees_with_pint(kind: str) -> None:
    """The table of common units used before pint gives exactly pint's answer."""
    for unit in units._FAST[kind]:
        fast = units._fast(2.5, unit, kind)
        slow = units._to_quantity(2.5, unit, kind, unit).to(units.KINDS[kind]).magnitude
        assert fast == pytest.approx(slow, rel=1e-12), unit


@given(st.one_of(st.none(), st.floats(allow_nan=False), st.integers(), st.text(max_size=5)),
       st.integers(1, 8))
@example(1.5e308, 1)  # rounds up past the float limit: must not read back as infinity
@example(-1.7976931348623157e308, 3)
def test_format_number_for_tables(value: object, digits: int) -> None:
    text = units.format_number(value, digits)
    if value is None:
        assert text == "-"
    elif isinstance(value, float):  # zero and +-inf included
        assert float(text) == pytest.approx(value, rel=10.0 ** (1 - digits))
    else:
        assert text == str(value)


@pytest.mark.parametrize("kind, hint", [("temperature", "'degC' or 'K'"), ("price", "'USD/kg'"),
                                        ("ionic conductivity", "'S/cm' or 'mS/cm'")])
def test_text_without_number_gets_an_example_of_its_own_kind(kind: str, hint: str) -> None:
    """The error used to suggest '1 mS/cm' for every kind (a temperature, a price ...)."""
    with pytest.raises(UnitError, match=re.escape(hint)):
        units.parse("abc", kind)
    with pytest.raises(UnitError, match="not of an ionic conductivity"):
        units.parse("1 parsec", "ionic conductivity")


@pytest.mark.parametrize(("text", "kind", "same_as"), [
    # the unit labels of solidcell's (and PyBaMM's) JSON keys, and papers' "S cm-1"
    ("1 S.cm-1", "ionic conductivity", "1 S/cm"),
    ("2 mS cm-1", "ionic conductivity", "2 mS/cm"),
    ("0.3 S.m-1", "ionic conductivity", "0.3 S/m"),
    ("400 W.h.kg-1", "specific energy", "400 Wh/kg"),
    ("200 mA.h.g-1", "specific capacity", "200 mAh/g"),
    ("4 mA.h.cm-2", "areal capacity", "4 mAh/cm2"),
])
def test_dot_and_signed_exponent_spellings(text: str, kind: str, same_as: str) -> None:
    assert units.parse(text, kind) == pytest.approx(units.parse(same_as, kind), rel=1e-12)
