"""A CSV export -> import gives back the text of a material exactly (name, a value's text and
note, spaces at their ends included, as JSON does), while ids, units and keys with stray
spaces are read as before (stripped) and a name of only spaces is refused in both formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.errors import ImportRejected
from solidcell.materials.schema import Material
from solidcell.materials.store import (
    CSV_COLUMNS,
    _csv_records,
    _read_text,
    materials_to_csv,
)

#: any text a user may type on one line: no surrogates (not UTF-8), no control characters
#: and no invisible or direction-changing ones (the models refuse them:
#: solidcell.materials.schema.HIDDEN_CHARACTERS)
_CHARACTER = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                           blacklist_characters="\u202a\u202b\u202c\u202d\u202e"
                                                "\u2066\u2067\u2068\u2069\u061c\u200b"
                                                "\u200e\u200f\u2060\u2061\u2062\u2063"
                                                "\u2064\ufeff")
TEXT = st.text(_CHARACTER, max_size=30)
#: a note may hold tabs and line breaks too
LINES = st.text(st.one_of(_CHARACTER, st.sampled_from("\t\n\r")), max_size=30)
NAME = TEXT.filter(lambda s: s.strip() != "")


def _material(name: str, note: str, text: str, air_note: str) -> Material:
    return Material.model_validate({
        "id": "mine", "name": name, "formula": "Li3PS4", "category": "electrolyte",
        "electrolyte_class": "sulfide", "origin": "user",
        "properties": [
            {"name": "density", "value": 1.9, "unit": "g/cm3", "method": "measured",
             "source": "lab", "note": note},
            *([{"name": "air_stability", "text": text, "method": "measured", "source": "lab",
                "note": air_note}] if text.strip() else []),  # a blank text is refused
        ]})


@settings(max_examples=150, deadline=None)
@given(name=NAME, note=LINES, text=TEXT, air_note=LINES)
def test_csv_round_trip_keeps_text_exactly(tmp_path_factory: pytest.TempPathFactory,
                                           name: str, note: str, text: str,
                                           air_note: str) -> None:
    """Export -> file -> import: every text field comes back as it was (' 20 C ' used to come
    back as '20 C'; a '\\r' inside a note as '\\n')."""
    material = _material(name, note, text, air_note)
    path = tmp_path_factory.mktemp("csv") / "out.csv"
    path.write_text(materials_to_csv([material]), "utf-8")  # as MaterialStore.export writes
    records, problems = _csv_records(_read_text(path))
    assert problems == []
    [(_, record)] = records
    back = Material.model_validate({**record, "origin": "user"})
    assert back == material


def test_store_csv_round_trip_keeps_spaces(tmp_path: Path, open_store) -> None:
    """The same through the store: JSON and CSV give back the same notes."""
    store = open_store(tmp_path / "a.sqlite")
    store.add(_material(" My sulfide ", " 20 C, glovebox ", "  stable in dry room ", "\tx\r\n"))
    for suffix in ("json", "csv"):
        path = tmp_path / f"out.{suffix}"
        store.export(path)
        other = open_store(tmp_path / f"{suffix}.sqlite")
        other.import_file(path)
        got = other.get("mine")
        assert got.name == " My sulfide "
        assert [p.note for p in got.properties] == [" 20 C, glovebox ", "\tx\r\n"]
        assert got.get("air_stability").text == "  stable in dry room "


def _csv(row: dict[str, str]) -> str:
    return ",".join(CSV_COLUMNS) + "\n" + ",".join(row.get(c, "") for c in CSV_COLUMNS) + "\n"


ROW = {"id": "mine", "name": "Mine", "formula": "Li3PS4", "category": "electrolyte",
       "electrolyte_class": "sulfide", "property": "density", "value": "1.9", "unit": "g/cm3",
       "method": "measured", "source": "lab"}


@pytest.mark.parametrize("column", ["id", "unit", "source", "method", "property", "category"])
def test_ids_and_units_are_still_stripped(column: str) -> None:
    """Keys keep today's rule: ' g/cm3 ' is read as 'g/cm3' (never stored with its spaces)."""
    records, problems = _csv_records(_csv({**ROW, column: f" {ROW[column]} "}))
    assert problems == []
    material = Material.model_validate({**records[0][1], "origin": "user"})
    assert material.id == "mine"
    prop = material.properties[0]
    assert (prop.unit, prop.source, prop.method, prop.name) == ("g/cm3", "lab", "measured",
                                                                "density")


def test_name_of_only_spaces_is_refused_in_both_formats(tmp_path: Path, open_store) -> None:
    """JSON used to store a name of three spaces that a CSV import reads as missing."""
    with pytest.raises(ValueError, match="name"):
        Material.model_validate({"id": "x", "name": "   ", "category": "additive"})
    path = tmp_path / "blank.csv"
    path.write_text(_csv({**ROW, "name": "   "}), "utf-8")
    with pytest.raises(ImportRejected, match="name"):
        open_store(tmp_path / "s.sqlite").import_file(path)
