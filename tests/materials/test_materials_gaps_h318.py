"""Gaps of the materials store and of `cite` left by the last session (H318):

1. ``MaterialStore.add`` notes a value of a temperature-dependent property without a
   temperature (a :class:`RoomTemperatureNote`), as ``update`` and the imports do;
2. ``solidcell.cite(KEY)`` of a key of the user's database names where it is used, the line
   ``solidcell cite KEY`` prints, from the same data as its ``--json`` ``used_by``;
3. ``materials measure --temperature-min/--temperature-max``: an activation energy's fitted
   range, units at the edge, refused where it does not apply, reversed or out of bounds;
4. ``materials list`` reads each material's "sigma RT" once (it was read five times);
5. a density without a temperature stays apart from one at 25 degC (the schema: density
   values carry no temperature dependence), while a conductivity's are one measurement.

Numbers: the temperature bounds are the store's (above 0 K, at most ``MAX_TEMPERATURE_K``);
0 degC is 273.15 K by definition; the geometric mean of 0.1 and 1 mS/cm is 10**-0.5 mS/cm
(the representative value of a range, docs/conventions.md). Values typed here are a user's
own (source ``my-lab-2026``), not published numbers."""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.errors import ValidationError
from solidcell.materials.measurement import RECORD_FIELDS, measurement_record
from solidcell.materials.schema import MAX_TEMPERATURE_K
from solidcell.materials.store import RoomTemperatureNote

LAB = "my-lab-2026"


def _electrolyte(mid: str, temperature: str | None, **value: object) -> dict:
    prop = {"name": "ionic_conductivity", "unit": "mS/cm", "method": "measured",
            "source": LAB, **(value or {"value": 0.8})}
    if temperature is not None:
        prop["temperature"] = temperature
    return {"id": mid, "name": mid, "category": "electrolyte", "electrolyte_class": "halide",
            "properties": [prop, {"name": "density", "value": 2.9, "unit": "g/cm3",
                                  "method": "measured", "source": LAB}]}


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "h318.sqlite")


# --- 1) MaterialStore.add notes a value without its temperature ----------------------------

def test_add_warns_a_room_temperature_note_as_update_does(db, open_store) -> None:
    store = open_store(db)
    with pytest.warns(RoomTemperatureNote, match=r"\(mine: ionic_conductivity\): this value "
                      r"counts as measured at 298\.15 K") as caught:
        store.add(_electrolyte("mine", None))
    assert [w.filename for w in caught] == [__file__]  # said of the caller's line
    assert store.get("mine").get("ionic_conductivity").temperature is None  # stored anyway
    with pytest.warns(RoomTemperatureNote, match=r"\(mine: ionic_conductivity\)") as caught:
        store.update(_electrolyte("mine", None, value=0.9))
    assert [w.filename for w in caught] == [__file__]


def test_add_gives_the_note_as_text_to_a_list(db, open_store) -> None:
    """``notes=[]``: the note's text, not a warning (the dashboard's answer shows it)."""
    from solidcell.materials.store import untimed_note

    store = open_store(db)
    notes: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        material = store.add(_electrolyte("mine", None), notes=notes)
        store.add(_electrolyte("timed", "60 degC"), notes=notes)
    assert notes == [untimed_note(material)] and "(mine: ionic_conductivity)" in notes[0]


def test_add_says_nothing_where_every_value_has_its_temperature(db, open_store) -> None:
    """The density of the same material has no temperature: it is not temperature-dependent
    (PropertySpec.temperature_dependent), so it counts at no temperature and is not noted."""
    store = open_store(db)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        store.add(_electrolyte("mine", "25 degC"))
    assert "mine" in store


def test_the_warning_raised_as_an_error_leaves_the_material_stored(db, open_store) -> None:
    """``-W error::...RoomTemperatureNote`` turns the note into an exception after the write:
    the material is stored, as an import's and an update's are."""
    store = open_store(db)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RoomTemperatureNote)
        with pytest.raises(RoomTemperatureNote):
            store.add(_electrolyte("mine", None))
    assert store.get("mine").name == "mine"


# --- 2) cite a key of the user's own database: the uses, one implementation ------------------

@pytest.fixture
def lab_db(db: str, capsys, open_store) -> tuple[str, int]:
    """A database where a material of the user's and a measurement on llzo cite ``LAB``."""
    with pytest.warns(RoomTemperatureNote):
        open_store(db).add(_electrolyte("my_lzc", None))
    code, _, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                        "--value", "0.4 mS/cm", "--temperature", "25 degC", "--source", LAB,
                        "--db", db], capsys)
    assert code == 0, err
    [(pk, _, _)] = open_store(db).measurements()
    return db, pk


@pytest.mark.parametrize("style", ["text", "bibtex"])
def test_python_cite_prints_what_the_command_prints(lab_db, style, capsys, monkeypatch) -> None:
    import solidcell as sc
    from solidcell.materials.store import close_default_stores

    db, pk = lab_db
    uses = (f"[{LAB}] used in your database by: material my_lzc (ionic_conductivity); "
            f"material my_lzc (density); measurement {pk} on llzo (ionic_conductivity)")
    code, out, err = run(["cite", LAB, "--db", db] + (["--text"] if style == "text" else []),
                         capsys)
    assert code == 0, err
    monkeypatch.setenv("SOLIDCELL_DB", db)
    try:
        cited = sc.cite(LAB, style=style)
    finally:
        close_default_stores()
    assert out == cited + "\n"  # the command echoes the function's text
    assert (uses if style == "text" else f"% {uses}") in cited.splitlines()


def test_the_uses_are_the_json_used_by(lab_db, capsys, open_store) -> None:
    from solidcell.citations import cite_keys, uses_line

    db, pk = lab_db
    code, out, err = run(["cite", LAB, "--json", "--db", db], capsys)
    assert code == 0, err
    used_by = json.loads(out)[0]["used_by"]
    assert used_by == open_store(db).source_uses(LAB) == [
        {"material": "my_lzc", "property": "ionic_conductivity"},
        {"material": "my_lzc", "property": "density"},
        {"measurement": pk, "material": "llzo", "property": "ionic_conductivity"}]
    assert uses_line(LAB, used_by) in cite_keys([LAB], "text", {LAB: used_by})


def test_a_key_nobody_uses_and_a_bibliography_key_get_no_uses_line(db, monkeypatch) -> None:
    import solidcell as sc
    from solidcell.materials.store import close_default_stores

    monkeypatch.setenv("SOLIDCELL_DB", db)
    try:
        assert "used in your database" not in sc.cite("nobody-uses-this", style="text")
        assert "used in your database" not in sc.cite("wang2021_li2zrcl6", style="text")
    finally:
        close_default_stores()


# --- 3) materials measure --temperature-min/--temperature-max ------------------------------

def _measure(db: str, capsys, *options: str, prop: str = "activation_energy",
             value: str = "0.35 eV") -> tuple[int, str, str]:
    return run(["materials", "measure", "llzo", "--property", prop, "--value", value,
                "--source", LAB, "--db", db, *options], capsys)


def test_the_range_is_stored_in_kelvin(db, capsys, open_store) -> None:
    code, out, err = _measure(db, capsys, "--temperature-min", "-20 degC",
                              "--temperature-max", "353.15 K", "--json")
    assert code == 0, err
    [(pk, _, value)] = open_store(db).measurements("llzo")
    assert json.loads(out)["measurement"] == pk
    assert value.measured_range == pytest.approx((253.15, 353.15))
    code, _, err = _measure(db, capsys, "--temperature-max", "80 degC", value="0.36 eV")
    assert code == 0, err  # one end alone is allowed, as in a file
    assert open_store(db).measurements("llzo")[-1][2].measured_range == pytest.approx(
        (None, 353.15))


@pytest.mark.parametrize(("options", "prop", "value", "words"), [
    (["--temperature-min", "25 degC"], "density", "5 g/cm3",
     ["--temperature-min: '25 degC' is not allowed", "only an activation energy",
      "leave it out for density"]),
    (["--temperature-max", "80 degC"], "ionic_conductivity", "1 mS/cm",
     ["--temperature-max: '80 degC'", "only an activation energy"]),
    (["--temperature-min", "80 degC", "--temperature-max", "20 degC"], None, None,
     ["--temperature-min: '80 degC' is not allowed", "353.15 K",
      "above --temperature-max '20 degC' (293.15 K)", "at most the highest"]),
    (["--temperature-min", "300"], None, None,
     ["--temperature-min: '300' has no unit", "'300 K'"]),
    (["--temperature-min", "-300 degC"], None, None,
     ["--temperature-min: '-300 degC' is not allowed", "-26.85 K", "above 0 K"]),
    (["--temperature-max", "6000 K"], None, None,
     ["--temperature-max: '6000 K' is not allowed", f"at most {MAX_TEMPERATURE_K:g} K"]),
    (["--temperature-max", "5 m"], None, None,
     ["--temperature-max: '5 m' is a length, not a temperature"]),
    (["--temperature-min", "25 degC", "--temperature", "25 degC"], None, None,
     ["--temperature: '25 degC'", "no single temperature for activation_energy"]),
])
def test_bad_ranges_are_refused_by_name_and_keep_what_is_stored(
        db, capsys, open_store, options, prop, value, words) -> None:
    assert _measure(db, capsys, "--temperature-min", "0 degC", value="0.4 eV")[0] == 0
    before = open_store(db).export_contents()
    assert_one_line_error(*_measure(db, capsys, *options, prop=prop or "activation_energy",
                                    value=value or "0.35 eV"), *words)
    after = open_store(db).export_contents()
    assert after == before and len(after[1]) == 1


def test_help_names_the_options(capsys) -> None:
    code, out, _ = run(["materials", "measure", "--help"], capsys)
    assert code == 0
    assert "--temperature-min" in out and "--temperature-max" in out


_KELVIN = st.floats(min_value=-100.0, max_value=6000.0, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(low=_KELVIN, high=_KELVIN, unit=st.sampled_from(["K", "degC"]))
def test_the_parse_takes_every_range_in_bounds_and_refuses_the_rest(
        low: float, high: float, unit: str) -> None:
    """Each end is converted to K (x degC is x + 273.15 K) and accepted iff it lies in
    (0, MAX_TEMPERATURE_K], the lower not above the upper; a refusal names its field (one of
    RECORD_FIELDS), the text as typed and what is allowed."""
    typed = [f"{x!r} {unit}" for x in (low, high)]
    kelvin = [x + 273.15 if unit == "degC" else x for x in (low, high)]
    ok = [0 < k <= MAX_TEMPERATURE_K for k in kelvin]
    try:
        record = measurement_record("activation_energy", "0.3 eV", LAB,
                                    temperature_min=typed[0], temperature_max=typed[1])
    except ValidationError as exc:
        assert exc.field in RECORD_FIELDS and exc.field.startswith("temperature_")
        assert exc.value in typed and exc.allowed
        assert not all(ok) or kelvin[0] > kelvin[1]
        return
    assert all(ok) and kelvin[0] <= kelvin[1]
    assert math.isclose(record["temperature_min"], kelvin[0], rel_tol=1e-12, abs_tol=1e-9)
    assert math.isclose(record["temperature_max"], kelvin[1], rel_tol=1e-12, abs_tol=1e-9)


@pytest.mark.parametrize("end", ["temperature_min", "temperature_max"])
@pytest.mark.parametrize(("name", "typed"), [
    ("density", "5 g/cm3"), ("ionic_conductivity", "1 mS/cm"), ("price", "50 USD/kg"),
    ("youngs_modulus", "20 GPa"), ("melting_temperature", "600 degC")])
def test_the_parse_refuses_a_range_for_any_other_property(name: str, typed: str,
                                                          end: str) -> None:
    with pytest.raises(ValidationError) as info:
        measurement_record(name, typed, LAB, year=2024 if name == "price" else None,
                           **{end: "25 degC"})
    assert info.value.field == end and info.value.value == "25 degC"
    assert "only an activation energy" in info.value.allowed


# --- 4) materials list reads each "sigma RT" once -------------------------------------------

def test_list_reads_each_sigma_once_and_marks_a_range_mean(db, capsys, open_store,
                                                           monkeypatch) -> None:
    from solidcell.materials import schema

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        open_store(db).add(_electrolyte("my_range", "25 degC", min=0.1, max=1.0))
    calls: list[str] = []
    real = schema.room_temperature_conductivity_value

    def counted(m):  # type: ignore[no-untyped-def]
        calls.append(m.id)
        return real(m)

    monkeypatch.setattr(schema, "room_temperature_conductivity_value", counted)
    code, out, err = run(["materials", "list", "--origin", "user", "--db", db], capsys)
    assert code == 0, err
    assert calls == ["my_range"]  # once, for the cell, its mark, the sources and the notes
    shown = f"~{10 ** -0.5 * 1e-3:.4g}"  # geometric mean of 0.1 and 1 mS/cm, in S/cm
    assert shown == "~0.0003162" and shown in out
    assert "my_range 0.0001 to 0.001 S/cm" in err and f"sources: {LAB}" in out


# --- 5) density: no temperature is not 25 degC (the schema's rule) -------------------------

def test_density_without_temperature_stays_apart_from_one_at_25_degc(db, capsys,
                                                                      open_store) -> None:
    """density is not temperature-dependent (PropertySpec.temperature_dependent is False):
    nothing counts its missing temperature as 298.15 K, so the two are two measurements; an
    ionic conductivity's missing temperature counts as 298.15 K, so its second is refused."""
    from solidcell.materials.schema import PROPERTIES

    assert not PROPERTIES["density"].temperature_dependent
    assert PROPERTIES["ionic_conductivity"].temperature_dependent
    for args in (["--property", "density", "--value", "5.1 g/cm3"],
                 ["--property", "density", "--value", "5.1 g/cm3", "--temperature", "25 degC"]):
        code, _, err = run(["materials", "measure", "llzo", *args, "--source", LAB,
                            "--db", db], capsys)
        assert code == 0, err
    assert [v.temperature for _, _, v in open_store(db).measurements("llzo")] == [None, 298.15]
    code, _, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                        "--value", "0.5 mS/cm", "--source", LAB, "--db", db], capsys)
    assert code == 0, err
    before = open_store(db).export_contents()
    assert_one_line_error(*run(["materials", "measure", "llzo", "--property",
                                "ionic_conductivity", "--value", "0.5 mS/cm", "--temperature",
                                "25 degC", "--source", LAB, "--db", db], capsys),
                          "already holds this ionic_conductivity")
    assert open_store(db).export_contents() == before


_TYPED_T = st.one_of(
    st.tuples(st.floats(min_value=-400.0, max_value=6000.0, allow_nan=False),
              st.sampled_from(["K", "degC", ""])),
    st.tuples(st.just(300.0), st.sampled_from(["m", "eV", "mS/cm"])))
_SEEN = iter(range(10**6))  # a new value each example: an equal one is a duplicate


# (capsys: each run reads what it printed, so one capture for all examples is right)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=_TYPED_T)
def test_the_option_is_stored_in_bounds_and_refused_by_name_otherwise(typed, capsys,
                                                                      tmp_path_factory) -> None:
    """``--temperature-max`` as typed: with K or degC and within (0, MAX_TEMPERATURE_K] it is
    stored in K; a bare number, another unit or a temperature out of bounds is refused in one
    line naming the option and the text, and nothing is stored."""
    number, unit = typed
    text = f"{number!r} {unit}".strip()
    db = str(tmp_path_factory.getbasetemp() / "h318_hyp.sqlite")
    value = f"{0.2 + next(_SEEN) * 1e-4:.4f} eV"
    before = len(_stored(db))
    code, out, err = _measure(db, capsys, "--temperature-max", text, value=value)
    kelvin = number + 273.15 if unit == "degC" else number
    if unit in ("K", "degC") and 0 < kelvin <= MAX_TEMPERATURE_K:
        assert code == 0, err
        stored = _stored(db)
        assert len(stored) == before + 1
        assert math.isclose(stored[-1].temperature_max, kelvin, rel_tol=1e-12, abs_tol=1e-9)
    else:
        assert_one_line_error(code, out, err, f"--temperature-max: {text!r}")
        assert len(_stored(db)) == before


def _stored(db: str) -> list:
    from solidcell.materials.store import MaterialStore

    with MaterialStore(db) as store:
        return [v for _, _, v in store.measurements("llzo")]
