"""Bad input to the materials store (QA): a CSV value without its property, a file that is not
UTF-8, a database path in a folder that does not exist. Each is refused naming the field, the
value and what is allowed, and nothing already stored is lost or created."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pgserver import user_rows

from clirun import run
from solidcell.errors import ImportRejected, ValidationError
from solidcell.materials.store import MaterialStore

HEADER = "id,name,category,electrolyte_class,property,value,unit,method,source\n"
GOOD_ROW = "llzo,,,,density,5.1,g/cm3,measured,lab\n"
NOT_UTF8 = b"\xff\xfe\x00bad"


def _with_a_measurement(store: MaterialStore) -> MaterialStore:
    store.add_measurement("llzo", {"name": "ionic_conductivity", "value": 0.4,
                                   "unit": "mS/cm", "method": "measured", "source": "my-lab"})
    return store


@pytest.mark.parametrize("row, filled", [
    ("llzo,,,,,5,mS/cm,measured,lab\n", "(value, unit, method, source given)"),
    ("mine,,,,,5,mS/cm,measured,lab\n", "(value, unit, method, source given)"),  # a material
    ("llzo,,,,,,,,\n", "property: missing;"),  # a measurement row with only the id
])
def test_csv_row_without_its_property_rejects_the_file(row: str, filled: str, fresh_db: str,
                                                       tmp_path: Path, open_store) -> None:
    """A row with a value and an empty property was dropped silently: two rows in, 'imported
    0 materials and 1 measurements' out."""
    store = _with_a_measurement(open_store(fresh_db))
    before = user_rows(fresh_db)
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + "mine,Mine,electrolyte,oxide,density,5,g/cm3,measured,lab\n"
                    + GOOD_ROW + row, "utf-8")
    with pytest.raises(ImportRejected, match="row 4: property: missing") as info:
        store.import_file(path)
    assert filled in str(info.value) and "ionic_conductivity" in str(info.value)
    assert user_rows(fresh_db) == before


def test_material_row_without_properties_still_imports(
        fresh_db: str, tmp_path: Path, open_store) -> None:
    """What an export writes for a material without values (its material columns only) is not
    a row that misses its property."""
    store = open_store(fresh_db)
    store.add({"id": "bare", "name": "Bare", "category": "electrolyte",
               "electrolyte_class": "oxide"})
    path = tmp_path / "out.csv"
    assert store.export(path) == 1
    other = open_store(tmp_path / "other.sqlite")
    assert other.import_file(path) == {"materials": 1, "measurements": 0}
    assert other.get("bare").properties == []


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_import_of_a_file_that_is_not_utf8_is_a_validation_error(
        suffix: str, fresh_db: str, tmp_path: Path, open_store) -> None:
    """The Python API raised a raw UnicodeDecodeError (only the CLI caught it)."""
    store = _with_a_measurement(open_store(fresh_db))
    before = user_rows(fresh_db)
    path = tmp_path / f"rows{suffix}"
    path.write_bytes(NOT_UTF8)
    with pytest.raises(ValidationError) as info:
        store.import_file(path)
    assert (info.value.field, info.value.value) == ("path", str(path))
    assert "UTF-8" in info.value.allowed
    assert user_rows(fresh_db) == before


def test_binary_file_of_another_type_is_refused_by_its_suffix(fresh_db: str,
                                                              tmp_path: Path, open_store) -> None:
    """The file was decoded before its suffix was checked: a UnicodeDecodeError, not 'must end
    in .csv or .json'."""
    path = tmp_path / "photo.png"
    path.write_bytes(NOT_UTF8)
    with pytest.raises(ValidationError, match=r"path: .*photo\.png.*\.csv or \.json"):
        open_store(fresh_db).import_file(path)


def test_database_in_a_missing_folder_is_refused_and_nothing_created(
        tmp_path: Path, open_store) -> None:
    """A typo in the folder created the folders and a new, empty database silently."""
    typo = tmp_path / "no-such-folder" / "sub" / "materials.sqlite"
    with pytest.raises(ValidationError) as info:
        MaterialStore(typo)
    assert (info.value.field, info.value.value) == ("url", str(typo))
    assert str(typo.parent) in info.value.allowed and "does not exist" in info.value.allowed
    assert not (tmp_path / "no-such-folder").exists()
    with pytest.raises(ValidationError, match="does not exist"):  # the URL form too
        MaterialStore(f"sqlite:///{typo}")
    assert not (tmp_path / "no-such-folder").exists()
    open_store(tmp_path / "new.sqlite")  # a new file in an existing folder: a new database
    assert (tmp_path / "new.sqlite").is_file()


def test_solidcell_db_in_a_missing_folder_is_named(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    typo = str(tmp_path / "no-such-folder" / "materials.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", typo)
    with pytest.raises(ValidationError) as info:
        MaterialStore()
    assert (info.value.field, info.value.value) == ("SOLIDCELL_DB", typo)
    assert not (tmp_path / "no-such-folder").exists()


@pytest.mark.skipif(sys.platform != "linux", reason="platformdirs reads XDG_DATA_HOME on Linux")
def test_default_location_creates_its_own_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 open_store) -> None:
    """Without SOLIDCELL_DB the database lives in the platform's data folder, solidcell's
    own: made when missing, so that a first run works."""
    monkeypatch.delenv("SOLIDCELL_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = open_store()
    assert (tmp_path / "data" / "solidcell" / "materials.sqlite").is_file()
    store.close()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_in_memory_database(url: str, open_store) -> None:
    """'sqlite://' failed with an IndexError."""
    store = open_store(url)
    assert "llzo" in store
    store.add({"id": "mem", "name": "Mem", "category": "electrolyte",
               "electrolyte_class": "oxide"})
    assert "mem" in store.ids()


@pytest.mark.parametrize("command", [["materials", "list"], ["conductivity", "llzo"]])
def test_cli_refuses_db_in_a_missing_folder(command: list[str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Read-only commands created the folders and a new database from a typo in --db."""
    typo = tmp_path / "no-such-folder" / "x.sqlite"
    code, out, err = run([*command, "--db", str(typo)], capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"error: --db: {str(typo)!r} is not allowed; the folder ")
    assert not typo.parent.exists()


def test_cli_counts_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`materials add` of one material printed 'imported 1 materials'."""
    db = str(tmp_path / "m.sqlite")
    path = tmp_path / "one.json"
    path.write_text('{"id": "one", "name": "One", "category": "electrolyte", '
                    '"electrolyte_class": "oxide"}', "utf-8")
    code, out, err = run(["materials", "add", str(path), "--db", db], capsys)
    assert code == 0, err
    assert out.strip() == "imported 1 material and 0 measurements"


def test_paths_that_cannot_name_a_file_are_validation_errors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A NUL in the path ended in a ValueError of pathlib, '~nobody/...' in a RuntimeError."""
    with pytest.raises(ValidationError, match=r"url: .*embedded null byte"):
        MaterialStore(f"{tmp_path}/x\x00.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", "~no-such-user-solidcell/materials.sqlite")
    with pytest.raises(ValidationError) as info:
        MaterialStore()
    assert (info.value.field, info.value.value) == ("SOLIDCELL_DB",
                                                    "~no-such-user-solidcell/materials.sqlite")
