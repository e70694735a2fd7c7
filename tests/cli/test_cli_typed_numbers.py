"""A refused number option shows the number as the user typed it (``'-1'``), not Python's
float of it (``-1.0``; ``inf`` for ``1e400``), as a quantity option shows ``'-80 um'``: one
rule in ``solidcell.cli._common`` for every int and float option."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.chemistry.capacity import max_electrons
from solidcell.cli import _common
from solidcell.errors import shown

CIF = str(Path(__file__).resolve().parents[2] / "tests" / "data" / "discovery"
          / "obelix_de5_Li3InCl6.cif")
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def typed_numbers(draw: st.DrawFn) -> str:
    """A number as a person may type it: 5, -1, 1e400, +2.50, -3E0, .5, nan, inf."""
    x = draw(st.floats(allow_nan=True, allow_infinity=True))
    style = draw(st.sampled_from(["repr", "e", "g", "int", "plus", "exp"]))
    if style == "int" and math.isfinite(x):
        return str(int(x))
    if style == "plus" and math.isfinite(x) and x >= 0:
        return f"+{x:.3f}"
    if style == "exp":
        return draw(st.sampled_from(["1e400", "-1e400", "-3E0", ".5", "2.50", "1_0", "0x10"]))
    return {"repr": repr(x), "e": f"{x:e}", "g": f"{x:g}"}.get(style, repr(x))


def _parsed(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


@SETTINGS
@given(text=typed_numbers())
@example(text="-1")
@example(text="1e400")
def test_ccd_focusing_is_refused_as_typed(text: str, capsys) -> None:
    x = _parsed(text)
    code, out, err = run(["ccd", "li6ps5cl", "--flaw-size", "5 um", f"--focusing={text}",
                          "--json"], capsys)
    if x is not None and math.isfinite(x) and x >= 1:
        assert code == 0, err
    elif code == 2 and err.startswith("error: Invalid value"):  # the parser's: not a number
        assert_one_line_error(code, out, err, f"'--focusing': {shown(text)} is not allowed")
    else:
        assert_one_line_error(code, out, err, f"--focusing: {shown(text)} is not allowed",
                              "a focusing factor >= 1")


@SETTINGS
@given(text=typed_numbers())
@example(text="-1")
@example(text="1e9")
def test_capacity_electrons_is_refused_as_typed(text: str, capsys) -> None:
    x = _parsed(text)
    most = max_electrons("LiFePO4")[0]  # 33 (charge balance, tests/chemistry)
    code, out, err = run(["capacity", "LiFePO4", f"--electrons={text}", "--json"], capsys)
    if x is not None and math.isfinite(x) and 0 < x <= most:
        assert code == 0, err
    elif not err.startswith("error: Invalid value"):
        assert_one_line_error(code, out, err, f"--electrons: {shown(text)} is not allowed")


@pytest.mark.parametrize("option, text", [("--ps", "-5e0"), ("--timestep", "-2"),
                                          ("--target", "-0")])
def test_an_option_a_command_checks_itself_is_shown_as_typed(option: str, text: str,
                                                             capsys) -> None:
    """``md`` refuses --ps, --timestep and --target naming the option itself (not through
    the API's field): '-5e0' was shown as -5.0."""
    assert_one_line_error(*run(["md", CIF, f"{option}={text}"], capsys),
                          f"{option}: {text!r} is not allowed")


@pytest.mark.parametrize("args, words", [
    (["ccd", "li6ps5cl", "--flaw-size", "5 um", "--focusing", "abc"],
     "'--focusing': 'abc' is not allowed; must be a valid number"),
    (["materials", "delete-measurement", "1.5"],
     "'measurement_id': '1.5' is not allowed; must be a valid integer"),
])
def test_a_number_option_that_is_no_number_is_shown_as_typed(args, words, capsys) -> None:
    """The parser said "Input should be a valid number" without the text it was given."""
    assert_one_line_error(*run(args, capsys), words)


def test_a_number_that_is_not_the_typed_one_is_shown_as_it_is() -> None:
    """Only the number the option parsed to is replaced by its text: a value the command
    computed from it (or a default) is shown as it is."""
    _common._TYPED.clear()
    _common._TYPED["--c-rate"] = "2"
    try:
        assert _common.as_typed("--c-rate", 2.0) == "2"
        assert _common.as_typed("--c-rate", 7200.0) == 7200.0
        assert _common.as_typed("--polarisation", 0.2) == 0.2
        _common._TYPED["--level"] = "nan"
        assert _common.as_typed("--level", math.nan) == "nan"
    finally:
        _common._TYPED.clear()
