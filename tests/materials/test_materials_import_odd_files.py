"""`solidcell materials import` on the files a new user hands it: an empty file, a header
with its units or in capitals, a value cell with its unit, thousands of bad rows, thousands of
good ones; and the CLI's one-line error keeping a value as typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run
from solidcell.errors import ImportRejected, ValidationError
from solidcell.materials.store import MAX_LISTED_PROBLEMS, MaterialStore

ROW = "llzo,density,{value},{unit},measured,lab\n"
HEADER = "id,property,value,unit,method,source\n"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[MaterialStore]:
    with MaterialStore(str(tmp_path / "m.sqlite")) as store:
        yield store


@pytest.mark.parametrize("name, text", [("empty.csv", ""), ("blank.csv", "\n \r\n"),
                                        ("empty.json", ""), ("bom.csv", "\ufeff")])
def test_an_empty_file_is_refused_as_empty(store: MaterialStore, tmp_path: Path, name: str,
                                           text: str, capsys) -> None:
    """It was "CSV header needs 'id' and 'property'" (CSV) or "Expecting value: line 1
    column 1" (JSON)."""
    path = tmp_path / name
    path.write_text(text, "utf-8")
    with pytest.raises(ValidationError) as info:
        store.import_file(path)
    assert (info.value.field, info.value.value) == ("path", str(path))
    assert "this one is empty" in info.value.allowed
    assert_one_line_error(*run(["materials", "import", str(path), "--db", store.url], capsys),
                          f"file: {str(path)!r} is not allowed", "this one is empty")


@pytest.mark.parametrize("header, words", [
    ("ID,Property,value,unit,method,source",
     "'ID' is 'id', 'Property' is 'property': column names are lowercase, without spaces"),
    (" id ,property,value,unit,method,source", "' id ' is 'id'"),
    ("id,property,value [g/cm3],method,source",
     "'value [g/cm3]': name the column 'value' and give the unit 'g/cm3' in the column "
     "'unit' of each row"),
    ("id,property,value,unit,method,source,temperature (degC)",
     "'temperature (degC)': name the column 'temperature' and write each temperature with "
     "its unit ('25 degC') or as a number in K"),
    ("id,property,valeu,unit,method,source", "'valeu': did you mean 'value'?"),
    ("id,property,value,unit,method,source,",
     "a column without a name: a separator at the end of the header line?"),
])
def test_an_unknown_column_says_what_it_likely_means(store: MaterialStore, tmp_path: Path,
                                                     header: str, words: str) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(header + "\n" + ROW.format(value=5.2, unit="g/cm3"), "utf-8")
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    assert "unknown columns" in str(info.value) and words in str(info.value), str(info.value)
    assert store.measurements() == []


def test_a_value_cell_with_its_unit_says_where_the_unit_goes(store: MaterialStore,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + ROW.format(value="5.36 g/cm3", unit=""), "utf-8")
    with pytest.raises(ImportRejected, match=r"row 2: density.value: '5.36 g/cm3' is not a "
                       r"number \(a unit in the cell: write 5.36 in 'value' and 'g/cm3' in "
                       r"'unit'\)"):
        store.import_file(path)


@pytest.mark.parametrize("typed", ["5\x00", "5 2", "5 .", "5 \u200b"])
def test_a_value_cell_without_a_unit_gets_no_unit_hint(store: MaterialStore, tmp_path: Path,
                                                       typed: str) -> None:
    """A NUL after the number was offered as the unit ('\x00' in 'unit')."""
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + ROW.format(value=typed, unit="g/cm3"), "utf-8")
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    assert str(info.value).endswith(f"row 2: density.value: {typed.strip()!r} is not a number")


def test_thousands_of_bad_rows_list_the_first_and_count_the_rest(store: MaterialStore,
                                                                  tmp_path: Path,
                                                                  capsys) -> None:
    """A file of 20 000 bad rows printed one error line of 2.3 MB; the message lists
    MAX_LISTED_PROBLEMS and counts the others, ``problems`` holds all of them."""
    bad = MAX_LISTED_PROBLEMS + 70
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + "".join(ROW.format(value=5 + i / 1000, unit="mS/cm")
                                     for i in range(bad)), "utf-8")
    with pytest.raises(ImportRejected) as info:
        store.import_file(path)
    message = str(info.value)
    assert len(info.value.problems) == bad
    assert info.value.problems[-1].startswith(f"row {bad + 1}: unit: 'mS/cm'")
    assert f"row {MAX_LISTED_PROBLEMS + 1}: " in message
    assert f"row {MAX_LISTED_PROBLEMS + 2}: " not in message
    assert message.endswith(f"... and 70 more problems ({bad} in all)")
    code, out, err = run(["materials", "import", str(path), "--db", store.url], capsys)
    assert_one_line_error(code, out, err, "and 70 more problems")
    assert store.measurements() == []


def test_thousands_of_good_rows_are_all_stored_in_their_order(store: MaterialStore,
                                                               tmp_path: Path) -> None:
    """The rows are written by one executemany (a statement a row took 1.6 ms a row): each is
    stored, in the order of the file."""
    values = [round(4 + i / 1000, 3) for i in range(2000)]
    path = tmp_path / "rows.csv"
    path.write_text(HEADER + "".join(ROW.format(value=v, unit="g/cm3") for v in values),
                    "utf-8")
    assert store.import_file(path) == {"materials": 0, "measurements": 2000}
    stored = store.measurements("llzo")
    assert [p.value for _, _, p in stored] == values
    assert [pk for pk, _, _ in stored] == sorted(pk for pk, _, _ in stored)


def test_a_material_with_properties_and_elements_is_stored_whole(store: MaterialStore,
                                                                  tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("id,name,formula,category,electrolyte_class,property,value,unit,method,"
                    "source\n"
                    "mine,Mine,Li6PS5Cl,electrolyte,sulfide,density,1.64,g/cm3,measured,lab\n"
                    "mine,,,,,ionic_conductivity,3,mS/cm,measured,lab\n", "utf-8")
    assert store.import_file(path) == {"materials": 1, "measurements": 0}
    mine = store.get("mine")
    assert [(p.name, p.value) for p in mine.properties] == [("density", 1.64),
                                                             ("ionic_conductivity", 3.0)]
    assert [m.id for m in store.query(elements=["Li", "P", "S", "Cl"], origin="user")] == \
        ["mine"]


def test_the_one_line_error_keeps_a_value_as_typed(tmp_path: Path, capsys) -> None:
    """A text of two spaces was shown as ' ' (every run of spaces made one)."""
    db = str(tmp_path / "m.sqlite")
    code, out, err = run(["materials", "measure", "llzo", "--property", "air_stability",
                          "--value", "  ", "--source", "lab", "--db", db], capsys)
    assert_one_line_error(code, out, err, "--value: '  ' is not allowed")
    path = tmp_path / "y.yaml"
    path.write_text("id: my_y\nname: Y\ncategory: additive\nproperties:\n"
                    "  - {name: air_stability, text: '  ', method: measured, source: me}\n")
    assert_one_line_error(*run(["materials", "add", str(path), "--db", db], capsys),
                          "properties[0].text: '  ' is not allowed",
                          "air_stability takes a text")
