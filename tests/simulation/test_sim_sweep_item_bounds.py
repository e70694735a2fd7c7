"""A temperature sweep refuses each temperature outside the simulation's range in the
engine's words, whichever entry point read it: the API's ``temperatures[i]``, the text items of
``parse_temperatures`` (the CLI's ``--temperatures`` and the dashboard's box) by position and
as typed. The parser used a design's (0, 2000) K, so '3000 K' named bounds that '1000 K' did
not meet either. Properties that must hold; the bounds are SIMULATION_TEMPERATURE_RANGE_K."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.simulation.parameters import (
    SIMULATION_TEMPERATURE_RANGE_K,
    check_simulation_temperature_K,
)
from solidcell.simulation.runs import parse_temperatures, temperature_sweep

LOW, HIGH = SIMULATION_TEMPERATURE_RANGE_K
BOUNDS = f"({LOW:g}, {HIGH:g}) K"
OXIDE = str(Path(__file__).resolve().parents[2] / "examples" / "oxide-lco-llzo-li.yaml")


def _engine_allowed(kelvin: float) -> str:
    """What the engine's own check says of ``kelvin``."""
    with pytest.raises(ValidationError) as info:
        check_simulation_temperature_K(kelvin)
    return info.value.allowed


def test_the_api_names_the_item_and_the_engines_bounds() -> None:
    with pytest.raises(ValidationError) as info:
        temperature_sweep(OXIDE, [298.15, 3000.0])
    assert (info.value.field, info.value.value) == ("temperatures[1]", 3000.0)
    assert BOUNDS in info.value.allowed and "2000" not in info.value.allowed


@pytest.mark.parametrize("item", ["3000 K", "1000 K", "-300 degC", "100 K", f"{HIGH:g} K"])
def test_the_cli_names_the_item_as_typed_and_the_engines_bounds(item: str, capsys) -> None:
    code, out, err = run(["temperature-sweep", OXIDE, "--temperatures", f"25 degC, {item}",
                          "--mesh", "coarse"], capsys)
    assert_one_line_error(code, out, err, f"--temperatures (item 2 of 2): {item!r}", BOUNDS)
    assert "2000" not in err


@given(st.one_of(st.floats(1.0, LOW), st.floats(HIGH, 1e6)))
def test_a_text_item_outside_the_range_is_refused_as_the_engine_refuses_it(t: float) -> None:
    with pytest.raises(ValidationError) as info:
        parse_temperatures(f"298.15 K, {t!r} K")
    assert info.value.field == "temperatures (item 2 of 2)"
    assert info.value.value == f"{t!r} K"
    assert info.value.allowed == _engine_allowed(t)


@given(st.lists(st.floats(LOW, HIGH, exclude_min=True, exclude_max=True), min_size=1,
                max_size=4))
def test_a_text_item_inside_the_range_is_read(temps: list[float]) -> None:
    assert parse_temperatures(", ".join(f"{t!r} K" for t in temps)) == temps
