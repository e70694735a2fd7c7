"""Text with a unit where the Python API takes a number in the unit of the argument's name:
``critical_current_density("li6ps5cl", flaw_size_m="5 um")`` was refused with "a flaw size
> 0 m", which a 5 um flaw is; the refusal now says why (a number, the unit in the name) and
how to convert the text, as solidcell.checks.real says it for other arguments."""

from __future__ import annotations

import pytest

from solidcell import units
from solidcell.errors import ValidationError
from solidcell.mechanics.dendrite import critical_current_density


@pytest.mark.parametrize("text", ["5 um", "5", "5e-6"])
def test_a_flaw_size_given_as_text_says_how_to_give_it(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        critical_current_density("li6ps5cl", flaw_size_m=text)
    exc = info.value
    assert (exc.field, exc.value) == ("flaw_size_m", text)
    assert exc.allowed.startswith("a flaw size > 0 m (a number in the unit of the argument's")
    assert "solidcell.units.parse(text, kind)" in exc.allowed
    assert "parse('5 um', 'length')" in exc.allowed


def test_the_conversion_the_hint_names_gives_the_answer_of_the_number() -> None:
    by_text = critical_current_density("li6ps5cl", flaw_size_m=units.parse("5 um", "length"))
    by_number = critical_current_density("li6ps5cl", flaw_size_m=5e-6)
    assert by_text.critical_pressure_Pa == by_number.critical_pressure_Pa


def test_a_negative_number_keeps_the_plain_rule() -> None:
    with pytest.raises(ValidationError) as info:
        critical_current_density("li6ps5cl", flaw_size_m=-5e-6)
    assert info.value.allowed == "a flaw size > 0 m"


def test_an_argument_not_in_metres_gets_the_general_conversion() -> None:
    from solidcell.mechanics.lithium import lithium_thickness_change

    with pytest.raises(ValidationError) as info:
        lithium_thickness_change("4 mAh/cm2")
    assert info.value.field == "areal_capacity_mAh_cm2"
    assert "a number in the unit of the argument's name" in info.value.allowed
    # the rule names parse(text, kind), not a kind of its own (an areal capacity is no
    # temperature, which the first version's example offered)
    assert "solidcell.units.parse(text, kind)" in info.value.allowed
    assert "temperature" not in info.value.allowed
