"""A knowledge-base neighbour shows its room-temperature conductivity, as `materials query`
takes it (298.15 K within the store's 5 K), or none.

`predict._knowledge_base` took the first stored conductivity whatever its temperature: a
material of your own measured at 60 degC (333.15 K) only was listed as a room-temperature
neighbour with that value, and a material without a value was attributed to obelix2025."""

from __future__ import annotations

import math

import pytest

from solidcell.discovery.predict import predict_conductivity

FORMULA = "Li6.3P0.7Si0.3S5Cl0.9Br0.1"  # in neither OBELiX nor the curated data


def _value(value: float, kelvin: float, source: str) -> dict:
    return {"name": "ionic_conductivity", "value": value, "unit": "mS/cm",
            "temperature": kelvin, "method": "measured", "source": source}


@pytest.fixture
def own_db(monkeypatch, tmp_path, open_store):
    path = str(tmp_path / "db.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", path)
    return open_store(path)


def test_a_value_at_60_degc_only_is_not_shown_as_room_temperature(own_db) -> None:
    own_db.add({"id": "hot_batch", "name": "hot batch", "formula": FORMULA,
                "category": "electrolyte", "electrolyte_class": "sulfide",
                "properties": [_value(9.0, 333.15, "lab-hot")]})
    pred = predict_conductivity(FORMULA, window=False)
    first = pred.neighbours[0]
    assert first.name == "hot_batch"
    assert first.log10_conductivity_S_cm is None and first.source == ""
    assert first.to_json()["Source"] is None
    assert "lab-hot" not in pred.all_sources() and "" not in pred.all_sources()


def test_the_room_temperature_value_is_taken_among_others(own_db) -> None:
    own_db.add({"id": "two_values", "name": "two values", "formula": FORMULA,
                "category": "electrolyte", "electrolyte_class": "sulfide",
                "properties": [_value(9.0, 333.15, "lab-hot"), _value(3.1, 298.15, "lab-rt")]})
    first = predict_conductivity(FORMULA, window=False).neighbours[0]
    assert first.name == "two_values" and first.source == "lab-rt"
    assert first.log10_conductivity_S_cm == pytest.approx(math.log10(3.1e-3))
