"""A materials scientist's own data through the Python API: units as measured, queries that see
the user's measurements, imports that refuse (never half-read) a bad file, and errors that name
the field, the value and what is allowed.

Hand conversions: 1 mS/cm = 0.1 S/m; 25 degC = 298.15 K; 29 kJ/mol = 29e3 / (N_A e) eV =
0.30056 eV (N_A = 6.02214076e23 /mol, e = 1.602176634e-19 C, CODATA 2018); 1 g/cm3 =
1000 kg/m3.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pgserver import user_rows

from solidcell.errors import ImportRejected, NotFoundError, SolidcellError, ValidationError
from solidcell.materials.schema import Material, PropertyValue
from solidcell.materials.store import MaterialStore

N_A, E = 6.02214076e23, 1.602176634e-19


def lab(**kw: object) -> dict:
    return {"method": "measured", "source": "lab-2026", **kw}


def electrolyte(mid: str, props: list[dict], **kw: object) -> dict:
    return {"id": mid, "name": mid.upper(), "formula": "Li6PS5Br", "category": "electrolyte",
            "electrolyte_class": "sulfide", "properties": props, **kw}


def test_units_as_measured_convert_by_hand(fresh_db: str, open_store) -> None:
    """Checked, correct before and after: mS/cm, S/m, kJ/mol, meV, degC."""
    store = open_store(fresh_db)
    store.add(electrolyte("my_a", [
        lab(name="ionic_conductivity", value=3.1, unit="mS/cm", temperature=298.15),
        lab(name="activation_energy", value=29.0, unit="kJ/mol"),
        lab(name="melting_temperature", value=1230, unit="degC")]))
    store.add(electrolyte("my_b", [
        lab(name="ionic_conductivity", value=0.25, unit="S/m", temperature=300.0),
        lab(name="activation_energy", value=310, unit="meV")]))
    a, b = store.get("my_a"), store.get("my_b")
    assert a.si("ionic_conductivity") == pytest.approx(0.31)
    assert a.si("activation_energy") == pytest.approx(29e3 / N_A / E, rel=1e-12)
    assert a.si("activation_energy") == pytest.approx(0.30056, abs=1e-5)
    assert a.si("melting_temperature") == pytest.approx(1503.15)
    assert b.si("ionic_conductivity") == 0.25 and b.si("activation_energy") == pytest.approx(0.31)


# --- temperature of a value written with its unit ------------------------------------------
@pytest.mark.parametrize(("written", "kelvin"), [("25 degC", 298.15), ("60 °C", 333.15),
                                                 ("298.15 K", 298.15), (298.15, 298.15),
                                                 ("298.15", 298.15)])
def test_temperature_with_a_unit_is_converted(written: object, kelvin: float) -> None:
    """'25 degC' used to be refused ('Input should be a valid number') while a bare 25 meant
    as degC was stored as 25 K: the temperature was the one number without a unit."""
    p = PropertyValue(**lab(name="ionic_conductivity", value=1, unit="mS/cm",
                            temperature=written))
    assert p.temperature == pytest.approx(kelvin)


def test_temperature_unit_in_csv_and_json_imports(
        fresh_db: str, tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    csv_file = tmp_path / "t.csv"
    csv_file.write_text("id,property,value,unit,temperature,method,source\n"
                        "llzo,ionic_conductivity,1.1,mS/cm,60 degC,measured,lab\n", "utf-8")
    json_file = tmp_path / "t.json"
    json_file.write_text(json.dumps([{"material": "lgps", **lab(
        name="ionic_conductivity", value=20, unit="mS/cm", temperature="80 degC")}]), "utf-8")
    assert store.import_file(csv_file) == {"materials": 0, "measurements": 1}
    assert store.import_file(json_file) == {"materials": 0, "measurements": 1}
    assert store.get("llzo").values("ionic_conductivity")[-1].temperature == \
        pytest.approx(333.15)
    assert store.get("lgps").values("ionic_conductivity")[-1].temperature == \
        pytest.approx(353.15)
    with pytest.raises(ValidationError) as info:  # solidcell's, from the model itself
        PropertyValue(**lab(name="ionic_conductivity", value=1, unit="mS/cm",
                            temperature="25 parsec"))
    assert (info.value.field, info.value.value) == ("temperature", "25 parsec")


# --- queries see what get()/si() return --------------------------------------------------
def test_query_finds_a_users_measurement_where_it_is_the_preferred_value(
        fresh_db: str, open_store) -> None:
    """na3ps4 has no curated density and na_beta_alumina no activation energy; the user's
    measurement is then their preferred value (Material.get/si return it), but query() looked
    at the material's own rows only and found nothing."""
    store = open_store(fresh_db)
    store.add_measurement("na3ps4", lab(name="density", value=2.2, unit="g/cm3"))
    store.add_measurement("na_beta_alumina", lab(name="activation_energy", value=0.38,
                                                 unit="eV"))
    assert store.get("na3ps4").si("density") == pytest.approx(2200.0)
    hits = {m.id for m in store.query(property="density", minimum=2150, maximum=2250)}
    assert "na3ps4" in hits
    assert [m.id for m in store.query(property="activation_energy", minimum=0.37,
                                      maximum=0.39)] == ["na_beta_alumina"]
    # a curated value stays preferred over a measurement: LLZO's 0.244 mS/cm (murugan2007)
    store.add_measurement("llzo", lab(name="ionic_conductivity", value=5, unit="mS/cm",
                                      temperature=298.15))
    fast = {m.id for m in store.query(property="ionic_conductivity", minimum="1 mS/cm")}
    assert "llzo" not in fast and "lgps" in fast


def test_query_bounds_take_units_and_refuse_non_numbers(fresh_db: str, open_store) -> None:
    """minimum='1 mS/cm' used to raise a bare ValueError ('could not convert string to
    float'), NaN and a temperature below 0 K gave an empty list without a word, and
    elements='Li' was read as the elements 'L' and 'i'."""
    store = open_store(fresh_db)
    by_text = {m.id for m in store.query(electrolyte_class="sulfide",
                                         property="ionic_conductivity", minimum="1 mS/cm")}
    by_number = {m.id for m in store.query(electrolyte_class="sulfide",
                                           property="ionic_conductivity", minimum=0.1)}
    assert by_text == by_number and "lgps" in by_text
    hot = store.query(property="ionic_conductivity", temperature="300 degC", minimum=1.0)
    assert {"nzsp", "na_beta_alumina"} <= {m.id for m in hot}
    assert "llzo" in {m.id for m in store.query(elements="La")}
    for kwargs, field in ((dict(minimum=float("nan")), "minimum"),
                          (dict(maximum=True), "maximum"),
                          (dict(minimum="1 g/cm3"), "minimum"),
                          (dict(temperature=-5), "temperature"),
                          (dict(temperature="-300 degC"), "temperature"),
                          (dict(temperature_tolerance=-5), "temperature_tolerance")):
        with pytest.raises(ValidationError) as info:
            store.query(property="ionic_conductivity", **kwargs)
        assert info.value.field == field
    with pytest.raises(ValidationError, match="property"):
        store.query(minimum=0.1)


# --- wrong types are named, never reach the driver ---------------------------------------
def test_store_methods_refuse_wrong_types_and_change_nothing(fresh_db: str, open_store) -> None:
    """add_measurement(['llzo'], ...) raised sqlalchemy's ProgrammingError, add('llzo') a
    bare ValueError, import_file(5) a TypeError, delete_measurement('abc') a ValueError from
    int() (and True was looked up as measurement 1)."""
    store = open_store(fresh_db)
    store.add_measurement("llzo", lab(name="density", value=5.1, unit="g/cm3"))
    before = user_rows(fresh_db)
    calls = [
        (lambda: store.add_measurement(["llzo"], lab(name="density", value=1, unit="g/cm3")),
         "material"),
        (lambda: store.add_measurement("llzo", ["density", 1]), "property"),
        (lambda: store.add("llzo"), "material"),
        (lambda: store.add(None), "material"),
        (lambda: store.update(42), "material"),
        (lambda: store.delete(["x"]), "material"),
        (lambda: store.delete_measurement(True), "measurement_id"),
        (lambda: store.delete_measurement("abc"), "measurement_id"),
        (lambda: store.import_file(5), "path"),
        (lambda: store.export(None), "path"),
        (lambda: store.measurements(5), "material"),
    ]
    for call, field in calls:
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.field == field
    assert user_rows(fresh_db) == before


@pytest.mark.parametrize(("field", "bad"), [("value", True), ("temperature", True),
                                            ("min", False)])
def test_bools_are_not_numbers_of_a_value(field: str, bad: bool) -> None:
    """value=True used to be stored as 1.0 g/cm3, temperature=True as 1 K."""
    kw = lab(name="ionic_conductivity", value=1.0, unit="mS/cm", temperature=298.15)
    if field == "min":
        kw.pop("value")
        kw["max"] = 2.0
    kw[field] = bad
    with pytest.raises(ValueError, match="bool") as info:
        PropertyValue(**kw)
    assert field in str(info.value)


def test_bool_exchanged_ions_and_fraction_refused(fresh_db: str, open_store) -> None:
    store = open_store(fresh_db)
    with pytest.raises(ValidationError) as info:
        store.add({"id": "c1", "name": "c", "formula": "LiFePO4", "category": "cathode",
                   "exchanged_ions": True})
    assert info.value.field == "exchanged_ions"
    with pytest.raises(ValidationError) as info:
        store.add({"id": "c2", "name": "c", "category": "electrolyte",
                   "electrolyte_class": "composite",
                   "components": [{"material": "peo_litfsi", "fraction": True}]})
    assert info.value.field == "components[0].fraction"


@pytest.mark.parametrize("name", ["volume_change", "transference_number"])
def test_per_kelvin_unit_only_for_thermal_expansion(name: str) -> None:
    """'1/K' used to be accepted for every fraction: a volume change of 5 '1/K' was 500 %."""
    with pytest.raises(ValueError, match=rf"{name}\.unit"):
        PropertyValue(**lab(name=name, value=0.5, unit="1/K"))
    assert PropertyValue(**lab(name="thermal_expansion", value=1.5e-5, unit="1/K")).si == 1.5e-5


def test_unknown_property_name_is_a_solidcell_error() -> None:
    """Material.values/get/si('conductivity') raised a bare KeyError."""
    m = Material(id="m", name="m", category="cathode")
    for call in (m.values, m.get, m.si):
        with pytest.raises(NotFoundError, match="ionic_conductivity") as info:
            call("conductivity")
        assert isinstance(info.value, SolidcellError) and isinstance(info.value, KeyError)


def test_errors_name_the_key_and_its_value_not_the_whole_record(fresh_db: str, open_store) -> None:
    """A record-level rule used to answer 'property: {...the whole dict...} is not allowed'."""
    store = open_store(fresh_db)
    cases = [
        (lab(name="density", value=1, unit="mS/cm"), "unit", "mS/cm"),
        (lab(name="density", value=1), "unit", None),
        (lab(name="activation_energy", value=300, unit="kJ/mol"), "value", 300),
        (lab(name="ionic_conductivity", value=1, unit="mS/cm", temperature=0), "temperature",
         0),
        (lab(name="price", value=20, unit="USD/kg"), "year", None),
    ]
    for record, field, value in cases:
        with pytest.raises(ValidationError) as info:
            store.add_measurement("llzo", record)
        assert (info.value.field, info.value.value) == (field, value)
        assert "{" not in str(info.value)
    with pytest.raises(ValidationError, match=r"3\.10928 eV is above the plausible limit 3 eV"):
        store.add_measurement("llzo", cases[2][0])
    with pytest.raises(ValidationError) as info:
        store.add({"id": "x", "category": "cathode"})
    assert (info.value.field, info.value.value) == ("name", None)


# --- imports: all or nothing, nothing silently dropped -----------------------------------
def test_json_object_with_an_unknown_key_is_refused(
        fresh_db: str, tmp_path: Path, open_store) -> None:
    """{"materials": [...], "measurement": [...]} (a typo) imported the materials and dropped
    the measurements without a word; {"materials": null} raised TypeError."""
    store = open_store(fresh_db)
    before = user_rows(fresh_db)
    meas = {"material": "llzo", **lab(name="density", value=5.0, unit="g/cm3")}
    for data in ({"materials": [electrolyte("j1", [])], "measurement": [meas]},
                 {"materials": None}, {"materials": {"id": "j2"}}):
        path = tmp_path / "in.json"
        path.write_text(json.dumps(data), "utf-8")
        with pytest.raises(ImportRejected, match="materials' and 'measurements'"):
            store.import_file(path)
        assert user_rows(fresh_db) == before
    path.write_text(json.dumps({"materials": [electrolyte("j1", [])], "measurements": [meas]}))
    assert store.import_file(path) == {"materials": 1, "measurements": 1}


def test_csv_row_with_more_fields_than_columns_is_refused(fresh_db: str,
                                                          tmp_path: Path, open_store) -> None:
    """An unquoted comma in the last column (a note) used to cut the note silently; in an
    earlier column it shifted every value after it."""
    store = open_store(fresh_db)
    before = user_rows(fresh_db)
    path = tmp_path / "in.csv"
    path.write_text("id,property,value,unit,method,source,note\n"
                    "llzo,density,5.1,g/cm3,measured,lab,Ta-doped, Al from the crucible\n",
                    "utf-8")
    with pytest.raises(ImportRejected, match="row 2: 8 fields for 7 columns"):
        store.import_file(path)
    assert user_rows(fresh_db) == before
    path.write_text("id,property,value,unit,method,source,note\n"
                    'llzo,density,5.1,g/cm3,measured,lab,"Ta-doped, Al from the crucible"\n',
                    "utf-8")
    store.import_file(path)
    assert store.get("llzo").values("density")[-1].note == "Ta-doped, Al from the crucible"


def test_json_measurement_must_name_its_material_by_a_string(fresh_db: str,
                                                             tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{"material": ["llzo"], **lab(name="density", value=5,
                                                             unit="g/cm3")}]))
    with pytest.raises(ImportRejected, match="record 1: material: \\['llzo'\\]"):
        store.import_file(path)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                       st.text(max_size=6), st.integers(-10**6, 10**6), st.none()),
       unit=st.one_of(st.sampled_from(["mS/cm", "S/m", "S/cm", "uS/cm", "eV", "kJ/mol", "K",
                                       "degC", "g/cm3", "%", "", "1/K", "parsec"]),
                      st.text(max_size=6)),
       name=st.sampled_from(["ionic_conductivity", "activation_energy", "density",
                             "volume_change", "melting_temperature"]),
       temperature=st.one_of(st.none(), st.floats(allow_nan=True), st.booleans(),
                             st.sampled_from(["25 degC", "-300 degC", "1e9 K", "x"])))
def test_any_measurement_is_stored_whole_or_refused_by_name(
        fresh_db: str, value: object, unit: str, name: str, temperature: object) -> None:
    record = lab(name=name, value=value, unit=unit)
    if temperature is not None:
        record["temperature"] = temperature
    with MaterialStore(fresh_db) as store:
        before = user_rows(fresh_db)
        try:
            store.add_measurement("llzo", record)
        except ValidationError as exc:
            assert exc.field and exc.allowed
            assert user_rows(fresh_db) == before
            return
        stored = store.measurements("llzo")[-1][2]
    assert not isinstance(value, bool) and not isinstance(temperature, bool)
    assert stored.si is not None and stored.si == stored.si  # finite, not NaN
    assert stored.temperature is None or 0 < stored.temperature <= 5000


# --- safety: bound parameters, safe YAML (checked, correct before and after) ---------------
def test_sql_metacharacters_are_data_not_sql(fresh_db: str, tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    name = "x'); DROP TABLE materials; --"
    store.add({"id": "quote_test", "name": name, "category": "additive",
               "properties": [lab(name="density", value=1.0, unit="g/cm3",
                                  note="'; DELETE FROM properties; --")]})
    assert store.get("quote_test").name == name
    with pytest.raises(NotFoundError):
        store.get("llzo' OR '1'='1")
    with pytest.raises(ValidationError, match="category"):
        store.query(category="cathode' OR '1'='1")
    assert len(open_store(fresh_db).ids()) == len(store.ids())


def test_yaml_is_safe_loaded() -> None:
    """Curated files (and `materials add` files) go through store.load_yaml, a SafeLoader that
    also refuses a key twice: a Python tag is refused, never executed."""
    import inspect

    import yaml

    from solidcell import textio
    from solidcell.materials import store

    assert "load_yaml(" in inspect.getsource(store._curated_records)  # curated_materials' source
    assert issubclass(textio._strict_yaml_loader(), yaml.SafeLoader)
    for load in (yaml.safe_load, store.load_yaml):
        with pytest.raises(yaml.YAMLError):
            load("- !!python/object/apply:os.system ['echo pwned']")
