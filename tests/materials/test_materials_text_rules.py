"""The text rules of the materials data model, one for every way in (Python, files, the CLI, the
dashboard): a text field refuses control characters (Unicode Cc), the bidirectional embeddings,
overrides and isolates (U+202A-U+202E, U+2066-U+2069), the direction marks and the invisible
characters (U+061C, U+200B, U+200E/F, U+2028/9, U+2060-U+2064, U+FEFF), naming the field, the value
and the character's code (a source of NUL alone was stored; a U+202E reversed the text shown after
it), while a database written before the rule still opens; an id's refusal states the id rule; a
number beyond the largest float and a range typed as one value are named as such."""

from __future__ import annotations

import json
import sqlite3
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.materials.measurement import measurement_record
from solidcell.materials.schema import Material, OcpCurve, PropertyValue, Remark

DENSITY = {"name": "density", "value": 1.9, "unit": "g/cm3", "method": "measured",
           "source": "lab"}
AIR = {"name": "air_stability", "text": "stable", "method": "measured", "source": "lab"}
OCP = {"stoichiometry": [0.1, 0.9], "voltage": [4.2, 3.6], "source": "lab"}
MINE = {"id": "mine", "name": "Mine", "category": "additive"}

#: the characters a test may insert: every hidden one, their neighbours, and any other
HIDDEN_SAMPLE = ["\x00", "\t", "\n", "\r", "\x1b", "\x7f", "\x85", "\x9f", "\u202a", "\u202e",
                 "\u2066", "\u2069", "\u061c", "\u200b", "\u200e", "\u200f", "\u2028",
                 "\u2029", "\u2060", "\u2064", "\ufeff"]
NEIGHBOURS = ["\xa0", "\u2065", "\u206a", "\u2070", "\u0601", "\u200c", "\u200d", "\u200a",
              "\u2027", "\u202f", "\u205f", "\ufefe", "\ufe0f", "\u061b"]


def is_hidden(char: str, multiline: bool) -> bool:
    """The rule, written from the Unicode data rather than the package's regular expression:
    a control character (category Cc); a bidirectional embedding, override, isolate or mark
    (Unicode's Bidi_Class of the formatting characters: LRE RLE PDF LRO RLO LRI RLI FSI PDI,
    and the marks LRM RLM ALM); a line or paragraph separator (categories Zl, Zp); or one of
    the invisible formatting characters that join or space nothing visible (zero-width space,
    word joiner, the invisible operators, zero-width no-break space). A free text of several
    lines may hold tabs and line breaks."""
    if multiline and char in "\t\n\r":
        return False
    direction = unicodedata.bidirectional(char) in {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI",
                                                    "RLI", "FSI", "PDI"}
    marks = unicodedata.name(char, "") in {"LEFT-TO-RIGHT MARK", "RIGHT-TO-LEFT MARK",
                                           "ARABIC LETTER MARK", "ZERO WIDTH SPACE",
                                           "WORD JOINER", "FUNCTION APPLICATION",
                                           "INVISIBLE TIMES", "INVISIBLE SEPARATOR",
                                           "INVISIBLE PLUS", "ZERO WIDTH NO-BREAK SPACE"}
    return unicodedata.category(char) in {"Cc", "Zl", "Zp"} or direction or marks


def _material(field: str, text: str) -> Any:
    return Material(**{**MINE, field: [text] if field == "aliases" else text})


#: (what is built, field, multiline, the ValidationError's field) of every text field
TEXT_FIELDS = {
    "material.name": (lambda t: _material("name", t), False, "name"),
    "material.structure_type": (lambda t: _material("structure_type", t), False,
                                "structure_type"),
    "material.aliases": (lambda t: _material("aliases", t), False, "aliases"),
    "material.note": (lambda t: _material("note", t), True, "note"),
    "value.source": (lambda t: PropertyValue(**{**DENSITY, "source": t}), False, "source"),
    "value.text": (lambda t: PropertyValue(**{**AIR, "text": t}), False, "text"),
    "value.note": (lambda t: PropertyValue(**{**DENSITY, "note": t}), True, "note"),
    "remark.text": (lambda t: Remark(text=t, source="lab"), True, "text"),
    "remark.source": (lambda t: Remark(text="fast", source=t), False, "source"),
    "ocp.source": (lambda t: OcpCurve(**{**OCP, "source": t}), False, "source"),
    "ocp.note": (lambda t: OcpCurve(**{**OCP, "note": t}), True, "note"),
}


@st.composite
def texts_with_insertions(draw: st.DrawFn) -> str:
    """A plain text ('lab' and letters: never blank) with random characters inserted."""
    text = "lab" + draw(st.text(st.characters(categories=("L", "N", "Zs")), max_size=8))
    inserted = draw(st.lists(st.tuples(
        st.integers(0, 100),
        st.one_of(st.sampled_from(HIDDEN_SAMPLE + NEIGHBOURS),
                  st.characters(blacklist_categories=("Cs",)))), max_size=4))
    for at, char in inserted:
        at %= len(text) + 1
        text = text[:at] + char + text[at:]
    return text


@pytest.mark.parametrize("where", list(TEXT_FIELDS))
@settings(max_examples=60, deadline=None)
@given(text=texts_with_insertions())
def test_a_text_is_refused_iff_it_holds_a_hidden_character(where: str, text: str) -> None:
    build, multiline, field = TEXT_FIELDS[where]
    hidden = [c for c in text if is_hidden(c, multiline)]
    if not hidden:
        made = build(text)
        assert getattr(made, field) in (text, [text])  # kept exactly
        return
    with pytest.raises(ValidationError) as info:
        build(text)
    assert info.value.field == field and info.value.value == text
    assert f"(this has U+{ord(hidden[0]):04X})" in info.value.allowed
    assert str(info.value).startswith(f"{field}: {text!r} is not allowed; plain text without")


def test_a_nested_text_is_named_by_its_place_in_the_record() -> None:
    record = {**MINE, "properties": [DENSITY, {**DENSITY, "value": 2.0, "source": "\x00"}]}
    with pytest.raises(ValidationError) as info:
        Material.model_validate(record)
    assert info.value.field == "properties[1].source" and info.value.value == "\x00"
    assert "U+0000" in str(info.value)


@pytest.mark.parametrize("field, typed, code", [
    ("formula", "Li3PS4\u202e", "U+202E"), ("unit", "g/cm3\x1b", "U+001B")])
def test_a_formula_or_unit_is_refused_by_the_text_rule_before_its_own(field: str, typed: str,
                                                                      code: str) -> None:
    """The character is named, not a formula pymatgen cannot parse or an unknown unit."""
    with pytest.raises(ValidationError) as info:
        if field == "formula":
            Material(**{**MINE, "formula": typed})
        else:
            PropertyValue(**{**DENSITY, "unit": typed})
    assert (info.value.field, info.value.value) == (field, typed)
    assert f"this has {code}" in info.value.allowed


def test_a_blank_source_is_still_named_blank() -> None:
    """A tab alone is a blank source (SOURCE_ALLOWED), not only a hidden character."""
    with pytest.raises(ValidationError, match="not only spaces"):
        PropertyValue(**{**DENSITY, "source": "\t"})


# --- the command line and the dashboard: the same rule ----------------------------------------

@pytest.mark.parametrize("typed", ["\x00", "lab\x1bnotes", "\u202eetoN"])
def test_measure_refuses_a_hidden_character_in_its_source(tmp_path: Path, capsys,
                                                          typed: str, open_store) -> None:
    db = str(tmp_path / "m.sqlite")
    code, out, err = run(["materials", "measure", "llzo", "--property", "density", "--value",
                          "5 g/cm3", "--source", typed, "--db", db], capsys)
    assert_one_line_error(code, out, err, f"--source: {typed!r} is not allowed",
                          f"U+{ord(next(c for c in typed if is_hidden(c, False))):04X}")
    assert open_store(db).measurements() == []


def test_add_refuses_a_direction_override_in_a_file(tmp_path: Path, capsys, open_store) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({**MINE, "name": "\u202emine"}), "utf-8")
    db = str(tmp_path / "m.sqlite")
    code, out, err = run(["materials", "add", str(path), "--db", db], capsys)
    assert_one_line_error(code, out, err, "name: '\\u202emine' is not allowed", "U+202E")
    assert "mine" not in open_store(db)


@pytest.mark.parametrize("char", HIDDEN_SAMPLE)
def test_the_dashboard_uses_the_same_rule(char: str) -> None:
    from solidcell.app.server import refuse_hidden_characters

    with pytest.raises(ValidationError) as form:
        refuse_hidden_characters({"source": f"lab{char}"}, ("source",))
    with pytest.raises(ValidationError) as model:
        PropertyValue(**{**DENSITY, "source": f"lab{char}"})
    assert str(form.value) == str(model.value)


# --- rows of an older database are read as stored ---------------------------------------------

def test_rows_stored_before_the_rule_are_still_read(tmp_path: Path, open_store) -> None:
    """A material and a measurement written (by an older solidcell) with such characters open
    as they were stored: the store reads its own rows as trusted."""
    db = tmp_path / "old.sqlite"
    open_store(str(db)).close()
    prop = {**DENSITY, "source": "\x00", "note": "\u202eeton"}
    material = {**MINE, "id": "old_one", "name": "old\u202e name", "aliases": ["a\x1b"],
                "properties": [prop]}
    with sqlite3.connect(db) as conn:  # bound parameters only
        conn.execute("INSERT INTO materials (id, origin, name, formula, category, "
                     "electrolyte_class, payload, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     ("old_one", "user", material["name"], None, "additive", None,
                      json.dumps(material), "2026-01-01T00:00:00"))
        for kind, mid, rank in (("material", "old_one", 0), ("measurement", "llzo", 0)):
            conn.execute("INSERT INTO properties (material_id, origin, kind, rank, name, si, "
                         "si_min, si_max, temperature, payload, created_at) VALUES "
                         "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (mid, "user", kind, rank, "density", 1900.0, 1900.0, 1900.0, None,
                          json.dumps(prop), "2026-01-01T00:00:00"))
    store = open_store(str(db))
    old = store.get("old_one")
    assert (old.name, old.aliases, old.properties[0].source, old.properties[0].note) == (
        "old\u202e name", ["a\x1b"], "\x00", "\u202eeton")
    [(_, mid, measured)] = store.measurements()
    assert (mid, measured.source) == ("llzo", "\x00")
    assert "old_one" in [m.id for m in store.query(category="additive")]
    # a new measurement beside it is checked, and stored
    assert store.add_measurement("llzo", {**DENSITY, "value": 5.0}) > 0
    with pytest.raises(ValidationError, match="U\\+0000"):
        store.add_measurement("llzo", {**DENSITY, "value": 5.1, "source": "\x00"})


# --- ids ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("length", [65, 201, 300])
def test_a_long_id_is_refused_by_the_id_rule(length: int) -> None:
    """A 300-character id was refused with 'at most 200 characters', a rule it does not
    have: an id is 1-64 characters (docs/database.md)."""
    with pytest.raises(ValidationError) as info:
        Material(**{**MINE, "id": "a" * length})
    assert info.value.field == "id" and info.value.value == "a" * length
    assert "1-64 characters" in info.value.allowed and "200" not in info.value.allowed


def test_an_id_of_64_characters_is_taken() -> None:
    assert Material(**{**MINE, "id": "a" * 64}).id == "a" * 64


def test_an_id_with_a_final_line_break_is_refused() -> None:
    """'$' of the id rule matched before a final line break: 'mine\\n' was taken."""
    with pytest.raises(ValidationError, match="1-64 characters"):
        Material(**{**MINE, "id": "mine\n"})


# --- a measurement's value as typed ------------------------------------------------------------

def test_a_number_beyond_the_largest_float_is_named_as_typed() -> None:
    """'1' and 400 zeros was refused as 'inf is not a finite number', a value never typed."""
    typed = "1" + "0" * 400 + " mS/cm"
    with pytest.raises(ValidationError) as info:
        measurement_record("ionic_conductivity", typed, "lab")
    assert info.value.field == "value" and info.value.value == typed
    assert f"beyond the largest float (about {sys.float_info.max:.2g})" in info.value.allowed
    message = str(info.value)
    assert "inf is" not in message and f"({len(repr(typed))} characters)" in message


@pytest.mark.parametrize("typed", ["0.5\u20130.7 mS/cm", "0.5-0.7 mS/cm", "0.5 to 0.7 mS/cm",
                                   "0.5\u22120.7 mS/cm"])
def test_a_range_typed_as_a_value_is_named_a_range(typed: str) -> None:
    """'0.5–0.7 mS/cm' said "unknown unit '–0.7 mS/cm'"."""
    with pytest.raises(ValidationError) as info:
        measurement_record("ionic_conductivity", typed, "lab")
    assert info.value.field == "value" and info.value.value == typed
    assert info.value.allowed.startswith("it is a range; a single value is expected, e.g. "
                                         "'0.5 mS/cm'")
    assert "unknown unit" not in str(info.value)


def test_a_negative_value_is_not_a_range() -> None:
    record = measurement_record("reduction_limit", "-0.3 V", "lab")
    assert (record["value"], record["unit"]) == (-0.3, "V")


def test_measure_names_a_range_on_the_command_line(tmp_path: Path, capsys) -> None:
    db = str(tmp_path / "m.sqlite")
    code, out, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                          "--value", "0.5\u20130.7 mS/cm", "--source", "lab", "--db", db],
                         capsys)
    assert_one_line_error(code, out, err, "--value: '0.5\u20130.7 mS/cm' is not allowed; it is "
                          "a range")


@pytest.mark.parametrize("multiline", [False, True])
def test_the_rule_agrees_with_the_unicode_data_on_every_character(multiline: bool) -> None:
    """Every code point (surrogates aside, which UTF-8 cannot hold) is refused by the package's
    expression exactly when :func:`is_hidden`, written from the Unicode data, says so."""
    from solidcell.materials.schema import hidden_character
    differ = [f"U+{code:04X}" for code in range(sys.maxunicode + 1)
              if not 0xD800 <= code <= 0xDFFF
              and (hidden_character(chr(code), multiline) is not None)
              != is_hidden(chr(code), multiline)]
    assert differ == []
