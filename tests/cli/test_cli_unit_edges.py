"""Quantity options at their edges: a bare number, a value below absolute zero, a number option
given with a unit or a decimal comma, a non-finite price. Each refusal names the option, the
value as typed (with its unit) and what to write instead."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.cli._common import _without_value

REPO = Path(__file__).resolve().parents[2]
EV = str(REPO / "examples" / "ev-nmc811-lpscl-li.yaml")
SPACE = str(REPO / "examples" / "spaces" / "ev.yaml")
THREE_D = str(REPO / "examples" / "interdigitated-3d-nmc811-lpscl-li.yaml")


@pytest.mark.parametrize("command", [["evaluate", EV], ["conductivity", "li6ps5cl"],
                                     ["simulate", EV], ["screen", SPACE]])
def test_a_bare_temperature_asks_for_a_unit(command: list[str], capsys) -> None:
    """`--temperature 80` said "'80' has the dimensions of dimensionless, not of a
    temperature"; neither 80 K nor 80 degC may be guessed."""
    code, out, err = run([*command, "--temperature", "80"], capsys)
    assert_one_line_error(code, out, err, "--temperature: '80' has no unit",
                          "'80 degC' or '80 K'")
    assert "dimensionless" not in err


@pytest.mark.parametrize(("command", "rule"), [
    (["evaluate", EV], "must lie in (0, 2000) K"), (["screen", SPACE], "must lie in (0, 2000) K"),
    (["simulate", EV], "must lie in (150, 600) K for the simulation")])  # its range (h302)
def test_below_absolute_zero_is_shown_with_its_unit(command: list[str], rule: str,
                                                    capsys) -> None:
    """`--temperature '-300 degC'` said "'-300 degC' is not allowed; -26.85 must lie in
    (0, 2000) K": a number in K without its unit next to the value typed in degC."""
    code, out, err = run([*command, "--temperature", "-300 degC"], capsys)
    assert_one_line_error(code, out, err, f"--temperature: '-300 degC' is not allowed; {rule}")
    assert "-26.85 must" not in err


@pytest.mark.parametrize(("option", "typed", "hint"), [
    ("--temperature", "25 C", "'C' is the coulomb, write 'degC' or '°C'"),
    ("--temperature", "5 MPa", "'5 MPa' is a pressure, not a temperature"),
    ("--temperature", "2,5 degC", "has a comma in its number"),
    ("--temperature", "nan degC", "'nan degC' is not a finite quantity"),
    ("--temperature", "", "'' is empty"),
])
def test_a_temperature_typed_oddly_gets_a_reason(option: str, typed: str, hint: str,
                                                  capsys) -> None:
    code, out, err = run(["evaluate", EV, option, typed], capsys)
    assert_one_line_error(code, out, err, f"{option}: {typed!r}", hint)


def test_a_degree_sign_spelling_is_taken(capsys) -> None:
    """'25 ℃' (one character, U+2103) was an unknown unit."""
    code, out, _ = run(["evaluate", EV, "--temperature", "25 ℃", "--json"], capsys)
    assert code == 0
    code, same, _ = run(["evaluate", EV, "--temperature", "25 degC", "--json"], capsys)
    assert code == 0 and out == same


@pytest.mark.parametrize(("args", "option", "typed", "hint"), [
    # the C-rate stays a plain number: 'C' is the coulomb to the unit parser
    (["crossover", EV, THREE_D, "--c-rate", "2 C"], "--c-rate", "2 C",
     "give the number alone, in 1/h"),
    (["evaluate", EV, "--polarisation", "1,5"], "--polarisation", "1,5",
     "write the decimal with a point"),
    (["ccd", "li6ps5cl", "--flaw-size", "3 um", "--focusing", "2 x"], "--focusing", "2 x",
     "give the number alone, without a unit"),
])
def test_a_number_option_typed_with_a_unit_says_its_unit(args: list[str], option: str,
                                                         typed: str, hint: str,
                                                         capsys) -> None:
    """`--c-rate '2 C'` said only "must be a valid number"."""
    code, out, err = run(args, capsys)
    assert_one_line_error(code, out, err, option, repr(typed), hint)


@pytest.mark.parametrize("typed", ["inf", "nan", "1e400", "-inf"])
def test_a_non_finite_price_is_refused_as_typed(typed: str, capsys) -> None:
    """`--price li6ps5cl=1e400` said "inf USD/kg is above the plausible limit" (the typed
    text lost), and 'nan' reached the engine."""
    code, out, err = run(["cost", EV, "--price", f"li6ps5cl={typed}"], capsys)
    assert_one_line_error(code, out, err, f"--price: 'li6ps5cl={typed}' is not allowed",
                          "a finite price >= 0 in USD/kg")


def test_a_price_above_the_plausible_limit_shows_the_item_as_typed(capsys) -> None:
    code, out, err = run(["cost", EV, "--price", "li6ps5cl=2e7"], capsys)
    assert_one_line_error(code, out, err, "--price: 'li6ps5cl=2e7' is 2e+07 USD/kg, above the "
                          "plausible limit")


@given(st.floats(allow_nan=True, allow_infinity=True),
       st.sampled_from(["{:.6g}", "{!r}", "{:g}", "{:.3e}"]))
def test_the_engines_number_is_taken_off_its_reason(value: float, style: str) -> None:
    """However the engine wrote its own value (rounded or not) at the start of its reason,
    it is taken off; a different number is kept."""
    written = style.format(value)
    if style == "{:.3e}" and math.isfinite(value) and value != 0 \
            and not math.isclose(float(written), value, rel_tol=1e-5):
        return  # three digits do not name the value: kept, as any other number
    assert _without_value(f"{written} must lie in (0, 2000) K", value) \
        == "must lie in (0, 2000) K"
    assert _without_value("2000 must be at most 1", 1.5) == "2000 must be at most 1"
    assert _without_value("must be > 0", value) == "must be > 0"


def test_a_price_given_twice_for_one_material_is_refused(capsys) -> None:
    """`--price li6ps5cl=50 --price li6ps5cl=60` costed with 60 without a word."""
    code, out, err = run(["screen", SPACE, "--price", "li6ps5cl=50", "--price",
                          "li6ps5cl=60"], capsys)
    assert_one_line_error(code, out, err, "--price", "li6ps5cl=60", "one price per material",
                          "li6ps5cl=50")
