"""Files a user hands in are read strictly: a key twice in one JSON object or YAML mapping, a CSV
column twice, and JSON's NaN/Infinity are refused with the key named and nothing written.

Before: json.loads, yaml.safe_load and csv.DictReader kept the last of two keys without a word,
so ``density: {value: 1.9, unit: g/cm3, ..., unit: kg/m3}`` was stored as 1.9 kg/m3 (1000 times
too small) and ``import`` of such a file reported "imported 1 material".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.errors import ImportRejected
from solidcell.materials.store import (
    curated_files,
    load_json,
    load_yaml,
)

DENSITY_TWICE_YAML = """\
id: my_lpsc
name: My LPSC
formula: Li6PS5Cl
category: electrolyte
electrolyte_class: sulfide
properties:
  - name: density
    value: 1.9
    unit: g/cm3
    method: measured
    source: lab-2026
    unit: kg/m3
"""

DENSITY_TWICE_JSON = (
    '[{"id": "my_js", "name": "x", "category": "electrolyte", "electrolyte_class": "oxide", '
    '"properties": [{"name": "density", "value": 5, "unit": "g/cm3", "unit": "kg/m3", '
    '"method": "measured", "source": "lab"}]}]')


def test_yaml_key_twice_is_refused_with_its_lines() -> None:
    with pytest.raises(yaml.YAMLError, match=r"key 'unit' appears twice.*first on line 9"):
        load_yaml(DENSITY_TWICE_YAML)
    # the same text without the second unit reads as safe_load reads it
    once = DENSITY_TWICE_YAML.replace("    unit: kg/m3\n", "")
    assert load_yaml(once) == yaml.safe_load(once)


def test_yaml_stays_safe_and_merge_keys_still_override() -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['echo hi']")
    data = load_yaml("base: &b {unit: g/cm3, value: 1}\nmine:\n  <<: *b\n  unit: kg/m3\n")
    assert data["mine"] == {"unit": "kg/m3", "value": 1}


def test_json_key_twice_nan_and_infinity_are_refused() -> None:
    with pytest.raises(ValueError, match="key 'unit' appears twice"):
        load_json(DENSITY_TWICE_JSON)
    for constant in ("NaN", "Infinity", "-Infinity"):
        with pytest.raises(ValueError, match="is not a JSON number"):
            load_json(f'{{"value": {constant}}}')
    assert load_json('{"a": [1, {"b": 2.5}]}') == {"a": [1, {"b": 2.5}]}


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=6))
def test_strict_json_reads_what_json_writes(data: dict) -> None:
    """Property: every document json.dumps writes (unique keys, finite numbers) reads back."""
    assert load_json(json.dumps(data)) == data


def test_import_of_a_json_key_twice_writes_nothing(
        fresh_db: str, tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    path = tmp_path / "dup.json"
    path.write_text(DENSITY_TWICE_JSON, "utf-8")
    with pytest.raises(ImportRejected, match=r"nothing was written.*'unit' appears twice"):
        store.import_file(path)
    assert store.list(origin="user") == []


def test_import_of_nan_writes_nothing(fresh_db: str, tmp_path: Path, open_store) -> None:
    store = open_store(fresh_db)
    path = tmp_path / "nan.json"
    path.write_text('[{"material": "llzo", "name": "density", "value": NaN, "unit": "g/cm3", '
                    '"method": "measured", "source": "lab"}]', "utf-8")
    with pytest.raises(ImportRejected, match="NaN is not a JSON number"):
        store.import_file(path)
    assert store.measurements() == []


def test_csv_column_twice_writes_nothing(fresh_db: str, tmp_path: Path, open_store) -> None:
    """Before: the second 'value' column won (density 7 g/cm3 stored, 5 lost)."""
    store = open_store(fresh_db)
    path = tmp_path / "dup.csv"
    path.write_text("id,name,category,electrolyte_class,property,value,unit,method,source,"
                    "value\nx1,X1,electrolyte,oxide,density,5,g/cm3,measured,lab,7\n", "utf-8")
    with pytest.raises(ImportRejected, match=r"columns \['value'\] more than once"):
        store.import_file(path)
    assert "x1" not in store


@pytest.mark.parametrize(("name", "text"), [("dup.yaml", DENSITY_TWICE_YAML),
                                            ("dup.json", DENSITY_TWICE_JSON)])
def test_cli_add_refuses_a_key_twice(fresh_db: str, tmp_path: Path, name: str,
                                     text: str, open_store) -> None:
    from typer.testing import CliRunner

    from solidcell.cli import app

    path = tmp_path / name
    path.write_text(text, "utf-8")
    res = CliRunner().invoke(app, ["materials", "add", str(path), "--db", fresh_db])
    assert res.exit_code != 0 and "'unit' appears twice" in res.output, res.output
    assert open_store(fresh_db).list(origin="user") == []


def test_curated_files_have_no_key_twice() -> None:
    """The curated YAML is read by the strict loader too (curated_materials)."""
    for file in curated_files():
        assert load_yaml(file.read_text("utf-8")) == yaml.safe_load(file.read_text("utf-8"))


@pytest.mark.parametrize("kw", [{"temperature": 400.0},
                                {"property": "density", "temperature": "60 degC"}])
def test_query_refuses_a_temperature_it_cannot_use(fresh_db: str, kw: dict, open_store) -> None:
    """Before: query(temperature=400) listed every material, query(property='density',
    temperature=...) ignored the temperature; the CLI refused both."""
    from solidcell.errors import ValidationError

    with pytest.raises(ValidationError, match="only with a property whose values carry") as info:
        open_store(fresh_db).query(**kw)
    assert info.value.field == "temperature" and info.value.value == kw["temperature"]


def test_csv_problems_are_named_by_their_own_row(fresh_db: str, tmp_path: Path, open_store) -> None:
    """Before: bad values on rows 3 and 4 of a material begun on row 2 were reported as
    'row 2: properties[1].value: ... (and 1 more problem: properties[2].method ...)'."""
    store = open_store(fresh_db)
    path = tmp_path / "rows.csv"
    path.write_text(
        "id,name,formula,category,electrolyte_class,property,value,unit,method,source\n"
        "a1,A1,Li6PS5Cl,electrolyte,sulfide,ionic_conductivity,2,mS/cm,measured,lab\n"
        "a1,,,,,ionic_conductivity,-1,mS/cm,measured,lab\n"
        "a1,,,,,density,2,g/cm3,measurd,lab\n", "utf-8")
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    text = str(info.value)
    assert "row 3: value: -1.0 is not allowed" in text
    assert "row 4: method: 'measurd' is not allowed" in text
    assert "properties[" not in text and "row 2" not in text
    assert "a1" not in store
