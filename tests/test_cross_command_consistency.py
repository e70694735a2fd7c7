"""One design, every command that shows its energy: `evaluate`, `screen` (the design as the one
point of a grid), `cost` (USD/kWh over an areal energy), the dashboard's metrics (the design
tab's evaluate path) and the report agree where they name the same quantity, on every bundled
example; where they differ on purpose (a bipolar stack costed per cell of its series stack),
the label says so. Every expected number is computed by the engines; the checks are
agreements."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DESIGNS = sorted(p.name for p in EXAMPLES.glob("*.yaml"))
BIPOLAR = EXAMPLES / "bipolar-nmc811-lpscl-li.yaml"
#: prices the knowledge base lacks for the bundled examples, given as a user gives them
#: (`--price ID=USD_PER_KG`): the user's assumptions in these tests, not data
USER_PRICES = {"vgcf": "50", "linbo3": "100", "peo_litfsi": "20", "mica": "10",
               "lipon": "100", "polyimide": "20"}


def _json(argv: list[str], capsys: Any, codes: tuple[int, ...] = (0,)) -> Any:
    code, out, err = run([*argv, "--json"], capsys)
    assert code in codes, err
    return json.loads(out)


def _prices(name: str) -> list[str]:
    text = (EXAMPLES / name).read_text("utf-8")
    return [a for k, v in USER_PRICES.items() if f" {k}" in text
            for a in ("--price", f"{k}={v}")]


def _space(tmp_path: Path, name: str) -> Path:
    """A one-point grid whose only design is ``name`` itself (its own separator thickness)."""
    t_um = CellDesign.from_file(EXAMPLES / name).separator.thickness_m * 1e6
    path = tmp_path / "space.yaml"
    path.write_text(f"base: {EXAMPLES / name}\nmethod: grid\nparameters:\n"
                    f"  separator.thickness_m: {{values: [{t_um!r} um]}}\n", "utf-8")
    return path


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    """`evaluate --json` with its level sections as the screen names their keys: "stack" /
    "Gravimetric energy density [W.h.kg-1]" is "Stack gravimetric energy density [...]"."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("stack", "cell", "pack") and isinstance(value, dict):
            for k, v in value.items():
                out[f"{key.capitalize()} {k[0].lower()}{k[1:]}"] = v
        else:
            out[key] = value
    return out


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("name", DESIGNS)
def test_a_screen_point_is_evaluate_of_the_design(name, tmp_path, capsys):
    """Each number a screen row shares with `evaluate --json` (by name) is the same number."""
    ev = _flat(_json(["evaluate", str(EXAMPLES / name)], capsys))
    rows = _json(["screen", str(_space(tmp_path, name))], capsys)["rows"]
    assert len(rows) == 1
    shared = [k for k, v in rows[0].items() if k in ev and not isinstance(v, str | bool)]
    assert "Cell gravimetric energy density [W.h.kg-1]" in shared  # the names do meet
    assert len(shared) > 30
    differ = {k: (rows[0][k], ev[k]) for k in shared if not _same(rows[0][k], ev[k])}
    assert not differ
    # and the screen cites what evaluate cites for its numbers
    screen_sources = _json(["screen", str(_space(tmp_path, name))], capsys)["sources"]
    assert set(ev["sources"]) <= set(screen_sources)


@pytest.mark.parametrize("name", DESIGNS)
def test_cost_is_the_screen_cost_over_evaluate_energy(name, tmp_path, capsys):
    """`cost` divides by evaluate's stack areal energy (per cell of a bipolar stack), and the
    screen's cost column of the design is `cost`'s number."""
    ev = _flat(_json(["evaluate", str(EXAMPLES / name)], capsys))
    cost = _json(["cost", str(EXAMPLES / name), *_prices(name)], capsys, codes=(0, 1))
    if cost["Cell cost [USD.kW.h-1]"] is None:  # no route (the 3D interdigitated example)
        assert cost["Reason"]
        return
    assert set(ev["sources"]) <= set(cost["sources"])  # the energy's sources, cited
    n = CellDesign.from_file(EXAMPLES / name).architecture.cells_in_series
    assert _same(cost["Areal energy [W.h.m-2]"], ev["Stack areal energy [W.h.m-2]"] / n)
    assert _same(cost["Cell cost [USD.kW.h-1]"], cost["Cost per area [USD.m-2]"]
                 / cost["Areal energy [W.h.m-2]"] * 1000.0)
    screen = _json(["screen", str(_space(tmp_path, name)), *_prices(name)], capsys)
    row = screen["rows"][0]
    assert _same(row["Cell cost [USD.kW.h-1]"], cost["Cell cost [USD.kW.h-1]"]), (
        row["Cell cost [USD.kW.h-1]"], cost["Cell cost [USD.kW.h-1]"])
    assert _same(row["Pack cost [USD.kW.h-1]"], cost["Pack cost [USD.kW.h-1]"])


def test_the_bipolar_cost_table_says_its_areal_energy_is_per_cell(capsys, monkeypatch):
    """The bipolar example: `evaluate` gives 6 cells in series 1093 Wh/m2 of stack areal
    energy, `cost` divides by one cell's 182 Wh/m2; the table said "areal energy (Wh/m2)" for
    the latter (before: the same words as the stack's)."""
    monkeypatch.setenv("COLUMNS", "200")
    ev = _flat(_json(["evaluate", str(BIPOLAR)], capsys))
    code, out, err = run(["cost", str(BIPOLAR), *_prices(BIPOLAR.name)], capsys)
    assert code == 0, err
    row = next(line for line in out.splitlines() if "areal energy" in line)
    assert "one cell of the bipolar stack" in row
    per_cell = ev["Stack areal energy [W.h.m-2]"] / 6
    assert f"{per_cell:.4g}" in row
    # a monopolar design keeps the plain label (its areal energy is evaluate's stack one)
    code, out, err = run(["cost", str(EXAMPLES / "ev-nmc811-lpscl-li.yaml"),
                          *_prices("ev-nmc811-lpscl-li.yaml")], capsys)
    assert "areal energy (Wh/m2)" in out


def test_the_bipolar_cost_json_says_its_areal_energy_is_per_cell(capsys):
    cost = _json(["cost", str(BIPOLAR), *_prices(BIPOLAR.name)], capsys)
    assert "cells in series" in cost["conventions"] or "per cell" in cost["conventions"]


@pytest.mark.parametrize("name", DESIGNS)
def test_dashboard_metrics_are_evaluate_s(name):
    """The design tab's metrics (report.summary.summarize, the dashboard's evaluate path) are
    the numbers of `evaluate`, in the unit each metric's label names."""
    from solidcell.app.server import METRICS, metric_value
    from solidcell.report.summary import summarize

    design = CellDesign.from_file(EXAMPLES / name)
    values = evaluate(design).to_json()
    summary = summarize(design)
    energy = summary.energy
    assert energy is not None
    assert set(values["sources"]) <= set(summary.sources)  # the page's "Sources:" line
    for mid, (key, label) in METRICS.items():
        section, _, inner = key.partition(" / ")
        expected = values[section][inner] if inner else values[key]
        shown = metric_value(mid, energy[key])
        if mid == "metric-areal-capacity":  # A.h/m2 shown in mAh/cm2 (10 A.h/m2 = 1 mAh/cm2)
            assert "[mAh/cm2]" in label
            expected = expected / 10.0
        assert _same(shown, expected), (mid, shown, expected)


def test_report_energy_and_sources_are_evaluate_s(tmp_path, capsys):
    """The report of the EV example shows evaluate's cell energy density and lists every
    source of evaluate (its "Sources" lines), each a key of the bibliography."""
    import html
    import re

    from solidcell.citations import bibliography

    ev_path = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
    ev = evaluate(CellDesign.from_file(ev_path))
    code, out, err = run(["report", str(ev_path), "--out", str(tmp_path), "--json"], capsys)
    assert code == 0, err
    text = html.unescape(Path(json.loads(out)["Report"]).read_text("utf-8"))
    listed = set(re.findall(r'href="#ref-([^"]+)"', text))  # the "Sources:" links
    assert set(ev.sources) <= listed
    assert listed <= set(bibliography())
    shown = f"{ev.level('cell')['Gravimetric energy density [W.h.kg-1]']:.4g}"
    assert shown in text


@pytest.mark.parametrize("name", DESIGNS)
def test_design_check_numbers_are_evaluate_s_under_the_same_key(name, capsys):
    """One key, one meaning: each number `design check --json` gives under a key that
    `evaluate --json` also gives is evaluate's number. The bipolar example's "Cell voltage
    [V]" was one cell's 3.8 V in `design check`, the series stack's 22.8 V in `evaluate` (its
    table, the dashboard and the report)."""
    checked = _json(["design", "check", str(EXAMPLES / name)], capsys)
    ev = _flat(_json(["evaluate", str(EXAMPLES / name)], capsys))
    shared = [k for k, v in checked.items() if k in ev and isinstance(v, int | float)]
    assert {"Cell voltage [V]", "Areal capacity [A.h.m-2]"} <= set(shared)
    assert set(LAYER_THICKNESS) <= set(shared)
    differ = {k: (checked[k], ev[k]) for k in shared if not _same(checked[k], ev[k])}
    assert not differ


#: layer thicknesses `design check` and `evaluate` both give
LAYER_THICKNESS = ("Cathode thickness [m]", "Anode thickness [m]")


def test_bipolar_layer_thickness_keys_mean_one_thing(capsys):
    """The layer keys are one repeat unit's everywhere: `evaluate`'s "Cathode thickness [m]"
    of the 6-cell bipolar example was the series stack's sum (6 x the design's layer), where
    `design check`, the report's design section and the design file give one cell's."""
    checked = _json(["design", "check", str(BIPOLAR)], capsys)
    ev = _flat(_json(["evaluate", str(BIPOLAR)], capsys))
    assert _same(checked["Cathode thickness [m]"], ev["Cathode thickness [m]"])
    design = CellDesign.from_file(BIPOLAR)
    assert _same(ev["Separator thickness [m]"], design.separator.thickness_m)
    summary = _summary(design)
    for key in ("Cathode thickness [m]", "Separator thickness [m]", "Anode thickness [m]"):
        assert _same(summary[key], ev[key]), key  # the report's design section
    # the stack holds cells in series of each layer: its thickness is n x their sum
    n = design.architecture.cells_in_series
    layers = sum(ev[k] for k in ("Cathode thickness [m]", "Separator thickness [m]",
                                 "Anode thickness [m]", "Current collector thickness [m]"))
    assert _same(ev["Stack thickness [m]"], n * layers)


def _summary(design: CellDesign) -> dict[str, Any]:
    from solidcell.report.summary import summarize

    return summarize(design).to_json()


def test_the_bipolar_screen_cost_is_solidcell_cost(tmp_path, capsys):
    """The bipolar example as the one point of a screen is costed as `solidcell cost` costs it
    (per cell of its series stack); the screen had no cost for bipolar stacks, and
    `CostModel.from_energy` costed the stack's layer sums (6 x one cell's)."""
    cost = _json(["cost", str(BIPOLAR), *_prices(BIPOLAR.name)], capsys)
    screen = _json(["screen", str(_space(tmp_path, BIPOLAR.name)), *_prices(BIPOLAR.name)],
                   capsys)
    row = screen["rows"][0]
    assert cost["Cell cost [USD.kW.h-1]"] is not None
    assert _same(row["Cell cost [USD.kW.h-1]"], cost["Cell cost [USD.kW.h-1]"])
    assert _same(row["Pack cost [USD.kW.h-1]"], cost["Pack cost [USD.kW.h-1]"])
