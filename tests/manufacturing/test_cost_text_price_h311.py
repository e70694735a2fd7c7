"""A price given to the Python API as text with its unit ('50 USD/kg') was refused with "a
finite price >= 0 in USD/kg", which 50 USD/kg is; the refusal now says that the API takes a
number in USD/kg and how to convert text (the CLI's --price takes the text itself)."""

from __future__ import annotations

from pathlib import Path

import pytest

import solidcell as sc
from solidcell import units
from solidcell.errors import ValidationError
from solidcell.manufacturing.economics import PRICE_ALLOWED, CostOptions

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def test_a_price_given_as_text_says_how_to_give_it() -> None:
    with pytest.raises(ValidationError) as info:
        sc.cell_cost(EV, options=CostOptions(prices={"vgcf": "50 USD/kg", "linbo3": 100.0}))
    exc = info.value
    assert (exc.field, exc.value) == ("prices.vgcf", "50 USD/kg")
    assert exc.allowed.startswith(PRICE_ALLOWED + " (a number in the unit of the argument's")
    assert "solidcell.units.parse('50 USD/kg', 'price')" in exc.allowed


def test_the_conversion_the_hint_names_gives_the_cost_of_the_number() -> None:
    price = units.parse("50 USD/kg", "price")
    by_text = sc.cell_cost(EV, options=CostOptions(prices={"vgcf": price, "linbo3": 100.0}))
    by_number = sc.cell_cost(EV, options=CostOptions(prices={"vgcf": 50.0, "linbo3": 100.0}))
    assert by_text.cell_cost_USD_per_kWh == by_number.cell_cost_USD_per_kWh


def test_a_negative_price_keeps_the_plain_rule() -> None:
    with pytest.raises(ValidationError) as info:
        CostOptions(prices={"vgcf": -5.0}).check()
    assert info.value.allowed == PRICE_ALLOWED


def test_a_misspelt_price_id_is_named_in_the_reason() -> None:
    """CostOptions(prices={'vgfc': 50}) gave no cost saying only "no price for vgcf": the
    typo was silent in the Python API (the CLI's --price refuses it)."""
    res = sc.cell_cost(EV, options=CostOptions(prices={"vgfc": 50.0, "linbo3": 100.0}))
    assert res.cell_cost_USD_per_kWh is None
    assert res.unused_prices == ("vgfc",)
    assert "no price for vgcf" in res.reason
    assert "the price given for 'vgfc' is for no material of this design (did you mean " \
        "vgcf?)" in res.reason


def test_a_price_for_an_unrelated_material_adds_nothing() -> None:
    """A screen shares its prices among designs of other materials: a price of li3ps4 for a
    Li6PS5Cl design is no typo and is not named."""
    res = sc.cell_cost(EV, options=CostOptions(prices={"li3ps4": 30.0}))
    assert res.unused_prices == ("li3ps4",)
    assert "li3ps4" not in res.reason
