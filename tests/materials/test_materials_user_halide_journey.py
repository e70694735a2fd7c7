"""A researcher adds the halide Li2ZrCl6 the knowledge base lacks, by the README's routes (a
YAML file with `materials add`, `materials measure`, the Python API), and every bad input is
refused naming what to write instead, losing nothing stored.

Value: 0.81 mS/cm at room temperature (Wang et al., Nat. Commun. 12, 2021, abstract;
`wang2021_li2zrcl6`), stored at 25 degC."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from clirun import assert_one_line_error, run

YAML = """id: my_li2zrcl6
name: Li2ZrCl6 (ball-milled)
formula: Li2ZrCl6
category: electrolyte
electrolyte_class: halide
properties:
  - {name: ionic_conductivity, value: 0.81, unit: mS/cm, temperature: 25 degC,
     method: measured, source: wang2021_li2zrcl6}
"""


@pytest.fixture
def added(tmp_path: Path, capsys) -> tuple[str, Path]:
    db = str(tmp_path / "db.sqlite")
    path = tmp_path / "lzc.yaml"
    path.write_text(YAML, encoding="utf-8")
    code, _, err = run(["materials", "add", str(path), "--db", db], capsys)
    assert code == 0, err
    return db, tmp_path


def _stored(db: str, open_store) -> list[str]:
    store = open_store(db)
    return [p.describe() for m in store.list(origin="user") for p in m.properties]


def test_units_and_query_and_cite(added, capsys, open_store) -> None:
    db, _ = added
    material = open_store(db).get("my_li2zrcl6")
    value = material.get("ionic_conductivity")
    assert value.si == pytest.approx(0.081)  # 0.81 mS/cm in S/m
    assert value.temperature == pytest.approx(298.15)  # 25 degC
    code, out, err = run(["materials", "query", "--class", "halide", "--property",
                          "ionic_conductivity", "--min", "0.5 mS/cm", "--db", db], capsys)
    assert code == 0 and "my_li2zrcl6" in out, err
    code, out, err = run(["cite", "my_li2zrcl6", "--db", db], capsys)
    assert code == 0 and "10.1038/s41467-021-24697-2" in out, err
    assert math.log10(value.si / 100) == pytest.approx(-3.0915, abs=1e-4)


@pytest.mark.parametrize(("change", "words"), [
    (None, ("already exists",)),  # the same file again: a duplicate id
    (("0.81,", "-0.81,"), ("must be > 0",)),
    (("mS/cm", "mS"), ("conductance, not an ionic conductivity",)),
    (("name: ionic_conductivity", "name: ionic_conductivty"),
     ("did you mean ionic_conductivity?",)),
    (("name: ionic_conductivity", "name: electrochemical_window"),
     ("reduction_limit and oxidation_limit",)),
    (("name: Li2ZrCl6", "name: [Li2ZrCl6"), ("not valid YAML",)),
])
def test_bad_files_are_refused_and_lose_nothing(added, capsys, open_store, change, words
                                                ) -> None:
    db, folder = added
    before = _stored(db, open_store)
    text = YAML if change is None else YAML.replace(*change)
    path = folder / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(["materials", "add", str(path), "--db", db], capsys)
    assert_one_line_error(code, out, err, *words)
    assert _stored(db, open_store) == before


@pytest.mark.parametrize(("args", "words"), [
    (["--property", "ionic_conductivity", "--value", "-0.81 mS/cm", "--temperature",
      "25 degC"], ("must be > 0",)),
    (["--property", "ionic_conductivity", "--value", "0.81 mS", "--temperature", "25 degC"],
     ("conductance",)),
    (["--property", "electrochemical_window", "--value", "4 V"],
     ("reduction_limit and oxidation_limit",)),
    (["--property", "activaton_energy", "--value", "0.3 eV"],
     ("did you mean activation_energy?",)),
])
def test_bad_measurements_are_refused(added, capsys, open_store, args, words) -> None:
    db, _ = added
    code, out, err = run(["materials", "measure", "my_li2zrcl6", *args, "--source", "lab",
                          "--db", db], capsys)
    assert_one_line_error(code, out, err, *words)
    assert open_store(db).measurements() == []


def test_python_api_refuses_a_misspelt_property_with_its_hint(added, open_store) -> None:
    from solidcell.errors import ValidationError

    db, _ = added
    with pytest.raises(ValidationError, match="did you mean ionic_conductivity"):
        open_store(db).query(property="ionic_conductivty", minimum="1 mS/cm")
