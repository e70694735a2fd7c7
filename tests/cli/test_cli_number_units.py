"""Number options that are physical quantities take a unit (``--polarisation '200 mV'``,
``--pack-adder '10 USD/kWh'``, ``md --target '25 degC'``) and a plain number in their documented
unit as before; an engine's number shown with its unit is still taken off a refusal that shows
the value as typed."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.cli._common import _without_value

REPO = Path(__file__).resolve().parents[2]
EV = str(REPO / "examples" / "ev-nmc811-lpscl-li.yaml")
THREE_D = str(REPO / "examples" / "interdigitated-3d-nmc811-lpscl-li.yaml")
CIF = str(REPO / "tests" / "data" / "discovery" / "obelix_de5_Li3InCl6.cif")


def _json(args: list[str], capsys, code: int = 0) -> dict:
    got, out, err = run([*args, "--json"], capsys)
    assert got == code, err
    return json.loads(out)


@pytest.mark.parametrize("command", [["evaluate", EV], ["compare", EV, THREE_D],
                                     ["crossover", EV, THREE_D]])
def test_polarisation_takes_a_unit_and_a_plain_number_is_volts(command: list[str],
                                                               capsys) -> None:
    """`--polarisation '200 mV'` was refused ("give the number alone, in V")."""
    plain = _json([*command, "--polarisation", "0.2"], capsys)
    assert _json([*command, "--polarisation", "0.2 V"], capsys) == plain
    assert _json([*command, "--polarisation", "200 mV"], capsys) == plain
    assert _json(command, capsys) == plain  # the default, 0.2 V


@pytest.mark.parametrize(("typed", "hint"), [
    ("5 kg", "'5 kg' is a mass, not a voltage"),
    ("1,5", "write the decimal with a point"),
    ("abc", "'abc' is not a number"),
    ("-1", "'-1' is not allowed; must be > 0"),
    ("-100 mV", "'-100 mV' is not allowed; must be > 0"),
    ("nan", "'nan' is not allowed"),
])
def test_a_bad_polarisation_is_refused_as_typed(typed: str, hint: str, capsys) -> None:
    code, out, err = run(["evaluate", EV, "--polarisation", typed], capsys)
    assert_one_line_error(code, out, err, "--polarisation:", hint)


def test_pack_adder_takes_a_unit_and_a_plain_number_is_usd_per_kwh(capsys) -> None:
    """`--pack-adder '10 USD/kWh'` was refused. The EV example has no price for vgcf and
    linbo3 in the knowledge base (no cost, exit 1), but the options it was costed with are in
    its JSON."""
    key = "Pack integration cost [USD.kW.h-1]"
    for typed in ("10", "10 USD/kWh", "0.01 USD/Wh"):  # 0.01 USD/Wh = 10 USD/kWh
        assert _json(["cost", EV, "--pack-adder", typed], capsys, code=1)[key] == 10.0


@pytest.mark.parametrize(("typed", "hint"), [
    ("10 USD/kg", "'10 USD/kg' is a price, not an energy price"),
    ("-1 USD/kWh", "'-1 USD/kWh' is not allowed; a non-negative cost in USD/kWh"),
])
def test_a_bad_pack_adder_is_refused_as_typed(typed: str, hint: str, capsys) -> None:
    code, out, err = run(["cost", EV, "--pack-adder", typed], capsys)
    assert_one_line_error(code, out, err, "--pack-adder:", hint)


def _has_md() -> bool:
    import importlib.util

    return importlib.util.find_spec("chgnet") is not None


@pytest.mark.skipif(_has_md(), reason="with the md extra installed the MD would run for hours")
@pytest.mark.parametrize("args", [["--target", "25 degC"], ["--target", "300"],
                                  ["--ps", "0.05 ns"], ["--timestep", "0.002 ps"],
                                  ["--temperatures", "327 degC,427 degC"]])
def test_md_options_take_a_unit(args: list[str], capsys) -> None:
    """The options pass their checks (a unit was "Invalid value ... give the number alone")
    and the command goes on to need the md extra."""
    code, out, err = run(["md", CIF, *args], capsys)
    assert_one_line_error(code, out, err, "needs the optional 'md' extra")


@pytest.mark.parametrize(("args", "words"), [
    (["--target", "-300 degC"], "--target: '-300 degC' is not allowed; a temperature > 0 K"),
    (["--target", "25 C"], "'C' is the coulomb"),
    (["--ps", "-5 ps"], "--ps: '-5 ps' is not allowed; a production length > 0 ps"),
    (["--timestep", "5 kg"], "--timestep: '5 kg' is a mass, not a time"),
    # 1 ps of production is 500 steps of 2 fs: a 2 ps step is longer than the run
    (["--ps", "1", "--timestep", "2 ps"], "--timestep: '2 ps' is not allowed; at most --ps"),
    (["--temperatures", "600,-300 degC"],
     "--temperatures (item 2 of 2): '-300 degC' is not allowed"),
    (["--temperatures", "600,25 C"], "'C' is the coulomb"),
])
def test_bad_md_quantities_are_refused_as_typed(args: list[str], words: str, capsys) -> None:
    code, out, err = run(["md", CIF, *args], capsys)
    assert_one_line_error(code, out, err, words)


@pytest.mark.parametrize(("command", "option", "unit"), [
    (["evaluate"], "--polarisation", "[V]"), (["compare"], "--polarisation", "[V]"),
    (["crossover"], "--polarisation", "[V]"), (["cost"], "--pack-adder", "[USD/kWh]"),
    (["md"], "--target", "[K]"), (["md"], "--ps", "[ps]"), (["md"], "--timestep", "[fs]"),
    (["md"], "--temperatures", "[K]"),
])
def test_help_gives_the_unit_and_says_a_unit_may_be_given(command: list[str], option: str,
                                                          unit: str) -> None:
    import typer

    from solidcell.cli import app

    cli = typer.main.get_command(app)
    param = next(p for p in cli.commands[command[0]].params if option in p.opts)
    assert unit in param.help and "give a unit" in param.help, param.help


def test_the_c_rate_stays_a_plain_number(capsys) -> None:
    """'2 C' reads as 2 coulomb to the unit parser: the C-rate takes no unit."""
    code, out, err = run(["crossover", EV, THREE_D, "--c-rate", "2 C"], capsys)
    assert_one_line_error(code, out, err, "'2 C'", "give the number alone, in 1/h")


# --- the engine's number with its unit, taken off a refusal that shows the value as typed ---


@pytest.mark.parametrize("typed", ["-300 degC", "2500 K", "4000 degF"])
def test_a_temperature_out_of_the_design_range_keeps_one_value(typed: str, capsys) -> None:
    """The design now says "-26.85 K must lie in (0, 2000) K": the CLI shows '-300 degC' and
    the rule, not "K must lie" or the kelvin next to it."""
    code, out, err = run(["evaluate", EV, "--temperature", typed], capsys)
    assert_one_line_error(code, out, err,
                          f"--temperature: '{typed}' is not allowed; must lie in (0, 2000) K")


@given(st.floats(allow_nan=True, allow_infinity=True),
       st.sampled_from(["{:.6g}", "{!r}", "{:g}"]),
       st.sampled_from(["K", "V", "m", "Pa", "S/m", "Ohm m2", "kg/m2"]))
def test_the_engines_number_and_unit_are_taken_off_together(value: float, style: str,
                                                           unit: str) -> None:
    written = style.format(value)
    assert _without_value(f"{written} {unit} must lie in (0, 2000) K", value) \
        == "must lie in (0, 2000) K"
    # another number, or a word that is no unit, stays
    assert _without_value(f"2000 {unit} must be at most 1", 1.5) \
        == f"2000 {unit} must be at most 1"
    if math.isfinite(value):
        assert _without_value(f"{written} a day", value) == "a day"


def test_a_value_that_differs_keeps_the_unit_and_number() -> None:
    """Only the engine's own number goes: 2 mm (0.002 m) is not the value 0.002 written in mm."""
    assert _without_value("2 mm leaves no room", 0.002) == "2 mm leaves no room"
