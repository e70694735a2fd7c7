"""Fresh-eyes QA of the materials store as a materials scientist uses it: one range check of a
database temperature (a measurement's, the CLI's ``--temperature``, a query's), files a text
editor writes (a byte-order mark), files nested too deeply to parse, a source of only spaces,
an export-format file handed to ``materials add``, and random CSV/JSON imports. Each refusal
names the field, the value and what is allowed, exits 2 on the command line and leaves the
database as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pgserver import user_rows

from clirun import assert_one_line_error, run
from solidcell.chemistry.conductivity import TEMPERATURE_ALLOWED
from solidcell.errors import ImportRejected, ValidationError, safe_repr
from solidcell.materials.measurement import checked_temperature, measurement_record
from solidcell.materials.schema import MAX_TEMPERATURE_K, SOURCE_ALLOWED, PropertyValue
from solidcell.materials.store import CSV_COLUMNS, MaterialStore
from solidcell.textio import NESTED_TOO_DEEP, load_json, load_yaml

MINE = {"id": "my_lpsc", "name": "My Li6PS5Cl", "formula": "Li6PS5Cl",
        "category": "electrolyte", "electrolyte_class": "sulfide",
        "properties": [{"name": "density", "value": 1.64, "unit": "g/cm3",
                        "method": "measured", "source": "lab-2026"}]}
DENSITY = {"name": "density", "value": 1.9, "unit": "g/cm3", "method": "measured",
           "source": "lab"}


@pytest.fixture
def db(tmp_path: Path) -> str:
    """An SQLite database holding one user material and one measurement on llzo."""
    path = str(tmp_path / "m.sqlite")
    with MaterialStore(path) as store:
        store.add(MINE)
        store.add_measurement("llzo", DENSITY)
    return path


# --- 1. one range check of a database temperature -------------------------------------------

@pytest.mark.parametrize(("typed", "kelvin"), [("-300 degC", -26.85), ("0 K", 0.0),
                                               ("5001 K", 5001.0), ("1e4 degC", 10273.15)])
def test_the_range_refusal_names_the_field_the_text_the_kelvin_and_the_bound(
        typed: str, kelvin: float) -> None:
    """-300 degC is -26.85 K (-300 + 273.15); the bound is MAX_TEMPERATURE_K."""
    with pytest.raises(ValidationError) as info:
        checked_temperature("--temperature", typed, kelvin)
    exc = info.value
    assert exc.field == "--temperature" and exc.value == typed
    assert exc.allowed == f"it is {kelvin:.6g} K; a temperature {TEMPERATURE_ALLOWED}"


def test_the_ends_of_the_range() -> None:
    assert checked_temperature("t", "5000 K", MAX_TEMPERATURE_K) == MAX_TEMPERATURE_K
    assert checked_temperature("t", "1e-9 K", 1e-9) == 1e-9
    with pytest.raises(ValidationError):
        checked_temperature("t", "x", MAX_TEMPERATURE_K * (1 + 1e-12))


@pytest.mark.parametrize("typed", ["-300 degC", "6000 K", "0 K"])
def test_measurement_cli_and_query_refuse_a_temperature_out_of_range_alike(
        typed: str, db: str, capsys: pytest.CaptureFixture[str], open_store) -> None:
    """The dashboard's measure form (measurement_record), `materials measure`,
    `materials query`, `conductivity` and MaterialStore.query say the same after the field."""
    with pytest.raises(ValidationError) as info:
        measurement_record("ionic_conductivity", "1 mS/cm", "lab", temperature=typed)
    said = str(info.value).removeprefix("temperature: ")
    before = user_rows(db)
    for args in (["materials", "measure", "llzo", "--property", "ionic_conductivity",
                  "--value", "1 mS/cm", "--source", "lab2", "--temperature", typed],
                 ["materials", "query", "--property", "ionic_conductivity",
                  "--temperature", typed],
                 ["conductivity", "llzo", "--temperature", typed]):
        code, out, err = run([*args, "--db", db], capsys)
        assert_one_line_error(code, out, err)
        assert err == f"error: --temperature: {said}\n"
    with pytest.raises(ValidationError) as info:
        open_store(db).query(property="ionic_conductivity", temperature=typed)
    assert str(info.value) == f"temperature: {said}"
    assert user_rows(db) == before


@pytest.mark.parametrize("typed", ["300", "25 m", "abc", "", "nan K"])
def test_measure_reads_its_temperature_as_query_reads_it(
        typed: str, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`materials measure --temperature '25 m'` said "is not allowed; is a length" where
    `materials query` (quantity_option) said "is a length": now one wording for both."""
    before = user_rows(db)
    code, out, measured = run(["materials", "measure", "llzo", "--property",
                               "ionic_conductivity", "--value", "1 mS/cm", "--source", "lab2",
                               "--temperature", typed, "--db", db], capsys)
    assert_one_line_error(code, out, measured, f"--temperature: {typed!r}")
    code, out, queried = run(["materials", "query", "--property", "ionic_conductivity",
                              "--temperature", typed, "--db", db], capsys)
    assert_one_line_error(code, out, queried)
    assert measured == queried
    assert user_rows(db) == before


# --- 2. a byte-order mark, a file nested too deeply -----------------------------------------

@pytest.mark.parametrize("command", ["add", "update"])
def test_add_and_update_read_a_json_file_with_a_byte_order_mark(
        command: str, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        open_store) -> None:
    """`materials add` said "Unexpected UTF-8 BOM" where `materials import` read the file."""
    record = {**MINE, "id": "bom_mat" if command == "add" else "my_lpsc", "name": "With BOM"}
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(record).encode())
    code, _, err = run(["materials", command, str(path), "--db", db], capsys)
    assert code == 0, err
    assert open_store(db).get(record["id"]).name == "With BOM"


@pytest.mark.parametrize("depth", [1500, 100_000])
@pytest.mark.parametrize(("command", "suffix"), [("import", ".json"), ("add", ".json"),
                                                 ("add", ".yaml")])
def test_a_file_nested_too_deeply_is_one_error_line(
        command: str, suffix: str, depth: int, db: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """'[' * 100000: a RecursionError traceback from the JSON and YAML parsers."""
    path = tmp_path / f"deep{suffix}"
    path.write_text("[" * depth + "]" * depth, "utf-8")
    before = user_rows(db)
    code, out, err = run(["materials", command, str(path), "--db", db], capsys)
    assert_one_line_error(code, out, err, NESTED_TOO_DEEP)
    assert user_rows(db) == before


def test_the_strict_readers_refuse_deep_nesting_as_their_parse_errors() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ValueError, match="nested too deeply"):
        load_json(deep)
    with pytest.raises(yaml.YAMLError, match="nested too deeply"):
        load_yaml(deep)
    assert load_json("[[[]]]") == [[[]]] and load_yaml("[[[]]]") == [[[]]]


def test_a_value_nested_deeper_than_repr_goes_is_shown_abridged(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An id nested 990 lists deep parsed, then its repr in the message raised
    RecursionError (a traceback)."""
    nested: list = []
    for _ in range(100_000):
        nested = [nested]
    assert safe_repr(nested).startswith("[[[")
    path = tmp_path / "n.yaml"
    path.write_text("id: " + "[" * 990 + "]" * 990 + "\nname: x\ncategory: cathode\n", "utf-8")
    before = user_rows(db)
    code, out, err = run(["materials", "add", str(path), "--db", db], capsys)
    assert_one_line_error(code, out, err, "entry 1: id:", "must be a valid string")
    assert user_rows(db) == before


# --- 3. a source of only spaces ---------------------------------------------------------------

@pytest.mark.parametrize("source", ["", "   ", "\t"])
def test_a_value_needs_a_source_besides_spaces(source: str, db: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               open_store) -> None:
    """`materials measure --source '   '` stored a value whose source was three spaces; ''
    was refused as "String should have at least 1 character"."""
    with pytest.raises(ValidationError) as info:
        PropertyValue(**{**DENSITY, "source": source})
    assert info.value.field == "source" and info.value.value == source
    assert info.value.allowed == SOURCE_ALLOWED
    before = user_rows(db)
    code, out, err = run(["materials", "measure", "llzo", "--property", "density", "--value",
                          "5 g/cm3", "--source", source, "--db", db], capsys)
    assert_one_line_error(code, out, err, "--source: ", SOURCE_ALLOWED)
    path = tmp_path / "m.json"
    path.write_text(json.dumps([{"material": "llzo", **DENSITY, "value": 2.0,
                                 "source": source}]), "utf-8")
    with pytest.raises(ImportRejected, match=r"record 1: source: .* not allowed"):
        open_store(db).import_file(path)
    assert user_rows(db) == before


def test_a_stored_value_is_read_back_whatever_its_source() -> None:
    """A database written before the rule still opens: the store reads its rows trusted."""
    value = PropertyValue.model_validate({**DENSITY, "source": "  "},
                                         context={"trusted": True})
    assert value.source == "  "


# --- 4. an export-format file given to `materials add` --------------------------------------

@pytest.mark.parametrize("data", [
    {"materials": [{**MINE, "id": "wrapped"}], "measurements": []},
    [{"material": "llzo", **DENSITY, "value": 2.2}],
])
def test_add_points_an_import_file_to_materials_import(
        data: object, db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), "utf-8")
    before = user_rows(db)
    code, out, err = run(["materials", "add", str(path), "--db", db], capsys)
    assert_one_line_error(code, out, err, "entry 1: category: missing",
                          "`solidcell materials import FILE`")
    assert user_rows(db) == before
    code, _, err = run(["materials", "import", str(path), "--db", db], capsys)
    assert code == 0, err


# --- 5. SQL-like text, a failing row at the end of a long file ------------------------------

SQL = "'; DROP TABLE materials;--"


def test_sql_like_text_is_stored_as_text_and_refused_as_an_id(db: str, tmp_path: Path,
                                                              capsys, open_store) -> None:
    store = open_store(db)
    store.add_measurement("llzo", {**DENSITY, "value": 2.5, "source": SQL, "note": SQL})
    store.add({**MINE, "id": "sql_name", "name": SQL})
    assert store.get("sql_name").name == SQL
    assert store.measurements("llzo")[-1][2].source == SQL
    before = user_rows(db)
    code, out, err = run(["materials", "measure", SQL, "--property", "density", "--value",
                          "5 g/cm3", "--source", "lab", "--db", db], capsys)
    assert_one_line_error(code, out, err, "material: ", "is not in the materials database")
    path = tmp_path / "sql.csv"
    path.write_text("id,name,category,electrolyte_class,property,value,unit,method,source\n"
                    f"\"{SQL}\",x,electrolyte,oxide,density,1.9,g/cm3,measured,lab\n", "utf-8")
    code, out, err = run(["materials", "import", str(path), "--db", db], capsys)
    assert_one_line_error(code, out, err, "row 2: id: ", "is not a valid id")
    assert user_rows(db) == before and "llzo" in store


def test_a_bad_last_row_of_a_long_file_stores_nothing(db: str, tmp_path: Path, open_store) -> None:
    rows = [f"bulk{i},B{i},electrolyte,oxide,density,1.9,g/cm3,measured,lab"
            for i in range(2000)]
    path = tmp_path / "long.csv"
    path.write_text("id,name,category,electrolyte_class,property,value,unit,method,source\r\n"
                    + "\r\n".join(rows) + "\r\nllzo,,,,density,1,mS/cm,measured,lab\r\n",
                    "utf-8")
    before = user_rows(db)
    with pytest.raises(ImportRejected, match=r"row 2002: unit: 'mS/cm' is not allowed.*"
                       "a conductivity, not a density"):
        open_store(db).import_file(path)
    assert user_rows(db) == before


def test_a_lone_carriage_return_in_an_unquoted_field_is_refused_whole(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], open_store) -> None:
    # found by the random-CSV test below: the csv module's "new-line character seen in
    # unquoted field" escaped as a csv.Error traceback (csv.writer quotes '\r' only when it
    # is in its line terminator)
    path = tmp_path / "cr.csv"
    path.write_text("id,property,value,unit,method,source\nllzo,density,1\r,g/cm3,measured,"
                    "lab\n", "utf-8", newline="")
    before = user_rows(db)
    with pytest.raises(ImportRejected, match=r"cannot be split into fields at line 2 .*double "
                       r"quotes"):
        open_store(db).import_file(path)
    code, out, err = run(["materials", "import", str(path), "--db", db], capsys)
    assert_one_line_error(code, out, err, "at line 2", "double quotes")
    assert user_rows(db) == before


# --- 6. random imports: stored whole or refused whole ---------------------------------------

_CELLS = st.one_of(
    st.sampled_from(["", "llzo", "my_lpsc", "new1", "density", "ionic_conductivity", "price",
                     "electrolyte", "oxide", "measured", "lab", "1.9", "g/cm3", "mS/cm",
                     "25 degC", "2024", "1492", "-1", "1e400", "nan", "1,5", SQL, "Li₆PS₅Cl",
                     "\ufeff", " ", '"', "\r"]),
    st.text(max_size=6))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(columns=st.lists(st.sampled_from(CSV_COLUMNS), min_size=1, max_size=8, unique=True),
       rows=st.lists(st.lists(_CELLS, min_size=8, max_size=8), max_size=4),
       newline=st.sampled_from(["\n", "\r\n"]), bom=st.booleans())
def test_a_random_csv_is_stored_whole_or_refused_whole(
        db: str, tmp_path: Path, columns: list[str], rows: list[list[str]], newline: str,
        bom: bool) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(columns)
    writer.writerows([row[:len(columns)] for row in rows])
    path = tmp_path / "random.csv"
    path.write_text(("\ufeff" if bom else "") + buffer.getvalue(), "utf-8", newline="")
    before = user_rows(db)
    try:
        with MaterialStore(db) as store:
            result = store.import_file(path)
    except (ImportRejected, ValidationError) as exc:
        assert str(exc).strip() and user_rows(db) == before
    else:
        assert len(user_rows(db)) >= len(before) + result["measurements"]


_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              _CELLS),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["id", "name", "category", "material", "value",
                                         "unit", "method", "source", "properties",
                                         "materials", "measurements", "year"]),
                        inner, max_size=5)),
    max_leaves=12)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_JSON)
def test_a_random_json_is_stored_whole_or_refused_whole(db: str, tmp_path: Path,
                                                        data: object) -> None:
    path = tmp_path / "random.json"
    path.write_text(json.dumps(data), "utf-8")
    before = user_rows(db)
    try:
        with MaterialStore(db) as store:
            store.import_file(path)
    except (ImportRejected, ValidationError) as exc:
        assert str(exc).strip() and user_rows(db) == before
