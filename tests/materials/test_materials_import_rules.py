"""Rules of a user's data that used to pass without a word: a measurement row of a CSV that
also fills material columns (they were dropped), and an ``exchanged_ions`` beyond what charge
balance allows (stored, and a capacity from composition would use it)."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pgserver import user_rows

from clirun import assert_one_line_error, run
from solidcell.chemistry.capacity import max_electrons
from solidcell.errors import ImportRejected, ValidationError
from solidcell.materials.schema import Material
from solidcell.materials.store import CSV_COLUMNS

#: material columns a measurement row (category empty) may not fill, with a value for each
MATERIAL_VALUES = {"name": "My LLZO", "formula": "Li7La3Zr2O12", "electrolyte_class": "oxide",
                   "mobile_ion": "Li"}


def _csv(rows: list[dict[str, str]]) -> str:
    lines = [",".join(CSV_COLUMNS)]
    lines += [",".join(row.get(c, "") for c in CSV_COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


MEASUREMENT = {"id": "llzo", "property": "ionic_conductivity", "value": "0.5", "unit": "mS/cm",
               "temperature": "298.15", "method": "measured", "source": "my-lab"}


@pytest.mark.parametrize("columns", [c for n in range(1, 5)
                                     for c in itertools.combinations(MATERIAL_VALUES, n)])
def test_measurement_row_with_material_columns_rejects_the_file(columns: tuple[str, ...],
                                                                fresh_db: str,
                                                                tmp_path: Path, open_store) -> None:
    """A measurement row of llzo that also gave a name or formula imported as '1
    measurements', the name and formula dropped without a word."""
    store = open_store(fresh_db)
    store.add_measurement("llzo", {"name": "density", "value": 5.1, "unit": "g/cm3",
                                   "method": "measured", "source": "my-lab"})
    before = user_rows(fresh_db)
    path = tmp_path / "rows.csv"
    path.write_text(_csv([MEASUREMENT, {**MEASUREMENT, **{c: MATERIAL_VALUES[c]
                                                          for c in columns}}]), "utf-8")
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    message = str(info.value)
    assert f"row 3: {', '.join(columns)}: " in message, message
    assert all(repr(MATERIAL_VALUES[c]) in message for c in columns), message
    assert "id and the property columns" in message and "row 2" not in message
    assert user_rows(fresh_db) == before  # the good row 2 is not written either


def test_export_round_trip_still_imports(tmp_path: Path, open_store) -> None:
    """What an export writes (measurement rows with the id and property columns only) is not
    refused by the rule."""
    store = open_store(tmp_path / "a.sqlite")
    store.add({"id": "mine", "name": "Mine", "formula": "Li3PS4", "category": "electrolyte",
               "electrolyte_class": "sulfide", "exchanged_ions": 3,
               "properties": [{"name": "density", "value": 1.9, "unit": "g/cm3",
                               "method": "measured", "source": "lab"}]})
    store.add_measurement("llzo", {"name": "density", "value": 5.1, "unit": "g/cm3",
                                   "method": "measured", "source": "lab"})
    store.add_measurement("mine", {"name": "density", "value": 1.8, "unit": "g/cm3",
                                   "method": "measured", "source": "lab"})
    path = tmp_path / "out.csv"
    store.export(path)
    other = open_store(tmp_path / "b.sqlite")
    # (the measurement on one's own material is exported among its values)
    assert other.import_file(path) == {"materials": 1, "measurements": 1}
    assert [p.value for p in other.get("mine").values("density")] == [1.9, 1.8]
    assert [p.value for p in other.get("llzo").values("density")][-1] == 5.1


def test_cli_import_names_row_and_columns(fresh_db: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(_csv([{**MEASUREMENT, "name": "My LLZO"}]), "utf-8")
    assert_one_line_error(*run(["materials", "import", str(path), "--db", fresh_db], capsys),
                          "row 2: name: 'My LLZO'", "nothing was written")


# --- exchanged_ions ----------------------------------------------------------------------

def _material(**fields: object) -> Material:
    return Material(**{"id": "mine", "name": "Mine", "category": "cathode", "origin": "user",
                       **fields})


@settings(max_examples=60, deadline=None)
@given(ions=st.floats(allow_nan=True, allow_infinity=True),
       formula=st.sampled_from(["LiFePO4", "Si", "S", "Li", "LiCoO2", "Li4Ti5O12"]))
def test_exchanged_ions_is_bounded_by_charge_balance(ions: float, formula: str) -> None:
    """exchanged_ions: 1e9 was stored for LiFePO4 (capacity --electrons refuses n > 33)."""
    most = max_electrons(formula)[0]  # LiFePO4 33, Si 8, S 8, Li 1
    if math.isfinite(ions) and 0 < ions <= most:
        assert _material(formula=formula, exchanged_ions=ions).exchanged_ions == ions
        return
    with pytest.raises(ValidationError) as info:
        _material(formula=formula, exchanged_ions=ions)
    assert info.value.field == "exchanged_ions"
    if math.isfinite(ions) and ions > most:
        assert info.value.value == ions
        assert f"at most {most:g} per formula unit of {formula}" in info.value.allowed


def test_exchanged_ions_bound_of_lifepo4_is_the_capacity_commands() -> None:
    # the bound capacity --electrons applies (tests/chemistry): 33 for LiFePO4
    assert _material(formula="LiFePO4", exchanged_ions=33).exchanged_ions == 33
    with pytest.raises(ValidationError, match="at most 33 per formula unit of LiFePO4"):
        _material(formula="LiFePO4", exchanged_ions=33.5)


def test_exchanged_ions_needs_a_formula() -> None:
    """A count per formula unit of a material without a formula (1e9) was stored."""
    with pytest.raises(ValidationError) as info:
        _material(exchanged_ions=1e9)
    assert (info.value.field, info.value.value) == ("exchanged_ions", 1e9)
    assert "formula" in info.value.allowed
    assert _material(exchanged_ions=None).exchanged_ions is None


def test_import_of_too_many_exchanged_ions_writes_nothing(
        fresh_db: str, tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    before = user_rows(fresh_db)
    path = tmp_path / "mine.json"
    path.write_text('[{"id": "mine", "name": "Mine", "formula": "LiFePO4", '
                    '"category": "cathode", "exchanged_ions": 1e9}]', "utf-8")
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    assert ("record 1: exchanged_ions: 1000000000.0 is not allowed; at most 33 per formula "
            "unit of LiFePO4") in str(info.value)
    assert user_rows(fresh_db) == before


# --- found on a fresh-eyes pass ----------------------------------------------------------

@pytest.mark.parametrize("column, typed, words", [
    ("property", "Density", "row 2: property: 'Density' is not allowed (did you mean density?)"),
    ("value", "1e400", "row 2: density.value: '1e400' is not allowed; a finite number"),
    ("value", "nan", "row 2: density.value: 'nan' is not allowed; a finite number"),
    ("temperature", "-inf", "row 2: density.temperature: '-inf' is not allowed"),
])
def test_csv_value_is_refused_as_typed_by_its_column(column: str, typed: str, words: str,
                                                     tmp_path: Path, open_store) -> None:
    """The CSV column 'property' was reported as the model's 'name' ("name: 'Density'"), and
    1e400 as inf."""
    store = open_store(tmp_path / "m.sqlite")
    path = tmp_path / "rows.csv"
    path.write_text(_csv([{**MEASUREMENT, "property": "density", "unit": "g/cm3",
                           "value": "5", column: typed}]), "utf-8")
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    assert words in str(info.value), str(info.value)
    assert store.measurements() == []


COMPOSITE = {"id": "mix", "name": "Mix", "category": "electrolyte",
             "electrolyte_class": "composite"}


def _components(*ids: str) -> list[dict[str, object]]:
    return [{"material": i, "fraction": 0.5} for i in ids]


@pytest.mark.parametrize("ids, bad", [(("llzo", "nothere"), ["nothere"]),
                                      (("llzo", "mix"), ["mix"])])
def test_component_that_names_no_other_material_is_refused(ids: tuple[str, ...],
                                                           bad: list[str],
                                                           fresh_db: str, tmp_path: Path,
                                                           open_store) -> None:
    """A composite whose component is not in the database (or is itself) was stored; the
    composite models failed on it later."""
    store = open_store(fresh_db)
    before = user_rows(fresh_db)
    record = {**COMPOSITE, "components": _components(*ids)}
    with pytest.raises(ValidationError) as info:
        store.add(record)
    assert (info.value.field, info.value.value) == ("components", bad)
    path = tmp_path / "mix.json"
    path.write_text(json.dumps([record]), "utf-8")
    with pytest.raises(ImportRejected, match=r"record 1: components: \["):
        store.import_file(path)
    assert user_rows(fresh_db) == before


def test_component_of_the_same_file_and_delete_order(
        fresh_db: str, tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    path = tmp_path / "mix.json"
    path.write_text(json.dumps([{**COMPOSITE, "components": _components("llzo", "filler")},
                                {"id": "filler", "name": "Filler", "category": "additive"}]),
                    "utf-8")
    assert store.import_file(path) == {"materials": 2, "measurements": 0}
    with pytest.raises(ValidationError) as info:  # mix would name a missing material
        store.update({**COMPOSITE, "components": _components("llzo", "gone")})
    assert info.value.field == "components"
    with pytest.raises(ValidationError) as info:
        store.delete("filler")
    assert (info.value.field, info.value.value) == ("id", "filler")
    assert "component of mix" in info.value.allowed
    assert "filler" in store
    store.delete("mix")
    store.delete("filler")
    assert "filler" not in store


def test_json_measurement_with_the_csv_column_name_says_name(tmp_path: Path, open_store) -> None:
    """{"material": "llzo", "property": "density", ...} (as the CSV column and the docstring
    of import_records called it) was refused as "name: None is not allowed; required"."""
    store = open_store(tmp_path / "m.sqlite")
    record = {"material": "llzo", "value": 5.1, "unit": "g/cm3", "method": "measured",
              "source": "lab"}
    path = tmp_path / "m.json"
    path.write_text(json.dumps([{**record, "property": "density"}]), "utf-8")
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    assert "record 1: property: 'density' is not allowed; a measurement record names its " \
        "property with 'name'" in str(info.value)
    path.write_text(json.dumps([{**record, "name": "density"}]), "utf-8")
    assert store.import_file(path) == {"materials": 0, "measurements": 1}


def test_cli_measure_takes_the_year_of_a_price(fresh_db: str, capsys, open_store) -> None:
    """`materials measure --property price` had no --year: every price was refused with
    "year: None is not allowed", an option the command did not have."""
    args = ["materials", "measure", "li6ps5cl", "--property", "price", "--value", "50 USD/kg",
            "--source", "quote", "--db", fresh_db]
    assert_one_line_error(*run(args, capsys), "--year: not given")
    assert_one_line_error(*run([*args, "--year", "1800"], capsys),
                          "--year: '1800' is not allowed")
    code, out, err = run([*args, "--year", "2024", "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["material"] == "li6ps5cl"
    (_, mid, prop), = open_store(fresh_db).measurements()
    assert (mid, prop.name, prop.value, prop.unit, prop.year) == ("li6ps5cl", "price", 50.0,
                                                                   "USD/kg", 2024)
