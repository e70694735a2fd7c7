"""solidcell.units: lab units to SI and back; wrong units name the expected quantity."""

import math
import re

import numpy as np
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


#: the process database's units (solidcell cost), in the fast table so that cost needs no pint
PROCESS_UNITS = [("area", "m2"), ("area price", "USD/m2"), ("energy price", "USD/kWh"),
                 ("rate", "m/s"), ("rate", "nm/s"), ("rate", "m/min"), ("time", "s"),
                 ("time", "h"), ("time", "year")]


@given(st.sampled_from(PROCESS_UNITS), st.floats(allow_nan=False, allow_infinity=False))
@example(("rate", "m/min"), 7.0)  # 7/60: the factor 1/60 must round as pint's does
@example(("time", "year"), 1.0)  # pint's year: 365.25 d = 31557600 s
@example(("time", "year"), 1e301)  # overflows: refused by both
@example(("rate", "nm/s"), 5e-324)
@example(("area price", "USD/m2"), -0.0)
def test_process_units_fast_path_is_bit_identical_to_pint(kind_unit: tuple[str, str],
                                                          x: float) -> None:
    """The fast factors of the process units give what the pint path of units.parse gives
    exactly (not approximately): cost gives the same numbers with and without pint. Both are
    the nearest float of the exact decimal product where the factor is a decimal (nm/s, h),
    else pint's float product (1/60 of m/min; tests/test_units_exact.py)."""
    kind, unit = kind_unit
    assert unit in units._FAST[units._FAST_KIND.get(kind, kind)]
    fast = units._fast(x, unit, kind)
    raw = float(units._to_quantity(x, unit, kind, unit).to(units.KINDS[kind]).magnitude)
    slow = units._exactly(x, unit, kind, raw)
    assert fast == slow and math.copysign(1, fast) == math.copysign(1, slow)  # -0.0 too
    assert fast == pytest.approx(raw, rel=1e-15) or not math.isfinite(raw) or abs(raw) < 1e-290
    if math.isfinite(slow):
        assert units.parse(x, kind, unit) == slow
    else:
        with pytest.raises(UnitError, match="not a finite quantity"):
            units.parse(x, kind, unit)


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
    with pytest.raises(UnitError, match="is a length, not an ionic conductivity"):
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


# --- edges of the parser: bare numbers, odd spellings, constants, NumPy numbers ------------

DIMENSIONED = sorted(k for k in units.KINDS if k != "fraction")


@pytest.mark.parametrize("kind", DIMENSIONED)
def test_a_bare_number_is_refused_with_the_units_to_write(kind: str) -> None:
    """'80' for a temperature said "'80' has the dimensions of dimensionless, not of a
    temperature"; it must say that a unit is missing and how to write one."""
    with pytest.raises(UnitError) as info:
        units.parse("80", kind)
    message = str(info.value)
    assert f"{kind}: '80' has no unit; give one" in message
    assert "dimensionless" not in message
    for unit in re.findall(r"'([^']+)'", units.example_units(kind)):
        assert f"'80 {unit}'" in message
        assert units.parse(f"80 {unit}", kind) == pytest.approx(units.parse(80.0, kind, unit))


def test_a_bare_temperature_is_read_neither_as_kelvin_nor_as_celsius() -> None:
    with pytest.raises(UnitError, match=re.escape(
            "temperature: '80' has no unit; give one: '80 degC' or '80 K' (a bare number is "
            "read neither as K nor as degC)")):
        units.parse("80", "temperature")


@given(st.floats(allow_nan=False, allow_infinity=False, width=32), st.sampled_from(DIMENSIONED))
@example(-0.0, "temperature")
def test_any_bare_number_text_is_refused_as_typed(x: float, kind: str) -> None:
    text = repr(x)
    with pytest.raises(UnitError, match=re.escape(f"{kind}: {text!r} has no unit")):
        units.parse(text, kind)


@pytest.mark.parametrize(("text", "kind", "other"), [
    ("5 MPa", "temperature", "a pressure"),
    ("30 um um", "thickness", "an area"),
    ("1 mS/cm", "temperature", "a conductivity"),
    ("25 degC", "thickness", "a temperature"),
    ("30 %", "thickness", "a fraction"),
    ("1 mA", "current density", "a current"),
])
def test_a_unit_of_another_kind_is_named(text: str, kind: str, other: str) -> None:
    """'5 MPa' as a temperature said "has the dimensions of [mass] / [length] / [time] ** 2"."""
    with pytest.raises(UnitError, match=re.escape(f"{text!r} is {other}, not ")):
        units.parse(text, kind)


@pytest.mark.parametrize("unit", ["C", "F"])
def test_temperature_in_coulomb_or_farad_gets_the_degree_hint(unit: str) -> None:
    """'25 C' is 25 coulomb to pint; the message said "[current] * [time]"."""
    with pytest.raises(UnitError, match=re.escape(f"write 'deg{unit}' or '°{unit}'")):
        units.parse(f"25 {unit}", "temperature")


@pytest.mark.parametrize(("text", "kind", "same_as"), [
    ("25 ℃", "temperature", "25 degC"),  # U+2103, the one-character degree Celsius sign
    ("25 ° C", "temperature", "25 degC"),
    ("77 °F", "temperature", "77 degF"),
    ("77 ℉", "temperature", "77 degF"),
    ("50 $/kg", "price", "50 USD/kg"),
    ("5 ppm", "fraction", "5e-6"),  # was the elementary charge to the power -6: refused
])
def test_more_lab_spellings(text: str, kind: str, same_as: str) -> None:
    assert units.parse(text, kind) == pytest.approx(units.parse(same_as, kind), rel=1e-12)


def test_ppm_is_one_millionth() -> None:
    assert units.parse("5 ppm", "fraction") == pytest.approx(5e-6, rel=1e-12)


@pytest.mark.parametrize("text", ["1,5 um", "-2,5 um", "1,000 um"])
def test_a_decimal_comma_is_named(text: str) -> None:
    """'1,5 um' said "unknown unit ',5 um'"."""
    with pytest.raises(UnitError, match=re.escape(f"{text!r} has a comma in its number")):
        units.parse(text, "length")


@pytest.mark.parametrize("text", ["nan um", "inf um", "-Infinity um", "1e400 um"])
def test_non_finite_text_is_named_as_such(text: str) -> None:
    """'nan um' said "is not a number followed by a unit", which it is."""
    with pytest.raises(UnitError, match=re.escape(f"{text!r} is not a finite quantity; give")):
        units.parse(text, "length")


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_named_as_such(text: str) -> None:
    with pytest.raises(UnitError, match=re.escape(f"{text!r} is empty; give a number")):
        units.parse(text, "length")


@pytest.mark.parametrize(("text", "kind"), [
    ("5 pi um", "length"),      # was 15.7 um
    ("1 e3 um", "length"),      # the elementary charge cubed
    ("5 c", "rate"),            # five times the speed of light
])
def test_physical_constants_in_a_unit_are_refused(text: str, kind: str) -> None:
    with pytest.raises(UnitError, match="holds the constant"):
        units.parse(text, kind)


@pytest.mark.parametrize("number", [np.int64(30), np.float32(30.0), np.array(30.0),
                                    np.uint8(30)])
def test_numpy_numbers_take_their_unit(number: object) -> None:
    """np.int64(30) with unit 'um' was read as the text '30' and refused as dimensionless."""
    assert units.parse(number, "length", "um") == pytest.approx(30e-6, rel=1e-12)
    assert units.parse(number, "length", "km") == pytest.approx(3e4, rel=1e-12)


@pytest.mark.parametrize("value", [True, np.bool_(False)])
def test_bools_are_not_quantities(value: object) -> None:
    with pytest.raises(UnitError, match="is not a quantity"):
        units.parse(value, "length", "um")


def test_a_conversion_that_overflows_is_refused() -> None:
    """1e308 km became inf m, silently."""
    with pytest.raises(UnitError, match="not a finite quantity"):
        units.parse(1e308, "length", "km")
    assert units.parse(1e308, "length", "m") == 1e308


LAB_UNITS = {
    "length": ["m", "cm", "mm", "um", "µm", "nm", "micron"],
    "ionic conductivity": ["S/m", "S/cm", "mS/cm", "uS/cm", "S cm-1", "mS.cm-1"],
    "pressure": ["Pa", "kPa", "MPa", "GPa", "bar", "atm", "psi"],
    "current density": ["A/m2", "mA/cm2", "mA cm-2", "uA/cm2"],
    "areal resistance": ["Ohm cm2", "ohm*m**2", "Ω cm²", "mOhm cm2"],
    "time": ["s", "min", "h", "day"],
    "price": ["USD/kg", "USD/g", "$/kg"],
    "voltage": ["V", "mV"],
}


@given(st.sampled_from([(k, u) for k, us in LAB_UNITS.items() for u in us]),
       st.floats(min_value=-1e30, max_value=1e30, allow_nan=False).filter(
           lambda x: x == 0 or abs(x) > 1e-30))
def test_text_and_number_agree_and_round_trip(kind_unit: tuple[str, str], x: float) -> None:
    """'x unit' as text, x with the unit apart, and back with convert: the same number."""
    kind, unit = kind_unit
    si = units.parse(x, kind, unit)
    assert units.parse(f"{x!r} {unit}", kind) == pytest.approx(si, rel=1e-12, abs=0)
    assert units.convert(si, kind, unit) == pytest.approx(x, rel=1e-9, abs=0)


@given(st.floats(min_value=-273.15, max_value=1e6, allow_nan=False),
       st.sampled_from(["degC", "°C", "℃", "deg C"]))
def test_celsius_is_kelvin_minus_273_15(x: float, spelling: str) -> None:
    """An offset unit: '25 degC' is 298.15 K, not 25 K (and not 25 * 274.15)."""
    kelvin = units.parse(f"{x!r} {spelling}", "temperature")
    assert kelvin == pytest.approx(x + 273.15, rel=1e-12, abs=1e-9)
    assert units.convert(kelvin, "temperature", "degC") == pytest.approx(x, rel=1e-9, abs=1e-9)


@given(st.floats(min_value=-459.67, max_value=1e6, allow_nan=False))
def test_fahrenheit_round_trip(x: float) -> None:
    kelvin = units.parse(f"{x!r} degF", "temperature")
    assert kelvin == pytest.approx((x + 459.67) * 5 / 9, rel=1e-12, abs=1e-9)
    assert units.convert(kelvin, "temperature", "degF") == pytest.approx(x, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("5 mOhm cm2", "areal resistance", 5e-7),  # was "unknown unit 'mOhm cm2'"
    ("5 kOhm", "resistance", 5e3),
    ("5 MOhm", "resistance", 5e6),
    ("5 mΩ cm2", "areal resistance", 5e-7),
])
def test_prefixed_ohm(text: str, kind: str, expected: float) -> None:
    assert units.parse(text, kind) == pytest.approx(expected, rel=1e-12)


def test_text_of_a_bare_number_takes_the_unit_given_apart() -> None:
    """parse("25", "temperature", "degC") ignored the unit and refused '25' as dimensionless;
    text with its own unit and a unit apart silently dropped the one apart."""
    assert units.parse("25", "temperature", "degC") == pytest.approx(298.15, rel=1e-12)
    assert units.parse(" 30 ", "length", "um") == pytest.approx(30e-6, rel=1e-12)
    with pytest.raises(UnitError, match="gives a unit twice"):
        units.parse("25 degC", "temperature", "K")
    with pytest.raises(UnitError, match="write decimals with a point"):
        units.parse("1,5", "length", "um")
    with pytest.raises(UnitError, match="not a finite quantity"):
        units.parse("1e400", "length", "um")
