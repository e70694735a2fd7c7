"""Any bad value in any field of a material or of one of its values: solidcell's
ValidationError naming a real field of the model, and nothing already stored changes."""

from __future__ import annotations

import sqlite3
import tempfile
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from solidcell.errors import ValidationError
from solidcell.materials.schema import Material, PropertyValue
from solidcell.materials.store import MaterialStore


def real_field(model: type[BaseModel], field: str) -> bool:
    """Whether ``field`` (``properties[0].unit``) is a path of fields of ``model``."""
    tp: Any = model
    for part in field.split("."):
        name = part.split("[")[0]
        models = [t for t in (tp, *typing.get_args(tp)) if isinstance(t, type)
                  and issubclass(t, BaseModel)]
        for arg in typing.get_args(tp):  # list[PropertyValue], OcpCurve | None
            models += [t for t in typing.get_args(arg) if isinstance(t, type)
                       and issubclass(t, BaseModel)]
        owner = next((m for m in models if name in m.model_fields), None)
        if owner is None:
            return False
        tp = owner.model_fields[name].annotation
    return True


def stored(db: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return [*con.execute("SELECT id, origin, payload FROM materials ORDER BY id"),
                *con.execute("SELECT pk, material_id, payload FROM properties ORDER BY pk")]
    finally:
        con.close()


def good_value() -> dict[str, Any]:
    return {"name": "ionic_conductivity", "value": 1.2, "unit": "mS/cm", "temperature": 298.15,
            "method": "measured", "source": "lab-2026"}


def good_material() -> dict[str, Any]:
    return {"id": "hyp_x", "name": "X", "formula": "Li6PS5Br", "category": "electrolyte",
            "electrolyte_class": "sulfide", "properties": [good_value()]}


BAD = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
    st.dictionaries(st.text(max_size=6), st.integers(), max_size=3),
)
TARGETS = st.one_of(
    st.tuples(st.just("material"), st.sampled_from(sorted(Material.model_fields))),
    st.tuples(st.just("value"), st.sampled_from(sorted(PropertyValue.model_fields))))
_DB = Path(tempfile.mkdtemp(prefix="solidcell-bad-fields-")) / "m.sqlite"


@pytest.fixture(scope="module")
def store() -> Iterator[MaterialStore]:
    """The database of both tests, opened once (a refusal must leave what is stored)."""
    with MaterialStore(str(_DB)) as store:
        yield store


# (a value's temperature set to None is a valid material whose add notes it counts as
# 298.15 K: not this test's subject; ignored here, also under -W error)
@pytest.mark.filterwarnings("ignore::solidcell.materials.store.RoomTemperatureNote")
@settings(max_examples=150, deadline=None)
@given(TARGETS, BAD)
def test_a_bad_field_of_a_new_material_names_a_real_field_and_stores_nothing(
        store: MaterialStore, target: tuple[str, str], value: Any) -> None:
    if not store.measurements("llzo"):  # (a second identical one is refused as a duplicate)
        store.add_measurement("llzo", good_value())  # something of the user's already stored
    before = stored(str(_DB))
    record = good_material()
    where, field = target
    (record if where == "material" else record["properties"][0])[field] = value
    try:
        Material(**record)
    except ValidationError as exc:
        assert real_field(Material, exc.field), exc.field
        direct = exc
    else:
        direct = None
    try:
        material = store.add(record)
    except ValidationError as exc:
        assert real_field(Material, exc.field), exc.field
        assert stored(str(_DB)) == before
        if direct is not None and field != "origin":  # the store sets origin itself
            assert (exc.field, str(exc)) == (direct.field, str(direct))
        return
    # accepted: the value was a valid one after all; then undo it
    assert direct is None or field == "origin"
    store.delete(material.id)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(PropertyValue.model_fields)), BAD)
def test_a_bad_field_of_a_measurement_names_a_real_field_and_stores_nothing(
        store: MaterialStore, field: str, value: Any) -> None:
    before = stored(str(_DB))
    record = {**good_value(), field: value}
    try:
        pk = store.add_measurement("llzo", record)
    except ValidationError as exc:
        if exc.field == "measurement":  # a good value the test before stored: a duplicate
            assert "already holds" in exc.allowed and stored(str(_DB)) == before
            return
        assert real_field(PropertyValue, exc.field), exc.field
        assert stored(str(_DB)) == before
        return
    store.delete_measurement(pk)
