"""`materials import` (CSV and JSON), `materials add`/`update` and the Python API refuse what
`materials measure` refuses: one set of rules of a value (the model's,
:func:`~solidcell.materials.schema.temperature_refusal`, :func:`year_refusal`,
:func:`text_refusal`), which :func:`~solidcell.materials.measurement.measurement_record`
calls too.

An import used to store what `measure` refused: a price or a theoretical capacity "at 298.15 K",
a melting temperature at a temperature, an air stability of only spaces."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pgserver import user_rows

from clirun import assert_one_line_error, run
from solidcell import units
from solidcell.errors import ImportRejected, ValidationError
from solidcell.materials.measurement import measurement_record
from solidcell.materials.schema import (
    PER_KELVIN,
    PROPERTIES,
    TEXT_PROPERTIES,
    Material,
    PropertyValue,
)
from solidcell.materials.store import CSV_COLUMNS, MaterialStore

#: The rule as docs/database.md states it: no temperature for a price, a theoretical capacity
#: (Faraday's law of the formula), a property that is itself a temperature or an activation
#: energy (it holds over the range it was fitted to, temperature_min/temperature_max).
WITHOUT_TEMPERATURE = {n for n, spec in PROPERTIES.items()
                       if n in ("price", "theoretical_capacity", "activation_energy")
                       or spec.kind == "temperature"}
TEXT = "forms Li2CO3 in air"


def _number(name: str) -> tuple[float, str]:
    """A value inside property ``name``'s own range, in its canonical unit."""
    spec = PROPERTIES[name]
    if name in PER_KELVIN:  # a coefficient per kelvin takes 1/K, not a bare number
        return spec.upper / 2, "1/K"
    return (spec.upper / 2 if spec.upper else 0.5), (
        "" if spec.kind == "fraction" else units.KINDS[spec.kind])


def _refused(name: str, temperature: str | None, year: int | None, blank: bool) -> bool:
    """Whether the rules refuse the value (the oracle of the property test)."""
    return ((temperature is not None and name in WITHOUT_TEMPERATURE)
            or ((year is not None) != (name == "price"))
            or (name in TEXT_PROPERTIES and blank))


def _fields(name: str, temperature: str | None, year: int | None, blank: bool) -> dict:
    """A measurement's fields as a file gives them (the CSV's columns, a JSON record's keys)."""
    if name in TEXT_PROPERTIES:
        value: dict = {"text": "  " if blank else TEXT}
    else:
        x, unit = _number(name)
        value = {"value": x, "unit": unit}
    return {"name": name, **value, "method": "measured", "source": "lab-1",
            **({} if temperature is None else {"temperature": temperature}),
            **({} if year is None else {"year": year})}


def _csv_text(rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS))
    writer.writeheader()
    for fields in rows:
        writer.writerow({"id": "llzo", "property": fields["name"],
                         **{k: v for k, v in fields.items() if k != "name"}})
    return buffer.getvalue()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MaterialStore]:
    with MaterialStore(str(tmp_path_factory.mktemp("rules") / "m.sqlite")) as store:
        yield store


def _undo(store: MaterialStore, before: set[int]) -> None:
    """Delete the measurements added since ``before`` (their ids), so that the next example
    is not refused as a duplicate."""
    for pk, _mid, _value in store.measurements():
        if pk not in before:
            store.delete_measurement(pk)


def _measure(store: MaterialStore, name: str, temperature: str | None, year: int | None,
             blank: bool) -> str | None:
    """What `materials measure` does (the field it refuses, None when it stores the value)."""
    fields = _fields(name, temperature, year, blank)
    typed = fields.get("text") or f"{fields['value']:g} {fields['unit']}".strip()
    try:
        record = measurement_record(name, typed, "lab-1", temperature=temperature, year=year)
        store.add_measurement("llzo", record)
    except ValidationError as exc:
        return exc.field
    return None


def _import(store: MaterialStore, path: Path, name: str, temperature: str | None,
            year: int | None, blank: bool) -> str | None:
    """What `materials import` of a CSV does (its message, None when it stores the row)."""
    path.write_text(_csv_text([_fields(name, temperature, year, blank)]), "utf-8")
    try:
        store.import_file(path)
    except ImportRejected as exc:
        return str(exc)
    return None


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(sorted(PROPERTIES)),
       temperature=st.none() | st.sampled_from(["25 degC", "298.15 K", "350", "60 degC"]),
       year=st.none() | st.integers(1900, 2100), blank=st.booleans())
def test_measure_and_import_take_the_same_decision(store: MaterialStore,
                                                   tmp_path_factory: pytest.TempPathFactory,
                                                   name: str, temperature: str | None,
                                                   year: int | None, blank: bool) -> None:
    """Any property x a temperature given or not x a year given or not (x a blank text): the
    measure path, the CSV import and the JSON records of the Python API all store it, or all
    refuse it, as the rules say; an import's refusal names the row, the field and the value as
    given. (A bare temperature is refused by `measure`, which asks for its unit, and read as K
    by a file: the documented rule of files, tested in test_store_input_qa.py.)"""
    before = {pk for pk, _, _ in store.measurements()}
    measure_t = None if temperature is None else (
        temperature if not temperature.isdigit() else f"{temperature} K")
    refused = _refused(name, temperature, year, blank)
    measured = _measure(store, name, measure_t, year, blank)
    _undo(store, before)
    imported = _import(store, tmp_path_factory.mktemp("csv") / "rows.csv", name, temperature,
                       year, blank)
    _undo(store, before)
    try:
        store.import_records([("record 1", {"material": "llzo",
                                            **_fields(name, temperature, year, blank)})])
        from_json = None
    except ImportRejected as exc:
        from_json = str(exc)
    _undo(store, before)
    assert (measured is not None, imported is not None, from_json is not None) == \
        (refused, refused, refused), (measured, imported, from_json)
    broken = [field for field, rule in (
        ("year", (year is not None) != (name == "price")),
        ("temperature", temperature is not None and name in WITHOUT_TEMPERATURE),
        ("text", name in TEXT_PROPERTIES and blank)) if rule]
    if len(broken) != 1:  # (which of several problems is named first may differ)
        return
    field = broken[0]
    assert measured == ("value" if field == "text" else field)  # measure's box for the text
    shown = {"year": repr(year), "text": repr("  "),
             "temperature": repr(float(temperature) if temperature and temperature.isdigit()
                                 else temperature)}[field]
    assert f"row 2: {field}: {shown} is not allowed" in imported, imported
    as_given = repr(temperature) if field == "temperature" else shown
    assert f"record 1: {field}: {as_given} is not allowed" in from_json, from_json


@pytest.mark.parametrize("name", sorted(WITHOUT_TEMPERATURE))
def test_a_material_of_a_file_takes_no_temperature_where_measure_refuses_one(name: str) -> None:
    """`materials add`/`update` and `Material(...)`: a material's own value is refused as a
    measurement is, named by its place in the record and its value as written."""
    fields = _fields(name, "25 degC", 2024 if name == "price" else None, False)
    with pytest.raises(ValidationError) as info:
        Material(id="mine", name="Mine", category="additive", origin="user",
                 properties=[fields])
    assert (info.value.field, info.value.value) == ("properties[0].temperature", "25 degC")
    assert f"give no temperature for {name}" in info.value.allowed
    fields.pop("temperature")
    assert PropertyValue(**fields).temperature is None


def test_the_rules_of_measure_are_the_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """One implementation: `measure` refuses through the model's functions (a rule changed
    there changes both)."""
    from solidcell.materials import schema

    monkeypatch.setattr(schema, "NO_TEMPERATURE", ("price", "theoretical_capacity", "density"))
    with pytest.raises(ValidationError, match="give no temperature for density"):
        measurement_record("density", "5 g/cm3", "lab", temperature="25 degC")
    with pytest.raises(ValidationError, match="give no temperature for density"):
        PropertyValue(name="density", value=5, unit="g/cm3", temperature="25 degC",
                      method="measured", source="lab")


def test_a_refused_row_writes_nothing(fresh_db: str, tmp_path: Path, open_store) -> None:
    """All or nothing: a good row before and after the bad one is not stored, and what the
    database held is kept."""
    store = open_store(fresh_db)
    store.add_measurement("llzo", {"name": "density", "value": 5.1, "unit": "g/cm3",
                                   "method": "measured", "source": "lab"})
    before = user_rows(fresh_db)
    path = tmp_path / "rows.csv"
    path.write_text(_csv_text([_fields("density", "25 degC", None, False),
                               _fields("price", "25 degC", 2024, False),
                               _fields("ionic_conductivity", None, None, False)]), "utf-8")
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    assert "row 3: temperature: '25 degC' is not allowed" in str(info.value)
    assert "give no temperature for price" in str(info.value)
    assert "row 2" not in str(info.value) and "row 4" not in str(info.value)
    assert user_rows(fresh_db) == before


def test_cli_import_names_row_field_value_and_rule(tmp_path: Path, capsys, open_store) -> None:
    db = str(tmp_path / "m.sqlite")
    path = tmp_path / "rows.json"
    path.write_text(json.dumps([{"material": "llzo", **_fields("melting_temperature",
                                                               "300 K", None, False)}]))
    assert_one_line_error(*run(["materials", "import", str(path), "--db", db], capsys),
                          "record 1: temperature: '300 K' is not allowed",
                          "give no temperature for melting_temperature",
                          "nothing was written")
    assert open_store(db).measurements() == []


def test_a_year_on_another_property_is_named_as_measure_names_it(
        tmp_path: Path, open_store) -> None:
    store = open_store(str(tmp_path / "m.sqlite"))
    path = tmp_path / "rows.csv"
    path.write_text(_csv_text([_fields("density", None, 2024, False)]), "utf-8")
    with pytest.raises(ImportRejected, match="row 2: year: 2024 is not allowed; only a price "
                       r"has a year \(property price\); give no year for density"):
        store.import_file(path)
    with pytest.raises(ValidationError) as info:
        measurement_record("density", "5 g/cm3", "lab", year=2024)
    assert info.value.allowed == "only a price has a year (property price); give no year " \
        "for density"


@pytest.mark.parametrize("typed", ["25 degC\u200b", "\u202e25 degC"])
def test_a_hidden_character_in_a_temperature_is_refused_by_both(typed: str,
                                                                tmp_path: Path, open_store) -> None:
    """`measure` refused a zero-width space or a direction override in its temperature; a
    file's was read as if it were not there."""
    with pytest.raises(ValidationError) as info:
        measurement_record("density", "5 g/cm3", "lab", temperature=typed)
    assert (info.value.field, info.value.value) == ("temperature", typed)
    store = open_store(str(tmp_path / "m.sqlite"))
    path = tmp_path / "rows.csv"
    path.write_text(_csv_text([_fields("density", typed, None, False)]), "utf-8")
    with pytest.raises(ImportRejected) as rejected:
        store.import_file(path)
    assert f"row 2: temperature: {typed!r} is not allowed; plain text without" \
        in str(rejected.value)
    assert "(this has U+" in str(rejected.value) and store.measurements() == []
