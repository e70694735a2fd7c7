"""Output conventions of the database listings and of `design check` (docs/conventions.md).

`processes --json` and `applications --json` are listings of an input database: they keep the
keys of the files they come from (not the "Name [unit]" keys of the results), so a process
dump is edited and read back with `--processes`; every value and source is the file's.
`design check`'s table shows the lab units of `evaluate`'s tables (um, mg/cm2, mAh/cm2,
through one table, ``cli._common.TABLE_UNITS``) while its `--json` stays SI, as `evaluate
--json` is."""

from __future__ import annotations

import json
import math
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from clirun import run
from solidcell import units
from solidcell.cli._common import TABLE_UNITS, table_row

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: planar, bipolar (series stack) and anode-free examples: the quantities check and evaluate share
DESIGNS = ("ev-nmc811-lpscl-li.yaml", "bipolar-nmc811-lpscl-li.yaml",
           "anode-free-nmc811-lpscl.yaml")
#: a key of a database file: its own field names and its ids, lowercase snake_case
FILE_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def _json(argv: list[str], capsys: Any) -> Any:
    code, out, err = run([*argv, "--json"], capsys)
    assert code == 0, err
    return json.loads(out)


def _keys(node: Any) -> list[str]:
    """Every key of every mapping in ``node``, at every depth."""
    if isinstance(node, dict):
        return [*node, *(k for v in node.values() for k in _keys(v))]
    if isinstance(node, list):
        return [k for v in node for k in _keys(v)]
    return []


def _same(yaml_value: Any, json_value: Any) -> bool:
    """The file's value shown in the JSON: YAML 1.1 reads '2.0e6' as text, the model as the
    number 2000000.0; anything else is equal as it is."""
    if isinstance(yaml_value, str) and isinstance(json_value, float):
        return float(yaml_value) == json_value
    return yaml_value == json_value


def _kept(yaml_node: Any, json_node: Any, path: str = "") -> list[str]:
    """Paths where the JSON loses or changes a value of the file (defaults it fills in are
    not the file's and are not compared)."""
    if isinstance(yaml_node, dict):
        if not isinstance(json_node, dict):
            return [path]
        return [p for k, v in yaml_node.items()
                for p in ([f"{path}.{k}"] if k not in json_node
                          else _kept(v, json_node[k], f"{path}.{k}"))]
    if isinstance(yaml_node, list):
        if not isinstance(json_node, list) or len(json_node) != len(yaml_node):
            return [path]
        return [p for i, (a, b) in enumerate(zip(yaml_node, json_node, strict=True))
                for p in _kept(a, b, f"{path}[{i}]")]
    return [] if _same(yaml_node, json_node) else [path]


def _curated_processes() -> Any:
    text = resources.files("solidcell.manufacturing").joinpath("data", "processes.yaml")
    return yaml.safe_load(text.read_text("utf-8"))


def test_processes_json_keeps_every_value_and_source_of_the_file(capsys):
    dump = _json(["processes"], capsys)
    assert _kept(_curated_processes(), dump) == []
    keys = set(_keys(dump))
    assert {"capital_cost_classes", "value", "unit", "method", "source", "note"} <= keys
    bad = sorted(k for k in keys if not FILE_KEY.match(k))
    assert bad == [], bad  # the file's own keys (docs/conventions.md), none renamed


def test_processes_json_reads_back_with_processes_unchanged(capsys, tmp_path: Path):
    """The reason the listing keeps the file's keys: its dump is a process database."""
    dump = _json(["processes"], capsys)
    path = tmp_path / "my-processes.json"
    path.write_text(json.dumps(dump), encoding="utf-8")
    assert _json(["processes", "--processes", str(path)], capsys) == dump


def _curated_applications() -> Any:
    text = resources.files("solidcell.screening.data").joinpath("applications.yaml")
    return yaml.safe_load(text.read_text("utf-8"))


def test_applications_json_keeps_every_value_and_source_of_the_file(capsys):
    listed = _json(["applications"], capsys)
    data = _curated_applications()
    assert list(listed) == list(data)
    for key, rec in data.items():
        shown = listed[key]
        assert shown["description"] == " ".join(rec["description"].split())
        assert _kept({k: v for k, v in rec.items() if k != "description"}, shown) == [], key
        # a requirement's key names the result it bounds in the results' own key
        for req in shown["requirements"]:
            assert re.fullmatch(r"[A-Z].* \[[^\[\]]+\]", req["key"]), req
    bad = sorted(k for k in _keys(listed) if not FILE_KEY.match(k))
    assert bad == [], bad


# --- design check: evaluate's lab units in the table, SI in the JSON -------------------------
def _rows(text: str) -> dict[str, list[str]]:
    """Label -> the other cells of every row of the rich tables in ``text``."""
    rows = {}
    for line in text.splitlines():
        bar = line[:1]
        if bar in ("│", "┃"):  # a row, or a header row
            cells = [c.strip() for c in line.strip(bar).split(bar)]
            rows[cells[0]] = cells[1:]
    return rows


def _tables(name: str, capsys: Any, monkeypatch: Any) -> tuple[dict, dict, dict, dict]:
    monkeypatch.setenv("COLUMNS", "200")  # one line per row, whatever runs the tests
    design = str(EXAMPLES / name)
    code, checked, err = run(["design", "check", design], capsys)
    assert code == 0, err
    code, evaluated, err = run(["evaluate", design], capsys)
    assert code == 0, err
    return (_rows(checked), _rows(evaluated), _json(["design", "check", design], capsys),
            _json(["evaluate", design], capsys))


@pytest.mark.parametrize("name", DESIGNS)
def test_design_check_table_shows_evaluate_s_units_and_numbers(name, capsys, monkeypatch):
    check, ev, _, _ = _tables(name, capsys, monkeypatch)
    # the same quantity, the same unit and the same shown number in both commands' tables
    assert check["Areal capacity (mAh/cm2)"] == ev["areal capacity (mAh/cm2)"]
    assert check["Cell voltage (V)"] == ev["cell voltage (V)"]
    assert "thickness (um)" in ev["component"]
    column = ev["component"].index("thickness (um)")
    assert check["Cathode thickness (um)"] == [ev["cathode"][column]]
    if "anode" in ev:
        assert check["Anode thickness (um)"] == [ev["anode"][column]]


@pytest.mark.parametrize("name", DESIGNS)
def test_design_check_json_stays_si_and_the_table_converts_it(name, capsys, monkeypatch):
    check, _, checked, evaluated = _tables(name, capsys, monkeypatch)
    assert checked["Cathode thickness [m]"] == evaluated["Cathode thickness [m]"]  # SI, as evaluate
    for key, value in checked.items():
        if key == "sources":
            continue
        label, _ = table_row(key, value)
        assert label in check, (key, label)
        si = re.search(r"\[([^\[\]]+)\]$", key)
        if si is not None and si[1] in TABLE_UNITS:
            kind, spelled, lab = TABLE_UNITS[si[1]]
            assert label.endswith(f"({lab})") and "[" not in label
            # the number shown is the JSON's in the lab unit (units.convert, 4 digits)
            expected = units.convert(units.parse(value, kind, spelled), kind, lab)
            assert float(check[label][0]) == pytest.approx(expected, rel=1e-3)


# --- the one table of lab units -------------------------------------------------------------
#: the lab unit in the SI unit, by definition of the SI prefixes (1 um = 1e-6 m, 1 g = 1e-3 kg,
#: 1 mg/cm2 = 1e-2 kg/m2, 1 mAh/cm2 = 10 A h/m2, 1 Ohm cm2 = 1e-4 Ohm m2)
FACTORS = {"m": 1e-6, "kg": 1e-3, "kg.m-2": 1e-2, "A.h.m-2": 10.0, "Ohm.m2": 1e-4}


@given(unit=st.sampled_from(sorted(FACTORS)),
       x=st.floats(min_value=1e-12, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_table_row_converts_each_si_unit_to_its_lab_unit(unit: str, x: float) -> None:
    label, shown = table_row(f"Some quantity [{unit}]", x)
    assert label == f"Some quantity ({TABLE_UNITS[unit][2]})"
    assert math.isclose(shown * FACTORS[unit], x, rel_tol=1e-12)


@pytest.mark.parametrize(("key", "value", "label"), [
    ("Cell voltage [V]", 3.8, "Cell voltage (V)"),  # no lab unit: the unit kept
    ("N/P ratio", 1.7, "N/P ratio"), ("Name", "EV", "Name"),  # no unit
    # no number to convert: the value kept (the table shows a dash), the label in um
    ("Cathode thickness [m]", math.nan, "Cathode thickness (um)"),
    ("Cathode thickness [m]", None, "Cathode thickness (um)")])
def test_table_row_keeps_what_it_does_not_convert(key: str, value: Any, label: str) -> None:
    assert table_row(key, value)[0] == label
    assert table_row(key, value)[1] is value
