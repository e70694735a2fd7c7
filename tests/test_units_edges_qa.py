"""units.parse at its edges: temperatures below 0 K (the callers' rule), numbers in another
base or with underscores, units of quantities that are no kind (conductance, force, ...), and
properties over every kind (text, number and convert agree; junk raises UnitError only)."""

from __future__ import annotations

import math
import re

import pytest
import typer
from hypothesis import example, given, settings
from hypothesis import strategies as st

from solidcell import units
from solidcell.errors import UnitError, ValidationError

# --- 1. below absolute zero: parse converts, each caller refuses by its own bound and field --

BELOW_ZERO = [("-300 degC", -26.85), ("-273.15 degC", 0.0), ("0 K", 0.0), ("-5 K", -5.0)]


@pytest.mark.parametrize(("text", "kelvin"), BELOW_ZERO)
def test_parse_converts_a_temperature_at_or_below_zero_kelvin_for_the_caller_to_refuse(
        text: str, kelvin: float) -> None:
    """-300 degC is -26.85 K (-300 + 273.15): parse says so and leaves the refusal to the
    caller, whose message names its field and its own bound (docs/conventions.md, Units)."""
    assert units.parse(text, "temperature") == pytest.approx(kelvin, abs=1e-9)


@pytest.mark.parametrize(("text", "kelvin"), BELOW_ZERO)
def test_a_stored_value_below_zero_kelvin_is_refused(text: str, kelvin: float) -> None:
    from solidcell.materials.schema import PropertyValue

    with pytest.raises(ValidationError) as info:
        PropertyValue(name="ionic_conductivity", value=1.0, unit="mS/cm", temperature=text,
                      method="measured", source="lab")
    assert info.value.field == "temperature"
    assert f"{kelvin:g} K must be above 0 K" in str(info.value)


@pytest.mark.parametrize(("text", "kelvin"), BELOW_ZERO)
def test_a_temperature_option_below_zero_kelvin_is_refused(
        text: str, kelvin: float, capsys: pytest.CaptureFixture[str]) -> None:
    from solidcell.cli._common import temperature_option

    with pytest.raises(typer.Exit):
        temperature_option("--temperature", text)
    assert (f"--temperature: {text!r} is not allowed; it is {kelvin:g} K; a temperature "
            "above 0 K") in capsys.readouterr().err


# --- 2. numbers in another base, underscores ------------------------------------------------

@pytest.mark.parametrize("text", ["0x10 um", "0X1f um", "-0x10 um", "0o17 um", "0b101 um"])
def test_a_number_in_another_base_is_named(text: str) -> None:
    """'0x10 um' said "unknown unit 'x10 um'"."""
    with pytest.raises(UnitError, match="is not a decimal number") as info:
        units.parse(text, "length")
    assert "unknown unit" not in str(info.value)


def test_a_number_in_another_base_with_its_unit_apart_is_named() -> None:
    with pytest.raises(UnitError, match="is not a decimal number"):
        units.parse("0x10", "length", "um")


@pytest.mark.parametrize(("text", "number"), [
    ("1_000 um", 1000.0), ("1_000.000_5 um", 1000.0005), ("1_0e1_0 um", 1e11),
    ("-2_5.5 um", -25.5),
])
def test_underscores_between_digits_read_as_python_reads_them(text: str,
                                                               number: float) -> None:
    """'1_000 um' said "unknown unit '_000 um'"; float('1_000') is 1000 (PEP 515)."""
    assert number == float(text.split()[0])
    assert units.parse(text, "length") == pytest.approx(number * 1e-6, rel=1e-12)


@pytest.mark.parametrize("text", ["1__000 um", "_1 um", "1_ um", "1_.5 um", "+_1 um"])
def test_an_underscore_out_of_place_is_named(text: str) -> None:
    with pytest.raises(UnitError, match="underscore out of place"):
        units.parse(text, "length")


def test_a_decimal_comma_after_underscores_is_named_as_a_comma() -> None:
    """'1_000,5 um' said "unknown unit ',5 um'"."""
    with pytest.raises(UnitError, match="has a comma in its number"):
        units.parse("1_000,5 um", "length")


def test_a_unit_that_starts_with_an_underscore_is_still_an_unknown_unit() -> None:
    with pytest.raises(UnitError, match="unknown unit '_um'"):
        units.parse("1 _um", "length")


# --- 3. units of quantities that are no kind ------------------------------------------------

@pytest.mark.parametrize(("text", "kind", "named"), [
    ("1 mS", "ionic conductivity", "is a conductance, not an ionic conductivity"),
    ("1 S/cm2", "conductivity", "is an areal conductance, not a conductivity"),
    ("1 C", "ionic conductivity", "is a charge, not an ionic conductivity"),
    ("200 mAh", "specific capacity", "is a charge, not a specific capacity"),
    ("1 kHz", "time", "is a frequency, not a time"),
    ("10 N", "pressure", "is a force, not a pressure"),
    ("1 mol", "mass", "is an amount of substance, not a mass"),
    ("100 g/mol", "mass", "is a molar mass, not a mass"),
    ("1 W/m/K", "ionic conductivity", "is a thermal conductivity, not an ionic conductivity"),
    ("5 count", "length", "is a plain number ('count' has no dimension), not a length"),
    ("5 percent", "length", "is a fraction, not a length"),
    ("2 rad", "length", "is an angle, not a length"),
])
def test_a_unit_of_a_quantity_that_is_no_kind_is_named(text: str, kind: str,
                                                       named: str) -> None:
    """'1 mS' for a conductivity said "has the dimensions of [current] ** 2 * [time] ** 3 /
    [mass] / [length] ** 2"."""
    with pytest.raises(UnitError) as info:
        units.parse(text, kind)
    message = str(info.value)
    assert named in message and "[" not in message
    assert units.example_units(kind) in message


def test_degrees_for_a_temperature_are_an_angle_with_the_hint() -> None:
    """'25 deg' is 25 angle degrees to pint; it said "is a fraction, not a temperature"."""
    with pytest.raises(UnitError, match="is an angle, not a temperature") as info:
        units.parse("25 deg", "temperature")
    assert "write 'degC' or '°C' for degrees Celsius, or 'K'" in str(info.value)


def test_a_unit_of_no_named_quantity_still_shows_its_dimensions() -> None:
    with pytest.raises(UnitError, match=re.escape("has the dimensions of")):
        units.parse("1 mS cm", "ionic conductivity")


# --- 4. properties over every kind --------------------------------------------------------

def _units_of(kind: str) -> list[str]:
    """The units the messages offer for ``kind`` and those of its fast table."""
    offered = re.findall(r"'([^']+)'", units.example_units(kind))
    fast = units._FAST.get(units._FAST_KIND.get(kind, kind), {})
    return sorted(set(offered) | set(fast))


KIND_UNITS = [(kind, unit) for kind in sorted(units.KINDS) for unit in _units_of(kind)]


def test_every_kind_has_a_unit_to_test() -> None:
    assert {kind for kind, _ in KIND_UNITS} == set(units.KINDS)


@settings(max_examples=400)
@given(st.sampled_from(KIND_UNITS), st.floats(allow_nan=False, allow_infinity=False))
@example(("length", "km"), 1e308)  # overflows in m: refused both ways
@example(("temperature", "degC"), -300.0)
@example(("length", "um"), 5e-324)
def test_text_number_and_convert_agree_for_any_finite_number(kind_unit: tuple[str, str],
                                                             x: float) -> None:
    """parse(f"{x} {u}") == parse(x, kind, u), and convert takes it back to x: for any finite
    x, or both refuse with UnitError when x overflows in the canonical unit."""
    kind, unit = kind_unit
    try:
        si = units.parse(x, kind, unit)
    except UnitError as exc:
        assert "not a finite quantity" in str(exc)
        with pytest.raises(UnitError, match="not a finite quantity"):
            units.parse(f"{x!r} {unit}", kind)
        return
    assert math.isfinite(si)
    assert units.parse(f"{x!r} {unit}", kind) == pytest.approx(si, rel=1e-12, abs=0)
    if unit == "kJ/mol":  # per mole at the edge, eV per ion inside: no way back
        return
    back = units.convert(si, kind, unit)
    if abs(si) < 1e-290 and x != 0:  # underflowed to a subnormal or zero in the canonical unit
        return
    if math.isinf(back) and abs(x) > 1e307:
        # the largest float in um is, in m, the float nearest to 1.7976931348623157e302,
        # 1.797693134862316e302, whose exact value in um is past the largest float
        # (conversions are exact decimals: tests/test_units_exact.py)
        return
    # an offset unit (degC) loses the digits of x below those of 273.15
    assert back == pytest.approx(x, rel=1e-9, abs=1e-9 * (1 + abs(si)))


TOKENS = [*"0123456789.eE+-*/^() _,%$µΩ°x#'\"\\\n", "m", "um", "S", "cm", "K", "degC", "deg",
          "**", "pi", "kg", "mol", "Hz", "N", "C", "inf", "nan", "h", "0x", "1_", "__", "Wh",
          "mAh", "Ohm", "USD", "per", "delta_degC", "percent", "ppm", "count", "**999", "1e308"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(TOKENS), max_size=10).map("".join) | st.text(max_size=12),
       st.sampled_from(sorted(units.KINDS)))
@example("1e308 km", "length")
@example("0x10 um", "length")
@example("1 m**999", "length")
@example("1 km**400", "length")  # pint's factor to SI overflowed: OverflowError
@example("1 :mm2١:**9992", "specific energy")  # found by hypothesis: OverflowError
@example("0-\n0", "activation energy")  # found by hypothesis (CI): AttributeError
def test_junk_text_raises_unit_error_only(text: str, kind: str) -> None:
    """Any text, for any kind, is a finite float or a UnitError, nothing else."""
    try:
        value = units.parse(text, kind)
    except UnitError:
        return
    assert isinstance(value, float) and math.isfinite(value)


@settings(max_examples=200)
@given(st.integers(min_value=-10**400, max_value=10**400) | st.floats(),
       st.sampled_from(KIND_UNITS))
@example(10**400, ("length", "um"))  # float(10**400) raised OverflowError
@example(-10**5000, ("length", "um"))
def test_any_number_with_its_unit_apart_raises_unit_error_only(
        x: int | float, kind_unit: tuple[str, str]) -> None:
    kind, unit = kind_unit
    try:
        value = units.parse(x, kind, unit)
    except UnitError:
        return
    assert isinstance(value, float)


def test_an_integer_beyond_the_largest_float_is_refused() -> None:
    with pytest.raises(UnitError, match="beyond the largest float"):
        units.parse(10**400, "length")
    with pytest.raises(UnitError, match="beyond the largest float"):
        units.parse(10**400, "length", "um")


@pytest.mark.parametrize("text", ["1 km**400", "1 mm**2**9992"])
def test_a_unit_whose_factor_overflows_is_refused(text: str) -> None:
    """'1 km**400' raised OverflowError from pint (1000**400 is beyond the largest float)."""
    with pytest.raises(UnitError, match="beyond the range of a float"):
        units.parse(text, "length")
    with pytest.raises(UnitError, match="beyond the range of a float"):
        units.parse(1.0, "length", text.removeprefix("1 "))
