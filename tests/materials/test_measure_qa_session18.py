"""`materials measure` (and the dashboard's measure form) after the session-18 review.

- A second price of linbo3 (no price of its own) was noted as "the material's own values come
  before your measurements": the value used was the user's earlier measurement. The note now
  names which rule keeps the earlier value: a value of the material itself (curated or the
  user's material) or an earlier measurement, by its id (the store's order,
  ``MaterialStore.get``: own values by rank, then measurements in the order added).
- A price took a temperature ('40 USD/kg' at '25 degC' was stored "at 298.15 K"); a
  temperature is now refused for a property not measured at one, naming those that are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from clirun import run
from solidcell.cli.materials import _not_preferred_note
from solidcell.errors import ValidationError
from solidcell.materials.measurement import measurement_record, temperature_properties
from solidcell.materials.schema import PROPERTIES
from solidcell.materials.store import MaterialStore

CURATED_OWN = "a value of {mid} itself, and the curated material's own values come before"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[MaterialStore]:
    with MaterialStore(str(tmp_path / "materials.sqlite")) as store:
        yield store


def _price(usd: str, source: str) -> dict:
    return measurement_record("price", f"{usd} USD/kg", source, year=2024)


def test_a_second_price_of_a_material_without_one_names_the_earlier_measurement(
        store: MaterialStore) -> None:
    assert store.get("linbo3").get("price") is None  # no curated price: the first is yours
    first = store.add_measurement("linbo3", _price("40", "quote-a"))
    assert _not_preferred_note(store, "linbo3", "price", None) is None
    second = store.add_measurement("linbo3", _price("50", "quote-b"))
    note = _not_preferred_note(store, "linbo3", "price", None)
    assert note is not None and f"that is your measurement {first}, added earlier" in note
    assert "own values" not in note and f"delete your earlier measurement {first} " in note
    # what the note claims: the first measurement is the price used
    assert store.get("linbo3").get("price").value == 40.0
    store.add_measurement("linbo3", _price("60", "quote-c"))
    note = _not_preferred_note(store, "linbo3", "price", None)
    assert f"your measurement {first}," in note
    assert f"delete your earlier measurements {first}, {second} " in note
    # deleting both makes the last one the price used, as the note says
    store.delete_measurement(first)
    store.delete_measurement(second)
    assert store.get("linbo3").get("price").value == 60.0


def test_a_curated_value_first_is_named_as_the_materials_own(store: MaterialStore) -> None:
    curated = store.get("li6ps5cl").get("price")
    assert curated is not None and curated.source == "cen2024_sulfide_electrolyte_cost"
    store.add_measurement("li6ps5cl", _price("50", "quote"))
    note = _not_preferred_note(store, "li6ps5cl", "price", None)
    assert CURATED_OWN.format(mid="li6ps5cl") in note and "your measurement" not in note
    assert "add your own material holding it" in note
    # a non-price, non-temperature property: llzo's curated density (murugan2007)
    store.add_measurement("llzo", measurement_record("density", "5.2 g/cm3", "lab"))
    note = _not_preferred_note(store, "llzo", "density", None)
    assert CURATED_OWN.format(mid="llzo") in note and "Material.get/si" in note


def test_a_value_of_your_own_material_first_is_named_as_yours(store: MaterialStore) -> None:
    store.add({"id": "my_coat", "name": "my coating", "formula": "LiNbO3",
               "category": "coating", "properties": [
                   {"name": "price", "value": 30, "unit": "USD/kg", "year": 2024,
                    "method": "estimated", "source": "my_estimate"}]})
    store.add_measurement("my_coat", _price("45", "quote"))
    note = _not_preferred_note(store, "my_coat", "price", None)
    assert "a value of my_coat itself, and your material's own values come before" in note
    assert "curated" not in note and "`solidcell materials update`" in note


def test_a_conductivity_after_an_earlier_measurement_at_that_temperature(
        store: MaterialStore) -> None:
    """A temperature-dependent property: only the values near the new one's temperature
    count; the earlier one within 5 K is a measurement of yours."""
    sigma = {"name": "ionic_conductivity", "unit": "mS/cm", "method": "measured",
             "temperature": 373.15}
    first = store.add_measurement("li6ps5cl", {**sigma, "value": 1.0, "source": "obelix2025"})
    store.add_measurement("li6ps5cl", {**sigma, "value": 1.2, "source": "obelix2025"})
    note = _not_preferred_note(store, "li6ps5cl", "ionic_conductivity", 373.15)
    assert note is not None and f"that is your measurement {first}" in note
    assert "within 5 K of 373.15 K" in note and "`materials query`" in note
    # at room temperature the curated value comes first, and is named as the material's own
    store.add_measurement("li6ps5cl", {**sigma, "value": 3.0, "temperature": 298.15,
                                       "source": "lab"})
    note = _not_preferred_note(store, "li6ps5cl", "ionic_conductivity", 298.15)
    assert CURATED_OWN.format(mid="li6ps5cl") in note


def test_the_cli_note_names_the_earlier_measurement(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "m.sqlite")
    args = ["materials", "measure", "linbo3", "--property", "price", "--year", "2024",
            "--source", "quote", "--json", "--db", db]
    code, out, _ = run([*args, "--value", "40 USD/kg"], capsys)
    first = json.loads(out)["measurement"]
    code, out, err = run([*args, "--value", "50 USD/kg"], capsys)
    answer = json.loads(out)
    assert code == 0 and answer["preferred"] is False
    assert f"that is your measurement {first}, added earlier" in answer["note"]
    assert "own values" not in err


# --- a temperature only where a property is measured at one ---------------------------------


def test_the_properties_taking_a_temperature() -> None:
    allowed = temperature_properties()
    # the schema's temperature-dependent ones, the practical capacity that the curated
    # nmc811/nmc622 store at 298.15 K (noh2013_nmc), and anything else measured at a
    # temperature (a density, a modulus); not a price, a computed capacity or a temperature
    assert {n for n, s in PROPERTIES.items() if s.temperature_dependent} < set(allowed)
    assert {"practical_capacity", "density", "youngs_modulus", "yield_strength"} <= set(allowed)
    assert not {"price", "theoretical_capacity", "melting_temperature",
                "sintering_temperature"} & set(allowed)


def test_every_stored_temperature_is_on_a_property_that_takes_one(
        store: MaterialStore) -> None:
    """The rule breaks no curated value: every curated temperature is on an allowed one."""
    on = {p.name for m in store.query() for p in m.properties if p.temperature is not None}
    assert on and on <= set(temperature_properties())


@pytest.mark.parametrize("name, value", [("price", "40 USD/kg"),
                                         ("theoretical_capacity", "274 mAh/g"),
                                         ("melting_temperature", "1000 K")])
def test_a_temperature_is_refused_for_a_property_without_one(name: str, value: str) -> None:
    year = 2024 if name == "price" else None
    with pytest.raises(ValidationError) as info:
        measurement_record(name, value, "lab", temperature="25 degC", year=year)
    assert info.value.field == "temperature" and info.value.value == "25 degC"
    assert "not a price, a theoretical capacity or a temperature itself" in \
        info.value.allowed and f"give no temperature for {name}" in info.value.allowed
    # without one it is stored as before
    assert "temperature" not in measurement_record(name, value, "lab", year=year)


def test_a_temperature_is_kept_where_the_property_takes_one() -> None:
    record = measurement_record("ionic_conductivity", "2 mS/cm", "lab",
                                temperature="25 degC")
    assert record["temperature"] == pytest.approx(298.15)
    record = measurement_record("practical_capacity", "200 mAh/g", "lab",
                                temperature="298.15 K")
    assert record["temperature"] == pytest.approx(298.15)


def test_the_cli_refuses_a_price_at_a_temperature(tmp_path: Path, capsys, open_store) -> None:
    db = str(tmp_path / "m.sqlite")
    code, out, err = run(["materials", "measure", "linbo3", "--property", "price", "--value",
                          "40 USD/kg", "--year", "2024", "--temperature", "25 degC",
                          "--source", "quote", "--db", db], capsys)
    assert code != 0 and "--temperature: '25 degC'" in err + out
    assert "give no temperature for price" in err + out
    assert open_store(db).measurements("linbo3") == []
