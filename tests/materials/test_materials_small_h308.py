"""Small defects of the materials store (H308): a measurement without a temperature and the same
one at 298.15 K were stored twice, an activation energy took a single temperature, an import
read a file of any size, ``query(temperature_tolerance=...)`` refused a pint Quantity, and
``cite(' lgps')`` listed a key with spaces at its ends as the user's own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import solidcell as sc
from clirun import assert_one_line_error, run
from solidcell.errors import ImportRejected, ValidationError
from solidcell.materials import store as store_module
from solidcell.materials.schema import PROPERTIES, PropertyValue, temperature_properties
from solidcell.materials.store import ROOM_TEMPERATURE_K, MaterialStore
from solidcell.units import KINDS, registry


def Q_(value, unit):
    return registry().Quantity(value, unit)


#: properties whose value without a temperature counts as room temperature (docs/database.md)
DEPENDENT = sorted(n for n, spec in PROPERTIES.items() if spec.temperature_dependent)
#: room temperature (ROOM_TEMPERATURE_K, docs/conventions.md) as a value may write it
ROOM = ["25 degC", "298.15 K", 298.15, "25.0 °C"]


def _measurement(name: str, temperature: object = None, source: str = "lab-h308") -> dict:
    record = {"name": name, "value": 1e-3, "unit": KINDS[PROPERTIES[name].kind],
              "method": "measured", "source": source}
    return record if temperature is None else {**record, "temperature": temperature}


# --- 1) a value without a temperature is the same measurement as one at 298.15 K ---------------

@settings(max_examples=15, deadline=None)
@given(name=st.sampled_from(DEPENDENT), room=st.sampled_from(ROOM), bare_first=st.booleans())
def test_without_a_temperature_and_at_room_temperature_is_one_measurement(
        tmp_path_factory, name, room, bare_first):
    first, second = _measurement(name), _measurement(name, room)
    if not bare_first:
        first, second = second, first
    with MaterialStore(tmp_path_factory.mktemp("db") / "m.sqlite") as store:
        pk = store.add_measurement("llzo", first)
        with pytest.raises(ValidationError) as err:
            store.add_measurement("llzo", second)
        assert err.value.field == "measurement"
        assert f"your measurement {pk}" in err.value.allowed
        assert [m[0] for m in store.measurements("llzo")] == [pk]  # nothing lost, nothing added


def test_an_import_refuses_the_same_value_at_room_temperature(fresh_db, tmp_path, open_store):
    """The store's rule applies to an import (against the database and within the file), and a
    refused file writes nothing."""
    store = open_store(fresh_db)
    pk = store.add_measurement("llzo", _measurement("ionic_conductivity"))
    path = tmp_path / "rows.csv"
    path.write_text("id,property,value,unit,temperature,method,source\n"
                    "llzo,ionic_conductivity,0.001,S/m,25 degC,measured,lab-h308\n"
                    "llzo,density,5,g/cm3,,measured,lab-h308\n"
                    "llzo,density,5,g/cm3,,measured,lab-h308-b\n"
                    "llzo,bulk_ionic_conductivity,1,mS/cm,,measured,lab-h308\n"
                    "llzo,bulk_ionic_conductivity,0.1,S/m,298.15,measured,lab-h308\n",
                    "utf-8")
    with pytest.raises(ImportRejected) as err:
        store.import_file(path)
    problems = err.value.problems
    assert len(problems) == 2, problems
    assert problems[0].startswith("row 2:") and f"your measurement {pk}" in problems[0]
    assert problems[1].startswith("row 6:") and "repeats row 5" in problems[1]
    assert [m[0] for m in store.measurements()] == [pk]


def test_another_temperature_or_a_property_without_room_rule_stays_new(tmp_path):
    """Only the room temperature of the rule: 60 degC is another measurement; a density (no
    temperature-dependent property) without a temperature is not said to be at 298.15 K."""
    assert not PROPERTIES["density"].temperature_dependent
    with MaterialStore(tmp_path / "m.sqlite") as store:
        store.add_measurement("llzo", _measurement("ionic_conductivity"))
        store.add_measurement("llzo", _measurement("ionic_conductivity", "60 degC"))
        store.add_measurement("llzo", _measurement("ionic_conductivity", "298.16 K"))
        store.add_measurement("llzo", {"name": "density", "value": 5, "unit": "g/cm3",
                                       "method": "measured", "source": "lab-h308"})
        store.add_measurement("llzo", {"name": "density", "value": 5, "unit": "g/cm3",
                                       "method": "measured", "source": "lab-h308",
                                       "temperature": "25 degC"})
        assert len(store.measurements("llzo")) == 5


def test_measure_refuses_the_same_value_typed_with_25_degC(tmp_path, capsys):
    db = str(tmp_path / "m.sqlite")
    args = ["materials", "measure", "llzo", "--property", "ionic_conductivity", "--value",
            "0.5 mS/cm", "--source", "lab-h308", "--db", db]
    code, _, _ = run(args, capsys)
    assert code == 0
    assert_one_line_error(*run([*args, "--temperature", "25 degC"], capsys),
                          "already holds this ionic_conductivity", "your measurement",
                          f"without a temperature is at {ROOM_TEMPERATURE_K:g} K")


# --- 2) an activation energy holds over a temperature range, not at one temperature ----------

@pytest.mark.parametrize("temperature", ["25 degC", 298.15, "400 K"])
def test_an_activation_energy_takes_no_single_temperature(temperature):
    with pytest.raises(ValidationError) as err:
        PropertyValue(name="activation_energy", value=0.3, unit="eV", method="measured",
                      source="lab", temperature=temperature)
    assert (err.value.field, err.value.value) == ("temperature", temperature)
    assert "temperature_min and temperature_max" in err.value.allowed
    assert "activation_energy" not in temperature_properties()
    # the range it was fitted to, or nothing, is taken
    fitted = PropertyValue(name="activation_energy", value=0.3, unit="eV", method="measured",
                           source="lab", temperature_min="25 degC", temperature_max="100 degC")
    assert fitted.measured_range == pytest.approx((298.15, 373.15))
    assert fitted.temperature is None


def test_measure_and_import_refuse_an_activation_energy_at_one_temperature(tmp_path, capsys):
    db = str(tmp_path / "m.sqlite")
    assert_one_line_error(*run(["materials", "measure", "llzo", "--property",
                                "activation_energy", "--value", "0.3 eV", "--source", "lab",
                                "--temperature", "25 degC", "--db", db], capsys),
                          "--temperature: '25 degC' is not allowed",
                          "no single temperature for activation_energy",
                          # the options that give that range (H318: --temperature-min/-max)
                          "that range as --temperature-min and --temperature-max")
    path = tmp_path / "ea.csv"
    path.write_text("id,property,value,unit,temperature,method,source\n"
                    "llzo,activation_energy,0.3,eV,25 degC,measured,lab\n", "utf-8")
    code, _, err = run(["materials", "import", str(path), "--db", db], capsys)
    assert code == 2 and "row 2:" in err and "no single temperature" in err, err
    with MaterialStore(db) as store:
        assert store.measurements() == []


# --- 3) an import reads at most MAX_IMPORT_BYTES ------------------------------------------------

def test_the_cap_is_a_documented_setting():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "database.md").read_text("utf-8")
    assert store_module.MAX_IMPORT_BYTES == 8 * 2**20
    assert "MAX_IMPORT_BYTES" in doc and "8 MiB" in doc


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_a_file_over_the_cap_is_refused_and_nothing_is_lost(tmp_path, monkeypatch, suffix):
    """A small cap stands for the real one: the file's size, the cap and what to do are said,
    before anything is read; the database keeps what it held."""
    rows = ("id,property,value,unit,method,source\nllzo,density,5,g/cm3,measured,lab\n"
            if suffix == ".csv" else json.dumps([{**_measurement("ionic_conductivity"),
                                                  "material": "llzo"}]))
    path = tmp_path / f"rows{suffix}"
    path.write_text(rows, "utf-8")
    size = path.stat().st_size
    with MaterialStore(tmp_path / "m.sqlite") as store:
        kept = store.add_measurement("llzo", _measurement("ionic_conductivity", "60 degC"))
        monkeypatch.setattr(store_module, "MAX_IMPORT_BYTES", size - 1)
        with pytest.raises(ValidationError) as err:
            store.import_file(path)
        assert (err.value.field, err.value.value) == ("path", str(path))
        assert f"at most {size - 1} bytes" in err.value.allowed
        assert f"has {size} bytes" in err.value.allowed and "split it" in err.value.allowed
        assert [m[0] for m in store.measurements()] == [kept]
        monkeypatch.setattr(store_module, "MAX_IMPORT_BYTES", size)  # at the cap: read
        assert sum(store.import_file(path).values()) == 1


def test_a_file_that_grew_past_the_cap_is_not_read_beyond_it(tmp_path, monkeypatch):
    """Its size on disk said it fitted; the read stops at the cap and refuses it."""
    path = tmp_path / "rows.csv"
    path.write_bytes(b"x" * 100)
    monkeypatch.setattr(store_module, "MAX_IMPORT_BYTES", 10)
    real_stat = Path.stat

    def small_stat(self, *args, **kwargs):
        result = real_stat(self, *args, **kwargs)
        if self == path:
            return type("S", (), {"st_size": 5})()
        return result

    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(ValidationError, match="more than 10 bytes"):
        store_module.read_import_bytes(path)


def test_cli_import_and_add_refuse_a_file_over_the_cap(tmp_path, monkeypatch, capsys):
    db = str(tmp_path / "m.sqlite")
    csv_file = tmp_path / "rows.csv"
    csv_file.write_text("id,property,value,unit,method,source\n"
                        "llzo,density,5,g/cm3,measured,lab\n", "utf-8")
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text("id: mine\nname: Mine\ncategory: additive\n", "utf-8")
    monkeypatch.setattr(store_module, "MAX_IMPORT_BYTES", 20)
    assert_one_line_error(*run(["materials", "import", str(csv_file), "--db", db], capsys),
                          "file:", "at most 20 bytes", "MAX_IMPORT_BYTES", "split it")
    assert_one_line_error(*run(["materials", "add", str(yaml_file), "--db", db], capsys),
                          "file:", "at most 20 bytes")
    with MaterialStore(db) as store:
        assert store.measurements() == [] and "mine" not in store


# --- 4) temperature_tolerance is a temperature difference -------------------------------------

@pytest.mark.parametrize("tolerance", [5, 5.0, "5 K", "5 delta_degC", Q_(5, "K"),
                                       Q_(5, "delta_degC"), Q_(9, "delta_degF")])
def test_a_tolerance_of_5_kelvin_in_any_form(tmp_path, tolerance):
    """5 K of difference (9 delta_degF is 5 K) matches what the default 5 K matches."""
    with MaterialStore(tmp_path / "m.sqlite") as store:
        query = dict(property="ionic_conductivity", temperature="60 degC")
        assert [m.id for m in store.query(**query, temperature_tolerance=tolerance)] == \
            [m.id for m in store.query(**query)]


@pytest.mark.parametrize("tolerance", [Q_(5, "degC"), "5 degC", Q_(5, "degF"), Q_(5, "m"),
                                       Q_(-1, "K"), "-1 K", "five"])
def test_a_temperature_or_no_difference_is_refused(tmp_path, tolerance):
    """Q_(5, 'degC') is the temperature 278.15 K: read as a tolerance it matched almost any
    value; it is refused, saying what a difference is."""
    with MaterialStore(tmp_path / "m.sqlite") as store, pytest.raises(ValidationError) as err:
        store.query(property="ionic_conductivity", temperature_tolerance=tolerance)
    assert err.value.field == "temperature_tolerance"


@settings(max_examples=40, deadline=None)
@given(kelvin=st.floats(0, 1e3, allow_nan=False))
def test_a_tolerance_in_kelvin_and_in_delta_degC_is_the_same(kelvin):
    from solidcell.materials.store import _tolerance

    assert _tolerance(Q_(kelvin, "delta_degC")) == pytest.approx(kelvin)
    assert _tolerance(Q_(kelvin, "K")) == pytest.approx(kelvin)
    assert _tolerance(kelvin) == kelvin


# --- 5) cite: a key or id with spaces at its ends ---------------------------------------------

@settings(max_examples=20, deadline=None)
@given(what=st.sampled_from(["lgps", "obelix2025", "llzo"]),
       left=st.sampled_from(["", " ", "\t"]), right=st.sampled_from(["", " ", "\n"]))
def test_cite_names_the_spaces_at_the_ends(what, left, right):
    if not left and not right:
        assert sc.cite(what, style="text")
        return
    with pytest.raises(ValidationError) as err:
        sc.cite(f"{left}{what}{right}", style="text")
    assert err.value.field == "obj"
    assert "spaces or line breaks at its ends" in err.value.allowed
    assert err.value.allowed.endswith(f"did you mean {what}?")


def test_cite_still_lists_a_users_own_key():
    assert "your source" in sc.cite(" my-lab-page ", style="text")


@pytest.mark.parametrize("what, hint", [(" lgps", "did you mean lgps?"),
                                        ("obelix2025 ", "did you mean obelix2025?"),
                                        (" zzqqxx", "`solidcell cite --text` lists the keys")])
def test_cli_cite_names_the_spaces_at_the_ends(what, hint, capsys):
    assert_one_line_error(*run(["cite", what], capsys),
                          f"what: {what!r} is not allowed",
                          "spaces or line breaks at its ends", hint)
