"""A new user's walk through the command line (README tour, every command's --help, bad input):
each refusal is one ``error:`` line naming the field, exit code 2, no traceback, nothing written
and nothing already stored lost; help texts keep their units; --json output is JSON alone."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
NOT_UTF8 = b"\xff\xfe\x00bad"


def _commands():
    """(command words, callback) of every command, sub-commands included."""
    from solidcell.cli import app

    def walk(group, prefix):
        for info in group.registered_commands:
            yield [*prefix, info.name or info.callback.__name__], info.callback
        for sub in group.registered_groups:
            yield from walk(sub.typer_instance, [*prefix, sub.name])

    return list(walk(app, []))


@pytest.mark.parametrize("words, callback", _commands(), ids=lambda x: " ".join(x)
                         if isinstance(x, list) else "")
def test_units_in_brackets_stay_in_the_help(words, callback, capsys, monkeypatch):
    """Rich read '[ps]', '[fs]' and '[deg]' as style tags and dropped them: `md --help` said
    'Production length per temperature .' and `predict --help` lost the unit of the angles."""
    monkeypatch.setenv("COLUMNS", "250")
    code, out, _ = run([*words, "--help"], capsys)
    assert code == 0
    flat = " ".join(out.replace("│", " ").split())
    for param in inspect.signature(callback).parameters.values():
        text = getattr(param.default, "help", None)
        for unit in re.findall(r"\[[^\]\s]+\]", text or ""):
            assert unit.replace("\\", "") in flat, (words, unit)


def test_md_help_names_its_units(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    _, out, _ = run(["md", "--help"], capsys)
    assert "per temperature [ps]" in out and "Time step [fs]" in out


def test_predict_json_of_several_inputs_is_json_alone(capsys):
    """With three inputs the stability-window progress (rich's track on stdout) printed a blank
    line before the JSON."""
    code, out, _ = run(["predict", "Li6PS5Cl", "Li3PS4", "Li7P3S11", "--json"], capsys)
    assert code == 0
    assert out.startswith("[")
    assert [p["Formula"] for p in json.loads(out)] == ["Li6PS5Cl", "Li3PS4", "Li7P3S11"]


def test_cite_of_a_file_that_is_not_utf8_is_refused(tmp_path, capsys):
    """Used to end in a UnicodeDecodeError traceback."""
    path = tmp_path / "result.json"
    path.write_bytes(NOT_UTF8)
    assert_one_line_error(*run(["cite", str(path)], capsys), "file", "result.json", "UTF-8")


def test_cite_names_what_it_accepts(tmp_path, capsys):
    """A missing .json file or a folder was looked up as a material id; an unknown word was
    refused as a material only, though a source key is accepted too."""
    assert_one_line_error(*run(["cite", str(tmp_path / "missing.json")], capsys),
                   "missing.json", "does not exist")
    assert_one_line_error(*run(["cite", str(tmp_path)], capsys), "is a folder")
    assert_one_line_error(*run(["cite", "no_such_thing"], capsys), "'no_such_thing'", "source key",
                   "material id")
    code, out, _ = run(["cite", "murugan2007", "--text"], capsys)  # a key still works
    assert code == 0 and "[murugan2007]" in out


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_import_of_a_file_that_is_not_utf8_changes_nothing(suffix, tmp_path, fresh_db, capsys,
                                                              open_store):
    """Used to end in a UnicodeDecodeError traceback."""
    code, _, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                        "--value", "0.4 mS/cm", "--source", "my-lab", "--db", fresh_db], capsys)
    assert code == 0, err
    path = tmp_path / f"rows{suffix}"
    path.write_bytes(NOT_UTF8)
    assert_one_line_error(*run(["materials", "import", str(path), "--db", fresh_db], capsys),
                   "file:", path.name, "UTF-8")

    kept = open_store(fresh_db).measurements("llzo")
    assert [(m, v.source) for _, m, v in kept] == [("llzo", "my-lab")]


@pytest.mark.parametrize("command, name", [("import", "rows.csv"), ("export", "rows.txt")])
def test_import_and_export_name_the_file_argument(command, name, tmp_path, fresh_db, capsys):
    """The store's parameter 'path' is the command's FILE (the refusal said 'path: ...')."""
    code, out, err = run(["materials", command, str(tmp_path / name), "--db", fresh_db], capsys)
    assert_one_line_error(code, out, err, "file:", name)
    assert not err.startswith("error: path")


@pytest.mark.parametrize("material, category", [("nmc811", "cathode"), ("li_metal", "anode")])
def test_ccd_refuses_a_material_that_is_not_an_electrolyte(material, category, capsys):
    """`ccd nmc811 --toughness ...` printed a plating CCD of a Li | NMC811 'separator'."""
    assert_one_line_error(*run(["ccd", material, "--flaw-size", "5 um", "--toughness",
                         "1 MPa*m**0.5"], capsys), "electrolyte:", repr(material), category)


def test_ccd_without_a_toughness_names_the_option(capsys):
    """The refusal named the Python argument (fracture_toughness_Pa_m05), not --toughness."""
    code, out, err = run(["ccd", "peo_litfsi", "--flaw-size", "5 um"], capsys)
    assert_one_line_error(code, out, err, "--toughness", "peo_litfsi")
    assert "fracture_toughness_Pa_m05" not in err
    code, out, _ = run(["ccd", "peo_litfsi", "--flaw-size", "5 um", "--toughness",
                        "0.5 MPa*m**0.5", "--json"], capsys)
    assert code == 0 and json.loads(out)


def test_capacity_without_li_names_the_option(capsys):
    """Was 'electrons: None is not allowed; ...'."""
    code, out, err = run(["capacity", "H2O"], capsys)
    assert_one_line_error(code, out, err, "--electrons", "'H2O'")
    assert "None" not in err


def test_demo_with_a_bad_design_writes_nothing(tmp_path, capsys):
    """The materials overview used to be written to --out before the design was read."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(EV.read_text("utf-8").replace("thickness: 80 um", "thickness: 30 kg"),
                   encoding="utf-8")
    out_dir = tmp_path / "out"
    assert_one_line_error(*run(["demo", "--design", str(bad), "--out", str(out_dir)], capsys),
                   "cathode.thickness", "'30 kg'")
    assert not out_dir.exists()
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(EV.read_text("utf-8").replace("active_material: nmc811",
                                                     "active_material: nmc999"),
                       encoding="utf-8")
    assert_one_line_error(*run(["demo", "--design", str(unknown), "--out", str(out_dir)], capsys),
                   "'nmc999'")
    assert not out_dir.exists()


def test_measure_takes_a_text_for_a_text_property(fresh_db, capsys, open_store):
    """`measure --property air_stability --value '...'` was refused as 'not a number followed
    by a unit', so a text property could not be measured from the command line."""
    text = "releases H2S in moist air"
    code, _, err = run(["materials", "measure", "li6ps5cl", "--property", "air_stability",
                        "--value", text, "--source", "my-lab", "--db", fresh_db], capsys)
    assert code == 0, err

    [(_, _, value)] = open_store(fresh_db).measurements("li6ps5cl")
    assert value.name == "air_stability" and value.text == text
    assert_one_line_error(*run(["materials", "measure", "li6ps5cl", "--property", "air_stability",
                         "--value", " ", "--source", "my-lab", "--db", fresh_db], capsys),
                   "--value", "text")
    assert_one_line_error(*run(["materials", "measure", "li6ps5cl", "--property", "density",
                         "--value", "dense", "--source", "my-lab", "--db", fresh_db], capsys),
                   "--value", "'dense'")


@pytest.mark.parametrize("given, missing", [(["--space-group", "216"], "--lattice"),
                                            (["--lattice", "9.8,9.8,9.8,90,90,90"],
                                             "--space-group")])
def test_predict_names_the_missing_crystal_option(given, missing, capsys):
    """Was '--lattice: None is not allowed; given together with --space-group'."""
    code, out, err = run(["predict", "Li6PS5Cl", *given], capsys)
    assert_one_line_error(code, out, err, f"{given[0]} needs {missing}")
    assert "None" not in err


def test_measurements_can_be_listed_and_deleted(fresh_db, capsys, open_store):
    """`measure` printed an id that no command took: a wrong value on a curated material
    could not be removed from the command line."""
    db = ["--db", fresh_db]
    code, out, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                          "--value", "0.4 mS/cm", "--temperature", "25 degC",
                          "--source", "my-lab", "--json", *db], capsys)
    assert code == 0, err
    pk = json.loads(out)["measurement"]
    code, out, _ = run(["materials", "measurements", "llzo", "--json", *db], capsys)
    [row] = json.loads(out)
    assert row["measurement"] == pk and row["value"] == 0.4 and row["source"] == "my-lab"
    code, out, _ = run(["materials", "show", "llzo", *db], capsys)  # marked, with its id
    assert code == 0 and f"(your measurement {pk})" in out
    assert out.count("(your measurement") == 1

    curated = open_store(fresh_db).get("llzo", with_measurements=False).properties
    code, out, _ = run(["materials", "delete-measurement", str(pk), *db], capsys)
    assert code == 0 and f"deleted measurement {pk}" in out
    assert open_store(fresh_db).measurements() == []
    assert open_store(fresh_db).get("llzo").properties == curated  # curated values stay
    assert_one_line_error(*run(["materials", "delete-measurement", str(pk), *db], capsys),
                   "measurement:", str(pk))
    assert_one_line_error(*run(["materials", "measurements", "no_such_id", *db], capsys),
                   "'no_such_id'")


def test_delete_measurement_never_deletes_a_curated_value(fresh_db, capsys, open_store):
    """Ids of curated rows share the key space of measurements; they are not yours to delete."""

    before = [m.model_dump() for m in open_store(fresh_db).list()]
    for pk in ("1", "2", "3"):
        assert_one_line_error(
            *run(["materials", "delete-measurement", pk, "--db", fresh_db], capsys),
            "measurement:")
    assert [m.model_dump() for m in open_store(fresh_db).list()] == before


def test_interfaces_table_says_which_column_is_the_electrolyte(capsys, monkeypatch):
    """Columns 'first' and 'second' read 'li6ps5cl', 'nmc811' beside the interface
    'cathode active | catholyte': the electrolyte is always the first of the pair."""
    monkeypatch.setenv("COLUMNS", "250")
    code, out, err = run(["interfaces", str(EV)], capsys)
    assert code == 0, err
    header = next(line for line in out.splitlines() if "interface" in line and "status" in line)
    assert re.search(r"electrolyte\s*┃\s*against", header), header
    row = next(line for line in out.splitlines() if "cathode active | catholyte" in line)
    assert row.index("li6ps5cl") < row.index("nmc811")


@pytest.mark.parametrize("design, shown", [(EV, False),
                                           (EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml",
                                            True)])
def test_evaluate_shows_the_3d_filling_only_for_a_3d_design(design, shown, capsys):
    """A planar cell's breakdown had an 'electrolyte filling (3D)' row of zeros."""
    code, out, err = run(["evaluate", str(design)], capsys)
    assert code == 0, err
    assert ("electrolyte filling (3D)" in out) is shown


def test_query_refuses_a_lower_bound_above_the_upper_one(capsys):
    """--min 10 mS/cm --max 1 mS/cm answered '0 materials match' as if it were a query."""
    assert_one_line_error(*run(["materials", "query", "--property", "ionic_conductivity", "--min",
                         "10 mS/cm", "--max", "1 mS/cm"], capsys),
                   "--min", "'10 mS/cm'", "--max", "'1 mS/cm'")
    code, _, err = run(["materials", "query", "--property", "ionic_conductivity", "--min",
                        "1 mS/cm", "--max", "1 mS/cm"], capsys)
    assert code == 0, err


def test_library_warnings_are_one_line_each(tmp_path, capsys):
    """A design named in Chinese made matplotlib warn of missing glyphs in Python's format (the
    library's path, line number and source line); now one 'warning:' line per text."""
    design = tmp_path / "named.yaml"
    design.write_text(EV.read_text("utf-8").replace(
        "name: EV pouch NMC811 | Li6PS5Cl | Li", 'name: "Zelle 电池"'), encoding="utf-8")
    code, _out, err = run(["rate-capability", str(design), "--fast", "--plot",
                          str(tmp_path / "rates.png")], capsys)
    assert code == 0, err
    lines = err.splitlines()
    assert any(line.startswith("warning: Glyph") for line in lines), err
    assert all(line.startswith("warning: ") for line in lines), err
    assert len(lines) == len(set(lines))
    assert ".py:" not in err and "UserWarning" not in err


@pytest.mark.parametrize("command", ["compare", "crossover"])
@pytest.mark.parametrize("old, new, words", [
    ("thickness: 80 um", "thickness: 30 kg", ["cathode.thickness: '30 kg'"]),  # key as written
    ("active_material: nmc811", "active_material: nmc999", ["cathode.active_material"])])
def test_commands_of_several_designs_name_the_bad_file(command, old, new, words, tmp_path,
                                                       capsys):
    """With two files, the refusal did not say which of them was bad."""
    bad = tmp_path / "second-design.yaml"
    bad.write_text(EV.read_text("utf-8").replace(old, new), encoding="utf-8")
    assert_one_line_error(*run([command, str(EV), str(bad)], capsys),
                   "error: second-design.yaml: ", *words)


def test_compare_table_is_readable_at_a_terminal_width(capsys, monkeypatch):
    """Fourteen columns, one per quantity, were cut to 'arch…', 'inter…', '(deg…' at 120
    characters; now one row per quantity, whose labels are never cut."""
    monkeypatch.setenv("COLUMNS", "120")
    code, out, err = run(["compare", *map(str, sorted(EXAMPLES.glob("*.yaml")))], capsys)
    assert code == 0, err
    lines = out.splitlines()
    for label in ("architecture", "stack Wh/kg", "cell Wh/L", "max C-rate (1/h)",
                  "interface/footprint", "ion path (um)", "voltage (V)", "T (degC)"):
        assert any(line.startswith(f"│ {label} ") for line in lines), label
    assert max(len(line) for line in lines if line.startswith("│")) <= 120


def test_options_that_would_be_ignored_are_refused(capsys):
    """`simulate --curves` without --json and `rate-capability --fast --mesh fine` ran as if
    the option had not been given."""
    assert_one_line_error(*run(["simulate", str(EV), "--curves"], capsys), "--curves needs --json")
    assert_one_line_error(*run(["rate-capability", str(EV), "--fast", "--mesh", "fine"], capsys),
                   "--mesh", "'fine'", "--fast")
    code, _, err = run(["rate-capability", str(EV), "--fast", "--rates", "1"], capsys)
    assert code == 0, err
