"""Fresh-eyes QA of the CLI's interface options at temperature (helper H267): one plain
line per refusal naming the option and the value as typed; a temperature sweep's table and
--json show the interface resistance taken at each temperature."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell import units
from solidcell.errors import UnitError
from solidcell.simulation.parameters import FARADAY, interface_resistance_at

EV = str(Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml")


@pytest.mark.parametrize(("option", "typed", "words"), [
    ("--interface-activation", "0.37", "has no unit"),
    ("--interface-activation", "25 degC", "is a temperature"),
    ("--interface-activation", "", "is empty"),
    ("--interface-ref-temp", "0.3 eV", "is an energy"),
    ("--interface-ref-temp", "25 degrees C", "write 'degC'"),
])
def test_a_bad_interface_option_is_one_line_naming_it(option: str, typed: str, words: str,
                                                      capsys) -> None:
    code, out, err = run(["simulate", EV, option, typed], capsys)
    assert_one_line_error(code, out, err, f"{option}: {typed!r} is not allowed", words)
    assert "must be a " not in err and "(e.g. " not in err


def test_a_run_far_below_the_simulation_range_names_the_temperature(capsys) -> None:
    """3 eV from 1999 K to 20 K overflowed a float (a traceback): the run's temperature is
    refused first, by its option."""
    code, out, err = run(["simulate", EV, "--temperature", "20 K", "--interface-resistance",
                          "20 Ohm cm2", "--interface-activation", "3 eV",
                          "--interface-ref-temp", "1999 K"], capsys)
    assert_one_line_error(code, out, err, "--temperature: '20 K'", "(150, 600) K")


@pytest.mark.parametrize("spelled", ["degrees C", "degree F"])
def test_degrees_spelled_out_get_the_hint(spelled: str) -> None:
    with pytest.raises(UnitError, match="write 'deg"):
        units.parse(f"25 {spelled}", "temperature")


def test_a_sweep_shows_the_resistance_at_each_temperature(capsys) -> None:
    """20 Ohm cm2 at 25 degC (test inputs) falls as the temperature rises with E_a 0.37 eV
    (R_ref exp(E_a/R (1/T - 1/T_ref))): the table has its column, --json its key."""
    args = ["temperature-sweep", EV, "--temperatures", "0 degC, 25 degC", "--mesh", "coarse",
            "--interface-resistance", "20 Ohm cm2", "--interface-activation", "370 meV",
            "--interface-ref-temp", "77 degF"]
    code, out, err = run(args, capsys)
    assert code == 0, err
    at_0 = interface_resistance_at(20.0, 0.37 * FARADAY, 273.15, 298.15)  # in Ohm cm2
    assert "interface" in out and f"{at_0:.4g}" in out  # the column, 74.72 at 0 degC
    code, out, err = run([*args, "--json"], capsys)
    assert code == 0, err
    r = json.loads(out)["Interface resistance [Ohm.m2]"]
    assert r[1] == pytest.approx(2e-3) and r[0] > r[1]


@pytest.mark.parametrize(("item", "words"), [("-150 degC", "(150, 600) K"),
                                             ("200 degC", "melting temperature")])
def test_a_sweep_names_the_temperature_it_cannot_run(item: str, words: str, capsys) -> None:
    code, out, err = run(["temperature-sweep", EV, "--temperatures", f"25 degC, {item}",
                          "--mesh", "coarse"], capsys)
    assert_one_line_error(code, out, err, f"--temperatures (item 2 of 2): {item!r}", words)


_CASED = [(kind, unit) for kind, table in units._FAST.items() for unit in table]


@settings(max_examples=200, deadline=None)
@given(pair=st.sampled_from(_CASED), flips=st.lists(st.booleans(), min_size=12, max_size=12))
def test_a_unit_in_other_letter_cases_gets_the_hint(pair: tuple[str, str],
                                                    flips: list[bool]) -> None:
    """'35 KJ/mol' was refused as an unknown unit with no word of 'kJ/mol': a unit of the
    kind's table written in other cases, where pint does not read it, names the table's
    spelling (whose case is its meaning: it is never read in its place)."""
    kind, unit = pair
    variant = "".join(c.swapcase() if flips[i % len(flips)] else c
                      for i, c in enumerate(unit))
    try:
        units.parse(f"1 {variant}", kind)
    except UnitError as exc:
        text = str(exc)
        if "unknown unit" not in text:
            return  # another kind of quantity (pint read it): its own message
        hint = re.search(r"did you mean '([^']+)'\?$", text)
        assert hint is not None, text
        assert re.sub(r"\s+", "", hint.group(1)).casefold() == \
            re.sub(r"\s+", "", variant).casefold()
