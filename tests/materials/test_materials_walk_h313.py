"""Messages of the materials commands found in a new user's walk (add, measure, export,
import, list, cite):

1. an import refused for several problems printed them run together on one line ("... already
   exists in the database row 3: measurement ..."): they are numbered and separated;
2. a "sigma RT" cell that is the geometric mean of a review range (pan_gpe 0.003162) looked like
   one value: it is marked and explained under the table;
3. a YAML file with a tab in its indentation: `materials add` and a design name the line and say
   to indent with spaces, in one wording;
4. `materials add`/`import` of a conductivity without a temperature say it counts as 298.15 K,
   as `materials measure` does;
5. `solidcell cite KEY` takes a source key of the user's own database.

Values: Li2ZrCl6 0.81 mS/cm at room temperature (Wang et al., Nat. Commun. 12, 2021, abstract;
``wang2021_li2zrcl6``), stored as a user's material; pan_gpe's 1e-3 to 1e-2 S/cm is the curated
range of ``srivastava_review`` (its geometric mean 10**-2.5 S/cm = 0.003162 S/cm)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clirun import assert_one_line_error, run
from solidcell.cli._common import one_line
from solidcell.materials.store import (
    MAX_LISTED_PROBLEMS,
    MaterialStore,
    RoomTemperatureNote,
    import_rejected,
)

LAB = "my-lab-2026"  # the user's own source key, in no bibliography


def _material(temperature: str | None = None, source: str = "wang2021_li2zrcl6") -> str:
    at = "" if temperature is None else f", temperature: {temperature}"
    return ("id: my_li2zrcl6\nname: Li2ZrCl6 (ball-milled)\nformula: Li2ZrCl6\n"
            "category: electrolyte\nelectrolyte_class: halide\nproperties:\n"
            f"  - {{name: ionic_conductivity, value: 0.81, unit: mS/cm{at}, method: measured, "
            f"source: {source}}}\n")


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "walk.sqlite")


def _add(tmp_path: Path, db: str, capsys, text: str) -> tuple[int, str, str]:
    path = tmp_path / "lzc.yaml"
    path.write_text(text, "utf-8")
    return run(["materials", "add", str(path), "--db", db], capsys)


# --- 1) several problems of a refused import, numbered on the one line ------------------------

def test_a_refused_import_numbers_its_problems(tmp_path, db, capsys, open_store) -> None:
    """The walk: add a material, measure llzo, export, import the export again: both rows are
    refused, each named and numbered, separated by '; ' (they ran together)."""
    assert _add(tmp_path, db, capsys, _material("25 degC"))[0] == 0
    code, _, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                        "--value", "0.4 mS/cm", "--temperature", "25 degC", "--source", LAB,
                        "--db", db], capsys)
    assert code == 0, err
    csv_file = tmp_path / "mine.csv"
    assert run(["materials", "export", str(csv_file), "--db", db], capsys)[0] == 0
    code, out, err = run(["materials", "import", str(csv_file), "--db", db], capsys)
    assert_one_line_error(code, out, err, "nothing was written: 1) row 2: id: 'my_li2zrcl6' "
                          "already exists in the database; 2) row 3: measurement: ")
    assert len(open_store(db).measurements()) == 1  # nothing lost, nothing added


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text("abc :'", min_size=1).map(str.strip).filter(bool), min_size=1,
                max_size=MAX_LISTED_PROBLEMS + 5))
def test_every_listed_problem_survives_the_one_line_form(problems: list[str]) -> None:
    """Property: on the command line's one line each listed problem is there whole, numbered
    where there are several; the others are counted; ``problems`` keeps them all."""
    exc = import_rejected(problems)
    line = one_line(str(exc))
    assert exc.problems == tuple(problems) and "\n" not in line
    listed = problems[:MAX_LISTED_PROBLEMS]
    if len(problems) == 1:
        assert line.endswith(f"nothing was written: {problems[0]}")
    for i, problem in enumerate(listed, 1):
        if len(problems) > 1:
            assert f"{i}) {problem}" + (";" if i < len(problems) else "") in line
    more = len(problems) - len(listed)
    assert (f"and {more} more problem" in line) == (more > 0)


# --- 2) a "sigma RT" that is the geometric mean of a range ------------------------------------

def _listing(capsys, *args: str) -> tuple[str, str]:
    code, out, err = run(["materials", "list", *args], capsys)
    assert code == 0, err
    return out, err


def test_a_range_mean_is_marked_and_explained(db, capsys) -> None:
    out, err = _listing(capsys, "--class", "gel_polymer", "--db", db)
    row = next(line for line in out.splitlines() if "pan_gpe" in line)
    assert "~0.003162" in row  # 10**-2.5 S/cm, the geometric mean of 1e-3 to 1e-2 S/cm
    notes = [line for line in err.splitlines() if "marked '~'" in line]
    assert len(notes) == 1 and "geometric mean of a range" in notes[0]
    assert "pan_gpe 0.001 to 0.01 S/cm" in notes[0]


def test_no_mark_and_no_note_without_a_range(db, capsys) -> None:
    out, err = _listing(capsys, "--class", "sulfide", "--db", db)
    assert "~" not in out and "marked" not in err


def test_marked_exactly_where_the_json_value_is_a_closed_range(db, capsys) -> None:
    """Property over every electrolyte: a cell is marked iff the room-temperature value the
    JSON gives comes from a closed range (min and max, no value); the JSON is unchanged."""
    from solidcell.materials.schema import RT_CONDUCTIVITY_KEY

    out, _ = _listing(capsys, "--category", "electrolyte", "--db", db)
    marked = {line.split()[1] for line in out.splitlines() if "~" in line}
    code, text, err = run(["materials", "list", "--category", "electrolyte", "--json",
                           "--db", db], capsys)
    assert code == 0, err
    ranged = set()
    for record in json.loads(text):
        sigma = record.get(RT_CONDUCTIVITY_KEY)
        if sigma is None:
            continue
        first = next(p for p in record["properties"] if p["name"] == "ionic_conductivity"
                     and abs(p.get("temperature", 298.15) - 298.15) <= 5 and
                     ("value" in p or ("min" in p and "max" in p)))
        if "value" not in first:
            ranged.add(record["id"])
    assert marked == ranged and {"pan_gpe", "llto"} <= ranged


# --- 3) a tab in a YAML file's indentation ----------------------------------------------------

TAB_HINT = "indent with spaces, not tabs"


def test_materials_add_names_the_tab(tmp_path, db, capsys) -> None:
    text = _material("25 degC").replace("  - {name", "\t- {name")
    code, out, err = _add(tmp_path, db, capsys, text)
    assert_one_line_error(code, out, err, "file: ", "is not valid YAML: ", "line 7",
                          TAB_HINT)
    assert "<unicode string>" not in err


def test_a_design_names_the_tab_in_the_same_words(tmp_path, capsys) -> None:
    source = Path(__file__).parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
    lines = source.read_text("utf-8").splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("  "))
    lines[i] = "\t" + lines[i][2:]
    design = tmp_path / "tabbed.yaml"
    design.write_text("\n".join(lines) + "\n", "utf-8")
    code, out, err = run(["evaluate", str(design)], capsys)
    assert_one_line_error(code, out, err, "is not valid YAML: ", f"line {i + 1}", TAB_HINT)


# --- 4) a conductivity without a temperature on add and import ---------------------------------

def test_add_without_a_temperature_says_it_counts_as_room_temperature(tmp_path, db,
                                                                        capsys) -> None:
    code, _, err = _add(tmp_path, db, capsys, _material())
    assert code == 0, err
    notes = [line for line in err.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1, err
    assert "lzc.yaml, entry 1: ionic_conductivity" in notes[0] and "298.15 K" in notes[0]


def test_add_with_a_temperature_gives_no_such_note(tmp_path, db, capsys) -> None:
    code, _, err = _add(tmp_path, db, capsys, _material("25 degC"))
    assert code == 0 and "no temperature given" not in err, err


def test_import_without_a_temperature_names_the_rows(tmp_path, db, capsys) -> None:
    csv_file = tmp_path / "m.csv"
    csv_file.write_text("id,property,value,unit,temperature,method,source\n"
                        f"llzo,ionic_conductivity,0.4,mS/cm,,measured,{LAB}\n"
                        f"llzo,ionic_conductivity,0.5,mS/cm,25 degC,measured,{LAB}\n"
                        f"llzo,density,5.1,g/cm3,,measured,{LAB}\n", "utf-8")
    code, _, err = run(["materials", "import", str(csv_file), "--db", db], capsys)
    assert code == 0, err
    notes = [line for line in err.splitlines() if "no temperature given" in line]
    # row 3 has its temperature and a density carries none: only row 2 is named
    assert len(notes) == 1 and "(row 2: ionic_conductivity)" in notes[0], err
    assert notes[0].startswith("note: ") and "298.15 K" in notes[0]


def test_update_without_a_temperature_says_so_too(tmp_path, db, capsys) -> None:
    assert _add(tmp_path, db, capsys, _material("25 degC"))[0] == 0
    path = tmp_path / "lzc.yaml"
    path.write_text(_material(), "utf-8")
    code, _, err = run(["materials", "update", str(path), "--db", db], capsys)
    assert code == 0, err
    notes = [line for line in err.splitlines() if "no temperature given" in line]
    assert len(notes) == 1 and "(my_li2zrcl6: ionic_conductivity)" in notes[0], err
    assert notes[0].startswith("note: ") and "298.15 K" in notes[0]


def test_the_python_api_warns_with_its_own_category(db) -> None:
    import yaml

    with MaterialStore(db) as store, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store.import_records([("entry 1", yaml.safe_load(_material()))])
    notes = [w for w in caught if issubclass(w.category, RoomTemperatureNote)]
    assert len(notes) == 1 and "entry 1: ionic_conductivity" in str(notes[0].message)


# --- 5) cite a source key of the user's database -----------------------------------------------

@pytest.fixture
def with_lab_key(tmp_path, db, capsys) -> str:
    """The database where a material of the user's and a measurement on llzo cite ``LAB``."""
    assert _add(tmp_path, db, capsys, _material("25 degC", source=LAB))[0] == 0
    code, _, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivity",
                        "--value", "0.4 mS/cm", "--temperature", "25 degC", "--source", LAB,
                        "--db", db], capsys)
    assert code == 0, err
    return db


def test_cite_takes_the_users_own_key(with_lab_key, capsys, open_store) -> None:
    db = with_lab_key
    [(pk, _, _)] = open_store(db).measurements()
    code, out, err = run(["cite", LAB, "--text", "--db", db], capsys)
    assert code == 0, err
    assert f"[{LAB}] your source, not in solidcell's bibliography" in out
    assert ("used in your database by: material my_li2zrcl6 (ionic_conductivity); "
            f"measurement {pk} on llzo (ionic_conductivity)") in out
    code, out, err = run(["cite", LAB, "--db", db], capsys)  # BibTeX: as comments
    assert code == 0 and all(line.startswith("%") for line in out.splitlines() if line), out
    code, out, err = run(["cite", LAB, "--json", "--db", db], capsys)
    assert code == 0, err
    assert json.loads(out)[0]["used_by"] == [
        {"material": "my_li2zrcl6", "property": "ionic_conductivity"},
        {"measurement": pk, "material": "llzo", "property": "ionic_conductivity"}]


def test_an_unknown_key_is_still_refused_with_close_ones(with_lab_key, capsys) -> None:
    assert_one_line_error(*run(["cite", "my-lab-2025", "--db", with_lab_key], capsys),
                          "what: 'my-lab-2025'", "did you mean my-lab-2026?")


def test_store_source_uses_and_the_python_cite(with_lab_key, monkeypatch, open_store) -> None:
    import solidcell as sc
    from solidcell.citations import USER_SOURCE

    store = open_store(with_lab_key)
    assert [u["material"] for u in store.source_uses(LAB)] == ["my_li2zrcl6", "llzo"]
    assert store.source_uses("wang2021_li2zrcl6") == []  # a bibliography key, not of yours
    monkeypatch.setenv("SOLIDCELL_DB", with_lab_key)
    # with the uses of the key, as `solidcell cite KEY` (H318: the line was the CLI's only)
    [(pk, _, _)] = store.measurements()
    assert sc.cite(LAB, style="text") == (
        f"[{LAB}] {USER_SOURCE}\n[{LAB}] used in your database by: material my_li2zrcl6 "
        f"(ionic_conductivity); measurement {pk} on llzo (ionic_conductivity)")
