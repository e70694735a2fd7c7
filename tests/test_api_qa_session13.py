"""Fresh-eyes QA of the public Python API (session 13): wrong types, values beyond a float,
pint Quantities, pydantic copies that skipped validation, design round trips, and the
materials store on a database that is not solidcell's or cannot be written.

Every refusal must be solidcell's error (:class:`~solidcell.errors.SolidcellError`, mostly
:class:`~solidcell.errors.ValidationError` naming field, value and what is allowed), never a
bare TypeError, KeyError, OverflowError or a driver's error."""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import solidcell as sc
from solidcell.cell.energy import design_parameters
from solidcell.errors import SolidcellError, UnitError, ValidationError
from solidcell.manufacturing import load_processes
from solidcell.materials.store import MaterialStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EV = sc.CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml")
GRAVIMETRIC = "Cell gravimetric energy density [W.h.kg-1]"
HUGE = 10**400  # an int no float can hold
Q = sc.units.registry().Quantity


def _same_numbers(a: object, b: object) -> bool:
    """Equal mappings of numbers, NaN equal to NaN (a design without a pack has NaN pack
    values)."""
    return json.dumps(dict(a)) == json.dumps(dict(b))  # type: ignore[call-overload]


# --- pydantic copies and assignment: no way around validation ---------------------------


@pytest.mark.parametrize(("update", "field"), [
    ({"temperature_K": -5.0}, "temperature_K"),   # was evaluated: 402 Wh/kg at -5 K
    ({"first_cycle_loss": 2.0}, "first_cycle_loss"),  # was evaluated: -402 Wh/kg
    ({"temperature_K": "abc"}, "temperature_K"),  # was a TypeError inside evaluate
    ({"name": None}, "name"),
    ({"not_a_field": 1.0}, "not_a_field"),
])
def test_model_copy_update_is_validated(update: dict, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        EV.model_copy(update=update)
    assert info.value.field == field


def test_nested_part_and_material_copies_are_validated() -> None:
    with pytest.raises(ValidationError) as info:
        EV.cathode.model_copy(update={"thickness_m": -1e-3})
    assert info.value.field == "thickness_m" and info.value.value == -1e-3
    lpscl = sc.get_material("li6ps5cl")
    with pytest.raises(ValidationError, match="must be > 0"):
        lpscl.properties[0].model_copy(update={"value": -5})
    with pytest.raises(ValidationError) as info:
        lpscl.model_copy(update={"category": "bogus"})
    assert info.value.field == "category"
    with pytest.raises(ValidationError) as info, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # pydantic's deprecated copy()
        lpscl.copy(update={"category": "bogus"})
    assert info.value.field == "category"
    with pytest.raises(ValidationError, match="mapping of field names"):
        lpscl.model_copy(update=[("name", "x")])  # type: ignore[arg-type]


def test_a_valid_copy_equals_the_design_built_from_scratch() -> None:
    copied = EV.model_copy(update={"temperature_K": "60 degC", "first_cycle_loss": 0.1})
    built = sc.CellDesign(**{**EV.model_dump(), "temperature_K": 333.15,
                             "first_cycle_loss": 0.1})
    assert copied == built
    assert _same_numbers(sc.evaluate(copied).values, sc.evaluate(built).values)
    assert EV.model_copy() == EV and EV.model_copy(deep=True) == EV
    mine = sc.get_material("li6ps5cl").model_copy(update={"id": "my_lpscl", "name": "mine"})
    assert (mine.id, mine.name) == ("my_lpscl", "mine")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 3000),
                 st.booleans(), st.none(), st.text(max_size=8)))
def test_model_copy_accepts_exactly_what_the_constructor_accepts(value: object) -> None:
    """Property: ``model_copy(update=...)`` and construction agree on every temperature."""
    def outcome(make):  # the design, or the field of the refusal
        try:
            return make()
        except ValidationError as exc:
            return exc.field
    copied = outcome(lambda: EV.model_copy(update={"temperature_K": value}))
    built = outcome(lambda: sc.CellDesign(**{**EV.model_dump(), "temperature_K": value}))
    assert copied == built


def test_assignment_and_deletion_raise_solidcells_error() -> None:
    material = sc.get_material("nmc811")
    with pytest.raises(ValidationError, match="frozen") as info:
        EV.temperature_K = 5.0  # type: ignore[misc]
    assert (info.value.field, info.value.value) == ("temperature_K", 5.0)
    with pytest.raises(ValidationError, match="frozen"):
        material.name = "x"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        del material.name
    assert EV.temperature_K == 298.15 and material.name != "x"


# --- integers beyond a float, arrays where a value is wanted ----------------------------


@pytest.mark.parametrize(("call", "field"), [
    (lambda: sc.theoretical_capacity("LiFePO4", HUGE), "electrons"),
    (lambda: sc.evaluate(EV, max_polarisation_V=HUGE), "max_polarisation_V"),
    (lambda: sc.plan_routes(EV, fixed_cost_USD_per_m2=HUGE), "fixed_cost_USD_per_m2"),
    (lambda: sc.stability_window("Li6PS5Cl", entries=[("Li2S", HUGE)]), "entries[0]"),
])
def test_an_int_beyond_the_largest_float_is_refused(call, field: str) -> None:
    """Each raised OverflowError ('int too large to convert to float')."""
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.field == field


def test_plan_routes_takes_numpy_numbers_and_refuses_negative_costs() -> None:
    plain = sc.plan_routes(EV, fixed_cost_USD_per_m2=5.0)
    assert sc.plan_routes(EV, fixed_cost_USD_per_m2=np.float32(5.0)) == plain
    assert sc.plan_routes(EV, fixed_cost_USD_per_m2=np.array(5.0)) == plain
    for bad in (-1.0, math.nan, math.inf, True, "5"):
        with pytest.raises(ValidationError, match="fixed_cost_USD_per_m2"):
            sc.plan_routes(EV, fixed_cost_USD_per_m2=bad)


@pytest.mark.parametrize("scheme", [["zhu2015"], np.array("zhu2015"), pd.Series(["zhu2015"]),
                                    {"zhu2015": 1}])
def test_stability_window_scheme_of_another_type(scheme: object) -> None:
    """Was "unhashable type" (the scheme check was cached by its argument)."""
    with pytest.raises(ValidationError) as info:
        sc.stability_window("Li6PS5Cl", scheme=scheme)  # type: ignore[arg-type]
    assert info.value.field == "scheme" and "zhu2015" in info.value.allowed


@pytest.mark.parametrize("entries", [pd.Series({"Li2S": -1.0}), {"Li2S": -1.0}, "Li2S", 5])
def test_stability_window_entries_that_are_no_pairs(entries: object) -> None:
    """A pandas Series raised "truth value of a Series is ambiguous"."""
    with pytest.raises(ValidationError) as info:
        sc.stability_window("Li6PS5Cl", entries=entries)  # type: ignore[arg-type]
    assert info.value.field == "entries"


def test_stability_window_entry_energy_true_is_no_energy() -> None:
    with pytest.raises(ValidationError, match="pairs") as info:
        sc.stability_window("Li6PS5Cl", entries=[("Li2S", True)])
    assert info.value.field == "entries[0]"


@pytest.mark.parametrize(("obj", "style"), [(np.array(1.0), "text"),
                                            ("codata2018", np.array(["text", "bibtex"])),
                                            ("codata2018", pd.Series(["text"])),
                                            ("codata2018", ["text"])])
def test_cite_with_arrays(obj: object, style: object) -> None:
    """A 0-d array raised "iteration over a 0-d array", an array style "truth value of an
    array ... is ambiguous"."""
    with pytest.raises(ValidationError) as info:
        sc.cite(obj, style=style)  # type: ignore[arg-type]
    assert info.value.field in ("obj", "style")


@pytest.mark.parametrize("path", [None, 1, True, 1.5, np.float64(1.0), ["a.yaml"], b"a.yaml"])
def test_file_readers_refuse_what_is_no_path(path: object) -> None:
    """``Path(path)`` raised TypeError."""
    with pytest.raises(ValidationError) as info:
        sc.CellDesign.from_file(path)  # type: ignore[arg-type]
    assert info.value.field == "design"
    if path is not None:  # None is the curated process database
        with pytest.raises(ValidationError) as info:
            load_processes(path)  # type: ignore[arg-type]
        assert info.value.field == "processes file"


# --- sc.units ------------------------------------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda: sc.units.parse("1 m", ["length"]),
    lambda: sc.units.parse("1 m", np.array("length")),
    lambda: sc.units.parse(1.0, "length", True),
    lambda: sc.units.to_canonical(1.0, True, "length"),
    lambda: sc.units.convert(None, "length", "um"),
    lambda: sc.units.convert(1.0, ["length"], "um"),
    lambda: sc.units.convert(1.0, "length", 5),
    lambda: sc.units.example_units(["length"]),
    lambda: sc.units.format_quantity(1.0, ["length"]),
    lambda: sc.units.format_quantity(None, "length"),
    lambda: sc.units.format_quantity("abc", "length", "um"),
])
def test_units_wrong_types_are_unit_errors(call) -> None:
    """Each was an unhashable-type TypeError, an AttributeError ('bool' has no 'strip') or
    pint's TypeError."""
    with pytest.raises(UnitError):
        call()


@pytest.mark.parametrize("digits", [0, -1, 18, 10**400, 2.5, True, None, "3", np.array(3.0)])
def test_units_format_digits(digits: object) -> None:
    """Was ValueError "Format specifier missing precision" or "Too many decimal digits"."""
    for call in (lambda: sc.units.format_number(1.5, digits),
                 lambda: sc.units.format_quantity(1.5, "length", digits=digits)):
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.field == "digits"


def test_units_format_still_formats() -> None:
    assert sc.units.format_number(1.23456, np.int64(3)) == "1.23"
    assert sc.units.format_quantity(0.1, "ionic conductivity", "mS/cm") == "1 mS/cm"
    assert sc.units.format_quantity(np.float32(80e-6), "length", "um", 2) == "80 um"
    assert sc.units.convert(np.array(1e-6), "length", "um") == pytest.approx(1.0)


# --- pint Quantities: converted, never stripped -----------------------------------------


def test_conductivity_at_a_pint_temperature() -> None:
    """``Q_(25, "degC")`` was read as 25 K (8.1e-84 S/m): NumPy drops a Quantity's unit."""
    at_room = sc.conductivity_at("li6ps5cl", 298.15).ionic_conductivity_S_m
    assert sc.conductivity_at("li6ps5cl", Q(25, "degC")).ionic_conductivity_S_m \
        == pytest.approx(at_room, rel=1e-12)
    both = sc.conductivity_at("li6ps5cl", Q(np.array([298.15, 350.0]), "K"))
    assert both.ionic_conductivity_S_m[0] == pytest.approx(at_room, rel=1e-12)
    with pytest.raises(ValidationError) as info:
        sc.conductivity_at("li6ps5cl", Q(300, "m"))
    assert info.value.field == "temperature" and "kelvin" in info.value.allowed


def test_numbers_with_a_unit_where_a_float_is_wanted_are_refused_not_stripped() -> None:
    with pytest.raises(ValidationError):
        sc.evaluate(EV, max_polarisation_V=Q(200, "mV"))
    with pytest.raises(ValidationError):
        EV.replace(**{"cathode.thickness_m": Q(80, "um")})


# --- evaluate_many on a mapping of parameter arrays -------------------------------------

PARAMS = design_parameters(EV.resolved(), False, 0.2)


@pytest.mark.parametrize(("key", "value"), [
    ("cathode_thickness_m", "abc"),           # was ValueError from NumPy
    ("cathode_thickness_m", {}),              # was TypeError
    ("cathode_thickness_m", HUGE),            # was OverflowError
    ("cathode_thickness_m", None),            # was read as NaN
    ("cathode_thickness_m", True),            # was read as 1 m
    ("cathode_thickness_m", Q(80, "um")),     # was read as 80 m
    ("architecture", 7),                      # was evaluated as planar: 402 Wh/kg
    ("format", np.array([0, 9])),
    ("anode_kind", 0.5),
    ("charged", "yes"),
])
def test_evaluate_many_parameter_values_it_cannot_read(key: str, value: object) -> None:
    with pytest.raises(ValidationError) as info:
        sc.evaluate_many({**PARAMS, key: value})
    assert info.value.field == key


def test_evaluate_many_arrays_of_different_lengths() -> None:
    """Was NumPy's "shape mismatch: objects cannot be broadcast"."""
    with pytest.raises(ValidationError) as info:
        sc.evaluate_many({**PARAMS, "cathode_thickness_m": np.array([80e-6, 90e-6]),
                          "cathode_voltage_V": np.array([3.8, 3.7, 3.6])})
    assert info.value.field == "parameters" and "one length" in info.value.allowed


def test_evaluate_many_mapping_agrees_with_evaluate() -> None:
    one = sc.evaluate(EV).values[GRAVIMETRIC]
    for thickness in (EV.cathode.thickness_m, [EV.cathode.thickness_m],
                      pd.Series([EV.cathode.thickness_m]), np.array([[EV.cathode.thickness_m]])):
        batch = sc.evaluate_many({**PARAMS, "cathode_thickness_m": thickness}).to_frame()
        assert batch[GRAVIMETRIC].iloc[0] == pytest.approx(one, rel=1e-12)
    charged = sc.evaluate_many({**PARAMS, "charged": np.array([False, True])}).to_frame()
    assert charged[GRAVIMETRIC].iloc[0] == pytest.approx(one, rel=1e-12)


# --- designs through YAML and JSON ----------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(example=st.sampled_from(sorted(EXAMPLES.glob("*.yaml"))),
       temperature=st.floats(250.0, 400.0), loss=st.floats(0.0, 0.3))
def test_designs_round_trip_through_yaml_json_and_dict(example: Path, temperature: float,
                                                       loss: float) -> None:
    """Property: every example, at any temperature and first-cycle loss, reads back equal
    from ``to_yaml``, ``to_json`` and ``to_dict`` and evaluates to the same numbers."""
    design = sc.CellDesign.from_file(example).replace(temperature_K=temperature,
                                                      first_cycle_loss=loss)
    again = [sc.CellDesign.from_yaml(design.to_yaml()),
             sc.CellDesign.from_json(design.to_json()),
             sc.CellDesign.from_dict(design.to_dict())]
    assert all(d == design for d in again)
    numbers = sc.evaluate(design).values
    assert all(_same_numbers(sc.evaluate(d).values, numbers) for d in again)


def test_a_design_with_an_inline_material_round_trips() -> None:
    mine = sc.get_material("li6ps5cl").model_copy(update={"id": "my_lpscl", "name": "mine"})
    design = EV.replace(**{"separator.electrolyte": mine})
    for again in (sc.CellDesign.from_yaml(design.to_yaml()),
                  sc.CellDesign.from_json(design.to_json())):
        assert again == design
        assert _same_numbers(sc.evaluate(again).values, sc.evaluate(design).values)


# --- the materials store ------------------------------------------------------------------

MINE = {"id": "mine1", "name": "Mine", "category": "cathode", "formula": "LiCoO2",
        "properties": [{"name": "density", "value": 5.0, "unit": "g/cm3",
                        "method": "measured", "source": "lab_notebook_1"}]}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MaterialStore]:
    with MaterialStore(tmp_path_factory.mktemp("store") / "materials.sqlite") as store:
        yield store


@pytest.mark.parametrize("value", [np.array(["oxide", "sulfide"]), pd.Series(["oxide"]),
                                   ["oxide"], 5])
def test_store_filters_of_another_type(store: MaterialStore, value: object) -> None:
    """Arrays raised "truth value of an array ... is ambiguous"."""
    for call, field in ((lambda: store.list(category=value), "category"),
                        (lambda: store.list(electrolyte_class=value), "electrolyte_class"),
                        (lambda: store.query(property=value), "property"),
                        (lambda: store.export_contents(value), "origin")):
        with pytest.raises(ValidationError) as info:
            call()
        assert info.value.field == field


def test_store_get_with_measurements_is_a_flag(store: MaterialStore) -> None:
    assert store.get("llzo", with_measurements=np.bool_(False)).id == "llzo"
    with pytest.raises(ValidationError) as info:
        store.get("llzo", with_measurements=np.array([True, False]))
    assert info.value.field == "with_measurements"


@pytest.mark.parametrize("records", [None, 5, "abc", {"row 1": MINE}, [MINE],
                                     [("row 1", MINE, "extra")], np.array(1.0)])
def test_store_import_records_of_another_shape(store: MaterialStore, records: object) -> None:
    """Each was a TypeError or "not enough values to unpack"."""
    before = store.ids()
    with pytest.raises(ValidationError) as info:
        store.import_records(records)  # type: ignore[arg-type]
    assert info.value.field == "records"
    assert store.ids() == before


def test_store_import_record_that_is_no_mapping_rejects_the_import(
        store: MaterialStore) -> None:
    from solidcell.errors import ImportRejected

    with pytest.raises(ImportRejected, match="row 2: record"):
        store.import_records([("row 1", {**MINE, "id": "mine_ok"}), ("row 2", 5)])
    assert "mine_ok" not in store


def test_another_programs_sqlite_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    """Was sqlite3.OperationalError "no such column: materials.id" after solidcell had added
    its other tables to the file."""
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE materials (name TEXT, price REAL)")
        conn.execute("INSERT INTO materials VALUES ('steel', 1.5)")
    with pytest.raises(ValidationError) as info:
        MaterialStore(path)
    assert info.value.field == "url" and "another program's database" in info.value.allowed
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows = conn.execute("SELECT * FROM materials").fetchall()
    assert tables == {"materials"} and rows == [("steel", 1.5)]


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(b"not sqlite at all " * 100)
    with pytest.raises(ValidationError, match="not a database"):
        MaterialStore(path)
    assert path.read_bytes() == b"not sqlite at all " * 100


def test_a_read_only_database_refuses_writes_and_keeps_its_materials(
        tmp_path: Path, open_store) -> None:
    """A write to a database opened read-only raised sqlite3.OperationalError "attempt to
    write a readonly database" (the tests run as root, so the file is opened read-only by
    SQLite's ``mode=ro`` rather than by its permissions)."""
    path = tmp_path / "ro.sqlite"
    writable = open_store(path)
    writable.add(MINE)
    writable.close()
    read_only = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert read_only.get("mine1").name == "Mine"
    for write in (lambda: read_only.add({**MINE, "id": "mine2"}),
                  lambda: read_only.update({**MINE, "name": "Changed"}),
                  lambda: read_only.delete("mine1"),
                  lambda: read_only.add_measurement("llzo", MINE["properties"][0])):
        with pytest.raises(ValidationError, match="cannot be written") as info:
            write()
        assert "readonly" in info.value.allowed
    again = open_store(path)
    assert again.get("mine1").name == "Mine" and "mine2" not in again
    assert again.measurements("llzo") == []


def test_refused_materials_leave_the_stored_ones(tmp_path: Path, open_store) -> None:
    store = open_store(tmp_path / "keep.sqlite")
    store.add(MINE)
    bad_density = {**MINE["properties"][0], "value": -1.0}
    for bad in ({**MINE, "id": "bad1", "properties": [bad_density]},   # refused by the model
                {**MINE, "name": "Second"},                             # id taken
                {**MINE, "id": "bad2", "components": [{"material": "nope", "fraction": 1}]}):
        with pytest.raises(SolidcellError):
            store.add(bad)
    with pytest.raises(ValidationError):
        store.update({**MINE, "properties": [{**bad_density, "value": math.nan}]})
    again = open_store(tmp_path / "keep.sqlite")
    assert again.get("mine1") == store.get("mine1")
    assert again.get("mine1").si("density") == pytest.approx(5000.0)
    assert [m.id for m in again.list(origin="user")] == ["mine1"]


# --- Material.get at a temperature --------------------------------------------------------


@pytest.mark.parametrize("temperature", [True, -1.0, 0, math.nan, math.inf, 1e308, HUGE, "300",
                                         [300.0], np.array([300.0, 310.0]),
                                         pd.Series([300.0]), Q(300, "m")])
def test_material_get_refuses_what_is_no_temperature(temperature: object) -> None:
    """True, -1, NaN and inf picked a value without a word; text and lists raised TypeError,
    arrays "truth value ... is ambiguous", 10**400 OverflowError."""
    with pytest.raises(ValidationError) as info:
        sc.get_material("li6ps5cl").get("ionic_conductivity", temperature)  # type: ignore[arg-type]
    assert info.value.field == "temperature"


def test_material_get_takes_numpy_and_pint_temperatures() -> None:
    lpscl = sc.get_material("li6ps5cl")
    at_room = lpscl.get("ionic_conductivity", 298.15)
    assert at_room is not None and at_room.temperature == pytest.approx(298.15)
    for same in (np.float32(298.15), np.array(298.15), Q(25, "degC"), Q(298.15, "K")):
        assert lpscl.get("ionic_conductivity", same) == at_room  # type: ignore[arg-type]


# --- a small YAML text that expands to millions of items -----------------------------------

#: 9 items nested 8 deep through YAML aliases: 43 million strings from 400 bytes.
ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}' if prev else '0'] * 9)}]\n"
    for prev, name in zip(["", *"abcdefg"], "abcdefgh", strict=True))


def test_an_alias_bomb_is_refused_with_an_abridged_value() -> None:
    """Property: the refusal of a design holding it shows an abridged value (the full repr of
    the value for the message took 18 s at 8 levels, 9 times that per level more, and was then
    cut to a '... (N characters)' text), and the message stays short."""
    with pytest.raises(ValidationError) as info:
        sc.CellDesign.from_yaml(ALIAS_BOMB + EV.to_yaml().replace("description: ''",
                                                                  "description: *h"))
    message = str(info.value)
    assert info.value.field == "description" and len(message) < 1000
    assert "..." in message and "characters)" not in message  # abridged, never made in full


class _CountedLeaf:
    """A leaf that counts how often it is shown."""

    calls = 0

    def __repr__(self) -> str:
        type(self).calls += 1
        return "leaf"


def test_safe_repr_of_an_alias_bomb_shows_a_bounded_number_of_items() -> None:
    """Property: the work of ``safe_repr`` does not grow with the 43 million items of a list
    of 9 nested 8 deep (one object, as YAML aliases make it): at most 8 items per level, 3
    levels (``reprlib`` settings of :func:`solidcell.errors.safe_repr`)."""
    from solidcell.errors import safe_repr

    bomb: list = [_CountedLeaf()] * 9
    for _ in range(7):
        bomb = [bomb] * 9
    _CountedLeaf.calls = 0
    text = safe_repr(bomb)
    assert _CountedLeaf.calls <= 8 ** 3 and len(text) < 10_000  # 43e6 items: 2.6e8 characters


def test_safe_repr_is_repr_for_ordinary_values() -> None:
    from solidcell.errors import safe_repr

    for value in ([1, 2.5, "x"], {"a": [1, 2]}, (1,), "text", 3.0, list(range(10_000))):
        assert safe_repr(value) == repr(value)
    assert len(safe_repr([list(range(10_000))] * 10)) < 500


def test_a_design_file_with_a_byte_order_mark_reads_as_without(tmp_path: Path) -> None:
    """A JSON design saved with a BOM (Windows Notepad) was refused ("Unexpected UTF-8 BOM"),
    although the materials import reads such files."""
    for suffix, text in ((".json", EV.to_json()), (".yaml", EV.to_yaml())):
        path = tmp_path / f"design{suffix}"
        path.write_text(text, encoding="utf-8-sig")
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
        assert sc.CellDesign.from_file(path) == EV


# --- any value at all: a result or solidcell's error ---------------------------------------

ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(), st.text(max_size=12), st.binary(max_size=4),
    st.lists(st.floats(), max_size=3), st.dictionaries(st.text(max_size=3), st.floats(),
                                                       max_size=2),
    st.floats(width=32).map(np.float32), st.floats().map(np.array),
    st.lists(st.floats(), min_size=1, max_size=3).map(pd.Series),
    st.sampled_from([Q(25, "degC"), Q(1, "m"), Q(np.array([1.0, 2.0]), "K"), object(),
                     Path("x.yaml"), -0.0, 5e-324, np.int64(3), np.bool_(True)]))

CALLS = {
    "theoretical_capacity(electrons)": lambda v: sc.theoretical_capacity("LiFePO4", v),
    "theoretical_capacity(formula)": lambda v: sc.theoretical_capacity(v),
    "conductivity_at(temperature)": lambda v: sc.conductivity_at("li6ps5cl", v),
    "get_material": lambda v: sc.get_material(v),
    "evaluate(max_polarisation_V)": lambda v: sc.evaluate(EV, max_polarisation_V=v),
    "evaluate(charged)": lambda v: sc.evaluate(EV, charged=v),
    "cite(obj)": lambda v: sc.cite(v),
    "cite(style)": lambda v: sc.cite("codata2018", style=v),
    "stability_window(scheme)": lambda v: sc.stability_window("Li3PS4", scheme=v),
    "predict_conductivity(level)": lambda v: sc.predict_conductivity("Li6PS5Cl", level=v),
    "units.parse(value)": lambda v: sc.units.parse(v, "length"),
    "units.parse(kind)": lambda v: sc.units.parse("1 m", v),
    "units.format_number(digits)": lambda v: sc.units.format_number(1.5, v),
    "CellDesign.replace(temperature_K)": lambda v: EV.replace(temperature_K=v),
    "CellDesign.model_copy(first_cycle_loss)": lambda v: EV.model_copy(
        update={"first_cycle_loss": v}),
    "Material.get(temperature)": lambda v: sc.get_material("li6ps5cl").get(
        "ionic_conductivity", v),
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(CALLS)), value=ANYTHING)
def test_any_value_gives_a_result_or_solidcells_error(name: str, value: object) -> None:
    """Property: no bare TypeError, KeyError, OverflowError, ZeroDivisionError or pint
    error, whatever is passed."""
    with contextlib.suppress(SolidcellError):
        CALLS[name](value)


def test_conductivity_near_zero_kelvin_is_zero_not_nan() -> None:
    """At 5e-324 K (1/T overflows) the Arrhenius sigma*T form gave NaN with RuntimeWarnings
    (found by the property above); its limit T -> 0 is 0, as at 1e-300 K."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = sc.conductivity_at("li6ps5cl", [5e-324, 1e-300, 298.15])
    sigma = result.ionic_conductivity_S_m
    assert sigma[0] == 0.0 and sigma[1] == 0.0
    assert sigma[2] == pytest.approx(sc.conductivity_at("li6ps5cl", 298.15)
                                     .ionic_conductivity_S_m, rel=1e-12)


def test_threads_writing_good_and_bad_materials_lose_nothing(tmp_path: Path, open_store) -> None:
    """Four threads share one store, each adding good materials and refused ones: every good
    one is stored, no refused one, and no error but solidcell's."""
    import threading

    store = open_store(tmp_path / "threads.sqlite")
    unexpected: list[BaseException] = []
    bad_density = {**MINE["properties"][0], "value": -1.0}

    def write(k: int) -> None:
        for i in range(5):
            try:
                store.add({**MINE, "id": f"t{k}_{i}"})
                with pytest.raises(ValidationError):
                    store.add({**MINE, "id": f"bad{k}_{i}", "properties": [bad_density]})
            except BaseException as exc:  # reported below
                unexpected.append(exc)

    threads = [threading.Thread(target=write, args=(k,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert unexpected == []
    stored = [m.id for m in open_store(tmp_path / "threads.sqlite").list(origin="user")]
    assert stored == sorted(f"t{k}_{i}" for k in range(4) for i in range(5))


# --- methods of the results ---------------------------------------------------------------

OXIDE = sc.CellDesign.from_file(EXAMPLES / "oxide-lco-llzo-li.yaml")


@pytest.mark.parametrize("columns", [None, 5, 1.5, "abc", [1.0], np.float64(1.0),
                                     np.array([1.0]), {}, {"x": [1.0]}])
def test_cost_model_from_energy_without_the_columns(columns: object) -> None:
    """Was TypeError ('NoneType' object is not subscriptable), IndexError or KeyError."""
    model = sc.cost_model(OXIDE)
    with pytest.raises(ValidationError) as info:
        model.from_energy(columns)
    assert info.value.field == "columns"


def test_cost_model_from_energy_reads_a_batch_and_its_frame_alike() -> None:
    model, batch = sc.cost_model(OXIDE), sc.evaluate_many([OXIDE])
    from_batch, from_frame = model.from_energy(batch), model.from_energy(batch.to_frame())
    assert np.array_equal(from_batch[0], from_frame[0])
    assert np.array_equal(from_batch[1], from_frame[1])


@pytest.mark.parametrize("potential", [None, "2 V", [2.0], np.array([1.0, 2.0]), math.nan,
                                       True, HUGE])
def test_window_contains_refuses_what_is_no_potential(potential: object) -> None:
    """None and text raised TypeError, arrays "truth value ... ambiguous"; NaN was False."""
    window = sc.stability_window("Li3PS4")
    with pytest.raises(ValidationError) as info:
        window.contains(potential)  # type: ignore[arg-type]
    assert info.value.field == "potential_V"


def test_window_contains_at_its_limits() -> None:
    window = sc.stability_window("Li3PS4")
    low, high = window.reduction_limit_V, window.oxidation_limit_V
    assert low < high
    assert window.contains(low) and window.contains(high)
    assert window.contains(np.float64((low + high) / 2)) and window.contains(np.array(low))
    assert not window.contains(math.inf) and not window.contains(low - 1.0)


@pytest.mark.parametrize("level", [np.array(["cell", "pack"]), pd.Series(["cell"]), ["cell"],
                                   None, 1])
def test_energy_result_level_of_another_type(level: object) -> None:
    """Arrays raised "truth value ... is ambiguous", a list "unhashable"."""
    with pytest.raises(ValidationError) as info:
        sc.evaluate(EV).level(level)  # type: ignore[arg-type]
    assert info.value.field == "level"
