"""Multiplicative unit conversions give the float nearest to the exact decimal result,
(the shortest decimal of the number) x (the unit's exact factor), as the offset temperature
scales do (tests/test_units_offset_exact.py): '5 um' is 5e-06 m, not the
4.9999999999999996e-06 of the float product 5.0 x 1e-06.

Exact factors: the SI prefixes (powers of ten, SI Brochure); the inch, yard / 36 with the
yard 0.9144 m since 1959 (pint's registry, default_en.txt); the watt hour, 3600 J (the hour
is 60 x 60 s); the electronvolt, e x 1 V with e = 1.602176634e-19 C exact since 2019
(codata2018; pint's constants_en.txt). A factor with no short decimal (1/60 of m/min, 1/3600
of m/h, 1/N_A of kJ/mol) keeps pint's float product (units._decimal_factor)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import run
from solidcell import units

#: (text, kind, SI float): the exact decimal results the float products missed
EXACT = [
    ("5 um", "length", 5e-06),  # 5.0 * 1e-06 is 4.9999999999999996e-06
    ("30 um", "length", 3e-05),
    ("0.3 mA/cm2", "current density", 3.0),  # 0.3 * 10.0 is 3.0000000000000004
    ("1.5 mAh/cm2", "areal capacity", 1.5),  # the canonical unit itself
    ("15 A.h.m-2", "areal capacity", 1.5),  # 15 * 0.1 is 1.5000000000000002
    ("0.3 mS/cm", "ionic conductivity", 0.03),
    ("1.2 mg/cm2", "areal mass", 0.012),
    ("0.7 um", "length", 7e-07),
    ("1 inch", "length", 0.0254),  # by pint
    ("2 mAh", "capacity", 0.002),
    ("3 Wh", "energy", 10800.0),
    ("1 eV", "energy", 1.602176634e-19),
    ("3 %", "fraction", 0.03),
    ("5 mK", "temperature", 0.005),
]


@pytest.mark.parametrize(("text", "kind", "si"), EXACT)
def test_the_exact_decimal(text: str, kind: str, si: float) -> None:
    assert units.parse(text, kind) == si
    number, unit = text.split(" ")
    assert units.parse(float(number), kind, unit) == si  # the number and its unit apart
    assert units.parse(number, kind, unit) == si


@pytest.mark.parametrize(("text", "kind"), [("7 m/min", "rate"), ("2 m/h", "rate"),
                                            ("1 kJ/mol", "activation energy"),
                                            ("10 degR", "temperature"), ("1.1 psi", "pressure")])
def test_a_factor_with_no_short_decimal_keeps_pints_float(text: str, kind: str) -> None:
    raw = float(units.quantity(text, kind).to(units.KINDS[kind]).magnitude)
    assert units.parse(text, kind) == raw


#: unit -> (kind, exact factor to the canonical unit of kind), sources in the module docstring
FACTORS = {
    "um": ("length", "1e-6"), "nm": ("length", "1e-9"), "mm": ("length", "1e-3"),
    "cm": ("length", "1e-2"), "km": ("length", "1e3"), "inch": ("length", "0.0254"),
    "kPa": ("pressure", "1e3"), "MPa": ("pressure", "1e6"), "GPa": ("pressure", "1e9"),
    "mS/cm": ("ionic conductivity", "0.1"), "uS/cm": ("ionic conductivity", "1e-4"),
    "S/cm": ("ionic conductivity", "100"), "mA/cm2": ("current density", "10"),
    "mg/cm2": ("areal mass", "1e-2"), "g/cm3": ("density", "1e3"),
    "mAh": ("capacity", "1e-3"), "kJ": ("energy", "1e3"), "Wh": ("energy", "3600"),
    "eV": ("energy", "1.602176634e-19"), "mV": ("voltage", "1e-3"),
    "meV": ("activation energy", "1e-3"), "h": ("time", "3600"), "mW": ("power", "1e-3"),
}
#: decimals of up to 15 significant digits (each is the shortest decimal of its float)
DECIMALS = st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=8,
                       allow_nan=False, allow_infinity=False).filter(
    lambda d: len(d.normalize().as_tuple().digits) <= 15)


@given(DECIMALS, st.sampled_from(sorted(FACTORS)))
def test_text_is_the_nearest_float_of_the_exact_product(d: Decimal, unit: str) -> None:
    kind, factor = FACTORS[unit]
    exact = float(d * Decimal(factor))  # Decimal's default 28 digits hold 15 + 10 exactly
    assert units.parse(f"{d} {unit}", kind) == exact
    assert units.parse(float(d), kind, unit) == exact


@given(DECIMALS, st.sampled_from(sorted(u for u, (_, f) in FACTORS.items()
                                        if Decimal(f).normalize().as_tuple().digits == (1,))))
def test_a_power_of_ten_comes_back_exactly(d: Decimal, unit: str) -> None:
    """A decimal of up to 15 digits times a power of ten is the shortest decimal of its
    nearest float, so convert divides it back to the decimal typed."""
    kind = FACTORS[unit][0]
    assert units.convert(units.parse(f"{d} {unit}", kind), kind, unit) == float(d)


@given(DECIMALS, st.sampled_from(sorted(FACTORS)))
def test_any_exact_factor_comes_back_within_rounding(d: Decimal, unit: str) -> None:
    kind = FACTORS[unit][0]
    back = units.convert(units.parse(f"{d} {unit}", kind), kind, unit)
    assert back == pytest.approx(float(d), rel=3e-16, abs=0)


def test_convert_and_format_give_the_decimal_back() -> None:
    assert units.convert(5e-06, "length", "um") == 5.0
    assert units.convert(1000.0, "density", "g/cm3") == 1.0  # pint: 1.0000000000000002
    assert units.convert(3.0, "current density", "mA/cm2") == 0.3
    assert units.convert(0.0254, "length", "inch") == 1.0
    assert units.convert(7.2, "capacity", "mAh") == 7200.0
    assert units.format_quantity(units.parse("5 um", "length"), "length", "um",
                                 digits=17) == "5 um"


def test_signed_zero_and_the_float_edges() -> None:
    assert str(units.parse("-0.0 um", "length")) == "-0.0"
    assert str(units.convert(-0.0, "length", "um")) == "-0.0"
    assert units.parse("5e-318 um", "length") == 5e-324  # the smallest float, 4.94e-324 m
    assert units.parse("1e-318 um", "length") == 0.0  # below half of it
    with pytest.raises(units.UnitError, match="not a finite quantity"):
        units.parse("1e308 km", "length")


def test_the_json_shows_5e_06(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["ccd", "li6ps5cl", "--flaw-size", "5 um", "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)[0]["Flaw size [m]"] == 5e-06
    assert "4.9999999999999996e-06" not in out
