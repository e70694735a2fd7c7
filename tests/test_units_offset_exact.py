"""Offset temperature scales (degC, degF) are converted exactly to the decimals given
(``units._offset_exact``): '-20 degC' is 253.15 K, not the 253.14999999999998 K of the float
sum -20 + 273.15, and 253.15 K is -20 degC; the JSON of a command that echoes a temperature
shows 253.15. 0 degC = 273.15 K and 0 degF = 459.67 degR with 1 degR = 5/9 K are the
definitions of the scales (as pint's registry states them)."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import run
from solidcell import units


@pytest.mark.parametrize("text", ["-20 degC", "-20 °C", "-20 ℃", "-20 deg C", "-20 celsius",
                                  "-4 degF", "-4 °F", "-4 ℉", "253.15 K"])
def test_minus_20_degC_is_253_15_K_on_every_spelling(text: str) -> None:
    assert units.parse(text, "temperature") == 253.15


def test_a_number_with_its_unit_apart_is_exact_too() -> None:
    assert units.parse(-20, "temperature", "degC") == 253.15
    assert units.parse("-20", "temperature", "degC") == 253.15
    assert units.parse(-40.0, "temperature", "degF") == 233.15  # -40 degF = -40 degC


def test_kelvin_back_in_degC_and_degF_is_exact() -> None:
    assert units.convert(253.15, "temperature", "degC") == -20.0
    assert units.convert(253.15, "temperature", "degF") == -4.0
    assert units.convert(298.15, "temperature", "degC") == 25.0
    assert units.convert(-0.0, "temperature", "degC") == -273.15
    # beyond the largest float in degF: inf, as pint gives it
    assert units.convert(1.7976931348623157e308, "temperature", "degF") == math.inf


_DECIMALS = st.decimals(min_value=-273, max_value=100_000, places=3, allow_nan=False,
                        allow_infinity=False)


@given(_DECIMALS)
def test_degC_text_is_the_nearest_float_of_the_exact_sum_and_comes_back(d: Decimal) -> None:
    """A Celsius temperature with up to 3 decimals: the float nearest to d + 273.15 exactly,
    and converted back, the float of d itself (both sums have at most 15 digits)."""
    kelvin = units.parse(f"{d} degC", "temperature")
    assert kelvin == float(Fraction(d) + Fraction("273.15"))
    assert units.convert(kelvin, "temperature", "degC") == float(d)


@given(_DECIMALS)
def test_degF_text_is_the_nearest_float_of_the_exact_value(d: Decimal) -> None:
    kelvin = units.parse(f"{d} degF", "temperature")
    assert kelvin == float((Fraction(d) + Fraction("459.67")) * Fraction(5, 9))
    assert units.convert(kelvin, "temperature", "degF") == pytest.approx(float(d), rel=1e-14,
                                                                         abs=1e-11)


@pytest.mark.parametrize("temperature", ["-20 degC", "-4 degF"])
def test_the_json_echoes_253_15(temperature: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["conductivity", "li6ps5cl", "--temperature", temperature, "--json"],
                         capsys)
    assert code == 0, err
    assert json.loads(out)["Temperature [K]"] == 253.15
    assert "253.14999" not in out
